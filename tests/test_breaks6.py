"""Issue 14 (breaks6): structural break rules checked on text nobody tuned them on, each naming a kind of
bad break of the style guides and pinned by the exact lines of a small input that was laid out wrong before."""

from __future__ import annotations

from segmenter.breaks import gap_rules
from segmenter.segment import layout_sentence
from segmenter.style import load_style


def _layout(sentence: str, style: str = "netflix") -> tuple[tuple[str, ...], ...]:
    return layout_sentence(sentence.split(), load_style(style))


def test_a_cue_does_not_split_a_list_before_its_last_items():
    """A comma before a list's last item and its "and" ("farmers, teachers and their families") joins items
    of one phrase (BBC: split long sentences at clause, then major phrase boundaries). Before: "... in the
    valley -- farmers, // teachers and their families --" and "its schools, // its hospitals and its courts"."""
    assert _layout("Rescue teams reached every village in the valley -- farmers, teachers and their families "
                   "-- before the river rose again.") == (
        ("Rescue teams reached", "every village in the valley --"), ("farmers, teachers and their families --",),
        ("before the river rose again.",))
    assert _layout("The strike closed the city's main services, its schools, its hospitals and its courts, "
                   "for a whole week.") == (
        ("The strike closed", "the city's main services,"), ("its schools, its hospitals and its courts,",),
        ("for a whole week.",))


def test_which_commas_come_before_a_last_item():
    words = "He thanked the men -- brothers, fathers and sons".split()
    assert gap_rules(words)[5] == "last_item_comma"
    # a comma ending an opening clause before a coordinated subject is no list's ("device used, | websites
    # and apps"), nor one before a coordinated clause ("company, | and that company")
    assert gap_rules("Whatever the device they used, websites and apps must work".split())[4] == "comma"
    assert gap_rules("That mission became her company, and that company won".split())[4] == "comma"
