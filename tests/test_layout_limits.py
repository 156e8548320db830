"""Layout settings do not blow up (issue 15, item 5): the line search is polynomial in the number of lines,
memory does not grow with the characters per line, and the output is that of the exhaustive search."""

from __future__ import annotations

import time
import tracemalloc

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segmenter import segment
from segmenter.errors import InputError
from segmenter.model import Segment
from segmenter.pipeline import subtitle
from segmenter.segment import layout_sentence, segment_blocks
from segmenter.style import Style, load_style

PROSE = ("The two leaders met for around 50 minutes on the sidelines of the assembly, longer than planned, and "
         "agreed that the talks on trade and security would go on next month in Seoul. ") * 20  # ~3 kB


def _cpu(func) -> float:
    start = time.process_time()
    func()
    return time.process_time() - start


def test_many_lines_take_polynomial_time():
    """3 kB of prose took 0.9/4.1/17/64 s at 5/6/7/8 lines (each line multiplied the time by ~4); 3000 x "a"
    took 46 s at 4 lines. Bounds here are generous: about 0.02 s and 2 s on the developers' machine."""
    style = load_style("broadcast")
    for lines in (4, 5, 6):  # 6 is the most a style allows
        assert _cpu(lambda: subtitle(PROSE, style.override(max_lines=lines))) < 3, lines
    assert _cpu(lambda: subtitle(" ".join(["a"] * 3000), style.override(max_lines=4))) < 20


def test_memory_does_not_grow_with_the_limits():
    """--max-chars 100000000 took 8 GB and --max-lines 1000 --max-chars 1000000 24 GB (a table per
    character of the largest block). Styles now refuse such values; within the bounds the search's memory
    does not follow the limits either."""
    for changes in ({"max_chars_per_line": 100_000_000}, {"max_chars_per_line": 1_000_000, "max_lines": 1000}):
        with pytest.raises(InputError, match="max_"):
            load_style("broadcast").override(**changes)
    segments = [Segment("package", None, PROSE)]
    for changes in ({"max_chars_per_line": 200}, {"max_chars_per_line": 200, "max_lines": 6}):
        style = load_style("broadcast").override(**changes)
        tracemalloc.start()
        try:
            blocks = segment_blocks(segments, style)
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
        assert peak < 20_000_000, (changes, peak)
        assert [w for b in blocks for line in b.lines for w in line.split()] == PROSE.split()


def _exhaustive(words, style, weights=None):
    """The search as it was before it became a table: every split of a block into lines, recursively."""
    from segmenter.breaks import default_weights

    real = segment._Lines

    class Recursive(real):
        def best(self, i):
            return self._split(i, self.m)

        def _split(self, i, m):
            k, pre, width = self.k, self.pre, self.width
            if pre[k] - pre[i] - 1 <= width or k - i == 1:
                return self.c_line, ()
            if m == 2:
                cost, j = self.two_lines(i, k)
                return cost, (j,)
            cost, inner = float("inf"), ()
            for j in range(i + 1, k):
                if pre[j] - pre[i] - 1 > width and j - i > 1:
                    break
                rest, rest_inner = self._split(j, m - 1)
                c = self.c_line + self.line_cost[j] + rest
                if c < cost:
                    cost, inner = c, (j, *rest_inner)
            return cost, inner

    segment._Lines = Recursive
    try:
        return layout_sentence(words, style, weights=weights or default_weights())
    finally:
        segment._Lines = real


VOCAB = ["the", "a", "talks", "on", "trade", "Shinzo", "Abe", "met,", "and", "said.", "50", "minutes",
         "extraordinarily", "of", "which", "x" * 14, "go", "up"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(words=st.lists(st.sampled_from(VOCAB), min_size=1, max_size=22), width=st.integers(6, 24),
       lines=st.integers(3, 5))
def test_table_search_equals_the_exhaustive_search(words, width, lines):
    style = Style(max_chars_per_line=width, max_lines=lines, preferred_block_chars=3 * width)
    assert layout_sentence(words, style) == _exhaustive(words, style)
