"""Performance benchmark: whole pipeline against bare Punkt, scaling, cold start, and batch throughput.

    python bench/run.py            # the full run (a few minutes on 2 cores)
    python bench/run.py --quick    # a tenth of the sizes, for a quick look

The corpus is generated deterministically from `samples/*.txt` (nothing is downloaded). Every figure is a
ratio from one run on this machine, since absolute times are noisy here. Targets (issue 4):

  1. pipeline / bare Punkt on ~5 MB            <= 2.0
  2. scaling: time(10x) / time(1x), start-up subtracted, for paragraphs and for one paragraph   <= 13
  3. cold start: `segmenter subtitle` / `python -c "import nltk.tokenize.punkt, srt, click"`     <= 1.25
  4. batch of 10,000 scripts: --jobs 2 speed-up over --jobs 1 >= 1.7; parent memory flat
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

SAMPLES = sorted((REPO / "samples").glob("*.txt"))


def corpus(size: int, paragraphs: bool = True, seed: int = 1) -> str:
    """About ``size`` characters of script text: sample stories, their middle paragraphs shuffled."""
    rng = random.Random(seed)
    stories = [p.read_text(encoding="utf-8").strip().split("\n") for p in SAMPLES]
    out, total = [], 0
    while total < size:
        lines = list(rng.choice(stories))
        middle = lines[1:-1]
        rng.shuffle(middle)
        story = "\n".join([lines[0], *middle, lines[-1]]) + "\n\n"
        out.append(story)
        total += len(story)
    text = "".join(out)
    return text if paragraphs else " ".join(text.split()) + "\n"


def timed(func) -> float:
    start = time.perf_counter()
    func()
    return time.perf_counter() - start


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


def bench_ratio(scale: float) -> None:
    text = corpus(int(5_000_000 * scale))
    pipeline(text[:20000])  # warm: imports and caches
    t_punkt = timed(lambda: bare_punkt(text))
    t_pipe = timed(lambda: pipeline(text))
    row("1. pipeline / bare Punkt", t_pipe / t_punkt, "<= 2.0", t_pipe / t_punkt <= 2.0,
        f"{len(text) / 1e6:.1f} MB: pipeline {t_pipe:.2f} s, Punkt {t_punkt:.2f} s")


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


def _median_run(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _imports(args: list[str]) -> set[str]:
    proc = subprocess.run([sys.executable, "-X", "importtime", "-m", "segmenter", *args], capture_output=True,
                          text=True)
    return {line.split("|")[-1].strip().split(".")[0] for line in proc.stderr.splitlines() if "|" in line}


def bench_cold_start(runs: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "x.srt"
        cmd = [sys.executable, "-m", "segmenter", "subtitle", str(SAMPLES[0]), "-o", str(out), "--force"]
        tool = _median_run(cmd, runs)
    floor = _median_run([sys.executable, "-c", "import nltk.tokenize.punkt, srt, click"], runs)
    row("3. cold start / unavoidable imports", tool / floor, "<= 1.25", tool / floor <= 1.25,
        f"median of {runs}: {tool * 1000:.0f} ms vs {floor * 1000:.0f} ms")
    for args in (["--help"], ["styles"]):
        heavy = sorted(_imports(args) & {"nltk", "srt", "segmenter.pipeline", "dask", "json", "regex"})
        print(f"   `segmenter {' '.join(args)}` imports nltk/srt/dask: {'none' if not heavy else heavy}")


def bench_batch(count: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "in"
        rng = random.Random(7)
        stories = [p.read_text(encoding="utf-8") for p in SAMPLES]
        for n in range(count):
            folder = root / f"day{n // 500:03d}"
            folder.mkdir(parents=True, exist_ok=True)
            (folder / f"story{n:05d}.txt").write_text(rng.choice(stories), encoding="utf-8")
        times, peaks = {}, {}
        for jobs in (1, 2):
            out = Path(tmp) / f"out{jobs}"
            probe = ("import resource, sys; from segmenter.cli import main\n"
                     "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
                     "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)")
            start = time.perf_counter()
            proc = subprocess.run([sys.executable, "-c", probe, "batch", str(root), "-o", str(out), "-q",
                                   "--jobs", str(jobs), "--format", "both"], capture_output=True, text=True)
            times[jobs] = time.perf_counter() - start
            peaks[jobs] = int(proc.stderr.strip().splitlines()[-1]) / 1024
        speedup = times[1] / times[2]
        row(f"4. batch {count} scripts, --jobs 2 speed-up", speedup, ">= 1.7", speedup >= 1.7,
            f"{times[1]:.1f} s vs {times[2]:.1f} s; parent peak RSS {peaks[1]:.0f} MB (-j1), "
            f"{peaks[2]:.0f} MB (-j2)")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="a tenth of the sizes")
    parser.add_argument("--only", choices=["ratio", "scaling", "cold", "batch"], default=None)
    args = parser.parse_args()
    scale = 0.1 if args.quick else 1.0
    print(f"{'measure':<44} {'value':>8}   {'target':<8} result")
    steps = {"ratio": lambda: bench_ratio(scale), "scaling": lambda: bench_scaling(scale),
             "cold": lambda: bench_cold_start(5 if args.quick else 11),
             "batch": lambda: bench_batch(1000 if args.quick else 10000)}
    for name, step in steps.items():
        if args.only in (None, name):
            step()
    return 0


if __name__ == "__main__":
    sys.exit(main())
