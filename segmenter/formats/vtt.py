"""WebVTT (``.vtt``): escaped text, ``<v Speaker>`` voice tags, cue settings for placement.

>>> from segmenter.model import Cue
>>> print(FORMAT.write([Cue(1, 0, 1500, ("Salt & pepper", "<b> --> x"), speaker="Kim")]), end="")
WEBVTT
<BLANKLINE>
1
00:00:00.000 --> 00:00:01.500
<v Kim>Salt &amp; pepper
&lt;b&gt; --&gt; x
>>> [(c.speaker, c.lines) for c in FORMAT.read("WEBVTT\\n\\n00:01.000 --> 00:02.000\\n<v Kim>A &amp; B\\n")]
[('Kim', ('A & B',))]
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from ..errors import InputError
from ..model import Cue

#: cue settings for a cue placed at the top of the frame (above a name super)
TOP_SETTINGS = "line:5% position:50% align:center"

_TIME = re.compile(r"^(?:(\d+):)?([0-5]\d):([0-5]\d)\.(\d{3})$")
_TIMING = re.compile(r"^(\S+)[ \t]+-->[ \t]+(\S+)(?:[ \t]+(.*))?$")
_TAG = re.compile(r"<[^>]*>")
_VOICE = re.compile(r"<v(?:\.[^ \t>]*)?[ \t]+([^>]*)>")


def escape(text: str) -> str:
    """Escape text for a WebVTT cue: ``&``, ``<`` and ``>`` as entities (so ``-->`` cannot occur).

    >>> escape("A<B & C-->D")
    'A&lt;B &amp; C--&gt;D'
    """
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timestamp(ms: int) -> str:
    """``HH:MM:SS.mmm`` of a time in milliseconds.

    >>> timestamp(3723004)
    '01:02:03.004'
    """
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return "%02d:%02d:%02d.%03d" % (hours, minutes, seconds, millis)


def parse_timestamp(text: str) -> int | None:
    """Milliseconds of a WebVTT timestamp, or None when it is malformed.

    >>> parse_timestamp("01:02.500"), parse_timestamp("1:02.5")
    (62500, None)
    """
    m = _TIME.match(text)
    if not m:
        return None
    h, mnt, s, ms = m.groups()
    return ((int(h or 0) * 60 + int(mnt)) * 60 + int(s)) * 1000 + int(ms)


@dataclass(frozen=True)
class RawCue:
    """A cue as it stands in the file: identifier, times, settings, raw text lines and line number."""

    identifier: str | None
    start: int
    end: int
    settings: str
    lines: tuple[str, ...]
    line_number: int


def parse(text: str, malformed: list | None = None) -> list[RawCue]:
    """Parse WebVTT text into raw cues; errors name the line and quote it.

    Accepts a BOM, CRLF or CR line ends, header text, NOTE, STYLE and REGION blocks, cue identifiers
    and settings. With a ``malformed`` list, a cue whose timing line is malformed or missing is skipped and
    ``(line number, line, problem)`` appended there instead of failing.

    >>> bad = []
    >>> [(c.identifier, c.start, c.lines) for c in parse("WEBVTT\\n\\nintro\\n00:01.000 --> 00:02.000\\nHi\\n\\n"
    ...                                                  "00:3.000 --> 00:04.000\\nBye\\n", bad)]
    [('intro', 1000, ('Hi',))]
    >>> bad
    [(7, '00:3.000 --> 00:04.000', 'malformed cue timing')]
    """
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    if not re.match(r"^WEBVTT(?:[ \t].*)?$", lines[0]):
        raise InputError(f"not WebVTT: line 1 is {lines[0][:60]!r}, not 'WEBVTT'")
    cues: list[RawCue] = []
    i = 1
    while i < len(lines) and lines[i].strip() and "-->" not in lines[i]:  # header text ("Kind: captions")
        i += 1
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        block_start = i
        block = []
        while i < len(lines) and lines[i].strip():
            block.append(lines[i])
            i += 1
        if re.match(r"^(NOTE|STYLE|REGION)(?:[ \t]|$)", block[0]):
            continue
        identifier = None
        if "-->" not in block[0] and len(block) > 1:
            identifier, block = block[0], block[1:]
            block_start += 1
        m = _TIMING.match(block[0].strip())
        start = parse_timestamp(m.group(1)) if m else None
        end = parse_timestamp(m.group(2)) if m else None
        if start is None or end is None:
            problem = "malformed cue timing" if "-->" in block[0] else "expected a cue timing line"
            if malformed is None:
                raise InputError(f"line {block_start + 1}: {problem}, found {block[0][:60]!r}")
            malformed.append((block_start + 1, block[0], problem))
            continue
        cues.append(RawCue(identifier, start, end, (m.group(3) or "").strip(), tuple(block[1:]),
                           block_start + 1))
    return cues


def plain(line: str) -> str:
    """A cue text line without tags, entities decoded.

    >>> plain("<v Kim><i>Hi</i> &amp; bye")
    'Hi & bye'
    """
    return html.unescape(_TAG.sub("", line))


class VttFormat:
    name = "vtt"
    extensions = ("vtt", "webvtt")

    header = "WEBVTT\n"

    def cue_text(self, c: Cue, placement_tags: bool = False) -> str:
        """One cue as WebVTT, after a blank line (``placement_tags`` is for SRT: WebVTT uses settings)."""
        settings = " " + TOP_SETTINGS if c.placement == "top" else ""
        voice = f"<v {escape(c.speaker)}>" if c.speaker else ""
        text = "\n".join(escape(line) for line in c.lines)
        return f"\n{c.index}\n{timestamp(c.start)} --> {timestamp(c.end)}{settings}\n{voice}{text}\n"

    def write(self, cues, placement_tags: bool = False) -> str:
        """WebVTT text of ``cues``."""
        return self.header + "".join(self.cue_text(c) for c in cues)

    def read(self, text: str) -> list[Cue]:
        """Cues with plain text; a ``<v>`` tag gives the speaker, ``line:`` settings the placement."""
        cues = []
        for n, raw in enumerate(parse(text), 1):
            voice = next((m.group(1).strip() for line in raw.lines for m in [_VOICE.search(line)] if m), None)
            placement = "top" if re.search(r"(?:^|\s)line:(?:[0-3]?\d(?:\.\d+)?%|[0-4])(?:\s|,|$)", raw.settings) \
                else "bottom"
            cues.append(Cue(n, raw.start, raw.end, tuple(plain(line) for line in raw.lines),
                            speaker=html.unescape(voice) if voice else None, placement=placement))
        return cues


FORMAT = VttFormat()
