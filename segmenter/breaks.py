"""How good a break after each word is: one cost per gap between words, from rules and a lexicon.

The rules and their costs are in ``segmenter/data/weights.toml`` (section ``[gap]``); the word classes in
``segmenter/data/en.toml`` (the closed classes through :class:`~segmenter.language.Language`, and three more
read here: intensifiers, catenative verbs, complement prepositions). The first rule that applies wins, in the
order of :func:`gap_rules`; ``bench/QUALITY.md`` has them as a table.

>>> words = "The two met for around 50 minutes, longer than planned.".split()
>>> costs = gap_costs(words)
>>> dict(zip(words, costs))["minutes,"] < dict(zip(words, costs))["50"]
True
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from .language import (AUX, CONJ, DET, FUNCTION, NEG, PARTICLE, PREP, PRON, REL, SUB, SUBJ, TITLE, TO, UNIT, VERB,
                       Language, english)

_CLOSERS = "\"'”’)]»"
_OPENERS = "\"'“‘([«"
_DASHES = {"-", "--", "—", "–", "---"}


@dataclass(frozen=True)
class Weights:
    """The costs of the break search: ``gap`` per break rule; ``block`` and ``line``, extra per rule for a
    block (cue) break and a line break (defaults ``layout.block_at_word`` and ``layout.line_at_punct`` at
    clause punctuation); ``layout`` per block and line."""

    gap: dict
    layout: dict
    block: dict
    line: dict

    def __hash__(self) -> int:
        return id(self)


@cache
def default_weights() -> Weights:
    """The weights shipped in ``segmenter/data/weights.toml``."""
    text = resources.files("segmenter.data").joinpath("weights.toml").read_text(encoding="utf-8")
    data = tomllib.loads(text)
    return Weights(dict(data["gap"]), dict(data["layout"]), dict(data["block"]), dict(data.get("line", {})))


def _punct(word: str) -> str:
    """The punctuation a word ends with, closing quotes aside: '...', ',', ';', '.', or ''."""
    core = word.rstrip(_CLOSERS)
    if core.endswith(("...", "…")):
        return "..."
    return core[-1] if core and core[-1] in ",;:.!?" else ""


def _is_number(word: str) -> bool:
    core = word.lstrip(_OPENERS + "$€£¥₩~+-")
    return bool(core) and core[0].isdigit()


def _capitalised(word: str) -> bool:
    core = word.lstrip(_OPENERS)
    return bool(core) and core[0].isupper()


def _looks_past_verb(word: str) -> bool:
    core = word.strip(_OPENERS + _CLOSERS + ",;:.!?")
    return len(core) > 4 and core.islower() and core.endswith("ed")


def _looks_gerund(word: str) -> bool:
    core = word.strip(_OPENERS + _CLOSERS + ",;:.!?")
    return len(core) > 5 and core.islower() and core.endswith("ing")


# Word classes the break rules read beyond the Language's closed-class flags (lists in ``en.toml``).
INTENS, CATEN, COMPL = 1, 2, 4
_EXTRA_KEYS = {"intensifiers": INTENS, "catenatives": CATEN, "complement_prepositions": COMPL}


@cache
def _extra_lexicon(code: str) -> dict[str, int]:
    """Extra word classes of a language from ``segmenter/data/<code>.toml`` (empty when it has none)."""
    try:
        text = resources.files("segmenter.data").joinpath(f"{code}.toml").read_text(encoding="utf-8")
    except (FileNotFoundError, OSError):
        return {}
    table = tomllib.loads(text)
    lexicon: dict[str, int] = {}
    for key, flag in _EXTRA_KEYS.items():
        for word in table.get(key, ()):
            lexicon[word] = lexicon.get(word, 0) | flag
    return lexicon


def _is_punctuation(word: str) -> bool:
    return word in _DASHES or not any(ch.isalnum() for ch in word)


def gap_costs(words: list[str], language: Language | None = None, weights: Weights | None = None) -> list[float]:
    """Cost of a break after each word but the last of a sentence (``len(words) - 1`` values)."""
    w = (weights or default_weights()).gap
    return [w[rule] for rule in gap_rules(words, language)]


@lru_cache(maxsize=1 << 16)
def _features(word: str, lang: Language) -> tuple:
    """Per-word facts the rules read, computed once per distinct word (news text repeats its words)."""
    p = _punct(word)
    abbreviation = lang.is_abbreviation(word)
    if p == "." and abbreviation:
        p = ""
    flags = lang.word_flags(word)
    plain = not flags
    extra = _extra_lexicon(lang.code).get(lang.word_key(word), 0)
    return (p, flags, _capitalised(word), _is_number(word), abbreviation, _is_punctuation(word),
            word in _DASHES, lang.looks_adjective(word), plain and _looks_past_verb(word),
            plain and _looks_gerund(word), extra)


def gap_rules(words: list[str], language: Language | None = None) -> list[str]:
    """The rule (a key of ``weights.toml [gap]``) that decides each break after a word but the last.

    >>> gap_rules("Shinzo Abe met the U.S. President, and left.".split())  # doctest: +NORMALIZE_WHITESPACE
    ['name', 'before_verb', 'before_determiner', 'after_function', 'after_abbreviation', 'comma',
     'after_function']
    """
    lang = language or english()
    feats = [_features(word, lang) for word in words]
    rules = []
    for k in range(len(words) - 1):
        p, fa, cap_a, num_a, abbr_a, _, dash_a, adj_a, past_a, _, xa = feats[k]
        _, fb, cap_b, num_b, _, punct_b, _, _, past_b, ger_b, xb = feats[k + 1]
        if fa & TITLE and not cap_b:
            fa &= ~TITLE  # a title not before a name is a noun: "the minister | arrived"
        if punct_b:
            rule = "before_punctuation"
        elif p == "...":
            rule = "ellipsis"
        elif p in (";", ":", "!", "?", ".") or dash_a:
            rule = "clause"
        elif p == ",":
            if k < 4:
                rule = "opener_comma"
            elif any(f[0] == "," for f in feats[k + 1:k + 3]):
                rule = "list_comma"
            else:
                rule = "comma"
        elif abbr_a and (cap_b or num_b):
            rule = "after_abbreviation"
        elif fa & TITLE and cap_b:
            rule = "after_title"
        elif cap_a and cap_b and not fa & FUNCTION:
            rule = "name"
        elif num_a and (fb & UNIT or not fb):
            rule = "number_unit"
        elif fa & FUNCTION and not fa & SUBJ or xa & INTENS:
            rule = "after_function"
        elif fa & SUBJ or fa & PRON and fb & AUX:
            rule = "after_subject"
        elif fb & PARTICLE and (past_a or fa & VERB):
            rule = "before_particle"
        elif fb & TO and xa & CATEN:
            rule = "before_bound_infinitive"
        elif fb & CONJ:
            rule = "before_conjunction"
        elif fb & (SUB | REL):
            rule = "before_subordinate"
        elif xb & COMPL:
            rule = "before_complement"
        elif fb & (PREP | TO):
            rule = "before_preposition"
        elif fb & DET:
            rule = "before_determiner"
        elif fb & SUBJ:
            rule = "before_subject"
        elif fb & PRON:
            rule = "before_pronoun"
        elif fb & (AUX | NEG):
            rule = "before_auxiliary"
        elif fb & VERB or (not fb and not fa and past_b):
            rule = "before_verb"
        elif not fb and not fa and ger_b:
            rule = "before_gerund"
        elif adj_a and not fb:
            rule = "after_adjective"
        else:
            rule = "content"
        rules.append(rule)
    return rules


def clause_breaks(words: list[str], language: Language | None = None) -> list[bool]:
    """For each word, whether a break after it falls at clause punctuation or a pause.

    >>> clause_breaks("Ties,... then -- said".split())
    [True, False, True, False]
    """
    lang = language or english()
    return [f[0] in ("...", ";", ":", ",") or f[6] for f in (_features(w, lang) for w in words)]
