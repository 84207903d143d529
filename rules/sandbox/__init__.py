"""GSL5xx: what the code needs against the manifest's `sandbox` contract."""
