"""Unit results held compactly between their unit and the report.

A run keeps every unit's result until the findings are sorted and rendered.
As objects, a finding with its location, snippet and fingerprints costs over
a kilobyte and the objects scatter over memory the next units' trees would
reuse; packed (pickled, then compressed) it costs a fraction of that, so the
memory a run holds grows little with the size of the corpus. The bytes never
leave the process.
"""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Callable
from dataclasses import replace

from go_script_lint.base.model import FileResult, Finding

#: Which of a unit's findings are worth keeping (per-path ignores drop some).
FindingFilter = Callable[[tuple[Finding, ...]], tuple[Finding, ...]]

_LEVEL = 1  # the fastest compression: the bytes live for one run


class PackedResults:
    """Packs unit results for keeping and unpacks them for the report."""

    def __init__(self, keep: FindingFilter) -> None:
        """Drop the findings ``keep`` leaves out when packing."""
        self.keep = keep

    def pack(self, result: FileResult) -> bytes:
        """The result without the dropped findings, as compact bytes."""
        kept = self.keep(result.findings)
        if kept is not result.findings:
            result = replace(result, findings=kept)
        return zlib.compress(pickle.dumps(result, pickle.HIGHEST_PROTOCOL), _LEVEL)

    @staticmethod
    def unpack(data: bytes) -> FileResult:
        """The result :meth:`pack` packed (bytes of this process only)."""
        result: FileResult = pickle.loads(zlib.decompress(data))
        return result
