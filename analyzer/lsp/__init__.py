"""The language server: findings in any LSP editor while the user types.

``server`` holds the server's state and schedules lints, ``handlers``
answers each protocol message, ``protocol`` answers even malformed
requests, ``linting`` runs the engine on a directory with the editor's
buffers over the disk and keeps what the CLI would report, ``diagnostics``
turns findings into LSP diagnostics and hovers, ``actions`` builds the quick
fixes and suppression edits, ``settings`` reads the initialisation options.
The rule catalog is passed in by the command line, which starts the server.
May import: ``base``, ``golang``, ``project``, ``analysis``, ``api``,
``engine``, ``output``.
"""
