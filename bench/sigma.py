"""Sigma, the subtitle segmentation score of EvalSubtitle (Karakanta et al., LREC 2022), without dependencies.

Sigma is BLEU computed over the text with its breaks as tokens (``BLEU_br``), divided by the highest
``BLEU_br`` that text could reach with the reference's breaks, as a percentage. Breaks are written as the
holder tokens ``µ`` (line) and ``§`` (block), text is tokenised the way sacreBLEU's default ``13a`` tokeniser
does, and the upper bound follows the paper from the n-gram precisions of BLEU without breaks (``BLEU_nb``)
and ``alpha``, the system's breaks per word. When the system's text is the reference's (as here), ``BLEU_nb``
is 100 and Sigma is ``BLEU_br`` over its brevity penalty.

>>> ref = ["One two <eol> three four. <eob>", "Five six. <eob>"]
>>> round(sigma(ref, ref), 1)
100.0
>>> round(sigma(["One two three four. <eob>", "Five <eol> six. <eob>"], ref), 1) < 100
True
"""

from __future__ import annotations

import math
import re
from collections import Counter

LINE, BLOCK = "µ", "§"
_TAG = re.compile(r"<eol>|<eob>")
# sacreBLEU's 13a rules: ASCII symbols split off; a period or comma split off unless between digits;
# a dash after a digit split off
_SYMBOL = re.compile(r"([\{-\~\[-\` -\&\(-\+\:-\@\/])")
_PUNCT_AFTER = re.compile(r"([^0-9])([\.,])")
_PUNCT_BEFORE = re.compile(r"([\.,])([^0-9])")
_DIGIT_DASH = re.compile(r"([0-9])(-)")


def tokenize_13a(line: str) -> list[str]:
    """Tokens of a line as sacreBLEU's ``13a`` tokeniser splits them.

    >>> tokenize_13a('He said: "It costs $4.50, or 4,000 won."')
    ['He', 'said', ':', '"', 'It', 'costs', '$', '4.50', ',', 'or', '4,000', 'won', '.', '"']
    """
    line = line.replace("<skipped>", "").replace("-\n", "").replace("\n", " ")
    if "&" in line:
        line = line.replace("&quot;", '"').replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
    line = _SYMBOL.sub(r" \1 ", f" {line} ")
    line = _PUNCT_AFTER.sub(r"\1 \2 ", line)
    line = _PUNCT_BEFORE.sub(r" \1 \2", line)
    line = _DIGIT_DASH.sub(r"\1 \2 ", line)
    return line.split()


def _holders(tagged: str) -> str:
    return tagged.replace("<eol>", f" {LINE} ").replace("<eob>", f" {BLOCK} ")


def _bleu(hypotheses: list[list[str]], references: list[list[str]]) -> tuple[float, list[float], float]:
    """Corpus BLEU as sacreBLEU computes it by default (4-grams, exponential smoothing): (score,
    precisions, brevity penalty)."""
    correct, total = [0] * 4, [0] * 4
    for hyp, ref in zip(hypotheses, references):
        for n in range(1, 5):
            hyp_grams = Counter(tuple(hyp[i:i + n]) for i in range(len(hyp) - n + 1))
            ref_grams = Counter(tuple(ref[i:i + n]) for i in range(len(ref) - n + 1))
            correct[n - 1] += sum((hyp_grams & ref_grams).values())
            total[n - 1] += sum(hyp_grams.values())
    sys_len, ref_len = sum(map(len, hypotheses)), sum(map(len, references))
    precisions, smooth = [], 1.0
    for c, t in zip(correct, total):
        if t == 0:
            precisions.append(0.0)
        elif c == 0:
            smooth *= 2
            precisions.append(100.0 / (smooth * t))
        else:
            precisions.append(100.0 * c / t)
    bp = 1.0 if sys_len >= ref_len else (math.exp(1 - ref_len / sys_len) if sys_len else 0.0)
    if min(precisions) <= 0:
        return 0.0, precisions, bp
    return bp * math.exp(sum(map(math.log, precisions)) / 4), precisions, bp


def sigma(system: list[str], reference: list[str]) -> float:
    """Sigma of tagged system sentences against tagged reference sentences (one sentence each, in order)."""
    if len(system) != len(reference):
        raise ValueError(f"{len(system)} system sentences, {len(reference)} reference sentences")
    sys_br = [tokenize_13a(_holders(s)) for s in system]
    ref_br = [tokenize_13a(_holders(s)) for s in reference]
    sys_nb = [tokenize_13a(_TAG.sub(" ", s)) for s in system]
    ref_nb = [tokenize_13a(_TAG.sub(" ", s)) for s in reference]
    words = sum(map(len, sys_nb))
    alpha = sum(len(_TAG.findall(s)) for s in system) / words if words else 0.0
    bleu_br, _, bp = _bleu(sys_br, ref_br)
    _, (p1, p2, p3, p4), _ = _bleu(sys_nb, ref_nb)
    bounds = ((p1 + alpha * 100) / (1 + alpha), ((1 - alpha) * p2 + 2 * alpha * p1) / (1 + alpha),
              ((1 - 2 * alpha) * p3 + 3 * alpha * p2) / (1 + alpha),
              ((1 - 3 * alpha) * p4 + 4 * alpha * p3) / (1 + alpha))
    if min(bounds) <= 0:
        return 0.0
    upper = bp * math.exp(sum(map(math.log, bounds)) / 4)
    return 100 * bleu_br / upper if upper else 0.0


def tagged_sentences(words: tuple[str, ...], labels: tuple[str | None, ...], sentences: list[str]) -> list[str]:
    """A system's breaks (``labels`` after ``words``, from ``segmenter.evaluate``) written into the reference
    sentences as tagged text; the system's words must be the sentences' words."""
    out, at = [], 0
    for sentence in sentences:
        tokens = []
        for word in sentence.split():
            if words[at] != word:
                raise ValueError(f"system word {words[at]!r} is not the reference's {word!r}")
            tokens.append(word)
            if labels[at]:
                tokens.append(f"<{labels[at]}>")
            at += 1
        out.append(" ".join(tokens))
    return out
