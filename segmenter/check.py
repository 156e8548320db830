"""Subtitle QC: the style rules a broadcaster checks, for any SRT or WebVTT file.

>>> from segmenter.style import Style
>>> style = Style(max_chars_per_line=10, cps=10.0, min_duration=1.0, max_duration=5.0, min_gap=0.1)
>>> cues = [Cue(1, 0, 500, ("Far too long a line",)), Cue(2, 550, 9000, ("ok",))]
>>> [v.rule for v in check_cues(cues, style)]
['chars_per_line', 'reading_speed', 'min_duration', 'max_duration', 'min_gap']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .errors import InputError
from .formats.vtt import timestamp
from .model import Cue

RULES = ("chars_per_line", "lines_per_cue", "reading_speed", "min_duration", "max_duration", "min_gap",
         "overlap", "out_of_order", "empty_cue", "malformed_timestamp", "misrendered_text")

_TOLERANCE_MS = 1  # times are written in whole milliseconds
_SRT_TIME = re.compile(r"^\s*\d{1,3}:[0-5]\d:[0-5]\d[,.]\d{1,3}\s*-->\s*\d{1,3}:[0-5]\d:[0-5]\d[,.]\d{1,3}"
                       r"(?:\s+.*)?$")
_VTT_TAG = re.compile(r"<(?:/?(?:[ibu]|ruby|rt|lang(?:[ \t][^>]*)?|c(?:\.[^\s>]*)?|v(?:\.[^\s>]*)?(?:[ \t][^>]*)?)"
                      r"|/[cv]|\d{2,}:[0-5]\d:[0-5]\d\.\d{3}|[0-5]\d:[0-5]\d\.\d{3})>")
_VTT_ENTITY = re.compile(r"&(?:amp|lt|gt|nbsp|lrm|rlm|#\d+|#[xX][0-9a-fA-F]+|[A-Za-z]+);")


@dataclass(frozen=True)
class Violation:
    """One broken rule: the cue's number in the file (1-based), its start in ms, the rule and a message."""

    cue: int
    start: int | None
    rule: str
    message: str


@dataclass(frozen=True)
class Report:
    """The result of checking one file."""

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
    return re.sub(r"</?(?:[ibu]|font)(?:\s[^>]*)?>|\{\\[^}]*\}", "", line, flags=re.I)


def reading_speed(cue: Cue) -> float:
    """Visible characters per second (a line break counts as one space).

    >>> reading_speed(Cue(1, 0, 2000, ("Hello", "world")))
    5.5
    """
    chars = sum(len(line) for line in cue.lines) + max(0, len(cue.lines) - 1)
    return chars / (cue.duration / 1000) if cue.duration > 0 else float("inf")


def check_cues(cues, style) -> list[Violation]:
    """Violations of ``style`` by ``cues`` (in file order, lines as the viewer sees them), per cue then
    between neighbours."""
    out: list[Violation] = []
    min_ms, max_ms = style.min_duration * 1000, style.max_duration * 1000
    gap_ms = style.min_gap * 1000
    previous = None
    for n, cue in enumerate(cues, 1):
        def add(rule: str, message: str) -> None:
            out.append(Violation(n, cue.start, rule, message))

        text_lines = [line for line in cue.lines if line.strip()]
        if not text_lines:
            add("empty_cue", "cue has no text")
        for line in cue.lines:
            if len(line) > style.max_chars_per_line:
                add("chars_per_line", f"{len(line)} characters > {style.max_chars_per_line}: {line!r}")
        if len(text_lines) > style.max_lines:
            add("lines_per_cue", f"{len(text_lines)} lines > {style.max_lines}")
        if text_lines and cue.duration > 0:
            cps = reading_speed(cue)
            if cps * cue.duration / (cue.duration + _TOLERANCE_MS) > style.cps:
                add("reading_speed", f"{cps:.1f} characters per second > {style.cps:g}")
        if cue.duration < min_ms - _TOLERANCE_MS:
            add("min_duration", f"lasts {cue.duration / 1000:.3f} s < {style.min_duration:g} s")
        if cue.duration > max_ms + _TOLERANCE_MS:
            add("max_duration", f"lasts {cue.duration / 1000:.3f} s > {style.max_duration:g} s")
        if previous is not None:
            if cue.start < previous.start:
                add("out_of_order", f"starts at {timestamp(cue.start)}, before cue {n - 1} ({timestamp(previous.start)})")
            elif cue.start < previous.end:
                add("overlap", f"starts at {timestamp(cue.start)}, before cue {n - 1} ends ({timestamp(previous.end)})")
            elif cue.start - previous.end < gap_ms - _TOLERANCE_MS:
                add("min_gap", f"gap {(cue.start - previous.end) / 1000:.3f} s < {style.min_gap:g} s")
        previous = cue
    return out


def _srt_cues(text: str) -> tuple[list[Cue], list[Violation]]:
    """SRT cues through the ``srt`` package; blocks with a malformed timing line become violations."""
    from . import formats

    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    kept, bad = [], []
    for block in re.split(r"\n[ \t]*\n+", text.strip("\n")):
        lines = block.split("\n")
        timing = next((i for i, line in enumerate(lines[:2]) if "-->" in line), None)
        if timing is None or not _SRT_TIME.match(lines[timing]):
            shown = lines[timing] if timing is not None else lines[0]
            bad.append(Violation(len(kept) + len(bad) + 1, None, "malformed_timestamp",
                                 f"no valid timing line: {shown[:60]!r}"))
            continue
        kept.append(block)
    cues = formats.get("srt").read("\n\n".join(kept) + "\n") if kept else []
    out = []
    for cue in cues:
        if any("-->" in line for line in cue.lines):
            out.append(Violation(cue.index, cue.start, "misrendered_text", "'-->' in cue text"))
    visible = [Cue(c.index, c.start, c.end, tuple(srt_visible(line) for line in c.lines)) for c in cues]
    return visible, bad + out


def _vtt_cues(text: str) -> tuple[list[Cue], list[Violation]]:
    """WebVTT cues from the strict parser; malformed timings and unescaped text become violations."""
    from .formats import vtt

    malformed: list = []
    raw = vtt.parse(text, malformed)
    found = [Violation(0, None, "malformed_timestamp", f"line {number}: {line[:60]!r}") for number, line in malformed]
    cues = []
    for n, r in enumerate(raw, 1):
        for line in r.lines:
            if "-->" in line:
                found.append(Violation(n, r.start, "misrendered_text", f"'-->' in cue text: {line[:60]!r}"))
            rest = _VTT_TAG.sub("", line)
            if "<" in rest or ">" in rest:
                found.append(Violation(n, r.start, "misrendered_text", f"unescaped '<' or '>': {line[:60]!r}"))
            if "&" in _VTT_ENTITY.sub("", rest):
                found.append(Violation(n, r.start, "misrendered_text", f"unescaped '&': {line[:60]!r}"))
        cues.append(Cue(n, r.start, r.end, tuple(vtt.plain(line) for line in r.lines)))
    return cues, found


def check_text(text: str, fmt: str, style, path: str = "<text>") -> Report:
    """Check subtitle text in format ``fmt`` (``srt`` or ``vtt``) against ``style``."""
    try:
        cues, found = (_vtt_cues if fmt == "vtt" else _srt_cues)(text)
    except InputError as exc:
        raise InputError(f"{path}: {exc}") from None
    found = found + check_cues(cues, style)
    found.sort(key=lambda v: (v.cue, RULES.index(v.rule)))
    return Report(path, len(cues), tuple(found))


def summary(report: Report) -> str:
    """One line per file: cue count and violations by rule.

    >>> summary(Report("a.srt", 3, (Violation(1, 0, "min_gap", "x"), Violation(2, 0, "min_gap", "y"))))
    'a.srt: 3 cues, 2 violations (min_gap 2)'
    """
    if report.ok:
        return f"{report.path}: {report.cues} cues, OK"
    counts: dict[str, int] = {}
    for v in report.violations:
        counts[v.rule] = counts.get(v.rule, 0) + 1
    detail = ", ".join(f"{rule} {count}" for rule, count in counts.items())
    return f"{report.path}: {report.cues} cues, {len(report.violations)} violations ({detail})"


def describe(report: Report, violation: Violation) -> str:
    """One line for one violation: file, cue number, start time, rule, message."""
    when = timestamp(violation.start) if violation.start is not None else "?"
    where = f"cue {violation.cue} ({when})" if violation.cue else "file"
    return f"{report.path}: {where}: {violation.rule}: {violation.message}"
