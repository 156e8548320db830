"""Word times from an ASR: whisper / faster-whisper / WhisperX JSON, a plain JSON list, or SRT / WebVTT.

>>> read_words_text('{"segments": [{"words": [{"word": " Rain", "start": 0.5, "end": 0.8},'
...                 ' {"word": " fell.", "start": 0.8, "end": 1.2}]}]}', "asr.json")
(Word(text='Rain', start=0.5, end=0.8), Word(text='fell.', start=0.8, end=1.2))
>>> read_words_text("1\\n00:00:01,000 --> 00:00:02,000\\nAbc defg\\n", "auto.srt")
(Word(text='Abc', start=1.0, end=1.375), Word(text='defg', start=1.5, end=2.0))
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import PurePath

from ..errors import InputError


@dataclass(frozen=True, slots=True)
class Word:
    """One recognised word and its time in seconds."""

    text: str
    start: float
    end: float


def as_words(items, origin: str = "words") -> tuple[Word, ...]:
    """Words from :class:`Word` objects, ``(text, start, end)`` tuples or ``{word, start, end}`` mappings
    (``text`` accepted for ``word``); words without times (WhisperX leaves some) are timed between their
    neighbours; bad items raise :class:`InputError` naming ``origin`` and the item.

    >>> as_words([("a", 0, 1), {"word": "b"}, {"text": "c", "start": 3, "end": 4}])
    (Word(text='a', start=0.0, end=1.0), Word(text='b', start=1.0, end=3.0), Word(text='c', start=3.0, end=4.0))
    """
    texts, times = [], []
    for n, item in enumerate(items, 1):
        try:
            if isinstance(item, Word):
                text, start, end = item.text, item.start, item.end
            elif isinstance(item, dict):
                text = item.get("word", item.get("text"))
                start, end = item.get("start"), item.get("end")
            else:
                text, start, end = item
            if not isinstance(text, str):
                raise TypeError
            timed = start is not None and end is not None
            if timed:
                start, end = float(start), float(end)
                if not (math.isfinite(start) and math.isfinite(end)) or start < 0 or end < start:
                    raise ValueError
        except (TypeError, ValueError):
            raise InputError(f"{origin}: word {n} is not a word with a start and an end time: {item!r:.80}") from None
        if text.strip():
            texts.append(text.strip())
            times.append((start, end) if timed else None)
    if not texts:
        raise InputError(f"{origin}: no words with times")
    if all(t is None for t in times):
        raise InputError(f"{origin}: no word has a time")
    return tuple(Word(text, *span) for text, span in zip(texts, _fill(times)))


def _fill(times: list) -> list[tuple[float, float]]:
    """Untimed entries (None) spread between the end of the timed word before and the start of the next."""
    out = list(times)
    i = 0
    while i < len(out):
        if out[i] is not None:
            i += 1
            continue
        j = i
        while j < len(out) and out[j] is None:
            j += 1
        lo = out[i - 1][1] if i else out[j][0]
        hi = out[j][0] if j < len(out) else lo
        step = (hi - lo) / (j - i)
        for k in range(i, j):
            out[k] = (lo + step * (k - i), lo + step * (k - i + 1))
        i = j
    return out


def _from_json(data, origin: str) -> tuple[Word, ...]:
    if isinstance(data, dict):
        if isinstance(data.get("segments"), list):
            items = []
            for seg in data["segments"]:
                if isinstance(seg, dict) and isinstance(seg.get("words"), list):
                    items.extend(seg["words"])
            if not items and data["segments"]:
                raise InputError(f"{origin}: segments have no word times (run the ASR with word timestamps)")
            return as_words(items, origin)
        if isinstance(data.get("words"), list):
            return as_words(data["words"], origin)
        raise InputError(f"{origin}: JSON has neither 'segments' with 'words' nor a 'words' list")
    if isinstance(data, list):
        return as_words(data, origin)
    raise InputError(f"{origin}: JSON is not a list of words nor an ASR result")


def _cue_words(cues):
    """Each cue with its words, formatting tags dropped and a rolling caption's line repeated from the cue
    before read once."""
    from ..check import srt_visible

    previous: tuple[str, ...] = ()
    for cue in cues:
        lines = list(cue.lines)
        if previous and lines and lines[0] == previous[-1] and len(lines) > 1:
            lines = lines[1:]
        previous = tuple(cue.lines)
        yield cue, srt_visible(" ".join(lines)).split()


def _from_cues(cues, origin: str) -> tuple[Word, ...]:
    """Words of subtitle cues, each timed within its cue in proportion to its characters (a rolling
    caption's line repeated from the cue before is read once)."""
    items: list[tuple[str, float, float]] = []
    for cue, words in _cue_words(cues):
        if not words:
            continue
        total = sum(len(w) + 1 for w in words) - 1
        start, span = cue.start / 1000, (cue.end - cue.start) / 1000
        at = 0
        for w in words:
            items.append((w, start + span * at / total, start + span * (at + len(w)) / total))
            at += len(w) + 1
    return as_words(items, origin)


def read_words_text(text: str, origin: str) -> tuple[Word, ...]:
    """Words from the text of a word-time file; its kind from ``origin``'s extension (``.json``, ``.srt``,
    ``.vtt``) or, failing that, from the text."""
    suffix = PurePath(origin).suffix.lower()
    stripped = text.lstrip("\ufeff \t\r\n")
    if suffix == ".json" or (suffix not in (".srt", ".vtt") and stripped[:1] in "[{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            raise InputError(f"{origin}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
        return _from_json(data, origin)
    from .. import formats

    kind = "vtt" if suffix == ".vtt" or stripped.startswith("WEBVTT") else "srt"
    try:
        cues = formats.get(kind).read(text)
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from None
    return _from_cues(cues, origin)


def captions_format(text: str, origin: str) -> str | None:
    """``srt`` or ``vtt`` when a script is in fact a subtitle file (by its extension, a ``WEBVTT`` header or
    an SRT timing line near its start), else None.

    >>> captions_format("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nHi.\\n", "-"), captions_format("Rain fell.", "a.txt")
    ('vtt', None)
    """
    from ..check import sniff_format

    try:
        return sniff_format(text[:2000], origin)
    except InputError:
        return None


def read_captions(text: str, origin: str) -> tuple[str, tuple[Word, ...]]:
    """A subtitle file read as a script to lay out anew: its words as a script, one cue a line (a speaker's
    name from a voice tag as a label where the speaker changes), and their times (:func:`read_words_text`).

    >>> script, words = read_captions("WEBVTT\\n\\n00:01.000 --> 00:02.000\\n<v Ann Lee>Rain fell\\n\\n"
    ...                               "00:02.000 --> 00:03.000\\nall day.\\n", "a.vtt")
    >>> script, words[-1]
    ('ANN LEE: Rain fell\\nall day.', Word(text='day.', start=2.5, end=3.0))
    """
    from .. import formats

    try:
        cues = formats.get(captions_format(text, origin) or "srt").read(text)
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from None
    lines, speaker = [], None
    for cue, words in _cue_words(cues):
        if words:
            label = f"{cue.speaker.upper()}: " if cue.speaker and cue.speaker != speaker else ""
            speaker = cue.speaker or speaker
            lines.append(label + " ".join(words))
    return "\n".join(lines), _from_cues(cues, origin)


def read_words(path: str) -> tuple[Word, ...]:
    """Words from a word-time file (see :func:`read_words_text`); errors name the file."""
    from ..files import read_text

    return read_words_text(read_text(path, what="word-time file"), path)
