"""One table of exit codes for every command (segmenter/errors.py): the same situation gives the same code
in every command, an internal error exits 3 in one line, and no option value gives a traceback."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from segmenter.cli import main
from segmenter.options import _OVERRIDES
from segmenter.style import Style
from segmenter.errors import EXIT_CODES, EXIT_CODES_HELP, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE

SCRIPT = "Rain fell in Seoul.\nKim Ha-na reports.\nThe rain stopped at noon.\nKim Ha-na, Arirang News.\n"
CLEAN_SRT = "1\n00:00:00,000 --> 00:00:02,000\nRain fell in Seoul.\n\n"
LONG_SRT = "1\n00:00:00,000 --> 00:00:20,000\nRain fell in Seoul.\n\n"  # a 20 s cue: max_duration
COMMANDS = ["subtitle", "preview", "check", "evaluate", "batch", "styles"]


def run(*args, input=None):
    """The CLI in this process; an exception that escapes it fails the test with its traceback."""
    return CliRunner().invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "story.txt").write_text(SCRIPT, encoding="utf-8")
    (tmp_path / "clean.srt").write_text(CLEAN_SRT, encoding="utf-8")
    (tmp_path / "long.srt").write_text(LONG_SRT, encoding="utf-8")
    (tmp_path / "taken").write_text("keep me", encoding="utf-8")
    (tmp_path / "taken.srt").write_text("keep me", encoding="utf-8")
    (tmp_path / "other.srt").write_text("1\n00:00:00,000 --> 00:00:02,000\nMarkets closed higher on Friday.\n\n",
                                        encoding="utf-8")
    return tmp_path


def only_error_line(result, code: int) -> None:
    assert result.exit_code == code, (result.exit_code, result.output)
    assert "Traceback" not in result.output
    if code == EXIT_INTERNAL:
        assert len(result.stderr.splitlines()) == 1 and result.stderr.endswith("; please report\n"), result.stderr


# --- the table: each situation, each command it applies to -----------------------------------------------

CASES = {
    "output exists without --force": [
        ("subtitle", ["{d}/story.txt", "-o", "{d}/taken.srt"], EXIT_USAGE),
        ("preview", ["{d}/story.txt", "-o", "{d}/taken"], EXIT_USAGE),
        ("batch", ["{d}/story.txt", "-o", "{d}/out", "--jobs", "1", "--report", "{d}/taken"], EXIT_USAGE),
    ],
    "missing input": [
        ("subtitle", ["{d}/nope.txt", "-o", "{d}/x.srt"], EXIT_USAGE),
        ("preview", ["{d}/nope.txt", "-o", "{d}/x.html"], EXIT_USAGE),
        ("check", ["{d}/nope.srt"], EXIT_USAGE),
        ("evaluate", ["{d}/nope.srt", "--reference", "{d}/clean.srt"], EXIT_USAGE),
        ("batch", ["{d}/nope", "-o", "{d}/out", "--jobs", "1"], EXIT_USAGE),
    ],
    "bad option": [
        ("subtitle", ["{d}/story.txt", "--cps", "nan"], EXIT_USAGE),
        ("preview", ["{d}/story.txt", "-o", "{d}/x.html", "--frame-rate", "inf"], EXIT_USAGE),
        ("check", ["{d}/clean.srt", "--min-gap", "nan"], EXIT_USAGE),
        ("evaluate", ["{d}/clean.srt", "--reference", "{d}/clean.srt", "--max-chars", "0"], EXIT_USAGE),
        ("batch", ["{d}/story.txt", "-o", "{d}/out", "--jobs", "1", "--cps", "inf"], EXIT_USAGE),
        ("styles", ["--nope"], EXIT_USAGE),
    ],
    "violations": [
        ("check", ["{d}/long.srt"], EXIT_FINDINGS),
        ("evaluate", ["{d}/clean.srt", "--reference", "{d}/other.srt"], EXIT_FINDINGS),
        ("batch", ["{d}/story.txt", "{d}/empty.txt", "-o", "{d}/out", "--jobs", "1"], EXIT_FINDINGS),
    ],
    "success": [
        ("subtitle", ["{d}/story.txt", "-o", "{d}/x.srt"], EXIT_OK),
        ("preview", ["{d}/story.txt", "-o", "{d}/x.html"], EXIT_OK),
        ("check", ["{d}/clean.srt"], EXIT_OK),
        ("batch", ["{d}/story.txt", "-o", "{d}/out", "--jobs", "1"], EXIT_OK),
        ("styles", ["--keys"], EXIT_OK),
    ],
}


@pytest.mark.parametrize("command, args, code", [case for cases in CASES.values() for case in cases],
                         ids=[f"{situation}-{getattr(case, 'values', case)[0]}" for situation, cases in CASES.items()
                              for case in cases])
def test_same_situation_same_code_in_every_command(files, command, args, code):
    (files / "empty.txt").write_bytes(b"")
    result = run(command, *(a.format(d=files) for a in args))
    only_error_line(result, code)
    assert (files / "taken").read_text(encoding="utf-8") == (files / "taken.srt").read_text(encoding="utf-8") \
        == "keep me"


#: for each command, a function of the project it calls, and arguments that reach it
REACHED = {
    "subtitle": ("segmenter.pipeline.iter_subtitle", ["{d}/story.txt", "-o", "{d}/x.srt"]),
    "preview": ("segmenter.pipeline.iter_subtitle", ["{d}/story.txt", "-o", "{d}/x.html"]),
    "check": ("segmenter.check.check_text", ["{d}/clean.srt"]),
    "evaluate": ("segmenter.evaluate.score", ["{d}/clean.srt", "--reference", "{d}/clean.srt"]),
    "batch": ("segmenter.batch.discover", ["{d}/story.txt", "-o", "{d}/out", "--jobs", "1"]),
    "styles": ("segmenter.style.preset_names", []),
}


@pytest.mark.parametrize("command", COMMANDS)
def test_internal_error_exits_3_in_one_line(files, monkeypatch, command):
    """A bug anywhere (here: a function of the project that raises) is one line and exit 3, never the
    traceback and exit 1 that a pipeline would take for findings."""
    target, args = REACHED[command]

    def broken(*args, **kwargs):
        raise ValueError("cannot convert float NaN\nto integer")

    monkeypatch.setattr(target, broken)
    result = run(command, *(a.format(d=files) for a in args))
    only_error_line(result, EXIT_INTERNAL)
    assert result.stderr.endswith("internal error: ValueError: cannot convert float NaN to integer; please report\n")
    assert not list(files.rglob(".*.tmp"))


def test_subtitle_with_several_scripts_writes_the_others_after_an_internal_error(files, monkeypatch):
    import segmenter.pipeline

    real = segmenter.pipeline.iter_subtitle
    (files / "b.txt").write_text(SCRIPT, encoding="utf-8")

    def broken_on_story(text, *args, **kwargs):
        text = "".join(text)
        if text.startswith("Boom"):
            raise RuntimeError("boom")
        return real(text, *args, **kwargs)

    (files / "a.txt").write_text("Boom.\n", encoding="utf-8")
    monkeypatch.setattr(segmenter.pipeline, "iter_subtitle", broken_on_story)
    result = run("subtitle", files / "a.txt", files / "b.txt", "-o", files / "out", "--quiet")
    assert result.exit_code == EXIT_INTERNAL
    assert result.stderr == f"segmenter: {files / 'a.txt'}: internal error: RuntimeError: boom; please report\n"
    assert sorted(p.name for p in (files / "out").iterdir()) == ["b.srt", "b.vtt"]


@pytest.mark.parametrize("command", [None, *COMMANDS])
def test_every_help_ends_with_the_exit_codes(command):
    result = run(*([command] if command else []), "--help")
    assert result.exit_code == 0
    assert result.stdout.rstrip().endswith("130  interrupted (Ctrl-C, SIGTERM)")
    assert "\n  Exit codes:\n    0    done, nothing to report\n" in result.stdout
    for code, _ in EXIT_CODES:
        assert f"\n    {code:<4} " in result.stdout


def test_readme_has_the_exit_code_table():
    from conftest import REPO

    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Exit codes\n", 1)[1].split("\n## ", 1)[0]
    for code, meaning in EXIT_CODES:
        assert f"| {code} | {meaning} |" in section
    assert "Exit codes:" in EXIT_CODES_HELP


# --- no option value of any command gives a traceback or an internal error -------------------------------

NUMBER_TEXT = st.one_of(st.floats().map(str), st.integers().map(str), st.sampled_from(["nan", "-inf", "1e300", "",
                                                                                        " 3", "0x10", "½", "9" * 400]))


def _within(key: str):
    """Values a style setting accepts, edges included (the layout and timing must cope with all of them)."""
    spec = Style.__dataclass_fields__[key]
    low, high = spec.metadata["range"]
    if spec.type == "int":
        return st.integers(low, high).map(str)
    return st.one_of(st.sampled_from([low, high]), st.floats(low, high)).map(str)


STYLE_OPTIONS = {flag: st.one_of(_within(key), _within(key), NUMBER_TEXT) for flag, key, *_ in _OVERRIDES}
STYLE_OPTIONS["--style"] = st.sampled_from(["broadcast", "NETFLIX", "Bbc", "dcmp", "cinema", "", "{d}/house.toml",
                                            "{d}/missing.toml", "{d}", "{d}/story.txt"])
READ_OPTIONS = {"--encoding": st.sampled_from(["utf-8", "latin-1", "cp1252", "utf-16", "utf-32", "rot13", "base64",
                                               "zlib", "hex", "idna", "punycode", "unicode_escape", "klingon", ""])}
SCRIPT_OPTIONS = {**STYLE_OPTIONS, **READ_OPTIONS,
                  "--start": st.one_of(NUMBER_TEXT, st.sampled_from(["10:00:00:00", "99:99:99:99", "1:2", "::"])),
                  "--dialect": st.sampled_from(["auto", "plain", "newsroom", "klingon", "{d}/story.txt"])}
OPTIONS = {
    "subtitle": {**SCRIPT_OPTIONS, "--format": st.sampled_from(["srt", "vtt", "both", "xml"]),
                 "-o": st.sampled_from(["-", "{d}/o.srt", "{d}/o.vtt", "{d}/out/", "", "{d}/taken.srt", "{d}/o.txt"])},
    "preview": {**SCRIPT_OPTIONS, "--max-cues": st.integers(-3, 5).map(str),
                "-o": st.sampled_from(["-", "{d}/p.html", "", "{d}/taken"])},
    "check": {**STYLE_OPTIONS, **READ_OPTIONS, "--format": st.sampled_from(["text", "json", "xml"])},
    "evaluate": {**STYLE_OPTIONS, "--format": st.sampled_from(["text", "json", "xml"])},
    "batch": {**STYLE_OPTIONS, **READ_OPTIONS, "--format": st.sampled_from(["srt", "vtt", "both", "xml"])},
    "styles": {},
}
FIXED = {"subtitle": ["{d}/story.txt"], "preview": ["{d}/story.txt", "-o", "{d}/p.html"], "check": ["{d}/clean.srt"],
         "evaluate": ["{d}/clean.srt", "--reference", "{d}/clean.srt"],
         "batch": ["{d}/story.txt", "-o", "{d}/out", "--jobs", "1"], "styles": []}


@st.composite
def command_lines(draw):
    command = draw(st.sampled_from(COMMANDS))
    chosen = draw(st.lists(st.sampled_from(sorted(OPTIONS[command])), unique=True, max_size=5)) \
        if OPTIONS[command] else []
    args = list(FIXED[command])
    if command == "styles" and draw(st.booleans()):
        args.append("--keys")
    if command == "subtitle" and draw(st.booleans()):
        args.append("--split-stories")
    for flag in chosen:
        if flag == "-o" and "-o" in args:
            args[args.index("-o") + 1] = draw(OPTIONS[command][flag])
        else:
            args += [flag, draw(OPTIONS[command][flag])]
    return command, args


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                  HealthCheck.function_scoped_fixture])
@given(line=command_lines(), house=st.dictionaries(
    st.sampled_from(["cps", "min_gap", "max_lines", "max_chars_per_line", "frame_rate", "min_duration", "extends",
                     "wpm", "max_chars"]),
    st.one_of(st.floats(), st.integers(-10**30, 10**30), st.booleans(), st.sampled_from(["netflix", "house.toml"])),
    max_size=3))
def test_any_option_values_give_a_documented_exit_code(tmp_path_factory, line, house):
    """Every command with arbitrary option values (any float, NaN and infinity; odd style files, encodings,
    paths): exit 0, 1 or 2 with at most a one-line error, never an internal error or a traceback."""
    import tomllib

    d = tmp_path_factory.mktemp("any")
    (d / "story.txt").write_text(SCRIPT, encoding="utf-8")
    (d / "clean.srt").write_text(CLEAN_SRT, encoding="utf-8")
    (d / "taken").write_text("keep me", encoding="utf-8")
    (d / "taken.srt").write_text("keep me", encoding="utf-8")
    text = "".join(f"{k} = {_toml(v)}\n" for k, v in house.items())
    tomllib.loads(text)
    (d / "house.toml").write_text(text, encoding="utf-8")
    command, args = line
    result = run(command, *(a.format(d=d) for a in args))
    assert result.exit_code in (EXIT_OK, EXIT_FINDINGS, EXIT_USAGE), (result.exit_code, result.stderr)
    errors = [ln for ln in result.stderr.splitlines() if "error" in ln.lower()]
    assert len(errors) <= 1 and "internal error" not in result.stderr, result.stderr
    assert (d / "taken").read_text(encoding="utf-8") == (d / "taken.srt").read_text(encoding="utf-8") == "keep me"


def _toml(value) -> str:
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return f'"{value}"'
    if isinstance(value, float) and value != value:
        return "nan"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "-inf"
    return repr(value)


@pytest.mark.skipif(not __import__("os").path.exists("/dev/full"), reason="needs /dev/full (Linux)")
@pytest.mark.parametrize("args, message", [
    (["subtitle", "{d}/story.txt", "--format", "srt"], "error: <stdout>: cannot write: No space left on device"),
    (["preview", "{d}/story.txt", "-o", "-"], "error: cannot write: No space left on device"),
    (["check", "{d}/clean.srt"], "error: cannot write: No space left on device"),
    (["styles"], "error: cannot write: No space left on device"),
])
def test_standard_output_on_a_full_disk_is_one_line(files, args, message):
    import subprocess
    import sys

    with open("/dev/full", "w") as full:
        proc = subprocess.run([sys.executable, "-m", "segmenter", *(a.format(d=files) for a in args)],
                              stdout=full, stderr=subprocess.PIPE, text=True)
    assert (proc.returncode, proc.stderr) == (EXIT_USAGE, f"segmenter: {message}\n")


def test_error_outside_any_command_is_one_line_too():
    """`segmenter` itself (run(), the console script) turns an error before any command starts into the
    same one line and exit 3."""
    import subprocess
    import sys

    probe = ("import segmenter.cli as cli\n"
             "def broken(*args, **kwargs):\n    raise RuntimeError('no metadata')\n"
             "cli.main.main = broken\ncli.run()\n")
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert (proc.returncode, proc.stderr) == (EXIT_INTERNAL, "segmenter: internal error: RuntimeError: no metadata; "
                                                             "please report\n")
