"""Fourth audit (notes/audit4.md): real published news material read with only spoken words in the cues: a
subtitle site's bulleted copy of a programme, a station's page copy of a transcript, caption archives' labels.
Each script is written for this test in the layout of its format (no outlet's text)."""

from __future__ import annotations

import pytest

from segmenter.dialect import choose_dialect
from segmenter.pipeline import _head, subtitle
from segmenter.script import parse_script
from segmenter.style import Style


def read(text: str, dialect: str = "auto") -> list[tuple[str, str | None, str]]:
    """(section, speaker, text) of each segment of ``text`` read as the pipeline reads it (its head, as read,
    chooses the dialect under auto)."""
    head, whole = _head(text)
    return [(s.section, s.speaker, s.text) for s in parse_script(whole, choose_dialect(dialect, head))]


def texts(text: str, dialect: str = "auto") -> list[str]:
    return [t for _, _, t in read(text, dialect)]


# --- 1. a bulleted list: every line a list item ----------------------------------------------------------------

BULLETED = ("Placeholder Image\n\nSubtitles section Play video\n\n"
            "  \u2022 ANN LEE: Good evening.\n\n  \u2022 I'm Ann Lee.\n\n"
            "  \u2022 On the program tonight: The council votes to close two bridges\n\n"
            "  \u2022 for repairs over the summer.\n\n"
            "  \u2022 MARK DIAZ, State University: Most drivers, something like half of them,\n\n"
            "  \u2022 will cross one of the two bridges at some point\n\n  \u2022 in a week.\n\n"
            "  \u2022 (BREAK)\n\n  \u2022 ANN LEE: Welcome to the program.\n")


def test_a_bulleted_copy_reads_as_the_transcript_it_is():
    """Bullets stripped as the text is read: auto sees the labels, the wrapped lines join, and the titled
    label speaks its guest's words (not the anchor before)."""
    assert choose_dialect("auto", _head(BULLETED)[0]).name == "transcript"
    assert read(BULLETED) == [
        ("lead_in", "Ann Lee", "Good evening."), ("lead_in", "Ann Lee", "I'm Ann Lee."),
        ("lead_in", "Ann Lee", "On the program tonight: The council votes to close two bridges for repairs over "
                               "the summer."),
        ("quote", "Mark Diaz", "Most drivers, something like half of them, will cross one of the two bridges at "
                               "some point in a week."),
        ("lead_in", "Ann Lee", "Welcome to the program.")]


def test_a_bulleted_copy_read_in_pieces_gives_the_same_cues():
    style = Style(frame_rate=None)
    whole = subtitle(BULLETED, style)
    assert [c.lines for c in whole][0] == ("Good evening.",)
    for cut in (1, 40, 45, 46, 47, 100, 177):
        assert subtitle([BULLETED[:cut], BULLETED[cut:]], style) == whole
    assert subtitle(list(BULLETED), style) == whole  # a character at a time: a bullet split from its line


def test_a_lone_bullet_in_prose_stays():
    """Only a bulleted list loses its bullets: a bullet or two in prose are words of the script."""
    prose = "Rain fell.\n\u2022 Roads closed.\nCrews worked.\nPower is back.\n\u2022 Schools open.\n"
    assert texts(prose, "plain") == ["Rain fell.", "\u2022 Roads closed.", "Crews worked.", "Power is back.",
                                     "\u2022 Schools open."]


# --- 2. a station's page copy of a programme transcript: the page's chrome around the speech ----------------------

STATION_PAGE = (
    "\nMay 3, 2021 - Evening Report full episode\n5/3/2021 | 54m 10sVideo has Closed Captions\n"
    "May 3, 2021 - Evening Report full episode\nProblems playing video? | Closed Captioning Feedback\n"
    "Major corporate funding for the Evening Report is provided by Acme, Bolt Rail, and Cole Bank. Funding for "
    "the Evening Report Weekend is provided by...\n\n"
    "May 3, 2021 - Evening Report full episode\nProblems playing video? | Closed Captioning Feedback\n"
    "How to Watch Evening Report\n"
    "Evening Report is available to stream on example.org and the free app, available on phones and TVs.\n"
    "Providing Support for Example.org\n"
    "Learn Moreabout online sponsorshipANN LEE: Good evening.\nI'm Ann Lee.\n"
    "MARK DIAZ, Co-Founder, River Festival: It was winding down.\nYou could see it.\n"
    "ANN LEE: All that and more tonight.\n")


def test_a_station_pages_chrome_is_dropped_and_the_glued_label_read():
    """The funding credits counted as speech, so the player's lines after them leaked (past speech only a
    headline in title case is one), and the first label, glued to a link's text, was not read."""
    assert read(STATION_PAGE) == [
        ("lead_in", "Ann Lee", "Good evening."), ("lead_in", "Ann Lee", "I'm Ann Lee."),
        ("quote", "Mark Diaz", "It was winding down."), ("quote", "Mark Diaz", "You could see it."),
        ("lead_in", "Ann Lee", "All that and more tonight.")]
    dropped = []
    parse_script(STATION_PAGE, "transcript", dropped=lambda n, text, why: dropped.append((n, why)))
    assert (6, "programme page") in dropped and (11, "programme page") in dropped
    assert (13, "page text") in dropped


@pytest.mark.parametrize("line", [
    "Funding for the bridge is provided by the state.",  # news: no programme's name, no list of funders
    "Major funding for the Port Authority is provided by tolls.",  # no list
    "The Evening Report is available to viewers across the state.",
    "Problems playing video games, the study found, start early.",
    "Support for the Mayor comes from Acme, Bolt Rail, and Cole Bank."])
def test_speech_like_the_chrome_stays(line):
    script = f"ANN LEE, HOST: Good evening.\n{line}\nMARK DIAZ: Thanks.\n"
    assert texts(script) == ["Good evening.", line, "Thanks."]


@pytest.mark.parametrize("label, name", [("JOHN MacDONALD SMITH", "John MacDonald Smith"),
                                         ("BENJAMIN R. DeCOSTA", "Benjamin R. DeCosta"),
                                         ("SEN. LaTOYA JAMES", "LaToya James")])
def test_a_label_with_a_mixed_case_name_is_not_cut(label, name):
    script = f"ANN LEE, HOST: Good evening.\n{label}: We voted.\nANN LEE: Thanks.\n"
    assert read(script)[1][1:] == (name, "We voted.")


# --- 3. caption archives' lower-case labels; a caption file's speaker IDs in parentheses ----------------------------

ARCHIVE = ("tv   Morning Report  Channel 9  May 14, 2024 8:32pm-9:01pm +03\n\n8:32 pm\n"
           "the harbour is quiet this morning. this is morning report. anchor: hello, and welcome to the program. "
           "the ferries have not run for a week. nora: we asked the\n8:33 pm\noperators why the boats stay in port "
           "and when they will\n8:34 pm\nsail again. so: nothing changed. reporter: at the harbour the boats sit "
           "idle and the\n8:35 pm\ncrews wait for word. nora: thank you.\n")


def test_a_caption_archives_lower_case_labels_are_read():
    """"anchor:", "nora:" and "reporter:" open turns (a role, or a name that opens two); "so:" is a word."""
    assert read(ARCHIVE) == [
        ("lead_in", None, "the harbour is quiet this morning. this is morning report."),
        ("lead_in", None, "hello, and welcome to the program. the ferries have not run for a week."),
        ("quote", "Nora", "we asked the operators why the boats stay in port and when they will sail again. so: "
                          "nothing changed."),
        ("package", "Reporter", "at the harbour the boats sit idle and the crews wait for word."),
        ("quote", "Nora", "thank you.")]


def test_lower_case_labels_only_in_a_lower_case_script():
    """A transcript in mixed case keeps a lower-case word before a colon as words."""
    script = ("ANN LEE, HOST: Good evening. nora: we asked. Then we left.\n"
              "MARK DIAZ: Yes. nora: we asked again.\n")
    assert texts(script) == ["Good evening. nora: we asked. Then we left.", "Yes. nora: we asked again."]


def _srt(tmp_path, body: str) -> list[str]:
    """The cues' (time, text) lines of a caption file subtitled anew (read as the script, timed to its cues)."""
    from click.testing import CliRunner

    from segmenter.cli import main

    (tmp_path / "in.srt").write_text(body, encoding="utf-8")
    result = CliRunner().invoke(main, ["subtitle", str(tmp_path / "in.srt"), "-o", str(tmp_path / "out.srt"),
                                       "--style", "broadcast", "-q"])
    assert result.exit_code == 0, result.output
    blocks = (tmp_path / "out.srt").read_text(encoding="utf-8").strip().split("\n\n")
    return [" ".join(block.split("\n")[1:]) for block in blocks]


CAPTIONS = ("1\n00:00:01,000 --> 00:00:03,000\n(NARRATOR) The river rose\nall night.\n\n"
            "2\n00:00:03,000 --> 00:00:05,000\n(LAUGHS) I know it did.\n\n"
            "3\n00:00:05,000 --> 00:00:07,000\n- (WOMAN ON PHONE) Where are you?\n- (MAN 2) At the bridge.\n\n"
            "4\n00:00:07,000 --> 00:00:09,000\nANNOUNCER: Stay with us.\n")


def test_a_caption_files_speaker_ids_and_sounds_are_never_spoken(tmp_path):
    """"(NARRATOR)" and "(WOMAN ON PHONE)" name who speaks (captions.toml's roles), "(LAUGHS)" is a sound: none is
    subtitled, and none takes the time of the words that follow (each cue starts at its caption's time)."""
    assert _srt(tmp_path, CAPTIONS) == [
        "00:00:01,000 --> 00:00:02,920 The river rose all night.",
        "00:00:03,000 --> 00:00:04,920 I know it did.",
        "00:00:05,000 --> 00:00:05,960 Where are you?",
        "00:00:06,040 --> 00:00:06,920 At the bridge.",
        "00:00:07,000 --> 00:00:09,520 Stay with us."]


def test_read_captions_writes_a_speaker_id_as_a_label():
    from segmenter.align.words import read_captions

    script, words = read_captions(CAPTIONS, "in.srt")
    assert script.split("\n") == ["NARRATOR: The river rose all night.", "[LAUGHS] I know it did.",
                                  "WOMAN ON PHONE: Where are you?", "MAN 2: At the bridge.", "ANNOUNCER: Stay with us."]
    assert [w.text for w in words][:5] == ["The", "river", "rose", "all", "night."]
    assert (words[0].start, words[5].start) == (1.0, 3.0)


@pytest.mark.parametrize("cue", ["(LAUGHTER) We won.", "(Gunfire) They ran.", "(and he knew it) So did we."])
def test_other_parentheses_in_captions(cue):
    """Capitals describe a sound (a production note); mixed case in parentheses is words."""
    from segmenter.align.words import read_captions

    script, _ = read_captions(f"1\n00:00:01,000 --> 00:00:03,000\n{cue}\n", "in.srt")
    assert script == {"(LAUGHTER) We won.": "[LAUGHTER] We won."}.get(cue, cue)


# --- the new patterns read a hostile line in linear time ---------------------------------------------------------

N = 80_000
HOSTILE = {"bullets": "\u2022 a\n" * 3 + " " * N + "\u2022" + " " * N + "x",
           "glued-label": "ab: " + "abcANN LEE" * (N // 10) + ":x",
           "funding": "Funding for Acme" + " " * N + "is provided by" + " a" * (N // 2),
           "streaming": "Acme" + " Bolt" * 5 + " " * N + "is available",
           "player": "May 3, 2021 -" + " " * N + "A" + " x" * (N // 2),
           "lower-label": "tv a\n" + "a." + " " * N + "b" + " " * N + ": c\n" + "b." * (N // 2) + "\n",
           "caption-sound": "(" + "A " * (N // 2), "caption-role": "(MAN ON" + " " * N + "x)",
           "part-heading": "Part 1: " + "a " * (N // 2) + ".", "release-title": "AB" + " " * N + ": XYZ TRANSCRIPT: x",
           "timecode-paren": "(00:38)" + " " * N + ":" + " " * N + "x",
           "podcast-time": "Starting point is 00:00" + " " * N + "x",
           "inline-title": "Yes. " + "AB CD: " * (N // 7) + "x"}


@pytest.mark.parametrize("dialect", ["auto", "transcript"])
@pytest.mark.parametrize("name", HOSTILE)
def test_new_patterns_read_a_hostile_line_in_linear_time(name, dialect):
    """As tests/test_linear.py: within 2 s, or 4 times an ordinary script of as many characters."""
    from test_linear import seconds

    from segmenter.align.words import read_captions

    text = HOSTILE[name]
    ordinary = "word\n" * (N // 5)
    bound = max(2.0, 4 * seconds(lambda: read(ordinary, dialect)))
    if name.startswith("caption"):
        assert seconds(lambda: read_captions(f"1\n00:00:01,000 --> 00:00:03,000\n{text}\n", "a.srt")) < bound
    assert seconds(lambda: read(text, dialect)) < bound


def test_a_caption_file_of_sounds_alone_has_nothing_to_subtitle(tmp_path):
    from click.testing import CliRunner

    from segmenter.cli import main

    (tmp_path / "in.srt").write_text("1\n00:00:01,000 --> 00:00:03,000\n(MUSIC PLAYING)\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["subtitle", str(tmp_path / "in.srt"), "-o", str(tmp_path / "out.srt")])
    assert result.exit_code == 2 and "no spoken text to subtitle" in result.output
    assert not (tmp_path / "out.srt").exists()


# --- 4. more published kinds: a radio programme's page, a podcast site, a broadcaster's release, a podcast app ------

def test_a_radio_programmes_page_with_initials_labels():
    """The notice that transcripts may contain errors counted as speech (so the page's title after it leaked);
    "CO:" after "CAROL OFF:" is her initials; "Back To Top »" and a "Part 1: ..." heading are the page's."""
    script = ("Tuesday June 13, 2017\n\nJune 13, 2017 episode transcript\n\n"
              "Note: Transcripts may contain errors. Please check the audio before quoting.\n\n"
              "The Evening Show Transcript for June 13, 2017\n\nHosts: Ann Lee and Tom Hale\n\n"
              "ANN LEE: Hello, I'm Ann Lee.\n\nTOM HALE: Good evening, I'm Tom Hale.\n\n[Music: Theme]\n\n"
              "AL: Bridges closed. The council voted last night to close both of them.\n\n"
              "TH: Trains ran late. Crews worked through the night on the tracks.\n\n"
              "Back To Top »\n\nPart 1: The bridges, the trains\n\nAL: The bridges first.\n")
    assert read(script) == [
        ("lead_in", "Ann Lee", "Hello, I'm Ann Lee."), ("quote", "Tom Hale", "Good evening, I'm Tom Hale."),
        ("lead_in", "Ann Lee", "Bridges closed. The council voted last night to close both of them."),
        ("quote", "Tom Hale", "Trains ran late. Crews worked through the night on the tracks."),
        ("lead_in", "Ann Lee", "The bridges first.")]


def test_a_podcast_sites_time_and_discussion_count():
    script = ("Transcript\nDiscussion (0)\nStarting point is 00:00:00 Hello, I'm Ann Lee. This is the show.\n"
              "Starting point is 00:00:29 The council met today.\n")
    assert texts(script, "transcript") == ["Hello, I'm Ann Lee. This is the show.", "The council met today."]


def test_a_broadcasters_release_of_an_interview():
    """auto read it as plain: the release's headline, WHEN/WHERE, notice, link and sourcing line leaked, and
    "NAME reporting:" labels (one glued to the name) were spoken."""
    script = ("FIRST ON XYZ: XYZ TRANSCRIPT: XYZ'S ANN LEE SPEAKS WITH ACME CEO TOM HALE TODAY AT 7:15AM ET\n\n"
              "Tom Hale\nGetty Images\n\nWHEN: TODAY, THURSDAY, DECEMBER 3RD AT 7:15AM ET\n\n"
              "WHERE: XYZ'S \"MORNING DESK\"\n\n"
              "Following is the unofficial transcript of an XYZ interview with Acme CEO Tom Hale today.\n\n"
              "Here is a link to the video of the interview: http://example.com/v/1\n\n"
              "All references must be sourced to XYZ.\n\n-----------------------------\n\n"
              "MARK DIAZreporting: The deal is done. Ann Lee is in New York. Ann:\n\n"
              "ANN LEE reporting: Thanks, Mark. I'm here with Tom Hale.\n\nMr. TOM HALE: Ann.\n\n"
              "LEE: Why sell now?\n")
    assert choose_dialect("auto", script).name == "transcript"
    assert read(script) == [
        ("lead_in", "Mark Diaz", "The deal is done. Ann Lee is in New York. Ann:"),
        ("quote", "Ann Lee", "Thanks, Mark. I'm here with Tom Hale."), ("quote", "Tom Hale", "Ann."),
        ("quote", "Ann Lee", "Why sell now?")]


def test_a_podcast_apps_numbered_speakers_and_time_codes():
    """"Speaker 1 (00:02):" with a number was not read as a label by auto (plain), and "(00:38):" where the
    speaker goes on left a colon (transcript) or the time code (plain) as a cue."""
    script = ("Episode Transcript\nAvailable transcripts are automatically generated. Complete accuracy is not "
              "guaranteed.\nSpeaker 1 (00:02):\nNews you can trust for\nthe full picture. Stay with us\n"
              "for the hour.\nSpeaker 2 (00:15):\nThat'd be.\nSpeaker 3 (00:17):\nGood afternoon. Coming up on "
              "today's show, we\nhave the council and the\nweather, and then\n(00:38):\nthe sport, as always, "
              "at the\nend of the hour.\n")
    assert choose_dialect("auto", script).name == "transcript"
    assert read(script) == [
        ("lead_in", "Speaker 1", "News you can trust for the full picture. Stay with us for the hour."),
        ("quote", "Speaker 2", "That'd be."),
        ("quote", "Speaker 3", "Good afternoon. Coming up on today's show, we have the council and the weather, "
                               "and then the sport, as always, at the end of the hour.")]


def test_a_machine_transcripts_notice_is_dropped_as_a_notice():
    dropped = []
    parse_script("Available transcripts are automatically generated. Complete accuracy is not guaranteed.\n"
                 "ANN LEE: Hello.\n", "transcript", dropped=lambda n, text, why: dropped.append((n, why)))
    assert dropped == [(1, "transcript notice")]
