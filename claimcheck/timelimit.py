"""A time limit per checked file, so that no input can hang a batch.

The limit is a SIGALRM timer: Python's regular-expression engine and pure-Python code
both notice signals, so a pattern that backtracks catastrophically or a quadratic
corner case is stopped too. Signals are delivered to the main thread only, so the
limit applies there (the command line and its worker processes run checks there); in
another thread, or when the program already uses SIGALRM, checks run unlimited.
"""

from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator

__all__ = ["CheckTimeout", "time_limit"]


class CheckTimeout(BaseException):
    """Raised when a check runs past its time limit. A BaseException, like
    KeyboardInterrupt, so that no `except Exception` on the way swallows it."""

    def __init__(self, seconds: float, where: str | None = None) -> None:
        self.seconds = seconds
        self.where = where
        super().__init__(f"took longer than {seconds:g} s")


def _usable() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    return signal.getsignal(signal.SIGALRM) in (signal.SIG_DFL, signal.SIG_IGN, None)


@contextmanager
def time_limit(seconds: float | None) -> Iterator[None]:
    """Raise CheckTimeout in the body when it runs longer than `seconds` (None or 0:
    no limit)."""
    if not seconds or seconds <= 0 or not _usable():
        yield
        return

    def expired(_signum, frame) -> None:
        raise CheckTimeout(seconds, _running_pattern(frame))

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _running_pattern(frame) -> str | None:
    """The rule regex being matched when the time ran out, if one was (named in the
    error, since a pattern that backtracks is the likeliest cause)."""
    from claimcheck.regexes import RulePattern

    depth = 0
    while frame is not None and depth < 50:
        owner = frame.f_locals.get("self")
        if isinstance(owner, RulePattern):
            return owner.source
        frame = frame.f_back
        depth += 1
    return None

