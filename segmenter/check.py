"""Subtitle QC: the style rules a broadcaster checks, for any SRT or WebVTT file.

Times are whole milliseconds, so every time limit has a tolerance of 1 ms (a cue that lasts the
minimum duration to the millisecond, or a gap of 83 ms for 0.0833 s, passes).

>>> from segmenter.style import Style
>>> style = Style(max_chars_per_line=10, cps=10.0, min_duration=1.0, max_duration=5.0, min_gap=0.1)
>>> cues = [Cue(1, 0, 500, ("Far too long a line",)), Cue(2, 550, 9000, ("ok",))]
>>> [v.rule for v in check_cues(cues, style)]
['chars_per_line', 'reading_speed', 'min_duration', 'max_duration', 'min_gap']
>>> report = check_text("WEBVTT\\n\\n00:01.000 --> 00:02.000\\nSalt & pepper\\n", "vtt", style, "a.vtt")
>>> for violation in report.violations:
...     print(describe(report, violation))
a.vtt: cue 1 (00:00:01.000, line 3): chars_per_line: 13 characters > 10: 'Salt & pepper'
a.vtt: cue 1 (00:00:01.000, line 3): reading_speed: 13.0 characters per second > 10
a.vtt: cue 1 (00:00:01.000, line 3): misrendered_text: unescaped '&' (write &amp;): 'Salt & pepper'
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from html.entities import html5

from .errors import InputError
from .formats.vtt import timestamp
from .model import Cue

RULES = ("malformed_timestamp", "empty_cue", "chars_per_line", "lines_per_cue", "reading_speed", "min_duration",
         "max_duration", "out_of_order", "overlap", "min_gap", "misrendered_text", "chain_gap",
         # read by players, but not as the format is written (or, for the last two, not read at all)
         "timestamp_format", "missing_blank_line", "whitespace_line", "keyword_id", "ignored_block",
         "timestamp_out_of_range")

_TOLERANCE_MS = 1  # times are written in whole milliseconds
_VTT_TAG = re.compile(r"</?(?:[ibu]|c|v|ruby|rt|lang)(?:\.[^\s.<>&]+)*(?:[ \t][^<>]*)?>"
                      r"|<(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}>")
_LOOKS_LIKE_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_SRT_FORMATTING = re.compile(r"</?(?:[ibus]|font)(?:\s[^<>]*)?>|\{\\[^{}]*\}", re.IGNORECASE)
_SRT_TAG = re.compile(r"</?([0-9A-Za-z_]+)(?:[ \t][^<>]*)?>")  # what ffmpeg takes for a tag
_ENTITY = re.compile(r"&(#\d+;|#[xX][0-9a-fA-F]+;|[A-Za-z][A-Za-z0-9]*;)")


@dataclass(frozen=True)
class Violation:
    """One broken rule: the cue's number (1-based position among the cues checked; in a file, among its
    cue blocks, malformed ones included), its start in ms (None when unknown), the rule, a message, and
    for a file the line its cue starts on."""

    cue: int
    start: int | None
    rule: str
    message: str
    line: int | None = None


@dataclass(frozen=True)
class Report:
    """The result of checking one file: its path, how many cues it has, what they break."""

    path: str
    cues: int
    violations: tuple[Violation, ...]

    @property
    def ok(self) -> bool:
        return not self.violations


def srt_visible(line: str) -> str:
    r"""What a player shows of an SRT text line: formatting tags and ASS-style codes removed.

    >>> srt_visible("{\\an8}<i>Salt</i> & <font color=red>pepper</font>")
    'Salt & pepper'
    """
    from .formats.srt import unescape

    return unescape(_SRT_FORMATTING.sub("", line))


def srt_text_problems(line: str) -> list[str]:
    """Why a player would show an SRT text line other than as meant: ``-->`` (a parser may take the line for
    a timing line), a tag players do not know (ffmpeg and pysubs2 drop it: ``<or>``, ``<ALERT>``).

    >>> srt_text_problems("<i>in</i> <or> --> <font color=red>out</font>")
    ["'-->' in cue text", "unknown tag '<or>' (players drop it)"]
    """
    found = ["'-->' in cue text"] if "-->" in line else []
    unknown = [m.group(0) for m in _SRT_TAG.finditer(line) if m.group(1).lower() not in ("i", "b", "u", "s", "font")]
    if unknown:
        found.append(f"unknown tag {unknown[0][:30]!r} (players drop it)")
    return found


def _chars(cue: Cue) -> int:
    return sum(len(line) for line in cue.lines) + max(0, len(cue.lines) - 1)


def reading_speed(cue: Cue) -> float:
    """Visible characters per second (a line break counts as one space).

    >>> reading_speed(Cue(1, 0, 2000, ("Hello", "world")))
    5.5
    """
    return _chars(cue) / (cue.duration / 1000) if cue.duration > 0 else float("inf")


def _cue_violations(cue: Cue, style) -> list[tuple[str, str]]:
    """``(rule, message)`` for what one cue breaks on its own."""
    out = []
    text_lines = [line for line in cue.lines if line.strip()]
    if not text_lines:
        out.append(("empty_cue", "cue has no text"))
    for line in cue.lines:
        if len(line) > style.max_chars_per_line:
            out.append(("chars_per_line", f"{len(line)} characters > {style.max_chars_per_line}: {line[:60]!r}"))
    if len(text_lines) > style.max_lines:
        out.append(("lines_per_cue", f"{len(text_lines)} lines > {style.max_lines}"))
    if text_lines and cue.duration > 0:
        seconds = (cue.duration + _TOLERANCE_MS) / 1000  # the most the cue may have lasted before rounding
        if _chars(cue) / seconds > style.cps:
            out.append(("reading_speed", f"{reading_speed(cue):.1f} characters per second > {style.cps:g}"))
        words = sum(len(line.split()) for line in text_lines)
        if style.wpm and words * 60 / seconds > style.wpm:
            out.append(("reading_speed", f"{words * 60000 / cue.duration:.0f} words per minute > {style.wpm:g}"))
    if cue.end < cue.start:
        out.append(("min_duration", f"ends at {timestamp(max(cue.end, 0))}, before it starts"))
    elif cue.duration < style.min_duration * 1000 - _TOLERANCE_MS:
        out.append(("min_duration", f"lasts {cue.duration / 1000:.3f} s < {style.min_duration:g} s"))
    if cue.duration > style.max_duration * 1000 + _TOLERANCE_MS:
        out.append(("max_duration", f"lasts {cue.duration / 1000:.3f} s > {style.max_duration:g} s"))
    return out


def check_cues(cues, style, numbers=None) -> list[Violation]:
    """Violations of ``style`` by ``cues`` (in file order, lines as the viewer sees them), cue by cue.

    ``Violation.cue`` is the cue's 1-based position in ``cues``, or its entry in ``numbers``. A cue
    overlaps when it starts before any earlier cue has ended; the gap is measured from the latest end so far.

    >>> from segmenter.style import Style
    >>> cues = [Cue(1, 0, 9000, ("Long",)), Cue(2, 2000, 3000, ("A",)), Cue(3, 4000, 5000, ("B",)),
    ...         Cue(4, 3500, 9000, ("C",))]
    >>> [(v.cue, v.rule) for v in check_cues(cues, Style(max_duration=10))]
    [(2, 'overlap'), (3, 'overlap'), (4, 'out_of_order')]
    """
    out: list[Violation] = []
    gap_ms = style.min_gap * 1000
    previous = latest = None  # (number, cue) of the cue before, and of the earlier cue that ends last
    for i, cue in enumerate(cues):
        n = numbers[i] if numbers else i + 1
        found = _cue_violations(cue, style)
        if previous is not None:
            before, last = previous[1], latest[1]
            if cue.start < before.start:
                message = f"starts at {timestamp(cue.start)}, before cue {previous[0]} ({timestamp(before.start)})"
                found.append(("out_of_order", message))
            elif cue.start < last.end:
                message = f"starts at {timestamp(cue.start)}, before cue {latest[0]} ends ({timestamp(last.end)})"
                found.append(("overlap", message))
            elif cue.start - last.end < gap_ms - _TOLERANCE_MS:
                message = f"gap {(cue.start - last.end) / 1000:.3f} s after cue {latest[0]} < {style.min_gap:g} s"
                found.append(("min_gap", message))
            elif gap_ms + _TOLERANCE_MS < cue.start - last.end <= style.chain_gap * 1000 + _TOLERANCE_MS:
                message = (f"gap {(cue.start - last.end) / 1000:.3f} s after cue {latest[0]}: close it to "
                           f"{style.min_gap:g} s or leave more than {style.chain_gap:g} s")
                found.append(("chain_gap", message))
        out.extend(Violation(n, cue.start, rule, message) for rule, message in found)
        previous = (n, cue)
        if latest is None or cue.end >= latest[1].end:
            latest = (n, cue)
    return out


def vtt_text_problems(line: str) -> list[str]:
    """Why a player would show a WebVTT cue text line other than as meant: ``-->`` (it ends the cue),
    ``<`` that opens no WebVTT tag, ``&`` that starts no character reference.

    >>> vtt_text_problems("<v Kim><i.loud>Hi</i> &amp; <00:00:01.000>bye &nbsp;> <c.red.bg>x</c> <lang en>y</lang>")
    []
    >>> vtt_text_problems("a < b & <font color=red>c</font> -->")
    ["'-->' in cue text (ends the cue)", "unknown tag '<font color=red>' (not shown, nor its styling)", \
"unescaped '<' (write &lt;)", "unescaped '&' (write &amp;)"]
    """
    found = []
    if "-->" in line:
        found.append("'-->' in cue text (ends the cue)")
    rest = _VTT_TAG.sub("", line)
    unknown = _LOOKS_LIKE_TAG.findall(rest)
    if unknown:
        found.append(f"unknown tag {unknown[0][:30]!r} (not shown, nor its styling)")
    if "<" in _LOOKS_LIKE_TAG.sub("", rest):
        found.append("unescaped '<' (write &lt;)")
    if "&" in _ENTITY.sub("", rest) or any(not _known_entity(m) for m in _ENTITY.findall(rest)):
        found.append("unescaped '&' (write &amp;)")
    return found


def _known_entity(body: str) -> bool:
    return body.startswith("#") or body in html5


def _file_cues(text: str, fmt: str) -> tuple[list[tuple[int, Cue]], list]:
    """``(line, cue as shown)`` per cue, and the :class:`~segmenter.formats.Finding` objects of the file
    (the reader's, and text a player would mis-render)."""
    from . import formats

    found: list = []
    shown = []
    if fmt == "vtt":
        from .formats import vtt

        for n, raw in enumerate(vtt.parse(text, found), 1):
            found += [formats.Finding(raw.line_number, "misrendered_text", f"{problem}: {line[:60]!r}", n - 1)
                      for line in raw.lines for problem in vtt_text_problems(line)]
            shown.append((raw.line_number, vtt.FORMAT.shown(raw, n)))
    else:
        from .formats import srt

        for n, (number, cue) in enumerate(srt.parse(text, found), 1):
            found += [formats.Finding(number, "misrendered_text", f"{problem}: {line[:60]!r}", n - 1)
                      for line in cue.lines for problem in srt_text_problems(line)]
            shown.append((number, replace(cue, index=n, lines=tuple(srt_visible(line) for line in cue.lines))))
    return shown, found


def check_text(text: str, fmt: str, style, path: str = "<text>") -> Report:
    """Check subtitle text in format ``fmt`` (``srt`` or ``vtt``) against ``style``.

    Cues are numbered by their place in the file, blocks a player drops or ignores included; an unreadable
    file (not WebVTT at all) raises :class:`InputError` naming ``path``.
    """
    try:
        shown, findings = _file_cues(text, fmt)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    dropped = [f for f in findings if f.cue is None]
    # the file's blocks in order: each cue and each block that gave none gets its number
    blocks = sorted([(line, i) for i, (line, _) in enumerate(shown)] + [(f.line, -1 - j) for j, f in enumerate(dropped)])
    number = {key: n for n, (_, key) in enumerate(blocks, 1)}
    numbers = [number[i] for i in range(len(shown))]
    cues = [cue for _, cue in shown]
    found = [Violation(number[-1 - j], None, f.rule, f.message, f.line) for j, f in enumerate(dropped)]
    line_of = {numbers[i]: line for i, (line, _) in enumerate(shown)}
    found += [replace(v, line=line_of[v.cue]) for v in check_cues(cues, style, numbers)]
    found += [Violation(numbers[f.cue], cues[f.cue].start, f.rule, f.message, shown[f.cue][0])
              for f in findings if f.cue is not None]
    found.sort(key=lambda v: (v.cue, RULES.index(v.rule)))
    return Report(path, len(cues), tuple(found))


def load_text(path: str, encoding: str | None = None) -> tuple[str, str]:
    """The format (``srt`` or ``vtt``) and text of a subtitle file (``-``: standard input), decoded as its
    format's players decode it; refused with a one-line :class:`InputError`."""
    from . import formats
    from .files import read_bytes

    name = "<stdin>" if path == "-" else path
    data = read_bytes(path)
    fmt = formats.sniff(data[:4096].decode("utf-8", "replace"), name)
    return fmt, formats.get(fmt).decode(data, name, encoding)


def summary(report: Report) -> str:
    """One line per file: cue count and violations by rule.

    >>> summary(Report("a.srt", 3, (Violation(1, 0, "min_gap", "x"), Violation(2, 0, "min_gap", "y"))))
    'a.srt: 3 cues, 2 violations (min_gap 2)'
    >>> summary(Report("b.vtt", 1, ()))
    'b.vtt: 1 cue, OK'
    """
    cues = f"{report.cues} cue{'' if report.cues == 1 else 's'}"
    if report.ok:
        return f"{report.path}: {cues}, OK"
    counts: dict[str, int] = {}
    for v in report.violations:
        counts[v.rule] = counts.get(v.rule, 0) + 1
    detail = ", ".join(f"{rule} {count}" for rule, count in counts.items())
    many = len(report.violations)
    return f"{report.path}: {cues}, {many} violation{'' if many == 1 else 's'} ({detail})"


def describe(report: Report, violation: Violation) -> str:
    """One line for one violation: file, cue number, start time and line, rule, message."""
    where = [timestamp(violation.start)] if violation.start is not None else []
    where += [f"line {violation.line}"] if violation.line is not None else []
    return f"{report.path}: cue {violation.cue} ({', '.join(where)}): {violation.rule}: {violation.message}"


def as_json(reports, unreadable, style) -> dict:
    """The JSON document ``check --format json`` prints (one entry per file, times also as text)."""
    return {"style": style.name, "ok": not unreadable and all(r.ok for r in reports),
            "files": [{"path": r.path, "cues": r.cues, "ok": r.ok, "summary": summary(r),
                       "violations": [{"cue": v.cue, "start_ms": v.start,
                                       "time": timestamp(v.start) if v.start is not None else None,
                                       "line": v.line, "rule": v.rule, "message": v.message}
                                      for v in r.violations]} for r in reports],
            "unreadable": list(unreadable)}
