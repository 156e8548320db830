"""Batch jobs: many scripts in, a mirrored tree of subtitle files out, memory flat however many.

The work per script is one function, :func:`process` (a frozen :class:`Job` in, a frozen :class:`Result`
out), so any executor can map it: in this process, local worker processes (:mod:`segmenter.workers`:
a time limit per script, nothing a dying worker can hang) or a Dask cluster. Everything before it
streams: :func:`discover` walks the inputs lazily, :func:`schedule` turns each script into a job or an
early result (skipped, or failed before any work), and the parent keeps counts and failures only, never
the subtitles. :class:`State` remembers which style made each output, on disk; :func:`lock` keeps a
second batch out of the output directory and :func:`sweep` removes what killed batches left there.

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
LOCK = ".segmenter-lock"


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
    words: str | None = None  # or the word times an ASR made of it (segmenter.align.words)


@dataclass(frozen=True)
class Result:
    """What became of one script: ``done``, ``skipped`` or ``failed`` (with the reason).

    ``outputs`` and ``mtimes`` (nanoseconds) are the files written; ``fingerprint`` the style and inputs that
    made them (:func:`fingerprint`, :func:`inputs_digest`).
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
    """A short digest of everything that shapes the output: the style's settings, the dialect (with the
    dialects it extends), the rules and word lists shipped in the package, and its version. Outputs made
    otherwise are not resumed.

    >>> fingerprint(Style()) == fingerprint(Style()), fingerprint(Style()) == fingerprint(Style(cps=9.0))
    (True, False)
    >>> fingerprint(Style()) == fingerprint(Style(), "newsroom")
    False
    """
    from importlib import metadata, resources

    from .dialect import dialects_dir

    digest = hashlib.sha256(json.dumps(asdict(style), sort_keys=True).encode())  # the style's values: all of it,
    digest.update(f"\0{dialect or 'auto'}\0".encode())                      # whatever files it came from
    if dialect not in (None, "auto"):
        digest.update(_settings(dialect).encode())
    data = [e for e in resources.files("segmenter.data").iterdir() if e.name.endswith((".toml", ".txt"))]
    for entry in sorted(data, key=lambda e: e.name) + sorted(dialects_dir().glob("*.toml")):
        digest.update(entry.name.encode() + b"\0" + entry.read_bytes())
    try:
        digest.update(metadata.version("news-segmenter").encode())
    except metadata.PackageNotFoundError:
        pass
    return digest.hexdigest()[:16]


def _settings(dialect: str) -> str:
    """A dialect's settings with those of every dialect it ``extends``, as text: a change to any file of
    the chain changes it."""
    from .dialect import _data

    return json.dumps(_data(dialect)[0], sort_keys=True, default=str)


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


def _walk(root: Path, skip: str | None = None) -> Iterator[Path]:
    """Files under ``root``: a directory's own files (sorted) before its subdirectories', one listing per
    level in memory (symlinked directories are not followed, nor the folder whose real path is ``skip``)."""
    try:
        entries = sorted(os.scandir(root), key=lambda e: e.name)
    except OSError:
        return
    folders = []
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                if skip is None or os.path.realpath(entry.path) != skip:
                    folders.append(entry.path)
            elif entry.is_file() and not entry.name.startswith(_OWN):
                yield Path(entry.path)
        except OSError:
            continue
    del entries
    for folder in folders:
        yield from _walk(Path(folder), skip)


_OWN = (".segmenter-",)  # this module's own files (state, lock) are never scripts


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


def discover(inputs: Iterable[str], pattern: str = "*.txt", output: Path | None = None
             ) -> Iterator[tuple[Path, Path]]:
    """(script path, path relative to the output root) for files, directories and listed paths, lazily.

    A directory's scripts matching ``pattern`` (recursively) keep their place under it; a file keeps its
    own path (see :func:`mirror`). A path that does not exist is yielded too: :func:`schedule` reports it.
    The ``output`` directory, when it lies inside an input directory, is not searched.
    """
    skip = os.path.realpath(output) if output is not None else None
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for found in _walk(path, skip):
                relative = found.relative_to(path)
                if relative.match(pattern):
                    yield found, relative
        else:
            yield path, mirror(path)


class State:
    """Which style made each output, and the output's mtime then: a small SQLite file in the output root.

    One row per output, read one script at a time, so ``--resume`` keeps memory flat; a row counts only
    while the output still has the recorded mtime, so an output rewritten and not yet recorded (an
    interrupted batch) is redone rather than trusted. Paths are kept as the file system's bytes, so any
    file name will do. A damaged file (not SQLite, another schema, an empty directory in its place) is
    started afresh with a warning; a state that cannot be read or saved mid-run only costs the resume
    (a warning, then nothing is skipped or recorded): it never stops the batch.
    """

    SCHEMA = 2  # PRAGMA user_version of the current layout

    def __init__(self, root: Path, every: int = 500, warn=None):
        import sqlite3

        self._every, self._pending, self._warn = every, 0, warn or (lambda message: None)
        path = root / STATE
        try:
            self._db = self._open(sqlite3, path)
        except (sqlite3.Error, _Damaged) as exc:
            why = str(exc) if isinstance(exc, _Damaged) else f"not a usable SQLite file: {exc}"
            self._db = self._afresh(sqlite3, path)
            self._warn(f"{path}: damaged resume state ({why}); starting afresh")

    @classmethod
    def _open(cls, sqlite3, path: Path):
        if path.is_dir():
            raise _Damaged("a directory")
        db = sqlite3.connect(path, timeout=5, isolation_level="DEFERRED")
        try:
            tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if not tables:
                db.execute("PRAGMA journal_mode=WAL")
                db.execute("CREATE TABLE outputs (path BLOB PRIMARY KEY, style TEXT, mtime INTEGER)")
                db.execute(f"PRAGMA user_version = {cls.SCHEMA}")
                db.commit()
            elif tables != {"outputs"} or db.execute("PRAGMA user_version").fetchone()[0] != cls.SCHEMA:
                raise _Damaged("another layout, or another version's")
            elif db.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise _Damaged("fails its integrity check")
            db.execute("PRAGMA synchronous=NORMAL")
        except BaseException:
            db.close()
            raise
        return db

    @classmethod
    def _afresh(cls, sqlite3, path: Path):
        """Remove the damaged state (an empty directory too) and start a new one; what cannot be removed
        (a directory with files in it, a read-only place) is a one-line error."""
        try:
            if path.is_dir() and not path.is_symlink():
                path.rmdir()
            else:
                path.unlink(missing_ok=True)
            for extra in ("-wal", "-shm", "-journal"):
                Path(f"{path}{extra}").unlink(missing_ok=True)
            return cls._open(sqlite3, path)
        except (OSError, sqlite3.Error, _Damaged) as exc:
            raise InputError(f"{path}: cannot replace the damaged resume state: "
                             f"{getattr(exc, 'strerror', None) or exc}") from None

    def _failed(self, exc: Exception) -> None:
        """Give up on the state for this run (a full disk, a file damaged mid-run), with a warning."""
        self._warn(f"cannot keep the resume state ({exc}); a later --resume redoes what this run made")
        try:
            self._db.close()
        except Exception:
            pass
        self._db = None

    def made(self, path: str) -> tuple[str, int] | None:
        """(style fingerprint, output mtime in ns) recorded for ``path``, if any."""
        import sqlite3

        if self._db is None:
            return None
        try:
            return self._db.execute("SELECT style, mtime FROM outputs WHERE path = ?",
                                    (os.fsencode(path),)).fetchone()
        except sqlite3.Error as exc:
            self._failed(exc)
            return None

    def record(self, result: Result) -> None:
        """Remember the outputs of a finished script (committed every few hundred, and on close)."""
        import sqlite3

        if self._db is None:
            return
        rows = [(os.fsencode(path), result.fingerprint, mtime) for path, mtime in zip(result.outputs, result.mtimes)]
        try:
            self._db.executemany("INSERT OR REPLACE INTO outputs VALUES (?, ?, ?)", rows)
            self._pending += 1
            if self._pending >= self._every:
                self._db.commit()
                self._pending = 0
        except sqlite3.Error as exc:
            self._failed(exc)

    def close(self) -> None:
        """Commit what is recorded and close the file."""
        import sqlite3

        if self._db is None:
            return
        try:
            self._db.commit()
            self._db.close()
        except sqlite3.Error as exc:
            self._failed(exc)


class _Damaged(Exception):
    """A state file this version cannot use."""


def lock(root: Path):
    """Claim the output directory for this batch: an exclusive lock on ``.segmenter-lock`` (which names
    the holder) for as long as the returned file stays open. A second batch into the same directory is
    refused at once, naming the first; an output directory that cannot be written is refused too."""
    import socket
    import time

    path = root / LOCK
    try:
        handle = open(path, "a+", encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{root}: cannot write into the output directory: {exc.strerror or exc}") from None
    try:
        import fcntl
    except ImportError:  # Windows: no lock
        return handle
    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        handle.seek(0)
        holder = " ".join(handle.read(300).split()) or "a process that did not say"
        handle.close()
        raise InputError(f"{root}: another batch is writing into this directory ({holder}); "
                         "wait for it to end or choose another output directory") from None
    try:
        handle.truncate(0)
        handle.write(f"pid {os.getpid()} on {socket.gethostname()} since "
                     f"{time.strftime('%Y-%m-%d %H:%M:%S %Z')}\n")
        handle.flush()
    except OSError as exc:
        handle.close()
        raise InputError(f"{root}: cannot write into the output directory: {exc.strerror or exc}") from None
    return handle


def sweep(root: Path, before: float) -> int:
    """Remove temporary files left in the output tree by a batch that was killed outright or lost a
    worker (named as :func:`segmenter.files.atomic_outputs` names them, for subtitle outputs, and last
    changed before ``before``, a :func:`time.time`); how many. Run it holding :func:`lock`."""
    from .files import is_temporary
    from .formats import names

    suffixes = tuple(f".{name}" for name in names())
    removed = 0
    folders = [str(root)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    folders.append(entry.path)
                elif (entry.name.startswith(".") and is_temporary(entry.name, suffixes)
                      and entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < before):
                    os.unlink(entry.path)
                    removed += 1
            except OSError:
                continue
    return removed


def inputs_digest(*paths: str | None) -> str:
    """A short digest of the files an output is made from (the script, its media or word-time file): each
    one's path, size and mtime in ns, so that a changed, replaced or newly given file, even one older than
    the outputs, is told from the one that made them; an absent file (None) counts as such.

    >>> inputs_digest("/nonexistent", None) == inputs_digest("/nonexistent", None) != inputs_digest(None, None)
    True
    """
    digest = hashlib.sha256()
    for path in paths:
        if path is None:
            digest.update(b"\0-")
            continue
        try:
            info = os.stat(path)
            digest.update(f"\0{os.fsencode(path)!r}\0{info.st_size}\0{info.st_mtime_ns}".encode())
        except OSError:
            digest.update(f"\0{os.fsencode(path)!r}\0?".encode())
    return digest.hexdigest()[:16]


def up_to_date(job: Job, state: State) -> bool:
    """True when every output exists, is newer than each of its inputs (the script, the media or word-time
    file), was made from those inputs as they are now (:func:`inputs_digest`, part of the job's
    fingerprint) with the same style, and was not rewritten since."""
    try:
        newest = max(os.stat(path).st_mtime_ns for path in (job.source, job.media, job.words) if path)
        for _, dest in job.targets:
            mtime = os.stat(dest).st_mtime_ns
            if mtime < newest or state.made(dest) != (job.fingerprint, mtime):
                return False
    except OSError:
        return False
    return True


#: files beside a script that are not its media: scripts (also saved as documents), subtitles, word times
_NOT_MEDIA = (".txt", ".srt", ".vtt", ".json", ".toml", ".rtf", ".html", ".htm", ".docx", ".odt")


def media_for(media: Path, relative: Path) -> str | None:
    """The media file of a script: the first (by name) with its stem at its place below ``media``, not
    a script, subtitle or word-time file.

    >>> media_for(Path("/nonexistent"), Path("a/story.txt")) is None
    True
    """
    folder = media / relative.parent
    found = sorted(p for p in folder.glob(f"{glob.escape(relative.stem)}.*")
                   if p.is_file() and p.suffix.lower() not in _NOT_MEDIA)
    return str(found[0]) if found else None


def words_for(words: Path, relative: Path) -> str | None:
    """The word-time file of a script: its stem at its place below ``words``, as ``.json`` (an ASR's JSON,
    see :mod:`segmenter.align.asr_formats`), else ``.srt`` or ``.vtt``.

    >>> words_for(Path("/nonexistent"), Path("a/story.txt")) is None
    True
    """
    for suffix in (".json", ".srt", ".vtt"):
        path = words / relative.with_suffix(suffix)
        if path.is_file():
            return str(path)
    return None


def schedule(found: Iterable[tuple[Path, Path]], outdir: Path, formats: tuple[str, ...], style: Style,
             encoding: str | None, force: bool, dialect: str | None = None,
             state: State | None = None, one_tree: bool = False, media: Path | None = None,
             words: Path | None = None) -> Iterator[Job | Result]:
    """A :class:`Job` per script to subtitle, or its :class:`Result` when nothing is left to do: skipped
    (with ``state``: up to date), or failed (missing, or its outputs are another script's).

    Outputs mirror the input tree under ``outdir``. The output paths seen so far are kept to catch two
    scripts writing the same file; for ``one_tree`` (a single directory, walked folder by folder) only
    those of the current folder, so memory does not grow with the batch. With a ``media`` directory each
    script is paired with the media file of the same stem at the same place below it; with a ``words``
    directory, with its word-time file (:func:`words_for`).
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
        if source.suffix[1:] in formats and any(os.path.abspath(dest) == os.path.abspath(source)
                                                for _, dest in targets):
            yield Result(name, "failed", "its output would overwrite the script itself")
            continue
        seen.add(targets[0][1])
        found_media = None
        if media is not None:
            found_media = media_for(media, relative)
            if found_media is None:
                yield Result(name, "failed", f"no media file {media / relative.with_suffix('.*')}")
                continue
        found_words = None
        if words is not None:
            found_words = words_for(words, relative)
            if found_words is None:
                yield Result(name, "failed", f"no word-time file {words / relative.with_suffix('.json')} "
                                             "(nor .srt, .vtt)")
                continue
        made_from = f"{print_}-{inputs_digest(name, found_media, found_words)}"  # style and inputs as they are
        job = Job(name, targets, style, encoding, force or state is not None, made_from, dialect, found_media,
                  found_words)
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
        speech = {"audio": job.media} if job.media else {"words": job.words} if job.words else {}
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


def remove_temporaries(targets: Iterable[tuple[str, str]]) -> None:
    """Remove the temporary files an interrupted job may have left beside its outputs
    (:func:`segmenter.files.atomic_outputs` names them ``.NAME.*.tmp``); finished outputs stay."""
    from .files import temporaries

    for _, dest in targets:
        for temporary in temporaries(Path(dest)):
            try:
                temporary.unlink(missing_ok=True)
            except OSError:
                pass


def run_local(items: Iterable[Job | Result], workers: int, timeout: float | None = None) -> Iterator[Result]:
    """Results as they complete, from ``workers`` processes (in this process when 1 and no ``timeout``).
    Jobs are fed lazily and results streamed, so neither side holds the whole batch. A script running
    over ``timeout`` seconds fails, its worker killed and replaced (see :mod:`segmenter.workers`). Stopped
    early (Ctrl-C, SIGTERM, an error, the caller closing the iterator), the workers are killed and the
    temporary files of the jobs handed to them and not yet returned are removed."""
    if workers <= 1 and timeout is None:
        yield from map(execute, items)
        return
    from . import pipeline  # noqa: F401  imported once here, inherited by forked workers
    from .workers import Lost, imap_unordered

    for job, result in imap_unordered(execute, items, workers, timeout=timeout, warm=_warm_up,
                                      inline=lambda item: isinstance(item, Result),
                                      abandon=lambda job: remove_temporaries(job.targets)):
        yield Result(job.source, "failed", result.reason) if isinstance(result, Lost) else result


def _warm_up() -> None:
    """Load what subtitling any script needs (the sentence model, the dialects), so that a worker's
    first script is timed like the others."""
    from .pipeline import subtitle

    for dialect in ("plain", "newsroom"):
        subtitle("Rain fell in Seoul. It stopped at noon.\n", dialect=dialect)


def run_dask(items: Iterable[Job | Result], scheduler: str, window: int = 256) -> Iterator[Result]:
    """Results from a Dask distributed cluster, keeping at most ``window`` jobs in flight. The workers need
    this package installed and the scripts' and outputs' paths visible at the same places (a shared file
    system): jobs are shipped with absolute paths, resolved here."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise InputError("the dask executor needs Dask: pip install 'news-segmenter[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except Exception as exc:  # not a Dask scheduler at all can fail in any way (MemoryError on an HTTP server)
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {detail}") from None
    jobs = {}
    try:
        pending = as_completed()
        for item in items:
            if isinstance(item, Result):
                yield item
                continue
            future = client.submit(process, absolute(item), pure=False)
            jobs[future.key] = item
            pending.add(future)
            if pending.count() >= window:
                yield _outcome(next(pending), jobs)
        for future in pending:
            yield _outcome(future, jobs)
    finally:
        client.close()


def absolute(job: Job) -> Job:
    """``job`` with its script, outputs and dialect file as absolute paths, for a worker elsewhere.

    >>> absolute(Job("a.txt", (("srt", "/o/a.srt"),), Style(), None, False, "x")).source == os.path.abspath("a.txt")
    True
    """
    from dataclasses import replace

    dialect = job.dialect
    if dialect is not None and (dialect.endswith(".toml") or "/" in dialect):  # a file, not a built-in name
        dialect = os.path.abspath(dialect)
    return replace(job, source=os.path.abspath(job.source), dialect=dialect,
                   targets=tuple((fmt, os.path.abspath(dest)) for fmt, dest in job.targets))


def _outcome(future, jobs: dict) -> Result:
    """A finished Dask future's Result, in the paths the job was given here; a lost worker fails its
    script, not the batch."""
    from dataclasses import replace

    job = jobs.pop(future.key)
    try:
        result = future.result()
    except Exception as exc:
        remove_temporaries(job.targets)
        return Result(job.source, "failed", f"worker error: {type(exc).__name__}: {exc}")
    outputs = tuple(dest for _, dest in job.targets) if result.outputs else ()
    return replace(result, source=job.source, outputs=outputs)
