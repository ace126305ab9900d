"""Progress on standard error while the command line works through files, for a person waiting.

Shown only when standard error is a terminal and the work has lasted a couple of seconds
(tqdm's `delay`): a quick check, a pipe, a CI log or a pre-commit hook stays silent. tqdm is
imported only then (docs/decisions.md: why tqdm).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final, Protocol

__all__ = ["Progress", "progress"]

# Seconds before anything is shown, and between redraws while one big plan is read or checked.
_DELAY: Final = 2.0
_REDRAW: Final = 0.5


class Progress(Protocol):
    """What a command tells the progress line: which file and step it is at, and each file done."""

    def step(self, name: str, what: str) -> None:
        """Now at `what` (reading, checking) of the file `name`."""

    def done(self) -> None:
        """One more file finished."""


class _Silent:
    def step(self, name: str, what: str) -> None:
        pass

    def done(self) -> None:
        pass


class _Bar:
    def __init__(self, bar: Any, delay: float) -> None:
        self._bar = bar
        self._shown_from = time.monotonic() + delay

    def step(self, name: str, what: str) -> None:
        # Drawn at once only once the line is showing: tqdm's refresh ignores its delay.
        shown = time.monotonic() >= self._shown_from
        self._bar.set_description_str(f"{what} {name}", refresh=shown)

    def done(self) -> None:
        self._bar.update(1)


@contextmanager
def progress(total: int, *, enabled: bool | None = None) -> Iterator[Progress]:
    """A progress line over `total` files, on a terminal only; silent otherwise.

    Args:
        total: how many files there are.
        enabled: force it on or off; None: when standard error is a terminal.
    """
    if enabled is None:
        enabled = sys.stderr.isatty()
    if not enabled:
        yield _Silent()
        return
    from tqdm import tqdm

    delay = _DELAY
    bar = tqdm(total=total, unit=" files", delay=delay, leave=False, file=sys.stderr)
    stop = threading.Event()

    def redraw() -> None:
        # tqdm redraws when told of progress; a plan of a million nodes takes a minute to read
        # and check, so the clock is kept moving meanwhile.
        started = time.monotonic()
        while not stop.wait(_REDRAW):
            if time.monotonic() - started >= delay:
                bar.refresh()

    ticker = threading.Thread(target=redraw, daemon=True)
    ticker.start()
    try:
        yield _Bar(bar, delay)
    finally:
        stop.set()
        ticker.join()
        bar.close()
