"""Base: the data every other layer speaks, with no parsing and no I/O policy.

Findings, locations, levels and run results (``model``), the rule catalog
entry (``rule``), source decoding and line indexes (``source``), SARIF
fingerprints (``fingerprint``), position-keeping YAML loading (``yamlpos``)
and typed keys for memoised facts (``memo``).
May import: the standard library and third-party packages only.
"""
