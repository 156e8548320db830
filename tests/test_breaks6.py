"""Issue 14 (breaks6): structural break rules checked on text nobody tuned them on, each naming a kind of
bad break of the style guides and pinned by the exact lines of a small input that was laid out wrong before."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from segmenter.breaks import gap_rules
from segmenter.model import Segment
from segmenter.segment import layout_sentence, layout_units, segment_blocks
from segmenter.style import Style, load_style


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


def _blocks(text: str, style: str = "netflix") -> list[tuple[str, ...]]:
    return [block.lines for block in segment_blocks([Segment("package", None, text)], load_style(style))]


def test_a_cue_does_not_bridge_a_pause_marked_by_an_ellipsis():
    """A sentence that trails off ("...") is a pause, which a subtitle should not bridge (BBC: leave a gap
    rather than bridge it), and continuation dots ("... ...so") carry the text on to a new cue. Before:
    one cue "The count went on... Then the lights went out." and "We waited... ...and waited."."""
    assert _blocks("The count went on... Then the lights went out.") == [
        ("The count went on...",), ("Then the lights went out.",)]
    assert _blocks("We waited... ...and waited.") == [("We waited...",), ("...and waited.",)]
    # a pause inside a sentence (",...") is a break the search weighs, not a forced one
    assert _blocks("The two met,... then left.") == [("The two met,... then left.",)]


def test_a_cue_does_not_split_a_coordinated_pair():
    """Two words joined by "and" before the word they share ("strategic and tactical developments") are
    one phrase (DCMP: do not split a modifier from its word). Before: "... flexibly based on strategic //
    and tactical developments." (a cue break inside the pair, broadcast and dcmp styles)."""
    assert _layout("The ministry said it would act flexibly based on strategic and tactical developments.",
                   "broadcast") == (
        ("The ministry said it would act",), ("flexibly based on strategic", "and tactical developments."))
    assert _layout("We will act flexibly based on strategic and tactical developments.", "dcmp") == (
        ("We will act flexibly",), ("based on strategic", "and tactical developments."))
    # a pair of nouns after a determiner, closing its phrase before an auxiliary: before, "It is also
    # important that buses // and trains don't stop running ..."
    assert _layout("It is also important that buses and trains don't stop running during the long holiday "
                   "weekend, officials said.", "broadcast") == (
        ("It is also important that buses", "and trains don't stop running"), ("during the long holiday weekend,",),
        ("officials said.",))
    rules = gap_rules("They met on strategic and tactical developments".split())
    assert rules[3:5] == ["coordinated_pair", "after_function"]
    # a pair of nouns, or a conjunction before a verb or a function word, is no such pair
    assert gap_rules("the cats and dogs of the town".split())[1] == "before_conjunction"
    assert gap_rules("prices were high and rising fast".split())[2] == "before_conjunction"


def test_a_reporting_verb_before_a_quantifier_opens_its_clause():
    """After "said", a quantifier opens the reported clause ("said | more than 300 millimeters of rain
    fell"): the cue ends there, not between that clause's long subject and its verb (BBC: split long
    sentences at clause boundaries). Before: "Officials said / more than 300 millimeters of rain // fell in
    12 hours."."""
    assert _layout("Officials said more than 300 millimeters of rain fell in 12 hours.", "broadcast") == (
        ("Officials said",), ("more than 300 millimeters", "of rain fell in 12 hours."))
    assert gap_rules("officials said more rain fell".split())[1] == "after_reporting"
    # an article after a reporting verb may open its object ("announced the plan"): no such clause start
    assert gap_rules("officials announced the plan".split())[1] == "before_determiner"


_PIECES = ["Wait...", "...what?", "rained,...", "then", "stopped.", "Yes.", "No...", "a", "long", "word"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_PIECES), min_size=1, max_size=12), min_size=1, max_size=8),
       st.integers(min_value=10, max_value=42))
def test_units_keep_every_word_and_end_at_a_pause(sentences, width):
    """Whatever the sentences, the units hold every word in order; a sentence that ends in an ellipsis ends
    its unit, and no unit holds continuation dots ("... ...") inside it."""
    texts = [" ".join(words) for words in sentences]
    units = list(layout_units(texts, Style(max_chars_per_line=width)))
    assert [w for unit in units for w in unit] == [w for words in sentences for w in words]
    ends, at = set(), 0  # the positions of words that end a sentence trailing off in an ellipsis
    for words in sentences:
        at += len(words)
        if words[-1].endswith("..."):
            ends.add(at)
    at = 0
    for unit in units:
        assert not any(a.endswith("...") and b.startswith("...") for a, b in zip(unit, unit[1:]))
        assert not any(at + k in ends for k in range(1, len(unit)))
        at += len(unit)
