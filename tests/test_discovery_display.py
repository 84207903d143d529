"""Display paths: relative to srcroot, as ``os.path.relpath`` spells them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from go_script_lint.project.discovery import make_display

PATHS = (
    "/a/b/c/d.go",  # below srcroot
    "/a/b/c",  # srcroot itself
    "/a/b",  # its ancestors: relpath climbs
    "/a",
    "/",
    "/a/b/x/y.go",  # beside it
    "/a/bc/y.go",  # a sibling sharing a name prefix
    "/a/b/cd",
    "/x/y/z.go",  # elsewhere
    "/x/y/w.go",  # the same directory again (cached)
)


@pytest.mark.skipif(os.sep != "/", reason="POSIX paths")
@pytest.mark.parametrize("srcroot", ["/a/b/c", "/a", "/"])
def test_display_matches_relpath_inside_and_outside_srcroot(srcroot: str) -> None:
    display = make_display(Path(srcroot))
    for path in PATHS:
        expected = Path(os.path.relpath(path, srcroot)).as_posix()
        if path.startswith(srcroot.rstrip("/") + "/"):
            expected = path[len(srcroot.rstrip("/")) + 1 :]  # "" for "/" under "/"
        assert display(Path(path)) == expected, (srcroot, path)
        assert display(Path(path)) == expected, (srcroot, path)  # from the cache
