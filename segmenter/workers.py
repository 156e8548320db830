"""Worker processes that cannot hang their parent: each worker is one process with its own pipe, so a
worker that dies, is killed or never answers costs only the item it was running.

:func:`imap_unordered` maps a function over items lazily in ``workers`` processes, a couple of items
queued per worker. An item running longer than ``timeout`` seconds has its worker killed (SIGKILL) and
replaced; so has a worker that dies. Either way the item comes back as :class:`Lost` with the reason, and
the caller's ``abandon`` hook runs for it (to remove what it left half-done). Stopped early (an exception,
Ctrl-C, SIGTERM, the caller closing the iterator) every worker is killed at once and ``abandon`` runs for
every item handed out and not returned: there is no shared queue or lock a dying worker could leave held.

Workers ignore SIGINT (Ctrl-C is the parent's to handle) and die of SIGTERM, so SIGTERM to the whole
process group (``timeout``, ``kill -- -PGID``, systemd) stops them while the parent cleans up; on Linux
they also die with the parent, should it be killed outright.

>>> list(imap_unordered(abs, [-1, 2], 1, inline=lambda n: n > 0))  # inline items run in this process
[(2, 2), (-1, 1)]
"""

from __future__ import annotations

import os
import signal
import sys
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

_SIGNALS = {signal.SIGINT, signal.SIGTERM}
WARM_UP = 120.0  # seconds a new worker may take to warm up before its first item's time limit runs


@dataclass(frozen=True)
class Lost:
    """What came of an item whose worker was killed over its time limit, or died: the reason."""

    reason: str


def imap_unordered(func: Callable, items: Iterable, workers: int, *, timeout: float | None = None,
                   depth: int = 2, inline: Callable[[Any], bool] | None = None,
                   abandon: Callable[[Any], None] | None = None,
                   warm: Callable[[], object] | None = None) -> Iterator[tuple[Any, Any]]:
    """``(item, func(item))`` pairs as they complete (``func(item)`` is a :class:`Lost` when its worker was
    killed or died); up to ``workers`` processes, started as items need them; ``items`` are pulled lazily, at most ``depth`` per worker ahead (so an item may wait
    behind a slow one, at most ``timeout``). Items for which ``inline(item)`` is true are not shipped:
    ``func`` runs on them here. Each worker first calls ``warm()`` (loading what every item needs): the
    time limit starts once that is done (with ``WARM_UP`` seconds for it)."""
    import multiprocessing
    from multiprocessing.connection import wait

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool: list[_Worker] = []
    items, more, finished = iter(items), True, False
    try:
        while True:
            while more:  # hand out work to the least busy worker (started when all are busy)
                worker = min(pool, key=lambda w: len(w.queue)) if pool else None
                if worker is not None and worker.queue and len(pool) < workers:
                    worker = None
                elif worker is not None and len(worker.queue) >= depth:
                    break
                item = next(items, _END)
                if item is _END:
                    more = False
                elif inline is not None and inline(item):
                    yield item, func(item)
                elif worker is None:
                    pool.append(_Worker(context, func, pool, warm))
                    pool[-1].give(item)
                elif not worker.give(item):  # it had died idle: its replacement takes the item
                    pool[pool.index(worker)] = _Worker.replacing(worker, context, func, pool, warm)
            busy = [w for w in pool if w.queue]
            if not busy:
                break
            now = time.monotonic()
            limit = None if timeout is None else min(max(0.0, min(w.deadline(timeout) for w in busy) - now), 3600.0)
            ready = wait([w.conn for w in busy], limit)
            now = time.monotonic()
            for worker in busy:
                if worker.conn in ready:
                    try:
                        result = worker.conn.recv()
                    except (EOFError, OSError):
                        lost = Lost(worker.death())
                    else:
                        worker.started = now
                        if isinstance(result, _Ready):
                            worker.ready = True
                        else:
                            yield worker.queue.popleft(), result
                        continue
                elif timeout is not None and now >= worker.deadline(timeout):
                    lost = Lost(f"timed out after {timeout:g} s")
                else:
                    continue
                worker.kill()
                item = worker.queue.popleft()
                if abandon is not None:
                    abandon(item)
                pool[pool.index(worker)] = _Worker.replacing(worker, context, func, pool, warm)
                yield item, lost
        finished = True
    finally:
        for worker in pool:
            if finished:
                worker.stop()
            else:
                worker.kill()
                for item in worker.queue:
                    if abandon is not None:
                        abandon(item)


_END = object()


class _Ready:
    """A worker's first message: warmed up, ready for items."""


class _Worker:
    """One worker process, the parent's end of its pipe, the items handed to it (the first is running)
    and when that one started."""

    def __init__(self, context, func: Callable, pool: list[_Worker], warm: Callable | None = None):
        here, there = context.Pipe()
        others = [w.conn for w in pool] if context.get_start_method() == "fork" else []
        self.process = context.Process(target=_serve, args=(there, func, others, os.getpid(), warm),
                                       daemon=True)
        masking = hasattr(signal, "pthread_sigmask")
        old = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS) if masking else None  # none of our handlers
        try:                                                                          # runs in the child
            self.process.start()
        finally:
            if masking:
                signal.pthread_sigmask(signal.SIG_SETMASK, old)
            there.close()
        self.conn, self.queue, self.started, self.ready = here, deque(), time.monotonic(), warm is None

    @classmethod
    def replacing(cls, old: _Worker, context, func: Callable, pool: list[_Worker], warm: Callable | None
                  ) -> _Worker:
        """A new worker taking over the items ``old`` (killed or dead) had queued and not started."""
        old.kill()
        new = cls(context, func, [w for w in pool if w is not old], warm)
        for item in old.queue:
            new.give(item)
        return new

    def give(self, item) -> bool:
        """Queue ``item`` on this worker; False (the item queued all the same) when it has died."""
        if not self.queue:
            self.started = time.monotonic()
        self.queue.append(item)
        try:
            self.conn.send(item)
        except OSError:
            return False
        return True

    def deadline(self, timeout: float) -> float:
        """When the running item is over its time limit (a warming worker has ``WARM_UP`` more)."""
        return self.started + timeout + (0.0 if self.ready else WARM_UP)

    def death(self) -> str:
        """Why the worker is gone, once its pipe has closed."""
        self.process.join(5)
        code = self.process.exitcode
        if code is not None and code < 0:
            try:
                return f"worker died ({signal.Signals(-code).name})"
            except ValueError:
                return f"worker died (signal {-code})"
        return f"worker died (exit code {code})"

    def kill(self) -> None:
        if self.process.exitcode is None:
            self.process.kill()
        self.process.join()
        self.conn.close()

    def stop(self) -> None:
        """End an idle worker: it leaves when told to, or when its pipe closes."""
        try:
            self.conn.send(None)
        except OSError:
            pass
        self.process.join(5)
        self.kill()


def _serve(conn, func: Callable, others, parent: int, warm: Callable | None) -> None:
    """A worker's life: take an item, send back what ``func`` makes of it, until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, _SIGNALS)
    for other in others:  # the pipes of the workers started before this one are not this one's
        other.close()
    _die_with_parent(parent)
    if warm is not None:
        warm()
        conn.send(_Ready())
    while True:
        try:
            item = conn.recv()
        except (EOFError, OSError):
            return
        if item is None:
            return
        try:
            conn.send(func(item))
        except OSError:
            return


def _die_with_parent(parent: int) -> None:
    """On Linux, have the kernel kill this process when its parent dies (PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before that took effect
        os._exit(1)
