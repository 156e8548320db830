"""Batch jobs: many scripts in, a mirrored tree of subtitle files out, memory flat however many.

The work per script is one function, :func:`process` (a frozen :class:`Job` in, a frozen :class:`Result`
out), so any executor can map it: in this process, a local process pool or a Dask cluster. Everything
before it streams: :func:`discover` walks the inputs lazily, :func:`schedule` turns each script into a
job or an early result (skipped, or failed before any work), and the parent keeps counts and failures
only, never the subtitles. :class:`State` remembers which style made each output, on disk.

>>> job = Job("story.txt", (("srt", "out/story.srt"),), Style(), None, False, "x", "newsroom")
>>> job.targets[0]
('srt', 'out/story.srt')
>>> execute(Result("a.txt", "skipped")).status
'skipped'
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .style import Style

STATE = ".segmenter-state.sqlite"


@dataclass(frozen=True)
class Job:
    """One script to subtitle: its path, (format, output path) pairs, the style and how to read it."""

    source: str
    targets: tuple[tuple[str, str], ...]
    style: Style
    encoding: str | None
    force: bool
    fingerprint: str
    dialect: str | None = None
    media: str | None = None  # the script's audio or video: cues timed from its speech (segmenter.align)


@dataclass(frozen=True)
class Result:
    """What became of one script: ``done``, ``skipped`` or ``failed`` (with the reason).

    ``outputs`` and ``mtimes`` (nanoseconds) are the files written; ``fingerprint`` the style that made them.
    """

    source: str
    status: str
    reason: str = ""
    cues: int = 0
    outputs: tuple[str, ...] = ()
    mtimes: tuple[int, ...] = ()
    fingerprint: str = ""
    warnings: tuple[str, ...] = ()


def fingerprint(style: Style, dialect: str | None = None) -> str:
    """A short digest of everything that shapes the output: the style's settings, the dialect, the rules
    and word lists shipped in the package, and its version. Outputs made otherwise are not resumed.

    >>> fingerprint(Style()) == fingerprint(Style()), fingerprint(Style()) == fingerprint(Style(cps=9.0))
    (True, False)
    >>> fingerprint(Style()) == fingerprint(Style(), "newsroom")
    False
    """
    from importlib import metadata, resources

    from .dialect import dialects_dir

    digest = hashlib.sha256(json.dumps(asdict(style), sort_keys=True).encode())
    digest.update(f"\0{dialect or 'auto'}\0".encode())
    if dialect and Path(dialect).is_file():
        digest.update(Path(dialect).read_bytes())
    data = [e for e in resources.files("segmenter.data").iterdir() if e.name.endswith((".toml", ".txt"))]
    for entry in sorted(data, key=lambda e: e.name) + sorted(dialects_dir().glob("*.toml")):
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    try:
        digest.update(metadata.version("news-segmenter").encode())
    except metadata.PackageNotFoundError:
        pass
    return digest.hexdigest()[:16]


def read_list(stream) -> Iterator[str]:
    """Paths listed one a line (blank lines ignored), read lazily from a text stream.

    >>> import io
    >>> list(read_list(io.StringIO("a.txt\\n\\n  b/c.txt \\n")))
    ['a.txt', 'b/c.txt']
    """
    for line in stream:
        line = line.strip()
        if line:
            yield line


def _walk(root: Path) -> Iterator[Path]:
    """Files under ``root``: a directory's own files (sorted) before its subdirectories', one listing per
    level in memory (symlinked directories are not followed)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif entry.is_file():
                yield Path(entry.path)
        except OSError:
            continue
    del entries
    for folder in folders:
        yield from _walk(Path(folder))


def mirror(path: Path) -> Path:
    """Where a script given by path goes under the output root: a plain relative path stays as it is;
    an absolute path, or one reaching up with ``..``, keeps its whole absolute path below the root.

    >>> str(mirror(Path("day1/a.txt"))), str(mirror(Path("/archive/day1/a.txt")))
    ('day1/a.txt', 'archive/day1/a.txt')
    """
    if not path.is_absolute() and ".." not in path.parts:
        return path
    full = Path(os.path.abspath(path))
    return Path(*full.parts[1:]) if len(full.parts) > 1 else Path(full.name or "script")


def discover(inputs: Iterable[str], pattern: str = "*.txt") -> Iterator[tuple[Path, Path]]:
    """(script path, path relative to the output root) for files, directories and listed paths, lazily.

    A directory's scripts matching ``pattern`` (recursively) keep their place under it; a file keeps its
    own path (see :func:`mirror`). A path that does not exist is yielded too: :func:`schedule` reports it.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for found in _walk(path):
                relative = found.relative_to(path)
                if relative.match(pattern):
                    yield found, relative
        else:
            yield path, mirror(path)


class State:
    """Which style made each output, and the output's mtime then: a small SQLite file in the output root.

    One row per output, read one script at a time, so ``--resume`` keeps memory flat; a row counts only
    while the output still has the recorded mtime, so an output rewritten and not yet recorded (an
    interrupted batch) is redone rather than trusted.
    """

    def __init__(self, root: Path, every: int = 500):
        import sqlite3
        import threading

        self._every, self._pending, self._lock = every, 0, threading.Lock()  # the pool feeds jobs from a thread
        path = root / STATE
        try:
            self._db = self._open(sqlite3, path)
        except sqlite3.DatabaseError:  # a damaged state file: start afresh (outputs are simply redone)
            path.unlink(missing_ok=True)
            self._db = self._open(sqlite3, path)

    @staticmethod
    def _open(sqlite3, path: Path):
        db = sqlite3.connect(path, timeout=30, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("CREATE TABLE IF NOT EXISTS outputs (path TEXT PRIMARY KEY, style TEXT, mtime INTEGER)")
        return db

    def made(self, path: str) -> tuple[str, int] | None:
        """(style fingerprint, output mtime in ns) recorded for ``path``, if any."""
        with self._lock:
            return self._db.execute("SELECT style, mtime FROM outputs WHERE path = ?", (path,)).fetchone()

    def record(self, result: Result) -> None:
        """Remember the outputs of a finished script (committed every few hundred, and on close)."""
        rows = [(path, result.fingerprint, mtime) for path, mtime in zip(result.outputs, result.mtimes)]
        with self._lock:
            self._db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)", rows)
            self._pending += 1
            if self._pending >= self._every:
                self._db.commit()
                self._pending = 0

    def close(self) -> None:
        """Commit what is recorded and close the file."""
        with self._lock:
            self._db.commit()
            self._db.close()


def up_to_date(job: Job, state: State) -> bool:
    """True when every output exists, is newer than the script, and was made by the same style and
    not rewritten since."""
    try:
        source_time = os.stat(job.source).st_mtime_ns
        for _, dest in job.targets:
            mtime = os.stat(dest).st_mtime_ns
            if mtime < source_time or state.made(dest) != (job.fingerprint, mtime):
                return False
    except OSError:
        return False
    return True


def media_for(media: Path, relative: Path) -> str | None:
    """The media file of a script: the first (by name) with its stem at its place below ``media``, not
    a script, subtitle or word-time file.

    >>> media_for(Path("/nonexistent"), Path("a/story.txt")) is None
    True
    """
    folder = media / relative.parent
    found = sorted(p for p in folder.glob(f"{glob.escape(relative.stem)}.*")
                   if p.is_file() and p.suffix.lower() not in (".txt", ".srt", ".vtt", ".json", ".toml"))
    return str(found[0]) if found else None


def schedule(found: Iterable[tuple[Path, Path]], outdir: Path, formats: tuple[str, ...], style: Style,
             encoding: str | None, force: bool, dialect: str | None = None,
             state: State | None = None, one_tree: bool = False, media: Path | None = None) -> Iterator[Job | Result]:
    """A :class:`Job` per script to subtitle, or its :class:`Result` when nothing is left to do: skipped
    (with ``state``: up to date), or failed (missing, or its outputs are another script's).

    Outputs mirror the input tree under ``outdir``. The output paths seen so far are kept to catch two
    scripts writing the same file; for ``one_tree`` (a single directory, walked folder by folder) only
    those of the current folder, so memory does not grow with the batch. With a ``media`` directory each
    script is paired with the media file of the same stem at the same place below it.
    """
    print_ = fingerprint(style, dialect)
    seen: set[str] = set()
    folder = None
    for source, relative in found:
        name = str(source)
        targets = tuple((fmt, str(outdir / relative.with_suffix(f".{fmt}"))) for fmt in formats)
        if not source.exists():
            yield Result(name, "failed", "no such file or directory")
            continue
        if one_tree and relative.parent != folder:
            seen.clear()
            folder = relative.parent
        if targets[0][1] in seen:
            yield Result(name, "failed", f"output {targets[0][1]} is also the output of another script")
            continue
        seen.add(targets[0][1])
        found_media = None
        if media is not None:
            found_media = media_for(media, relative)
            if found_media is None:
                yield Result(name, "failed", f"no media file {media / relative.with_suffix('.*')}")
                continue
        job = Job(name, targets, style, encoding, force or state is not None, print_, dialect, found_media)
        if state is not None and up_to_date(job, state):
            yield Result(name, "skipped", "up to date")
        else:
            yield job


def process(job: Job) -> Result:
    """Subtitle one script and write its outputs atomically; any problem becomes a failed Result."""
    from .files import check_writable, iter_text
    from .pipeline import write_subtitles

    try:
        for _, dest in job.targets:
            check_writable(Path(dest), job.force)
        warnings: list[str] = []
        speech = {"audio": job.media} if job.media else {}
        count = write_subtitles(iter_text(job.source, job.encoding), job.targets, job.style, 0.0, job.force,
                                job.source, dialect=job.dialect, warn=warnings.append, **speech)
        outputs = tuple(dest for _, dest in job.targets)
        mtimes = tuple(os.stat(dest).st_mtime_ns for dest in outputs)
    except InputError as exc:
        message = str(exc)
        return Result(job.source, "failed", message[len(job.source) + 2:] if message.startswith(job.source + ": ")
                      else message)
    except Exception as exc:  # a bug must not stop the other scripts; it is reported as this one's failure
        return Result(job.source, "failed", f"internal error: {type(exc).__name__}: {exc}")
    return Result(job.source, "done", cues=count, outputs=outputs, mtimes=mtimes, fingerprint=job.fingerprint,
                  warnings=tuple(warnings))


def execute(item: Job | Result) -> Result:
    """:func:`process` a job; a result decided before any work passes through unchanged."""
    return item if isinstance(item, Result) else process(item)


def _worker_init() -> None:
    """Pool workers leave Ctrl-C to the parent, and SIGTERM kills them outright: the parent, which knows
    the jobs in flight, removes their temporary files (:func:`run_local`). A Python handler in the worker
    could miss a SIGTERM that lands just before it blocks on the task queue, and hang the pool's exit."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def remove_temporaries(targets: Iterable[tuple[str, str]]) -> None:
    """Remove the temporary files an interrupted job may have left beside its outputs
    (:func:`segmenter.files.atomic_outputs` names them ``.NAME.*.tmp``); finished outputs stay."""
    import glob

    for _, dest in targets:
        path = Path(dest)
        for temporary in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
            temporary.unlink(missing_ok=True)


def run_local(items: Iterable[Job | Result], workers: int, chunksize: int = 16) -> Iterator[Result]:
    """Results as they complete, from ``workers`` processes (in this process when 1). Jobs are fed lazily
    and results streamed, so neither side holds the whole batch. Stopped early (Ctrl-C, SIGTERM, an
    error, the caller closing the iterator), the workers are killed and the temporary files of the jobs
    handed to them and not yet returned are removed."""
    if workers <= 1:
        yield from map(execute, items)
        return
    import multiprocessing

    from . import pipeline  # noqa: F401  imported once here, inherited by forked workers

    in_flight: dict[int, tuple[tuple[str, str], ...]] = {}  # targets of the jobs handed out, not yet returned

    def feed() -> Iterator[tuple[int, Job | Result]]:  # runs in the pool's task thread, a chunk or two ahead
        for n, item in enumerate(items):
            if isinstance(item, Job):
                in_flight[n] = item.targets
            yield n, item

    context = multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn")
    pool = context.Pool(workers, initializer=_worker_init)
    try:
        for n, result in pool.imap_unordered(_execute_numbered, feed(), chunksize=chunksize):
            in_flight.pop(n, None)
            yield result
        pool.close()  # done: workers finish their queue and exit, nothing to signal
    except BaseException:
        pool.terminate()  # joins the task thread too: nothing is handed out after this
        for targets in list(in_flight.values()):
            remove_temporaries(targets)
        raise
    finally:
        pool.join()


def _execute_numbered(numbered: tuple[int, Job | Result]) -> tuple[int, Result]:
    n, item = numbered
    return n, execute(item)


def run_dask(items: Iterable[Job | Result], scheduler: str, window: int = 256) -> Iterator[Result]:
    """Results from a Dask distributed cluster, keeping at most ``window`` jobs in flight. The workers need
    this package installed and the scripts' and outputs' paths visible (a shared file system)."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise InputError("the dask executor needs Dask: pip install 'news-segmenter[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {' '.join(str(exc).split())}") \
            from None
    sources = {}
    try:
        pending = as_completed()
        for item in items:
            if isinstance(item, Result):
                yield item
                continue
            future = client.submit(process, item, pure=False)
            sources[future.key] = item.source
            pending.add(future)
            if pending.count() >= window:
                yield _outcome(next(pending), sources)
        for future in pending:
            yield _outcome(future, sources)
    finally:
        client.close()


def _outcome(future, sources: dict) -> Result:
    """A finished Dask future's Result; a lost worker fails its script, not the batch."""
    source = sources.pop(future.key)
    try:
        return future.result()
    except Exception as exc:
        return Result(source, "failed", f"worker error: {type(exc).__name__}: {exc}")
