"""Go the language: every tree-sitter call, and the Go-specific file formats.

Parsing and node helpers (``parsing``, ``go_ast``), recovery of syntax newer
than the grammar (``recovery``, with byte scanning in ``source_scan``), a
``#!`` first line read as a comment (``shebang``), ``go.mod`` (``gomod``,
reading with ``gomod_lexer`` and ``gomod_statements`` into ``gomod_model``),
header directives (``directives``) and Go module paths and versions
(``module_paths``).
May import: ``base``.
"""
