"""WebVTT (``.vtt``): escaped text, ``<v Speaker>`` voice tags, cue settings for placement.

Reading follows the W3C WebVTT parser algorithm (file parsing, cue timings, timestamps), so a file gives
the cues a browser gives. Pass a list to :func:`parse` and it also collects, as :class:`Finding` objects
named after ``check`` rules, what a browser drops (a malformed or out-of-range timing line) and what it reads
although the WebVTT syntax forbids it (no blank line before a cue, a whitespace-only line inside one, ...).

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

import codecs
import html
import re
from dataclasses import dataclass

from ..errors import InputError
from ..model import Cue
from . import Finding, clock_ms, clock_text

#: cue settings for a cue placed at the top of the frame (above a name super)
TOP_SETTINGS = "line:5% position:50% align:center"

_STAMP = re.compile(r"(\d+):(\d+)(?::(\d+))?\.(\d+)")
_SPACE = re.compile(r"[ \t\n\f\r]*")  # ASCII whitespace
_TAG = re.compile(r"<[^>]*>?")  # a tag runs to the next '>', or to the end of the cue text
_VOICE = re.compile(r"<v(?:\.[^\s<>]*)?[ \t\n\f\r]([^>]*)>?")
_NOTE = re.compile(r"NOTE(?:[ \t]|$)")
#: a numeric character reference past U+10FFFF (shown as U+FFFD; html.unescape refuses thousands of digits)
_HUGE_CHARREF = re.compile(r"&#(?:[xX]0*[1-9a-fA-F][0-9a-fA-F]{8,}|0*[1-9][0-9]{8,});?")
_HEADER_WORD = re.compile(r"(STYLE|REGION)[ \t\n\f\r]*$")
_OTHER_ENCODINGS = ((codecs.BOM_UTF32_LE, "UTF-32"), (codecs.BOM_UTF32_BE, "UTF-32"),
                    (codecs.BOM_UTF16_LE, "UTF-16"), (codecs.BOM_UTF16_BE, "UTF-16"))


def escape(text: str) -> str:
    """Escape text for a WebVTT cue: ``&``, ``<`` and ``>`` as entities (so ``-->`` cannot occur).

    >>> escape("A<B & C-->D")
    'A&lt;B &amp; C--&gt;D'
    """
    if "&" not in text and "<" not in text and ">" not in text:
        return text  # most text: three scans, no copies
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timestamp(ms: int) -> str:
    """``HH:MM:SS.mmm`` of a time in milliseconds.

    >>> timestamp(3723004)
    '01:02:03.004'
    """
    return clock_text(ms)


@dataclass(frozen=True)
class _Stamp:
    """A timestamp as collected from a timing line: its time (None: too late for any player), where it ends,
    and whether it is written as the WebVTT syntax asks (hours, when given, in two or more digits)."""

    ms: int | None
    end: int
    strict: bool


def _collect_timestamp(line: str, pos: int) -> _Stamp | None:
    """The spec's "collect a WebVTT timestamp" at ``pos``; None when it fails."""
    m = _STAMP.match(line, pos)
    if not m:
        return None
    first, second, third, millis = m.groups()
    if third is None:
        if len(first) != 2 or first > "59":  # a first field that is not minutes needs a third
            return None
        first, second, third = "0", first, second
    if len(second) != 2 or len(third) != 2 or len(millis) != 3 or second > "59" or third > "59":
        return None
    return _Stamp(clock_ms(first, second, third, millis), m.end(), m.group(3) is None or len(first) >= 2)


def parse_timestamp(text: str) -> int | None:
    """Milliseconds of a WebVTT timestamp, or None when it is malformed (or beyond any player's clock).

    >>> parse_timestamp("01:02.500"), parse_timestamp("1:02.5"), parse_timestamp("100:00:00.000")
    (62500, None, 360000000)
    """
    stamp = _collect_timestamp(text, 0)
    return stamp.ms if stamp and stamp.end == len(text) else None


@dataclass(frozen=True)
class _Timing:
    start: int | None
    end: int | None
    settings: str
    strict: bool  # timestamps as the syntax asks, and whitespace around the arrow


def _timing(line: str) -> _Timing | None:
    """The spec's "collect WebVTT cue timings and settings" (settings kept as text); None when it fails."""
    start = _collect_timestamp(line, _SPACE.match(line).end())
    if start is None:
        return None
    arrow = _SPACE.match(line, start.end).end()
    if line[arrow:arrow + 3] != "-->":
        return None
    after = _SPACE.match(line, arrow + 3).end()
    end = _collect_timestamp(line, after)
    if end is None:
        return None
    spaced = arrow > start.end and after > arrow + 3
    return _Timing(start.ms, end.ms, line[end.end:].strip(" \t\f"), start.strict and end.strict and spaced)


@dataclass(frozen=True)
class RawCue:
    """A cue as it stands in the file: identifier, times, settings, raw text lines and line number."""

    identifier: str | None
    start: int
    end: int
    settings: str
    lines: tuple[str, ...]
    line_number: int


@dataclass(frozen=True)
class _Block:
    """One block as the spec's "collect a WebVTT block" reads it: its first line and the line after it (0-based),
    its timing line and timing (or why it failed), identifier, text lines, what it is, and whether it ended
    at a timing line with no blank line before it."""

    first: int
    after: int
    arrow: int | None
    timing: _Timing | None
    identifier: str
    lines: tuple[str, ...]
    kind: str  # "cue", "bad" (a timing line that fails), "style", "region" or "none"
    rewound: bool


def _collect_block(lines: list[str], i: int, in_header: bool, seen_cue: bool) -> _Block:
    """Collect the block starting at line ``i`` (the spec's steps, line by line)."""
    first, count, previous, buffer = i, 0, i, []
    seen_arrow, timing, arrow, identifier, kind, rewound = False, None, None, "", "none", False
    while True:
        line = lines[i]
        count += 1
        at_eof = i == len(lines) - 1
        i += 1
        if "-->" in line:
            if not in_header and (count == 1 or (count == 2 and not seen_arrow)):
                seen_arrow, previous, arrow = True, i, i - 1
                timing = _timing(line)
                if timing is not None:
                    identifier, buffer, seen_cue = "\n".join(buffer), [], True
            else:
                i, rewound = previous, True
                break
        elif not line:
            break
        else:
            if not in_header and count == 2 and not seen_cue:
                word = _HEADER_WORD.match(buffer[0]) if buffer else None
                if word:
                    kind, buffer = word.group(1).lower(), []
            buffer.append(line)
            previous = i
        if at_eof:
            break
    if arrow is not None:
        kind = "cue" if timing is not None else "bad"
    return _Block(first, i, arrow, timing, identifier, tuple(buffer), kind, rewound)


def _blocks(lines: list[str]):
    """The blocks after the header, in order (the spec's block loop)."""
    n = len(lines)

    def at_end(i: int) -> bool:
        return i >= n or (i == n - 1 and not lines[i])

    def skip_blank(i: int) -> int:
        while i < n - 1 and not lines[i]:
            i += 1
        return i

    if n == 1 or at_end(1):
        return
    i, seen_cue, rewound = 1, False, False
    if lines[1]:
        header = _collect_block(lines, 1, True, False)
        i, rewound = header.after, header.rewound
    else:
        i = 2
    i = skip_blank(i)
    while not at_end(i):
        block = _collect_block(lines, i, False, seen_cue)
        seen_cue = seen_cue or block.kind == "cue"
        yield block, rewound
        i, rewound = skip_blank(block.after), block.rewound


def _signature(text: str) -> list[str]:
    """The lines of WebVTT text (CR and CRLF as LF, one BOM dropped), once its signature is checked."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if text.startswith("\ufeff"):
        raise InputError("not WebVTT: a second byte-order mark before 'WEBVTT' (browsers reject the file)")
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    first = lines[0]
    if not first.startswith("WEBVTT") or first[6:7] not in ("", " ", "\t"):
        raise InputError(f"not WebVTT: line 1 is {first[:60]!r}, not 'WEBVTT'")
    return lines


def parse(text: str, findings: list | None = None) -> list[RawCue]:
    """The cues of WebVTT text as the W3C parser algorithm reads them (and browsers show them).

    Text that does not start with the WebVTT signature (``WEBVTT`` alone or followed by a space or tab,
    after at most one BOM) raises :class:`InputError`; NUL characters read as U+FFFD. With a ``findings``
    list, what a browser drops or reads against the syntax is appended there as :class:`Finding` objects.

    >>> found = []
    >>> [(c.identifier, c.start, c.lines) for c in parse("WEBVTT\\n\\nintro\\n00:01.000 --> 00:02.000\\nHi\\n\\n"
    ...                                                  "00:3.000 --> 00:04.000\\nBye\\n", found)]
    [('intro', 1000, ('Hi',))]
    >>> found
    [Finding(line=7, rule='malformed_timestamp', message="malformed cue timing: '00:3.000 --> 00:04.000'", cue=None)]
    """
    lines = _signature(text)
    nul: set[int] = set()  # lines that held NUL characters
    if "\0" in text:
        nul = {n for n, line in enumerate(lines) if "\0" in line}
        lines = [line.replace("\0", "\ufffd") for line in lines]
    cues: list[RawCue] = []
    found = findings if findings is not None else []
    last = None  # the block before, when it was a cue
    for block, no_blank in _blocks(lines):
        timing = block.timing
        if block.kind == "cue" and (timing.start is None or timing.end is None):
            found.append(Finding(block.arrow + 1, "timestamp_out_of_range",
                                 f"a time beyond any player's clock (Chromium shows the cue for ever, ffmpeg "
                                 f"cannot hold it; not checked further): {lines[block.arrow][:60]!r}"))
            last = None
        elif block.kind == "cue":
            _cue_findings(block, no_blank, len(cues), nul, found)
            cues.append(RawCue(block.identifier or None, timing.start, timing.end, timing.settings, block.lines,
                               block.arrow + 1))
            last = block
        else:
            _other_findings(block, no_blank, last, len(cues) - 1, lines, found)
            last = None
    return cues


def _cue_findings(block: _Block, no_blank: bool, index: int, nul: set[int], found: list) -> None:
    """What the syntax forbids in a cue that a browser reads."""
    where = block.arrow + 1
    if no_blank:
        found.append(Finding(where, "missing_blank_line", "no blank line before this cue's timing line "
                                                         "(browsers start a new cue there anyway)", index))
    if block.timing and not block.timing.strict:
        found.append(Finding(where, "timestamp_format", "timing line not as WebVTT writes it (hours in two "
                                                       "digits, spaces around '-->'), though browsers read it",
                             index))
    if _NOTE.match(block.identifier) or _HEADER_WORD.match(block.identifier):
        found.append(Finding(where, "keyword_id", f"cue identifier {block.identifier[:30]!r} reads like a "
                                                 f"NOTE, STYLE or REGION block: browsers take it as this cue's "
                                                 f"identifier (a blank line must end such a block)", index))
    for n, line in enumerate(block.lines, 1):
        if not line.strip():
            found.append(Finding(where, "whitespace_line", f"text line {n} holds only whitespace "
                                                          f"({line[:10]!r}): browsers keep it, and what "
                                                          f"follows, in this cue (a cue ends at an empty line)",
                                 index))
    if nul and not nul.isdisjoint(range(block.arrow + 1, block.after)):
        found.append(Finding(where, "misrendered_text", "NUL character in cue text (browsers show U+FFFD)", index))


def _other_findings(block: _Block, no_blank: bool, last: _Block | None, last_index: int, lines: list[str],
                    found: list) -> None:
    """What a browser drops or ignores: a block that is not a cue, a comment, or a header block."""
    if block.kind == "bad":
        line = lines[block.arrow]
        if no_blank and last is not None:
            lost = len(block.lines)
            found.append(Finding(block.arrow + 1, "misrendered_text",
                                 f"'-->' in cue text ends the cue: browsers drop {line[:60]!r}"
                                 + (f" and the {lost} line{'s' * (lost > 1)} after it" if lost else ""), last_index))
        else:
            found.append(Finding(block.arrow + 1, "malformed_timestamp", f"malformed cue timing: {line[:60]!r}"))
    elif block.kind == "none" and not _NOTE.match(lines[block.first]):
        head = lines[block.first]
        why = (f"{head.split()[0]} block after the first cue, or empty" if _HEADER_WORD.match(head.split(" ")[0])
               else "text outside any cue")
        found.append(Finding(block.first + 1, "ignored_block", f"{why} (browsers ignore it): {head[:60]!r}"))


def plain(text: str) -> str:
    """Cue text as shown: tags removed (an unclosed one runs to the end), character references decoded.

    >>> plain("<v Kim><i>Hi</i> &amp; bye"), plain("a <b")
    ('Hi & bye', 'a ')
    """
    return _unescape(_TAG.sub("", text))


def _unescape(text: str) -> str:
    """Character references decoded, as browsers decode them.

    >>> _unescape("&lt;&#65;&#" + "9" * 5000 + ";") == "<A\\ufffd"
    True
    """
    return html.unescape(_HUGE_CHARREF.sub("\ufffd", text))


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Text of a WebVTT file's bytes, as the W3C parser decodes it: UTF-8 only (Chromium also reads UTF-16
    with a BOM; the spec, and this tool, do not), BOMs kept (:func:`parse` drops one and refuses a second), NUL
    bytes kept; ``encoding`` overrides.

    >>> decode("WEBVTT\\n".encode("utf-16"), "a.vtt")
    Traceback (most recent call last):
    ...
    segmenter.errors.InputError: a.vtt: not WebVTT: the file is UTF-16, and WebVTT is UTF-8 only (the W3C parser rejects it)
    """
    from ..files import decode as decode_text, _BINARY_MAGIC

    if encoding or data.startswith(_BINARY_MAGIC):
        return decode_text(data, name, encoding, "subtitle file")
    for bom, codec in _OTHER_ENCODINGS:
        if data.startswith(bom):
            raise InputError(f"{name}: not WebVTT: the file is {codec}, and WebVTT is UTF-8 only "
                             f"(the W3C parser rejects it)")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                         f"WebVTT is UTF-8 only") from None


class VttFormat:
    name = "vtt"
    extensions = ("vtt", "webvtt")

    header = "WEBVTT\n"

    def cue_text(self, c: Cue, placement_tags: bool = False) -> str:
        """One cue as WebVTT, after a blank line (``placement_tags`` is for SRT: WebVTT uses settings)."""
        settings = " " + TOP_SETTINGS if c.placement == "top" else ""
        voice = f"<v {escape(c.speaker)}>" if c.speaker else ""
        text = escape("\n".join(c.lines))  # escaping the lines one by one gives the same
        return f"\n{c.index}\n{clock_text(c.start)} --> {clock_text(c.end)}{settings}\n{voice}{text}\n"

    def write(self, cues, placement_tags: bool = False) -> str:
        """WebVTT text of ``cues``."""
        return self.header + "".join(self.cue_text(c) for c in cues)

    decode = staticmethod(decode)

    def read(self, text: str) -> list[Cue]:
        """The cues a browser reads, with plain text; a ``<v>`` tag gives the speaker, ``line:`` settings the
        placement."""
        return [self.shown(raw, n) for n, raw in enumerate(parse(text), 1)]

    @staticmethod
    def shown(raw: RawCue, index: int) -> Cue:
        """A raw cue as a viewer sees it: text without tags, its speaker and placement."""
        text = "\n".join(raw.lines)
        voice = _VOICE.search(text)
        speaker = _unescape(voice.group(1).strip()) if voice and voice.group(1).strip() else None
        placement = "top" if re.search(r"(?:^|\s)line:(?:[0-3]?\d(?:\.\d+)?%|[0-4])(?:\s|,|$)", raw.settings) \
            else "bottom"
        return Cue(index, raw.start, raw.end, tuple(plain(text).split("\n")) if raw.lines else (),
                   speaker=speaker, placement=placement)


FORMAT = VttFormat()
