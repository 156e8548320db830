"""Human subtitles (SRT or WebVTT) -> tagged text in the MuST-Cinema form that ``bench/quality.py`` and
``bench/learn.py`` read: one sentence a line, ``<eol>`` after a word that ends a line inside a cue, ``<eob>``
after the word that ends a cue.

    python bench/convert.py SUBTITLES.srt|.vtt [...] [-o OUT.txt [--force]]

Files are read with the project's own reader (``segmenter.formats.load``, as ``segmenter evaluate`` reads a
reference), so a cue is what a player shows. Each line is then cleaned of what is not spoken text: markup
tags (``<i>``, ``<font>``, ``{\\an8}``), a speaker dash at the line's start, sound labels of SDH subtitles
(``[music]``, ``(laughs)``, ``(DOOR SLAMS)``), speaker labels (``JOHN:``, ``>> ANNA SMITH:``, the ``<v>``
voice the WebVTT reader takes off) and lines of music (starting with a note sign). A line left empty is
dropped, and a cue left without lines is dropped. The running text is cut into sentences with the
project's splitter (``segmenter.sentences``) and every word keeps the break it had.

What cannot be recovered from a subtitle file: sentence ends a subtitler left unpunctuated (song lyrics,
trailing fragments) run on into the next sentence; a speaker change inside a cue (a dash) becomes plain
running text; a break that fell next to a removed sound label or music line is kept on the word before it,
and a cue made only of such labels leaves no trace; emphasis (italics) and placement are lost.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from segmenter import formats  # noqa: E402
from segmenter.errors import EXIT_OK, EXIT_USAGE, InputError  # noqa: E402
from segmenter.evaluate import MARKUP, breaks_from_tagged  # noqa: E402
from segmenter.files import write_atomic  # noqa: E402
from segmenter.sentences import sentence_spans  # noqa: E402

# a sound label: anything in square brackets; in round brackets, up to four words with no digit (a
# parenthesis inside a spoken sentence is rare in subtitles, and longer)
_SOUND = re.compile(r"\[[^\]\n]*\]|\((?:[^()\d\n]\S*)(?:\s+[^()\d\s]+){0,3}\s*\)")
# a speaker label at the start of a line: ">>" (broadcast captions' speaker change), then a name in
# capitals (one to four words) with a colon, as SDH writes it ("Note: ..." in mixed case stays text)
_SPEAKER = re.compile(r"^(?:>>+\s*)?[A-Z][A-Z0-9.'\-]*(?:\s+[A-Z][A-Z0-9.'\-]*){0,3}\s*:\s+|^>>+\s*")
_DASH = re.compile(r"^[-‐–—]+\s*")
# a second speaker's dash inside a line, after the first speaker's sentence end ("- Yes. - No.")
_INNER_DASH = re.compile(r"(?<=[.?!…]) +[-‐–—] +(?=\S)")
_NOTES = "♪♫♬#"
_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class Stats:
    """Size of a tagged set: words, cues, cues with two lines or more, sentences."""

    words: int
    cues: int
    multi_line_cues: int
    sentences: int

    @property
    def two_line_share(self) -> float:
        return self.multi_line_cues / self.cues if self.cues else 0.0


def clean_line(line: str) -> str:
    """A subtitle line as spoken text: markup, sound labels, a leading dash and a speaker label removed
    ("" when nothing spoken is left, or when the line is music).

    >>> clean_line("- <i>JOHN:</i> (sighs) I'm [door slams] home. - Hi.")
    "I'm home. Hi."
    >>> clean_line("♪ la la la ♪"), clean_line("[MUSIC PLAYING]"), clean_line(">> Good evening.")
    ('', '', 'Good evening.')
    """
    text = MARKUP.sub("", line)
    if text.lstrip()[:1] in tuple(_NOTES):
        return ""
    text = _SOUND.sub(" ", text)
    text = _DASH.sub("", text.strip())
    text = _SPEAKER.sub("", text)
    text = _DASH.sub("", text)
    text = _INNER_DASH.sub(" ", text)
    return " ".join(text.split())


def cue_lines(cues) -> list[list[str]]:
    """The cleaned lines of each cue that keeps any text (empty lines and emptied cues dropped)."""
    out = []
    for cue in cues:
        lines = [clean for clean in map(clean_line, cue.lines) if clean]
        if lines:
            out.append(lines)
    return out


def tagged_from_cues(cues) -> list[str]:
    """Tagged sentences, one a line, of the cues' text: ``<eol>`` after a word that ends a line in a cue,
    ``<eob>`` after the word that ends a cue.

    >>> from segmenter.model import Cue
    >>> tagged_from_cues([Cue(1, 0, 1, ("It was late,", "so we left.")), Cue(2, 1, 2, ("Then it rained.",))])
    ['It was late, <eol> so we left. <eob>', 'Then it rained. <eob>']
    """
    words: list[str] = []
    labels: list[str | None] = []
    for lines in cue_lines(cues):
        for n, line in enumerate(lines):
            line_words = line.split()
            words.extend(line_words)
            labels.extend([None] * (len(line_words) - 1) + ["eob" if n == len(lines) - 1 else "eol"])
    text = " ".join(words)
    starts = [m.start() for m in _WORD.finditer(text)]
    sentences, at = [], 0
    for _, end in sentence_spans(text):
        tokens = []
        while at < len(words) and starts[at] < end:
            tokens.append(words[at] + (f" <{labels[at]}>" if labels[at] else ""))
            at += 1
        if tokens:
            sentences.append(" ".join(tokens))
    return sentences


def stats(tagged: list[str]) -> Stats:
    """Words, cues, cues of two lines or more and sentences of tagged sentences.

    >>> stats(["A b <eol> c. <eob>", "D. <eob> E <eob>"])
    Stats(words=5, cues=3, multi_line_cues=1, sentences=2)
    """
    breaks = breaks_from_tagged("\n".join(tagged))
    cues = multi = 0
    in_multi = False
    for label in breaks.labels:
        in_multi |= label == "eol"
        if label == "eob":
            cues += 1
            multi += in_multi
            in_multi = False
    return Stats(len(breaks.words), cues, multi, len(tagged))


def convert_file(path: str) -> list[str]:
    """Tagged sentences of one subtitle file (``InputError`` naming the file when it cannot be read)."""
    return tagged_from_cues(formats.load(path))


def convert_bytes(data: bytes, name: str) -> list[str]:
    """Tagged sentences of a subtitle file's bytes, its format from ``name``'s extension (the same reader as
    :func:`convert_file`)."""
    fmt = formats.for_path(name)
    return tagged_from_cues(fmt.read(fmt.decode(data, name)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("subtitles", nargs="+", help="SRT or WebVTT files, converted in order")
    parser.add_argument("-o", "--output", help="write the tagged text here (default: standard output)")
    parser.add_argument("--force", action="store_true", help="overwrite an existing output file")
    args = parser.parse_args(argv)
    try:
        tagged = [line for path in args.subtitles for line in convert_file(path)]
        if not tagged:
            raise InputError(f"no spoken text in {', '.join(args.subtitles)}")
        text = "\n".join(tagged) + "\n"
        if args.output:
            write_atomic(Path(args.output), text, force=args.force)
        else:
            sys.stdout.write(text)
    except InputError as exc:
        print(f"convert: {exc}", file=sys.stderr)
        return EXIT_USAGE
    s = stats(tagged)
    print(f"convert: {s.sentences} sentences, {s.words} words, {s.cues} cues, "
          f"{s.two_line_share:.0%} with two lines or more", file=sys.stderr)
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
