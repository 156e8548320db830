"""``segmenter evaluate``: break quality of a subtitle file against human subtitles."""

from __future__ import annotations

import click

from .options import resolve_style, style_options


@click.command()
@click.argument("system", metavar="SYSTEM")
@click.option("--reference", "-r", required=True, metavar="REF",
              help="Human subtitles: SRT, WebVTT, or tagged text with <eol>/<eob> marks (.txt).")
@style_options
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="Report as a text table or as one JSON document.")
def evaluate_command(system, reference, fmt, **style_kwargs):
    """Precision, recall and F1 of SYSTEM's line and block breaks against REF.

    The words of the two are aligned first; when less than half of them align (of the side with more
    words), the texts differ and the scores mean little: a warning, and exit code 1. Exit code 2 when a
    file cannot be read.

    \b
    Examples:
      segmenter evaluate story.srt --reference human.srt
      segmenter evaluate talk.srt --reference talk-tagged.txt --style netflix --format json
    """
    import json
    import sys

    from . import formats
    from .errors import EXIT_FINDINGS, EXIT_OK
    from .evaluate import breaks_from_cues, breaks_from_tagged, conformance, score
    from .files import read_text

    style = resolve_style(style_kwargs)

    cues = formats.load(system)
    if reference.lower().endswith((".srt", ".vtt", ".webvtt")):
        ref = breaks_from_cues(formats.load(reference))
    else:
        ref = breaks_from_tagged(read_text(reference, what="reference"))
    result = score(breaks_from_cues(cues), ref)
    within_cpl, within_cps = conformance(cues, style)
    if result.barely_aligned:
        click.echo(f"segmenter: warning: only {result.aligned_words} words align ({result.aligned_share:.0%} of "
                   f"{max(result.system_words, result.reference_words)}): {system} and {reference} do not hold "
                   f"the same text, so these scores mean little", err=True)
    if fmt == "json":
        click.echo(json.dumps({**result.as_dict(), "lines_within_cpl": within_cpl, "cues_within_cps": within_cps,
                               "style": style.name}, indent=2))
    else:
        click.echo(f"{'break':<6} {'precision':>9} {'recall':>7} {'F1':>6}  (correct/system/reference)")
        for name, prf in (("block", result.block), ("line", result.line), ("any", result.any)):
            click.echo(f"{name:<6} {prf.precision:9.3f} {prf.recall:7.3f} {prf.f1:6.3f}  "
                       f"({prf.correct}/{prf.system}/{prf.reference})")
        click.echo(f"aligned words {result.aligned_words} of {result.system_words} (reference "
                   f"{result.reference_words}); lines within {style.max_chars_per_line} chars {within_cpl:.1%}; "
                   f"cues within {style.cps:g} cps {within_cps:.1%}")
    sys.exit(EXIT_FINDINGS if result.barely_aligned else EXIT_OK)
