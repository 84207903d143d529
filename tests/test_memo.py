"""Typed memo keys: one computation per key, and ``.at()`` gives each part its own slot."""

from __future__ import annotations

from pathlib import Path

from go_script_lint.analysis.context import PackageContext
from go_script_lint.base.memo import MemoKey
from go_script_lint.project.config import Config

COUNTS: MemoKey[list[str]] = MemoKey("test.counts")


def test_memo_computes_once_per_key_and_part() -> None:
    pkg = PackageContext(".", Path("."), Config())
    calls: list[str] = []

    def build(label: str) -> list[str]:
        calls.append(label)
        return [label]

    first = pkg.memo(COUNTS, lambda: build("plain"))
    assert pkg.memo(COUNTS, lambda: build("again")) is first
    assert pkg.memo(COUNTS.at("a"), lambda: build("a")) == ["a"]
    assert pkg.memo(COUNTS.at("a"), lambda: build("a2")) == ["a"]
    assert pkg.memo(COUNTS.at("b"), lambda: build("b")) == ["b"]
    assert calls == ["plain", "a", "b"]


def test_keys_with_the_same_name_and_parts_share_a_slot() -> None:
    pkg = PackageContext(".", Path("."), Config())
    pkg.memo(MemoKey[int]("test.n").at(1, "x"), lambda: 1)
    assert pkg.memo(MemoKey[int]("test.n").at(1, "x"), lambda: 2) == 1
    assert pkg.memo(MemoKey[int]("test.n").at(1), lambda: 3) == 3
