"""Module paths, semantic versions and Go versions, checked as the go command does.

The rules follow ``golang.org/x/mod/module`` (``CheckPath``, ``SplitPathVersion``,
``CheckPathMajor``) and ``golang.org/x/mod/semver``; every checker returns an
error message or ``None`` and never raises.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_NUM = r"(?:0|[1-9][0-9]*)"
_IDENT = r"[0-9A-Za-z-]+"
SEMVER = re.compile(
    rf"v(?P<major>{_NUM})\.(?P<minor>{_NUM})\.(?P<patch>{_NUM})"
    rf"(?:-(?P<pre>{_IDENT}(?:\.{_IDENT})*))?(?:\+(?P<build>{_IDENT}(?:\.{_IDENT})*))?"
)
# Shorthands semver accepts but module versions do not (`v1`, `v1.2`).
_SHORT = re.compile(rf"v({_NUM})(?:\.({_NUM}))?")
PSEUDO = re.compile(
    r"v[0-9]+\.(?:0\.0-|[0-9]+\.[0-9]+-(?:[^+]*\.)?0\.)[0-9]{14}-[A-Za-z0-9]+(?:\+[0-9A-Za-z.-]+)?"
)
GO_VERSION = re.compile(
    r"(?P<major>[1-9][0-9]*)\.(?P<minor>0|[1-9][0-9]*)(?:\.(?P<patch>0|[1-9][0-9]*))?"
    r"(?P<pre>[a-z]+[0-9]+)?"
)
_FIRST_ELEM = re.compile(r"[a-z0-9.-]+")
_ELEM = re.compile(r"[A-Za-z0-9._~-]+")
_WINDOWS_RESERVED = frozenset(
    {
        "con",
        "prn",
        "aux",
        "nul",
        *(f"com{i}" for i in range(1, 10)),
        *(f"lpt{i}" for i in range(1, 10)),
    }
)


@dataclass(frozen=True, slots=True)
class Semver:
    """A parsed semantic version (``v1.2.3-pre+build``)."""

    major: int
    minor: int
    patch: int
    prerelease: str
    build: str

    @property
    def incompatible(self) -> bool:
        """``+incompatible``: a v2+ module without a ``/vN`` path."""
        return self.build == "incompatible"


def parse_semver(version: str) -> Semver | None:
    """A module version as semver, or ``None`` when it is not one."""
    m = SEMVER.fullmatch(version)
    if m is None:
        return None
    pre = m.group("pre") or ""
    if any(p.isdigit() and len(p) > 1 and p[0] == "0" for p in pre.split(".") if p):
        return None  # numeric prerelease identifiers have no leading zeros
    return Semver(
        int(m.group("major")),
        int(m.group("minor")),
        int(m.group("patch")),
        pre,
        m.group("build") or "",
    )


def canonical_version(version: str) -> str | None:
    """The canonical spelling of a near-miss version (``1.2.3``, ``v1.2``, ``v1.2.3+meta``)."""
    candidate = version if version.startswith("v") else "v" + version
    short = _SHORT.fullmatch(candidate)
    if short is not None:
        return f"v{short.group(1)}.{short.group(2) or 0}.0"
    parsed = parse_semver(candidate)
    if parsed is None:
        return None
    core = f"v{parsed.major}.{parsed.minor}.{parsed.patch}"
    if parsed.prerelease:
        core += "-" + parsed.prerelease
    if parsed.incompatible:
        core += "+incompatible"
    return core


def check_version(version: str) -> str | None:
    """Why ``version`` is not a canonical module version, or ``None``."""
    parsed = parse_semver(version)
    if parsed is not None and (not parsed.build or parsed.incompatible):
        return None
    canonical = canonical_version(version)
    if canonical is not None and canonical != version:
        return f"version `{version}` is not canonical; use `{canonical}`"
    return f"`{version}` is not a semantic version (want `vMAJOR.MINOR.PATCH`)"


def is_pseudo_version(version: str) -> bool:
    """True for ``v0.0.0-20240101000000-abcdef123456`` and its variants."""
    return PSEUDO.fullmatch(version) is not None


def split_path_version(path: str) -> tuple[str, str, bool]:
    """``(prefix, path major, ok)`` as ``module.SplitPathVersion`` computes them."""
    if path.startswith("gopkg.in/"):
        m = re.fullmatch(r"(gopkg\.in/.+?)(\.v(?:0|[1-9][0-9]*)(?:-unstable)?)", path)
        if m is None:
            return path, "", False
        return m.group(1), m.group(2), True
    m = re.search(r"/v([0-9.]+)$", path)
    if m is None or m.start() == 0:
        return path, "", True
    digits = m.group(1)
    if "." in digits or digits[0] == "0" or digits == "1":
        return path, "", False
    return path[: m.start()], "/v" + digits, True


def check_path(path: str) -> str | None:
    """Why ``path`` is not a valid module path, or ``None`` (``module.CheckPath``)."""
    if not path:
        return "empty module path"
    if path.startswith("/") or path.endswith("/") or "//" in path:
        return f"module path `{path}` has an empty element"
    elements = path.split("/")
    first = elements[0]
    if "." not in first:
        return f"module path `{path}` must start with a domain name (a first element with a dot)"
    if not _FIRST_ELEM.fullmatch(first):
        return f"first element `{first}` of module path must be lower-case letters, digits, dots or dashes"
    if first.startswith("-") or first.startswith(".") or first.endswith("."):
        return f"first element `{first}` of module path has a leading or trailing dot or dash"
    for elem in elements:
        if elem in (".", "..") or not _ELEM.fullmatch(elem):
            return f"module path `{path}` has an invalid element `{elem}`"
        if elem.startswith(".") or elem.endswith("."):
            return f"module path element `{elem}` has a leading or trailing dot"
        if elem.split(".")[0].lower() in _WINDOWS_RESERVED:
            return f"module path element `{elem}` is a reserved file name"
    if not split_path_version(path)[2]:
        return f"module path `{path}` has an invalid major version suffix"
    return None


def check_path_major(path: str, version: str) -> str | None:
    """Why ``version`` does not fit the major version of ``path`` (``CheckPathMajor``)."""
    parsed = parse_semver(version)
    if parsed is None:
        return None
    _, major, ok = split_path_version(path)
    if not ok:
        return None
    if parsed.incompatible:
        if major:
            return f"`+incompatible` is not allowed with the `{major}` path suffix"
        if parsed.major < 2:
            return f"`+incompatible` is only for major version 2 or higher, not `{version}`"
        return None
    if major.startswith(".v"):  # gopkg.in/yaml.v3
        want = int(major[2:].removesuffix("-unstable"))
        if parsed.major != want and not (want == 1 and version.startswith("v0.0.0-")):
            return f"version `{version}` does not match the `{major}` path suffix"
        return None
    if major:
        if parsed.major != int(major[2:]):
            return f"version `{version}` does not match the `{major}` path suffix"
        return None
    if parsed.major >= 2:
        return (
            f"module `{path}` at major version {parsed.major} needs a `/v{parsed.major}` "
            "path suffix (or `+incompatible`)"
        )
    return None


def parse_go_version(version: str) -> tuple[int, int, int] | None:
    """``(major, minor, patch)`` of a Go version (``1.21``, ``1.21.3``, ``1.21rc1``)."""
    m = GO_VERSION.fullmatch(version)
    if m is None:
        return None
    return int(m.group("major")), int(m.group("minor")), int(m.group("patch") or 0)


def go_version_fix(version: str) -> str | None:
    """The valid spelling of a near-miss Go version (``go1.21`` / ``v1.21`` → ``1.21``)."""
    for prefix in ("go", "v"):
        if (
            version.startswith(prefix)
            and parse_go_version(version[len(prefix) :]) is not None
        ):
            return version[len(prefix) :]
    return None


def is_stdlib_path(import_path: str) -> bool:
    """Standard library (and ``"C"``): the first path element has no dot."""
    return "." not in import_path.split("/", 1)[0]


def owning_module(import_path: str, modules: Iterable[str]) -> str | None:
    """The longest module path that is ``import_path`` or a prefix of it at a ``/``."""
    best: str | None = None
    for module in modules:
        inside = import_path == module or import_path.startswith(module + "/")
        if inside and (best is None or len(module) > len(best)):
            best = module
    return best
