"""Sentence splitting with nltk's Punkt, offline, aware of news abbreviations and broadcast ellipses.

Punkt runs with parameters built from the language's abbreviation list, so no trained model (and no
``nltk.download``) is needed. A broadcast ellipsis (``,...`` or ``...``) is a pause inside the sentence;
a bare ``...`` ends the sentence only when a capitalised word follows.

>>> split_sentences("U.S. President Trump met Gen. Lee at 3 p.m. on Sept. 4. They talked.")
('U.S. President Trump met Gen. Lee at 3 p.m. on Sept. 4.', 'They talked.')
>>> split_sentences("He waited,... Then he left... and came back... Nobody saw him.")
('He waited,... Then he left... and came back...', 'Nobody saw him.')
>>> split_sentences("Wow!!! Really?!")
('Wow!!!', 'Really?!')
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cache
from itertools import repeat
from operator import itemgetter

from .language import Language, english

# A bare ellipsis (not after a comma) followed by a capitalised word: a sentence end.
_ELLIPSIS_END = re.compile(r"(?<![,\s])(?:\.\.\.|…)(?=\s+[\"“‘']?[A-Z])")


@cache
def _tokenizer(language: Language):
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    return PunktSentenceTokenizer(language.punkt_parameters())


@cache
def _end_chars(language: Language) -> tuple[str, ...]:
    """The characters that can end a sentence: Punkt's, and the ellipsis character."""
    return (*_tokenizer(language)._lang_vars.sent_end_chars, "…")


def split_sentences(text: str, language: Language | None = None) -> tuple[str, ...]:
    """Split ``text`` into sentences; every character but the whitespace between them is kept."""
    language = language or english()
    stripped = text.strip()
    parts = stripped.rsplit(None, 1)
    head = parts[0] if len(parts) == 2 else ""
    if not any(char in head for char in _end_chars(language)):
        return (stripped,) if stripped else ()  # no sentence end before the last word: one sentence
    pieces: list[str] = []
    last_end = None
    for start, end in sentence_spans(text, language):
        if pieces and (start > 0 and not text[start - 1].isspace() or _holds(pieces[-1], text[start:end], language)):
            pieces[-1] += text[last_end:end]
        else:
            pieces.append(text[start:end])
        last_end = end
    out: list[str] = []
    for piece in pieces:
        if "..." not in piece and "…" not in piece and not any(map(piece.__contains__, _QUOTED_PERIODS)):
            out.append(piece.strip())
            continue
        cut = 0
        for end in _inner_ends(piece, language):
            out.append(piece[cut:end].strip())
            cut = end
        rest = piece[cut:].strip()
        if rest:
            out.append(rest)
    return tuple(s for s in out if s)


#: a period closed by a quotation mark before another word: 'in the U.S." Then'
_QUOTED_PERIODS = ('."', ".”", ".'", ".’")
_QUOTED_STOP = re.compile(r"(\S+\.)[\"”’']+(?=\s+(\S+))")


def _inner_ends(piece: str, language: Language) -> list[int]:
    """Sentence ends inside one of Punkt's sentences: a bare ellipsis before a capitalised word, and an
    abbreviation that ends a quotation before a sentence starter ('He said "I live in the U.S." Then he
    left.': Punkt sees no sentence end behind the quotation mark).

    >>> piece = 'He said "I live in the U.S." Then he left... Nobody knew.'
    >>> [piece[:end] for end in _inner_ends(piece, english())]
    ['He said "I live in the U.S."', 'He said "I live in the U.S." Then he left...']
    """
    ends = [match.end() for match in _ELLIPSIS_END.finditer(piece)]
    for match in _QUOTED_STOP.finditer(piece):
        token, following = match.group(1), match.group(2)
        if (language.is_abbreviation(token) and language.starts_sentence(following)
                and not language.holds_sentence(token, following)):
            ends.append(match.end())
    return sorted(ends)


def _holds(piece: str, following: str, language: Language) -> bool:
    """Whether Punkt's sentence ``piece`` goes on into the ``following`` one: it ends on a title, a joining
    abbreviation or a number's abbreviation before its number (:meth:`Language.holds_sentence`), on a
    broadcast pause (",... | Then"), where Punkt's sentence-starter list would end it, on a question or
    exclamation mark before a lowercase word (a speech tag, or a name such as "Democracy Now!"), or on an
    abbreviation in text all in capitals before a word that seldom starts a sentence there (en.toml
    ``capital_sentence_starters``). (A cut inside a token, "!!!", is the caller's.)

    >>> en = english()
    >>> _holds("He met Dr.", "He Jiankui.", en), _holds("He waited,...", "Then he left.", en)
    (True, True)
    >>> _holds("He left.", "Then", en), _holds("The No.", "2 man.", en), _holds("No.", "Simple.", en)
    (False, True, False)
    >>> _holds('"Are you sure?"', "he asked.", en), _holds('"Go!"', "He went.", en)
    (True, False)
    >>> _holds("Democracy Now!", "went on the air.", en), _holds("IN THE U.S.", "ON MONDAY.", en)
    (True, True)
    >>> _holds("AT 3 P.M.", "THEY LEFT.", en), _holds("at 3 p.m.", "On Monday, they left.", en)
    (False, False)
    """
    last = piece.rsplit(None, 1)[-1]
    if following[:1].islower() and last.rstrip(_CLOSERS).endswith(("?", "!")):
        return True  # '"Are you sure?" he asked.', 'Democracy Now! went on the air': no sentence ends there
    if last.endswith((",...", ",…")) or language.holds_sentence(last, following):
        return True
    # in capitals, Punkt's sentence starters ("ON", "AND") say nothing: after an abbreviation only a few do
    return (language.is_abbreviation(last) and piece.isupper() and following[:1].isupper()
            and language.word_key(following.split(None, 1)[0]) not in language.capital_sentence_starters)


_CLOSERS = "\"'”’)"


#: Punkt reads a long text in windows of about this many characters (see :func:`sentence_spans`)
WINDOW = 4096


def sentence_spans(text: str, language: Language | None = None, window: int = WINDOW) -> list[tuple[int, int]]:
    """Punkt's sentence spans of ``text``, Punkt run on windows of about ``window`` characters.

    Punkt decides a break from the token before it and the token after it (our parameters carry no learned
    context), so a window's breaks are final up to its last token, where the next window starts again:
    the spans are those of one call on the whole text, in time linear in its length. nltk runs each
    pattern under a wall-clock limit (5 s), which one call on a dense megabyte (``a. b. c. ...``,
    a candidate end every three characters) exceeds; a window stays far below it.

    >>> text = "He left. She stayed. They met again in Seoul on Sept. 4. It rained."
    >>> sentence_spans(text, window=12) == sentence_spans(text, window=10**6)
    True
    """
    tokenizer = _tokenizer(language or english())
    if len(text) <= window:
        return list(tokenizer.span_tokenize(text))
    spans: list[tuple[int, int]] = []
    open_start = None  # where the sentence still open at the window's start began
    pos = 0
    while True:
        end = _window_end(text, pos, window)
        found = [(pos + a, pos + b) for a, b in tokenizer.span_tokenize(text[pos:end])]
        if open_start is not None and found:
            found[0] = (open_start, found[0][1])
        if end >= len(text) or not found:
            return spans + found
        pos = max(map(text.rfind, _SPACES, repeat(pos), repeat(end))) + 1  # the window's last token: again
        final = bisect_right(found, pos, key=_END)  # the spans that end before it
        spans.extend(found[:final])
        open_start = found[final][0]


_END = itemgetter(1)
# the whitespace Punkt splits tokens at (not the no-break or ideographic space, which Python's \s matches)
_SPACES = " \t\n\r\f\v"
_TOKEN_END = re.compile(r"[^ \t\n\r\f\v](?=[ \t\n\r\f\v])")
_SECOND_TOKEN = re.compile(r"[ \t\n\r\f\v]+[^ \t\n\r\f\v]+")


def _window_end(text: str, pos: int, window: int) -> int:
    """Where a window from ``pos`` ends: at the end of the first token that ends ``window`` characters or
    more on and after two tokens (or at the end of the text)."""
    second = _SECOND_TOKEN.search(text, pos)
    if second is None:
        return len(text)
    end = _TOKEN_END.search(text, max(pos + window, second.end()) - 1)
    return end.end() if end else len(text)


def ends_with_ellipsis(word: str) -> bool:
    """True for a word that ends in a broadcast pause (``...`` or ``…``, quotes aside).

    >>> ends_with_ellipsis('ties,...'), ends_with_ellipsis('ends.')
    (True, False)
    """
    return word.rstrip(_CLOSERS).endswith(("...", "…"))
