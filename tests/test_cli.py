"""The command line: outputs, formats, errors as one line, no clobbering."""

from __future__ import annotations

import subprocess
import sys

import pytest
import srt
from click.testing import CliRunner

from segmenter.cli import main

SCRIPT = "Rain fell in Seoul.\nKim Ha-na reports.\nThe rain stopped at noon.\nKim Ha-na, Arirang News.\n"


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def test_extension_picks_the_format(script, tmp_path):
    assert run("subtitle", script, "-o", tmp_path / "a.srt").exit_code == 0
    assert run("subtitle", script, "-o", tmp_path / "a.vtt").exit_code == 0
    subs = list(srt.parse((tmp_path / "a.srt").read_text(encoding="utf-8")))
    assert [s.content for s in subs][-1] == "Kim Ha-na, Arirang News."
    assert (tmp_path / "a.vtt").read_text(encoding="utf-8").startswith("WEBVTT\n")


def test_format_both_writes_a_directory(script, tmp_path):
    result = run("subtitle", script, "--format", "both", "-o", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["story.srt", "story.vtt"]


def test_several_scripts_one_bad_the_others_written(script, tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"")
    result = run("subtitle", script, bad, "--format", "srt", "-o", tmp_path / "out")
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [f"segmenter: {tmp_path / 'out' / 'story.srt'}: 4 cues, 0:08",
                                          f"segmenter: error: {bad}: empty file, nothing to subtitle"]
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["story.srt"]


def test_stdin_to_stdout():
    result = run("subtitle", "-", "--format", "vtt", input=SCRIPT)
    assert result.exit_code == 0
    assert result.stdout.startswith("WEBVTT\n\n1\n00:00:00.000 --> ")
    assert "<v Kim Ha-na>The rain stopped at noon." in result.stdout


def test_existing_output_is_kept_without_force(script, tmp_path):
    out = tmp_path / "a.srt"
    out.write_text("precious", encoding="utf-8")
    result = run("subtitle", script, "-o", out)
    assert result.exit_code == 2 and "already exists (use --force to overwrite)" in result.stderr
    assert out.read_text(encoding="utf-8") == "precious"
    assert run("subtitle", script, "-o", out, "--force").exit_code == 0
    assert out.read_text(encoding="utf-8").startswith("1\n00:00:00,000")


def test_encoding_option_reads_latin1(tmp_path):
    src = tmp_path / "in.txt"
    src.write_bytes("Caf\xe9 owners protested.".encode("latin-1"))
    result = run("subtitle", src, "--encoding", "latin-1", "--format", "srt")
    assert result.exit_code == 0 and "Café owners protested." in result.stdout


def test_missing_file_and_unknown_style(tmp_path):
    result = run("subtitle", tmp_path / "nope.txt", "-o", tmp_path / "x.srt")
    assert result.exit_code == 2 and result.stderr == f"segmenter: error: {tmp_path / 'nope.txt'}: no such file\n"
    result = run("subtitle", tmp_path / "nope.txt", "--style", "cinema")
    assert result.exit_code == 2 and "unknown style 'cinema'; presets: bbc, broadcast, dcmp, netflix" in result.stderr


def test_overrides_and_style_file(script, tmp_path):
    result = run("subtitle", script, "--format", "srt", "--max-chars", "12", "--max-lines", "1")
    assert result.exit_code == 0
    body = [line for line in result.stdout.splitlines() if line and "-->" not in line and not line.isdigit()]
    assert all(len(line) <= 12 or " " not in line for line in body)
    style = tmp_path / "house.toml"
    style.write_text('max_chars_per_line = 20\ncps = 12.0\nframe_rate = 25.0\n', encoding="utf-8")
    assert run("subtitle", script, "--style", style, "--format", "srt").exit_code == 0
    style.write_text('max_chars = 20\n', encoding="utf-8")
    result = run("subtitle", script, "--style", style)
    assert result.exit_code == 2 and "unknown style setting(s): max_chars; valid keys: extends, name, " in result.stderr


def test_start_timecode(script):
    result = run("subtitle", script, "--format", "srt", "--start", "10:00:00:00")
    assert result.stdout.startswith("1\n10:00:00,000 --> ")
    assert run("subtitle", script, "--start", "soon").exit_code == 2


def test_styles_lists_presets_with_numbers():
    result = run("styles")
    assert result.exit_code == 0
    assert "netflix    42 chars x 2 lines, 20 cps" in result.stdout
    assert "broadcast  37 chars x 2 lines" in result.stdout


def test_installed_console_script_finds_styles(tmp_path, script):
    """The installed `segmenter` (not the checkout) runs and finds its built-in presets."""
    out = tmp_path / "x.vtt"
    proc = subprocess.run([sys.executable, "-m", "segmenter", "styles"], capture_output=True, text=True,
                          cwd=tmp_path)
    assert proc.returncode == 0 and "dcmp" in proc.stdout
    proc = subprocess.run([sys.executable, "-m", "segmenter", "subtitle",
                           str(script), "-o", str(out), "--style", "bbc"], capture_output=True, text=True, cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert out.read_text(encoding="utf-8").startswith("WEBVTT")


def test_help_has_examples():
    assert "Examples:" in run("subtitle", "--help").stdout


def test_success_prints_a_line_per_output_unless_quiet(script, tmp_path):
    result = run("subtitle", script, "--format", "both", "-o", tmp_path / "out")
    assert result.exit_code == 0 and result.stdout == ""
    assert result.stderr == (f"segmenter: {tmp_path / 'out' / 'story.srt'}: 4 cues, 0:08\n"
                             f"segmenter: {tmp_path / 'out' / 'story.vtt'}: 4 cues, 0:08\n")
    result = run("subtitle", script, "--format", "srt", "--start", "10:00:00:00")
    assert result.stderr == "segmenter: <stdout>: 4 cues, 0:08\n"  # the span, not the clock time
    result = run("subtitle", script, "--format", "both", "-o", tmp_path / "out2", "--quiet")
    assert result.exit_code == 0 and result.stderr == ""


def test_top_level_help_lists_every_command_whole_with_an_example():
    result = run("--help")
    commands = result.stdout.split("\nCommands:\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert [line.split()[0] for line in commands] == ["batch", "check", "evaluate", "preview", "styles", "subtitle"]
    for line in commands:
        assert line.rstrip().endswith(".") and "..." not in line, line  # never cut mid-phrase
    examples = result.stdout.split("Examples:", 1)[1].split("\n\n", 1)[0]
    for name in ("batch", "check", "evaluate", "preview", "styles", "subtitle"):
        assert f"segmenter {name} " in examples or f"segmenter {name}\n" in examples, name


def test_option_help_says_what_the_reader_needs():
    def flat(command):
        return " ".join(run(command, "--help").stdout.split())

    assert "Time of the first cue: seconds, HH:MM:SS.mmm or HH:MM:SS:FF (HH:MM:SS;FF drop-frame)." in flat("preview")
    assert "cp1252 for Windows files" in flat("subtitle")


@pytest.mark.parametrize("args", [["--help"], ["styles"], ["styles", "--keys"], ["subtitle", "--help"]])
def test_cold_start_imports_nothing_beyond_click(args):
    """`segmenter --help` and `styles` load the project's CLI modules and click only: no nltk, no pipeline."""
    probe = ("import sys\nfrom segmenter.cli import main\ntry:\n    main(sys.argv[1:])\nexcept SystemExit:\n    pass\n"
             "print(' '.join(sorted(sys.modules)), file=sys.stderr)")
    proc = subprocess.run([sys.executable, "-c", probe, *args], capture_output=True, text=True)
    loaded = proc.stderr.split()
    project = {m for m in loaded if m.startswith("segmenter")}
    assert project <= {"segmenter", "segmenter.cli", "segmenter.cli_batch", "segmenter.cli_check",
                       "segmenter.cli_evaluate", "segmenter.cli_preview", "segmenter.options", "segmenter.errors",
                       "segmenter.style"}, project
    assert not [m for m in loaded if m.split(".")[0] in ("nltk", "srt", "dask", "difflib", "multiprocessing")]


@pytest.mark.parametrize("command", ["subtitle", "preview", "check", "evaluate", "batch", "styles"])
def test_every_option_has_help_text(command):
    from segmenter.cli import main as group

    for param in group.commands[command].params:
        if isinstance(param, __import__("click").Option):
            assert param.help, f"{command} {param.opts}"


def test_split_stories_prints_a_line_per_story_file(tmp_path):
    from conftest import REPO

    rundown = REPO / "samples" / "newsroom-rundown.txt"
    result = run("subtitle", rundown, "--split-stories", "--format", "srt", "-o", tmp_path)
    assert result.exit_code == 0, result.stderr
    files = sorted(tmp_path.iterdir())
    assert [p.name for p in files] == ["budget.srt", "festival.srt", "transit.srt", "weather.srt"]
    lines = [line for line in result.stderr.splitlines() if not line.startswith("segmenter: warning:")]
    assert sorted(lines) == sorted(f"segmenter: {p}: {len(list(srt.parse(p.read_text(encoding='utf-8'))))} cues, "
                                   f"{_span(p)}" for p in files)


def _span(path) -> str:
    last = list(srt.parse(path.read_text(encoding="utf-8")))[-1].end.total_seconds()
    return f"{round(last) // 60}:{round(last) % 60:02d}"


CAPTIONS = ("WEBVTT - a programme\n\n0:00:00.240 --> 0:00:03.440\n<v Speaker 1>I was so glad last night to see\n\n"
            "0:00:03.680 --> 0:00:09.560\n<v Speaker 1>the new bridge open, and I really cannot say\n\n"
            "0:00:09.680 --> 0:00:13.680\n<v Speaker 2>enough about it. Thank you.\n")


@pytest.mark.parametrize("name", ["captions.vtt", "captions.txt"])
def test_a_subtitle_file_as_the_script_is_laid_out_anew_in_its_times(tmp_path, name):
    """ASR or old captions given as the script: their words (voice tags as speakers, no timing lines) are
    laid out anew and timed to the cues they came from, with a warning that says so."""
    path = tmp_path / name
    path.write_text(CAPTIONS, encoding="utf-8")
    result = CliRunner().invoke(main, ["subtitle", str(path), "-o", str(tmp_path / "out.vtt")])
    assert result.exit_code == 0, result.stderr
    assert "a WebVTT file read as a script: its words are laid out anew and timed to its cues" in result.stderr
    from segmenter import formats

    cues = formats.get("vtt").read((tmp_path / "out.vtt").read_text(encoding="utf-8"))
    assert [w for c in cues for w in c.text.split()] == ("I was so glad last night to see the new bridge open, "
                                                         "and I really cannot say enough about it. Thank you.").split()
    assert cues[0].start == 240 and 13680 <= cues[-1].end <= 15000  # the last cue held to be read
    assert all(a.end <= b.start for a, b in zip(cues, cues[1:]))
    assert [c.speaker for c in cues][0] == "Speaker 1" and cues[-1].speaker == "Speaker 2"


def test_a_two_speaker_caption_as_the_script_gives_each_speaker_a_line(tmp_path):
    """A caption's dialogue dashes ("- Is that it?" / "- No.") open each speaker's turn: the turns are laid out
    apart, the dashes not kept as words ("Is that it? - No, ..." before)."""
    path = tmp_path / "old.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:03,000\n- Is that it?\n- No, there is - well - more.\n",
                    encoding="utf-8")
    result = CliRunner().invoke(main, ["subtitle", str(path), "-o", str(tmp_path / "out.srt")])
    assert result.exit_code == 0, result.stderr
    from segmenter import formats

    cues = formats.get("srt").read((tmp_path / "out.srt").read_text(encoding="utf-8"))
    assert [c.text for c in cues] == ["Is that it?", "No, there is - well - more."]
    assert cues[0].start >= 1000 and cues[-1].end <= 3600
