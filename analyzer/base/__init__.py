"""Base: the data every other layer speaks, with no parsing and no I/O policy.

Findings, locations, levels and run results (``model``), the rule catalog
entry (``rule``), source decoding and line indexes (``source``), SARIF
fingerprints (``fingerprint``), position-keeping YAML loading (``yamlpos``,
``mark_positions``), typed keys for memoised facts (``memo``) and the
in-memory file contents an editor's unsaved buffers put over the disk
(``overlay``).
May import: the standard library and third-party packages only.
"""
