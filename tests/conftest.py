"""Test-wide settings: rules that crash must fail the tests, not become notifications."""

from __future__ import annotations

import os

os.environ["GSL_RAISE_INTERNAL"] = "1"
