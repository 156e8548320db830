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
from dataclasses import dataclass, field, replace
from typing import Iterable, Iterator

from .dialect import Dialect, load_dialect, run_time_seconds
from .language import AUX, CONJ, NEG, PRON, SUB, SUBJ, VERB, english
from .model import Segment
from .sentences import split_sentences

#: control characters that are not whitespace: never subtitled (a player would show boxes or nothing)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")
_BACKTICK = re.compile(r"(?<=[A-Za-z])`(?=[A-Za-z])")  # a typewriter's apostrophe ("I`m"): an apostrophe
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
    title: str | None = None  # the speaker's title (transcripts)


#: a romanised Korean syllable: the parts of a hyphenated Korean given name ("Kyung-wha") after the first
#: stay in lower case; other hyphenated names capitalise every part ("Jean-Pierre")
_KOREAN = re.compile(r"(?:kk|tt|pp|ss|jj|ch|[gkndrlmbpsjth])?[hwy]{0,2}(?:ae|eo|eu|oe|oo|ou|ui|ee|a|e|i|o|u)"
                     r"(?:ng|n|m|l|k|p|t|b)?")
_MIXED = re.compile(r"[A-Z][a-z]{1,2}(?=[A-Z])")  # "Mc" of McKUNE, "De" of DeCOSTA, "Mac" of MacDONALD


def _name_word(word: str) -> str:
    """One word of a name in capitals, as a name is written (see :func:`display_name`)."""
    mixed = _MIXED.match(word)
    if mixed:
        return mixed.group() + _name_word(word[mixed.end():])
    if any(c.islower() for c in word) or word.rstrip(".,") in english().initialisms:
        return word  # written in mixed case already, an initialism ("PM") or a suffix ("LLOYD J. AUSTIN III")
    if len(word) > 3 and word.startswith("MC") and word[2:].isalpha():
        return "Mc" + _name_word(word[2:])  # MCKUNE as McKune (a Mac is not told from Macy: left alone)
    parts = word.lower().split("-")
    korean = len(parts) > 1 and all(_KOREAN.fullmatch(p) for p in parts)
    out = ["".join(q[:1].upper() + q[1:] if i % 2 == 0 else q for i, q in enumerate(re.split(r"(['’])", p)))
           for p in parts]
    return "-".join([out[0], *parts[1:]] if korean else out)


def display_name(label: str) -> str:
    """A speaker label in capitals as a name.

    >>> display_name("KANG KYUNG-WHA"), display_name("O'BRIEN"), display_name("JEAN-PIERRE")
    ('Kang Kyung-wha', "O'Brien", 'Jean-Pierre')
    >>> display_name("BENJAMIN R. DeCOSTA"), display_name("McKUNE"), display_name("BRYAN MCKUNE")
    ('Benjamin R. DeCosta', 'McKune', 'Bryan McKune')
    >>> display_name("PM"), display_name("CNN CORRESPONDENT ANDREW NG"), display_name("LLOYD J. AUSTIN III")
    ('PM', 'CNN Correspondent Andrew Ng', 'Lloyd J. Austin III')
    """
    return " ".join(_name_word(w) for w in label.split())


def strip_notes(line: str, dialect: Dialect | None = None) -> str:
    """Drop production notes (``[...]``, ``((...))``, and the dialect's others) from a line.

    >>> strip_notes("We went [VIDEO: pan] north ((map)) today.")
    'We went north today.'
    >>> strip_notes("It will be led by [senior administration official], as before [inaudible] now.")
    'It will be led by senior administration official, as before now.'

    Punctuation right after a note closes up on the word before it ("Tony [inaudible]." -> "Tony.").

    >>> strip_notes("Thank you, Tony [inaudible]. And you [laughs] , too.")
    'Thank you, Tony. And you, too.'
    """
    dialect = dialect or load_dialect("plain")
    if dialect.insertion and "[" in line:  # "conducted by [senior administration official], who": spoken
        line = dialect.insertion.sub(_inserted, line)
    line = dialect.notes.sub("\x00", line)
    if "\x00" in line:
        line = _NOTE_BEFORE_PUNCT.sub("", line).replace("\x00", " ")
    return " ".join(line.split())


#: a removed note (marked NUL) and the spaces around it before punctuation, after a word
_NOTE_BEFORE_PUNCT = re.compile(r"(?<=\S)\s*\x00[\x00\s]*(?=[.,;:?!…])")


def _inserted(m: re.Match) -> str:
    """An editor's insertion without its brackets ("by [senior official]" -> "by senior official")."""
    return m.group()[:m.start("words") - m.start() - 1] + m.group("words")


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


#: a list bullet opening a line, with the space after it ("  • Good evening."): a web page's copy of a transcript
#: as a list keeps one before every line
_BULLETS = "•◦▪▫‣⁃●○■□►▸"
_BULLET = re.compile(rf"(?:^|(?<=[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]))[ \t]*[{_BULLETS}][ \t]+(?=\S)")
_BULLET_CHAR = re.compile(f"[{_BULLETS}]")
#: a script is a bulleted list when at least this many of its lines, and most of those that are not blank, open
#: with a bullet (in its head)
BULLETED_LINES = 3


def is_bulleted(head: str) -> bool:
    """Whether a script's ``head`` is a bulleted list: most of its lines that are not blank open with a bullet
    in its first :data:`WRAP_HEAD` characters (a page's copy of a transcript as a list), so that its bullets
    are no part of the text.

    >>> is_bulleted("Page title\\n  • Good evening.\\n  • I'm Ann Lee.\\n  • Rain fell.")
    True
    >>> is_bulleted("We listed three things.\\n• Rain fell.\\nThen it stopped.\\nIt was cold.")
    False
    """
    head = head[:WRAP_HEAD]
    if not _BULLET_CHAR.search(head):  # most scripts: no line to look at
        return False
    lines = [line for line in head.splitlines() if line.strip()]
    bullets = sum(1 for line in lines if line.lstrip(" \t")[:1] in _BULLETS and _BULLET.match(line))
    return bullets >= BULLETED_LINES and bullets * 2 > len(lines)


def unbulleted(text: str | Iterable[str]) -> str | Iterator[str]:
    """``text`` (a string, or its pieces in order) without the bullet that opens each of its lines.

    >>> unbulleted("  • Good evening.\\n  • ANN LEE: Hi.")
    'Good evening.\\nANN LEE: Hi.'
    >>> "".join(unbulleted(["  • Good ev", "ening.\\r", "\\n  •", " Hi."]))
    'Good evening.\\r\\nHi.'
    """
    if isinstance(text, str):
        return _BULLET.sub("", text)
    return _unbulleted_pieces(text)


def _unbulleted_pieces(pieces: Iterable[str]) -> Iterator[str]:
    carry = ""
    for piece in pieces:
        buffer, last = carry + piece, None
        for last in _LINE_END.finditer(buffer, len(carry)):  # the carry holds no line end
            pass
        cut = last.end() if last else 0  # what follows the last line end may be a bullet not yet whole
        if cut:
            yield _BULLET.sub("", buffer[:cut])
        carry = buffer[cut:]
    if carry:
        yield _BULLET.sub("", carry)


#: a court transcript's line number in the margin, before the line's words ("10 MR. JONES: I agree.")
_LINE_NUMBER = re.compile(r"[ \t]*\d{1,2}(?:[ \t]+|$)")
_NUMBERED_LINE = re.compile(r"^[ \t]*\d{1,2}[ \t]+\S", re.M)
#: a script's lines are numbered when at least this many lines of its head, most of those not blank, open with a
#: line number, most of them one more than the number before
NUMBERED_LINES = 5


def line_numbered(head: str) -> bool:
    """Whether a script's ``head`` is a court transcript's copy with a line number before every line (a page's
    lines numbered 1 to 25 in the margin), most lines that are not blank numbered in order.

    >>> line_numbered("PROCEEDINGS\\n1 THE COURT: Be seated.\\n2 We begin.\\n3 MR. LEE: Thank\\n4 you.\\n5 Yes.")
    True
    >>> line_numbered("The vote was 5 to 4.\\n12 people were hurt.\\nIt rained.")
    False
    """
    head = head[:WRAP_HEAD]
    if len(_NUMBERED_LINE.findall(head, 0, 4000)) < NUMBERED_LINES:  # most scripts: a glance at the start
        return False
    lines = [line for line in head.splitlines() if line.strip()]
    numbers = [int(m.group().split()[0]) for m in map(_LINE_NUMBER.match, lines) if m and m.group().strip()]
    in_order = sum(b == a + 1 for a, b in zip(numbers, numbers[1:]))
    return len(numbers) >= NUMBERED_LINES and len(numbers) * 5 >= len(lines) * 4 \
        and in_order * 3 >= (len(numbers) - 1) * 2


def unnumbered(line: str) -> str:
    """A line of a line-numbered transcript without its line number.

    >>> unnumbered("10 MR. JONES: I agree."), unnumbered("  7"), unnumbered("It was 10 am.")
    ('MR. JONES: I agree.', '', 'It was 10 am.')
    """
    number = _LINE_NUMBER.match(line) if line[:1] in " \t0123456789" else None
    return line[number.end():] if number and number.group().strip() else line


def _element_type(dialect: Dialect, kind: str) -> str | None:
    """The dialect's name for an element type as written ("VO-SOT" is "VO/SOT", "LIVE SIDE" is "LIVE")."""
    kind = " ".join(kind.upper().replace("-", "/").split())
    first = kind.split(" ")[0].split("/")[0]
    return kind if kind in dialect.elements else first if first in dialect.elements else None


#: a run time longer than this (seconds) is a typo, not an element's length: ignored, with a warning
MAX_RUN_TIME = 3600.0
#: how much of a script's head (characters) :func:`wrap_width` looks at
WRAP_HEAD = 20_000
#: a paragraph joined from hard-wrapped lines is cut at a line end once it is this long (characters)
JOIN_LIMIT = 20_000
_FINAL = tuple('.?!…"”’\':;)]—–-')  # a line ending with one of these may end its paragraph


@dataclass(frozen=True, slots=True)
class _Person:
    """A transcript's speaker: the name for the voice tag, the title, the section the role reads."""

    name: str
    title: str | None
    section: str


def _report(dropped, index: int, text: str, reason: str) -> None:
    if dropped is not None and text.strip():
        dropped(index + 1, text.strip(), reason)


def _is_mark(line: str, dialect: Dialect) -> bool:
    """A line that is not prose: a note, a stage direction, a list item, a marker, a label, a dropped kind, a
    newsroom mark."""
    stripped = line.strip()
    if not stripped or stripped[0] in "([{<•▪●" or _marker(line, dialect):
        return True
    if dialect.drop and dialect.drop.match(line):
        return True
    if _label_name(stripped, dialect):
        return True
    return _newsroom_mark(line, dialect)


def _newsroom_mark(line: str, dialect: Dialect) -> bool:
    """A newsroom dialect's mark: an element cue, a super, a production line, a slug, a run time, the talent
    (a plain dialect has none)."""
    return dialect.elements is not None and bool(
        dialect.element_line.match(line) or dialect.super.match(line) or dialect.skip.match(line)
        or dialect.slug.match(line) or dialect.run_time.search(line) or dialect.talent.match(line))


def _label_name(stripped: str, dialect: Dialect) -> str | None:
    """The name of the speaker or production label opening a line, if any."""
    found = _speaker_label(stripped, dialect)
    if found:
        return found.name
    label = _LABEL.match(stripped)
    return label.group("label") if label else None


def _opens(line: str, dialect: Dialect) -> bool:
    """A line that may open a joined paragraph: prose, or a speaker's label before prose."""
    if not _is_mark(line, dialect):
        return True
    name = _label_name(line.strip(), dialect)
    return bool(name) and name.split()[0].rstrip(".").upper() not in dialect.production_labels \
        and not _newsroom_mark(line, dialect) and not (dialect.drop and dialect.drop.match(line))


def wrap_width(head: str, dialect: Dialect | None = None) -> int | None:
    """The width a script looks hard-wrapped at (its longest prose line in ``head``), or None.

    A script is hard-wrapped when, of its prose lines followed by another prose line, at least three and at
    least a third end without final punctuation, or run on in lower case, and those lines are mostly near
    the common width (their median at least half the longest line); or when at least half of them do and
    three run on in lower case, at any width (a transcript copied from a web page keeps the page's line
    breaks wherever they fell).

    >>> wrap_width("The storm hit the coast\\novernight and roads were\\nclosed across the region as\\n"
    ...            "crews worked to clear them.\\nPower is back.")
    27
    >>> wrap_width("One paragraph a line.\\nAnother paragraph.") is None
    True
    """
    dialect = dialect or load_dialect("plain")
    lines = [line.rstrip() for line in head[:WRAP_HEAD].splitlines()
             if not (dialect.drop and dialect.drop.match(line))]  # a time code between lines does not part them
    candidates = [i for i in range(len(lines) - 1) if lines[i] and lines[i + 1].strip() and (
        not lines[i].endswith(_FINAL) or lines[i + 1].lstrip()[:1].islower())]
    if len(candidates) < 3:  # most scripts: no need to look further
        return None
    prose = [bool(line.strip()) and not _is_mark(line, dialect) for line in lines]
    # a turn's first line wraps like prose: "The CHAIRMAN. The committee will come to order. The" / "purpose of"
    opens = [p or _labelled_speech(line, dialect) for p, line in zip(prose, lines)]
    open_lengths = [len(lines[i]) for i in candidates if opens[i] and prose[i + 1]]
    open_ends = len(open_lengths)
    pairs = sum(opens[i] and prose[i + 1] for i in range(len(lines) - 1))
    if open_ends < 3 or open_ends * 3 < pairs:
        return None
    width = max(len(line) for line, p in zip(lines, prose) if p)
    open_lengths.sort()
    if open_lengths[len(open_lengths) // 2] * 2 >= width:
        return width
    runs_on = sum(opens[i] and prose[i + 1] and lines[i + 1].lstrip()[:1].islower() for i in candidates)
    return width if open_ends * 2 >= pairs and runs_on >= 3 else None


def _labelled_speech(line: str, dialect: Dialect) -> bool:
    """A line that opens with a speaker's label and goes on with the speaker's words."""
    if ":" not in line[:dialect.label_max] and "." not in line[:dialect.label_max] and not line[:1].isdigit():
        return False  # most lines: no label to look for
    label = _speaker_label(line.strip(), dialect)
    return bool(label and label.rest)


def wrap(head: str, dialect: Dialect | None = None) -> tuple[int | None, bool]:
    """(width, spaced): the width a script looks hard-wrapped at (:func:`wrap_width`), and whether it looks
    so only once the single blank lines between its lines are closed up (a double-spaced web copy: most
    lines one blank line apart, few side by side); (None, False) when it does not look hard-wrapped.

    >>> wrap("The storm hit the coast\\n\\novernight and roads were\\n\\nclosed across the region as\\n\\n"
    ...      "crews worked to clear them.\\n\\n\\n\\nPower is back.")
    (27, True)
    >>> wrap("One paragraph.\\n\\nAnother paragraph.\\n\\nA third one.")
    (None, False)
    """
    width = wrap_width(head, dialect)
    if width or "\n\n" not in head[:WRAP_HEAD]:
        return width, False
    texts = [i for i, line in enumerate(head[:WRAP_HEAD].splitlines()) if line.strip()]
    gaps = [b - a - 1 for a, b in zip(texts, texts[1:])]
    single, none = gaps.count(1), gaps.count(0)
    if single < 3 or none * 4 > single:
        return None, False
    width = wrap_width(_closed(head), dialect)
    return width, width is not None


def _closed(head: str) -> str:
    """The start of a script's head that :func:`wrap_width` reads, single blank lines closed up."""
    return "\n".join(line for _, line in _close_blanks(enumerate(head[:2 * WRAP_HEAD].splitlines())))


def _close_blanks(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Numbered lines with a single blank line between two lines dropped; a longer run of blank lines
    (a paragraph break in a double-spaced script) kept as one."""
    blanks = 0
    for index, line in lines:
        if not line.strip():
            blanks += 1
            continue
        if blanks > 1:
            yield index - 1, ""
        blanks = 0
        yield index, line


def _continues(previous: str, line: str, width: int, spaced: bool = False) -> bool:
    """Whether ``line`` continues the paragraph of ``previous`` in a script hard-wrapped at ``width``: the
    previous line ends without final punctuation or with an abbreviation ("U.S."), the line runs on in lower
    case, or its first word would not have fitted on the previous line. In a double-spaced web copy
    (``spaced``) a line of three words or fewer before a capital is a header ("NEWS PROGRAM"), not prose."""
    previous, line = previous.rstrip(), line.strip()
    if line[:1].islower():
        return True
    if not previous.endswith(_FINAL):
        return not spaced or len(previous.split()) > 3
    if previous.endswith(".") and english().is_abbreviation(previous.rsplit(None, 1)[-1]):
        return True  # "... running the U.S." / "Embassy in Ukraine."
    return len(previous) + 1 + len(line.split(None, 1)[0]) > width


def _unbroken(previous: str, line: str, dialect: Dialect) -> str | None:
    """``previous`` and the next wrapped ``line`` as one, when ``previous`` ends with a word broken at the line
    end: without the hyphen ("manag-" / "ing": "managing"), or with it for a compound (a first or second part
    the dialect lists: "self-" / "employed", "President-" / "elect"); None when it does not.

    >>> d = load_dialect("plain")
    >>> _unbroken("farmers manag-", "ing water", d), _unbroken("Vice President-", "elect, a", d)
    ('farmers managing water', 'Vice President-elect, a')
    >>> _unbroken("a plan -", "or not", d) is None, _unbroken("the U.S.-", "led force", d)
    (True, 'the U.S.-led force')
    >>> _unbroken("--", "é", d) is None
    True
    """
    if not previous.endswith("-") or not line[:1].islower():
        return None
    first = previous[-60:].rsplit(None, 1)[-1][:-1]  # (a word's end only: a long paragraph is not scanned)
    if not first or first.endswith("-"):
        return None  # a dash ("a plan -", "word--")
    second = re.match(r"[a-z]*(?:-[a-z]+)?", line).group()  # "" before a letter beyond a-z ("été")
    keep = not first.isalpha() or first.lower() in dialect.hyphen_firsts or second in dialect.hyphen_seconds
    return previous + line if keep else previous[:-1] + line


def _joined(lines: Iterable[tuple[int, str]], dialect: Dialect, width: int,
            spaced: bool = False) -> Iterator[tuple[int, str]]:
    """Hard-wrapped lines joined into paragraphs (numbered by their first line); a label may open one, marks
    neither open nor join one. A dropped line wrapped onto the next ones is dropped with them."""
    start, parts, last = 0, [], ""
    size = 0
    held: list[tuple[int, str]] = []  # a dropped line wrapped onto the next ones, and those lines

    def continues(line: str) -> bool:  # the line goes on with the paragraph (or the dropped line) before it
        return bool(line.strip()) and size < JOIN_LIMIT and not _is_mark(line, dialect) \
            and _continues(last, line, width, spaced)

    for index, line in lines:
        if held:
            if continues(line):
                held.append((index, line))
                last, size = line, size + len(line)
                continue
            yield from _dropped_paragraph(held, dialect)
            held = []
        wraps_on = _wraps_on(line, width)
        dropped = bool(dialect.drop and (parts or wraps_on) and line.strip() and dialect.drop.match(line))
        if dropped and wraps_on:  # ends the paragraph before it, and takes its own wrapped lines
            if parts:
                yield start, " ".join(parts)
                parts = []
            held, last, size = [(index, line)], line, len(line)
            continue
        if parts and dropped:
            yield index, line  # a dropped line between a paragraph's lines (a time code) leaves it open
            continue
        if parts:
            if continues(line):
                mended = _unbroken(parts[-1], line.strip(), dialect)
                if mended:
                    parts[-1] = mended
                else:
                    parts.append(line.strip())
                size += len(line)
                last = line
                continue
            yield start, " ".join(parts)
            parts = []
        if line.strip() and _opens(line, dialect):
            start, parts, last, size = index, [line.rstrip()], line, len(line)
        else:
            yield index, line
    if parts:
        yield start, " ".join(parts)
    yield from _dropped_paragraph(held, dialect)


def _wraps_on(line: str, width: int) -> bool:
    """A line near the wrap width without final punctuation: one that went on on the next line, as a
    hearing's "The committee met, pursuant to call, at 2:05 p.m., Senator Homer" before "E. Capehart ..."."""
    stripped = line.rstrip()
    return len(stripped) * 3 >= width * 2 and not stripped.endswith(_FINAL)


def _dropped_paragraph(held: list[tuple[int, str]], dialect: Dialect) -> Iterator[tuple[int, str]]:
    """A wrapped dropped line and its continuations as one line, dropped whole when the dialect still drops
    the joined line; else the lines as they were."""
    joined = " ".join(line.strip() for _, line in held)
    if len(held) > 1 and dialect.drop.match(joined):
        yield held[0][0], joined
    else:
        yield from held


def _label_wraps(lines: Iterable[tuple[int, str]], dialect: Dialect) -> Iterator[tuple[int, str]]:
    """A transcript's label wrapped over two lines ("BRYAN SMITH, Manager of Pilot Development," /
    "Alaska Airlines: It's...") as one line."""
    held = None
    for index, line in lines:
        if held is not None:
            joined = held[1].rstrip() + " " + line.strip()
            if _speaker_label(joined, dialect):
                yield held[0], joined
                held = None
                continue
            yield held
            held = None
        stripped = line.rstrip()
        if (stripped.endswith(",") and ":" not in stripped and len(stripped) < dialect.label_max
                and _speaker_label(stripped[:-1] + ":", dialect)):
            held = (index, line)
        else:
            yield index, line
    if held is not None:
        yield held


@dataclass(frozen=True, slots=True)
class Label:
    """A transcript's speaker label: the name in capitals as written, its title or role, the text after it;
    ``vox``: a bite's label, a name in title case before its role in parentheses ("Lee Hwa-ja (Buan resident):
    ..."), which speaks its own line only."""

    name: str
    title: str | None
    rest: str
    vox: bool = field(default=False, repr=False)


_SPEECH_END = tuple('.?!…"”,;:')  # a line ending so is speech, not a label alone on its line
_CAPS = re.compile(r"[A-Z][A-Za-z0-9'’.-]*")
_PARENS = re.compile(r"\((?:[^()]|\([^()]{0,30}\)){0,60}\)")  # one level of nesting: "(Staff (June 25))"
_OUTSIDE_PARENS_COMMA = re.compile(r",(?![^()]*\))")  # a comma not inside parentheses
_TIGHT_AFTER = set("ABCDEFGHIJKLMNOPQRSTUVWXYZ\"“‘'")
_TITLED = re.compile(r"[A-Z][a-z'’.-]+(?:-[A-Z][a-z'’.-]+)?|[A-Z]\.")


def _clause(words: list[str]) -> bool:
    """Words before a colon that make a sentence, not a speaker's label: a first word that joins clauses
    ("AND HERE IS THE QUESTION:", "BUT FIRST:"), or two of pronoun, negation, auxiliary or verb ("THE
    MAYOR PUT IT THIS WAY:", "HERE'S WHAT HE SAID:"). One is not enough: "WILL SMITH:", "US AMBASSADOR:".

    >>> _clause("THE MAYOR PUT IT THIS WAY".split()), _clause("BUT FIRST".split())
    (True, True)
    >>> _clause("WILL SMITH".split()), _clause("US SECRETARY OF STATE MIKE POMPEO".split())
    (False, False)
    """
    en = english()
    if en.word_flags(words[0]) & (CONJ | SUB):
        return True
    return sum(bool(en.word_flags(word) & (SUBJ | PRON | NEG | AUX | VERB)) for word in words) >= 2


def _caps_word(word: str) -> bool:
    """A word of a label written in capitals ("KOCH", "R.", "O'BRIEN", "JEAN-PIERRE"; "DeCOSTA", "McKUNE")."""
    if not _CAPS.fullmatch(word):
        return False
    mixed = _MIXED.match(word)
    core = word[mixed.end():] if mixed else word
    return any(c.isalpha() for c in core) and not any(c.islower() for c in core)


def _speaker_label(line: str, dialect: Dialect) -> Label | None:
    """The speaker label opening a transcript's line, if any: ``NAME[, TITLE[, MORE]]:`` with the name in
    capitals (mixed-case surname prefixes allowed), or a name in title case alone on its line (``Judy
    Woodruff:``). Only the first :attr:`Dialect.label_max` characters are searched for the colon.

    A hearing's record writes ``Mr. BURNS.`` or ``The CHAIRMAN.`` before the words, with a full stop.

    >>> _speaker_label("KATHLEEN KOCH, CNN CORRESPONDENT: The fog lifted.", load_dialect("transcript"))
    Label(name='KATHLEEN KOCH', title='CNN CORRESPONDENT', rest='The fog lifted.')
    >>> _speaker_label("The CHAIRMAN. The committee will come to order.", load_dialect("transcript"))
    Label(name='The CHAIRMAN', title=None, rest='The committee will come to order.')
    """
    if dialect.roles is None:
        return None
    turn = dialect.turn.match(line) if dialect.turn and line[:1].isdigit() else None
    if turn:  # "00:01:34(Mori Kenta/Farm Minister)": who speaks next
        name, title = turn.group("name") or turn.group("other"), turn.group("title")
        return Label(" ".join(name.split()), title and " ".join(title.split()), "")
    alone = dialect.speakers and line[:1].isupper() and len(line) < 120 and line[-1:] not in _SPEECH_END
    for pattern in (dialect.member, dialect.timed_label) if alone else ():
        m = pattern.match(line) if pattern else None  # "Mr. Alan Hart (Eastmoor) (Con)", "Maya Lin  0:03"
        name = " ".join(m.group("name").split()) if m else None
        if name in dialect.speakers:
            found = m.groupdict()
            title = ", ".join(filter(None, (found.get("title"), found.get("party"))))
            return Label(name, title or None, "")
    record = dialect.record_label.match(line) if dialect.record_label else None
    if not record and dialect.speakers and dialect.record_turn:
        record = dialect.record_turn.match(line)
        record = record if record and " ".join(record.group("name").split()) in dialect.speakers else None
    if record:
        name = record.group("name") or record.groupdict().get("ask")
        return Label(" ".join(name.split()), None, line[record.end():].strip())
    colon = line.find(":", 0, dialect.label_max)
    if colon < 1:
        return None
    tight = bool(line[colon + 1:colon + 2].strip())  # "CHUCK TODD:This Sunday": only before a capital
    if tight and line[colon + 1] not in _TIGHT_AFTER:
        return None
    prefix, rest = line[:colon], line[colon + 1:].strip()
    doing = dialect.label_doing.search(prefix) if dialect.label_doing and prefix[-1:].islower() else None
    if doing:  # "DAVID FABER reporting:", "JOE KERNENreporting:": what the speaker does as the title
        prefix = prefix[:doing.start()] + ", " + doing.group("doing")
    comma = _OUTSIDE_PARENS_COMMA.search(prefix)
    name, title = (prefix[:comma.start()], prefix[comma.end():]) if comma else (prefix, "")
    if "(" in name:  # a party, place or title in parentheses after the name: "SEN. MARK BELL (R), Ohio"
        inside = _PARENS.findall(name)
        name = _PARENS.sub(" ", name)
        if not name.strip():  # "(Airport staff (VOICE MODIFIED)): ...": an unnamed speaker, described
            return _unnamed(inside, rest) if not comma else None
        title = ", ".join(filter(None, [" ".join(p[1:-1] if "," in p else p for p in inside), title.strip()]))
    words = name.split()
    lead = 0  # titles before the name may be in mixed case: "Mr. JIMI IZRAEL", "President GEORGE W. BUSH"
    while lead < len(words) - 1 and words[lead].upper().rstrip(".") in dialect.titles and not _caps_word(words[lead]):
        lead += 1
    if lead and not all(map(_caps_word, words[lead:])):
        return None
    if tight and not all(map(_caps_word, words[lead:])) or tight and len(words) - lead < 2:
        return None
    if not 1 <= len(words) <= 7:
        return None
    if not lead and not all(map(_caps_word, words)):
        joined = " ".join(words)  # a role ("Question:", "Speaker 2:") alone or before a sentence, not a name
        generic = re.sub(r"\s\d{1,3}$", "", joined) in dialect.generic_labels \
            and (not rest or rest.endswith(_FINAL) or len(rest.split()) > 4)
        if not title and (generic or rest and joined in dialect.speakers):
            return Label(joined, None, rest)  # "Andrew Marr: How could it happen?"
        qualified = "(" in prefix and not comma  # a role in parentheses after the name
        titled = (1 if qualified and not rest else 2) <= len(words) <= 4 and all(_TITLED.fullmatch(w) for w in words) \
            and not english().word_flags(words[0])  # "The Minister (in the House):" is no name
        if not titled or (rest or title) and not qualified:
            return None  # a name in title case: alone on its line, or before its role in parentheses ("Passenger
            # (female):" alone, as DW prints a vox: one word will do)
    title = " ".join(title.split()).strip(" ,") or None
    if title and title[-1:] in ".?!" and not re.search(r"\b[A-Za-z]\.$", title):
        return None  # a sentence with a comma and a colon, not a label
    if _clause(words):
        return None  # "THE MAYOR PUT IT THIS WAY:": a sentence in capitals (checked last: few lines get here)
    vox = bool(rest) and "(" in prefix and not comma and not lead and not all(map(_caps_word, words))
    return Label(" ".join(words), title, rest, vox)


def _unnamed(inside: list[str], rest: str) -> Label | None:
    """The label of an unnamed speaker's bite, who the speaker is wholly in parentheses before the colon, as a
    Korean broadcaster's page labels a vox ("(Airport staff (VOICE MODIFIED)): We ..."): a description of one to
    six words, the first capitalised and no closed-class word ("(In Korean): ..." is none), before words.

    >>> _unnamed(["(Incheon airport staff (Jeju))"], "We wait."), _unnamed(["(In Korean)"], "We wait.")
    (Label(name='Incheon airport staff', title='Jeju', rest='We wait.'), None)
    """
    if len(inside) != 1 or not rest:
        return None
    nested = _PARENS.findall(inside[0][1:-1])
    words = _PARENS.sub(" ", inside[0][1:-1]).split()
    if not 1 <= len(words) <= 6 or not words[0][:1].isupper() or english().word_flags(words[0]) \
            or words[-1].endswith(_FINAL) or not all(re.sub(r"[-'’.]", "", w).isalnum() for w in words):
        return None
    title = " ".join(" ".join(p[1:-1] for p in nested).split()) or None
    return Label(" ".join(words), title, rest, True)


def _asked(raw: str, line: str, dialect: Dialect) -> Label | None:
    """A questioner's label as a White House transcript writes it, "Q" and two spaces or a tab ("Q    Will he
    sign it?"), read on the line as written (``raw``); ``line`` is the same line with its spaces closed up."""
    record = dialect.record_label.match(raw) if dialect.record_label and raw.lstrip()[:1] == "Q" else None
    ask = record.groupdict().get("ask") if record else None
    return Label(ask, None, line[line.index(ask) + len(ask):].strip()) if ask and line.startswith(ask) else None


def _stamped(raw: str, line: str, dialect: Dialect) -> Label | None:
    """A transcription service's label, known by the time code beside it (:attr:`Dialect.stamped_label`: "Secretary
    of State Ann Lee: (00:01)", "Speaker 1: (00:00) Hello.", "Ann Lee (00:09):", or a page's "Ann Lee: (" whose time
    code went to the next line), read on the line as written (``raw``); ``line`` is the same line without its notes.

    >>> _stamped("Minister of Health Ann Lee: (00:12) We agree.", "Minister of Health Ann Lee: We agree.",
    ...          load_dialect("transcript"))
    Label(name='Minister of Health Ann Lee', title=None, rest='We agree.')
    """
    m = dialect.stamped_label.match(raw) if dialect.stamped_label and "(" in raw else None
    name = " ".join(m.group("name").split()) if m else ""
    if not name or not line.startswith(name):
        return None
    rest = line[len(name):].lstrip(" :")
    return Label(name, None, "" if rest == "(" else rest)


def _stage_directions(line: str, dialect: Dialect, sounds: bool) -> tuple[str, list[str]]:
    """The line without its stage directions, and the directions removed; with ``sounds`` a sound
    direction (``(MUSIC)``) becomes a sound label (``[MUSIC]``) instead."""
    if not dialect.stage or "(" not in line:
        return line, []
    removed: list[str] = []

    def replace(m: re.Match) -> str:
        if sounds:
            word = next((w for w in re.findall(r"[A-Za-z]+", m.group()) if w.upper() in dialect.sounds), None)
            if word:
                return f" [{word.upper()}] "
        removed.append(m.group())
        return "\x00"
    pieces = dialect.stage.sub(replace, line).split("\x00")
    out = pieces[0]
    for piece in pieces[1:]:  # "Tony (ph)." -> "Tony.": no space left before punctuation
        out = out.rstrip() + piece.lstrip() if piece.strip()[:1] in _CLOSING else out + " " + piece
    return " ".join(out.split()), removed


_CLOSING = tuple(".,;:!?")


#: a turn of a name in title case, perhaps after its time stamp ("[00:00:06] Tom Reed: Thanks.") or before it alone
#: on its line ("Tom Reed (00:00:09):"), as podcast transcripts print them
_TITLE_CASE_TURN = re.compile(r"^[ \t]*(?:\[\d{1,2}:\d\d(?::\d\d)?(?:[.,]\d{1,3})?\][ \t]*)?"
                              r"([A-Z][a-z’'-]+(?:[ \t]+[A-Z][a-z’'.-]+){1,2})"
                              r"[ \t]*(?:\(\d{1,2}:\d\d(?::\d\d)?\)[ \t]*:|:[ \t]+\S)", re.MULTILINE)


def title_case_speakers(head: str, dialect: Dialect | None = None) -> frozenset[str]:
    """Names in title case that open turns in a transcript ("Andrew Marr: How could it happen?"): each
    opens two lines or more in ``head``, and two such names at least take turns (not "Bottom Line:" twice).
    With a dialect's ``record_turn``, a hearing record's labels in title case ("Mr. Linder. The meeting ...")
    too, and with its ``member``, a parliament record's members alone on their lines ("Mr. Alan Hart (Eastmoor)"):
    every such name, when two names or more open three turns or more. A podcast's time stamp before a name
    ("[00:00:06] Tom Reed: ...") or after it ("Tom Reed (00:00:09):") is no obstacle.

    >>> sorted(title_case_speakers("Ann Lee: Hi.\\nTom Hale: Hello.\\nAnn Lee: So.\\nTom Hale: Yes."))
    ['Ann Lee', 'Tom Hale']
    >>> title_case_speakers("Bottom Line: we wait.\\nBottom Line: we wait more.")
    frozenset()
    >>> sorted(title_case_speakers("Mr. Lee. Hi.\\nDr. Ames. Hello.\\nMr. Lee. So.", load_dialect("transcript")))
    ['Dr. Ames', 'Mr. Lee']
    """
    counts: dict[str, int] = {}
    for m in _TITLE_CASE_TURN.finditer(head[:WRAP_HEAD]):
        name = " ".join(m.group(1).split())
        if not english().word_flags(name.split()[0]):
            counts[name] = counts.get(name, 0) + 1
    names = frozenset(name for name, count in counts.items() if count > 1)
    names = names if len(names) > 1 else frozenset()
    for pattern in (dialect.record_turn, dialect.member, dialect.timed_label) if dialect else ():
        record: dict[str, int] = {}
        for m in pattern.finditer(head[:WRAP_HEAD]) if pattern else ():
            name = " ".join(m.group("name").split())
            record[name] = record.get(name, 0) + 1
        names |= frozenset(record) if len(record) > 1 and sum(record.values()) > 2 else frozenset()
    return names


#: a script's head is in lower case (a TV caption archive's) when at most this share of its letters are capitals
LOWER_CASE_SHARE = 0.03


_CAPITAL, _LETTER = re.compile(r"[^\W\d_a-z]"), re.compile(r"[^\W\d_]")  # a capital (or uncased) letter; a letter


def lower_case_labels(head: str, dialect: Dialect) -> frozenset[str]:
    """A caption archive's labels in lower case that open turns in a transcript whose ``head`` is in lower case
    (:attr:`Dialect.lower_label`): a role's name (``anchor``, ``reporter``) or a word that opens two turns or more
    and is no closed-class word ("so: ...").

    >>> sorted(lower_case_labels("tv  Report\\nanchor: hello. adrian: we asked. so: then. adrian: yes.",
    ...                          load_dialect("transcript")))
    ['adrian', 'anchor']
    """
    if dialect.lower_label is None:
        return frozenset()
    head = head[:WRAP_HEAD]
    capitals = len(_CAPITAL.findall(head))
    if capitals > LOWER_CASE_SHARE * len(head) or capitals > LOWER_CASE_SHARE * len(_LETTER.findall(head)):
        return frozenset()
    roles = {r.lower() for r in dialect.roles or ()} | {g.lower() for g in dialect.generic_labels}
    counts: dict[str, int] = {}
    for m in dialect.lower_label.finditer(head):
        name = m.group("name")
        counts[name] = counts.get(name, 0) + 1
    return frozenset(name for name, count in counts.items()
                     if name in roles or count > 1 and not english().word_flags(name))


def _lower_labels(lines: Iterable[tuple[int, str]], dialect: Dialect) -> Iterator[tuple[int, str]]:
    """A lower-case transcript's lines split where one of its labels (:func:`lower_case_labels`) opens a turn,
    the label in capitals as a transcript writes it; each part keeps its line's number.

    >>> d = replace(load_dialect("transcript"), lower_labels=frozenset({"anchor"}))
    >>> list(_lower_labels([(2, "this is the program. anchor: hello, welcome.")], d))
    [(2, 'this is the program.'), (2, 'ANCHOR: hello, welcome.')]
    """
    for index, line in lines:
        if ":" not in line:
            yield index, line
            continue
        at, label = 0, ""
        for m in dialect.lower_label.finditer(line):
            if m.group("name") in dialect.lower_labels:
                if (label + line[at:m.start()]).strip():
                    yield index, label + line[at:m.start()].strip()
                at, label = m.end(), m.group("name").upper() + ": "
        yield index, label + line[at:]


def _headline(line: str, dialect: Dialect, people: dict, said: bool) -> bool:
    """Whether a transcript's line with no label is a headline or caption, not speech: before any speech,
    a line :attr:`Dialect.headline` matches, or before any speaker a headline in title case; once speech
    has begun, only such a line in title case or in capitals (at most eight words), so that a line of
    speech whose line break fell anywhere is never dropped."""
    if line.endswith(_FINAL) or line[:1].islower():
        return not people and not said and _title_case(line)  # speech (most lines): no pattern to run
    if said:  # a headline or a section's name in capitals ("HEATWAVE", "GNN MIDDAY")
        shouted = len(line.split()) <= 8 and not any(c.islower() for c in line)
        return (shouted or _title_case(line)) and bool(dialect.headline.match(line))
    return bool(dialect.headline.match(line)) or not people and _title_case(line)


def _title_case(line: str) -> bool:
    """A line of 3-15 words, most of them capitalised, not ending with a full stop: a headline ("Should TSA
    Agents Have Broader Law Enforcement Powers?"), not speech (nor a toss or sign-off)."""
    words = line.split()
    return 3 <= len(words) <= 15 and not line.rstrip().endswith((".", '."', '.”')) \
        and sum(w[:1].isupper() for w in words) * 10 >= len(words) * 7


_SUFFIXES = frozenset({"JR", "SR", "II", "III", "IV"})  # after a surname: "LLOYD J. AUSTIN III", "JOHN DOE JR."


def _suffixes(words: list[str]) -> int:
    """How many of a name's last words are suffixes after the surname ("III", "Jr."), the first word aside."""
    n = 0
    while n < len(words) - 1 and words[-1 - n].upper().rstrip(".,") in _SUFFIXES:
        n += 1
    return n


def _title_words(words: list[str], dialect: Dialect) -> int:
    """How many of a label's first words are titles before the name, as :attr:`Dialect.titles` lists them (one
    word or several: ``PRESS SECRETARY``); an office after a title (``SECRETARY OF DEFENSE``) runs up to the name at
    the end (a given name, initials, the surname and its suffixes). One word at least is left for the name.

    >>> d = load_dialect("transcript")
    >>> [_title_words(n.split(), d) for n in ("ADM. JAMES LOY", "PRESS SECRETARY JOHN F. KIRBY",
    ...  "SECRETARY OF HOMELAND SECURITY ANN LEE JR.", "CHAIRMAN POWELL", "JOHN KIRBY", "SECRETARY")]
    [1, 2, 4, 1, 0, 0]
    """
    key = [w.upper().rstrip(".,") for w in words]
    n = 0
    while n < len(words) - 1:
        size = next((k for k in (3, 2) if n + k < len(words) and " ".join(key[n:n + k]) in dialect.titles), 0)
        size = size or (1 if key[n] in dialect.titles else 0)
        if not size:
            break
        n += size
    if n and n < len(words) - 2 and key[n] in ("OF", "FOR"):  # "SECRETARY OF STATE ANN LEE": the office goes on
        name = 1 + _suffixes(words)  # the surname and its suffixes, the initials before it, a given name
        while len(words) - name > n + 1 and re.fullmatch(r"[A-Z]\.?", words[-1 - name]):
            name += 1
        n = max(n, len(words) - name - 1)
    return n


def _speaker(label: Label, dialect: Dialect, people: dict,
             before: str = "") -> tuple[str | None, str | None, str | None]:
    """(section, speaker, title) of a transcript label; ``people`` remembers who has spoken, so that a
    surname alone (``KOCH:``, ``S. O'BRIEN:``) or the initials (``CO:`` after ``CAROL OFF:``) is the full name
    seen before, with its title and role. A new speaker without a role whom the anchor's line ``before``
    introduces as a reporter reads the package."""
    words = label.name.split()
    upper = label.name.upper()
    if upper in dialect.anchor_labels or upper in dialect.reporter_labels:
        people.setdefault(None, [])  # someone has spoken: the next speaker without a role is no host
        return ("lead_in" if upper in dialect.anchor_labels else "package"), None, label.title
    lead = _title_words(words, dialect)
    titles, words = words[:lead], words[lead:]
    title = ", ".join(filter(None, [" ".join(titles), label.title])) or None
    role = dialect.roles.get(" ".join(words).upper()) or next(
        (dialect.roles[w.upper()] for w in re.findall(r"[A-Za-z][A-Za-z-]*", label.title or "")
         if w.upper() in dialect.roles), None)
    initials = [w[0].upper() for w in words[:-1] if len(w.rstrip(".")) == 1]
    if not label.title:  # seen before: the same name, or a surname alone (perhaps after initials)
        key = " ".join(words).upper() if len(words) - len(initials) > 1 else words[-1].upper()
        known = [p for p in people.get(key, ()) if not initials or p.name[:1].upper() == initials[0]]
        if known:
            person = known[-1]
            return person.section, person.name, person.title
    name = display_name(" ".join(words))
    # the section of the role; the first speaker of a transcript without one is its host
    if not role and people and dialect.introduces and name in before and dialect.introduces.search(before):
        role = "package"
    person = _Person(name, title, role or ("lead_in" if not people and not label.vox else "quote"))
    people.setdefault(None, [])
    surname = words[-1 - _suffixes(words)] if len(words) > 1 else words[-1]  # "AUSTIN" of "LLOYD J. AUSTIN III"
    keys = {" ".join(words).upper(), surname.upper(), words[0].upper()} if len(words) > 1 or titles else {upper}
    if 1 < len(words) < 4 and all(w[:1].isalpha() for w in words):  # the initials a page's later labels use ("CO:")
        keys.add("".join(w[0] for w in words).upper())
    for key in keys:
        people.setdefault(key, []).append(person)
    return person.section, name, title


def _source(text: str | Iterable[str], dialect: Dialect, width: int | None, spaced: bool = False,
            start: int = 0, margin: bool = False, dropped=None) -> Iterator[tuple[int, str]]:
    """The script's lines, numbered from 0, control characters dropped; a transcript's wrapped labels joined
    and its turns run together on one line split at their labels; with a wrap ``width``, hard-wrapped lines
    joined (when ``spaced``, across the blank line between every two lines). Lines before line ``start`` (a
    page's header, :func:`begins`) do not run on into it; with ``margin``, line numbers go."""
    lines: Iterable[tuple[int, str]] = _columns(((i, _apostrophes(_CONTROL.sub("", line)))
                                                 for i, line in _numbered(text, start, margin)), dialect, dropped)
    if spaced:
        lines = _close_blanks(lines)
    if dialect.roles is not None:
        lines = _inline_labels(_label_wraps(lines, dialect), dialect)
        if dialect.lower_labels:
            lines = _lower_labels(lines, dialect)
    if dialect.elements is not None:
        lines = _note_blocks(lines)
    if width:
        lines = _joined(lines, dialect, width, spaced)
    if dialect.elements is None:
        lines = _caption_turns(lines)
    return iter(lines)


#: a production note in double parentheses may run over at most this many lines ("((ANN LEE/MAYOR; WE" / "WILL.))")
NOTE_LINES = 8


def _note_blocks(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """A newsroom script's production note in double parentheses that runs over several lines (a bite's words as
    the script sums them up: "((ANN LEE/MAYOR; WE WILL" / "REBUILD THE BRIDGE.))") as one line, numbered by its
    first, so that it is dropped whole; a "((" closed on none of the next :data:`NOTE_LINES` lines stays as it is.

    >>> list(_note_blocks([(0, "((ANN LEE/MAYOR; WE WILL"), (1, "REBUILD.))"), (2, "Rain fell.")]))
    [(0, '((ANN LEE/MAYOR; WE WILL REBUILD.))'), (2, 'Rain fell.')]
    """
    held: list[tuple[int, str]] = []
    for index, line in lines:
        if held:
            held.append((index, line))
            if "))" in line or "((" in line or len(held) > NOTE_LINES:
                if "))" in line and "((" not in line:
                    yield held[0][0], " ".join(part.strip() for _, part in held)
                else:
                    yield from held
                held = []
            continue
        if "((" in line and line.rfind("((") > line.rfind("))"):
            held = [(index, line)]
        else:
            yield index, line
    yield from held


_TURN = re.compile(r"(?<=\S)[ \t]+(?=>>+[ \t]+\S)")  # a caption's ">>" after words: a new speaker's turn


def _caption_turns(lines: Iterable[tuple[int, str]]) -> Iterator[tuple[int, str]]:
    """Lines split where a caption's ``>>`` (another speaker, not named) opens a turn inside them, as TV
    caption archives run turns together; each part keeps its line's number.

    >>> list(_caption_turns([(3, "we asked. >> the goal was news. >>> next")]))
    [(3, 'we asked.'), (3, '>> the goal was news.'), (3, '>>> next')]
    """
    for index, line in lines:
        if ">>" not in line:
            yield index, line
            continue
        start = 0
        for m in _TURN.finditer(line):
            yield index, line[start:m.start()]
            start = m.end()
        yield index, line[start:]


def _caption_turn(raw: str) -> bool:
    """Whether a line opens with a caption's ``>>`` before words: a new speaker, not named."""
    return raw[:1] in "> \t" and raw.lstrip(" \t")[:2] == ">>" and bool(raw.lstrip(" \t>").strip())


def _numbered(text: str | Iterable[str], start: int, margin: bool = False) -> Iterable[tuple[int, str]]:
    """The script's lines numbered from 0, with a blank line before line ``start`` (when not 0): a page's header
    above it never runs on into the text below it, across the lines dropped between. With ``margin``, each line
    without the line number a court transcript prints before it (:func:`line_numbered`)."""
    if not start and not margin:
        return enumerate(_lines(text))  # most scripts
    return _renumbered(text, start, margin)


def _renumbered(text: str | Iterable[str], start: int, margin: bool) -> Iterator[tuple[int, str]]:
    for index, line in enumerate(_lines(text)):
        if index == start and start:
            yield index, ""
        yield index, unnumbered(line) if margin else line


def _apostrophes(line: str) -> str:
    """A line with a typewriter's backtick apostrophes as apostrophes ("I`m" as "I'm")."""
    return _BACKTICK.sub("'", line) if "`" in line else line


def _columned(head: str, dialect: Dialect) -> str:
    """A script's head with a table read as :func:`_columns` reads it (its rows are no wrapped prose)."""
    if "|" not in head[:WRAP_HEAD]:
        return head
    return "\n".join(line for _, line in _columns(enumerate(head[:WRAP_HEAD].splitlines()), dialect))


_ROW = re.compile(r"[ \t]*\|(?P<cells>.*)\|[ \t]*")  # a table row: "|OC: ANGELA |The parade returns |"


_RULE = re.compile(r":?-+:?")  # a table's rule cell ("---", ":--:")


def _columns(lines: Iterable[tuple[int, str]], dialect: Dialect, dropped=None) -> Iterator[tuple[int, str]]:
    """A script exported as a table (``|VIDEO |AUDIO |`` or ``| Speaker | Time | Text |`` rows) read as lines:
    the spoken column's words (the last column unless the header row names one, ``Dialect.columns``) joined
    across rows into sentences, each after the other columns' marks of its rows (``OC: ANGELA``, ``TAKE VO``,
    ``SUPER: ...``), a speaker column's name as a label (``Mimi Geerges:``); header, rule rows and skipped
    columns (``Time``) dropped, and so is what a column the header names for marks (``VIDEO``) holds that is
    no mark of the dialect (a shot's description: only the spoken column is spoken). Other lines pass as
    they are.

    >>> list(_columns(enumerate(["|VIDEO |AUDIO |", "|TAKE VO |The parade |", "|Wide of crowd | returns. |",
    ...                          "Done."]), load_dialect("newsroom")))
    [(1, 'TAKE VO'), (1, 'The parade returns.'), (3, 'Done.')]
    """
    kinds, marks, words, start = {}, [], [], 0
    for index, line in lines:
        row = _ROW.fullmatch(line) if line.count("|") > 2 else None
        if row is None:
            yield from marks
            if words:
                yield start, " ".join(words)
            marks, words = [], []
            yield index, line
            continue
        cells = [cell.strip() for cell in row.group("cells").split("|")]
        named = {i: (dialect.columns or {}).get(cell.upper()) for i, cell in enumerate(cells)}
        if "spoken" in named.values() and all(named[i] for i, cell in enumerate(cells) if cell):  # the header
            kinds = named
            continue
        if all(_RULE.fullmatch(cell) for cell in cells if cell):
            continue
        spoken = next((i for i, kind in kinds.items() if kind == "spoken" and i < len(cells)), len(cells) - 1)
        who = [cell for i, cell in enumerate(cells) if cell and kinds.get(i) == "speaker"]
        if words and (words[-1].endswith(_FINAL) or who):
            yield from marks
            yield start, " ".join(words)
            marks, words = [], []
        # a marks column's cell that is no mark: a shot's description
        shots = {i for i, cell in enumerate(cells) if cell and kinds.get(i) == "marks" and not (
            _newsroom_mark(cell, dialect) or dialect.element is not None and dialect.element.match(cell))}
        for i in sorted(shots):
            _report(dropped, index, cells[i], "video column")
        marks += [(start if words else index, f"{cell}:" if kinds.get(i) == "speaker" else cell)
                  for i, cell in enumerate(cells) if cell and i != spoken and kinds.get(i) != "skip"
                  and (kinds.get(i) != "speaker" or cell[:1].isupper()) and i not in shots]
        if cells[spoken]:
            start = start if words else index
            words.append(cells[spoken])
    yield from marks
    if words:
        yield start, " ".join(words)


#: where a label may open a turn inside a line: after a sentence's end or a colon (and a stage direction), a
#: name of two to five words in capitals, a title or party after a comma or in parentheses, a colon
_INLINE_LABEL = re.compile(r"(?<=[.?!…:\"”’)\]])[ \t]+(?=(?:\([A-Z][A-Z ’'.-]{1,40}\)[ \t]+)?"
                           r"[A-Z][A-Za-z’'.-]*(?:[ \t]+[A-Z][A-Za-z’'.-]*){1,4}"
                           r"(?:[ \t]*\([^()\n]{1,40}\))?(?:,[^:\n]{1,120})?:(?:[ \t]|$)"
                           r"|[A-Z][\w’'.-]*(?:[ \t]+[\w’'.-]+){0,6}?[ \t]*:[ \t]*\(\d{1,2}:\d\d(?::\d\d)?\))")


def _inline_labels(lines: Iterable[tuple[int, str]], dialect: Dialect) -> Iterator[tuple[int, str]]:
    """A transcript's lines split where a speaker label opens a turn after a sentence end, as web pages run
    turns together ("... after the news summary. JUDY WOODRUFF: A Justice Department report ..."); each
    part keeps its line's number. A split stands only where :func:`_speaker_label` reads a label of a name
    in capitals (two words at least) after it.

    >>> list(_inline_labels([(4, "That is all. JUDY WOODRUFF: Next, the weather. Rain, NOT SNOW: rain.")],
    ...                     load_dialect("transcript")))
    [(4, 'That is all.'), (4, 'JUDY WOODRUFF: Next, the weather. Rain, NOT SNOW: rain.')]
    """
    for index, line in lines:
        if ":" not in line:
            yield index, line
            continue
        start = 0
        for m in _INLINE_LABEL.finditer(line):
            before = line[start:m.start()].split()
            if not before or before[-1].rstrip(".").upper() in dialect.titles or _INITIAL.fullmatch(before[-1]):
                continue  # "ADM. JAMES LOY, ...:" is one label; "Sen. JOHN DOE:", "LLOYD J. AUSTIN:" no new turn
            part = _STAGE_HEAD.sub("", line[m.end():], count=1)
            if dialect.stamped_label and dialect.stamped_label.match(part):  # "... Ann Lee: (00:29) Yes."
                yield index, line[start:m.start()]
                start = m.end()
                continue
            found = _speaker_label(part, dialect)
            if found and len(found.name.split()) > 1 and all(map(_caps_word, found.name.split())) \
                    and not (dialect.drop and dialect.drop.match(part)):  # "XYZ TRANSCRIPT: ..." is a page's title
                yield index, line[start:m.start()]
                start = m.end()
        yield index, line[start:]


_INITIAL = re.compile(r"[A-Z]\.")  # a name's initial ("J." of "LLOYD J. AUSTIN"): no sentence ends there
_STAGE_HEAD = re.compile(r"^\([A-Z][A-Z ’'.-]{1,40}\)[ \t]+")  # "(BREAK) " before an inline label


def _bite_speaker(who: str, dialect: Dialect) -> tuple[str | None, str | None]:
    """(name, title) of who speaks a wire script's soundbite: the name first when written in mixed case, last
    when written in capitals (Reuters writes the title first); "SAYING" dropped.

    >>> d = load_dialect("wire")
    >>> _bite_speaker("Ann Roe, Alesund fire chief", d), _bite_speaker("RESIDENT, MARCO BELLINI, SAYING", d)
    (('Ann Roe', 'Alesund fire chief'), ('Marco Bellini', 'RESIDENT'))
    """
    who = dialect.saying.sub("", who) if dialect.saying else who
    parts = [p.strip() for p in who.split(",") if p.strip()]
    if not parts:
        return None, None
    caps = not any(c.islower() for c in who)
    name, title = (parts[-1], parts[:-1]) if caps and len(parts) > 1 else (parts[0], parts[1:])
    return (display_name(name) if caps else name), ", ".join(title) or None


def _unquoted(text: str) -> str:
    """A bite's line without the quotation marks that open or close the whole bite.

    >>> _unquoted('"We are safe."'), _unquoted('"We are'), _unquoted('safe."'), _unquoted('He said "no" twice.')
    ('We are safe.', 'We are', 'safe.', 'He said "no" twice.')
    """
    text = text.strip()
    marks = sum(text.count(q) for q in '"“”')
    opens, closes = text[:1] in '"“', text[-1:] in '"”'
    if opens and closes and marks == 2:
        return text[1:-1].strip()
    if marks % 2 and opens:
        return text[1:].strip()
    if marks % 2 and closes:
        return text[:-1].strip()
    return text


def _bites(text: str | Iterable[str], dialect: Dialect, dropped=None) -> Iterator[_Para]:
    """A wire script's soundbites, each line a quote spoken by the person its heading names; every other line
    (story fields, shot list, storyline) reported dropped."""
    speaker, title, inside = None, None, False
    for index, raw in enumerate(_lines(text)):
        raw = _CONTROL.sub("", raw)
        heading = dialect.bite.match(raw)
        if heading:
            speaker, title = _bite_speaker(heading.group("who"), dialect)
            inside, line = True, heading.group("text")
            _report(dropped, index, raw[:heading.start("text")], "soundbite heading")
        elif inside and not (dialect.bite_end and dialect.bite_end.match(raw)):
            line = raw
        else:
            inside = False
            _report(dropped, index, raw, "shot list or storyline")
            continue
        line = _unquoted(strip_notes(line, dialect))
        if line:
            yield _Para(index, line, "quote", speaker, None, title=title)


#: a page's "Transcript" heading begins its transcript when at most this many lines (not blank) come before it
HEADER_LINES = 20
_NONSPACE = re.compile(r"\S")


def begins(head: str, dialect: Dialect) -> int:
    """The number of the line where a transcript page's transcript begins: its heading ("Transcript" alone on
    its line, :attr:`Dialect.summary_end`), or the line after one that ends the page's header (a briefing's notice,
    :attr:`Dialect.header_end`), when at most :data:`HEADER_LINES` lines come before it and none of them is a
    speaker's label or a section marker (the page's title, date and description), and some text follows it; else 0.

    >>> begins("Can the ferries be saved?\\n\\nA look at the island boats.\\n\\nTranscript\\n\\nPresenter: Hello.",
    ...        load_dialect("transcript"))
    4
    >>> begins("ANN LEE: Hello.\\nTranscript\\nTOM HALE: Hi.", load_dialect("transcript"))
    0
    >>> begins("The ferries ran late.\\nCrews worked all night.\\nTranscript\\n", load_dialect("transcript"))
    0
    """
    if dialect.summary_end is None or "ranscript" not in head[:5000].lower():
        return 0
    seen, end = 0, 0
    for index, raw in enumerate(head[:5000].splitlines(keepends=True)):  # (line ends as _lines reads them)
        end += len(raw)
        if not raw.strip():
            continue
        line = raw.splitlines()[0]
        heading = dialect.summary_end.match(line)
        if heading or dialect.header_end and dialect.header_end.search(line):
            return (index if heading else index + 1) if _NONSPACE.search(head, end) else 0
        seen += 1
        if seen > HEADER_LINES or _marker(line, dialect) or _speaker_label(line.strip(), dialect) \
                and not (dialect.drop and dialect.drop.match(line)):  # "TRANSCRIPT: A Title" is the page's title
            return 0
    return 0


def _paragraphs(text: str | Iterable[str], dialect: Dialect, width: int | None = None, dropped=None,
                sounds: bool = False, warn=None, headlines: bool = True, spaced: bool = False,
                start: int = 0, margin: bool = False) -> Iterator[_Para]:
    """Lines with notes dropped and markers, labels and (newsroom) element marks applied; every line not
    subtitled is reported to ``dropped(line_number, text, reason)`` when given. Lines before line ``start``
    are a page's header (:func:`begins`); with ``margin`` every line opens with its line number (a court's)."""
    if dialect.bite is not None:  # a wire script: only its soundbites are spoken
        yield from _bites(text, dialect, dropped)
        return
    section, speaker, label = None, None, None
    element, from_element, run_time, pending_super, talent = 0, False, None, None, None
    parts, person = None, False  # the part types of a compound element (VO/SOT); a super with a title
    untitled = False  # a super without a title was just read: its title may follow on the next line
    room = dialect.elements is not None
    spoken = dialect.roles is not None
    title, people, anchor_said = None, {}, ""  # anchor_said: the lead-in line just read (it may introduce a reporter)
    said = False  # whether any speech has been read: past it, only a headline in title case is one
    quote_from = None  # what was read before a quote's marker ([Soundbite]): a vox label's line returns to it
    after = None  # the section, speaker, label and title to return to after a vox label's line
    dek = 0  # paragraphs of a page's summary (below its "SUMMARY" heading) still to drop
    bite = False  # a web story's bite mark was just read: the label after it speaks a bite's line
    titles: set[str] = set()  # the story titles a part heading listed (in lower case): headings, when alone
    for index, raw in _source(text, dialect, width, spaced, start, margin, dropped):
        marker = _marker(raw, dialect)
        if marker:
            quote_from = (section, speaker, label, title) if marker == "quote" and section != "quote" else None
            section, speaker, label, from_element, title = marker, None, None, False, None
            _report(dropped, index, raw, "section marker")
            continue
        if not room and _caption_turn(raw):  # ">> the goal was ...": someone else speaks, unnamed
            speaker, label, title, after, quote_from = None, None, None, None, None
        bare = None  # the line without notes or run time, while raw is as read
        if room and untitled and raw.strip():
            untitled = False
            if dialect.super_title and dialect.super_title.match(raw) and not raw.rstrip().endswith(_FINAL):
                person = True  # "SUPER: Dale Pruitt" / "Fire Captain": the title on the line after the name
                _report(dropped, index, raw, "name super")
                continue
        if room:
            timed = dialect.run_time.search(raw)
            bare = strip_notes(raw[:timed.start()] + " " + raw[timed.end():] if timed else raw, dialect)
            slug = dialect.slug.match(bare)
            if slug and not dialect.element_line.match(bare) and slug.group("slug") not in dialect.production_labels:
                yield _Para(index, "", None, None, None, slug=slug.group("slug"))  # a run time here is the story's
                section, speaker, label, from_element, run_time, talent = None, None, None, False, None, None
                parts = None
                _report(dropped, index, raw, "slug")
                continue
            line_mark = dialect.element_line.match(raw)
            opened = dialect.element.match(raw) or line_mark
            kind = _element_type(dialect, opened.group("type")) if opened else None
            bare_time = line_mark.groupdict().get("time") if line_mark else None  # "VO/SOT :45"
            stated = run_time_seconds(timed) if timed else run_time_seconds(bare_time) if bare_time else None
            if stated is not None and stated > MAX_RUN_TIME:
                if warn:
                    warn(f"line {index + 1}: run time of {stated:g} s ignored (longer than {MAX_RUN_TIME:g} s)")
                stated = None
            if kind:
                if parts and kind in parts and run_time is not None and stated is None:
                    pass  # a part of a compound element with a run time: same element, same run time
                else:
                    element, run_time, parts = element + 1, None, dialect.parts.get(kind)
                if section == "quote" and speaker is not None and pending_super == speaker:
                    pending_super = None  # a super read inside the bite named its speaker: it is not the next one's
                section, label, from_element = dialect.elements[kind], None, True
                speaker = pending_super if section == "quote" else talent if section == "lead_in" else None
                if line_mark:  # a bare "VO/SOT" line: the mark is not spoken, text after "VO:" is
                    after_mark = raw[line_mark.end("time" if bare_time and not timed else "type"):]
                    raw = re.sub(r"^\s*/*\s*\)?\s*:?", "", after_mark)  # "VO: ...", "(/////SOT/////)"
                    bare = None
                    if not raw.strip():
                        _report(dropped, index, line_mark.group(), "element cue")
            if stated is not None:
                if not from_element:
                    element, from_element = element + 1, True
                run_time = stated
            named = dialect.super.match(raw)
            if named:
                pending_super = named.group("name").strip()
                if pending_super.isupper():  # "CG: DAVID ORTIZ / OWNER": a name, as a label in capitals is
                    pending_super = display_name(pending_super)
                person = "title" not in named.re.groupindex or bool(named.group("title"))
                untitled = not person
                if section == "quote":  # a super inside a bite names its speaker
                    speaker = pending_super
                _report(dropped, index, raw, "name super")
                continue
            if dialect.skip.match(raw):
                _report(dropped, index, raw, "production line")
                continue
            reader = dialect.talent.match(raw)
            if reader:
                talent = display_name((reader.group("name") or reader.groupdict().get("cam") or "").strip())
                section, speaker, label, from_element = "lead_in", talent, None, False
                _report(dropped, index, raw, "talent")
                continue
            if bare is None:
                timed = dialect.run_time.search(raw)
                if timed:
                    raw = raw[:timed.start()] + " " + raw[timed.end():]
        line = strip_notes(raw, dialect) if bare is None else bare
        kind_of = dialect.drop.match(line) if dialect.drop and line else None
        if kind_of:
            _report(dropped, index, raw, dialect.drop_reasons[kind_of.lastgroup])
            dek = 0
            listed = dialect.contents.match(line) if dialect.contents else None
            if listed:  # "Part 1: Bridge vote, Rail strike": the stories' titles are headings further on
                titles |= {t.strip().casefold() for t in listed.group("titles").split(",") if t.strip()}
            continue
        if dropped is not None and line != " ".join(raw.split()):
            _report(dropped, index, raw, "notes removed from a spoken line" if line else "production note")
        if spoken and not said and dialect.glued and ":" in line[:dialect.label_max]:
            glued = dialect.glued.match(line)
            if glued:  # "Learn Moreabout online sponsorshipANN LEE: ...": the page's text before the first label
                _report(dropped, index, glued.group(), "page text")
                line = line[glued.end():]
        spoken_text = dialect.transcript.match(line) if dialect.transcript else None
        if spoken_text:
            line = " ".join(spoken_text.group("text").split())
        if spoken:
            line, removed = _stage_directions(line, dialect, sounds)
            for direction in removed:
                _report(dropped, index, direction, "stage direction")
            if not line and _bite_marked(raw, dialect):
                bite = True  # "SOUNDBITE (CHINESE)", split from the label after it
                continue
            if titles and line.casefold() in titles:
                _report(dropped, index, raw, "story title")
                continue
            found = _speaker_label(line, dialect) or _asked(raw, line, dialect) or _stamped(raw, line, dialect)
            if found and found.rest and (bite or _bite_marked(raw, dialect)):
                found = replace(found, vox=True)  # "SOUNDBITE (CHINESE) LI MING, Economist: ...": a bite's line
            bite = bite and not line
            if dialect.summary and not (found and found.rest) and not said and dialect.summary.match(line):
                dek = SUMMARY_PARAGRAPHS  # "SUMMARY" above a transcript: the page's dek follows
                _report(dropped, index, raw, "summary")
                continue
            if dek and (found or dialect.summary_end.match(line)):
                dek = 0  # the transcript begins (its heading is dropped as a headline)
            elif dek:
                dek -= 1
                _report(dropped, index, raw, "summary")
                continue
            if found and found.name.split()[0].rstrip(".").upper() in dialect.production_labels:
                _report(dropped, index, raw, "production label")
                continue
            if found and found.name.upper() in dialect.mark_labels:
                line = found.rest
            elif found:
                after = (quote_from or (section, speaker, label, title)) if found.vox else None
                quote_from = None
                section, speaker, title = _speaker(found, dialect, people, anchor_said)
                label, from_element, line = found.name, False, found.rest
                if not line:
                    _report(dropped, index, raw, "speaker label")
                    continue
            elif headlines and dialect.headline and _headline(line, dialect, people, said):
                _report(dropped, index, line, "headline or caption")
                continue
        m = None if spoken else _LABEL.match(line)
        if m and _clause(m.group("label").split()):
            m = None  # "THE MAYOR PUT IT THIS WAY: ...": a sentence in capitals, not a label
        if m and m.group("label").split()[0].rstrip(".") in dialect.production_labels:
            _report(dropped, index, raw, "production label")
            continue
        if m and m.group("label").strip() in dialect.mark_labels:
            line = m.group("rest").strip()
        elif m:
            label = m.group("label").strip()
            line = m.group("rest").strip()
            upper = label.upper()
            from_element = False
            title = None
            if upper in dialect.anchor_labels:
                section, speaker = "lead_in", None
            elif upper in dialect.reporter_labels:
                section, speaker = "package", None
            else:  # an office before a full name is its title ("PRESS SECRETARY JOHN KIRBY:"; "MR. JONES:" stays)
                words = label.split()
                lead = _title_words(words, dialect)
                lead = lead if len(words) - lead > 1 else 0
                section, speaker = "quote", display_name(" ".join(words[lead:]))
                title = " ".join(words[:lead]) or None
        if line and index < start:  # the page's title and description above its "Transcript" heading
            _report(dropped, index, raw, "page header")
            continue
        if line:
            if room and pending_super and section != "quote" and person:  # a bite inside a VO or package
                yield _Para(index, line, "quote", pending_super, None, element, from_element,
                            run_time if from_element else None, pending_super)
                pending_super = None
                continue
            shown = pending_super if room and pending_super else None  # a name, or a place (no title)
            yield _Para(index, line, section, speaker, label, element, from_element,
                        run_time if from_element else None, shown, title=title)
            anchor_said = line if section == "lead_in" else ""
            said = True
            if after:  # a vox label's bite is its own line: the next line is the reporter's (or anchor's) again
                section, speaker, label, title = after
                after = None
            if shown:
                pending_super = None
        elif m:
            _report(dropped, index, raw, "speaker label")


def is_sign_off(text: str, dialect: Dialect | None = None) -> re.Match | None:
    """The match of a sign-off paragraph ("Name, Outlet News[, Place].").

    >>> is_sign_off("Lee Ji-won, Arirang News.").group("name")
    'Lee Ji-won'
    >>> is_sign_off("However, the talks went on.") is None, is_sign_off("GOOD AFTERNOON, AUSTIN.") is None
    (True, True)
    """
    if len(text.split()) > 10:
        return None
    dialect = dialect or load_dialect("plain")
    m = dialect.sign_off.match(text)
    return None if m and m.group("name").split()[0].upper() in dialect.greetings else m


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


def parse_script(text: str, dialect: Dialect | str | None = None, **options) -> tuple[Segment, ...]:
    """Parse a script into segments with section, speaker, text, paragraph and story numbers (the options
    of :func:`iter_segments`)."""
    return tuple(iter_segments(text, dialect, **options))


def _signs_off(para: _Para, dialect: Dialect) -> re.Match | None:
    return is_sign_off(para.text, dialect) if para.section in (None, "sign_off") or para.from_element else None


_BITE_FIRST = ("(", "S", "U")  # how a bite mark starts (SOUNDBITE, SOT, UPSOUND): others need no pattern run


def _bite_marked(raw: str, dialect: Dialect) -> bool:
    """Whether a line opens with a web story's bite mark ("SOUNDBITE (CHINESE) ..."); the pattern runs only on
    lines that start as a mark can."""
    return bool(dialect.bite_mark and raw.lstrip()[:1] in _BITE_FIRST and dialect.bite_mark.match(raw))


#: a page's summary below its "SUMMARY" heading ends at a speaker's label, a "TRANSCRIPT" heading or a dropped
#: line, and is at most this many paragraphs: past them, what follows is speech after all
SUMMARY_PARAGRAPHS = 3


#: a story holds at most this many paragraphs, or :data:`STORY_CHARS` characters, before it is read in
#: parts: memory stays bounded on a long script without sign-offs (a later part does not know the reporter
#: named by the sign-off, nor an earlier part the toss of a later one)
STORY_PARAGRAPHS = 2000
STORY_CHARS = 1_000_000


def iter_segments(text: str | Iterable[str], dialect: Dialect | str | None = None, *, dropped=None,
                  join_wraps: bool | None = None, sound_labels: bool = False, warn=None) -> Iterator[Segment]:
    """The segments of a script, story by story (a story ends at its sign-off or a new slug), holding one
    story at a time (at most :data:`STORY_PARAGRAPHS` paragraphs or :data:`STORY_CHARS` characters).

    ``dialect`` is a :class:`Dialect` or a name (default ``plain``). ``dropped(line_number, text, reason)``
    is called for every line (or part of a line) not subtitled. ``join_wraps``: join hard-wrapped lines
    into paragraphs (None: when the script looks hard-wrapped, see :func:`wrap_width`; with False ``warn``
    is told when it does). ``sound_labels``: a transcript's sound directions as ``[MUSIC]`` labels.
    ``warn(message)`` hears of ignored run times too.
    """
    if not isinstance(dialect, Dialect):
        dialect = load_dialect(dialect or "plain")
    width, margin = None, False
    if dialect.roles is not None or join_wraps is not False or warn:
        from .pipeline import _head  # the pipeline's reader of a script's head, whole or in pieces

        head, text = _head(text)
        margin = line_numbered(head)
        if margin:  # a court transcript's line numbers are no part of its lines (its wrap, labels and header)
            head = "\n".join(map(unnumbered, head.splitlines()))
        speakers = title_case_speakers(head, dialect) if dialect.roles is not None else None
        if speakers:
            dialect = replace(dialect, speakers=speakers)
        lower = lower_case_labels(head, dialect) if dialect.roles is not None else None
        if lower:
            dialect = replace(dialect, lower_labels=lower)
    if join_wraps is not False or warn:
        width, spaced = wrap(_columned(head, dialect), dialect)
        if width and join_wraps is False:
            if warn:
                warn(f"the script looks hard-wrapped at {width} characters, but its lines are kept as they are "
                     "(each line end a paragraph end); leave out --no-join-wraps to join them")
            width, spaced = None, False
            headlines = False
        else:
            headlines = True
    else:
        headlines, spaced = True, False
    start = begins(head, dialect) if dialect.roles is not None else 0
    story: list[_Para] = []
    number, slug, size = 0, None, 0
    for para in _paragraphs(text, dialect, width, dropped, sound_labels, warn, headlines, spaced, start, margin):
        if para.slug is not None:
            if story:
                yield from _story_segments(story, number, slug, dialect)
                story, number, size = [], number + 1, 0
            slug = para.slug
            continue
        story.append(para)
        size += len(para.text)
        if _signs_off(para, dialect) and slug is None:  # a slugged story runs to the next slug (DONUT tags)
            yield from _story_segments(story, number, slug, dialect)
            story, number, slug, size = [], number + 1, None, 0
        elif len(story) >= STORY_PARAGRAPHS or size >= STORY_CHARS:  # read a long story in parts
            yield from _story_segments(story, number, slug, dialect, part=True)
            story, size = [], 0
    if story:
        yield from _story_segments(story, number, slug, dialect)


def _toss_name(name: str) -> str:
    """The reporter's name in a toss, without the outlet's possessive or "Our" ("NPR's Kirk Siegler").

    >>> _toss_name("NPR's Kirk Siegler"), _toss_name("Our Park Min-seo"), _toss_name("Lee Ji-won")
    ('Kirk Siegler', 'Park Min-seo', 'Lee Ji-won')
    """
    return re.sub(r"^(?:(?:\S+['’]s|Our(?: [Oo]wn)?)\s+)+", "", name) or name


def _story_segments(story: list[_Para], number: int, slug: str | None, dialect: Dialect,
                    part: bool = False) -> list[Segment]:
    """The segments of one story (or, with ``part``, of a long story's part, which has no sign-off)."""
    last = len(story) - 1
    if slug is not None:  # in a slugged story the sign-off may be followed by an anchor tag
        last = next((i for i in range(len(story) - 1, -1, -1) if _signs_off(story[i], dialect)), last)
    sign = None if part else _signs_off(story[last], dialect)
    reporter = sign.group("name") if sign else None
    toss_at, toss = None, None
    if not any(p.section for p in story):
        for i, para in enumerate(story[:last] if sign else story):
            toss = _split_toss(para.text, dialect)
            if toss:
                toss_at = i
                reporter = reporter or _toss_name(dialect.toss.search(toss[1]).group("name"))
                break
    out: list[Segment] = []

    def add(section: str, speaker: str | None, text: str, para: _Para) -> None:
        if text:
            out.append(Segment(section, speaker, text, para.index, number, para.element, para.run_time,
                               para.super_name if not out or out[-1].paragraph != para.index else None, slug,
                               para.title))

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
