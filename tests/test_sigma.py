"""bench/sigma.py: EvalSubtitle's Sigma, checked against sacreBLEU 2.6.0 with EvalSubtitle's formula."""

from __future__ import annotations

import sys

import pytest
from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
from sigma import sigma, tagged_sentences, tokenize_13a  # noqa: E402

REF = ["In the first year, <eol> his goal was to build a school. <eob>",
       "We had two goals: <eol> to learn fast and to fail cheaply. <eob>",
       "It is 4,000 dollars, <eob> or about 3.5 million won. <eob>"]
SYS = ["In the first year, his goal <eol> was to build a school. <eob>",
       "We had two goals: <eob> to learn fast <eol> and to fail cheaply. <eob>",
       "It is 4,000 dollars, <eol> or about 3.5 million won. <eob>"]


def test_sigma_matches_sacrebleu_and_evalsubtitle():
    assert sigma(SYS, REF) == pytest.approx(69.14214, abs=1e-4)  # sacreBLEU 2.6.0 + EvalSubtitle's sigma_eval
    assert sigma(REF, REF) == pytest.approx(100.0)


def test_tokenize_13a_splits_like_sacrebleu():
    assert tokenize_13a("goals: µ to 4,000 won.§") == ["goals", ":", "µ", "to", "4,000", "won", ".", "§"]


def test_tagged_sentences_put_system_breaks_into_the_reference_sentences():
    words = ("A", "b", "c.", "D", "e.")
    labels = (None, "eol", "eob", None, "eob")
    assert tagged_sentences(words, labels, ["A b c.", "D e."]) == ["A b <eol> c. <eob>", "D e. <eob>"]
    with pytest.raises(ValueError):
        tagged_sentences(words, labels, ["A x c.", "D e."])
