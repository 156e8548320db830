"""Style settings: every value bounded (NaN and infinity refused) with a one-line error naming the key and
the range, style files extending a preset, preset names in any case, and the keys documented."""

from __future__ import annotations

import dataclasses
import math

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import REPO
from segmenter.cli import main
from segmenter.errors import InputError
from segmenter.style import KEYS, Style, keys_table, load_style, setting_problem

SCRIPT = "Rain fell in Seoul.\nKim Ha-na reports.\nThe rain stopped at noon.\nKim Ha-na, Arirang News.\n"
NUMERIC = [f.name for f in dataclasses.fields(Style) if f.metadata["range"][0] is not None]


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture
def script(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(SCRIPT, encoding="utf-8")
    return path


# --- values: bounded, finite, one line naming the key and the range --------------------------------------

@pytest.mark.parametrize("option, value, message", [
    ("--cps", "nan", "--cps nan: must be a number from 1 to 100 (characters per second)"),
    ("--cps", "inf", "--cps inf: must be a number from 1 to 100 (characters per second)"),
    ("--min-gap", "nan", "--min-gap nan: must be a number from 0 to 10 (seconds)"),
    ("--frame-rate", "inf", "--frame-rate inf: must be a number from 1 to 1000 (frames per second)"),
    ("--min-duration", "-inf", "--min-duration -inf: must be a number from 0.01 to 60 (seconds)"),
    ("--wpm", "1e300", "--wpm 1e+300: must be a number from 10 to 1000 (words per minute)"),
    ("--max-chars", "100000000", "--max-chars 100000000: must be a whole number from 1 to 200 (characters)"),
    ("--max-lines", "1000", "--max-lines 1000: must be a whole number from 1 to 10 (lines)"),
    ("--max-lines", "0", "--max-lines 0: must be a whole number from 1 to 10 (lines)"),
    ("--max-chars", "9" * 400, f"--max-chars {'9' * 400}: must be a whole number from 1 to 200 (characters)"),
])
def test_non_finite_or_huge_option_is_one_line(script, tmp_path, option, value, message):
    out = tmp_path / "s.srt"
    result = run("subtitle", script, option, value, "-o", out)
    assert (result.exit_code, result.stderr) == (2, f"segmenter: error: {message}\n")
    assert not out.exists()


def test_min_longer_than_max_is_one_line(script):
    result = run("subtitle", script, "--max-duration", "0.5")
    assert result.exit_code == 2
    assert result.stderr == ("segmenter: error: style 'broadcast': min_duration (1.2 s) is longer than "
                             "max_duration (0.5 s)\n")


@pytest.mark.parametrize("line, message", [
    ("min_duration = 1e300", "min_duration = 1e+300: must be a number from 0.01 to 60 (seconds)"),
    ("min_gap = nan", "min_gap = nan: must be a number from 0 to 10 (seconds)"),
    ("frame_rate = inf", "frame_rate = inf: must be a number from 1 to 1000 (frames per second)"),
    ("cps = -inf", "cps = -inf: must be a number from 1 to 100 (characters per second)"),
    ("max_lines = 1000", "max_lines = 1000: must be a whole number from 1 to 10 (lines)"),
    ("max_chars_per_line = 30.5", "max_chars_per_line = 30.5: must be a whole number from 1 to 200 (characters)"),
    ('cps = "fast"', "cps = 'fast': must be a number from 1 to 100 (characters per second)"),
    ("srt_placement_tags = 1", "srt_placement_tags = 1: must be true or false"),
    ("name = 3", "name = 3: must be text"),
])
def test_bad_value_in_a_style_file_is_one_line(script, tmp_path, line, message):
    house = tmp_path / "house.toml"
    house.write_text(line + "\n", encoding="utf-8")
    result = run("subtitle", script, "--style", house)
    assert (result.exit_code, result.stderr) == (2, f"segmenter: error: {house}: {message}\n")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NUMERIC), st.one_of(st.floats(), st.integers(), st.integers(-10**400, 10**400)))
def test_any_number_is_accepted_only_within_its_range(key, value):
    """Any float or integer for any setting: a Style within the documented range, else an InputError
    naming the key; never another exception."""
    low, high = Style.__dataclass_fields__[key].metadata["range"]
    whole = Style.__dataclass_fields__[key].type == "int"
    finite = value == value and value not in (math.inf, -math.inf)
    inside = (not whole or isinstance(value, int)) and finite and low <= value <= high
    if key == "min_duration":
        inside = inside and value <= 7.0
    if key == "max_duration":
        inside = inside and value >= 1.0
    try:
        style = Style(**{key: value})
    except InputError as exc:
        assert not inside and key in str(exc) and "\n" not in str(exc)
        return
    assert inside and getattr(style, key) == value


def test_setting_problem_names_the_range_of_every_numeric_key():
    for key in NUMERIC:
        low, high = Style.__dataclass_fields__[key].metadata["range"]
        assert setting_problem(key, getattr(Style(), key)) is None
        assert f"from {low:g} to {high:g}" in setting_problem(key, float("nan"))


# --- style files extend a preset --------------------------------------------------------------------------

def test_style_file_inherits_broadcast_by_default(tmp_path):
    house = tmp_path / "house.toml"
    house.write_text("max_chars_per_line = 42\n", encoding="utf-8")
    style, broadcast = load_style(str(house)), load_style("broadcast")
    assert style == dataclasses.replace(broadcast, name="house", description="", max_chars_per_line=42)
    assert (style.min_duration, style.frame_rate) == (1.2, 25.0)  # not the dataclass's 1.0 and no frames


def test_style_file_extends_a_preset_or_a_file_beside_it(tmp_path, monkeypatch):
    (tmp_path / "styles").mkdir()
    base = tmp_path / "styles" / "base.toml"
    base.write_text('extends = "Netflix"\ncps = 15.0\nname = "base"\ndescription = "ours"\n', encoding="utf-8")
    top = tmp_path / "styles" / "top.toml"
    top.write_text('extends = "base.toml"\nmax_lines = 1\nframe_rate = false\nwpm = 150\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the relative path is read from top.toml's folder, not the current one
    style = load_style("styles/top.toml")
    netflix = load_style("netflix")
    assert style == dataclasses.replace(netflix, name="top", description="", cps=15.0, max_lines=1,
                                        frame_rate=None, wpm=150.0)


def test_style_files_extending_each_other_in_a_loop(tmp_path):
    (tmp_path / "a.toml").write_text('extends = "b.toml"\n', encoding="utf-8")
    (tmp_path / "b.toml").write_text('extends = "a.toml"\n', encoding="utf-8")
    with pytest.raises(InputError, match="extend each other in a loop"):
        load_style(str(tmp_path / "a.toml"))
    (tmp_path / "c.toml").write_text('extends = "cinema"\n', encoding="utf-8")
    with pytest.raises(InputError, match="unknown style 'cinema'; presets: bbc, broadcast, dcmp, netflix"):
        load_style(str(tmp_path / "c.toml"))
    (tmp_path / "e.toml").write_text('extends = "x\\u0000y.toml"\n', encoding="utf-8")
    with pytest.raises(InputError, match="a name or path cannot hold a NUL character"):
        load_style(str(tmp_path / "e.toml"))
    (tmp_path / "d.toml").write_text("extends = 3\n", encoding="utf-8")
    with pytest.raises(InputError, match="extends = 3: must be a preset name or a style file"):
        load_style(str(tmp_path / "d.toml"))


def test_presets_are_unchanged_by_extends():
    assert load_style("netflix").min_duration == 0.833 and load_style("dcmp").frame_rate == 29.97
    assert load_style("bbc").wpm == 180.0 and load_style("broadcast").wpm is None


@pytest.mark.parametrize("name", ["NETFLIX", "Netflix", "netFlix"])
def test_preset_names_any_case(script, name):
    assert load_style(name) == load_style("netflix")
    result = run("subtitle", script, "--style", name, "--format", "srt")
    assert result.exit_code == 0


def test_unknown_key_lists_the_valid_keys(script, tmp_path):
    house = tmp_path / "house.toml"
    house.write_text("max_chars = 30\n", encoding="utf-8")
    result = run("subtitle", script, "--style", house)
    assert result.exit_code == 2
    assert result.stderr == (f"segmenter: error: {house}: unknown style setting(s): max_chars; valid keys: "
                             f"{', '.join(KEYS)}\n")
    assert "max_chars_per_line" in result.stderr


# --- the keys documented: styles --keys and the README ----------------------------------------------------

def test_styles_keys_lists_every_key_with_default_and_meaning():
    result = run("styles", "--keys")
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == list(KEYS)
    assert "cps                    17          reading speed: a cue lasts at least its characters at this rate " \
           "(characters per second, 1-100)" in lines
    assert 'extends                "broadcast" the preset or style file (relative to this file) to build on' in lines
    assert any(line.startswith("min_duration           1.2         shortest cue (seconds, 0.01-60)") for line in lines)


def test_readme_documents_every_key():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n### Style settings\n", 1)[1].split("\n## ", 1)[0]
    for key, default, meaning in keys_table():
        assert f"| `{key}` | `{default}` | {meaning} |" in section


def test_styles_help_mentions_custom_files():
    result = run("styles", "--help")
    assert "your own TOML file" in result.stdout and 'extends = "broadcast"' in result.stdout


def test_resume_fingerprint_follows_the_preset_a_style_file_extends(tmp_path):
    """A batch resumes only outputs made with the same settings: those a style file inherits count too."""
    from segmenter.batch import fingerprint

    base, top = tmp_path / "base.toml", tmp_path / "top.toml"
    top.write_text('extends = "base.toml"\nmax_lines = 1\n', encoding="utf-8")
    base.write_text("cps = 15.0\n", encoding="utf-8")
    before = fingerprint(load_style(str(top)))
    base.write_text("cps = 16.0\n", encoding="utf-8")
    assert fingerprint(load_style(str(top))) != before
