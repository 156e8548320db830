"""Multi-word names (issue 11): the gaps inside a name, for the break search."""

from __future__ import annotations

import pytest

from segmenter.names import name_gaps


@pytest.mark.parametrize("text, inside", [
    ("the new Transportation Security Administration", ["Transportation Security", "Security Administration"]),
    ("at Dallas-Fort Worth International Airport today", ["Dallas-Fort Worth", "Worth International",
                                                          "International Airport"]),
    ("the American Association of Airport Executives says", ["American Association", "Association of",
                                                             "of Airport", "Airport Executives"]),
    ("the vice president said", ["vice president"]),
    ("U.S. Secretary of State Mike Pompeo met", ["U.S. Secretary", "Secretary of", "of State", "State Mike",
                                                "Mike Pompeo"]),
    ("Foreign Minister Kang Kyung-wha told reporters", ["Foreign Minister", "Minister Kang", "Kang Kyung-wha"]),
])
def test_gaps_inside_names(text, inside):
    words = text.split()
    assert sorted(f"{words[i]} {words[i + 1]}" for i in name_gaps(words)) == sorted(inside)


@pytest.mark.parametrize("text", [
    "Seoul, Tokyo, Beijing met.",  # a comma ends the run
    "talks ended. Officials said so",  # a sentence end is no name
    "the end of the talks",  # lower-case words with a connector
    "Officials in Seoul said",  # a capitalised word alone
    "He Said The Talks Would Go On For Many More Weeks After This Round Of Meetings",  # a headline, too long
])
def test_no_name(text):
    assert name_gaps(text.split()) == frozenset()


def test_connector_needs_a_capitalised_word_after_it():
    words = "Bank of the river".split()
    assert name_gaps(words) == frozenset()
    assert name_gaps("Bank of the West opened".split()) == {0, 1, 2}


def test_and_between_capitalised_words_joins_them():
    # "Procter and Gamble", "Health and Human Services"; a list of two places reads the same (and is short)
    assert name_gaps("Seoul, Tokyo and Beijing met.".split()) == {1, 2}
    assert name_gaps("the Department of Health and Human Services said".split()) == {1, 2, 3, 4, 5}
