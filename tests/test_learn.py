"""bench/learn.py: contiguous folds that cover every sentence once, position scoring equal to the aligner's,
and weights written back into the weights file's text."""

from __future__ import annotations

import sys
import tomllib
from importlib import resources

from conftest import REPO

sys.path.insert(0, str(REPO / "bench"))
from learn import counts, layout, make_sample, write_weights, with_value  # noqa: E402
from quality import contiguous_folds  # noqa: E402

from segmenter.breaks import default_weights  # noqa: E402
from segmenter.evaluate import score  # noqa: E402
from segmenter.language import english  # noqa: E402
from segmenter.style import Style  # noqa: E402

TAGGED = ["The two leaders met for around 50 minutes, <eol> longer than initially scheduled. <eob>",
          "Yes. <eob>", "No. <eob>",
          "Officials of the American Association <eol> of Airport Executives met on Tuesday <eob> "
          "to discuss new rules for screening. <eob>",
          "It rained. <eob>", "Then it stopped, <eol> and the sun came out again. <eob>", "Fine. <eob>"]


def test_folds_are_contiguous_and_cover_every_sentence_once():
    for k in (2, 3, 5, 7):
        folds = contiguous_folds(TAGGED, k)
        assert len(folds) == k and all(folds)
        assert [line for fold in folds for line in fold] == TAGGED
        assert max(map(len, folds)) - min(map(len, folds)) <= 1


def test_position_counts_match_the_aligning_scorer():
    style, language = Style(max_chars_per_line=30), english()
    sample = make_sample(TAGGED, style, language)
    found, within = layout(sample, style, language, default_weights())
    c, s = counts(found, sample.reference), score(found, sample.reference)
    assert within
    assert c == (s.any.correct, s.any.system, s.any.reference, s.block.correct, s.block.system,
                 s.block.reference, s.line.correct, s.line.system, s.line.reference)


def test_weights_written_back_keep_the_text_and_read_as_the_weights():
    template = resources.files("segmenter.data").joinpath("weights.toml").read_text(encoding="utf-8")
    assert write_weights(default_weights(), template) == template
    changed = with_value(default_weights(), "gap", "comma", 1.25)
    data = tomllib.loads(write_weights(changed, template))
    assert data["gap"]["comma"] == 1.25
    assert {k: v for k, v in data["gap"].items() if k != "comma"} == {
        k: v for k, v in default_weights().gap.items() if k != "comma"}
