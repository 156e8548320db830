"""Second audit against real broadcast formats (notes/audit2.md): wire video scripts, government briefings,
newsroom-system exports, other broadcasters' transcripts. Each input is written for this test in the
layout of the format (no outlet's text)."""

from __future__ import annotations

from segmenter.dialect import choose_dialect
from segmenter.script import parse_script


def read(text: str, dialect: str = "auto") -> list[tuple[str, str | None, str]]:
    """(section, speaker, text) of each segment of ``text`` read with ``dialect`` (auto: as chosen)."""
    return [(s.section, s.speaker, s.text) for s in parse_script(text, choose_dialect(dialect, text))]


def texts(text: str, dialect: str = "auto") -> list[str]:
    return [t for _, _, t in read(text, dialect)]


AP = """AP-APTN-1830: Lake Rescue
STORY:Lake Rescue- NEW Boaters pulled from lake
LENGTH: 01:40
RESTRICTIONS: AP Clients Only
SHOTLIST
(FIRST RUN 1330 EUROPE PRIME NEWS - 2 JUNE 2024)
1. Wide of lake
++MUTE++
2. SOUNDBITE (English) Ann Roe, harbour master:
"We pulled six people out.
All of them are fine."
3. Cutaway of boat
4. UPSOUND (English) Rescuer: "Grab the rope!"
5. NATS of wind
STORYLINE
Six boaters were rescued on Sunday.
"""

REUTERS = """STORY: Floods hit the valley on Monday.
VIDEO SHOWS: FLOODED ROADS, RESIDENT
1. VARIOUS OF FLOODED ROAD
2. (SOUNDBITE) (French) RESIDENT, LUC MOREAU, SAYING:
"The water rose in an hour."
3. AERIAL OF FIELDS
(Production: Eva Lind)
"""


def test_wire_scripts_speak_only_their_soundbites():
    """A wire video script is read as `wire`: only the bites' words, without the quotation marks that enclose
    them, each bite spoken by the person its heading names; shot list, fields and storyline dropped."""
    assert choose_dialect("auto", AP).name == "wire" and choose_dialect("auto", REUTERS).name == "wire"
    assert read(AP) == [("quote", "Ann Roe", "We pulled six people out."), ("quote", "Ann Roe", "All of them are fine."),
                        ("quote", "Rescuer", "Grab the rope!")]
    assert read(REUTERS) == [("quote", "Luc Moreau", "The water rose in an hour.")]
    assert [s.speaker_title for s in parse_script(REUTERS, "wire")] == ["RESIDENT"]


def test_wire_dropped_lines_are_reported():
    seen = []
    parse_script(AP, "wire", dropped=lambda n, text, why: seen.append((n, why)))
    assert (5, "shot list or storyline") in seen and (9, "soundbite heading") in seen
    assert len(seen) == 14  # all but the two lines of the first bite
