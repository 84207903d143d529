"""Secrets never leave the engine: mask them in the text snippets are cut from.

A rule with ``masks_region`` (GSL216) flags a literal that is a credential.
Before snippets and fingerprints are made, every such region of the file is
overwritten — all but its first four characters (after the opening quote)
become ``*``, line breaks kept — so no code frame, SARIF snippet or cache
entry of any finding on those lines carries the secret.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence

from go_script_lint.base.fingerprint import snippet
from go_script_lint.base.model import Finding, LineIndex
from go_script_lint.base.rule import Rule

SHOWN = 4
_QUOTES = b"\"`'"


def mask_secrets(
    source: bytes,
    index: LineIndex,
    findings: Sequence[Finding],
    rule_of: Callable[[str], Rule | None],
) -> bytes:
    """``source`` with the region of every masking rule's finding masked."""
    spans: list[tuple[int, int]] = []
    for finding in findings:
        rule = rule_of(finding.rule_id)
        if rule is None or not rule.masks_region:
            continue
        region = finding.location.region
        start = index.offset(region.start_line, region.start_column)
        end = index.offset(region.end_line, region.end_column)
        if start < end:
            spans.append((start, end))
    if not spans:
        return source
    data = bytearray(source)
    for start, end in spans:
        if bytes(data[start : start + 1]) in (b'"', b"`", b"'"):
            start += 1
        kept = 0
        for i in range(start, end):
            byte = data[i]
            if byte in b"\r\n" or (i == end - 1 and byte in _QUOTES):
                continue
            if kept < SHOWN:
                kept += 1
                continue
            data[i] = ord("*")
    return bytes(data)


def masked_snippets(
    findings: Sequence[Finding], masked: bytes, max_lines: int
) -> list[Finding]:
    """The findings with their snippets cut from the ``masked`` text."""
    index = LineIndex(masked)
    return [
        dataclasses.replace(
            f,
            snippet=snippet(
                masked, f.location.region, max_lines=max_lines, index=index
            ),
        )
        for f in findings
    ]
