"""What git checkout a run analyses: repository URI, revision, branch (no network)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def _git(root: Path, *args: str) -> str:
    try:
        out = subprocess.run(
            ["git", "-C", str(root), *args],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return out.stdout.strip() if out.returncode == 0 else ""


def public_uri(remote: str) -> str:
    """An https URI for a remote, with any credentials removed (``git@host:o/r`` too)."""
    scp = re.fullmatch(r"[\w.-]+@([\w.-]+):(.+?)(\.git)?", remote)
    if scp:
        return f"https://{scp.group(1)}/{scp.group(2)}"
    remote = re.sub(r"^(\w+://)[^/@]+@", r"\1", remote)
    return remote[:-4] if remote.endswith(".git") else remote


def provenance(root: Path) -> dict[str, str]:
    """``vcs_uri``/``vcs_revision``/``vcs_branch`` of the checkout at ``root``, or ``{}``."""
    revision = _git(root, "rev-parse", "HEAD")
    remote = _git(root, "config", "--get", "remote.origin.url")
    if (
        not revision
        or not remote
        or not re.match(r"^(https?|ssh|git)://|^[\w.-]+@", remote)
    ):
        return {}
    details = {"vcs_uri": public_uri(remote), "vcs_revision": revision}
    branch = _git(root, "symbolic-ref", "--short", "-q", "HEAD")
    if branch:
        details["vcs_branch"] = branch
    return details
