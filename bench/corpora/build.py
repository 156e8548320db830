"""Rebuild the tagged subtitle sets of ``sources.toml`` from snapshots of their repositories.

    python bench/corpora/build.py [SET ...] [--mirror DIR] [--out DIR]

Each file is read as ``git show COMMIT:PATH`` from the snapshot of its repository under ``--mirror``
(``DIR/OWNER+NAME/repo``, as the ``fetch`` tool leaves them; default ``../.mirror`` beside the checkout),
checked against its SHA-256, converted by ``bench/convert.py`` and appended to its set; each set is
written to ``--out/NAME.txt`` (default ``../corpora-cache/tagged`` beside the checkout, outside the
repository: the subtitles' text is not kept here). A missing snapshot, commit or file, or a checksum that
differs, stops the build with one line naming it (exit code 2), before anything is written; the set files
are written together or not at all.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
sys.path.insert(0, str(REPO / "bench"))

from convert import convert_bytes, stats  # noqa: E402

from segmenter.errors import EXIT_OK, EXIT_USAGE, InputError  # noqa: E402
from segmenter.files import atomic_outputs  # noqa: E402

SOURCES = HERE / "sources.toml"
DEFAULT_MIRROR = REPO.parent / ".mirror"
DEFAULT_OUT = REPO.parent / "corpora-cache" / "tagged"


@dataclass(frozen=True)
class Source:
    """One subtitle file: repository, commit, path and the SHA-256 of its bytes."""

    repo: str
    commit: str
    path: str
    sha256: str


def load_sets(path: Path = SOURCES) -> dict[str, list[Source]]:
    """The sets of ``sources.toml``, each a list of its files in order."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {name: [Source(f["repo"], f["commit"], f["path"], f["sha256"]) for f in entry["files"]]
            for name, entry in data["sets"].items()}


def read_source(source: Source, mirror: Path) -> bytes:
    """The bytes of ``source`` from its repository's snapshot, checked against its checksum."""
    git_dir = mirror / source.repo.replace("/", "+") / "repo"
    where = f"{source.repo}@{source.commit[:12]}:{source.path}"
    if not git_dir.is_dir():
        raise InputError(f"{where}: no snapshot of {source.repo} at {git_dir} (fetch github:{source.repo})")
    run = subprocess.run(["git", f"--git-dir={git_dir}", "show", f"{source.commit}:{source.path}"],
                         capture_output=True)
    if run.returncode:
        raise InputError(f"{where}: not in the snapshot ({run.stderr.decode(errors='replace').strip()})")
    digest = hashlib.sha256(run.stdout).hexdigest()
    if digest != source.sha256:
        raise InputError(f"{where}: SHA-256 {digest}, expected {source.sha256}")
    return run.stdout


def build_set(sources: list[Source], mirror: Path) -> list[str]:
    """The tagged sentences of a set's files, in order; a file whose bytes repeat an earlier one is skipped."""
    seen: set[str] = set()
    tagged: list[str] = []
    for source in sources:
        if source.sha256 in seen:
            continue
        seen.add(source.sha256)
        tagged.extend(convert_bytes(read_source(source, mirror), source.path))
    return tagged


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", help="set names (default: all)")
    parser.add_argument("--mirror", type=Path, default=DEFAULT_MIRROR)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)
    sets = load_sets()
    unknown = [name for name in args.sets if name not in sets]
    if unknown:
        print(f"build: unknown set {', '.join(unknown)}; known: {', '.join(sets)}", file=sys.stderr)
        return EXIT_USAGE
    try:
        built = {name: build_set(sets[name], args.mirror) for name in args.sets or sets}
        with atomic_outputs([args.out / f"{name}.txt" for name in built], force=True) as handles:
            for handle, tagged in zip(handles, built.values()):
                handle.write("\n".join(tagged) + "\n")
    except InputError as exc:
        print(f"build: {exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"{'set':<14} {'files':>5} {'sentences':>9} {'words':>6} {'cues':>5} {'2-line cues':>11}")
    for name, tagged in built.items():
        s = stats(tagged)
        print(f"{name:<14} {len(sets[name]):5d} {s.sentences:9d} {s.words:6d} {s.cues:5d} {s.two_line_share:11.0%}")
    print(f"written to {args.out}")
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
