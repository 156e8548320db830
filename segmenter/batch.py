"""Batch jobs: many scripts in, a mirrored tree of subtitle files out.

The work per script is one pure-ish function, :func:`process` (a :class:`Job` in, a :class:`Result` out),
so any executor can map it: in-process, a local process pool, or Dask. The parent keeps counts and
failures only, never the subtitles, so memory stays flat however many scripts there are.

>>> job = Job("story.txt", (("srt", "out/story.srt"),), Style(), None, False, "x", "newsroom")
>>> job.targets[0]
('srt', 'out/story.srt')
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Iterator

from .errors import InputError
from .style import Style

MANIFEST = ".segmenter-manifest.jsonl"


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


@dataclass(frozen=True)
class Result:
    """What became of one job: ``done``, ``skipped`` or ``failed`` (with the reason)."""

    source: str
    status: str
    reason: str = ""
    cues: int = 0
    outputs: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


def fingerprint(style: Style) -> str:
    """A short digest of a style's settings: outputs made under another style are not resumed.

    >>> fingerprint(Style()) == fingerprint(Style()), fingerprint(Style()) == fingerprint(Style(cps=9.0))
    (True, False)
    """
    from importlib import resources

    weights = resources.files("segmenter.data").joinpath("weights.toml").read_bytes()  # the rules count too
    payload = json.dumps(asdict(style), sort_keys=True).encode() + weights
    return hashlib.sha256(payload).hexdigest()[:16]


def discover(inputs: Iterable[str], pattern: str = "*.txt") -> Iterator[tuple[Path, Path]]:
    """(script path, path relative to the output root) for files, directories (recursive) and lists.

    A directory's scripts keep their place under it; a file given by a relative path keeps that path;
    any other file is placed by its name.
    """
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for found in sorted(p for p in path.rglob(pattern) if p.is_file()):
                yield found, found.relative_to(path)
        else:
            safe = not path.is_absolute() and ".." not in path.parts
            yield path, (path if safe else Path(path.name))


def plan(found: Iterable[tuple[Path, Path]], outdir: Path, formats: tuple[str, ...], style: Style,
         encoding: str | None, force: bool, dialect: str | None = None) -> Iterator[Job]:
    """Jobs for discovered scripts: outputs mirror the input tree under ``outdir``."""
    print_ = fingerprint(style) + (f"/{dialect}" if dialect not in (None, "auto") else "")
    for source, relative in found:
        targets = tuple((fmt, str(outdir / relative.with_suffix(f".{fmt}"))) for fmt in formats)
        yield Job(str(source), targets, style, encoding, force, print_, dialect)


def up_to_date(job: Job, manifest: dict[str, str]) -> bool:
    """True when every output exists, is newer than the script, and was made with the same style."""
    try:
        source_time = os.stat(job.source).st_mtime
        return all(manifest.get(dest) == job.fingerprint and os.stat(dest).st_mtime >= source_time
                   for _, dest in job.targets)
    except OSError:
        return False


def process(job: Job) -> Result:
    """Subtitle one script and write its outputs atomically; any input problem becomes a failed Result."""
    from .files import check_writable, read_text
    from .pipeline import write_subtitles

    try:
        for _, dest in job.targets:
            check_writable(Path(dest), job.force)
        warnings: list[str] = []
        count = write_subtitles(read_text(job.source, job.encoding), job.targets, job.style, 0.0, job.force,
                                job.source, dialect=job.dialect, warn=warnings.append)
    except InputError as exc:
        message = str(exc)
        return Result(job.source, "failed", message[len(job.source) + 2:] if message.startswith(job.source)
                      else message)
    except Exception as exc:  # a bug must not stop the other scripts; it is reported as this one's failure
        return Result(job.source, "failed", f"internal error: {type(exc).__name__}: {exc}")
    return Result(job.source, "done", cues=count, outputs=tuple(dest for _, dest in job.targets),
                  warnings=tuple(warnings))


def read_manifest(outdir: Path) -> dict[str, str]:
    """Output path -> style fingerprint, from the manifest a batch appends to (last entry wins)."""
    manifest: dict[str, str] = {}
    try:
        with open(outdir / MANIFEST, encoding="utf-8") as handle:
            for line in handle:
                try:
                    entry = json.loads(line)
                    manifest[entry["output"]] = entry["style"]
                except (ValueError, KeyError, TypeError):
                    continue  # a line cut short by an interrupted batch
    except OSError:
        pass
    return manifest


def run_local(jobs: Iterable[Job], workers: int) -> Iterator[Result]:
    """Results as they complete, from ``workers`` processes (in this process when 1)."""
    if workers <= 1:
        yield from map(process, jobs)
        return
    import multiprocessing

    from . import pipeline  # noqa: F401  imported once here, inherited by forked workers

    with multiprocessing.get_context("fork" if hasattr(os, "fork") else "spawn").Pool(workers) as pool:
        yield from pool.imap_unordered(process, jobs, chunksize=8)


def run_dask(jobs: Iterable[Job], scheduler: str, window: int = 256) -> Iterator[Result]:
    """Results from a Dask distributed cluster, keeping at most ``window`` jobs in flight."""
    try:
        from dask.distributed import Client, as_completed
    except ImportError:
        raise InputError("the dask executor needs Dask: pip install 'news-segmenter[dask]'") from None
    try:
        client = Client(scheduler, timeout="10s")
    except (OSError, TimeoutError) as exc:
        raise InputError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
    try:
        pending = as_completed()
        iterator = iter(jobs)
        for job in iterator:
            pending.add(client.submit(process, job, pure=False))
            if pending.count() >= window:
                yield next(pending).result()
        for future in pending:
            yield future.result()
    finally:
        client.close()
