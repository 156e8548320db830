"""Break quality against human subtitles: precision, recall and F1 of line and block breaks.

A subtitle file is read as a word sequence with a label after each word: ``eol`` where a line ends,
``eob`` where a block (cue) ends, ``None`` elsewhere. The system's words are aligned to the reference's
(difflib over normalised words, so small token differences are tolerated), and a system break counts as
correct when it follows the same word as a reference break: of the same type for the ``block`` and ``line``
scores, of any type for ``any``.

>>> from segmenter.model import Cue
>>> ref = breaks_from_tagged("One two <eol> three four. <eob>\\nFive six. <eob>")
>>> sys = breaks_from_cues([Cue(1, 0, 1, ("One two three four.",)), Cue(2, 1, 2, ("Five", "six."))])
>>> s = score(sys, ref)
>>> s.block.f1, s.line.precision, s.any.recall
(1.0, 0.0, 0.6666666666666666)
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher


_NORM = re.compile(r"[^\w]+")
#: markup a player hides: HTML-like tags of SRT and WebVTT, and SRT's ASS overrides such as {\an8}
MARKUP = re.compile(r"</?[A-Za-z][^<>]*>|\{\\[^{}]*\}")
#: below this share of aligned words (of the longer side) the two texts are taken to differ
MIN_ALIGNED = 0.5


@dataclass(frozen=True)
class Breaks:
    """Words and the break after each: ``None``, ``"eol"`` or ``"eob"``."""

    words: tuple[str, ...]
    labels: tuple[str | None, ...]


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 of one kind of break, with the counts behind them."""

    precision: float
    recall: float
    f1: float
    correct: int
    system: int
    reference: int


@dataclass(frozen=True)
class Score:
    """Break scores by kind, and how many words were aligned."""

    block: PRF
    line: PRF
    any: PRF
    aligned_words: int
    system_words: int
    reference_words: int

    @property
    def aligned_share(self) -> float:
        """The share of the words aligned, on the side with more words (1.0 when both are empty).

        >>> Score(*[PRF(0, 0, 0, 0, 0, 0)] * 3, aligned_words=40, system_words=50, reference_words=100).aligned_share
        0.4
        """
        most = max(self.system_words, self.reference_words)
        return self.aligned_words / most if most else 1.0

    @property
    def barely_aligned(self) -> bool:
        """True when less than :data:`MIN_ALIGNED` of the words align: the texts are not the same, so the
        scores mean little."""
        return self.aligned_share < MIN_ALIGNED

    def as_dict(self) -> dict:
        """A plain dict (for JSON), with the aligned share and whether the texts barely align."""
        return {**asdict(self), "aligned_share": self.aligned_share, "barely_aligned": self.barely_aligned}


def breaks_from_tagged(text: str) -> Breaks:
    """Read tagged text: one sentence per line, ``<eol>``/``<eob>`` after the word that ends a line/block.

    >>> breaks_from_tagged("A b <eol> c. <eob>").labels
    (None, 'eol', 'eob')
    """
    words: list[str] = []
    labels: list[str | None] = []
    for token in text.split():
        if token in ("<eol>", "<eob>"):
            if words:
                labels[-1] = token[1:-1]
        else:
            words.append(token)
            labels.append(None)
    return Breaks(tuple(words), tuple(labels))


def breaks_from_cues(cues) -> Breaks:
    """The words of cues with ``eol`` after each line's last word and ``eob`` after each cue's; markup a
    player hides (``<i>``, ``{\\an8}``) is not a word.

    >>> from segmenter.model import Cue
    >>> breaks_from_cues([Cue(1, 0, 900, ("{\\\\an8}<i>Hello</i> there,", "<b>friend</b>"))]).words
    ('Hello', 'there,', 'friend')
    """
    words: list[str] = []
    labels: list[str | None] = []
    for cue in cues:
        lines = [words for words in (MARKUP.sub("", line).split() for line in cue.lines) if words]
        for n, line in enumerate(lines):
            words.extend(line)
            labels.extend([None] * (len(line) - 1))
            labels.append("eob" if n == len(lines) - 1 else "eol")
    return Breaks(tuple(words), tuple(labels))


def strip_tags(text: str) -> list[str]:
    """The sentences of tagged text without the tags, one per line.

    >>> strip_tags("A b <eol> c. <eob>\\n")
    ['A b c.']
    """
    sentences = (" ".join(t for t in line.split() if t not in ("<eol>", "<eob>")) for line in text.splitlines())
    return [s for s in sentences if s]


def _prf(correct: int, system: int, reference: int) -> PRF:
    p = correct / system if system else 0.0
    r = correct / reference if reference else 0.0
    return PRF(p, r, 2 * p * r / (p + r) if p + r else 0.0, correct, system, reference)


def _norm(word: str) -> str:
    return _NORM.sub("", word.lower()) or word


#: the most work (for each system word, how often it occurs in the reference) given to one difflib call:
#: difflib's time grows with it, quadratically on repetitive text; the dev file needs about 100,000
EXACT_BUDGET = 1_000_000
#: words per side of a window where a long stretch without anchors is aligned piece by piece
WINDOW = 100


def align(system: Breaks, reference: Breaks) -> dict[int, int]:
    """System word index -> reference word index for the words the two sequences share.

    difflib aligns them (``autojunk`` off) when that is cheap; otherwise the words found exactly once in each
    side are anchors (their longest increasing run, as in patience diff), the stretches between anchors are
    aligned the same way, and a stretch with no anchor and too much work for difflib is aligned window by
    window, so that the time stays near-linear even on repetitive text.

    >>> align(breaks_from_tagged("a b c d"), breaks_from_tagged("a x c d"))
    {0: 0, 2: 2, 3: 3}
    """
    a = [_norm(w) for w in system.words]
    b = [_norm(w) for w in reference.words]
    mapping: dict[int, int] = {}
    _align(a, b, 0, len(a), 0, len(b), mapping)
    return mapping


def _add_blocks(a, b, alo, ahi, blo, bhi, mapping: dict[int, int]):
    """difflib's matching blocks of two stretches, into ``mapping``; returns the blocks (stretch offsets)."""
    blocks = SequenceMatcher(None, a[alo:ahi], b[blo:bhi], autojunk=False).get_matching_blocks()
    for i, j, size in blocks:
        mapping.update(zip(range(alo + i, alo + i + size), range(blo + j, blo + j + size)))
    return blocks


def _align(a, b, alo: int, ahi: int, blo: int, bhi: int, mapping: dict[int, int]) -> None:
    """Align ``a[alo:ahi]`` with ``b[blo:bhi]`` into ``mapping`` (see :func:`align`)."""
    if alo >= ahi or blo >= bhi:
        return
    counts = Counter(b[blo:bhi])
    if sum(counts[word] for word in a[alo:ahi]) <= EXACT_BUDGET:
        _add_blocks(a, b, alo, ahi, blo, bhi, mapping)
        return
    anchors = _anchors(a, alo, ahi, b, blo, bhi, counts)
    if not anchors:
        _windows(a, b, alo, ahi, blo, bhi, mapping)
        return
    i, j = alo, blo
    for ai, bj in anchors:
        _align(a, b, i, ai, j, bj, mapping)
        mapping[ai] = bj
        i, j = ai + 1, bj + 1
    _align(a, b, i, ahi, j, bhi, mapping)


def _anchors(a, alo: int, ahi: int, b, blo: int, bhi: int, counts: Counter) -> list[tuple[int, int]]:
    """Words that occur once in each stretch, as ``(i, j)`` pairs: the longest run increasing in both."""
    in_a = Counter(a[alo:ahi])
    where_b = {word: j for j, word in enumerate(b[blo:bhi], blo) if counts[word] == 1 and in_a[word] == 1}
    pairs = [(i, where_b[word]) for i, word in enumerate(a[alo:ahi], alo) if word in where_b]
    # longest increasing subsequence of the reference positions (patience sorting), O(n log n)
    ends: list[int] = []  # ends[k]: the smallest reference position ending an increasing run of length k + 1
    tails: list[int] = []  # tails[k]: the index in pairs of that end
    before = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(ends, j)
        before[n] = tails[k - 1] if k else -1
        ends[k:k + 1], tails[k:k + 1] = [j], [n]
    run, n = [], tails[-1] if tails else -1
    while n >= 0:
        run.append(pairs[n])
        n = before[n]
    return run[::-1]


def _windows(a, b, alo: int, ahi: int, blo: int, bhi: int, mapping: dict[int, int]) -> None:
    """Align a long stretch with no anchor window by window: a shared run is taken as it is; otherwise the
    blocks difflib finds that start in the first half of both windows are kept, and the next windows start
    where they end (at least a quarter window further on)."""
    i, j = alo, blo
    while i < ahi and j < bhi:
        start = i
        while i < ahi and j < bhi and a[i] == b[j]:  # a shared run needs no search
            mapping[i] = j
            i, j = i + 1, j + 1
        if i > start:
            continue
        ai, bj = min(i + WINDOW, ahi), min(j + WINDOW, bhi)
        if ai == ahi and bj == bhi:
            _add_blocks(a, b, i, ai, j, bj, mapping)
            return
        blocks = SequenceMatcher(None, a[i:ai], b[j:bj], autojunk=False).get_matching_blocks()
        kept = [(x, y, size) for x, y, size in blocks if size and x < WINDOW // 2 and y < WINDOW // 2]
        for x, y, size in kept:
            mapping.update(zip(range(i + x, i + x + size), range(j + y, j + y + size)))
        x, y, size = kept[-1] if kept else (0, 0, 0)
        step = max(1, WINDOW // 4)
        i, j = max(i + x + size, i + step), max(j + y + size, j + step)


def score(system: Breaks, reference: Breaks) -> Score:
    """Precision, recall and F1 of the system's breaks against the reference's."""
    mapping = align(system, reference)
    counts = {kind: [0, 0, 0] for kind in ("eob", "eol", "any")}  # correct, system, reference
    for label in reference.labels:
        if label:
            counts[label][2] += 1
            counts["any"][2] += 1
    for i, label in enumerate(system.labels):
        if not label:
            continue
        counts[label][1] += 1
        counts["any"][1] += 1
        ref = reference.labels[mapping[i]] if i in mapping else None
        if ref:
            counts["any"][0] += 1
            if ref == label:
                counts[label][0] += 1
    return Score(_prf(*counts["eob"]), _prf(*counts["eol"]), _prf(*counts["any"]), len(mapping),
                 len(system.words), len(reference.words))


def conformance(cues, style) -> tuple[float, float]:
    """Share of lines within the style's characters per line, and of cues within its reading speed."""
    lines = [line for cue in cues for line in cue.lines]
    within_cpl = sum(len(line) <= style.max_chars_per_line for line in lines) / len(lines) if lines else 1.0
    from .check import reading_speed

    within_cps = sum(reading_speed(cue) <= style.cps + 1e-9 for cue in cues) / len(cues) if cues else 1.0
    return within_cpl, within_cps
