"""The docs' commands work as written and their shown outputs are real (scripts/doc_outputs.py)."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path
from types import ModuleType

import pytest

from go_script_lint import __version__
from tests.harness import ROOT


def _doc_outputs() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "doc_outputs", ROOT / "scripts" / "doc_outputs.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["doc_outputs"] = module
    spec.loader.exec_module(module)
    return module


DOC_OUTPUTS = _doc_outputs()
DOCUMENTS = DOC_OUTPUTS.documents()


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_documented_commands_run_and_outputs_are_current(path: Path) -> None:
    problems = DOC_OUTPUTS.check_file(path)
    assert not problems, "\n".join(f"{p.line}: {p.message}" for p in problems) + (
        "\n(python scripts/doc_outputs.py --update regenerates shown outputs)"
    )


def test_every_shell_block_is_run_or_marked_illustrative() -> None:
    run = illustrative = 0
    for path in DOCUMENTS:
        for block in DOC_OUTPUTS.blocks(path.read_text(encoding="utf-8")):
            if block.lang in DOC_OUTPUTS.SHELL_LANGS or block.is_session:
                if block.illustrative:
                    illustrative += 1
                else:
                    run += 1
            elif block.lang in ("", "text") and any(
                line.startswith("go-script-lint ") and "[" in line
                for line in block.lines
            ):
                # Listings of findings must be sessions, so they are regenerated.
                first = block.lines[0] if block.lines else ""
                assert not re.match(r"^\S+:\d+:\d+: GSL\d{3} \[", first), (
                    f"{path.name}:{block.start}: a findings listing without a `$ ` command"
                )
    assert run >= 5 and illustrative >= 2


def test_the_three_commands_the_issue_found_broken_now_work(tmp_path: Path) -> None:
    sandbox = DOC_OUTPUTS.make_sandbox()
    code, out = DOC_OUTPUTS.run("go-script-lint explain GSL201", sandbox)
    assert code == 0 and out.startswith("# GSL201 shell-exec")
    (sandbox / "s.go").write_text(
        'package main\n\nimport "os"\n\nfunc main() {\n'
        '\t//go-script-lint:ignore GSL204 -- stale\n\t_ = os.Getenv("X")\n}\n'
    )
    code, out = DOC_OUTPUTS.run("go-script-lint s.go --select GSL003", sandbox)
    assert code == 1 and "GSL003" in out


def test_versioned_references_follow_the_tag_scheme() -> None:
    tag = f"v{__version__}"
    pattern = re.compile(
        r"go-script-lint/go-script-lint@([\w.\-]+)|^\s*#?\s*rev:\s*(\S+)", re.M
    )
    found = 0
    for path in [*DOCUMENTS, ROOT / ".pre-commit-hooks.yaml"]:
        for match in pattern.finditer(path.read_text(encoding="utf-8")):
            ref = match.group(1) or match.group(2)
            found += 1
            assert ref == tag, f"{path.name}: `{ref}` is not the release tag {tag}"
    assert found >= 5
