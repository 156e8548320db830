"""Command-line options shared by the commands that take a style (imports nothing but click)."""

from __future__ import annotations

import click

_OVERRIDES = (
    ("--max-chars", "max_chars_per_line", click.IntRange(1), "Characters per line."),
    ("--max-lines", "max_lines", click.IntRange(1), "Lines per cue."),
    ("--cps", "cps", click.FloatRange(min=0, min_open=True), "Reading speed, characters per second."),
    ("--wpm", "wpm", click.FloatRange(min=0, min_open=True), "Reading speed, words per minute (also)."),
    ("--min-duration", "min_duration", click.FloatRange(min=0, min_open=True), "Shortest cue, seconds."),
    ("--max-duration", "max_duration", click.FloatRange(min=0, min_open=True), "Longest cue, seconds."),
    ("--min-gap", "min_gap", click.FloatRange(min=0), "Gap between cues, seconds."),
    ("--frame-rate", "frame_rate", click.FloatRange(min=0, min_open=True), "Snap times to this frame rate."),
)


def style_options(func):
    """Add ``--style`` and the per-setting overrides to a command."""
    for flag, dest, kind, text in reversed(_OVERRIDES):
        func = click.option(flag, dest, type=kind, default=None, help=f"{text} Overrides the style.")(func)
    return click.option("--style", "style_name", default=None, metavar="NAME|PATH",
                        help="Style preset (see `segmenter styles`) or a .toml file. Default: broadcast.")(func)


def resolve_style(kwargs: dict):
    """Pop the style options from a command's keyword arguments and build the Style they describe."""
    from .style import load_style

    overrides = {dest: kwargs.pop(dest, None) for _, dest, _, _ in _OVERRIDES}
    return load_style(kwargs.pop("style_name", None)).override(**overrides)


def dialect_option(func):
    """Add ``--dialect`` (how the script is marked) to a command."""
    return click.option("--dialect", default="auto", show_default=True, metavar="NAME|PATH",
                        help="Script marks: plain, newsroom, transcript, a .toml dialect file, or auto "
                             "(weighs the marks it finds).")(func)
