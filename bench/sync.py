"""Benchmark of subtitles synced to speech (``--audio`` and ``--words``) on synthesised broadcasts.

For each voice of espeak-ng and flite, and each sample script given (default: two of ``samples/``), the
script is read paragraph by paragraph into one WAV (noise first, pauses of varied length over low noise),
one paragraph left out and one sentence that is not in the script added; the script is then subtitled
with ``--audio`` and scored against the known times of the clips. A ``--words`` row does the same from
ASR word times damaged as in the issue (10% substituted, 3% missed, 2% inserted, lower case, no
punctuation). Speed is media seconds per second of CPU (this process and ffmpeg), on one core.

    python bench/sync.py [SCRIPT.txt ...]
    python bench/sync.py --scaling [MINUTES]   # time and memory of --audio at MINUTES/4 and MINUTES (default 8)

``--scaling`` reads the plain samples over and over with espeak-ng into broadcasts of a quarter of MINUTES and
of MINUTES, subtitles each with ``segmenter subtitle --audio`` in a child process and prints the CPU time
(child and ffmpeg) and the child's peak memory (VmHWM): linear time means a ratio near 4, bounded memory a
peak that does not grow with the length.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import tempfile
from pathlib import Path

from peak import run_cli
from segmenter import subtitle
from segmenter.align.synth import Clip, asr_words, engines, score, synthesise
from segmenter.style import load_style

REPO = Path(__file__).resolve().parents[1]
DEFAULT = [REPO / "samples" / "package-trade-talks.txt", REPO / "samples" / "numbers-and-names.txt"]
EXTRA = "So what do you make of all that, and how long before we know whether it will hold?"
LEAVE_OUT, EXTRA_AT = 5, 8


def cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def row(name: str, scores, seconds: float, spent: float) -> str:
    errors = [e for s in scores for e in s.start_errors]
    ends = sum(s.ends_in_range for s in scores)
    paragraphs = sum(s.paragraphs for s in scores)
    speed = f"{seconds / spent:5.1f}x" if spent else "    -"
    return (f"| {name:<18} | {statistics.median(errors):.3f} | {_p95(errors):.3f} | {max(errors):.3f} "
            f"| {ends}/{paragraphs} | {sum(s.words_lost for s in scores)} | {sum(s.cut_words_shown for s in scores)} "
            f"| {sum(s.adlib_overlap for s in scores):.2f} | {speed} |")


def _p95(errors: list[float]) -> float:
    ordered = sorted(errors)
    return ordered[max(0, -(-95 * len(ordered) // 100) - 1)]


def main(paths: list[str]) -> None:
    style = load_style("broadcast")
    scripts = [Path(p) for p in paths] or DEFAULT
    print("| voice | median start error (s) | p95 | worst | paragraph ends in range | words lost "
          "| cut words shown | cue time over ad-lib (s) | speed (x real time, 1 core) |")
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for engine, voice in engines():
            scores, media, spent = [], 0.0, 0.0
            for n, script in enumerate(scripts):
                paragraphs = [line for line in script.read_text(encoding="utf-8").splitlines() if line.strip()]
                wav = Path(tmp) / f"{voice}-{n}.wav"
                clips = synthesise(paragraphs, engine, voice, wav, leave_out=LEAVE_OUT, extra=(EXTRA_AT, EXTRA),
                                   seed=n)
                before = cpu()
                cues = subtitle("\n".join(paragraphs), style, audio=str(wav))
                spent += cpu() - before
                media += clips[-1].end + 1.0
                scores.append(score(cues, paragraphs, clips, style.linger))
            print(row(f"{engine} {voice}", scores, media, spent), flush=True)
    scores = []
    for n, script in enumerate(scripts * 2):
        paragraphs = [line for line in script.read_text(encoding="utf-8").splitlines() if line.strip()]
        words, truth = asr_words(paragraphs, seed=n, substituted=0.10, missed=0.03, inserted=0.02)
        clips, k = [], 0
        for p in paragraphs:
            size = len(p.split())
            clips.append(Clip(p, truth[k][0], truth[k + size - 1][1], True))
            k += size
        scores.append(score(subtitle("\n".join(paragraphs), style, words=words), paragraphs, clips, style.linger))
    print(row("--words, damaged", scores, 0.0, 0.0))


def scaling(minutes: float) -> None:
    """Time and peak memory of ``--audio`` on broadcasts of ``minutes / 4`` and ``minutes``."""
    paragraphs = [line for p in sorted((REPO / "samples").glob("*.txt")) if not p.stem.startswith(("transcript",
                  "newsroom", "markup")) for line in p.read_text(encoding="utf-8").splitlines() if line.strip()]
    engine, voice = engines()[0]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for length in (minutes / 4, minutes):
            script, media, n = [], 0.0, 0
            while media < length * 60:
                script.append(paragraphs[n % len(paragraphs)])
                media += len(script[-1]) / 14.0 + 1.3  # about espeak's pace, plus a pause
                n += 1
            text = Path(tmp) / f"{length:g}.txt"
            text.write_text("\n".join(script) + "\n", encoding="utf-8")
            wav = Path(tmp) / f"{length:g}.wav"
            clips = synthesise(script, engine, voice, wav)
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            out = Path(tmp) / f"{length:g}.srt"
            proc, peak = run_cli(["subtitle", str(text), "--audio", str(wav), "-o", str(out), "--quiet"])
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            if proc.returncode:
                raise SystemExit(proc.stderr)
            spent = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            rows.append((clips[-1].end / 60, spent, peak))
            print(f"{rows[-1][0]:5.1f} min of speech: {spent:6.1f} s CPU ({rows[-1][0] * 60 / spent:.1f}x real time), "
                  f"peak {rows[-1][2]:.0f} MB", flush=True)
    print(f"time ratio {rows[1][1] / rows[0][1]:.2f} for a length ratio {rows[1][0] / rows[0][0]:.2f}; "
          f"peak memory {rows[0][2]:.0f} -> {rows[1][2]:.0f} MB")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scripts", nargs="*", help="plain scripts to synthesise (default: two of samples/)")
    parser.add_argument("--scaling", type=float, nargs="?", const=8.0, metavar="MINUTES",
                        help="time and peak memory of --audio at a quarter of MINUTES and at MINUTES (default 8)")
    args = parser.parse_args()
    if args.scaling is not None:
        scaling(args.scaling)
    else:
        main(args.scripts)
