"""Subcommands with a default: ``go-script-lint PATH`` means ``go-script-lint check PATH``.

:class:`DefaultGroup` is a click group that routes its arguments to the
default command unless the first one names a registered subcommand. So
``go-script-lint examples/``, ``go-script-lint --format json .`` and
``go-script-lint`` all run ``check``, while ``go-script-lint explain GSL201``
runs ``explain``. New subcommands (a language ``server``, ``init-manifest``)
are added with ``main.add_command(...)`` and need no change here. A directory
whose name is a subcommand is linted with ``./explain`` or ``check explain``.
"""

from __future__ import annotations

from typing import Any

import click


class DefaultGroup(click.Group):
    """A group whose first argument is a subcommand name or the default command's."""

    def __init__(self, *args: Any, default_command: str, **kwargs: Any) -> None:
        """``default_command`` runs when no subcommand is named."""
        super().__init__(*args, **kwargs)
        self.default_command = default_command

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Put the default command's name in front unless a subcommand is named."""
        if not args or args[0] not in self.commands:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """Usage names the default command as optional."""
        formatter.write_usage(
            ctx.command_path, f"[{self.default_command}] [OPTIONS] [PATHS]... | COMMAND"
        )


class DefaultCommand(click.Command):
    """The default command; its help also lists the group's other subcommands."""

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """``go-script-lint [OPTIONS] [PATHS]...``: the command name is optional."""
        parent = ctx.parent.command_path if ctx.parent else ctx.command_path
        formatter.write_usage(parent, "[OPTIONS] [PATHS]...")

    def format_epilog(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """A "Commands" section with every other subcommand of the parent group."""
        super().format_epilog(ctx, formatter)
        group = ctx.parent.command if ctx.parent else None
        if not isinstance(group, click.Group):
            return
        rows = [
            (name, command.get_short_help_str(limit=60))
            for name, command in sorted(group.commands.items())
            if command is not self and not command.hidden
        ]
        if rows:
            with formatter.section("Commands (go-script-lint COMMAND --help)"):
                formatter.write_dl(rows)
