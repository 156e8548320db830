"""Subtitle formats behind one registry keyed by name (= file extension).

Each module in this package is one format: it defines ``FORMAT``, an object with ``name``,
``extensions``, ``header`` and ``cue_text(cue)`` (so outputs can be written cue by cue),
``write(cues) -> str``, ``decode(data, name, encoding)`` (a file's bytes as its players decode them) and
``read(text) -> list[Cue]`` (the cues players read). A new format is one new module;
modules are imported only when their format is used.

>>> sorted(names())
['srt', 'vtt']
>>> get("vtt").name, for_path("out/story.SRT").name
('vtt', 'srt')
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from dataclasses import dataclass
from functools import cache
from pathlib import PurePath

from ..errors import InputError


@cache
def names() -> tuple[str, ...]:
    """The names of all formats (their module names)."""
    return tuple(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def get(name: str):
    """The format called ``name`` (``srt``, ``vtt``)."""
    key = name.lower().lstrip(".")
    if key not in names():
        raise InputError(f"unknown subtitle format {name!r}; known: {', '.join(names())}")
    return importlib.import_module(f"{__name__}.{key}").FORMAT


def for_path(path: str) -> "object":
    """The format a file name's extension picks."""
    suffix = PurePath(path).suffix.lower().lstrip(".")
    for name in names():
        fmt = get(name)
        if suffix in fmt.extensions:
            return fmt
    raise InputError(f"{path}: cannot tell the subtitle format from the extension (use .srt or .vtt)")


def sniff(text: str, path: str) -> str:
    """The name of a subtitle file's format: from its extension, else from its start (a ``WEBVTT`` first
    line, or an SRT timing line in its first 2,000 characters); an :class:`InputError` when neither tells.

    >>> sniff("WEBVTT\\n", "-"), sniff("1\\n00:00:01,000 --> 00:00:02,000\\n", "captions.txt")
    ('vtt', 'srt')
    >>> sniff("WEBVTT\\n", "a.srt")  # the extension wins
    'srt'
    """
    try:
        return for_path(path).name
    except InputError:
        first = text.lstrip("\ufeff").lstrip("\r\n").split("\n", 1)[0]
        if re.match(r"WEBVTT(?:[ \t]|$)", first.rstrip("\r")):
            return "vtt"
        if re.search(r"^[ \t]*\d+:\d\d:\d\d[,.]\d+[ \t]*-->", text[:2000], re.MULTILINE):
            return "srt"
        raise


@dataclass(frozen=True)
class Finding:
    """What a reader noticed in a subtitle file: the line (1-based), the rule (a ``check`` rule name) and a
    message; ``cue`` is the position (0-based) of the cue it concerns among the cues read, or None for a
    block that gave no cue (a player drops or ignores it)."""

    line: int
    rule: str
    message: str
    cue: int | None = None


#: the latest time a player can hold: 2**63 microseconds (ffmpeg's clock), about 2.56 billion hours
MAX_MS = (2**63 - 1) // 1000


def clock_ms(hours: str, minutes: str, seconds: str, millis: str) -> int | None:
    """Milliseconds of a clock time given as digit strings, or None when it is later than :data:`MAX_MS`
    (a hundred-digit hour field is refused without converting it).

    >>> clock_ms("01", "02", "03", "004"), clock_ms("9" * 5000, "00", "00", "000")
    (3723004, None)
    """
    hours = hours.lstrip("0")
    if len(hours) > 12:
        return None
    ms = ((int(hours or 0) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int(millis)
    return ms if ms <= MAX_MS else None


_TWO_DIGITS = tuple(f"{n:02d}" for n in range(100))
_THREE_DIGITS = tuple(f"{n:03d}" for n in range(1000))


def clock_text(ms: int, separator: str = ".") -> str:
    """``HH:MM:SS.mmm`` of a time in milliseconds (``separator`` before the milliseconds: ``,`` for SRT); hours
    past 99 in more digits, a negative time as ``%02d`` formatting of floored fields gives it.

    >>> clock_text(3723004), clock_text(360000000, ","), clock_text(-5)
    ('01:02:03.004', '100:00:00,000', '-1:59:59.995')
    """
    seconds, millis = divmod(ms, 1000)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    two = _TWO_DIGITS
    head = two[hours] if 0 <= hours < 100 else "%02d" % hours
    return f"{head}:{two[minutes]}:{two[seconds]}{separator}{_THREE_DIGITS[millis]}"


def load(path: str, encoding: str | None = None):
    """The cues of a subtitle file as players read them, its format from the extension (a refusal names the
    file)."""
    from ..files import read_bytes

    fmt = for_path(path)
    try:
        return fmt.read(fmt.decode(read_bytes(path), path, encoding))
    except InputError as exc:
        raise InputError(str(exc) if str(exc).startswith(f"{path}: ") else f"{path}: {exc}") from None
