"""Command-line options shared by the commands that take a style (imports nothing but click)."""

from __future__ import annotations

import click

#: (flag, style key, type, help); the valid ranges are the style's own (``segmenter styles --keys``)
_OVERRIDES = (
    ("--max-chars", "max_chars_per_line", click.INT, "Characters per line."),
    ("--max-lines", "max_lines", click.INT, "Lines per cue."),
    ("--cps", "cps", click.FLOAT, "Reading speed, characters per second."),
    ("--wpm", "wpm", click.FLOAT, "Reading speed, words per minute (also)."),
    ("--min-duration", "min_duration", click.FLOAT, "Shortest cue, seconds."),
    ("--max-duration", "max_duration", click.FLOAT, "Longest cue, seconds."),
    ("--min-gap", "min_gap", click.FLOAT, "Gap between cues, seconds."),
    ("--frame-rate", "frame_rate", click.FLOAT, "Snap times to this frame rate."),
)


def style_options(func):
    """Add ``--style`` and the per-setting overrides to a command."""
    for flag, dest, kind, text in reversed(_OVERRIDES):
        func = click.option(flag, dest, type=kind, default=None, help=f"{text} Overrides the style.")(func)
    return click.option("--style", "style_name", default=None, metavar="NAME|PATH",
                        help="Style preset (see `segmenter styles`, any case) or a .toml file (keys: "
                             "`segmenter styles --keys`). Default: broadcast.")(func)


def resolve_style(kwargs: dict):
    """Pop the style options from a command's keyword arguments and build the Style they describe; a value
    out of its range (NaN and infinity included) is an InputError naming the option and the range."""
    from .errors import InputError
    from .style import load_style, setting_problem

    overrides = {dest: kwargs.pop(dest, None) for _, dest, _, _ in _OVERRIDES}
    style = load_style(kwargs.pop("style_name", None))
    for flag, dest, _, _ in _OVERRIDES:
        problem = overrides[dest] is not None and setting_problem(dest, overrides[dest])
        if problem:
            raise InputError(f"{flag} {overrides[dest]}: {problem}")
    return style.override(**overrides)


def dialect_option(func):
    """Add ``--dialect`` (how the script is marked) to a command."""
    return click.option("--dialect", default="auto", show_default=True, metavar="NAME|PATH",
                        help="Script marks: plain, newsroom, transcript, a .toml dialect file, or auto "
                             "(weighs the marks it finds).")(func)
