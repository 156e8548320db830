"""Shared fixtures: where the repo and the read-only ../shared material are."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "arirang-news-2019-09-abe-un.txt"
SAMPLES = sorted((REPO / "samples").glob("*.txt"))
IN_CI = os.environ.get("CI", "").lower() == "true"


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed script, read from ../shared (never copied into the project)."""
    if not SEED.is_file():
        pytest.skip(f"seed script not found at {SEED}: ../shared is beside the checkout only in CI "
                    "and on the developers' machines")
    return SEED.read_text(encoding="utf-8")


#: runs the CLI and prints the process's peak memory last: VmHWM, not ru_maxrss, which survives exec, so a
#: child of a large pytest process would report the parent's size (CI once saw 368 MB that way)
_PEAK_PROBE = ("import sys\nfrom segmenter.cli import main\n"
               "try:\n    main(sys.argv[1:], standalone_mode=False)\n"
               "finally:\n    print(next(int(line.split()[1]) // 1024 for line in open('/proc/self/status')"
               " if line.startswith('VmHWM:')), file=sys.stderr)")


def cli_peak_mb(args: list[str], cwd) -> int:
    """Peak memory (MB) of `segmenter ARGS` run in a child process in ``cwd``, which must succeed."""
    proc = subprocess.run([sys.executable, "-c", _PEAK_PROBE, *args], capture_output=True, text=True, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return int(proc.stderr.strip().splitlines()[-1])
