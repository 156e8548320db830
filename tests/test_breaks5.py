"""Issue 14: break rules that hold on news text nobody tuned them on (named kinds of bad breaks from the
style guides), each pinned by the exact lines of a small input."""

from __future__ import annotations

import pytest

from segmenter.breaks import gap_rules
from segmenter.segment import layout_sentence
from segmenter.style import Style


def _layout(sentence: str, width: int) -> tuple[tuple[str, ...], ...]:
    return layout_sentence(sentence.split(), Style(max_chars_per_line=width))


@pytest.mark.parametrize("sentence, expected", [
    ("THE RIDERS WE SPOKE WITH WERE NOT HAPPY ABOUT THE NEW FARES AT ALL.",
     (("THE RIDERS WE SPOKE WITH", "WERE NOT HAPPY"), ("ABOUT THE NEW FARES AT ALL.",))),
    ("The riders we spoke with were not happy about the new fares at all.",
     (("The riders we spoke with", "were not happy"), ("about the new fares at all.",))),
])
def test_a_stranded_preposition_ends_its_line(sentence, expected):
    """A preposition before an auxiliary closes a relative clause ("we spoke with"): the line ends after
    it, never before it (before: "THE RIDERS WE SPOKE / WITH WERE NOT HAPPY")."""
    assert _layout(sentence, 32) == expected


def test_which_prepositions_are_stranded():
    rules = dict(zip(*(lambda w: (w, gap_rules(w)))("the people we spoke with were angry".split())))
    assert rules["spoke"] == "before_stranded" and rules["with"] == "before_auxiliary"
    # a preposition before a noun phrase, a gerund ("for being late") or the infinitive's "to" is no such
    words = "He apologised for being late and deserves to be heard by everyone".split()
    rules = dict(zip(words, gap_rules(words)))
    assert rules["apologised"] == "before_preposition" and rules["deserves"] == "before_preposition"
    assert rules["heard"] == "before_preposition"


def test_a_noun_stays_with_the_noun_it_modifies():
    """A noun-noun compound is a modifier and its noun (DCMP: do not split a modifier from its word);
    before: "North Korea sent hundreds of trash / balloons across the border overnight."."""
    assert _layout("North Korea sent hundreds of trash balloons across the border overnight.", 37) == (
        ("North Korea sent hundreds", "of trash balloons"), ("across the border overnight.",))
    words = "the trash balloons landed".split()
    assert gap_rules(words) == ["after_article", "compound", "before_verb"]
