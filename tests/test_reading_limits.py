"""Script reading under hostile or careless input (issue 15 items 6, 13, 14; issue 12 item 2): malformed
dialect files, absurd run times, unsafe slugs, run times longer than a cue may be, memory of long stories."""

from __future__ import annotations

import os
import re

import pytest
from click.testing import CliRunner

from conftest import IN_CI, REPO, cli_peak_mb
from segmenter.check import check_text
from segmenter.cli import main
from segmenter.dialect import load_dialect
from segmenter.errors import InputError
from segmenter.pipeline import render, stories, subtitle
from segmenter.script import STORY_PARAGRAPHS, iter_segments
from segmenter.style import Style, load_style, preset_names


@pytest.mark.parametrize("body, message", [
    ('extends = "plain"\nnotes = "x"\n', "notes must be a list of strings"),
    ('extends = "plain"\n[labels]\nanchor = 3\n', "anchor must be a list of strings"),
    ('extends = "newsroom"\n[newsroom]\nsuper = \'^CG: (?P<who>.*)$\'\n',
     r"super pattern has no named group \(\?P<name>"),
    ('extends = "newsroom"\n[newsroom]\nelement = 5\n', "element must be a pattern"),
    ('extends = "newsroom"\n[newsroom]\nrun_time = \'TRT (\\d+)\'\n', "run_time pattern has no named group"),
    ('extends = "transcript"\n[transcript]\nlabel_max = "long"\n', "label_max must be a whole number"),
    ('extends = "transcript"\n[transcript.roles]\nHOST = "studio"\n', "maps to 'studio', not a section"),
    ('extends = "newsroom"\n[detect]\n"x" = "heavy"\n', "weight of 'x' must be a number"),
    ('extends = 7\n', "'extends' must name a dialect or a file"),
    ('extends = "plain"\nlabels = 1\n', r"\[labels\] must be a table"),
])
def test_malformed_dialect_is_a_one_line_error(tmp_path, body, message):
    path = tmp_path / "bad.toml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(InputError, match=message) as info:
        load_dialect(str(path))
        subtitle("(**SOT**)\nCG: A / B\nText.\n", dialect=str(path))
    assert "\n" not in str(info.value) and str(path) in str(info.value)
    result = CliRunner().invoke(main, ["subtitle", "-", "--dialect", str(path)], input="Text.\n")
    assert result.exit_code in (1, 2) and "Traceback" not in result.output + result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_extends_reads_a_relative_path_from_the_extending_files_folder(tmp_path, monkeypatch):
    (tmp_path / "dialects").mkdir()
    (tmp_path / "dialects" / "base.toml").write_text(
        'extends = "newsroom"\nname = "base"\n[newsroom]\nsuper = \'^\\s*LOWER3\\s*:\\s*(?P<name>[^/]+?)\\s*/.*$\'\n',
        encoding="utf-8")
    (tmp_path / "dialects" / "station.toml").write_text('extends = "base.toml"\nname = "station"\n',
                                                       encoding="utf-8")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    cues = subtitle("(**SOT**)\nLOWER3: Ana Ruiz / Mayor\nWe will rebuild.\n", dialect=str(tmp_path / "dialects" /
                                                                                           "station.toml"))
    assert [(c.text, c.speaker) for c in cues] == [("We will rebuild.", "Ana Ruiz")]


@pytest.mark.parametrize("mark", ["TRT 99999999999999999999:00", "[99999999:00]", "RUNS 100000:00"])
def test_absurd_run_time_is_ignored_with_a_warning(mark):
    warnings: list[str] = []
    text = f"(**VO**) {mark}\nRain fell.\n(**SOT**)\nWe will rebuild.\n"
    cues = subtitle(text, Style(frame_rate=None), dialect="newsroom", warn=warnings.append)
    assert [c.text for c in cues] == ["Rain fell.", "We will rebuild."]
    assert cues[-1].end < 10_000
    assert any(re.fullmatch(r"line 1: run time of \S+ s ignored \(longer than 3600 s\)", w) for w in warnings)
    result = CliRunner().invoke(main, ["subtitle", "-", "--format", "srt"], input=text)
    assert result.exit_code == 0 and "run time of" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("slug, name", [("..", "news-1"), ("-rf", "rf"), ("\u202eFLOODS", "floods"),
                                        ("../../etc", "etc"), ("A" * 300, "a" * 60)])
def test_story_file_names_are_cleaned(slug, name):
    from segmenter.model import Cue

    assert [n for n, _ in stories([Cue(1, 0, 900, ("a",), slug=slug)], "news")] == [name]


FLOODS = """FLOODS
((Jean))
(**VO**) TRT :20
Rescue crews in boats worked through the afternoon.
(**SOT**) [:12]
CG: Han Mi-rae / Resident, Gupo-dong
IN: We lost everything
We lost everything on the ground floor.
OUT: upstairs
"""


def test_run_time_longer_than_a_cue_may_last_keeps_the_maximum_and_warns():
    assert FLOODS in (REPO / "README.md").read_text(encoding="utf-8")  # the README's own example
    style = load_style("broadcast")
    warnings: list[str] = []
    cues = subtitle(FLOODS, style, warn=warnings.append)
    assert [c.duration for c in cues] == [7000, 7000]
    assert cues[1].start == 20000 + 80 + 1000  # the bite starts when the VO's run time is over, as before
    assert len(warnings) == 2 and "kept within the style's maximum of 7 s, 13.0 s of its run time of 20 s" \
        in warnings[0]


@pytest.mark.parametrize("style_name", preset_names())
def test_own_output_passes_check_for_every_sample_and_the_readme_example(style_name):
    style = load_style(style_name)
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))}
    texts["README FLOODS"] = FLOODS
    for name, text in texts.items():
        cues = subtitle(text, style, warn=lambda message: None)
        for fmt in ("srt", "vtt"):
            report = check_text(render(cues, fmt, style), fmt, style, f"{name}.{fmt}")
            problems = [v for v in report.violations if v.rule != "reading_speed"]
            assert problems == [], (name, fmt, problems[:3])


def test_a_long_story_without_sign_off_is_read_in_parts():
    text = "".join(f"Line {i} of a long story.\n" for i in range(STORY_PARAGRAPHS * 2 + 10))
    held = []
    import segmenter.script as script

    original = script._story_segments

    def spy(story, *args, **kwargs):
        held.append(len(story))
        return original(story, *args, **kwargs)

    script._story_segments = spy
    try:
        segments = list(iter_segments(text))
    finally:
        script._story_segments = original
    assert max(held) == STORY_PARAGRAPHS and sum(held) == len(segments)
    assert {s.story for s in segments} == {0}


@pytest.mark.skipif(not IN_CI and os.environ.get("SEGMENTER_SLOW_TESTS") != "1",
                    reason="20 MB scripts take minutes on 2 cores; runs under CI=true or SEGMENTER_SLOW_TESTS=1")
@pytest.mark.skipif(not os.path.exists("/proc/self/status"), reason="peak memory is read from /proc (Linux)")
@pytest.mark.parametrize("kind", ["one-character lines", "one story without sign-off"])
def test_memory_does_not_grow_with_story_length(tmp_path, kind):
    """Issue 15 item 6: 20 MB of one-character lines once peaked at 2.7 GB, a long story without sign-off
    at 422 MB; a story is now held at most STORY_PARAGRAPHS paragraphs or STORY_CHARS characters at a time."""
    unit = "a\n" if kind == "one-character lines" else "Crews worked through the night in the flooded town.\n"

    def peak_mb(name: str, size: int) -> float:
        with open(tmp_path / name, "w", encoding="utf-8") as handle:
            for _ in range(size // len(unit)):
                handle.write(unit)
        return cli_peak_mb(["subtitle", name, "--format", "srt", "-o", f"{name}.srt"], tmp_path)

    small, big = peak_mb("small.txt", 200_000), peak_mb("big.txt", 20_000_000)
    assert big - small < 60, f"peak {small} MB for 0.2 MB, {big} MB for 20 MB"
