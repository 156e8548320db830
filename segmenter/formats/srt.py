"""SubRip (``.srt``), written and read through the ``srt`` package.

>>> from segmenter.model import Cue
>>> print(FORMAT.write([Cue(1, 0, 1500, ("Hello,", "world."))]), end="")
1
00:00:00,000 --> 00:00:01,500
Hello,
world.
<BLANKLINE>
>>> FORMAT.read("1\\n00:00:01,000 --> 00:00:02,000\\nHi\\n")[0].lines
('Hi',)
"""

from __future__ import annotations

import re
from datetime import timedelta

import srt

from ..errors import InputError
from ..model import Cue

TOP = "{\\an8}"

#: a strict timing line: two-digit minutes and seconds, three-digit milliseconds, optional coordinates after
_TIMING = re.compile(r"^[ \t]*\d+:[0-5]\d:[0-5]\d[,.]\d{3}[ \t]*-->[ \t]*\d+:[0-5]\d:[0-5]\d[,.]\d{3}(?:[ \t]+\S.*)?$")


def _ms(delta: timedelta) -> int:
    return round(delta.total_seconds() * 1000)


class SrtFormat:
    name = "srt"
    extensions = ("srt",)

    header = ""

    def cue_text(self, c: Cue, placement_tags: bool = False) -> str:
        """One cue as SRT; with ``placement_tags`` a top-placed cue starts with ``{\\an8}``."""
        content = (TOP if placement_tags and c.placement == "top" else "") + "\n".join(c.lines)
        sub = srt.Subtitle(c.index, timedelta(milliseconds=c.start), timedelta(milliseconds=c.end), content)
        return sub.to_srt()

    def write(self, cues, placement_tags: bool = False) -> str:
        """SRT text of ``cues``."""
        return "".join(self.cue_text(c, placement_tags) for c in cues)

    def read(self, text: str) -> list[Cue]:
        """Cues of an SRT file (BOM and CRLF accepted); a parse error quotes the offending input."""
        try:
            subs = list(srt.parse(text.lstrip("\ufeff")))
        except (srt.SRTParseError, ValueError) as exc:
            raise InputError(f"not valid SRT: {' '.join(str(exc).split())[:200]}") from None
        return [Cue(s.index, _ms(s.start), _ms(s.end),
                    tuple(line for line in s.content.replace(TOP, "").split("\n")),
                    placement="top" if TOP in s.content else "bottom") for s in subs]


def parse(text: str, malformed: list | None = None) -> list[tuple[int, Cue]]:
    """``(line number, cue)`` for each cue of SRT text, its lines as written (tags kept), read block by block
    through the ``srt`` package.

    A block whose timing line is malformed (``00:00:1,5``), or that has none, is an error; with a
    ``malformed`` list it is skipped and ``(line number, line, problem)`` appended there instead.

    >>> bad = []
    >>> [(n, c.start, c.lines) for n, c in parse("1\\n00:00:01,000 --> 00:00:02,000\\n<i>Hi</i>\\n\\n"
    ...                                           "2\\n00:00:3,5 --> 00:00:04,000\\nBye\\n", bad)]
    [(2, 1000, ('<i>Hi</i>',))]
    >>> bad
    [(6, '00:00:3,5 --> 00:00:04,000', 'malformed timing line')]
    """
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
        problem = None
        if "-->" not in block[timing]:
            problem = "no timing line"
        elif not _TIMING.match(block[timing]):
            problem = "malformed timing line"
        elif timing and not block[0].strip().isdigit():
            problem = "cue number is not a number"
        if problem is None:
            try:
                (sub,) = srt.parse("\n".join(block) + "\n")
            except (srt.SRTParseError, ValueError):
                problem = "not a valid SRT cue"
        if problem:
            if malformed is None:
                raise InputError(f"line {first + timing + 1}: {problem}: {block[timing][:60]!r}")
            malformed.append((first + timing + 1, block[timing], problem))
            continue
        cues.append((first + timing + 1, Cue(sub.index, _ms(sub.start), _ms(sub.end), tuple(block[timing + 1:]))))
    return cues


FORMAT = SrtFormat()
