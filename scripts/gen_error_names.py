"""Generate analyzer/data/stdlib_error_names.json from the signature index.

Usage: ``python scripts/gen_error_names.py`` after ``scripts/gen_stdlib_index.py``.
The table lists the names under which an indexed declaration returns an error
(:func:`go_script_lint.analysis.stdlib_error_names.compute_stdlib_names`), so
that the error rules' pre-filter need not decode the whole index in every
process; ``tests/test_error_names.py`` fails when it is stale.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from go_script_lint.analysis.signatures import stdlib  # noqa: E402
from go_script_lint.analysis.stdlib_error_names import (  # noqa: E402
    TABLE_PATH,
    compute_stdlib_names,
)


def main() -> None:
    """Write the table next to the index."""
    index = stdlib()
    document = compute_stdlib_names(index).to_json(index.go_version)
    TABLE_PATH.write_text(json.dumps(document, indent=0) + "\n", encoding="utf-8")
    print(f"wrote {TABLE_PATH.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
