"""SRT as players read it: loose timestamps keep their cue, absurd ones are findings (never a traceback),
script text that players would take for markup is neutralised on writing, and the tool's own output passes
its own `check` in both formats whatever the script holds; `check` takes any input, and stays linear."""

from __future__ import annotations

import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segmenter import formats
from segmenter.check import RULES, check_text
from segmenter.cli import main
from segmenter.formats import srt
from segmenter.model import Cue
from segmenter.pipeline import render, subtitle
from segmenter.style import Style, load_style, preset_names
from test_players import FFMPEG, need

WJ = "\u2060"


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_loose_timestamps_keep_their_cue(tmp_path):
    path = tmp_path / "loose.srt"
    path.write_text("1\n00:00:0,000 --> 00:00:01,50\nGood evening.\n\n2\n00:00:02,000 --> 00:00:03,000\nBye.\n",
                    encoding="utf-8")
    result = run("check", path, "--min-duration", "1", "--cps", "20")
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: cue 1 (00:00:00.000, line 2): timestamp_format: timestamp not written HH:MM:SS,mmm "
        f"(players differ: ffmpeg reads 0.000 --> 1.050 s): '00:00:0,000 --> 00:00:01,50'",
        f"{path}: 2 cues, 1 violation (timestamp_format 1)"]
    assert [(c.start, c.end, c.lines) for c in formats.load(str(path))] == [
        (0, 1050, ("Good evening.",)), (2000, 3000, ("Bye.",))]


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
@pytest.mark.parametrize("hours", ["9" * 5000, "24000000000"])
def test_absurd_hour_field_is_a_finding_not_a_traceback(tmp_path, fmt, hours):
    path = tmp_path / f"a.{fmt}"
    sep = "," if fmt == "srt" else "."
    head = "1\n" if fmt == "srt" else "WEBVTT\n\n"
    path.write_text(f"{head}00:00:01{sep}000 --> {hours}:00:00{sep}000\nHi\n", encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 1, result.output
    assert result.stdout.endswith(f"{path}: 0 cues, 1 violation (timestamp_out_of_range 1)\n")
    assert "Traceback" not in result.output


def test_writer_neutralises_what_players_read_as_markup():
    cue = Cue(1, 0, 1500, ("<b>bold</b> & <ALERT>", "in <or> first --> out ---->"))
    assert srt.FORMAT.write([cue]) == (f"1\n00:00:00,000 --> 00:00:01,500\n<{WJ}b>bold<{WJ}/b> & <{WJ}ALERT>\n"
                                       f"in <{WJ}or> first --{WJ}> out ----{WJ}>\n\n")
    assert srt.FORMAT.read(srt.FORMAT.write([cue]))[0].lines == cue.lines
    report = check_text(srt.FORMAT.write([cue]), "srt", Style(max_chars_per_line=30, cps=100, min_duration=1))
    assert report.ok, report.violations  # each joiner is invisible: the lines count 20 and 27 characters


def test_unknown_tags_in_srt_are_misrendered():
    text = "1\n00:00:01,000 --> 00:00:03,000\nin <or> first <i>out</i>.\n"
    report = check_text(text, "srt", Style())
    assert [(v.rule, v.message) for v in report.violations] == [
        ("misrendered_text", "unknown tag '<or>' (players drop it): 'in <or> first <i>out</i>.'")]


def test_ffmpeg_shows_neutralised_markup_literally(tmp_path):
    ffmpeg = need(FFMPEG, "ffmpeg")
    cues = subtitle("The <b>bold</b> & <ALERT> team went in <or> first --> out.\n", "broadcast", dialect="plain")
    src, out = tmp_path / "in.srt", tmp_path / "out.ass"
    src.write_text(render(cues, "srt"), encoding="utf-8")
    proc = subprocess.run([ffmpeg, "-nostdin", "-v", "warning", "-i", str(src), str(out)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr  # no "Unrecognized tag"
    shown = " ".join(line.split(",", 9)[9] for line in out.read_text(encoding="utf-8").splitlines()
                     if line.startswith("Dialogue:"))
    assert shown.replace(WJ, "").replace("\\N", " ") == "The <b>bold</b> & <ALERT> team went in <or> first --> out."


MARKUP = ["-->", "<", ">", "&", "<b>", "</b>", "<ALERT>", "<or>", "<i>", "&amp;", "&lt;", "<v Kim>", "--", "->",
          "<00:00:01.000>", "<c.red>", "<font color=red>", "a<b", "x&y"]
words = st.text("abcdefghij", min_size=1, max_size=8)
markup_scripts = st.lists(st.one_of(words, st.sampled_from(MARKUP)), min_size=1, max_size=30).map(
    lambda parts: " ".join(parts) + ".")


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(markup_scripts, st.sampled_from(preset_names()))
def test_own_output_with_markup_passes_check(script, style_name):
    style = load_style(style_name)
    cues = subtitle(script, style, dialect="plain")
    for fmt in ("srt", "vtt"):
        text = render(cues, fmt, style)
        report = check_text(text, fmt, style, f"x.{fmt}")
        assert report.ok, (fmt, [(v.cue, v.rule, v.message) for v in report.violations])
        assert [c.lines for c in formats.get(fmt).read(text)] == [c.lines for c in cues]


def _check_file(data: bytes, suffix: str):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"x.{suffix}"
        path.write_bytes(data)
        return run("check", path)


@settings(max_examples=150, deadline=None)
@given(st.one_of(st.binary(max_size=300), st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
                 st.text(max_size=300).map(lambda t: ("WEBVTT\n\n" + t).encode("utf-8", "surrogatepass"))),
       st.sampled_from(["srt", "vtt"]))
def test_check_takes_any_bytes(data, suffix):
    """Any file checked as SRT or WebVTT: a report (0/1) or a one-line refusal (2), never a traceback."""
    result = _check_file(data, suffix)
    assert result.exit_code in (0, 1, 2), result.exc_info
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("segmenter: error: ")
    else:
        assert all(line.split(": ")[2] in RULES for line in result.stdout.splitlines()[:-1]), result.stdout


TIMING = {"srt": "1\n00:00:01,000 --> 00:00:03,000\n", "vtt": "WEBVTT\n\n00:01.000 --> 00:03.000\n"}


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
@pytest.mark.parametrize("piece", ["<i ", "<", "<v ", "<v.a", "&a", "{\\", "<font ", "-->", "<c.", "&#1", "<v &#1"])
def test_check_is_linear_on_hostile_cue_text(fmt, piece):
    """300 kB of an unclosed tag in one cue (this took 99 s with '<i ' in SRT), or a character reference of
    300,000 digits (html.unescape raised): well under a few seconds, no exception."""
    body = piece + "1" * 300_000 if piece.endswith("#1") else piece * (300_000 // len(piece))
    text = TIMING[fmt] + body + "\n"
    began = time.perf_counter()
    report = check_text(text, fmt, Style())
    assert time.perf_counter() - began < 5, piece
    assert report.cues == 1


def test_ffmpeg_reads_loose_timestamps_as_this_reader_does(tmp_path):
    """The cues `check` keeps for loose timestamps are the ones ffmpeg plays, at the same times (ASS holds
    centiseconds, hence the 10 ms tolerance)."""
    ffmpeg = need(FFMPEG, "ffmpeg")
    src, out = tmp_path / "loose.srt", tmp_path / "out.ass"
    src.write_text("1\n00:00:0,000 --> 00:00:01,50\nA\n\n2\n0:00:02,5 --> 00:00:03,000\nB\n\n"
                   "3\n00:00:04.000-->00:00:05.000\nC\n\n4\n00:01:75,000 --> 00:01:79,000\nD\n", encoding="utf-8")
    proc = subprocess.run([ffmpeg, "-nostdin", "-v", "warning", "-i", str(src), str(out)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr

    def ms(clock: str) -> int:
        h, m, s = clock.split(":")
        return round(((int(h) * 60 + int(m)) * 60 + float(s)) * 1000)

    played = [(ms(f[1]), ms(f[2]), f[9]) for f in (line.split(",", 9) for line in out.read_text(encoding="utf-8")
                                                    .splitlines() if line.startswith("Dialogue:"))]
    read = [(c.start, c.end, c.lines[0]) for _, c in srt.parse(src.read_text(encoding="utf-8"))]
    assert read == [(0, 1050, "A"), (2005, 3000, "B"), (4000, 5000, "C"), (135000, 139000, "D")]
    assert len(played) == len(read)
    assert all(abs(p[0] - r[0]) <= 10 and abs(p[1] - r[1]) <= 10 and p[2] == r[2] for p, r in zip(played, read))
