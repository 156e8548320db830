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


STATE = """Department Press Briefing – May 2, 2024

Tom Ashby, Deputy Department Spokesperson
Washington, D.C.
1:42 p.m. EDT

MR ASHBY: Good afternoon. (Laughter.) Not that many of you.

QUESTION: Thanks. Is the envoy still going? (Applause.)

MR ASHBY: She is.

(The briefing was concluded at 2:31 p.m.)
"""

WHITE_HOUSE = """James S. Brady Press Briefing Room

2:26 P.M. EST

MS. HALVERSON:  Good afternoon, everyone.  (Press Office aide sneezes.)  Bless you.

Q    Good afternoon.  Will the President sign it?

MS. HALVERSON:  He will.

END                2:49 P.M. EST
"""

UN = """Daily Press Briefing by the Office of the Spokesperson for the Secretary-General

The following is a near-verbatim transcript of today's noon briefing by Pierre Lind, Spokesman for the Secretary-General.

**Sudan

Good afternoon.  Aid trucks reached the city yesterday.

**Questions and Answers

Question:  Thank you, Pierre.  Will he travel there?

Spokesman:  No travel to announce.

Correspondent:  Just to follow up.
"""


def test_government_briefings_speak_only_their_turns():
    """A State Department and a White House briefing: byline block, time lines, "(Laughter.)" with its full
    stop, a described sneeze, the closing note and the END line are not spoken; "Q" opens a questioner's turn."""
    assert read(STATE) == [("lead_in", "Ashby", "Good afternoon. Not that many of you."),
                           ("quote", "Question", "Thanks. Is the envoy still going?"),
                           ("lead_in", "Ashby", "She is.")]
    assert read(WHITE_HOUSE) == [("lead_in", "Halverson", "Good afternoon, everyone. Bless you."),
                                 ("quote", "Q", "Good afternoon. Will the President sign it?"),
                                 ("lead_in", "Halverson", "He will.")]


def test_un_noon_briefing_labels_in_title_case():
    """A UN noon briefing: the notice, `**Topic` headings and title-case role labels (Question:, Spokesman:,
    Correspondent:) are not spoken; auto reads it as a transcript."""
    assert choose_dialect("auto", UN).name == "transcript"
    assert texts(UN) == ["Good afternoon. Aid trucks reached the city yesterday.", "Thank you, Pierre. Will he travel there?",
                         "No travel to announce.", "Just to follow up."]
    assert [s for s, _, _ in read(UN)][1:] == ["quote", "lead_in", "package"]  # a correspondent reads a package


def test_court_and_hearing_records_labels_with_a_full_stop():
    """`Q.`/`A.` examination labels, and a hearing record's labels in title case (`Mr. Linder.`) when such
    labels take turns."""
    court = "Q. Where were you that night?\nA. At home.\nQ. Alone?\nA. Yes.\nTHE COURT: Approach.\n"
    assert texts(court, "transcript") == ["Where were you that night?", "At home.", "Alone?", "Yes.", "Approach."]
    assert [p for _, p, _ in read(court, "transcript")] == ["Q", "A", "Q", "A", "The Court"]
    hearing = ("Mr. Linder. The meeting will come to order.\nMr. Hastings. Thank you, Mr. Chairman.\n"
               "Mr. Linder. Our witness is Dr. Ames.\nDr. Ames. Thank you.\n")
    assert texts(hearing, "transcript") == ["The meeting will come to order.", "Thank you, Mr. Chairman.",
                                            "Our witness is Dr. Ames.", "Thank you."]
    assert texts("Mr. Lee. He was there.\nShe left.\n", "transcript") == ["Mr. Lee. He was there.", "She left."]


def test_other_broadcasters_page_lines():
    """Korean date lines on an English page (입력/수정), an NHK copy's time code with the speaker, a mixed-case
    footage direction, a category line and a "Full transcript of" title are not spoken."""
    page = ("입력 2024.06.21 (16:14)\n수정 2024.06.21 (16:30)\n\nANCHOR: Rain fell all day.\n"
            "00:01:34(Mori Kenta/Farm Minister)\n\nWe will release the stock.\n\n(Footage of dry riverbed)\n"
            "in News, Politics\nFull transcript of \"Face the Nation,\" Sept. 7, 2025\n\nANCHOR: That is all.\n")
    assert texts(page, "transcript") == ["Rain fell all day.", "We will release the stock.", "That is all."]


def test_role_label_in_title_case_before_a_name_is_a_header():
    """`Moderator: Jane Doe` heads a page (no speech after the role); `Moderator: Welcome, all.` is a turn."""
    page = "Moderator: Jane Doe\n\nANN LEE, HOST: Hello.\n\nModerator: Welcome to all of you here.\n"
    assert texts(page, "transcript") == ["Hello.", "Welcome to all of you here."]


def test_auto_reads_court_and_hearing_records_as_transcripts():
    court = "Q. Where were you?\nA. At home.\nQ. Alone?\nA. Yes.\n"
    hearing = ("The subcommittee met, pursuant to call, at 10:05 a.m.\nMr. Linder. The meeting will come to order.\n"
               "Mr. Hastings. Thank you.\nMr. Linder. Our witness is here.\n")
    assert choose_dialect("auto", court).name == "transcript" == choose_dialect("auto", hearing).name
    assert texts(hearing) == ["The meeting will come to order.", "Thank you.", "Our witness is here."]


ENPS = """Page 1 of 1
Printed: 6/12/2024 4:51 PM
Story: MILL FIRE
Writer: jdoyle   Modified: 6/12/2024 4:40 PM
Anchor: Maria
Est. Duration: 0:45

[ANCHOR: Maria]
An old mill burned this afternoon.
{***VO***}
TAKE VO
Crews fought the fire for two hours.
{***SOT***}
SUPER: Dale Pruitt
Fire Captain
INCUE: "We got the call..."
We got the call at one o'clock.
OUTCUE: "...one o'clock."
TRT: :06
{***ON CAM***}
Nobody knows how it started.
###
"""


def test_enps_printout():
    """An ENPS story printout: header fields, `{***VO***}` cues, `TAKE VO`, a super's title on its own line,
    INCUE:/OUTCUE: lines and the `###` end mark are not spoken; the bite after the super is that person's."""
    assert choose_dialect("auto", ENPS).name == "newsroom"
    assert read(ENPS) == [("lead_in", None, "An old mill burned this afternoon."),
                          ("lead_in", None, "Crews fought the fire for two hours."),
                          ("quote", "Dale Pruitt", "We got the call at one o'clock."),
                          ("lead_in", None, "Nobody knows how it started.")]


INEWS = """BRIDGE
[ANCHOR CAM 2]
The bridge is open again tonight.
<<VO>>
Drivers lined up before five o'clock.
<<SOT>>
CG: Ken Albrecht | Commuter
This is a big relief.
OUT CUE: big relief
<<ON CAM>>
It should last fifty years.
----------
SOC: Standard out cue
NATS: chanting
NATS
"""


def test_inews_and_octopus_marks():
    """`<<VO>>` cues (not a stray `< >`), a `CG:` super with a bar, OUT CUE:, SOC:, NATS lines and a rule."""
    assert choose_dialect("auto", INEWS).name == "newsroom"
    assert read(INEWS) == [("lead_in", None, "The bridge is open again tonight."),
                           ("lead_in", None, "Drivers lined up before five o'clock."),
                           ("quote", "Ken Albrecht", "This is a big relief."),
                           ("lead_in", None, "It should last fifty years.")]
    octopus = "STORY: STRIKE    PRESENTER: James    DURATION: 00:01:10\n[CAM 1 - JAMES]\nNurses walked out today.\n"
    assert texts(octopus) == ["Nurses walked out today."]


TWO_COLUMN = """PARADE/jsmith/6pm

|VIDEO                      |AUDIO                                   |
|OC: ANGELA                 |The city's spring parade returns        |
|                           |downtown this Saturday.                 |
|TAKE VO                    |Organizers expect more than forty       |
|SUPER: Main Street         |floats and ten marching bands.          |
|TAKE SOT                   |                                        |
|SUPER: Rita Gomez/Organizer|(We have been planning this since       |
|                           |January, and it's the biggest one yet.) |
|OC: ANGELA                 |Forecasters call for sunshine.          |
"""


def test_two_column_script_speaks_its_audio_column():
    """A split-page script exported as a table: only the AUDIO column is spoken, its rows joined into
    sentences; the VIDEO column's marks still apply (`OC: ANGELA` names the reader, the bite after the super
    is Rita Gomez's)."""
    assert choose_dialect("auto", TWO_COLUMN).name == "newsroom"
    assert read(TWO_COLUMN) == [
        ("lead_in", "Angela", "The city's spring parade returns downtown this Saturday."),
        ("lead_in", "Angela", "Organizers expect more than forty floats and ten marching bands."),
        ("quote", "Rita Gomez", "We have been planning this since January, and it's the biggest one yet."),
        ("lead_in", "Angela", "Forecasters call for sunshine.")]


def test_backtick_apostrophes_are_apostrophes():
    assert texts("ANCHOR: I`m told they`re close.\n", "transcript") == ["I'm told they're close."]
    assert texts("The `quoted` word and a`b.\n", "plain") == ["The `quoted` word and a'b."]


WRAPPED = """MARIA LOPEZ, CORRESPONDENT: The new plan is meant to help farmers manag-
ing their water supply during the long dry season, officials said on
Tuesday, and it will cost about forty million dol-
lars over three years, says the Vice President-
elect, a figure that critics in the state-
owned utility and the self-
employed growers call far too low for
the size of the problem this year.
"""


def test_a_word_broken_at_a_wrapped_line_end_is_mended():
    """PDF text hyphenated at the line end: the word is joined again ("manag-" / "ing": "managing"); a compound
    keeps its hyphen ("President-" / "elect", "state-" / "owned", "self-" / "employed")."""
    assert texts(WRAPPED, "transcript") == [
        "The new plan is meant to help farmers managing their water supply during the long dry season, officials "
        "said on Tuesday, and it will cost about forty million dollars over three years, says the Vice "
        "President-elect, a figure that critics in the state-owned utility and the self-employed growers call "
        "far too low for the size of the problem this year."]


REV = """Press Briefing by Press Secretary Dana Whitfield 5/02/24 Transcript

Dana Whitfield: (00:00)
Good afternoon, everybody.

Speaker 1: (00:03)
Good afternoon.

Dana Whitfield: (00:04)
Let me start with the storm.

Speaker 2 (01:12):
Will the President visit?
"""


def test_transcription_service_labels_with_time_codes():
    """A transcription service's page (rev.com style): "Name: (00:00)" or "Speaker 2 (01:12):" alone on a line
    before each turn; auto reads it as a transcript."""
    assert choose_dialect("auto", REV).name == "transcript"
    assert read(REV) == [("lead_in", "Dana Whitfield", "Good afternoon, everybody."),
                         ("quote", "Speaker 1", "Good afternoon."),
                         ("lead_in", "Dana Whitfield", "Let me start with the storm."),
                         ("quote", "Speaker 2", "Will the President visit?")]


CSPAN = """| Speaker | Time | Text |
|---|---|---|
| unidentified | | The program continues. |
| Mimi Geerges | 00:00:12 | Joining us now is a reporter. |
| | | Good morning. |
| Tom Brandt | 00:00:20 | Good morning, thanks for having me. |
"""


def test_speaker_time_text_table():
    """A caption archive's table (Speaker | Time | Text): the text column spoken, the speaker column names the
    speaker, the time column and the rule row dropped."""
    assert choose_dialect("auto", CSPAN).name == "transcript"
    assert read(CSPAN) == [("lead_in", None, "The program continues."),
                           ("lead_in", "Mimi Geerges", "Joining us now is a reporter."),
                           ("lead_in", "Mimi Geerges", "Good morning."),
                           ("quote", "Tom Brandt", "Good morning, thanks for having me.")]


def test_caption_speaker_change_marks_and_page_lines():
    """A caption copy's ">>" (a new speaker) is not spoken; nor a page's "Updated ..." date line or a copyright
    line that ends "ALL RIGHTS RESERVED"."""
    captions = ">> WELCOME BACK.\n>> GOOD MORNING.\n"
    assert texts(captions, "plain") == texts(captions, "transcript") == ["WELCOME BACK.", "GOOD MORNING."]
    page = ("Updated 21:04, 14-May-2024\n\nANCHOR: Exports grew.\n\n"
            "Copy: Content and programming copyright 2024 GNN. ALL RIGHTS RESERVED.\n")
    assert texts(page, "plain") == texts(page, "transcript") == ["Exports grew."]


ROLL_CALL = """THIS WEEK WITH MARTHA REEVES
Roll Call, Inc.
1255 22nd Street N.W.
Washington, DC 20037
Phone: 202-419-8500
www.cqrollcall.com
Copyright 2024 Roll Call, Inc.
All materials herein are protected by United States copyright law
and may not be reproduced, distributed, transmitted, displayed,
published or broadcast without the prior written permission of
Roll Call. You may not alter or remove any trademark,
copyright or other notice from copies of the content.
SPEAKERS: MARTHA REEVES, ABC HOST
REP. DANIEL OKAFOR (D), MINNESOTA

MARTHA REEVES, ABC HOST: Good morning and welcome to This Week.

REP. DANIEL OKAFOR (D), MINNESOTA: Thanks for having me, Martha.
"""


def test_vendor_header_block_without_blank_lines():
    """A transcript vendor's address and rights block, its lines not parted by blank lines, and a SPEAKERS:
    list are not spoken."""
    assert texts(ROLL_CALL) == ["Good morning and welcome to This Week.", "Thanks for having me, Martha."]


def test_full_transcript_page_title_makes_a_transcript():
    page = ("September 7, 2025\nin News, Politics\nFull transcript of \"Face the Nation,\" Sept. 7, 2025\n\n"
            "MARGARET ROWE: Good morning.\n\nGOV. ANN TRAVERS: Good morning, Margaret.\n")
    assert texts(page) == ["Good morning.", "Good morning, Margaret."]


def test_caption_copy_time_code_names_the_speaker():
    """A caption copy's turn marker, a time code and the speaker ("00:01:34(Mori Kenta/Farm Minister)",
    "00:02:20 話者 2/Ann Lee"), is not spoken and names who speaks next."""
    page = ("00:00:10(Oda Haruka)\n\nWelcome to the news.\n\n00:01:34(Mori Kenta/Farm Minister)\n\n"
            "We will release the stock.\n\n00:02:20 話者 2/Ann Lee\n\nMaybe we should buy abroad.\n")
    assert choose_dialect("auto", page).name == "transcript"
    assert read(page) == [("lead_in", "Oda Haruka", "Welcome to the news."),
                          ("quote", "Mori Kenta", "We will release the stock."),
                          ("quote", "Ann Lee", "Maybe we should buy abroad.")]
    assert [s.speaker_title for s in parse_script(page, "transcript")] == [None, "Farm Minister", None]


def test_labels_alone_and_an_end_line_make_a_transcript():
    """A UK broadcaster's transcript: labels in capitals alone on their lines, initials labels, "ENDS"."""
    page = ("Sunday Politics\n\nSunday 12 May 2024\n\nANN ROSS:\nGood morning.\n\nHEALTH SECRETARY:\n"
            "Good morning, Ann.\n\nAR:\nWill it end?\n\nENDS\n")
    assert choose_dialect("auto", page).name == "transcript"
    assert texts(page) == ["Good morning.", "Good morning, Ann.", "Will it end?"]


def test_soundbite_labels_alone_do_not_make_a_wire_script():
    """A web story or transcript quoting bites with "SOUNDBITE (English) NAME, title:" is no wire script (only a
    shot list, storyline or VIDEO SHOWS: makes one): its narration is spoken; in a transcript the mark before
    the label goes and the label names the speaker."""
    story = ("ANCHOR: Exports grew in April.\n\nSOUNDBITE (CHINESE) LI MING, Economist: \"Demand is back.\"\n\n"
             "ANCHOR: Analysts doubt it.\n\nSOUNDBITE (ENGLISH) ANN ROE, Trader: \"It will not last.\"\n\n"
             "SOUNDBITE (ENGLISH) TOM HALE, Banker: \"Maybe.\"\n\nANCHOR: We will see.\n")
    assert choose_dialect("auto", story).name != "wire"
    assert [(p, t) for _, p, t in read(story, "transcript")] == [
        (None, "Exports grew in April."), ("Li Ming", "\"Demand is back.\""), (None, "Analysts doubt it."),
        ("Ann Roe", "\"It will not last.\""), ("Tom Hale", "\"Maybe.\""), (None, "We will see.")]
    assert texts("(SOUNDBITE OF MUSIC)\nANN LEE, HOST: Hi.\n", "transcript") == ["Hi."]


def test_a_table_row_of_speech_is_never_a_header():
    """A row is a header only when every cell names a column: "| Copy | that |" is speech, and a headerless
    row's other cells stay spoken lines."""
    assert texts("| Copy | that, please. | Now. |\n", "plain") == ["Copy", "that, please.", "Now."]
    assert texts("| I'm Anna Mateo. | 0:12 |\n", "transcript") == ["I'm Anna Mateo."]


HEARING = """HEARING BEFORE THE COMMITTEE ON HARBORS
The committee met, pursuant to call, at 10:15 a. m., Senator Ada
R. Pellman (chairman) presiding.
Present: Senators Pellman, Oduya, Varga, Lindqvist, Moreau, Tan,
Okafor, and Brandt.
The CHAIRMAN. The committee will now come to order. We meet this
morning to hear the port authority's plan for the dredging of the
inner harbor.
Mr. HALVORSEN. Thank you, Madam Chairman. I have a short statement
and will then answer your questions.
The CHAIRMAN. Please go ahead, and take the time you need for
it.
(The statement referred to follows:)
"""


def test_a_hard_wrapped_hearing_record_joins_its_turns_and_drops_its_wrapped_procedure():
    assert read(HEARING) == [
        ("lead_in", "The Chairman", "The committee will now come to order. We meet this morning to hear the port "
                                    "authority's plan for the dredging of the inner harbor."),
        ("quote", "Halvorsen", "Thank you, Madam Chairman. I have a short statement and will then answer your "
                                   "questions."),
        ("lead_in", "The Chairman", "Please go ahead, and take the time you need for it."),
    ]


def test_a_hard_wrapped_line_ending_in_a_dash_before_an_accented_word_reads():
    """hypothesis found 'the' / '--' / 'é' wrapped at 8 characters raising AttributeError in _unbroken (a
    lowercase letter beyond a-z after a line ending in '-')."""
    from segmenter.pipeline import subtitle
    from segmenter.style import Style

    cues = subtitle("the\n--\né\nthe ", Style(max_chars_per_line=8, max_lines=1, cps=5.0, min_duration=1.0,
                                                max_duration=2.0, min_gap=0.0, frame_rate=None))
    assert " ".join(cue.text for cue in cues).split() == ["the", "--", "é", "the"]
