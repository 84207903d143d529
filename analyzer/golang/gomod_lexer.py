"""The go.mod lexer: logical lines of tokens with byte offsets.

It follows ``golang.org/x/mod/modfile``: identifiers, quoted and raw
strings, ``//`` comments, ``(``/``)`` blocks, ``[``/``]``/``,`` for retract
ranges. A bad string or a stray brace is a :class:`GoModError`, not an
exception.
"""

from __future__ import annotations

from go_script_lint.golang.gomod_model import GoModError, Token

_IDENT_STOP = frozenset(" \t\r\n()[]{},")


def _unquote(raw: str) -> str | None:
    if raw.startswith("`"):
        return raw[1:-1] if len(raw) >= 2 and raw.endswith("`") else None
    if len(raw) < 2 or not raw.endswith('"'):
        return None
    body = raw[1:-1]
    if "\\" not in body:
        return body
    try:
        # Go and Python agree on the escapes a path can need (\\, \", \t, \xNN).
        return (
            body.encode("utf-8")
            .decode("unicode_escape")
            .encode("latin-1")
            .decode("utf-8")
        )
    except (UnicodeError, ValueError):
        return None


class Lexer:
    """Splits the text into logical lines of tokens (plus block brackets)."""

    def __init__(self, text: str, data: bytes, errors: list[GoModError]) -> None:
        self.text = text
        self.errors = errors
        # character index → byte offset, so positions match the file's bytes
        self.offsets: list[int] | None = None if text.isascii() else _char_offsets(text)

    def byte(self, index: int) -> int:
        return index if self.offsets is None else self.offsets[index]

    def lines(self) -> list[tuple[list[Token], str, int]]:
        """``(tokens, comment, comment_end)`` per physical line that has something."""
        out: list[tuple[list[Token], str, int]] = []
        text = self.text
        i = 0
        n = len(text)
        tokens: list[Token] = []
        comment = ""
        comment_end = -1
        while i < n:
            c = text[i]
            if c == "\n":
                out.append((tokens, comment, comment_end))
                tokens, comment, comment_end = [], "", -1
                i += 1
            elif c in " \t\r":
                i += 1
            elif text.startswith("//", i):
                j = text.find("\n", i)
                j = n if j == -1 else j
                comment = text[i + 2 : j].strip()
                comment_end = self.byte(j if text[j - 1 : j] != "\r" else j - 1)
                i = j
            elif c in "()[],":
                tokens.append(Token(c, self.byte(i), self.byte(i + 1)))
                i += 1
            elif c in '"`':
                j = self._string_end(i)
                raw = text[i:j]
                value = _unquote(raw)
                if value is None:
                    self.errors.append(
                        GoModError(
                            "unterminated or invalid quoted string",
                            self.byte(i),
                            self.byte(j),
                        )
                    )
                    value = raw.strip('"`')
                tokens.append(Token(value, self.byte(i), self.byte(j), quoted=True))
                i = j
            else:
                j = i
                while (
                    j < n
                    and text[j] not in _IDENT_STOP
                    and not text.startswith("//", j)
                ):
                    j += 1
                if j == i:  # a stray brace: keep going rather than loop
                    self.errors.append(
                        GoModError(f"unexpected `{c}`", self.byte(i), self.byte(i + 1))
                    )
                    j = i + 1
                else:
                    tokens.append(Token(text[i:j], self.byte(i), self.byte(j)))
                i = j
        out.append((tokens, comment, comment_end))
        return out

    def _string_end(self, i: int) -> int:
        quote = self.text[i]
        j = i + 1
        n = len(self.text)
        while j < n:
            c = self.text[j]
            if c == "\\" and quote == '"':
                j += 2
                continue
            if c == quote:
                return j + 1
            if c == "\n" and quote == '"':
                return j
            j += 1
        return n


def _char_offsets(text: str) -> list[int]:
    offsets = [0] * (len(text) + 1)
    total = 0
    for idx, ch in enumerate(text):
        offsets[idx] = total
        total += len(ch.encode("utf-8", errors="surrogatepass"))
    offsets[len(text)] = total
    return offsets
