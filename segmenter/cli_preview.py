"""``segmenter preview``: one self-contained HTML page to judge a script's subtitles in a browser."""

from __future__ import annotations

import click

from .options import dialect_option, resolve_style, style_options


@click.command()
@click.argument("script", metavar="SCRIPT")
@click.option("-o", "--output", required=True, metavar="HTML", help="The page to write, e.g. preview.html.")
@style_options
@dialect_option
@click.option("--start", default="0", show_default=True, metavar="TIME", help="Time of the first cue.")
@click.option("--encoding", default=None, help="Encoding of the script (default: UTF-8, or as the BOM says).")
@click.option("--force", is_flag=True, help="Overwrite an existing page.")
@click.option("--audio", default=None, metavar="MEDIA",
              help="Time the cues from MEDIA's speech and play it on the page with them (linked, not embedded).")
def preview_command(script, output, dialect, start, encoding, force, audio, **style_kwargs):
    """Draw every cue of SCRIPT on a 16:9 frame with its timing, reading speed, section, speaker and
    style violations, plus a timeline of all cues, in one HTML file that needs no network.

    \b
    Examples:
      segmenter preview story.txt -o preview.html
      segmenter preview story.txt --style netflix -o preview.html --force
      segmenter preview story.txt --audio story.mp4 -o preview.html
    """
    import os
    from pathlib import Path

    from .errors import InputError
    from .files import check_writable, read_text, write_atomic
    from .pipeline import NO_TEXT, subtitle
    from .preview import preview_html
    from .timing import parse_time

    style = resolve_style(style_kwargs)
    check_writable(Path(output), force)
    speech = {}
    if audio:
        from .align.audio import check_media, terminal_progress

        check_media(audio)
        speech = {"audio": audio, "progress": terminal_progress()}
    cues = subtitle(read_text(script, encoding), style, parse_time(start, style.frame_rate), dialect=dialect,
                    warn=lambda message: click.echo(f"segmenter: warning: {script}: {message}", err=True), **speech)
    if not cues:
        raise InputError(f"{script}: {NO_TEXT}")
    media = os.path.relpath(audio, Path(output).resolve().parent) if audio else None
    write_atomic(Path(output), preview_html(cues, style, Path(script).name, media), force)
