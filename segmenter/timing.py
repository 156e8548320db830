"""Timing by reading speed: each cue as long as its text takes to read, within the style's bounds.

A cue lasts ``characters / cps`` seconds (or ``words * 60 / wpm`` if that is longer), clamped to
``[min_duration, max_duration]``. The next cue starts after the style's minimum gap, plus a pause after an
ellipsis, a paragraph end or a change of section or speaker. With a frame rate every time falls on a frame.

>>> from segmenter.model import Block
>>> from segmenter.style import Style
>>> style = Style(cps=10.0, min_duration=1.0, max_duration=5.0, min_gap=0.1, frame_rate=None)
>>> [(c.start, c.end) for c in time_blocks([Block(("Hello there.",), "package", None),
...                                          Block(("Bye.",), "package", None)], style)]
[(0, 1200), (1300, 2300)]
"""

from __future__ import annotations

import math
from typing import Iterator

from .errors import InputError
from .model import Block, Cue
from .style import Style


def _reading_seconds(block: Block, style: Style) -> float:
    chars = sum(len(line) for line in block.lines) + len(block.lines) - 1
    seconds = chars / style.cps
    if style.wpm:
        seconds = max(seconds, sum(len(line.split()) for line in block.lines) * 60.0 / style.wpm)
    return seconds


def _pause(block: Block, style: Style) -> float:
    return {"ellipsis": style.pause_ellipsis, "paragraph": style.pause_paragraph,
            "section": style.pause_section}.get(block.pause_after or "", 0.0)


def time_blocks(blocks, style: Style, start: float = 0.0) -> tuple[Cue, ...]:
    """Cues with start and end times in milliseconds, from ``start`` seconds on (see :func:`iter_cues`)."""
    return tuple(iter_cues(blocks, style, start))


def iter_cues(blocks, style: Style, start: float = 0.0) -> Iterator[Cue]:
    """Cues with start and end times in milliseconds, from ``start`` seconds on, one block at a time.

    Times are counted in ticks: frames when the style has a frame rate, else milliseconds; reading time,
    the minimum duration and the gap round up to whole ticks, the maximum down, so every cue keeps the
    style's bounds and, unless the maximum duration cuts it short, its reading speed.
    """
    rate = style.frame_rate or 1000.0
    eps = 1e-6
    min_len = math.ceil(style.min_duration * rate - eps)
    max_len = max(min_len, math.floor(style.max_duration * rate + eps))
    min_gap = max(1, math.ceil(style.min_gap * rate - eps))
    t = math.ceil(start * rate - eps)
    for index, block in enumerate(blocks, 1):
        length = min(max_len, max(min_len, math.ceil(_reading_seconds(block, style) * rate - eps)))
        end = t + length
        yield Cue(index, _ms(t, rate), _ms(end, rate), block.lines, block.section, block.speaker)
        t = end + max(min_gap, math.ceil((style.min_gap + _pause(block, style)) * rate - eps))


def _ms(ticks: int, rate: float) -> int:
    return round(ticks * 1000 / rate)


def parse_time(text: str, frame_rate: float | None = None) -> float:
    """Seconds of a start time: ``12.5``, ``01:02:03.500`` or a timecode ``HH:MM:SS:FF`` (needs a frame rate).

    >>> parse_time("90"), parse_time("00:01:30.5"), parse_time("10:00:00:12", 25)
    (90.0, 90.5, 36000.48)
    """
    parts = text.strip().split(":")
    try:
        if len(parts) == 4:
            if not frame_rate:
                raise ValueError
            h, m, s, f = (int(p) for p in parts)
            if f >= frame_rate:
                raise ValueError
            seconds = h * 3600 + m * 60 + s + f / frame_rate
        elif 1 <= len(parts) <= 3:
            seconds = 0.0
            for part in parts[:-1]:
                seconds = seconds * 60 + int(part)
            seconds = seconds * 60 + float(parts[-1]) if len(parts) > 1 else float(parts[-1])
        else:
            raise ValueError
    except ValueError:
        raise InputError(f"bad start time {text!r}: use seconds, HH:MM:SS.mmm or HH:MM:SS:FF") from None
    if not 0 <= seconds < 360000 or seconds != seconds:
        raise InputError(f"bad start time {text!r}: out of range")
    return round(seconds, 6)
