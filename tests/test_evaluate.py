"""Break-quality scoring: exact precision/recall/F1 on tiny inputs, the CLI, and the dev-file floor."""

from __future__ import annotations

import json
import random
import time
from unittest.mock import patch

import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SHARED
from segmenter import evaluate
from segmenter.cli import main
from segmenter.evaluate import breaks_from_cues, breaks_from_tagged, score, strip_tags
from segmenter.model import Cue
from segmenter.pipeline import render, subtitle
from segmenter.style import load_style

DEV = SHARED / "data" / "mustcinema-en-dev.txt"


def test_exact_scores():
    ref = breaks_from_tagged("A b c <eol> d e. <eob>\nF g h <eob> i j. <eob>")
    system = breaks_from_cues([Cue(1, 0, 1, ("A b c", "d e.")), Cue(2, 1, 2, ("F g", "h i j."))])
    s = score(system, ref)
    assert (s.block.correct, s.block.system, s.block.reference) == (2, 2, 3)
    assert (s.line.correct, s.line.system, s.line.reference) == (1, 2, 1)
    assert (s.any.correct, s.any.system, s.any.reference) == (3, 4, 4)
    assert s.block.precision == 1.0 and s.block.recall == pytest.approx(2 / 3)
    assert s.line.f1 == pytest.approx(2 * 0.5 * 1.0 / 1.5)


def test_alignment_tolerates_small_token_differences():
    ref = breaks_from_tagged("Well, it's the U.S. <eol> team today. <eob>")
    system = breaks_from_cues([Cue(1, 0, 1, ("well it's the US", "team today"))])
    s = score(system, ref)
    assert s.any.f1 == 1.0 and s.aligned_words == 6


def test_tagged_text_parsing_and_stripping():
    text = "One two <eol> three. <eob>\n<eob>\nFour. <eob>\n"
    assert breaks_from_tagged(text).labels == (None, "eol", "eob", "eob")
    assert strip_tags(text) == ["One two three.", "Four."]


def test_cli_json_and_reference_formats(tmp_path):
    cues = subtitle("The talks ended late on Friday, and both sides left without a statement.",
                    load_style("netflix").override(max_chars_per_line=20))
    system = tmp_path / "sys.srt"
    system.write_text(render(cues, "srt"), encoding="utf-8")
    reference = tmp_path / "ref.vtt"
    reference.write_text(render(cues, "vtt"), encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(system), "--reference", str(reference), "--format", "json",
                                       "--style", "netflix", "--max-chars", "20"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["any"]["f1"] == 1.0 and data["lines_within_cpl"] == 1.0
    bad = tmp_path / "bad.srt"
    bad.write_text("1\nnot a time\nhello\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(bad), "--reference", str(reference)])
    assert result.exit_code == 2 and result.stderr.startswith(f"segmenter: error: {bad}: not valid SRT")


def test_markup_in_a_human_srt_is_no_word(tmp_path):
    system = tmp_path / "sys.srt"
    system.write_text("1\n00:00:01,000 --> 00:00:02,000\nHello there,\nmy friend.\n\n", encoding="utf-8")
    reference = tmp_path / "human.srt"
    reference.write_text("1\n00:00:01,000 --> 00:00:02,000\n{\\an8}<i>Hello</i> there,\n<font color=\"red\">my "
                         "friend.</font>\n\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(system), "--reference", str(reference), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert (data["any"]["f1"], data["line"]["f1"], data["block"]["f1"]) == (1.0, 1.0, 1.0)


def test_dev_file_break_quality_floor():
    """The benchmark's figures, kept as a floor: a change that loses break quality fails here."""
    if not DEV.is_file():
        pytest.skip(f"reference data not found at {DEV} (../shared is beside the checkout only in CI)")
    tagged = DEV.read_text(encoding="utf-8")
    style = load_style("netflix")
    cues = subtitle("\n".join(strip_tags(tagged)), style)
    s = score(breaks_from_cues(cues), breaks_from_tagged(tagged))
    assert s.any.f1 >= 0.83 and s.block.f1 >= 0.82 and s.line.f1 >= 0.49, s
    assert all(len(line) <= 42 for c in cues for line in c.lines)


def test_command_on_its_own_text_output_and_missing_reference(tmp_path):
    """``evaluate_command`` works without the group (CliRunner on the command itself); errors name the file."""
    from segmenter.cli_evaluate import evaluate_command

    system = tmp_path / "sys.srt"
    system.write_text(render((Cue(1, 0, 1000, ("One two", "three.")), Cue(2, 1100, 2000, ("Four.",))), "srt"),
                      encoding="utf-8")
    reference = tmp_path / "ref.txt"
    reference.write_text("One two <eol> three. <eob>\nFour. <eob>\n", encoding="utf-8")
    result = CliRunner().invoke(evaluate_command, [str(system), "--reference", str(reference)])
    assert result.exit_code == 0, result.output
    rows = {line.split()[0]: line.split()[1:] for line in result.output.splitlines()[1:4]}
    assert rows["any"] == ["1.000", "1.000", "1.000", "(3/3/3)"] and rows["line"][-1] == "(1/1/1)"
    missing = tmp_path / "nope.txt"
    result = CliRunner().invoke(evaluate_command, [str(system), "--reference", str(missing)])
    assert result.exit_code != 0 and str(missing) in str(result.exception or result.output)


def _repetitive(n: int, seed: int):
    """n cues of one sentence, and a reference where some cues lose or change a word and break elsewhere."""
    rng = random.Random(seed)
    unit = "One two three four five six seven eight nine ten.".split()
    system, reference = [], []
    for k in range(n):
        system.append(Cue(k, 0, 1, (" ".join(unit[:5]), " ".join(unit[5:]))))
        words = list(unit)
        if rng.random() < 0.1:
            words[rng.randrange(10)] = "eleven"
        if rng.random() < 0.05:
            del words[3]
        reference.append(Cue(k, 0, 1, (" ".join(words[:4]), " ".join(words[4:]))))
    return breaks_from_cues(system), breaks_from_cues(reference)


def test_alignment_is_near_linear_on_repetitive_text():
    """10,000 cues of one sentence: difflib alone took 16 s at 1,000 such cues, 186 s at 4,000, and aligned
    a tenth of the words or less."""
    system, reference = _repetitive(10_000, 1)
    began = time.perf_counter()
    s = score(system, reference)
    assert time.perf_counter() - began < 15
    assert s.aligned_words > 0.8 * len(reference.words) and s.block.f1 > 0.8


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from("abcdefgh"), max_size=120), st.lists(st.sampled_from("abcdefgh"), max_size=120),
       st.integers(0, 400), st.integers(2, 20))
def test_alignment_pairs_equal_words_in_order(a, b, budget, window):
    """Whatever path the alignment takes (difflib, anchors, windows), it pairs equal words, in order."""
    system, reference = breaks_from_tagged(" ".join(a)), breaks_from_tagged(" ".join(b))
    with patch.object(evaluate, "EXACT_BUDGET", budget), patch.object(evaluate, "WINDOW", window):
        mapping = evaluate.align(system, reference)
    pairs = sorted(mapping.items())
    assert all(a[i] == b[j] for i, j in pairs)
    assert [j for _, j in pairs] == sorted({j for _, j in pairs})


def test_dev_file_scores_identical_on_every_alignment_path():
    """The anchors and windows give the dev file exactly the scores of difflib over the whole text."""
    if not DEV.is_file():
        pytest.skip(f"reference data not found at {DEV} (../shared is beside the checkout only in CI)")
    tagged = DEV.read_text(encoding="utf-8")
    system = breaks_from_cues(subtitle("\n".join(strip_tags(tagged)), load_style("netflix")))
    reference = breaks_from_tagged(tagged)
    with patch.object(evaluate, "EXACT_BUDGET", 10**12):
        exact = score(system, reference)
    for budget in (0, 1000):
        with patch.object(evaluate, "EXACT_BUDGET", budget):
            assert score(system, reference) == exact


def test_unrelated_reference_warns_and_exits_1(tmp_path):
    system = tmp_path / "sys.srt"
    system.write_text(render(subtitle("The talks ended late on Friday without a statement from either side."),
                             "srt"), encoding="utf-8")
    reference = tmp_path / "ref.txt"
    reference.write_text("Rain is expected across the south <eol> by the weekend. <eob>\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["evaluate", str(system), "--reference", str(reference)])
    assert result.exit_code == 1
    assert result.stderr == (f"segmenter: warning: only 1 words align (8% of 12): {system} and {reference} do not "
                             f"hold the same text, so these scores mean little\n")
    assert result.stdout.startswith("break  precision")
    result = CliRunner().invoke(main, ["evaluate", str(system), "--reference", str(reference), "--format", "json"])
    assert result.exit_code == 1 and json.loads(result.stdout)["barely_aligned"] is True
