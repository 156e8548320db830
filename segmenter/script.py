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

Which marks mean what is a dialect (:mod:`segmenter.dialect`, ``dialects/*.toml``): ``plain`` is the
above; ``newsroom`` adds slugs, element cues (``(**SOT**)``), talent, name supers, IN/OUT lines and run times.

>>> segs = parse_script("Crowds gathered in Seoul.\\nKim Ha-na reports.\\nThe rally was peaceful.\\n"
...                     "Kim Ha-na, Arirang News.")
>>> [(s.section, s.speaker, s.text) for s in segs]  # doctest: +NORMALIZE_WHITESPACE
[('lead_in', None, 'Crowds gathered in Seoul.'), ('lead_in', None, 'Kim Ha-na reports.'),
 ('package', 'Kim Ha-na', 'The rally was peaceful.'), ('sign_off', 'Kim Ha-na', 'Kim Ha-na, Arirang News.')]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator

from .dialect import Dialect, load_dialect, run_time_seconds
from .model import Segment
from .sentences import split_sentences

#: control characters that are not whitespace: never subtitled (a player would show boxes or nothing)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_LINE_END = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")  # as str.splitlines
_LABEL = re.compile(r"^\s*(?P<label>[A-Z][A-Z0-9'’. -]*[A-Z0-9.])\s*:(?:\s+|$)(?P<rest>.*)$")


@dataclass(frozen=True, slots=True)
class _Para:
    index: int
    text: str
    section: str | None  # set by a marker, a label or an element
    speaker: str | None
    label: str | None
    element: int = 0
    from_element: bool = False
    run_time: float | None = None
    super_name: str | None = None
    slug: str | None = None  # a paragraph with a slug and no text opens a story


def display_name(label: str) -> str:
    """A speaker label in capitals as a name.

    >>> display_name("KANG KYUNG-WHA"), display_name("O'BRIEN")
    ('Kang Kyung-wha', "O'Brien")
    """
    def word(w: str) -> str:
        parts = re.split(r"(['’])", w.lower())
        return "".join(p[:1].upper() + p[1:] if i % 2 == 0 else p for i, p in enumerate(parts))
    return " ".join(word(w) for w in label.split())


def strip_notes(line: str, dialect: Dialect | None = None) -> str:
    """Drop production notes (``[...]``, ``((...))``, and the dialect's others) from a line.

    >>> strip_notes("We went [VIDEO: pan] north ((map)) today.")
    'We went north today.'
    """
    return " ".join((dialect or load_dialect("plain")).notes.sub(" ", line).split())


_MARKER = re.compile(r"\s*\[\s*([A-Za-z](?:[A-Za-z _-]*[A-Za-z_-])?)\s*\]\s*")  # one whitespace run per gap: linear


def _marker(line: str, dialect: Dialect) -> str | None:
    """The section a marker line (``[PACKAGE]``) opens, if it is one."""
    m = _MARKER.fullmatch(line) if "[" in line else None
    return dialect.markers.get(re.sub(r"[^a-z]", "", m.group(1).lower())) if m else None


def _lines(text: str | Iterable[str]) -> Iterator[str]:
    """The lines of ``text`` one at a time (any line end, as ``str.splitlines``), without a copy of all;
    ``text`` is a string or its pieces in order (a line may span pieces).

    >>> list(_lines("a\\r\\nb\\n")) == list(_lines(["a\\r", "\\nb", "\\n"])) == ["a", "b"]
    True
    """
    carry = ""
    for piece in [text] if isinstance(text, str) else text:
        buffer, start = carry + piece, 0  # a whole string is not copied: "" + text is text
        for end in _LINE_END.finditer(buffer):
            if end.end() == len(buffer) and end.group() == "\r":
                break  # may be the first half of a CR LF split between pieces
            yield buffer[start:end.start()]
            start = end.end()
        carry = buffer[start:]
    yield from carry.splitlines()


def _element_type(dialect: Dialect, kind: str) -> str | None:
    """The dialect's name for an element type as written ("VO-SOT" is "VO/SOT", "LIVE SIDE" is "LIVE")."""
    kind = " ".join(kind.upper().replace("-", "/").split())
    first = kind.split(" ")[0].split("/")[0]
    return kind if kind in dialect.elements else first if first in dialect.elements else None


def _paragraphs(text: str, dialect: Dialect) -> Iterator[_Para]:
    """Lines with notes dropped and markers, labels and (newsroom) element marks applied."""
    section, speaker, label = None, None, None
    element, from_element, run_time, pending_super, talent = 0, False, None, None, None
    parts, person = None, False  # the part types of a compound element (VO/SOT); a super with a title
    room = dialect.elements is not None
    for index, raw in enumerate(_lines(text)):
        raw = _CONTROL.sub("", raw)
        marker = _marker(raw, dialect)
        if marker:
            section, speaker, label, from_element = marker, None, None, False
            continue
        bare = None  # the line without notes or run time, while raw is as read
        if room:
            timed = dialect.run_time.search(raw)
            bare = strip_notes(raw[:timed.start()] + " " + raw[timed.end():] if timed else raw, dialect)
            slug = dialect.slug.match(bare)
            if slug and not dialect.element_line.match(bare) and slug.group("slug") not in dialect.production_labels:
                yield _Para(index, "", None, None, None, slug=slug.group("slug"))  # a run time here is the story's
                section, speaker, label, from_element, run_time, talent = None, None, None, False, None, None
                parts = None
                continue
            line_mark = dialect.element_line.match(raw)
            opened = dialect.element.match(raw) or line_mark
            kind = _element_type(dialect, opened.group("type")) if opened else None
            bare_time = line_mark.groupdict().get("time") if line_mark else None  # "VO/SOT :45"
            stated = run_time_seconds(timed) if timed else run_time_seconds(bare_time) if bare_time else None
            if kind:
                if parts and kind in parts and run_time is not None and stated is None:
                    pass  # a part of a compound element with a run time: same element, same run time
                else:
                    element, run_time, parts = element + 1, None, dialect.parts.get(kind)
                section, label, from_element = dialect.elements[kind], None, True
                speaker = pending_super if section == "quote" else talent if section == "lead_in" else None
                if line_mark:  # a bare "VO/SOT" line: the mark is not spoken, text after "VO:" is
                    raw = re.sub(r"^\s*:", "", raw[line_mark.end("time" if bare_time and not timed else "type"):])
                    bare = None
            if stated is not None:
                if not from_element:
                    element, from_element = element + 1, True
                run_time = stated
            named = dialect.super.match(raw)
            if named:
                pending_super = named.group("name").strip()
                person = "title" not in named.re.groupindex or bool(named.group("title"))
                if section == "quote":  # a super inside a bite names its speaker
                    speaker = pending_super
                continue
            if dialect.skip.match(raw):
                continue
            reader = dialect.talent.match(raw)
            if reader:
                talent = reader.group("name").strip()
                section, speaker, label, from_element = "lead_in", talent, None, False
                continue
            if bare is None:
                timed = dialect.run_time.search(raw)
                if timed:
                    raw = raw[:timed.start()] + " " + raw[timed.end():]
        line = strip_notes(raw, dialect) if bare is None else bare
        spoken = dialect.transcript.match(line) if dialect.transcript else None
        if spoken:
            line = " ".join(spoken.group("text").split())
        m = _LABEL.match(line)
        if m and m.group("label").split()[0].rstrip(".") in dialect.production_labels:
            continue
        if m:
            label = m.group("label").strip()
            line = m.group("rest").strip()
            upper = label.upper()
            from_element = False
            if upper in dialect.anchor_labels:
                section, speaker = "lead_in", None
            elif upper in dialect.reporter_labels:
                section, speaker = "package", None
            else:
                section, speaker = "quote", display_name(label)
        if line:
            if room and pending_super and section != "quote" and person:  # a bite inside a VO or package
                yield _Para(index, line, "quote", pending_super, None, element, from_element,
                            run_time if from_element else None, pending_super)
                pending_super = None
                continue
            shown = pending_super if room and pending_super else None  # a name, or a place (no title)
            yield _Para(index, line, section, speaker, label, element, from_element,
                        run_time if from_element else None, shown)
            if shown:
                pending_super = None


def is_sign_off(text: str, dialect: Dialect | None = None) -> re.Match | None:
    """The match of a sign-off paragraph ("Name, Outlet News[, Place].").

    >>> is_sign_off("Lee Ji-won, Arirang News.").group("name")
    'Lee Ji-won'
    >>> is_sign_off("However, the talks went on.") is None
    True
    """
    if len(text.split()) > 10:
        return None
    return (dialect or load_dialect("plain")).sign_off.match(text)


def _is_quote(text: str) -> bool:
    stripped = text.rstrip()
    closes = stripped.endswith(('"', "”")) or stripped.endswith(('."', '.”', '?"', '!"'))
    if not closes:
        return False
    straight, opening, closing = text.count('"'), text.count("“"), text.count("”")
    if straight % 2 == 1 or closing > opening:
        return True  # closes a quotation it never opened
    return text.startswith(('"', "“")) and straight + opening + closing == 2


def _split_toss(text: str, dialect: Dialect) -> tuple[str, str, str] | None:
    """(before, toss, after) when a sentence of ``text`` is a toss; the name is in the toss."""
    if not dialect.toss_hint.search(text):
        return None
    sentences = split_sentences(text)
    for i, sentence in enumerate(sentences):
        if dialect.toss.search(sentence):
            return " ".join(sentences[:i]), sentence, " ".join(sentences[i + 1:])
    return None


def parse_script(text: str, dialect: Dialect | str | None = None) -> tuple[Segment, ...]:
    """Parse a script into segments with section, speaker, text, paragraph and story numbers."""
    return tuple(iter_segments(text, dialect))


def _signs_off(para: _Para, dialect: Dialect) -> re.Match | None:
    return is_sign_off(para.text, dialect) if para.section in (None, "sign_off") or para.from_element else None


def iter_segments(text: str | Iterable[str], dialect: Dialect | str | None = None) -> Iterator[Segment]:
    """The segments of a script, story by story (a story ends at its sign-off or a new slug), holding one
    story at a time. ``dialect`` is a :class:`Dialect` or a name (default ``plain``)."""
    if not isinstance(dialect, Dialect):
        dialect = load_dialect(dialect or "plain")
    story: list[_Para] = []
    number, slug = 0, None
    for para in _paragraphs(text, dialect):
        if para.slug is not None:
            if story:
                yield from _story_segments(story, number, slug, dialect)
                story, number = [], number + 1
            slug = para.slug
            continue
        story.append(para)
        if _signs_off(para, dialect) and slug is None:  # a slugged story runs to the next slug (DONUT tags)
            yield from _story_segments(story, number, slug, dialect)
            story, number, slug = [], number + 1, None
    if story:
        yield from _story_segments(story, number, slug, dialect)


def _story_segments(story: list[_Para], number: int, slug: str | None, dialect: Dialect) -> list[Segment]:
    last = len(story) - 1
    if slug is not None:  # in a slugged story the sign-off may be followed by an anchor tag
        last = next((i for i in range(len(story) - 1, -1, -1) if _signs_off(story[i], dialect)), last)
    sign = _signs_off(story[last], dialect)
    reporter = sign.group("name") if sign else None
    toss_at, toss = None, None
    if not any(p.section for p in story):
        for i, para in enumerate(story[:last] if sign else story):
            toss = _split_toss(para.text, dialect)
            if toss:
                toss_at = i
                reporter = reporter or dialect.toss.search(toss[1]).group("name")
                break
    out: list[Segment] = []

    def add(section: str, speaker: str | None, text: str, para: _Para) -> None:
        if text:
            out.append(Segment(section, speaker, text, para.index, number, para.element, para.run_time,
                               para.super_name if not out or out[-1].paragraph != para.index else None, slug))

    section = "lead_in" if toss_at is not None else ("package" if sign else "lead_in")
    for i, para in enumerate(story):
        if sign and i == last:
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
