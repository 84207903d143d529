"""Analyses of Go code that rules share, each computed once per file or package.

What a check sees (``context``), name resolution (``imports``, ``scopes``,
``resolve``), value tracking (``constness``, ``taint``, ``dataflow``,
``flow``), types (``typeinfo``, ``signatures``, ``declarations``), the
sandbox capability model (``capabilities``), and narrower helpers
(``exec_commands``, ``file_modes``, ``errcheck``, ``structtags``,
``struct_types``, ``parameters``, ``version_features``).
May import: ``base``, ``golang``, ``project``.
"""
