"""Written tokens as they are read aloud, in lower case without punctuation: what speech is matched against.

Numbers, years, decimals, money, percentages, ordinals, clock times, dates such as 9/11 and abbreviations
are expanded the way a newsreader says them (tables in ``spoken.toml``); hyphenated words are split.

>>> spoken_tokens("In 1965 the U.N. paid $2.4 million, 5% of it by 5:30 a.m. on 9/11.".split())
... # doctest: +NORMALIZE_WHITESPACE
[('in',), ('nineteen', 'sixty', 'five'), ('the',), ('u', 'n'), ('paid',), ('two', 'point', 'four'),
 ('million', 'dollars'), ('five', 'percent'), ('of',), ('it',), ('by',), ('five', 'thirty'), ('a', 'm'),
 ('on',), ('nine', 'eleven')]
>>> spoken_tokens(["Kang", "Kyung-wha's", "21st", "2,000", "1960s", "Mr.", "NATO", "UK"])
[('kang',), ('kyung', "wha's"), ('twenty', 'first'), ('two', 'thousand'), ('nineteen', 'sixties'), \
('mister',), ('nato',), ('u', 'k')]
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

_NUMBER = re.compile(r"^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$")
_ORDINAL = re.compile(r"^(\d+)(?:st|nd|rd|th)$")
_DECADE = re.compile(r"^(\d{2,4})'?s$")
_CLOCK = re.compile(r"^(\d{1,2}):(\d{2})$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{2,4}))?$")
_LETTERS = re.compile(r"^(?:[a-z]\.){2,}$|^(?:[a-z]\.)+[a-z]$")
_EDGE = re.compile(r"^[^\w$£€¥₩&]+|[^\w%]+$")
_SPLIT = re.compile(r"[-–—/]+")


@cache
def _tables() -> dict:
    return tomllib.loads((Path(__file__).with_name("spoken.toml")).read_text(encoding="utf-8"))


def cardinal(n: int) -> list[str]:
    """A whole number in words.

    >>> " ".join(cardinal(2_400_017)), " ".join(cardinal(0))
    ('two million four hundred thousand seventeen', 'zero')
    """
    t = _tables()
    if n < 20:
        return [t["ones"][n]]
    if n < 100:
        return [t["tens"][n // 10]] + (cardinal(n % 10) if n % 10 else [])
    if n < 1000:
        return [t["ones"][n // 100], "hundred"] + (cardinal(n % 100) if n % 100 else [])
    words: list[str] = []
    for power, scale in reversed(list(enumerate(t["scales"], 1))):
        unit = 1000 ** power
        if n >= unit:
            words += cardinal(n // unit) + [scale]
            n %= unit
    return words + (cardinal(n) if n else [])


def year(n: int) -> list[str]:
    """A year as read: 1965 as nineteen sixty-five, 2008 as two thousand eight, 2024 as twenty twenty-four.

    >>> " ".join(year(1905)), " ".join(year(2008)), " ".join(year(2024)), " ".join(year(1900))
    ('nineteen oh five', 'two thousand eight', 'twenty twenty four', 'nineteen hundred')
    """
    high, low = divmod(n, 100)
    if 2000 <= n < 2010:
        return cardinal(n)
    tail = ["hundred"] if low == 0 else (["oh"] + cardinal(low) if low < 10 else cardinal(low))
    return cardinal(high) + tail


def ordinal(n: int) -> list[str]:
    """A whole number as an ordinal.

    >>> ordinal(21), ordinal(12), ordinal(40)
    (['twenty', 'first'], ['twelfth'], ['fortieth'])
    """
    words = cardinal(n)
    last = words[-1]
    special = _tables()["ordinal"]
    if last in special:
        words[-1] = special[last]
    elif last.endswith("y"):
        words[-1] = last[:-1] + "ieth"
    else:
        words[-1] = last + "th"
    return words


def _plural(words: list[str]) -> list[str]:
    last = words[-1]
    return words[:-1] + [last[:-1] + "ies" if last.endswith("y") else last + "s"]


def _number(text: str) -> list[str] | None:
    """Words of a bare number token (digits, thousands commas, a decimal part), or None."""
    m = _NUMBER.match(text)
    if not m:
        return None
    whole, frac = m.groups()
    n = int(whole.replace(",", ""))
    words = year(n) if "," not in whole and frac is None and 1100 <= n <= 2099 and len(whole) == 4 else cardinal(n)
    if frac is not None:
        words += ["point"] + [_tables()["ones"][int(d)] for d in frac]
    return words


def _word(token: str) -> list[str]:
    """The spoken words of one token, ignoring what its neighbours are."""
    t = _tables()
    low = token.lower().replace("\u2019", "'")
    if low in t["words"]:
        return t["words"][low].split()
    bare = _EDGE.sub("", low)
    if not bare:
        return []
    if _LETTERS.match(low.rstrip(",;:!?\"')")) or _LETTERS.match(bare + "."):
        return [c for c in bare if c.isalnum()]
    if bare in t["words"]:
        return t["words"][bare].split()
    if token.strip(".,;:!?\"'()").isupper() and bare.isalpha() and len(bare) <= 4 and len(bare) > 1:
        return list(bare)
    if bare[0] in t["currency"]:
        number = _number(bare[1:])
        if number is not None:
            one, many = t["currency"][bare[0]]
            return number + [one if number == ["one"] else many]
    for suffix, word in t["suffix"].items():
        if bare.endswith(suffix) and _number(bare[: -len(suffix)]) is not None:
            return _number(bare[: -len(suffix)]) + [word]
    for pattern, read in ((_NUMBER, _number), (_ORDINAL, lambda s: ordinal(int(_ORDINAL.match(s)[1]))),
                          (_DECADE, lambda s: _plural(_number(_DECADE.match(s)[1]))),
                          (_CLOCK, _clock), (_SLASH, _slash)):
        if pattern.match(bare):
            return read(bare)
    words = []
    for part in _SPLIT.split(bare):
        part = "".join(c for c in part if c.isalnum() or c == "'").strip("'")
        if part:
            words.extend(_word(part) if part.isdigit() else [part])
    return words


def _clock(text: str) -> list[str]:
    h, m = map(int, _CLOCK.match(text).groups())
    if m == 0:
        return cardinal(h)
    return cardinal(h) + (["oh"] + cardinal(m) if m < 10 else cardinal(m))


def _slash(text: str) -> list[str]:
    a, b, c = _SLASH.match(text).groups()
    return cardinal(int(a)) + cardinal(int(b)) + (_number(c) if c else [])


def spoken_tokens(tokens) -> list[tuple[str, ...]]:
    """For each written token, the words it is read as (possibly none, for a lone punctuation mark).

    A currency amount followed by a scale word moves its unit after the scale: "$1 million" is read
    "one million dollars".
    """
    tokens = list(tokens)
    out = [list(_word(tok)) for tok in tokens]
    scales = set(_tables()["scales"]) | {"hundred"}
    currency = _tables()["currency"]
    for i, tok in enumerate(tokens[:-1]):
        bare = _EDGE.sub("", tok.lower())
        if bare[:1] in currency and _number(bare[1:]) is not None and out[i + 1][:1] and out[i + 1][0] in scales:
            out[i].pop()
            out[i + 1].append(currency[bare[0]][1])
    return [tuple(words) for words in out]
