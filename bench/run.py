"""Performance benchmark: whole pipeline against bare Punkt, scaling, cold start, and batch throughput.

    python bench/run.py            # the full run (a few minutes on 2 cores)
    python bench/run.py --quick    # a tenth of the sizes, for a quick look

The corpus is generated deterministically from `samples/*.txt` (nothing is downloaded). Every figure is a
ratio from one run on this machine, since absolute times are noisy here; rows 1 and 2 compare CPU time of
this process (steadier when other work shares the machine), rows 3 and 4 wall time. Row 1 alternates the
two sides five times and divides the fastest of each. Targets (issue 4):

  1. pipeline / bare Punkt on ~5 MB            <= 2.0
  2. scaling: time(10x) / time(1x), start-up subtracted, for paragraphs and for one paragraph   <= 13
  3. cold start: `segmenter subtitle` / `python -c "import nltk.tokenize.punkt, srt, click"`     <= 1.25
  4. batch of 10,000 scripts: --jobs 2 speed-up over --jobs 1 >= 1.7; parent memory flat
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from functools import lru_cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SAMPLES = sorted((REPO / "samples").glob("*.txt"))


@lru_cache(maxsize=1)
def _stories() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(p.read_text(encoding="utf-8").strip().split("\n")) for p in SAMPLES)


def story(rng: random.Random) -> str:
    """One sample story, its middle paragraphs shuffled."""
    lines = list(rng.choice(_stories()))
    middle = lines[1:-1]
    rng.shuffle(middle)
    return "\n".join([lines[0], *middle, lines[-1]]) + "\n\n"


def corpus(size: int, paragraphs: bool = True, seed: int = 1) -> str:
    """About ``size`` characters of script text: sample stories, their middle paragraphs shuffled; with
    ``paragraphs=False`` all of it one paragraph (one line)."""
    rng = random.Random(seed)
    out, total = [], 0
    while total < size:
        out.append(story(rng))
        total += len(out[-1])
    text = "".join(out)
    return text if paragraphs else " ".join(text.split()) + "\n"


def timed(func) -> float:
    """CPU seconds of this process spent in ``func()``: steadier than wall time on a shared machine."""
    start = time.process_time()
    func()
    return time.process_time() - start


def pipeline(text: str) -> None:
    from segmenter.pipeline import render, subtitle

    cues = subtitle(text)
    render(cues, "srt")
    render(cues, "vtt")


def bare_punkt(text: str) -> None:
    from nltk.tokenize.punkt import PunktSentenceTokenizer

    from segmenter.language import english

    PunktSentenceTokenizer(english().punkt_parameters()).tokenize(text)


def row(name: str, value: float, target: str, ok: bool, detail: str = "") -> None:
    print(f"{name:<44} {value:8.2f}   {target:<8} {'ok' if ok else 'MISSED':<7} {detail}")


def bench_ratio(scale: float, rounds: int = 5) -> None:
    """Pipeline and bare Punkt on the same text, alternately, ``rounds`` times: the ratio of the fastest
    of each (a machine that slows down for a few seconds then shifts both sides alike), and the range
    of the ratios of single rounds beside it."""
    text = corpus(int(5_000_000 * scale))
    pipeline(text[:20000])  # warm: imports and caches
    punkt_times, pipe_times = [], []
    for _ in range(rounds):
        punkt_times.append(timed(lambda: bare_punkt(text)))
        pipe_times.append(timed(lambda: pipeline(text)))
    ratio = min(pipe_times) / min(punkt_times)
    singles = sorted(p / q for p, q in zip(pipe_times, punkt_times))
    row("1. pipeline / bare Punkt", ratio, "<= 2.0", ratio <= 2.0,
        f"{len(text) / 1e6:.1f} MB, fastest of {rounds}: pipeline {min(pipe_times):.2f} s, Punkt "
        f"{min(punkt_times):.2f} s; single rounds {singles[0]:.2f}-{singles[-1]:.2f}")


def bench_scaling(scale: float) -> None:
    pipeline(corpus(2000))  # imports and caches first: start-up is the fixed cost of a warm call
    startup = timed(lambda: pipeline(corpus(2000)))
    for label, small, paragraphs in (("paragraphs", 500_000, True), ("one paragraph", 100_000, False)):
        small_text = corpus(int(small * scale), paragraphs)
        big_text = corpus(int(small * 10 * scale), paragraphs)
        t1 = timed(lambda: pipeline(small_text)) - startup
        t10 = timed(lambda: pipeline(big_text)) - startup
        row(f"2. scaling 10x/1x, {label}", t10 / t1, "<= 13", 0 < t10 / t1 <= 13,
            f"{len(small_text) / 1e6:.2f} MB {t1:.2f} s, {len(big_text) / 1e6:.2f} MB {t10:.2f} s")


def _median_runs(cmds: list[list[str]], runs: int) -> list[tuple[float, float]]:
    """Median wall and median CPU seconds (user + system) of ``runs`` runs of each command, the commands
    taking turns so that a machine that speeds up or slows down meanwhile shifts them alike."""
    walls: list[list[float]] = [[] for _ in cmds]
    cpus: list[list[float]] = [[] for _ in cmds]
    for _ in range(runs):
        for n, cmd in enumerate(cmds):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            walls[n].append(time.perf_counter() - start)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpus[n].append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
    return [(statistics.median(w), statistics.median(c)) for w, c in zip(walls, cpus)]


def _imported(argv: list[str]) -> set[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", *argv], capture_output=True, text=True)
    return {line.split("|")[-1].strip() for line in proc.stderr.splitlines() if "|" in line}


def _imports(args: list[str]) -> list[str]:
    """Modules ``segmenter ARGS`` imports beyond those of ``python -c 'import click'`` and its own
    command-line modules (which import nothing heavier than click)."""
    baseline = _imported(["-c", "import click, runpy"])
    extra = _imported(["-m", "segmenter", *args]) - baseline
    own = {"segmenter", "segmenter.__main__", "segmenter.cli", "segmenter.errors", "segmenter.options",
           "segmenter.cli_batch", "segmenter.cli_check", "segmenter.cli_evaluate", "segmenter.cli_preview"}
    if args == ["styles"]:  # reads the presets: the style module and the TOML parser are expected
        own |= {"segmenter.style", "tomllib", "tomllib._parser", "tomllib._re", "tomllib._types"}
    # stdlib modules click loads for help text, and copy's failed probe for Jython's ``org.python``, aside
    return sorted(n for n in extra - own if n.split(".")[0] not in sys.stdlib_module_names | {"org", "click"})


def bench_cold_start(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.srt"
        cmd = [sys.executable, "-m", "segmenter", "subtitle", str(SAMPLES[0]), "-o", str(out), "--force"]
        floor_cmd = [sys.executable, "-c", "import nltk.tokenize.punkt, srt, click"]
        (tool, tool_cpu), (floor, floor_cpu) = _median_runs([cmd, floor_cmd], runs)
    row("3. cold start / unavoidable imports", tool / floor, "<= 1.25", tool / floor <= 1.25,
        f"median of {runs}: {tool * 1000:.0f} ms vs {floor * 1000:.0f} ms wall; "
        f"CPU {tool_cpu * 1000:.0f} vs {floor_cpu * 1000:.0f} ms ({tool_cpu / floor_cpu:.2f})")
    for args in (["--help"], ["styles"]):
        extra = _imports(args)
        print(f"   `segmenter {' '.join(args)}` imports beyond click, its CLI modules and the standard library: "
              f"{', '.join(extra) if extra else 'nothing'}")


def _batch_run(root: Path, out: Path, jobs: int) -> tuple[float, float]:
    """Wall seconds of `segmenter batch ROOT -o OUT -q --jobs N` and the parent's peak RSS in MB."""
    # VmHWM (Linux), not ru_maxrss: ru_maxrss survives exec, so it would report this benchmark's own size
    probe = ("import resource, sys; from segmenter.cli import main\n"
             "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
             "finally:\n    print(next((int(line.split()[1]) for line in open('/proc/self/status')"
             " if line.startswith('VmHWM:')), None) if sys.platform == 'linux' else"
             " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
    start = time.perf_counter()
    proc = subprocess.run([sys.executable, "-c", probe, "batch", str(root), "-o", str(out), "-q",
                           "--jobs", str(jobs), "--format", "both"], capture_output=True, text=True)
    wall = time.perf_counter() - start
    if "0 failed" not in proc.stderr:
        sys.exit(f"batch failed: {proc.stderr[-2000:]}")
    return wall, int(proc.stderr.strip().splitlines()[-1]) / 1024


def bench_batch(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root, small = Path(tmp) / "in", Path(tmp) / "small"
        rng = random.Random(7)
        for n in range(count):
            folder = root / f"day{n // 500:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"story{n:05d}.txt").write_text(story(rng), encoding="utf-8")
        for n in range(count // 10):  # a tenth as many, to show the parent's memory does not grow with them
            folder = small / f"day{n // 500:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"story{n:05d}.txt").write_text(story(rng), encoding="utf-8")
        t1, _ = _batch_run(root, Path(tmp) / "out1", 1)
        t2, peak = _batch_run(root, Path(tmp) / "out2", 2)
        _, peak_small = _batch_run(small, Path(tmp) / "out3", 2)
        speedup = t1 / t2
        row(f"4. batch {count} scripts, --jobs 2 speed-up", speedup, ">= 1.7", speedup >= 1.7,
            f"{t1:.1f} s vs {t2:.1f} s wall; load average {os.getloadavg()[0]:.1f}")
        row("   parent peak RSS -j2, MB", peak, "flat", peak <= peak_small * 1.1,
            f"{count // 10} scripts {peak_small:.0f} MB, {count} scripts {peak:.0f} MB")


def bench_patterns() -> None:
    """Issue 15 item 4: the hostile lines of tests/test_linear.py read at 20k, 40k and 80k characters;
    linear patterns take about twice as long for twice the text (a quadratic one four times)."""
    sys.path.insert(0, str(REPO / "tests"))
    from segmenter.dialect import choose_dialect
    from segmenter.script import parse_script
    from test_linear import HOSTILE

    def parse(text: str) -> None:
        for name in ("auto", "plain", "newsroom", "transcript"):
            parse_script(text, choose_dialect(name, text))

    for name, text in HOSTILE.items():
        times = [max(timed(lambda: parse(text[:n] + text[-1:])), 1e-4) for n in (20_000, 40_000, 80_000)]
        row(f"5. pattern {name}, 80k/20k", times[2] / times[0], "<= 8", times[2] / times[0] <= 8,
            " / ".join(f"{t * 1000:.0f} ms" for t in times) + " at 20k / 40k / 80k")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--only", choices=["ratio", "scaling", "cold", "batch", "patterns"], default=None)
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    print(f"{'measure':<44} {'value':>8}   {'target':<8} result")
    steps = {"ratio": lambda: bench_ratio(scale), "scaling": lambda: bench_scaling(scale),
             "cold": lambda: bench_cold_start(5 if args.quick else 11),
             "batch": lambda: bench_batch(1000 if args.quick else 10000), "patterns": bench_patterns}
    for name, step in steps.items():
        if args.only in (None, name):
            step()
    return 0


if __name__ == "__main__":
    sys.exit(main())
