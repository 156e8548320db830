"""``segmenter batch``: subtitle whole trees of scripts, in parallel, resumably (imports only click)."""

from __future__ import annotations

import os

import click

from .options import dialect_option, resolve_style, style_options


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "outdir", required=True, metavar="OUTDIR", help="Root of the output tree.")
@click.option("--format", "fmt", type=click.Choice(["srt", "vtt", "both"]), default="both", show_default=True,
              help="Output format: SRT, WebVTT, or both beside each other.")
@style_options
@dialect_option
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Scripts to take from directories.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None,
              help="Worker processes (default: the number of cores).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Local processes, or a Dask distributed cluster (pip install 'news-segmenter[dask]').")
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("--resume", is_flag=True, help="Skip scripts whose outputs are newer and made with this style; "
                                             "redo (overwrite) the others.")
@click.option("--force", is_flag=True, help="Overwrite existing outputs.")
@click.option("--report", type=click.Path(dir_okay=False), default=None, help="Write the summary as JSON.")
@click.option("--encoding", default=None, help="Encoding of the scripts (default: UTF-8, or as the BOM says).")
@click.option("--timeout", type=click.FloatRange(min=0), default=600, show_default=True, metavar="SECONDS",
              help="Time limit per script (local executor): a script over it fails and the batch goes on. "
                   "0: no limit.")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
@click.option("--media", default=None, type=click.Path(file_okay=False, exists=True), metavar="DIR",
              help="Time each script from the audio/video file of the same stem below DIR (pip install '.[audio]').")
@click.option("--words", default=None, type=click.Path(file_okay=False, exists=True), metavar="DIR",
              help="Time each script from the ASR word times of the same stem below DIR (.json of whisper or an "
                   "ASR service, else .srt, .vtt).")
def batch_command(inputs, outdir, fmt, dialect, pattern, jobs, executor, scheduler, resume, force, report, encoding,
                  timeout, quiet, media, words, **style_kwargs):
    """Subtitle many scripts: INPUTs are files, directories (searched recursively for --glob) or '-' for
    a list of paths on standard input, one a line. Outputs mirror the input tree under OUTDIR.

    One bad script never stops the others; a summary (done, skipped, failed with reasons) ends the run.
    Exit code 0 when every script succeeded, 1 when any failed, 2 on bad usage.

    \b
    Examples:
      segmenter batch scripts/ -o subtitles/
      segmenter batch rundown/ --glob '*.txt' --format vtt --style netflix -o out/ --jobs 4
      find archive -name '*.txt' | segmenter batch - -o out/ --resume --report report.json
      segmenter batch archive/ -o out/ --executor dask --scheduler tcp://scheduler:8786
    """
    import signal
    import sys
    import time
    from contextlib import closing
    from itertools import chain
    from pathlib import Path

    from .batch import State, discover, lock, read_list, run_dask, run_local, schedule, sweep
    from .errors import InputError
    from .files import text_codec

    if media and words:
        raise click.UsageError("give --media or --words, not both")
    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    if scheduler and executor != "dask":
        raise click.UsageError("--scheduler is for --executor dask")
    if encoding:
        try:
            text_codec(encoding)
        except InputError as exc:
            raise click.BadParameter(str(exc), param_hint="--encoding") from None
    try:
        Path("x").match(pattern)
    except ValueError as exc:
        raise click.BadParameter(f"{pattern!r}: {exc}", param_hint="--glob") from None
    if timeout != timeout:
        raise click.BadParameter("not a number", param_hint="--timeout")
    if inputs.count("-") > 1:
        raise click.UsageError("'-' (a list of paths on standard input) can be given once")
    missing = [i for i in inputs if i != "-" and not os.path.lexists(i)]
    if missing:
        raise InputError(f"{missing[0]}: no such file or directory")
    if not outdir:
        raise click.BadParameter("an empty name", param_hint="--output")
    root = Path(outdir)
    if root.exists() and not root.is_dir():
        raise click.UsageError(f"{outdir} is not a directory")
    if report and Path(report).exists() and not (force or resume):
        raise click.UsageError(f"{report} already exists (use --force to overwrite)")
    style = resolve_style(style_kwargs)
    if dialect not in (None, "auto"):
        from .dialect import load_dialect

        load_dialect(dialect)  # a bad dialect is a usage error, not one failure per script
    names = ("srt", "vtt") if fmt == "both" else (fmt,)

    def paths():
        return chain.from_iterable(read_list(sys.stdin) if i == "-" else (i,) for i in inputs)

    total = None if "-" in inputs else sum(1 for _ in discover(paths(), pattern, root))  # a cheap first walk
    if total == 0:
        raise InputError(f"no scripts matched --glob {pattern!r} in {', '.join(inputs)}")
    started = time.time()
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"{outdir}: cannot create the output directory: {exc.strerror or exc}") from None
    claim = lock(root)  # refuses a second batch here, and an output directory that cannot be written
    warnings = 0

    def warn(message: str) -> None:
        nonlocal warnings
        warnings += 1
        _say(f"segmenter: warning: {message}")

    try:
        sweep(root, started)  # temporary files a killed batch left behind
        state = State(root, warn=warn)
        one_tree = len(inputs) == 1 and Path(inputs[0]).is_dir()
        items = schedule(discover(paths(), pattern, root), root, names, style, encoding, force, dialect,
                         state if resume else None, one_tree, Path(media) if media else None,
                         Path(words) if words else None)
        workers = jobs or os.cpu_count() or 1
        counts = {"done": 0, "skipped": 0, "failed": 0}
        failures: list[tuple[str, str]] = []
        notes: list[dict] = []  # per script, its warnings (with --media: text cut, speech not in the script)
        tty = sys.stderr.isatty() and not quiet
        previous = signal.signal(signal.SIGTERM, _interrupt) if _main_thread() else None
        try:
            results = run_dask(items, scheduler) if executor == "dask" else run_local(items, workers, timeout or None)
            with closing(results):
                bar = click.progressbar(results, length=total, label="subtitling", file=sys.stderr,
                                        show_pos=True) if tty else None
                with bar or _Plain(results) as stream:
                    for n, result in enumerate(stream, 1):
                        counts[result.status] += 1
                        if result.status == "done":
                            state.record(result)
                        elif result.status == "failed":
                            failures.append((result.source, result.reason))
                        if result.warnings:
                            notes.append({"script": result.source, "warnings": list(result.warnings)})
                        for message in result.warnings:
                            warn(f"{result.source}: {message}")
                        if not tty and (not quiet or result.status == "failed"):
                            detail = f": {result.reason}" if result.reason else f" ({result.cues} cues)"
                            total = total and max(total, n)  # a script added while the batch runs
                            where = f"{n}/{total}" if total else f"{n}"
                            _say(f"[{where}] {result.status} {result.source}{detail}")
        finally:
            state.close()
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)
    finally:
        claim.close()
    if not sum(counts.values()):
        raise InputError("no scripts listed on standard input")
    for source, reason in failures:
        _say(f"segmenter: failed: {source}: {reason}")
    _say(f"{counts['done']} done, {counts['skipped']} skipped, {counts['failed']} failed")
    if report:
        _write_report(Path(report), counts, failures, warnings, style.name, names, root, notes)
    sys.exit(1 if failures else 0)


def _write_report(path, counts: dict, failures: list, warnings: int, style: str, formats, root,
                  notes: list) -> None:
    """The summary as JSON (file names that are not valid UTF-8 shown with ``\\xNN`` escapes); ``notes``
    holds each script's warnings (with --media: text cut, speech not in the script)."""
    import json

    from .files import write_atomic

    def shown(name: str) -> str:
        return os.fsencode(name).decode("utf-8", "backslashreplace")

    payload = {"done": counts["done"], "skipped": counts["skipped"], "failed_count": counts["failed"],
               "failed": [{"script": shown(s), "reason": shown(r)} for s, r in failures], "warnings": warnings,
               "style": style, "formats": list(formats), "output": shown(str(root)),
               "notes": [{"script": shown(n["script"]), "warnings": n["warnings"]} for n in notes]}
    write_atomic(path, json.dumps(payload, indent=2) + "\n", force=True)


def _say(line: str) -> None:
    """A line on standard error; a stream that cannot take it (``2>/dev/full``, a closed pipe) does not
    stop the batch (its exit code still tells)."""
    try:
        click.echo(line, err=True)
    except OSError:
        pass


def _interrupt(signum, frame):
    """SIGTERM ends a batch the way Ctrl-C does: workers stopped, temporary files removed, state saved.
    Further SIGTERMs are ignored meanwhile (``timeout`` sends one to the process and one to its group);
    the clean-up is short, and SIGKILL remains for a scheduler that will not wait."""
    import signal

    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    raise KeyboardInterrupt


def _main_thread() -> bool:
    import threading

    return threading.current_thread() is threading.main_thread()


class _Plain:
    """The stream itself, in a ``with`` block like click's progress bar (for log lines instead of a bar)."""

    def __init__(self, value):
        self.value = value

    def __enter__(self):
        return self.value

    def __exit__(self, *exc):
        return False
