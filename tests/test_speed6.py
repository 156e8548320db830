"""Speed-ups that must not change what is read: a dialect's alternation whose '^' patterns share one '^'."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from segmenter import dialect

REPO = Path(__file__).resolve().parents[1]
TEXTS = [p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))] + [
    "Plain prose.\nKIM HA-NA, CORRESPONDENT: Rain.\n(BEGIN VIDEOTAPE)\nHC Deb 16 March 2004 vol 419\n"
    "[00:00:06] Tom Reed: Thanks.\nVO: Crews worked.\nTRT 1:05\nSUPER: Kim\nThis is a rush transcript.\n"]


def _plain_alternation(table: dict, flags: int) -> re.Pattern:
    """The alternation as it was before the speed-up: each pattern in its own group, nothing shared."""
    return re.compile("|".join(f"(?P<k{i}>{p})" for i, p in enumerate(table.values()) if p), flags)


@pytest.mark.parametrize("name", ["plain", "newsroom", "transcript", "wire"])
def test_shared_caret_finds_the_same_marks(name):
    data, origin = dialect._data(name)
    detect = {p: p for p in data.get("detect", {})}
    if detect:
        fast, _ = dialect._alternation(detect, origin, "detect", re.M)
        slow = _plain_alternation(detect, re.M)
        assert fast.pattern != slow.pattern  # the speed-up applies to every built-in detect table
        for text in TEXTS:
            assert [(m.lastgroup, m.span()) for m in fast.finditer(text)] == \
                [(m.lastgroup, m.span()) for m in slow.finditer(text)]
    fast, _ = dialect._alternation(data["drop"], origin, "drop")
    slow = _plain_alternation(data["drop"], 0)
    for line in (line for text in TEXTS for line in text.splitlines()):
        found, expected = fast.match(line), slow.match(line)
        assert (found and (found.lastgroup, found.span())) == (expected and (expected.lastgroup, expected.span()))


def test_a_pattern_with_a_top_level_branch_keeps_its_own_anchor():
    """'^a|b' matches 'b' anywhere: sharing a '^' with the pattern before it would lose that."""
    pattern, groups = dialect._alternation({"x": "^x", "y": "^a|b"}, str(dialect.dialects_dir() / "t.toml"),
                                           "detect", re.M)
    assert [groups[m.lastgroup] for m in pattern.finditer("x\nab b")] == ["x", "y", "y", "y"]
