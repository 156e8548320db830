"""`segmenter batch`: mirrored outputs, failures reported not fatal, resume, report, interruption, executors."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import IN_CI, REPO, SAMPLES
from segmenter.batch import Job, Result, discover, fingerprint, mirror, process, run_local, schedule
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


def outputs(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*.*") if not p.name.startswith("."))


def test_mirrors_tree_and_reports_failures(tree, tmp_path):
    out, report = tmp_path / "out", tmp_path / "report.json"
    result = run(tree, "-o", out, "--jobs", "2", "--report", report)
    assert result.exit_code == 1
    expected = sorted([f"day1/{s.stem}.{ext}" for s in SAMPLES[:3] for ext in ("srt", "vtt")]
                      + ["day1/late/again.srt", "day1/late/again.vtt"])
    assert outputs(out) == expected
    data = json.loads(report.read_text(encoding="utf-8"))
    assert (data["done"], data["skipped"], data["failed_count"]) == (4, 0, 2)
    assert sorted((os.path.basename(f["script"]), f["reason"]) for f in data["failed"]) == [
        ("empty.txt", "empty file, nothing to subtitle"),
        ("picture.txt", "looks like a binary file, not a text script")]
    assert result.stderr.splitlines()[-1] == "4 done, 0 skipped, 2 failed"
    assert "Traceback" not in result.output
    assert not list(out.rglob("*.tmp"))
    # the same outputs as `segmenter subtitle` makes of each script
    single = CliRunner().invoke(main, ["subtitle", str(tree / "day1" / "late" / "again.txt"), "-o", "-",
                                       "--format", "vtt"])
    assert (out / "day1" / "late" / "again.vtt").read_text(encoding="utf-8") == single.stdout


def test_plain_log_lines_count_every_script(tree, tmp_path):
    result = run(tree, "-o", tmp_path / "out", "-j", "1", "--format", "srt")
    logged = [line for line in result.stderr.splitlines() if line.startswith("[")]
    assert len(logged) == 6 and all(line.split("]")[0].endswith("/6") for line in logged)
    assert sum(" done " in line for line in logged) == 4


def test_glob_picks_scripts(tree, tmp_path):
    out = tmp_path / "out"
    assert run(tree, "-o", out, "-j", "1", "--glob", "*.md", "--format", "vtt").exit_code == 0
    assert outputs(out) == ["notes.vtt"]


def test_resume_skips_up_to_date_outputs_and_redoes_the_others(tree, tmp_path):
    out = tmp_path / "out"
    run(tree, "-o", out, "--jobs", "1", "--format", "srt")
    result = run(tree, "-o", out, "--jobs", "1", "--format", "srt", "--resume")
    assert result.stderr.splitlines()[-1] == "0 done, 4 skipped, 2 failed"
    script = tree / "day1" / "late" / "again.txt"  # edited after its outputs were made
    made = (out / "day1" / "late" / "again.srt").stat().st_mtime_ns
    os.utime(script, ns=(script.stat().st_atime_ns, made + 1000))
    result = run(tree, "-o", out, "--jobs", "1", "--format", "srt", "--resume")
    assert result.stderr.splitlines()[-1] == "1 done, 3 skipped, 2 failed"
    # an output changed after it was recorded (say, rewritten by a batch killed before it saved its state)
    output = out / "day1" / f"{SAMPLES[0].stem}.srt"
    os.utime(output, ns=(output.stat().st_atime_ns, output.stat().st_mtime_ns + 10**9))
    result = run(tree, "-o", out, "--jobs", "1", "--format", "srt", "--resume")
    assert result.stderr.splitlines()[-1] == "1 done, 3 skipped, 2 failed"
    result = run(tree, "-o", out, "--jobs", "2", "--format", "srt", "--resume", "--style", "netflix")
    assert result.stderr.splitlines()[-1] == "4 done, 0 skipped, 2 failed"
    assert "00:00:" in (out / "day1" / "late" / "again.srt").read_text(encoding="utf-8")
    result = run(tree, "-o", out, "--jobs", "1", "--format", "both", "--resume", "--style", "netflix")
    assert result.stderr.splitlines()[-1] == "4 done, 0 skipped, 2 failed"  # the .vtt files were missing


def test_existing_outputs_need_force(tree, tmp_path):
    out = tmp_path / "out"
    assert run(tree / "day1" / "late" / "again.txt", "-o", out, "-j", "1").exit_code == 0
    result = run(tree / "day1" / "late" / "again.txt", "-o", out, "-j", "1")
    assert result.exit_code == 1 and "already exists (use --force to overwrite)" in result.stderr
    assert run(tree / "day1" / "late" / "again.txt", "-o", out, "-j", "1", "--force").exit_code == 0


def test_list_on_stdin_mirrors_absolute_paths_and_quiet(tree, tmp_path):
    listing = "\n".join(str(p) for p in sorted((tree / "day1").glob("*.txt"))) + "\n\n/nowhere/x.txt\n"
    out = tmp_path / "out"
    result = run("-", "-o", out, "-q", "-j", "1", "--format", "srt", input=listing)
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "segmenter: failed: /nowhere/x.txt: no such file or directory" in lines
    assert not any(" done " in line for line in lines)
    assert lines[-1] == "3 done, 0 skipped, 2 failed"
    assert (out / str(tree.relative_to(tree.anchor)) / "day1" / f"{SAMPLES[1].stem}.srt").is_file()


def test_two_scripts_for_one_output_fail_the_second(tree, tmp_path):
    script = tree / "day1" / "late" / "again.txt"
    result = run(script, script, "-o", tmp_path / "out", "-j", "1", "--force")
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1] == "1 done, 0 skipped, 1 failed"
    assert "is also the output of another script" in result.stderr


def test_same_stem_in_one_folder_is_a_clash(tree, tmp_path):
    shutil.copy(SAMPLES[0], tree / "day1" / "late" / "again.text")
    result = run(tree, "-o", tmp_path / "out", "-j", "1", "--glob", "again.*", "--format", "srt")
    assert result.stderr.splitlines()[-1] == "1 done, 0 skipped, 1 failed"
    assert "again.txt: output" in result.stderr and "is also the output of another script" in result.stderr


def test_bad_usage_exits_2(tree, tmp_path):
    assert run(tmp_path, "-o", tmp_path / "o", "--executor", "dask").exit_code == 2
    assert run(tmp_path, "-o", tmp_path / "o", "--scheduler", "tcp://127.0.0.1:1").exit_code == 2
    assert run(tmp_path, "-o", tmp_path / "o", "--jobs", "0").exit_code == 2
    result = run(tree, "-o", tmp_path / "o", "--encoding", "klingon")
    assert result.exit_code == 2 and "unknown encoding 'klingon'" in result.stderr
    result = run(tree, "-o", tmp_path / "o", "--dialect", "nosuch")
    assert result.exit_code == 2 and result.stderr.startswith("segmenter: error: unknown dialect 'nosuch'")
    (tmp_path / "r.json").write_text("{}", encoding="utf-8")
    result = run(tree, "-o", tmp_path / "o", "--report", tmp_path / "r.json")
    assert result.exit_code == 2 and "already exists" in result.stderr
    assert not (tmp_path / "o").exists()


def test_process_is_a_pure_job_function(tmp_path):
    script = tmp_path / "s.txt"
    script.write_text("Rain fell.\n", encoding="utf-8")
    style = Style(frame_rate=None)
    job = Job(str(script), (("vtt", str(tmp_path / "s.vtt")),), style, None, False, fingerprint(style))
    result = process(job)
    assert (result.status, result.cues, result.outputs) == ("done", 1, (str(tmp_path / "s.vtt"),))
    assert result.mtimes == ((tmp_path / "s.vtt").stat().st_mtime_ns,)
    assert (tmp_path / "s.vtt").read_text(encoding="utf-8").startswith("WEBVTT")
    again = process(job)  # exists now, no force
    assert again.status == "failed" and again.reason.endswith("already exists (use --force to overwrite)")
    assert fingerprint(load_style("netflix")) != fingerprint(load_style("bbc"))


def test_discover_mirrors_directories_and_places_other_paths(tree):
    found = [(str(a.name), str(b)) for a, b in discover([str(tree)])]
    assert ("again.txt", "day1/late/again.txt") in found and all(not b.endswith(".md") for _, b in found)
    assert [b for _, b in found] == sorted((b for _, b in found), key=lambda b: (b.count("/"), b))  # files, then
    assert str(mirror(Path("../x/a.txt"))) == str(Path(os.path.abspath("../x/a.txt")).relative_to("/"))


def test_the_batch_streams(tmp_path):
    """Inputs are pulled lazily and results come one by one: nothing holds the whole batch."""
    script = tmp_path / "s.txt"
    script.write_text("Rain fell.\n", encoding="utf-8")
    pulled = []

    def endless():
        for n in itertools.count():
            pulled.append(n)
            yield script, Path(f"d{n}/s.txt")

    items = schedule(endless(), tmp_path / "out", ("srt",), Style(), None, False)
    results = list(itertools.islice(run_local(items, 1), 5))
    assert [r.status for r in results] == ["done"] * 5 and len(pulled) == 5
    assert isinstance(next(schedule(iter([(tmp_path / "gone.txt", Path("gone.txt"))]), tmp_path, ("srt",),
                                    Style(), None, False)), Result)


def _reference(src: Path, names: dict[str, str]) -> dict[str, str]:
    """The SRT of each distinct script, from its first copy (samples may change while the test runs)."""
    ref = src.parent / "ref"
    firsts = {stem: name for name, stem in sorted(names.items(), reverse=True)}
    for stem, name in firsts.items():
        CliRunner().invoke(main, ["subtitle", str(src / f"{name}.txt"), "-o", str(ref / f"{stem}.srt")])
    return {p.stem: p.read_text(encoding="utf-8") for p in ref.glob("*.srt")}


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_an_interrupted_batch_leaves_only_whole_files_and_resumes(tmp_path, signum):
    src, out = tmp_path / "in", tmp_path / "out"
    src.mkdir()
    names = {}
    for n in range(600):
        sample = SAMPLES[n % len(SAMPLES)]
        (src / f"s{n:04d}.txt").write_bytes(sample.read_bytes())
        names[f"s{n:04d}"] = sample.stem
    cmd = [sys.executable, "-m", "segmenter", "batch", str(src), "-o", str(out), "-j", "2", "--format", "srt"]
    # a job started in the background by a shell without job control inherits SIGINT ignored, and so would
    # the batch (as POSIX wants); the test gives it the default disposition, as an interactive shell does
    proc = subprocess.Popen(cmd, cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    reported, seen = 0, []
    while reported < 20:  # a log line is printed once the parent has recorded the script as done
        line = proc.stderr.readline()
        assert line, "".join(seen)
        seen.append(line)
        reported += "] done " in line
    proc.send_signal(signum)
    _, stderr = proc.communicate(timeout=60)
    stderr = "".join(seen) + stderr
    assert proc.returncode == 130, stderr
    assert "segmenter: interrupted" in stderr and "Traceback" not in stderr
    made = sorted(out.glob("*.srt"))
    assert 20 <= len(made) < 600
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    reference = _reference(src, names)
    assert all(p.read_text(encoding="utf-8") == reference[names[p.stem]] for p in made)
    result = run(src, "-o", out, "-j", "2", "--format", "srt", "--resume")
    done, skipped = (int(w) for w in result.stderr.splitlines()[-1].split()[0:3:2])
    # the state was saved on the way out; outputs written but not yet reported (a chunk in flight) are redone
    assert result.exit_code == 0 and done + skipped == 600 and reported <= skipped <= len(made)
    assert all(p.read_text(encoding="utf-8") == reference[names[p.stem]] for p in out.glob("*.srt"))


def test_dask_executor_on_a_local_cluster(tree, tmp_path, monkeypatch):
    """Relative paths are resolved here, not in the workers' own directory (started elsewhere here)."""
    try:
        from dask.distributed import LocalCluster
    except ImportError:
        if IN_CI:
            raise
        pytest.skip("dask[distributed] is not installed (pip install '.[dask]' installs it)")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path / "elsewhere")
    with LocalCluster(n_workers=1, threads_per_worker=2, processes=True, host="127.0.0.1",
                      dashboard_address=None, worker_dashboard_address=None) as cluster:
        monkeypatch.chdir(tmp_path)
        result = run("in", "-o", "out", "--executor", "dask", "--scheduler", cluster.scheduler_address,
                     "--report", "r.json")
        again = run("in", "-o", "out", "--executor", "dask", "--scheduler", cluster.scheduler_address, "--resume")
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-1] == "4 done, 0 skipped, 2 failed"
    assert "[1/6] " in result.stderr and " in/day1/" in result.stderr  # reported as given
    assert again.stderr.splitlines()[-1] == "0 done, 4 skipped, 2 failed"
    assert len(outputs(tmp_path / "out")) == 8 and not list((tmp_path / "elsewhere").iterdir())
    local = tmp_path / "local"
    run(tree, "-o", local, "-j", "1")
    assert all((tmp_path / "out" / name).read_bytes() == (local / name).read_bytes() for name in outputs(local))


def test_workers_stopped_early_leave_no_temporary_files(tmp_path):
    """Closing the results early (as an interrupt does) kills the workers at once, mid-write or not, and
    removes the temporary files of every job handed out and not yet returned; finished outputs stay whole."""
    style = load_style("broadcast")
    for round_ in range(3):
        out = tmp_path / f"out{round_}"
        jobs = [Job(str(SAMPLES[n % len(SAMPLES)]), (("srt", str(out / f"s{n:03d}.srt")),), style, None, True, "f")
                for n in range(120)]
        results = run_local(iter(jobs), 2)
        taken = [next(results) for _ in range(3 + 7 * round_)]
        results.close()
        assert all(r.status == "done" for r in taken)
        assert not [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
        for path in out.glob("*.srt"):
            assert path.read_text(encoding="utf-8").rstrip().endswith(".")  # whole files only


def test_a_subtitle_file_among_the_scripts_is_laid_out_anew_in_its_times(tmp_path):
    """The batch reads a script that is in fact a subtitle file as `subtitle` does (one reader for both)."""
    from test_cli import CAPTIONS

    from segmenter import formats

    root = tmp_path / "in"
    root.mkdir()
    (root / "asr.txt").write_text(CAPTIONS, encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(root), "-o", str(tmp_path / "out"), "--format", "srt"])
    assert result.exit_code == 0, result.stderr
    assert "read as a script" in result.stderr
    cues = formats.get("srt").read((tmp_path / "out" / "asr.srt").read_text(encoding="utf-8"))
    assert cues[0].start == 240 and cues[-1].text.endswith("Thank you.")
