"""`segmenter batch` under a scheduler's signals, slow or stuck scripts, odd file names, damaged or shared
state, a full disk and leftovers of killed runs (issue 15)."""

from __future__ import annotations

import errno
import fcntl
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import IN_CI, REPO, SAMPLES
from segmenter.batch import LOCK, STATE, State, fingerprint
from segmenter.cli import main
from segmenter.style import Style
from segmenter.workers import Lost, imap_unordered

SCRIPT = SAMPLES[0]
FAST = ("-j", "1", "--timeout", "0")  # in this process: for the tests where worker processes are not the point


def run(*args, input=None):
    return CliRunner().invoke(main, ["batch", *map(str, args)], input=input)


def summary(result) -> str:
    return result.stderr.splitlines()[-1]


def temporaries(out: Path) -> list[str]:
    return sorted(str(p.relative_to(out)) for p in out.rglob("*.tmp"))


@pytest.fixture
def scripts(tmp_path):
    """Three scripts and a FIFO nobody writes to (reading it blocks forever), in tmp_path/in."""
    root = tmp_path / "in"
    root.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(SCRIPT, root / f"{name}.txt")
    os.mkfifo(root / "stuck.txt")
    return root


def _command(root: Path, out: Path, *extra: str) -> list[str]:
    names = [str(root / n) for n in ("a.txt", "stuck.txt", "b.txt", "c.txt")]
    return [sys.executable, "-m", "segmenter", "batch", *names, "-o", str(out), "--jobs", "2", "--timeout", "60",
            *extra]


def test_sigterm_to_the_process_group_ends_the_batch_at_once(scripts, tmp_path):
    """One worker blocked reading a FIFO, the other idle: SIGTERM to the whole group, as `kill -- -PGID`
    and systemd send it, ends the batch within 5 s, with no temporary file left."""
    out = tmp_path / "out"
    proc = subprocess.Popen(_command(scripts, out), cwd=REPO, stderr=subprocess.PIPE, text=True,
                            start_new_session=True)
    try:
        seen = []
        while sum("] done " in line for line in seen) < 2:  # a and b done: one worker idle, one stuck (c waits)
            line = proc.stderr.readline()
            assert line, "".join(seen)
            seen.append(line)
        for _ in range(100):  # the stuck script's temporary files exist
            if list(out.rglob(".stuck.*.tmp")):
                break
            time.sleep(0.1)
        else:
            pytest.fail("the stuck script did not start")
        os.killpg(proc.pid, signal.SIGTERM)
        start = time.monotonic()
        _, stderr = proc.communicate(timeout=5)
        assert time.monotonic() - start < 5
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()
    assert proc.returncode == 130, stderr
    assert stderr.strip().splitlines() == ["segmenter: interrupted"]
    assert temporaries(out) == []
    with pytest.raises(ProcessLookupError):  # no worker survives
        os.killpg(proc.pid, 0)


@pytest.mark.skipif(shutil.which("timeout") is None and not IN_CI, reason="coreutils `timeout` is not installed")
def test_under_timeout_3_the_batch_exits_within_5_s(scripts, tmp_path):
    out = tmp_path / "out"
    start = time.monotonic()
    proc = subprocess.run(["timeout", "-k", "30", "3", *_command(scripts, out)], cwd=REPO, capture_output=True,
                          text=True, timeout=60)
    assert time.monotonic() - start < 3 + 5, proc.stderr
    assert proc.returncode == 124 and "segmenter: interrupted" in proc.stderr and "Traceback" not in proc.stderr
    assert temporaries(out) == []


def test_a_script_over_the_time_limit_fails_and_the_batch_goes_on(scripts, tmp_path):
    out = tmp_path / "out"
    result = run(*(scripts / n for n in ("a.txt", "stuck.txt", "b.txt", "c.txt")), "-o", out, "-j", "1",
                 "--timeout", "0.5", "--format", "srt")
    assert result.exit_code == 1, result.output
    assert f"segmenter: failed: {scripts / 'stuck.txt'}: timed out after 0.5 s" in result.stderr.splitlines()
    assert summary(result) == "3 done, 0 skipped, 1 failed"
    assert sorted(p.name for p in out.rglob("*.srt")) == ["a.srt", "b.srt", "c.srt"]
    assert temporaries(out) == []


def _die_on_three(n: int) -> int:
    if n == 3:
        os.kill(os.getpid(), signal.SIGKILL)
    return n * 10


def test_a_worker_that_dies_costs_only_its_item():
    abandoned = []
    got = dict(imap_unordered(_die_on_three, range(8), 2, abandon=abandoned.append))
    assert got == {n: (Lost("worker died (SIGKILL)") if n == 3 else n * 10) for n in range(8)}
    assert abandoned == [3]


def test_a_file_name_that_is_not_utf8(tmp_path):
    """Stored, processed and reported like any other; --resume skips it afterwards."""
    root, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "r.json"
    root.mkdir()
    odd = os.fsdecode(b"caf\xe9 \xff.txt")
    shutil.copy(SCRIPT, root / odd)
    shutil.copy(SCRIPT, root / "z.txt")
    (root / os.fsdecode(b"empty\xe9.txt")).write_bytes(b"")
    result = run(root, "-o", out, *FAST, "--format", "srt", "--report", report)
    assert result.exit_code == 1 and summary(result) == "2 done, 0 skipped, 1 failed", result.output
    assert (out / os.fsdecode(b"caf\xe9 \xff.srt")).read_bytes() == (out / "z.srt").read_bytes()
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["failed"] == [{"script": str(root / "empty\\xe9.txt"), "reason": "empty file, nothing to subtitle"}]
    again = run(root, "-o", out, *FAST, "--format", "srt", "--resume")
    assert summary(again) == "0 done, 2 skipped, 1 failed"


@pytest.mark.parametrize("damage", ["garbage", "schema", "old-version", "empty-directory"])
def test_a_damaged_state_is_started_afresh(tmp_path, damage):
    out = tmp_path / "out"
    out.mkdir()
    state = out / STATE
    if damage == "garbage":
        state.write_bytes(b"this is not a database\n" * 100)
    elif damage == "empty-directory":
        state.mkdir()
    else:
        db = sqlite3.connect(state)
        db.execute("CREATE TABLE outputs (path TEXT PRIMARY KEY, style TEXT, mtime INTEGER)" if damage == "old-version"
                   else "CREATE TABLE other (x)")
        db.commit()
        db.close()
    result = run(SCRIPT, "-o", out, *FAST, "--format", "srt")  # no --resume: the state is written anyway
    assert result.exit_code == 0, result.output
    warning = [line for line in result.stderr.splitlines() if "damaged resume state" in line]
    assert len(warning) == 1 and warning[0].startswith(f"segmenter: warning: {state}: damaged resume state (")
    assert warning[0].endswith("; starting afresh")
    assert summary(run(SCRIPT, "-o", out, *FAST, "--format", "srt", "--resume")) == "0 done, 1 skipped, 0 failed"


def test_a_directory_with_files_in_place_of_the_state_is_not_deleted(tmp_path):
    out = tmp_path / "out"
    (out / STATE).mkdir(parents=True)
    (out / STATE / "keep.txt").write_text("mine", encoding="utf-8")
    result = run(SCRIPT, "-o", out, *FAST)
    assert result.exit_code == 2
    assert result.stderr.splitlines()[-1].startswith(f"segmenter: error: {out / STATE}: cannot replace the damaged")
    assert (out / STATE / "keep.txt").read_text(encoding="utf-8") == "mine"


def test_a_read_only_output_directory_is_refused_and_left_alone(tmp_path, monkeypatch):
    out = tmp_path / "out"
    out.mkdir()
    (out / STATE).write_bytes(b"damaged")
    if os.geteuid() == 0:  # root writes into a read-only directory all the same: refuse as the kernel would
        import builtins

        real_open = builtins.open

        def read_only(file, mode="r", *args, **kwargs):
            if str(file).startswith(str(out)) and set(mode) & set("wax+"):
                raise PermissionError(13, "Permission denied", str(file))
            return real_open(file, mode, *args, **kwargs)

        monkeypatch.setattr(builtins, "open", read_only)
    out.chmod(0o555)
    try:
        result = run(SCRIPT, "-o", out, *FAST)
    finally:
        out.chmod(0o755)
    assert result.exit_code == 2
    assert result.stderr == f"segmenter: error: {out}: cannot write into the output directory: Permission denied\n"
    assert (out / STATE).read_bytes() == b"damaged"


def test_an_output_directory_that_cannot_be_created(tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    result = run(SCRIPT, "-o", tmp_path / "file" / "out")
    assert result.exit_code == 2
    assert result.stderr == (f"segmenter: error: {tmp_path / 'file' / 'out'}: cannot create the output directory: "
                             "Not a directory\n")


def test_a_second_batch_into_the_same_directory_is_refused_at_once(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    with open(out / LOCK, "w", encoding="utf-8") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("pid 4242 on newsroom-7 since 2026-11-30 10:00:00 UTC\n")
        held.flush()
        start = time.monotonic()
        result = run(SCRIPT, "-o", out, *FAST)
        assert time.monotonic() - start < 5
    assert result.exit_code == 2
    assert result.stderr == (f"segmenter: error: {out}: another batch is writing into this directory (pid 4242 on "
                             "newsroom-7 since 2026-11-30 10:00:00 UTC); wait for it to end or choose another "
                             "output directory\n")
    assert not list(out.glob("*.srt"))
    assert run(SCRIPT, "-o", out, *FAST).exit_code == 0  # released: the next batch runs
    assert (out / LOCK).read_text(encoding="utf-8").startswith(f"pid {os.getpid()} on ")


class _FullDisk:
    """A file handle on a full disk: writes are buffered, then every flush fails (close too)."""

    def __init__(self, handle):
        self.handle = handle

    def write(self, text):
        return len(text)

    def close(self):
        self.handle.close()
        raise OSError(errno.ENOSPC, "No space left on device")


def _fill_disk(monkeypatch, suffixes=(".srt.", ".vtt.")):
    real = os.fdopen

    def fdopen(fd, *args, **kwargs):
        handle = real(fd, *args, **kwargs)
        name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists(f"/proc/self/fd/{fd}") else ""
        return _FullDisk(handle) if any(s in name for s in suffixes) else handle

    monkeypatch.setattr(os, "fdopen", fdopen)


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to tell the files apart")
def test_a_full_disk_fails_each_script_in_one_line_and_leaves_no_temporary_file(tmp_path, monkeypatch):
    root, out, report = tmp_path / "in", tmp_path / "out", tmp_path / "r.json"
    root.mkdir()
    for name in ("a", "b"):
        shutil.copy(SCRIPT, root / f"{name}.txt")
    _fill_disk(monkeypatch)
    result = run(root, "-o", out, *FAST, "--report", report)
    assert result.exit_code == 1, result.output
    assert [line for line in result.stderr.splitlines() if line.startswith("segmenter: failed")] == [
        f"segmenter: failed: {root / n}.txt: no space left on device writing {out / n}.srt" for n in ("a", "b")]
    assert summary(result) == "0 done, 0 skipped, 2 failed"
    assert json.loads(report.read_text(encoding="utf-8"))["failed_count"] == 2
    assert {p.name for p in out.iterdir()} <= {LOCK, STATE, f"{STATE}-wal", f"{STATE}-shm"}


@pytest.mark.skipif(not os.path.isdir("/proc/self/fd"), reason="needs /proc to tell the files apart")
def test_subtitle_on_a_full_disk_leaves_no_temporary_file(tmp_path, monkeypatch):
    _fill_disk(monkeypatch)
    result = CliRunner().invoke(main, ["subtitle", str(SCRIPT), "-o", str(tmp_path / "a.srt")])
    assert result.exit_code == 2  # the exit-code table: an output that cannot be written
    assert result.stderr == f"segmenter: error: no space left on device writing {tmp_path / 'a.srt'}\n"
    assert list(tmp_path.iterdir()) == []


def test_a_state_that_cannot_be_saved_costs_the_resume_not_the_batch(tmp_path):
    warnings = []
    state = State(tmp_path, every=1, warn=warnings.append)

    class Full:
        def execute(self, *args):
            raise sqlite3.OperationalError("database or disk is full")

        executemany = commit = execute

        def close(self):
            pass

    state._db.close()
    state._db = Full()
    from segmenter.batch import Result

    state.record(Result("a.txt", "done", outputs=("a.srt",), mtimes=(1,), fingerprint="f"))
    assert state.made("a.srt") is None
    state.close()
    assert warnings == ["cannot keep the resume state (database or disk is full); a later --resume redoes what "
                        "this run made"]


def test_leftover_temporary_files_of_killed_runs_are_removed(tmp_path):
    out = tmp_path / "out"
    (out / "deep").mkdir(parents=True)
    ours = [out / ".a.srt.k2j_x9ab.tmp", out / "deep" / ".b.vtt.0000zzzz.tmp"]
    others = [out / ".notes.txt.k2j_x9ab.tmp", out / "deep" / "a.srt.k2j_x9ab.tmp", out / ".a.srt.tmp"]
    for path in ours + others:
        path.write_text("partial", encoding="utf-8")
        os.utime(path, (time.time() - 60, time.time() - 60))
    result = run(SCRIPT, "-o", out, *FAST, "--format", "srt")
    assert result.exit_code == 0, result.output
    assert [p for p in ours if p.exists()] == [] and all(p.exists() for p in others)


def test_resume_sees_a_change_to_a_base_dialect(tmp_path):
    base = tmp_path / "base.toml"
    child = tmp_path / "child.toml"
    base.write_text('extends = "newsroom"\nname = "base"\n', encoding="utf-8")
    child.write_text(f'extends = "{base}"\nname = "child"\n', encoding="utf-8")
    before = fingerprint(Style(), str(child))
    base.write_text('extends = "newsroom"\nname = "base"\nnotes = [\'\\\\[[^\\\\]\\\\n]*\\\\]\']\n', encoding="utf-8")
    assert fingerprint(Style(), str(child)) != before


def test_split_stories_of_two_scripts_with_the_same_slugs_keep_both(tmp_path):
    rundown = REPO / "samples" / "newsroom-rundown.txt"
    for name in ("early", "late"):
        shutil.copy(rundown, tmp_path / f"{name}.txt")
    (tmp_path / "late.txt").write_text(rundown.read_text(encoding="utf-8").replace("Seoul", "Busan"),
                                       encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["subtitle", str(tmp_path / "early.txt"), str(tmp_path / "late.txt"),
                                       "--split-stories", "--format", "vtt", "--force", "-o", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert "weather.vtt" in names and "late-weather.vtt" in names and len(names) == 8
    assert "Busan" not in (out / "weather.vtt").read_text(encoding="utf-8")
    assert "Busan" in (out / "late-weather.vtt").read_text(encoding="utf-8")


def test_bad_usage_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "in").mkdir()
    shutil.copy(SCRIPT, tmp_path / "in" / "a.txt")
    out = tmp_path / "out"
    cases = {("--glob", ""): "Error: Invalid value for --glob: '': empty pattern",
             ("--timeout", "nan"): "Error: Invalid value for --timeout: not a number",
             ("--glob", "*.doc"): f"segmenter: error: no scripts matched --glob '*.doc' in {tmp_path / 'in'}"}
    for extra, message in cases.items():
        result = run(tmp_path / "in", "-o", out, *FAST, *extra)
        assert result.exit_code == 2 and result.stderr.splitlines()[-1] == message
    result = run(tmp_path / "nowhere", tmp_path / "in", "-o", out)  # a missing input: nothing is started
    assert result.exit_code == 2 and result.stderr == f"segmenter: error: {tmp_path / 'nowhere'}: no such file or directory\n"
    result = run("-", "-o", out, input="\n\n")
    assert result.exit_code == 2 and result.stderr == "segmenter: error: no scripts listed on standard input\n"
    assert not out.exists() or not list(out.rglob("*.srt"))
    for limit in ("inf", "1e300"):  # as good as none
        assert run(tmp_path / "in", "-o", out, "-j", "1", "--timeout", limit, "--force").exit_code == 0


def test_a_scheduler_that_is_not_dask_is_one_line(tmp_path):
    if not IN_CI:
        pytest.importorskip("dask.distributed", reason="dask[distributed] is not installed")
    import socket
    import threading

    server = socket.create_server(("127.0.0.1", 0))
    port = server.getsockname()[1]

    def answer():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            conn.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n" * 10)
            conn.close()

    threading.Thread(target=answer, daemon=True).start()
    try:
        result = run(SCRIPT, "-o", tmp_path / "out", "--executor", "dask", "--scheduler", f"tcp://127.0.0.1:{port}")
    finally:
        server.close()
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("segmenter: error: cannot reach the Dask scheduler at tcp://")


def test_a_script_name_too_long_for_the_file_system(tmp_path):
    root = tmp_path / "in"
    root.mkdir()
    near = "n" * 246  # its outputs fit, their temporary files' names are cut short
    over = "o" * 253  # its outputs would not fit (.t becomes .srt)
    shutil.copy(SCRIPT, root / f"{near}.txt")
    shutil.copy(SCRIPT, root / f"{over}.t")
    out = tmp_path / "out"
    result = run(root, "-o", out, "--glob", "*.t*", *FAST)
    assert result.exit_code == 1, result.output
    assert result.stderr.splitlines()[-2:] == [
        f"segmenter: failed: {root / over}.t: {out / over}.srt: cannot write: file name too long for the file system",
        "1 done, 0 skipped, 1 failed"]
    assert sorted(p.name for p in out.iterdir() if not p.name.startswith(".")) == [f"{near}.srt", f"{near}.vtt"]
    assert temporaries(out) == []


def test_an_output_inside_the_input_tree_is_not_taken_for_scripts(tmp_path):
    root = tmp_path / "in"
    (root / "day1").mkdir(parents=True)
    shutil.copy(SCRIPT, root / "a.txt")
    shutil.copy(SCRIPT, root / "day1" / "b.txt")
    for _ in range(2):  # the second run meets the first one's outputs, state and lock
        result = run(root, "-o", root / "subs", "--glob", "*", *FAST, "--force", "--format", "srt")
        assert result.exit_code == 0, result.output
        logged = [line for line in result.stderr.splitlines() if line.startswith("[")]
        assert sorted(line.split("]")[0] for line in logged) == ["[1/2", "[2/2"]
    assert sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")) \
        == ["a.txt", "day1/b.txt", "subs/a.srt", "subs/day1/b.srt"]


def test_a_standard_error_that_cannot_be_written_does_not_stop_the_batch(tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    root = tmp_path / "in"
    root.mkdir()
    for name in ("a", "b", "c"):
        shutil.copy(SCRIPT, root / f"{name}.txt")
    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "segmenter", "batch", str(root), "-o", str(tmp_path / "out"),
                               *FAST, "--format", "srt"], cwd=REPO, stdout=full, stderr=full, timeout=120)
    assert proc.returncode in (0, 1)  # the run went well, whether or not the exit code tells it could not say so
    assert sorted(p.name for p in (tmp_path / "out").glob("*.srt")) == ["a.srt", "b.srt", "c.srt"]
