"""Conformance with real consumers: headless Chromium's TextTrack API and ffmpeg read what the tool writes.

Locally these skip when Chromium or ffmpeg is missing (`.ci/install-players.sh` installs both); under CI
(CI=true) a missing tool fails the run instead.
"""

from __future__ import annotations

import functools
import html
import http.server
import json
import os
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
INSTALL_SCRIPT = Path(__file__).resolve().parents[1] / ".ci" / "install-players.sh"
CHROME_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync"]

PAGE = """<!DOCTYPE html><html><body>
<video id="v" muted><track id="t" kind="subtitles" src="subs.vtt"></video><pre id="out">pending</pre>
<script>
// The video has no src: a track in mode 'hidden' still loads, and its cues are read through the TextTrack API.
const el = document.getElementById('t'), out = document.getElementById('out');
el.addEventListener('load', () => { out.textContent = JSON.stringify(Array.from(el.track.cues, c => {
  const shown = c.getCueAsHTML();
  return {start: c.startTime, end: c.endTime, text: c.text, shown: shown.textContent, line: c.line,
          voices: Array.from(shown.querySelectorAll('span[title]'), s => s.title)}; })); });
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
    assert CHROMIUM, "CI must have chromium: .ci/install-players.sh installs it"
    assert FFMPEG, "CI must have ffmpeg: .ci/install-players.sh installs it"
    version = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60)
    assert version.returncode == 0 and "Chromium" in version.stdout, version.stderr


def test_install_script_does_nothing_when_players_are_present(tmp_path):
    need(CHROMIUM, "chromium"), need(FFMPEG, "ffmpeg")
    fake = tmp_path / "bin"
    fake.mkdir()
    (fake / "apt-get").write_text(f"#!/bin/sh\ntouch {tmp_path}/apt-get-ran\nexit 1\n")
    (fake / "apt-get").chmod(0o755)
    env = {**os.environ, "PATH": f"{fake}{os.pathsep}{os.environ.get('PATH', '')}"}
    proc = subprocess.run(["bash", str(INSTALL_SCRIPT)], capture_output=True, text=True, timeout=60, env=env)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "", "")
    assert not (tmp_path / "apt-get-ran").exists()


def run_install_script(tmp_path, apt_exit: int, ci: bool) -> subprocess.CompletedProcess:
    """The install script on a PATH without the players, whose apt-get does nothing and exits ``apt_exit``."""
    fake = tmp_path / "bin"
    fake.mkdir()
    for tool in ("env", "id", "mktemp", "tail", "rm", "sudo"):
        if shutil.which(tool):
            (fake / tool).symlink_to(shutil.which(tool))
    (fake / "apt-get").write_text(f"#!{shutil.which('sh')}\necho apt-get \"$@\" >>{tmp_path}/apt.log\n"
                                  f"exit {apt_exit}\n")
    (fake / "apt-get").chmod(0o755)
    env = {"PATH": str(fake), "HOME": str(tmp_path), "TMPDIR": str(tmp_path), **({"CI": "true"} if ci else {})}
    return subprocess.run([shutil.which("bash"), str(INSTALL_SCRIPT)], capture_output=True, text=True, timeout=60,
                          env=env)


@pytest.mark.parametrize("apt_exit", [0, 100])
def test_install_script_fails_loudly_under_ci_when_players_cannot_be_installed(tmp_path, apt_exit):
    proc = run_install_script(tmp_path, apt_exit, ci=True)
    assert proc.returncode == 1 and "CI needs chromium ffmpeg for the player tests" in proc.stderr, proc.stderr
    if apt_exit == 0 and os.geteuid() == 0:  # apt-get "succeeds" but installs nothing: still a failure
        assert "install -y -qq --no-install-recommends chromium ffmpeg" in (tmp_path / "apt.log").read_text()
        assert "chromium is still not on PATH" in proc.stderr


def test_install_script_only_warns_outside_ci(tmp_path):
    proc = run_install_script(tmp_path, 100, ci=False)
    assert proc.returncode == 0 and "the player tests will skip" in proc.stderr, proc.stderr


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
        assert found and found.group(1) not in ("pending", "ERROR"), (proc.stdout[-500:], proc.stderr[-500:])
        return json.loads(html.unescape(found.group(1)))

    yield read
    server.shutdown()
    shutil.rmtree(root, ignore_errors=True)


def assert_read_as_written(got: list, vtt_text: str, cues) -> None:
    """Chromium's cues equal the tool's: count, times to the millisecond, raw text as written in the file,
    the text a viewer sees, the speaker of the voice tag, and the line position of top cues."""
    written = vtt.parse(vtt_text)
    assert len(got) == len(written) == len(cues)
    for g, raw, cue in zip(got, written, cues):
        assert (round(g["start"] * 1000), round(g["end"] * 1000)) == (cue.start, cue.end) == (raw.start, raw.end)
        assert g["text"] == "\n".join(raw.lines)  # VTTCue.text: the raw cue text, voice tag and entities included
        assert g["shown"] == "\n".join(cue.lines)  # entities decoded, tags gone
        assert g["voices"] == ([cue.speaker] if cue.speaker else [])
        assert g["line"] == (5 if cue.placement == "top" else "auto")


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_chromium_reads_every_sample_as_written(browser_read, path):
    cues = subtitle(path.read_text(encoding="utf-8"))
    text = render(cues, "vtt")
    assert_read_as_written(browser_read(text), text, cues)


def test_chromium_reads_escapes_and_voices(browser_read):
    cues = [Cue(1, 0, 1500, ("Salt & pepper <b>", "x --> y > z"), speaker="Kim <Jr> & Co"),
            Cue(2, 1600, 3000, ("A < B & C > D",), speaker="Lee Ji-won", placement="top"),
            Cue(3, 3100, 3723004, ("&amp; is literal",))]
    text = render(cues, "vtt")
    got = browser_read(text)
    assert_read_as_written(got, text, cues)
    assert [g["shown"] for g in got] == ["Salt & pepper <b>\nx --> y > z", "A < B & C > D", "&amp; is literal"]
    assert got[0]["text"] == "<v Kim &lt;Jr&gt; &amp; Co>Salt &amp; pepper &lt;b&gt;\nx --&gt; y &gt; z"
    assert [g["voices"] for g in got] == [["Kim <Jr> & Co"], ["Lee Ji-won"], []]
    assert [(g["start"], g["end"]) for g in got] == [(0, 1.5), (1.6, 3.0), (3.1, 3723.004)]


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
