"""Shared fixtures: where the repo and the read-only ../shared material are."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))  # the benchmarks' helpers that tests share (peak.py)
SHARED = REPO.parent / "shared"
SEED = SHARED / "seed" / "arirang-news-2019-09-abe-un.txt"
SAMPLES = sorted((REPO / "samples").glob("*.txt"))
IN_CI = os.environ.get("CI", "").lower() == "true"

if IN_CI:  # property tests draw the same examples on every CI run: a red build is a change's, never chance's
    from hypothesis import settings

    settings.register_profile("ci", derandomize=True, database=None)
    settings.load_profile("ci")


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed script, read from ../shared (never copied into the project)."""
    if not SEED.is_file():
        pytest.skip(f"seed script not found at {SEED}: ../shared is beside the checkout only in CI "
                    "and on the developers' machines")
    return SEED.read_text(encoding="utf-8")


def cli_peak_mb(args: list[str], cwd) -> float:
    """Peak memory (MB) of `segmenter ARGS` run in a child process in ``cwd``, which must succeed."""
    from peak import run_cli

    proc, peak = run_cli(args, cwd=cwd)
    assert proc.returncode == 0, proc.stderr
    return peak
