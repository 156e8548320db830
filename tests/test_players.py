"""Conformance with real consumers: headless Chromium's TextTrack API and ffmpeg read what the tool writes.

Locally these skip when Chromium or ffmpeg is missing (`.ci/install-players.sh` installs both); under CI
(CI=true) a missing tool fails the run instead.
"""

from __future__ import annotations

import functools
import http.server
import json
import re
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path

import pytest

from conftest import IN_CI, SAMPLES
from segmenter.formats import vtt
from segmenter.model import Cue
from segmenter.pipeline import render, subtitle

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
FFMPEG = shutil.which("ffmpeg")
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]

PAGE = """<!DOCTYPE html><html><body>
<video id="v" muted><track id="t" kind="subtitles" src="subs.vtt"></video><pre id="out">pending</pre>
<script>
const el = document.getElementById('t'), out = document.getElementById('out');
el.addEventListener('load', () => { out.textContent = JSON.stringify(Array.from(el.track.cues).map(
  c => [c.startTime, c.endTime, c.text, c.getCueAsHTML().textContent])); });
el.addEventListener('error', () => { out.textContent = 'ERROR'; });
el.track.mode = 'hidden';
</script></body></html>"""


def need(tool: str | None, name: str) -> str:
    if tool:
        return tool
    if IN_CI:
        pytest.fail(f"{name} is not installed: .ci/install-players.sh must install it under CI")
    pytest.skip(f"{name} is not installed (run .ci/install-players.sh)")


def test_players_are_installed_under_ci():
    if not IN_CI:
        pytest.skip("only enforced under CI=true")
    assert CHROMIUM and FFMPEG, "CI must have chromium and ffmpeg"


@pytest.fixture(scope="module")
def browser_read():
    """A function: WebVTT text -> the cues Chromium's TextTrack API exposes for it."""
    chromium = need(CHROMIUM, "chromium")
    root = Path(tempfile.mkdtemp())
    (root / "index.html").write_text(PAGE, encoding="utf-8")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()

    def read(vtt_text: str) -> list:
        (root / "subs.vtt").write_text(vtt_text, encoding="utf-8")
        profile = tempfile.mkdtemp()
        proc = subprocess.run([chromium, *CHROME_FLAGS, f"--user-data-dir={profile}", "--virtual-time-budget=5000",
                               "--dump-dom", f"http://127.0.0.1:{server.server_port}/index.html"],
                              capture_output=True, text=True, timeout=60)
        shutil.rmtree(profile, ignore_errors=True)
        found = re.search(r'<pre id="out">(.*?)</pre>', proc.stdout, re.S)
        assert found and found.group(1) not in ("pending", "ERROR"), proc.stdout[-500:]
        import html

        return json.loads(html.unescape(found.group(1)))

    yield read
    server.shutdown()
    shutil.rmtree(root, ignore_errors=True)


def expected(vtt_text: str, cues) -> list:
    raw = vtt.parse(vtt_text)
    return [[c.start / 1000, c.end / 1000, "\n".join(r.lines), "\n".join(c.lines)] for c, r in zip(cues, raw)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_chromium_reads_every_sample_as_written(browser_read, path):
    cues = subtitle(path.read_text(encoding="utf-8"))
    text = render(cues, "vtt")
    got = browser_read(text)
    want = expected(text, cues)
    assert len(got) == len(cues)
    for g, w in zip(got, want):
        assert g[0] == pytest.approx(w[0], abs=5e-4) and g[1] == pytest.approx(w[1], abs=5e-4)
        assert g[2] == w[2]  # the raw cue text, voice tag and entities included
        assert g[3] == w[3]  # what the viewer sees: entities decoded, tags gone


def test_chromium_reads_escapes_and_voices(browser_read):
    cues = [Cue(1, 0, 1500, ("Salt & pepper <b>", "x --> y > z"), speaker="Kim <Jr> & Co"),
            Cue(2, 1600, 3000, ("A < B & C > D",), speaker="Lee Ji-won"),
            Cue(3, 3100, 4000, ("no speaker",))]
    text = render(cues, "vtt")
    got = browser_read(text)
    assert [g[3] for g in got] == ["Salt & pepper <b>\nx --> y > z", "A < B & C > D", "no speaker"]
    assert got[1][2].startswith("<v Lee Ji-won>")
    assert [(g[0], g[1]) for g in got] == [(0, 1.5), (1.6, 3.0), (3.1, 4.0)]


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_ffmpeg_converts_to_ass_cleanly(tmp_path, path, fmt):
    ffmpeg = need(FFMPEG, "ffmpeg")
    cues = subtitle(path.read_text(encoding="utf-8"))
    src, out = tmp_path / f"in.{fmt}", tmp_path / "out.ass"
    src.write_text(render(cues, fmt), encoding="utf-8")
    proc = subprocess.run([ffmpeg, "-nostdin", "-v", "warning", "-i", str(src), str(out)], capture_output=True,
                          text=True, timeout=60)
    assert proc.returncode == 0 and proc.stderr.strip() == "", proc.stderr
    events = [line for line in out.read_text(encoding="utf-8").splitlines() if line.startswith("Dialogue:")]
    assert len(events) == len(cues)
