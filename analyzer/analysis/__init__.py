"""Analyses of Go code that rules share, each computed once per file or package.

- What a check sees: ``context`` (``FileContext``, ``PackageContext``),
  ``finding_factory`` (what both build findings with); ``file_pass`` (the one
  query pass per file the engine dispatches from); ``quiet_files`` (files
  where the report drops a rule's findings anyway).
- Names: ``imports``, ``scopes``, ``top_level``, ``resolve``.
- Values: ``constness``, ``taint``, ``origins``, ``dataflow``, ``flow``,
  ``callsites`` (parameters filled by every caller).
- Types: ``typeinfo``, ``typeshapes``, ``typenames``, ``signatures``,
  ``declarations``, ``declaration_events`` (a file's declarations as data,
  kept when its tree is let go), ``struct_types``, ``structtags``, ``json_types``.
- Dropped errors: ``errcheck``, ``error_names`` (the pre-filter),
  ``stdlib_error_names`` (its precompiled table), ``benign_errors``, ``writer_params``.
- Risky calls: ``exec_commands``, ``file_modes``, ``archives``, ``secrets``.
- Script inputs and their contract: ``flag_kinds``, ``flag_bindings``,
  ``flag_usage``, ``input_names``, ``input_bindings``, ``parameters``,
  ``package_manifest``; the manifest writer: ``manifest_inference``,
  ``sandbox_inference``, ``manifest_writer``.
- Toolchain and sandbox: ``go_version``, ``version_features``, ``capabilities``.

May import: ``base``, ``golang``, ``project``.
"""
