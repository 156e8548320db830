"""bench/convert.py (human SRT/WebVTT -> tagged text) and bench/corpora/build.py (checksummed rebuild)."""

from __future__ import annotations

import doctest
import hashlib
import importlib.util
import subprocess
import sys

import pytest
from conftest import REPO
from hypothesis import given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(REPO / "bench"))
import convert  # noqa: E402
from convert import clean_line, convert_bytes, main, stats, tagged_from_cues  # noqa: E402

from segmenter.errors import InputError  # noqa: E402
from segmenter.evaluate import breaks_from_tagged  # noqa: E402
from segmenter.model import Cue  # noqa: E402

# bench/corpora/build.py under a name of its own (a module called "build" could be PyPA's)
_spec = importlib.util.spec_from_file_location("corpora_build", REPO / "bench" / "corpora" / "build.py")
corpora_build = sys.modules["corpora_build"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(corpora_build)
Source, build_set = corpora_build.Source, corpora_build.build_set

SRT = """1
00:00:01,000 --> 00:00:03,000
- <i>We left the house</i>
early in the morning,

2
00:00:03,500 --> 00:00:05,000
[DOOR SLAMS]

3
00:00:05,200 --> 00:00:07,000
MARY: and nobody saw us. (laughs)
It was cold.

4
00:00:07,500 --> 00:00:09,000
♪ la la la ♪
"""

VTT = """WEBVTT
Kind: captions

NOTE a comment block
over two lines

00:00:01.000 --> 00:00:03.000 line:0
<v Ann Lee>Good evening. Tonight,
<b>the river</b> rose again

00:00:03.000 --> 00:00:04.000
(applause)

00:00:04.000 --> 00:00:06.000
&gt;&gt; and the town
is flooded.
"""


def test_srt_tags_labels_dashes_and_sound_cues_are_removed():
    assert convert_bytes(SRT.encode(), "story.srt") == [
        "We left the house <eol> early in the morning, <eob> and nobody saw us. <eol>",
        "It was cold. <eob>",
    ]


def test_vtt_voice_notes_settings_and_entities_are_read_by_the_project_reader():
    assert convert_bytes(VTT.encode(), "story.vtt") == [
        "Good evening.",
        "Tonight, <eol> the river rose again <eob> and the town <eol> is flooded. <eob>",
    ]


def test_a_sentence_end_inside_a_line_carries_no_tag_and_the_next_sentence_keeps_the_line_break():
    cues = [Cue(1, 0, 1, ("Yes. Right. Then we", "went home.")), Cue(2, 1, 2, ("Dr. Lee agreed.",))]
    assert tagged_from_cues(cues) == ["Yes.", "Right.", "Then we <eol> went home. <eob>", "Dr. Lee agreed. <eob>"]


@pytest.mark.parametrize("line, spoken", [
    ("(laughs) Fine.", "Fine."),
    ("(MUSIC PLAYING)", ""),
    ("He said (and I mean it, every single word) no.", "He said (and I mean it, every single word) no."),
    ("It costs (about 4,000 dollars) today.", "It costs (about 4,000 dollars) today."),
    ("JOHN SMITH: Hello.", "Hello."),
    (">> REPORTER: Good evening.", "Good evening."),
    ("Note: this is spoken.", "Note: this is spoken."),
    ("- Yes. - No.", "Yes. No."),
    ("It's hard - my hands, - they shake.", "It's hard - my hands, - they shake."),
    ("{\\an8}On top.", "On top."),
    ("#music line", ""),
    ("Ten o'clock: time to go.", "Ten o'clock: time to go."),
])
def test_clean_line(line, spoken):
    assert clean_line(line) == spoken


def test_stats_count_cues_and_two_line_cues():
    s = stats(["A b <eol> c. <eob>", "D. <eob> E <eol> f <eol> g. <eob>"])
    assert (s.words, s.cues, s.multi_line_cues, s.sentences, round(s.two_line_share, 3)) == (7, 3, 2, 2, 0.667)


_WORD = st.from_regex(r"[A-Za-z]{1,8}[.,?]?", fullmatch=True)
_LINE = st.lists(_WORD, min_size=1, max_size=6).map(" ".join)
_CUES = st.lists(st.lists(_LINE, min_size=1, max_size=2), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None)
@given(_CUES)
def test_words_and_breaks_survive_conversion(cue_lines):
    """Every word comes out once, in order, with the break it had: a cue's last word <eob>, a line's <eol>."""
    cues = [Cue(n, n, n + 1, tuple(lines)) for n, lines in enumerate(cue_lines)]
    breaks = breaks_from_tagged("\n".join(tagged_from_cues(cues)))
    expected_words, expected_labels = [], []
    for lines in cue_lines:
        for n, line in enumerate(lines):
            words = line.split()
            expected_words += words
            expected_labels += [None] * (len(words) - 1) + ["eob" if n == len(lines) - 1 else "eol"]
    assert list(breaks.words) == expected_words
    assert list(breaks.labels) == expected_labels


def test_cli_refuses_missing_and_speechless_files_in_one_line(tmp_path, capsys):
    assert main([str(tmp_path / "none.srt")]) == 2
    assert "none.srt" in capsys.readouterr().err
    music = tmp_path / "music.srt"
    music.write_text("1\n00:00:01,000 --> 00:00:02,000\n[MUSIC]\n", encoding="utf-8")
    out = tmp_path / "out.txt"
    assert main([str(music), "-o", str(out)]) == 2
    assert capsys.readouterr().err.strip() == f"convert: no spoken text in {music}"
    assert not out.exists()


def test_cli_writes_tagged_text(tmp_path, capsys):
    srt = tmp_path / "a.srt"
    srt.write_text(SRT, encoding="utf-8")
    out = tmp_path / "a.txt"
    assert main([str(srt), "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8").splitlines()[-1] == "It was cold. <eob>"
    assert "2 sentences, 15 words, 2 cues, 100% with two lines or more" in capsys.readouterr().err
    out.write_text("mine\n", encoding="utf-8")
    assert main([str(srt), "-o", str(out)]) == 2
    assert "already exists" in capsys.readouterr().err and out.read_text(encoding="utf-8") == "mine\n"
    assert main([str(srt), "-o", str(out), "--force"]) == 0
    assert out.read_text(encoding="utf-8").startswith("We left the house <eol>")


def test_build_cli_writes_every_set_or_none(tmp_path, capsys):
    assert corpora_build.main(["nosuchset"]) == 2
    assert "unknown set nosuchset" in capsys.readouterr().err
    out = tmp_path / "out"
    assert corpora_build.main(["do-it", "--mirror", str(tmp_path / "empty"), "--out", str(out)]) == 2
    assert "no snapshot of ableplayer/ableplayer" in capsys.readouterr().err
    assert not out.exists()


def _mirror(tmp_path, text: str) -> tuple[str, str]:
    """A snapshot like fetch leaves: MIRROR/owner+name/repo, a bare git dir with one commit."""
    work = tmp_path / "work"
    work.mkdir()
    (work / "a.srt").write_text(text, encoding="utf-8")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q", str(work)], check=True)
    subprocess.run([*git, "-C", str(work), "add", "a.srt"], check=True)
    subprocess.run([*git, "-C", str(work), "commit", "-q", "-m", "x"], check=True)
    subprocess.run(["git", "clone", "-q", "--bare", str(work), str(tmp_path / "mirror" / "o+n" / "repo")],
                   check=True)
    commit = subprocess.run(["git", "-C", str(work), "rev-parse", "HEAD"], capture_output=True, text=True,
                            check=True).stdout.strip()
    return commit, hashlib.sha256(text.encode()).hexdigest()


def test_build_reads_the_snapshot_checks_the_checksum_and_skips_repeated_files(tmp_path):
    commit, digest = _mirror(tmp_path, SRT)
    source = Source("o/n", commit, "a.srt", digest)
    assert build_set([source, source], tmp_path / "mirror") == convert_bytes(SRT.encode(), "a.srt")
    with pytest.raises(InputError, match=r"o/n@.*:a\.srt: SHA-256 .*, expected 0+$"):
        build_set([Source("o/n", commit, "a.srt", "0" * 64)], tmp_path / "mirror")
    with pytest.raises(InputError, match="no snapshot of x/y"):
        build_set([Source("x/y", commit, "a.srt", digest)], tmp_path / "mirror")


def test_convert_doctests():
    """bench/ is outside the suite's doctest paths: its examples run here."""
    assert doctest.testmod(convert).failed == 0
