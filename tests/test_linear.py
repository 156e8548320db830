"""Issue 15 item 4: every pattern applied to script text reads a hostile line in linear time.

Each case is a line of about 80,000 characters that once took 10-80 s (a pattern backtracking over it
quadratically); each must now be read, under every dialect, well within a generous bound.
"""

from __future__ import annotations

import time

import pytest

from segmenter.dialect import choose_dialect
from segmenter.script import parse_script

N = 80_000
#: name -> a script that made a pattern quadratic (the pattern in the comment)
HOSTILE = {
    "super": "CG:a" + " " * N + "b",  # newsroom super: lazy name, then spaces, then the title
    "element-line": "VO" + " " * N + "x",  # bare element line: two adjacent whitespace runs
    "element": "(*A" + " " * N,  # element cue: lazy type, then spaces
    "double-parens": "(" * N,  # plain note ((...)): each "((" scanned to the line end
    "brackets": "[" * N,  # note [...]: each "[" scanned to the line end
    "blank-head": "\n" * N + "x",  # detect: ^\s* ran over every following line end
    "toss-from": "Ann Lee reports from Seoul " * (N // 27),  # toss "reports from [^.]+" then \s*\.
    "marker": "[A" + " " * N + "x",  # [MARKER] line: letters-and-spaces run, then spaces
    "braces": "{" * N,
    "angles": "<" * N,
    "paren-star": "(*" * (N // 2),
    "label-far": "KOCH " * (N // 5) + ": text",  # a transcript label's colon is looked for near the start only
    "stage-words": "(" + "A " * (N // 2),  # stage direction of capitalised words, never closed
    "stage-hyphens": "(A" + "-A" * (N // 2),  # a hyphen parts words one way only
    "headline": "word " * (N // 5),  # headline: a bounded run of words
    "wrapped": "word word\n" * (N // 10),  # hard-wrap detection and joining
    "label-wrap": "KOCH, A,\n" * (N // 9),  # a label wrapped over two lines, again and again
    "sentence-colon": "A, B: " * (N // 6),
    "time-code-bars": "|" + " " * N + "0:12.2 |",  # a podcast's time codes between bars
    "rush-notice": "x" + " " * N + "this is a rush",  # the rush-transcript notice after other text
    "inline-labels": "It ended. AN ANN" * (N // 16),  # labels inside a line, after a sentence end
    "double-spaced": "word word\n\n" * (N // 11),  # a blank line after every line
    "closed-up-direction": "(ph)" + " " * N + "(ph).",  # a direction removed before punctuation
    "record-label": "Mr." + " " * N + "BURNS" + " " * N + "X",  # a hearing record's "Mr. BURNS." label
    "title-case-turns": "Ann Lee: hi.\nTom Hale: yo.\n" * (N // 26),  # names in title case taking turns
    "wire-bite": "SHOTLIST\n1. SOUNDBITE" + " " * N + "x",  # a wire soundbite heading: spaces, then no colon
    "wire-bite-language": "2. SOUNDBITE (" + "A " * (N // 2),  # a language in parentheses, never closed
    "wire-bite-number": "3" + " " * N + ".",  # a shot number, then spaces
    "end-mark": "- END" + " " * N + "x",  # an end mark alone on its line
    "briefing-time": "1:42 p.m." + " " * N + "x",  # a briefing's time line, its zone after spaces
    "record-turn": "Mr. Linder. Hi.\nDr. Ames. Yo.\n" * (N // 30) + "Mr." + " " * N + "Lee",  # "Mr. Linder." turns
    "questioner": "Q" + " " * N + "x",  # a White House questioner's "Q" and spaces
    "stage-sentence": "(A" + "b" * N,  # "(Laughter.)": a sentence with its full stop, never closed
    "category": "in News" + ", News" * (N // 6),  # a web page's category line
    "korean-date": "입력" + " " * N + "2024.",  # a Korean page's input time line
    "time-code-speaker": "00:01:34" + " " * N + "x/",  # a caption copy's time code with the speaker
    "brace-element": "{***" + " " * N,  # an ENPS element cue {***VO***}, never closed
    "angle-element": "<<A" + " " * N,  # an iNews element cue <<VO>>, never closed
    "take-element": "TAKE" + " " * N + "VO x",  # a director's TAKE VO
    "super-title": "CG: Ann Lee\n" + "Ab " * (N // 3) + ".",  # a super's title on the next line
    "talent-oc": "OC:" + " " * N + "Ann Lee x",  # a split page's on-camera cue naming the reader
    "slug-slashes": "SLUG" + "/ab" * (N // 3),  # a slug with the writer and show after slashes
    "printout": "Anchor:" + " " * N + "Ann x",  # a printout's header field
    "table-bars": "|" * N,  # a split-page table row
    "table-cells": "|" + " x |" * (N // 4) + "x",  # a table row never closed
    "end-rule": "#" * N + "x",  # an end mark or rule
    "hyphen-wrapped": "ab-\nab-\n" * (N // 8),  # words broken at every wrapped line's end, mended
    "backticks": "a`" * (N // 2),  # typewriter apostrophes
    "shotlist-spaces": "SHOTLIST" + " " * N + "x",  # a wire script's heading, then spaces
    "time-code-label-spaces": "Ann Lee (00:03)" + " " * N + "x",  # a label's time code, then spaces
    "soundbite-mark": "(SOUNDBITE)" + " " * N + "(English)" + " " * N + "x",  # a bite's mark before a label
    "soundbite-bare": "SOUNDBITE" + " " * N + "(A" + " " * N + ":",  # the bare mark, its language never closed
    "vendor-phone": "Phone" + " " * N + "x",  # a vendor's phone line
    "vendor-company": "Roll" + " Call" * (N // 5) + " x",  # a vendor's company line
    "vendor-street": "1255" + " 22nd" * (N // 5) + " x",  # a vendor's street address
    "rights-notice": "and may not be" + " " * N,  # a vendor's rights notice
    "speaker-change": "> >>" * (N // 4),  # a caption copy's ">>"
    "rights": "copyright " * (N // 10),  # a copyright line, never "all rights reserved"
    "updated": "Updated" + " " * N + "1",  # a page's date line
    "labels-with-time-codes": "Speaker 1: (00:03)\nAnn Lee (01:12):\n" * (N // 36),  # a transcription service
    "speaker-table": "| Speaker | Time | Text |\n" + "| Ann Lee | 0:01 | Hi |\n" * (N // 22),  # a caption table
}


def seconds(func) -> float:
    """CPU seconds of ``func()``: on a loaded machine wall time measures the neighbours."""
    start = time.process_time()
    func()
    return time.process_time() - start


@pytest.mark.parametrize("dialect", ["auto", "plain", "newsroom", "transcript", "wire"])
@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_line_is_read_in_linear_time(name, dialect):
    """Within 2 s, or (on a loaded machine) 4 times an ordinary script of as many characters, one line
    of a word each: the quadratic patterns took 10-80 s."""
    text = HOSTILE[name]
    ordinary = "word\n" * (N // 5)
    bound = max(2.0, 4 * seconds(lambda: parse_script(ordinary, choose_dialect(dialect, ordinary))))
    assert seconds(lambda: parse_script(text, choose_dialect(dialect, text))) < bound
