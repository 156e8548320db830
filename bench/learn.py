"""Learned break costs (issue 14): fit the weights of ``segmenter/data/weights.toml`` to human subtitles
through the layout search itself, and report k-fold cross-validation on contiguous folds.

    python bench/learn.py [TAGGED_REFERENCE] [--folds 5] [--passes 3] [--line-weight 0.5] [--out FILE]

The fit is coordinate descent: for each weight in turn (tables ``[gap]``, ``[block]``, ``[line]`` and the
``[layout]`` scalars but ``short_block_chars``) it tries a few multiplicative steps (an absolute one for a
zero), lays the training sentences out again with ``segment.layout_sentence`` and keeps the step if it
raises the training objective, micro F1 any + ``line-weight`` x line F1; a few passes, the weights visited in
an order shuffled with a fixed seed, so the fit is deterministic. Each held-out fold is scored with weights
fitted on the other folds only, beside the shipped weights on the same fold; nothing is scored on text it
was fitted on. Finally the weights are fitted on the whole file and written to ``--out`` (default
``bench/learned-weights.toml``: the shipped file's text, comments and all, with the numbers replaced).
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

import perceptron  # noqa: E402
from quality import DEFAULT_REFERENCE, contiguous_folds  # noqa: E402
from segmenter.breaks import Weights, default_weights  # noqa: E402
from segmenter.evaluate import Breaks, breaks_from_tagged, strip_tags  # noqa: E402
from segmenter.language import Language, english  # noqa: E402
from segmenter.segment import layout_sentence, layout_units  # noqa: E402
from segmenter.sentences import split_sentences  # noqa: E402
from segmenter.style import Style, load_style  # noqa: E402
from sigma import sigma, tagged_sentences  # noqa: E402

SEED = 14
STEPS = (0.5, 0.75, 1.33, 2.0)  # multiplicative steps tried per weight
ZERO_STEPS = (0.5, 2.0)  # values tried for a weight at zero
FIXED = {("layout", "short_block_chars")}  # an integer length, not a cost
TABLES = ("gap", "layout", "block", "line")


@dataclass(frozen=True)
class Sample:
    """Tagged sentences ready to lay out: the layout units of each sentence (as ``segment_blocks`` forms them
    for one Segment per sentence) and the reference breaks."""

    lines: tuple[str, ...]  # the tagged reference sentences
    sentences: tuple[str, ...]
    units: tuple[tuple[str, ...], ...]
    reference: Breaks


def make_sample(tagged_lines: list[str], style: Style, language: Language) -> Sample:
    """Split once, lay out many times: the units do not depend on the weights."""
    sentences = strip_tags("\n".join(tagged_lines))
    units = tuple(tuple(unit) for s in sentences
                  for unit in layout_units(split_sentences(s, language), style, language))
    return Sample(tuple(tagged_lines), tuple(sentences), units, breaks_from_tagged("\n".join(tagged_lines)))


def layout(sample: Sample, style: Style, language: Language, weights: Weights) -> tuple[Breaks, bool]:
    """The system's breaks on the sample, and whether every line is within the style's width."""
    words: list[str] = []
    labels: list[str | None] = []
    within = True
    for unit in sample.units:
        for block in layout_sentence(list(unit), style, language, weights):
            for n, line in enumerate(block):
                line_words = line.split()
                words.extend(line_words)
                labels.extend([None] * (len(line_words) - 1))
                labels.append("eob" if n == len(block) - 1 else "eol")
                within = within and (len(line) <= style.max_chars_per_line or " " not in line)
    return Breaks(tuple(words), tuple(labels)), within


def counts(found: Breaks, reference: Breaks) -> tuple[int, ...]:
    """(correct, system, reference) for any, block and line breaks: the words are the reference's, so the
    breaks compare by position (what ``evaluate.score`` finds by alignment, without aligning).

    >>> ref = Breaks(("a", "b", "c"), ("eol", None, "eob"))
    >>> counts(Breaks(("a", "b", "c"), ("eob", "eol", "eob")), ref)
    (2, 3, 2, 1, 2, 1, 0, 1, 1)
    """
    if found.words != reference.words:
        raise ValueError("the layout changed the words")
    c = [0] * 9
    for got, want in zip(found.labels, reference.labels):
        for offset, g, w in ((0, got is not None, want is not None), (3, got == "eob", want == "eob"),
                             (6, got == "eol", want == "eol")):
            c[offset] += g and w
            c[offset + 1] += g
            c[offset + 2] += w
    return tuple(c)


def f1(correct: int, system: int, reference: int) -> float:
    return 2 * correct / (system + reference) if system + reference else 0.0


def objective(samples: list[Sample], style: Style, language: Language, weights: Weights,
              line_weight: float) -> float:
    """Micro F1 any + ``line_weight`` x line F1 over the samples."""
    total = [0] * 9
    for sample in samples:
        total = [a + b for a, b in zip(total, counts(layout(sample, style, language, weights)[0], sample.reference))]
    return f1(*total[0:3]) + line_weight * f1(*total[6:9])


def with_value(weights: Weights, table: str, key: str, value: float) -> Weights:
    """A copy of ``weights`` with one value changed (a new object: the layout caches by identity)."""
    tables = {name: dict(getattr(weights, name)) for name in TABLES}
    tables[table][key] = value
    return Weights(**tables)


def fit(samples: list[Sample], style: Style, language: Language, start: Weights, passes: int,
        line_weight: float, min_gain: float = 0.0, log=None) -> Weights:
    """Coordinate descent from ``start``; deterministic (a fixed seed orders the weights each pass). A step
    is kept only when it raises the objective by more than ``min_gain`` (a guard against fitting noise)."""
    rng = random.Random(SEED)
    keys = [(t, k) for t in TABLES for k in sorted(getattr(start, t)) if (t, k) not in FIXED]
    weights, best = start, objective(samples, style, language, start, line_weight)
    for n in range(passes):
        rng.shuffle(keys)
        moved = 0
        for table, key in keys:
            value = getattr(weights, table)[key]
            for new in ([value * s for s in STEPS] if value else ZERO_STEPS):
                trial = with_value(weights, table, key, round(new, 3))
                score = objective(samples, style, language, trial, line_weight)
                if score > best + min_gain + 1e-9:
                    weights, best, value, moved = trial, score, round(new, 3), moved + 1
        if log:
            log(f"    pass {n + 1}: objective {best:.4f}, {moved} moves")
        if not moved:
            break
    return weights


def evaluate(sample: Sample, style: Style, language: Language, weights: Weights) -> tuple[float, ...]:
    """(F1 any, F1 block, F1 line, Sigma, lines within the width) of the weights on one sample."""
    found, within = layout(sample, style, language, weights)
    c = counts(found, sample.reference)
    sig = sigma(tagged_sentences(found.words, found.labels, list(sample.sentences)), list(sample.lines))
    return f1(*c[0:3]), f1(*c[3:6]), f1(*c[6:9]), sig, float(within)


def write_weights(weights: Weights, template: str) -> str:
    """``template`` (the text of a weights.toml) with each ``key = number`` replaced by the weights' value,
    comments kept; keys the template lacks are added at the end of their table.

    >>> w = Weights({"comma": 1.25}, {}, {"comma": 0.0, "name": 90.0}, {})
    >>> print(write_weights(w, "[gap]\\ncomma = 0.8   # a comma\\n[block]\\ncomma = 0.0"))
    [gap]
    comma = 1.25   # a comma
    [block]
    comma = 0.0
    name = 90.0
    """
    out, table, seen = [], None, set()

    def missing() -> list[str]:
        values = getattr(weights, table) if table in TABLES else {}
        return [f"{key} = {_number(value)}" for key, value in values.items() if key not in seen]

    for line in template.splitlines():
        section = re.match(r"\[(\w+)\]", line)
        if section:
            if table:
                at = len(out)
                while at and not out[at - 1].strip():
                    at -= 1  # before the blank lines that end the table
                out[at:at] = missing()
            table, seen = section.group(1), set()
        entry = re.match(r"(\w+)(\s*=\s*)([-0-9.]+)(.*)", line)
        if entry and table in TABLES:
            values = getattr(weights, table)
            key = entry.group(1)
            seen.add(key)
            if key in values:
                line = f"{key}{entry.group(2)}{_number(values[key])}{entry.group(4)}"
        out.append(line)
    if table:
        out.extend(missing())
    return "\n".join(out) + ("\n" if template.endswith("\n") else "")


def _number(value: float) -> str:
    return str(int(value)) if isinstance(value, int) else repr(round(float(value), 3))


def _table(title: str, rows: list[tuple[float, ...]]) -> list[str]:
    k = len(rows)
    lines = [f"{title}", "| fold | " + " | ".join(map(str, range(1, k + 1))) + " | mean | min | max |",
             "|---" * (k + 4) + "|"]
    for i, name in enumerate(("F1 any", "F1 block", "F1 line", "Sigma", "lines<=cpl")):
        col = [r[i] for r in rows]
        fmt = "{:.1f}" if name == "Sigma" else "{:.3f}"
        if name == "lines<=cpl":
            fmt = "{:.0%}"
        cells = [fmt.format(v) for v in col] + [fmt.format(sum(col) / k), fmt.format(min(col)), fmt.format(max(col))]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("reference", nargs="?", default=str(DEFAULT_REFERENCE))
    parser.add_argument("--style", default="netflix")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--line-weight", type=float, default=0.5)
    parser.add_argument("--min-gain", type=float, default=0.0, help="least objective gain for a step to count")
    parser.add_argument("--method", choices=("descent", "perceptron"), default="descent",
                        help="coordinate descent on F1 (default) or an averaged structured perceptron")
    parser.add_argument("--epochs", type=int, default=3, help="perceptron passes")
    parser.add_argument("--rate", type=float, default=0.1, help="perceptron step")
    parser.add_argument("--train-extra", action="append", default=[], metavar="TAGGED",
                        help="more tagged human subtitles added to every training set (never scored here)")
    parser.add_argument("--out", default=str(REPO / "bench" / "learned-weights.toml"))
    args = parser.parse_args(argv)
    path = Path(args.reference)
    if not path.is_file():
        print(f"learn: reference {path} not found (it lives in ../shared beside the checkout)", file=sys.stderr)
        return 2
    if args.folds < 2:
        print(f"learn: --folds must be at least 2, not {args.folds}", file=sys.stderr)
        return 2
    started = time.time()
    style, language, shipped = load_style(args.style), english(), default_weights()
    tagged = [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    folds = [make_sample(fold, style, language) for fold in contiguous_folds(tagged, args.folds)]
    extra = [make_sample([line for line in Path(p).read_text(encoding="utf-8").splitlines() if line.strip()],
                         style, language) for p in args.train_extra]

    def learn(train: list[Sample]) -> Weights:
        if args.method == "perceptron":
            return perceptron.train([u for sample in train for u in perceptron.units_of(sample)], style, language,
                                    shipped, args.epochs, args.rate, log=print)
        return fit(train, style, language, shipped, args.passes, args.line_weight, args.min_gain, log=print)

    current, learned = [], []
    for k, held_out in enumerate(folds):
        print(f"fold {k + 1}: fitting on the other {args.folds - 1}", flush=True)
        weights = learn(folds[:k] + folds[k + 1:] + extra)
        current.append(evaluate(held_out, style, language, shipped))
        learned.append(evaluate(held_out, style, language, weights))
    report = _table("shipped weights, each held-out fold:", current) + [""] + _table(
        "learned weights (fitted on the other folds), each held-out fold:", learned)
    print("\n".join(report))
    for k, held_out in enumerate(extra):  # each extra set held out in turn: neither side was fitted on it
        print(f"{args.train_extra[k]}: fitting on the dev file and the other extra sets", flush=True)
        weights = learn(folds + extra[:k] + extra[k + 1:])
        for name, scores in (("shipped", evaluate(held_out, style, language, shipped)),
                             ("learned", evaluate(held_out, style, language, weights))):
            print(f"  {Path(args.train_extra[k]).name} held out, {name}: F1 any {scores[0]:.3f}, block "
                  f"{scores[1]:.3f}, line {scores[2]:.3f}, Sigma {scores[3]:.1f}, lines within {scores[4]:.0%}")
    print("fitting on the whole file for the output", flush=True)
    final = learn(folds + extra)
    template = resources.files("segmenter.data").joinpath("weights.toml").read_text(encoding="utf-8")
    settings = (f"perceptron, {args.epochs} epochs, rate {args.rate}" if args.method == "perceptron" else
                f"{args.passes} passes, line weight {args.line_weight}, min gain {args.min_gain}")
    header = (f"# Written by bench/learn.py from {', '.join([path.name, *args.train_extra])} ({settings}):\n# fitted on the whole file; bench/LEARN.md has the cross-validation.\n")
    Path(args.out).write_text(header + write_weights(final, template), encoding="utf-8")
    before = perceptron.explicit(shipped) if args.method == "perceptron" else shipped
    changed = [f"{t}.{k} {getattr(before, t)[k]} -> {getattr(final, t)[k]:.3g}" for t in TABLES
               for k in getattr(final, t) if abs(getattr(final, t)[k] - getattr(before, t)[k]) > 1e-9]
    print(f"wrote {args.out}; changed: " + ("; ".join(changed) or "nothing"))
    mean = [sum(col) / len(col) for col in zip(*learned)], [sum(col) / len(col) for col in zip(*current)]
    verdict = "beats" if mean[0][0] > mean[1][0] and mean[0][2] > mean[1][2] else "does not beat"
    print(f"cross-validated: learned {verdict} the shipped weights on both F1 any and line F1 "
          f"({mean[0][0]:.3f} vs {mean[1][0]:.3f}, {mean[0][2]:.3f} vs {mean[1][2]:.3f}); {time.time() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
