"""`segmenter check`: each rule fails on a hand-made file and passes on its corrected twin."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from conftest import SAMPLES, SEED
from segmenter.check import check_text
from segmenter.cli import main
from segmenter.pipeline import render, subtitle
from segmenter.style import Style, load_style, preset_names

STYLE = Style(max_chars_per_line=20, max_lines=2, cps=15.0, min_duration=1.0, max_duration=6.0, min_gap=0.08)


def srt(*cues: tuple[str, str, str]) -> str:
    return "".join(f"{n}\n{a.replace('.', ',')} --> {b.replace('.', ',')}\n{text}\n\n"
                   for n, (a, b, text) in enumerate(cues, 1))


def vtt(*cues: tuple[str, str, str]) -> str:
    return "WEBVTT\n\n" + "".join(f"{a} --> {b}\n{text}\n\n" for a, b, text in cues)


OK = ("00:00:01.000", "00:00:03.000", "Short line")
NEXT = ("00:00:03.100", "00:00:05.000", "Next one")
LATER = ("00:00:04.100", "00:00:06.000", "Next one")

CASES = [
    ("chars_per_line", "srt", [("00:00:01.000", "00:00:04.000", "This line is far too long"), LATER],
     [("00:00:01.000", "00:00:04.000", "This line is\nfar too long"), LATER]),
    ("lines_per_cue", "srt", [("00:00:01.000", "00:00:04.000", "One\nTwo\nThree"), LATER],
     [("00:00:01.000", "00:00:04.000", "One\nTwo Three"), LATER]),
    ("reading_speed", "vtt", [("00:00:01.000", "00:00:02.000", "Twenty characters!\nand more"), NEXT],
     [("00:00:01.000", "00:00:03.000", "Twenty characters!\nand more"), NEXT]),
    ("min_duration", "srt", [("00:00:01.000", "00:00:01.500", "Hi"), NEXT],
     [("00:00:01.000", "00:00:02.000", "Hi"), NEXT]),
    ("max_duration", "vtt", [("00:00:01.000", "00:00:08.000", "Hi"), ("00:00:08.100", "00:00:09.500", "Bye")],
     [("00:00:01.000", "00:00:07.000", "Hi"), ("00:00:08.100", "00:00:09.500", "Bye")]),
    ("min_gap", "srt", [OK, ("00:00:03.040", "00:00:05.000", "Next one")], [OK, NEXT]),
    ("overlap", "vtt", [OK, ("00:00:02.500", "00:00:05.000", "Next one")], [OK, NEXT]),
    ("out_of_order", "srt", [OK, ("00:00:00.000", "00:00:01.000", "Earlier")],
     [("00:00:00.000", "00:00:01.000", "Earlier"), ("00:00:01.080", "00:00:03.000", "Short line")]),
    ("empty_cue", "vtt", [OK, ("00:00:03.100", "00:00:05.000", "<i></i>")], [OK, NEXT]),
    ("malformed_timestamp", "vtt", [OK, ("00:00:03.1", "00:00:05.000", "Next one")], [OK, NEXT]),
    ("malformed_timestamp", "srt", [OK, ("00:00:3,100", "00:00:05.000", "Next one")], [OK, NEXT]),
    ("misrendered_text", "vtt", [OK, ("00:00:03.100", "00:00:05.000", "Salt & pepper")],
     [OK, ("00:00:03.100", "00:00:05.000", "Salt &amp; pepper")]),
    ("misrendered_text", "vtt", [OK, ("00:00:03.100", "00:00:05.000", "a < b")],
     [OK, ("00:00:03.100", "00:00:05.000", "<v Kim>a &lt; <i>b</i>")]),
    ("misrendered_text", "srt", [OK, ("00:00:03.100", "00:00:05.000", "go --> here")],
     [OK, ("00:00:03.100", "00:00:05.000", "go -- here")]),
]


@pytest.mark.parametrize("rule, fmt, bad, good", CASES, ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_rule_fails_and_passes(rule, fmt, bad, good):
    write = srt if fmt == "srt" else vtt
    report = check_text(write(*bad), fmt, STYLE, f"bad.{fmt}")
    assert [v.rule for v in report.violations] == [rule]
    assert check_text(write(*good), fmt, STYLE, f"good.{fmt}").ok


def test_reads_bom_crlf_identifiers_settings_and_no_final_newline():
    text = ("\ufeffWEBVTT - news\r\n\r\nNOTE made by hand\r\n\r\nintro\r\n00:01.000 --> 00:02.500 line:0 align:start\r\n"
            "<v Kim><b>Hello</b> there\r\n\r\n2\r\n00:02.600 --> 00:04.000\r\nBye")
    report = check_text(text, "vtt", STYLE, "x.vtt")
    assert report.cues == 2 and report.ok
    srt_text = "\ufeff1\r\n00:00:01,000 --> 00:00:02,500\r\nHello\r\n\r\n2\r\n00:00:02,600 --> 00:00:04,000\r\nBye"
    assert check_text(srt_text, "srt", STYLE, "x.srt").ok


def test_cli_text_json_and_exit_codes(tmp_path):
    bad, good, broken = tmp_path / "bad.srt", tmp_path / "good.vtt", tmp_path / "broken.vtt"
    bad.write_text(srt(OK, ("00:00:02.500", "00:00:05.000", "Next one")), encoding="utf-8")
    good.write_text(vtt(OK, NEXT), encoding="utf-8")
    broken.write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    runner = CliRunner()
    result = runner.invoke(main, ["check", str(good), "--max-chars", "20", "--cps", "15"])
    assert result.exit_code == 0 and result.stdout == f"{good}: 2 cues, OK\n"
    result = runner.invoke(main, ["check", str(bad), str(good)])
    assert result.exit_code == 1
    assert result.stdout.splitlines()[0] == (f"{bad}: cue 2 (00:00:02.500): overlap: starts at 00:00:02.500, "
                                             f"before cue 1 ends (00:00:03.000)")
    assert f"{bad}: 2 cues, 1 violations (overlap 1)" in result.stdout
    result = runner.invoke(main, ["check", str(bad), str(broken), "--format", "json"])
    assert result.exit_code == 2
    data = json.loads(result.stdout)
    assert data["files"][0]["violations"][0]["rule"] == "overlap"
    assert data["unreadable"] == [f"{broken}: looks like a binary file, not a text script"]


@pytest.mark.parametrize("style_name", preset_names())
def test_own_output_passes_check(style_name):
    style = load_style(style_name)
    scripts = list(SAMPLES) + ([SEED] if SEED.is_file() else [])
    for path in scripts:
        cues = subtitle(path.read_text(encoding="utf-8"), style)
        for fmt in ("srt", "vtt"):
            report = check_text(render(cues, fmt, style), fmt, style, path.name)
            assert report.ok, [str(v) for v in report.violations]
            assert report.cues == len(cues)
