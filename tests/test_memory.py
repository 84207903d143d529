"""Bounded memory: what a unit leaves behind, parse chunks, packed results."""

from __future__ import annotations

import gc
import json
import sys
import time
import weakref
from pathlib import Path

import pytest

from go_script_lint import engine
from go_script_lint.base.model import (
    FileResult,
    Finding,
    Level,
    Location,
    Notification,
    Region,
)
from go_script_lint.engine import unit as unit_module
from go_script_lint.engine.packed import PackedResults
from go_script_lint.golang import limits
from go_script_lint.golang.parsing import parse, query_captures
from go_script_lint.output import json as json_output
from go_script_lint.project.config import Config
from go_script_lint.project.discovery import discover
from go_script_lint.rules import REGISTRY

SOURCE = b"""package main

import "os"

func helper(p string) { os.RemoveAll(p) }

func main() {
\tx := 1
\tx = 2
\ty := 3
\ty = x
\thelper(os.Getenv("A"))
\thelper(os.Getenv("B"))
\t_ = y
}
"""


def test_captures_come_in_document_order() -> None:
    tree = parse(SOURCE)
    for kind in ("assignment_statement", "call_expression", "identifier"):
        nodes = query_captures(f"({kind}) @n", tree.root_node)["n"]
        keys = [(n.start_byte, -n.end_byte) for n in nodes]
        assert len(nodes) > 1 and keys == sorted(keys)


def test_a_parse_under_a_deadline_lets_go_of_the_source() -> None:
    source = bytes(bytearray(SOURCE))  # an object of its own
    before = sys.getrefcount(source)
    with limits.deadline(time.monotonic() + 60):
        tree = parse(source)
    assert tree.root_node.type == "source_file"
    del tree
    assert sys.getrefcount(source) == before


def test_a_unit_frees_its_contexts_without_the_cycle_collector(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "main.go").write_bytes(SOURCE)
    (tmp_path / "other.go").write_bytes(b"package main\n\nfunc other() {}\n")
    units = discover([str(tmp_path)], srcroot=tmp_path).units
    contexts: list[weakref.ref[object]] = []
    real_init = unit_module.FileContext.__init__

    def spy(self: object, *args: object, **kwargs: object) -> None:
        real_init(self, *args, **kwargs)  # type: ignore[arg-type]
        contexts.append(weakref.ref(self))

    monkeypatch.setattr(unit_module.FileContext, "__init__", spy)
    gc.disable()
    try:
        result = unit_module.analyse_unit(units[0], _ruleset(), Config(), tmp_path)
        assert result.files and result.findings
        assert len(contexts) == 2
        # Freed by reference counts alone: their trees go with them.
        assert all(ref() is None for ref in contexts)
    finally:
        gc.enable()


def test_packed_results_round_trip_and_drop_what_the_filter_drops() -> None:
    region = Region(1, 1, 1, 5)
    kept = Finding("GSL201", Level.ERROR, "m", Location("a.go", region), snippet="x")
    dropped = Finding("GSL301", Level.WARNING, "n", Location("a_test.go", region))
    result = FileResult(
        findings=(kept, dropped),
        notifications=(Notification("note", Level.NOTE, path="a.go"),),
        files=("a.go", "a_test.go"),
    )
    store = PackedResults(lambda fs: tuple(f for f in fs if f.rule_id != "GSL301"))
    packed = store.pack(result)
    assert isinstance(packed, bytes)
    back = store.unpack(packed)
    assert back.findings == (kept,)
    assert back.notifications == result.notifications
    assert back.files == result.files


def _ruleset() -> unit_module.RuleSet:
    return unit_module.RuleSet(tuple(Config().enabled_rules(REGISTRY)))


def test_json_report_built_per_finding_is_the_whole_dump() -> None:
    config = Config()
    run = engine.run(
        ["fixtures/rules/GSL203", "fixtures/rules/GSL201"],
        config.enabled_rules(REGISTRY),
        config,
    )
    assert run.findings
    whole = json.dumps(
        json_output.to_data(run, REGISTRY), indent=2, sort_keys=True, ensure_ascii=False
    )
    assert json_output.render(run, REGISTRY) == whole + "\n"


def test_threads_parse_at_once_without_sharing_a_parser() -> None:
    # The language server lints from worker threads while other requests parse.
    import threading

    sources = [
        f"package p\n\nfunc f{i}() int {{ return {i} }}\n".encode() * (1 + i % 3)
        for i in range(8)
    ]
    failures: list[str] = []

    def work(source: bytes) -> None:
        for _ in range(200):
            tree = parse(source)
            if tree.root_node.text != source:
                failures.append(source.decode())

    threads = [threading.Thread(target=work, args=(s,)) for s in sources]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
