"""File modes passed to the `os` calls that create files and directories."""

from __future__ import annotations

from dataclasses import dataclass

from go_script_lint.analysis.context import FileContext
from go_script_lint.base.memo import MemoKey
from go_script_lint.base.rule import last_identifiers
from go_script_lint.golang import go_ast
from go_script_lint.golang.parsing import Node, nodes_of_types

MODE_SETUID = 1 << 23  # os.ModeSetuid: Go's bit, not the Unix 0o4000
MODE_SETGID = 1 << 22
MODE_STICKY = 1 << 20
O_CREATE = 0x40

# callee → (index of the mode argument, "file" | "dir" | "either")
MODE_CALLS: dict[str, tuple[int, str]] = {
    "os.WriteFile": (2, "file"),
    "io/ioutil.WriteFile": (2, "file"),
    "os.OpenFile": (2, "file"),
    "os.Mkdir": (1, "dir"),
    "os.MkdirAll": (1, "dir"),
    "syscall.Open": (2, "file"),
    "syscall.Mkdir": (1, "dir"),
    "os.Chmod": (1, "either"),
    "syscall.Chmod": (1, "either"),
    "syscall.Fchmod": (1, "either"),
    "syscall.Fchmodat": (2, "either"),
    "golang.org/x/sys/unix.Chmod": (1, "either"),
    "golang.org/x/sys/unix.Fchmod": (1, "either"),
    "golang.org/x/sys/unix.Fchmodat": (2, "either"),
}
# Mode changes apply the mode as written; creating calls pass theirs through the umask.
CHMOD_CALLS = frozenset(c for c, (_, t) in MODE_CALLS.items() if t == "either")
#: What :func:`mode_argument` calls are named (a rule's ``call_names``).
MODE_CALL_NAMES = last_identifiers(MODE_CALLS, ["File.Chmod"])
UMASK_CALLS = frozenset({"syscall.Umask", "golang.org/x/sys/unix.Umask"})
#: The `Umask(0)` call of a unit (package, or one `go:build ignore` program).
_UMASK_CLEARED: MemoKey[Node | None] = MemoKey("file_modes.umask-cleared")


@dataclass(frozen=True, slots=True)
class ModeArg:
    """A constant mode argument: the call, the node, its value, what it creates.

    ``changes`` is true for ``Chmod``-family calls, whose mode the umask does
    not narrow; a creating call's mode is narrowed by it (typically to 0o755).
    """

    call: str
    node: Node
    value: int
    target: str  # file | dir
    changes: bool = False


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
        changes = True
    else:
        spec = MODE_CALLS.get(callee)
        if spec is None:
            return None
        index, target = spec
        changes = callee in CHMOD_CALLS
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
    return ModeArg(callee.rsplit("/", 1)[-1], args[index], value, target, changes)


def weak_bits(value: int) -> list[str]:
    """What makes a mode dangerous as written (``mode & 0o7022``)."""
    return writable_bits(value) + special_bits(value)


def writable_bits(value: int) -> list[str]:
    """``group and world-writable``: what the umask usually takes away."""
    writable = [who for who, bit in (("group", 0o020), ("world", 0o002)) if value & bit]
    return [" and ".join(writable) + "-writable"] if writable else []


def special_bits(value: int) -> list[str]:
    """setuid / setgid / sticky: the umask never clears them."""
    problems = []
    if value & (MODE_SETUID | 0o4000):
        problems.append("setuid")
    if value & (MODE_SETGID | 0o2000):
        problems.append("setgid")
    if value & (MODE_STICKY | 0o1000):
        problems.append("sticky")
    return problems


def umask_cleared(ctx: FileContext) -> Node | None:
    """A ``syscall.Umask(0)`` in the program (the file's package), if any.

    After it a creating call's mode is applied as written, so a world-writable
    mode is world-writable on disk.
    """
    package = ctx.package

    def find() -> Node | None:
        for other in package.files:
            if other.unit_key != ctx.unit_key or b"Umask" not in other.source:
                continue
            for call in nodes_of_types(other.root, ("call_expression",)):
                args = go_ast.call_args(call)
                if (
                    len(args) == 1
                    and other.callee(call) in UMASK_CALLS
                    and other.int_value(args[0]) == 0
                ):
                    return call
        return None

    return package.memo(_UMASK_CLEARED.at(ctx.unit_key), find)


def show_mode(value: int) -> str:
    """``0o755``, with Go's setuid/setgid bits shown as the Unix ones."""
    unix = value & 0o7777
    if value & MODE_STICKY:
        unix |= 0o1000
    if value & MODE_SETUID:
        unix |= 0o4000
    if value & MODE_SETGID:
        unix |= 0o2000
    return f"0o{unix:o}"
