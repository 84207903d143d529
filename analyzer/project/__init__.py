"""The project on disk: which files exist, how they group, and what the user configured.

File discovery and analysis units (``discovery``), the configuration file
(``config``, read and checked by ``config_file``), the ``go-script.yaml`` manifest and the JSON Schemas it names
(``manifest``, ``schemafile``) and version-control provenance (``vcs``).
May import: ``base``, ``golang``.
"""
