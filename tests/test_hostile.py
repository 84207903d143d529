"""Hostile inputs: each ends in a finding or a notification, in bounded time and memory.

Most cases run the real CLI in-process (click's CliRunner; rule crashes are
re-raised because conftest sets ``GSL_RAISE_INTERNAL=1``). Cases that could
block (a FIFO) or use a lot of memory (20 MB, 50 MB) run in a subprocess with
a timeout and an address-space limit, so a regression fails instead of hanging
or swapping.
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from go_script_lint.cli.main import main

ROOT = Path(__file__).resolve().parent.parent
PROGRAM = (
    b'package main\n\nimport "os"\n\nfunc main() {\n\tos.RemoveAll(os.Args[1])\n}\n'
)
MANIFEST = "name: x\nversion: 1.0.0\nentrypoint: main.go\n"
COMMON = [
    "--format",
    "json",
    "--no-cache",
    "--no-config",
    "--jobs",
    "1",
    "--risk-level",
    "high",
]
MEMORY_LIMIT = 3 << 30  # address space of a subprocess run (Python + tree-sitter)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    path.write_bytes(data)
    return path


def lint(root: Path, *args: str, budget: float = 30.0) -> tuple[int, dict]:
    """Run the CLI in-process from ``root``; the report as JSON."""
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(root)
    started = time.monotonic()
    try:
        result = runner.invoke(main, [*args, *COMMON], catch_exceptions=True)
    finally:
        os.chdir(cwd)
    elapsed = time.monotonic() - started
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 1, 2), result.output
    assert elapsed < budget, f"took {elapsed:.1f} s"
    return result.exit_code, json.loads(result.stdout)


def lint_subprocess(root: Path, *args: str, timeout: float = 60.0) -> tuple[int, dict]:
    """Run the CLI in a child process, bounded in wall time and address space."""

    def limit() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))

    env = {**os.environ, "PYTHONPATH": str(ROOT), "GSL_RAISE_INTERNAL": "1"}
    proc = subprocess.run(
        [sys.executable, "-m", "go_script_lint", *args, *COMMON],
        cwd=root,
        capture_output=True,
        timeout=timeout,
        preexec_fn=limit,
        env=env,
        check=False,
    )
    assert proc.returncode in (0, 1, 2), proc.stderr.decode(errors="replace")[-2000:]
    return proc.returncode, json.loads(proc.stdout)


def findings(report: dict, rule_id: str | None = None) -> list[dict]:
    return [f for f in report["findings"] if rule_id is None or f["ruleId"] == rule_id]


def no_internal_errors(report: dict) -> None:
    internal = [
        n for n in report["notifications"] if n.get("descriptor") == "internal-error"
    ]
    assert not internal, internal


# -- Go sources ---------------------------------------------------------------


def test_ten_thousand_nested_parentheses_and_blocks(tmp_path: Path) -> None:
    depth = 10_000
    chain = " + ".join(['"a"'] * depth)
    source = (
        'package main\n\nimport "os"\n\n'
        f"var x = {'(' * depth}1{')' * depth}\n\n"
        f"func main() {{\n\tos.RemoveAll({'(' * depth}os.Args[1]{')' * depth})\n"
        f"\t{'{' * depth}{'}' * depth}\n"
        # a left-deep chain of 10,000 `+`: constant folding must not recurse per operand
        f"\tos.RemoveAll({chain})\n}}\n"
    )
    write(tmp_path / "main.go", source)
    code, report = lint(tmp_path, ".")
    no_internal_errors(report)
    assert code in (0, 1)
    assert not findings(report, "GSL001")
    assert [f["line"] for f in findings(report, "GSL203")][:1] == [8]


def test_ten_thousand_unclosed_parentheses(tmp_path: Path) -> None:
    write(tmp_path / "main.go", "package main\n\nvar x = " + "(" * 10_000 + "\n")
    code, report = lint(tmp_path, ".")
    no_internal_errors(report)
    assert code == 1
    assert findings(report, "GSL001")


@pytest.mark.slow
def test_twenty_megabyte_file_is_skipped_by_the_size_budget(tmp_path: Path) -> None:
    chunk = "".join(
        f'func f{i}() {{\n\t_ = os.RemoveAll("/tmp/x{i}")\n\tx := []int{{1, 2, 3}}\n\t_ = x\n}}\n\n'
        for i in range(2000)
    )
    with (tmp_path / "main.go").open("w") as out:
        out.write('package main\n\nimport "os"\n\n')
        n = 0
        while out.tell() < 20_000_000:
            out.write(chunk.replace("func f", f"func g{n}_"))
            n += 1
    code, report = lint_subprocess(tmp_path, ".")
    assert code == 2
    (finding,) = findings(report, "GSL002")
    assert "budget" in finding["message"]
    assert [n["path"] for n in report["notifications"]] == ["main.go"]


@pytest.mark.slow
def test_twenty_megabyte_generated_file_is_skipped_quickly(tmp_path: Path) -> None:
    body = "var t = []int{" + "1, " * 6_700_000 + "}\n"
    write(
        tmp_path / "tables.go",
        "// Code generated by hand. DO NOT EDIT.\n\npackage main\n\n" + body,
    )
    code, report = lint_subprocess(
        tmp_path, ".", "--config", str(_budget_config(tmp_path))
    )
    assert code == 0
    assert report["findings"] == []


def _budget_config(tmp_path: Path) -> Path:
    # Raise the size budget so the generated-file check (not the size) decides.
    return write(tmp_path / "cfg" / "lint.yaml", "max-file-bytes: 100000000\n")


def test_file_time_budget_skips_and_reports(tmp_path: Path) -> None:
    write(tmp_path / "main.go", PROGRAM)
    write(tmp_path / "cfg.yaml", "file-time-budget: 0.000000001\n")
    runner = CliRunner()
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        args = [".", "--config", "cfg.yaml", *[a for a in COMMON if a != "--no-config"]]
        result = runner.invoke(main, args)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2, result.output
    report = json.loads(result.stdout)
    assert [f["ruleId"] for f in report["findings"]] == ["GSL002"]
    assert "second budget" in report["findings"][0]["message"]
    assert report["notifications"][0]["path"] == "main.go"


def test_five_megabyte_single_line(tmp_path: Path) -> None:
    write(
        tmp_path / "main.go",
        'package main\n\nvar s = "' + "a" * 5_000_000 + '"; func main() {}\n',
    )
    code, report = lint(tmp_path, ".")
    no_internal_errors(report)
    assert code == 0, report


def test_nul_bytes(tmp_path: Path) -> None:
    write(tmp_path / "main.go", PROGRAM.replace(b"func main", b"\x00func main"))
    code, report = lint(tmp_path, ".")
    no_internal_errors(report)
    assert code == 1
    (parse_error,) = findings(report, "GSL001")
    assert "\\x00" in parse_error["message"]
    assert findings(report, "GSL203"), "the rest of the file is still analysed"


def test_binary_file_is_not_analysed(tmp_path: Path) -> None:
    write(tmp_path / "main.go", bytes(range(256)) * 64)
    code, report = lint(tmp_path, ".")
    assert code == 2
    assert [f["ruleId"] for f in report["findings"]] == ["GSL002"]


def test_invalid_utf8_is_a_warning_and_still_analysed(tmp_path: Path) -> None:
    write(
        tmp_path / "main.go",
        PROGRAM.replace(b"package main", b"package main // \xff\xfe"),
    )
    code, report = lint(tmp_path, ".")
    assert code == 1
    (warning,) = findings(report, "GSL002")
    assert (warning["level"], warning["line"], warning["column"]) == ("warning", 1, 17)
    assert findings(report, "GSL203")


def _same_file_reports(
    tmp_path: Path, variants: dict[str, bytes]
) -> dict[str, list[tuple]]:
    out = {}
    for name, data in variants.items():
        write(tmp_path / name / "main.go", data)
        _, report = lint(tmp_path / name, ".")
        out[name] = [
            (
                f["ruleId"],
                f["line"],
                f["column"],
                f["endLine"],
                f["endColumn"],
                f["fingerprint"],
                f["lineHash"],
            )
            for f in report["findings"]
        ]
    return out


def test_bom_crlf_and_lone_cr_keep_positions_and_fingerprints(tmp_path: Path) -> None:
    reports = _same_file_reports(
        tmp_path,
        {
            "lf": PROGRAM,
            "bom": b"\xef\xbb\xbf" + PROGRAM,
            "crlf": PROGRAM.replace(b"\n", b"\r\n"),
            "cr": PROGRAM.replace(b"\n", b"\r"),
        },
    )
    assert reports["lf"], "the program has findings"
    assert {r[:3] for r in reports["lf"]} == {(r, 6, 2) for r in ("GSL203", "GSL301")}
    for name in ("bom", "crlf", "cr"):
        assert reports[name] == reports["lf"], name


def test_parse_error_after_lone_cr_points_at_one_line(tmp_path: Path) -> None:
    write(tmp_path / "main.go", b"package main\r\rfunc main() {\r\tx := )\r}\r")
    _, report = lint(tmp_path, ".")
    errors = findings(report, "GSL001")
    assert errors
    assert all(f["line"] == f["endLine"] for f in errors)
    assert errors[0]["line"] == 4


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_is_not_analysed(tmp_path: Path, encoding: str) -> None:
    write(tmp_path / "main.go", PROGRAM.decode().encode(encoding))
    code, report = lint(tmp_path, ".")
    assert code == 2
    assert [(f["ruleId"], f["line"]) for f in report["findings"]] == [("GSL002", 1)]
    assert "UTF-16" in report["findings"][0]["message"]


def test_empty_file_is_a_missing_package_clause(tmp_path: Path) -> None:
    write(tmp_path / "main.go", b"")
    code, report = lint(tmp_path, ".")
    assert code == 1
    assert [(f["ruleId"], f["line"], f["column"]) for f in report["findings"]] == [
        ("GSL001", 1, 1)
    ]


def test_directory_named_x_go(tmp_path: Path) -> None:
    (tmp_path / "x.go").mkdir()
    write(tmp_path / "x.go" / "inner.go", PROGRAM)
    write(tmp_path / "main.go", PROGRAM)
    code, report = lint(tmp_path, ".")
    assert code == 2
    assert ("GSL002", "x.go") in {(f["ruleId"], f["path"]) for f in report["findings"]}
    assert {f["path"] for f in findings(report, "GSL203")} == {
        "main.go",
        "x.go/inner.go",
    }
    # Named explicitly, a directory is a directory to scan, whatever its name.
    code, report = lint(tmp_path, "x.go")
    assert code == 1
    assert {f["path"] for f in report["findings"]} == {"x.go/inner.go"}


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_does_not_block(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.go")
    write(tmp_path / "main.go", PROGRAM)
    code, report = lint_subprocess(tmp_path, ".", timeout=60)
    assert code == 2
    assert ("GSL002", "pipe.go") in {
        (f["ruleId"], f["path"]) for f in report["findings"]
    }
    code, report = lint_subprocess(tmp_path, "pipe.go", timeout=60)
    assert code == 2
    assert [f["ruleId"] for f in report["findings"]] == ["GSL002"]


def test_unreadable_file(tmp_path: Path) -> None:
    path = write(tmp_path / "main.go", PROGRAM)
    path.chmod(0)
    try:
        if os.access(path, os.R_OK):
            pytest.skip("running as root: chmod 0 does not stop reading")
        code, report = lint(tmp_path, ".")
    finally:
        path.chmod(0o644)
    assert code == 2
    assert [f["ruleId"] for f in report["findings"]] == ["GSL002"]
    assert "Permission denied" in report["findings"][0]["message"]


def test_unreadable_directory(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    write(locked / "main.go", PROGRAM)
    locked.chmod(0)
    try:
        if os.access(locked, os.R_OK):
            pytest.skip("running as root: chmod 0 does not stop reading")
        code, report = lint(tmp_path, ".")
    finally:
        locked.chmod(0o755)
    assert code == 2
    assert report["notifications"]


def test_symlink_loops(tmp_path: Path) -> None:
    write(tmp_path / "main.go", PROGRAM)
    os.symlink("b.go", tmp_path / "a.go")
    os.symlink("a.go", tmp_path / "b.go")
    os.symlink(".", tmp_path / "self")
    os.symlink("..", tmp_path / "parent")
    code, report = lint(tmp_path, ".")
    assert code == 2
    assert {f["path"] for f in findings(report, "GSL002")} == {"a.go", "b.go"}
    assert {f["path"] for f in findings(report, "GSL203")} == {"main.go"}
    code, report = lint(tmp_path, "a.go")
    assert code == 2


def test_symlink_outside_the_root_is_not_followed_unless_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    write(outside / "o.go", PROGRAM)
    scanned = tmp_path / "scanned"
    write(scanned / "main.go", b"package main\n\nfunc main() {}\n")
    os.symlink(outside / "o.go", scanned / "link.go")
    os.symlink(outside, scanned / "linkdir")
    code, report = lint(scanned, ".")
    assert code == 0
    assert report["findings"] == []
    notes = {(n["path"], n["level"]) for n in report["notifications"]}
    assert notes == {("link.go", "note"), ("linkdir", "note")}
    code, report = lint(scanned, ".", "--follow-symlinks")
    assert code == 1
    assert {f["path"] for f in findings(report, "GSL203")} == {
        "link.go",
        "linkdir/o.go",
    }


# -- manifests ----------------------------------------------------------------


def _manifest_case(tmp_path: Path, manifest: str | bytes) -> tuple[int, dict]:
    write(tmp_path / "main.go", b"package main\n\nfunc main() {}\n")
    write(tmp_path / "go-script.yaml", manifest)
    code, report = lint(tmp_path, ".")
    no_internal_errors(report)
    return code, report


def test_yaml_alias_bomb(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [
        f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)
    ]
    nested = MANIFEST + "parameters: &p [" + ", ".join(["*a9"] * 9) + "]\n"
    code, report = _manifest_case(tmp_path, "\n".join(lines) + "\n" + nested)
    assert code in (1, 2)
    assert report["findings"] or report["notifications"]


def test_yaml_ten_thousand_nesting_levels(tmp_path: Path) -> None:
    depth = 10_000
    for name, text in {
        "seq": MANIFEST + "parameters: " + "[" * depth + "]" * depth + "\n",
        "map": MANIFEST + "sandbox: " + "{a: " * depth + "1" + "}" * depth + "\n",
    }.items():
        code, report = _manifest_case(tmp_path / name, text)
        assert code in (1, 2), name
        assert findings(report, "GSL401") or report["notifications"], name


def test_yaml_duplicate_keys(tmp_path: Path) -> None:
    code, report = _manifest_case(tmp_path, MANIFEST + "name: y\n")
    assert code == 1
    (dup,) = findings(report, "GSL401")
    assert dup["line"] == 4


def test_yaml_invalid_utf8_and_binary(tmp_path: Path) -> None:
    for name, data in {
        "bad": MANIFEST.encode() + b"x: \xff\xfe\n",
        "nul": b"\x00" * 100,
    }.items():
        code, report = _manifest_case(tmp_path / name, data)
        assert code in (1, 2), name
        assert report["findings"] or report["notifications"], name


@pytest.mark.slow
def test_fifty_megabyte_manifest(tmp_path: Path) -> None:
    write(tmp_path / "main.go", b"package main\n\nfunc main() {}\n")
    with (tmp_path / "go-script.yaml").open("w") as out:
        out.write(MANIFEST + "parameters:\n")
        entry = "  - name: p{}\n    type: string\n    enum: [a, b, c, d, e, f, g, h]\n"
        i = 0
        while out.tell() < 50_000_000:
            out.write("".join(entry.format(i * 1000 + j) for j in range(1000)))
            i += 1
    code, report = lint_subprocess(tmp_path, ".")
    assert code in (1, 2)
    assert report["findings"] or report["notifications"]


def test_file_time_budget_must_be_a_number(tmp_path: Path) -> None:
    write(tmp_path / "main.go", PROGRAM)
    write(tmp_path / "cfg.yaml", "file-time-budget: soon\n")
    result = CliRunner().invoke(
        main, [str(tmp_path), "--config", str(tmp_path / "cfg.yaml")]
    )
    assert result.exit_code == 2
    assert "file-time-budget" in result.stderr
