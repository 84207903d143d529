"""The engine: runs rules over units and collects one deterministic result.

The enabled rules indexed for dispatch (``ruleset``), one directory's
analysis (``unit``), scheduling over worker processes and shards
(``scheduler``), the result cache (``cache``), suppression comments
(``suppress``), secrets masked before snippets are cut (``masking``),
baselines (``baseline``), applying fixes (``fixes``) and one directory's run
on an editor's unsaved buffers (``directory``).
Rules are passed in; the engine never imports ``rules``.
May import: ``base``, ``golang``, ``project``, ``analysis``, ``api``.
"""

from go_script_lint.engine.scheduler import run

__all__ = ["run"]
