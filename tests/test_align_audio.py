"""Subtitles timed from media (--audio): synthesised speech with known onsets, recognised by pocketsphinx.

The speech is made at test time by espeak-ng and flite from our own paragraphs (one left out, one sentence
added that is not in the script), over noise. Under CI=true the tools must be there (.ci/install-players.sh
installs them, the test extra pocketsphinx); elsewhere the tests skip with the reason.
"""

from __future__ import annotations

import base64
import functools
import json
import re
import importlib.util
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import IN_CI
from segmenter import subtitle
from segmenter.align.audio import decode, language_model, letter_to_sound, recognise, utterances
from segmenter.align.synth import score, synthesise
from segmenter.cli import main
from segmenter.style import Style
from test_align_words import PARAGRAPHS

SCRIPT = PARAGRAPHS[:7]
LEFT_OUT = 4  # "Officials from the U.N. ..." is not read
EXTRA = (2, "So what do you make of all this, and how long will it take to clean up?")
STYLE = Style(frame_rate=25.0)


def need(*tools: str) -> None:
    missing = [t for t in tools if t != "pocketsphinx" and not shutil.which(t)]
    if "pocketsphinx" in tools and importlib.util.find_spec("pocketsphinx") is None:
        missing.append("pocketsphinx (pip install '.[audio]')")
    if missing:
        message = f"speech alignment tests need {', '.join(missing)}"
        if IN_CI:
            pytest.fail(message + " (CI installs them: .ci/install-players.sh and the test extra)")
        pytest.skip(message)


@functools.cache
def material(engine: str, voice: str, folder: str):
    """The script read by ``engine``/``voice`` into ``folder``, and what --audio makes of it: the WAV, the
    clips with their times, the recognised words, the cues and the warnings."""
    wav = Path(folder) / f"{engine}.wav"
    clips = synthesise(SCRIPT, engine, voice, wav, leave_out=LEFT_OUT, extra=EXTRA, seed=1)
    words = recognise(str(wav), SCRIPT)
    messages: list[str] = []
    cues = subtitle("\n".join(SCRIPT), STYLE, words=words, warn=messages.append)  # as audio= does
    return wav, clips, words, cues, messages


@pytest.fixture(scope="module", params=[("espeak-ng", "en-us"), ("flite", "slt")], ids=["espeak-ng", "flite"])
def broadcast(request, tmp_path_factory):
    engine, voice = request.param
    need(engine, "ffmpeg", "pocketsphinx")
    return material(engine, voice, str(tmp_path_factory.getbasetemp()))


def test_cues_start_with_each_paragraph_and_end_after_it(broadcast):
    _, clips, _, cues, _ = broadcast
    result = score(cues, SCRIPT, clips, STYLE.linger)
    assert result.paragraphs == len(SCRIPT) - 1 and len(result.start_errors) == result.paragraphs
    assert statistics.median(result.start_errors) <= 0.06
    assert max(result.start_errors) <= 0.5
    assert result.ends_in_range == result.paragraphs
    assert result.words_lost == 0 and result.cut_words_shown == 0 and result.adlib_overlap == 0


def test_cut_paragraph_and_ad_lib_are_reported(broadcast):
    _, clips, _, cues, messages = broadcast
    assert "paragraph 5: not in the audio, dropped: 'Officials from the U.N. relief office" in messages[0]
    extra = next(c for c in clips if not c.in_script)
    found = [m for m in messages if "speech not in the script" in m]
    assert len(found) == 1
    start = found[0].split("-")[0]
    h, m, s = start.split(":")
    assert abs(int(h) * 3600 + int(m) * 60 + float(s) - extra.start) < 0.5
    assert not any("U.N." in c.text for c in cues)


def test_keep_unaligned_keeps_the_cut_paragraph_between_its_neighbours(broadcast):
    _, _, words, _, _ = broadcast
    cues = subtitle("\n".join(SCRIPT), STYLE, words=words, keep_unaligned=True)  # as with audio=
    texts = [c.text for c in cues]
    at = next(i for i, t in enumerate(texts) if t.startswith("Officials"))
    assert texts[at - 1].endswith("warning level.") and [c.start for c in cues] == sorted(c.start for c in cues)


def test_cli_aligns_a_video_container(tmp_path, tmp_path_factory):
    need("espeak-ng", "ffmpeg", "pocketsphinx")
    wav, clips, _, _, _ = material("espeak-ng", "en-us", str(tmp_path_factory.getbasetemp()))
    mp4 = tmp_path / "story.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=black:s=64x36:r=25", "-i", str(wav),
                    "-t", f"{clips[1].end + 0.5:.2f}", "-c:v", "libx264", "-c:a", "aac", str(mp4)], check=True)
    script = tmp_path / "story.txt"  # the first two paragraphs are in the video, the third is not
    script.write_text("\n".join([SCRIPT[0], SCRIPT[1], SCRIPT[3]]), encoding="utf-8")
    out = tmp_path / "story.vtt"
    result = CliRunner().invoke(main, ["subtitle", str(script), "--audio", str(mp4), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "paragraph 3: not in the audio, dropped: 'The river at Gimhae" in result.output  # a warning
    times = re.findall(r"(\d\d):(\d\d)\.(\d\d\d)", out.read_text(encoding="utf-8"))
    seconds = [int(m) * 60 + int(s) + int(ms) / 1000 for m, s, ms in times]
    assert abs(seconds[0] - clips[0].start) <= 0.1
    assert seconds[-1] <= clips[1].end + 0.5  # no cue after the video's end


def test_media_errors_are_one_line(tmp_path, monkeypatch):
    need("ffmpeg", "pocketsphinx")
    script = tmp_path / "story.txt"
    script.write_text("Rain fell.", encoding="utf-8")
    silent_video = tmp_path / "video.mp4"
    subprocess.run(["ffmpeg", "-v", "error", "-f", "lavfi", "-i", "color=black:s=64x36:r=25", "-t", "1",
                    "-c:v", "libx264", str(silent_video)], check=True)
    text = tmp_path / "notes.wav"
    text.write_text("not audio", encoding="utf-8")
    cases = [(tmp_path / "none.wav", "none.wav: no such file"), (silent_video, "video.mp4: no audio stream"),
             (text, "notes.wav: ffmpeg cannot read it")]
    for media, message in cases:
        result = CliRunner().invoke(main, ["subtitle", str(script), "--audio", str(media)])
        assert result.exit_code == 2 and message in result.output and result.output.count("\n") == 1, result.output
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)  # not installed
    result = CliRunner().invoke(main, ["subtitle", str(script), "--audio", str(silent_video)])
    assert result.exit_code == 2 and "--audio needs pocketsphinx: pip install 'news-segmenter[audio]'" in result.output
    monkeypatch.setenv("PATH", str(tmp_path))
    result = CliRunner().invoke(main, ["subtitle", str(script), "--audio", str(silent_video)])
    assert result.exit_code == 2 and "ffmpeg not found" in result.output


def test_letter_to_sound_and_script_language_model():
    assert letter_to_sound("gimhae") == "G IY M HH EH"
    arpa = language_model([["rain", "fell"], ["rain", "stopped"]], ["uh"])
    lines = arpa.split("\n")
    uni = {ln.split()[1]: 10 ** float(ln.split()[0]) for ln in lines[lines.index("\\1-grams:") + 1:
                                                                        lines.index("\\2-grams:") - 1]}
    assert abs(sum(p for w, p in uni.items() if w != "<s>") - 1) < 1e-3
    bows = {ln.split()[1]: 10 ** float(ln.split()[2]) for ln in lines[lines.index("\\1-grams:") + 1:
                                                                        lines.index("\\2-grams:") - 1]
            if len(ln.split()) == 3}
    listed = [ln.split() for ln in lines[lines.index("\\2-grams:") + 1: lines.index("\\end\\") - 1]]
    after_rain = {w: 10 ** float(p) for p, h, w in listed if h == "rain"}
    assert set(after_rain) == {"fell", "stopped"}
    rest = sum(p for w, p in uni.items() if w not in after_rain and w != "<s>")
    assert abs(sum(after_rain.values()) + bows["rain"] * rest - 1) < 1e-3  # a proper distribution


def test_install_script_fails_under_ci_without_the_synthesisers(tmp_path):
    fake = tmp_path / "bin"
    fake.mkdir()
    for tool in ("env", "id", "mktemp", "tail", "rm"):
        if shutil.which(tool):
            (fake / tool).symlink_to(shutil.which(tool))
    for tool in ("chromium", "ffmpeg"):  # the players are there; the synthesisers are not, and apt-get fails
        (fake / tool).write_text("#!/bin/sh\nexit 0\n")
        (fake / tool).chmod(0o755)
    (fake / "apt-get").write_text(f"#!{shutil.which('sh')}\necho apt-get \"$@\" >>{tmp_path}/apt.log\nexit 100\n")
    (fake / "apt-get").chmod(0o755)
    script = Path(__file__).resolve().parents[1] / ".ci" / "install-players.sh"
    for ci, code, message in ((True, 1, "CI needs espeak-ng flite for the speech tests"),
                              (False, 0, "the speech tests will skip")):
        env = {"PATH": str(fake), "HOME": str(tmp_path), "TMPDIR": str(tmp_path), **({"CI": "true"} if ci else {})}
        proc = subprocess.run([shutil.which("bash"), str(script)], capture_output=True, text=True, timeout=60,
                              env=env)
        assert proc.returncode == code and message in proc.stderr, proc.stderr
    assert (tmp_path / "apt.log").read_text() == "apt-get update -qq\n" * 2  # tried once in each run


def test_batch_pairs_scripts_with_media_of_the_same_stem(tmp_path, tmp_path_factory):
    need("espeak-ng", "ffmpeg", "pocketsphinx")
    wav, clips, _, _, _ = material("espeak-ng", "en-us", str(tmp_path_factory.getbasetemp()))
    scripts, media, out = tmp_path / "scripts", tmp_path / "media", tmp_path / "out"
    (scripts / "day1").mkdir(parents=True)
    (media / "day1").mkdir(parents=True)
    (scripts / "day1" / "floods.txt").write_text("\n".join([SCRIPT[0], SCRIPT[1], SCRIPT[3]]), encoding="utf-8")
    (scripts / "day1" / "other.txt").write_text(SCRIPT[0], encoding="utf-8")
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), "-t", f"{clips[1].end + 0.5:.2f}",
                    str(media / "day1" / "floods.mp3")], check=True)
    report = tmp_path / "report.json"
    result = CliRunner().invoke(main, ["batch", str(scripts), "--media", str(media), "-o", str(out),
                                       "--format", "vtt", "--jobs", "1", "--report", str(report)])
    assert result.exit_code == 1, result.output  # other.txt has no media
    notes = json.loads(report.read_text(encoding="utf-8"))
    assert notes["failed"] == [{"script": str(scripts / "day1" / "other.txt"),
                                "reason": f"no media file {media / 'day1' / 'other.*'}"}]
    [found] = notes["notes"]
    assert found["script"].endswith("floods.txt")
    assert found["warnings"][0].startswith("paragraph 3: not in the audio, dropped: 'The river at Gimhae")
    first = (out / "day1" / "floods.vtt").read_text(encoding="utf-8").split("\n\n")[1].split(" --> ")[0]
    assert abs(float(first.split(":")[-1]) - clips[0].start) <= 0.1


def test_preview_plays_the_media_with_the_cues(tmp_path, tmp_path_factory):
    need("espeak-ng", "ffmpeg", "pocketsphinx")
    wav, clips, _, _, _ = material("espeak-ng", "en-us", str(tmp_path_factory.getbasetemp()))
    (tmp_path / "media").mkdir()
    (tmp_path / "pages").mkdir()
    media = tmp_path / "media" / "floods.mp3"
    subprocess.run(["ffmpeg", "-v", "error", "-i", str(wav), "-t", f"{clips[0].end + 0.5:.2f}", str(media)],
                   check=True)
    script = tmp_path / "floods.txt"
    script.write_text(SCRIPT[0], encoding="utf-8")
    page = tmp_path / "pages" / "floods.html"
    result = CliRunner().invoke(main, ["preview", str(script), "--audio", str(media), "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert '<video controls preload="metadata" src="../media/floods.mp3">' in html
    track = html.split('src="data:text/vtt;base64,')[1].split('"')[0]
    vtt = base64.b64decode(track).decode("utf-8")
    assert vtt.startswith("WEBVTT") and "Flood waters rose across" in vtt
    first = vtt.split("\n\n")[1].split(" --> ")[0]
    assert abs(float(first.split(":")[-1]) - clips[0].start) <= 0.1


def test_utterances_are_bounded_and_cover_the_speech(tmp_path_factory):
    need("espeak-ng", "ffmpeg", "pocketsphinx")
    wav, clips, _, _, _ = material("espeak-ng", "en-us", str(tmp_path_factory.getbasetemp()))
    pieces = [(start, len(pcm) / 32000) for start, pcm in utterances(decode(str(wav)), max_seconds=2.0)]
    assert all(length <= 2.0 + 0.05 for _, length in pieces)
    assert [s for s, _ in pieces] == sorted(s for s, _ in pieces)
    joined = sum(1 for (a, la), (b, _) in zip(pieces, pieces[1:]) if abs(a + la - b) < 1e-6)
    assert joined >= len(clips)  # every clip is longer than 2 s: cut, and the cut pieces follow each other
    for clip in clips:  # each clip's onset falls in an utterance (the detector may start a little early)
        assert any(s - 0.05 <= clip.start < s + length for s, length in pieces), clip.text
