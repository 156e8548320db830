"""Test material with known times, for the tests and ``bench/sync.py``: word times an ASR might give for a
script (damaged on request), and speech synthesised with espeak-ng or flite, one paragraph per clip,
joined with pauses over low noise after a stretch of noise.

>>> words, onsets = asr_words(["Rain fell in 1965.", "It stopped."], seed=1, digits=0.0)
>>> [w.text for w in words]
['rain', 'fell', 'in', 'nineteen', 'sixty', 'five', 'it', 'stopped']
>>> len(onsets), onsets[0][0] == words[0].start
(6, True)
"""

from __future__ import annotations

import math
import random
import shutil
import struct
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

from .spoken import spoken_tokens
from .words import Word

RATE = 16000


def asr_words(paragraphs, seed: int = 0, substituted: float = 0.0, missed: float = 0.0,
              inserted: float = 0.0, digits: float = 0.5) -> tuple[list[Word], list[tuple[float, float]]]:
    """Word times as an ASR gives them for the paragraphs read aloud (lower case, no punctuation, numbers
    in digits or words), and the true ``(start, end)`` of every script token (whitespace-separated).

    A share of the words is then ``substituted`` by another word, ``missed`` or followed by an
    ``inserted`` one; the paragraphs are read with pauses of 0.7 to 2 s between them.
    """
    rng = random.Random(seed)
    words: list[Word] = []
    truth: list[tuple[float, float]] = []
    t = 0.5
    vocab = sorted({w for p in paragraphs for s in spoken_tokens(p.split()) for w in s}) or ["uh"]
    for p in paragraphs:
        tokens = p.split()
        for token, spoken in zip(tokens, spoken_tokens(tokens)):
            start = t
            heard = [token.strip(".,;:!?\"'").lower()] if token.strip(".,").isdigit() and rng.random() < digits \
                else list(spoken)
            share = [len(w) for w in spoken] or [1]
            length = sum(0.08 + 0.055 * n for n in share)
            step = length / max(1, len(heard))
            for w in heard:
                words.append(Word(w, round(t, 3), round(t + step, 3)))
                t += step
            truth.append((round(start, 3), round(t, 3)))
            t += rng.uniform(0.02, 0.06) + (rng.uniform(0.25, 0.5) if token[-1:] in ".?!" else 0.0)
        t += rng.uniform(0.7, 2.0)
    return damage(words, rng, substituted, missed, inserted, vocab), truth


def damage(words: list[Word], rng: random.Random, substituted: float, missed: float, inserted: float,
           vocab: list[str]) -> list[Word]:
    """ASR errors: words replaced by another, dropped, or followed by an extra short word."""
    out = []
    for w in words:
        r = rng.random()
        if r < substituted:
            out.append(Word(rng.choice(["uh", "the", "and", "a", "in", "was", "her", "it", *vocab[:50]]) + "s"
                            if rng.random() < 0.5 else rng.choice(vocab), w.start, w.end))
        elif r < substituted + missed:
            continue
        else:
            out.append(w)
        if rng.random() < inserted:
            out.append(Word(rng.choice(["uh", "the", "and", "a", "so"]), w.end, round(w.end + 0.05, 3)))
    return out


@dataclass(frozen=True)
class Clip:
    """A synthesised stretch of the test audio: what was said, and when (seconds)."""

    text: str
    start: float
    end: float
    in_script: bool


def engines() -> list[tuple[str, str]]:
    """The ``(engine, voice)`` pairs available here: two voices of espeak-ng and two of flite."""
    out = []
    if shutil.which("espeak-ng"):
        out += [("espeak-ng", "en-us"), ("espeak-ng", "en-gb")]
    if shutil.which("flite"):
        out += [("flite", "slt"), ("flite", "kal")]
    return out


def _say(engine: str, voice: str, text: str, path: Path) -> None:
    if engine == "espeak-ng":
        cmd = ["espeak-ng", "-v", voice, "-s", "165", "-w", str(path), text]
    else:
        cmd = ["flite", "-voice", voice, "-t", text, "-o", str(path)]
    subprocess.run(cmd, check=True, capture_output=True)


def _samples(path: Path) -> list[int]:
    """The clip as 16 kHz mono samples, leading and trailing silence trimmed (so onsets are exact)."""
    with wave.open(str(path)) as w:
        rate, raw, width, channels = w.getframerate(), w.readframes(w.getnframes()), w.getsampwidth(), w.getnchannels()
    data = list(struct.unpack(f"<{len(raw) // 2}h", raw))[::channels] if width == 2 else []
    if rate != RATE:  # nearest-sample resampling is enough for test speech
        data = [data[int(i * rate / RATE)] for i in range(int(len(data) * RATE / rate))]
    loud = [i for i, s in enumerate(data) if abs(s) > 600]
    return data[loud[0]: loud[-1] + 1] if loud else data


def synthesise(paragraphs: list[str], engine: str, voice: str, out: Path, *, leave_out: int | None = None,
               extra: tuple[int, str] | None = None, seed: int = 0, lead: float = 2.0) -> list[Clip]:
    """Read each paragraph with ``engine``/``voice`` into a 16 kHz WAV at ``out``: ``lead`` seconds of
    noise first, then the clips joined with pauses of 0.6 to 2.0 s over low noise. Paragraph ``leave_out``
    is not read; ``extra`` = ``(i, sentence)`` reads a sentence that is not in the script before paragraph i.
    Returns the clips in order with their exact times."""
    rng = random.Random(seed)
    plan = [(p, True) for i, p in enumerate(paragraphs) if i != leave_out]
    if extra:
        at = sum(1 for i in range(extra[0]) if i != leave_out)
        plan.insert(at, (extra[1], False))
    audio: list[int] = [int(rng.gauss(0, 700)) for _ in range(int(lead * RATE))]
    clips = []
    with tempfile.TemporaryDirectory() as tmp:
        for n, (text, in_script) in enumerate(plan):
            path = Path(tmp) / f"{n}.wav"
            _say(engine, voice, text, path)
            pause = [int(rng.gauss(0, 60)) for _ in range(int(rng.uniform(0.6, 2.0) * RATE))]
            audio += pause
            speech = _samples(path)
            start = len(audio) / RATE
            audio += [max(-32768, min(32767, s + int(rng.gauss(0, 60)))) for s in speech]
            clips.append(Clip(text, start, len(audio) / RATE, in_script))
    audio += [int(rng.gauss(0, 60)) for _ in range(RATE)]
    with wave.open(str(out), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(struct.pack(f"<{len(audio)}h", *audio))
    return clips


@dataclass(frozen=True)
class Score:
    """How well cues follow synthesised speech (seconds): the start error of each spoken paragraph's
    opening cue, whether its last cue ends in range (after its speech ends and within ``linger`` plus
    ``slack`` of it), script words of spoken paragraphs missing from the cues, words of left-out
    paragraphs that were subtitled, and seconds of cue time over speech not in the script beyond ``linger``."""

    start_errors: tuple[float, ...]
    ends_in_range: int
    paragraphs: int
    words_lost: int
    cut_words_shown: int
    adlib_overlap: float

    def percentile(self, share: float) -> float:
        errors = sorted(self.start_errors)
        return errors[min(len(errors) - 1, math.ceil(share * len(errors)) - 1)] if errors else math.nan


def score(cues, paragraphs: list[str], clips: list[Clip], linger: float, slack: float = 0.3) -> Score:
    """Score ``cues`` made from ``paragraphs`` against the synthesised ``clips`` (see :class:`Score`).
    Each paragraph's cues are found by their text (a cue never spans two paragraphs)."""
    spoken = {c.text: c for c in clips if c.in_script}
    errors, in_range, lost, shown = [], 0, 0, 0
    for p in paragraphs:
        mine = [c for c in cues if c.text in p]
        count = sum(len(c.text.split()) for c in mine)
        clip = spoken.get(p)
        if clip is None:
            shown += count
            continue
        lost += len(p.split()) - count
        if not mine:
            continue
        errors.append(abs(mine[0].start / 1000 - clip.start))
        end = mine[-1].end / 1000
        in_range += clip.end - 0.05 <= end <= clip.end + linger + slack
    overlap = 0.0
    for clip in clips:
        if not clip.in_script:
            for c in cues:
                overlap += max(0.0, min(c.end / 1000, clip.end) - max(c.start / 1000, clip.start + linger))
    return Score(tuple(errors), in_range, len(spoken), lost, shown, round(overlap, 3))
