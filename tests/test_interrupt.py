"""Stopping a worker pool never leaves the interpreter unable to exit."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

# A worker terminated while it sends a result leaves half a message in the
# result pipe, and the pool's manager thread waits in recv() for the rest;
# the interpreter's exit then joins that thread forever. This child writes
# such half a message itself (deterministic, unlike a kill mid-send), stops
# the pool and must exit.
CHILD = textwrap.dedent(
    """
    import os, struct, sys, time
    from concurrent.futures import ProcessPoolExecutor
    from multiprocessing import get_context
    from go_script_lint.engine.interrupt import stop_pool

    pool = ProcessPoolExecutor(max_workers=1, mp_context=get_context("fork"))
    assert pool.submit(abs, -1).result() == 1
    pending = pool.submit(time.sleep, 30)
    writer = pool._result_queue._writer
    os.write(writer.fileno(), struct.pack("!i", 1 << 20) + b"half a message")
    time.sleep(0.3)  # the manager thread is now inside recv()
    thread = pool._executor_manager_thread
    stop_pool(pool)
    print("manager thread alive:", thread.is_alive(), flush=True)
    """
)


@pytest.mark.skipif(sys.platform != "linux", reason="fork start method and /proc")
def test_stop_pool_releases_a_manager_thread_stuck_in_a_half_message() -> None:
    try:
        done = subprocess.run(
            [sys.executable, "-c", CHILD], capture_output=True, timeout=30
        )
    except subprocess.TimeoutExpired:
        pytest.fail("the interpreter could not exit after stop_pool")
    assert done.returncode == 0, done.stderr.decode()
    assert done.stdout.decode().strip() == "manager thread alive: False"
