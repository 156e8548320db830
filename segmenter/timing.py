"""Timing by reading speed: each cue as long as its text takes to read, within the style's bounds.

A cue lasts ``characters / cps`` seconds (or ``words * 60 / wpm`` if that is longer), clamped to
``[min_duration, max_duration]``. The next cue starts after the style's minimum gap, plus a pause after an
ellipsis, a paragraph end or a change of section or speaker. With a frame rate every time falls on a frame.

>>> from segmenter.model import Block, Segment
>>> from segmenter.style import Style
>>> style = Style(cps=10.0, min_duration=1.0, max_duration=5.0, min_gap=0.1, frame_rate=None)
>>> seg = Segment("package", None, "Hello there. Bye.")
>>> [(c.start, c.end) for c in time_blocks([Block(("Hello there.",), seg), Block(("Bye.",), seg)], style)]
[(0, 1200), (1300, 2300)]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Iterable, Iterator

from .errors import InputError
from .model import Block, Cue
from .style import Style


_EPS = 1e-6  # a bound that falls on a tick but for float error is that tick


@dataclass(frozen=True, slots=True)
class Ticks:
    """A style's time limits in ticks: frames when it has a frame rate, else milliseconds. Lower bounds
    round up to whole ticks and upper bounds down, so that every cue keeps the style's bounds."""

    rate: float
    min_len: int
    max_len: int
    gap: int
    super_len: int

    def up(self, seconds: float) -> int:
        """Ticks of a lower bound."""
        return math.ceil(seconds * self.rate - _EPS)

    def down(self, seconds: float) -> int:
        """Ticks of an upper bound."""
        return math.floor(seconds * self.rate + _EPS)


def ticks(style: Style) -> Ticks:
    """The style's limits in ticks (reading-speed timing, speech timing and chaining all count in them).

    >>> ticks(Style(frame_rate=25.0, min_duration=1.0, max_duration=7.0, min_gap=0.08, super_duration=4.0))
    Ticks(rate=25.0, min_len=25, max_len=175, gap=2, super_len=100)
    """
    rate = style.frame_rate or 1000.0
    min_len = math.ceil(style.min_duration * rate - _EPS)
    return Ticks(rate, min_len, max(min_len, math.floor(style.max_duration * rate + _EPS)),
                 max(1, math.ceil(style.min_gap * rate - _EPS)), math.ceil(style.super_duration * rate - _EPS))


def _chars(block: Block) -> int:
    """Characters of a block's text, a line break counted as one."""
    return sum(map(len, block.lines)) + len(block.lines) - 1


def _reading_seconds(block: Block, style: Style) -> float:
    seconds = _chars(block) / style.cps
    if style.wpm:
        seconds = max(seconds, sum(len(line.split()) for line in block.lines) * 60.0 / style.wpm)
    return seconds


def time_blocks(blocks, style: Style, start: float = 0.0, warn=None) -> tuple[Cue, ...]:
    """Cues with start and end times in milliseconds, from ``start`` seconds on (see :func:`iter_cues`)."""
    return tuple(iter_cues(blocks, style, start, warn))


def _fit(lengths: list[int], available: int, low: int, high: int) -> list[int]:
    """Lengths scaled to add up to ``available`` ticks, each kept within [low, high] where possible.

    >>> _fit([10, 30], 80, 5, 100), _fit([10, 30], 20, 8, 100), _fit([50, 50], 300, 10, 100)
    ([20, 60], [8, 12], [100, 200])
    """
    total = sum(lengths)
    fitted = [min(high, max(low, round(n * available / total))) for n in lengths]
    diff = available - sum(fitted)
    step = 1 if diff > 0 else -1
    for i in range(len(fitted)):
        while diff and low <= fitted[i] + step <= high:
            room = (high - fitted[i]) if step > 0 else (fitted[i] - low)
            move = min(abs(diff), room)
            fitted[i] += step * move
            diff -= step * move
            if not move:
                break
    fitted[-1] = max(1, fitted[-1] + diff)  # the element must end on its run time
    return fitted


def iter_cues(blocks, style: Style, start: float = 0.0, warn=None) -> Iterator[Cue]:
    """Cues with start and end times in milliseconds, from ``start`` seconds on, one block at a time.

    Times are counted in ticks: frames when the style has a frame rate, else milliseconds; reading time,
    the minimum duration and the gap round up to whole ticks, the maximum down, so every cue keeps the
    style's bounds and, unless the maximum duration cuts it short, its reading speed.

    The cues of an element with a run time are scaled, gaps kept, to end exactly when it does; ``warn``
    is called with a message when that needs more than the style's reading speed. A cue that starts while
    a name super is on screen (``super_duration`` from the start of the super's bite) is placed at the top.
    """
    tick = ticks(style)
    rate, min_len, max_len, super_len = tick.rate, tick.min_len, tick.max_len, tick.super_len
    t = math.ceil(round(start * rate, 3))  # a start on a frame (seconds rounded to microseconds) is that frame
    gap_after = {kind: max(tick.gap, tick.up(style.min_gap + pause)) for kind, pause in (
        (None, 0.0), ("ellipsis", style.pause_ellipsis), ("paragraph", style.pause_paragraph),
        ("section", style.pause_section))}
    index, super_until = 0, None

    def reading(block: Block) -> int:
        """Ticks to read ``block``, within the style's bounds."""
        return min(max_len, max(min_len, tick.up(_reading_seconds(block, style))))

    def cue(block: Block, length: int, gap: int) -> Cue:
        """The next cue: ``block`` shown ``length`` ticks from now, then ``gap`` ticks before the next."""
        nonlocal t, index, super_until
        index += 1
        seg = block.source
        if seg.super_name and block.opens:
            super_until = t + super_len
        top = super_until is not None and t < super_until
        made = Cue(index, round(t * 1000 / rate), round((t + length) * 1000 / rate), block.lines, seg.section,
                   seg.speaker, "top" if top else "bottom", seg.story, seg.slug, seg.speaker_title)
        t += length + gap
        return made

    group: list[Block] = []  # the blocks of an element with a run time, timed together
    for block in blocks:
        source = block.source
        if group and (source.run_time is None or (source.story, source.element) != (group[0].source.story,
                                                                                   group[0].source.element)):
            yield from map(cue, group, *_element(group, reading, gap_after, rate, min_len, max_len, style, warn))
            group = []
        if source.run_time is not None:
            group.append(block)
            continue
        yield cue(block, reading(block), gap_after[block.pause_after])  # most blocks: timed alone
    if group:
        yield from map(cue, group, *_element(group, reading, gap_after, rate, min_len, max_len, style, warn))


def chained(cues: Iterable[Cue], style: Style) -> Iterator[Cue]:
    """``cues`` with every gap of at most the style's ``chain_gap`` closed to its minimum gap: the cue before
    is held on, or, when that would make it longer than the maximum duration, ended early enough to leave
    more than ``chain_gap`` (Netflix's "chaining": a gap of 3 to 12 frames reads as a flicker). Times stay
    on frames; one cue is held back at a time.

    >>> style = Style(min_gap=0.08, chain_gap=0.5, frame_rate=25.0, max_duration=5.0)
    >>> [(c.start, c.end) for c in chained([Cue(1, 0, 1000, ("a",)), Cue(2, 1400, 2000, ("b",)),
    ...                                     Cue(3, 2600, 7600, ("c",)), Cue(4, 8000, 9000, ("d",))], style)]
    [(0, 1320), (1400, 2000), (2600, 7480), (8000, 9000)]
    """
    if not style.chain_gap:
        yield from cues
        return
    tick = ticks(style)
    rate, gap, shortest = tick.rate, tick.gap, tick.min_len
    chain, longest = tick.down(style.chain_gap), tick.down(style.max_duration)
    held = None
    for cue in cues:
        if held is not None:
            start, end, after = (round(ms * rate / 1000) for ms in (held.start, held.end, cue.start))
            if gap < after - end <= chain:
                end = after - gap if after - gap - start <= longest else max(start + shortest, after - chain - 1)
                held = replace(held, end=round(end * 1000 / rate))
            yield held
        held = cue
    if held is not None:
        yield held


def _element(group: list[Block], reading, gap_after: dict, rate: float, min_len: int, max_len: int, style: Style,
             warn) -> tuple[list[int], list[int]]:
    """Lengths and gaps in ticks of the cues of an element with a run time, scaled (gaps kept) to end
    exactly when it does; ``warn`` is told when that needs more than the style's reading speed or leaves
    time without subtitles (see :func:`iter_cues`)."""
    first = group[0].source
    run_time = first.run_time
    lengths = list(map(reading, group))
    gaps = [gap_after[b.pause_after] for b in group]
    available = round(run_time * rate) - sum(gaps[:-1])
    chars = sum(map(_chars, group))
    if available < len(group):
        available = len(group)
    speed = chars / (available / rate)
    if warn and speed > style.cps + 1e-9:
        where = f"story {first.slug}" if first.slug else f"story {first.story + 1}"
        warn(f"{where}, element {first.element}: reading {speed:.1f} characters per second to fit "
             f"its run time of {run_time:g} s (the style allows {style.cps:g})")
    lengths = _fit(lengths, available, min_len, max_len)
    if lengths[-1] > max_len:  # too little text: longer pauses, not a cue beyond the style's maximum
        extra, n = lengths[-1] - max_len, len(group) - 1
        for i in range(n):
            gaps[i] += extra // n + (i < extra % n)
        if not n:  # one cue: the time it cannot fill is a pause before the next element
            gaps[-1] += extra
            if warn:
                where = f"story {first.slug}" if first.slug else f"story {first.story + 1}"
                warn(f"{where}, element {first.element}: its one cue is kept within the style's maximum "
                     f"of {style.max_duration:g} s, {extra / rate:.1f} s of its run time of {run_time:g} s "
                     "left without subtitles")
        lengths[-1] = max_len
    return lengths, gaps



def parse_time(text: str, frame_rate: float | None = None) -> float:
    """Seconds of a start time: ``12.5``, ``01:02:03.500`` or a timecode ``HH:MM:SS:FF`` (needs a frame rate;
    ``HH:MM:SS;FF``, drop-frame, is read alike: its label is the time of day).

    >>> parse_time("90"), parse_time("00:01:30.5"), parse_time("10:00:00:12", 25), parse_time("01:00:00;15", 29.97)
    (90.0, 90.5, 36000.48, 3600.500501)
    """
    parts = text.strip().split(":")
    if len(parts) == 3 and parts[-1].count(";") == 1:  # drop-frame
        parts[-1:] = parts[-1].split(";")
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
        raise InputError(f"bad start time {text!r}: use seconds, HH:MM:SS.mmm or HH:MM:SS:FF "
                         "(;FF drop-frame)") from None
    if not 0 <= seconds < 360000 or seconds != seconds:
        raise InputError(f"bad start time {text!r}: out of range")
    return round(seconds, 6)
