"""Word times from media: ffmpeg decodes it to 16 kHz mono, pocketsphinx recognises it against the script.

The recogniser's language model is built from the script itself (a bigram model of its words in spoken
form, interpolated with a list of frequent spoken words, ``common.txt``, so that speech not in the script
comes out as other words), and every script word missing from pocketsphinx's dictionary gets a
pronunciation from letter-to-sound rules (``lts.toml``). The audio is streamed from ffmpeg and cut into
utterances by pocketsphinx's voice activity detector (at most ``max_utterance`` seconds each), so memory
stays bounded and time grows linearly with the media's length; music, noise and silence between the
speech either fall outside the utterances or come out as a few words that match nothing.
"""

from __future__ import annotations

import math
import os
from array import array
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections import Counter
from functools import cache
from pathlib import Path

from ..errors import InputError
from .spoken import spoken_tokens
from .words import Word

MAX_UTTERANCE = 30.0  # seconds of speech decoded at once
RATE = 16000
_SKIP = {"<s>", "</s>", "<sil>", "(NULL)"}


def _need_pocketsphinx():
    try:
        import pocketsphinx
    except ImportError:
        raise InputError("--audio needs pocketsphinx: pip install 'news-segmenter[audio]'") from None
    return pocketsphinx


def check_media(path: str) -> float | None:
    """Refuse media that cannot be aligned, with a one-line error (no file, no ffmpeg, no pocketsphinx,
    no audio stream); return its duration in seconds when ffprobe tells it."""
    if not Path(path).is_file():
        raise InputError(f"{path}: no such file" if not Path(path).exists() else f"{path}: not a file")
    if not shutil.which("ffmpeg"):
        raise InputError("ffmpeg not found: install ffmpeg (e.g. apt-get install ffmpeg) to align with --audio")
    _need_pocketsphinx()
    if not shutil.which("ffprobe"):
        return None
    probe = subprocess.run(["ffprobe", "-v", "error", "-show_entries", "format=duration:stream=codec_type",
                            "-of", "default=noprint_wrappers=1", path], capture_output=True, text=True)
    if probe.returncode:
        reason = (probe.stderr.strip().splitlines() or ["unreadable"])[-1]
        raise InputError(f"{path}: ffmpeg cannot read it: {reason.split(': ')[-1]}")
    fields = [line.split("=", 1) for line in probe.stdout.splitlines() if "=" in line]
    if ("codec_type", "audio") not in [tuple(f) for f in fields]:
        raise InputError(f"{path}: no audio stream")
    durations = [float(v) for k, v in fields if k == "duration" and v.replace(".", "", 1).isdigit()]
    return durations[0] if durations else None


def decode(path: str, chunk: int = 1 << 16):
    """The media's audio as 16-bit 16 kHz mono PCM bytes, in chunks, streamed from ffmpeg."""
    proc = subprocess.Popen(["ffmpeg", "-nostdin", "-v", "error", "-i", path, "-map", "0:a:0", "-ac", "1",
                             "-ar", str(RATE), "-f", "s16le", "-"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        while data := proc.stdout.read(chunk):
            yield data
    finally:
        proc.stdout.close()
        err = proc.stderr.read().decode("utf-8", "replace")
        proc.stderr.close()
        code = proc.wait()
    if code:
        lines = err.strip().splitlines() or ["ffmpeg failed"]
        if any("matches no streams" in line for line in lines):
            raise InputError(f"{path}: no audio stream")
        raise InputError(f"{path}: ffmpeg cannot decode it: {lines[-1]}")


def utterances(chunks, max_seconds: float = MAX_UTTERANCE):
    """``(start seconds, pcm)`` for each stretch of speech the voice activity detector finds in ``chunks``
    (at most ``max_seconds`` long: a longer one is cut, and goes on in the next)."""
    from pocketsphinx import Endpointer

    ep = Endpointer(window=0.3, ratio=0.9, sample_rate=RATE)
    size, frame_len = ep.frame_bytes, ep.frame_length
    most = int(max_seconds / frame_len)
    buffer, frames, start = b"", [], 0.0
    region, taken = None, 0

    def feed(frame: bytes, last: bool):
        return ep.end_stream(frame) if last else ep.process(frame)

    pieces = iter(chunks)
    done = False
    while not done:
        while len(buffer) < size:
            data = next(pieces, None)
            if data is None:
                done = True
                break
            buffer += data
        while len(buffer) >= size or (done and buffer):
            frame, buffer = buffer[:size], buffer[size:]
            speech = feed(frame, len(frame) < size)
            if speech is None:
                continue
            if not frames:
                if region != ep.speech_start:
                    region, taken = ep.speech_start, 0
                start = region + taken * frame_len
            frames.append(speech)
            if not ep.in_speech or len(frames) >= most:
                taken = taken + len(frames) if ep.in_speech else 0
                if not ep.in_speech:
                    region = None
                yield start, b"".join(frames)
                frames = []
    if frames:
        yield start, b"".join(frames)


@cache
def _lts() -> tuple[list[tuple[str, str]], dict]:
    data = tomllib.loads(Path(__file__).with_name("lts.toml").read_text(encoding="utf-8"))
    rules = sorted(data["graphemes"].items(), key=lambda kv: -len(kv[0]))
    return rules, data["before_front"]


def letter_to_sound(word: str) -> str:
    """Phones for a word by letter-to-sound rules (a doubled letter read once).

    >>> letter_to_sound("motegi"), letter_to_sound("kyung"), letter_to_sound("cheong")
    ('M OW T EH G IY', 'K Y UW NG', 'CH EH OW NG')
    """
    rules, front = _lts()
    phones: list[str] = []
    i, word = 0, "".join(c for c in word.lower() if c.isalpha())
    while i < len(word):
        if i and word[i] == word[i - 1] and word[i] not in "aeiou":
            i += 1
            continue
        for spelling, sound in rules:
            if word.startswith(spelling, i):
                if spelling in front and word[i + 1: i + 2] in ("e", "i", "y"):
                    sound = front[spelling]
                phones.extend(sound.split())
                i += len(spelling)
                break
        else:
            i += 1
    return " ".join(phones) or "AH"


@cache
def common_words() -> tuple[str, ...]:
    text = Path(__file__).with_name("common.txt").read_text(encoding="utf-8")
    return tuple(w for line in text.splitlines() if not line.startswith("#") for w in line.split())


def language_model(sentences: list[list[str]], extra=(), discount: float = 0.5, weight_extra: float = 0.1) -> str:
    """An ARPA bigram model of ``sentences`` (lists of words), with every word of ``extra`` as well.

    Unigrams are the script's counts interpolated with a uniform share ``weight_extra``; bigrams are
    discounted by ``discount`` and back off to the unigrams.
    """
    uni: Counter = Counter()
    bi: Counter = Counter()
    for words in sentences:
        seq = ["<s>", *words, "</s>"]
        uni.update(seq[1:])
        bi.update(zip(seq, seq[1:]))
    vocab = sorted(set(uni) | set(extra) | {"</s>"})
    total = sum(uni.values())
    p_uni = {w: (1 - weight_extra) * uni[w] / total + weight_extra / len(vocab) for w in vocab}
    history: Counter = Counter()
    followers: dict[str, list[str]] = {}
    for (h, w), c in bi.items():
        history[h] += c
        followers.setdefault(h, []).append(w)
    lines_uni, lines_bi = [], []
    bows = {}
    for h, ws in followers.items():
        reserved = discount * len(ws) / history[h]
        listed = {w: (bi[h, w] - discount) / history[h] + reserved * p_uni[w] for w in ws}
        rest = 1 - sum(p_uni[w] for w in ws)
        bows[h] = max(1e-9, (1 - sum(listed.values())) / rest) if rest > 1e-12 else 1e-9
        lines_bi += [f"{math.log10(p):.5f} {h} {w}" for w, p in sorted(listed.items())]
    lines_uni.append(f"-99.00000 <s> {math.log10(bows.get('<s>', 1.0)):.5f}")
    for w in vocab:
        bow = f" {math.log10(bows[w]):.5f}" if w in bows else ""
        lines_uni.append(f"{math.log10(p_uni[w]):.5f} {w}{bow}")
    return "\n".join(["\\data\\", f"ngram 1={len(lines_uni)}", f"ngram 2={len(lines_bi)}", "",
                      "\\1-grams:", *lines_uni, "", "\\2-grams:", *lines_bi, "", "\\end\\", ""])


def pronunciations(words) -> list[tuple[str, str]]:
    """``(word, phones)`` for each word: every pronunciation pocketsphinx's dictionary has for it, else one
    from a dictionary word and "'s", else one by letter-to-sound rules."""
    ps = _need_pocketsphinx()
    wanted = set(words) | {w[:-2] for w in words if w.endswith("'s")}
    found: dict[str, list[str]] = {}
    path = os.path.join(ps.get_model_path(), "en-us", "cmudict-en-us.dict")
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            head, _, phones = line.partition(" ")
            word = head.split("(")[0]
            if word in wanted:
                found.setdefault(word, []).append(phones.strip())
    out = []
    for w in sorted(set(words)):
        if w in found:
            out += [(w, p) for p in found[w]]
        elif w.endswith("'s") and w[:-2] in found:
            out.append((w, found[w[:-2]][0] + " Z"))
        else:
            out.append((w, letter_to_sound(w)))
    return out


def _decoder(sentences: list[list[str]]):
    """A pocketsphinx decoder whose dictionary holds only the script's and the common words (loading the
    whole dictionary makes building the search take seconds) and whose language model is the script's."""
    ps = _need_pocketsphinx()
    vocab = {w for s in sentences for w in s} | set(common_words())
    with tempfile.TemporaryDirectory() as tmp:
        lm_path, dict_path = os.path.join(tmp, "script.arpa"), os.path.join(tmp, "script.dict")
        Path(lm_path).write_text(language_model(sentences, common_words()), encoding="utf-8")
        seen: Counter = Counter()
        lines = []
        for word, phones in pronunciations(vocab):
            seen[word] += 1
            lines.append(f"{word}{'' if seen[word] == 1 else f'({seen[word]})'} {phones}")
        Path(dict_path).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return ps.Decoder(lm=lm_path, dict=dict_path, loglevel="FATAL", fwdflat=False)


def recognise(path: str, texts, progress=None, length: float | None = None) -> tuple[Word, ...]:
    """Recognised words and their times in the media at ``path``, using the script ``texts`` (its
    segments' texts) as the language model. ``progress(seconds done, total or None)`` is called after each
    utterance (:func:`terminal_progress` draws a bar); ``length``: :func:`check_media`'s answer, when the
    caller has asked it already."""
    total = length if length is not None else check_media(path)
    sentences = [[w for t in spoken_tokens(text.split()) for w in t] for text in texts]
    sentences = [s for s in sentences if s]
    if not sentences:
        return ()
    decoder = _decoder(sentences)
    found: list[Word] = []
    with tempfile.TemporaryFile() as kept:  # the audio, on disk, for the onsets (memory stays bounded)
        for start, pcm in utterances(_tee(decode(path), kept)):
            decoder.start_utt()
            decoder.process_raw(pcm, full_utt=True)
            decoder.end_utt()
            for seg in decoder.seg():
                word = seg.word.split("(")[0]
                if word in _SKIP or word.startswith("[") or word.startswith("<"):
                    continue
                found.append(Word(word, round(start + seg.start_frame / 100, 3),
                                  round(start + (seg.end_frame + 1) / 100, 3)))
            if progress:
                progress(start + len(pcm) / (2 * RATE), total)
        if progress:
            progress(total or 0.0, total)
        if not found:
            raise InputError(f"{path}: no speech recognised")
        return tuple(refine_onsets(found, kept))


def _tee(chunks, handle):
    for chunk in chunks:
        handle.write(chunk)
        yield chunk


def frame_levels(handle, start: float, end: float, frame: float = 0.01) -> list[float]:
    """The RMS level of each ``frame`` seconds of 16-bit mono PCM in ``handle`` from ``start`` to ``end``."""
    first = max(0, int(start * RATE))
    handle.seek(2 * first)
    data = array("h")
    data.frombytes(handle.read(2 * (max(first, int(end * RATE)) - first)))
    if sys.byteorder == "big":
        data.byteswap()
    step = int(frame * RATE)
    return [math.sqrt(sum(x * x for x in data[i:i + step]) / step) for i in range(0, len(data) - step + 1, step)]


def refine_onsets(words: list[Word], handle, pause: float = 0.1, back: float = 0.15, ahead: float = 0.35):
    """Words after a pause start where the sound does: the recogniser often lets a word's first phone
    take in the silence before it (a leading "the"), or starts it late. The onset is the first 10 ms
    frame within ``back`` before to ``ahead`` after the recognised start whose level, and the next two
    frames', rise above both 3x the level of the pause and 6% of the loudest frame there."""
    out = []
    for n, w in enumerate(words):
        gap = w.start - words[n - 1].end if n else w.start
        if gap < pause:
            out.append(w)
            continue
        lo = max(w.start - back, words[n - 1].end if n else 0.0, w.start - gap)
        quiet = frame_levels(handle, max(0.0, w.start - min(gap, 0.4)), w.start)
        levels = frame_levels(handle, lo, min(w.end, w.start + ahead))
        if not quiet or len(levels) < 3:
            out.append(w)
            continue
        floor = sorted(quiet)[len(quiet) // 5]
        threshold = max(3 * floor, 0.06 * max(levels))
        onset = next((i for i in range(len(levels) - 2) if min(levels[i:i + 3]) > threshold), None)
        out.append(w if onset is None else Word(w.text, round(lo + onset * 0.01, 3), w.end))
    return out


def terminal_progress(stream=None):
    """A progress callback that draws a bar on ``stream`` (standard error) when it is a terminal, else None."""
    stream = stream or sys.stderr
    if not stream.isatty():
        return None

    def show(done: float, total: float | None) -> None:
        if total:
            share = min(1.0, done / total)
            bar = "#" * int(share * 30)
            stream.write(f"\raligning [{bar:<30}] {share:4.0%} {done:6.0f}/{total:.0f} s")
        else:
            stream.write(f"\raligning {done:6.0f} s")
        if total and done >= total:
            stream.write("\n")
        stream.flush()

    return show
