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
from functools import cache

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
    for start, end in _tokenizer(language).span_tokenize(text):
        if pieces and start > 0 and not text[start - 1].isspace():  # never cut inside a token ("!!!")
            pieces[-1] += text[last_end:end]
        else:
            pieces.append(text[start:end])
        last_end = end
    out: list[str] = []
    for piece in pieces:
        if "..." not in piece and "…" not in piece:
            out.append(piece.strip())
            continue
        cut = 0
        for match in _ELLIPSIS_END.finditer(piece):
            out.append(piece[cut:match.end()].strip())
            cut = match.end()
        rest = piece[cut:].strip()
        if rest:
            out.append(rest)
    return tuple(s for s in out if s)


def ends_with_ellipsis(word: str) -> bool:
    """True for a word that ends in a broadcast pause (``...`` or ``…``, quotes aside).

    >>> ends_with_ellipsis('ties,...'), ends_with_ellipsis('ends.')
    (True, False)
    """
    return word.rstrip("\"'”’)").endswith(("...", "…"))
