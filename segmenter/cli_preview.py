"""``segmenter preview``: one self-contained HTML page to judge a script's subtitles in a browser."""

from __future__ import annotations

import click

from .options import resolve_style, style_options


@click.command()
@click.argument("script", metavar="SCRIPT")
@click.option("-o", "--output", required=True, metavar="HTML", help="The page to write, e.g. preview.html.")
@style_options
@click.option("--start", default="0", show_default=True, metavar="TIME", help="Time of the first cue.")
@click.option("--encoding", default=None, help="Encoding of the script (default: UTF-8, or as the BOM says).")
@click.option("--force", is_flag=True, help="Overwrite an existing page.")
def preview_command(script, output, start, encoding, force, **style_kwargs):
    """Draw every cue of SCRIPT on a 16:9 frame with its timing, reading speed, section, speaker and
    style violations, plus a timeline of all cues, in one HTML file that needs no network.

    \b
    Examples:
      segmenter preview story.txt -o preview.html
      segmenter preview story.txt --style netflix -o preview.html --force
    """
    from pathlib import Path

    from .errors import InputError
    from .files import check_writable, read_text, write_atomic
    from .pipeline import NO_TEXT, subtitle
    from .preview import preview_html
    from .timing import parse_time

    style = resolve_style(style_kwargs)
    check_writable(Path(output), force)
    cues = subtitle(read_text(script, encoding), style, parse_time(start, style.frame_rate))
    if not cues:
        raise InputError(f"{script}: {NO_TEXT}")
    write_atomic(Path(output), preview_html(cues, style, Path(script).name), force)
