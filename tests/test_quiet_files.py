"""Rules quiet in tests skip a test file only where the report drops their findings."""

from __future__ import annotations

from pathlib import Path

from go_script_lint import engine
from go_script_lint.analysis.context import FileContext, PackageContext
from go_script_lint.analysis.quiet_files import clean_test_file, dropped_in_tests
from go_script_lint.base.model import Risk
from go_script_lint.golang.parsing import parse
from go_script_lint.project.config import Config
from go_script_lint.rules import REGISTRY

SRC = """package main

import "os"

func cleanup() {
	os.Remove("x"){comment}
}
"""
SUPPRESSION = " //go-script-lint:ignore GSL301 -- best effort"
RULES = {r.id: r for r in REGISTRY}


def _findings(tmp_path: Path, comment: str = "", **config: object) -> list[str]:
    (tmp_path / "main_test.go").write_text(SRC.replace("{comment}", comment))
    cfg = Config(**config)  # type: ignore[arg-type]
    run = engine.run(
        [str(tmp_path)],
        cfg.enabled_rules(REGISTRY),
        cfg,
        srcroot=tmp_path,
        jobs=1,
        catalog=REGISTRY,
    )
    return sorted(f"{f.rule_id}:{f.location.region.start_line}" for f in run.findings)


def test_quiet_rule_reports_nothing_in_tests_by_default(tmp_path: Path) -> None:
    assert "GSL301:6" not in _findings(tmp_path)


def test_deep_scan_and_config_still_report_in_tests(tmp_path: Path) -> None:
    assert "GSL301:6" in _findings(tmp_path, risk_level=Risk.HIGH)
    assert "GSL301:6" in _findings(tmp_path, test_ignore=())
    assert "GSL301:6" not in _findings(tmp_path, test_ignore=("GSL3",))


def test_suppression_in_a_test_file_still_counts_as_used(tmp_path: Path) -> None:
    # GSL003 reports comments that matched nothing: the rule must still run here.
    found = _findings(tmp_path, SUPPRESSION, select=("GSL301", "GSL003"))
    assert found == []
    unused = _findings(
        tmp_path, " //go-script-lint:ignore GSL302 -- x", select=("GSL302", "GSL003")
    )
    assert unused == ["GSL003:6"]


def _context(tmp_path: Path, name: str, source: str, config: Config) -> FileContext:
    pkg = PackageContext(".", tmp_path, config)
    data = source.encode()
    ctx = FileContext(name, tmp_path / name, data, parse(data), pkg, config)
    pkg.files.append(ctx)
    return ctx


def test_findings_dropped_only_for_quiet_rules_in_clean_test_files(
    tmp_path: Path,
) -> None:
    quiet, loud = RULES["GSL301"], RULES["GSL216"]
    assert not quiet.in_tests and loud.in_tests
    default = Config()
    plain = SRC.replace("{comment}", "")
    assert clean_test_file(_context(tmp_path, "main_test.go", plain, default))
    assert dropped_in_tests(default, (quiet, loud)) == {quiet.id}
    assert not clean_test_file(_context(tmp_path, "main.go", plain, default))
    commented = SRC.replace("{comment}", " //nolint:errcheck")
    assert not clean_test_file(_context(tmp_path, "main_test.go", commented, default))
    deep = Config(risk_level=Risk.HIGH)
    assert dropped_in_tests(deep, (quiet, loud)) == frozenset()


def test_dispatch_leaves_quiet_rules_out_of_clean_test_files(tmp_path: Path) -> None:
    from go_script_lint.engine.ruleset import RuleSet

    default = Config()
    ruleset = RuleSet(tuple(default.enabled_rules(REGISTRY)))

    def offered(name: str, comment: str = "") -> set[str]:
        ctx = _context(tmp_path, name, SRC.replace("{comment}", comment), default)
        dispatch = ruleset.dispatch_for(ctx)
        rules = [*dispatch.by_kind.values(), *dispatch.by_call_name.values()]
        return {rule.id for group in rules for rule in group}

    assert {"GSL203", "GSL301", "GSL216"} <= offered("main.go")
    in_test = offered("main_test.go")
    assert "GSL216" in in_test  # reports in tests too
    assert not {"GSL203", "GSL301"} & in_test  # the report would drop theirs
    assert "GSL301" in offered("main_test.go", " //nolint:errcheck")
