"""SIGINT and SIGTERM: stop every worker, write nothing, exit 130 or 143.

The CLI installs :func:`install_handlers`, which turns either signal into an
:class:`Interrupted` exception in the main process. It derives from
:class:`BaseException`, so no ``except Exception`` in the analysis swallows
it and no interrupted unit is cached as a result. Workers ignore SIGINT (a
terminal's Ctrl-C reaches the whole process group; the parent decides),
die on SIGTERM, and ask Linux to send them SIGTERM when the parent dies, so
none outlives the run.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
import threading
import time
from types import FrameType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # a one-process run never loads the pool machinery
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing.connection import Connection

_PR_SET_PDEATHSIG = 1


class Interrupted(BaseException):
    """The run was stopped by a signal."""

    def __init__(self, signum: int) -> None:
        """Remember which signal stopped the run."""
        super().__init__(signum)
        self.signum = signum

    @property
    def exit_code(self) -> int:
        """The shell's convention: 128 + the signal number (130, 143)."""
        return 128 + self.signum

    @property
    def name(self) -> str:
        """``SIGINT`` or ``SIGTERM``."""
        return signal.Signals(self.signum).name


def _raise(signum: int, _frame: FrameType | None) -> None:
    raise Interrupted(signum)


def install_handlers() -> None:
    """Turn SIGINT and SIGTERM into :class:`Interrupted` (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        return
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, _raise)


def worker_setup() -> None:
    """In a worker: leave SIGINT to the parent, die on SIGTERM and with the parent."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes  # only workers need it

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(_PR_SET_PDEATHSIG, int(signal.SIGTERM), 0, 0, 0)


def stop_pool(pool: ProcessPoolExecutor) -> None:
    """Terminate every worker process now; nothing queued runs after them."""
    # The executor has no public way to reach its processes before 3.14
    # (terminate_workers); shutdown(wait=True) would wait for running units.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    manager = getattr(pool, "_executor_manager_thread", None)  # shutdown forgets it
    results = getattr(getattr(pool, "_result_queue", None), "_writer", None)
    # No cancel_futures: once the workers die, the manager thread sets an
    # exception on every pending future, and on 3.11 setting one on a future
    # cancelled meanwhile raises InvalidStateError (a traceback on stderr).
    pool.shutdown(wait=False)
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            process.terminate()
    for process in processes:
        with contextlib.suppress(OSError, ValueError, AttributeError, AssertionError):
            process.join(timeout=2)
            if process.is_alive():
                process.kill()
    if manager is not None and results is not None:
        _release_result_reader(manager, results)


def _release_result_reader(
    manager: threading.Thread, results: Connection, seconds: float = 5.0
) -> None:
    """Let the pool's manager thread end, so the interpreter can exit.

    A worker terminated while it sent a result leaves half a message in the
    result pipe; the manager thread then waits in ``recv`` for bytes that never
    come, and the interpreter's exit joins that thread forever. Padding the
    pipe completes the read: the garbage fails to unpickle, the thread takes
    the pool for broken and ends.
    """
    try:
        # A duplicate of our own: the pool may close its end meanwhile.
        fd = os.dup(results.fileno())
    except (OSError, ValueError):
        return  # the pool closed its pipe: the thread is done with it
    try:
        os.set_blocking(fd, False)
        padding = bytes(1 << 16)
        deadline = time.monotonic() + seconds
        manager.join(0.05)
        while manager.is_alive() and time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                os.write(fd, padding)
            manager.join(0.05)
    finally:
        os.close(fd)
