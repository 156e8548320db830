"""Fifth audit: real published news material, only spoken words in the cues. Each script is written for this
test in the layout of its format (no outlet's text)."""

from __future__ import annotations

import pytest
from test_linear import seconds

from segmenter.dialect import choose_dialect
from segmenter.pipeline import subtitle
from segmenter.script import parse_script


def read(text: str, dialect: str = "auto") -> list[tuple[str, str | None, str]]:
    """(section, speaker, text) of each segment of ``text`` read with ``dialect`` (auto: as chosen)."""
    return [(s.section, s.speaker, s.text) for s in parse_script(text, choose_dialect(dialect, text))]


# --- a Korean broadcaster's English page: bite labels with a note in parentheses inside ----------------------

KOREAN_PAGE = ("FERRY SERVICE HALTED BY FOG\n[Anchor Lead]\n"
               "Thick fog halted ferry services off the west coast on Monday.\n"
               "[Pkg]\nPassengers waited at the terminal for hours.\n[Soundbite]\n"
               "(Mokpo terminal staff (VOICE MODIFIED)): We expect the first boats to leave at noon.\n"
               "The coast guard said visibility was under fifty meters.\n[Soundbite]\n"
               "Kim Do-yeon (Korea Meteorological Administration (Oct 14)): The fog will lift by the afternoon.\n"
               "Services are expected to resume on Tuesday.\n")


def test_a_korean_page_with_nested_parentheses_in_its_bite_labels():
    """The capitals headline is not spoken; an unnamed vox wholly in parentheses and a named one whose role holds
    a date in parentheses are labels: each speaks its own line, the reporter goes on after it."""
    assert choose_dialect("auto", KOREAN_PAGE).name == "transcript"
    assert read(KOREAN_PAGE) == [
        ("lead_in", None, "Thick fog halted ferry services off the west coast on Monday."),
        ("package", None, "Passengers waited at the terminal for hours."),
        ("quote", "Mokpo terminal staff", "We expect the first boats to leave at noon."),
        ("package", None, "The coast guard said visibility was under fifty meters."),
        ("quote", "Kim Do-yeon", "The fog will lift by the afternoon."),
        ("package", None, "Services are expected to resume on Tuesday.")]
    titles = {s.speaker: s.speaker_title for s in parse_script(KOREAN_PAGE, "transcript")}
    assert titles["Kim Do-yeon"] == "(Korea Meteorological Administration (Oct 14))"
    assert titles["Mokpo terminal staff"] is None  # (VOICE MODIFIED) is a stage direction
    cues = subtitle(KOREAN_PAGE)
    assert not any("(" in line or "FOG" in line for cue in cues for line in cue.lines)


def test_an_unnamed_label_in_parentheses_needs_a_description():
    """A parenthesis before a colon at a line's start is a speaker only when it describes one: not a language note
    ("(In Korean):")."""
    assert read("[Soundbite]\n(In Korean): We will wait.\n", "transcript") == [
        ("quote", None, "(In Korean): We will wait.")]


# --- a caption archive's ">>": another speaker, not named --------------------------------------------------------

CAPTION_ARCHIVE = (
    "tv   Harbour Report  KXTV  March 3, 2022 6:00pm-6:31pm PST\n\n"
    "6:00 pm\ntonight, the ferries that keep the islands going and the crews who run them. anchor: good evening "
    "and welcome to the\n"
    "6:01 pm\nprogram. the island ferries are older than most of their crews, and the money to replace them is "
    "running out this\n"
    "6:02 pm\nyear. nora: we asked the operators what comes next for the boats and for the people who need them "
    "every day. >> we have\n"
    "6:03 pm\nno new boats coming, not for years, and the old ones break down every winter when the weather turns. "
    "nora: the company\n"
    "6:04 pm\nsays money is short and the state has not yet decided whether it will pay for new boats or for "
    "repairs to the old ones.\n")


def test_a_caption_archives_unnamed_turn_ends_the_named_speakers():
    segments = read(CAPTION_ARCHIVE)
    assert segments[-3:] == [
        ("quote", "Nora", "we asked the operators what comes next for the boats and for the people who need them "
                          "every day."),
        ("quote", None, "we have no new boats coming, not for years, and the old ones break down every winter when "
                        "the weather turns."),
        ("quote", "Nora", "the company says money is short and the state has not yet decided whether it will pay for "
                          "new boats or for repairs to the old ones.")]


def test_an_unnamed_turn_in_a_plain_script_ends_the_label_before_it():
    text = "KANG KYUNG-WHA: We made progress. >> Will you meet again?\n>> We will.\nKANG KYUNG-WHA: Yes.\n"
    assert read(text, "plain") == [("quote", "Kang Kyung-wha", "We made progress."),
                                   ("quote", None, "Will you meet again?"), ("quote", None, "We will."),
                                   ("quote", "Kang Kyung-wha", "Yes.")]


# --- a page's header above its "Transcript" heading; a part heading's story titles --------------------------------

def test_the_title_and_description_above_a_transcript_heading_are_the_pages():
    """A podcast transcript site: the episode's title, date and description, then "Transcript" and a comment count;
    the title is not joined to the first words (the dropped lines between them do not hold a paragraph open)."""
    page = ("The Island Hour - Ferries late again, a new bridge plan, and more\n\nEpisode Date: May 3, 2025\n\n"
            "The ferries ran late for a third winter. Also: the council's new bridge plan.\n\n"
            "Transcript\nDiscussion (0)\nGood morning, I'm Ann Lee.\nThe ferries ran late again this winter.\n"
            "Crews say the boats are too old to fix.\n")
    assert read(page) == [("lead_in", None, "Good morning, I'm Ann Lee."),
                          ("lead_in", None, "The ferries ran late again this winter."),
                          ("lead_in", None, "Crews say the boats are too old to fix.")]
    reasons: list[tuple[int, str]] = []
    parse_script(page, "transcript", dropped=lambda n, text, why: reasons.append((n, why)))
    assert reasons[:4] == [(1, "headline or caption"), (3, "headline or caption"), (5, "page header"),
                           (7, "page furniture")]


def test_a_transcript_heading_after_speech_or_deep_in_the_page_begins_nothing():
    spoken = "ANN LEE: Good morning.\n\nTranscript\n\nTOM HALE: Hello.\n"
    assert read(spoken, "transcript") == [("lead_in", "Ann Lee", "Good morning."), ("quote", "Tom Hale", "Hello.")]
    deep = "".join(f"The ferry ran late on day {n}.\n" for n in range(21)) + "Transcript\nIt ran late again.\n"
    assert len(read(deep, "transcript")) == 22
    last = "The ferries ran late.\nCrews worked all night.\n\nTranscript\n"  # a page's link after the words
    assert [t for _, _, t in read(last, "transcript")] == ["The ferries ran late.", "Crews worked all night."]


def test_a_part_headings_story_titles_are_headings_when_alone():
    """A radio programme's page: "Part 1: title, title" and each story's title alone above it; the same words
    inside speech, or a title not listed, stay spoken."""
    page = ("ANN LEE: Hello, I'm Ann Lee.\n\nTOM HALE: And I'm Tom Hale.\n\n"
            "Part 1: Bridge vote, Rail strike\n\nBridge vote\n\nAL: The council voted last night.\n\n"
            "Rail strike\n\nTH: Rail strike\n\nTH: The trains stopped at noon.\n")
    assert [t for _, _, t in read(page, "transcript")] == [
        "Hello, I'm Ann Lee.", "And I'm Tom Hale.", "The council voted last night.", "Rail strike",
        "The trains stopped at noon."]


def test_a_learning_english_pages_header_ends_at_its_broadcast_line():
    """The headline (wrapped), the dek ending "Transcript of radio broadcast:", the date and the audio links are
    the page's; the programme's voices and its storyteller speak."""
    page = ("New Finds Shed Light on the Old Harbour, but Questions\n\n\nRemain\n"
            "Divers find the remains of a wooden pier near the town. The find shows\n"
            "the harbour was busier than thought. Transcript of radio broadcast:\n03 May 2011\n\n"
            "MP3 - Download Audio\n\n\nListen to MP3\nListen in RealAudio\nVOICE ONE:\nI'm Ann Lee.\n"
            "VOICE TWO:\nAnd I'm Tom Hale.\n(MUSIC)\nSTORYTELLER:\nThe pier was built of oak.\n")
    assert read(page) == [("lead_in", "Voice One", "I'm Ann Lee."), ("lead_in", "Voice Two", "And I'm Tom Hale."),
                          ("package", "Storyteller", "The pier was built of oak.")]


def test_a_department_briefings_page_header():
    """A ministry's briefing page: its banner, the spokesperson's name, the briefing's name, the place, the date and
    the time with its zone; two labels without a role were too little for auto, and the header was spoken."""
    page = ("printable banner\n\nMinistry of Ports - Seal\n\nMinistry of Ports\n\nAnn Lee\nDaily Press Briefing\n"
            "Washington, DC\nMarch 3, 2016\n\n\n\n1:12 p.m. EST\n\nMS LEE: Afternoon, everybody.\n\n"
            "MS LEE: Just one thing at the top. The new ferries start on Monday.\n")
    assert choose_dialect("auto", page).name == "transcript"
    assert read(page) == [("lead_in", "Lee", "Afternoon, everybody."),
                          ("lead_in", "Lee", "Just one thing at the top. The new ferries start on Monday.")]


def test_a_briefings_notice_ends_the_pages_summary_above_it():
    page = ("Ministry Briefing, June 23\n\n23 June 2005\n\nPorts, Ferries, Bridges\n\n"
            "The ministry's deputy spokesman Tom Hale briefed the press June 23.\n\n"
            "Following is the transcript of the ministry briefing:\n\n(begin transcript)\n\n"
            "Daily Press Briefing Index\nThursday, June 23, 2005\n1:05 p.m. EDT\n\n-- Ferry Timetables/New Routes\n\n"
            "(1:05 p.m. EDT)\n\nMR. HALE:  Good afternoon, everyone.\n")
    assert read(page) == [("lead_in", "Hale", "Good afternoon, everyone.")]


def test_a_caption_archive_copys_title_and_image_caption():
    """An aggregator's copy of a TV caption archive: its title with the programme's date and time, the card's image
    text; read as a transcript (auto read it as plain, and spoke both)."""
    page = ("Transcripts For GNN Evening News 20240711 18:00:00 : example.com\n\nCard image cap\n\n"
            "GNN Evening News July 11, 2024\n\nhello and welcome to the program. the ferries ran late again today.\n")
    assert choose_dialect("auto", page).name == "transcript"
    assert read(page) == [("lead_in", None, "hello and welcome to the program. the ferries ran late again today.")]


COURT = ("Reporting Services, Inc.\n61 Harbour Street, Suite 4\nPROCEEDINGS 3\n\n"
         "1 THE COURT: Good morning. Please be seated. We are\n\n2 here on the ferry company's motion, and I have\n\n"
         "3 read the papers that both sides filed with the\n\n4 clerk last week.\n\n"
         "5 MS. ANN LEE: Thank you, Your Honor. We ask\n\n6 the Court to grant it, for the reasons given in\n\n"
         "7 our brief.\n\n8 THE COURT: Mr. Hale?\n\n9 MR. TOM HALE: We oppose it.\n")


def test_a_court_transcripts_line_numbers_are_no_part_of_its_lines():
    """A court transcript copied with the line numbers of its margin: numbers gone, labels read, lines joined."""
    assert choose_dialect("auto", COURT).name == "transcript"
    assert read(COURT) == [
        ("lead_in", "The Court", "Good morning. Please be seated. We are here on the ferry company's motion, and I "
                                 "have read the papers that both sides filed with the clerk last week."),
        ("quote", "Ann Lee", "Thank you, Your Honor. We ask the Court to grant it, for the reasons given in our "
                             "brief."),
        ("lead_in", "The Court", "Mr. Hale?"), ("quote", "Tom Hale", "We oppose it.")]
    plain = "The vote was 5 to 4.\n12 people were hurt on the ferry.\n3 of them are in hospital.\nIt rained.\n"
    assert [t for _, _, t in read(plain)] == plain.splitlines()  # numbers in prose are words


# --- the new patterns read a hostile line in linear time (as tests/test_linear.py) ----------------------------

N = 80_000
HOSTILE = {"bite-vox": "[Soundbite]\n" + "Ann Lee" + " " * N + "(x", "bite-blank": "[Soundbite]" + "\n" * N + "x",
           "nested": "Ann Lee (" + "(a)" * (N // 3) + "): x", "unnamed": "(" * N + "): x",
           "archive-copy": "Transcripts For A" + " 1" * (N // 2),
           "header-end": "Transcript of radio broadcast" + " " * N + "x",
           "part": "Part 1: " + "a, " * (N // 3), "turns": "a" + " " * N + ">>" + " " * N + "x",
           "line-numbers": "1 " + "A" * N + "\n" + "2 A\n" * 6, "time": "(1:05 p.m." + " " * N + "x"}
HOSTILE_NEWSROOM = {"slashes": "(/" + " " * N + "x", "element-qualifier": "VO-NAT" + " " * N + "x",
                    "tape-time": "SOT 10:12:42" + " " * N + "x", "rule": "(#####" + " " * N + "x",
                    "field": "GRAPHIC=a" + " " * N + "b c d e",
                    "super-code": "SUPER=01-a" + " " * N + ";x" + " " * N + "x",
                    "camera": "JEAN ON CAM" + " " * N + "x",
                    "note-lines": "((a\n" + "b\n" * (N // 2), "rundown-row": "01/30/2006 a" + " -" * (N // 2)}


@pytest.mark.parametrize("name, dialect", [(name, d) for name in HOSTILE for d in ("auto", "transcript")]
                         + [(name, d) for name in HOSTILE_NEWSROOM for d in ("auto", "newsroom")])
def test_new_patterns_read_a_hostile_line_in_linear_time(name, dialect):
    """Within 2 s, or 4 times an ordinary script of as many characters."""
    text = {**HOSTILE, **HOSTILE_NEWSROOM}[name]
    ordinary = "word\n" * (N // 5)
    bound = max(2.0, 4 * seconds(lambda: parse_script(ordinary, choose_dialect(dialect, ordinary))))
    assert seconds(lambda: parse_script(text, choose_dialect(dialect, text))) < bound


# --- a newsroom system's export with one field a line ("ANCHOR=Eric", "SUPER=01-Name/Title;") -------------------

FIELDS = ("18:00-01\nFerry-Strike\nANCHOR=Ann\nNEWSCAST=6pm\nWRITER=tkh\nTAPE# 24-11\nGRAPHIC=Ferry Strike\n"
          "Ferry crews walked off the job at noon, stranding hundreds of passengers.\n"
          "(----------------)\nVO-NAT ENG\nSUPER=03-Harbour Terminal;\n"
          "Lines of cars reached back to the highway by mid-afternoon.\n(/////SOT/////)\nSOT 10:12:42\n"
          "IN Q=we did not want\n((TOM HALE/UNION STEWARD; WE DID NOT WANT THIS BUT THE COMPANY\nLEFT US NO CHOICE.))\n"
          "SUPER=01-Tom Hale/Union Steward;\nRUNS=:09\nOUT Q=no choice\n(----------------)\nVO-NAT\n"
          "The company says talks will resume tomorrow.\n")


def test_a_newsroom_export_with_a_field_on_each_line():
    """Fields, rules in parentheses, element cues between slashes and with qualifiers ("VO-NAT ENG"), a tape time
    after "SOT" (no run time), the bite's words summed up in double parentheses over lines: none spoken; the
    anchor named by "ANCHOR=" reads; the super read inside the bite does not name the next speaker."""
    assert choose_dialect("auto", FIELDS).name == "newsroom"
    segments = parse_script(FIELDS, choose_dialect("auto", FIELDS))
    assert [(s.section, s.speaker, s.text) for s in segments] == [
        ("lead_in", "Ann", "Ferry crews walked off the job at noon, stranding hundreds of passengers."),
        ("lead_in", "Ann", "Lines of cars reached back to the highway by mid-afternoon."),
        ("lead_in", "Ann", "The company says talks will resume tomorrow.")]
    assert all(s.run_time is None for s in segments)


def test_a_newsroom_printouts_camera_lines_and_rundown_rows():
    """A later printout of the same system: a camera line in both columns names the reader; the rundown row and its
    header and values rows are the printout's."""
    text = ("01 11-Ferry Strike 1 LivePkg Ferry 7 Ani e46/92 --\n"
            "MODIFIED: MOD BY: ED. BTAPE TIMECODE WR BACKTIMEREAD:SOT: TOTALEP -------\n"
            "01/30/2006 1tkh 1106-0 05:17 jus 1382:00 0:45 1:40 2:25 --------\n\nANN ON CAM ANN ON CAM\n\n"
            "(----------------)\nThe ferry crews are back at work tonight.\n")
    assert read(text, "newsroom") == [("lead_in", "Ann", "The ferry crews are back at work tonight.")]
