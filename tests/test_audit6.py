"""Sixth audit: real published material (government press conferences, transcription services' pages, archived
pages, wire copies of official transcripts), only spoken words in the cues and speakers right. Each script is
written for this test in the layout of its format (no outlet's text)."""

from __future__ import annotations

import pytest
from test_linear import seconds

from segmenter.dialect import choose_dialect
from segmenter.script import parse_script


def read(text: str, dialect: str = "auto") -> list[tuple[str, str | None, str]]:
    """(section, speaker, text) of each segment of ``text`` read with ``dialect`` (auto: as chosen)."""
    return [(s.section, s.speaker, s.text) for s in parse_script(text, choose_dialect(dialect, text))]


def titled(text: str, dialect: str = "auto") -> list[tuple[str | None, str | None]]:
    """(speaker, speaker_title) of each segment of ``text``."""
    return [(s.speaker, s.speaker_title) for s in parse_script(text, choose_dialect(dialect, text))]


# --- a government site's banner, a web archive's notice ----------------------------------------------------------

GOV_PAGE = ("An official website of the United States government\nHere's how you know\n\n"
            "Official websites use .gov\nA .gov website belongs to an official government organization in the "
            "United States.\n\nSecure .gov websites use HTTPS\nA lock ( lock ) or https:// means you've safely "
            "connected to the .gov website. Share sensitive information only on official, secure websites.\n\n"
            "The bridge will reopen on Monday morning.\nCrews finished the repairs ahead of schedule.\n")


def test_a_government_sites_banner_is_not_spoken():
    assert read(GOV_PAGE) == [("lead_in", None, "The bridge will reopen on Monday morning."),
                              ("lead_in", None, "Crews finished the repairs ahead of schedule.")]


ARCHIVED = ("This snapshot, taken on\n05/01/2010\n, shows web content acquired for preservation by The National "
            "Archives. External links, forms and search may not work in archived websites and contact details are "
            "likely to be out of date.\n\nNews\n\nTuesday 4 March 2003\n\nHarbour Minister's Press Conference\n\n"
            "The minister spoke to reporters at the port today. Read the transcript of the press conference in full "
            "below.\n\nHarbour Minister:\n\nGood morning. The new ferry terminal opens next week.\n\nJournalist:\n\n"
            "Will fares go up?\n\nHarbour Minister:\n\nNo, fares stay the same this year.\n")


def test_an_archived_page_above_read_the_transcript_below():
    """The archive's notice, the page's date, title and dek up to "Read the transcript ... below." are the page's
    header; the labels in title case alone on their lines name the speakers."""
    assert choose_dialect("auto", ARCHIVED).name == "transcript"
    assert read(ARCHIVED) == [
        ("lead_in", "Harbour Minister", "Good morning. The new ferry terminal opens next week."),
        ("quote", "Journalist", "Will fares go up?"),
        ("lead_in", "Harbour Minister", "No, fares stay the same this year.")]


# --- a wire copy of an official transcript: a kicker, "... transcript ... follows:", a title before the name --------

WIRE_COPY = ("TRANSCRIPT: Port Authority Chair Ruiz's Budget News Conference\n\n"
             "SEATTLE (Harbor Wire) - The port authority's transcript of Tuesday's news conference held by Chair "
             "Elena Ruiz follows:\n\nCHAIRWOMAN RUIZ: Good afternoon. Our budget is balanced for the third year.\n\n"
             "QUESTION: Will the tolls rise?\n\nCHAIRWOMAN RUIZ: Not this year.\n")


def test_a_wire_copy_of_an_official_transcript():
    """The kicker "TRANSCRIPT:" is no speaker and the line that says the transcript follows ends the header; the
    chair's title is not part of her name."""
    assert read(WIRE_COPY) == [
        ("lead_in", "Ruiz", "Good afternoon. Our budget is balanced for the third year."),
        ("quote", "Question", "Will the tolls rise?"),
        ("lead_in", "Ruiz", "Not this year.")]
    assert titled(WIRE_COPY)[0] == ("Ruiz", "CHAIRWOMAN")


def test_a_kicker_in_capitals_before_a_title_naming_a_transcript():
    text = "LISTEN AND READ: Audio and Transcript of the Ferry Hearing\n\nANN LEE: Good morning.\nTOM HALE: Hello.\n"
    assert read(text, "transcript") == [("lead_in", "Ann Lee", "Good morning."), ("quote", "Tom Hale", "Hello.")]


# --- a transcription service's page: labels beside their time codes ------------------------------------------------

SERVICE_PAGE = ("Port Budget Hearing Transcript May 6\n\nThe board heard the budget over the phone on May 6. Read the "
                "transcript of the hearing here.\n\nTry Rev and save time transcribing, captioning, and subtitling."
                "\n\nThank You for Subscribing!\n\nMinister of Ports Ann Lee: (00:01)\nWe will keep the ferries "
                "running all winter.\n\nSpeaker 2: (00:09) How many boats? Mr. Hale: (00:12) Four boats, one more "
                "than last year. Speaker 2: (00:15) Thank you.\nChair Ruiz: (\n00:21) The hearing is adjourned.\n")


def test_a_transcription_services_labels_beside_their_time_codes():
    """A label with its time code after the colon is a label in any case, with an office in it, alone on its line,
    before the words, run together on one line, or with its time code on the next line; the page's dek and ads go."""
    assert choose_dialect("auto", SERVICE_PAGE).name == "transcript"
    assert read(SERVICE_PAGE) == [
        ("lead_in", "Ann Lee", "We will keep the ferries running all winter."),
        ("quote", "Speaker 2", "How many boats?"),
        ("quote", "Hale", "Four boats, one more than last year."),
        ("quote", "Speaker 2", "Thank you."),
        ("quote", "Ruiz", "The hearing is adjourned.")]
    assert titled(SERVICE_PAGE)[0] == ("Ann Lee", "Minister of Ports")


def test_a_time_code_on_the_line_after_its_label_alone_is_read():
    text = "Chair Ruiz: (\n00:21) The hearing is open.\nChair Ruiz: (\n01:02) It is closed.\n"
    assert choose_dialect("auto", text).name == "transcript"
    assert read(text) == [("lead_in", "Ruiz", "The hearing is open."), ("lead_in", "Ruiz", "It is closed.")]


# --- titles before the name in capitals ------------------------------------------------------------------------------

BRIEFING = ("PRESS SECRETARY ANN LEE: Good afternoon. The secretary will speak first.\n\n"
            "SECRETARY OF STATE TOM R. HALE III: Thank you, Ann. We signed the treaty today.\n\n"
            "QUESTION: When does it take effect?\n\nHALE: In June.\n")


def test_an_office_before_the_name_is_the_speakers_title():
    """PRESS SECRETARY and SECRETARY OF STATE are titles; the name keeps its initial and suffix (III, not Iii), the
    initial does not end a turn, and the surname alone later is the same person."""
    assert titled(BRIEFING, "transcript") == [
        ("Ann Lee", "PRESS SECRETARY"), ("Tom R. Hale III", "SECRETARY OF STATE"), ("Question", None),
        ("Tom R. Hale III", "SECRETARY OF STATE")]
    assert [t for _, _, t in read(BRIEFING, "transcript")] == [
        "Good afternoon. The secretary will speak first.", "Thank you, Ann. We signed the treaty today.",
        "When does it take effect?", "In June."]


def test_a_deputy_speaker_keeps_the_office_as_the_name():
    """"Madam Deputy Speaker" stays "Deputy Speaker" (DEPUTY alone is no title before a name)."""
    text = ("Mr. Owen Price (Northfield)\nThe harbour needs dredging.\nMadam Deputy Speaker\nOrder.\n"
            "Mr. Alan Hart (Eastmoor)\nIt was dredged last year.\n")
    assert [s for s, _ in titled(text, "transcript")] == ["Owen Price", "Deputy Speaker", "Alan Hart"]


# --- audit5's leftovers: an editor's insertion, a court's parenthetical, a scraper's date stamp ----------------------

def test_an_editors_insertion_in_brackets_is_spoken_without_them():
    """A background briefing names its official in brackets where the words stand in the sentence: kept, not
    "conducted by ,"; a one-word note ("[inaudible]") still goes."""
    text = ("ANN LEE: The call will be led by [senior administration official], as before.\n"
            "ANN LEE: With that, over to [senior administration official].\nTOM HALE: Thank you [inaudible] all.\n")
    assert [t for _, _, t in read(text)] == [
        "The call will be led by senior administration official, as before.",
        "With that, over to senior administration official.", "Thank you all."]
    assert read("We met [VIDEO: harbour at dawn] at noon.\n") == [("lead_in", None, "We met at noon.")]
    assert read("Crews worked and [there were] no delays.\n") == [("lead_in", None, "Crews worked and no delays.")]


def test_a_court_records_parenthetical_in_mixed_case_is_not_spoken():
    text = ("THE COURT: We will take a short break.\n\n(Whereupon, a recess was taken.)\n\nMR. JONES: Thank you.\n\n"
            "(Whereupon, at 4:10 p.m., the hearing was adjourned.)\n")
    assert read(text) == [("quote", "The Court", "We will take a short break."), ("quote", "Mr. Jones", "Thank you.")]


def test_a_scrapers_date_stamp_with_interface_words_is_not_spoken():
    text = " date 2024-06-12 동영상 고정 취소\n\nA magnitude 4.8 earthquake struck Buan this morning.\n"
    assert read(text) == [("lead_in", None, "A magnitude 4.8 earthquake struck Buan this morning.")]


# --- a radio news script and a prompter script's header ----------------------------------------------------------

RADIO = ("LEAD-IN\nFERRY FARES 1/1\nOkafor 3/4/24\n\nFerry fares are going up next month.\n"
         "Outcue: \"...I'm Dana Okafor, for Campus Radio.\"\nEst. Time: 1:10\nEnd Time:\n\nFERRY FARES 1/2\n"
         "OKAFOR 3/4/24\n\nThe harbour board voted on Monday.\nOutcue: \"...on Monday.\"\nRuns: :12\n"
         "Riders were not happy.\nRuns :09\n")


def test_a_radio_scripts_cue_lines_and_page_headers_are_not_spoken():
    """Mixed-case "Outcue:", "Runs: :12", "Est. Time:", "End Time:" lines and each page's header (the slug and the
    writer with the page or the date) are not spoken."""
    assert [t for _, _, t in read(RADIO)] == [
        "Ferry fares are going up next month.", "The harbour board voted on Monday.", "Riders were not happy."]


PROMPTER = ("STORY: HARBOR VOTE\nRUNTIME: 0:40\nDATE: 03/04/2024\n\n(DANA - ON CAM)\n\nGood evening. The harbor board "
            "voted today.\n\n(TAKE PKG)\n\n(DANA / ON CAM)\n\nFares rise in May.\n")


def test_a_prompter_scripts_header_fields_and_camera_cues_are_not_spoken():
    assert read(PROMPTER) == [("lead_in", None, "Good evening. The harbor board voted today."),
                              ("lead_in", None, "Fares rise in May.")]


# --- an appeals court's argument transcript: caption, appearances, page furniture ----------------------------------

ARGUMENT = ("Official - Subject to Final Review\n\nIN THE SUPREME COURT OF THE STATE\n- - - - - - - - - - - - x\n"
            "HARBOR BOARD, ET AL., :\nPetitioners : No. 24-100\nv. :\nDEPARTMENT OF PORTS AND :\nFERRIES, ET AL., :\n"
            "- - - - - - - - - - - - x\nSalem, Oregon\nTuesday, March 4, 2025\n"
            "The above-entitled matter came on for oral argument at 10:04 a.m.\n\nAPPEARANCES:\n"
            "ANN LEE, ESQ., Salem, Oregon; on behalf of Petitioners.\n\n1\nHeritage Reporting Corporation\n\n"
            "Official - Subject to Final Review\nP R O C E E D I N G S\n(10:04 a.m.)\n"
            "CHIEF JUSTICE HALE: We will hear argument first this morning. Ms. Lee?\n"
            "MS. LEE: Thank you, Chief Justice, and may it please the Court.\n"
            "REP. TOM RUIZ :\nWe object.\n")


def test_an_argument_transcripts_caption_and_appearances_are_not_spoken():
    """The caption (its rules and colon column), the review notice, the reporter's name, the spaced heading, the time in
    parentheses and the counsel under APPEARANCES are not spoken; a label with a space before its colon still is one."""
    assert read(ARGUMENT) == [
        ("lead_in", "Hale", "We will hear argument first this morning. Ms. Lee?"),
        ("quote", "Lee", "Thank you, Chief Justice, and may it please the Court."),
        ("quote", "Tom Ruiz", "We object.")]



# --- a prime minister's transcripts archive: the record's fields, each value on the line after it --------------------

ARCHIVE_RECORD = ("PM Transcripts\n\nTranscripts from the Premiers of the State\n\nRuiz, Elena\n\n"
                  "Period of Service: 02/03/2011 - 05/06/2015\nRelease Date:\n14/05/2013\nRelease Type:\nInterview\n"
                  "Transcript ID:\n40217\nReleased by:\n  • Ruiz, Elena Maria\nPress Conference Harbour Quay, Port Town"
                  "\n\nPREMIER:\n\nGood morning. The ferry terminal opens today.\n\nJOURNALIST:\n\nWhat will it cost?"
                  "\n\nPREMIER:\n\nLess than we planned.\n")


def test_a_transcripts_archives_record_fields_are_not_spoken():
    """The fields and their values above the first label are not spoken; a label of one word ("PREMIER:") is the same
    speaker, in the same section, each time it comes back."""
    assert choose_dialect("auto", ARCHIVE_RECORD).name == "transcript"
    assert read(ARCHIVE_RECORD) == [("lead_in", "Premier", "Good morning. The ferry terminal opens today."),
                                    ("quote", "Journalist", "What will it cost?"),
                                    ("lead_in", "Premier", "Less than we planned.")]


# --- a city video platform's machine transcript in capitals ------------------------------------------------------

CITY_VIDEO = ("Embed\n\nDisable autoplay on embedded content?\n\nDownload Transcript\n\n"
              "* This transcript was created by voice-to-text technology. The transcript has not been edited for "
              "errors or omissions, it is for reference only and is not the official minutes of the meeting. "
              "[00:00:04] GOOD AFTERNOON, PORTVILLE.\n[Harbor Chief News Conference]\n[00:00:09]\n"
              "WELCOME TO TODAY'S BRIEFING.\nTHANK YOU, KXTV.\n")


def test_a_city_video_platforms_machine_transcript():
    """The platform's notice (on the transcript's first line) and buttons go; a greeting in capitals ("GOOD
    AFTERNOON, PORTVILLE.", "THANK YOU, KXTV.") is no reporter's sign-off (it made the lines before it a package)."""
    assert choose_dialect("auto", CITY_VIDEO).name == "transcript"
    assert read(CITY_VIDEO) == [("lead_in", None, "GOOD AFTERNOON, PORTVILLE."),
                                ("lead_in", None, "WELCOME TO TODAY'S BRIEFING."), ("lead_in", None, "THANK YOU, KXTV.")]
    assert read("Crews worked all night.\nGOOD EVENING, WXYZ.\n", "plain") == [
        ("lead_in", None, "Crews worked all night."), ("lead_in", None, "GOOD EVENING, WXYZ.")]

# --- the new patterns on hostile lines ---------------------------------------------------------------------------

N = 80_000
HOSTILE = {"stamped": "Ann" + " a" * (N // 2) + ": (00:01)", "stamped-inline": "a. Ann: (0" * (N // 10),
           "read-transcript": "Read the transcript" + " a" * (N // 2), "follows": "transcript " * (N // 11) + "x",
           "kicker": "ANN LEE: " + "a Transcript " * (N // 13), "insertion": "by [a" + " a" * (N // 2) + "] x,",
           "caption": "A" + " a" * (N // 2) + " :", "et-al": "ET AL" * (N // 5) + " x",
           "page-header": "A" + " A" * (N // 2) + " 1/", "cue-line": "Runs" + " " * N + "x",
           "spaced": "P " * (N // 2) + "p", "machine-notice": "This transcript was created by machine" + " a" * (N // 2), "office": "SECRETARY OF" + " A" * 3 + ": x\n" + "SECRETARY OF A: x\n" * 2000}


@pytest.mark.parametrize("name, dialect", [(name, d) for name in HOSTILE for d in ("auto", "transcript")])
def test_new_patterns_read_a_hostile_line_in_linear_time(name, dialect):
    """Within 2 s, or 4 times an ordinary script of as many characters."""
    text = HOSTILE[name]
    ordinary = "word\n" * (N // 5)
    bound = max(2.0, 4 * seconds(lambda: parse_script(ordinary, choose_dialect(dialect, ordinary))))
    assert seconds(lambda: parse_script(text, choose_dialect(dialect, text))) < bound
