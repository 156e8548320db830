"""Sentence splitting of long paragraphs: Punkt in windows, the same spans as one call, never nltk's time limit."""

from __future__ import annotations

import itertools
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segmenter.language import english
from segmenter.sentences import _tokenizer, sentence_spans, split_sentences

TOKENS = ["Mr.", "Kim", "said", '"No."', "Then", "(he", "left.)", '"Why?"', "she", "asked...", "U.S.", "a.",
          "B.", "Really?!", "Yes.", "4.", "p.m.", "!", "--", "and", "x" * 30, "Sept.", "it.'", "Wow!!!"]


def _dense(size: int) -> str:
    """``a. b. c. ...``: a candidate sentence end every three characters."""
    return " ".join(f"{c}." for c in itertools.islice(itertools.cycle(string.ascii_lowercase), size // 3))


@settings(max_examples=80, deadline=None)
@given(words=st.lists(st.sampled_from(TOKENS), min_size=1, max_size=80),
       spaces=st.sampled_from([" ", "  ", "\n", " \n ", "\t", "\r\n", "\xa0", "\u3000", "\u2028", "\x0b"]),
       window=st.integers(1, 60))
def test_windows_give_the_spans_of_one_call(words, spaces, window):
    """Windows end only at the whitespace Punkt splits tokens at (a no-break space is inside a token)."""
    text = " " + spaces.join(words) + spaces
    assert sentence_spans(text, window=window) == list(_tokenizer(english()).span_tokenize(text))


def test_dense_paragraph_never_meets_nltks_time_limit(monkeypatch):
    """A 1 MB paragraph of ``a. b. c.`` failed with "regular-expression match exceeded its 5.0s time limit":
    one Punkt call on it ran past nltk's wall-clock limit on its patterns. Here the limit is cut to 1 s and
    the text to 45 kB, which one call takes about 2 s to read."""
    redos = pytest.importorskip("nltk.redos", reason="this nltk runs its patterns without a time limit")
    monkeypatch.setattr(redos, "DEFAULT_TIMEOUT", 1.0)
    text = _dense(45_000)
    sentences = split_sentences(text)
    assert " ".join(sentences).split() == text.split()


@pytest.mark.parametrize("text, sentences", [
    ("They met at 3 p.m. The talks failed.", ("They met at 3 p.m.", "The talks failed.")),
    ("He lives in the U.S. But he works in Seoul.", ("He lives in the U.S.", "But he works in Seoul.")),
    ("He said no. Then he left.", ("He said no.", "Then he left.")),
    ("Yes. No. Simple.", ("Yes.", "No.", "Simple.")),
    ("Martin Luther King Jr. He was shot.", ("Martin Luther King Jr.", "He was shot.")),
    # an abbreviation before a word that is no sentence starter, or before a number, holds
    ("The vote is at 3 p.m. Tuesday in the U.S. Senate.", ("The vote is at 3 p.m. Tuesday in the U.S. Senate.",)),
    ("The No. 2 official met Gen. Lee on Sept. 4. It rained.",
     ("The No. 2 official met Gen. Lee on Sept. 4.", "It rained.")),
    # a title or "vs." never ends a sentence, even before a starter; nor does a broadcast pause
    ("He met Dr. He Jiankui in Shenzhen.", ("He met Dr. He Jiankui in Shenzhen.",)),
    ("The case is Roe vs. The State. It was decided.", ("The case is Roe vs. The State.", "It was decided.")),
    ("He waited,... Then he left.", ("He waited,... Then he left.",)),
    # AP state abbreviations, but not those spelled like a word
    ("Rep. Kim (D-Calif.) said so. He left.", ("Rep. Kim (D-Calif.) said so.", "He left.")),
    ("He felt ill. Doctors came.", ("He felt ill.", "Doctors came.")),
    # a quoted question keeps its speech tag
    ('"Are you sure?" he asked. She nodded.', ('"Are you sure?" he asked.', "She nodded.")),
    ('"Go!" He went.', ('"Go!"', "He went.")),
    # dotted initials read like a known abbreviation
    ("J.K. Rowling wrote it. The book sold.", ("J.K. Rowling wrote it.", "The book sold.")),
    ("He works for A.B.C. The firm grew.", ("He works for A.B.C.", "The firm grew.")),
    # plural titles, and a telephone number's abbreviations (only before their number)
    ("Reps. Colin Allred and Jahana Hayes spoke.", ("Reps. Colin Allred and Jahana Hayes spoke.",)),
    ("Call Tel. 202-419-8500, ext. 599. It is open.", ("Call Tel. 202-419-8500, ext. 599.", "It is open.")),
])
def test_abbreviations_end_a_sentence_before_a_sentence_starter(text, sentences):
    assert split_sentences(text) == sentences


@pytest.mark.parametrize("text, sentences", [
    # an abbreviation that closes a quotation, before a sentence starter (Punkt sees no end behind the quote)
    ('He said "I live in the U.S." Then he left.', ('He said "I live in the U.S."', "Then he left.")),
    ('He said "I met Dr." He laughed.', ('He said "I met Dr." He laughed.',)),  # a title still holds
    # a question or exclamation mark before a lowercase word ends nothing: a name, a speech tag
    ("Twenty years ago today, Democracy Now! went on the air. It grew.",
     ("Twenty years ago today, Democracy Now! went on the air.", "It grew.")),
    ("Wait! Stop! He ran.", ("Wait!", "Stop!", "He ran.")),
    # in capitals, an abbreviation ends a sentence only before a word that starts one there
    ("MR. KIM MET GEN. LEE IN THE U.S. ON SEPT. 4. THEY TALKED UNTIL 3 P.M. THEN HE LEFT.",
     ("MR. KIM MET GEN. LEE IN THE U.S. ON SEPT. 4.", "THEY TALKED UNTIL 3 P.M.", "THEN HE LEFT.")),
    ("TRADE BETWEEN THE U.S. AND CHINA FELL.", ("TRADE BETWEEN THE U.S. AND CHINA FELL.",)),
])
def test_sentence_ends_punkt_misses_or_invents(text, sentences):
    assert split_sentences(text) == sentences
