"""Every plain sample script under every preset: structure found, limits kept, nothing lost.
(The newsroom-dialect samples are tested in test_dialects.py, the transcripts in test_transcripts.py.)"""

from __future__ import annotations

import re

import pytest

from conftest import SAMPLES as ALL_SAMPLES
from segmenter.pipeline import subtitle
from segmenter.style import load_style, preset_names

SAMPLES = [p for p in ALL_SAMPLES if not p.name.startswith(("newsroom-", "transcript-"))]
LABEL = re.compile(r"^[A-Z][A-Z .'-]*[A-Z.]:\s*")
NOTE = re.compile(r"\[[^\[\]]*\]|\(\((?:[^()]|\((?!\()|\)(?!\)))*\)\)")  # a note holds no "[" or "((" (linear)


def spoken_words(text: str) -> list[str]:
    """The script's words without production notes and speaker labels (the README's markup rules)."""
    return [w for line in text.splitlines() for w in LABEL.sub("", NOTE.sub(" ", line)).split()]


def test_there_are_samples_of_each_kind():
    names = {p.stem for p in SAMPLES}
    assert {"package-trade-talks", "markup-press-conference", "bulletin-two-stories",
            "numbers-and-names"} <= names


@pytest.mark.parametrize("style_name", preset_names())
@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_sample(path, style_name):
    text = path.read_text(encoding="utf-8")
    style = load_style(style_name)
    cues = subtitle(text, style)
    assert [w for c in cues for line in c.lines for w in line.split()] == spoken_words(text)
    assert all(len(line) <= style.max_chars_per_line for c in cues for line in c.lines)
    assert all(len(c.lines) <= style.max_lines for c in cues)
    assert cues[-1].section == "sign_off" and cues[-1].speaker
    assert cues[0].section == "lead_in"
    for name in ("Park Min-seo", "Choi Seung-hyun", "María José", "van der Berg", "$4.2 billion", "U.S. Secretary",
                 "7:30 p.m.", "45 minutes", "Kim So-yeon"):
        assert text.count(name) == sum(line.count(name) for c in cues for line in c.lines), name
