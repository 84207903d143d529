"""GSL205 raw-syscall: a direct call into `syscall` or `golang.org/x/sys` (deep scan)."""

from __future__ import annotations

from collections.abc import Iterator

from go_script_lint.api import FileContext, Finding, Level, Node, Risk, Rule

# Exported names of these packages that are types (a call is a conversion) or
# pure helpers that never enter the kernel.
NOT_SYSCALLS = frozenset(
    {
        "Signal", "Errno", "Handle", "WaitStatus", "Timespec", "Timeval", "Rlimit",
        "Stat_t", "SysProcAttr", "Credential", "ProcAttr", "Sockaddr", "RawConn",
        "Pointer", "Token", "Utsname", "Statfs_t", "Termios", "Winsize",
        "BytePtrFromString", "ByteSliceFromString", "StringBytePtr",
        "StringByteSlice", "UTF16FromString", "UTF16PtrFromString", "UTF16ToString",
        "StringToUTF16", "StringToUTF16Ptr", "NsecToTimespec", "NsecToTimeval",
        "TimespecToNsec", "TimevalToNsec", "NewSignal", "CmsgLen", "CmsgSpace",
        "ParseSocketControlMessage", "ParseUnixRights", "UnixRights", "ParseDirent",
        "Getenv", "Setenv", "Unsetenv", "Clearenv", "Environ", "Getpagesize",
        "ByteSliceToString", "BytePtrToString", "Major", "Minor", "Mkdev",
        "Signame", "SignalNum", "ErrnoName", "EscapeArg", "FdSet",
    }
)  # fmt: skip


def imports_a_checked_package(ctx: FileContext) -> bool:
    """Engine gate: only files importing one of the configured packages can call them."""
    return not ctx.imports.paths.isdisjoint(ctx.options(RULE)["packages"])


def check(node: Node, ctx: FileContext) -> Iterator[Finding]:
    if ctx.scan_level is not Risk.HIGH:
        return  # deep-scan rule, even when selected by id
    callee = ctx.callee(node)
    if callee is None:
        return
    package, _, name = callee.rpartition(".")
    if package not in ctx.options(RULE)["packages"] or name in NOT_SYSCALLS:
        return
    if not name[:1].isupper():
        return
    short = package.rsplit("/", 1)[-1]
    yield ctx.finding(RULE, node, call=f"{short}.{name}")


RULE = Rule(
    id="GSL205",
    name="raw-syscall",
    summary="A direct call into `syscall` or `golang.org/x/sys` (deep scan).",
    description=(
        "Calls into `syscall`, `golang.org/x/sys/unix` and `golang.org/x/sys/windows` "
        "talk to the kernel without the checks and portability of `os`, `os/exec` and "
        "`net`: privilege changes (`Setuid`), `Exec`, `Mount`, `Ptrace`, raw file "
        "descriptors. A script rarely needs them, so the deep scan lists every call for "
        "review. Constants and types (`syscall.SIGTERM`, `syscall.Stat_t`), "
        "conversions (`syscall.Signal(9)`) and pure helpers "
        "(`syscall.BytePtrFromString`) are not reported."
    ),
    message="`{call}` calls the kernel directly",
    level=Level.NOTE,
    risk=Risk.MEDIUM,
    scan_level=Risk.HIGH,
    tags=("security", "syscall"),
    cwe=(242,),
    precision="high",
    help=(
        "**Why:** raw system calls bypass the standard library's safer wrappers, are "
        "not portable, and are how a script escalates privileges or escapes a "
        "sandbox. The deep scan lists them so a reviewer sees each one.\n\n"
        "**Fix:** use the `os`, `os/exec`, `os/signal` or `net` equivalent "
        "(`os.Chown`, `exec.Command`, `signal.Notify`). When the call is needed, "
        "keep it and suppress the finding with a reason: "
        "`//go-script-lint:ignore GSL205 -- needs setrlimit`."
    ),
    options={
        "packages": (
            "syscall",
            "golang.org/x/sys/unix",
            "golang.org/x/sys/windows",
        )
    },
    node_types=("call_expression",),
    check=check,
    applies=imports_a_checked_package,
    in_tests=False,
)
