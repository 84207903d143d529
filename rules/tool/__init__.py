"""GSL0xx: the tool's own findings (parse errors, unreadable inputs, unused suppressions)."""
