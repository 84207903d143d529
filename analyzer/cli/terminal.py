"""What the terminal gets: colour or not, and a progress line on long runs.

Colour (``--color auto|always|never``): ``never`` and ``always`` win; under
``auto`` a non-empty ``NO_COLOR`` turns it off, a ``FORCE_COLOR`` other than
``0`` turns it on (https://no-color.org, https://force-color.org), and
otherwise a report written to a terminal is coloured. The CLI echoes the
report with ``color=`` this decision, because click strips ANSI codes from
anything that is not a terminal unless told otherwise.

Progress (``--progress auto|always|never``): one line on standard error,
rewritten in place, shown only after :data:`PROGRESS_DELAY` seconds, and under
``auto`` only when standard error is a terminal and ``CI`` is not set, so CI
logs and pipes never get it.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Mapping
from typing import TextIO

COLOR_CHOICES = ("auto", "always", "never")
PROGRESS_DELAY = 2.0


def use_color(
    choice: str, *, to_terminal: bool, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether to colour the report.

    Args:
        choice: ``auto``, ``always`` or ``never``.
        to_terminal: The report goes to a terminal (not ``-o`` or a pipe).
        environ: The environment (default: ``os.environ``).
    """
    env = os.environ if environ is None else environ
    if choice != "auto":
        return choice == "always"
    if env.get("NO_COLOR"):
        return False
    force = env.get("FORCE_COLOR")
    if force is not None and force not in ("", "0", "false"):
        return True
    return to_terminal


def show_progress(
    choice: str, stream: TextIO, environ: Mapping[str, str] | None = None
) -> bool:
    """Whether a progress line may be drawn on ``stream`` (standard error)."""
    env = os.environ if environ is None else environ
    if choice != "auto":
        return choice == "always"
    return stream.isatty() and not env.get("CI")


class Progress:
    """``go-script-lint: 120/400 directories`` on one line of ``stream``.

    Nothing is drawn before ``delay`` seconds have passed, so short runs stay
    silent; :meth:`close` erases the line if one was drawn.
    """

    def __init__(
        self,
        stream: TextIO,
        *,
        delay: float | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """Draw on ``stream`` after ``delay`` (default :data:`PROGRESS_DELAY`) seconds."""
        self.stream = stream
        self.delay = PROGRESS_DELAY if delay is None else delay
        self.clock = clock
        self.started = clock()
        self.drawn = False

    def __call__(self, done: int, total: int) -> None:
        """Report that ``done`` of ``total`` directories are analysed."""
        if self.clock() - self.started < self.delay:
            return
        self.stream.write(f"\r\x1b[Kgo-script-lint: {done}/{total} directories")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the progress line, if one was drawn."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
