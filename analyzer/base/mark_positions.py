"""Positions of YAML and JSON parser marks in the tool's own line model."""

from __future__ import annotations

import bisect
import re
from typing import Any

from go_script_lint.base.model import Region

_LINE_BREAK = re.compile(r"\r\n|\r|\n")


class MarkPositions:
    """Converts PyYAML marks (0-based, code points) to regions (1-based, UTF-16).

    Lines end at CRLF, CR or LF only, as everywhere else in the tool (and on
    GitHub). PyYAML also breaks lines at NEL, LS and PS, so its own line and
    column are not used: a mark's character index is mapped instead.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.starts = [0, *(m.end() for m in _LINE_BREAK.finditer(text))]
        # Slicing a long line for every value is quadratic (one-line JSON): an
        # ASCII line's column is its code-point column, known without a slice.
        self.ascii: dict[int, bool] = {}

    def line_text(self, line0: int) -> str:
        """Line ``line0`` (0-based) without its line break; empty past the end."""
        if not 0 <= line0 < len(self.starts):
            return ""
        end = self.starts[line0 + 1] if line0 + 1 < len(self.starts) else len(self.text)
        return self.text[self.starts[line0] : end].rstrip("\r\n")

    def column(self, line0: int, col0: int) -> int:
        """The 1-based UTF-16 column of code point ``col0`` on line ``line0``."""
        ascii_line = self.ascii.get(line0)
        if ascii_line is None:
            ascii_line = self.ascii[line0] = self.line_text(line0).isascii()
        if ascii_line:
            return col0 + 1
        prefix = self.line_text(line0)[:col0]
        if not prefix.isascii():
            return len(prefix.encode("utf-16-le", errors="surrogatepass")) // 2 + 1
        return col0 + 1

    def _line_col(self, mark: Any) -> tuple[int, int]:
        """0-based line and code-point column of a mark, by its character index."""
        index = getattr(mark, "index", None)
        if not isinstance(index, int):
            return getattr(mark, "line", 0), getattr(mark, "column", 0)
        index = min(max(index, 0), len(self.text))
        line0 = bisect.bisect_right(self.starts, index) - 1
        return line0, index - self.starts[line0]

    def region(self, start: Any, end: Any) -> Region:
        sl, scol = self._line_col(start)
        el, ecol = self._line_col(end)
        sc, ec = self.column(sl, scol), self.column(el, ecol)
        # A block value's end mark sits at the start of the next line: clamp it.
        if el > sl and ecol == 0:
            el -= 1
            ec = self.column(el, len(self.line_text(el)))
        return Region(sl + 1, sc, el + 1, ec)

    def point(self, mark: Any) -> Region:
        line0, col0 = self._line_col(mark)
        col = self.column(line0, col0)
        return Region(line0 + 1, col, line0 + 1, col)
