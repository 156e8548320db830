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
