"""``segmenter check``: style QC for any SRT or WebVTT file."""

from __future__ import annotations

import click

from .options import resolve_style, style_options


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@style_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report as text lines or as one JSON document.")
@click.option("--encoding", default=None, help="Encoding of the files (default: UTF-8, or as the BOM says).")
def check_command(files, fmt, encoding, **style_kwargs):
    """Check subtitle FILEs (SRT or WebVTT; '-' reads standard input) against a style.

    Reports every violation with its cue number, time, line and rule, and a summary line per file. Exit
    code 0 when all files are clean, 1 when any has a violation, 2 when a file cannot be read.

    \b
    Rules: chars_per_line, lines_per_cue, reading_speed (cps, and wpm when set),
      min_duration, max_duration, min_gap, chain_gap (a gap to close, with the
      style's chain_gap), overlap, out_of_order, empty_cue,
      malformed_timestamp, misrendered_text ('-->' in text; in WebVTT also an
      unescaped '<' or '&', in SRT a tag players drop). Limits on times allow
      1 ms for rounding. Files are read as players read them (WebVTT by the W3C
      parser algorithm); what they read against the format's syntax:
      timestamp_format, missing_blank_line, whitespace_line, keyword_id; what
      they drop or ignore: timestamp_out_of_range, ignored_block.

    \b
    Examples:
      segmenter check story.srt
      segmenter check out/*.vtt --style netflix --format json
      segmenter check story.vtt --max-chars 32 --cps 15
    """
    import json
    import sys

    from .check import as_json, check_text, describe, load_text, summary
    from .errors import InputError

    style = resolve_style(style_kwargs)
    reports, unreadable = [], []
    for path in files:
        name = "<stdin>" if path == "-" else path
        try:
            kind, text = load_text(path, encoding)
            reports.append(check_text(text, kind, style, name))
        except InputError as exc:
            message = str(exc) if str(exc).startswith(f"{name}: ") else f"{name}: {exc}"
            unreadable.append(message)
            click.echo(f"segmenter: error: {message}", err=True)
            continue
        if fmt == "text":
            for violation in reports[-1].violations:
                click.echo(describe(reports[-1], violation))
            click.echo(summary(reports[-1]))
    if fmt == "json":
        click.echo(json.dumps(as_json(reports, unreadable, style), indent=2, ensure_ascii=False))
    sys.exit(2 if unreadable else 1 if any(not r.ok for r in reports) else 0)
