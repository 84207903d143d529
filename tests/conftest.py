"""Test-wide settings: rules that crash must fail the tests, not become notifications."""

from __future__ import annotations

import os

os.environ["GSL_RAISE_INTERNAL"] = "1"

# Keep the result cache of test runs out of the user's cache directory.
if "GSL_TEST_CACHE" not in os.environ:
    import tempfile

    os.environ["GSL_TEST_CACHE"] = tempfile.mkdtemp(prefix="gsl-test-cache-")
    os.environ["XDG_CACHE_HOME"] = os.environ["GSL_TEST_CACHE"]
