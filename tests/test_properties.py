"""Invariants on any input (hypothesis): nothing lost, cues ordered, bounds and limits kept."""

from __future__ import annotations

import math
import unicodedata

from hypothesis import HealthCheck, given, settings, strategies as st

from segmenter.pipeline import subtitle
from segmenter.style import Style

VOCAB = ["the", "a", "Shinzo", "Abe", "U.S.", "President", "Mr.", "Kim", "met", "on", "Sept.", "4", "50",
         "minutes", "and", "but", "said,", "talks.", "ended...", "ties,...", "reports.", "Arirang", "News.",
         'sides."', "Seoul-Tokyo", "$4.2", "billion", "--", "?", "Lee", "Ji-won,", "which", "to", "of",
         "extraordinarily", "denuclearization", "x" * 45, "é", "東京", "п"]

scripts = st.lists(st.tuples(st.sampled_from(VOCAB), st.sampled_from([" ", " ", " ", "\n", "\n\n", "  "])),
                   min_size=1, max_size=120).map(lambda pairs: "".join(w + s for w, s in pairs))
free_text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="[]():"), min_size=1,
                    max_size=400).filter(lambda t: t.strip())
styles = st.builds(Style, max_chars_per_line=st.integers(8, 60), max_lines=st.integers(1, 3),
                   cps=st.floats(5, 30), min_duration=st.floats(0.3, 2.0), max_duration=st.floats(2.0, 9.0),
                   min_gap=st.floats(0, 0.5), frame_rate=st.sampled_from([None, 24.0, 25.0, 29.97, 30.0]))


def check_invariants(text: str, style: Style) -> None:
    cues = subtitle(text, style)
    spoken = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) != "Cc")
    assert [w for c in cues for line in c.lines for w in line.split()] == spoken.split()
    slack = 1 if style.frame_rate else 0  # frame times are rounded to whole milliseconds
    min_ms = math.ceil(style.min_duration * 1000 - 1e-6) - slack
    max_ms = max(min_ms, math.floor(style.max_duration * 1000 + 1e-6)) + slack
    for n, cue in enumerate(cues, 1):
        assert cue.index == n
        assert 1 <= len(cue.lines) <= style.max_lines
        assert all(line and line == line.strip() for line in cue.lines)
        for line in cue.lines:
            assert len(line) <= style.max_chars_per_line or len(line.split()) == 1, (line, style)
        assert min_ms <= cue.duration <= max_ms + (1000 / style.frame_rate if style.frame_rate else 0)
    for a, b in zip(cues, cues[1:]):
        assert a.end < b.start or (style.min_gap == 0 and a.end <= b.start)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scripts, styles)
def test_invariants_on_news_like_scripts(text, style):
    check_invariants(text, style)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(free_text, styles)
def test_invariants_on_arbitrary_text(text, style):
    check_invariants(text, style)
