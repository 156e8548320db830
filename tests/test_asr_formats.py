"""The JSON of ASR services read as word times (segmenter/align/asr_formats.py): one hand-written file per
format in its exact shape (invented words), punctuation, units, hostile input, size, the CLI."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given, settings, strategies as st

from segmenter.align.asr_formats import FORMATS
from segmenter.align.words import read_words, read_words_text
from segmenter.cli import main
from segmenter.errors import InputError


def read(data, origin="asr.json", warn=None):
    return read_words_text(json.dumps(data), origin, warn)


def same(words, expected):
    """``words`` are ``expected`` ((text, start, end) in seconds): texts exactly, times to a nanosecond."""
    assert [w.text for w in words] == [e[0] for e in expected]
    for w, (_, start, end) in zip(words, expected):
        assert w.start == pytest.approx(start, abs=1e-9) and w.end == pytest.approx(end, abs=1e-9), (w, start, end)


# --- one file per format, written by hand in its shape -------------------------------------------------------

AWS = {"jobName": "tide-1", "accountId": "1", "status": "COMPLETED", "results": {
    "transcripts": [{"transcript": "Tide rose, fast."}],
    "items": [
        {"id": 0, "start_time": "0.04", "end_time": "0.41", "type": "pronunciation",
         "alternatives": [{"confidence": "0.99", "content": "Tide"}]},
        {"id": 1, "start_time": "0.41", "end_time": "0.8", "type": "pronunciation",
         "alternatives": [{"confidence": "0.98", "content": "rose"}]},
        {"id": 2, "type": "punctuation", "alternatives": [{"confidence": "0.0", "content": ","}]},
        {"id": 3, "start_time": "0.95", "end_time": "1.3", "type": "pronunciation",
         "alternatives": [{"confidence": "0.97", "content": "fast"}]},
        {"id": 4, "type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]}]}}

GOOGLE_V1 = {"results": [
    {"alternatives": [{"transcript": "Tide rose", "confidence": 0.93, "words": [
        {"startTime": "0s", "endTime": "0.400s", "word": "Tide"},
        {"startTime": "0.400s", "endTime": "0.800s", "word": "rose"}]}], "languageCode": "en-us"},
    {"alternatives": [{"transcript": " fast", "confidence": 0.9, "words": [
        {"startTime": {"seconds": "1", "nanos": 100000000}, "endTime": {"seconds": 1, "nanos": 500000000},
         "word": "fast"}]}], "languageCode": "en-us"}]}

GOOGLE_V2 = {"results": [
    {"alternatives": [{"transcript": "Tide rose", "words": [
        {"endOffset": "0.400s", "word": "Tide"},  # a zero offset is left out, as proto3 JSON does
        {"startOffset": "0.400s", "endOffset": "0.800s", "word": "rose"}]}],
     "resultEndOffset": "0.900s", "languageCode": "en-US"},
    {"resultEndOffset": "1s", "languageCode": "en-US"}]}  # a result without speech

DEEPGRAM = {"metadata": {"request_id": "r1", "duration": 1.5, "channels": 1}, "results": {"channels": [
    {"alternatives": [{"transcript": "tide rose fast", "confidence": 0.99, "words": [
        {"word": "tide", "start": 0.08, "end": 0.4, "confidence": 0.99, "punctuated_word": "Tide"},
        {"word": "rose", "start": 0.4, "end": 0.72, "confidence": 0.98, "punctuated_word": "rose,"},
        {"word": "fast", "start": 0.9, "end": 1.2, "confidence": 0.97}]}]}]}}

ASSEMBLYAI = {"id": "t1", "status": "completed", "audio_url": "https://example.com/tide.mp3", "text": "Tide rose.",
              "words": [{"text": "Tide", "start": 250, "end": 650, "confidence": 0.97, "speaker": None},
                        {"text": "rose.", "start": 650, "end": 1100, "confidence": 0.95, "speaker": None}],
              "audio_duration": 2}

REV = {"monologues": [
    {"speaker": 0, "elements": [
        {"type": "text", "value": "Tide", "ts": 0.5, "end_ts": 0.9, "confidence": 1},
        {"type": "punct", "value": " "},
        {"type": "text", "value": "rose", "ts": 0.9, "end_ts": 1.3, "confidence": 0.9},
        {"type": "punct", "value": "."}]},
    {"speaker": 1, "elements": [
        {"type": "unknown", "value": "<inaudible>", "ts": 1.5, "end_ts": 2.0},
        {"type": "text", "value": "Yes", "ts": 2.1, "end_ts": 2.4, "confidence": 0.8},
        {"type": "punct", "value": "."}]}]}

VOSK = {"result": [{"conf": 1.0, "end": 0.9, "start": 0.45, "word": "tide"},
                   {"conf": 0.8, "end": 1.26, "start": 0.9, "word": "rose"}], "text": "tide rose"}

AZURE = {"Id": "a1", "RecognitionStatus": "Success", "Offset": 5000000, "Duration": 7500000, "DisplayText": "Tide rose.",
         "NBest": [{"Confidence": 0.9, "Lexical": "tide rose", "ITN": "tide rose", "MaskedITN": "tide rose",
                    "Display": "Tide rose.", "Words": [{"Word": "tide", "Offset": 5000000, "Duration": 4000000},
                                                       {"Word": "rose", "Offset": 9000000, "Duration": 3500000}]}]}

AZURE_BATCH = {"source": "https://example.com/tide.wav", "timestamp": "2026-01-01T00:00:00Z",
               "durationInTicks": 30000000, "duration": "PT3S",
               "combinedRecognizedPhrases": [{"channel": 0, "lexical": "tide rose", "display": "Tide rose."}],
               "recognizedPhrases": [
                   {"recognitionStatus": "Success", "channel": 0, "offset": "PT0.5S", "duration": "PT0.75S",
                    "offsetInTicks": 5000000.0, "durationInTicks": 7500000.0,
                    "nBest": [{"confidence": 0.9, "lexical": "tide rose", "display": "Tide rose.", "words": [
                        {"word": "tide", "offset": "PT0.5S", "duration": "PT0.4S", "offsetInTicks": 5000000.0,
                         "durationInTicks": 4000000.0, "confidence": 0.9},
                        {"word": "rose", "offset": "PT0.9S", "duration": "PT0.35S", "offsetInTicks": 9000000.0,
                         "durationInTicks": 3500000.0, "confidence": 0.9}]}]},
                   {"recognitionStatus": "Success", "channel": 1, "offset": "PT0.5S", "duration": "PT0.4S",
                    "offsetInTicks": 5000000.0, "durationInTicks": 4000000.0,  # channel 2 of a stereo file
                    "nBest": [{"lexical": "echo", "words": [{"word": "echo", "offsetInTicks": 5000000.0,
                                                             "durationInTicks": 4000000.0}]}]},
                   {"recognitionStatus": "Success", "channel": 0, "offset": "PT1M2.5S", "duration": "PT0.5S",
                    "nBest": [{"lexical": "fast", "words": [{"word": "fast", "offset": "PT1M2.5S",
                                                             "duration": "PT0.5S"}]}]}]}

WATSON = {"result_index": 0, "results": [
    {"final": True, "alternatives": [{"transcript": "tide rose ", "confidence": 0.96, "timestamps": [
        ["tide", 0.3, 0.7], ["%HESITATION", 0.7, 0.9], ["rose", 0.9, 1.4]]}]},
    {"final": False, "alternatives": [{"transcript": "fa", "timestamps": [["fa", 1.5, 1.6]]}]}]}

SPEECHMATICS = {"format": "2.9", "job": {"id": "j1", "duration": 2}, "metadata": {"type": "transcription"},
                "results": [
                    {"type": "word", "start_time": 0.3, "end_time": 0.7,
                     "alternatives": [{"content": "Tide", "confidence": 1.0, "language": "en", "speaker": "S1"}]},
                    {"type": "punctuation", "start_time": 0.7, "end_time": 0.7, "is_eos": False,
                     "attaches_to": "previous", "alternatives": [{"content": ",", "confidence": 1.0}]},
                    {"type": "punctuation", "start_time": 0.8, "end_time": 0.8, "attaches_to": "next",
                     "alternatives": [{"content": "'", "confidence": 1.0}]},
                    {"type": "word", "start_time": 0.8, "end_time": 1.2,
                     "alternatives": [{"content": "rose", "confidence": 0.9}]},
                    {"type": "punctuation", "start_time": 1.2, "end_time": 1.2, "is_eos": True,
                     "alternatives": [{"content": ".", "confidence": 1.0}]}]}

ELEVENLABS = {"language_code": "en", "language_probability": 0.99, "text": "Tide rose.", "words": [
    {"text": "Tide", "start": 0.1, "end": 0.5, "type": "word", "speaker_id": "speaker_0", "logprob": -0.1},
    {"text": " ", "start": 0.5, "end": 0.55, "type": "spacing", "speaker_id": "speaker_0"},
    {"text": "(waves)", "start": 0.6, "end": 1.0, "type": "audio_event", "speaker_id": "speaker_0"},
    {"text": "rose.", "start": 1.0, "end": 1.4, "type": "word", "speaker_id": "speaker_0"}]}

OPENAI = {"task": "transcribe", "language": "english", "duration": 1.5, "text": "Tide rose.",
          "words": [{"word": "Tide", "start": 0.1, "end": 0.5}, {"word": "rose.", "start": 0.5, "end": 1.02}]}

CASES = {
    "whisper.cpp": ({"systeminfo": "AVX = 1", "model": {"type": "base"}, "params": {"language": "en"},
                     "result": {"language": "en"}, "transcription": [
                         {"timestamps": {"from": "00:00:00,000", "to": "00:00:00,400"},
                          "offsets": {"from": 0, "to": 400}, "text": " Tide"},
                         {"timestamps": {"from": "00:00:00,400", "to": "00:00:01,200"},
                          "offsets": {"from": 400, "to": 1200}, "text": " rose fast."}]},
                    [("Tide", 0.0, 0.4), ("rose", 0.4, 0.72), ("fast.", 0.8, 1.2)]),  # 4 + 1 + 5 characters in 0.8 s
    "aeneas": ({"fragments": [
        {"begin": "0.000", "children": [], "end": "0.400", "id": "f000001", "language": "eng", "lines": ["Tide"]},
        {"begin": "0.400", "children": [], "end": "1.200", "id": "f000002", "language": "eng",
         "lines": ["rose", "fast."]}]},
               [("Tide", 0.0, 0.4), ("rose", 0.4, 0.72), ("fast.", 0.8, 1.2)]),
    "Gentle": ({"transcript": "Tide rose fast.", "words": [
        {"alignedWord": "tide", "case": "success", "end": 0.4, "endOffset": 4, "start": 0.1, "startOffset": 0,
         "word": "Tide", "phones": [{"duration": 0.1, "phone": "t_B"}]},
        {"case": "not-found-in-audio", "endOffset": 9, "startOffset": 5, "word": "rose"},
        {"alignedWord": "fast", "case": "success", "end": 1.2, "endOffset": 14, "start": 0.8, "startOffset": 10,
         "word": "fast"}]},
               [("Tide", 0.1, 0.4), ("rose", 0.4, 0.8), ("fast", 0.8, 1.2)]),  # a word not found: between
    "AWS Transcribe": (AWS, [("Tide", 0.04, 0.41), ("rose,", 0.41, 0.8), ("fast.", 0.95, 1.3)]),
    "Google v1": (GOOGLE_V1, [("Tide", 0.0, 0.4), ("rose", 0.4, 0.8), ("fast", 1.1, 1.5)]),
    "Google v2": (GOOGLE_V2, [("Tide", 0.0, 0.4), ("rose", 0.4, 0.8)]),
    "Google operation": ({"name": "op1", "done": True, "response": GOOGLE_V1},
                         [("Tide", 0.0, 0.4), ("rose", 0.4, 0.8), ("fast", 1.1, 1.5)]),
    "Deepgram": (DEEPGRAM, [("Tide", 0.08, 0.4), ("rose,", 0.4, 0.72), ("fast", 0.9, 1.2)]),
    "Deepgram stream": ({"type": "Results", "channel": DEEPGRAM["results"]["channels"][0], "is_final": True},
                        [("Tide", 0.08, 0.4), ("rose,", 0.4, 0.72), ("fast", 0.9, 1.2)]),
    "AssemblyAI": (ASSEMBLYAI, [("Tide", 0.25, 0.65), ("rose.", 0.65, 1.1)]),
    "AssemblyAI sentences": ({"id": "t1", "confidence": 0.9, "audio_duration": 2, "sentences": [
        {"text": "Tide rose.", "start": 250, "end": 1100, "confidence": 0.9, "speaker": None,
         "words": ASSEMBLYAI["words"]},
        {"text": "Yes.", "start": 1500, "end": 1800, "words": [{"text": "Yes.", "start": 1500, "end": 1800}]}]},
                             [("Tide", 0.25, 0.65), ("rose.", 0.65, 1.1), ("Yes.", 1.5, 1.8)]),
    "AssemblyAI paragraphs": ({"paragraphs": [{"text": "Yes.", "start": 1500, "end": 1800,
                                               "words": [{"text": "Yes.", "start": 1500, "end": 1800}]}]},
                              [("Yes.", 1.5, 1.8)]),
    "Rev.ai": (REV, [("Tide", 0.5, 0.9), ("rose.", 0.9, 1.3), ("Yes.", 2.1, 2.4)]),
    "Vosk": (VOSK, [("tide", 0.45, 0.9), ("rose", 0.9, 1.26)]),
    "Vosk results": ([VOSK, {"partial": "fa"}, {"text": ""}, {"result": [{"conf": 1, "start": 2.0, "end": 2.5, "word": "fast"}],
                                            "text": "fast"}],
                     [("tide", 0.45, 0.9), ("rose", 0.9, 1.26), ("fast", 2.0, 2.5)]),
    "Azure": (AZURE, [("tide", 0.5, 0.9), ("rose", 0.9, 1.25)]),
    "Azure phrases": ([AZURE, {**AZURE, "NBest": [{"Words": [{"Word": "fast", "Offset": 20000000,
                                                             "Duration": 5000000}]}]}],
                      [("tide", 0.5, 0.9), ("rose", 0.9, 1.25), ("fast", 2.0, 2.5)]),
    "Azure batch": (AZURE_BATCH, [("tide", 0.5, 0.9), ("rose", 0.9, 1.25), ("fast", 62.5, 63.0)]),
    "Azure fast": ({"durationMilliseconds": 3000, "combinedPhrases": [{"text": "Tide rose. Echo."}], "phrases": [
        {"channel": 0, "offsetMilliseconds": 500, "durationMilliseconds": 750, "text": "Tide rose.", "locale": "en-US",
         "confidence": 0.93, "words": [{"text": "Tide", "offsetMilliseconds": 500, "durationMilliseconds": 400},
                                       {"text": "rose.", "offsetMilliseconds": 900, "durationMilliseconds": 350}]},
        {"channel": 1, "offsetMilliseconds": 500, "durationMilliseconds": 400, "text": "Echo.",
         "words": [{"text": "Echo.", "offsetMilliseconds": 500, "durationMilliseconds": 400}]}]},
                   [("Tide", 0.5, 0.9), ("rose.", 0.9, 1.25)]),
    "IBM Watson": (WATSON, [("tide", 0.3, 0.7), ("rose", 0.9, 1.4)]),
    "Speechmatics": (SPEECHMATICS, [("Tide,", 0.3, 0.7), ("'rose.", 0.8, 1.2)]),
    "ElevenLabs": (ELEVENLABS, [("Tide", 0.1, 0.5), ("rose.", 1.0, 1.4)]),
    "OpenAI verbose_json": (OPENAI, [("Tide", 0.1, 0.5), ("rose.", 0.5, 1.02)]),
}


@pytest.mark.parametrize("name", list(CASES))
def test_each_format_reads_its_words_and_times(name):
    data, expected = CASES[name]
    notes = []
    same(read(data, warn=notes.append), expected)
    assert notes == []  # a format with a fixed unit is read without a note


def test_a_format_is_recognised_by_its_structure_not_the_file_name(tmp_path):
    for suffix in (".txt", ".dat", ""):
        path = tmp_path / f"transcript{suffix}"
        path.write_text(json.dumps(AWS), encoding="utf-8")
        same(read_words(str(path)), CASES["AWS Transcribe"][1])


def test_json_lines_of_results_are_read_as_their_list():
    lines = "\n".join(json.dumps(r) for r in CASES["Vosk results"][0]) + "\n"
    same(read_words_text(lines, "vosk.jsonl"), CASES["Vosk results"][1])
    same(read_words_text(json.dumps(AZURE) + "\n" + json.dumps(AZURE), "azure.json"), CASES["Azure"][1] * 2)
    with pytest.raises(InputError, match=r"^vosk.json: not valid JSON: Extra data at line 2$"):
        read_words_text(lines[:-5], "vosk.json")  # the last line cut short


def test_google_diarisation_repeats_every_word_in_its_last_result_read_once():
    tagged = [{**w, "speakerTag": 1} for r in GOOGLE_V1["results"] for w in r["alternatives"][0]["words"]]
    data = {"results": GOOGLE_V1["results"] + [{"alternatives": [{"words": tagged}]}]}
    same(read(data), CASES["Google v1"][1])


def test_azure_display_words_are_preferred_to_lexical_words():
    best = {"lexical": "tide rose", "words": [{"word": "tide", "offsetInTicks": 0, "durationInTicks": 4000000}],
            "displayWords": [{"displayText": "Tide,", "offsetInTicks": 0, "durationInTicks": 4000000},
                             {"displayText": "rose.", "offsetInTicks": 4000000, "durationInTicks": 4000000}]}
    same(read({"recognizedPhrases": [{"channel": 0, "nBest": [best]}]}), [("Tide,", 0, 0.4), ("rose.", 0.4, 0.8)])


def test_punctuation_before_the_first_word_goes_to_it():
    items = [{"type": "punctuation", "alternatives": [{"content": "\""}]}] + AWS["results"]["items"]
    assert read({"results": {"items": items}})[0].text == "\"Tide"


# --- units of the generic shapes -----------------------------------------------------------------------------

def test_a_plain_list_in_milliseconds_is_read_as_such_with_a_warning():
    notes = []
    words = read([{"word": "Tide", "start": 120, "end": 480}, {"word": "rose", "start": 480, "end": 900}],
                 warn=notes.append)
    same(words, [("Tide", 0.12, 0.48), ("rose", 0.48, 0.9)])
    assert notes == ["asr.json: times read as milliseconds (a median word of 420): give seconds to be sure"]


def test_assemblyai_words_without_the_transcript_around_them_are_milliseconds_by_the_rule():
    notes = []
    same(read({"words": ASSEMBLYAI["words"]}, warn=notes.append), CASES["AssemblyAI"][1])
    assert len(notes) == 1 and "milliseconds" in notes[0]


def test_times_beyond_a_day_are_milliseconds():
    notes = []
    same(read([["a", 90000.5, 90000.7]], warn=notes.append), [("a", 90.0005, 90.0007)])
    assert notes == ["asr.json: times read as milliseconds (the last word ends at 90000.7, beyond a day in "
                     "seconds): give seconds to be sure"]


def test_whole_seconds_stay_seconds_and_elevenlabs_seconds_are_never_scaled():
    notes = []
    same(read([["a", 1, 2], ["b", 2, 4]], warn=notes.append), [("a", 1, 2), ("b", 2, 4)])
    same(read({**ELEVENLABS, "words": [{"text": "a", "start": 100, "end": 400, "type": "word"}]}, warn=notes.append),
         [("a", 100, 400)])
    assert notes == []


def test_times_neither_seconds_nor_milliseconds_are_refused():
    for words in ([["a", 0, 20], ["b", 20, 40]], [["a", 0.5, 20.5]]):
        with pytest.raises(InputError, match=r"^asr.json: times neither seconds nor milliseconds \(a median word "
                                             r"of 20\): give them in seconds$"):
            read(words)


def test_cli_warns_what_it_assumed(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text("Tide rose.", encoding="utf-8")
    words = tmp_path / "w.json"
    words.write_text(json.dumps([["Tide", 120, 500], ["rose.", 500, 900]]), encoding="utf-8")
    result = CliRunner().invoke(main, ["subtitle", str(script), "--words", str(words), "-o", str(tmp_path / "o.srt")])
    assert result.exit_code == 0, result.output
    assert f"segmenter: warning: {words}: times read as milliseconds" in result.output
    assert (tmp_path / "o.srt").read_text(encoding="utf-8").split("\n")[1].startswith("00:00:00,120 --> ")


# --- hostile and truncated input -----------------------------------------------------------------------------

def _aws(**item):
    return {"results": {"items": [{"type": "pronunciation", "start_time": "0.1", "end_time": "0.5",
                                   "alternatives": [{"content": "Tide"}], **item}]}}


HOSTILE = [
    (_aws(start_time="abc"), "AWS Transcribe item 1 is not a word with a start and an end time: {'type'"),
    (_aws(end_time=None), "AWS Transcribe item 1 is not a word"),
    (_aws(start_time="-0.5"), "AWS Transcribe item 1 is not a word"),
    (_aws(start_time="0.9"), "AWS Transcribe item 1 is not a word"),  # ends before it starts
    (_aws(start_time="nan"), "AWS Transcribe item 1 is not a word"),
    (_aws(type="sound"), "AWS Transcribe item 1 is not a word"),
    (_aws(alternatives=[]), "AWS Transcribe item 1 is not a word"),
    ({"results": {"items": ["Tide"]}}, "AWS Transcribe item 1 is not a word with a start and an end time: 'Tide'"),
    ({"results": {"items": {"0": 1}}}, "AWS Transcribe: results has no list 'items'"),
    ({"results": {"items": []}}, "no words with times"),
    ({"results": [{"alternatives": [{"words": [{"word": "a", "startTime": "1.5", "endTime": "2s"}]}]}]},
     "Google Cloud Speech-to-Text item 1 is not a word"),
    ({"results": [{"alternatives": [{"words": [{"word": "a", "startTime": "-1s", "endTime": "2s"}]}]}]},
     "Google Cloud Speech-to-Text item 1 is not a word"),
    ({"results": [{"alternatives": [{"words": [{"word": "a", "startTime": "3s"}]}]}]},  # no end: zero, before 3
     "Google Cloud Speech-to-Text item 1 is not a word"),
    ({"results": [{"alternatives": "x"}, {"alternatives": [{"words": []}]}]},
     "Google Cloud Speech-to-Text: result 1 has no list 'alternatives' of objects"),
    ({"results": {"channels": [{"alternatives": [{"words": [{"word": "a", "start": float("nan"), "end": 1}]}]}]}},
     "Deepgram item 1 is not a word"),
    ({"results": {"channels": [{"alternatives": [{"words": [{"word": 7, "start": 0, "end": 1}]}]}]}},
     "Deepgram item 1 is not a word"),
    ({**ASSEMBLYAI, "words": [{"text": "a", "start": 1e400, "end": 1e400}]}, "AssemblyAI item 1 is not a word"),
    ({**ASSEMBLYAI, "words": [{"text": "a", "start": True, "end": 5}]}, "AssemblyAI item 1 is not a word"),
    ({"monologues": [{"elements": [{"type": "text", "value": "a", "ts": 1}]}]}, "Rev.ai item 1 is not a word"),
    ({"monologues": [{"speaker": 0}]}, "Rev.ai: monologue 1 has no list 'elements'"),
    ({"result": [{"word": "a", "start": None, "end": 1}]}, "Vosk / Kaldi item 1 is not a word"),
    ({"NBest": [{"Words": [{"Word": "a", "Offset": "PTxS", "Duration": 1}]}]}, "Azure Speech item 1 is not a word"),
    ({"NBest": [{"Words": [{"Word": "a", "Offset": 0}]}]}, "Azure Speech item 1 is not a word"),
    ({"NBest": [{"Lexical": "a"}]}, "Azure Speech: phrase 1's NBest[0] has no word times"),
    ({"phrases": [{"offsetMilliseconds": 0, "durationMilliseconds": 400, "text": "a"}]},
     "Azure Speech (fast transcription): phrase 1 has no list 'words'"),
    ({"phrases": [{"offsetMilliseconds": 0, "words": [{"text": "a", "offsetMilliseconds": 5}]}]},
     "Azure Speech (fast transcription) item 1 is not a word"),
    ({"recognizedPhrases": [{"channel": 0, "nBest": [{"words": [{"word": "a", "offset": "PT", "duration": "PT1S"}]}]}]},
     "Azure Speech (batch) item 1 is not a word"),
    ({"results": [{"alternatives": [{"timestamps": [["a", 1.0]]}]}]}, "IBM Watson item 1 is not a word"),
    ({"results": [{"type": "word", "start_time": 0.5, "end_time": 0.1, "alternatives": [{"content": "a"}]}]},
     "Speechmatics item 1 is not a word"),
    ({"transcription": [{"offsets": {"from": 0, "to": 400}, "text": " a"}, {"offsets": {"from": 1}, "text": "b"}]},
     "whisper.cpp: segment 2 has no text and times: {'offsets'"),
    ({"fragments": [{"begin": "0.000", "end": "1.000", "lines": "Tide"}]}, "aeneas: fragment 1 has no text and times"),
    ({"fragments": [{"begin": "0.000", "lines": ["Tide"]}]}, "aeneas: fragment 1 has no text and times"),
    ({"transcription": [{"offsets": {"from": 500, "to": 400}, "text": " a"}]}, "whisper.cpp item 1 is not a word"),
    ({"segments": [{"text": "hi"}]}, "segments have no word times"),
    ({"transcript": "hello"}, "JSON is an object of no known word-time format (read: whisper"),
    (42, "JSON is a value of no known word-time format"),
]


@pytest.mark.parametrize("text, message", [
    ("[" * 100_000, "not valid JSON: maximum recursion depth exceeded"),
    ('[["a", ' + "1" * 5000 + ", 2]]", "not valid JSON: Exceeds the limit (4300 digits) for integer string conversion"),
    ('[["a", 1e308, 1.7e308]]', "word 1 ends at 1.7e+305 s, beyond a day: not a broadcast's time: 'a'"),
    (json.dumps(_aws(start_time="100000", end_time="100001")), "word 1 ends at 100001 s, beyond a day"),
])
def test_absurd_json_is_one_line_error(text, message):
    with pytest.raises(InputError) as info:
        read_words_text(text, "asr.json")
    assert str(info.value).startswith(f"asr.json: {message}") and "\n" not in str(info.value), str(info.value)


def test_times_going_back_are_refused_and_small_overlaps_kept():
    same(read([["Tide", 1.0, 1.5], ["rose", 0.6, 1.0]]), [("Tide", 1.0, 1.5), ("rose", 0.6, 1.0)])
    with pytest.raises(InputError, match=r"^asr.json: times go back at word 3 \('fast' at 0.2 s, after 5 s\): "
                                         r"two transcripts in one file, or channels mixed\?$"):
        read([["Tide", 4.0, 4.5], ["rose", 5.0, 5.5], ["fast", 0.2, 0.5]])


@pytest.mark.parametrize("data, message", HOSTILE)
def test_bad_input_of_each_format_is_one_line_naming_file_and_problem(data, message):
    with pytest.raises(InputError) as info:
        read(data)
    text = str(info.value)
    assert text.startswith("asr.json: ") and message in text and "\n" not in text, text


def _containers(inner):
    return st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3))


JSON = st.recursive(st.none() | st.booleans() | st.integers(-10 ** 20, 10 ** 20) | st.floats() | st.text(max_size=5),
                    _containers, max_leaves=8)


def _nodes(data, path=()):
    yield path
    children = data.items() if isinstance(data, dict) else enumerate(data) if isinstance(data, list) else ()
    for key, value in children:
        yield from _nodes(value, path + (key,))


def _replaced(data, path, value):
    if not path:
        return value
    copy = dict(data) if isinstance(data, dict) else list(data)
    copy[path[0]] = _replaced(data[path[0]], path[1:], value)
    return copy


@settings(max_examples=200, deadline=None)
@given(name=st.sampled_from(sorted(CASES)), where=st.integers(0, 10 ** 6), value=JSON, drop=st.booleans())
def test_any_damaged_file_of_a_format_reads_or_gives_a_one_line_error(name, where, value, drop):
    data = CASES[name][0]
    nodes = list(_nodes(data))
    path = nodes[where % len(nodes)]
    damaged = _replaced(data, path, value)
    if drop and path:  # or the node left out altogether
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        damaged = _replaced(data, path[:-1], {k: v for k, v in parent.items() if k != path[-1]}
                            if isinstance(parent, dict) else [v for i, v in enumerate(parent) if i != path[-1]])
    try:
        words = read(damaged)
    except InputError as exc:
        assert str(exc).startswith("asr.json: ") and "\n" not in str(exc)
    else:
        assert words and all(0 <= w.start <= w.end < float("inf") for w in words)


@pytest.mark.parametrize("name", ["AWS Transcribe", "Google v1", "Rev.ai", "Azure batch", "Speechmatics"])
def test_truncated_files_are_refused(name):
    text = json.dumps(CASES[name][0])
    for cut in (len(text) // 3, len(text) // 2, len(text) - 1):
        with pytest.raises(InputError, match=r"^asr.json: not valid JSON"):
            read_words_text(text[:cut], "asr.json")


def _best(text):
    """The least CPU time of three readings of ``text`` (CPU time: other processes on the machine count less)."""
    best = float("inf")
    for _ in range(3):
        began = time.process_time()
        read_words_text(text, "big.json")
        best = min(best, time.process_time() - began)
    return best


def _seconds(n, build):
    return _best(json.dumps(build([(f"w{i}", i * 300, i * 300 + 250) for i in range(n)])))


def test_a_run_of_punctuation_is_read_in_linear_time():
    word = {"type": "pronunciation", "start_time": "0.1", "end_time": "0.5", "alternatives": [{"content": "a"}]}
    mark = {"type": "punctuation", "alternatives": [{"content": "!"}]}
    [w] = read({"results": {"items": [word] + [mark] * 3}})
    assert w.text == "a!!!"
    seconds = _best(json.dumps({"results": {"items": [word] + [mark] * 80_000}}))
    assert seconds < 5.0, seconds  # read in well under a second; a join per mark over the text so far: minutes


def test_huge_files_read_in_linear_time():
    """A generous bound, not a ratio of two timings (the benchmarks measure speed; a test only catches the
    quadratic): 20,000 words read in a fraction of a second, where a scan per word over those before takes
    minutes."""
    for name in ("aws", "google", "azure_batch"):
        seconds = _seconds(20_000, BUILD[name])
        assert seconds < 5.0, (name, seconds)


# --- every format, built from random words and times, reads them back -----------------------------------------

def _s(ms):
    return ms / 1000


BUILD = {
    "whisper.cpp": lambda ws: {"transcription": [{"offsets": {"from": a, "to": b}, "text": " " + t} for t, a, b in ws]},
    "aeneas": lambda ws: {"fragments": [{"begin": f"{_s(a):.3f}", "end": f"{_s(b):.3f}", "lines": [t]}
                                         for t, a, b in ws]},
    "whisper": lambda ws: {"segments": [{"words": [{"word": " " + t, "start": _s(a), "end": _s(b)} for t, a, b in ws]}]},
    "aws": lambda ws: {"results": {"items": [{"type": "pronunciation", "start_time": f"{_s(a):.3f}",
                                              "end_time": f"{_s(b):.3f}", "alternatives": [{"content": t}]}
                                             for t, a, b in ws]}},
    "google": lambda ws: {"results": [{"alternatives": [{"words": [
        {"word": t, "startTime": f"{_s(a):.3f}s", "endTime": {"seconds": str(b // 1000), "nanos": b % 1000 * 10 ** 6}}
        for t, a, b in ws]}]}]},
    "google_v2": lambda ws: {"results": [{"alternatives": [{"words": [
        {"word": t, "startOffset": f"{_s(a)}s", "endOffset": f"{_s(b)}s"}]}]} for t, a, b in ws]},
    "deepgram": lambda ws: {"results": {"channels": [{"alternatives": [{"words": [
        {"word": t.lower(), "punctuated_word": t, "start": _s(a), "end": _s(b)} for t, a, b in ws]}]}]}},
    "assemblyai": lambda ws: {"audio_url": "x", "words": [{"text": t, "start": a, "end": b} for t, a, b in ws]},
    "rev": lambda ws: {"monologues": [{"elements": [{"type": "text", "value": t, "ts": _s(a), "end_ts": _s(b)}
                                                    for t, a, b in ws]}]},
    "vosk": lambda ws: {"result": [{"word": t, "start": _s(a), "end": _s(b), "conf": 1} for t, a, b in ws]},
    "azure": lambda ws: {"NBest": [{"Words": [{"Word": t, "Offset": a * 10_000, "Duration": (b - a) * 10_000}
                                              for t, a, b in ws]}]},
    "azure_fast": lambda ws: {"phrases": [{"offsetMilliseconds": a, "words": [
        {"text": t, "offsetMilliseconds": a, "durationMilliseconds": b - a}]} for t, a, b in ws]},
    "azure_batch": lambda ws: {"recognizedPhrases": [{"nBest": [{"words": [
        {"word": t, "offset": f"PT{_s(a)}S", "duration": f"PT{_s(b - a)}S"} for t, a, b in ws]}]}]},
    "watson": lambda ws: {"results": [{"alternatives": [{"timestamps": [[t, _s(a), _s(b)] for t, a, b in ws]}]}]},
    "speechmatics": lambda ws: {"results": [{"type": "word", "start_time": _s(a), "end_time": _s(b),
                                             "alternatives": [{"content": t}]} for t, a, b in ws]},
    "elevenlabs": lambda ws: {"words": [{"text": t, "start": _s(a), "end": _s(b), "type": "word"} for t, a, b in ws]},
    "generic": lambda ws: [{"word": t, "start": _s(a), "end": _s(b)} for t, a, b in ws],
}


def test_every_format_of_the_table_has_a_builder_and_a_hand_written_case():
    assert len(FORMATS) == 16 and len(BUILD) == 17  # Google twice (v1, v2)


def test_the_readme_table_lists_every_format_in_order():
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    lines = readme[readme.index("| service | recognised by | times |"):].splitlines()[2:]
    rows = [line for line in lines[:next(i for i, line in enumerate(lines) if not line.startswith("|"))]]
    assert len(rows) == len(FORMATS)
    for fmt, row in zip(FORMATS, rows):
        assert fmt.name.split()[0].lower() in row.split("|")[1].lower(), (fmt.name, row)


@settings(max_examples=60, deadline=None)
@given(name=st.sampled_from(sorted(BUILD)),
       spans=st.lists(st.tuples(st.text("abcdefghijklmnopqrstuvwxyzÄé'", min_size=1, max_size=8),
                                st.integers(0, 3000), st.integers(1, 2000)), min_size=1, max_size=30))
def test_any_format_built_from_random_words_reads_them_back(name, spans):
    words, at = [], 0
    for text, pause, length in spans:
        words.append((text, at + pause, at + pause + length))
        at += pause + length
    notes = []
    same(read(BUILD[name](words), warn=notes.append), [(t, _s(a), _s(b)) for t, a, b in words])
    assert notes == []


# --- the command line ----------------------------------------------------------------------------------------

def test_cli_times_cues_to_aws_transcribe_words(tmp_path):
    script = tmp_path / "script.txt"
    script.write_text("Tide rose fast.\nBoats stayed in port.", encoding="utf-8")
    spoken = [("Tide", 1.2, 1.5), ("rose", 1.5, 1.9), ("fast", 1.9, 2.4), ("Boats", 4.0, 4.4),
              ("stayed", 4.4, 4.8), ("in", 4.8, 4.9), ("port", 4.9, 5.5)]
    items = []
    for text, start, end in spoken:
        items.append({"type": "pronunciation", "start_time": f"{start:.2f}", "end_time": f"{end:.2f}",
                      "alternatives": [{"confidence": "0.99", "content": text}]})
        if text in ("fast", "port"):
            items.append({"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]})
    aws = tmp_path / "aws.json"
    aws.write_text(json.dumps({"jobName": "j", "status": "COMPLETED", "results": {"items": items}}), encoding="utf-8")
    out = tmp_path / "out.srt"
    result = CliRunner().invoke(main, ["subtitle", str(script), "--words", str(aws), "-o", str(out)])
    assert result.exit_code == 0, result.output
    # cues start at their first word's onset and end 0.5 s (the linger) after their last word, on 25 fps frames
    assert out.read_text(encoding="utf-8") == ("1\n00:00:01,200 --> 00:00:02,880\nTide rose fast.\n\n"
                                               "2\n00:00:04,000 --> 00:00:06,000\nBoats stayed in port.\n\n")


def test_cli_bad_cloud_file_exit_code_2_and_no_output(tmp_path):
    script = tmp_path / "script.txt"
    script.write_text("Tide rose.", encoding="utf-8")
    aws = tmp_path / "aws.json"
    aws.write_text(json.dumps(_aws(start_time="-1")), encoding="utf-8")
    out = tmp_path / "out.srt"
    result = CliRunner().invoke(main, ["subtitle", str(script), "--words", str(aws), "-o", str(out)])
    assert result.exit_code == 2 and f"{aws}: AWS Transcribe item 1 is not a word" in result.output
    assert "Traceback" not in result.output and not out.exists()


def test_batch_times_each_script_from_the_word_file_of_its_stem(tmp_path):
    scripts, asr, out = tmp_path / "scripts", tmp_path / "asr", tmp_path / "out"
    (scripts / "day1").mkdir(parents=True)
    (asr / "day1").mkdir(parents=True)
    for name in ("tide", "boats", "other"):
        (scripts / "day1" / f"{name}.txt").write_text("Tide rose fast.", encoding="utf-8")
    (asr / "day1" / "tide.json").write_text(json.dumps(AWS), encoding="utf-8")
    (asr / "day1" / "boats.json").write_text(json.dumps([["Tide", 1200, 1500], ["rose", 1500, 1900],
                                                        ["fast", 1900, 2400]]), encoding="utf-8")
    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["batch", str(scripts), "--words", str(asr), "-o", str(out), "--jobs", "1",
                                       "--report", str(report)])
    assert result.exit_code == 1, result.output  # other.txt has no word file
    summary = json.loads(report.read_text(encoding="utf-8"))
    assert summary["failed"] == [{"script": str(scripts / "day1" / "other.txt"),
                                  "reason": f"no word-time file {asr / 'day1' / 'other.json'} (nor .srt, .vtt)"}]
    assert summary["notes"] == [{"script": str(scripts / "day1" / "boats.txt"), "warnings": [
        f"{asr / 'day1' / 'boats.json'}: times read as milliseconds (a median word of 400): give seconds to be sure"]}]
    assert (out / "day1" / "tide.srt").read_text(encoding="utf-8").split("\n")[1] == "00:00:00,040 --> 00:00:01,800"
    assert (out / "day1" / "boats.srt").read_text(encoding="utf-8").split("\n")[1] == "00:00:01,200 --> 00:00:02,880"
    both = CliRunner().invoke(main, ["batch", str(scripts), "--words", str(asr), "--media", str(asr), "-o", str(out)])
    assert both.exit_code == 2 and "give --media or --words, not both" in both.output


def test_python_api_reads_a_word_file_and_passes_the_unit_note_to_warn(tmp_path):
    from segmenter import subtitle
    from segmenter.style import Style

    path = tmp_path / "w.json"
    path.write_text(json.dumps([["Tide", 120, 500], ["rose.", 500, 900]]), encoding="utf-8")
    notes = []
    [cue] = subtitle("Tide rose.", Style(frame_rate=None), words=str(path), warn=notes.append)
    assert (cue.start, cue.end, cue.text) == (120, 1400, "Tide rose.")
    assert notes == [f"{path}: times read as milliseconds (a median word of 400): give seconds to be sure"]
