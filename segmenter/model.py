"""The values passed between pipeline stages: frozen dataclasses, nothing else.

>>> Cue(1, 0, 1500, ("Hello,", "world.")).text
'Hello, world.'
"""

from __future__ import annotations

from dataclasses import dataclass

SECTIONS = ("lead_in", "package", "quote", "sign_off")


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of script text spoken by one speaker in one section.

    ``paragraph`` numbers the source line it came from, ``story`` the story in a bulletin or rundown
    (``slug`` its slug), ``element`` the newsroom element (VO, SOT, PKG...) it belongs to, ``run_time`` the
    element's stated run time in seconds, ``super_name`` the name super shown as this segment starts,
    ``speaker_title`` the speaker's title or role as a transcript's label gives it ("CNN CORRESPONDENT"),
    kept beside the name, never in it.
    """

    section: str
    speaker: str | None
    text: str
    paragraph: int = 0
    story: int = 0
    element: int = 0
    run_time: float | None = None
    super_name: str | None = None
    slug: str | None = None
    speaker_title: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """The lines of one cue before timing, the segment they come from, and why the text after them pauses.

    ``opens`` is True for the first block of its segment (where a name super appears).
    """

    lines: tuple[str, ...]
    source: Segment
    pause_after: str | None = None  # "ellipsis", "paragraph", "section" or None
    opens: bool = True


@dataclass(frozen=True, slots=True)
class Cue:
    """A timed subtitle: 1-based index, start and end in milliseconds, its lines, section and speaker (and the
    speaker's title, when the script gives one)."""

    index: int
    start: int
    end: int
    lines: tuple[str, ...]
    section: str = "package"
    speaker: str | None = None
    placement: str = "bottom"
    story: int = 0
    slug: str | None = None
    speaker_title: str | None = None

    @property
    def text(self) -> str:
        """The cue's words as one line of text."""
        return " ".join(self.lines)

    @property
    def duration(self) -> int:
        """Duration in milliseconds."""
        return self.end - self.start
