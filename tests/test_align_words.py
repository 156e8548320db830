"""Subtitles timed from ASR word times (--words): readers, spoken forms, alignment, timing from speech."""

from __future__ import annotations

import json
import statistics

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from segmenter import subtitle
from segmenter.align import read_words
from segmenter.align.match import align_tokens, pair_words
from segmenter.align.spoken import spoken_tokens
from segmenter.align.synth import asr_words
from segmenter.align.words import Word, read_words_text
from segmenter.cli import main
from segmenter.errors import InputError
from segmenter.style import Style

# Our own test paragraphs (one paragraph a line), with numbers, names, abbreviations and a toss.
PARAGRAPHS = [
    "Flood waters rose across the southern provinces on Tuesday, cutting roads to dozens of villages.",
    "Rescue teams said more than 1,200 people spent the night in school gyms and community halls.",
    "Choi Da-eun reports.",
    "The river at Gimhae crested just after 5 a.m., nearly two metres above its warning level.",
    "Officials from the U.N. relief office arrived by helicopter with water pumps and tents.",
    "Farmers say the rain destroyed about 40% of the rice crop, a loss of some $2.4 million.",
    "The weather service expects the rain to ease by Thursday, but warned of landslides in the hills.",
    "Residents who lived through the floods of 1987 say they have never seen the water rise so fast.",
    "Choi Da-eun, Arirang News.",
]
STYLE = Style(frame_rate=25.0)


def openings(cues, paragraphs, truth):
    """Start error (s) of the cue that opens each paragraph, or None where no cue opens it."""
    opens, k = {}, 0
    for c in cues:
        opens[k] = c
        k += len(c.text.split())
    errors, k = [], 0
    for p in paragraphs:
        c = opens.get(k)
        errors.append(None if c is None else abs(c.start / 1000 - truth[k][0]))
        k += len(p.split())
    return errors


# --- readers ---------------------------------------------------------------------------------------------

def test_whisper_faster_whisper_and_whisperx_json(tmp_path):
    whisper = {"text": " Rain fell.", "segments": [
        {"id": 0, "start": 0.0, "end": 1.2, "text": " Rain fell.",
         "words": [{"word": " Rain", "start": 0.1, "end": 0.5, "probability": 0.9},
                   {"word": " fell.", "start": 0.5, "end": 1.1, "probability": 0.8}]},
        {"id": 1, "start": 2.0, "end": 3.0, "text": " In 1965",
         "words": [{"word": "In", "start": 2.0, "end": 2.2}, {"word": "1965", "score": 0.4},  # WhisperX: no time
                   {"word": "now", "start": 2.8, "end": 3.0}]}]}
    path = tmp_path / "asr.json"
    path.write_text(json.dumps(whisper), encoding="utf-8")
    assert read_words(str(path)) == (Word("Rain", 0.1, 0.5), Word("fell.", 0.5, 1.1), Word("In", 2.0, 2.2),
                                     Word("1965", 2.2, 2.8), Word("now", 2.8, 3.0))


def test_plain_list_srt_and_webvtt():
    assert read_words_text('[{"word": "a", "start": 1, "end": 2}, {"text": "b", "start": 2, "end": 3.5}]',
                           "w.json") == (Word("a", 1.0, 2.0), Word("b", 2.0, 3.5))
    vtt = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Kim>Abc defg\n\n00:00:03.000 --> 00:00:04.000\nhi\n"
    assert read_words_text(vtt, "auto.vtt") == (Word("Abc", 1.0, 1.375), Word("defg", 1.5, 2.0),
                                                Word("hi", 3.0, 4.0))
    # a rolling caption repeats the line before: its words are read once
    srt = ("1\n00:00:01,000 --> 00:00:02,000\nrain fell\n\n"
           "2\n00:00:02,000 --> 00:00:03,000\nrain fell\nin seoul\n")
    assert [w.text for w in read_words_text(srt, "auto.srt")] == ["rain", "fell", "in", "seoul"]


# automatic captions as YouTube serves them (yt-dlp --write-auto-subs): each cue repeats the line before and
# times its new words with inline timestamps; a 10 ms cue shows the finished line again
AUTO_VTT = """WEBVTT
Kind: captions
Language: en

00:00:00.000 --> 00:00:02.500 align:start position:0%
 
rain<00:00:00.400><c> fell</c><00:00:00.900><c> in</c><00:00:01.100><c> seoul</c>

00:00:02.500 --> 00:00:02.510 align:start position:0%
rain fell in seoul
 

00:00:02.510 --> 00:00:05.000 align:start position:0%
rain fell in seoul
all<00:00:02.900><c> night</c>

00:00:05.000 --> 00:00:05.010 align:start position:0%
all night
 

00:00:05.010 --> 00:00:06.000 align:start position:0%
all night
again
"""


def test_automatic_captions_with_inline_word_times():
    """Each word once, timed by its inline timestamp (before: every line read twice, and times spread over
    the cue by characters)."""
    assert [(w.text, w.start, w.end) for w in read_words_text(AUTO_VTT, "auto.en.vtt")] == [
        ("rain", 0.0, 0.4), ("fell", 0.4, 0.9), ("in", 0.9, 1.1), ("seoul", 1.1, 2.5),
        ("all", 2.51, 2.9), ("night", 2.9, 5.0), ("again", 5.01, 6.0)]
    cues = subtitle("Rain fell in Seoul all night.\nAgain.", Style(frame_rate=None, linger=0.0, min_duration=0.5),
                    words=read_words_text(AUTO_VTT, "auto.en.vtt"))
    assert [(c.start, c.text) for c in cues] == [(0, "Rain fell in Seoul all night."), (5010, "Again.")]


def test_a_caption_shown_again_at_once_is_read_once():
    """A paint-on caption file repaints a cue; a cue that merely says the same later is speech again."""
    srt = ("1\n00:00:01,000 --> 00:00:02,000\nNo.\n\n2\n00:00:02,000 --> 00:00:02,010\nNo.\n\n"
           "3\n00:00:04,000 --> 00:00:05,000\nNo.\n")
    assert [(w.text, w.start) for w in read_words_text(srt, "auto.srt")] == [("No.", 1.0), ("No.", 4.0)]


@pytest.mark.parametrize("text, message", [
    ("{", "not valid JSON"),
    ('{"segments": [{"text": "hi"}]}', "segments have no word times"),
    ('{"results": []}', r"JSON is an object of no known word-time format \(read: whisper"),
    ('[{"word": "a", "start": 2, "end": 1}]', "word 1 is not a word with a start and an end time"),
    ('[{"word": "a", "start": "x", "end": 1}]', "word 1 is not a word"),
    ('[]', "no words with times"),
    ('[{"word": "a"}]', "no word has a time"),
    ('"words"', "JSON is a value of no known word-time format"),
])
def test_bad_word_files_give_one_line_errors(text, message):
    with pytest.raises(InputError, match=message) as info:
        read_words_text(text, "asr.json")
    assert str(info.value).startswith("asr.json: ") and "\n" not in str(info.value)


def test_missing_word_file():
    with pytest.raises(InputError, match="nope.json: no such file"):
        read_words("nope.json")


# --- spoken forms ----------------------------------------------------------------------------------------

@pytest.mark.parametrize("written, spoken", [
    ("1965", "nineteen sixty five"), ("2.4 million", "two point four million"), ("5 a.m.", "five a m"),
    ("$1 million", "one million dollars"), ("$5", "five dollars"), ("U.N.", "u n"), ("9/11", "nine eleven"),
    ("40%", "forty percent"), ("1,200", "one thousand two hundred"), ("2008", "two thousand eight"),
    ("the 1980s", "the nineteen eighties"), ("3rd", "third"), ("10:05", "ten oh five"), ("Dr. Kim", "doctor kim"),
    ("Kyung-wha", "kyung wha"), ("well-known", "well known"), ("--", ""),
])
def test_spoken_forms(written, spoken):
    assert " ".join(w for t in spoken_tokens(written.split()) for w in t) == spoken


# --- alignment -------------------------------------------------------------------------------------------

def test_split_and_joined_words_and_substitutions_pair_up():
    s = "the data base was in north east asia today".split()
    a = "a database was on northeast asia to day".split()
    assert pair_words(s, a) == [(0, 0, 2), (1, 1, 3), (2, 1, 3), (3, 2, 0), (4, 3, 2), (5, 4, 3), (6, 4, 3),
                                (7, 5, 0), (8, 6, 3), (8, 7, 3)]


def test_cut_text_and_extra_speech_are_found():
    said = ("talks resumed on friday . so um what do you make of that and how long will it all take to end "
            ". both sides said they were close").split()
    asr = [Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(w for w in said if w != ".")]
    script = ("Talks resumed on Friday. The delegates met for three hours in a closed room. "
              "Both sides said they were close.").split()
    result = align_tokens(script, asr)
    states = [t.state for t in result.tokens]
    assert states == ["exact"] * 4 + ["cut"] * 10 + ["exact"] * 6
    assert [(e.start, e.end, e.text) for e in result.extras] == [(1.6, 8.3, "so um what do you make of that and how long will it all take to end")]


def test_long_run_of_misheard_words_is_kept_not_cut():
    script = "Rain fell all night over the eastern hills and valleys today.".split()
    asr = [Word(w, i * 0.4, i * 0.4 + 0.3)
           for i, w in enumerate("rain fell small knight hover a yeast urn pills ant galleys today".split())]
    result = align_tokens(script, asr)
    assert "cut" not in [t.state for t in result.tokens]
    assert result.tokens[-1].start == pytest.approx(4.4)


def test_damaged_asr_words_median_start_error_within_30_ms():
    errors = []
    for seed in range(4):
        words, truth = asr_words(PARAGRAPHS, seed=seed, substituted=0.10, missed=0.03, inserted=0.02)
        messages = []
        cues = subtitle("\n".join(PARAGRAPHS), STYLE, words=words, warn=messages.append)
        assert sum(len(c.text.split()) for c in cues) == sum(len(p.split()) for p in PARAGRAPHS)  # none lost
        assert not [m for m in messages if "not in the audio" in m]
        errors += openings(cues, PARAGRAPHS, truth)
    assert None not in errors
    assert statistics.median(errors) <= 0.03
    assert sorted(errors)[int(0.95 * len(errors))] <= 0.2


def test_clean_asr_words_every_paragraph_within_a_frame():
    words, truth = asr_words(PARAGRAPHS, seed=7)
    cues = subtitle("\n".join(PARAGRAPHS), STYLE, words=words)
    assert max(openings(cues, PARAGRAPHS, truth)) <= 0.02 + 1e-9  # half a frame at 25 fps


def test_cut_paragraph_dropped_and_reported_or_kept():
    spoken = PARAGRAPHS[:4] + PARAGRAPHS[5:]
    words, _ = asr_words(spoken, seed=2)
    messages = []
    cues = subtitle("\n".join(PARAGRAPHS), STYLE, words=words, warn=messages.append)
    text = " ".join(c.text for c in cues)
    assert "U.N." not in text and "Gimhae" in text and "Farmers" in text
    assert messages == ["paragraph 5: not in the audio, dropped: 'Officials from the U.N. relief office arrived "
                        "by helicopter with wa...'", "88% of the script's words found in the audio"]
    kept = subtitle("\n".join(PARAGRAPHS), STYLE, words=words, keep_unaligned=True)
    assert sum(len(c.text.split()) for c in kept) == sum(len(p.split()) for p in PARAGRAPHS)
    assert [c.start for c in kept] == sorted(c.start for c in kept)


# --- timing from speech ----------------------------------------------------------------------------------

def test_lead_in_linger_gap_and_minimum_duration():
    words = [("one", 1.0, 1.3), ("two", 1.5, 1.8), ("three", 2.0, 2.2), ("four", 2.31, 2.5)]
    style = Style(frame_rate=25.0, lead_in_frames=2, linger=0.5, min_duration=1.0, min_gap=0.08,
                  max_chars_per_line=6, max_lines=1)
    cues = subtitle("One. Two. Three. Four.", style, words=words)
    # starts 2 frames (80 ms) before each onset; ends: linger, but never past the next cue less the gap
    assert [(c.start, c.end, c.text) for c in cues] == [
        (920, 1360, "One."), (1440, 1840, "Two."), (1920, 2160, "Three."), (2240, 3240, "Four.")]


def test_short_cue_extended_into_silence_and_times_on_frames():
    words = [("yes", 1.01, 1.2), ("then", 5.0, 5.3), ("more", 5.4, 5.7)]
    style = Style(frame_rate=25.0, linger=0.0, min_duration=1.2, max_chars_per_line=37)
    cues = subtitle("Yes.\nThen more.", style, words=words)
    assert [(c.start, c.end) for c in cues] == [(1000, 2200), (5000, 6200)]
    assert all(c.start % 40 == 0 and c.end % 40 == 0 for c in cues)


def test_no_cue_runs_past_the_end_of_the_media():
    from segmenter.align.sync import sync
    from segmenter.model import Segment

    words = [Word("one", 1.0, 1.3), Word("two", 9.5, 9.8)]
    style = Style(frame_rate=25.0, lead_in_frames=0, linger=0.5, min_duration=1.0)
    segments = [Segment("package", None, "One. Two.")]
    timed = [(c.start, c.end) for c in sync(segments, words, style)[0]]
    assert timed == [(1000, 2000), (9520, 10520)]  # unknown length: linger and minimum duration
    # the media ends at 9.93 s: the last cue ends on its last whole frame, 9.92 s (with a start timecode too)
    assert [(c.start, c.end) for c in sync(segments, words, style, media_end=9.93)[0]] == [(1000, 2000), (9520, 9920)]
    assert sync(segments, words, style, 60.0, media_end=9.93)[0][-1].end == 69920


def test_a_short_pause_in_speech_is_chained_under_netflix():
    """Netflix closes a gap of 12 frames or fewer to 2 frames: the cue before stays up through a short pause
    (a pause of 1 s, 0.5 s after the linger) and the viewer sees no flicker; a longer pause keeps its gap."""
    from segmenter.style import load_style

    words = [("one", 1.0, 1.5), ("two", 2.5, 3.0), ("three", 5.0, 5.5)]
    cues = subtitle("One. Two. Three.", load_style("netflix"), words=words)
    frame = 1000 / 24
    assert [round(c.start / frame) for c in cues] == [24, 60, 120]
    assert [round(c.end / frame) for c in cues] == [58, 84, 144]  # 58 = 60 - 2 (was 48: 2 s, the linger's end)


def test_speech_faster_than_reading_speed_is_warned():
    words = [(w, i * 0.15, i * 0.15 + 0.14) for i, w in enumerate("we went there and came back at once".split())]
    words += [("then", 5.0, 5.5), ("rest", 5.6, 6.0)]
    messages = []
    cues = subtitle("We went there and came back at once.\nThen rest.", Style(frame_rate=None, cps=17,
                    linger=0.0, min_duration=0.5), words=words, warn=messages.append)
    assert messages == ["faster than the style's reading speed (the speech is): cue 1"]
    assert cues[0].end <= cues[1].start - 80


def test_a_long_pause_ends_the_cue_and_a_pause_draws_the_break():
    text = "The plan was ready and would go to parliament."
    plain = subtitle(text, Style(frame_rate=None))
    assert len(plain) == 1  # one cue when timed by reading speed
    times, t = [], 0.0
    for i, w in enumerate(text.split()):
        times.append((w, t, t + 0.3))
        t += 0.35 + (1.2 if w == "ready" else 0.0)
    cues = subtitle(text, Style(frame_rate=None), words=times)
    assert [c.text for c in cues] == ["The plan was ready", "and would go to parliament."]
    # a shorter pause is no hard break but moves the break to it
    long = ("Negotiators from both countries met for three hours on Friday in the capital "
            "and agreed to meet again next month to settle the remaining points.")
    words, t = [], 0.0
    for w in long.split():
        words.append((w, t, t + 0.3))
        t += 0.35 + (0.6 if w == "Friday" else 0.0)
    assert [c.text for c in subtitle(long, Style(frame_rate=None), words=words)][0].endswith("on Friday")


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), sub=st.floats(0, 0.3), miss=st.floats(0, 0.2), ins=st.floats(0, 0.2))
def test_cues_from_any_damaged_words_keep_the_style(seed, sub, miss, ins):
    words, _ = asr_words(PARAGRAPHS[:5], seed=seed, substituted=sub, missed=miss, inserted=ins)
    if not words:
        return
    cues = subtitle("\n".join(PARAGRAPHS[:5]), STYLE, words=words)
    for a, b in zip(cues, cues[1:]):
        assert b.start - a.end >= 80  # the minimum gap, in frames of 40 ms
    for c in cues:
        assert 40 <= c.duration <= STYLE.max_duration * 1000 and c.start % 40 == 0 and c.end % 40 == 0
        assert all(len(line) <= STYLE.max_chars_per_line for line in c.lines)


# --- command line ----------------------------------------------------------------------------------------

def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_cli_words_option(tmp_path):
    script = tmp_path / "story.txt"
    script.write_text("\n".join(PARAGRAPHS), encoding="utf-8")
    words, truth = asr_words(PARAGRAPHS, seed=5)
    asr = tmp_path / "asr.json"
    asr.write_text(json.dumps({"segments": [{"words": [{"word": w.text, "start": w.start, "end": w.end}
                                                      for w in words]}]}), encoding="utf-8")
    out = tmp_path / "story.srt"
    result = run("subtitle", script, "--words", asr, "-o", out)
    assert result.exit_code == 0, result.output
    first = out.read_text(encoding="utf-8").split("\n")[1]
    assert first.startswith(f"00:00:00,{round(truth[0][0] * 25) * 40:03d} --> ")


def test_cli_speech_options_misused(tmp_path):
    script = tmp_path / "story.txt"
    script.write_text("Rain fell.", encoding="utf-8")
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    for args, message in (((script, "--words", bad), f"{bad}: not valid JSON"),
                          ((script, "--words", "x.json", "--audio", "x.wav"), "not both"),
                          ((script, script, "--words", bad), "one SCRIPT"),
                          ((script, "--keep-unaligned"), "needs --audio or --words")):
        result = run("subtitle", *args)
        assert result.exit_code == 2 and message in result.output, result.output


def test_start_offsets_speech_times():
    words = [("rain", 0.5, 0.8), ("fell", 0.9, 1.3)]
    [cue] = subtitle("Rain fell.", Style(frame_rate=None), 10.0, words=words)
    assert (cue.start, cue.end) == (10500, 11800)


def _value(words: list[str]) -> int:
    """The number that words from :func:`cardinal` name (the test's own reading of them)."""
    small = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                        "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
    small.update({w: 10 * i for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split(), 2)})
    scales = {"thousand": 10 ** 3, "million": 10 ** 6, "billion": 10 ** 9, "trillion": 10 ** 12}
    total = part = 0
    for w in words:
        if w in small:
            part += small[w]
        elif w == "hundred":
            part *= 100
        else:
            total, part = total + part * scales[w], 0
    return total + part


@settings(max_examples=300, deadline=None)
@given(n=st.integers(0, 10 ** 15 - 1))
def test_cardinals_name_their_number(n):
    from segmenter.align.spoken import cardinal

    assert _value(cardinal(n)) == n
    assert spoken_tokens([f"{n:,}"])[0] == tuple(cardinal(n))  # thousands commas: read as a cardinal


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1100, 2099))
def test_years_are_read_in_pairs(n):
    words = spoken_tokens([str(n)])[0]
    if 2000 <= n < 2010:
        assert _value(list(words)) == n
    else:
        high, low = divmod(n, 100)
        head = [w for w in words][: len(spoken_tokens([str(high)])[0])]
        assert _value(head) == high and (low == 0 or _value([w for w in words[len(head):] if w != "oh"]) == low)


def test_speech_of_another_script_is_an_error():
    words = [("completely", 0.1, 0.5), ("different", 0.6, 0.9), ("speech", 1.0, 1.4)]
    with pytest.raises(InputError, match="word times: none of the script's words is in its speech"):
        subtitle("Rain fell over Seoul all night long.", STYLE, words=words)


def test_text_replaced_by_other_speech_of_its_length_is_cut_when_recognised_from_audio():
    said = "talks resumed on friday so um what do you make of that both sides said they were close".split()
    asr = [Word(w, i * 0.4, i * 0.4 + 0.3) for i, w in enumerate(said)]
    script = ("Talks resumed on Friday. The delegates met for three hours in a closed room. "
              "Both sides said they were close.").split()
    # from an ASR's words it is ambiguous (the text misheard?) and kept; a recogniser whose vocabulary is
    # the script's and common words heard none of the script's words there: other speech, the text is cut
    assert [t.state for t in align_tokens(script, asr).tokens][4:14] == ["interpolated"] * 2 + ["substituted"] * 8
    result = align_tokens(script, asr, absorbed=True)
    assert [t.state for t in result.tokens] == ["exact"] * 4 + ["cut"] * 10 + ["exact"] * 6
    assert [e.text for e in result.extras] == ["so um what do you make of that"]


def test_words_that_take_no_time_still_time_the_script():
    """An ASR that gives every word a zero length ("start" = "end") left no speaking rate to time the
    unheard words by: division by zero (found by fuzzing). The default rate stands in."""
    cues = subtitle("Any objection?", Style(), words=[("objection?", 1.589, 1.589)])
    assert [c.lines for c in cues] == [("Any objection?",)]
    assert cues[0].start <= 1589 <= cues[0].end
