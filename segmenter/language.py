"""Language specifics, isolated the way Punkt's ``PunktLanguageVars`` isolates them.

Everything the pipeline knows about English (abbreviations, closed-class words, what a name or a unit
looks like) lives in one :class:`Language` object built from data files; another language is another object.

>>> en = english()
>>> en.is_abbreviation("U.S."), en.is_abbreviation("Seoul.")
(True, False)
>>> en.word_flags("the") & DET != 0
True
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

# Word-class flags (bits), combined per word.
DET, PREP, CONJ, SUB, REL, TO, AUX, NEG, PRON, SUBJ, UNIT, TITLE, PARTICLE, VERB = (1 << i for i in range(14))
#: classes that open a phrase: a break falls before them and never right after them
FUNCTION = DET | PREP | CONJ | SUB | REL | TO | AUX | NEG | TITLE

_CLASS_KEYS = {
    "determiners": DET, "prepositions": PREP, "conjunctions": CONJ, "subordinators": SUB,
    "relatives": REL, "infinitive": TO, "auxiliaries": AUX, "negations": NEG, "pronouns": PRON,
    "subject_pronouns": SUBJ, "units": UNIT, "titles": TITLE, "particles": PARTICLE, "verbs": VERB,
}

_INITIALS = re.compile(r"(?:[a-z]\.){2,}")  # dotted initials, lowercased: "j.k.", "a.b.c."
_OPENING = "\"'“‘("  # what may open a token before an abbreviation: quotes, a parenthesis
_STRIP = "\"'“”‘’()[]{}«»,;:!?."


@dataclass(frozen=True, eq=False)
class Language:
    """Abbreviations and a closed-class lexicon for one language (compared by identity)."""

    code: str
    abbreviations: frozenset[str]
    lexicon: dict[str, int]
    adjective_suffixes: tuple[str, ...]
    sentence_starters: frozenset[str] = frozenset()
    joining_abbreviations: frozenset[str] = frozenset()
    number_abbreviations: frozenset[str] = frozenset()
    capital_sentence_starters: frozenset[str] = frozenset()
    initialisms: frozenset[str] = frozenset()

    def is_abbreviation(self, token: str) -> bool:
        """True when ``token`` (with its final period) is a known abbreviation."""
        return token.lower().lstrip(_OPENING) in self.abbreviations

    def holds_sentence(self, token: str, following: str) -> bool:
        """True where no sentence ends after ``token``, given the text ``following`` it: after a title or a
        joining abbreviation ("Dr. He Jiankui", "Roe vs. Wade"), or a number's abbreviation before its number
        ("No. 2", but "No. Simple.").

        >>> en = english()
        >>> en.holds_sentence("Dr.", "He"), en.holds_sentence("vs.", "Wade"), en.holds_sentence("p.m.", "The")
        (True, True, False)
        >>> en.holds_sentence("No.", "2 official"), en.holds_sentence("No.", "Simple.")
        (True, False)
        >>> en.holds_sentence("J.K.", "Rowling wrote"), en.holds_sentence("A.B.", "The end.")
        (True, False)
        """
        key = token.lower().lstrip(_OPENING)
        if key in self.number_abbreviations:
            return following[:1].isdigit()
        if _INITIALS.fullmatch(key) and key not in self.abbreviations:  # "J.K. Rowling", as Punkt reads "U.S."
            first = following.split(None, 1)[0] if following.strip() else ""
            return not self.starts_sentence(first)
        return key in self.joining_abbreviations or key.endswith(".") and bool(self.lexicon.get(key, 0) & TITLE)

    def starts_sentence(self, word: str) -> bool:
        """True for a capitalised word that often starts a sentence (``sentence_starters``): after an
        abbreviation, the sign that a sentence ended there.

        >>> english().starts_sentence("Then"), english().starts_sentence("then"), english().starts_sentence("Seoul")
        (True, False, False)
        """
        return word[:1].isupper() and self.word_key(word) in self.sentence_starters

    def word_key(self, token: str) -> str:
        """The lexicon key of a token: lowercase, a typographic apostrophe read as a plain one ("don’t"),
        outer punctuation and possessive stripped.

        >>> english().word_key("Don’t"), english().word_key('"Korea’s')
        ("don't", 'korea')
        """
        key = token.lower().replace("’", "'")
        if key in self.abbreviations:
            return key
        key = key.strip(_STRIP)
        return key[:-2] if key.endswith(("'s", "’s")) else key

    def word_flags(self, token: str) -> int:
        """The closed-class flags of a token (0 for content words); a pronoun with a contracted "is" or
        "has" ("it's", "there's") is a subject.

        >>> en = english()
        >>> en.word_flags("it's") & SUBJ == SUBJ, en.word_flags("it") & SUBJ
        (True, 0)
        """
        flags = self.lexicon.get(self.word_key(token), 0)
        if flags & PRON and token.lower().rstrip(_STRIP).endswith(("'s", "’s")):
            flags |= SUBJ
        return flags

    def looks_adjective(self, token: str) -> bool:
        """A rough guess from the suffix, used only to avoid splitting adjective and noun."""
        key = self.word_key(token)
        return len(key) > 4 and key.endswith(self.adjective_suffixes)

    def word_class(self, token: str) -> str:
        """The part of speech a word most often has: ``verb``, ``gerund``, ``adjective``, ``adverb``,
        ``particle`` or ``noun``, from the lexicon in ``segmenter/data/pos-<code>.txt`` (loaded at first
        use), else guessed from its suffix (:func:`guess_class`).

        >>> en = english()
        >>> en.word_class("forgot"), en.word_class("hundred"), en.word_class("colonial")
        ('verb', 'noun', 'adjective')
        """
        key = self.word_key(token)
        if self.lexicon.get(key, 0) & VERB:
            return "verb"
        return _pos_lexicon(self.code).get(key) or guess_class(key, self.adjective_suffixes)

    def punkt_parameters(self):
        """Punkt parameters that know this language's abbreviations (no training data, no downloads)."""
        from nltk.tokenize.punkt import PunktParameters

        params = PunktParameters()
        params.abbrev_types = {a[:-1] for a in self.abbreviations - self.number_abbreviations if a.endswith(".")}
        params.sent_starters = set(self.sentence_starters)
        return params


_GUESS_ADJECTIVE = ("al", "ive", "ous", "ful", "ic", "ian", "ese", "ish", "able", "ible", "ary", "less", "ent",
                    "ant")


def guess_class(key: str, adjective_suffixes: tuple[str, ...] = _GUESS_ADJECTIVE) -> str:
    """A word's likely part of speech from its shape alone: -ed a verb, -ing a gerund, -ly an adverb,
    an adjective suffix an adjective, else a noun.

    >>> guess_class("wrapped"), guess_class("having"), guess_class("colonial"), guess_class("talks")
    ('verb', 'gerund', 'adjective', 'noun')
    """
    if len(key) > 4 and key.endswith("ed"):
        return "verb"
    if len(key) > 5 and key.endswith("ing"):
        return "gerund"
    if len(key) > 4 and key.endswith("ly"):
        return "adverb"
    if len(key) > 4 and key.endswith(adjective_suffixes):
        return "adjective"
    return "noun"


@cache
def _pos_lexicon(code: str) -> dict[str, str]:
    """word -> class from ``segmenter/data/pos-<code>.txt`` (empty when there is none)."""
    try:
        text = _data(f"pos-{code}.txt")
    except (FileNotFoundError, OSError):
        return {}
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            kind, _, words = line.partition(":")
            table.update(dict.fromkeys(words.split(), kind))
    return table


def _data(name: str) -> str:
    return resources.files("segmenter.data").joinpath(name).read_text(encoding="utf-8")


@cache
def english() -> Language:
    """The English language object, loaded once from ``segmenter/data``."""
    abbreviations = frozenset(
        line.strip().lower() for line in _data("abbreviations-en.txt").splitlines()
        if line.strip() and not line.startswith("#"))
    table = tomllib.loads(_data("en.toml"))
    lexicon: dict[str, int] = {}
    for key, flag in _CLASS_KEYS.items():
        for word in table[key]:
            lexicon[word] = lexicon.get(word, 0) | flag
    return Language("en", abbreviations, lexicon, tuple(table["adjective_suffixes"]),
                    frozenset(table["sentence_starters"]), frozenset(table["joining_abbreviations"]),
                    frozenset(table["number_abbreviations"]), frozenset(table["capital_sentence_starters"]),
                    frozenset(table["initialisms"]))
