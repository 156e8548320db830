"""Newsroom scripts: dialects, supers, run times, rundowns; and `plain` unchanged on the seed."""

from __future__ import annotations

import hashlib
import re

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import REPO
from segmenter.cli import main
from segmenter.dialect import choose_dialect, load_dialect
from segmenter.errors import InputError
from segmenter.pipeline import render, subtitle
from segmenter.script import iter_segments, parse_script
from segmenter.segment import iter_blocks
from segmenter.style import Style, load_style, preset_names
from segmenter.timing import iter_cues

NEWSROOM = sorted((REPO / "samples").glob("newsroom-*.txt"))
#: SHA-256 of the seed's SRT under the default style with the plain dialect. It was recorded before the
#: dialect refactor, which had to reproduce it; a deliberate change of the break rules or weights records it anew
#: (stop 17: "the Japanese PM went on / for nearly 3 minutes", the particle rule; stop 18: "continued even at /
#: the UN General Assembly", the article rule; stop 19: "However, the same // could not be said for / Japanese
#: Prime Minister Shinzo Abe.", no cue hanging on "for"; then "for their current disputes continued // even at
#: the UN General Assembly", the adverb rule; breaks5: "He then explained // how its trade restrictions /
#: perfectly follow", a noun kept with the noun it modifies).
SEED_SRT_SHA256 = "63af1b52a6c720b02553ebf56dbd0bcbbfd00eec8fffbb72cc3a2dc899e21415"
#: SHA-256 of the seed's structure under plain (section, speaker, text, paragraph, story of every segment), as
#: the code before dialects parsed it: independent of the break rules, so it never needs recording anew.
SEED_SEGMENTS_SHA256 = "f72f58975df75ee71e27eb31f2b051d77997d098aea09f86b55e06ca302fac4a"
#: lines that are marks in the newsroom samples (never spoken)
MARK_LINE = re.compile(r"\s*(?:\(\*|\(\(|<|\{|\[|(?:CG|SUPER|CH|CY|IN|OUT)\s*:|TRT\b|RUNS\b|[A-Z][A-Z0-9-]{2,}\s*$"
                       r"|(?:RDR|VO|SOT|VO/SOT|PKG|LIVE|TAG|DONUT)\s*(?:\d*:\d\d)?\s*$)")

SCRIPT = """STORM
((Jean))
(**VO**) [:12]
<00:00:10> High winds knocked out power {Director: wide shot} in the east today.
(**SOT**) TRT :08
CG: Park Eun-ji / Utility Spokesperson
IN: Crews are
Crews are working through the night to restore every home.
OUT: every home
(**TAG**)
Schools stay open tomorrow.
"""
SPOKEN = ("High winds knocked out power in the east today. Crews are working through the night to restore "
          "every home. Schools stay open tomorrow.")
MS = Style(cps=15.0, min_duration=1.0, max_duration=7.0, min_gap=0.1, frame_rate=25.0, super_duration=3.0,
           pause_section=0.5, pause_paragraph=0.3)


def elements_of(text: str, style: Style):
    """(cue, element, run time) for every cue, from the pipeline's own stages."""
    blocks = list(iter_blocks(iter_segments(text, "newsroom"), style))
    return [(c, b.source.element, b.source.run_time) for c, b in zip(iter_cues(blocks, style), blocks)]


def test_marks_never_spoken_and_every_word_kept():
    cues = subtitle(SCRIPT, MS, dialect="newsroom")
    assert " ".join(c.text for c in cues) == SPOKEN


def test_auto_detects_newsroom_marks():
    assert choose_dialect("auto", SCRIPT).name == "newsroom"
    assert choose_dialect(None, "Rain fell.\nKim Ha-na reports.").name == "plain"
    assert subtitle(SCRIPT, MS) == subtitle(SCRIPT, MS, dialect="newsroom")


def test_bite_after_super_is_spoken_by_the_named_person():
    cues = subtitle(SCRIPT, MS, dialect="newsroom")
    bite = [c for c in cues if c.text.startswith("Crews")]
    assert bite and all((c.speaker, c.section) == ("Park Eun-ji", "quote") for c in bite)
    assert "<v Park Eun-ji>Crews are working" in render(cues, "vtt")
    assert cues[0].speaker == "Jean" and cues[-1].speaker == "Jean"


def test_cues_under_a_super_go_to_the_top():
    cues = subtitle(SCRIPT, MS, dialect="newsroom")
    bite_start = next(c.start for c in cues if c.speaker == "Park Eun-ji")
    for c in cues:
        assert (c.placement == "top") == (bite_start <= c.start < bite_start + 3000), c
    vtt = render(cues, "vtt")
    assert re.search(r"--> \S+ line:5% position:50% align:center\n<v Park Eun-ji>", vtt)
    assert "{\\an8}" not in render(cues, "srt", MS)
    assert "{\\an8}Crews" in render(cues, "srt", MS.override(srt_placement_tags=True))


def test_elements_with_run_times_end_on_them():
    by_element: dict[int, list] = {}
    for cue, element, run_time in elements_of(SCRIPT, MS):
        by_element.setdefault(element, []).append((cue, run_time))
    for element, items in by_element.items():
        run_time = items[0][1]
        if run_time is None:
            continue
        assert fills(items, run_time, MS), (element, run_time)


def fills(items, run_time: float, style: Style) -> bool:
    """An element's cues span its run time (within a frame), or it is one cue the run time would make
    longer than the style allows: that cue lasts the maximum, the rest of the run time is a pause (issue 12)."""
    span = items[-1][0].end - items[0][0].start
    frame = 1000 / style.frame_rate
    if len(items) == 1 and run_time > style.max_duration:
        return abs(items[0][0].duration - style.max_duration * 1000) <= frame
    return abs(span - run_time * 1000) <= frame


@pytest.mark.parametrize("style_name", preset_names())
@pytest.mark.parametrize("path", NEWSROOM, ids=lambda p: p.stem)
def test_newsroom_samples(path, style_name):
    text = path.read_text(encoding="utf-8")
    style = load_style(style_name)
    cues = subtitle(text, style, warn=lambda message: None)
    spoken = " ".join(c.text for c in cues)
    for mark in re.findall(r"\(\*+[^)]*\*+\)|<[^>]*>|\{[^}]*\}|\[[^\]]*\]|TRT|RUNS|^(?:CG|SUPER|CH|IN|OUT|VO):|"
                           r"^(?:RDR|SOT|VO/SOT)\b", text, re.M):
        assert mark not in spoken
    for line in text.splitlines():
        if re.fullmatch(r"[A-Z][A-Z0-9-]{2,}", line.strip()):
            assert line.strip() not in spoken.split()  # slugs are never spoken
        supered = re.match(r"(?:CG|SUPER|CH):\s*([^/,]+?)\s*[/,]", line)
        if supered:
            assert supered.group(1) not in spoken and supered.group(1) in {c.speaker for c in cues}
        words = re.sub(r"^VO:|^\((?![(*])(.*)\)$", r"\1", line.strip())  # "VO: text", "(transcript)"
        if words and (words != line.strip() or not MARK_LINE.match(line)):
            assert " ".join(words.split()) in spoken  # every spoken line, whole
    spans: dict[int, list] = {}
    for cue, element, run_time in elements_of(text, style):
        spans.setdefault(element, []).append((cue, run_time))
    for items in spans.values():
        if items[0][1] is not None:
            assert fills(items, items[0][1], style)


def test_run_time_too_short_warns_with_reading_speed():
    text = ("(**VO**) [:03]\nA very long sentence that nobody could possibly read in three seconds at any "
            "reasonable speed.\n")
    warnings: list[str] = []
    cues = subtitle(text, MS, dialect="newsroom", warn=warnings.append)
    assert cues[-1].end - cues[0].start == 3000
    assert len(warnings) == 1 and re.fullmatch(
        r"story 1, element 1: reading \d+\.\d characters per second to fit its run time of 3 s "
        r"\(the style allows 15\)", warnings[0])
    result = CliRunner().invoke(main, ["subtitle", "-", "--format", "srt"], input=text)
    assert result.exit_code == 0 and "segmenter: warning: <stdin>: story 1, element 1: reading" in result.stderr
    checked = CliRunner().invoke(main, ["check", "-"], input=result.stdout)
    assert checked.exit_code == 1 and "reading_speed" in checked.stdout + checked.stderr  # check flags them too


def test_rundown_is_continuous_and_splits_by_slug(tmp_path):
    rundown = REPO / "samples" / "newsroom-rundown.txt"
    cues = subtitle(rundown.read_text(encoding="utf-8"))
    assert [c.slug for c in cues][0] == "WEATHER" and {c.slug for c in cues} == {"WEATHER", "BUDGET", "TRANSIT",
                                                                                   "FESTIVAL"}
    assert all(a.end < b.start for a, b in zip(cues, cues[1:]))
    out = tmp_path / "stories"
    result = CliRunner().invoke(main, ["subtitle", str(rundown), "--split-stories", "--format", "vtt", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["budget.vtt", "festival.vtt", "transit.vtt", "weather.vtt"]
    assert "00:00:00.000 --> " in (out / "festival.vtt").read_text(encoding="utf-8")


def test_donut_tag_after_sign_off_stays_in_the_story():
    segments = parse_script((REPO / "samples" / "newsroom-donut.txt").read_text(encoding="utf-8"), "newsroom")
    assert {s.story for s in segments} == {0}
    assert [s.section for s in segments][-2:] == ["sign_off", "lead_in"]
    assert any(s.speaker == "Lim Soo-jin" and s.section == "quote" for s in segments)


def test_plain_dialect_gives_todays_output_on_the_seed(seed_text):
    srt_text = render(subtitle(seed_text, dialect="plain"), "srt")
    assert hashlib.sha256(srt_text.encode()).hexdigest() == SEED_SRT_SHA256
    assert subtitle(seed_text) == subtitle(seed_text, dialect="plain")


def test_custom_dialect_file(tmp_path):
    own = tmp_path / "station.toml"
    own.write_text('extends = "newsroom"\nname = "kxyz"\n[newsroom]\nsuper = \'^\\s*LOWER3\\s*:\\s*(?P<name>[^/]+?)'
                   '\\s*(?:/.*)?$\'\n', encoding="utf-8")
    cues = subtitle("(**SOT**)\nLOWER3: Ana Ruiz / Mayor\nWe will rebuild.\n", MS, dialect=str(own))
    assert [(c.text, c.speaker) for c in cues] == [("We will rebuild.", "Ana Ruiz")]
    with pytest.raises(InputError, match="unknown dialect 'martian'; known: newsroom, plain, transcript, wire, auto"):
        load_dialect("martian")


@pytest.mark.parametrize("path", sorted((REPO / "dialects").glob("*.toml")), ids=lambda p: p.stem)
def test_every_built_in_table_pattern_compiles_alone(path):
    """The built-in files' [detect] and [drop] patterns are compiled only as one alternation when loaded
    (dialect._alternation): each must be a sound pattern on its own, as a user's file is checked."""
    import tomllib

    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for key in ("detect", "drop"):
        for name, pattern in data.get(key, {}).items():
            re.compile(name if key == "detect" else pattern, re.M)  # ("" switches a kind off: compiles too)


def test_a_user_dialect_names_its_bad_table_pattern(tmp_path):
    own = tmp_path / "station.toml"
    own.write_text('extends = "plain"\n[drop]\n"rule" = \'a)|(b\'\n', encoding="utf-8")
    with pytest.raises(InputError, match=r"station.toml: bad pattern 'a\)\|\(b'"):
        load_dialect(str(own))


NEWSROOM_LINES = ["FLOODS", "((Jean))", "(**VO**) [:08]", "(**SOT**) TRT :05", "CG: Kim Ha-na / Mayor", "IN: we",
                  "OUT: end", "RUNS :03", "[:01]", "Rain fell hard today in the city.", "We will rebuild every home.",
                  "Lee Ji-won, Arirang News.", "(**PKG**) TRT 1:00", "{Director: cam 2}", "<00:01:00>",
                  "SUPER: Park / Chief", "(**TAG**)", "x" * 50, "", "VO/SOT :45", "SOT", "RDR", "CG: Seoul",
                  "CH: Oh Seung-woo, Volunteer", "((Mayor says the city will rebuild))", "WEATHER [:20]"]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(NEWSROOM_LINES), min_size=1, max_size=25), st.integers(10, 45),
       st.sampled_from([None, 25.0, 29.97]))
def test_any_newsroom_script_keeps_order_limits_and_hides_marks(lines, width, fps):
    style = Style(max_chars_per_line=width, frame_rate=fps, super_duration=3.0)
    cues = subtitle("\n".join(lines), style, dialect="newsroom", warn=lambda message: None)
    for a, b in zip(cues, cues[1:]):
        assert a.start < a.end <= b.start
    spoken = [w for line in lines if line in ("Rain fell hard today in the city.", "We will rebuild every home.",
                                              "Lee Ji-won, Arirang News.", "x" * 50) for w in line.split()]
    assert [w for c in cues for w in c.text.split()] == spoken
    for cue in cues:
        assert all(len(line) <= width or " " not in line for line in cue.lines)


def test_plain_dialect_parses_the_seed_as_before(seed_text):
    structure = [(s.section, s.speaker, s.text, s.paragraph, s.story) for s in parse_script(seed_text, "plain")]
    assert hashlib.sha256(repr(structure).encode()).hexdigest() == SEED_SEGMENTS_SHA256


BARE = """HEATWAVE
RDR
TRT :06
It is hot.
VO/SOT :20
CG: Yeouido Park
Families crowded the parks.
SOT
CH: Oh Seung-woo, Volunteer
(We see the same neighbors every day.)
VO: The heat eases next week.
"""


def test_bare_marks_locator_super_and_compound_run_time():
    blocks = list(iter_blocks(iter_segments(BARE, "newsroom"), MS))
    cues = list(iter_cues(blocks, MS))
    assert [(c.text, c.speaker, c.section, c.placement, b.source.element) for c, b in zip(cues, blocks)] == [
        ("It is hot.", None, "lead_in", "bottom", 1),
        ("Families crowded the parks.", None, "lead_in", "top", 2),  # a place: on screen, but nobody speaks
        ("We see the same neighbors every day.", "Oh Seung-woo", "quote", "top", 2),
        ("The heat eases next week.", None, "lead_in", "bottom", 2)]
    assert cues[0].end == 6000 and cues[-1].end - cues[1].start == 20000  # VO/SOT :20 covers its SOT and VO
    assert choose_dialect("auto", BARE).name == "newsroom"


def test_slug_with_a_run_time_and_a_long_double_parenthesis_are_marks():
    text = "WEATHER [:20]\n(**SOT**)\n((Mayor says the city will rebuild))\nWe will rebuild.\n"
    segments = parse_script(text, "newsroom")
    assert [(s.slug, s.speaker, s.text) for s in segments] == [("WEATHER", None, "We will rebuild.")]
    assert parse_script("((Seo Ji-hye))\n(**VO**)\nRain.\n", "newsroom")[0].speaker == "Seo Ji-hye"


def test_run_time_longer_than_the_text_lengthens_pauses_not_cues():
    text = "(**VO**) TRT :30\nRain fell.\nWind blew.\nSnow came.\n"
    cues = subtitle(text, MS, dialect="newsroom")
    assert cues[-1].end - cues[0].start == 30000
    assert all(1000 <= c.duration <= 7000 for c in cues)
    gaps = [b.start - a.end for a, b in zip(cues, cues[1:])]
    assert max(gaps) - min(gaps) <= 40  # the slack is shared by the pauses (one frame at 25 fps)
