"""The WebVTT reader follows the W3C WebVTT parser algorithm: each case below is derived from the spec's steps
(file signature, "collect a WebVTT block", cue timings, timestamps) with the cues a browser gives, and the
findings `check` reports where a browser reads what the syntax forbids or drops a block."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from segmenter import formats
from segmenter.check import check_text
from segmenter.cli import main
from segmenter.errors import InputError
from segmenter.formats import vtt
from segmenter.style import Style

H = "WEBVTT\n\n"


def cues(text):
    """(identifier, start, end, text) of each cue, and the findings as (line, rule, cue)."""
    found = []
    got = [(c.identifier, c.start, c.end, "\n".join(c.lines)) for c in vtt.parse(text, found)]
    return got, [(f.line, f.rule, f.cue) for f in found]


SIGNATURES = [
    ("WEBVTT", []),
    ("WEBVTT\n", []),
    ("WEBVTT \t- Evening news\n\n00:01.000 --> 00:02.000\nA", [(None, 1000, 2000, "A")]),
    ("WEBVTT\t\n\n00:01.000 --> 00:02.000\nA", [(None, 1000, 2000, "A")]),
    ("\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nA\r\nB", [(None, 1000, 2000, "A\nB")]),
    ("WEBVTT\r\r00:01.000 --> 00:02.000\rA", [(None, 1000, 2000, "A")]),
]


@pytest.mark.parametrize("text, expected", SIGNATURES, ids=range(len(SIGNATURES)))
def test_signatures_browsers_accept(text, expected):
    assert cues(text) == (expected, [])


@pytest.mark.parametrize("text, message", [
    ("WEBVTTX\n\n00:01.000 --> 00:02.000\nA", "line 1 is 'WEBVTTX', not 'WEBVTT'"),
    ("webvtt\n", "line 1 is 'webvtt'"),
    (" WEBVTT\n", "line 1 is ' WEBVTT'"),
    ("WEBVT", "line 1 is 'WEBVT'"),
    ("", "line 1 is ''"),
    ("\ufeff\ufeffWEBVTT\n", "a second byte-order mark"),
])
def test_signatures_browsers_reject(text, message):
    with pytest.raises(InputError, match="not WebVTT: " + message):
        vtt.parse(text)


def test_header_text_and_header_blocks():
    text = ("WEBVTT\nKind: captions\nLanguage: en\n\nSTYLE\n::cue { color: yellow }\n\nREGION\nid:low width:40%\n\n"
            "NOTE a comment\nover two lines\n\n00:01.000 --> 00:02.000 region:low\nA")
    assert cues(text) == ([(None, 1000, 2000, "A")], [])
    assert vtt.parse(text)[0].settings == "region:low"


def test_timing_line_right_after_the_header_starts_a_cue():
    assert cues("WEBVTT\n00:01.000 --> 00:02.000\nA") == ([(None, 1000, 2000, "A")], [(2, "missing_blank_line", 0)])


@pytest.mark.parametrize("word", ["NOTE", "STYLE", "REGION"])
def test_block_word_directly_above_a_timing_line_is_the_cue_identifier(word):
    text = f"{H}{word}\n00:01.000 --> 00:02.000\nA\n\n00:03.000 --> 00:04.000\nB\n"
    assert cues(text) == ([(word, 1000, 2000, "A"), (None, 3000, 4000, "B")], [(4, "keyword_id", 0)])


def test_style_and_region_after_a_cue_are_ignored():
    text = f"{H}00:01.000 --> 00:02.000\nA\n\nSTYLE\n::cue {{ color: red }}\n\nREGION\nid:x\n"
    assert cues(text) == ([(None, 1000, 2000, "A")], [(6, "ignored_block", None), (9, "ignored_block", None)])


@pytest.mark.parametrize("blank", ["\f", " ", "   \t"])
def test_whitespace_only_line_does_not_end_a_cue(blank):
    text = f"{H}00:01.000 --> 00:02.000\nA\n{blank}\n2\n00:03.000 --> 00:04.000\nB\n"
    assert cues(text) == ([(None, 1000, 2000, f"A\n{blank}\n2"), (None, 3000, 4000, "B")],
                          [(3, "whitespace_line", 0), (7, "missing_blank_line", 1)])


def test_stray_arrow_line_ends_the_cue_and_its_block_is_dropped():
    text = f"{H}00:01.000 --> 00:02.000\nA\nx --> y\nlost\n\n00:03.000 --> 00:04.000\nB\n"
    assert cues(text) == ([(None, 1000, 2000, "A"), (None, 3000, 4000, "B")], [(5, "misrendered_text", 0)])
    found = []
    vtt.parse(text, found)
    assert found[0].message == "'-->' in cue text ends the cue: browsers drop 'x --> y' and the 1 line after it"


def test_arrow_on_the_identifier_line_drops_the_block():
    # line 1 has an arrow but no timing: no cue; line 2's arrow is not a second timing line of that block
    text = f"{H}a-->b\n00:01.000 --> 00:02.000\nA\n\n00:03.000 --> 00:04.000\nB\n"
    assert cues(text)[0] == [(None, 1000, 2000, "A"), (None, 3000, 4000, "B")]
    assert cues(text)[1] == [(3, "malformed_timestamp", None), (4, "missing_blank_line", 0)]


def test_leftover_css_and_stray_text_are_ignored():
    text = f"{H}::cue {{\n  color: red;\n}}\n\n00:01.000 --> 00:02.000\nA\n\n}}\n\n2\n"
    assert cues(text) == ([(None, 1000, 2000, "A")],
                          [(3, "ignored_block", None), (10, "ignored_block", None), (12, "ignored_block", None)])


def test_identifiers_kept_as_written():
    text = f"{H} \n00:01.000 --> 00:02.000\nA\n\nintro 1\n00:03.000 --> 00:04.000\nB\n"
    assert cues(text) == ([(" ", 1000, 2000, "A"), ("intro 1", 3000, 4000, "B")], [])


def test_nul_reads_as_replacement_character():
    text = f"{H}00:01.000 --> 00:02.000\nA\0B\n"
    assert cues(text) == ([(None, 1000, 2000, "A\ufffdB")], [(3, "misrendered_text", 0)])


@pytest.mark.parametrize("stamp, ms", [
    ("00:01.000", 1000), ("59:59.999", 3599999), ("00:00:01.000", 1000), ("01:00:00.000", 3600000),
    ("100:00:00.000", 360000000), ("1:00:00.000", 3600000), ("00:00:00:000", None), ("60:00.000", None),
    ("00:60.000", None), ("00:00:60.000", None), ("00:01.00", None), ("00:01.0000", None), ("0:01.000", None),
    ("00:1.000", None), ("00:01,000", None), ("-00:01.000", None), ("00:01.000x", None),
])
def test_timestamps(stamp, ms):
    assert vtt.parse_timestamp(stamp) == ms


def test_timings_browsers_read_but_the_syntax_forbids():
    text = f"{H}1:00:01.000 --> 1:00:02.000\nA\n\n00:03.000-->00:04.000 align:start\nB\n"
    assert cues(text) == ([(None, 3601000, 3602000, "A"), (None, 3000, 4000, "B")],
                          [(3, "timestamp_format", 0), (6, "timestamp_format", 1)])
    assert vtt.parse(text)[1].settings == "align:start"


@pytest.mark.parametrize("hours", ["9" * 5000, "24000000000", "2562047789"])
def test_overflowing_timestamps_are_findings(hours):
    text = f"{H}00:01.000 --> {hours}:00:00.000\nA\n\n00:03.000 --> 00:04.000\nB\n"
    assert cues(text) == ([(None, 3000, 4000, "B")], [(3, "timestamp_out_of_range", None)])
    assert vtt.parse_timestamp("2562047788:00:00.000") == 2562047788 * 3600000


def test_malformed_timing_drops_only_its_cue():
    text = f"{H}00:01.000 --> 00:02.00\nA\n\n00:03.000 --> 00:04.000\nB\n"
    assert cues(text) == ([(None, 3000, 4000, "B")], [(3, "malformed_timestamp", None)])


def test_one_reader_for_check_and_evaluate(tmp_path):
    """`evaluate` reads the cues `check` reads: a file a browser reads is not refused."""
    path = tmp_path / "a.vtt"
    path.write_text(f"{H}NOTE\n00:01.000 --> 00:02.000\nOne two\n \n00:03.000 --> 00:04.000\nthree\n",
                    encoding="utf-8")
    assert [(c.start, c.lines) for c in formats.load(str(path))] == [(1000, ("One two", " ")), (3000, ("three",))]
    report = check_text(path.read_text(encoding="utf-8"), "vtt", Style(), "a.vtt")
    assert report.cues == 2
    assert [(v.cue, v.rule) for v in report.violations] == [
        (1, "whitespace_line"), (1, "keyword_id"), (2, "missing_blank_line")]


@pytest.mark.parametrize("data, message", [
    ("WEBVTT\n".encode("utf-16"), "not WebVTT: the file is UTF-16, and WebVTT is UTF-8 only"),
    ("WEBVTT\n".encode("utf-32"), "not WebVTT: the file is UTF-32, and WebVTT is UTF-8 only"),
    (b"\xef\xbb\xbf\xef\xbb\xbfWEBVTT\n", "not WebVTT: a second byte-order mark"),
    (b"WEBVTT\n\n00:01.000 --> 00:02.000\nCaf\xe9\n", "not valid UTF-8 (byte 0xe9 at offset 35); WebVTT is UTF-8 only"),
])
def test_check_refuses_what_browsers_refuse(tmp_path, data, message):
    path = tmp_path / "a.vtt"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2 and result.stderr.startswith(f"segmenter: error: {path}: {message}")


def test_check_reads_nul_bytes_as_browsers_do(tmp_path):
    path = tmp_path / "a.vtt"
    path.write_bytes(b"\xef\xbb\xbfWEBVTT\n\n00:01.000 --> 00:03.000\nA\x00B\n")
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 1
    assert result.stdout.splitlines() == [
        f"{path}: cue 1 (00:00:01.000, line 3): misrendered_text: NUL character in cue text (browsers show U+FFFD)",
        f"{path}: 1 cue, 1 violation (misrendered_text 1)"]


BROWSER_PAGE = """<!DOCTYPE html><html><body><video id="v" muted></video><pre id="out">pending</pre><script>
// One track per case; each loads in mode 'hidden' and its cues are read through the TextTrack API.
const n = %d, video = document.getElementById('v'), out = document.getElementById('out'), results = [];
let pending = n;
const done = () => { if (--pending === 0) out.textContent = JSON.stringify(results); };
for (let i = 0; i < n; i++) {
  const el = document.createElement('track');
  el.kind = 'subtitles';
  el.src = 'case' + i + '.vtt';
  el.addEventListener('load', () => { results[i] = Array.from(el.track.cues, c =>
    [Math.round(c.startTime * 1000), Math.round(c.endTime * 1000), c.text]); done(); });
  el.addEventListener('error', () => { results[i] = 'ERROR'; done(); });
  video.appendChild(el);
  el.track.mode = 'hidden';
}
</script></body></html>"""

#: spec-derived cases for the browser: every file above that a browser reads alike (cue identifiers aside:
#: Chromium gives a cue right under a STYLE line no identifier, the spec gives it "STYLE"; times beyond any
#: clock aside: Chromium keeps such a cue with an infinite time, this reader reports and skips it)
BROWSER_CASES = [text for text, _ in SIGNATURES] + [
    f"{H}NOTE\n00:01.000 --> 00:02.000\nA\n\n00:03.000 --> 00:04.000\nB\n",
    f"{H}STYLE\n00:01.000 --> 00:02.000\nA\n",
    f"{H}REGION\n00:01.000 --> 00:02.000\nA\n",
    f"{H}00:01.000 --> 00:02.000\nA\n\f\n2\n00:03.000 --> 00:04.000\nB\n",
    f"{H}00:01.000 --> 00:02.000\nA\n   \t\n2\n00:03.000 --> 00:04.000\nB\n",
    f"{H}00:01.000 --> 00:02.000\nA\nx --> y\nlost\n\n00:03.000 --> 00:04.000\nB\n",
    f"{H}a-->b\n00:01.000 --> 00:02.000\nA\n\n00:03.000 --> 00:04.000\nB\n",
    f"{H}::cue {{\n  color: red;\n}}\n\n00:01.000 --> 00:02.000\nA\n\n}}\n\n2\n",
    f"{H}00:01.000 --> 00:02.000\nA\n\nSTYLE\n::cue {{ color: red }}\n\n00:03.000 --> 00:04.000\nB\n",
    f"{H} \n00:01.000 --> 00:02.000\nA\n",
    f"{H}00:01.000 --> 00:02.000\nA\0B\n",
    f"{H}1:00:01.000 --> 1:00:02.000\nA\n\n00:03.000-->00:04.000 align:start\nB\n",
    f"{H}00:01.000 --> 00:02.00\nA\n\n60:00.000 --> 61:00.000\nB\n\n00:00:60.000 --> 00:01:00.000\nC\n\n"
    f"00:03.000 --> 00:04.000\nD\n",
    "WEBVTT\n00:01.000 --> 00:02.000\nA",
    "WEBVTTX\n\n00:01.000 --> 00:02.000\nA",
    "\ufeff\ufeffWEBVTT\n\n00:01.000 --> 00:02.000\nA",
]


def test_chromium_reads_the_spec_cases_alike(tmp_path):
    """Chromium's TextTrack API gives the cues this reader gives (times, raw text), and refuses what it refuses."""
    import functools
    import html
    import http.server
    import json
    import re
    import subprocess
    import threading

    from test_players import CHROME_FLAGS, CHROMIUM, need

    chromium = need(CHROMIUM, "chromium")
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(BROWSER_PAGE % len(BROWSER_CASES), encoding="utf-8")
    for n, text in enumerate(BROWSER_CASES):
        (site / f"case{n}.vtt").write_text(text, encoding="utf-8", newline="")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(site))
    handler.log_message = lambda *args: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        proc = subprocess.run([chromium, *CHROME_FLAGS, f"--user-data-dir={tmp_path / 'profile'}",
                               "--virtual-time-budget=10000", "--dump-dom",
                               f"http://127.0.0.1:{server.server_port}/index.html"],
                              capture_output=True, text=True, timeout=120)
    finally:
        server.shutdown()
    found = re.search(r'<pre id="out">(.*?)</pre>', proc.stdout, re.S)
    assert found and found.group(1) != "pending", (proc.stdout[-500:], proc.stderr[-500:])
    for text, got in zip(BROWSER_CASES, json.loads(html.unescape(found.group(1)))):
        try:
            mine = sorted([c.start, c.end, "\n".join(c.lines)] for c in vtt.parse(text))
        except InputError:
            mine = "ERROR"
        assert mine == (got if got == "ERROR" else sorted(got)), text
