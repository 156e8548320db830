"""Peer tools a user could pick instead of this project, laid out on the same sentences at 42 x 2 and scored
the same way as ``bench/quality.py`` (``segmenter.evaluate`` breaks, ``bench/sigma.py`` Sigma).

    pip install -r bench/requirements-peers.txt
    python bench/peers.py TAGGED_REFERENCE [--style netflix]

Peers installable from PyPI without torch (bench-only, never dependencies of the package):

  srt-equalizer   each sentence one subtitle, cut by ``split_subtitle`` (methods greedy, halving,
                  punctuation) into pieces of at most 42 characters; scored with each piece a one-line cue
                  (how the tool writes them) and with a sentence's pieces paired into two-line cues
  aeidon          Gaupol's line breaker (``aeidon.Liner`` with its English line-break patterns, 42
                  characters, 2 lines preferred); Gaupol breaks lines inside a subtitle and does not cut text
                  into subtitles, so each sentence is one subtitle and its lines are dealt two a cue
                  (this reproduces issue 14's dev figures for it, F1 any 0.619, Sigma 75.2)

stable-ts and whisper's writer need torch and Subtitle Edit is a .NET program, so they are not run here.
A peer that is not installed is reported as such and skipped. Output is one Markdown table; Sigma is "n/a"
where a peer changed the words (Sigma needs the reference's text).
"""

from __future__ import annotations

import argparse
import sys
from datetime import timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from quality import _cues, baselines, measure  # noqa: E402

from segmenter.evaluate import breaks_from_tagged, strip_tags  # noqa: E402
from segmenter.model import Cue  # noqa: E402
from segmenter.style import load_style  # noqa: E402

EQUALIZER_METHODS = ("greedy", "halving", "punctuation")


def equalizer(sentences: list[str], width: int, method: str, two_lines: bool) -> list[Cue]:
    """srt-equalizer's pieces of each sentence: one a cue, or two a cue when ``two_lines``."""
    import srt
    from srt_equalizer import split_subtitle

    blocks = []
    for sentence in sentences:
        sub = srt.Subtitle(1, timedelta(0), timedelta(seconds=len(sentence) / 15), sentence)
        pieces = [s.content for s in split_subtitle(sub, target_chars=width, method=method)]
        step = 2 if two_lines else 1
        blocks.extend(pieces[i:i + step] for i in range(0, len(pieces), step))
    return _cues(blocks)


def _english_penalties() -> list[dict]:
    """Gaupol's English line-break patterns as ``Liner`` penalties (as its text agent builds them)."""
    import aeidon

    patterns = aeidon.PatternManager("line-break").get_patterns("Latn", "en")
    return [{"pattern": p.get_field("Pattern"), "flags": p.get_flags(), "group": int(p.get_field("Group")),
             "value": float(p.get_field("Penalty"))} for p in patterns if p.enabled]


def gaupol(sentences: list[str], width: int) -> list[Cue]:
    """Gaupol's ``Liner`` lines: each sentence one subtitle, its lines (as many as the width needs) dealt
    two a cue."""
    import aeidon

    liner = aeidon.Liner()
    liner.set_penalties(_english_penalties())
    liner.max_length, liner.max_lines = width, 2
    blocks = []
    for sentence in sentences:
        liner.set_text(sentence)
        lines = liner.break_lines().split("\n")
        blocks.extend(lines[i:i + 2] for i in range(0, len(lines), 2))
    return _cues(blocks)


def peers(sentences: list[str], width: int) -> dict[str, list[Cue]]:
    """Each installed peer's cues for ``sentences``; a missing peer is named on standard error."""
    out: dict[str, list[Cue]] = {}
    try:
        for method in EQUALIZER_METHODS:
            out[f"srt-equalizer {method}"] = equalizer(sentences, width, method, False)
            out[f"srt-equalizer {method} 2x"] = equalizer(sentences, width, method, True)
    except ImportError:
        print("peers: srt_equalizer not installed (pip install -r bench/requirements-peers.txt)", file=sys.stderr)
    try:
        out["Gaupol (aeidon)"] = gaupol(sentences, width)
    except ImportError:
        print("peers: aeidon not installed (pip install -r bench/requirements-peers.txt)", file=sys.stderr)
    return out


def row(name: str, cues, reference, reference_lines: list[str], sentences: list[str], style) -> str:
    """One Markdown table row: F1 any/block/line, Sigma, lines within the width, cues."""
    s, sig, within_cpl = measure(cues, reference, reference_lines, sentences, style)
    sigma_text = "n/a" if sig is None else f"{sig:.1f}"
    return (f"| {name} | {s.any.f1:.3f} | {s.block.f1:.3f} | {s.line.f1:.3f} | {sigma_text} | {within_cpl:.0%} "
            f"| {len(cues)} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", help="tagged reference (one sentence a line, <eol>/<eob> marks)")
    parser.add_argument("--style", default="netflix")
    args = parser.parse_args(argv)
    path = Path(args.reference)
    if not path.is_file():
        print(f"peers: no reference at {path}", file=sys.stderr)
        return 2
    tagged = path.read_text(encoding="utf-8")
    reference = breaks_from_tagged(tagged)
    reference_lines = [line for line in tagged.splitlines() if line.strip()]
    sentences = strip_tags(tagged)
    style = load_style(args.style)
    width = style.max_chars_per_line
    ours = baselines(sentences, style)
    systems = {"**segmenter**": ours.pop("segmenter"), **ours, **peers(sentences, width)}
    print(f"{path.name}: {len(sentences)} sentences, {len(reference.words)} words, "
          f"{reference.labels.count('eob')} reference cues; style {style.name} ({width} x {style.max_lines})\n")
    print("| system | F1 any | F1 block | F1 line | Sigma | lines <= width | cues |")
    print("|---|---|---|---|---|---|---|")
    for name, cues in systems.items():
        print(row(name, cues, reference, reference_lines, sentences, style))
    return 0


if __name__ == "__main__":
    sys.exit(main())
