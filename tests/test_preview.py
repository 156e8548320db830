"""`segmenter preview`: the page shows every cue, escapes text, highlights violations, needs no network,
and draws in headless Chromium."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import tempfile
import zlib

import pytest
from click.testing import CliRunner

from conftest import IN_CI, SAMPLES
from segmenter.cli import main
from segmenter.model import Cue
from segmenter.preview import preview_html
from segmenter.style import Style, load_style

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]

TINY = Style(max_chars_per_line=10, max_lines=1, cps=10.0, min_duration=1.0, max_duration=3.0, min_gap=0.2)


def body(page: str) -> str:
    """The page without its style sheet (whose selectors name every class)."""
    return re.sub(r"<style>.*?</style>", "", page, flags=re.S)


def card(page: str, index: int) -> str:
    return re.search(rf'<section class="[^"]*" id="cue{index}">.*?</section>', page, re.S).group(0)


def test_every_cue_section_speaker_and_timing_shown():
    cues = [Cue(1, 0, 2000, ("Rain fell.",), "lead_in", None),
            Cue(2, 2100, 4100, ("Roads closed", "near Busan."), "package", "Kim Ha-na"),
            Cue(3, 4200, 6000, ("Kim Ha-na, Arirang News.",), "sign_off", "Kim Ha-na")]
    page = body(preview_html(cues, load_style("broadcast"), "story.txt"))
    assert page.count('<section class="cue') == 3 and page.count('<a href="#cue') == 3
    second = card(page, 2)
    assert "00:00:02.100 &rarr; 00:00:04.100" in second
    assert ">2.00 s<" in second and ">12.0 cps<" in second and ">gap 0.10 s<" in second
    assert '<div class="line">Roads closed</div><div class="line">near Busan.</div>' in second
    assert ">package<" in second and '<span class="who">Kim Ha-na</span>' in second
    assert ">lead-in<" in card(page, 1) and "who" not in card(page, 1) and ">sign-off<" in card(page, 3)
    assert "<b>0</b> cues with violations" in page and "Every cue is within style broadcast" in page
    assert re.findall(r'class="[^"]*\bbad\b[^"]*"', page) == ['class="bad"']  # only the legend's key


def test_each_violation_marks_its_part_of_the_card():
    cues = [Cue(1, 0, 500, ("far too long a line", "two"), "quote", "A"),
            Cue(2, 550, 4000, ("short",), "lead_in"),
            Cue(3, 4500, 6000, ("fine",), "sign_off")]
    page = body(preview_html(cues, TINY, "s.txt"))
    first, second, third = card(page, 1), card(page, 2), card(page, 3)
    assert first.startswith('<section class="cue bad"') and second.startswith('<section class="cue bad"')
    assert '<div class="line bad">far too long a line</div><div class="line">two</div>' in first
    assert '<div class="frame bad">' in first  # two lines > 1
    assert '"chip bad">0.50 s<' in first and '"chip bad">46.0 cps<' in first
    assert '"chip bad">3.45 s<' in second and '"chip bad">gap 0.05 s<' in second and '"chip">1.4 cps<' in second
    assert third.startswith('<section class="cue"') and "within the style" in third
    assert '"chip">gap 0.50 s<' in third
    for rule in ("chars_per_line", "lines_per_cue", "reading_speed", "min_duration"):
        assert f"<b>{rule}</b>" in first
    assert "<b>max_duration</b>" in second and "<b>min_gap</b>" in second
    assert "6 violations of style custom" in page and page.count('<li><a href="#cue1">#1</a>') == 4
    assert '<a href="#cue2" class="bad"' in page and '<a href="#cue3" title' in page
    assert "<b>2</b> cues with violations" in page


def test_text_is_escaped_everywhere():
    cues = [Cue(1, 0, 500, ("<script>alert(1)</script>", 'a "q" & b'), "<odd>", "A&B <x>")]
    page = preview_html(cues, TINY, "x<y>.txt")
    rest = body(page)
    assert "<script>" not in rest and "&lt;script&gt;alert(1)&lt;/script&gt;" in rest
    assert "a &quot;q&quot; &amp; b" in rest and "x&lt;y&gt;.txt" in rest and "A&amp;B &lt;x&gt;" in rest
    assert ">&lt;odd&gt;<" in rest and "<x>" not in rest and "<odd>" not in rest
    assert "&#x27;&lt;script&gt;alert(1)&lt;/script&gt;&#x27;" in rest  # the violation message quotes the line


def test_top_placement_draws_at_the_top_above_the_name_super():
    page = body(preview_html([Cue(1, 0, 2000, ("Hi.",), "quote", "Lim", "top"), Cue(2, 2100, 4000, ("Yo.",))],
                             load_style("broadcast"), "s.txt"))
    assert '<div class="frame top"><div class="super">name super: Lim</div>' in card(page, 1)
    assert '<div class="frame"><div class="line">Yo.</div>' in card(page, 2)


def test_no_network_resources():
    page = preview_html([Cue(1, 0, 2000, ("Visit http://x.example/a.png",), "package", "B")], Style(), "s.txt")
    assert not re.search(r"\ssrc=", page) and "@import" not in page and "url(" not in page
    assert set(re.findall(r'href="(.)', page)) == {"#"}
    assert "<script" not in page and "<link" not in page


def test_cli_writes_page_refuses_to_clobber_and_applies_style_and_start(tmp_path):
    out, runner = tmp_path / "p.html", CliRunner()
    result = runner.invoke(main, ["preview", str(SAMPLES[0]), "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "style <b>broadcast</b>" in page
    assert "00:00:00.000 &rarr;" in page
    result = runner.invoke(main, ["preview", str(SAMPLES[0]), "-o", str(out)])
    assert result.exit_code == 2 and "already exists" in result.output and out.read_text(encoding="utf-8") == page
    result = runner.invoke(main, ["preview", str(SAMPLES[0]), "-o", str(out), "--force", "--style", "netflix",
                                  "--max-chars", "30", "--start", "10:00:00.000"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "style <b>netflix</b>: 30 chars" in page and "10:00:00.000 &rarr;" in page
    assert not list(tmp_path.glob(".*.tmp"))


def test_cli_reports_bad_input_in_one_line(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("[production note only]\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["preview", str(empty), "-o", str(tmp_path / "p.html")])
    assert result.exit_code == 2 and result.output.startswith("segmenter: error: ")
    assert not (tmp_path / "p.html").exists()


def png_rows(data: bytes) -> tuple[int, int, int]:
    """Width, height and number of distinct pixel rows of an 8-bit RGB(A) PNG (stdlib only)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks = 8, []
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", data[pos + 8:pos + 18])
            assert depth == 8 and colour in (2, 6), (depth, colour)
        elif kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = 1 + width * (4 if colour == 6 else 3)
    assert len(raw) == stride * height
    return width, height, len({raw[i + 1:i + stride] for i in range(0, len(raw), stride)})


def test_page_draws_in_headless_chromium(tmp_path):
    if not CHROMIUM:
        if IN_CI:
            pytest.fail("chromium is not installed: .ci/install-players.sh must install it under CI")
        pytest.skip("chromium is not installed (run .ci/install-players.sh)")
    sample = next((p for p in SAMPLES if "donut" in p.name), SAMPLES[0])
    page, shot = tmp_path / "p.html", tmp_path / "p.png"
    assert CliRunner().invoke(main, ["preview", str(sample), "-o", str(page)]).exit_code == 0
    profile = tempfile.mkdtemp()
    try:
        proc = subprocess.run([CHROMIUM, *CHROME_FLAGS, f"--user-data-dir={profile}", "--hide-scrollbars",
                               "--window-size=1280,2000", f"--screenshot={shot}", page.as_uri()],
                              capture_output=True, text=True, timeout=90)
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert shot.is_file(), proc.stderr[-1000:]
    data = shot.read_bytes()
    width, height, rows = png_rows(data)
    assert (width, height) == (1280, 2000)
    assert len(data) > 50_000 and rows > 300  # drawn cards and text, not a blank or single-colour page


def test_cli_dash_is_standard_output(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["preview", str(SAMPLES[0]), "-o", "-"], catch_exceptions=False)
    assert result.exit_code == 0 and result.stdout.startswith("<!DOCTYPE html>")
    assert result.stdout.rstrip().endswith("</html>") and list(tmp_path.iterdir()) == []


def test_cli_draws_at_most_max_cues_and_says_so(tmp_path):
    script = tmp_path / "long.txt"
    script.write_text("".join(f"Rain fell in town number {n}.\n" for n in range(30)), encoding="utf-8")
    result = CliRunner().invoke(main, ["preview", str(script), "-o", "-", "--max-cues", "10"],
                                catch_exceptions=False)
    assert result.exit_code == 0
    assert result.stderr == (f"segmenter: warning: {script}: the preview draws the first 10 of 30 cues "
                             "(--max-cues 0 draws all)\n")
    assert result.stdout.count('<section class="cue') == 10
    assert "<b>10</b> cues of 30 (the first drawn)" in result.stdout
    result = CliRunner().invoke(main, ["preview", str(script), "-o", "-", "--max-cues", "0"], catch_exceptions=False)
    assert result.stderr == "" and result.stdout.count('<section class="cue') == 30


def test_cli_default_cap_keeps_a_large_script_page_small(tmp_path):
    from segmenter.cli_preview import MAX_CUES

    script = tmp_path / "big.txt"
    script.write_text("".join(f"Rain fell in town number {n}.\n" for n in range(MAX_CUES + 5)), encoding="utf-8")
    result = CliRunner().invoke(main, ["preview", str(script), "-o", str(tmp_path / "p.html")],
                                catch_exceptions=False)
    assert result.exit_code == 0 and f"first {MAX_CUES} of {MAX_CUES + 5} cues" in result.stderr
    assert (tmp_path / "p.html").stat().st_size < 1500 * MAX_CUES


def test_speaker_title_shown_beside_the_name_not_in_the_voice_tag():
    """A transcript label's title ("GNN CORRESPONDENT") is the speaker's metadata: the card shows it, the
    WebVTT voice tag carries the name alone."""
    from segmenter.pipeline import render, subtitle

    script = ("MARCIA OKAFOR, GNN ANCHOR: Screeners start work today.\n"
              "KATHLEEN KOCH, GNN CORRESPONDENT (voice-over): The new screeners wear white shirts.\n")
    cues = subtitle(script, load_style("broadcast"), dialect="transcript")
    page = body(preview_html(cues, load_style("broadcast"), "t.txt"))
    koch = next(c for c in cues if c.speaker == "Kathleen Koch")
    assert koch.speaker_title and "CORRESPONDENT" in koch.speaker_title.upper()
    assert f'<span class="who">Kathleen Koch, {koch.speaker_title}</span>' in card(page, koch.index)
    assert "<v Kathleen Koch>The new screeners" in render(cues, "vtt")
