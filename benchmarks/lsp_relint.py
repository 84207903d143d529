#!/usr/bin/env python3
"""Re-lint time of a 300-line Go script after a keystroke, in the language server.

Usage: python benchmarks/lsp_relint.py [--lines 300] [--keystrokes 40]

Writes a script of about ``--lines`` lines (with its go.mod and
go-script.yaml, so the cross-file rules run too) to a temporary directory,
then types one character at a time into an unsaved buffer and prints the
median and 90th percentile of:

- lint: the server's lint of the directory on the buffer, in process
  (``WorkspaceLinter.lint``, what each debounced change runs);
- round trip: ``didChange`` to ``publishDiagnostics`` over stdio with a real
  client and the debounce set to 0 (the protocol and scheduling included).

The target is a median under 150 ms. Run it on an idle machine.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

from go_script_lint.lsp.linting import WorkspaceLinter
from go_script_lint.rules import REGISTRY

HEADER = """//go:script
//go:requires go 1.22
//go:requires gopkg.in/yaml.v3 v3.0.1

// bench is a made-up ops script of the usual shape.
package main

import (
\t"encoding/json"
\t"flag"
\t"fmt"
\t"net/http"
\t"os"
\t"os/exec"
\t"path/filepath"

\t"gopkg.in/yaml.v3"
)

type Params struct {
\tRegion string `json:"region"`
\tDryRun bool   `json:"dryRun"`
}

var _ = yaml.Marshal

"""

STEP = """func step{n}(dir string, p Params) error {{
\tf, err := os.OpenFile(filepath.Join(dir, "out{n}.json"), os.O_CREATE|os.O_WRONLY, 0o644)
\tif err != nil {{
\t\treturn fmt.Errorf("open: %w", err)
\t}}
\tdefer f.Close()
\tresp, err := http.Get("https://example.com/" + p.Region)
\tif err != nil {{
\t\treturn err
\t}}
\tdefer resp.Body.Close()
\tif err := json.NewEncoder(f).Encode(resp.Header); err != nil {{
\t\treturn err
\t}}
\tcmd := exec.Command("gzip", "-9", f.Name())
\tos.Remove(filepath.Join(dir, "stale{n}"))
\treturn cmd.Run()
}}

"""

MAIN = """func main() {
\tdir := flag.String("dir", ".", "output directory")
\tflag.Parse()
\tvar p Params
\tif err := json.NewDecoder(os.Stdin).Decode(&p); err != nil {
\t\tfmt.Fprintln(os.Stderr, err)
\t\tos.Exit(2)
\t}
\t_ = step0(*dir, p)
}
"""

GOMOD = "module example.com/bench\n\ngo 1.22\n\nrequire gopkg.in/yaml.v3 v3.0.1\n"
MANIFEST = """name: bench
version: 1.0.0
entrypoint: main.go
parameters:
  - name: region
    type: string
  - name: dryRun
    type: boolean
"""


def write_workspace(root: Path, lines: int) -> Path:
    """A directory with a ~``lines``-line script, its go.mod and manifest."""
    directory = root / "bench"
    directory.mkdir()
    steps = []
    n = 0
    while len((HEADER + "".join(steps) + MAIN).splitlines()) < lines:
        steps.append(STEP.format(n=n))
        n += 1
    (directory / "main.go").write_text(HEADER + "".join(steps) + MAIN)
    (directory / "go.mod").write_text(GOMOD)
    (directory / "go-script.yaml").write_text(MANIFEST)
    return directory / "main.go"


def keystrokes(text: str, count: int) -> list[str]:
    """Successive buffers: a comment typed one character at a time in main."""
    at = text.index("\tflag.Parse()")
    typed = "// keep the output dir small please and thank you very much indeed ok"
    return [
        text[:at] + "\t" + typed[: i + 1] + "\n" + text[at:]
        for i in range(min(count, len(typed)))
    ]


def in_process(script: Path, buffers: list[str]) -> list[float]:
    linter = WorkspaceLinter(REGISTRY, roots=[script.parent.parent])
    linter.lint(script.parent)  # warm: imports, signature index, config
    times = []
    for text in buffers:
        started = time.perf_counter()
        linter.lint(script.parent, {script: text.encode()})
        times.append(time.perf_counter() - started)
    return times


async def round_trips(script: Path, buffers: list[str]) -> list[float]:
    client = LanguageClient("bench", "1")
    arrived: asyncio.Queue[types.PublishDiagnosticsParams] = asyncio.Queue()
    uri = script.resolve().as_uri()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    async def diagnostics(params: types.PublishDiagnosticsParams) -> None:
        if params.uri == uri:
            await arrived.put(params)

    await client.start_io(sys.executable, "-m", "go_script_lint", "server")
    root = script.parent.parent.resolve().as_uri()
    await client.initialize_async(
        types.InitializeParams(
            capabilities=types.ClientCapabilities(),
            root_uri=root,
            initialization_options={"debounce": 0},
        )
    )
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(
                uri=uri, language_id="go", version=0, text=script.read_text()
            )
        )
    )
    await arrived.get()
    times = []
    for version, text in enumerate(buffers, start=1):
        started = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(
                    uri=uri, version=version
                ),
                content_changes=[
                    types.TextDocumentContentChangeWholeDocument(text=text)
                ],
            )
        )
        while (await arrived.get()).version != version:
            pass
        times.append(time.perf_counter() - started)
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()
    return times


def report(name: str, times: list[float]) -> float:
    ms = sorted(t * 1000 for t in times)
    median = statistics.median(ms)
    p90 = ms[int(len(ms) * 0.9) - 1]
    print(
        f"{name:<12} median {median:7.1f} ms   p90 {p90:7.1f} ms   ({len(ms)} keystrokes)"
    )
    return median


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=300)
    parser.add_argument("--keystrokes", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="gsl-lsp-bench-") as tmp:
        script = write_workspace(Path(tmp), args.lines)
        text = script.read_text()
        print(f"script: {len(text.splitlines())} lines, {len(text)} bytes")
        buffers = keystrokes(text, args.keystrokes)
        lint = report("lint", in_process(script, buffers))
        report("round trip", asyncio.run(round_trips(script, buffers)))
    print(f"target: median lint < 150 ms: {'met' if lint < 150 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
