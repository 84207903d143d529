"""The command line: option parsing, the run, and the auxiliary entry points.

``main`` is ``go-script-lint``; ``merge_sarif`` is ``go-script-lint-merge-sarif``;
``rule_docs`` regenerates ``docs/rules/`` from the catalog; ``registry`` loads
the rule catalog (the one place the engine's side imports ``rules``).
May import: every layer and ``go_script_lint.rules``.
"""
