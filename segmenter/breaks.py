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

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from itertools import compress, repeat
from operator import itemgetter

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
    """A word that starts with a capital, or with a name particle before one ("al-Baghdadi", "el-Sisi").

    >>> _capitalised('"Seoul'), _capitalised("al-Baghdadi"), _capitalised("all-out")
    (True, True, False)
    """
    core = word.lstrip(_OPENERS)
    return bool(core) and (core[0].isupper() or bool(_PARTICLE_NAME.match(core)))


_PARTICLE_NAME = re.compile(r"(?:a[ldnrstz]|ash|el|ibn|bin|abu)[-‐'’][A-Z]")


# Word classes the break rules read beyond the Language's closed-class flags (lists in ``en.toml``).
(INTENS, CATEN, COMPL, CONNECT, COORD, ARTICLE, TRAILING, OBJECT, NUMERAL, REPORTING, WEAK, ADVERBIAL,
 LIST_CONJ) = (1 << i for i in range(13))
_LINKS = CONNECT | COORD
_EXTRA_KEYS = {"intensifiers": INTENS, "catenatives": CATEN, "complement_prepositions": COMPL,
               "name_connectors": CONNECT, "name_coordinators": COORD, "articles": ARTICLE,
               "trailing_adverbs": TRAILING, "object_pronouns": OBJECT, "numerals": NUMERAL,
               "reporting_verbs": REPORTING, "weak_name_connectors": WEAK, "adverbial_particles": ADVERBIAL,
               "list_conjunctions": LIST_CONJ}


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
    kind = lang.word_class(word) if plain and not _capitalised(word) else ""
    return (p, flags, _capitalised(word), _is_number(word), abbreviation, _is_punctuation(word),
            word in _DASHES, lang.looks_adjective(word), kind == "verb", kind == "gerund", extra, kind == "adverb",
            kind == "noun" and word.endswith("s") and not word.endswith("ss"))


def gap_rules(words: list[str], language: Language | None = None) -> list[str]:
    """The rule (a key of ``weights.toml [gap]``) that decides each break after a word but the last.

    >>> gap_rules("Shinzo Abe met the U.S. President, and left.".split())  # doctest: +NORMALIZE_WHITESPACE
    ['name', 'before_verb', 'before_determiner', 'after_article', 'after_abbreviation', 'comma',
     'after_function']
    """
    return [rule for rule, _ in gap_facts(words, language)]


def clause_breaks(words: list[str], language: Language | None = None) -> list[bool]:
    """For each gap, whether a break there falls at clause punctuation or a pause.

    >>> clause_breaks("Ties,... then -- said".split())
    [True, False, True]
    """
    return [clause for _, clause in gap_facts(words, language)]


_COMMA = ("comma", True)
_VERB_PARTICLE = ("before_particle", False)
_INSIDE_NAME = ("inside_name", False)
_DATE_COMMA = ("number_unit", True)
_DAY, _YEAR = re.compile(r"\d{1,2}(?:st|nd|rd|th)?,"), re.compile(r"(?:1\d|20)\d\d\b")
_REPEATED = ("repetition", True)
_BEFORE_PRONOUN, _BEFORE_SUBJECT = ("before_pronoun", False), ("before_subject", False)
_STRANDED = ("before_stranded", False)
_STRANDING = ("stranding", False)  # after a preposition before an auxiliary: gap_facts resolves it
_COMPOUND, _CONTENT_FACT = ("compound", False), ("content", False)
_AFTER_FUNCTION = ("after_function", False)
_BEFORE_PREPOSITIONS = (("before_preposition", False), ("before_complement", False))
_REPORTED_NAME, _AFTER_REPORTING = ("reported_name", False), ("after_reporting", False)
_BEFORE_ADVERB, _VERB_ADVERB = ("before_adverb", False), ("verb_adverb", False)
_MANNER = re.compile(r"\w{3,}ly", re.IGNORECASE)  # "flexibly", "swiftly"; not "only"
#: the facts :func:`gap_facts` revises with a look beyond the two words of a gap
_BEFORE_CONJUNCTION, _COORDINATED = ("before_conjunction", False), ("coordinated_pair", False)
_POST_RULES = frozenset({_VERB_PARTICLE, _STRANDING, _BEFORE_ADVERB, _REPORTED_NAME, _COMPOUND, _BEFORE_PRONOUN,
                         _COMMA, _BEFORE_CONJUNCTION})


def _name_word(feats: tuple) -> bool:
    """A word that can stand in a name: capitalised, not a function word, no punctuation after it."""
    return feats[2] and not feats[1] & FUNCTION and not feats[0] and not feats[5]


def name_run_gaps(words: list[str], language: Language | None = None) -> list[int]:
    """The gaps at connectors (``of``, ``the``, ``for``... and, after one of those, ``and``; lists in
    ``en.toml``) inside runs of capitalised words: the one place that says where a multi-word name holds
    together beyond two capitalised words side by side (rule ``name``). A run starts and ends with a
    capitalised word that is not a function word, nor the sentence's first word before a connector (a
    capitalised common noun: "Officials of the ..."); only its last word may carry punctuation.

    >>> words = "Officials of the American Association of Airport Executives and the TSA met.".split()
    >>> [words[k] for k in name_run_gaps(words)]
    ['Association', 'of']
    >>> words = "He met the Ministry of Trade and Energy and Korea and Japan agreed.".split()
    >>> [words[k] for k in name_run_gaps(words)]
    ['Ministry', 'of', 'Trade', 'and']
    """
    lang = language or english()
    return _name_runs([_features(word, lang) for word in words])


_CAPITALISED = itemgetter(2)  # of a word's features


def _name_runs(feats: list[tuple]) -> list[int]:
    """:func:`name_run_gaps` from the words' features."""
    n, k = len(feats), 2  # the sentence's first word is no name before a connector
    if not any(map(_CAPITALISED, feats[1:n - 2])):
        return []  # no capitalised word before a connector: no run (most sentences)
    links = [0 if f[2] else f[10] & (_LINKS | WEAK) for f in feats]  # a lowercase connector or coordinator
    for i in _where(links, WEAK):  # "the Americans with Disabilities Act", not "Seoul with North Korea"
        named = (2 <= i < n - 2 and feats[i - 2][10] & ARTICLE and _name_word(feats[i + 1])
                 and _starts_name(feats[i + 2]))
        links[i] = CONNECT if named else 0
    gaps: list[int] = []
    for candidate in compress(range(2, n - 1), links[2:n - 1]):  # connectors only: most words are none
        if candidate < k or not _name_word(feats[candidate - 1]):
            continue
        start, after_connector = candidate, -1  # the last connector of the run's previous group
        while True:
            last = start
            while last + 1 < n - 1 and links[last + 1]:
                last += 1
            connects = all(kind & CONNECT for kind in links[start:last + 1])
            joins = connects or (last == start and after_connector == start - 2)  # "of Trade and Energy"
            if not (joins and last + 1 < n and _starts_name(feats[last + 1])):
                break
            gaps.extend(range(start - 1, last + 1))
            nxt = last + 1  # the run goes on past its name words if another connector follows them
            while nxt + 1 < n and _name_word(feats[nxt]) and _name_word(feats[nxt + 1]):
                nxt += 1
            if nxt + 2 >= n or not _name_word(feats[nxt]) or not links[nxt + 1]:
                break
            start, after_connector = nxt + 1, last if connects else -1
        k = start + 1
    return gaps


def _starts_name(feats: tuple) -> bool:
    """A capitalised word that is not a function word (the last word of a run may carry punctuation)."""
    return feats[2] and not feats[1] & FUNCTION


def gap_facts(words: list[str], language: Language | None = None) -> list[tuple[str, bool]]:
    """(rule, at clause punctuation or a pause) for each gap between words: what the break search reads.

    A gap's rule depends on the two words around it, so it is looked up per word pair (news repeats its
    word pairs); only a comma looks further, at its place in the sentence and at the commas that follow.

    >>> facts = gap_facts("In fact, prices rose this year, wages, rents and fees, too.".split())
    >>> [facts[k] for k in (1, 5, 6, 9)]
    [('opener_comma', True), ('list_comma', True), ('last_item_comma', True), ('comma', True)]

    Text all in capitals (a prompter script's) is read in lower case: there, a capital tells nothing of a
    name, and every gap would be priced as one inside a name.

    >>> gap_facts("FARES RISE BY FIFTY CENTS".split()) == gap_facts("fares rise by fifty cents".split())
    True
    """
    lang = language or english()
    if "".join(words).isupper():
        words = [word.lower() for word in words]
    langs = repeat(lang)
    facts = list(map(_pair, words, words[1:], langs))
    feats = list(map(_features, words, langs))
    for k in _name_runs(feats):
        facts[k] = _INSIDE_NAME
    present = _POST_RULES.intersection(facts)  # the facts the passes below revise: one scan, most have none
    if not present and (not facts or facts[-1] not in _BEFORE_PREPOSITIONS):
        return facts
    if _VERB_PARTICLE in present:
        present = set(present)
        for k in _where(facts, _VERB_PARTICLE):  # "go down | with": the verb's phrase ends after its particle
            if k + 1 < len(facts) and facts[k + 1][0] == "after_function":
                facts[k + 1] = _after_particle(words[k + 2], lang, facts[k + 1])
                present.add(facts[k + 1])
    if facts[-1] in _BEFORE_PREPOSITIONS:  # "... the riders we spoke | with": the text ends on it
        facts[-1] = _STRANDED
    for k in _where(facts, _STRANDING) if _STRANDING in present else ():
        # "we spoke | with | were": a stranded preposition ends its clause, the auxiliary opens the next
        if k and facts[k - 1] in _BEFORE_PREPOSITIONS:
            facts[k - 1], facts[k] = _STRANDED, (_rule(_CONTENT, feats[k + 1]), False)
        else:
            facts[k] = _AFTER_FUNCTION
    for k in _where(facts, _BEFORE_ADVERB) if _BEFORE_ADVERB in present else ():
        # "will act | flexibly": a manner adverb completing its verb (not a focusing one opening what
        # follows: "continued | even at", "ease | only at")
        if _MANNER.fullmatch(words[k + 1].rstrip(_CLOSERS + ",;:.!?")) \
                and (feats[k][8] or k and feats[k - 1][1] & (TO | AUX)) and _closes_phrase(feats, k + 1):
            facts[k] = _VERB_ADVERB
    for k in _where(facts, _REPORTED_NAME) if _REPORTED_NAME in present else ():
        # "Seoul says | North Korea's", but "... ," said | Kim"
        facts[k] = _AFTER_REPORTING if k and not feats[k - 1][0] and not feats[k - 1][6] else _CONTENT_FACT
    for k in _where(facts, _COMPOUND) if _COMPOUND in present else ():
        if _verb_context(feats, k):
            facts[k] = _CONTENT_FACT
    for k in _where(facts, _BEFORE_CONJUNCTION) if _BEFORE_CONJUNCTION in present else ():
        if _coordinated_pair(feats, k):  # "strategic | and tactical developments"
            facts[k] = _COORDINATED
    for k in _where(facts, _BEFORE_PRONOUN) if _BEFORE_PRONOUN in present else ():
        # "told them | it was": a pronoun before its verb opens a clause
        if k + 2 < len(words) and (feats[k + 2][1] & (AUX | VERB) or feats[k + 2][8]):
            facts[k] = _BEFORE_SUBJECT
    if _COMMA not in present:
        return facts
    for k in _where(facts, _COMMA):
        if _DAY.fullmatch(words[k]) and _YEAR.match(words[k + 1]):
            facts[k] = _DATE_COMMA  # "Sept. 4, | 2019": a date holds together
        elif k < 4:
            facts[k] = ("opener_comma", True)
        elif "," in [f[0] for f in feats[k + 1:k + 3]]:
            facts[k] = ("list_comma", True)
        elif _before_last_item(feats, k):
            facts[k] = ("last_item_comma", True)
    return facts


_ITEM_ENDS, _ITEM_WORDS = (",", ";", ":"), 4  # a list item before the comma: up to four words after one of these


def _before_last_item(feats: list[tuple], k: int) -> bool:
    """Whether the comma after word ``k`` is a list's last comma: one item (a word, or an article and a
    word) and then "and" or "or" follow it, and an item of up to four words comes before it, after a comma,
    colon, semicolon or dash ("men -- brothers, | fathers and husbands"; not "company, | and that", nor
    "Regardless of the device used, | websites and apps").

    >>> en = english()
    >>> _before_last_item([_features(w, en) for w in "men: brothers, fathers and husbands".split()], 1)
    True
    >>> _before_last_item([_features(w, en) for w in "When he left, prices and wages rose".split()], 2)
    False
    """
    j = k + 1
    if j < len(feats) and feats[j][10] & ARTICLE:
        j += 1
    if not (j + 1 < len(feats) and not feats[j][0] and not feats[j][1] & FUNCTION and not feats[j][5]
            and feats[j + 1][10] & LIST_CONJ):
        return False
    return any(f[0] in _ITEM_ENDS or f[6] for f in feats[max(0, k - _ITEM_WORDS):k])


def _plain(feats: tuple) -> bool:
    """A lowercase word that is no function word, number, verb, -ing form or adverb."""
    return not (feats[1] or feats[2] or feats[3] or feats[8] or feats[9] or feats[11])


def _coordinated_pair(feats: list[tuple], k: int) -> bool:
    """Whether words ``k`` and ``k + 2``, joined by "and" or "or", are a pair inside one phrase: two plain
    lowercase words (no function word, number, verb, -ing form or adverb; no punctuation inside the pair)
    either before a plain word they share, one of them adjective-looking ("strategic | and tactical
    developments", "in layouts | and visual designs"), or after an article, determiner or preposition
    and closing their phrase: punctuation, the end, or an auxiliary after them ("for rice | and wheat
    have risen").

    >>> en = english()
    >>> pair = lambda text, k: _coordinated_pair([_features(w, en) for w in text.split()], k)
    >>> pair("on strategic and tactical developments", 1), pair("prices for rice and wheat have risen", 2)
    (True, True)
    >>> pair("the cats and dogs of the town", 1), pair("when prices and wages rose", 1)
    (False, False)
    """
    if k + 2 >= len(feats) or not feats[k + 1][10] & LIST_CONJ:
        return False
    first, second = feats[k], feats[k + 2]
    if first[0] or not (_plain(first) and _plain(second)):
        return False
    if k and feats[k - 1][1] & (PREP | DET) and (second[0] or k + 3 == len(feats) or feats[k + 3][1] & (AUX | NEG)):
        return True
    if k + 3 >= len(feats) or second[0]:
        return False
    shared = feats[k + 3]
    return bool(first[7] or second[7]) and _plain(shared) and not shared[7]


def _strands(prep: tuple, nxt: tuple, word: str) -> bool:
    """Whether a preposition with features ``prep`` and no punctuation after it is stranded before
    ``word`` (features ``nxt``): an auxiliary or negation follows it, which no noun phrase opens with
    ("the riders we spoke with were", but "apologised for being late", "deserves to be told").

    >>> en = english()
    >>> _strands(_features("with", en), _features("were", en), "were")
    True
    >>> _strands(_features("for", en), _features("being", en), "being")
    False
    >>> _strands(_features("to", en), _features("be", en), "be")
    False
    """
    return (bool(prep[1] & PREP) and not prep[1] & TO and not prep[0] and bool(nxt[1] & (AUX | NEG))
            and not word.endswith("ing"))


def _closes_phrase(feats: list[tuple], k: int) -> bool:
    """Whether word ``k`` ends its phrase: punctuation after it, the sentence's end, or a preposition,
    conjunction, subordinator, relative or "to" after it ("act flexibly | to protect")."""
    if feats[k][0] or k + 1 == len(feats):
        return True
    return bool(feats[k + 1][1] & (PREP | TO | CONJ | SUB | REL))


def _verb_context(feats: list[tuple], k: int) -> bool:
    """Whether words ``k`` and ``k + 1``, two words the lexicon reads as nouns, are rather a verb and what
    follows it: after "to" or an auxiliary the first is a verb ("trying to rally | world opinion"), and a
    word in -s followed by a determiner, a pronoun or a plain word that is no verb, adverb or -ing form is
    a verb with its complement ("city honey | tastes different"), not the head of a compound ("North
    Korea's trash | balloons have landed", "intelligence | approaches suffer")."""
    if k and feats[k - 1][1] & (TO | AUX):
        return True
    if k + 2 >= len(feats) or not feats[k + 1][12]:
        return False
    after = feats[k + 2]
    if after[0] or after[2]:
        return False
    return bool(after[1] & (DET | PRON)) if after[1] else not (after[8] or after[9] or after[11])


def _where(facts: list, fact: tuple) -> list[int]:
    """The places of ``fact`` in ``facts``, found by ``list.count`` and ``list.index`` (most sentences hold
    few or none, and then it costs one scan).

    >>> _where(["a", "b", "a"], "a"), _where(["a"], "b")
    ([0, 2], [])
    """
    places, k = [], -1
    for _ in range(facts.count(fact)):
        k = facts.index(fact, k + 1)
        places.append(k)
    return places


@lru_cache(maxsize=1 << 12)
def _after_particle(b: str, lang: Language, fact: tuple[str, bool]) -> tuple[str, bool]:
    """(rule, clause) of a break after a verb's particle before ``b``: when ``b`` opens a phrase of its own
    (a preposition, conjunction, subordinator), the particle closed the verb's phrase and the break is priced
    as one after a content word ("to go down | with the rise"); before anything else the particle may be a
    preposition and ``fact`` stands ("ran down | the road")."""
    feats_b = _features(b, lang)
    rule = _rule(_CONTENT, feats_b)
    return _stranded((rule, False), feats_b) if rule in _PHRASE_STARTS else fact


_PHRASE_STARTS = {"before_preposition", "before_complement", "before_conjunction", "before_subordinate"}


_CONTENT = ("", 0, False, False, False, False, False, False, False, False, 0, False, False)  # a plain lowercase noun


@lru_cache(maxsize=1 << 18)
def _pair(a: str, b: str, lang: Language) -> tuple[str, bool]:
    """(rule, clause) of a break between words ``a`` and ``b``; :data:`_COMMA` for any comma."""
    fa_feats, fb_feats = _features(a, lang), _features(b, lang)
    clause = fa_feats[0] in ("...", ";", ":", ",") or fa_feats[6]
    rule = _rule(fa_feats, fb_feats)
    if rule == "comma" and lang.word_key(a) == lang.word_key(b):
        return _REPEATED  # "very, | very real": a word repeated for emphasis
    if rule == "after_function" and _strands(fa_feats, fb_feats, b):
        return _STRANDING
    return _COMMA if rule == "comma" else _stranded((rule, clause), fb_feats)


def _stranded(fact: tuple[str, bool], feats_b: tuple) -> tuple[str, bool]:
    """``fact``, or :data:`_STRANDED` for a break before a preposition (not "to") that punctuation
    follows: it ends its clause ("the riders we spoke | with.")."""
    if fact in _BEFORE_PREPOSITIONS and feats_b[0] and feats_b[1] & PREP and not feats_b[1] & TO:
        return _STRANDED
    return fact


def _rule(feats_a: tuple, feats_b: tuple) -> str:
    """The first rule that applies to a break between two words with these features."""
    p, fa, cap_a, num_a, abbr_a, _, dash_a, adj_a, past_a, ger_a, xa, adv_a, plural_a = feats_a
    _, fb, cap_b, num_b, abbr_b, punct_b, _, _, past_b, ger_b, xb, adv_b, _ = feats_b
    if fa & TITLE and not cap_b:
        fa &= ~TITLE  # a title not before a name is a noun: "the minister | arrived"
    if punct_b:
        return "before_punctuation"
    if p == "...":
        return "ellipsis"
    if p in (";", ":", "!", "?", ".") or dash_a:
        return "clause"
    if p == ",":
        return "comma"
    if abbr_a and (cap_b or num_b):
        return "after_abbreviation"
    if fa & TITLE and cap_b:
        return "after_title"
    if cap_a and not fa and fb & TITLE and abbr_b:
        return "before_determiner"  # an abbreviated title opens the name it heads: "Republican | Sen. Bill Cassidy"
    if cap_a and cap_b and not fa & FUNCTION:
        return "name"
    if ((num_a or xa & NUMERAL) and (fb & UNIT or not fb and not xb & INTENS and not adv_b)
            or cap_a and num_b and not fa):
        return "number_unit"  # "6.6 trillion | won", "five | years"; a name before its number: "June | 21"
    if xa & ARTICLE and (not fb & FUNCTION or fb & DET):  # "the | most", "a | few" end on an article too
        return "after_article"
    if fa & FUNCTION and not fa & SUBJ or xa & INTENS:
        return "after_function"
    if fa & SUBJ or fa & PRON and fb & AUX and not xa & OBJECT:
        return "after_subject"
    if fb & PARTICLE and (past_a or fa & VERB or (plural_a or ger_a) and xb & ADVERBIAL):  # "rolls | off"
        return "before_particle"
    if fb & TO and xa & CATEN:
        return "before_bound_infinitive"
    if fb & CONJ:
        return "before_conjunction"
    if fb & (SUB | REL):
        return "before_subordinate"
    if xb & COMPL:
        return "before_complement"
    if fb & (PREP | TO):
        return "before_preposition"
    if fb & DET and xa & REPORTING and not xb & ARTICLE and not cap_b:
        return "after_reporting"  # a quantifier opens the reported clause: "said | more than 300 millimeters"
    if fb & DET:
        return "before_determiner"
    if fb & SUBJ:
        return "before_subject"
    if fb & PRON:
        return "before_pronoun"
    if fb & (AUX | NEG):
        return "before_auxiliary"
    if adv_a and (fb & VERB or past_b):
        return "after_adverb"
    if fb & VERB or (not fb and not fa and past_b):
        return "before_verb"
    if not fb and not fa and ger_b:
        return "before_gerund"
    if adv_b and not fa and not adv_a and not xb & TRAILING:
        return "before_adverb"
    if xa & REPORTING and not fb:
        return "reported_name" if cap_b else "after_reporting"  # gap_facts reads the word before
    if adj_a and not fb:
        return "after_adjective"
    if not (fa or fb or cap_a or cap_b or num_a or num_b or past_a or adv_a or past_b or ger_b or adv_b
            or xa or xb or p):
        return "compound"  # a noun modifying the noun after it: "trash | balloons", "health | care"
    return "content"
