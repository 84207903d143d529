"""Code actions: the certain fixes, and suppressing a finding on its line or in its file.

Suppressions use the project's own comment (:mod:`go_script_lint.engine.suppress`)
with a ``-- reason`` placeholder to overwrite. When a suppression comment
already covers the line (or the file), the rule id is added to it rather
than stacking a second comment. Edits are computed on the buffer the client
has now, so they always apply.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from lsprotocol import types

from go_script_lint.base.model import LineIndex
from go_script_lint.engine.suppress import (
    SuppressionComment,
    parse_suppressions,
    suppression_comment,
)
from go_script_lint.lsp.diagnostics import SOURCE, fixes_of

_SELECTOR_END = re.compile(r"GSL\d{0,3}", re.I)
_PACKAGE = re.compile(rb"^package[ \t]", re.M)
_INDENT = re.compile(r"[ \t]*")


def comment_prefix(path: Path) -> str:
    """What starts a comment line in this kind of file."""
    if path.suffix == ".go":
        return "//"
    return "# " if path.suffix in (".yaml", ".yml") else "// "


def code_actions(
    uri: str,
    path: Path,
    text: str,
    diagnostics: Iterable[types.Diagnostic],
) -> list[types.CodeAction]:
    """Quick fixes and suppressions for our diagnostics in the document ``uri``."""
    actions: list[types.CodeAction] = []
    seen: set[tuple[str, int | None]] = set()
    doc = _Document(path, text)
    for diag in diagnostics:
        if diag.source != SOURCE or not isinstance(diag.code, str):
            continue
        if not diag.code.startswith("GSL"):
            continue  # a config error: nothing to fix or suppress
        for index, (title, changes) in enumerate(fixes_of(diag)):
            actions.append(
                types.CodeAction(
                    title=f"{title} ({diag.code})",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    is_preferred=index == 0,
                    edit=types.WorkspaceEdit(changes=changes),
                )
            )
        line = diag.range.start.line
        for scope, edit in (
            (line, doc.suppress_line(diag.code, line)),
            (None, doc.suppress_file(diag.code)),
        ):
            if (diag.code, scope) in seen or edit is None:
                continue
            seen.add((diag.code, scope))
            where = "on this line" if scope is not None else "in this file"
            actions.append(
                types.CodeAction(
                    title=f"Suppress {diag.code} {where}",
                    kind=types.CodeActionKind.QuickFix,
                    diagnostics=[diag],
                    edit=types.WorkspaceEdit(changes={uri: [edit]}),
                )
            )
    return actions


class _Document:
    """A buffer's text with what the suppression edits need to know about it."""

    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.text = text
        self.source = text.encode("utf-8")
        self.index = LineIndex(self.source)
        self.lines = text.splitlines(keepends=True)
        self.eol = "\r\n" if "\r\n" in text else "\n"
        self.is_go = path.suffix == ".go"
        package = _PACKAGE.search(self.source) if self.is_go else None
        self.package_line = (
            self.index.line_of(package.start()) if package is not None else None
        )
        self.comments = parse_suppressions(
            self.source,
            self.index,
            header_end=package.start() if package is not None else None,
        )

    def position(self, offset: int) -> types.Position:
        line, column = self.index.position(offset)
        return types.Position(line=line - 1, character=column - 1)

    def extend(self, comment: SuppressionComment, rule_id: str) -> types.TextEdit:
        """Add ``rule_id`` after the last id the comment names."""
        raw = self.source[comment.start_byte : comment.end_byte].decode(
            "utf-8", errors="replace"
        )
        head = raw.split("--", 1)[0]
        ids = list(_SELECTOR_END.finditer(head))
        at = ids[-1].end() if ids else len(head.rstrip())
        offset = comment.start_byte + len(raw[:at].encode("utf-8"))
        where = self.position(offset)
        return types.TextEdit(
            range=types.Range(start=where, end=where), new_text=f",{rule_id}"
        )

    def insert_line(self, line: int, text: str) -> types.TextEdit:
        where = types.Position(line=line, character=0)
        return types.TextEdit(range=types.Range(start=where, end=where), new_text=text)

    def suppress_line(self, rule_id: str, line: int) -> types.TextEdit | None:
        """Cover 0-based ``line``: extend the comment on it or above it, else add one above."""
        for comment in self.comments:
            if not comment.file_wide and comment.line - 1 in (line - 1, line):
                return self.extend(comment, rule_id)
        current = self.lines[line] if line < len(self.lines) else ""
        indent = _INDENT.match(current)
        comment_text = suppression_comment(rule_id, prefix=comment_prefix(self.path))
        return self.insert_line(
            line, (indent.group(0) if indent else "") + comment_text + self.eol
        )

    def suppress_file(self, rule_id: str) -> types.TextEdit | None:
        """Extend the file's ``ignore-file`` comment, else add one (Go: before ``package``)."""
        for comment in self.comments:
            if comment.file_wide:
                return self.extend(comment, rule_id)
        text = suppression_comment(
            rule_id, file_wide=True, prefix=comment_prefix(self.path)
        )
        if not self.is_go:
            return self.insert_line(0, text + self.eol)
        line = self.package_line if self.package_line is not None else 0
        # Above the package's doc comment, with a blank line: it is not documentation.
        while line > 0 and self.lines[line - 1].lstrip().startswith("//"):
            line -= 1
        return self.insert_line(line, text + self.eol + self.eol)
