"""Run one call in a forked child with a time and memory limit: a guard for hostile inputs.

A hang or a runaway allocation in the code under test must fail its test, not the whole run
(or the machine). The child is a fork of the test process, so it starts in milliseconds with
everything imported; it may use `memory` bytes of address space beyond what it starts with
(``RLIMIT_AS``) and `seconds` seconds (``SIGALRM``, whose default action ends it). The limits
are generous guards; the measured figures are in ``benchmarks/hostile.py``.
"""

from __future__ import annotations

import os
import resource
import signal
from collections.abc import Callable
from pathlib import Path

#: The time a guarded call may take: far above any measured case (below 2 s).
SECONDS = 20
#: The memory a guarded call may add to the test process (address space, bytes).
MEMORY = 1 << 30


def _address_space() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    return 0


def run_guarded(call: Callable[[], object], *, seconds: int = SECONDS, memory: int = MEMORY) -> str:
    """Run `call` in a child; return ``"ok"``, the exception's class name and message, or how it died."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into the test run
        outcome = "no outcome"
        try:
            os.close(read)
            limit = _address_space() + memory
            resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
            signal.signal(signal.SIGALRM, signal.SIG_DFL)
            signal.alarm(seconds)
            try:
                call()
                outcome = "ok"
            except BaseException as error:  # the outcome is the test's to judge
                outcome = f"{type(error).__name__}: {str(error)[:2000]}"
            os.write(write, outcome.encode("utf-8", "replace"))
        finally:
            os._exit(0)
    os.close(write)
    chunks = []
    while chunk := os.read(read, 1 << 16):
        chunks.append(chunk)
    os.close(read)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        signal_number = os.WTERMSIG(status)
        reason = "time limit" if signal_number == signal.SIGALRM else f"signal {signal_number}"
        return f"killed: {reason}"
    return b"".join(chunks).decode("utf-8")
