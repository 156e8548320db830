"""The seed script (read from ../shared) under every preset: the behaviour issue 2 asks for."""

from __future__ import annotations

import io
import re

import pytest
import srt
import webvtt

from segmenter.pipeline import render, subtitle
from segmenter.script import parse_script
from segmenter.style import load_style, preset_names

NAMES = ("Shinzo Abe", "Kang Kyung-wha", "Toshimitsu Motegi", "U.S. President", "Lee Ji-won", "Moon Jae-in")


def words(text: str) -> list[str]:
    return text.split()


@pytest.fixture(scope="module")
def cues(seed_text):
    return subtitle(seed_text)


def test_first_cue_opens_with_the_lead_in(cues):
    assert cues[0].lines[0].startswith("The hectic week in New York")
    assert cues[0].section == "lead_in"


def test_toss_ends_the_lead_in(cues):
    lead = [c for c in cues if c.section == "lead_in"]
    assert lead[-1].text.endswith("Lee Ji-won reports.")
    first_package = cues.index(lead[-1]) + 1
    assert cues[first_package].section == "package"
    assert all(c.section != "lead_in" for c in cues[first_package:])


def test_sign_off_is_the_last_cue_of_its_own(cues):
    last = cues[-1]
    assert last.lines == ("Lee Ji-won, Arirang News.",)
    assert (last.section, last.speaker) == ("sign_off", "Lee Ji-won")
    assert all(c.section != "sign_off" for c in cues[:-1])


def test_package_speaker_and_quoted_bite(seed_text):
    segments = parse_script(seed_text)
    quotes = [s for s in segments if s.section == "quote"]
    assert len(quotes) == 1 and quotes[0].paragraph == 8  # line 9 closes a quotation it never opened
    assert quotes[0].text.endswith('the two sides."')
    assert {s.speaker for s in segments if s.section == "package"} == {"Lee Ji-won"}


@pytest.mark.parametrize("style_name", preset_names())
def test_limits_names_and_nothing_lost(seed_text, style_name):
    style = load_style(style_name)
    cues = subtitle(seed_text, style)
    for cue in cues:
        assert 1 <= len(cue.lines) <= style.max_lines
        assert all(len(line) <= style.max_chars_per_line for line in cue.lines), cue
    lines = [line for c in cues for line in c.lines]
    for name in NAMES:
        assert seed_text.count(name) == sum(line.count(name) for line in lines), name
    assert words(seed_text) == [w for c in cues for line in c.lines for w in line.split()]
    for a, b in zip(cues, cues[1:]):
        assert a.start < a.end <= b.start


def test_srt_parses_with_srt_package(cues):
    parsed = list(srt.parse(render(cues, "srt")))
    assert [p.content.split("\n") for p in parsed] == [list(c.lines) for c in cues]
    assert [round(p.start.total_seconds() * 1000) for p in parsed] == [c.start for c in cues]


def test_vtt_parses_with_webvtt_py(cues):
    text = render(cues, "vtt")
    assert text.startswith("WEBVTT\n") and text.endswith("\n")
    captions = webvtt.from_buffer(io.StringIO(text)).captions
    assert len(captions) == len(cues)
    for caption, cue in zip(captions, cues):
        assert re.sub(r"<[^>]+>", "", caption.raw_text).replace("&amp;", "&").split("\n") == list(cue.lines)
        assert round(caption.start_in_seconds * 1000) == cue.start or caption.start == render_time(cue.start)
        if cue.speaker:
            assert caption.raw_text.startswith(f"<v {cue.speaker}>")


def render_time(ms: int) -> str:
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d}.{ms % 1000:03d}"
