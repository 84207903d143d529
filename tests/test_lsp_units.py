"""The language server's parts in process: buffers, baselines, settings, edits."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from lsprotocol import types

from go_script_lint import engine
from go_script_lint.base.model import Risk
from go_script_lint.cli.main import main
from go_script_lint.engine.directory import run_directory
from go_script_lint.engine.unit import RuleSet
from go_script_lint.lsp.actions import code_actions
from go_script_lint.lsp.linting import WorkspaceLinter
from go_script_lint.lsp.settings import Settings, parse_settings
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY
from tests.harness import ROOT


def copy_example(tmp_path: Path, name: str) -> Path:
    shutil.copytree(ROOT / "examples" / name, tmp_path / name)
    return tmp_path / name


def test_buffers_stand_in_for_the_disk_only_where_given(tmp_path: Path) -> None:
    directory = copy_example(tmp_path, "sync-users")
    gomod = directory / "go.mod"
    edited = gomod.read_text().replace("\tgopkg.in/yaml.v3 v3.0.1\n", "")
    config = Config()
    ruleset = RuleSet(config.enabled_rules(REGISTRY))
    on_buffer = run_directory(
        directory, ruleset, config, srcroot=tmp_path, buffers={gomod: edited.encode()}
    )
    on_disk = run_directory(directory, ruleset, config, srcroot=tmp_path)
    cli = engine.run([str(directory)], ruleset.rules, config, srcroot=tmp_path)
    assert "GSL103" in {f.rule_id for f in on_buffer.findings}
    assert on_disk.findings == cli.findings
    gomod.write_text(edited)
    saved = run_directory(directory, ruleset, config, srcroot=tmp_path)
    assert saved.findings == on_buffer.findings


def test_baseline_hides_known_findings(tmp_path: Path) -> None:
    directory = copy_example(tmp_path, "rotate-logs")
    script = directory / "main.go"
    baseline = tmp_path / "baseline.json"
    result = CliRunner().invoke(
        main,
        [str(directory), "--srcroot", str(tmp_path), "--write-baseline", str(baseline)],
    )
    assert result.exit_code == 0, result.output
    linter = WorkspaceLinter(REGISTRY, Settings(baseline_path=baseline), [tmp_path])
    assert linter.lint(directory).findings == {}
    text = script.read_text().replace(
        "\tflag.Parse()\n", '\tflag.Parse()\n\tos.Remove("x")\n'
    )
    found = linter.lint(directory, {script: text.encode()}).findings[script]
    assert [(f.rule_id, f.location.region.start_line) for f in found] == [
        ("GSL301", 37)
    ]


def test_settings_take_good_values_and_report_bad_ones(tmp_path: Path) -> None:
    settings, problems = parse_settings(
        {
            "riskLevel": "high",
            "select": "GSL2, GSL301",
            "ignore": ["GSL999"],
            "baseline": "b.json",
            "debounce": -1,
            "colour": True,
        },
        REGISTRY,
        tmp_path,
    )
    assert settings.risk_level is Risk.HIGH
    assert settings.select == ("GSL2", "GSL301")
    assert settings.baseline_path == tmp_path / "b.json"
    assert settings.ignore == () and settings.debounce_ms == 200
    assert [p.split(":")[0] for p in problems] == [
        "initializationOptions.ignore",
        "initializationOptions.debounce",
        "initializationOptions.colour",
    ]


def test_a_broken_config_is_located_and_the_last_good_one_kept(
    tmp_path: Path,
) -> None:
    directory = copy_example(tmp_path, "rotate-logs")
    config = tmp_path / ".go-script-lint.yaml"
    config.write_text("ignore: [GSL301]\n")
    linter = WorkspaceLinter(REGISTRY, roots=[tmp_path])
    good = linter.lint(directory)
    broken = b"ignore: [GSL301]\nrisk-level: extreme\n"
    result = linter.lint(directory, {config: broken})
    assert result.config_problem is not None
    assert result.config_problem.region.start_line == 2
    assert "risk-level" in result.config_problem.message
    assert result.findings == good.findings
    assert "GSL301" not in {f.rule_id for fs in good.findings.values() for f in fs}
    assert linter.check_config(config, {config: broken}) == result.config_problem
    assert linter.check_config(config) is None


def diagnostic(code: str, line: int) -> types.Diagnostic:
    where = types.Position(line=line, character=1)
    return types.Diagnostic(
        range=types.Range(start=where, end=where),
        message="m",
        code=code,
        source="go-script-lint",
    )


def edits(actions: list[types.CodeAction], title: str) -> list[types.TextEdit]:
    action = next(a for a in actions if a.title == title)
    assert action.edit is not None and action.edit.changes is not None
    return list(next(iter(action.edit.changes.values())))


def test_suppressions_extend_comments_already_there() -> None:
    text = (
        "//go:script\n\n//go-script-lint:ignore-file GSL2 -- legacy\n\n"
        "// Doc.\npackage main\n\nfunc main() {\n"
        "\t//go-script-lint:ignore GSL302 -- fine\n\tos.Remove(x)\n}\n"
    )
    actions = code_actions(
        "file:///s.go", Path("/s.go"), text, [diagnostic("GSL301", 9)]
    )
    [line] = edits(actions, "Suppress GSL301 on this line")
    assert (line.range.start.line, line.range.start.character, line.new_text) == (
        8,
        31,
        ",GSL301",
    )
    [whole] = edits(actions, "Suppress GSL301 in this file")
    assert (whole.range.start.line, whole.range.start.character) == (2, 33)


def test_suppressions_are_added_in_each_file_kind() -> None:
    go = "//go:script\n\n// Doc.\npackage main\n\nfunc main() {\n\tos.Remove(x)\n}\n"
    actions = code_actions("file:///s.go", Path("/s.go"), go, [diagnostic("GSL301", 6)])
    [line] = edits(actions, "Suppress GSL301 on this line")
    assert line.new_text == "\t//go-script-lint:ignore GSL301 -- reason\n"
    [whole] = edits(actions, "Suppress GSL301 in this file")
    assert whole.range.start.line == 2
    assert whole.new_text == "//go-script-lint:ignore-file GSL301 -- reason\n\n"
    yaml = "name: x\nbogus: 1\n"
    actions = code_actions(
        "file:///go-script.yaml",
        Path("/go-script.yaml"),
        yaml,
        [diagnostic("GSL401", 1)],
    )
    [line] = edits(actions, "Suppress GSL401 on this line")
    assert line.new_text == "# go-script-lint:ignore GSL401 -- reason\n"
    gomod = "module x\r\n\r\ngo 1.22\r\n"
    actions = code_actions(
        "file:///go.mod", Path("/go.mod"), gomod, [diagnostic("GSL102", 2)]
    )
    [whole] = edits(actions, "Suppress GSL102 in this file")
    assert (whole.range.start.line, whole.new_text) == (
        0,
        "// go-script-lint:ignore-file GSL102 -- reason\r\n",
    )


def test_the_server_word_starts_the_server_and_paths_still_lint(
    monkeypatch, capsys
) -> None:
    from go_script_lint.cli.main import main

    with pytest.raises(SystemExit) as help_exit:
        main(["server", "--help"], prog_name="go-script-lint")
    assert help_exit.value.code == 0
    assert capsys.readouterr().out.startswith("Usage: go-script-lint server [OPTIONS]")
    with pytest.raises(SystemExit) as lint_exit:
        main([str(ROOT / "examples" / "rotate-logs")], prog_name="go-script-lint")
    assert lint_exit.value.code == 1
    assert "6 findings" in capsys.readouterr().out


def test_peer_suppression_comments_count_in_the_server(tmp_path: Path) -> None:
    # `#nosec G204` means GSL201 through the rule's foreign_ids, as in the CLI.
    (tmp_path / ".go-script-lint.yaml").write_text("foreign-suppressions: true\n")
    script = tmp_path / "main.go"
    run = '\t_ = exec.Command("sh", "-c", os.Args[1]).Run()'
    script.write_text(
        'package main\n\nimport (\n\t"os"\n\t"os/exec"\n)\n\nfunc main() {\n'
        f"{run} // #nosec G204 -- reviewed\n\tprintln()\n{run}\n}}\n"
    )
    linter = WorkspaceLinter(REGISTRY, roots=[tmp_path])
    found = linter.lint(tmp_path).findings[script]
    shown = [f.location.region.start_line for f in found if f.rule_id == "GSL201"]
    assert shown == [11]
