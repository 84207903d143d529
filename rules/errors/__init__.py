"""GSL3xx: errors that are dropped (unchecked results, blank assignments, deferred closes)."""
