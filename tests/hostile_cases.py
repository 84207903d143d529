"""The reproducers of issue 14, each run as the real CLI in a bounded subprocess.

Every case builds a tree under a temporary directory, runs ``go-script-lint``
(or the merge tool) with limits on wall time, CPU time and address space, and
classifies what happened: ``ok``, ``leak`` (a byte from outside the scanned
root in any output), ``crash`` (a traceback or an unexpected exit status),
``hang`` (killed at the deadline) or ``lost`` (exit 0, or a finding missing
with no diagnostic saying why). ``tests/test_hostile_inputs.py`` asserts
``ok`` for each; ``python -m tests.hostile_cases`` prints the table with the
peak RSS of each run (the figures of the issue's closing note).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
# Another checkout's package to measure (the "before" figures): a directory
# holding go_script_lint/ (analyzer/ with rules/ inside), first on the path.
PYTHONPATH = os.environ.get("GSL_HOSTILE_PYTHONPATH", str(ROOT))
SECRET = "SECRET_TOKEN=hunter2-d41d8cd9"
PROGRAM = (
    'package main\n\nimport "os"\n\nfunc main() {\n\tos.RemoveAll(os.Args[1])\n}\n'
)
MANIFEST = "name: x\nversion: 1.0.0\nentrypoint: main.go\n"
MEMORY_LIMIT = 1 << 30  # "never exceeds 1 GB", checked on RSS below
ADDRESS_LIMIT = (
    3 << 30
)  # address space: Python + tree-sitter reserve more than they use
BASE_ARGS = ("--no-config", "--jobs", "1")
PEAK_RSS_KB = [0]  # the largest peak RSS of any run so far (for the report)
LAST_STDERR = [b""]  # of the last run, for a failing test's message


@dataclass
class Run:
    """What one bounded run of the CLI did."""

    code: int | None
    stdout: bytes
    stderr: bytes
    seconds: float
    peak_rss_kb: int
    timed_out: bool
    outputs: dict[str, bytes] = field(default_factory=dict)

    def json(self) -> dict:  # type: ignore[type-arg]
        return json.loads(self.stdout)

    @property
    def text(self) -> str:
        return (self.stdout + self.stderr).decode("utf-8", "replace")


def run_cli(
    cwd: Path,
    args: list[str],
    *,
    timeout: float,
    module: str = "go_script_lint",
    cache_dir: Path | None = None,
    after_start: Callable[[subprocess.Popen[bytes]], None] | None = None,
) -> Run:
    """Run the CLI in ``cwd`` bounded in wall time, CPU time and address space."""

    def limit() -> None:
        os.setsid()
        resource.setrlimit(resource.RLIMIT_AS, (ADDRESS_LIMIT, ADDRESS_LIMIT))
        cpu = int(timeout) + 5
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))

    env = {
        **os.environ,
        "PYTHONPATH": PYTHONPATH,
        "XDG_CACHE_HOME": str(cache_dir or cwd / ".cache-home"),
    }
    env.pop("GSL_RAISE_INTERNAL", None)  # the user's view: notifications, not raises
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-m", module, *args],
            cwd=cwd,
            stdout=out,
            stderr=err,
            stdin=subprocess.DEVNULL,
            env=env,
            preexec_fn=limit,
        )
        if after_start is not None:
            after_start(proc)
        timed_out = False
        rss = 0
        status = None
        while True:
            pid, wait_status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                rss = usage.ru_maxrss
                status = os.waitstatus_to_exitcode(wait_status)
                proc.returncode = status
                break
            if time.monotonic() - started > timeout:
                timed_out = True
                _kill_group(proc.pid)
                _, wait_status, usage = os.wait4(proc.pid, 0)
                rss = usage.ru_maxrss
                proc.returncode = os.waitstatus_to_exitcode(wait_status)
                break
            time.sleep(0.02)
        seconds = time.monotonic() - started
        PEAK_RSS_KB[0] = max(PEAK_RSS_KB[0], rss)
        _kill_group(proc.pid)  # workers left behind by a killed parent
        out.seek(0)
        err.seek(0)
        LAST_STDERR[0] = err.read()
        return Run(status, out.read(), LAST_STDERR[0], seconds, rss, timed_out)


def run_plain(
    args: list[str], cwd: Path, timeout: float, stdout: Any = subprocess.PIPE
) -> Run:
    """``python ARGS`` in ``cwd`` with a timeout only (for runs with their own limits)."""
    started = time.monotonic()
    proc = subprocess.run(
        [sys.executable, *args],
        cwd=cwd,
        stdout=stdout,
        stderr=subprocess.PIPE,
        timeout=timeout,
        check=False,
        env={**os.environ, "PYTHONPATH": PYTHONPATH, "XDG_CACHE_HOME": str(cwd)},
    )
    out = proc.stdout if isinstance(proc.stdout, bytes) else b""
    return Run(proc.returncode, out, proc.stderr, time.monotonic() - started, 0, False)


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def orphans_in(directory: Path) -> list[int]:
    """Processes whose working directory is ``directory`` (workers left behind)."""
    found = []
    target = os.path.realpath(directory)
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                if os.readlink(f"/proc/{entry}/cwd") == target:
                    found.append(int(entry))
            except OSError:
                continue
    return found


# -- the verdicts --------------------------------------------------------------


def verdict(
    run: Run,
    *,
    codes: tuple[int, ...] = (1, 2),
    want: Callable[[Run], bool] | None = None,
    secret: str | None = SECRET,
    seconds: float | None = None,
) -> str:
    """``ok`` or the first thing that went wrong (leak, hang, crash, memory, lost)."""
    everything = run.stdout + run.stderr + b"".join(run.outputs.values())
    if secret is not None and secret.encode() in everything:
        return "leak"
    if run.timed_out or (seconds is not None and run.seconds > seconds):
        return "hang"
    if b"Traceback" in run.stderr or run.code not in (0, 1, 2, 130, 143):
        return "crash"
    if run.peak_rss_kb * 1024 > MEMORY_LIMIT:
        return "memory"
    if run.code not in codes:
        return "lost"  # a finding or diagnostic missing, or the wrong exit status
    if want is not None:
        try:
            return "ok" if want(run) else "lost"
        except (ValueError, KeyError, TypeError):
            return "crash"
    return "ok"


def rule_ids(run: Run) -> set[str]:
    return {f["ruleId"] for f in run.json()["findings"]}


def has(*ids: str) -> Callable[[Run], bool]:
    return lambda run: set(ids) <= rule_ids(run)


# -- the cases -----------------------------------------------------------------

Case = Callable[[Path, float], str]
CASES: dict[str, tuple[str, Case]] = {}


def case(category: str) -> Callable[[Case], Case]:
    def register(fn: Case) -> Case:
        CASES[fn.__name__] = (category, fn)
        return fn

    return register


def _link_to_secret(tmp: Path, timeout: float, name: str, fmt: str) -> Run:
    """A repository whose ``name`` links to a secret file outside it, linted."""
    secret = write(tmp / "outside" / "secret.txt", f"{SECRET}\n")
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    os.symlink(secret, root / name)
    return run_cli(root, [".", "--format", fmt, *BASE_ARGS], timeout=timeout)


@case("containment")
def manifest_symlink_outside(tmp: Path, timeout: float) -> str:
    run = _link_to_secret(tmp, timeout, "go-script.yaml", "text")
    return verdict(run, want=lambda r: "go-script.yaml" in r.text)


@case("containment")
def gomod_symlink_outside_sarif(tmp: Path, timeout: float) -> str:
    return verdict(_link_to_secret(tmp, timeout, "go.mod", "sarif"))


@case("containment")
def openapi_outside_relative(tmp: Path, timeout: float) -> str:
    write(
        tmp / "outside" / "secret.yaml",
        "openapi: 3.0.3\ncomponents:\n  schemas:\n    P:\n      properties:\n"
        f"        mode:\n          enum: [{SECRET.replace('=', '-')}]\n",
    )
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    write(
        root / "go-script.yaml",
        MANIFEST
        + "openapi: ../outside/secret.yaml\nparameters:\n  - name: mode\n"
        + "    type: string\n    enum: [a]\n",
    )
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    return verdict(run, secret=SECRET.replace("=", "-"), want=has("GSL409"))


@case("containment")
def openapi_absolute_etc_passwd(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    write(root / "go-script.yaml", MANIFEST + "openapi: /etc/passwd\n")
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    return verdict(run, secret="root:x:0", want=has("GSL409"))


@case("containment")
def entrypoint_outside_is_no_oracle(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    messages = []
    for target in ("/etc/passwd", "/etc/no-such-file-here"):
        write(
            root / "go-script.yaml", f"name: x\nversion: 1.0.0\nentrypoint: {target}\n"
        )
        run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
        got = verdict(run, want=has("GSL409"))
        if got != "ok":
            return got
        messages.append(
            [f["message"] for f in run.json()["findings"] if f["ruleId"] == "GSL409"]
        )
    oracle = messages[0] != [
        m.replace("no-such-file-here", "passwd") for m in messages[1]
    ]
    return "leak" if oracle else "ok"


@case("containment")
def go_file_symlink_outside(tmp: Path, timeout: float) -> str:
    write(
        tmp / "outside" / "o.go",
        PROGRAM.replace("func main", f"// {SECRET}\nfunc main"),
    )
    root = tmp / "repo"
    write(root / "main.go", "package main\n\nfunc main() {}\n")
    os.symlink(tmp / "outside" / "o.go", root / "link.go")
    run = run_cli(root, [".", "--format", "sarif", *BASE_ARGS], timeout=timeout)
    return verdict(run, codes=(0,))


@case("unbounded")
def openapi_fifo_with_cache(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    write(root / "go-script.yaml", MANIFEST + "openapi: api.yaml\n")
    os.mkfifo(root / "api.yaml")
    run = run_cli(
        root,
        [".", "--format", "json", "--select", "GSL2", *BASE_ARGS[:1]],
        timeout=timeout,
    )
    return verdict(run, want=has("GSL203"))


def _openapi_dev_zero(tmp: Path, timeout: float, *, through_link: bool) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    named = "api.yaml" if through_link else "/dev/zero"
    write(root / "go-script.yaml", f"{MANIFEST}openapi: {named}\n")
    if through_link:
        os.symlink("/dev/zero", root / "api.yaml")
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    return verdict(run, want=has("GSL203", "GSL409"))


@case("unbounded")
def openapi_dev_zero(tmp: Path, timeout: float) -> str:
    return _openapi_dev_zero(tmp, timeout, through_link=False)


@case("unbounded")
def openapi_link_to_dev_zero(tmp: Path, timeout: float) -> str:
    return _openapi_dev_zero(tmp, timeout, through_link=True)


@case("unbounded")
def huge_gomod_charged_to_itself(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    with (root / "go.mod").open("w") as out:
        out.write("module example.com/x\n\ngo 1.22\n\nrequire (\n")
        line = "\texample.com/dependency/number{} v1.0.0\n"
        i = 0
        while out.tell() < 40_000_000:
            out.write("".join(line.format(i + j) for j in range(10_000)))
            i += 10_000
        out.write(")\n")
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)

    def charged_right(r: Run) -> bool:
        over = [
            f
            for f in r.json()["findings"]
            if f["ruleId"] == "GSL002" and f["path"] == "main.go"
        ]
        return "GSL203" in rule_ids(r) and not over

    return verdict(run, want=charged_right)


@case("unbounded")
def large_json_schema_is_no_alias_bomb(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    # 34,000 parameters: more values than the alias-expansion budget of 100,000.
    props = ",".join(f'"p{i}": {{"type": "string"}}' for i in range(34_000))
    write(root / "schema.json", '{"type": "object", "properties": {' + props + "}}")
    run = run_cli(
        root,
        [".", "--format", "json", "--schema-path", "schema.json", *BASE_ARGS],
        timeout=timeout,
    )
    return verdict(
        run, want=lambda r: "alias" not in r.text and "GSL203" in rule_ids(r)
    )


def _nested(depth: int, open_: str, close: str) -> str:
    body = "os.RemoveAll(os.Args[1])"
    return (
        'package main\n\nimport "os"\n\nfunc main() {\n'
        + open_ * depth
        + body
        + close * depth
        + "\n}\n"
    )


def _deep_case(tmp: Path, timeout: float, depth: int, open_: str, close: str) -> str:
    root = tmp / "repo"
    write(root / "main.go", _nested(depth, open_, close))
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    # Either the finding is there, or GSL002 says the file was not analysed.
    return verdict(
        run, want=lambda r: bool(rule_ids(r) & {"GSL203", "GSL002"}), codes=(1, 2)
    )


@case("silent")
def deep_blocks_32770(tmp: Path, timeout: float) -> str:
    return _deep_case(tmp, timeout, 32_770, "{", "}")


@case("silent")
def deep_func_literals_25000(tmp: Path, timeout: float) -> str:
    return _deep_case(tmp, timeout, 25_000, "func() {", "}()")


@case("silent")
def deep_func_literals_50000(tmp: Path, timeout: float) -> str:
    return _deep_case(tmp, timeout, 50_000, "func() {", "}()")


@case("silent")
def deep_blocks_under_the_cap_are_analysed(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    # ~50,000 syntax levels: a parent climb per statement made this quadratic once.
    write(root / "main.go", _nested(25_000, "{", "}"))
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    return verdict(run, codes=(1,), want=has("GSL203"))


@case("silent")
def one_line_composite_literal_4mb(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    items = ",".join(f'"k{i}": {{{i}, "v"}}' for i in range(250_000))
    write(
        root / "main.go",
        PROGRAM + "\nvar table = map[string]struct{ n int; s string }{" + items + "}\n",
    )
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)

    # Either analysed completely with the finding, or GSL002 and exit 2.
    def analysed_or_reported(r: Run) -> bool:
        found = rule_ids(r)
        if r.json()["summary"]["complete"]:
            return "GSL203" in found and r.code == 1
        return "GSL002" in found and r.code == 2

    return verdict(run, want=analysed_or_reported)


def _cafe(tmp: Path) -> Path:
    root = tmp / "repo"
    root.mkdir(parents=True)
    (root / os.fsdecode(b"caf\xe9.go")).write_text(PROGRAM)
    return root


@case("crash")
def non_utf8_file_name_text(tmp: Path, timeout: float) -> str:
    run = run_cli(_cafe(tmp), [".", "--format", "text", *BASE_ARGS], timeout=timeout)
    return verdict(run, codes=(1,), want=lambda r: "caf\\xe9.go" in r.stdout.decode())


@case("crash")
def non_utf8_file_name_json(tmp: Path, timeout: float) -> str:
    run = run_cli(_cafe(tmp), [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    return verdict(run, codes=(1,), want=has("GSL203"))


@case("crash")
def non_utf8_file_name_sarif_to_file(tmp: Path, timeout: float) -> str:
    root = _cafe(tmp)
    run = run_cli(
        root, [".", "--format", "sarif", "-o", "out.sarif", *BASE_ARGS], timeout=timeout
    )

    def uri_encoded(r: Run) -> bool:
        log = json.loads((root / "out.sarif").read_bytes().decode("utf-8"))
        uris = {
            loc["physicalLocation"]["artifactLocation"]["uri"]
            for res in log["runs"][0]["results"]
            for loc in res["locations"]
        }
        return "caf%E9.go" in uris

    return verdict(run, codes=(1,), want=uri_encoded)


@case("crash")
def non_utf8_file_name_github(tmp: Path, timeout: float) -> str:
    run = run_cli(_cafe(tmp), [".", "--format", "github", *BASE_ARGS], timeout=timeout)
    return verdict(run, codes=(1,), want=lambda r: "GSL203" in r.stdout.decode())


@case("crash")
def non_utf8_file_name_concise_gitlab_junit(tmp: Path, timeout: float) -> str:
    root = _cafe(tmp)
    for fmt in ("concise", "gitlab", "junit"):
        run = run_cli(root, [".", "--format", fmt, *BASE_ARGS], timeout=timeout)
        got = verdict(run, codes=(1,), want=lambda r: "caf\\" in r.stdout.decode())
        if got != "ok":
            return got
    return "ok"


def _cache_case(tmp: Path, timeout: float, poison: Callable[[Path], None]) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    cache_home = tmp / "cache-home"
    args = [".", "--format", "json", "--jobs", "1", "--no-config"]
    first = run_cli(root, args, timeout=timeout, cache_dir=cache_home)
    entries = list((cache_home / "go-script-lint").rglob("*.json"))
    if first.code != 1 or not entries:
        return "crash"
    for entry in entries:
        entry.unlink()
        poison(entry)
    for _ in range(2):  # the bad entry must not survive the next run either
        run = run_cli(root, args, timeout=timeout, cache_dir=cache_home)
        got = verdict(run, codes=(1,), want=has("GSL203"))
        if got != "ok":
            return got
    return "ok"


@case("crash")
def deep_json_cache_entry(tmp: Path, timeout: float) -> str:
    return _cache_case(
        tmp, timeout, lambda p: p.write_text("[" * 200_000 + "]" * 200_000)
    )


@case("crash")
def ill_typed_cache_entry(tmp: Path, timeout: float) -> str:
    return _cache_case(
        tmp,
        timeout,
        lambda p: p.write_text('{"schema": 1, "findings": [[1]], "notifications": 3}'),
    )


@case("crash")
def fifo_cache_entry(tmp: Path, timeout: float) -> str:
    return _cache_case(tmp, timeout, lambda p: os.mkfifo(p))


def _baseline_case(tmp: Path, timeout: float, text: str) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    write(root / "base.json", text)
    run = run_cli(
        root,
        [".", "--format", "json", "--baseline", "base.json", *BASE_ARGS],
        timeout=timeout,
    )
    return verdict(run, codes=(2,), want=lambda r: "baseline" in r.stderr.decode())


@case("crash")
def deep_baseline(tmp: Path, timeout: float) -> str:
    return _baseline_case(tmp, timeout, "[" * 200_000 + "]" * 200_000)


@case("crash")
def ill_typed_baseline(tmp: Path, timeout: float) -> str:
    entry = (
        '{"ruleId": ["x"], "path": {}, "message": 3, "fingerprint": [], "region": "x"}'
    )
    return _baseline_case(tmp, timeout, '{"version": 1, "findings": [' + entry + "]}")


def _merge_case(tmp: Path, timeout: float, text: str) -> str:
    root = tmp / "repo"
    write(root / "a.sarif", text)
    run = run_cli(
        root,
        ["-o", "merged.sarif", "a.sarif"],
        module="go_script_lint.cli.merge_sarif",
        timeout=timeout,
    )
    return verdict(run, codes=(2,), want=lambda r: r.stderr.count(b"\n") == 1)


@case("crash")
def merge_sarif_json_list(tmp: Path, timeout: float) -> str:
    return _merge_case(tmp, timeout, "[1, 2]")


@case("crash")
def merge_sarif_deep_json(tmp: Path, timeout: float) -> str:
    return _merge_case(tmp, timeout, '{"runs": ' + "[" * 200_000 + "]" * 200_000 + "}")


@case("crash")
def stdout_on_full_disk(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)

    def full(r: Run) -> bool:
        return r.stderr.decode().count("\n") == 1 and "error" in r.stderr.decode()

    if not Path("/dev/full").exists():
        return "ok"
    with open("/dev/full", "wb") as sink:
        command = ["-m", "go_script_lint", ".", "--format", "sarif", *BASE_ARGS]
        run = run_plain(command, root, timeout, stdout=sink)
    return verdict(run, codes=(2,), want=full)


def _slow_tree(root: Path, dirs: int = 6) -> None:
    body = "".join(f'func f{i}() {{ os.Remove("x") }}\n' for i in range(12_000))
    for d in range(dirs):
        write(root / f"d{d}" / "main.go", 'package main\n\nimport "os"\n\n' + body)


def _signal_case(tmp: Path, timeout: float, signum: int, expect: int) -> str:
    root = tmp / "repo"
    _slow_tree(root)
    previous = b"previous good report\n"
    write(root / "out.sarif", previous)

    def interrupt(proc: subprocess.Popen[bytes]) -> None:
        time.sleep(3.0)
        os.kill(proc.pid, signum)

    run = run_cli(
        root,
        [".", "--format", "sarif", "-o", "out.sarif", "--jobs", "2", "--no-config"],
        timeout=timeout,
        after_start=interrupt,
    )
    time.sleep(0.5)
    left = orphans_in(root)
    for pid in left:  # clean up what this run started
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    if left:
        return "hang"
    if run.timed_out:
        return "hang"
    if b"Traceback" in run.stderr:
        return "crash"
    kept = (root / "out.sarif").read_bytes() == previous
    one_line = run.stderr.decode().count("\n") == 1
    # No temporary report left behind, and every cache entry whole (a worker
    # killed mid-write may leave a *.tmp, never a half-written entry).
    leftovers = list(root.glob(".gsl-*.tmp"))
    entries = (root / ".cache-home").rglob("*.json")
    whole = all(json.loads(e.read_bytes()).get("schema") == 1 for e in entries)
    clean = kept and one_line and not leftovers and whole
    return "ok" if run.code == expect and clean else "lost"


@case("signals")
def sigterm_with_two_jobs(tmp: Path, timeout: float) -> str:
    return _signal_case(tmp, timeout, signal.SIGTERM, 143)


@case("signals")
def sigint_with_two_jobs(tmp: Path, timeout: float) -> str:
    return _signal_case(tmp, timeout, signal.SIGINT, 130)


@case("signals")
def failed_output_write_keeps_previous(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    previous = b'{"previous": "good sarif"}\n' * 10
    write(root / "out.sarif", previous)
    out_dir = root / "ro"
    out_dir.mkdir()
    # A file size limit makes the write fail part-way, like a full disk.
    args = [
        "-c",
        "import resource, signal, runpy, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN);"
        "resource.setrlimit(resource.RLIMIT_FSIZE, (300, 300));"
        "sys.argv = ['go-script-lint', '.', '--format', 'sarif', '-o', 'out.sarif',"
        " '--no-config', '--no-cache', '--jobs', '1'];"
        "runpy.run_module('go_script_lint', run_name='__main__')",
    ]
    got = verdict(run_plain(args, root, timeout), codes=(2,))
    if got != "ok":
        return got
    return "ok" if (root / "out.sarif").read_bytes() == previous else "lost"


@case("unbounded")
def gitignore_fifo_and_dev_zero(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "a" / "main.go", PROGRAM)
    (root / ".git" / "info").mkdir(parents=True)
    os.mkfifo(root / ".gitignore")
    os.symlink("/dev/zero", root / "a" / ".gitignore")
    args = [".", "--format", "json", "--respect-gitignore", *BASE_ARGS]
    return verdict(run_cli(root, args, timeout=timeout), want=has("GSL203"))


@case("no-word")
def letters_only_file(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", "package main\n\n" + "D" * 5000 + "\n")
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    return verdict(run, want=has("GSL001"))


@case("no-word")
def top_level_call(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", "package main\n\nfoo()\n")
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    return verdict(run, want=has("GSL001"))


@case("no-word")
def fifo_manifest(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    os.mkfifo(root / "go-script.yaml")
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    return verdict(run, codes=(2,), want=has("GSL002", "GSL203"))


@case("no-word")
def directory_manifest(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    write(root / "main.go", PROGRAM)
    (root / "go-script.yaml").mkdir()
    run = run_cli(root, [".", "--format", "json", *BASE_ARGS], timeout=timeout)
    return verdict(run, codes=(2,), want=has("GSL002", "GSL203"))


@case("no-word")
def jobs_capped(tmp: Path, timeout: float) -> str:
    root = tmp / "repo"
    for d in ("a", "b"):
        write(root / d / "main.go", PROGRAM)
    peak = [0]

    def count_workers(proc: subprocess.Popen[bytes]) -> None:
        # Not proc.poll(): run_cli reaps the process itself (for its rusage).
        deadline = time.monotonic() + 4
        while time.monotonic() < deadline:
            running = orphans_in(root)
            if not running:
                break
            peak[0] = max(peak[0], len(running) - 1)
            time.sleep(0.05)

    run = run_cli(
        root,
        [".", "--format", "json", "--jobs", "64", "--no-config"],
        timeout=timeout,
        after_start=count_workers,
    )
    got = verdict(run, codes=(1,))
    return got if got != "ok" else ("ok" if peak[0] <= 2 else "lost")


def run_case(name: str, timeout: float) -> tuple[str, float, int]:
    """Verdict, seconds and peak RSS (KiB) of one case in a fresh directory."""
    _, fn = CASES[name]
    with tempfile.TemporaryDirectory(prefix=f"gsl-{name}-") as tmp:
        PEAK_RSS_KB[0] = 0
        started = time.monotonic()
        got = fn(Path(tmp), timeout)
        return got, time.monotonic() - started, PEAK_RSS_KB[0]


if __name__ == "__main__":
    limit = float(sys.argv[1]) if len(sys.argv) > 1 else 30.0
    wanted = sys.argv[2:] or list(CASES)
    for name in wanted:
        category = CASES[name][0]
        got, seconds, rss = run_case(name, limit)
        print(
            f"{category:12} {name:40} {got:7} {seconds:6.1f}s  peak-rss {rss // 1024} MiB",
            flush=True,
        )
