"""``segmenter batch``: subtitle whole trees of scripts, in parallel, resumably."""

from __future__ import annotations

import os

import click

from .options import dialect_option, resolve_style, style_options


@click.command()
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", "outdir", required=True, metavar="OUTDIR", help="Root of the output tree.")
@click.option("--format", "fmt", type=click.Choice(["srt", "vtt", "both"]), default="both", show_default=True)
@style_options
@dialect_option
@click.option("--glob", "pattern", default="*.txt", show_default=True, help="Scripts to take from directories.")
@click.option("--jobs", "-j", type=click.IntRange(1), default=None, help="Worker processes (default: cores).")
@click.option("--executor", type=click.Choice(["local", "dask"]), default="local", show_default=True)
@click.option("--scheduler", default=None, metavar="ADDRESS", help="Dask scheduler, e.g. tcp://10.0.0.5:8786.")
@click.option("--resume", is_flag=True, help="Skip scripts whose outputs are newer and made with this style.")
@click.option("--force", is_flag=True, help="Overwrite existing outputs.")
@click.option("--report", type=click.Path(dir_okay=False), default=None, help="Write the summary as JSON.")
@click.option("--encoding", default=None, help="Encoding of the scripts (default: UTF-8, or as the BOM says).")
@click.option("--quiet", "-q", is_flag=True, help="Print only failures and the summary.")
def batch_command(inputs, outdir, fmt, dialect, pattern, jobs, executor, scheduler, resume, force, report, encoding,
                  quiet, **style_kwargs):
    """Subtitle many scripts: INPUTs are files, directories (recursive) or '-' for a list of paths on
    standard input. Outputs mirror the input tree under OUTDIR.

    Exit code 0 when every script succeeded, 1 when any failed, 2 on bad usage.

    \b
    Examples:
      segmenter batch scripts/ -o subtitles/
      segmenter batch rundown/ --glob '*.txt' --format vtt --style netflix -o out/ --jobs 4
      find archive -name '*.txt' | segmenter batch - -o out/ --resume --report report.json
      segmenter batch archive/ -o out/ --executor dask --scheduler tcp://scheduler:8786
    """
    import json
    import sys
    from pathlib import Path

    from .batch import MANIFEST, discover, plan, read_manifest, run_dask, run_local, up_to_date
    from .files import write_atomic

    if executor == "dask" and not scheduler:
        raise click.UsageError("--executor dask needs --scheduler ADDRESS")
    style = resolve_style(style_kwargs)
    root = Path(outdir)
    if root.exists() and not root.is_dir():
        raise click.UsageError(f"{outdir} is not a directory")
    names = ("srt", "vtt") if fmt == "both" else (fmt,)
    listed = [line.strip() for line in sys.stdin if line.strip()] if "-" in inputs else []
    sources = [i for i in inputs if i != "-"] + listed
    missing = [s for s in sources if not Path(s).exists()]
    found = list(discover([s for s in sources if Path(s).exists()], pattern))
    jobs_all = list(plan(found, root, names, style, encoding, force or resume, dialect))
    manifest = read_manifest(root) if resume else {}
    todo = [job for job in jobs_all if not (resume and up_to_date(job, manifest))]
    skipped = len(jobs_all) - len(todo)
    failures = [(s, "no such file or directory") for s in missing]
    seen: set[str] = set()
    unique = []
    for job in todo:
        clash = next((dest for _, dest in job.targets if dest in seen), None)
        if clash:
            failures.append((job.source, f"output {clash} is also the output of another script"))
            continue
        seen.update(dest for _, dest in job.targets)
        unique.append(job)
    root.mkdir(parents=True, exist_ok=True)
    done = 0
    results = run_dask(unique, scheduler) if executor == "dask" else run_local(unique, jobs or os.cpu_count() or 1)
    tty = sys.stderr.isatty() and not quiet
    with open(root / MANIFEST, "a", encoding="utf-8") as log:
        progress = click.progressbar(results, length=len(unique), label="subtitling", file=sys.stderr) \
            if tty else None
        with (progress or _nullcontext(results)) as stream:
            for n, result in enumerate(stream, 1):
                if result.status == "done":
                    done += 1
                    for dest in result.outputs:
                        log.write(json.dumps({"output": dest, "style": unique[0].fingerprint}) + "\n")
                    log.flush()
                else:
                    failures.append((result.source, result.reason))
                for message in result.warnings:
                    click.echo(f"segmenter: warning: {result.source}: {message}", err=True)
                if not tty and (not quiet or result.status != "done"):
                    detail = f": {result.reason}" if result.reason else f" ({result.cues} cues)"
                    click.echo(f"[{n}/{len(unique)}] {result.status} {result.source}{detail}", err=True)
    for source, reason in failures:
        click.echo(f"segmenter: failed: {source}: {reason}", err=True)
    click.echo(f"{done} done, {skipped} skipped, {len(failures)} failed", err=True)
    if report:
        payload = {"done": done, "skipped": skipped, "failed": [{"script": s, "reason": r} for s, r in failures],
                   "style": style.name, "output": str(root)}
        write_atomic(Path(report), json.dumps(payload, indent=2) + "\n", force=True)
    sys.exit(1 if failures else 0)


class _nullcontext:
    def __init__(self, value):
        self.value = value

    def __enter__(self):
        return self.value

    def __exit__(self, *exc):
        return False
