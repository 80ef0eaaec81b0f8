"""Checking many files: in this process, or in a pool of worker processes that each
build the pipeline once (flake8's design). Results come back in input order, streamed
as they are ready, and a worker returns only the small FileResult, never spaCy objects."""

from __future__ import annotations

import signal
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
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
    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker,
                                   initargs=(jurisdiction, rule_packs, respect_directives, limits))

    try:
        pool = new_pool()
    except (OSError, ValueError, NotImplementedError):
        yield from _serial(paths, jurisdiction, rule_packs, respect_directives, checker, limits)
        return
    window: deque = deque()  # (future, batch), in input order

    def take() -> Iterator[FileResult]:
        """The results of the oldest batch. A worker that died (killed for memory, a
        crash in native code) breaks the pool and every batch in it: the pool is made
        again, the oldest batch is checked again file by file, each alone, so only the
        file that kills a worker is reported as not checked, and the other batches are
        sent again."""
        nonlocal pool
        future, batch = window.popleft()
        try:
            yield from future.result()
            return
        except BrokenProcessPool:
            pass
        pending = [b for _f, b in window]
        window.clear()
        pool.shutdown(wait=False, cancel_futures=True)
        pool = new_pool()
        for path in batch:
            try:
                yield from pool.submit(_check_in_worker, [path]).result()
            except BrokenProcessPool:
                yield FileResult(path=path, error="not checked: the worker process checking it stopped "
                                                  "unexpectedly (out of memory?)")
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
        for b in pending:
            window.append((pool.submit(_check_in_worker, b), b))

    try:
        for batch in _batches(paths, BATCH):
            window.append((pool.submit(_check_in_worker, batch), batch))
            if len(window) >= jobs * 4:
                yield from take()
        while window:
            yield from take()
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
