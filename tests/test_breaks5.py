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
    # a stranded preposition ending a sentence keeps the sentence end after it (two sentences in one unit)
    assert gap_rules("The people we spoke with. Then they left.".split())[3:5] == ["before_stranded", "clause"]


def test_a_noun_stays_with_the_noun_it_modifies():
    """A noun-noun compound is a modifier and its noun (DCMP: do not split a modifier from its word);
    before: "North Korea sent hundreds of trash / balloons across the border overnight."."""
    assert _layout("North Korea sent hundreds of trash balloons across the border overnight.", 37) == (
        ("North Korea sent hundreds", "of trash balloons"), ("across the border overnight.",))
    words = "the trash balloons landed".split()
    assert gap_rules(words) == ["after_article", "compound", "before_verb"]


def test_an_adverb_stays_with_the_verb_it_completes():
    """A manner adverb ending its verb phrase ("act flexibly", then "to" a new phrase) stays with the verb
    (before: "In the coming weeks we will act / flexibly to protect our people."); a word after "will" is a
    verb even where the lexicon reads it as a noun."""
    assert _layout("In the coming weeks we will act flexibly to protect our people.", 42) == (
        ("In the coming weeks we will act flexibly", "to protect our people."),)
    rules = gap_rules("we will act flexibly to help".split())
    assert rules[2] == "verb_adverb"
    # an adverb opening the predicate after a noun still opens it: "the deal | still looks"
    assert gap_rules("the deal still looks good".split())[1] == "before_adverb"


def test_a_phrasal_verb_keeps_its_particle():
    """Netflix, BBC: never separate a verb and its particle (before: "The prices are expected to go /
    down sharply in the coming months.")."""
    assert _layout("The prices are expected to go down sharply in the coming months.", 37) == (
        ("The prices are expected to go down", "sharply in the coming months."),)


def test_an_article_before_a_quantifier_is_still_an_article():
    """A line ending on "the" before "most" or "other" leaves the article hanging as before a noun."""
    words = "one of the most difficult and the other few".split()
    rules = dict(zip(range(len(words)), gap_rules(words)))
    assert rules[2] == rules[6] == "after_article"


def test_a_name_holds_its_preposition_after_an_article():
    """"the Americans with Disabilities Act" is one name (before: "The new rules follow the Americans /
    with Disabilities Act, // which bans discrimination."); "Seoul with North Korea" is two."""
    assert _layout("The new rules follow the Americans with Disabilities Act, which bans discrimination.", 42) == (
        ("The new rules follow", "the Americans with Disabilities Act,"), ("which bans discrimination.",))
    words = "Talks in Seoul with North Korea ended.".split()
    assert gap_rules(words)[2:4] == ["before_preposition", "after_function"]
    words = "He met the Council on Foreign Relations".split()
    assert gap_rules(words)[3:5] == ["inside_name", "inside_name"]


def test_a_reported_clause_opens_after_its_verb_before_a_name():
    """"Seoul says | North Korea's ..." opens the reported clause as "said | exports" does, so the
    compound stays whole (before: "South Korea says North Korea's trash / balloons have landed in Seoul
    and Incheon."); after punctuation the name is the verb's own subject ("..., said | Kim")."""
    assert _layout("South Korea says North Korea's trash balloons have landed in Seoul and Incheon.", 42) == (
        ("South Korea says",), ("North Korea's trash balloons", "have landed in Seoul and Incheon."))
    assert gap_rules("The talks went well, said Kim Jong-un.".split())[4] == "content"


def test_a_verb_in_s_keeps_its_adverbial_particle():
    """"rolls | off", "coming | down": a verb and its particle although the lexicon reads "rolls" as a
    plural noun and "coming" as an -ing form (before: "The new slogan rolls / off the tongue," and "Oil
    prices are coming / down as supply picks up again."); "talks | on" keeps its preposition's cheap break."""
    assert _layout("The new slogan rolls off the tongue, but voters are not convinced.", 32) == (
        ("The new slogan", "rolls off the tongue,"), ("but voters are not convinced.",))
    assert _layout("Oil prices are coming down as supply picks up again.", 37) == (
        ("Oil prices are coming down", "as supply picks up again."),)
    assert gap_rules("the week rolls off".split())[2] == "before_particle"
    assert gap_rules("the peace talks on trade".split())[2] == "before_preposition"
