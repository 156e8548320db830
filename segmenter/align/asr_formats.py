"""The JSON word times of ASR services, each format recognised by its structure (never by its file name).

:data:`FORMATS` is the table, most specific first: each :class:`Format` has a test on the parsed JSON,
the word items it holds, and how one item reads as a row ``(text, start, end, attach)``: times in
seconds (None when the item has none), ``attach`` None for a word or ``"previous"`` / ``"next"`` for
punctuation joined to the word before or after; an item that is no word (a hesitation, a spacing) reads
as None. :func:`words.read_rows <segmenter.align.words.read_rows>` checks the rows and makes the words.

The generic shapes (a plain list, ``{"words": [...]}``) have no fixed unit: :func:`generic_unit` decides.

>>> data = {"results": {"items": [
...     {"type": "pronunciation", "start_time": "0.5", "end_time": "0.9", "alternatives": [{"content": "Rain"}]},
...     {"type": "punctuation", "alternatives": [{"content": "."}]}]}}
>>> fmt = recognise(data)
>>> fmt.name, [fmt.row(item) for item in fmt.items(data)]
('AWS Transcribe', [('Rain', 0.5, 0.9, None), ('.', None, None, 'previous')])
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

TICKS = 10_000_000  # Azure: 100-ns ticks a second


class ShapeError(ValueError):
    """The JSON has a format's structure but a part of it is wrong; the message says which."""


@dataclass(frozen=True, slots=True)
class Format:
    """One ASR service's JSON: its name, the test that recognises it, its word items and how one reads."""

    name: str
    test: Callable[[object], bool]
    items: Callable[[object], Iterable]
    row: Callable[[object], tuple | None]


# --- values ------------------------------------------------------------------------------------------------

def number(value) -> float:
    """A JSON number or a numeric string ("1.25", as AWS writes them) as a float; anything else raises.

    >>> number("1.25"), number(2)
    (1.25, 2.0)
    """
    if isinstance(value, bool) or not isinstance(value, (int, float, str)):
        raise TypeError(f"not a number: {value!r}")
    return float(value)


def google_time(value) -> float:
    """A protobuf Duration as Google writes it, ``"1.200s"`` or ``{"seconds": "1", "nanos": 200000000}``;
    left out (None) it is zero, as proto3 JSON omits a zero value.

    >>> google_time("1.200s"), google_time({"seconds": "2", "nanos": 500000000}), google_time(None)
    (1.2, 2.5, 0.0)
    """
    if value is None:
        return 0.0
    if isinstance(value, str):
        if not value.endswith("s"):
            raise ValueError(f"not a duration: {value!r}")
        return number(value[:-1])
    if isinstance(value, dict):
        return number(value.get("seconds", 0)) + number(value.get("nanos", 0)) / 1e9
    raise TypeError(f"not a duration: {value!r}")


_ISO = re.compile(r"P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?")


def iso_seconds(value) -> float:
    """An ISO 8601 duration (``PT1M2.5S``, as Azure's batch API writes offsets) in seconds.

    >>> iso_seconds("PT1.5S"), iso_seconds("PT1M2.5S"), iso_seconds("PT1H")
    (1.5, 62.5, 3600.0)
    """
    match = _ISO.fullmatch(value) if isinstance(value, str) else None
    if not match or value in ("P", "PT") or value.endswith("T"):
        raise ValueError(f"not an ISO 8601 duration: {value!r}")
    days, hours, minutes, seconds = (float(g) if g else 0.0 for g in match.groups())
    return ((days * 24 + hours) * 60 + minutes) * 60 + seconds


def azure_time(value) -> float:
    """An Azure offset or duration: ticks of 100 ns as a number, or an ISO 8601 duration string."""
    return iso_seconds(value) if isinstance(value, str) else number(value) / TICKS


# --- structure ---------------------------------------------------------------------------------------------

def _list(obj, key: str, where: str) -> list:
    value = obj.get(key) if isinstance(obj, dict) else None
    if not isinstance(value, list):
        raise ShapeError(f"{where} has no list {key!r}: {obj!r:.80}")
    return value


def _first(obj, key: str, where: str):
    """The first of ``obj[key]`` (the best alternative), or None when that list is missing or empty."""
    if not isinstance(obj, dict):
        raise ShapeError(f"{where} is not an object: {obj!r:.80}")
    value = obj.get(key)
    if value is None or value == []:
        return None
    if not isinstance(value, list) or not isinstance(value[0], dict):
        raise ShapeError(f"{where} has no list {key!r} of objects: {obj!r:.80}")
    return value[0]


def _has(data, *path) -> bool:
    """Whether ``data[path[0]][path[1]]...`` exists; an int step is a list index."""
    for step in path:
        if isinstance(step, int):
            if not isinstance(data, list) or len(data) <= step:
                return False
        elif not isinstance(data, dict) or step not in data:
            return False
        data = data[step]
    return True


def _some(results, test) -> bool:
    return isinstance(results, list) and any(test(r) for r in results)


# --- the formats, one reader each ----------------------------------------------------------------------------

def _aws_row(item):
    content = item["alternatives"][0]["content"]
    if item["type"] == "punctuation":
        return content, None, None, "previous"
    if item["type"] != "pronunciation":
        raise ValueError(f"unknown type {item['type']!r}")
    return content, number(item["start_time"]), number(item["end_time"]), None


def _deepgram_items(data):
    channel = data["results"]["channels"][0] if "results" in data else data["channel"]
    best = _first(channel, "alternatives", "channel 0")
    return [] if best is None else _list(best, "words", "channel 0's first alternative")


def _deepgram_row(item):
    text = item.get("punctuated_word") or item["word"]
    return text, number(item["start"]), number(item["end"]), None


def _speechmatics_row(item):
    kind = item["type"]
    if kind not in ("word", "punctuation"):
        return None  # other item types (entities, ...) add nothing to the words
    content = item["alternatives"][0]["content"]
    if kind == "punctuation":
        attach = item.get("attaches_to", "previous")
        return None if attach == "none" else (content, None, None, "next" if attach == "next" else "previous")
    return content, number(item["start_time"]), number(item["end_time"]), None


def _google_results(data):
    """The results of a recognition, or of the long-running operation that holds one (``response``)."""
    return data["response"]["results"] if _has(data, "response", "results") else data.get("results")


def _google_items(data):
    per_result = []
    results = data["response"] if _has(data, "response", "results") else data
    for n, result in enumerate(_list(results, "results", "the JSON"), 1):
        best = _first(result, "alternatives", f"result {n}")
        if best is not None and "words" in best:
            per_result.append(_list(best, "words", f"result {n}'s first alternative"))
    # with speaker diarisation the last result repeats every word, with its speaker: read it alone
    last = per_result[-1] if per_result else []
    tagged = bool(last) and isinstance(last[0], dict) and ("speakerTag" in last[0] or "speakerLabel" in last[0])
    if len(per_result) > 1 and tagged and len(last) >= sum(len(words) for words in per_result[:-1]):
        return last
    return [w for words in per_result for w in words]


def _google_row(item):
    start = item.get("startOffset", item.get("startTime"))
    end = item.get("endOffset", item.get("endTime"))
    return item["word"], google_time(start), google_time(end), None


def _watson_items(data):
    out = []
    for n, result in enumerate(_list(data, "results", "the JSON"), 1):
        if isinstance(result, dict) and result.get("final") is False:
            continue  # an interim result of a stream: a final one follows
        best = _first(result, "alternatives", f"result {n}")
        if best is not None and "timestamps" in best:
            out.extend(_list(best, "timestamps", f"result {n}'s first alternative"))
    return out


def _watson_row(item):
    word, start, end = item
    if isinstance(word, str) and word.startswith("%HESITATION"):
        return None
    return word, number(start), number(end), None


def _rev_items(data):
    return [e for n, m in enumerate(_list(data, "monologues", "the JSON"), 1)
            for e in _list(m, "elements", f"monologue {n}")]


def _rev_row(item):
    kind, value = item["type"], item["value"]
    if kind == "punct":
        return (value, None, None, "previous") if value.strip() else None
    if kind != "text":
        return None  # "unknown": <inaudible>, <laugh>
    return value, number(item["ts"]), number(item["end_ts"]), None


def _azure_row(item):
    text = next((item[k] for k in ("displayText", "DisplayText", "word", "Word", "text") if k in item), None)
    if "offsetMilliseconds" in item:  # fast transcription, and batch results of 2024 on
        start = number(item["offsetMilliseconds"]) / 1000
        return text, start, start + number(item["durationMilliseconds"]) / 1000, None
    start = next((item[k] for k in ("offsetInTicks", "Offset", "offset") if k in item), None)
    length = next((item[k] for k in ("durationInTicks", "Duration", "duration") if k in item), None)
    start = azure_time(start)
    return text, start, start + azure_time(length), None


def _azure_words(best, where):
    for key in ("displayWords", "DisplayWords", "words", "Words"):
        if key in best:
            return _list(best, key, where)
    raise ShapeError(f"{where} has no word times (ask for word-level timestamps): {best!r:.80}")


def _first_channel(phrases: list) -> list:
    """The phrases of the first channel of a stereo file (each channel is transcribed apart)."""
    if phrases and all(isinstance(p, dict) for p in phrases):
        first = min((p.get("channel", 0) for p in phrases if isinstance(p.get("channel", 0), int)), default=0)
        return [p for p in phrases if p.get("channel", 0) == first]
    return phrases


def _azure_batch_items(data):
    phrases = _first_channel([p for p in _list(data, "recognizedPhrases", "the JSON")
                              if not (isinstance(p, dict) and "nBest" not in p)])
    out = []
    for n, phrase in enumerate(phrases, 1):
        best = _first(phrase, "nBest", f"recognised phrase {n}")
        if best is not None:
            out.extend(_azure_words(best, f"recognised phrase {n}'s best"))
    return out


def _azure_fast_items(data):
    out = []
    for n, phrase in enumerate(_first_channel(_list(data, "phrases", "the JSON")), 1):
        out.extend(_list(phrase, "words", f"phrase {n}"))
    return out


def _azure_items(data):
    out = []
    for n, phrase in enumerate(data if isinstance(data, list) else [data], 1):
        best = _first(phrase, "NBest", f"phrase {n}")
        if best is not None:
            out.extend(_azure_words(best, f"phrase {n}'s NBest[0]"))
    return out


def _vosk_items(data):
    results = data if isinstance(data, list) else [data]
    return [w for n, r in enumerate(results, 1) if not (isinstance(r, dict) and "result" not in r)
            for w in _list(r, "result", f"result {n}")]


def _vosk_test(data) -> bool:
    if isinstance(data, dict):
        return isinstance(data.get("result"), list)
    return (isinstance(data, list) and bool(data)
            and all(isinstance(r, dict) and ("result" in r or "text" in r or "partial" in r) and "start" not in r
                    for r in data)
            and any("result" in r for r in data))


def _keyed(text: str, per_second: float = 1.0):
    """A row reader for ``{text: ..., "start": ..., "end": ...}`` items, times in 1/``per_second`` s."""
    def row(item):
        return item[text], number(item["start"]) / per_second, number(item["end"]) / per_second, None
    return row


_ASSEMBLY_KEYS = ("audio_url", "acoustic_model", "language_model", "speech_model", "audio_duration")


def _assembly_test(data) -> bool:
    if _has(data, "sentences", 0, "words") or _has(data, "paragraphs", 0, "words"):
        return True  # the sentences or paragraphs endpoint
    return (_first_word_has(data, "text") and not _first_word_has(data, "type")
            and any(k in data for k in _ASSEMBLY_KEYS))


def _assembly_items(data):
    for key in ("sentences", "paragraphs"):
        if key in data:
            return [w for n, part in enumerate(_list(data, key, "the JSON"), 1)
                    for w in _list(part, "words", f"{key[:-1]} {n}")]
    return _list(data, "words", "the JSON")


def _eleven_row(item):
    if item.get("type", "word") != "word":
        return None  # spacing, audio events
    return _keyed("text")(item)


def _first_word_has(data, key) -> bool:
    words = data.get("words") if isinstance(data, dict) else None
    return isinstance(words, list) and bool(words) and isinstance(words[0], dict) and key in words[0]


def _whisper_items(data):
    items = [w for seg in data["segments"] if isinstance(seg, dict) and isinstance(seg.get("words"), list)
             for w in seg["words"]]
    if not items and data["segments"]:
        raise ShapeError("segments have no word times (run the ASR with word timestamps)")
    return items


def _segment_words(segments, read, what: str) -> list[tuple[str, float, float]]:
    """The words of timed segments, each segment read by ``read`` as ``(text, start, end)`` in seconds and
    its words timed by their characters within it (:func:`~segmenter.align.words.spread`)."""
    from .words import spread

    out = []
    for n, segment in enumerate(segments, 1):
        try:
            text, start, end = read(segment)
            words = text.split()
        except (TypeError, KeyError, ValueError, AttributeError, IndexError):
            raise ShapeError(f"{what} {n} has no text and times: {segment!r:.80}") from None
        out.extend(spread(words, start, end) if words else ())
    return out


def _whisper_cpp_items(data):
    """whisper.cpp's segments (``-oj``/``-ojf``): exact words with ``-ml 1``, where each segment is a word."""
    return _segment_words(_list(data, "transcription", "the JSON"),
                          lambda s: (s["text"], number(s["offsets"]["from"]) / 1000, number(s["offsets"]["to"]) / 1000),
                          "segment")


def _aeneas_text(fragment) -> str:
    lines = fragment["lines"]
    if not isinstance(lines, list) or not all(isinstance(line, str) for line in lines):
        raise TypeError
    return " ".join(lines)


def _aeneas_items(data):
    """aeneas' fragments (a forced alignment of lines or sentences): ``begin``/``end`` seconds as strings."""
    return _segment_words(_list(data, "fragments", "the JSON"),
                          lambda f: (_aeneas_text(f), number(f["begin"]), number(f["end"])), "fragment")


def _generic_row(item):
    """A generic item: a ``(text, start, end)`` sequence or a ``{word|text, start, end}`` mapping; the
    times may be left out (WhisperX leaves some words untimed) and are then filled in."""
    if isinstance(item, dict):
        text, start, end = item.get("word", item.get("text")), item.get("start"), item.get("end")
    elif isinstance(item, (list, tuple)):
        text, start, end = item
    else:
        text, start, end = item.text, item.start, item.end  # a Word
    if start is None and end is None:
        return text, None, None, None
    return text, number(start), number(end), None


FORMATS: tuple[Format, ...] = (  # most specific first; the README's table lists them
    Format("whisper / faster-whisper / WhisperX",  # segments[].words[]: word, start, end (s)
           lambda d: isinstance(d, dict) and isinstance(d.get("segments"), list), _whisper_items, _generic_row),
    Format("whisper.cpp",  # transcription[]: text, offsets.from/to (ms), words timed by characters within
           lambda d: _has(d, "transcription", 0, "offsets"), _whisper_cpp_items, _generic_row),
    Format("aeneas",  # fragments[]: lines, begin/end (s, strings), words timed by characters within
           lambda d: _has(d, "fragments", 0, "lines"), _aeneas_items, _generic_row),
    Format("AWS Transcribe",  # results.items[]: type, alternatives[0].content, start_time/end_time (s, strings)
           lambda d: _has(d, "results", "items"), lambda d: _list(d["results"], "items", "results"), _aws_row),
    Format("Deepgram",  # results.channels[0].alternatives[0].words[]: punctuated_word or word, start, end (s)
           lambda d: _has(d, "results", "channels", 0) or _has(d, "channel", "alternatives"),
           _deepgram_items, _deepgram_row),
    Format("Speechmatics",  # results[]: type, alternatives[0].content, start_time, end_time (s)
           lambda d: _has(d, "results") and _some(d["results"], lambda r: _has(r, "start_time")),
           lambda d: _list(d, "results", "the JSON"), _speechmatics_row),
    Format("Google Cloud Speech-to-Text",  # results[].alternatives[0].words[]: word, startTime/startOffset, ...
           lambda d: (_has(d, "results") or _has(d, "response", "results"))
           and _some(_google_results(d), lambda r: _has(r, "alternatives", 0, "words")),
           _google_items, _google_row),
    Format("IBM Watson",  # results[].alternatives[0].timestamps: [word, start, end] (s)
           lambda d: _has(d, "results") and _some(d["results"], lambda r: _has(r, "alternatives", 0, "timestamps")),
           _watson_items, _watson_row),
    Format("Rev.ai",  # monologues[].elements[]: type text/punct, value, ts, end_ts (s)
           lambda d: _has(d, "monologues"), _rev_items, _rev_row),
    Format("Azure Speech (batch)",  # recognizedPhrases[].nBest[0].words[]: ticks or ISO 8601 durations
           lambda d: _has(d, "recognizedPhrases"), _azure_batch_items, _azure_row),
    Format("Azure Speech (fast transcription)",  # phrases[].words[]: text, offset/durationMilliseconds
           lambda d: _has(d, "phrases") and _some(d["phrases"], lambda p: _has(p, "offsetMilliseconds")),
           _azure_fast_items, _azure_row),
    Format("Azure Speech",  # NBest[0].Words[]: Word, Offset, Duration (100-ns ticks); or a list of phrases
           lambda d: _has(d, "NBest") or _has(d, 0, "NBest"), _azure_items, _azure_row),
    Format("Vosk / Kaldi",  # result[]: word, start, end (s); or a list of results
           _vosk_test, _vosk_items, _keyed("word")),
    Format("AssemblyAI",  # words[]: text, start, end (ms), beside audio_url...; or sentences[]/paragraphs[]
           _assembly_test, _assembly_items, _keyed("text", 1000)),
    Format("ElevenLabs Scribe",  # words[]: text, type word/spacing/audio_event, start, end (s)
           lambda d: _first_word_has(d, "type") and _first_word_has(d, "text"),
           lambda d: _list(d, "words", "the JSON"), _eleven_row),
    Format("generic",  # a list of {word, start, end} or [word, start, end], or {"words": [...]}: unit decided
           lambda d: isinstance(d, list) or _has(d, "words"),
           lambda d: d if isinstance(d, list) else _list(d, "words", "the JSON"), _generic_row),
)


def recognise(data) -> Format | None:
    """The first format of :data:`FORMATS` whose structure ``data`` has, or None.

    >>> recognise({"monologues": []}).name, recognise({"x": 1})
    ('Rev.ai', None)
    """
    return next((fmt for fmt in FORMATS if fmt.test(data)), None)


def known() -> str:
    """The formats read, for an error message."""
    return ", ".join(fmt.name for fmt in FORMATS[:-1]) + " or a list of {word, start, end}"


def generic_unit(words, origin: str) -> tuple[str | None, float]:
    """The unit of a generic shape's times as ``(note, scale)``, the note saying what was assumed (None for
    seconds), by ``align.toml [units]``: milliseconds when the median word lasts ``ms_median`` (50) or more
    (no word lasts 50 s) or the last ends beyond a ``day``; a median word of ``odd_median`` (10) to
    ``ms_median`` is plausible in neither unit and raises ValueError; anything else is seconds.

    >>> from segmenter.align.words import Word
    >>> generic_unit([Word("a", 0.5, 0.8)], "w.json")
    (None, 1.0)
    >>> generic_unit([Word("a", 500, 800), Word("b", 900, 1200)], "w.json")[0]
    'w.json: times read as milliseconds (a median word of 300): give seconds to be sure'
    """
    from .match import settings

    rule = settings()["units"]
    durations = sorted(w.end - w.start for w in words)
    median = durations[len(durations) // 2]
    last = max(w.end for w in words)
    if median >= rule["ms_median"]:
        return f"{origin}: times read as milliseconds (a median word of {median:g}): give seconds to be sure", 1e-3
    if last > rule["day"]:
        return (f"{origin}: times read as milliseconds (the last word ends at {last:g}, beyond a day in seconds)"
                ": give seconds to be sure", 1e-3)
    if median >= rule["odd_median"]:
        raise ValueError(f"{origin}: times neither seconds nor milliseconds (a median word of {median:g}): "
                         "give them in seconds")
    return None, 1.0
