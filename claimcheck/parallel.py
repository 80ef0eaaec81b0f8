"""Checking many files: in this process, or in a pool of worker processes that each
build the pipeline once (flake8's design). Results come back in input order, streamed
as they are ready, and a worker returns only the small FileResult, never spaCy objects."""

from __future__ import annotations

import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from typing import Iterable, Iterator

from claimcheck.inputs import DEFAULT_MAX_BYTES
from claimcheck.models import FileResult

_WORKER_CHECKER = None


def _init_worker(jurisdiction: str, rule_packs: tuple[str, ...], respect_directives: bool,
                 limits: dict) -> None:
    global _WORKER_CHECKER
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.signal(signal.SIGTERM, signal.SIG_DFL)  # (the parent's handler, if forked, is not ours)
    from claimcheck.api import Checker

    _WORKER_CHECKER = Checker(jurisdiction, rule_packs, respect_directives=respect_directives, keep_claims=False,
                              **limits)


def _check_in_worker(paths: list[str]) -> list[FileResult]:
    return [_WORKER_CHECKER.check_one(path) for path in paths]


def check_files(paths: Iterable[str], *, jobs: int, jurisdiction: str, rule_packs: tuple[str, ...] = (),
                respect_directives: bool = True, checker=None, max_file_bytes: int | None = DEFAULT_MAX_BYTES,
                time_limit: float | None = None) -> Iterator[FileResult]:
    """Check files with `jobs` processes (1: here). `checker` is reused for jobs == 1."""
    limits = {"max_file_bytes": max_file_bytes, "time_limit": time_limit}
    if jobs <= 1:
        yield from _serial(paths, jurisdiction, rule_packs, respect_directives, checker, limits)
        return
    try:
        pool = ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                   initargs=(jurisdiction, rule_packs, respect_directives, limits))
    except (OSError, ValueError, NotImplementedError):
        yield from _serial(paths, jurisdiction, rule_packs, respect_directives, checker, limits)
        return
    window: deque = deque()
    try:
        for batch in _batches(paths, BATCH):
            window.append(pool.submit(_check_in_worker, batch))
            if len(window) >= jobs * 4:
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
    except BaseException:
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()


# Files per task: enough to spread the cost of a round trip between processes, few
# enough that results still stream out steadily.
BATCH = 8


def _batches(paths: Iterable[str], size: int) -> Iterator[list[str]]:
    batch: list[str] = []
    for path in paths:
        batch.append(path)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _serial(paths, jurisdiction, rule_packs, respect_directives, checker, limits) -> Iterator[FileResult]:
    if checker is None:
        from claimcheck.api import get_checker

        checker = get_checker(jurisdiction, tuple(rule_packs), respect_directives, keep_claims=False, **limits)
    for path in paths:
        yield checker.check_one(path)
