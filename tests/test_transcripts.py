"""Published transcripts (issue 11): the `transcript` dialect on seven samples written in the manner of
outlets' published transcripts (one of them as a web page runs turns together), speaker labels in every
form, stage directions, headers, hard wraps, and `--dialect auto` weighing the evidence; then the forms an
audit of real transcripts from 16 outlets found."""

from __future__ import annotations

import re
import textwrap
from itertools import groupby

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from conftest import REPO
from segmenter.cli import main
from segmenter.dialect import choose_dialect, load_dialect
from segmenter.pipeline import render, subtitle
from segmenter.script import parse_script, wrap, wrap_width
from segmenter.style import Style, load_style, preset_names

TRANSCRIPTS = sorted((REPO / "samples").glob("transcript-*.txt"))

#: sample -> (the lines dropped and why, the speakers and sections of the cues in turn)
EXPECTED = {
    "transcript-cable-rush": (
        [(1, "page furniture"), (3, "headline or caption"), (5, "headline or caption"), (7, "air time"),
         (9, "rush-transcript notice"), (15, "stage direction"), (17, "stage direction"), (25, "stage direction"),
         (27, "stage direction"), (31, "stage direction")],
        [("Marcia Okafor", "lead_in"), ("Kathleen Koch", "package"), ("James Loy", "quote"),
         ("Benjamin R. DeCosta", "quote"), ("Kathleen Koch", "package"), ("Marcia Okafor", "lead_in")]),
    "transcript-korean-channel": (
        [(1, "programme and time"), (3, "date"), (5, "headline or caption")],
        [(None, "lead_in"), ("Park Min-seo", "package"), ("Park Min-seo", "sign_off")]),
    "transcript-learning-english": (
        [(1, "title line"), (2, "title line"), (4, "headline or caption"), (6, "speaker label"),
         (10, "speaker label"), (14, "stage direction"), (16, "speaker label")],
        [("Voice One", "lead_in"), ("Voice Two", "lead_in"), ("Voice One", "lead_in"), ("Voice Two", "lead_in"),
         ("Voice One", "lead_in"), ("Voice Two", "lead_in")]),
    "transcript-public-radio": (
        [(1, "headline or caption"), (3, "headline or caption"), (4, "time line"), (5, "date"),
         (7, "headline or caption"), (9, "originally published"), (11, "page furniture"), (13, "speaker label"),
         (21, "stage direction"), (31, "stage direction"), (35, "copyright")],
        [("Rachel Oyelaran", "lead_in"), ("Tomas Ferreira", "package"), ("Ellen McKune", "quote"),
         ("Tomas Ferreira", "package"), ("Paul Dreyer", "quote"), ("Tomas Ferreira", "package"),
         ("Rachel Oyelaran", "lead_in")]),
    "transcript-public-tv-evening": (
        [(1, "page furniture"), (3, "speaker label"), (7, "speaker label"), (11, "speaker label"),
         (15, "speaker label"), (19, "speaker label"), (23, "speaker label"), (27, "speaker label"),
         (31, "speaker label")],
        [("Amna Sorensen", "lead_in"), ("Lisa Desmond", "package"), ("Karine Jean-Pierre", "quote"),
         ("Lisa Desmond", "package"), ("Mark Bellweather", "quote"), ("Karine Jean-Pierre", "quote"),
         ("Amna Sorensen", "lead_in")]),
    "transcript-public-tv-web": (
        [(1, "headline or caption"), (6, "speaker label"), (9, "stage direction")],
        [("Helen Marsh", "lead_in"), ("Ray Okonjo", "quote"), ("Helen Marsh", "lead_in"), ("Dev Anand", "package"),
         ("Carol Pike", "quote")]),
    "transcript-public-tv-report": (
        [(1, "headline or caption"), (3, "headline or caption"), (5, "originally published"),
         (16, "stage direction")],
        [(None, "lead_in"), ("Dana Whitfield", "package"), ("Bryan Smith", "quote"), ("Dana Whitfield", "package"),
         ("Mariana Ochoa", "quote"), ("Dana Whitfield", "package")]),
}

#: a speaker label as the samples write them, restated independently: a name in capitals (a mixed-case
#: surname prefix, a title case name alone on its line), a parenthesis, a title after a comma, a colon
_LABEL = re.compile(r"^[A-Z][A-Za-z.'’-]*(?: [A-Z][A-Za-z.'’-]*)* ?(?:\([^)]*\) ?)?(?:,[^:]*)?:(?:\s+|$)")
#: a label in capitals after a sentence's end or a colon inside a line (turns run together, as web pages
#: print them), with a stage direction before it
_INLINE = re.compile(r"(?<=[.?!:])\s+(?:\([A-Z]+\)\s+)?[A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*)+(?: ?\([^)]*\))?"
                     r"(?:,[^:]*)?:(?=\s|$)")


def spoken_words(text: str, dropped: set[int]) -> list[str]:
    """The words a transcript's cues must hold: its lines without the dropped ones, a line wholly in
    parentheses, or a label (one wrapped over two lines, ending with a comma, included)."""
    words, held = [], ""
    for number, line in enumerate(text.splitlines(), 1):
        if number in dropped:
            continue  # a header, a label alone on its line, a stage direction on its own
        line = held + line
        held = ""
        if line.rstrip().endswith(",") and ":" not in line:
            held = line.rstrip() + " "
            continue
        if re.fullmatch(r"\s*\([^)]*\)\s*", line):
            continue
        label = _LABEL.match(line)
        words += _INLINE.sub(" ", line[label.end():] if label else line).split()
    return words


def run(path, style=None, **options):
    dropped: list[tuple[int, str, str]] = []
    cues = subtitle(path.read_text(encoding="utf-8"), style, dropped=lambda n, t, r: dropped.append((n, t, r)),
                    **options)
    return cues, dropped


def test_seven_samples_in_outlets_manner():
    assert [p.stem for p in TRANSCRIPTS] == sorted(EXPECTED)


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_sample_drops_speakers_and_sections(path):
    assert choose_dialect("auto", path.read_text(encoding="utf-8")).name == "transcript"
    cues, dropped = run(path)
    want_dropped, want_turns = EXPECTED[path.stem]
    assert [(n, r) for n, _, r in dropped] == want_dropped
    assert [k for k, _ in groupby((c.speaker, c.section) for c in cues)] == want_turns


@pytest.mark.parametrize("style_name", preset_names())
@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_every_spoken_word_once_in_order_and_nothing_else(path, style_name):
    style = load_style(style_name)
    text = path.read_text(encoding="utf-8")
    cues, dropped = run(path, style)
    lines = text.splitlines()
    numbers = {n for n, _, r in dropped if (r != "stage direction" or lines[n - 1].strip().startswith("("))
               and not _INLINE.search(lines[n - 1])}  # a line holding speech before a label is read
    assert [w for c in cues for w in c.text.split()] == spoken_words(text, numbers)
    shown = " ".join(c.text for c in cues)
    for mark in ("(", ")", "TRANSCRIPT", "VIDEOTAPE", "Aired", "BYLINE", "CORRESPONDENT", "HOST:", "VOICE ONE",
                 "Originally published", "Title:", "NEWSCENTER", "Copyright"):
        assert mark not in shown
    assert all(c.duration >= style.min_duration * 1000 - 1 for c in cues)
    assert all(len(line) <= style.max_chars_per_line for c in cues for line in c.lines)


@pytest.mark.parametrize("path", TRANSCRIPTS, ids=lambda p: p.stem)
def test_every_quote_carries_its_speakers_normalised_name(path):
    cues, _ = run(path)
    quoted = {speaker for speaker, section in EXPECTED[path.stem][1] if section == "quote"}
    assert {c.speaker for c in cues if c.section == "quote"} == quoted
    vtt = render(cues, "vtt")
    for name in quoted:
        assert name and f"<v {name}>" in vtt  # the voice tag holds the name alone, no title
        assert name not in " ".join(c.text for c in cues if c.speaker == name)


def test_titles_stay_beside_the_name():
    cues, _ = run(REPO / "samples" / "transcript-cable-rush.txt")
    titles = {c.speaker: c.speaker_title for c in cues}
    assert titles["James Loy"] == "ADM., TRANSPORTATION SECURITY ADMINISTRATION"
    assert titles["Benjamin R. DeCosta"] == "AVIATION DIRECTOR, Hartsfield/Jackson Airport"
    assert titles["Kathleen Koch"] == "GNN CORRESPONDENT"  # the surname-only label KOCH: keeps it


@pytest.mark.parametrize("line, speaker, title, section", [
    ("KATHLEEN KOCH, CNN CORRESPONDENT (voice-over): Text.", "Kathleen Koch", "CNN CORRESPONDENT", "package"),
    ("ADM. JAMES LOY, TSA ADMINISTRATOR: Text.", "James Loy", "ADM., TSA ADMINISTRATOR", "quote"),
    ("STEVE INSKEEP, HOST: Text.", "Steve Inskeep", "HOST", "lead_in"),
    ("KIRK SIEGLER, BYLINE: Text.", "Kirk Siegler", "BYLINE", "package"),
    ("BENJAMIN R. DeCOSTA, AVIATION DIRECTOR, Hartsfield/Jackson Airport: Text.", "Benjamin R. DeCosta",
     "AVIATION DIRECTOR, Hartsfield/Jackson Airport", "quote"),
    ("FIRST M. LAST, CEO, Place/Other Place Airport: Text.", "First M. Last", "CEO, Place/Other Place Airport",
     "quote"),
    ("BRIAN McKUNE, GUEST: Text.", "Brian McKune", "GUEST", "quote"),
    ("JEAN-PIERRE: Text.", "Jean-Pierre", None, "quote"),
    ("VOICE ONE: Text.", "Voice One", None, "lead_in"),
    ("KANG KYUNG-WHA, FOREIGN MINISTER: Text.", "Kang Kyung-wha", "FOREIGN MINISTER", "quote"),
    ("SEN. MARK BELL (R), Ohio: Text.", "Mark Bell", "SEN., (R), Ohio", "quote"),
])
def test_label_forms(line, speaker, title, section):
    first = "DARYN KAGAN, ANCHOR: Hello.\n"  # the first speaker without a role would be the host
    segments = parse_script(first + line, "transcript")
    assert [(s.speaker, s.speaker_title, s.section, s.text) for s in segments][-1] == (speaker, title, section,
                                                                                     "Text.")


def test_surname_alone_resolves_to_the_full_name_seen_before():
    text = ("DARYN KAGAN, CNN ANCHOR: Hello.\nKATHLEEN KOCH, CNN CORRESPONDENT: Fog.\nKAGAN: And?\nKOCH: Rain.\n"
            "S. O'BRIEN: Wind.\nSOLEDAD O'BRIEN, CNN ANCHOR: Hi.\nMILES O'BRIEN, CNN ANCHOR: Hi.\nS. O'BRIEN: Sun.\n"
            "M. O'BRIEN: Snow.\n")
    got = [(s.speaker, s.section) for s in parse_script(text, "transcript")]
    assert got == [("Daryn Kagan", "lead_in"), ("Kathleen Koch", "package"), ("Daryn Kagan", "lead_in"),
                   ("Kathleen Koch", "package"), ("S. O'Brien", "quote"), ("Soledad O'Brien", "lead_in"),
                   ("Miles O'Brien", "lead_in"), ("Soledad O'Brien", "lead_in"), ("Miles O'Brien", "lead_in")]


def test_label_alone_on_its_line_and_wrapped_over_two_lines():
    text = ("JUDY HALL, HOST:\n\nGood evening.\n\nBRYAN SMITH, Manager of Pilot Development,\n"
            "Alaska Airlines: It's cheaper to train them.\nJudy Hall:\nThank you.\n")
    got = [(s.speaker, s.speaker_title, s.text) for s in parse_script(text, "transcript")]
    assert got == [("Judy Hall", "HOST", "Good evening."),
                   ("Bryan Smith", "Manager of Pilot Development, Alaska Airlines", "It's cheaper to train them."),
                   ("Judy Hall", "HOST", "Thank you.")]


def test_stage_directions_never_subtitled_and_sound_labels_on_request():
    text = ("ANNA LEE, HOST: Welcome. (APPLAUSE)\n(BEGIN VIDEOTAPE)\n(MUSIC)\nTOM RAY (through translator): "
            "We waited. (LAUGHTER)\n(END VIDEOTAPE)\n(BREAK)\n")
    cues = subtitle(text, Style(frame_rate=None), dialect="transcript")
    assert [(c.text, c.speaker) for c in cues] == [("Welcome.", "Anna Lee"), ("We waited.", "Tom Ray")]
    heard = subtitle(text, Style(frame_rate=None, sound_labels=True), dialect="transcript")
    assert [c.text for c in heard] == ["Welcome. [APPLAUSE]", "[MUSIC]", "We waited. [LAUGHTER]"]
    assert load_style("broadcast").sound_labels is False


def test_a_real_style_hard_wrapped_programme_transcript():
    """In the manner of a public-TV evening programme's page copied as found: every line broken near 45
    characters, a label wrapped over two lines, a (BREAK), a line ending in "U.S." mid-sentence."""
    text = ("JANE DOE: Good evening.\nOn the programme tonight: storms\nmove east across the plains, and\n"
            "schools close in three states.\nBRYAN MCKUNE, Manager of Pilot Development,\nNorth Air: "
            "It is very competitive,\nand there are only so many.\n(BREAK)\nJANE DOE: The news came "
            "from the man running the U.S.\nEmbassy in Ukraine.\n")
    assert choose_dialect("auto", text).name == "transcript"
    cues = subtitle(text, Style(frame_rate=None))
    turns = [(speaker, " ".join(c.text for c in group)) for speaker, group in groupby(cues, lambda c: c.speaker)]
    assert turns == [
        ("Jane Doe", "Good evening. On the programme tonight: storms move east across the plains, and schools "
                     "close in three states."),
        ("Bryan McKune", "It is very competitive, and there are only so many."),
        ("Jane Doe", "The news came from the man running the U.S. Embassy in Ukraine.")]
    ends = [c.text.split()[-1] for c in cues]
    assert "storms" not in ends and "U.S." not in ends and "and" not in ends  # no cue ends at a wrap


def test_toss_with_an_outlets_possessive_names_the_reporter():
    text = "Security is tight.\nNPR's Kirk Siegler reports.\nThe lines were long.\n"
    assert [(s.section, s.speaker) for s in parse_script(text)][-1] == ("package", "Kirk Siegler")


PLAIN = ("Rain fell across the south today.\nKim Ha-na reports.\nRivers rose overnight in three towns.\n"
         "Crews worked until dawn.\nKim Ha-na, Arirang News.\n")


@pytest.mark.parametrize("mark", ["TRT 1:05", "CG: Kim Ha-na / Reporter", "SUPER: Busan", "RUNS :45", "[1:05]"])
def test_one_newsroom_mark_does_not_flip_a_plain_script(mark):
    lines = PLAIN.splitlines()
    text = "\n".join([*lines[:2], mark, *lines[2:]]) + "\n"
    assert choose_dialect("auto", text).name == "plain"
    cues = subtitle(text, Style(frame_rate=None))
    assert [(c.section, c.speaker) for c in cues] == [(c.section, c.speaker) for c in subtitle(PLAIN, Style(
        frame_rate=None))]
    assert all(c.duration <= 7000 for c in cues)
    assert "TRT" not in " ".join(c.text for c in cues) and "RUNS" not in " ".join(c.text for c in cues)


def test_bare_newsroom_marks_are_detected():
    text = "RDR\nThe bridge reopens today.\nVO: Crews finished the repairs overnight.\nSOT:\nIt feels good.\n"
    assert choose_dialect("auto", text).name == "newsroom"
    cues = subtitle(text, Style(frame_rate=None))
    assert "RDR" not in " ".join(c.text for c in cues)
    assert all(c.speaker != "Vo" for c in cues)
    plain = subtitle("The bridge reopens.\nVO: Crews finished the repairs.\n", Style(frame_rate=None),
                     dialect="plain")
    assert [(c.text, c.speaker) for c in plain] == [("The bridge reopens.", None),
                                                    ("Crews finished the repairs.", None)]


def test_a_transcript_stays_a_transcript_with_one_run_time_in_it():
    text = (REPO / "samples" / "transcript-cable-rush.txt").read_text(encoding="utf-8") + "\nTRT 1:05\n"
    assert choose_dialect("auto", text).name == "transcript"


@pytest.mark.parametrize("path", sorted((REPO / "samples").glob("newsroom-*.txt")), ids=lambda p: p.stem)
def test_newsroom_samples_stay_newsroom(path):
    assert choose_dialect("auto", path.read_text(encoding="utf-8")).name == "newsroom"


def test_show_dropped_lists_every_dropped_line_with_its_reason(tmp_path):
    result = CliRunner().invoke(main, ["subtitle", str(REPO / "samples" / "transcript-learning-english.txt"),
                                       "--show-dropped", "--quiet", "--format", "srt"])
    assert result.exit_code == 0, result.stderr
    name = str(REPO / "samples" / "transcript-learning-english.txt")
    assert result.stderr.splitlines() == [
        f"{name}:1: dropped (title line): Title: Honey Bees in the City",
        f"{name}:2: dropped (title line): Date: 2015-06-11",
        f"{name}:4: dropped (headline or caption): Rooftop beekeeping grows in busy cities",
        f"{name}:6: dropped (speaker label): VOICE ONE:",
        f"{name}:10: dropped (speaker label): VOICE TWO:",
        f"{name}:14: dropped (stage direction): (MUSIC)",
        f"{name}:16: dropped (speaker label): VOICE ONE:"]
    assert "VOICE" not in result.stdout and "This is SCIENCE" in result.stdout


# ---- hard wraps ---------------------------------------------------------------------------------------------

WRAPPED = REPO / "samples" / "transcript-korean-channel.txt"


def _unwrapped(text: str) -> str:
    """The Korean-channel sample as one paragraph a line (its paragraphs end at a sign-off or a toss)."""
    return re.sub(r"(?<![.\n])\n(?!\n)|(?<=[a-z.,\"])\n(?=[a-z\"])", " ", text)


def test_hard_wrapped_sample_is_joined_into_paragraphs():
    text = WRAPPED.read_text(encoding="utf-8")
    cues = subtitle(text)
    lines = [line.strip() for line in text.splitlines()]
    for cue in cues[:-1]:  # no cue ends where a wrapped line ends unless a sentence ends there too
        if cue.text.split()[-1] in {line.split()[-1] for line in lines if line}:
            assert cue.text.endswith((".", ",", '"')), cue.text
    assert min(c.duration for c in cues) >= 1200
    assert len(cues) == 13


def test_joining_off_warns_and_keeps_the_lines(tmp_path):
    result = CliRunner().invoke(main, ["subtitle", str(WRAPPED), "--no-join-wraps", "--format", "srt"])
    assert result.exit_code == 0
    assert "looks hard-wrapped at 45 characters" in result.stderr
    assert "South\n" in result.stdout  # the line end stays a break
    joined = CliRunner().invoke(main, ["subtitle", str(WRAPPED), "--format", "srt"])
    assert "hard-wrapped" not in joined.stderr and "South\n" not in joined.stdout


SENTENCES = ["The council met again on Tuesday to discuss the budget.",
             "Officials said the talks would continue next week,...",
             "Kim Ha-na, a teacher in Busan, said the plan was unfair.",
             "Prices rose by 4.2 percent in the year to March.",
             "It was the third such meeting this month.",
             "Residents gathered outside the hall before dawn and waited for hours in the rain.",
             "He said: \"We will not give up.\"", "Yes.", "The U.S. Secretary of State arrived at 7:30 p.m.",
             "Rescue crews worked through the night in the flooded districts of the old town."]
paragraphs = st.lists(st.lists(st.sampled_from(SENTENCES), min_size=3, max_size=6).map(" ".join),
                      min_size=3, max_size=6)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, st.integers(30, 80), st.sampled_from(["plain", "transcript"]))
def test_hard_wrapped_script_gives_the_cues_of_the_unwrapped(paras, width, kind):
    heads = [""] * len(paras) if kind == "plain" else [f"SPEAKER {chr(65 + i)}, HOST:\n" for i in range(len(paras))]
    whole = "\n\n".join(h + p for h, p in zip(heads, paras)) + "\n"
    wrapped = "\n\n".join(h + textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False)
                          for h, p in zip(heads, paras)) + "\n"
    # a wrap that leaves fewer than three lines open (sentences exactly as long as the width) does not look
    # hard-wrapped, by wrap_width's rule: its line ends stay paragraph ends
    assume(wrap_width(wrapped, load_dialect(kind)) is not None)
    style = Style(frame_rate=None)
    want = [(c.text, c.speaker, c.section) for c in subtitle(whole, style, dialect=kind)]
    assert [(c.text, c.speaker, c.section) for c in subtitle(wrapped, style, dialect=kind)] == want


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paragraphs, st.integers(30, 80), st.sampled_from(["double-spaced", "run together"]))
def test_a_web_pages_transcript_gives_the_cues_of_the_clean_one(paras, width, layout):
    """A transcript as web pages copy it (a blank line after every wrapped line, or every turn run together
    on one line) gives the cues of the same transcript one turn a line: nothing lost, no label spoken."""
    turns = [f"SPEAKER {chr(65 + i)}, HOST: {p}" for i, p in enumerate(paras)]
    whole = "\n".join(turns) + "\n"
    if layout == "run together":
        page = " ".join(turns) + "\n"
    else:
        page = "\n\n\n\n".join(textwrap.fill(t, width, break_long_words=False, break_on_hyphens=False)
                                 .replace("\n", "\n\n") for t in turns) + "\n"
        assume(wrap(page, load_dialect("transcript"))[1])  # double-spaced
    style = Style(frame_rate=None)
    want = [(c.text, c.speaker, c.section) for c in subtitle(whole, style, dialect="transcript")]
    assert [(c.text, c.speaker, c.section) for c in subtitle(page, style, dialect="transcript")] == want


def test_a_reporter_the_anchor_introduces_reads_the_package():
    """A label without a role ("YAMICHE ALCINDOR:") after the anchor hands over to that person as a
    correspondent is the package, not a quote; a guest the anchor merely mentions stays a quote."""
    script = ("JUDY WOODRUFF: Good evening.\n"
              "White House correspondent Lena Marsh begins our coverage.\n"
              "LENA MARSH: A new witness spoke today.\n"
              "JUDY WOODRUFF: We spoke earlier with Tom Reyes.\n"
              "TOM REYES: It was a long day.\n")
    cues = subtitle(script, load_style("broadcast"), dialect="transcript")
    assert [(c.section, c.speaker, c.text) for c in cues] == [
        ("lead_in", "Judy Woodruff", "Good evening."),
        ("lead_in", "Judy Woodruff", "White House correspondent Lena Marsh begins our coverage."),
        ("package", "Lena Marsh", "A new witness spoke today."),
        ("lead_in", "Judy Woodruff", "We spoke earlier with Tom Reyes."),
        ("quote", "Tom Reyes", "It was a long day.")]


def test_a_web_pages_line_breaks_lose_no_speech():
    """A transcript copied from a web page keeps the page's line breaks wherever they fell, at no common
    width: every line is speech (none a headline: they run on in lower case, hold a sentence's end, or end
    on "and"), joined into paragraphs, the turns split at labels inside the lines."""
    text = ("ANNA REYES: The council met late\n"
            "into the night, and in the end voted to keep the library open on weekends after a long debate that "
            "filled the hall and\n"
            "spilled into the street outside. Budget talks resume Monday. The mayor and\n"
            "the treasurer will both attend. TOM BRANDT, City Treasurer: We found the money\n"
            "for this year. Next year is another matter.\n")
    dialect = load_dialect("transcript")
    assert wrap_width(text, dialect)
    dropped = []
    segments = parse_script(text, dialect, dropped=lambda n, t, r: dropped.append((n, r)))
    assert dropped == [] and [s.speaker for s in segments] == ["Anna Reyes", "Tom Brandt"]
    words = [w for s in segments for w in s.text.split()]
    assert words == [w for w in re.sub(r"[A-Z]+ [A-Z]+(?:, [^:]+)?:", " ", text).split()]


@pytest.mark.parametrize("line, turns", [
    ("He said no. NATO: the alliance met.", 1),  # one word in capitals: no label
    ("ADM. JAMES LOY, TSA: We trained them.", 1),  # a title before the name: one label
    ("It ended. (BREAK) JUDY WOODRUFF: Next story.", 2),
    ("On the programme tonight: DONALD TRUMP, President of the United States: We won.", 2),
    ("She wrote \"THE END: a memoir\" last year.", 1),  # no sentence end before it
])
def test_labels_inside_a_line_open_turns(line, turns):
    segments = parse_script(line, "transcript")
    assert len(segments) == turns


def test_auto_reads_names_in_capitals_before_speech_as_a_transcript():
    turns = "GEOFF HALE: Good evening. AMNA DIAZ: And good evening. GEOFF HALE: Our top story tonight."
    assert choose_dialect("auto", turns).name == "transcript"
    assert choose_dialect("auto", turns.replace("\n", " ").lower().capitalize()).name == "plain"


@pytest.mark.parametrize("dialect", ["auto", "transcript"])
def test_a_role_in_lower_case_reads_as_the_role(dialect):
    """Public radio wrote roles in lower case ("NEAL CONAN, host:"): the role counts as in capitals."""
    text = "(SOUNDBITE OF MUSIC)\n\nNEAL CONAN, host:\n\nThis is the show.\n\nJOHN SMITH, reporter: Good day.\n"
    segments = parse_script(text, choose_dialect(dialect, text))
    assert [(s.speaker, s.section, s.text) for s in segments] == [
        ("Neal Conan", "lead_in", "This is the show."), ("John Smith", "package", "Good day.")]


def _spoken(text: str, dialect: str = "transcript"):
    dropped = []
    segments = parse_script(text, dialect, dropped=lambda n, t, r: dropped.append((n, r)))
    return [(s.speaker, s.text) for s in segments], dropped


def test_a_double_spaced_web_copy_is_joined_and_loses_nothing():
    """Some pages copy with a blank line after every line and three between paragraphs: the wrapped lines
    join across the single blank lines (none is dropped as a headline), paragraphs stay apart."""
    text = ("NORA BELL, KTV HOST: Good evening.\n\n\n\nTonight, the council is in a full-on standoff after "
            "rejecting\n\nthe budget for a second time. We are told the mayor has been busier than\n\never, "
            "and now, she is looking for some good\n\nnews.\n\n\n\nThat is where we begin.\n")
    segments, dropped = _spoken(text)
    assert dropped == []
    assert [t for _, t in segments] == [
        "Good evening.",
        "Tonight, the council is in a full-on standoff after rejecting the budget for a second time. We are told "
        "the mayor has been busier than ever, and now, she is looking for some good news.",
        "That is where we begin."]


@pytest.mark.parametrize("label, speaker", [
    ("KEVIN HASSETT (Director, National Economic Council): Right now.", "Kevin Hassett"),
    ("Mr. JIMI IZRAEL (Writer): Right now.", "Jimi Izrael"),
    ("President GEORGE W. BUSH: Right now.", "George W. Bush"),
    ("CHUCK TODD:Right now.", "Chuck Todd"),
    ("PRESIDENT KENNEDY:Right now.", "Kennedy"),
    ("FMR. PRES. DONALD TRUMP: Right now.", "Donald Trump"),
    ("Lee Hwa-ja (Buan-gun County resident): Right now.", "Lee Hwa-ja"),
])
def test_labels_as_outlets_write_them(label, speaker):
    segments, _ = _spoken("ANNA REYES, HOST: Good evening.\n" + label + "\n")
    assert segments[-1] == (speaker, "Right now.")


@pytest.mark.parametrize("line", ["Time:10 p.m. is late.", "The Minister (in the House): he said it.",
                                  "Bottom line: we wait.", "NOTE:This is spoken."])
def test_not_labels(line):
    segments, _ = _spoken("ANNA REYES, HOST: Good evening.\n" + line + "\n")
    assert segments[-1][1] == line


def test_web_page_furniture_notices_and_directions_are_not_spoken():
    text = ("IE 11 is not supported. For an optimal experience visit our site on another browser.\n"
            "Welcome back. This is a rush transcript from \"Evening,\" May 13, 2021. This copy may not be in "
            "its final form and may be updated.\n493\nSHARES\nShare on FacebookShare on Twitter\n"
            "ANNA REYES, HOST: Good evening.\n(Begin VT)\n:00:35.:00:45.\n"
            "This is Tony (ph), our producer. \u2022 And that is all.\n(End VT)\n")
    segments, dropped = _spoken(text)
    assert [t for _, t in segments] == ["Welcome back.", "Good evening.",
                                        "This is Tony, our producer. And that is all."]
    assert {r for _, r in dropped} >= {"web page", "count", "page furniture", "timecode", "stage direction"}
    assert parse_script("This is a rush transcript. Copy may not be in its final form.\nANNA REYES, HOST: Hi.",
                        "transcript")[0].text == "Hi."


def test_once_speech_has_begun_only_a_title_case_line_is_a_headline():
    text = "ANNA REYES, HOST: Good evening.\nThe vote was close after a night of\nRelated Stories On The Vote Tonight\n"
    segments, dropped = _spoken(text)
    assert [t for _, t in segments] == ["Good evening.", "The vote was close after a night of"]
    assert dropped == [(3, "headline or caption")]


def test_korean_broadcasters_section_markers():
    segments = parse_script("[Anchor Lead]\nA quake shook the county.\n[Pkg]\nCrews checked roads.\n"
                            "[Interview]\nIt was loud.\n[Reporter]\nNo damage was found.\n", "plain")
    assert [s.section for s in segments] == ["lead_in", "package", "quote", "package"]


def test_time_codes_between_the_lines_of_a_subtitle_derived_transcript():
    """Time codes alone on lines between the lines of speech (a broadcaster's subtitle-derived page) or
    between bars inside them (a podcast page) are not spoken, and the speech joins across them."""
    lines = ["Good morning. Let's start with the good news. Britain is being run", ":00:35.:00:45.",
             "superbly well. Our taxes are fair, our trains, hospitals and schools", ":00:46.:00:48.",
             "are the best in the world, there are too many well-paid jobs to go", ":00:49.:00:53.",
             "around. Well, what other explanation can there be?", ":00:54.:00:57."]
    text = "\n\n".join(lines) + "\n"
    assert choose_dialect("auto", text).name == "transcript"
    segments, dropped = _spoken(text)
    assert [t for _, t in segments] == [" ".join(lines[::2])]
    assert [r for _, r in dropped] == ["timecode"] * 4
    bars = "0:00.0 | Hello and welcome to the show. |\n0:12.2 | I'm Anna. | 0:15.5 | And I'm Brian. |\n"
    assert [t for _, t in _spoken(bars)[0]] == ["Hello and welcome to the show.", "I'm Anna. And I'm Brian."]


def test_a_bulleted_list_before_the_speech_is_not_spoken_nor_joined_to_it():
    text = ("On this broadcast, moderated by Ann Lee:\n \u2022 Council director Tom Hale\n"
            " \u2022 Sen. Mark Bell, Democrat of Ohio\nANN LEE, HOST: Good morning. We begin with the budget.\n")
    segments, dropped = _spoken(text)
    assert [t for _, t in segments] == ["On this broadcast, moderated by Ann Lee:",
                                        "Good morning. We begin with the budget."]
    assert [n for n, r in dropped if r == "headline or caption"] == [2, 3]


def test_names_in_title_case_taking_turns_are_labels():
    text = ("Interview transcript\n\nAndrew Marr: Simple question to start with. How could it happen?\n"
            "Boris Johnson: Well, I am afraid the answer is long.\nAndrew Marr: Try me.\n"
            "Boris Johnson: The police reacted well.\nBottom Line: this line is spoken.\n")
    assert choose_dialect("auto", text).name == "transcript"
    segments, _ = _spoken(text)
    assert [s for s, _ in segments] == ["Andrew Marr", "Boris Johnson", "Andrew Marr", "Boris Johnson",
                                        "Boris Johnson"]
    assert segments[-1][1] == "Bottom Line: this line is spoken."


def test_a_news_databases_fields_are_not_spoken():
    text = ("Page 1\n\n29 of 1000 DOCUMENTS\n\nSHOW: EVENING NEWS 6:00 PM EST\n\nBYLINE: Ann Lee, Tom Hale\n\n"
            "GUESTS: Mark Bell\n\nLENGTH: 812 words\n\nHIGHLIGHT: The council votes.\n\n"
            "ANN LEE: Good evening. The council voted today.\n")
    segments, dropped = _spoken(text)
    assert segments == [("Ann Lee", "Good evening. The council voted today.")]
    assert [r for _, r in dropped] == ["database"] * 2 + ["title line"] * 5


def test_once_speech_has_begun_a_section_name_in_capitals_is_no_speech_but_a_wrapped_line_is():
    text = ("ANNA REYES, HOST: Good evening.\nHEATWAVE\n{Director: take camera two}\n"
            "The heat broke records across the region and\n")
    segments, dropped = _spoken(text)
    assert [t for _, t in segments] == ["Good evening.", "The heat broke records across the region and"]
    assert [(n, r) for n, r in dropped] == [(2, "headline or caption"), (3, "production note")]


def test_a_hearing_record():
    """A congressional hearing's record: "Mr. BURNS." and "The CHAIRMAN." labels with a full stop, and the
    record's procedural lines, which nobody speaks."""
    text = ("The committee met, pursuant to call, at 2:05 p.m., Senator Ann Lee (chairman) presiding.\n"
            "Present: Senators Lee, Hale and Bell.\n"
            "The CHAIRMAN. The committee will come to order. Mr. Burns is with us.\n"
            "Mr. BURNS. I have not prepared any statement.\nThe CHAIRMAN. Thank you.\n")
    assert choose_dialect("auto", text).name == "transcript"
    segments, dropped = _spoken(text)
    assert [(s, t) for s, t in segments] == [
        ("The Chairman", "The committee will come to order. Mr. Burns is with us."),
        ("Burns", "I have not prepared any statement."), ("The Chairman", "Thank you.")]
    assert [r for _, r in dropped] == ["hearing record"] * 2
