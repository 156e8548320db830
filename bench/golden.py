"""Golden outputs: one sha256 per input and style of the SRT and WebVTT the pipeline writes, to prove that a
speed-up changes no byte of output.

    python bench/golden.py --save /tmp/golden.txt     # before a change
    python bench/golden.py --compare /tmp/golden.txt  # after it: exit 1 and the differing lines if any

Inputs: every ``samples/*.txt``, the seed scripts in ``../shared/seed`` when they are there (read, never
copied), and about 300 kB of each corpus of ``bench/run.py`` row 1. Styles: every preset in ``styles/``, and
two variants that reach the rest of the code (three lines a cue, no frame rate with SRT placement tags).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))

CORPUS_SIZE = 300_000


def inputs() -> dict[str, str]:
    """Name -> script text of every golden input."""
    import run

    texts = {f"samples/{p.name}": p.read_text(encoding="utf-8") for p in sorted((REPO / "samples").glob("*.txt"))}
    for path in sorted((REPO.parent / "shared" / "seed").glob("*.txt")):
        texts[f"seed/{path.name}"] = path.read_text(encoding="utf-8")
    for name, make in run.CORPORA.items():
        texts[f"corpus/{name}"] = make(CORPUS_SIZE)
    return texts


def styles() -> dict:
    """Name -> Style: every preset, and two variants."""
    from dataclasses import replace

    from segmenter.style import load_style

    out = {p.stem: load_style(p.stem) for p in sorted((REPO / "styles").glob("*.toml"))}
    out["broadcast-3-lines"] = replace(out["broadcast"], max_lines=3)
    out["netflix-ms-tags"] = replace(out["netflix"], frame_rate=None, srt_placement_tags=True)
    return out


def digests(only: str | None = None):
    """``(input, style, sha256 of SRT + VTT)`` for every input and style (``only``: inputs containing it)."""
    from segmenter.pipeline import render, subtitle

    all_styles = styles()
    for name, text in inputs().items():
        if only and only not in name:
            continue
        for style_name, style in all_styles.items():
            cues = subtitle(text, style)
            data = render(cues, "srt", style) + "\0" + render(cues, "vtt", style)
            yield name, style_name, hashlib.sha256(data.encode("utf-8")).hexdigest()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--save", metavar="FILE", help="write the digests to FILE")
    group.add_argument("--compare", metavar="FILE", help="compare with the digests in FILE")
    parser.add_argument("--only", help="only inputs whose name contains this")
    args = parser.parse_args(argv)
    lines = [f"{digest}  {name} [{style}]" for name, style, digest in digests(args.only)]
    if args.save:
        Path(args.save).write_text("\n".join(lines) + "\n", encoding="utf-8")
        return 0
    if not args.compare:
        print("\n".join(lines))
        return 0
    expected = set(Path(args.compare).read_text(encoding="utf-8").splitlines())
    differ = [line for line in lines if line not in expected]
    for line in differ:
        print("DIFFERS:", line)
    print(f"{len(lines) - len(differ)} of {len(lines)} identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
