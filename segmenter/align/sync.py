"""Cues laid out and timed from speech: breaks where the speaker pauses, times from the words' onsets.

**Breaks from speech.** Each run of sentences is laid out by :func:`segmenter.segment.layout_sentence`
as without speech, with one more input: a pause between two words of ``least`` to ``full`` seconds
(``align.toml [pause]``) takes up to ``bonus`` off the cost of a cue break there (in proportion to its
length; never below the cost of a break at punctuation), and a pause of ``split`` seconds or more always
ends the cue, so the layout follows the speaker's phrasing. Text that is not in the audio (cut) is laid
out apart from the text around it.

**Timing from speech.** A cue starts at the onset of its first word less the style's ``lead_in_frames``
and ends at the end of its last word plus the style's ``linger``, never past the next cue less the
minimum gap; a cue shorter than the minimum duration is extended into the silence after it as far as the
next cue allows, and one longer than the maximum is cut short; no cue runs past the end of the media when
it is known. Times fall on frames as elsewhere. Cues
that must be read faster than the style's reading speed are named in one warning.

>>> from segmenter.align.words import Word
>>> from segmenter.model import Segment
>>> from segmenter.style import Style
>>> words = [Word(w, t, t + 0.3) for w, t in (("rain", 1.0), ("fell", 1.4), ("it", 3.0), ("stopped", 3.3))]
>>> cues, report = sync([Segment("package", None, "Rain fell. It stopped.")], words, Style(frame_rate=None))
>>> [(c.start, c.end, c.lines) for c in cues]
[(1000, 2200, ('Rain fell.',)), (3000, 4100, ('It stopped.',))]
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from ..language import english
from ..model import Cue, Segment
from ..segment import layout_sentence, layout_units
from ..sentences import split_sentences
from ..style import Style
from ..timing import ticks
from .match import Alignment, Extra, TokenTime, align_tokens, settings


@dataclass(frozen=True, slots=True)
class Cut:
    """Script text not found in the audio: where it is (paragraph of the script, 1-based) and what."""

    paragraph: int
    text: str
    kept: bool  # kept at an estimated time (--keep-unaligned) rather than dropped


@dataclass(frozen=True)
class Report:
    """What the alignment found: the share of script words aligned, text cut, speech not in the script,
    and cues that read faster than the style allows."""

    aligned_share: float
    cuts: tuple[Cut, ...] = ()
    extras: tuple[Extra, ...] = ()
    fast: tuple[int, ...] = ()
    tokens: tuple[TokenTime, ...] = field(default=(), repr=False)

    def messages(self) -> list[str]:
        """One line per finding, as the CLI prints them."""
        out = [f"paragraph {c.paragraph}: not in the audio, {'kept at an estimated time' if c.kept else 'dropped'}: "
               f"{_quote(c.text)}" for c in self.cuts]
        if self.cuts:
            out.append(f"{self.aligned_share:.0%} of the script's words found in the audio")
        out += [f"{_clock(e.start)}-{_clock(e.end)}: speech not in the script, not subtitled: {_quote(e.text)}"
                for e in self.extras]
        if self.fast:
            out.append("faster than the style's reading speed (the speech is): cue"
                       f"{'s' if len(self.fast) > 1 else ''} {', '.join(map(str, self.fast))}")
        return out


def _quote(text: str, width: int = 70) -> str:
    return repr(text if len(text) <= width else text[: width - 3] + "...")


def _clock(seconds: float) -> str:
    m, s = divmod(seconds, 60)
    return f"{int(m // 60):02d}:{int(m % 60):02d}:{s:06.3f}"


@dataclass(frozen=True, slots=True)
class _Block:
    lines: tuple[str, ...]
    source: Segment
    first: int  # token range in the script's tokens
    last: int
    cut: bool
    opens: bool


def _bonus(pause: float, cfg: dict) -> float:
    if pause < cfg["least"]:
        return 0.0
    return cfg["bonus"] * min(1.0, pause / cfg["full"])


def _pieces(words: list[str], times: tuple[TokenTime, ...], offset: int, cfg: dict):
    """A unit's words split where a long pause falls or where cut text starts or ends: (start, end, cut)."""
    start = 0
    for k in range(1, len(words) + 1):
        if k == len(words):
            yield start, k, times[offset + k - 1].state == "cut"
            break
        a, b = times[offset + k - 1], times[offset + k]
        if (a.state == "cut") != (b.state == "cut") or (b.start - a.end >= cfg["split"] and "cut" != a.state):
            yield start, k, a.state == "cut"
            start = k


def layout_blocks(segments, alignment: Alignment, style: Style, language=None) -> list[_Block]:
    """The blocks of the segments, laid out with the speech's pauses (see the module docstring)."""
    language = language or english()
    cfg = settings()["pause"]
    times = alignment.tokens
    blocks: list[_Block] = []
    offset = 0
    for seg, units in segments:
        opens = True
        for unit in units:
            for a, b, cut in _pieces(unit, times, offset, cfg):
                words = unit[a:b]
                bonus = [0.0 if cut else _bonus(times[offset + k + 1].start - times[offset + k].end, cfg)
                         for k in range(a, b - 1)]
                at = offset + a
                for lines in layout_sentence(words, style, language, None, bonus):
                    count = sum(len(line.split()) for line in lines)
                    blocks.append(_Block(lines, seg, at, at + count, cut, opens))
                    opens = False
                    at += count
            offset += len(unit)
    return blocks


def _units(segments, style: Style, language) -> tuple[list, list[str]]:
    laid, tokens = [], []
    for seg in segments:
        units = list(layout_units(split_sentences(seg.text, language), style, language))
        laid.append((seg, units))
        for unit in units:
            tokens.extend(unit)
    return laid, tokens


def sync(segments, words, style: Style, start: float = 0.0, keep_unaligned: bool = False,
         language=None, absorbed: bool = False, media_end: float | None = None) -> tuple[tuple[Cue, ...], Report]:
    """Cues of the script's segments timed from recognised ``words`` (:class:`~segmenter.align.words.Word`),
    and a :class:`Report`. ``start`` seconds are added to every time (the media's start timecode);
    ``absorbed``: see :func:`~segmenter.align.match.align_tokens`; ``media_end``: the media's length in
    seconds, when known (no cue ends after it)."""
    language = language or english()
    laid, tokens = _units(segments, style, language)
    alignment = align_tokens(tokens, words, absorbed)
    blocks = layout_blocks(laid, alignment, style, language)
    kept = [b for b in blocks if keep_unaligned or not b.cut]
    cuts = _cuts(blocks, keep_unaligned)
    cues, fast = time_blocks(kept, alignment.tokens, style, start, media_end)
    return cues, Report(alignment.aligned_share, cuts, alignment.extras, fast, alignment.tokens)


def _cuts(blocks: list[_Block], kept: bool) -> tuple[Cut, ...]:
    """Cut blocks joined into one finding per run within a paragraph."""
    out: list[Cut] = []
    prev = None
    for b in blocks:
        if b.cut:
            text = " ".join(b.lines)
            if prev is not None and prev.cut and prev.source.paragraph == b.source.paragraph and out:
                out[-1] = Cut(out[-1].paragraph, out[-1].text + " " + text, kept)
            else:
                out.append(Cut(b.source.paragraph + 1, text, kept))
        prev = b
    return tuple(out)


def time_blocks(blocks: list[_Block], times: tuple[TokenTime, ...], style: Style, start: float = 0.0,
                media_end: float | None = None) -> tuple[tuple[Cue, ...], tuple[int, ...]]:
    """Cues timed from the words they show (see the module docstring), and the numbers of the cues that
    read faster than the style's ``cps``; the last cue ends by ``media_end`` seconds (+ ``start``) if given."""
    tick = ticks(style)
    rate, min_len, max_len, gap, super_len = tick.rate, tick.min_len, tick.max_len, tick.gap, tick.super_len
    lead = style.lead_in_frames / (style.frame_rate or 25.0)
    onsets, ends = [], []
    for b in blocks:
        onsets.append(max(0, round((times[b.first].start + start - lead) * rate)))
        ends.append(round((times[b.last - 1].end + start + style.linger) * rate))
    for i in range(1, len(onsets)):  # a cue starts after the one before it has had a tick and its gap
        onsets[i] = max(onsets[i], onsets[i - 1] + 1 + gap)
    last = math.inf if media_end is None else tick.down(media_end + start)
    cues, fast = [], []
    super_until = None
    for i, b in enumerate(blocks):
        t0 = onsets[i]
        limit = onsets[i + 1] - gap if i + 1 < len(blocks) else last
        t1 = min(max(ends[i], t0 + min_len), t0 + max_len, limit)
        t1 = max(t1, t0 + 1)
        chars = sum(map(len, b.lines)) + len(b.lines) - 1
        if chars / ((t1 - t0) / rate) > style.cps + 1e-9:
            fast.append(i + 1)
        if b.source.super_name and b.opens:
            super_until = t0 + super_len
        top = super_until is not None and t0 < super_until
        seg = b.source
        cues.append(Cue(i + 1, round(t0 * 1000 / rate), round(t1 * 1000 / rate), b.lines, seg.section,
                        seg.speaker, "top" if top else "bottom", seg.story, seg.slug))
    return tuple(cues), tuple(fast)
