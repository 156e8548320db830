"""``segmenter check``: style QC for any SRT or WebVTT file."""

from __future__ import annotations

import click

from .options import resolve_style, style_options


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@style_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--encoding", default=None, help="Encoding of the files (default: UTF-8, or as the BOM says).")
def check_command(files, fmt, encoding, **style_kwargs):
    """Check subtitle FILEs (SRT or WebVTT) against a style.

    Reports every violation with its cue number, time and rule, and a summary line per file. Exit code 0
    when all files are clean, 1 when any has a violation, 2 when a file cannot be read.

    \b
    Examples:
      segmenter check story.srt
      segmenter check out/*.vtt --style netflix --format json
    """
    import json
    import sys

    from . import formats
    from .check import check_text, describe, summary
    from .errors import InputError
    from .files import read_text

    style = resolve_style(style_kwargs)
    reports, unreadable = [], []
    for path in files:
        try:
            fmt_name = formats.for_path(path).name
            reports.append(check_text(read_text(path, encoding, what="subtitle file"), fmt_name, style, path))
        except InputError as exc:
            message = str(exc) if str(exc).startswith(path) else f"{path}: {exc}"
            unreadable.append(message)
            click.echo(f"segmenter: error: {message}", err=True)
    if fmt == "json":
        click.echo(json.dumps({"style": style.name, "files": [
            {"path": r.path, "cues": r.cues, "ok": r.ok,
             "violations": [{"cue": v.cue, "start_ms": v.start, "rule": v.rule, "message": v.message}
                            for v in r.violations]} for r in reports],
            "unreadable": unreadable}, indent=2))
    else:
        for report in reports:
            for violation in report.violations:
                click.echo(describe(report, violation))
            click.echo(summary(report))
    sys.exit(2 if unreadable else 1 if any(not r.ok for r in reports) else 0)
