"""Build ``segmenter/data/pos-en.txt``, the part-of-speech lexicon the break rules read, from the English
lexicon TextBlob ships (``textblob/en/en-lexicon.txt``: Brill's tagger lexicon, MIT licence, with words from
CMU's Twitter POS data, CC BY 3.0).

    pip download --no-deps -d /tmp/tb textblob && python bench/build_lexicon.py /tmp/tb/textblob-*.whl

Only lowercase words are kept, by their first (most frequent) tag, grouped into the classes the rules read
(verbs, -ing forms, adverbs, particles; nouns where the guesses say otherwise);
words whose class the suffix guesses in ``segmenter.language`` already get right are left out, so the file
lists what the guesses would miss (a noun ending in -ed or -ing is listed as a noun).
"""

from __future__ import annotations

import re
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from segmenter.language import VERB, english, guess_class  # noqa: E402

# Penn tags to the classes the rules read; any other tag (numbers, names, closed classes): noun. Adjectives
# are left to the suffix guess: listing the 10,700 the guess misses made no difference on the dev file and
# tripled the file (and its loading time, which every cold start pays)
CLASSES = {"VB": "verb", "VBD": "verb", "VBN": "verb", "VBP": "verb", "VBZ": "verb", "VBG": "gerund",
           "JJ": "adjective", "JJR": "adjective", "JJS": "adjective", "RB": "adverb", "RP": "particle",
           "NN": "noun", "NNS": "noun"}
HEADER = """\
# Part-of-speech classes of English words for the break rules (segmenter.language.Language.word_class).
# Built by bench/build_lexicon.py from TextBlob's en-lexicon.txt: "The lexicon was taken from Brill's rule
# based tagger v1.14, trained on Brown corpus and Penn Treebank. Copyright 1993 by the Massachusetts
# Institute of Technology and the University of Pennsylvania. MIT license." Additional words from the
# Twitter Part-of-Speech Annotated Data, Carnegie Mellon University (Gimpel et al. 2011), CC BY 3.0.
# TextBlob: Copyright Steven Loria and contributors, MIT licence.
# One class a line: the class, a colon, its words. Words the suffix guesses classify right are left out.
"""


def read_lexicon(path: Path) -> str:
    if path.suffix == ".whl":
        with zipfile.ZipFile(path) as wheel:
            return wheel.read("textblob/en/en-lexicon.txt").decode("utf-8")
    return path.read_text(encoding="utf-8")


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    closed = english().lexicon
    groups: dict[str, list[str]] = {}
    for line in read_lexicon(Path(argv[0])).splitlines():
        parts = line.split()
        if line.startswith(";;;") or len(parts) != 2 or not re.fullmatch(r"[a-z][a-z'-]*", parts[0]):
            continue
        word, tag = parts[0], parts[1].split("|")[0]
        kind = CLASSES.get(tag, "noun")  # numbers, names, foreign words: nothing the rules treat apart
        if kind == "adjective" or closed.get(word, 0) & VERB or guess_class(word) == kind:
            continue
        groups.setdefault(kind, []).append(word)
    out = REPO / "segmenter" / "data" / "pos-en.txt"
    out.write_text(HEADER + "".join(f"{kind}: {' '.join(sorted(words))}\n" for kind, words in sorted(groups.items())),
                   encoding="utf-8")
    print(f"{out}: " + ", ".join(f"{kind} {len(words)}" for kind, words in sorted(groups.items())))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
