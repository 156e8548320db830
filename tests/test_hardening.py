"""Bad and odd input: a one-line error naming the file, a non-zero exit, nothing written or clobbered;
or, for valid input, subtitles that keep every word. Plus a round-trip property over any Unicode text."""

from __future__ import annotations

import unicodedata

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings, strategies as st

from segmenter import formats
from segmenter.cli import main
from segmenter.errors import InputError
from segmenter.pipeline import render, subtitle
from segmenter.style import load_style


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def words_of_srt(path):
    return [w for cue in formats.get("srt").read(path.read_text(encoding="utf-8")) for line in cue.lines
            for w in line.split()]


VALID = [
    ("utf16-bom", "Rain fell in Seoul.\nKim Ha-na, Arirang News.\n".encode("utf-16"),
     "Rain fell in Seoul. Kim Ha-na, Arirang News."),
    ("utf8-bom", "\ufeffRain fell in Seoul.\n".encode("utf-8"), "Rain fell in Seoul."),
    ("crlf", b"Kim Ha-na reports.\r\nRain fell.\r\nKim Ha-na, Arirang News.\r\n",
     "Kim Ha-na reports. Rain fell. Kim Ha-na, Arirang News."),
    ("lone-cr", b"Kim Ha-na reports.\rRain fell.\rKim Ha-na, Arirang News.",
     "Kim Ha-na reports. Rain fell. Kim Ha-na, Arirang News."),
    ("long-token", ("Start " + "x" * 5000 + " end.\n").encode(), "Start " + "x" * 5000 + " end."),
    ("punctuation-line", b"Hello there.\n!!! ... ?!\nBye.\n", "Hello there. !!! ... ?! Bye."),
    ("markup-lookalikes", "The <b>bold</b> & brave --> went\tout\u200b today.\x07 Done.\n".encode(),
     "The <b>bold</b> & brave --> went out\u200b today. Done."),
    ("cjk-and-accents", "최승현 외교부 장관이 말했습니다. 東京で会談が行われた。 José María and Zoë Ångström met.\n".encode(),
     "최승현 외교부 장관이 말했습니다. 東京で会談が行われた。 José María and Zoë Ångström met."),
    ("only-sign-off", b"Lee Ji-won, Arirang News.\n", "Lee Ji-won, Arirang News."),
]


@pytest.mark.parametrize("name, data, spoken", VALID, ids=[v[0] for v in VALID])
def test_valid_odd_input_keeps_every_word(tmp_path, name, data, spoken):
    src, out = tmp_path / f"{name}.txt", tmp_path / f"{name}.srt"
    src.write_bytes(data)
    result = run("subtitle", src, "-o", out)
    assert result.exit_code == 0, result.stderr
    assert words_of_srt(out) == spoken.split()
    vtt = tmp_path / f"{name}.vtt"
    assert run("subtitle", src, "-o", vtt).exit_code == 0
    assert vtt.read_text(encoding="utf-8").startswith("WEBVTT\n")


def test_only_sign_off_is_a_sign_off_cue():
    (cue,) = subtitle("Lee Ji-won, Arirang News.\n")
    assert (cue.section, cue.speaker) == ("sign_off", "Lee Ji-won")


def test_vtt_escapes_what_a_player_would_misread(tmp_path):
    src = tmp_path / "s.txt"
    src.write_text("The <b>bold</b> & brave --> went out.\n", encoding="utf-8")
    result = run("subtitle", src, "--format", "vtt")
    assert "The &lt;b&gt;bold&lt;/b&gt; &amp; brave --&gt;" in result.stdout
    assert "-->" not in "".join(line for line in result.stdout.splitlines() if " --> " not in line)


INVALID = [
    (b"", "empty file, nothing to subtitle"),
    (b" \n\t \r\n", "only whitespace, nothing to subtitle"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "looks like a binary file, not a text script"),
    ("Caf\xe9 news".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at offset 3); try --encoding latin-1"),
    (b"[VIDEO: pan]\n((graphic))\n", "no spoken text to subtitle (only production notes or control characters)"),
]


@pytest.mark.parametrize("data, message", INVALID)
def test_invalid_input_one_line_no_output(tmp_path, data, message):
    src, out = tmp_path / "bad.txt", tmp_path / "bad.srt"
    src.write_bytes(data)
    result = run("subtitle", src, "-o", out)
    assert result.exit_code == 1
    assert result.stderr == f"segmenter: error: {src}: {message}\n"
    assert "Traceback" not in result.output
    assert not out.exists()


def test_existing_output_not_clobbered_even_when_input_is_bad(tmp_path):
    src, out = tmp_path / "bad.txt", tmp_path / "out.srt"
    src.write_bytes(b"")
    out.write_text("keep me", encoding="utf-8")
    assert run("subtitle", src, "-o", out, "--force").exit_code == 1
    assert out.read_text(encoding="utf-8") == "keep me"


def test_output_directory_created_or_refused(tmp_path):
    src = tmp_path / "s.txt"
    src.write_text("Rain fell.\n", encoding="utf-8")
    assert run("subtitle", src, "-o", tmp_path / "new" / "deeper" / "s.srt").exit_code == 0
    assert (tmp_path / "new" / "deeper" / "s.srt").is_file()
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    result = run("subtitle", src, "-o", blocker / "s.srt")
    assert result.exit_code == 1
    assert result.stderr.startswith(f"segmenter: error: {blocker / 's.srt'}: cannot write")
    assert len(result.stderr.splitlines()) == 1
    assert blocker.read_text(encoding="utf-8") == "x"


def test_no_temporary_files_left_behind(tmp_path):
    src = tmp_path / "s.txt"
    src.write_text("Rain fell.\n", encoding="utf-8")
    assert run("subtitle", src, "--format", "both", "-o", tmp_path / "out").exit_code == 0
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["s.srt", "s.vtt"]


def test_unreadable_file_is_one_line(tmp_path):
    result = run("subtitle", tmp_path, "-o", tmp_path / "x.srt")
    assert result.exit_code == 1 and result.stderr == f"segmenter: error: {tmp_path}: is a directory, not a script\n"


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(min_size=1, max_size=300), st.sampled_from(["broadcast", "netflix", "dcmp"]))
def test_any_unicode_round_trips(text, style_name):
    style = load_style(style_name)
    try:
        cues = subtitle(text, style)
    except InputError:
        return
    for fmt in ("srt", "vtt"):
        back = formats.get(fmt).read(render(cues, fmt, style))
        assert [(c.start, c.end, c.lines) for c in back] == [(c.start, c.end, c.lines) for c in cues]
    assert all(b.speaker == c.speaker for b, c in zip(formats.get("vtt").read(render(cues, "vtt")), cues))
    kept = [w for c in cues for line in c.lines for w in line.split()]
    spoken = "".join(ch for ch in text if ch.isspace() or unicodedata.category(ch) != "Cc")
    if not any(ch in text for ch in "[(:"):  # no production notes or speaker labels: every word kept
        assert kept == spoken.split()


def test_outputs_have_ordinary_permissions(tmp_path):
    import os
    import stat

    src = tmp_path / "s.txt"
    src.write_text("Rain fell.\n", encoding="utf-8")
    assert run("subtitle", src, "-o", tmp_path / "s.srt").exit_code == 0
    mask = os.umask(0)
    os.umask(mask)
    assert stat.S_IMODE((tmp_path / "s.srt").stat().st_mode) == 0o666 & ~mask


def test_fifty_megabyte_script_streams_with_bounded_memory(tmp_path):
    """A 50 MB script is subtitled in one pass with memory far below the size of its outputs (~190 MB)."""
    import subprocess
    import sys

    story = ("Flooding hit the coast overnight.\nKim Ha-na reports.\n"
             + "Heavy rain fell for six hours,... and rivers burst their banks near the port.\n" * 8
             + "Kim Ha-na, Arirang News.\n\n")
    src = tmp_path / "big.txt"
    with open(src, "w", encoding="utf-8") as handle:
        for _ in range(50_000_000 // len(story)):
            handle.write(story)
    probe = ("import resource, sys\nfrom segmenter.cli import main\n"
             "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
             "finally:\n    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024, file=sys.stderr)")
    out = tmp_path / "out"
    proc = subprocess.run([sys.executable, "-c", probe, "subtitle", str(src), "--format", "both", "-o", str(out)],
                          capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    peak_mb = int(proc.stderr.strip().splitlines()[-1])
    assert peak_mb < 400, f"peak RSS {peak_mb} MB"
    srt_text = (out / "big.srt").read_text(encoding="utf-8")
    assert srt_text.count("Kim Ha-na, Arirang News.") == 50_000_000 // len(story)
    assert (out / "big.vtt").stat().st_size > 50_000_000
