"""`segmenter batch`: mirrored outputs, failures reported not fatal, resume, report, executors."""

from __future__ import annotations

import json
import os
import shutil

import pytest
from click.testing import CliRunner

from conftest import IN_CI, SAMPLES
from segmenter.batch import Job, discover, fingerprint, process
from segmenter.cli import main
from segmenter.style import Style, load_style


@pytest.fixture
def tree(tmp_path):
    root = tmp_path / "in"
    (root / "day1" / "late").mkdir(parents=True)
    for sample in SAMPLES[:3]:
        shutil.copy(sample, root / "day1" / sample.name)
    shutil.copy(SAMPLES[0], root / "day1" / "late" / "again.txt")
    (root / "day1" / "late" / "empty.txt").write_bytes(b"")
    (root / "day1" / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (root / "notes.md").write_text("not a script", encoding="utf-8")
    return root


def run(*args, input=None):
    return CliRunner().invoke(main, ["batch", *map(str, args)], input=input)


def test_mirrors_tree_and_reports_failures(tree, tmp_path):
    out, report = tmp_path / "out", tmp_path / "report.json"
    result = run(tree, "-o", out, "--jobs", "2", "--report", report)
    assert result.exit_code == 1
    made = sorted(str(p.relative_to(out)) for p in out.rglob("*.*") if not p.name.startswith("."))
    expected = sorted([f"day1/{s.stem}.{ext}" for s in SAMPLES[:3] for ext in ("srt", "vtt")]
                      + ["day1/late/again.srt", "day1/late/again.vtt"])
    assert made == expected
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["done"] == 4 and data["skipped"] == 0
    assert sorted((os.path.basename(f["script"]), f["reason"]) for f in data["failed"]) == [
        ("empty.txt", "empty file, nothing to subtitle"),
        ("picture.txt", "looks like a binary file, not a text script")]
    assert "4 done, 0 skipped, 2 failed" in result.stderr
    assert not list(out.rglob("*.tmp"))


def test_resume_skips_up_to_date_outputs_and_redoes_other_styles(tree, tmp_path):
    out = tmp_path / "out"
    run(tree, "-o", out, "--jobs", "1", "--format", "srt")
    result = run(tree, "-o", out, "--jobs", "1", "--format", "srt", "--resume")
    assert "0 done, 4 skipped, 2 failed" in result.stderr
    script = tree / "day1" / "late" / "again.txt"
    os.utime(script, (script.stat().st_atime, script.stat().st_mtime + 100))
    result = run(tree, "-o", out, "--jobs", "1", "--format", "srt", "--resume")
    assert "1 done, 3 skipped, 2 failed" in result.stderr
    result = run(tree, "-o", out, "--jobs", "1", "--format", "srt", "--resume", "--style", "netflix")
    assert "4 done, 0 skipped, 2 failed" in result.stderr


def test_existing_outputs_need_force(tree, tmp_path):
    out = tmp_path / "out"
    assert run(tree / "day1" / "late" / "again.txt", "-o", out, "-j", "1").exit_code == 0
    result = run(tree / "day1" / "late" / "again.txt", "-o", out, "-j", "1")
    assert result.exit_code == 1 and "already exists (use --force to overwrite)" in result.stderr
    assert run(tree / "day1" / "late" / "again.txt", "-o", out, "-j", "1", "--force").exit_code == 0


def test_list_on_stdin_and_quiet(tree, tmp_path):
    listing = "\n".join(str(p) for p in sorted((tree / "day1").glob("*.txt"))) + "\n/nowhere/x.txt\n"
    result = run("-", "-o", tmp_path / "out", "-q", "-j", "1", input=listing)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "segmenter: failed: /nowhere/x.txt: no such file or directory" in lines
    assert not any(line.startswith("[") and " done " in line for line in lines)
    assert lines[-1] == "3 done, 0 skipped, 2 failed"


def test_bad_usage_exits_2(tmp_path):
    assert run(tmp_path, "-o", tmp_path / "o", "--executor", "dask").exit_code == 2
    assert run(tmp_path, "-o", tmp_path / "o", "--jobs", "0").exit_code == 2


def test_process_is_a_pure_job_function(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text("Rain fell.\n", encoding="utf-8")
    style = Style(frame_rate=None)
    job = Job(str(script), (("vtt", str(tmp_path / "s.vtt")),), style, None, False, fingerprint(style))
    result = process(job)
    assert (result.status, result.cues) == ("done", 1)
    assert (tmp_path / "s.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    assert process(job).status == "failed"  # exists now, no force
    assert fingerprint(load_style("netflix")) != fingerprint(load_style("bbc"))


def test_discover_mirrors_directories_and_keeps_relative_files(tree):
    found = [(str(a.name), str(b)) for a, b in discover([str(tree)])]
    assert ("again.txt", "day1/late/again.txt") in found and all(not b.endswith(".md") for _, b in found)


def test_dask_executor_on_a_local_cluster(tree, tmp_path):
    try:
        from dask.distributed import LocalCluster
    except ImportError:
        if IN_CI:
            raise
        pytest.skip("dask[distributed] is not installed (pip install '.[test]' installs it)")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      scheduler_kwargs={"host": "127.0.0.1"}, worker_dashboard_address=None) as cluster:
        result = run(tree, "-o", tmp_path / "out", "--executor", "dask", "--scheduler", cluster.scheduler_address)
    assert result.exit_code == 1, result.output
    assert "4 done, 0 skipped, 2 failed" in result.stderr
    assert (tmp_path / "out" / "day1" / "late" / "again.vtt").is_file()
