"""The whole pipeline as two calls: script text to cues, cues to subtitle text.

>>> from segmenter.style import Style
>>> cues = subtitle("Rain fell in Seoul.\\nKim Ha-na reports.\\nThe rain stopped.\\nKim Ha-na, Arirang News.",
...                 Style(frame_rate=None))
>>> [(c.section, c.speaker, c.lines) for c in cues]  # doctest: +NORMALIZE_WHITESPACE
[('lead_in', None, ('Rain fell in Seoul.',)), ('lead_in', None, ('Kim Ha-na reports.',)),
 ('package', 'Kim Ha-na', ('The rain stopped.',)), ('sign_off', 'Kim Ha-na', ('Kim Ha-na, Arirang News.',))]
>>> print(render(cues[:1], "srt"), end="")
1
00:00:00,000 --> 00:00:01,118
Rain fell in Seoul.
<BLANKLINE>
"""

from __future__ import annotations

from . import formats
from .model import Cue
from .script import parse_script
from .segment import segment_blocks
from .style import Style, load_style
from .timing import time_blocks


def subtitle(text: str, style: Style | str | None = None, start: float = 0.0) -> tuple[Cue, ...]:
    """Timed cues for a script: parse its structure, split sentences, lay out cues and lines, time them.

    ``style`` is a :class:`Style`, a preset name or a path to a style file (default: ``broadcast``);
    ``start`` is the time of the first cue in seconds.
    """
    if not isinstance(style, Style):
        style = load_style(style)
    return time_blocks(segment_blocks(parse_script(text), style), style, start)


def render(cues, fmt: str = "srt", style: Style | None = None) -> str:
    """Subtitle text of ``cues`` in format ``fmt`` (``srt`` or ``vtt``), ending with a newline."""
    tags = bool(style and style.srt_placement_tags)
    text = formats.get(fmt).write(cues, placement_tags=tags)
    return text if text.endswith("\n") else text + "\n"
