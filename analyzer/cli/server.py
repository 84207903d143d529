"""``go-script-lint server``: start the language server on stdin/stdout."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from go_script_lint.cli.registry import load_registry


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--log-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the server's log here.  [default: standard error]",
)
@click.option("-v", "--verbose", count=True, help="Log more (-vv: the protocol too).")
def server(log_file: Path | None, verbose: int) -> None:
    """Serve diagnostics, quick fixes and hovers to an LSP editor over stdio.

    Settings come from the client's initializationOptions: riskLevel, select,
    ignore, config, noConfig, schemaPath, baseline, debounce, lintWorkspace
    (docs/editors.md).
    """
    from go_script_lint.lsp.handlers import serve

    level = (logging.WARNING, logging.INFO, logging.DEBUG)[min(verbose, 2)]
    handler: logging.Handler = (
        logging.FileHandler(log_file, encoding="utf-8")
        if log_file is not None
        else logging.StreamHandler()
    )
    handler.setFormatter(
        logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s")
    )
    logging.basicConfig(level=level, handlers=[handler])
    if verbose < 2:
        logging.getLogger("pygls").setLevel(max(level, logging.WARNING))
    serve(load_registry())
