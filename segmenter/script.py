"""Script structure: which text is the anchor's lead-in, the reporter's package, a sound bite, the sign-off.

Plain prose (one paragraph a line, like wire-style broadcast copy) is read by heuristics:

* the **lead-in** runs up to and including the toss ("Lee Ji-won reports.", "X has more.", "X has the
  story.", "X reports from Seoul.");
* the **sign-off** is a paragraph "Name, Outlet News." (optionally ", Place."); it ends a story, so a
  bulletin of several stories splits at its sign-offs;
* the reporter named by the toss or the sign-off speaks the **package**;
* a paragraph that closes a quotation it never opened, or is one quotation, is a **quote** (sound bite).

Explicit markup overrides the heuristics (see the README):

* ``ANCHOR:``, ``REPORTER:`` or a name in capitals (``KANG KYUNG-WHA:``) at line start sets the speaker
  of that line and the lines after it;
* a line holding only a section marker (``[LEAD-IN]``, ``[PACKAGE]``, ``[SOT]``, ``[SIGN-OFF]``) sets the
  section of the lines after it;
* production notes in square brackets or double parentheses (``[VIDEO: crowd]``, ``((graphic))``) are
  dropped wherever they stand.

Control characters that are not whitespace (a bell, an escape) are dropped too.

>>> segs = parse_script("Crowds gathered in Seoul.\\nKim Ha-na reports.\\nThe rally was peaceful.\\n"
...                     "Kim Ha-na, Arirang News.")
>>> [(s.section, s.speaker, s.text) for s in segs]  # doctest: +NORMALIZE_WHITESPACE
[('lead_in', None, 'Crowds gathered in Seoul.'), ('lead_in', None, 'Kim Ha-na reports.'),
 ('package', 'Kim Ha-na', 'The rally was peaceful.'), ('sign_off', 'Kim Ha-na', 'Kim Ha-na, Arirang News.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

from .model import Segment
from .sentences import split_sentences

_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"
_TOSS = re.compile(
    rf"(?:^|\s)(?P<name>{_NAME})\s+(?:reports|has\s+more|has\s+the\s+story|has\s+the\s+details|has\s+details"
    rf"|has\s+this\s+report|has\s+the\s+report|reports\s+from\s+[^.]+|has\s+more\s+from\s+[^.]+"
    rf"|has\s+the\s+story\s+from\s+[^.]+)\s*\.\s*$")
_TOSS_HINT = re.compile(r"\s(?:reports|has)\b")
_OUTLET = (r"(?:[\w&'’.-]+\s+){0,3}(?:News|TV|Television|Radio|Network|Broadcasting|Channel|Media|Newsroom)"
           r"|[A-Z]{2,6}(?:-TV)?|[A-Z][\w]*-TV")
_SIGN_OFF = re.compile(
    rf"^(?P<name>{_NAME}),\s+(?P<outlet>{_OUTLET})(?:,\s+(?P<place>{_NAME}))?\s*\.$")
#: control characters that are not whitespace: never subtitled (a player would show boxes or nothing)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_LINE = re.compile(r"([^\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]*)(?:\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]|$)")
_NOTE = re.compile(r"\[[^\]\n]*\]|\(\([^\n]*?\)\)")
_LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z0-9'’. -]*[A-Z0-9.])\s*:(?:\s+|$)(?P<rest>.*)$")
_MARKERS = {
    "leadin": "lead_in", "intro": "lead_in", "anchor": "lead_in", "lead": "lead_in",
    "package": "package", "pkg": "package", "vo": "package", "report": "package",
    "quote": "quote", "sot": "quote", "bite": "quote", "soundbite": "quote",
    "signoff": "sign_off", "sigclose": "sign_off", "outro": "sign_off",
}
#: labels that are production marks, not speakers; their lines are never subtitled
_NON_SPEAKERS = {"CG", "SUPER", "CH", "CY", "IN", "OUT", "TRT", "RUNS", "NOTE", "VIDEO", "AUDIO", "GFX",
                 "SLUG", "TAPE", "CUE", "SOURCE", "TIME"}


@dataclass(frozen=True)
class _Para:
    index: int
    text: str
    section: str | None  # set by a marker or a label
    speaker: str | None
    label: str | None


def display_name(label: str) -> str:
    """A speaker label in capitals as a name.

    >>> display_name("KANG KYUNG-WHA"), display_name("O'BRIEN")
    ('Kang Kyung-wha', "O'Brien")
    """
    def word(w: str) -> str:
        parts = re.split(r"(['’])", w.lower())
        return "".join(p[:1].upper() + p[1:] if i % 2 == 0 else p for i, p in enumerate(parts))
    return " ".join(word(w) for w in label.split())


def strip_notes(line: str) -> str:
    """Drop production notes (``[...]``, ``((...))``) from a line.

    >>> strip_notes("We went [VIDEO: pan] north ((map)) today.")
    'We went north today.'
    """
    return " ".join(_NOTE.sub(" ", line).split())


def _marker(line: str) -> str | None:
    m = re.fullmatch(r"\s*\[\s*([A-Za-z][A-Za-z _-]*)\s*\]\s*", line)
    return _MARKERS.get(re.sub(r"[^a-z]", "", m.group(1).lower())) if m else None


def _lines(text: str) -> Iterator[str]:
    """The lines of ``text`` one at a time (any line end, as ``str.splitlines``), without a copy of all."""
    for match in _LINE.finditer(text):
        if match.end() > match.start() or match.start() < len(text):
            yield match.group(1)


def _paragraphs(text: str) -> Iterator[_Para]:
    """Lines with notes dropped, section markers and speaker labels applied."""
    section, speaker, label = None, None, None
    for index, raw in enumerate(_lines(text)):
        raw = _CONTROL.sub("", raw)
        marker = _marker(raw)
        if marker:
            section, speaker, label = marker, None, None
            continue
        line = strip_notes(raw)
        m = _LABEL.match(line)
        if m and m.group("label").split()[0].rstrip(".") in _NON_SPEAKERS:
            continue
        if m:
            label = m.group("label").strip()
            line = m.group("rest").strip()
            upper = label.upper()
            if upper in ("ANCHOR", "PRESENTER", "HOST"):
                section, speaker = "lead_in", None
            elif upper in ("REPORTER", "CORRESPONDENT"):
                section, speaker = "package", None
            else:
                section, speaker = "quote", display_name(label)
        if line:
            yield _Para(index, line, section, speaker, label)


def is_sign_off(text: str) -> re.Match | None:
    """The match of a sign-off paragraph ("Name, Outlet News[, Place].").

    >>> is_sign_off("Lee Ji-won, Arirang News.").group("name")
    'Lee Ji-won'
    >>> is_sign_off("However, the talks went on.") is None
    True
    """
    return _SIGN_OFF.match(text) if len(text.split()) <= 10 else None


def _is_quote(text: str) -> bool:
    stripped = text.rstrip()
    closes = stripped.endswith(('"', "”")) or stripped.endswith(('."', '.”', '?"', '!"'))
    if not closes:
        return False
    straight, opening, closing = text.count('"'), text.count("“"), text.count("”")
    if straight % 2 == 1 or closing > opening:
        return True  # closes a quotation it never opened
    return text.startswith(('"', "“")) and straight + opening + closing == 2


def _split_toss(text: str) -> tuple[str, str, str] | None:
    """(before, toss, after) when a sentence of ``text`` is a toss; the name is in the toss."""
    if not _TOSS_HINT.search(text):
        return None
    sentences = split_sentences(text)
    for i, sentence in enumerate(sentences):
        if _TOSS.search(sentence):
            return " ".join(sentences[:i]), sentence, " ".join(sentences[i + 1:])
    return None


def parse_script(text: str) -> tuple[Segment, ...]:
    """Parse a script into segments with section, speaker, text, paragraph and story numbers."""
    return tuple(iter_segments(text))


def iter_segments(text: str) -> Iterator[Segment]:
    """The segments of a script, story by story (a story ends at its sign-off), holding one story at a time."""
    story: list[_Para] = []
    number = 0
    for para in _paragraphs(text):
        story.append(para)
        if is_sign_off(para.text) and para.section in (None, "sign_off"):
            yield from _story_segments(story, number)
            story, number = [], number + 1
    if story:
        yield from _story_segments(story, number)


def _story_segments(story: list[_Para], number: int) -> list[Segment]:
    sign = is_sign_off(story[-1].text) if story[-1].section in (None, "sign_off") else None
    reporter = sign.group("name") if sign else None
    toss_at, toss = None, None
    if not any(p.section for p in story):
        for i, para in enumerate(story[:-1] if sign else story):
            toss = _split_toss(para.text)
            if toss:
                toss_at = i
                reporter = reporter or _TOSS.search(toss[1]).group("name")
                break
    out: list[Segment] = []

    def add(section: str, speaker: str | None, text: str, para: _Para) -> None:
        if text:
            out.append(Segment(section, speaker, text, para.index, number))

    section = "lead_in" if toss_at is not None else ("package" if sign else "lead_in")
    for i, para in enumerate(story):
        if sign and i == len(story) - 1:
            add("sign_off", reporter, para.text, para)
        elif para.section:
            speaker = para.speaker
            if para.section == "package" and speaker is None:
                speaker = reporter or ("Reporter" if para.label else None)
            add(para.section, speaker, para.text, para)
        elif i == toss_at:
            before, tossed, after = toss
            add("lead_in", None, before, para)
            add("lead_in", None, tossed, para)
            add("package", reporter, after, para)
            section = "package"
        elif section == "package" and _is_quote(para.text):
            add("quote", None, para.text, para)
        else:
            add(section, reporter if section == "package" else None, para.text, para)
    return out
