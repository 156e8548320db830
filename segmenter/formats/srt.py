"""SubRip (``.srt``), written through the ``srt`` package and read block by block as players read it.

SRT has no escapes, so text that players would take for markup is neutralised with U+2060 WORD JOINER
(zero width, invisible): after every ``<`` (so ``<b>``, ``<or>`` stay text: ffmpeg and pysubs2 show them
literally instead of rendering or dropping them), inside ``-->`` (``--\\u2060>``) and after every ``{`` (so a
script's ``{\\an8}`` is not read back as the placement tag; ASS renderers still hide ``{...}``). Reading
removes exactly those joiners again, so text survives the round trip.

>>> from segmenter.model import Cue
>>> print(FORMAT.write([Cue(1, 0, 1500, ("Hello,", "world."))]), end="")
1
00:00:00,000 --> 00:00:01,500
Hello,
world.
<BLANKLINE>
>>> FORMAT.read("1\\n00:00:01,000 --> 00:00:02,000\\nHi\\n")[0].lines
('Hi',)
>>> FORMAT.read(FORMAT.write([Cue(1, 0, 900, ("<b>bold</b> --> x",))]))[0].lines
('<b>bold</b> --> x',)
"""

from __future__ import annotations

import re
from datetime import timedelta

import srt

from ..errors import InputError
from ..model import Cue
from . import Finding, clock_ms

TOP = "{\\an8}"
JOINER = "\u2060"

#: a timing line as players read it: any hours, one or two digits of minutes and seconds, one to three of
#: milliseconds, ',' or '.', optional coordinates after
_TIMING = re.compile(r"[ \t]*(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})[ \t]*-->"
                     r"[ \t]*(\d+):(\d{1,2}):(\d{1,2})[,.](\d{1,3})(?:[ \t].*)?$")
_ARROW = re.compile(f"--(?={JOINER}*>)")
_ESCAPED_ARROW = re.compile(f"--{JOINER}(?={JOINER}*>)")


def escape(line: str) -> str:
    """A text line that no SRT player reads as markup or as a timing line.

    >>> escape("a <b> --> {\\an8}") == "a <\\u2060b> --\\u2060> {\\u2060\\an8}"
    True
    """
    if "<" not in line and "{" not in line and "--" not in line:
        return line  # most text: nothing to neutralise
    return _ARROW.sub("--" + JOINER, line.replace("<", "<" + JOINER).replace("{", "{" + JOINER))


def unescape(line: str) -> str:
    """A text line as :func:`escape` got it (only the joiners it adds are removed).

    >>> all(unescape(escape(s)) == s for s in ["<\\u2060", "--\\u2060>", "---->", "a < b", "{\\u2060"])
    True
    """
    return _ESCAPED_ARROW.sub("--", line.replace("<" + JOINER, "<").replace("{" + JOINER, "{"))


class SrtFormat:
    name = "srt"
    extensions = ("srt",)

    header = ""

    def cue_text(self, c: Cue, placement_tags: bool = False) -> str:
        """One cue as SRT; with ``placement_tags`` a top-placed cue starts with ``{\\an8}``."""
        content = (TOP if placement_tags and c.placement == "top" else "") + escape("\n".join(c.lines))
        # timedelta(days, seconds, microseconds, milliseconds): positional is faster than by keyword
        sub = srt.Subtitle(c.index, timedelta(0, 0, 0, c.start), timedelta(0, 0, 0, c.end), content)
        return sub.to_srt()

    def write(self, cues, placement_tags: bool = False) -> str:
        """SRT text of ``cues``."""
        return "".join(self.cue_text(c, placement_tags) for c in cues)

    @staticmethod
    def decode(data: bytes, name: str, encoding: str | None = None) -> str:
        """Text of an SRT file's bytes: UTF-8 unless a BOM or ``encoding`` says otherwise."""
        from ..files import decode

        return decode(data, name, encoding, "subtitle file")

    def read(self, text: str) -> list[Cue]:
        """The cues of an SRT file as players read them (BOM and CRLF accepted, malformed blocks skipped);
        a file with blocks but no cue is refused, quoting its first problem."""
        found: list[Finding] = []
        cues = parse(text, found)
        if not cues and found:
            raise InputError(f"not valid SRT: line {found[0].line}: {found[0].message}")
        out = []
        for _, cue in cues:
            top = bool(cue.lines) and cue.lines[0].startswith(TOP)
            lines = (cue.lines[0][len(TOP):], *cue.lines[1:]) if top else cue.lines
            out.append(Cue(cue.index, cue.start, cue.end, tuple(map(unescape, lines)),
                           placement="top" if top else "bottom"))
        return out


def _time(groups) -> tuple[int | None, bool]:
    """Milliseconds of a timestamp's fields (None: beyond any player's clock), and whether it is written as
    SRT writes it (two-digit minutes and seconds up to 59, three-digit milliseconds)."""
    hours, minutes, seconds, millis = groups
    strict = len(minutes) == len(seconds) == 2 and len(millis) == 3 and minutes <= "59" and seconds <= "59"
    return clock_ms(hours, minutes, seconds, millis), strict


def parse(text: str, findings: list | None = None) -> list[tuple[int, Cue]]:
    """``(line number, cue)`` for each cue of SRT text, its lines as written (tags kept), read block by block.

    A block whose timing line is missing or malformed, or times beyond any player's clock, is skipped; a
    timestamp players read although it is not written as SRT writes it (``00:00:0,000``, ``00:00:01,50``:
    ffmpeg reads 50 ms there, pysubs2 500 ms) keeps its cue. With a ``findings`` list both are appended there
    as :class:`Finding` objects.

    >>> found = []
    >>> [(n, c.start, c.lines) for n, c in parse("1\\n00:00:01,000 --> 00:00:02,000\\n<i>Hi</i>\\n\\n"
    ...                                           "2\\n00:00:3,5 --> 00:00:04,000\\nBye\\n\\n3\\n0:0 --> 1\\n", found)]
    [(2, 1000, ('<i>Hi</i>',)), (6, 3005, ('Bye',))]
    >>> [(f.line, f.rule, f.cue) for f in found]
    [(6, 'timestamp_format', 1), (10, 'malformed_timestamp', None)]
    """
    found = findings if findings is not None else []
    lines = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    cues: list[tuple[int, Cue]] = []
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        first = i
        while i < len(lines) and lines[i].strip():
            i += 1
        block = lines[first:i]
        timing = 0 if "-->" in block[0] or len(block) < 2 else 1
        at, line = first + timing + 1, block[timing]
        m = _TIMING.match(line) if "-->" in line else None
        if m is None or (timing and not block[0].strip().isdigit()):
            problem = ("no timing line" if "-->" not in line else "malformed timing line" if m is None
                       else "cue number is not a number")
            found.append(Finding(at, "malformed_timestamp", f"{problem}: {line[:60]!r}"))
            continue
        (start, strict_start), (end, strict_end) = _time(m.groups()[:4]), _time(m.groups()[4:])
        if start is None or end is None:
            found.append(Finding(at, "timestamp_out_of_range", f"a time beyond any player's clock (ffmpeg "
                                                               f"cannot hold it; not checked further): {line[:60]!r}"))
            continue
        if not (strict_start and strict_end):
            found.append(Finding(at, "timestamp_format",
                                 f"timestamp not written HH:MM:SS,mmm (players differ: ffmpeg reads "
                                 f"{start / 1000:.3f} --> {end / 1000:.3f} s): {line[:60]!r}", len(cues)))
        number = block[0].strip()
        index = int(number) if timing and number.isascii() and len(number) < 19 else len(cues) + 1
        cues.append((at, Cue(index, start, end, tuple(block[timing + 1:]))))
    return cues


FORMAT = SrtFormat()
