"""The command line: option parsing, the run, and the auxiliary entry points.

``main`` is ``go-script-lint`` (options and the run), ``setup`` turns flags
and config files into the run's configuration, ``report`` renders, writes and
picks the exit code; ``server`` is ``go-script-lint server`` (the language
server in ``lsp``, started with the rule catalog); ``merge_sarif`` is ``go-script-lint-merge-sarif``;
``rule_docs`` regenerates ``docs/rules/`` from the catalog; ``registry`` loads
the rule catalog (the one place outside ``rules/`` that imports it).
May import: every layer and ``go_script_lint.rules``.
"""
