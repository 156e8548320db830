"""A structured perceptron over the break search's own costs (issue 14): the weights of ``weights.toml`` are a
linear model, and the layout search is its decoder, so the perceptron update moves the weights from the
features of the layout the search chose towards those of the human one.

The cost of a layout (``segmenter/segment.py``'s docstring) is a sum of weights times counts: per block break
its gap rule (``gap``) and block extra (``block``), per line break its gap rule and line extra (``line``), per
block and line ``layout.block`` and ``layout.line``, and ``layout.balance``, ``layout.top_heavy``,
``layout.long_block`` and ``layout.short_block`` times the shares of characters the search counts, and
``layout.one_word_block`` per block of one word, ``layout.one_word_line`` per two-line block with a line of
one word (a first line of one word ending at punctuation aside).
:func:`features` counts them for any layout, so ``weights . features(layout)`` is the search's cost of it
(``tests/test_learn.py`` checks this against the search). Only two-line styles are modelled.

Training (:func:`train`): averaged perceptron, started from the shipped weights, the units visited in an
order shuffled with a fixed seed; each mistake adds ``rate`` x (features of the human layout - features of the
chosen one) and clips at zero (the search prunes on costs being non-negative). The average over every step is
the result. Units the search cannot produce (a line over the width, a block of more lines than the style
allows, a block that fits one line written on two) are left out of training.
"""

from __future__ import annotations

import random
from collections import Counter
from itertools import accumulate

from segmenter.breaks import Weights, gap_facts
from segmenter.language import Language
from segmenter.segment import _block_ends, _cost_table, layout_sentence
from segmenter.style import Style

SEED = 14
TABLES = ("gap", "layout", "block", "line")
FIXED = {("layout", "short_block_chars"), ("layout", "block_end_max")}  # a length and a threshold, not costs
CLAUSE_RULES = {"ellipsis", "clause", "comma", "opener_comma", "list_comma", "repetition"}


def units_of(sample) -> list[tuple[list[str], list]]:
    """(words, reference labels) of each layout unit of a ``learn.Sample``."""
    out, at = [], 0
    for unit in sample.units:
        out.append((list(unit), list(sample.reference.labels[at:at + len(unit)])))
        at += len(unit)
    return out


def explicit(weights: Weights) -> Weights:
    """The same costs with every rule listed in ``[block]`` and ``[line]``, so each rule's block and line
    extra is a weight of its own (the defaults ``layout.block_at_word`` and ``layout.line_at_punct`` are
    copied in)."""
    lay = weights.layout
    block = {r: weights.block.get(r, lay["block_at_word"]) for r in weights.gap}
    line = {r: weights.line.get(r, lay["line_at_punct"] if r in CLAUSE_RULES else 0.0) for r in weights.gap}
    return Weights(dict(weights.gap), dict(lay), block, line)


def gold_blocks(words: list[str], labels: list[str | None]) -> tuple[tuple[int, ...], ...]:
    """Blocks of a unit as tuples of line starts and the block end, from reference labels; the unit's last
    word always ends a block.

    >>> gold_blocks("a b c d".split(), [None, "eol", "eob", "eol"])
    ((0, 2, 3), (3, 4))
    """
    blocks, cuts = [], [0]
    for k, label in enumerate(labels):
        if k == len(words) - 1 or label == "eob":
            cuts.append(k + 1)
            blocks.append(tuple(cuts))
            cuts = [k + 1]
        elif label == "eol":
            cuts.append(k + 1)
    return tuple(blocks)


def blocks_of(layout: tuple[tuple[str, ...], ...]) -> tuple[tuple[int, ...], ...]:
    """The same form from a layout the search returned (blocks of line texts)."""
    blocks, at = [], 0
    for block in layout:
        cuts = [at]
        for line in block:
            at += len(line.split())
            cuts.append(at)
        blocks.append(tuple(cuts))
    return tuple(blocks)


def features(words: list[str], blocks, facts, style: Style, weights: Weights) -> Counter:
    """The counts that, times the weights, give the search's cost of this layout (``blocks`` as from
    :func:`gold_blocks`; ``facts`` from ``breaks.gap_facts``)."""
    width, preferred = style.max_chars_per_line, style.preferred_block_chars
    short = weights.layout["short_block_chars"]
    pre = _starts(words)  # words[a:b] is pre[b] - pre[a] - 1 characters long
    phi: Counter = Counter()
    for cuts in blocks:
        start, end = cuts[0], cuts[-1]
        phi["layout", "block"] += 1
        phi["layout", "line"] += len(cuts) - 1
        if end < len(words):
            rule = facts[end - 1][0]
            phi["gap", rule] += 1
            phi["block", rule] += 1
        for j in cuts[1:-1]:
            rule = facts[j - 1][0]
            phi["gap", rule] += 1
            phi["line", rule] += 1
        length = pre[end] - pre[start] - 1
        if length > preferred:
            phi["layout", "long_block"] += (length - preferred) / width
        elif length < short:
            phi["layout", "short_block"] += (short - length) / short
        phi["layout", "one_word_block"] += end - start == 1
        if len(cuts) == 3:
            diff = 2 * pre[cuts[1]] - pre[start] - pre[end]  # top minus bottom line
            diffs = (2 * pre[j] - pre[start] - pre[end] for j in range(start + 1, end)
                     if pre[j] - pre[start] - 1 <= width and pre[end] - pre[j] - 1 <= width)
            best = min(map(abs, diffs), default=abs(diff))
            phi["layout", "balance"] += (abs(diff) - best) / width
            phi["layout", "top_heavy"] += diff > 0
            phi["layout", "one_word_line"] += end - cuts[1] == 1 or cuts[1] - start == 1 and not facts[start][1]
    return phi


def _starts(words: list[str]) -> list[int]:
    """Where each word starts, plus one, and the end: the search's ``pre``."""
    return [0, *accumulate(len(word) + 1 for word in words)]


def block_ends(words: list[str], facts, style: Style, weights: Weights) -> set[int]:
    """Where the search lets a block of these words end under ``weights`` (``segment._block_ends``)."""
    plausible = _cost_table(weights)[2]
    return set(_block_ends([plausible[f] for f in facts] + [True], _starts(words), style.max_chars_per_line))


def cost(weights: Weights, phi: Counter) -> float:
    return sum(getattr(weights, table)[key] * value for (table, key), value in phi.items())


def reachable(words: list[str], blocks, style: Style, ends: set[int] | None = None) -> bool:
    """Whether the search can produce this layout at all (with ``ends``, the places where it lets a block
    end: see ``segment._block_ends``)."""
    width = style.max_chars_per_line
    if ends is not None and any(cuts[-1] not in ends for cuts in blocks):
        return False
    for cuts in blocks:
        if len(cuts) - 1 > min(style.max_lines, 2):
            return False
        lines = [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:])]
        if any(len(line) > width and " " in line for line in lines):
            return False
        if len(lines) > 1 and len(" ".join(lines)) <= width:
            return False
    return True


def _add(weights: dict, phi: Counter, rate: float) -> None:
    for key, value in phi.items():
        if key not in FIXED:
            weights[key] = max(0.0, weights[key] + rate * value)


def _weights(flat: dict) -> Weights:
    tables = {t: {} for t in TABLES}
    for (table, key), value in flat.items():
        tables[table][key] = value
    return Weights(**tables)


def train(units, style: Style, language: Language, start: Weights, epochs: int = 5, rate: float = 0.5,
          log=None) -> Weights:
    """Averaged perceptron over ``units`` (pairs of words and reference labels), from ``start``."""
    start = explicit(start)
    data = []
    for words, labels in units:
        blocks, facts = gold_blocks(words, labels), gap_facts(words, language)
        if len(words) > 1 and reachable(words, blocks, style, block_ends(words, facts, style, start)):
            data.append((words, blocks, facts))
    flat = {(t, k): v for t in TABLES for k, v in getattr(start, t).items()}
    total = dict.fromkeys(flat, 0.0)
    rng, steps = random.Random(SEED), 0
    for epoch in range(epochs):
        rng.shuffle(data)
        mistakes = 0
        weights = _weights(flat)
        for words, gold, facts in data:
            chosen = blocks_of(layout_sentence(words, style, language, weights))
            if chosen != gold:
                mistakes += 1
                delta = features(words, gold, facts, style, weights)
                delta.subtract(features(words, chosen, facts, style, weights))
                _add(flat, delta, -rate)  # lower the costs of the human layout's features
                weights = _weights(flat)
            steps += 1
            for key, value in flat.items():
                total[key] += value
        if log:
            log(f"    epoch {epoch + 1}: {mistakes} of {len(data)} units laid out unlike the reference")
    return _weights({key: value / steps for key, value in total.items()}) if steps else start
