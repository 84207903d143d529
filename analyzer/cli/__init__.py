"""The command line: option parsing, the run, and the auxiliary entry points.

``main`` is ``go-script-lint``: a group (``dispatch``) whose default command
``check`` lints (its options in ``flags``), plus ``explain`` and ``server``
(the language server in ``lsp``). ``setup`` turns flags and config files into
the run's configuration, ``report`` renders, writes and picks the exit code,
``terminal`` decides colour and progress, ``stdin`` lints standard input,
``catalog`` lists and explains rules, ``init_manifest`` writes manifests from
the code. ``merge_sarif`` is ``go-script-lint-merge-sarif``; ``rule_docs``
regenerates ``docs/rules/`` from the catalog and the examples
(``rule_examples``); ``registry`` loads the rule catalog (the one place
outside ``rules/`` that imports it).
May import: every layer and ``go_script_lint.rules``.
"""
