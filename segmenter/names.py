"""Multi-word names in a run of words: the gaps a cue must never break and a line should not.

A name is a run of capitalised words ("Transportation Security Administration", "Kim Ha-na", "U.S.
Secretary"), with small connecting words inside it ("American Association of Airport Executives"), or a
lower-case compound from ``data/names-en.toml`` ("vice president"). A word ending in punctuation ends the run.
Hyphens and slashes join their parts into one word already ("Dallas-Fort", "Place/Other"). A run longer
than the data's ``max_chars`` is a title-case headline, not a name.

:func:`name_gaps` is a pure function over a word list, for the break search (``segmenter/breaks.py``):
a gap it returns should cost a cue break without bound (or forbid it) and a line break a high cost.

>>> words = "the new Transportation Security Administration starts work".split()
>>> sorted(name_gaps(words))
[2, 3]
>>> sorted(name_gaps("the American Association of Airport Executives says".split()))
[1, 2, 3, 4]
>>> sorted(name_gaps("said the vice president on Monday".split()))
[2]
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Sequence

_OPENERS = "\"'“‘([{"
_CLOSERS = ",.;:?!…\"”’)]}"


@cache
def _data() -> tuple[frozenset, tuple[tuple[str, ...], ...], int]:
    data = tomllib.loads(resources.files("segmenter.data").joinpath("names-en.toml").read_text("utf-8"))
    compounds = tuple(sorted({tuple(c.split()) for c in data["compounds"]}, key=len, reverse=True))
    return frozenset(data["connectors"]), compounds, int(data["max_chars"])


def _capitalised(word: str) -> bool:
    core = word.lstrip(_OPENERS)
    return core[:1].isupper()


def _closes(word: str) -> bool:
    """A word that ends a run: trailing punctuation (but not the full stop of an initial or "U.S.")."""
    if not word.endswith(tuple(_CLOSERS)):
        return False
    return not (word.endswith(".") and (len(word) <= 3 or word.count(".") > 1) and word[:1].isupper())


def name_gaps(words: Sequence[str], max_chars: int | None = None) -> frozenset[int]:
    """Indices ``i`` of the gaps (between ``words[i]`` and ``words[i + 1]``) that fall inside a name."""
    connectors, compounds, limit = _data()
    limit = limit if max_chars is None else max_chars
    gaps: set[int] = set()
    n = len(words)
    i = 0
    while i < n:
        if _capitalised(words[i]):
            j = i  # extend the run: capitalised words, a connector only between two of them
            while j + 1 < n and not _closes(words[j]):
                nxt = words[j + 1]
                if _capitalised(nxt):
                    j += 1
                    continue
                k = j + 1
                while k < n and words[k].lower() in connectors and not _closes(words[k]):
                    k += 1
                if k > j + 1 and k < n and _capitalised(words[k]):
                    j = k
                    continue
                break
            if j > i and sum(len(w) + 1 for w in words[i:j + 1]) - 1 <= limit:
                gaps.update(range(i, j))
            i = j + 1
            continue
        lowered = words[i].lower()
        for compound in compounds:
            if lowered == compound[0] and tuple(w.lower().rstrip(_CLOSERS) for w in words[i:i + len(compound)]) \
                    == compound and not any(_closes(w) for w in words[i:i + len(compound) - 1]):
                gaps.update(range(i, i + len(compound) - 1))
                break
        i += 1
    return frozenset(gaps)
