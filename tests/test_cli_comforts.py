"""The comforts linter users expect: one test per comfort (issue: "works on the first try")."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from go_script_lint.cli.main import main
from go_script_lint.cli.terminal import Progress, show_progress, use_color

DANGER = 'package main\n\nimport "os"\n\nfunc main() {\n\tif err := os.RemoveAll(os.Args[1]); err != nil {\n\t\tpanic(err)\n\t}\n\tos.Setenv("PATH", "x")\n}\n'
SUPPRESSED = 'package main\n\nimport "os"\n\nfunc main() {\n\t//go-script-lint:ignore GSL204 -- nothing to suppress here\n\t_ = os.Getenv("HOME")\n}\n'
FIXABLE = "//go:script\n//go:require go 1.21\n\npackage main\n\nfunc main() {}\n"
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def _invoke(
    *args: str, stdin: str | bytes | None = None, env: dict[str, str] | None = None
):
    return CliRunner().invoke(
        main, list(args), input=stdin, env=env, catch_exceptions=False
    )


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / "a.go").write_text(DANGER)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    return tmp_path


def test_concise_prints_one_line_per_finding(project: Path) -> None:
    result = _invoke(".", "--no-config", "--format", "concise")
    lines = result.output.splitlines()
    assert result.exit_code == 1
    findings = [line for line in lines if re.match(r"^\S+:\d+:\d+: GSL\d{3} \[", line)]
    assert findings == [
        "a.go:6:12: GSL203 [error] `os.RemoveAll` deletes a path from command-line arguments (`os.Args[1]`)",
        "a.go:9:2: GSL204 [error] `os.Setenv` sets `PATH`, which decides what code runs",
        "a.go:9:2: GSL301 [warning] Unchecked error from `os.Setenv`",
    ]
    assert lines[-1].startswith("3 findings (2 errors, 1 warning")


def test_statistics_counts_per_rule_most_frequent_first(project: Path) -> None:
    (project / "b.go").write_text(DANGER.replace("func main", "func other"))
    result = _invoke(".", "--no-config", "--statistics")
    rows = [line.split()[:2] for line in result.output.splitlines()[:-1]]
    assert rows == [["2", "GSL203"], ["2", "GSL204"], ["2", "GSL301"]]
    assert result.output.splitlines()[-1] == "6 findings in 2 files"
    assert result.exit_code == 1


def test_extend_select_adds_to_the_default_rules(project: Path) -> None:
    (project / "b.go").write_text(SUPPRESSED)
    default = _invoke(".", "--no-config", "--format", "concise")
    extended = _invoke(
        ".", "--no-config", "--format", "concise", "--extend-select", "GSL003"
    )
    assert "GSL003" not in default.output
    assert "b.go:6:2: GSL003 [note]" in extended.output
    assert "GSL203" in extended.output  # the default rules still run


def test_select_gsl003_alone_reports_unused_suppressions(project: Path) -> None:
    (project / "b.go").write_text(SUPPRESSED)
    result = _invoke(".", "--no-config", "--format", "concise", "--select", "GSL003")
    ids = re.findall(r": (GSL\d{3}) \[", result.output)
    assert ids == ["GSL003"]


def test_stdin_is_linted_under_its_stdin_filename(project: Path) -> None:
    (project / "sub").mkdir()
    (project / "sub" / "go.mod").write_text("module example.com/x\n\ngo 1.22\n")
    result = _invoke(
        "-",
        "--no-config",
        "--format",
        "concise",
        "--stdin-filename",
        "sub/main.go",
        stdin=DANGER,
    )
    assert result.exit_code == 1
    assert "sub/main.go:6:12: GSL203 [error]" in result.output
    assert "in 1 file" in result.output
    assert "go-script-lint-stdin" not in result.output  # no temporary path leaks


def test_stdin_cannot_be_fixed_in_place(project: Path) -> None:
    result = _invoke("-", "--fix", stdin=DANGER)
    assert result.exit_code == 2 and "standard input" in result.output


@pytest.mark.parametrize(
    ("choice", "env", "tty", "expected"),
    [
        ("auto", {}, False, False),
        ("auto", {}, True, True),
        ("always", {"NO_COLOR": "1"}, False, True),
        ("never", {"FORCE_COLOR": "1"}, True, False),
        ("auto", {"FORCE_COLOR": "1"}, False, True),
        ("auto", {"FORCE_COLOR": "0"}, False, False),
        ("auto", {"NO_COLOR": "1"}, True, False),
    ],
)
def test_colour_decision(
    choice: str, env: dict[str, str], tty: bool, expected: bool
) -> None:
    assert use_color(choice, to_terminal=tty, environ=env) is expected


def test_color_always_survives_a_pipe(project: Path) -> None:
    # CliRunner's stdout is not a terminal: click would strip ANSI codes.
    forced = _invoke(".", "--no-config", "--color", "always")
    assert "\x1b[1;31m[error]\x1b[0m" in forced.output
    env_forced = _invoke(".", "--no-config", env={"FORCE_COLOR": "1"})
    assert "\x1b[" in env_forced.output
    plain = _invoke(".", "--no-config")
    assert "\x1b[" not in plain.output
    assert ANSI.sub("", forced.output) == plain.output
    never = _invoke(".", "--no-config", "--color", "never", env={"FORCE_COLOR": "1"})
    assert "\x1b[" not in never.output


def test_progress_only_on_a_terminal_after_the_delay() -> None:
    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert show_progress("auto", Tty(), environ={}) is True
    assert show_progress("auto", Tty(), environ={"CI": "true"}) is False
    assert show_progress("auto", io.StringIO(), environ={}) is False
    assert show_progress("always", io.StringIO(), environ={"CI": "1"}) is True
    now = [0.0]
    stream = Tty()
    bar = Progress(stream, delay=2.0, clock=lambda: now[0])
    bar(1, 10)
    assert stream.getvalue() == ""  # short runs stay silent
    now[0] = 3.0
    bar(5, 10)
    assert "5/10 directories" in stream.getvalue()
    bar.close()
    assert stream.getvalue().endswith("\r\x1b[K")


def test_progress_always_draws_on_stderr_for_a_slow_run(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("go_script_lint.cli.terminal.PROGRESS_DELAY", 0.0)
    result = _invoke(
        ".", "--no-config", "--no-cache", "--progress", "always", "-j", "1"
    )
    assert "1/1 directories" in result.stderr
    assert "directories" not in result.stdout


def _git_project(root: Path) -> None:
    (root / ".git" / "info").mkdir(parents=True)
    (root / "build").mkdir()
    (root / "build" / "gen.go").write_text(DANGER)
    (root / "tmp.go").write_text(DANGER)
    (root / "keep").mkdir()
    (root / "keep" / "x.go").write_text(DANGER)
    (root / "keep" / "skip.go").write_text(DANGER)
    (root / ".gitignore").write_text("build/\n")
    (root / "keep" / ".gitignore").write_text("skip.go\n")
    (root / ".git" / "info" / "exclude").write_text("tmp.go\n")


def test_gitignore_and_info_exclude_are_respected(project: Path) -> None:
    _git_project(project)
    result = _invoke(".", "--no-config", "--format", "concise", "--no-cache")
    paths = set(re.findall(r"^(\S+?):\d+:\d+:", result.output, re.M))
    assert paths == {"a.go", "keep/x.go"}
    every = _invoke(".", "--no-config", "--format", "concise", "--no-respect-gitignore")
    paths = set(re.findall(r"^(\S+?):\d+:\d+:", every.output, re.M))
    assert paths == {"a.go", "keep/x.go", "keep/skip.go", "tmp.go", "build/gen.go"}
    named = _invoke("build/gen.go", "--no-config", "--format", "concise")
    assert "build/gen.go:6:12: GSL203" in named.output  # named files always count


def test_empty_config_means_defaults(project: Path) -> None:
    defaults = _invoke(".", "--no-config", "--format", "concise")
    for text in ("", "# nothing yet\n", "---\n"):
        Path(".go-script-lint.yaml").write_text(text)
        result = _invoke(".", "--format", "concise")
        assert (result.exit_code, result.output) == (
            defaults.exit_code,
            defaults.output,
        )


def test_show_config_round_trips_through_config(project: Path) -> None:
    Path("base.yaml").write_text(
        "fail-on: warning\nrules:\n  GSL204:\n    level: warning\n"
        "    options:\n      variables: [PATH]\nper-path-ignores:\n  '*_test.go': [GSL3]\n"
    )
    first = _invoke("--config", "base.yaml", "--select", "GSL2", "--show-config")
    assert first.exit_code == 0
    Path("shown.yaml").write_text(first.output)
    second = _invoke("--config", "shown.yaml", "--show-config")
    assert second.exit_code == 0
    assert yaml.safe_load(second.output) == yaml.safe_load(first.output)
    assert "select: [GSL2]  # command line" in first.output


def test_diff_exits_1_when_it_would_change_something(project: Path) -> None:
    Path("a.go").write_text(FIXABLE)
    changes = _invoke(".", "--no-config", "--diff")
    assert changes.exit_code == 1 and "+++ b/a.go" in changes.output
    Path("a.go").write_text("package main\n\nfunc main() {}\n")
    nothing = _invoke(".", "--no-config", "--diff")
    assert (nothing.exit_code, nothing.output) == (0, "")


def test_list_rules_as_json(project: Path) -> None:
    result = _invoke("--list-rules", "--format", "json")
    rules = json.loads(result.output)
    by_id = {r["id"]: r for r in rules}
    assert by_id["GSL201"]["name"] == "shell-exec"
    assert by_id["GSL003"]["defaultEnabled"] is False
    assert {"level", "scanLevel", "summary", "tags", "cwe"} <= set(by_id["GSL201"])


def test_warns_once_when_no_go_files_were_found(project: Path) -> None:
    Path("a.go").unlink()
    Path("docs").mkdir()
    result = _invoke("docs", "--no-config")
    assert result.exit_code == 0
    assert result.stderr.count("no Go files found in docs") == 1


def test_explain_is_a_subcommand_and_paths_stay_the_default(project: Path) -> None:
    explained = _invoke("explain", "GSL201")
    assert explained.exit_code == 0 and explained.output.startswith(
        "# GSL201 shell-exec"
    )
    assert _invoke("explain", "shell-exec").output == explained.output
    assert _invoke("explain", "GSL999").exit_code == 2
    linted = _invoke("a.go", "--no-config", "--format", "concise")
    assert "a.go:6:12: GSL203" in linted.output
    assert (
        _invoke("check", "a.go", "--no-config", "--format", "concise").output
        == linted.output
    )
    assert (
        "Commands" in _invoke("--help").output and "explain" in _invoke("--help").output
    )
