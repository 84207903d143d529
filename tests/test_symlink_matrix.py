"""The symlink matrix of docs/security.md: every kind of input, linked inside or
outside the scanned root, with and without ``--follow-symlinks``.

Outside the root and not followed, nothing of the target is read: the secret
it holds never reaches the report, and a note (or a GSL409 finding, for the
files a manifest names) says why. Inside the root, or with
``--follow-symlinks``, the target is analysed like any other file.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from go_script_lint.cli.main import main

SECRET = "SECRET_TOKEN=hunter2-0123"
PROGRAM = (
    'package main\n\nimport "os"\n\nfunc main() {\n\tos.RemoveAll(os.Args[1])\n}\n'
)
MANIFEST = "name: x\nversion: 1.0.0\nentrypoint: main.go\n"
OPENAPI = "openapi: 3.0.3\ninfo: {title: t, version: 1.0.0}\npaths: {}\n"


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def lint(root: Path, *args: str) -> tuple[int, dict, str]:
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(
            main,
            [".", "--format", "json", "--no-cache", "--no-config", "-j", "1", *args],
        )
    finally:
        os.chdir(cwd)
    return result.exit_code, json.loads(result.stdout), result.output


def ids(report: dict) -> set[tuple[str, str]]:
    return {(f["ruleId"], f["path"]) for f in report["findings"]}


def notes(report: dict) -> set[str]:
    return {n["path"] for n in report["notifications"] if n["level"] == "note"}


# Each kind: build the repo with its link to ``target`` (a file or directory
# made by ``make_target``), then say what a *read* looks like in the report.
Setup = Callable[[Path, Path], None]


def _target_file(text: str) -> Callable[[Path], Path]:
    return lambda where: write(where / "target", text)


KINDS: dict[str, tuple[Callable[[Path], Path], Setup, Callable[[dict], bool]]] = {
    "go-file": (
        _target_file(PROGRAM.replace("func main", f"// {SECRET}\nfunc main")),
        lambda root, target: os.symlink(target, root / "link.go"),
        lambda r: ("GSL203", "link.go") in ids(r),
    ),
    "go.mod": (
        _target_file(f"module example.com/x\n\n{SECRET}\n"),
        lambda root, target: os.symlink(target, root / "go.mod"),
        lambda r: any(f["path"] == "go.mod" for f in r["findings"]),
    ),
    "manifest": (
        _target_file(f"name: x\nversion: 1.0.0\nentrypoint: main.go\n{SECRET}: 1\n"),
        lambda root, target: os.symlink(target, root / "go-script.yaml"),
        lambda r: ("GSL401", "go-script.yaml") in ids(r),
    ),
    "openapi": (
        _target_file(OPENAPI + f"x-secret: {SECRET}\n"),
        lambda root, target: (
            write(root / "go-script.yaml", MANIFEST + "openapi: api.yaml\n"),
            os.symlink(target, root / "api.yaml"),
        ),
        lambda r: ("GSL409", "go-script.yaml") not in ids(r),
    ),
    "entrypoint": (
        _target_file(PROGRAM),
        lambda root, target: (
            write(root / "go-script.yaml", MANIFEST.replace("main.go", "cmd.go")),
            os.symlink(target, root / "cmd.go"),
        ),
        lambda r: ("GSL409", "go-script.yaml") not in ids(r),
    ),
    "directory": (
        lambda where: write(where / "dir" / "o.go", PROGRAM).parent,
        lambda root, target: os.symlink(target, root / "linkdir"),
        lambda r: ("GSL203", "linkdir/o.go") in ids(r),
    ),
}


@pytest.mark.parametrize("follow", [False, True], ids=["no-follow", "follow"])
@pytest.mark.parametrize("where", ["inside", "outside"])
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_symlink_matrix(kind: str, where: str, follow: bool, tmp_path: Path) -> None:
    make_target, link, was_read = KINDS[kind]
    root = tmp_path / "repo"
    write(root / "main.go", PROGRAM)
    target = make_target(root / "data" if where == "inside" else tmp_path / "outside")
    link(root, target)
    _, report, output = lint(root, *(["--follow-symlinks"] if follow else []))
    if where == "outside" and not follow:
        assert SECRET not in output
        assert not was_read(report)
        # A note for discovered files; GSL409 for the files a manifest names.
        refused = notes(report) | {
            f["path"] for f in report["findings"] if "outside" in f["message"]
        }
        assert refused, report
    else:
        assert was_read(report), report


@pytest.mark.parametrize("follow", [False, True], ids=["no-follow", "follow"])
def test_schema_ref_to_another_file_is_never_followed(
    follow: bool, tmp_path: Path
) -> None:
    write(tmp_path / "outside" / "secret.json", json.dumps({"x": {"enum": [SECRET]}}))
    root = tmp_path / "repo"
    write(root / "main.go", PROGRAM)
    schema = {
        "type": "object",
        "properties": {"mode": {"$ref": "../outside/secret.json#/x"}},
    }
    write(root / "schema.json", json.dumps(schema))
    args = ["--schema-path", "schema.json", *(["--follow-symlinks"] if follow else [])]
    _, report, output = lint(root, *args)
    assert SECRET not in output
    assert any("is not followed" in f["message"] for f in report["findings"])


def test_openapi_and_entrypoint_outside_read_nothing_and_say_the_same(
    tmp_path: Path,
) -> None:
    root = tmp_path / "repo"
    write(root / "main.go", PROGRAM)
    messages = []
    for target in ("/etc/passwd", "/etc/no-such-file", "../../outside/x.yaml"):
        write(root / "go-script.yaml", f"{MANIFEST}openapi: {target}\n")
        _, report, _ = lint(root)
        (finding,) = [f for f in report["findings"] if f["ruleId"] == "GSL409"]
        messages.append(finding["message"].replace(target, "T"))
    assert len(set(messages)) == 1
    assert "outside" in messages[0]


def test_the_size_caps_are_documented() -> None:
    from go_script_lint.base.safe_io import MIB, Kind

    text = (Path(__file__).resolve().parent.parent / "docs" / "security.md").read_text()
    for kind in Kind:
        if kind is Kind.GO_SOURCE:
            continue  # documented through `max-file-bytes`
        row = rf"^\| {re.escape(kind.label)} +\| {kind.max_bytes // MIB} MiB +\|$"
        assert re.search(row, text, re.M), kind


@pytest.mark.parametrize("dangling", [True, False], ids=["dangling", "to-a-file"])
def test_init_manifest_never_writes_or_reads_through_a_link_outside(
    dangling: bool, tmp_path: Path
) -> None:
    outside = tmp_path / "outside" / "secret.yaml"
    if not dangling:
        write(outside, f"{SECRET}: 1\n")
    else:
        outside.parent.mkdir(parents=True)
    root = tmp_path / "repo"
    write(root / "main.go", "package main\n\nfunc main() {}\n")
    os.symlink(outside, root / "go-script.yaml")
    cwd = os.getcwd()
    os.chdir(root)
    try:
        result = CliRunner().invoke(main, [".", "--init-manifest", "--no-config"])
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2, result.output
    assert SECRET not in result.output
    assert outside.exists() is not dangling  # nothing created through the link


def test_roots_resolve_paths_as_realpath_does(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Roots resolve a file's directory once a run; the answer must stay
    # os.path.realpath's for linked files, linked directories, `..` and
    # missing leaves alike.
    from go_script_lint.base.safe_io import Roots

    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "out").mkdir()
    (tmp_path / "a" / "b" / "x.go").touch()
    (tmp_path / "out" / "y.go").touch()
    os.symlink(tmp_path / "out", tmp_path / "a" / "linkdir")
    os.symlink(tmp_path / "out" / "y.go", tmp_path / "a" / "b" / "link.go")
    os.symlink("../..", tmp_path / "a" / "b" / "up")
    monkeypatch.chdir(tmp_path)
    roots = Roots.of([tmp_path / "a"])
    inside = {
        "a/b/x.go": True,
        "a/linkdir/y.go": False,
        "a/b/link.go": False,
        "a/b/up/out/y.go": False,
        "a/b/../b/x.go": True,
        "a/b/missing.go": True,
        "a/b/up": False,
        "a/b/..": True,
        "a/b/up/a/b/x.go": True,
    }
    for path, expected in inside.items():
        assert roots._realpath(path) == os.path.realpath(path), path
        assert roots.contains(path) is expected, path
