"""Regenerate tests/data/line_hashes_reference.json: GitHub's line hashes, computed once.

GitHub's upload action fingerprints each result's line with
``primaryLocationLineHash``; the project's shared validator ``check_sarif.py``
carries a unit-by-unit port of that algorithm (fingerprints.ts). This script
runs that reference port on tricky inputs (line endings, blanks, non-BMP
characters, invalid UTF-8, long and repeated lines) and on seeded random
sources, and stores inputs and hashes, so tests/test_fingerprint.py checks our
own implementation against them without the shared tools.

Usage: python scripts/gen_fingerprint_reference.py [PATH/TO/check_sarif.py]
(default: ../shared/tools/check_sarif.py next to the repository).
"""

from __future__ import annotations

import base64
import importlib.util
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "data" / "line_hashes_reference.json"
DEFAULT_REFERENCE = ROOT.parent / "shared" / "tools" / "check_sarif.py"

NAMED: dict[str, bytes] = {
    "simple": b'package main\n\nfunc main() {\n\tprintln("hi")\n}\n',
    "crlf": b"package main\r\n\r\nfunc main() {\r\n\treturn\r\n}\r\n",
    "lone_cr": b"a\rb\r\rc\r",
    "cr_blank_lf": b"a\r \nb\r\t\nc\r\r\n",
    "tabs_and_spaces": b"\t  x := 1\n x:=1\n\t\tx   :=\t1\n",
    "non_bmp": '\ts := "\U0001f600é"\n// \U0001d11e \U0001f600\U0001f600\n}\n'.encode(),
    "empty": b"",
    "only_newlines": b"\n\n\n",
    "no_trailing_newline": b"package main\nfunc f() {}",
    "long_lines": (b"x" * 150 + b"\n") * 3 + b"y" * 250,
    "very_long_line": b"a" * 10_000 + b"\nb\n",
    "identical_lines": b"}\n" * 150 + b"return nil\n" * 5 + b"}\n" * 3,
    "invalid_utf8": b"ok\n\xff\xfebad\n\xc3(\n\xe2\x82\n",
    "u_ffff": "a\uffff\n\uffff".encode(),
    # UTF-16 units whose bytes contain 0x0A next to a NUL: never a line break.
    "gurmukhi": "\u0a0a\u0a00\n\u0a0a x\n\u0a00\u0a0a".encode(),
    "bom": "\ufeffpackage main\n".encode(),
}
PIECES = [
    "a",
    "b",
    "}",
    " ",
    "\t",
    "\n",
    "\r",
    "\r\n",
    "é",
    "\U0001f600",
    "ਊ",
    "x" * 120,
]


def random_sources(count: int = 300) -> list[bytes]:
    rng = random.Random(20240611)
    sources = []
    for _ in range(count):
        source = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 80))).encode()
        if rng.random() < 0.2:
            source += b"\xff\xc3(" + source[:5]
        sources.append(source)
    return sources


def main(argv: list[str]) -> int:
    reference_path = Path(argv[0]) if argv else DEFAULT_REFERENCE
    spec = importlib.util.spec_from_file_location("check_sarif", reference_path)
    if spec is None or spec.loader is None or not reference_path.is_file():
        print(f"no reference implementation at {reference_path}", file=sys.stderr)
        return 2
    reference = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(reference)
    cases = [*NAMED.items()]
    cases += [(f"random-{i:03d}", s) for i, s in enumerate(random_sources())]
    data = {
        "about": "GitHub's primaryLocationLineHash per line, from check_sarif.py's "
        "reference port; regenerate with scripts/gen_fingerprint_reference.py",
        "cases": [
            {
                "name": name,
                "source": base64.b64encode(source).decode("ascii"),
                "hashes": reference.line_hashes(source.decode("utf-8", "replace")),
            }
            for name, source in cases
        ],
    }
    OUT.write_text(json.dumps(data, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(cases)} cases to {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
