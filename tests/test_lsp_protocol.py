"""``go-script-lint server`` end to end, through a real LSP client over stdio.

Each test starts the server in a subprocess on a copy of an example, opens
documents, edits them (without saving) and compares what it publishes with
the CLI's JSON report for the same text.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from lsprotocol import types

from tests.harness import FIXTURES, ROOT
from tests.lsp_compare import cli_rows, diagnostic_rows, rows_of_file
from tests.lsp_session import Session, lsp_session, run

EXAMPLES = ROOT / "examples"

CLEAN_SCRIPT = """//go:script
//go:requires go 1.21

package main

import "fmt"

func main() {
\tfmt.Println("rotated")
}
"""


def workspace(tmp_path: Path, *names: str) -> Path:
    for name in names:
        shutil.copytree(EXAMPLES / name, tmp_path / name)
    return tmp_path


def apply_edits(text: str, edits: list[types.TextEdit]) -> str:
    """``text`` with LSP edits applied (ASCII text: characters are UTF-16 units)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(pos: types.Position) -> int:
        return starts[pos.line] + pos.character

    for edit in sorted(edits, key=lambda e: offset(e.range.start), reverse=True):
        start, end = offset(edit.range.start), offset(edit.range.end)
        text = text[:start] + edit.new_text + text[end:]
    return text


async def code_actions(
    session: Session, uri: str, diagnostic: types.Diagnostic
) -> list[types.CodeAction]:
    actions = await session.client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=diagnostic.range,
            context=types.CodeActionContext(diagnostics=[diagnostic]),
        )
    )
    return [a for a in actions or [] if isinstance(a, types.CodeAction)]


def edited(text: str, action: types.CodeAction, uri: str) -> str:
    assert action.edit is not None and action.edit.changes is not None
    return apply_edits(text, list(action.edit.changes[uri]))


def version_is(version: int):
    return lambda params: params.version == version


def test_open_fix_suppress_and_clear(tmp_path: Path) -> None:
    root = workspace(tmp_path, "sync-users", "rotate-logs")
    script = root / "sync-users" / "main.go"

    async def scenario() -> None:
        async with lsp_session(root) as session:
            uri = session.open(script)
            shown = await session.wait_for(uri, version_is(1))
            expected = cli_rows([script.parent], root)
            assert diagnostic_rows(uri, shown, root) == rows_of_file(
                expected, "sync-users/main.go"
            )
            assert all(d.code_description for d in shown)

            hover = await session.client.text_document_hover_async(
                types.HoverParams(
                    text_document=types.TextDocumentIdentifier(uri=uri),
                    position=shown[0].range.start,
                )
            )
            assert hover is not None and isinstance(hover.contents, types.MarkupContent)
            assert str(shown[0].code) in hover.contents.value

            # The certain fix of GSL406, applied to the unsaved buffer.
            tag = next(d for d in shown if d.code == "GSL406")
            fix = next(
                a for a in await code_actions(session, uri, tag) if a.is_preferred
            )
            text = edited(script.read_text(), fix, uri)
            session.replace_all(uri, text, 2)
            shown = await session.wait_for(uri, version_is(2))
            assert "GSL406" not in {d.code for d in shown}
            script.write_text(text)  # the CLI reads the disk
            assert diagnostic_rows(uri, shown, root) == rows_of_file(
                cli_rows([script.parent], root), "sync-users/main.go"
            )

            # Suppress one GSL301 on its line: the comment goes above it.
            dropped = next(d for d in shown if d.code == "GSL301")
            actions = await code_actions(session, uri, dropped)
            titles = [a.title for a in actions]
            assert "Suppress GSL301 in this file" in titles
            line = next(a for a in actions if a.title == "Suppress GSL301 on this line")
            text = edited(text, line, uri)
            assert "//go-script-lint:ignore GSL301 -- reason" in text
            session.replace_all(uri, text, 3)
            shown = await session.wait_for(uri, version_is(3))
            remaining = [d.range.start.line for d in shown if d.code == "GSL301"]
            assert dropped.range.start.line + 1 not in remaining

            # Edit a script to fix everything: its diagnostics are cleared.
            other = session.open(root / "rotate-logs" / "main.go")
            assert len(await session.wait_for(other, version_is(1))) == 6
            session.replace_all(other, CLEAN_SCRIPT, 2)
            assert await session.wait_for(other, version_is(2)) == []

    run(scenario())


def test_gomod_manifest_and_config_changes_relint(tmp_path: Path) -> None:
    root = workspace(tmp_path, "sync-users", "rotate-logs")
    unopened = root / "rotate-logs" / "main.go"
    directory = root / "sync-users"
    script, gomod, manifest = (
        directory / "main.go",
        directory / "go.mod",
        directory / "go-script.yaml",
    )
    config = root / ".go-script-lint.yaml"
    config.write_text("risk-level: medium\n")

    async def scenario() -> None:
        async with lsp_session(root, {"lintWorkspace": True}) as session:
            # The workspace is linted in the background, unopened files too.
            unopened_uri = unopened.resolve().as_uri()
            assert len(await session.wait_for(unopened_uri)) == 6
            # A change on disk to a file that is not open is picked up.
            unopened.write_text(CLEAN_SCRIPT)
            session.client.workspace_did_change_watched_files(
                types.DidChangeWatchedFilesParams(
                    changes=[
                        types.FileEvent(
                            uri=unopened_uri, type=types.FileChangeType.Changed
                        )
                    ]
                )
            )
            assert await session.wait_for(unopened_uri) == []

            uri = session.open(script)
            before = {d.code for d in await session.wait_for(uri, version_is(1))}
            assert "GSL103" not in before

            # go.mod loses a requirement the script declares: main.go is re-linted.
            gomod_uri = session.open(gomod)
            await session.wait_for(gomod_uri)
            text = gomod.read_text().replace("\tgopkg.in/yaml.v3 v3.0.1\n", "")
            session.replace_all(gomod_uri, text, 2)
            shown = await session.wait_for(
                uri, lambda p: any(d.code == "GSL103" for d in p.diagnostics)
            )
            gomod.write_text(text)
            assert diagnostic_rows(uri, shown, root) == rows_of_file(
                cli_rows([directory], root), "sync-users/main.go"
            )

            # An unknown manifest key is GSL401 at its line, from the buffer.
            manifest_uri = session.open(manifest)
            await session.wait_for(manifest_uri)
            session.replace_all(manifest_uri, manifest.read_text() + "bogus: 1\n", 2)
            shown = await session.wait_for(manifest_uri, version_is(2))
            bad = [d for d in shown if d.code == "GSL401"]
            assert bad and bad[0].range.start.line == len(
                manifest.read_text().splitlines()
            )

            # A broken config is shown on the config file; a fixed one is applied.
            config_uri = session.open(config, "risk-level: extreme\n")
            problem = await session.wait_for(config_uri, version_is(1))
            assert [
                (d.code, d.range.start.line, d.range.start.character) for d in problem
            ] == [("config", 0, 0)]
            session.replace_all(config_uri, "ignore: [GSL301]\n", 2)
            assert await session.wait_for(config_uri, version_is(2)) == []
            shown = await session.wait_for(
                uri, lambda p: not any(d.code == "GSL301" for d in p.diagnostics)
            )
            assert shown

    run(scenario())


def test_fixture_directories_over_the_protocol(tmp_path: Path) -> None:
    cases = {
        "GSL003": ("fixtures/rules/GSL003", ("GSL003", "GSL201", "GSL204")),
        "GSL103": ("fixtures/rules/GSL103/mod", ("GSL103",)),
        "GSL401": ("fixtures/rules/GSL401/duplicate", ("GSL401",)),
        "GSL404": ("fixtures/rules/GSL404/basic", ("GSL404",)),
    }
    select = sorted({rule for _, rules in cases.values() for rule in rules})

    async def scenario() -> None:
        options = {"select": select, "noConfig": True}
        async with lsp_session(FIXTURES, options) as session:
            for name, (folder, _) in cases.items():
                directory = ROOT / folder
                expected = cli_rows(
                    [directory], FIXTURES, "--select", ",".join(select), "--no-config"
                )
                files = sorted(
                    p
                    for p in directory.iterdir()
                    if p.suffix in (".go", ".mod", ".yaml") and p.name != "config.yaml"
                )
                for path in files:
                    uri = session.open(path)
                    shown = await session.wait_for(uri, version_is(1))
                    rel = path.relative_to(FIXTURES).as_posix()
                    assert diagnostic_rows(uri, shown, FIXTURES) == rows_of_file(
                        expected, rel
                    ), name
                    if name == "GSL003":
                        unused = [d for d in shown if d.code == "GSL003"]
                        assert unused and all(
                            list(d.tags or ()) == [types.DiagnosticTag.Unnecessary]
                            for d in unused
                        )

    run(scenario())
