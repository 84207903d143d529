"""The project on disk: which files exist, how they group, and what the user configured.

File discovery and analysis units (``discovery``, honouring ``.gitignore``
through ``gitignore``), the configuration (``config``, read and checked by
``config_file``), which files are tests (``test_files``), the
``go-script.yaml`` manifest and the JSON Schemas it names (``manifest``,
``schemafile``) and version-control provenance (``vcs``).
May import: ``base``, ``golang``.
"""
