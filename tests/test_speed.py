"""The fast paths of the pipeline give exactly what the plain code they replaced gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from segmenter.formats import clock_text
from segmenter.formats import srt as srt_format
from segmenter.formats import vtt as vtt_format

times = st.integers(min_value=-10**10, max_value=10**12)


@settings(max_examples=300, deadline=None)
@given(times, st.sampled_from([",", "."]))
def test_clock_text_is_percent_formatting_of_the_fields(ms, separator):
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    assert clock_text(ms, separator) == "%02d:%02d:%02d%s%03d" % (hours, minutes, seconds, separator, millis)


def _slow_srt_escape(line: str) -> str:
    return srt_format._ARROW.sub("--" + srt_format.JOINER,
                                 line.replace("<", "<" + srt_format.JOINER).replace("{", "{" + srt_format.JOINER))


@given(st.text(alphabet="a<>{}-\n\u2060&"))
def test_escapes_match_the_plain_replacements(text):
    assert srt_format.escape(text) == _slow_srt_escape(text)
    assert vtt_format.escape(text) == text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


VOCABULARY = ["the", "talks", "in", "Seoul", "ended,", "and", "Kim", "Ha-na", "said", "it", "was", "cold.",
              "of", "American", "Association", "U.S.", "50", "minutes", "very,", "very", "real", "to", "go",
              "down", "...", "--", "Minister", "extraordinarily", "(laughs)", "because"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=16), st.integers(min_value=8, max_value=42),
       st.integers(min_value=10, max_value=90))
def test_one_block_shortcut_gives_the_full_search_result(words, width, preferred):
    from segmenter import segment
    from segmenter.style import Style

    style = Style(max_chars_per_line=width, preferred_block_chars=preferred)
    fast = segment.layout_sentence(words, style)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(segment, "_one_block", lambda *args: None)
        assert segment.layout_sentence(words, style) == fast
