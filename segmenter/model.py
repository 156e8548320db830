"""The values passed between pipeline stages: frozen dataclasses, nothing else.

>>> Cue(1, 0, 1500, ("Hello,", "world.")).text
'Hello, world.'
"""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = ("lead_in", "package", "quote", "sign_off")


@dataclass(frozen=True)
class Segment:
    """A run of script text spoken by one speaker in one section.

    ``paragraph`` numbers the source paragraph (line) it came from, ``story`` the story in a bulletin.
    """

    section: str
    speaker: str | None
    text: str
    paragraph: int = 0
    story: int = 0


@dataclass(frozen=True)
class Block:
    """The words of one cue before timing, and why the text after it pauses."""

    lines: tuple[str, ...]
    section: str
    speaker: str | None
    pause_after: str | None = None  # "ellipsis", "paragraph", "section" or None
    story: int = 0


@dataclass(frozen=True)
class Cue:
    """A timed subtitle: 1-based index, start and end in milliseconds, its lines, section and speaker."""

    index: int
    start: int
    end: int
    lines: tuple[str, ...]
    section: str = "package"
    speaker: str | None = None
    placement: str = "bottom"

    @property
    def text(self) -> str:
        """The cue's words as one line of text."""
        return " ".join(self.lines)

    @property
    def duration(self) -> int:
        """Duration in milliseconds."""
        return self.end - self.start
