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


def test_every_cue_section_speaker_and_timing_shown():
    cues = [Cue(1, 0, 2000, ("Rain fell.",), "lead_in", None),
            Cue(2, 2100, 4100, ("Roads closed", "near Busan."), "package", "Kim Ha-na"),
            Cue(3, 4200, 6000, ("Kim Ha-na, Arirang News.",), "sign_off", "Kim Ha-na")]
    page = preview_html(cues, load_style("broadcast"), "story.txt")
    assert page.count('<section class="cue') == 3 and page.count('href="#cue') == 3
    assert "00:00:02.100 &rarr; 00:00:04.100 (2.00 s, 12.0 cps)" in page
    assert ">lead-in<" in page and ">sign-off<" in page and "Kim Ha-na</div>" in page
    assert "0 cues with violations" in page and "bad" not in re.sub(r"<style>.*?</style>", "", page, flags=re.S)


def test_violations_are_highlighted_and_text_escaped():
    style = Style(max_chars_per_line=10, max_lines=1, cps=10.0, min_duration=1.0, max_duration=5.0, min_gap=0.1)
    cues = [Cue(1, 0, 500, ("<script>alert(1)</script>", "two"), "quote", "A&B")]
    page = preview_html(cues, style, "x<y>.txt")
    body = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "x&lt;y&gt;.txt" in body and "A&amp;B" in body
    for rule in ("chars_per_line", "lines_per_cue", "reading_speed", "min_duration"):
        assert f"<b>{rule}</b>" in body
    assert 'class="cue bad"' in body and 'class="line long"' in body and "1 cue with violations" in body


def test_no_network_resources():
    page = preview_html([Cue(1, 0, 2000, ("Hi.",))], Style(), "s.txt")
    assert not re.search(r"(?:src|href)=\"(?:https?:)?//", page) and "@import" not in page and "url(" not in page


def test_cli_writes_page_and_refuses_to_clobber(tmp_path):
    out = tmp_path / "p.html"
    result = CliRunner().invoke(main, ["preview", str(SAMPLES[0]), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = CliRunner().invoke(main, ["preview", str(SAMPLES[0]), "-o", str(out)])
    assert result.exit_code == 2 and "already exists" in result.stderr


def _png_colours(data: bytes) -> int:
    """How many distinct pixel rows a PNG has (enough to tell a drawn page from a blank one)."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, chunks, width = 8, [], 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        if kind == b"IHDR":
            width = struct.unpack(">I", data[pos + 8:pos + 12])[0]
        if kind == b"IDAT":
            chunks.append(data[pos + 8:pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    stride = 1 + width * 4 if len(raw) % (1 + width * 4) == 0 else 1 + width * 3
    return len({raw[i:i + stride] for i in range(0, len(raw), stride)})


def test_page_draws_in_headless_chromium(tmp_path):
    if not CHROMIUM:
        if IN_CI:
            pytest.fail("chromium is not installed: .ci/install-players.sh must install it under CI")
        pytest.skip("chromium is not installed (run .ci/install-players.sh)")
    page, shot = tmp_path / "p.html", tmp_path / "p.png"
    assert CliRunner().invoke(main, ["preview", str(SAMPLES[0]), "-o", str(page)]).exit_code == 0
    profile = tempfile.mkdtemp()
    subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={profile}", "--hide-scrollbars", "--window-size=1280,900",
                    f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=60)
    shutil.rmtree(profile, ignore_errors=True)
    data = shot.read_bytes()
    assert len(data) > 20_000 and _png_colours(data) > 50
