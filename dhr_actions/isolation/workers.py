"""Worker processes that extract under limits and survive each other.

Each document runs in a worker with a wall-clock limit (SIGALRM) and an
address-space cap (RLIMIT_AS, inherited by tesseract). A worker that dies
anyway (the kernel's OOM killer, a crash in a C library) breaks the pool:
the pool is started again and the jobs in flight resubmitted; a job that
brings a pool down twice is the culprit and fails alone.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from .limits import Limits

T = TypeVar("T")

MAX_ATTEMPTS = 2
CRASH_REASON = "the extraction worker crashed (out of memory?)"
MEMORY_REASON = "needed more memory than the limit (see --max-memory)"


@dataclass(frozen=True)
class GivenUp:
    """A job stopped by a limit or a crash, with the one-line reason."""

    reason: str


class Task(Generic[T]):
    """One call submitted to the workers; ``result`` waits for it."""

    def __init__(self, workers: Workers, fn: Callable[..., T], args: tuple[Any, ...]) -> None:
        self.workers, self.fn, self.args = workers, fn, args
        self.future: Future[T | GivenUp] | None = None
        self.attempts = 0

    def done(self) -> bool:
        """Finished with a result (not with the pool's breakage)."""
        f = self.future
        return f is not None and f.done() and not isinstance(f.exception(), BrokenProcessPool)

    def result(self) -> T | GivenUp:
        return self.workers.result(self)


class Workers:
    """A process pool that runs each call under ``limits``."""

    def __init__(self, jobs: int, limits: Limits) -> None:
        self.jobs, self.limits = jobs, limits
        # How many workers are running a call: a document alone in the pool
        # (the end of a batch) may use every core (``free_cores``).
        self.busy = _mp_context().Value("i", 0)
        self.pool = self._start()
        self.in_flight: list[Task[Any]] = []

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.jobs,
            mp_context=_mp_context(),
            initializer=_limit_worker,
            initargs=(self.limits, logging.getLogger().getEffectiveLevel(), self.busy),
        )

    def submit(self, fn: Callable[..., T], *args: Any) -> Task[T]:
        """Run ``fn(*args)`` in a worker; ``fn`` and its arguments must be
        picklable (module-level functions, dataclasses)."""
        task: Task[T] = Task(self, fn, args)
        self._submit(task)
        self.in_flight.append(task)
        return task

    def _submit(self, task: Task[Any]) -> None:
        task.attempts += 1
        task.future = self.pool.submit(_limited, task.fn, self.limits.seconds, *task.args)

    def result(self, task: Task[T]) -> T | GivenUp:
        while True:
            assert task.future is not None
            try:
                out = task.future.result()
            except BrokenProcessPool:
                others = [t for t in self.in_flight if t is not task and not t.done()]
                if task.attempts >= MAX_ATTEMPTS:
                    self._restart(others)
                    self.in_flight.remove(task)
                    return GivenUp(CRASH_REASON)
                self._restart([task, *others])
                continue
            self.in_flight.remove(task)
            return out

    def _restart(self, again: list[Task[Any]]) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = self._start()
        for task in again:
            self._submit(task)

    def close(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def quiet_pdf_libraries(level: int) -> None:
    """pdfminer and qpdf log a message for every malformed operator, font or
    object of a damaged file; the document's outcome already says what went
    wrong, so they are shown only when debugging."""
    if level > logging.DEBUG:
        logging.getLogger("pdfminer").setLevel(logging.ERROR)
        logging.getLogger("pikepdf").setLevel(logging.CRITICAL)


_busy: Any = None  # in a worker: the pool's count of workers running a call


def free_cores() -> int:
    """The cores this call may use: all of them outside a pool, else its
    share of those the pool's busy workers leave (all, when it runs alone)."""
    cores = os.cpu_count() or 1
    busy = _busy.value if _busy is not None else 1
    return max(1, cores // max(busy, 1))


def _limit_worker(limits: Limits, log_level: int, busy: Any = None) -> None:
    """Runs once in each worker: log as the parent does, and cap the
    worker's address space (and its children's, such as tesseract)."""
    import resource

    global _busy
    _busy = busy
    logging.basicConfig(level=log_level, format="%(levelname)s %(name)s: %(message)s")
    quiet_pdf_libraries(log_level)

    cap = limits.memory_mb * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard == resource.RLIM_INFINITY or hard > cap:
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap if hard == resource.RLIM_INFINITY else hard))


class _TimeLimit(BaseException):
    """Not an Exception: extraction's catch-all must let it through."""


def _limited(fn: Callable[..., T], seconds: int, *args: Any) -> T | GivenUp:
    """``fn(*args)`` under a wall-clock limit (SIGALRM in the worker)."""
    import signal

    expired: list[bool] = []

    def expire(_signum: int, _frame: object) -> None:
        expired.append(True)
        raise _TimeLimit

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    late = GivenUp(f"took longer than {seconds} s (see --time-limit)")
    _count_busy(+1)
    try:
        result = fn(*args)
    except _TimeLimit:
        return late
    except MemoryError:
        return GivenUp(MEMORY_REASON)
    except BaseException:
        if expired:  # the limit, wrapped on its way out (ctypes turns it into an ArgumentError)
            return late
        raise
    finally:
        _count_busy(-1)
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    # The limit may have been caught and reported as the document's own
    # failure on the way (a reader's catch-all): it is still the limit.
    return late if expired else result


def _count_busy(step: int) -> None:
    if _busy is not None:
        with _busy.get_lock():
            _busy.value += step


def _mp_context() -> Any:
    import multiprocessing

    # forkserver: workers start clean, without the parent's threads and
    # database connections.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
