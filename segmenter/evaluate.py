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
from dataclasses import asdict, dataclass
from difflib import SequenceMatcher


_NORM = re.compile(r"[^\w]+")


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

    def as_dict(self) -> dict:
        """A plain dict (for JSON)."""
        return asdict(self)


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
    """The words of cues with ``eol`` after each line's last word and ``eob`` after each cue's."""
    words: list[str] = []
    labels: list[str | None] = []
    for cue in cues:
        lines = [line.split() for line in cue.lines if line.split()]
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


def align(system: Breaks, reference: Breaks) -> dict[int, int]:
    """System word index -> reference word index for the words the two sequences share."""
    matcher = SequenceMatcher(None, [_norm(w) for w in system.words], [_norm(w) for w in reference.words],
                              autojunk=False)
    mapping: dict[int, int] = {}
    for a, b, size in matcher.get_matching_blocks():
        for k in range(size):
            mapping[a + k] = b + k
    return mapping


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
