"""Break-quality benchmark: the project's segmenter beside three simple baselines, scored against human
subtitles with `segmenter evaluate`'s scoring.

    python bench/quality.py [TAGGED_REFERENCE] [--style netflix]

The reference is tagged text (one sentence per line, <eol>/<eob> marks); default
../shared/data/mustcinema-en-dev.txt beside the checkout. Its text, tags stripped, is written one sentence a
line as a script to a temporary directory, laid out with the style (netflix: 42 characters, 2 lines), timed,
written to SRT, read back and scored.

The script is laid out with ``segment_blocks`` over one Segment per line, not with ``pipeline.subtitle``: the
newsroom script parser reshapes a TED transcript (on the dev file it reads "JD:" as a speaker label and drops
it, and drops "[there were]" as a production note), which is right for news scripts but would score the
parser, not the breaks. Baselines, all at the style's characters per line and 2 lines:

  greedy             fill each line with as many words as fit, a new block every 2 lines, ignoring sentences
  greedy-sentence    the same, but every sentence starts a new block
  balanced-sentence  per sentence, fill blocks up to two full lines, then put each block's line break where
                     the two line lengths differ least (a break after punctuation counts 8 characters closer)
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

from segmenter import formats  # noqa: E402
from segmenter.evaluate import breaks_from_cues, breaks_from_tagged, conformance, score, strip_tags  # noqa: E402
from segmenter.model import Cue, Segment  # noqa: E402
from segmenter.pipeline import render  # noqa: E402
from segmenter.segment import segment_blocks  # noqa: E402
from segmenter.style import Style, load_style  # noqa: E402
from segmenter.timing import time_blocks  # noqa: E402
from sigma import sigma, tagged_sentences  # noqa: E402

DEFAULT_REFERENCE = REPO.parent / "shared" / "data" / "mustcinema-en-dev.txt"


def _fill(words: list[str], width: int) -> list[list[str]]:
    """Greedy lines: as many words as fit in ``width`` characters."""
    lines: list[list[str]] = []
    for word in words:
        if lines and len(" ".join(lines[-1] + [word])) <= width:
            lines[-1].append(word)
        else:
            lines.append([word])
    return lines


def _cues(blocks: list[list[str]]) -> list[Cue]:
    return [Cue(n, n * 1000, n * 1000 + 900, tuple(block)) for n, block in enumerate(blocks, 1)]


def greedy(sentences: list[str], width: int, sentence_blocks: bool) -> list[Cue]:
    """Greedy line filling, a block every 2 lines (and at every sentence when ``sentence_blocks``)."""
    groups = [s.split() for s in sentences] if sentence_blocks else [" ".join(sentences).split()]
    blocks = []
    for words in groups:
        lines = [" ".join(line) for line in _fill(words, width)]
        blocks.extend(lines[i:i + 2] for i in range(0, len(lines), 2))
    return _cues(blocks)


def balanced_sentence(sentences: list[str], width: int) -> list[Cue]:
    """Per sentence, blocks of up to two full lines, each block's line break placed for balance."""
    blocks = []
    for sentence in sentences:
        lines = _fill(sentence.split(), width)
        for block_words in (sum(lines[i:i + 2], []) for i in range(0, len(lines), 2)):
            if len(" ".join(block_words)) <= width:
                blocks.append([" ".join(block_words)])
                continue
            best = None
            for j in range(1, len(block_words)):
                top, bottom = " ".join(block_words[:j]), " ".join(block_words[j:])
                if len(top) > width or len(bottom) > width:
                    continue
                diff = abs(len(top) - len(bottom)) - (8 if top[-1] in ",.;:!?" else 0)
                if best is None or diff < best[0]:
                    best = (diff, [top, bottom])
            blocks.append(best[1] if best else [" ".join(block_words)])
    return _cues(blocks)


def project_cues(sentences: list[str], style: Style) -> tuple[Cue, ...]:
    """The project's subtitles for ``sentences``: written one a line as a script to a temporary directory,
    read back, laid out one Segment per line, timed, rendered to SRT and read back as the CLI would."""
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "script.txt"
        script.write_text("\n".join(sentences) + "\n", encoding="utf-8")
        lines = script.read_text(encoding="utf-8").splitlines()
        segments = [Segment("package", None, line, paragraph=n) for n, line in enumerate(lines) if line.strip()]
        srt_file = Path(tmp) / "script.srt"
        srt_file.write_text(render(time_blocks(segment_blocks(segments, style), style), "srt"), encoding="utf-8")
        return formats.for_path(str(srt_file)).read(srt_file.read_text(encoding="utf-8"))


def baselines(sentences: list[str], style: Style) -> dict[str, list[Cue]]:
    """The three baselines and the project's subtitles for ``sentences``, by name."""
    width = style.max_chars_per_line
    return {"greedy": greedy(sentences, width, False), "greedy-sentence": greedy(sentences, width, True),
            "balanced-sentence": balanced_sentence(sentences, width), "segmenter": project_cues(sentences, style)}


def measure(cues, reference, reference_lines: list[str], sentences: list[str], style: Style):
    """(``evaluate.score`` against the reference breaks, Sigma or None where the cues changed the words,
    share of lines within the style's width) of a system's cues."""
    found = breaks_from_cues(cues)
    try:
        sig = sigma(tagged_sentences(found.words, found.labels, sentences), reference_lines)
    except ValueError:  # a peer changed the words (srt-equalizer's punctuation method cuts "x.com.")
        sig = None
    return score(found, reference), sig, conformance(cues, style)[0]


def contiguous_folds(lines: list[str], k: int) -> list[list[str]]:
    """``lines`` cut into ``k`` contiguous runs of (nearly) equal length, in order: a talk stays together.

    >>> [len(f) for f in contiguous_folds([str(n) for n in range(10)], 3)]
    [4, 3, 3]
    """
    size, extra = divmod(len(lines), k)
    folds, at = [], 0
    for n in range(k):
        end = at + size + (n < extra)
        folds.append(lines[at:end])
        at = end
    return folds


def fold_report(tagged_lines: list[str], style: Style, k: int) -> None:
    """The project's scores on each of ``k`` contiguous folds of the reference, and their spread. Nothing
    is fitted here: this is the spread a fitted model's held-out folds are to be compared with (the hand-set
    weights were written against the whole dev file, so these are not held-out scores)."""
    rows = []
    for fold in contiguous_folds(tagged_lines, k):
        sentences = strip_tags("\n".join(fold))
        found = breaks_from_cues(project_cues(sentences, style))
        s = score(found, breaks_from_tagged("\n".join(fold)))
        rows.append((s.any.f1, s.block.f1, s.line.f1, sigma(tagged_sentences(found.words, found.labels, sentences),
                                                             fold)))
    print(f"{k} contiguous folds: " + "; ".join(f"{a:.3f}/{b:.3f}/{c:.3f}/{d:.1f}" for a, b, c, d in rows)
          + " (F1 any/block/line/Sigma)")
    for name, column in zip(("F1 any", "F1 block", "F1 line", "Sigma"), zip(*rows)):
        print(f"  {name:<8} mean {sum(column) / k:.3f}  min {min(column):.3f}  max {max(column):.3f}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", nargs="?", default=str(DEFAULT_REFERENCE))
    parser.add_argument("--style", default="netflix")
    parser.add_argument("--folds", type=int, default=0, help="also score K contiguous folds and their spread")
    args = parser.parse_args(argv)
    path = Path(args.reference)
    if not path.is_file():
        print(f"quality: no reference at {path}: the default is the MuST-Cinema English dev file in ../shared, "
              "beside the checkout on the developers' machines and in CI. Give any human-segmented English text "
              "tagged like MuST-Cinema (one sentence a line, <eol> after a word that ends a line, <eob> after one "
              "that ends a subtitle): python bench/quality.py FILE. To score against human SRT or WebVTT, use "
              "segmenter evaluate SYSTEM --reference REF.", file=sys.stderr)
        return 2
    tagged = path.read_text(encoding="utf-8")
    reference = breaks_from_tagged(tagged)
    sentences = strip_tags(tagged)
    style = load_style(args.style)
    width = style.max_chars_per_line
    systems = baselines(sentences, style)
    print(f"reference: {path.name}, {len(sentences)} sentences; style {style.name} "
          f"({width} chars x {style.max_lines} lines)")
    print(f"{'system':<18} {'F1 any':>7} {'F1 block':>9} {'F1 line':>8} {'P any':>6} {'R any':>6} "
          f"{'Sigma':>6} {'lines<=cpl':>10} {'cues':>5}")
    reference_lines = [line for line in tagged.splitlines() if line.strip()]
    for name, cues in systems.items():
        s, sig, within_cpl = measure(cues, reference, reference_lines, sentences, style)
        print(f"{name:<18} {s.any.f1:7.3f} {s.block.f1:9.3f} {s.line.f1:8.3f} {s.any.precision:6.3f} "
              f"{s.any.recall:6.3f} {sig:6.1f} {within_cpl:10.1%} {len(cues):5d}")
    if args.folds > 1:
        fold_report(reference_lines, style, args.folds)
    return 0


if __name__ == "__main__":
    sys.exit(main())
