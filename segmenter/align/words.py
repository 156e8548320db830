"""Word times from an ASR: the JSON of the common ASR services and engines (:mod:`.asr_formats`: whisper,
AWS Transcribe, Google, Deepgram, AssemblyAI, Rev.ai, Azure, IBM Watson, Speechmatics, Vosk, ...), a plain
JSON list, or SRT / WebVTT.

>>> read_words_text('{"segments": [{"words": [{"word": " Rain", "start": 0.5, "end": 0.8},'
...                 ' {"word": " fell.", "start": 0.8, "end": 1.2}]}]}', "asr.json")
(Word(text='Rain', start=0.5, end=0.8), Word(text='fell.', start=0.8, end=1.2))
>>> read_words_text("1\\n00:00:01,000 --> 00:00:02,000\\nAbc defg\\n", "auto.srt")
(Word(text='Abc', start=1.0, end=1.375), Word(text='defg', start=1.5, end=2.0))
"""

from __future__ import annotations

import json
import math
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
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
    from .asr_formats import FORMATS

    return read_rows(items, FORMATS[-1].row, origin)


#: what a bad item's row raises
_BAD = (TypeError, ValueError, KeyError, IndexError, AttributeError, OverflowError)


def read_rows(items, row, origin: str, what: str = "word") -> tuple[Word, ...]:
    """Words from ``items``, each read by ``row`` as ``(text, start, end, attach)`` in seconds (see
    :mod:`.asr_formats`): punctuation (``attach`` "previous" or "next") joined to its word, untimed words
    timed between their neighbours. An item that does not read, or whose times are not finite, are
    negative or end before they start, raises :class:`InputError` naming ``origin`` and quoting it.

    >>> read_rows([("a", 0.0, 1.0), (",", None, None)], lambda t: (*t, "previous" if t[1] is None else None), "x")
    (Word(text='a,', start=0.0, end=1.0),)
    """
    texts: list[list[str]] = []  # each word's parts: its text, punctuation joined to it (no quadratic +=)
    times: list = []
    before: list[str] = []  # punctuation that attaches to the next word
    for n, item in enumerate(items, 1):
        try:
            read = row(item)
            if read is None:
                continue
            text, start, end, attach = read
            if not isinstance(text, str):
                raise TypeError
            if attach is not None:
                (before if attach == "next" or not texts else texts[-1]).append(text.strip())
                continue
            timed = start is not None
            if timed and (not (math.isfinite(start) and math.isfinite(end)) or start < 0 or end < start):
                raise ValueError
        except _BAD:
            raise InputError(f"{origin}: {what} {n} is not a word with a start and an end time: {item!r:.80}") from None
        if text.strip():
            texts.append([*before, text.strip()])
            times.append((start, end) if timed else None)
            before = []
    if not texts:
        raise InputError(f"{origin}: no words with times")
    if all(t is None for t in times):
        raise InputError(f"{origin}: no word has a time")
    words = tuple(Word("".join(parts), *span) for parts, span in zip(texts, _fill(times)))
    _check_order(words, origin)
    return words


def _check_order(words: tuple[Word, ...], origin: str) -> None:
    """Refuse words whose starts go back by more than ``align.toml [units] back`` seconds: two transcripts in
    one file, or channels mixed, would give cues out of order."""
    from .match import settings

    back = settings()["units"]["back"]
    for i in range(1, len(words)):
        if words[i].start < words[i - 1].start - back:
            raise InputError(f"{origin}: times go back at word {i + 1} ({words[i].text!r:.30} at {words[i].start:g} s,"
                             f" after {words[i - 1].start:g} s): two transcripts in one file, or channels mixed?")


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


def _from_json(data, origin: str, warn=None) -> tuple[Word, ...]:
    """Words from parsed JSON: its format recognised by its structure (:data:`.asr_formats.FORMATS`); the
    unit of a generic list decided by :func:`.asr_formats.generic_unit`, told to ``warn`` when not seconds."""
    from .asr_formats import FORMATS, ShapeError, generic_unit, known, recognise
    from .match import settings

    fmt = recognise(data)
    if fmt is None:
        kind = "an object" if isinstance(data, dict) else "a list" if isinstance(data, list) else "a value"
        raise InputError(f"{origin}: JSON is {kind} of no known word-time format (read: {known()})")
    generic = fmt is FORMATS[-1] or fmt is FORMATS[0]
    try:
        items = fmt.items(data)
    except ShapeError as exc:
        raise InputError(f"{origin}: {fmt.name}: {exc}") from None
    except _BAD as exc:  # a part of the structure of another type than the format has
        raise InputError(f"{origin}: {fmt.name}: not in its structure: {exc!s:.80}") from None
    words = read_rows(items, fmt.row, origin, "word" if generic else f"{fmt.name} item")
    note, scale = None, 1.0
    if fmt is FORMATS[-1]:
        try:
            note, scale = generic_unit(words, origin)
        except ValueError as exc:
            raise InputError(str(exc)) from None
    last = max(range(len(words)), key=lambda i: words[i].end)
    if words[last].end * scale > settings()["units"]["day"]:
        raise InputError(f"{origin}: word {last + 1} ends at {words[last].end * scale:g} s, beyond a day: "
                         f"not a broadcast's time: {words[last].text!r:.40}")
    if note is None:
        return words
    if warn:
        warn(note)
    return tuple(Word(w.text, w.start * scale, w.end * scale) for w in words)


def _new_lines(cues):
    """Each cue with the indexes of its lines that show new words: blank lines, a rolling caption's first
    line when it repeats the last line of the cue before, and a cue that shows again, at once, lines the cue
    before ended with (the 10 ms cues of YouTube's automatic captions) left out."""
    from ..check import srt_visible

    previous: list[str] = []
    until = None  # when the cue before ended (ms)
    for cue in cues:
        visible = [(i, " ".join(srt_visible(line).split())) for i, line in enumerate(cue.lines)]
        visible = [(i, text) for i, text in visible if text]
        texts = [text for _, text in visible]
        if texts and texts == previous[-len(texts):] and until is not None and cue.start - until <= _REPAINT_MS:
            new = []
        elif previous and len(visible) > 1 and texts[0] == previous[-1]:
            new = [i for i, _ in visible[1:]]
        else:
            new = [i for i, _ in visible]
        previous, until = texts or previous, cue.end
        yield cue, new


_REPAINT_MS = 50  # a cue that repeats the one before and starts this soon after it is that cue shown again


def _cue_words(cues):
    """Each cue with its new words (:func:`_new_lines`), formatting tags dropped."""
    for cue, new in _new_lines(cues):
        yield cue, _shown_words(cue, new)


def _shown_words(cue, lines) -> list[str]:
    """The words of a cue's ``lines`` (indexes) as a viewer sees them."""
    from ..check import srt_visible

    return srt_visible(" ".join(cue.lines[i] for i in lines)).split()


#: a WebVTT cue's inline timestamp ("heavy<00:00:00.400><c> rain</c>"): when the text after it is spoken
_INLINE_TIME = re.compile(r"<((?:\d+:)?\d{2}:\d{2}\.\d{3})>")


def _inline_words(text: str, start: float, end: float) -> list[tuple[str, float, float]]:
    """The words of a WebVTT cue's text that times them with inline timestamps (the karaoke style of ASR
    captions): each piece from its timestamp (the first from the cue's ``start``) to the next one or ``end``.

    >>> _inline_words("heavy<00:00:00.400><c> rain</c><00:00:00.800><c> fell</c>", 0.0, 1.5)
    [('heavy', 0.0, 0.4), ('rain', 0.4, 0.8), ('fell', 0.8, 1.5)]
    """
    from ..formats.vtt import parse_timestamp, plain

    pieces = _INLINE_TIME.split(text)
    times = [start] + [min(max(parse_timestamp(t) / 1000, start), end) for t in pieces[1::2]]
    out: list[tuple[str, float, float]] = []
    for k, piece in enumerate(pieces[::2]):
        words = plain(piece).split()
        if words:
            out.extend(spread(words, times[k], max(times[k + 1] if k + 1 < len(times) else end, times[k])))
    return out


def spread(words: list[str], start: float, end: float) -> list[tuple[str, float, float]]:
    """``words`` said from ``start`` to ``end`` (seconds), each timed in proportion to its characters.

    >>> spread(["Abc", "defg"], 1.0, 2.0)
    [('Abc', 1.0, 1.375), ('defg', 1.5, 2.0)]
    """
    total = sum(len(w) + 1 for w in words) - 1
    span, at, out = end - start, 0, []
    for w in words:
        out.append((w, start + span * at / total, start + span * (at + len(w)) / total))
        at += len(w) + 1
    return out


def _from_cues(cues, origin: str, raw=None) -> tuple[Word, ...]:
    """Words of subtitle cues, each timed within its cue in proportion to its characters, or by its inline
    timestamps in ``raw`` (the WebVTT cues as written); what a rolling or repainted caption shows again is
    read once (:func:`_new_lines`)."""
    items: list[tuple[str, float, float]] = []
    for k, (cue, new) in enumerate(_new_lines(cues)):
        start, end = cue.start / 1000, cue.end / 1000
        written = " ".join(raw[k].lines[i] for i in new) if raw else ""
        if _INLINE_TIME.search(written):
            items.extend(_inline_words(written, start, end))
        elif words := _shown_words(cue, new):
            items.extend(spread(words, start, end))
    return as_words(items, origin)


def _json_lines(text: str) -> list | None:
    """JSON Lines (one result a line, as Vosk's or Azure's results are often saved) as a list, or None.

    >>> _json_lines('{"a": 1}\\n\\n{"a": 2}\\n'), _json_lines('{"a": 1}\\n{"a": ')
    ([{'a': 1}, {'a': 2}], None)
    """
    try:
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    except (RecursionError, ValueError):  # JSONDecodeError is a ValueError
        return None


def read_words_text(text: str, origin: str, warn=None) -> tuple[Word, ...]:
    """Words from the text of a word-time file; its kind from ``origin``'s extension (``.json``, ``.srt``,
    ``.vtt``) or, failing that, from the text; a JSON's format from its structure (see
    :mod:`.asr_formats`). What had to be assumed (milliseconds in a plain list) is passed to ``warn``."""
    suffix = PurePath(origin).suffix.lower()
    stripped = text.lstrip("\ufeff \t\r\n")
    if suffix == ".json" or (suffix not in (".srt", ".vtt") and stripped[:1] in "[{"):
        try:
            data = json.loads(stripped)
        except json.JSONDecodeError as exc:
            data = _json_lines(stripped) if exc.msg == "Extra data" else None
            if data is None:
                raise InputError(f"{origin}: not valid JSON: {exc.msg} at line {exc.lineno}") from None
        except (RecursionError, ValueError) as exc:  # nested too deeply; a number of thousands of digits
            raise InputError(f"{origin}: not valid JSON: {str(exc).split(':')[0]}") from None
        return _from_json(data, origin, warn)
    from .. import formats

    kind = "vtt" if suffix == ".vtt" or stripped.startswith("WEBVTT") else "srt"
    try:
        if kind == "vtt":  # the lines as written too: their inline timestamps time the words
            from ..formats import vtt

            raw = vtt.parse(text)
            return _from_cues([vtt.FORMAT.shown(cue, n) for n, cue in enumerate(raw, 1)], origin, raw)
        cues = formats.get(kind).read(text)
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from None
    return _from_cues(cues, origin)


def read_captions(text: str, origin: str) -> tuple[str, tuple[Word, ...]]:
    """A subtitle file read as a script to lay out anew: its words as a script, one cue a line (a speaker's
    name from a voice tag as a label where the speaker changes, a caption's speaker ID and sounds as
    :func:`_caption_marks` writes them), and the times of its spoken words (:func:`read_words_text`).

    >>> script, words = read_captions("WEBVTT\\n\\n00:01.000 --> 00:02.000\\n<v Ann Lee>Rain fell\\n\\n"
    ...                               "00:02.000 --> 00:03.000\\nall day.\\n", "a.vtt")
    >>> script, words[-1]
    ('ANN LEE: Rain fell\\nall day.', Word(text='day.', start=2.5, end=3.0))
    """
    from .. import formats

    try:
        kind = formats.sniff(text, origin)
    except InputError:  # not told by its name nor its start: read as SRT, whose reader says what is wrong
        kind = "srt"
    try:
        cues = formats.get(kind).read(text)
    except InputError as exc:
        raise InputError(f"{origin}: {exc}") from None
    lines, speaker, timed = [], None, []
    for cue, words in _cue_words(cues):
        if words:
            label = f"{cue.speaker.upper()}: " if cue.speaker and cue.speaker != speaker else ""
            speaker = cue.speaker or speaker
            turns = [_caption_marks(turn) for turn in _turns(words)] or [("", "")]
            lines.extend([label + "".join(turns[0]), *("".join(turn) for turn in turns[1:])])
            spoken = [w for _, text in turns for w in _CAPTION_NOTE.sub(" ", _CAPTION_LABEL.sub("", text)).split()]
            timed.extend(spread(spoken, cue.start / 1000, cue.end / 1000) if spoken else ())
    # a file of sounds alone has no word spoken: its cues' words, as they are (the script says it has no text)
    return "\n".join(lines), as_words(timed, origin) if timed else _from_cues(cues, origin)


@cache
def _caption_role() -> re.Pattern:
    """A caption's speaker identification before a turn's words ("(NARRATOR)", "(WOMAN ON PHONE)", "(MAN 2)"),
    its role words from ``segmenter/data/captions.toml``."""
    roles = tomllib.loads(resources.files("segmenter.data").joinpath("captions.toml").read_text(encoding="utf-8"))
    words = "|".join(sorted(map(re.escape, roles["roles"]), key=len, reverse=True))
    return re.compile(rf"\((?P<who>(?i:{words})(?:[ \t]+\d{{1,2}}|[ \t]+(?i:on|over)[ \t]+[A-Za-z]{{1,12}})?)\)[ \t]*")


_CAPTION_SOUND = re.compile(r"\((?P<what>[A-Z][A-Z0-9 ,.’'&/-]{0,60}[A-Z0-9.])\)")  # "(LAUGHS)", "(DOOR SLAMS)"


_CAPTION_LABEL = re.compile(r"^[A-Z][A-Z'’.-]*(?: [A-Z][A-Z'’.-]*){0,4}:(?=\s)")  # "ANN LEE: ": not timed as speech
_CAPTION_NOTE = re.compile(r"\[[^\[\]]*\]")  # a caption's note in brackets ("[MAN]", "[MUSIC]"): not timed as speech


def _caption_marks(turn: str) -> tuple[str, str]:
    """(label, words) of a caption's turn as a script writes them: a speaker's identification in parentheses
    first in the turn as a label, a sound's description in capitals as a production note.

    >>> _caption_marks("(NARRATOR) The river rose."), _caption_marks("(LAUGHS) I know (SIGHS).")
    (('NARRATOR: ', 'The river rose.'), ('', '[LAUGHS] I know [SIGHS].'))
    """
    if "(" not in turn:
        return "", turn
    role = _caption_role().match(turn)
    label = f"{' '.join(role.group('who').upper().split())}: " if role else ""
    return label, _CAPTION_SOUND.sub(r"[\g<what>]", turn[role.end():] if role else turn)


_DIALOGUE_DASHES = {"-", "–", "—"}


def _turns(words: list[str]) -> list[str]:
    """A cue's words cut at its dialogue dashes, which open each speaker's line of a two-speaker cue ("- Is
    that it?" / "- No."): a dash first in the cue or after a sentence's end; each turn a line of its own.

    >>> _turns("- Is that it? - No, there is - well - more.".split())
    ['Is that it?', 'No, there is - well - more.']
    """
    turns: list[list[str]] = [[]]
    for word in words:
        if word in _DIALOGUE_DASHES and (not turns[-1] or turns[-1][-1].rstrip("\"'”’)").endswith((".", "?", "!"))):
            turns.append([])
        else:
            turns[-1].append(word)
    return [" ".join(turn) for turn in turns if turn]


def read_words(path: str, warn=None) -> tuple[Word, ...]:
    """Words from a word-time file (see :func:`read_words_text`); errors name the file."""
    from ..files import read_text

    return read_words_text(read_text(path, what="word-time file"), path, warn)
