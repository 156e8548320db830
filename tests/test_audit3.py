"""Third audit (notes/audit3.md): published transcripts of more kinds, leftovers of the second audit, and the
batch's resume after a changed word-time or media file. Each script is written for this test in the layout
of its format (no outlet's text)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from segmenter.batch import Result, State, schedule
from segmenter.cli import main
from segmenter.dialect import choose_dialect
from segmenter.script import parse_script
from segmenter.style import Style


def read(text: str, dialect: str = "auto") -> list[tuple[str, str | None, str]]:
    """(section, speaker, text) of each segment of ``text`` read with ``dialect`` (auto: as chosen)."""
    return [(s.section, s.speaker, s.text) for s in parse_script(text, choose_dialect(dialect, text))]


def texts(text: str, dialect: str = "auto") -> list[str]:
    return [t for _, _, t in read(text, dialect)]


# --- batch --resume: every input the outputs were made from --------------------------------------------------

def _words(path: Path, start: float) -> None:
    path.write_text(json.dumps([["Tide", start, start + 0.3], ["rose", start + 0.3, start + 0.7],
                                ["fast.", start + 0.7, start + 1.2]]), encoding="utf-8")


def _batch(*args) -> str:
    result = CliRunner().invoke(main, ["batch", *map(str, args), "--jobs", "1", "--format", "srt", "--resume"])
    assert result.exit_code == 0, result.output
    return result.stderr.splitlines()[-1]


def test_resume_redoes_a_script_whose_word_file_changed(tmp_path):
    """A new ASR file (newer than the subtitles, or copied with an older mtime) makes the script's subtitles
    stale: --resume redoes them; an untouched one is skipped."""
    scripts, asr, out = tmp_path / "scripts", tmp_path / "asr", tmp_path / "out"
    scripts.mkdir(), asr.mkdir()
    for name in ("tide", "calm"):
        (scripts / f"{name}.txt").write_text("Tide rose fast.", encoding="utf-8")
        _words(asr / f"{name}.json", 1.2)
    assert _batch(scripts, "--words", asr, "-o", out) == "2 done, 0 skipped, 0 failed"
    assert _batch(scripts, "--words", asr, "-o", out) == "0 done, 2 skipped, 0 failed"
    srt = out / "tide.srt"
    assert srt.read_text(encoding="utf-8").split("\n")[1] == "00:00:01,200 --> 00:00:02,880"
    _words(asr / "tide.json", 5.0)  # a new ASR run, written after the subtitles
    made = srt.stat().st_mtime_ns
    os.utime(asr / "tide.json", ns=(made + 10**9, made + 10**9))
    assert _batch(scripts, "--words", asr, "-o", out) == "1 done, 1 skipped, 0 failed"
    assert srt.read_text(encoding="utf-8").split("\n")[1] == "00:00:05,000 --> 00:00:06,720"
    _words(asr / "tide.json", 3.0)  # restored from elsewhere with an mtime older than the subtitles
    os.utime(asr / "tide.json", ns=(10**18, 10**18))
    assert _batch(scripts, "--words", asr, "-o", out) == "1 done, 1 skipped, 0 failed"
    assert srt.read_text(encoding="utf-8").split("\n")[1] == "00:00:03,000 --> 00:00:04,720"
    assert _batch(scripts, "--words", asr, "-o", out) == "0 done, 2 skipped, 0 failed"
    assert _batch(scripts, "-o", out) == "2 done, 0 skipped, 0 failed"  # made without word times now


def test_resume_redoes_a_script_whose_media_file_changed(tmp_path):
    """The schedule skips a script only while its media file is the one its outputs were made from."""
    scripts, media, out = tmp_path / "scripts", tmp_path / "media", tmp_path / "out"
    scripts.mkdir(), media.mkdir(), out.mkdir()
    (scripts / "tide.txt").write_text("Tide rose fast.", encoding="utf-8")
    (media / "tide.wav").write_bytes(b"RIFF0000")
    found = [(scripts / "tide.txt", Path("tide.txt"))]
    state = State(out)

    def plan():
        [item] = schedule(found, out, ("srt",), Style(), None, False, state=state, media=media)
        return item

    job = plan()
    assert job.media == str(media / "tide.wav")
    (out / "tide.srt").write_text("1\n00:00:00,000 --> 00:00:01,000\nTide rose fast.\n", encoding="utf-8")
    mtime = (out / "tide.srt").stat().st_mtime_ns
    state.record(Result(job.source, "done", outputs=(str(out / "tide.srt"),), mtimes=(mtime,),
                        fingerprint=job.fingerprint))
    assert isinstance(plan(), Result) and plan().status == "skipped"
    (media / "tide.wav").write_bytes(b"RIFF0001")  # the same size, another recording
    os.utime(media / "tide.wav", ns=(mtime - 10**9, mtime - 10**9))
    assert not isinstance(plan(), Result)
    (media / "tide.wav").unlink()
    (media / "tide.mp4").write_bytes(b"video")  # another media file of the stem
    assert not isinstance(plan(), Result)
