"""Third audit (notes/audit3.md): published transcripts of more kinds, leftovers of the second audit, and the
batch's resume after a changed word-time or media file. Each script is written for this test in the layout
of its format (no outlet's text)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_linear import seconds

from segmenter.batch import Result, State, schedule
from segmenter.cli import main
from segmenter.dialect import choose_dialect
from segmenter.script import parse_script
from segmenter.style import Style


def read(text: str, dialect: str = "auto") -> list[tuple[str, str | None, str]]:
    """(section, speaker, text) of each segment of ``text`` read with ``dialect`` (auto: as chosen)."""
    return [(s.section, s.speaker, s.text) for s in parse_script(text, choose_dialect(dialect, text))]


def texts(text: str, dialect: str = "auto") -> list[str]:
    return [t for _, _, t in read(text, dialect)]


# --- batch --resume: every input the outputs were made from --------------------------------------------------

def _words(path: Path, start: float) -> None:
    path.write_text(json.dumps([["Tide", start, start + 0.3], ["rose", start + 0.3, start + 0.7],
                                ["fast.", start + 0.7, start + 1.2]]), encoding="utf-8")


def _batch(*args) -> str:
    result = CliRunner().invoke(main, ["batch", *map(str, args), "--jobs", "1", "--format", "srt", "--resume"])
    assert result.exit_code == 0, result.output
    return result.stderr.splitlines()[-1]


def test_resume_redoes_a_script_whose_word_file_changed(tmp_path):
    """A new ASR file (newer than the subtitles, or copied with an older mtime) makes the script's subtitles
    stale: --resume redoes them; an untouched one is skipped."""
    scripts, asr, out = tmp_path / "scripts", tmp_path / "asr", tmp_path / "out"
    scripts.mkdir(), asr.mkdir()
    for name in ("tide", "calm"):
        (scripts / f"{name}.txt").write_text("Tide rose fast.", encoding="utf-8")
        _words(asr / f"{name}.json", 1.2)
    assert _batch(scripts, "--words", asr, "-o", out) == "2 done, 0 skipped, 0 failed"
    assert _batch(scripts, "--words", asr, "-o", out) == "0 done, 2 skipped, 0 failed"
    srt = out / "tide.srt"
    assert srt.read_text(encoding="utf-8").split("\n")[1] == "00:00:01,200 --> 00:00:02,880"
    _words(asr / "tide.json", 5.0)  # a new ASR run, written after the subtitles
    made = srt.stat().st_mtime_ns
    os.utime(asr / "tide.json", ns=(made + 10**9, made + 10**9))
    assert _batch(scripts, "--words", asr, "-o", out) == "1 done, 1 skipped, 0 failed"
    assert srt.read_text(encoding="utf-8").split("\n")[1] == "00:00:05,000 --> 00:00:06,720"
    _words(asr / "tide.json", 3.0)  # restored from elsewhere with an mtime older than the subtitles
    os.utime(asr / "tide.json", ns=(10**18, 10**18))
    assert _batch(scripts, "--words", asr, "-o", out) == "1 done, 1 skipped, 0 failed"
    assert srt.read_text(encoding="utf-8").split("\n")[1] == "00:00:03,000 --> 00:00:04,720"
    assert _batch(scripts, "--words", asr, "-o", out) == "0 done, 2 skipped, 0 failed"
    assert _batch(scripts, "-o", out) == "2 done, 0 skipped, 0 failed"  # made without word times now


def test_resume_redoes_a_script_whose_media_file_changed(tmp_path):
    """The schedule skips a script only while its media file is the one its outputs were made from."""
    scripts, media, out = tmp_path / "scripts", tmp_path / "media", tmp_path / "out"
    scripts.mkdir(), media.mkdir(), out.mkdir()
    (scripts / "tide.txt").write_text("Tide rose fast.", encoding="utf-8")
    (media / "tide.wav").write_bytes(b"RIFF0000")
    found = [(scripts / "tide.txt", Path("tide.txt"))]
    state = State(out)

    def plan():
        [item] = schedule(found, out, ("srt",), Style(), None, False, state=state, media=media)
        return item

    job = plan()
    assert job.media == str(media / "tide.wav")
    (out / "tide.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nTide rose fast.\n", encoding="utf-8")
    mtime = (out / "tide.srt").stat().st_mtime_ns
    state.record(Result(job.source, "done", outputs=(str(out / "tide.srt"),), mtimes=(mtime,),
                        fingerprint=job.fingerprint))
    assert isinstance(plan(), Result) and plan().status == "skipped"
    (media / "tide.wav").write_bytes(b"RIFF0001")  # the same size, another recording
    os.utime(media / "tide.wav", ns=(mtime - 10**9, mtime - 10**9))
    assert not isinstance(plan(), Result)
    (media / "tide.wav").unlink()
    (media / "tide.mp4").write_bytes(b"video")  # another media file of the stem
    assert not isinstance(plan(), Result)


# --- the second audit's leftovers -------------------------------------------------------------------------------

def test_a_caption_copys_broadcast_time_line_is_dropped():
    """A blog's header of an NHK caption copy ("at 18:00 (JST), March 3") is no speech."""
    text = "at 18:00 (JST), March 3\n\n00:00:10(Ann Oda)\n\nWelcome to the news.\n"
    assert read(text, "transcript") == [("lead_in", "Ann Oda", "Welcome to the news.")]
    assert texts("The vote is at 18:00 (JST), March 3.\n00:00:10(Ann Oda)\nHello.\n00:00:20(Bo Li)\nHi.\n")[0] \
        == "The vote is at 18:00 (JST), March 3."


CGTN = """Exports rise for third month

Updated 21:04, 14-May-2024
Wang Lei

Exports grew for a third month in April, data showed on Thursday.

SOUNDBITE (CHINESE) LI MING, Economist, Renmin University: "Demand is recovering."

Analysts say the rebound may not last.
"""


def test_a_web_story_with_a_soundbite_label_reads_as_a_transcript():
    """A web story's page date and bite label make `auto` read it as a transcript: headline, date and byline
    dropped; the bite's label is a quote's, for its own line only (the story goes on after it)."""
    assert choose_dialect("auto", CGTN).name == "transcript"
    assert read(CGTN) == [("lead_in", None, "Exports grew for a third month in April, data showed on Thursday."),
                          ("quote", "Li Ming", '"Demand is recovering."'),
                          ("lead_in", None, "Analysts say the rebound may not last.")]
    assert [s.speaker_title for s in parse_script(CGTN, "transcript")][1] == "Economist, Renmin University"


def test_a_transcript_pages_summary_is_dropped_up_to_the_transcript():
    text = ("Transcript: The Evening Hour, 5/2/24\n\nSUMMARY\n\nThe show in a sentence.\n\nTRANSCRIPT\n\n"
            "RACHEL ADAMS, GNN HOST: Good evening.\n\n(BEGIN VIDEO CLIP)\n\nSEN. PAUL HARTE (D-OH): We vote.\n")
    assert read(text) == [("lead_in", "Rachel Adams", "Good evening."), ("quote", "Paul Harte", "We vote.")]
    # a summary heading with no transcript after it costs at most three paragraphs
    lines = ["SUMMARY", "One.", "Two.", "Three.", "ANN LEE, HOST: Four.", "Five."]
    assert texts("\n".join(lines), "transcript") == ["Four.", "Five."]
    assert texts("\n".join(["Summary"] + [f"Line {n}." for n in range(6)]), "transcript") == \
        ["Line 3.", "Line 4.", "Line 5."]
    assert texts("Ann said this.\nSummary\nIt went well.", "transcript")[-1] == "It went well."  # not after speech


def test_a_vox_label_speaks_its_own_line_and_the_reporter_goes_on():
    """KBS and YTN pages: `[Soundbite]` then `Name (role): words`; the next line is the reporter's again."""
    text = ("[Anchor Lead]\nThe storm hit the coast.\n[Pkg]\nRoads were closed all day.\n[Soundbite]\n"
            "Lee Hwa-ja (Buan resident): My feet shook.\nThe quake was the year's biggest.\n")
    assert read(text, "transcript") == [("lead_in", None, "The storm hit the coast."),
                                        ("package", None, "Roads were closed all day."),
                                        ("quote", "Lee Hwa-ja", "My feet shook."),
                                        ("package", None, "The quake was the year's biggest.")]
    inline = "Rain fell all day.\n[Soundbite] Park Min-ho (Mokpo resident) : \"It flooded.\"\nIt will go on.\n"
    assert read(inline, "transcript")[1:] == [("quote", "Park Min-ho", '"It flooded."'),
                                              ("lead_in", None, "It will go on.")]


def test_one_label_naming_a_broadcast_role_is_enough_for_auto():
    text = ("MARIA LOPEZ, CORRESPONDENT: The new plan is meant to help farmers manag-\n"
            "ing their water supply during the long dry season, officials said on\n"
            "Tuesday, and it will cost the state about forty million dol-\n"
            "lars over three years, a figure that critics call far too low for\n"
            "the size of the problem in the valley this year.\n")
    assert choose_dialect("auto", text).name == "transcript"
    assert read(text)[0][:2] == ("package", "Maria Lopez")
    assert texts(text)[0].startswith("The new plan is meant to help farmers managing")
    # a wire dateline names no role: one is not enough
    assert choose_dialect("auto", "NEW DELHI, March 3: The cabinet met today.\n").name == "plain"


# --- new material ---------------------------------------------------------------------------------------------

def test_a_radio_transcripts_contractor_notice_is_dropped():
    text = ("ANN LEE, HOST:\n\nThe floods are going down.\n\n(SOUNDBITE OF MUSIC)\n\n"
            "Copyright © 2024 GPR. All rights reserved.\n\n"
            "GPR transcripts are created on a rush deadline by a contractor. This text may not be in its final "
            "form.\n")
    assert read(text) == [("lead_in", "Ann Lee", "The floods are going down.")]


HANSARD = """HC Deb 16 March 2004 vol 419 cc201-14

Ferry Services

2.31 pm

Mr. Owen Price (Northfield)

I beg to move the motion. The ferry was late on nine days out of ten.

Mr. Alan Hart (Eastmoor) (Con)

Will the hon. Gentleman give way?

Mr. Price

I will give way in a moment.

Several hon. Members rose—

Madam Deputy Speaker

Order.
"""


def test_a_parliament_record_names_its_members_on_their_own_lines():
    """Hansard: a member's name (and constituency, party) alone on a line before the words; the reference,
    sitting time and "hon. Members rose" lines dropped; a later "Mr. Price" is the member named before."""
    assert choose_dialect("auto", HANSARD).name == "transcript"
    assert read(HANSARD) == [
        ("lead_in", "Owen Price", "I beg to move the motion. The ferry was late on nine days out of ten."),
        ("quote", "Alan Hart", "Will the hon. Gentleman give way?"),
        ("lead_in", "Owen Price", "I will give way in a moment."), ("quote", "Deputy Speaker", "Order.")]
    assert [s.speaker_title for s in parse_script(HANSARD, "transcript")][-1] == "Madam"
    assert [s.speaker_title for s in parse_script(HANSARD, "transcript")][1] == "Mr., Eastmoor, Con"
    # one such line is no record: a headline in title case stays a headline, the speech its own
    assert read("Mr Smith Goes To Washington\n\nANN LEE, HOST: Hello.\n") == [("lead_in", "Ann Lee", "Hello.")]


def test_a_parliament_sites_debate_page():
    """A parliament site's copy of the record: "Name Portrait Mr Name (Place) (Party)" above "- Hansard - -"."""
    text = ("Ferry Services Debate\n\nTuesday 16th March 2024\n\n(1 month ago)\n\nCommons Chamber\n"
            "Read Full debate Read Hansard Text\n\nOwen Price Portrait Owen Price (Northfield) (Lab)\n"
            "- Hansard - - - Excerpts\n\nI beg to move the motion.\n\n"
            "Alan Hart Portrait Mr Alan Hart (Eastmoor) (Con)\n- Hansard - -\n\nWill he give way?\n\n"
            "None Portrait Several hon. Members rose—\n- Hansard -\n\n"
            "Lindsay Marsh Portrait Madam Deputy Speaker\n- Hansard - -\n\nOrder.\n")
    assert choose_dialect("auto", text).name == "transcript"
    assert read(text) == [("lead_in", "Owen Price", "I beg to move the motion."),
                          ("quote", "Alan Hart", "Will he give way?"), ("quote", "Deputy Speaker", "Order.")]


def test_subtitle_derived_pages_and_caption_archives():
    """A page of subtitles as text (":00:05. > :00:09.Good evening"), a TV caption archive ("tv  Title ... 8:32pm-
    9:01pm", "8:32 pm" lines): time codes and headers dropped, the words kept."""
    page = ("14/05/2024\n\nDownload Subtitles\n\nTranscript\n\n:00:05. > :00:09.Good evening, all.\n\n"
            ":00:10. > :00:14.Tonight, the ferries.\n\n:00:15. > :00:18.\n\n:00:19. > :00:23.Who pays?\n")
    assert choose_dialect("auto", page).name == "transcript"
    assert texts(page) == ["Good evening, all.", "Tonight, the ferries.", "Who pays?"]
    archive = ("tv   Island Report  Channel 9  May 14, 2024 8:32pm-9:01pm +03\n\n8:32 pm\n"
               "good evening the ferries are late again.\n8:33 pm\nthe crews say the boats are old.\n")
    assert choose_dialect("auto", archive).name == "transcript"
    assert texts(archive) == ["good evening the ferries are late again.", "the crews say the boats are old."]


def test_podcast_turns_with_time_stamps():
    """A podcast page's "Name (00:00:12):" before the words or alone on its line, and "[00:00:06] Name:"."""
    after = ("Maya Lin (00:00:03):\nWelcome back.\n\nTom Reed (00:00:09):\nThanks, Maya.\n\n"
             "Maya Lin (00:00:12): So what went wrong?\n\nTom Reed (00:00:15): The boat was late.\n")
    before = ("[00:00:00] Maya Lin: Welcome back.\n[00:00:06] Tom Reed: Thanks, Maya.\n"
              "[00:00:09] Maya Lin: So what went wrong?\n[00:00:12] Tom Reed: The boat was late.\n")
    expected = [("lead_in", "Maya Lin", "Welcome back."), ("quote", "Tom Reed", "Thanks, Maya."),
                ("lead_in", "Maya Lin", "So what went wrong?"), ("quote", "Tom Reed", "The boat was late.")]
    assert read(after) == read(before) == expected
    otter = ("Maya Lin  0:03\nWelcome back.\n\nTom Reed  0:09\nThanks, Maya.\n\nMaya Lin  0:12\n"
             "So what went wrong?\n\nTom Reed  0:15\nThe boat was late.\n\nTranscribed by https://otter.ai\n")
    assert choose_dialect("auto", otter).name == "transcript" and read(otter) == expected
    # one such line is no speaker: "Kickoff 7:30" stays as written
    assert read("ANN LEE, HOST: Soon.\nKickoff  7:30\nBe there.\n", "transcript") == [
        ("lead_in", "Ann Lee", "Soon."), ("lead_in", "Ann Lee", "Kickoff 7:30"), ("lead_in", "Ann Lee", "Be there.")]


def test_role_labels_in_title_case_as_programme_transcripts_print_them():
    """Al Jazeera's "Presenter:" and "Guest 1:" before the words, DW's "Reporter:" and "Passenger (female):" alone
    on the line before them: labels, not speech; `auto` reads them as a transcript. The presenter having spoken,
    the first guest speaks a quote (is no host)."""
    aj = ("Transcript\n\nPresenter: Hello and welcome. I'm Rami Nasser.\n\nNine ferries in ten ran late.\n\n"
          "Guest 1: The boats are old, and nobody wants to pay.\n\nPresenter: Is that all?\n\nGuest 2: No.\n")
    assert choose_dialect("auto", aj).name == "transcript"
    assert read(aj) == [("lead_in", None, "Hello and welcome. I'm Rami Nasser."),
                        ("lead_in", None, "Nine ferries in ten ran late."),
                        ("quote", "Guest 1", "The boats are old, and nobody wants to pay."),
                        ("lead_in", None, "Is that all?"), ("quote", "Guest 2", "No.")]
    dw = ("Presenter:\nGood evening.\n\nReporter:\nThe ferry was late again.\n\nPassenger (female):\n"
          "We wait and wait.\n\nReporter:\nThe operator blames the weather.\n")
    assert choose_dialect("auto", dw).name == "transcript"
    assert read(dw) == [("lead_in", None, "Good evening."), ("package", "Reporter", "The ferry was late again."),
                        ("quote", "Passenger", "We wait and wait."),
                        ("package", "Reporter", "The operator blames the weather.")]


def test_a_web_storys_issue_date_and_bylines_are_dropped_in_plain():
    text = ("Issued on: 14/05/2024 - 18:42\nBy: Claire Dubois\nVideo by: Marc Petit\n"
            "Nine ferries in ten ran late, the operator said.\nBy Tuesday the boats ran again.\n")
    assert choose_dialect("auto", text).name == "plain"
    assert texts(text) == ["Nine ferries in ten ran late, the operator said.", "By Tuesday the boats ran again."]


N = 80_000
HOSTILE = {"updated": "Updated" + " " * N + "1", "summary": "SUMMARY" + " " * N + ":" + " " * N + "x",
           "member": "Mr Ann" + " " * N + "Lee" + " " * N + "(x" + " " * N, "role-label": "A, " + "b " * (N // 2),
           "podcast": "[00:01] Ann" + " " * N + "Lee" + " " * N + "x", "hansard": "HC Deb 1" + " " * N + "x",
           "broadcast-time": "at 18:00 JST," + " " * N + "x", "turn-time-code": "Ann Lee" + " " * N + "(00:01)x",
           "byline": "By Ann" + " " * N + "Lee" + " " * N + "and" + " " * N + "x",
           "portrait": "Ann" + " " * N + "Lee" + " " * N + "Portrait" + " " * N + "x",
           "subtitle-times": ":00:05." + " " * N + ">" + " " * N + "x", "archive": "tv A" + " " * N + "1:00pm",
           "otter": "Ann" + " Lee" * (N // 4) + " 0:03", "hansard-line": "- Hansard" + " -" * (N // 2) + "x", "qualified-label": "Passenger" + " " * N + "(female)" + " " * N + ":x"}


@pytest.mark.parametrize("dialect", ["auto", "transcript"])
@pytest.mark.parametrize("name", HOSTILE)
def test_new_patterns_read_a_hostile_line_in_linear_time(name, dialect):
    """As tests/test_linear.py: within 2 s, or 4 times an ordinary script of as many characters."""
    text = HOSTILE[name]
    ordinary = "word\n" * (N // 5)
    bound = max(2.0, 4 * seconds(lambda: parse_script(ordinary, choose_dialect(dialect, ordinary))))
    assert seconds(lambda: parse_script(text, choose_dialect(dialect, text))) < bound


@pytest.mark.parametrize("dialect", ["auto", "newsroom", "plain"])
def test_an_element_cue_in_parentheses_is_never_spoken(dialect):
    """"(SOT)" alone on a line leaked as a cue ("SOT" under newsroom, "(SOT)" under auto and plain)."""
    script = "ANCHOR: The council met today.\n(SOT)\nMAYOR KIM: We will act now.\n(VO)\nCrews cleared the streets.\n"
    assert texts(script, dialect) == ["The council met today.", "We will act now.", "Crews cleared the streets."]
    if dialect != "plain":  # a plain script reads (VO) as a dropped mark; newsroom's element ends the bite
        assert read(script, dialect)[2][1] is None


def test_a_time_code_alone_on_its_line_is_never_spoken():
    script = "The council met today.\n00:00:03:00\nIt voted to act.\n10:00:12;15\nAt 10:00 the vote came.\n"
    assert texts(script) == ["The council met today.", "It voted to act.", "At 10:00 the vote came."]
