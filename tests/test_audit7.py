"""Seventh audit: real published material read with the dialect auto picks, only spoken words in the cues and
speakers right. Each script is written for this test in the layout of its format (no outlet's text)."""

from __future__ import annotations

from segmenter.dialect import choose_dialect
from segmenter.script import parse_script


def read(text: str, dialect: str = "auto") -> list[tuple[str, str | None, str]]:
    """(section, speaker, text) of each segment of ``text`` read with ``dialect`` (auto: as chosen)."""
    return [(s.section, s.speaker, s.text) for s in parse_script(text, choose_dialect(dialect, text))]


def titled(text: str, dialect: str = "auto") -> list[tuple[str | None, str | None]]:
    """(speaker, speaker_title) of each segment of ``text``."""
    return [(s.speaker, s.speaker_title) for s in parse_script(text, choose_dialect(dialect, text))]


# --- an office before a name in capitals, read as plain (a blog's copy of a briefing) ----------------------------

BRIEFING = ("PRESS SECRETARY ANNA M. BELL: Good afternoon. We have about twenty minutes today.\n"
            "SECRETARY OF THE NAVY TOM REED JR.: Thank you, Anna. The ship sails on Monday.\n"
            "ANCHOR: That was the briefing.\n")


def test_plain_label_office_is_the_title():
    assert choose_dialect("auto", BRIEFING).name == "plain"
    assert read(BRIEFING) == [
        ("quote", "Anna M. Bell", "Good afternoon. We have about twenty minutes today."),
        ("quote", "Tom Reed Jr.", "Thank you, Anna. The ship sails on Monday."),
        ("lead_in", None, "That was the briefing.")]
    assert titled(BRIEFING) == [("Anna M. Bell", "PRESS SECRETARY"), ("Tom Reed Jr.", "SECRETARY OF THE NAVY"),
                                (None, None)]


def test_plain_label_without_office_keeps_its_name():
    text = "MAYOR: We are ready.\nJOHN LEE: So are we.\n"
    assert titled(text, "plain") == [("Mayor", None), ("John Lee", None)]


def test_plain_label_title_before_a_surname_alone_stays_in_the_name():
    text = "MR. JONES: Thank you.\nSENATOR WARREN: We agree.\n"
    assert titled(text, "plain") == [("Mr. Jones", None), ("Senator Warren", None)]
