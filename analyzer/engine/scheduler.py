"""The engine: discover → analyse units → collect.

Each directory is a unit of work (:mod:`go_script_lint.engine.unit` analyses one: read
and parse each file once, one query pass per file for the node rules, the
package rules once); only findings leave a unit, never trees. Units run in
worker processes with ``jobs > 1``, are reused from the result cache when
their inputs did not change, and can be split into shards across CI jobs.
Results are sorted, so the output does not depend on ``jobs`` or scheduling.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import logging
import os
import traceback
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from go_script_lint import __version__
from go_script_lint.analysis.context import PackageContext
from go_script_lint.base.model import (
    FileResult,
    Finding,
    Level,
    Location,
    Notification,
    Region,
    RunResult,
)
from go_script_lint.base.rule import Rule, matches_selector
from go_script_lint.base.safe_io import UNBOUNDED, Kind, Roots, read_regular
from go_script_lint.engine import cache as cache_module
from go_script_lint.engine.cache import ResultCache
from go_script_lint.engine.interrupt import stop_pool, worker_setup
from go_script_lint.engine.packed import PackedResults
from go_script_lint.engine.ruleset import RuleSet
from go_script_lint.engine.suppress import foreign_id_map
from go_script_lint.engine.unit import (
    UNREADABLE,
    analyse_unit,
    raise_internal_errors,
)
from go_script_lint.project import test_files
from go_script_lint.project.config import Config
from go_script_lint.project.discovery import Discovery, Unit, discover
from go_script_lint.project.manifest import load_manifest

if TYPE_CHECKING:
    from concurrent.futures import Future

log = logging.getLogger(__name__)
T = TypeVar("T")

# -- worker processes --------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """What every unit of a run shares; sent once to each worker process."""

    ruleset: RuleSet
    config: Config
    srcroot: Path
    cache: ResultCache | None = None
    shard: tuple[int, int] | None = None
    roots: Roots = UNBOUNDED


_worker_job: Job | None = None


def _init_worker(job: Job) -> None:
    global _worker_job
    worker_setup()
    _worker_job = job
    gc.freeze()
    gc.disable()  # collected every few units instead (collector_tuned)


def _work(units: Sequence[Unit]) -> list[FileResult]:
    assert _worker_job is not None
    job = _worker_job
    return [_analyse_and_collect(unit, job) for unit in units]


def _analyse_and_collect(unit: Unit, job: Job) -> FileResult:
    """One unit, then a full collection every :data:`COLLECT_EVERY` units."""
    result = _cached_analyse(unit, job)
    _collect_now_and_then()
    return result


#: Full collections while automatic ones are off: every this many units.
COLLECT_EVERY = 32
_units_since_collect = 0


def _collect_now_and_then() -> None:
    global _units_since_collect
    if gc.isenabled():
        return  # the collector keeps its own pace
    _units_since_collect += 1
    if _units_since_collect >= COLLECT_EVERY:
        _units_since_collect = 0
        gc.collect()


def _cached_analyse(unit: Unit, job: Job) -> FileResult:
    if job.cache is None:
        return safe_analyse(unit, job.ruleset, job.config, job.srcroot, job.roots)
    extra = [p for p in (job.config.schema_path, _openapi_path(unit, job.roots)) if p]
    key = cache_module.unit_key(
        unit, job.config.fingerprint(), sorted(job.ruleset.ids), extra, job.roots
    )
    cached = job.cache.get(key)
    if cached is not None:
        return cached
    result = safe_analyse(unit, job.ruleset, job.config, job.srcroot, job.roots)
    # Error notifications (crashes, budgets) may not repeat: never cache them.
    if all(n.level is not Level.ERROR for n in result.notifications):
        job.cache.put(key, result)
    return result


def _openapi_path(unit: Unit, roots: Roots) -> Path | None:
    """The manifest's ``openapi`` file, an input of the unit's results.

    Read from the loaded manifest, as the analysis reads it (inside the roots,
    bounded), so the key names exactly the file the findings depend on.
    """
    if unit.manifest is None:
        return None
    read = read_regular(unit.manifest, Kind.MANIFEST, roots=roots)
    manifest = load_manifest(unit.manifest, unit.manifest.name, read)
    ref = manifest.reference("openapi")
    return manifest.resolve(ref) if ref is not None else None


def safe_analyse(
    unit: Unit,
    ruleset: RuleSet,
    config: Config,
    srcroot: Path,
    roots: Roots = UNBOUNDED,
) -> FileResult:
    """Analyse one unit; a crash becomes an internal-error notification."""
    try:
        return analyse_unit(unit, ruleset, config, srcroot, roots)
    except Exception as exc:
        if raise_internal_errors():
            raise
        log.debug("unit %s failed:\n%s", unit.display, traceback.format_exc())
        return FileResult(
            notifications=(
                Notification(
                    f"internal error while analysing {unit.display}: {type(exc).__name__}: {exc}",
                    Level.ERROR,
                    path=unit.display,
                    descriptor="internal-error",
                ),
            )
        )


#: Called with (units done, units in all) as the run advances.
ProgressHook = Callable[[int, int], None]


def _analyse_all(
    units: list[Unit],
    job: Job,
    jobs: int,
    progress: ProgressHook | None,
    keep: Callable[[FileResult], T],
) -> list[T]:
    """Each unit's result as ``keep`` stores it (in unit order).

    ``units`` is consumed: in this process each unit is let go once
    analysed, so the paths of a large tree are not all held to the end.
    """
    total = len(units)

    def tick(results: Iterable[FileResult]) -> list[T]:
        done: list[T] = []
        for result in results:
            done.append(keep(result))
            if progress is not None:
                progress(len(done), total)
        return done

    # No more workers than units to share out or CPUs to run them on.
    jobs = min(jobs, total, os.cpu_count() or 1)
    if jobs <= 1:
        return tick(_analyse_and_collect(u, job) for u in _handed_out(units))
    # Imported here: a one-process run (the common one-file case) never pays for them.
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context

    methods = ("fork", "forkserver", "spawn")
    ctx = get_context(next(m for m in methods if m in _start_methods()))
    chunk = max(1, min(16, len(units) // (jobs * 4) or 1))
    pool = ProcessPoolExecutor(
        max_workers=jobs, mp_context=ctx, initializer=_init_worker, initargs=(job,)
    )
    try:
        # Futures of our own, not pool.map: map cancels the pending ones when
        # interrupted, and the pool then fails to mark them broken (a traceback).
        batches = [units[i : i + chunk] for i in range(0, len(units), chunk)]
        futures = [pool.submit(_work, batch) for batch in batches]
        results = tick(_in_order(futures))
    except BaseException:
        stop_pool(pool)  # a signal or a broken pool: no worker outlives the run
        raise
    pool.shutdown()
    return results


def _handed_out(items: list[T]) -> Iterator[T]:
    """The items in order, each dropped from the list as it is handed out."""
    items.reverse()
    while items:
        yield items.pop()


def _in_order(futures: list[Future[list[FileResult]]]) -> Iterator[FileResult]:
    """The batches' results in order, each future let go once read."""
    for future in _handed_out(futures):
        yield from future.result()


def _start_methods() -> list[str]:
    import multiprocessing

    return multiprocessing.get_all_start_methods()


def problems_to_results(
    discovery: Discovery, ruleset: RuleSet, config: Config
) -> FileResult:
    """GSL002 findings and notifications for paths discovery could not use."""
    findings: list[Finding] = []
    notes: list[Notification] = []
    rule = ruleset.get(UNREADABLE)
    for problem in discovery.problems:
        level = Level.ERROR if problem.fatal else Level.NOTE
        notes.append(Notification(problem.message, level, path=problem.display))
        if problem.fatal and rule is not None:
            factory = PackageContext(".", Path("."), config)
            findings.append(
                factory.finding(
                    rule,
                    Location(problem.display, Region(1, 1, 1, 1)),
                    problem=problem.message,
                )
            )
    return FileResult(findings=tuple(findings), notifications=tuple(notes))


def run(
    paths: Sequence[str],
    rules: Sequence[Rule],
    config: Config,
    *,
    srcroot: Path = Path("."),
    jobs: int = 1,
    cache: ResultCache | None = None,
    shard: tuple[int, int] | None = None,
    progress: ProgressHook | None = None,
    catalog: Sequence[Rule] | None = None,
) -> RunResult:
    """Analyse ``paths`` with the enabled ``rules`` and return the sorted result.

    Args:
        paths: Files and directories to analyse.
        rules: The enabled rules.
        config: The effective configuration.
        srcroot: Reported paths are relative to it.
        jobs: Worker processes (1 = in this process).
        cache: Where to reuse and store unit results, if anywhere.
        shard: ``(k, n)``: analyse only the k-th of n deterministic slices of
            the directories (1-based), for splitting a repository across CI jobs.
        progress: Told (done, total) after each directory, for a progress display.
        catalog: Every rule (default: ``rules``); peers' suppression ids
            (``#nosec G204``) mean the catalog's rules that list them.
    """
    ruleset = RuleSet(tuple(rules), foreign_id_map(catalog or rules))
    discovery = discover(
        paths,
        srcroot=srcroot,
        excludes=config.exclude,
        follow_symlinks=config.follow_symlinks,
        respect_gitignore=config.respect_gitignore,
    )
    units, discovery.units = discovery.units, []  # handed over to the analysis
    if shard is not None:
        units = [u for u in units if shard_of(u.display, shard[1]) == shard[0]]
    job = Job(ruleset, config, srcroot, cache, roots=discovery.roots)
    # Until the report, each unit's result is held as compact bytes, without
    # the findings per-path-ignores drop: memory grows by little per unit.
    store = PackedResults(lambda f: without_ignored(f, config, ruleset.rules))
    packed = [store.pack(problems_to_results(discovery, ruleset, config))]
    with collector_tuned():
        packed.extend(_analyse_all(units, job, jobs, progress, store.pack))
    return collect(map(store.unpack, packed), ruleset, config)


@contextlib.contextmanager
def collector_tuned() -> Iterator[None]:
    """Automatic garbage collection off while units are analysed.

    Each unit breaks its own reference cycles when it ends
    (:meth:`UnitAnalysis.release`), so its memory is freed by reference
    counts; the collector's default pace (every 700 allocations) cost about
    5 % of a run and found next to nothing. A full collection every
    :data:`COLLECT_EVERY` units (in each process) still bounds what a cycle
    left behind could hold; startup objects are frozen out of its view.
    """
    was_enabled = gc.isenabled()
    freezing = gc.get_freeze_count() == 0  # never thaw what a caller froze
    if freezing:
        gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        if freezing:
            gc.unfreeze()


def drop_per_path_ignores(
    run: RunResult, config: Config, rules: Iterable[Rule] = ()
) -> RunResult:
    """The run without the findings ``per-path-ignores`` and ``tests:`` rule out.

    ``rules`` (the enabled ones) decide which stay quiet in test files by
    default (``Rule.in_tests``).
    """
    kept = without_ignored(run.findings, config, rules)
    return run if kept is run.findings else replace(run, findings=kept)


def without_ignored(
    findings: tuple[Finding, ...], config: Config, rules: Iterable[Rule] = ()
) -> tuple[Finding, ...]:
    """``findings`` less those ``per-path-ignores`` and ``tests:`` rule out.

    The same tuple when the configuration ignores nothing.
    """
    test_ignores = test_files.test_ignores(config.test_ignore, config.risk_level, rules)
    if not config.per_path_ignores and not test_ignores:
        return findings
    return tuple(
        f
        for f in findings
        if not config.ignored_at(f.rule_id, f.location.path)
        and not (
            matches_selector(f.rule_id, test_ignores)
            and test_files.is_test_path(config.test_paths, f.location.path)
        )
    )


def shard_of(directory: str, count: int) -> int:
    """1-based shard of a directory: a stable hash, the same on every machine."""
    digest = hashlib.sha256(directory.encode("utf-8", errors="replace")).digest()
    return int.from_bytes(digest[:8], "big") % count + 1


def collect(
    results: Iterable[FileResult], ruleset: RuleSet, config: Config
) -> RunResult:
    """Merge unit results into one deterministic run result."""
    findings: dict[tuple[object, ...], Finding] = {}
    notifications: set[Notification] = set()
    files: set[str] = set()
    for result in results:
        for f in result.findings:
            findings.setdefault(
                (*f.sort_key, f.location.region.end_line, f.location.region.end_column),
                f,
            )
        notifications.update(result.notifications)
        files.update(result.files)
    return RunResult(
        findings=tuple(sorted(findings.values(), key=lambda f: f.sort_key)),
        notifications=tuple(sorted(notifications, key=lambda n: n.sort_key)),
        files=tuple(sorted(files)),
        rule_ids=tuple(r.id for r in ruleset.rules),
        tool_version=__version__,
    )
