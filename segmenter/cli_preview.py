"""``segmenter preview``: one self-contained HTML page to judge a script's subtitles in a browser."""

from __future__ import annotations

import click

from .options import dialect_option, resolve_style, style_options


#: a preview shows at most this many cues unless --max-cues says otherwise (about 1.3 kB of HTML a cue)
MAX_CUES = 2000


@click.command()
@click.argument("script", metavar="SCRIPT")
@click.option("-o", "--output", required=True, metavar="HTML",
              help="The page to write, e.g. preview.html; '-' for standard output.")
@style_options
@dialect_option
@click.option("--start", default="0", show_default=True, metavar="TIME",
              help="Time of the first cue: seconds, HH:MM:SS.mmm or HH:MM:SS:FF (HH:MM:SS;FF drop-frame).")
@click.option("--max-cues", type=click.IntRange(0), default=MAX_CUES, show_default=True,
              help="Draw at most this many cues (the first ones; a warning says how many there are); 0: all.")
@click.option("--encoding", default=None,
              help="Encoding of the script (default: UTF-8, or as the BOM says); cp1252 for Windows files.")
@click.option("--force", is_flag=True, help="Overwrite an existing page.")
@click.option("--audio", default=None, metavar="MEDIA",
              help="Time the cues from MEDIA's speech and play it on the page with them (linked, not embedded).")
def preview_command(script, output, dialect, start, max_cues, encoding, force, audio, **style_kwargs):
    """Draw every cue of SCRIPT on a 16:9 frame with its timing, reading speed, section, speaker and
    style violations, plus a timeline of all cues, in one HTML file that needs no network.

    \b
    Examples:
      segmenter preview story.txt -o preview.html
      segmenter preview story.txt --style netflix -o preview.html --force
      segmenter preview archive.txt --max-cues 0 -o all.html
      segmenter preview story.txt --audio story.mp4 -o preview.html
    """
    import os
    import sys
    from pathlib import Path

    from .errors import InputError
    from .files import check_writable, iter_text, write_atomic
    from .pipeline import NO_TEXT, iter_subtitle
    from .preview import preview_html
    from .timing import parse_time

    style = resolve_style(style_kwargs)
    if not output.strip():
        raise click.BadParameter("an empty path; give a file or '-'", param_hint="-o/--output")
    if output != "-":
        check_writable(Path(output), force)
    speech = {}
    if audio:
        from .align.audio import check_media, terminal_progress

        check_media(audio)
        speech = {"audio": audio, "progress": terminal_progress()}
    cues = list(iter_subtitle(iter_text(script, encoding), style, parse_time(start, style.frame_rate),
                              dialect=dialect,
                              warn=lambda message: click.echo(f"segmenter: warning: {script}: {message}", err=True),
                              **speech))
    if not cues:
        raise InputError(f"{script}: {NO_TEXT}")
    shown = cues[:max_cues] if max_cues else cues
    if len(shown) < len(cues):
        click.echo(f"segmenter: warning: {script}: the preview draws the first {len(shown)} of {len(cues)} cues "
                   f"(--max-cues 0 draws all)", err=True)
    page_dir = Path.cwd() if output == "-" else Path(output).resolve().parent
    media = os.path.relpath(audio, page_dir) if audio else None
    page = preview_html(shown, style, Path(script).name, media, count=len(cues))
    if output == "-":
        sys.stdout.write(page)
    else:
        write_atomic(Path(output), page, force)
