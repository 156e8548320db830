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

from datetime import timedelta

import srt

from ..errors import InputError
from ..model import Cue

TOP = "{\\an8}"


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


FORMAT = SrtFormat()
