"""The README's claim "the tool's own output passes check under the style it was made with", tested on
every sample under every preset and on every `segmenter subtitle` example of the README (run as written,
on sample scripts standing in for `story.txt`, `a.txt` and the like), plus the scripts the README shows."""

from __future__ import annotations

import json
import re
import shlex

import pytest
from click.testing import CliRunner

from conftest import REPO, SAMPLES
from segmenter.cli import main
from segmenter.options import _OVERRIDES
from segmenter.style import preset_names

README = (REPO / "README.md").read_text(encoding="utf-8")
SAMPLE = {p.stem: p for p in SAMPLES}
#: the sample that stands in for each script name the README's examples use
STAND_INS = {"story.txt": "package-trade-talks", "a.txt": "bulletin-two-stories", "b.txt": "numbers-and-names",
             "rundown.txt": "newsroom-rundown"}
STYLE_FLAGS = {"--style", *(flag for flag, *_ in _OVERRIDES)}


def run(*args, input=None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


def readme_examples() -> list[str]:
    """Every `segmenter subtitle` command line of the README's code, comments and `pip install ... &&` cut."""
    lines = []
    for line in README.splitlines():
        line = line.strip()
        if line.startswith(("segmenter subtitle", "cat ", "pip install")) and "segmenter subtitle" in line:
            line = line.split("&&")[-1].split(" # ")[0].strip()
            lines.append(line)
    return lines


def readme_scripts() -> list[str]:
    """The example scripts the README shows in fenced blocks (the markup and the newsroom examples)."""
    blocks, current = [], None
    for line in README.splitlines():
        if line.startswith("```"):
            if current is None:
                current = [] if line == "```" else ["(not a script)"]
            else:
                blocks.append("\n".join(current))
                current = None
        elif current is not None:
            current.append(line)
    return [block for block in blocks if not block.startswith("(not a script)")]


def check_outputs(paths, style_args) -> None:
    result = run("check", *paths, *style_args)
    assert result.exit_code == 0, result.stdout + result.stderr


def style_args_of(args: list[str]) -> list[str]:
    """The style options of a command line (`check` must use the style the output was made with)."""
    found = []
    for flag, value in zip(args, args[1:]):
        if flag in STYLE_FLAGS:
            found += [flag, value]
    return found


def test_readme_has_the_examples_this_file_runs():
    examples = readme_examples()
    assert len(examples) >= 8 and any("cat story.txt |" in e for e in examples)
    assert {name for e in examples for name in STAND_INS if name in e} == set(STAND_INS)
    assert [_kind(script) for script in readme_scripts()] == ["markup", "transcript", "newsroom"]


def _whisper_json(text: str) -> str:
    """Word times as whisper writes them for ``text`` read at an unhurried 0.5 s a word."""
    import json

    words = [{"word": f" {w}", "start": round(0.5 * i, 2), "end": round(0.5 * i + 0.45, 2)}
             for i, w in enumerate(text.split())]
    return json.dumps({"segments": [{"words": words}]})


#: examples timed from media need synthesised speech: tests/test_align_audio.py runs them on such media
EXAMPLES = [line for line in readme_examples() if "--audio" not in line]


@pytest.mark.parametrize("line", EXAMPLES)
def test_readme_example_output_passes_check(tmp_path, monkeypatch, line):
    monkeypatch.chdir(tmp_path)
    for name, stem in STAND_INS.items():
        (tmp_path / name).write_text(SAMPLE[stem].read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "whisper.json").write_text(_whisper_json(SAMPLE[STAND_INS["story.txt"]].read_text(encoding="utf-8")),
                                           encoding="utf-8")
    (tmp_path / "samples").symlink_to(REPO / "samples")
    stdin = None
    if line.startswith("cat "):
        source, line = (part.strip() for part in line.split("|", 1))
        stdin = (tmp_path / source.split()[1]).read_text(encoding="utf-8")
    args = shlex.split(line)[1:]
    before = set(tmp_path.rglob("*"))
    result = run(*args, input=stdin)
    assert result.exit_code == 0, result.stderr
    written = sorted(p for p in set(tmp_path.rglob("*")) - before if p.suffix in (".srt", ".vtt"))
    if not written:
        fmt = args[args.index("--format") + 1]
        (tmp_path / f"stdout.{fmt}").write_text(result.stdout, encoding="utf-8")
        written = [tmp_path / f"stdout.{fmt}"]
    if "--words" in args:  # timed from speech: only the cues the tool named as faster than the style may fail
        named = re.search(r"faster than the style's reading speed \(the speech is\): cues? ([\d, ]+)", result.stderr)
        fast = {int(n) for n in named.group(1).split(",")} if named else set()
        report = json.loads(run("check", *written, *style_args_of(args), "--format", "json").stdout)
        found = {(v["cue"], v["rule"]) for entry in report["files"] for v in entry["violations"]}
        assert found == {(n, "reading_speed") for n in fast}, (found, result.stderr)
        return
    check_outputs(written, style_args_of(args))


def _kind(script: str) -> str:
    return "newsroom" if "FLOODS" in script else "transcript" if "TRANSCRIPT" in script else "markup"


@pytest.mark.parametrize("style", preset_names())
@pytest.mark.parametrize("kind", ["markup", "transcript", "newsroom"])
def test_readme_script_output_passes_check(tmp_path, style, kind):
    script = tmp_path / "readme.txt"
    script.write_text(next(s for s in readme_scripts() if _kind(s) == kind) + "\n", encoding="utf-8")
    result = run("subtitle", script, "--format", "both", "-o", tmp_path / "out", "--style", style, "--quiet")
    assert result.exit_code == 0, result.stderr
    check_outputs(sorted((tmp_path / "out").iterdir()), ["--style", style])


@pytest.mark.parametrize("style", preset_names())
def test_every_sample_output_passes_check(tmp_path, style):
    result = run("subtitle", *SAMPLES, "--format", "both", "-o", tmp_path, "--style", style, "--quiet")
    assert result.exit_code == 0, result.stderr
    outputs = sorted(tmp_path.iterdir())
    assert len(outputs) == 2 * len(SAMPLES)
    check_outputs(outputs, ["--style", style])
