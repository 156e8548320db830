"""Cues and lines: all breaks of a sentence chosen at once by dynamic programming.

A sentence's words are laid out in blocks (cues) of up to ``max_lines`` lines of up to
``max_chars_per_line`` characters, choosing the layout of least total cost. With ``g(r)`` the gap cost of
break rule ``r`` (``weights.toml [gap]``, rules in :mod:`segmenter.breaks`), ``W`` the style's
``max_chars_per_line`` and ``P`` its ``preferred_block_chars``, the cost of a layout is the sum of

* for every **block break** after a word: ``g(r) + block_extra(r)``, where ``block_extra`` is table
  ``[block]`` (0 at punctuation and pauses, a little before a conjunction or subordinator) and
  ``layout.block_at_word`` for any rule it does not list; the end of the text laid out is a forced, free
  block break;
* for every **line break** inside a block: ``g(r) + line_extra(r)``, where ``line_extra`` is table
  ``[line]`` and, for rules it does not list, ``layout.line_at_punct`` at clause punctuation (a new block
  is better there) and 0 elsewhere;
* ``layout.block`` per block and ``layout.line`` per line, so the fewest blocks and lines that fit win
  (a block costs more than a line: two full lines beat two one-line blocks);
* for a two-line block: ``layout.balance / W`` per character by which the two line lengths differ more than
  in the most balanced split of that block, and ``layout.top_heavy`` when the top line is the longer;
* ``layout.long_block / W`` per character of block text beyond ``P`` (how long a cue should be: a style
  setting, since in speech it follows pauses), and ``layout.short_block`` times the share by which a block
  falls short of ``layout.short_block_chars``, ``layout.one_word_block`` for a block of one word (no
  orphan "However," cues) and ``layout.one_word_line`` for a line of one word in a two-line block (but a
  first line that ends at punctuation: "However, / the talks").

The search is linear in the words: block starts are limited to the block-length window and line breaks to
the line-length window; blocks end only where a cue break is plausible (gap and block extra at most
``layout.block_end_max``: not inside a name, not right after a function word), except between two such
places more than a line apart, where any word may end a block; every gap's rule and costs are looked up
once per sentence (per word pair, from per-word features computed once per distinct word). A block of
more than two lines is split with a table per block end (:class:`_Lines`), each split built from the splits
of the text after its first line, so time grows polynomially with ``max_lines``; no table is sized by
``max_chars_per_line``, so memory does not grow with it. A text that fits in one two-line block skips the
search when that block costs less than any layout of more blocks can (:func:`_one_block`).

Consecutive sentences that fit in one block together are laid out as one unit (:func:`layout_units`), so
short sentences may share a cue ("Yes. No. Simple."); a sentence end inside such a unit is a ``clause``
break, among the cheapest, and a sentence too long to share a block starts and ends its own blocks.
Blocks never mix segments (sections or speakers).
A line may exceed the limit only when it is a single token longer than a line.

>>> from segmenter.style import Style
>>> layout_sentence("The two met for around 50 minutes,... 20 minutes longer than initially scheduled.".split(),
...                 Style(max_chars_per_line=37))
(('The two met for around 50 minutes,...',), ('20 minutes longer', 'than initially scheduled.'))
"""

from __future__ import annotations

import sys
from bisect import bisect_left, bisect_right
from functools import lru_cache
from itertools import accumulate, compress
from operator import itemgetter
from typing import Iterable, Iterator

from .breaks import Weights, default_weights, gap_facts
from .language import Language, english
from .model import Block, Segment
from .sentences import ends_with_ellipsis, split_sentences
from .style import Style

_INF = float("inf")
_PLUS_ONE = (1).__add__
_EPS = 1e-9
_PEN_TABLE = 2048  # block lengths whose long/short-block cost is precomputed
_FIRST, _SECOND, _THIRD = itemgetter(0), itemgetter(1), itemgetter(2)


@lru_cache(maxsize=64)
def _cost_table(weights: Weights) -> tuple[dict, dict, dict]:
    """Three tables per (gap rule, at clause punctuation): the cost of a block ending at the gap (gap and
    block extra, and the per-block cost); of a line break there (gap and line extra); whether a block may
    end there (gap and block extra at most ``block_end_max``). Key ``None``: the end of the text."""
    lay = weights.layout
    c_block, cap = lay["block"], lay.get("block_end_max", _INF)
    end, line, plausible = {None: c_block}, {None: 0.0}, {None: True}  # the end: a forced, free block break
    for rule, gap in weights.gap.items():
        block = weights.block.get(rule, lay["block_at_word"])
        for clause in (False, True):
            end[rule, clause] = gap + block + c_block
            line[rule, clause] = gap + weights.line.get(rule, lay["line_at_punct"] if clause else 0.0)
            plausible[rule, clause] = gap + block <= cap
    return end, line, plausible


@lru_cache(maxsize=64)
def _gap_table(weights: Weights) -> dict:
    """:func:`_cost_table`'s three values per key as one triple, so a gap costs one lookup, not three;
    each rule name interned, so that a key compares with the break rules' names (interned too, as names
    in the source) by identity, not character by character."""
    end, line, plausible = _cost_table(weights)
    return {(key if key is None else (sys.intern(key[0]), key[1])): (end[key], line[key], plausible[key])
            for key in end}


@lru_cache(maxsize=64)
def _setup(style: Style, weights: Weights) -> tuple[dict, tuple[float, ...], tuple, bool]:
    """What the break search reads for a style and weights: the cost table (:func:`_gap_table`), the long-
    and short-block cost of every block length that fits, the style's limits and the layout costs as
    numbers, and whether no cost is negative (what :func:`_one_block` needs)."""
    lay = weights.layout
    width, max_lines = style.max_chars_per_line, style.max_lines
    block_limit = max_lines * (width + 1) - 1
    preferred, short = style.preferred_block_chars, lay["short_block_chars"]
    c_long, c_short = lay["long_block"] / width, lay["short_block"] / short if short else 0.0
    # a table for the block lengths of ordinary styles; longer ones (huge limits) are computed when met,
    # so memory does not grow with the style's limits
    pen = tuple(_penalty(n, preferred, short, c_long, c_short)
                for n in range(min(block_limit, _PEN_TABLE) + 1))
    gaps = _gap_table(weights)
    numbers = (width, max_lines, block_limit, preferred, short, lay["line"], lay["balance"] / width,
               lay["top_heavy"], c_long, c_short, lay.get("one_word_block", 0.0), lay.get("one_word_line", 0.0))
    no_negative = min(*numbers[5:], *(cost for end, line, _ in gaps.values() for cost in (end, line))) >= 0
    return gaps, pen, numbers, no_negative


_last: tuple = (None, None, None)  # the style and weights of the last call and their _setup


def _settings(style: Style, weights: Weights):
    """:func:`_setup` of the same style and weights as the call before without hashing them again (a
    style's hash builds a tuple of its twenty fields, per sentence; tuples that size stay on a free list,
    which tracemalloc counts). The three are read and replaced as one tuple: threads laying out with other
    styles never see one style's setup beside another style."""
    global _last
    last = _last
    if last[0] is not style or last[1] is not weights:
        last = _last = (style, weights, _setup(style, weights))
    return last[2]


def _penalty(length: int, preferred: int, short: int, c_long: float, c_short: float) -> float:
    """The cost of a block ``length`` characters long: beyond ``preferred``, or short of ``short``."""
    if length > preferred:
        return c_long * (length - preferred)
    return c_short * (short - length) if length < short else 0.0


def layout_sentence(words: list[str], style: Style, language: Language | None = None,
                    weights: Weights | None = None, gap_bonus=None) -> tuple[tuple[str, ...], ...]:
    """The blocks of one sentence, each a tuple of lines.

    Text that fits on one line, no longer than the preferred block, is one line: splitting it could only
    add costs, since every cost is at least zero and a shorter block is never cheaper.
    ``gap_bonus`` (optional, one number per gap between words: a pause in speech, from
    :mod:`segmenter.align`) is taken off the cost of a block break there, never below that of a break at
    punctuation, and makes the gap a plausible block end.
    """
    n = len(words)
    if n == 0:
        return ()
    text = " ".join(words)
    if len(text) <= style.max_chars_per_line and len(text) <= style.preferred_block_chars:
        return ((text,),)
    gaps, pen, numbers, no_negative = _settings(style, weights or default_weights())
    width, max_lines, block_limit, preferred, short, c_line, c_bal, c_top, c_long, c_short, c_word, c_lone = numbers
    facts = gap_facts(words, language)
    facts.append(None)
    # lists, not tuples: tuples this size are kept on a free list once dropped (tracemalloc counts them)
    costs = list(map(gaps.__getitem__, facts))  # each gap's three costs, by one lookup
    end_cost = list(map(_FIRST, costs))  # of a block ending after word k - 1
    line_cost = [0.0, *map(_SECOND, costs)]  # of a line break before word j
    plausible = list(map(_THIRD, costs))  # where a block may end
    for k, bonus in enumerate(gap_bonus or ()):
        if bonus > 0:
            end_cost[k], plausible[k] = max(gaps[None][0], end_cost[k] - bonus), True
    pen_size = len(pen)
    pre = [0, *accumulate(map(_PLUS_ONE, map(len, words)))]  # where word k starts, plus one
    neg_bal = -c_bal

    def two_lines(i: int, k: int) -> tuple[float, int]:
        """Best line break j of words[i:k] on two lines: (cost, j); candidates only where both lines fit."""
        lo = bisect_left(pre, pre[k] - 1 - width, i + 1, k)  # the first j whose second line fits
        hi = bisect_right(pre, pre[i] + 1 + width, i + 1, k) - 1  # the last j whose first line fits
        if lo > hi:
            return (2 * c_line + line_cost[i + 1], i + 1) if k - i == 2 else (_INF, 0)
        both = pre[i] + pre[k]
        mid = bisect_left(pre, both / 2, lo, hi + 1)
        best_diff = abs(2 * pre[mid] - both) if mid <= hi else _INF
        if mid > lo and both - 2 * pre[mid - 1] < best_diff:
            best_diff = both - 2 * pre[mid - 1]
        cost, at = _INF, 0
        # a lone word costs c_lone: "Speaking / at a press conference", not "However, / the same"
        lone_last, lone_first = k - 1, -1 if facts[i][1] else i + 1
        for j in range(lo, hi + 1):
            diff = 2 * pre[j] - both
            c = line_cost[j] + (c_bal * diff + c_top if diff > 0 else neg_bal * diff)
            if j == lone_last or j == lone_first:
                c += c_lone
            if c < cost:
                cost, at = c, j
        return cost - c_bal * best_diff + 2 * c_line, at

    size = len(text)
    if max_lines == 2 and no_negative and n > 1 and width < size <= block_limit:
        extra = pen[size] if size < pen_size else _penalty(size, preferred, short, c_long, c_short)
        j = _one_block(two_lines, end_cost, extra, c_line)
        if j:
            return ((" ".join(words[:j]), " ".join(words[j:])),)
    cheapest_break = min(line_cost[1:n], default=0.0)
    two_floor = 2 * c_line + cheapest_break
    # no line can hold more than ``width`` characters unless a single word is longer than that
    line_room = (width + 1 if max(map(len, words)) <= width else block_limit + 2) if max_lines > 2 else 0
    best = [0.0] + [_INF] * n
    block_start = [0] * (n + 1)  # of the best layout's last block when the text laid out ends at word k
    line_breaks: list[tuple[int, ...]] = [()] * (n + 1)  # inside that block
    starts = [0]  # where a block may start: the text's start and every place a block may end
    first = 0  # the index in starts of the earliest start of a block ending at k that can fit
    many = None  # the line splits of blocks ending at k, for more than two lines
    for k in _block_ends(plausible, pre, width):
        last = k - 1  # a block from the last word alone: one word
        pk = pre[k] - 1
        while first < len(starts) - 1 and starts[first] < last and pk - pre[starts[first]] > block_limit:
            first += 1
        end = end_cost[last]
        best_k, at, inner = _INF, last, ()
        for i in reversed(starts[first:]):
            length = pk - pre[i]
            extra = pen[length] if length < pen_size else _penalty(length, preferred, short, c_long, c_short)
            if length > preferred and end + extra + c_line >= best_k:
                break  # longer blocks only cost more: none can win now
            if i == last:
                extra += c_word  # a cue of one word: an orphan
            base = best[i] + end + extra
            if base + c_line >= best_k:
                continue
            if length <= width or i == last:
                best_k, at, inner = base + c_line, i, ()
            elif max_lines == 2:
                if base + two_floor >= best_k:
                    continue  # two lines cost at least two lines and the cheapest line break
                cost, j = two_lines(i, k)
                if base + cost < best_k:
                    best_k, at, inner = base + cost, i, (j,)
            elif max_lines > 2:
                lines_needed = max(2, -(-(length + 1) // line_room))
                if base + (c_line + cheapest_break) * lines_needed - cheapest_break > best_k + _EPS:
                    continue  # q lines cost q lines and q - 1 of the cheapest line break (with a margin
                    # for rounding: a tie in exact arithmetic may win by rounding in the full sum)
                if many is None or many.k != k:
                    many = _Lines(k, max_lines, pre, width, c_line, line_cost, two_lines, line_room)
                cost, cuts = many.best(i)
                if base + cost < best_k:
                    best_k, at, inner = base + cost, i, cuts
        best[k], block_start[k], line_breaks[k] = best_k, at, inner
        starts.append(k)
    blocks = []
    k = n
    while k > 0:
        i, inner = block_start[k], line_breaks[k]
        if not inner:
            blocks.append((" ".join(words[i:k]),))
        else:
            cuts = (i, *inner, k)
            blocks.append(tuple([" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:])]))
        k = i
    return tuple(reversed(blocks))


#: how much cheaper than every other layout :func:`_one_block` wants its block (rounding in long sums aside)
_MARGIN = 1e-6


def _one_block(two_lines, end_cost: list[float], extra: float, c_line: float) -> int | None:
    """Where the lines of the whole text break when one block of two lines is its best layout (a text that
    fits in a block but not on a line), or None when that takes the full search.

    The search gives this block when it costs less than any layout of two blocks or more. With no cost
    negative, such a layout costs at least the end of its last block, its cheapest block break before
    that (``min(end_cost[:-1])``, per-block cost included) and one line per block: so when the block costs
    less than that floor (by :data:`_MARGIN`, for rounding), it is the search's result, and its line
    break is the one the search would find (``two_lines`` of the whole text).
    """
    cost, j = two_lines(0, len(end_cost))
    floor = min(end_cost[:-1]) + end_cost[-1] + 2 * c_line
    return j if end_cost[-1] + extra + cost + _MARGIN < floor else None


class _Lines:
    """The best split of ``words[j:k]`` into at most ``m`` lines (m >= 2) for every start ``j`` of blocks
    ending at one ``k``: a table filled from ``k`` backwards, each entry from the entries after its first
    line, so a block of ``m`` lines costs a few lookups per first-line break instead of a search of every
    split (polynomial in lines, not exponential). Entry ``j`` holds, for 2, 3, ... lines, (cost, inner
    breaks); more lines than words left never help, so it stops at ``k - j + 1`` lines.
    """

    __slots__ = ("k", "m", "pre", "width", "c_line", "line_cost", "two_lines", "table", "filled", "rest_from")

    def __init__(self, k: int, m: int, pre: list[int], width: int, c_line: float, line_cost: list[float],
                 two_lines, line_room: int) -> None:
        self.k, self.m, self.pre, self.width, self.c_line = k, m, pre, width, c_line
        # the first place where the text after a first line can still fit on the other m - 1 lines
        self.rest_from = bisect_left(pre, pre[k] - (m - 1) * line_room)
        self.line_cost, self.two_lines = line_cost, two_lines
        self.table: dict[int, list[tuple[float, tuple[int, ...]]]] = {}
        self.filled = k  # every start from here to k has its entry

    def best(self, i: int) -> tuple[float, tuple[int, ...]]:
        """(cost, inner line breaks) of words[i:k] on at most ``m`` lines."""
        while self.filled > i:
            self.filled -= 1
            self.table[self.filled] = self._entry(self.filled)
        row = self.table[i]
        return row[min(self.m, len(row) + 1) - 2]

    def _entry(self, j: int) -> list[tuple[float, tuple[int, ...]]]:
        k, pre, width, c_line = self.k, self.pre, self.width, self.c_line
        if pre[k] - pre[j] - 1 <= width or k - j == 1:
            return [(c_line, ())]
        levels = min(self.m, k - j + 1) - 2  # of three lines and more
        costs, inners = [_INF] * levels, [()] * levels

        table, line_cost = self.table, self.line_cost
        for nxt in range(max(j + 1, self.rest_from), k):
            if pre[nxt] - pre[j] - 1 > width and nxt - j > 1:
                break  # the first line no longer fits
            rest, head = table[nxt], c_line + line_cost[nxt]
            last = len(rest) - 1
            for t in range(levels):  # t + 3 lines: the first, then the rest on t + 2
                rest_cost, rest_inner = rest[t if t < last else last]
                if head + rest_cost < costs[t]:
                    costs[t], inners[t] = head + rest_cost, (nxt, *rest_inner)
        cost, cut = self.two_lines(j, k)
        return [(cost, (cut,)), *zip(costs, inners)]


def _block_ends(plausible: list[bool], pre: list[int], stretch: int) -> list[int]:
    """Where a block may end (word positions 1..n): after a word where ``plausible`` says a block break
    may fall, at the end, and anywhere between two such places more than ``stretch`` characters apart (a
    line's width), so the search never lacks a way through.

    >>> plausible = [True, False, True, False, True]
    >>> pre = [0, 4, 8, 12, 16, 20]  # five words of three letters
    >>> _block_ends(plausible, pre, 11), _block_ends(plausible, pre, 5)
    ([1, 3, 5], [1, 2, 3, 4, 5])
    """
    ends: list[int] = []
    prev = 0
    for k in compress(range(1, len(pre)), plausible):
        if pre[k] - pre[prev] - 1 > stretch:
            ends.extend(range(prev + 1, k))
        ends.append(k)
        prev = k
    return ends


def layout_units(sentences, style: Style, language: Language | None = None) -> Iterator[list[str]]:
    """The words of runs of consecutive sentences that fit in one block together, laid out as one unit.

    Short sentences may then share a cue ("Yes. No. Simple.") when the costs say so; a sentence end is
    still the cheapest break, and a run never grows beyond what one block can hold. After a sentence that
    ends on an abbreviation ("at 3 p.m.", "No.") a run grows only within one line, where no break is
    sought: the break search would read that period as the abbreviation's, not as a sentence end. A
    sentence that trails off in an ellipsis ends its run (a pause, which the BBC's guide says a subtitle
    should not bridge), and so does the text before continuation dots ("Wait... ...what?").

    >>> from segmenter.style import Style
    >>> sentences = ["Yes.", "No.", "A sentence that is longer than a line.", "Then one more."]
    >>> [" ".join(u) for u in layout_units(sentences, Style(max_chars_per_line=20))]
    ['Yes. No.', 'A sentence that is longer than a line.', 'Then one more.']
    >>> [" ".join(u) for u in layout_units(["It ended at 3 p.m.", "The leaders left for home."], Style())]
    ['It ended at 3 p.m.', 'The leaders left for home.']
    >>> [" ".join(u) for u in layout_units(["Yes.", "No.", "Simple."], Style())]
    ['Yes. No. Simple.']
    >>> [" ".join(u) for u in layout_units(["It is there...", "Trust me.", "Wait... ...what?"], Style())]
    ['It is there...', 'Trust me. Wait...', '...what?']
    """
    abbreviation = (language or english()).is_abbreviation
    width = style.max_chars_per_line
    limit = style.max_lines * (width + 1) - 1
    unit: list[str] = []
    length = -1
    for words, size in _pause_parts(sentences):
        if unit and not ends_with_ellipsis(unit[-1]) and length + 1 + size <= (
                width if abbreviation(unit[-1]) else limit):
            unit.extend(words)
            length += 1 + size
            continue
        if unit:
            yield unit
        unit, length = words, size
    if unit:
        yield unit


def _pause_parts(sentences) -> Iterator[tuple[list[str], int]]:
    """The words of each sentence and their length, cut where a word opening with an ellipsis follows one
    ending with one: the dots mark a pause and the text after it as continued, which subtitles show as a
    new cue.

    >>> list(_pause_parts(["Wait... ...what?", "No."]))
    [(['Wait...'], 7), (['...what?'], 8), (['No.'], 3)]
    """
    for sentence in sentences:
        words = sentence.split()
        start = 0
        if "..." in sentence or "…" in sentence:
            for k in range(1, len(words)):
                if words[k].startswith(("...", "…")) and ends_with_ellipsis(words[k - 1]):
                    yield words[start:k], len(" ".join(words[start:k]))
                    start = k
        yield (words, len(sentence)) if not start else (words[start:], len(" ".join(words[start:])))


def segment_blocks(segments: Iterable[Segment], style: Style, language: Language | None = None,
                   weights: Weights | None = None) -> tuple[Block, ...]:
    """Lay out every segment's sentences in blocks, noting the pause after each block.

    >>> from segmenter.style import Style
    >>> segs = [Segment("package", None, "Rain fell. It stopped."), Segment("quote", "Kim", "It was cold.")]
    >>> [b.lines for b in segment_blocks(segs, Style())]
    [('Rain fell. It stopped.',), ('It was cold.',)]
    """
    return tuple(iter_blocks(segments, style, language, weights))


def iter_blocks(segments, style: Style, language: Language | None = None,
                weights: Weights | None = None) -> Iterator[Block]:
    """The blocks of a stream of segments, one segment ahead (the pause after a block needs the next)."""
    language = language or english()
    iterator = iter(segments)
    seg = next(iterator, None)
    while seg is not None:
        after = next(iterator, None)
        seg_blocks = [lines for unit in layout_units(split_sentences(seg.text, language), style, language)
                      for lines in layout_sentence(unit, style, language, weights)]
        for b, lines in enumerate(seg_blocks):
            if b + 1 < len(seg_blocks):
                pause = "ellipsis" if ends_with_ellipsis(lines[-1]) else None
            elif after is None:
                pause = None
            elif (after.section, after.speaker, after.story) != (seg.section, seg.speaker, seg.story):
                pause = "section"
            elif after.paragraph != seg.paragraph:
                pause = "paragraph"
            else:
                pause = "ellipsis" if ends_with_ellipsis(lines[-1]) else None
            yield Block(lines, seg, pause, b == 0)
        seg = after
