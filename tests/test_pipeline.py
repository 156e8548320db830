"""Exact cues and timings on small inputs: layout, pauses, clamps, frames, start offset."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segmenter.model import Block, Segment
from segmenter.pipeline import render, subtitle
from segmenter.segment import layout_sentence
from segmenter.sentences import split_sentences
from segmenter.style import Style
from segmenter.errors import InputError
from segmenter.timing import parse_time, time_blocks

MS = Style(max_chars_per_line=37, cps=10.0, min_duration=1.0, max_duration=5.0, min_gap=0.1, frame_rate=None,
           pause_ellipsis=0.3, pause_paragraph=0.5, pause_section=1.0)


def test_exact_cues_and_times_of_a_small_script():
    text = ("Flooding hit Busan overnight.\nKim Ha-na reports.\n"
            "Heavy rain fell for six hours,... and rivers burst their banks.\nKim Ha-na, Arirang News.")
    cues = subtitle(text, MS.override(max_lines=1))
    assert [(c.start, c.end, c.lines, c.section, c.speaker) for c in cues] == [
        (0, 2900, ("Flooding hit Busan overnight.",), "lead_in", None),
        # same section and speaker, next paragraph: gap 0.1 + paragraph pause 0.5
        (3500, 5300, ("Kim Ha-na reports.",), "lead_in", None),
        # section change: gap 0.1 + 1.0
        (6400, 9700, ("Heavy rain fell for six hours,...",), "package", "Kim Ha-na"),
        # ellipsis inside the paragraph: gap 0.1 + 0.3
        (10100, 13000, ("and rivers burst their banks.",), "package", "Kim Ha-na"),
        (14100, 16500, ("Kim Ha-na, Arirang News.",), "sign_off", "Kim Ha-na"),
    ]


def test_durations_are_clamped_and_start_offset_applies():
    seg = Segment("package", None, "Hi. " + "x" * 37 + " " + "y" * 37)
    blocks = [Block(("Hi.",), seg), Block(("x" * 37, "y" * 37), seg)]
    cues = time_blocks(blocks, MS, start=10)
    assert [(c.start, c.end) for c in cues] == [(10000, 11000), (11100, 16100)]


@pytest.mark.parametrize("timecode, rate, first", [("01:00:00:15", 29.97, 107907), ("10:00:00:12", 25.0, 900012),
                                                    ("00:00:01:23", 23.976, 47), ("00:00:02.5", 29.97, 75)])
def test_a_start_timecode_starts_the_first_cue_on_its_own_frame(timecode, rate, first):
    """The first cue starts on the frame the timecode names (before, at 29.97 fps 01:00:00:15 started a
    frame late: the parsed seconds, rounded to microseconds, fell just past the frame)."""
    style = Style(frame_rate=rate)
    cue = subtitle("Rain fell.", style, start=parse_time(timecode, rate))[0]
    assert cue.start == round(first * 1000 / rate)


def test_frame_snapping_puts_every_time_on_a_frame():
    style = Style(cps=13.0, min_duration=0.5, max_duration=7.0, min_gap=0.05, frame_rate=25.0)
    cues = subtitle("One short line.\nAnother, slightly longer line of text here.", style, start=1.01)
    assert cues[0].start == 1040  # 1.01 s rounds up to frame 26
    for cue in cues:
        assert cue.start % 40 == 0 and cue.end % 40 == 0
    assert cues[1].start - cues[0].end >= 80  # 0.05 s gap rounds up to 2 frames


def test_ntsc_frame_rate_keeps_bounds():
    style = Style(cps=13.0, min_duration=2.0, max_duration=7.0, min_gap=0.067, frame_rate=29.97)
    cues = subtitle("A.\n" + "word " * 60 + "end.", style)
    assert all(2000 <= c.duration <= 7000 for c in cues)
    assert all(b.start - a.end >= 67 for a, b in zip(cues, cues[1:]))


def test_words_per_minute_lengthens_cues_of_short_words():
    style = MS.override(wpm=60.0)
    (cue,) = subtitle("I am so sad.", style)
    assert cue.duration == 4000  # 4 words at 60 wpm beats 12 chars at 10 cps


def test_layout_prefers_sentence_then_comma_then_conjunction():
    style = Style(max_chars_per_line=30)
    blocks = layout_sentence("The minister arrived late, and the talks began without her delegation.".split(),
                             style)
    assert blocks == (("The minister arrived late,",), ("and the talks began", "without her delegation."))


def test_never_splits_name_or_number_and_unit():
    style = Style(max_chars_per_line=24)
    lines = [line for block in layout_sentence(
        "Officials said Foreign Minister Kang Kyung-wha spoke for 50 minutes with Toshimitsu Motegi.".split(),
        style) for line in block]
    text = "\n".join(lines)
    for phrase in ("Kang Kyung-wha", "50 minutes", "Toshimitsu Motegi"):
        assert phrase in lines or any(phrase in line for line in lines), text


def test_balanced_bottom_heavy_two_line_cue():
    style = Style(max_chars_per_line=42)
    (block,) = layout_sentence("Japan imposed trade restrictions on Korea in July and August last year.".split(),
                               style)
    top, bottom = block
    assert len(top) <= len(bottom) and abs(len(top) - len(bottom)) < 20


def test_single_token_longer_than_a_line_stands_alone():
    style = Style(max_chars_per_line=10)
    blocks = layout_sentence(["short", "x" * 25, "tail."], style)
    assert [line for b in blocks for line in b] == ["short", "x" * 25, "tail."]


@pytest.mark.parametrize("text, expected", [
    ("He met U.S. officials at 3 p.m. on Sept. 4. Talks followed.",
     ("He met U.S. officials at 3 p.m. on Sept. 4.", "Talks followed.")),
    ("Mr. Kim and Gen. Lee met Dr. Park at the U.N. in Jan. this year.",
     ("Mr. Kim and Gen. Lee met Dr. Park at the U.N. in Jan. this year.",)),
    ("It rained,... Then it stopped.", ("It rained,... Then it stopped.",)),
    ("It rained... Then it stopped... and started again.", ("It rained...", "Then it stopped... and started again.")),
])
def test_sentences(text, expected):
    assert split_sentences(text) == expected


_SENTENCE_BITS = ["Kim", "U.S.", "p.m.", "Mr.", "Sept. 4", ".", "?", "!", "...", ",...", "…", '"', "“", "”", "(", ")",
                  "'", " ", "  ", "\n", "\t", "\u3000", "a", "The", "said", "3.5", "no.", "Yes!"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.sampled_from(_SENTENCE_BITS), max_size=14).map("".join))
def test_text_without_an_inner_sentence_end_skips_punkt_with_the_same_result(text):
    """A text with no sentence-end character before its last word is one sentence without asking Punkt;
    the answer is the one Punkt gives."""
    from segmenter import sentences

    fast = split_sentences(text)
    saved = sentences._end_chars
    sentences._end_chars = lambda language: ("",)  # "" is in every text: always ask Punkt
    try:
        assert split_sentences(text) == fast
    finally:
        sentences._end_chars = saved


def test_render_ends_with_newline_and_escapes_vtt():
    cues = subtitle("Profits & losses <rose> --> fell.", MS)
    vtt = render(cues, "vtt")
    assert vtt.endswith("\n") and "Profits &amp; losses &lt;rose&gt; --&gt; fell." in vtt
    assert render(cues, "srt").endswith("\n")


@pytest.mark.parametrize("text, seconds", [("0", 0.0), ("12.5", 12.5), ("01:00:00.250", 3600.25)])
def test_parse_time(text, seconds):
    assert parse_time(text) == seconds


@pytest.mark.parametrize("text, seconds", [("10:00:00;00", 36000.0), ("00:01:00;02", 60 + 2 / 29.97)])
def test_a_drop_frame_timecode_is_read_as_its_label(text, seconds):
    assert parse_time(text, 29.97) == round(seconds, 6)
    with pytest.raises(InputError):
        parse_time(text.replace(";", ";;"), 29.97)


def test_a_sentence_ending_on_an_abbreviation_does_not_share_its_cue():
    """Inside one layout unit "p.m. | The" would read as no sentence end ("3 p.m. The / leaders ...")."""
    cues = subtitle("The summit ended at 3 p.m. The leaders then left for the airport.\n")
    assert [cue.lines for cue in cues] == [("The summit ended at 3 p.m.",),
                                           ("The leaders then left", "for the airport.")]
