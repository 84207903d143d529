"""Positions and hostile inputs of the YAML loader."""

from __future__ import annotations

import time

from go_script_lint.base.yamlpos import load


def test_values_keep_their_lines_and_columns() -> None:
    loaded = load(b"name: x\nparameters:\n  - name: region\n    enum: [a, b]\n")
    assert loaded.errors == [] and loaded.root is not None
    item = loaded.root.at(["parameters", 0])
    assert item.region.start_line == 3 and item.region.start_column == 5
    enum = item.get("enum")
    assert enum is not None and enum.key_region is not None
    assert (enum.key_region.start_line, enum.key_region.start_column) == (4, 5)
    assert enum.plain() == ["a", "b"]


def test_utf16_columns() -> None:
    loaded = load("a: \U0001f600\nb: x\n".encode())
    assert loaded.root is not None
    assert loaded.root.value["a"].region.end_column == 6  # 3 + a surrogate pair


def test_duplicate_keys_are_errors_at_the_later_key() -> None:
    loaded = load(b"name: a\nversion: 1.0.0\nname: b\n")
    assert [e.region.start_line for e in loaded.errors] == [3]
    assert "duplicate key `name` (first at line 1)" in loaded.errors[0].message


def test_tabs_and_syntax_errors() -> None:
    tabs = load(b"a:\n\tb: 1\n")
    assert tabs.root is None and "tab" in tabs.errors[0].message
    assert tabs.errors[0].region.start_line == 2
    broken = load(b"a: [1, 2\n")
    assert broken.root is None and broken.errors[0].message.startswith(
        "YAML syntax error"
    )


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        lines.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.monotonic()
    loaded = load("\n".join(lines).encode())
    assert loaded.root is None and "alias" in loaded.errors[0].message
    assert time.monotonic() - start < 5


def test_recursive_alias_and_deep_nesting_do_not_raise() -> None:
    assert load(b"a: &a [*a]\n").root is None
    deep = load(b"[" * 100_000 + b"]" * 100_000)
    assert deep.root is None and "nested" in deep.errors[0].message


def test_non_mapping_empty_multi_document_binary() -> None:
    assert load(b"- 1\n- 2\n").root is not None  # callers decide what a list means
    assert load(b"").errors[0].message == "the document is empty"
    assert "single document" in load(b"a: 1\n---\nb: 2\n").errors[0].message
    assert "not UTF-8" in load(b"a: \xff\n").errors[0].message


def test_huge_input_is_refused_without_reading() -> None:
    start = time.monotonic()
    loaded = load(b"a: b\n" * (10 << 20), max_bytes=1 << 20)
    assert loaded.root is None and "limit" in loaded.errors[0].message
    assert time.monotonic() - start < 2


def test_json_with_tabs_and_json_errors() -> None:
    ok = load(b'{\n\t"a": [1,\n\t\t"b"]\n}', json_text=True)
    assert ok.root is not None and ok.root.plain() == {"a": [1, "b"]}
    assert ok.root.value["a"].region.start_line == 2
    bad = load(b'{\n "a": 1,\n}', json_text=True)
    assert bad.root is None and bad.errors[0].region.start_line == 3


def test_dates_stay_text_and_merge_keys_work() -> None:
    loaded = load(b"base: &b {x: 1}\nd: 2020-01-02\nm:\n  <<: *b\n  y: 2\n")
    assert loaded.root is not None
    assert loaded.root.plain() == {
        "base": {"x": 1},
        "d": "2020-01-02",
        "m": {"y": 2, "x": 1},
    }
