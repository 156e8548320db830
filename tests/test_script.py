"""Script structure: heuristics for plain prose and the explicit markup."""

from __future__ import annotations

import pytest

from segmenter.dialect import choose_dialect
from segmenter.script import display_name, is_sign_off, parse_script


def sections(text):
    return [(s.section, s.speaker, s.text) for s in parse_script(text)]


@pytest.mark.parametrize("toss, name", [
    ("Lee Ji-won reports.", "Lee Ji-won"),
    ("Kim Min-ji has more.", "Kim Min-ji"),
    ("Our correspondent Park Soo-bin has the story.", "Park Soo-bin"),
    ("John Smith reports from Seoul.", "John Smith"),
    ("Ana Lima has more from Brasilia.", "Ana Lima"),
])
def test_toss_forms_end_the_lead_in_and_name_the_reporter(toss, name):
    got = sections(f"Markets fell sharply today.\n{toss}\nTraders were nervous.")
    assert got == [("lead_in", None, "Markets fell sharply today."), ("lead_in", None, toss),
                   ("package", name, "Traders were nervous.")]


def test_toss_inside_a_paragraph_splits_it():
    got = sections("Markets fell today. Kim Min-ji reports. Traders were nervous.")
    assert got == [("lead_in", None, "Markets fell today."), ("lead_in", None, "Kim Min-ji reports."),
                   ("package", "Kim Min-ji", "Traders were nervous.")]


@pytest.mark.parametrize("line, name", [
    ("Lee Ji-won, Arirang News.", "Lee Ji-won"),
    ("Jane Smith, KXYZ-TV, Cityville.", "Jane Smith"),
    ("Choi Yu-na, Arirang News, Busan.", "Choi Yu-na"),
    ("Tom Reyes, BBC News, Manila.", "Tom Reyes"),
])
def test_sign_off_forms(line, name):
    assert is_sign_off(line).group("name") == name


@pytest.mark.parametrize("line", ["However, Japan disagreed.", "Seoul, Tokyo and Beijing met.",
                                  "Abe, the Japanese PM, spoke for an hour about trade and security."])
def test_sentences_that_are_not_sign_offs(line):
    assert is_sign_off(line) is None


def test_reporter_from_sign_off_without_toss():
    got = sections("The storm hit the coast overnight.\nRoads were closed.\nChoi Yu-na, Arirang News.")
    assert got == [("package", "Choi Yu-na", "The storm hit the coast overnight."),
                   ("package", "Choi Yu-na", "Roads were closed."),
                   ("sign_off", "Choi Yu-na", "Choi Yu-na, Arirang News.")]


def test_reader_without_toss_or_sign_off_is_all_lead_in():
    assert {s.section for s in parse_script("One thing happened.\nThen another.")} == {"lead_in"}


def test_line_closing_an_unopened_quote_is_a_bite():
    text = ("Rain fell.\nKim Ha-na reports.\nThe minister was blunt.\n"
            'We will not accept this, and we will respond."\nThe talks go on.\nKim Ha-na, Arirang News.')
    got = sections(text)
    assert got[3] == ("quote", None, 'We will not accept this, and we will respond."')
    assert got[4][0] == "package"


def test_balanced_quote_inside_a_line_is_not_a_bite():
    got = sections('Rain fell.\nKim Ha-na reports.\nHe called it "a disgrace" and left.')
    assert got[-1][0] == "package"


def test_bulletin_splits_stories_at_sign_offs():
    text = ("Story one opens.\nAnn Lee reports.\nOne goes on.\nAnn Lee, Arirang News.\n\n"
            "Story two opens.\nBo Kim reports from Busan.\nTwo goes on.\nBo Kim, Arirang News, Busan.")
    segments = parse_script(text)
    assert [s.story for s in segments] == [0, 0, 0, 0, 1, 1, 1, 1]
    assert [(s.section, s.speaker) for s in segments if s.story == 1] == [
        ("lead_in", None), ("lead_in", None), ("package", "Bo Kim"), ("sign_off", "Bo Kim")]


def test_markup_labels_markers_and_notes():
    text = ("[LEAD-IN]\nTalks resumed today. [VIDEO: handshake]\n"
            "REPORTER: The delegates met for three hours.\n((graphic: map))\n"
            "KANG KYUNG-WHA: We made progress ((pause)) on several points.\n"
            "[SOT 0:12]\nREPORTER: Another round is planned.\n[SIGN-OFF]\nLee Ji-won, Arirang News.")
    assert sections(text) == [
        ("lead_in", None, "Talks resumed today."),
        ("package", "Lee Ji-won", "The delegates met for three hours."),
        ("quote", "Kang Kyung-wha", "We made progress on several points."),
        ("package", "Lee Ji-won", "Another round is planned."),
        ("sign_off", "Lee Ji-won", "Lee Ji-won, Arirang News."),
    ]


def test_label_persists_for_following_lines_and_anchor_is_lead_in():
    got = sections("ANCHOR: Good evening.\nHere is the news.\nMARIA GONZALEZ: Thank you.")
    assert got == [("lead_in", None, "Good evening."), ("lead_in", None, "Here is the news."),
                   ("quote", "Maria Gonzalez", "Thank you.")]


def test_display_name():
    assert display_name("TOSHIMITSU MOTEGI") == "Toshimitsu Motegi"


def test_an_initialism_label_stays_in_capitals():
    """A prime minister's transcript labels him "PM:"; he was shown as "Pm" (the list: en.toml's initialisms)."""
    text = "PM: Good morning, everyone.\n\nJOURNALIST: How much will it cost?\n\nPM: About two billion dollars.\n"
    assert [(s.speaker, s.text) for s in parse_script(text)] == [
        ("PM", "Good morning, everyone."), ("Journalist", "How much will it cost?"),
        ("PM", "About two billion dollars.")]


def test_a_sentence_in_capitals_before_a_colon_is_no_speaker_label():
    """Prompter scripts are typed in capitals: "THE MAYOR PUT IT THIS WAY:" read as a speaker label lost
    its words (nothing said they were dropped) and named the next line's speaker after it."""
    text = ("GOOD EVENING. THE CITY COUNCIL VOTED TONIGHT TO RAISE BUS FARES.\n"
            "THE MAYOR PUT IT THIS WAY: WE NEED MORE BUSES ON THE ROAD.\n"
            "HERE'S WHAT HE SAID:\n"
            "RIDERS WERE NOT HAPPY.\n"
            "WILL SMITH: I RIDE EVERY DAY.\n")
    segments = parse_script(text)
    assert [s.text for s in segments] == [
        "GOOD EVENING. THE CITY COUNCIL VOTED TONIGHT TO RAISE BUS FARES.",
        "THE MAYOR PUT IT THIS WAY: WE NEED MORE BUSES ON THE ROAD.",
        "HERE'S WHAT HE SAID:", "RIDERS WERE NOT HAPPY.", "I RIDE EVERY DAY."]
    assert segments[-1].speaker == "Will Smith"


def test_a_prompter_script_in_capitals_keeps_its_structure():
    """A local station's script typed in capitals: marks dropped, the bite's speaker named by its super in
    name case (the WebVTT voice tag showed "DAVID ORTIZ"), the anchor's copy after the bite hers again."""
    text = ("FLOODING\n((KAREN))\n(**ON CAMERA**)\nA BROKEN WATER MAIN FLOODED SEVERAL DOWNTOWN STREETS.\n"
            "(**SOT**) [:12]\nCG: DAVID ORTIZ / OWNER, ORTIZ BAKERY\nIN: WE CAME IN\n"
            "WE CAME IN AND THERE WAS TWO FEET OF WATER.\nOUT: WATER\n(**ON CAMERA**)\n"
            "THE CITY SAYS DRINKING WATER IS SAFE.\n")
    assert choose_dialect("auto", text).name == "newsroom"
    assert [(s.text, s.speaker) for s in parse_script(text, "newsroom")] == [
        ("A BROKEN WATER MAIN FLOODED SEVERAL DOWNTOWN STREETS.", "Karen"),
        ("WE CAME IN AND THERE WAS TWO FEET OF WATER.", "David Ortiz"),
        ("THE CITY SAYS DRINKING WATER IS SAFE.", "Karen")]
