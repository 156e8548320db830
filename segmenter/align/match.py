"""Script words matched to recognised words: anchors, then dynamic programming between them.

Both sides are first put in spoken form (:mod:`segmenter.align.spoken`: lower case, no punctuation,
numbers and abbreviations as read), one script token giving one or more spoken words. Then, as in
patience diff, words that occur exactly once on each side of a stretch are anchors (the longest run of
them in the same order on both sides, found in n log n); the stretches between anchors are split again
the same way, and once small enough aligned by edit distance, where a script word may match a
recognised word exactly, be substituted by one (cheaper when the two look alike), be two words that the
ASR joined into one ("data base" and "database") or one that it split, or be missed, and a recognised
word may be an insertion. Work and memory stay linear in the words for any text with anchors every few
hundred words.

Each script token then takes the time of the recognised words it matched (a recognised word's time is
shared between its spoken words by their letters). A run of script tokens with no exact match is **cut**
(text not in the audio) when it has ``min_words`` or more and the speech between its matched neighbours
could not hold it: less than
``seconds_per_word`` seconds, or fewer than ``words_share`` recognised words, per script word, or,
with ``min_words_other`` or more, when fewer than ``alike_share`` of its words were heard as a look-alike
and that speech is not about as long as the text takes to say at the speaker's rate (``time_ratio``) or,
from a recogniser whose vocabulary is the script's and common words (``absorbed``), ``other_share`` of
the words heard there are not the script's: replaced by other speech;
otherwise its tokens are timed by their substitutes, or spread between their neighbours by their letters.
Recognised words matched to nothing, ``extra_min_words`` or more in a row, are **extra** speech (an ad-lib,
a question from the studio): reported, never subtitled.

>>> from segmenter.align.words import Word
>>> asr = [Word(w, i * 0.5, i * 0.5 + 0.4) for i, w in enumerate("so the talks resumed in nineteen sixty five".split())]
>>> result = align_tokens("The talks resumed in 1965.".split(), asr)
>>> [(t.start, t.end, t.state) for t in result.tokens]
[(0.5, 0.9, 'exact'), (1.0, 1.4, 'exact'), (1.5, 1.9, 'exact'), (2.0, 2.4, 'exact'), (2.5, 3.9, 'exact')]
"""

from __future__ import annotations

import tomllib
from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .spoken import spoken_tokens
from .words import Word

EXACT, SIMILAR, SUBSTITUTE, JOINED = 0, 1, 2, 3
_STATE = {EXACT: "exact", JOINED: "exact", SIMILAR: "substituted", SUBSTITUTE: "substituted"}


@cache
def settings() -> dict:
    """The alignment's numbers (``align.toml``)."""
    return tomllib.loads(Path(__file__).with_name("align.toml").read_text(encoding="utf-8"))


@dataclass(frozen=True, slots=True)
class TokenTime:
    """A script token's time in seconds and how it got it: ``exact`` (matched), ``substituted`` (by a
    recognised word that differs), ``interpolated`` (between matched neighbours) or ``cut`` (not in the
    audio: its time is an estimate)."""

    start: float
    end: float
    state: str


@dataclass(frozen=True, slots=True)
class Extra:
    """Recognised speech not in the script: its time and words."""

    start: float
    end: float
    text: str


@dataclass(frozen=True, slots=True)
class Alignment:
    """The time of every script token, and the extra speech found."""

    tokens: tuple[TokenTime, ...]
    extras: tuple[Extra, ...]

    @property
    def aligned_share(self) -> float:
        """The share of script tokens that are not cut."""
        return sum(t.state != "cut" for t in self.tokens) / len(self.tokens) if self.tokens else 1.0


def _expand(tokens) -> tuple[list[str], list[int]]:
    words, owner = [], []
    for i, spoken in enumerate(spoken_tokens(tokens)):
        words.extend(spoken)
        owner.extend([i] * len(spoken))
    return words, owner


def _expand_asr(asr: list[Word]) -> tuple[list[str], list[tuple[float, float]], list[int]]:
    """Spoken words of the recognised words, each with its share of its word's time."""
    words, spans, owner = [], [], []
    for i, (w, spoken) in enumerate(zip(asr, spoken_tokens(x.text for x in asr))):
        total = sum(map(len, spoken)) or 1
        at = 0
        for s in spoken:
            words.append(s)
            owner.append(i)
            spans.append((w.start + (w.end - w.start) * at / total, w.start + (w.end - w.start) * (at + len(s)) / total))
            at += len(s)
    return words, spans, owner


def _lis(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest run of ``(i, j)`` pairs (sorted by i) whose j also increase.

    >>> _lis([(0, 3), (1, 0), (2, 1), (3, 4), (4, 2)])
    [(1, 0), (2, 1), (4, 2)]
    """
    tails: list[int] = []  # j of the last pair of the best run of each length
    tail_at: list[int] = []
    back = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        k = bisect_left(tails, j)
        if k == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[k] = j
            tail_at[k] = n
        back[n] = tail_at[k - 1] if k else -1
    run, n = [], tail_at[-1] if tail_at else -1
    while n >= 0:
        run.append(pairs[n])
        n = back[n]
    return run[::-1]


def _similar(a: str, b: str) -> bool:
    return len(a) > 2 and len(b) > 2 and (a[:3] == b[:3] or a[-3:] == b[-3:])


def _edit(s: list[str], a: list[str], s0: int, s1: int, a0: int, a1: int) -> list[tuple[int, int, int]]:
    """Best pairing of ``s[s0:s1]`` with ``a[a0:a1]`` by edit distance: ``(i, j, kind)`` triples."""
    cfg = settings()["cost"]
    gap, sub, sim, join = cfg["gap"], cfg["substitute"], cfg["similar"], cfg["joined"]
    n, m = s1 - s0, a1 - a0
    inf = float("inf")
    cost = [[inf] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        cost[i][0], move[i][0] = i * gap, 1
    for j in range(m + 1):
        cost[0][j], move[0][j] = j * gap, 2
    for i in range(1, n + 1):
        si = s[s0 + i - 1]
        row, prev, mrow = cost[i], cost[i - 1], move[i]
        for j in range(1, m + 1):
            aj = a[a0 + j - 1]
            if si == aj:
                best, how = prev[j - 1], 3
            else:
                best, how = prev[j - 1] + (sim if _similar(si, aj) else sub), 4
            c = prev[j] + gap
            if c < best:
                best, how = c, 1
            c = row[j - 1] + gap
            if c < best:
                best, how = c, 2
            if i > 1 and cost[i - 2][j - 1] + join < best and s[s0 + i - 2] + si == aj:
                best, how = cost[i - 2][j - 1] + join, 5
            if j > 1 and prev[j - 2] + join < best and a[a0 + j - 2] + aj == si:
                best, how = prev[j - 2] + join, 6
            row[j], mrow[j] = best, how
    pairs = []
    i, j = n, m
    while i > 0 or j > 0:
        how = move[i][j]
        if how == 1:
            i -= 1
        elif how == 2:
            j -= 1
        elif how in (3, 4):
            kind = EXACT if how == 3 else (SIMILAR if _similar(s[s0 + i - 1], a[a0 + j - 1]) else SUBSTITUTE)
            pairs.append((s0 + i - 1, a0 + j - 1, kind))
            i, j = i - 1, j - 1
        elif how == 5:
            pairs += [(s0 + i - 1, a0 + j - 1, JOINED), (s0 + i - 2, a0 + j - 1, JOINED)]
            i, j = i - 2, j - 1
        else:
            pairs += [(s0 + i - 1, a0 + j - 1, JOINED), (s0 + i - 1, a0 + j - 2, JOINED)]
            i, j = i - 1, j - 2
    return pairs[::-1]


def pair_words(s: list[str], a: list[str]) -> list[tuple[int, int, int]]:
    """Pairs ``(i, j, kind)`` of script word ``s[i]`` and recognised word ``a[j]``, in order.

    >>> pair_words("the talks in geneva resumed".split(), "uh the talk in geneva were resumed".split())
    [(0, 1, 0), (1, 2, 1), (2, 3, 0), (3, 4, 0), (4, 6, 0)]
    """
    limit = settings()["cost"]["edit_cells"]
    pairs: list[tuple[int, int, int]] = []
    stack = [(0, len(s), 0, len(a))]
    while stack:
        s0, s1, a0, a1 = stack.pop()
        while s0 < s1 and a0 < a1 and s[s0] == a[a0]:
            pairs.append((s0, a0, EXACT))
            s0, a0 = s0 + 1, a0 + 1
        while s0 < s1 and a0 < a1 and s[s1 - 1] == a[a1 - 1]:
            s1, a1 = s1 - 1, a1 - 1
            pairs.append((s1, a1, EXACT))
        if s0 == s1 or a0 == a1:
            continue
        if (s1 - s0) * (a1 - a0) <= limit:
            pairs.extend(_edit(s, a, s0, s1, a0, a1))
            continue
        cs, ca = Counter(s[s0:s1]), Counter(a[a0:a1])
        where = {a[j]: j for j in range(a0, a1) if ca[a[j]] == 1}
        unique = [(i, where[s[i]]) for i in range(s0, s1) if cs[s[i]] == 1 and s[i] in where]
        # an anchor whose neighbour matches too (a unique word can be an ASR's substitute from elsewhere)
        sure = [(i, j) for i, j in unique if (i > s0 and j > a0 and s[i - 1] == a[j - 1])
                or (i + 1 < s1 and j + 1 < a1 and s[i + 1] == a[j + 1])]
        anchors = _lis(sure or unique)
        if not anchors:
            continue  # no common word that is unique on both sides: too far apart to pair
        bounds = [(s0 - 1, a0 - 1), *anchors, (s1, a1)]
        for (i0, j0), (i1, j1) in zip(bounds, bounds[1:]):
            stack.append((i0 + 1, i1, j0 + 1, j1))
        pairs.extend((i, j, EXACT) for i, j in anchors)
    pairs.sort()
    return pairs


def align_tokens(tokens, asr, absorbed: bool = False) -> Alignment:
    """The time of every script token (whitespace-separated, as written) from recognised words;
    ``absorbed``: the recogniser gives a missed word's sound to its neighbour (see :func:`_interpolate`)."""
    tokens, asr = list(tokens), list(asr)
    cfg = settings()
    s, s_owner = _expand(tokens)
    a, spans, a_owner = _expand_asr(asr)
    pairs = pair_words(s, a)
    n = len(tokens)
    best: list[int | None] = [None] * n  # best kind of match of each token
    start, end = [0.0] * n, [0.0] * n
    for i, j, kind in sorted(pairs, key=lambda p: p[2] not in (EXACT, JOINED)):  # exact matches first
        t = s_owner[i]
        if best[t] is None:
            best[t], start[t], end[t] = kind, spans[j][0], spans[j][1]
        elif (best[t] in (EXACT, JOINED)) == (kind in (EXACT, JOINED)):  # substitutes never stretch a match
            best[t] = min(best[t], kind)
            start[t], end[t] = min(start[t], spans[j][0]), max(end[t], spans[j][1])
    exact = [b in (EXACT, JOINED) for b in best]
    _drop_far_substitutes(tokens, best, exact, start, end, cfg["cost"]["far"])
    state = [_STATE[b] if b is not None else "interpolated" for b in best]
    # runs of tokens with no exact match: cut, or timed by their substitutes and neighbours
    a_start = [w.start for w in asr]
    cut_rate, cut_share, cut_min, cut_alike, cut_min_other = (
        cfg["cut"][k] for k in ("seconds_per_word", "words_share", "min_words", "alike_share", "min_words_other"))
    first_time = asr[0].start if asr else 0.0
    last_time = asr[-1].end if asr else 0.0
    letters = sum(len(tokens[k]) + 1 for k in range(n) if exact[k])
    # seconds per character of the words heard; the default where none was heard or all took no time
    per_char = (sum(end[k] - start[k] for k in range(n) if exact[k]) / letters * 1.1 if letters else 0) or 0.065
    low, high = cfg["cut"]["time_ratio"]
    cut_other = cfg["cut"]["other_share"]
    vocabulary = set(s)
    heard_spans = []  # where kept script words were misheard: the words there are theirs, not extra
    t = 0
    while t < n:
        if exact[t] or not spoken_tokens([tokens[t]])[0]:
            t += 1
            continue
        u = t
        while u < n and not exact[u]:
            u += 1
        lo = end[t - 1] if t else first_time
        hi = start[u] if u < n else last_time
        spoken = sum(1 for k in range(t, u) if spoken_tokens([tokens[k]])[0])
        heard = bisect_left(a_start, hi) - bisect_left(a_start, lo)
        alike = sum(1 for k in range(t, u) if best[k] == SIMILAR)
        ratio = (hi - lo) / (per_char * sum(len(tokens[k]) + 1 for k in range(t, u)))
        other = 0
        if absorbed and heard:  # words heard there that the script does not have: other speech
            other = sum(1 for k in range(bisect_left(a_start, lo), bisect_left(a_start, hi))
                        if not set(spoken_tokens([asr[k].text])[0]) & vocabulary)
        if (spoken >= cut_min and (hi - lo < cut_rate * spoken or heard < cut_share * spoken)
                or spoken >= cut_min_other and alike < cut_alike * spoken
                and (not low <= ratio <= high or other >= cut_other * heard > 0)):
            for k in range(t, u):
                state[k] = "cut"
        else:
            heard_spans.append((lo, hi))
        t = u
    _interpolate(tokens, start, end, state, first_time, last_time, per_char, absorbed)
    used = [False] * len(asr)
    for lo, hi in heard_spans:
        for k in range(bisect_left(a_start, lo), bisect_left(a_start, hi)):
            used[k] = True
    for i, j, kind in pairs:
        if state[s_owner[i]] != "cut":
            used[a_owner[j]] = True
    return Alignment(tuple(TokenTime(round(b, 3), round(e, 3), st) for b, e, st in zip(start, end, state)),
                     _extras(asr, used, cfg["extra"]["min_words"]))


def _drop_far_substitutes(tokens, best, exact, start, end, far: float) -> None:
    """A substitute separated by a pause of ``far`` seconds from the exactly matched word next to it,
    where the script has no punctuation, is another word (an insertion): the token is timed between its
    neighbours instead."""
    n = len(tokens)
    for t in range(n):
        if best[t] is None or exact[t]:
            continue
        after = t + 1 < n and exact[t + 1] and start[t + 1] - end[t] > far and tokens[t][-1:].isalnum()
        before = t > 0 and exact[t - 1] and start[t] - end[t - 1] > far and tokens[t - 1][-1:].isalnum()
        if after or before:
            best[t] = None


def _interpolate(tokens, start, end, state, first, last, per_char: float = 0.065, absorbed: bool = False) -> None:
    """Tokens without a time of their own, spread between their timed neighbours by their letters; where
    that leaves them much slower than ``per_char`` seconds a letter, they are put next to the neighbour
    they belong with (the next after a sentence end, else the one before) and the rest is a pause. With
    ``absorbed`` (a recogniser that gives a missed word's sound to its neighbour, as pocketsphinx does)
    they share that neighbour's time instead."""
    n = len(tokens)
    timed = [st in ("exact", "substituted") for st in state]
    t = 0
    while t < n:
        if timed[t]:
            t += 1
            continue
        u = t
        while u < n and not timed[u]:
            u += 1
        lo = end[t - 1] if t else min(first, start[u] if u < n else first)
        hi = start[u] if u < n else max(last, lo)
        lengths = [len(tokens[k]) + 1 for k in range(t, u)]
        total, at = sum(lengths), 0
        need = total * per_char
        a, b = t, u  # the tokens spread over [lo, hi]
        if hi - lo > 1.5 * need:  # a pause too: the words follow a sentence's end closely, else precede it
            before = u < n and (t == 0 or tokens[t - 1][-1:] in ".?!\"'")
            if absorbed and state[t] != "cut" and (before or t):  # they share their neighbour's time
                a, b = (t, u + 1) if before else (t - 1, u)
                lo, hi = (start[u], end[u]) if before else (start[t - 1], end[t - 1])
                lengths = [len(tokens[k]) + 1 for k in range(a, b)]
                total = sum(lengths)
            elif before:
                lo = hi - need
            else:
                hi = lo + need
        for k, length in zip(range(a, b), lengths):
            start[k] = lo + (hi - lo) * at / total
            at += length
            end[k] = lo + (hi - lo) * (at - 1) / total
        t = u
    for k in range(1, n):  # substitutes may overlap their neighbours: keep times in order
        if start[k] < start[k - 1]:
            start[k] = start[k - 1]
        if end[k] < start[k]:
            end[k] = start[k]


def _extras(asr: list[Word], used: list[bool], min_words: int) -> tuple[Extra, ...]:
    out, k = [], 0
    while k < len(asr):
        if used[k]:
            k += 1
            continue
        u = k
        while u < len(asr) and not used[u]:
            u += 1
        if u - k >= min_words:
            out.append(Extra(asr[k].start, asr[u - 1].end, " ".join(w.text for w in asr[k:u])))
        k = u
    return tuple(out)
