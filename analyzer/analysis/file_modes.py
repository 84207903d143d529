"""File modes passed to the `os` calls that create files and directories."""

from __future__ import annotations

from dataclasses import dataclass

from go_script_lint.analysis.context import FileContext
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node

MODE_SETUID = 1 << 23  # os.ModeSetuid: Go's bit, not the Unix 0o4000
MODE_SETGID = 1 << 22
O_CREATE = 0x40

# callee → (index of the mode argument, "file" | "dir" | "either")
MODE_CALLS: dict[str, tuple[int, str]] = {
    "os.WriteFile": (2, "file"),
    "io/ioutil.WriteFile": (2, "file"),
    "os.OpenFile": (2, "file"),
    "os.Mkdir": (1, "dir"),
    "os.MkdirAll": (1, "dir"),
    "os.Chmod": (1, "either"),
}


@dataclass(frozen=True, slots=True)
class ModeArg:
    """A constant mode argument: the call, the node, its value, what it creates."""

    call: str
    node: Node
    value: int
    target: str  # file | dir


def mode_argument(ctx: FileContext, call: Node) -> ModeArg | None:
    """The constant mode of a file-creating call, or ``None``.

    ``os.OpenFile`` only uses its mode when it creates the file, so a constant
    flag without ``O_CREATE`` returns ``None``. A method ``x.Chmod(mode)``
    (``*os.File``) counts, since no other common type has a one-argument
    ``Chmod``.
    """
    callee = ctx.callee(call)
    args = go_ast.call_args(call)
    if callee is None:
        fn = go_ast.call_function(call)
        parts = go_ast.selector_parts(fn) if fn is not None else None
        if parts is None or parts[1] != "Chmod" or len(args) != 1:
            return None
        callee, index, target = "File.Chmod", 0, "either"
    else:
        spec = MODE_CALLS.get(callee)
        if spec is None:
            return None
        index, target = spec
    if len(args) <= index:
        return None
    if callee == "os.OpenFile":
        flag = ctx.int_value(args[1])
        if flag is not None and not flag & O_CREATE:
            return None
    value = ctx.int_value(args[index])
    if value is None or value < 0:
        return None
    if target == "either":
        # Execute bits suggest a directory or a program: judge it as a directory.
        target = "dir" if value & 0o111 else "file"
    return ModeArg(callee.rsplit("/", 1)[-1], args[index], value, target)


def weak_bits(value: int) -> list[str]:
    """What makes a mode dangerous at any scan level (``mode & 0o6022``)."""
    problems = []
    writable = [who for who, bit in (("group", 0o020), ("world", 0o002)) if value & bit]
    if writable:
        problems.append(" and ".join(writable) + "-writable")
    if value & (MODE_SETUID | 0o4000):
        problems.append("setuid")
    if value & (MODE_SETGID | 0o2000):
        problems.append("setgid")
    return problems


def show_mode(value: int) -> str:
    """``0o755``, with Go's setuid/setgid bits shown as the Unix ones."""
    unix = value & 0o7777
    if value & MODE_SETUID:
        unix |= 0o4000
    if value & MODE_SETGID:
        unix |= 0o2000
    return f"0o{unix:o}"
