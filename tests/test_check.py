"""`segmenter check`: each rule fails on a hand-made file (tests/data/check) and passes on its corrected
twin; reports name cue, time, line and rule; the tool's own output passes under the style it was made with."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLES, SEED
from hypothesis import given, settings
from hypothesis import strategies as st

from segmenter.check import RULES, check_cues, check_text
from segmenter.formats import sniff
from segmenter.cli import main
from segmenter.errors import InputError
from segmenter.model import Cue
from segmenter.pipeline import render, subtitle
from segmenter.style import Style, load_style, preset_names

DATA = Path(__file__).resolve().parent / "data" / "check"
STYLE = load_style(str(DATA / "style.toml"))
EXPECTED = tomllib.loads((DATA / "expected.toml").read_text(encoding="utf-8"))
FILES = sorted(p for p in DATA.iterdir() if p.suffix in (".srt", ".vtt"))


def check_file(path: Path, style=STYLE):
    return check_text(path.read_bytes().decode("utf-8-sig"), path.suffix[1:], style, path.name)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_hand_made_file(path):
    report = check_file(path)
    assert [f"{v.cue} {v.rule}" for v in report.violations] == EXPECTED.get(path.name, [])
    assert (".bad." in path.name) == (path.name in EXPECTED)


@pytest.mark.parametrize("name", ["chain_gap.bad.srt", "chain_gap.good.srt", "min_gap.good.srt"])
def test_gaps_to_chain_under_a_style_that_chains(name):
    """A gap of more than min_gap and at most chain_gap (0.22 s here) is to be closed; the twin closes it."""
    path = DATA / "chain" / name if name.startswith("chain") else DATA / name
    report = check_file(path, STYLE.override(chain_gap=0.5))
    assert [f"{v.cue} {v.rule}" for v in report.violations] == EXPECTED.get(f"chain/{name}", [])
    assert check_file(path).ok  # a style without chain_gap: every gap of min_gap or more passes


def test_every_rule_has_a_failing_and_a_passing_file():
    for rule in RULES:
        bad = [name for name, found in EXPECTED.items() if any(v.endswith(f" {rule}") for v in found)]
        assert bad, f"no file breaks {rule}"
        for name in bad:
            assert (DATA / name.replace(".bad.", ".good.")).is_file(), name


def test_violations_carry_cue_time_and_line():
    report = check_file(DATA / "malformed_timestamp.bad.srt", STYLE.override(max_chars_per_line=12))
    # the malformed block is cue 2 (no time); cue 3 keeps its number in the file and its line
    assert [(v.cue, v.start, v.line, v.rule) for v in report.violations] == [
        (1, 1000, 2, "chars_per_line"), (2, None, 6, "malformed_timestamp"), (3, 5500, 10, "chars_per_line")]
    assert report.cues == 2


def test_limits_hold_to_the_millisecond():
    style = Style(max_chars_per_line=40, cps=10.0, min_duration=1.0, max_duration=5.0, min_gap=0.1)

    def rules(*cues):
        return [v.rule for v in check_cues([Cue(n, a, b, (t,)) for n, (a, b, t) in enumerate(cues, 1)], style)]

    assert rules((0, 999, "x"), (1098, 6099, "y")) == []  # 1 ms short of min, 1 ms gap short, 1 ms over max
    assert rules((0, 998, "x"), (1096, 6098, "y")) == ["min_duration", "max_duration", "min_gap"]
    assert rules((0, 2000, "x" * 20)) == []  # exactly 10 cps
    assert rules((0, 1998, "x" * 20)) == ["reading_speed"]
    assert rules((0, 1000, "x"), (1000, 2000, "y")) == ["min_gap"]  # touching cues need a gap
    assert [v.rule for v in check_cues([Cue(1, 0, 1000, ("x",)), Cue(2, 1000, 2000, ("y",))],
                                       Style(min_gap=0.0))] == []
    assert rules((2000, 1500, "x")) == ["min_duration"]  # ends before it starts


def test_words_per_minute_when_the_style_sets_it():
    style = Style(cps=100.0, wpm=120.0, max_chars_per_line=80)
    ok = Cue(1, 0, 2000, ("one two three four",))  # 120 wpm
    fast = Cue(1, 0, 1500, ("one two three four",))  # 160 wpm
    assert check_cues([ok], style) == []
    assert [v.message for v in check_cues([fast], style)] == ["160 words per minute > 120"]


def test_cli_text_report_and_exit_codes(tmp_path):
    bad, good = DATA / "overlap.bad.vtt", DATA / "overlap.good.vtt"
    result = run("check", good, "--style", DATA / "style.toml")
    assert result.exit_code == 0 and result.stdout == f"{good}: 3 cues, OK\n"
    result = run("check", bad, good, "--style", DATA / "style.toml")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{bad}: cue 2 (00:00:02.000, line 6): overlap: starts at 00:00:02.000, before cue 1 ends (00:00:06.000)",
        f"{bad}: cue 3 (00:00:04.000, line 9): overlap: starts at 00:00:04.000, before cue 1 ends (00:00:06.000)",
        f"{bad}: 3 cues, 2 violations (overlap 2)",
        f"{good}: 3 cues, OK"]
    # style overrides apply on top of --style: a 1 s maximum breaks every cue of the good file
    result = run("check", good, "--style", DATA / "style.toml", "--max-duration", "1")
    assert result.exit_code == 1 and result.stdout.endswith(f"{good}: 3 cues, 3 violations (max_duration 3)\n")


def test_cli_json_and_unreadable_files(tmp_path):
    broken, empty, text = tmp_path / "broken.vtt", tmp_path / "empty.srt", tmp_path / "notes.txt"
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    empty.write_bytes(b"")
    text.write_text("Just a script.\n", encoding="utf-8")
    bad = DATA / "min_gap.bad.srt"
    result = run("check", bad, broken, empty, text, "--format", "json", "--style", DATA / "style.toml")
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["ok"] is False and data["style"] == "check-tests"
    (entry,) = data["files"]
    assert entry["summary"] == f"{bad}: 2 cues, 1 violation (min_gap 1)"
    assert entry["violations"] == [{"cue": 2, "start_ms": 3040, "time": "00:00:03.040", "line": 6, "rule": "min_gap",
                                    "message": "gap 0.040 s after cue 1 < 0.08 s"}]
    assert data["unreadable"] == [f"{broken}: looks like a binary file, not a text subtitle file",
                                  f"{empty}: empty file",
                                  f"{text}: cannot tell the subtitle format from the extension (use .srt or .vtt)"]
    assert result.stderr.count("segmenter: error: ") == 3 and "Traceback" not in result.output


def test_cli_reads_stdin_and_sniffs_the_format(tmp_path):
    vtt_text = (DATA / "min_gap.good.srt").read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["check", "-"], input=vtt_text)
    assert result.exit_code == 0 and result.stdout == "<stdin>: 2 cues, OK\n"
    captions = tmp_path / "captions.txt"
    captions.write_text("WEBVTT\n\n00:01.000 --> 00:02.000\nA & B\n", encoding="utf-8")
    result = run("check", captions)
    assert result.exit_code == 1 and "misrendered_text" in result.stdout


def test_encoding_of_subtitle_files(tmp_path):
    path = tmp_path / "old.srt"
    path.write_bytes("1\r\n00:00:01,000 --> 00:00:03,000\r\nCafé crème\r\n".encode("latin-1"))
    result = run("check", path)
    assert result.exit_code == 2
    assert result.stderr == (f"segmenter: error: {path}: not valid UTF-8 (byte 0xe9 at offset 37); "
                             f"try --encoding latin-1\n")
    result = run("check", path, "--encoding", "latin-1")
    assert result.exit_code == 0 and result.stdout == f"{path}: 1 cue, OK\n"


def test_not_webvtt_is_unreadable(tmp_path):
    path = tmp_path / "x.vtt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\nHi\n", encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 2
    assert result.stderr == f"segmenter: error: {path}: not WebVTT: line 1 is '1', not 'WEBVTT'\n"


def test_bad_style_is_one_line(tmp_path):
    result = run("check", DATA / "min_gap.good.srt", "--style", "nonesuch")
    assert result.exit_code == 2 and result.stderr.startswith("segmenter: error: unknown style 'nonesuch'")


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300), st.sampled_from(["srt", "vtt"]))
def test_check_reads_anything_without_crashing(text, fmt):
    """Any text is either checked or refused with an InputError (not WebVTT), never a crash."""
    text = ("WEBVTT\n\n" if fmt == "vtt" and not text.startswith("WEBVTT") else "") + text
    try:
        report = check_text(text, fmt, STYLE, f"x.{fmt}")
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    numbers = [v.cue for v in report.violations]
    assert numbers == sorted(numbers) and all(v.rule in RULES for v in report.violations)


def test_sniffing_needs_an_extension_or_a_recognisable_first_cue():
    assert sniff("WEBVTT\n\n", "a.srt") == "srt"  # the extension wins
    with pytest.raises(InputError, match="cannot tell the subtitle format"):
        sniff("Hello", "a.txt")


def _own_scripts():
    return list(SAMPLES) + ([SEED] if SEED.is_file() else [])


@pytest.mark.parametrize("style_name", preset_names())
def test_own_output_passes_check(style_name):
    style = load_style(style_name)
    scripts = _own_scripts()
    if not scripts:
        pytest.skip("no samples/*.txt and no seed script (../shared) to subtitle")
    for path in scripts:
        cues = subtitle(path.read_text(encoding="utf-8"), style)
        for fmt in ("srt", "vtt"):
            report = check_text(render(cues, fmt, style), fmt, style, f"{path.name}.{fmt}")
            assert report.ok, [f"{v.cue} {v.rule}: {v.message}" for v in report.violations]
            assert report.cues == len(cues)


def test_own_output_passes_check_through_the_cli(tmp_path):
    """End to end: `subtitle --format both` then `check` with the same style and overrides exits 0."""
    scripts = _own_scripts()
    if not scripts:
        pytest.skip("no samples/*.txt and no seed script (../shared) to subtitle")
    options = ["--style", "dcmp", "--max-chars", "30", "--cps", "12"]
    result = run("subtitle", *scripts, "--format", "both", "-o", tmp_path, *options)
    assert result.exit_code == 0, result.stderr
    outputs = sorted(tmp_path.iterdir())
    assert len(outputs) == 2 * len(scripts)
    result = run("check", *outputs, *options)
    assert result.exit_code == 0, result.stdout
    assert result.stdout.count(" OK\n") == len(outputs)


def test_every_rule_is_documented():
    """`check --help` names every rule; the README names every rule added beside the original eleven."""
    help_text = " ".join(run("check", "--help").stdout.split())
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    assert [rule for rule in RULES if rule not in help_text] == []
    assert [rule for rule in RULES[11:] if f"`{rule}`" not in readme] == []
