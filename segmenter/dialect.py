"""Script dialects: how a station marks its scripts, as data (``dialects/*.toml``), compiled once.

>>> d = load_dialect("newsroom")
>>> d.name, d.elements["SOT"], bool(d.detect.search("(**SOT**)"))
('newsroom', 'quote', True)
>>> choose_dialect("auto", "Lee Ji-won reports.").name, choose_dialect("auto", "(**SOT**) Rain.").name
('plain', 'newsroom')
>>> choose_dialect("auto", "CG: Kim / Mayor").name  # one mark is not enough evidence
'plain'
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .errors import InputError

_NAME = r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}"


@dataclass(frozen=True, eq=False)
class Dialect:
    """Compiled marks of one dialect; the ``newsroom`` patterns are None in a plain dialect."""

    name: str
    description: str
    notes: re.Pattern
    markers: dict
    anchor_labels: frozenset
    reporter_labels: frozenset
    production_labels: frozenset
    toss: re.Pattern
    toss_hint: re.Pattern
    sign_off: re.Pattern
    columns: dict | None = None  # a table's header word (upper case) -> "spoken", "speaker" or "skip"
    hyphen_firsts: frozenset = frozenset()  # a compound's first part, kept hyphenated across a wrapped line end
    greetings: frozenset = frozenset()  # first words of no sign-off's name ("GOOD AFTERNOON, AUSTIN."), upper case
    hyphen_seconds: frozenset = frozenset()  # a compound's second part ("elect")
    element: re.Pattern | None = None
    element_line: re.Pattern | None = None
    talent: re.Pattern | None = None
    super: re.Pattern | None = None
    super_title: re.Pattern | None = None  # newsroom: a super's title on the line after it
    skip: re.Pattern | None = None
    run_time: re.Pattern | None = None
    slug: re.Pattern | None = None
    detect: re.Pattern | None = None
    elements: dict | None = None
    parts: dict | None = None
    transcript: re.Pattern | None = None
    drop: re.Pattern | None = None  # lines never subtitled, one named group per kind (``drop_reasons``)
    drop_reasons: dict | None = None
    mark_labels: frozenset = frozenset()  # labels that are element marks before spoken text ("VO: ...")
    stage: re.Pattern | None = None  # transcript: stage directions in single parentheses
    headline: re.Pattern | None = None  # transcript: a headline or caption paragraph
    sounds: frozenset = frozenset()
    titles: frozenset = frozenset()
    roles: dict | None = None  # transcript: a title word -> the section its speaker reads
    introduces: re.Pattern | None = None  # transcript: the anchor's words that hand over to a reporter
    label_max: int = 160
    speakers: frozenset = frozenset()  # transcript: names in title case that open turns in this script
    record_label: re.Pattern | None = None  # transcript: "Mr. BURNS.", "Q.", "Q    " before the words (group name)
    record_turn: re.Pattern | None = None  # transcript: "Mr. Linder." before the words, when such labels take turns
    turn: re.Pattern | None = None  # transcript: a caption copy's time code and who speaks next
    bite_mark: re.Pattern | None = None  # transcript: a web story's SOUNDBITE mark before a bite's label
    summary: re.Pattern | None = None  # transcript: a page's "SUMMARY" heading above its dek (dropped)
    summary_end: re.Pattern | None = None  # transcript: the heading that ends the dek ("TRANSCRIPT")
    header_end: re.Pattern | None = None  # transcript: a line that ends a page's header, itself included
    contents: re.Pattern | None = None  # transcript: a part heading listing its stories' titles (group titles)
    timed_label: re.Pattern | None = None  # transcript: a name and time code alone on a line ("Maya Lin  0:03")
    insertion: re.Pattern | None = None  # an editor's words in brackets in a sentence (group words): spoken
    stamped_label: re.Pattern | None = None  # transcript: a label beside its time code ("Ann Lee: (00:01)", group name)
    member: re.Pattern | None = None  # transcript: a parliament record's label alone on its line (groups name, title)
    generic_labels: frozenset = frozenset()  # transcript: role labels in title case ("Question:", "Spokesman:")
    lower_label: re.Pattern | None = None  # transcript: a caption archive's label in lower case ("anchor: hello")
    lower_labels: frozenset = frozenset()  # transcript: the lower-case labels that open turns in this script
    glued: re.Pattern | None = None  # transcript: a page's text glued to the first label ("...sponsorshipANN LEE:")
    label_doing: re.Pattern | None = None  # transcript: what a label's speaker does, after the name ("reporting")
    bite: re.Pattern | None = None  # wire: a soundbite's heading (groups who, text): only bites are spoken
    bite_end: re.Pattern | None = None  # wire: a line that ends a bite (the next shot, a heading)
    saying: re.Pattern | None = None  # wire: the words after who speaks that are neither name nor title


def dialects_dir() -> Path:
    """Where the built-in dialects live: the installed ``segmenter.dialects`` or the checkout's ``dialects/``."""
    here = Path(__file__).resolve().parent
    installed = here / "dialects"
    return installed if installed.is_dir() else here.parent / "dialects"


def _read(name_or_path: str, folder: Path | None = None) -> tuple[dict, str]:
    """A dialect file's settings and its path; a relative path is read from ``folder`` (the folder of the
    file that ``extends`` it) when given."""
    path = Path(name_or_path)
    if folder is not None and (path.suffix == ".toml" or "/" in name_or_path) and not path.is_absolute():
        path = folder / path
    if not (path.suffix == ".toml" or "/" in name_or_path):
        path = dialects_dir() / f"{name_or_path}.toml"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in dialects_dir().glob("*.toml")))
            raise InputError(f"unknown dialect {name_or_path!r}; known: {known}, auto")
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")), str(path)
    except OSError as exc:
        raise InputError(f"{path}: cannot read dialect: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a valid TOML dialect file: {exc}") from None


def _merge(base: dict, extra: dict) -> dict:
    merged = dict(base)
    for key, value in extra.items():
        merged[key] = _merge(merged[key], value) if isinstance(value, dict) and isinstance(merged.get(key), dict) \
            else value
    return merged


def _compile(pattern: str | None, origin: str, flags: int = 0) -> re.Pattern | None:
    if pattern is None:
        return None
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise InputError(f"{origin}: bad pattern {pattern!r}: {exc}") from None


def _data(name_or_path: str) -> tuple[dict, str]:
    """A dialect file's settings with those of the dialects it ``extends`` beneath them, and its path."""
    data, origin = _read(name_or_path)
    seen, here, current = {origin}, Path(origin).parent, origin
    while "extends" in data:
        base_name = data.pop("extends")
        if not isinstance(base_name, str) or not base_name:
            raise InputError(f"{current}: 'extends' must name a dialect or a file")
        base, base_origin = _read(base_name, here)
        here, current = Path(base_origin).parent, base_origin
        if base_origin in seen:
            raise InputError(f"{origin}: dialects extend each other in a loop")
        seen.add(base_origin)
        data = _merge(base, data)
    return data, origin


#: named groups each pattern must have (a dialect file without one is refused when loaded)
_GROUPS = {"element": ("type",), "element_line": ("type",), "talent": ("name",), "super": ("name",),
           "slug": ("slug",), "transcript": ("text",), "bite": ("who", "text"),
           "record_label": ("name",), "record_turn": ("name",),
           "member": ("name",), "timed_label": ("name",), "stamped_label": ("name",), "lower_label": ("name",),
           "label_doing": ("doing",), "contents": ("titles",), "insertion": ("words",)}


def _pattern(value, origin: str, key: str, flags: int = 0) -> re.Pattern | None:
    """A dialect pattern compiled, checked for its type and its named groups."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise InputError(f"{origin}: {key} must be a pattern (a string), not {type(value).__name__}")
    compiled = _compile(value, origin, flags)
    missing = [g for g in _GROUPS.get(key, ()) if g not in compiled.groupindex]
    if key == "run_time" and not compiled.groupindex:
        missing = ["a"]
    if missing:
        raise InputError(f"{origin}: {key} pattern has no named group (?P<{missing[0]}>...)")
    return compiled


def _strings(value, origin: str, key: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{origin}: {key} must be a list of strings")
    return value


def _table(value, origin: str, key: str) -> dict:
    if not isinstance(value, dict):
        raise InputError(f"{origin}: [{key}] must be a table")
    return value


def _alternation(table: dict, origin: str, key: str, flags: int = 0) -> tuple[re.Pattern | None, dict]:
    """One pattern of a table's patterns, a named group each, and what each group stands for. Each pattern
    of a user's file is compiled alone first, so that an error names it; the built-in files' are not (a
    test compiles each of them; this halves the cost of choosing a dialect, paid on every run)."""
    groups, parts = {}, []
    alone = Path(origin).parent != dialects_dir()
    for i, (name, pattern) in enumerate(_table(table, origin, key).items()):
        if not pattern:
            continue  # an extending dialect switches a kind off with ""
        if alone or not isinstance(pattern, str):
            _pattern(pattern, origin, f"[{key}] {name!r}", flags)
        groups[f"k{i}"] = name
        part = f"(?P<k{i}>{pattern})"
        if pattern.startswith("^") and not _branches(pattern) and parts and parts[-1][0] == "^":
            parts[-1] = f"{parts[-1][:-1]}|{part})"
        else:  # consecutive patterns that start with '^' share it: a search tries them at line starts only
            parts.append(f"^(?:{part})" if pattern.startswith("^") and not _branches(pattern) else part)
    return (_compile("|".join(parts), origin, flags) if parts else None), groups


def _branches(pattern: str) -> bool:
    """Whether a pattern may have a '|' outside any group (so a '^' opening it would not anchor all of it).

    >>> _branches("^a|b"), _branches("^(?:a|b)[|]"), _branches(r"^a\\|b"), _branches("^[]|]")
    (True, False, False, False)
    """
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 1 + pattern.startswith("^", i + 1)
            i += pattern.startswith("]", i)  # a ']' first in a class is a character
            continue
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth <= 0:
            return True
        i += 1
    return depth != 0 or in_class  # unbalanced: say yes, and leave the pattern as it is


@cache
def _detector(name_or_path: str) -> tuple[re.Pattern | None, dict]:
    """Only the ``[detect]`` marks of a dialect and their weights: ``auto`` needs no more to choose."""
    data, origin = _data(name_or_path)
    marks = _table(data.get("detect", {}), origin, "detect")
    for pattern, weight in marks.items():
        if not isinstance(weight, (int, float)) or isinstance(weight, bool):
            raise InputError(f"{origin}: [detect] weight of {pattern!r} must be a number")
    pattern, groups = _alternation({p: p for p in marks}, origin, "detect", re.M)
    return pattern, {g: marks[p] for g, p in groups.items()}


@cache
def load_dialect(name_or_path: str = "plain") -> Dialect:
    """A dialect by name (``plain``, ``newsroom``, ``transcript``, ``wire``) or a TOML file by path (``extends``
    another, a relative path read from the extending file's folder)."""
    data, origin = _data(name_or_path)
    try:
        labels, heur = _table(data["labels"], origin, "labels"), _table(data["heuristics"], origin, "heuristics")
        tosses = "|".join(f"(?:{t})" for t in _strings(heur["tosses"], origin, "tosses"))
        outlets = "|".join(re.escape(o) for o in _strings(heur["outlets"], origin, "outlets"))
        room = _table(data.get("newsroom", {}), origin, "newsroom")
        spoken = _table(data.get("transcript", {}), origin, "transcript")
        wire = _table(data.get("wire", {}), origin, "wire")
        drop, reasons = _alternation(data.get("drop", {}), origin, "drop")
        label_max = spoken.get("label_max", 160)
        if not isinstance(label_max, int) or isinstance(label_max, bool) or not 1 <= label_max <= 1000:
            raise InputError(f"{origin}: label_max must be a whole number from 1 to 1000")
        roles = _table(spoken.get("roles", {}), origin, "transcript.roles")
        for role, section in roles.items():
            if section not in ("lead_in", "package", "quote", "sign_off"):
                raise InputError(f"{origin}: role {role!r} maps to {section!r}, not a section")
        return Dialect(
            name=str(data.get("name", Path(origin).stem)),
            description=str(data.get("description", "")),
            notes=_compile("|".join(f"(?:{n})" for n in _strings(data["notes"], origin, "notes")), origin),
            insertion=_pattern(data.get("insertion"), origin, "insertion"),
            markers=dict(_table(data.get("markers", {}), origin, "markers")),
            anchor_labels=frozenset(_strings(labels["anchor"], origin, "anchor")),
            reporter_labels=frozenset(_strings(labels["reporter"], origin, "reporter")),
            production_labels=frozenset(_strings(labels["production"], origin, "production")),
            toss=_compile(rf"(?:^|\s)(?P<name>{_NAME})\s+(?:{tosses})\s*\.\s*$", origin),
            toss_hint=_compile(rf"\s(?:{tosses})\s*\.", origin),
            sign_off=_compile(rf"^(?P<name>{_NAME}),\s+(?P<outlet>(?:[\w&'’.-]+\s+){{0,3}}(?:{outlets})"
                              rf"|[A-Z]{{2,6}}(?:-TV)?|[A-Z]\w*-TV)(?:,\s+(?P<place>{_NAME}))?\s*\.$", origin),
            columns={word.upper(): kind for kind, words in _table(data.get("columns", {}), origin, "columns").items()
                     for word in _strings(words, origin, f"columns {kind}")} or None,
            hyphen_firsts=frozenset(_strings(heur.get("hyphen_firsts", []), origin, "hyphen_firsts")),
            greetings=frozenset(w.upper() for w in _strings(heur.get("greetings", []), origin, "greetings")),
            hyphen_seconds=frozenset(_strings(heur.get("hyphen_seconds", []), origin, "hyphen_seconds")),
            element=_pattern(room.get("element"), origin, "element", re.I),
            element_line=_pattern(room.get("element_line"), origin, "element_line"),
            talent=_pattern(room.get("talent"), origin, "talent"),
            super=_pattern(room.get("super"), origin, "super"),
            super_title=_pattern(room.get("super_title"), origin, "super_title"),
            skip=_pattern(room.get("skip"), origin, "skip"),
            run_time=_pattern(room.get("run_time"), origin, "run_time"),
            slug=_pattern(room.get("slug"), origin, "slug"),
            detect=_detector(name_or_path)[0],
            elements={k.upper(): v for k, v in _table(room.get("elements", {}), origin, "elements").items()}
            or None,
            parts={k.upper(): frozenset(_strings(v, origin, f"parts {k}"))
                   for k, v in _table(room.get("parts", {}), origin, "parts").items()},
            transcript=_pattern(room.get("transcript"), origin, "transcript"),
            drop=drop,
            drop_reasons=reasons,
            mark_labels=frozenset(_strings(labels.get("marks", []), origin, "marks")),
            stage=_pattern(spoken.get("stage"), origin, "stage"),
            headline=_pattern(spoken.get("headline"), origin, "headline"),
            sounds=frozenset(_strings(spoken.get("sounds", []), origin, "sounds")),
            titles=frozenset(" ".join(w.rstrip(".") for w in t.upper().split())
                             for t in _strings(spoken.get("titles", labels.get("titles", [])), origin, "titles")),
            roles={k.upper(): v for k, v in roles.items()} or None,
            introduces=_pattern(spoken.get("introduces"), origin, "introduces", re.I),
            label_max=label_max,
            record_label=_pattern(spoken.get("record_label"), origin, "record_label"),
            record_turn=_pattern(spoken.get("record_turn"), origin, "record_turn", re.M),
            turn=_pattern(spoken.get("turn"), origin, "turn"),
            member=_pattern(spoken.get("member"), origin, "member", re.M),
            timed_label=_pattern(spoken.get("timed_label"), origin, "timed_label", re.M),
            stamped_label=_pattern(spoken.get("stamped_label"), origin, "stamped_label"),
            lower_label=_pattern(spoken.get("lower_label"), origin, "lower_label", re.M),
            glued=_pattern(spoken.get("glued"), origin, "glued"),
            label_doing=_pattern(spoken.get("label_doing"), origin, "label_doing"),
            bite_mark=_pattern(spoken.get("bite_mark"), origin, "bite_mark"),
            summary=_pattern(spoken.get("summary"), origin, "summary"),
            summary_end=_pattern(spoken.get("summary_end"), origin, "summary_end"),
            contents=_pattern(spoken.get("contents"), origin, "contents"),
            header_end=_pattern(spoken.get("header_end"), origin, "header_end"),
            generic_labels=frozenset(_strings(spoken.get("generic", []), origin, "generic")),
            bite=_pattern(wire.get("bite"), origin, "bite"),
            bite_end=_pattern(wire.get("end"), origin, "end"),
            saying=_pattern(wire.get("saying"), origin, "saying"),
        )
    except KeyError as exc:
        raise InputError(f"{origin}: dialect is missing {exc}") from None
    except (TypeError, AttributeError, ValueError) as exc:
        raise InputError(f"{origin}: malformed dialect: {exc}") from None


DETECT_CHARS = 200_000  # how much of a script ``auto`` looks at
DETECT_FIRST = 10_000  # ``auto`` decides on this much when its marks already weigh enough


#: the weight of marks that makes ``auto`` leave ``plain`` (one CG:, TRT or SUPER: line weighs 1)
AUTO_THRESHOLD = 3
#: the dialects ``auto`` weighs against each other, in the order that wins a tie
AUTO_DIALECTS = ("newsroom", "transcript", "wire")


def detect_scores(text: str) -> dict[str, float]:
    """The weight of each candidate dialect's ``[detect]`` marks in ``text`` (every match counted).

    >>> detect_scores("RDR\\nVO: Crews worked.\\nTRT 1:05\\n")["newsroom"]
    5
    """
    scores = {}
    for name in AUTO_DIALECTS:
        pattern, weights = _detector(name)
        scores[name] = sum(weights[m.lastgroup] for m in pattern.finditer(text)) if pattern else 0
    return scores


def choose_dialect(name_or_path: str | None, text: str) -> Dialect:
    """The dialect to read ``text`` with. ``auto`` (the default) weighs the marks of each candidate dialect
    (its ``[detect]`` table) in the first :data:`DETECT_FIRST` characters, or if none weighs enough there
    the first :data:`DETECT_CHARS`: the heaviest wins if it weighs :data:`AUTO_THRESHOLD` or more, else
    ``plain``."""
    if name_or_path in (None, "auto"):
        for size in (DETECT_FIRST, DETECT_CHARS):  # enough evidence early needs no further look
            scores = detect_scores(text[:size])
            best = max(AUTO_DIALECTS, key=lambda name: scores[name])  # first of a tie
            if scores[best] >= AUTO_THRESHOLD or len(text) <= size:
                break
        return load_dialect(best if scores[best] >= AUTO_THRESHOLD else "plain")
    return load_dialect(name_or_path)


def run_time_seconds(match: re.Match | str) -> float:
    """Seconds of a run time ("1:23" or ":14"), or of the first group that matched in a run-time match.

    >>> run_time_seconds(re.match(r"(?P<a>.*)", "1:23")), run_time_seconds(":14")
    (83.0, 14.0)
    """
    value = match if isinstance(match, str) else next(v for v in match.groupdict().values() if v)
    minutes, _, seconds = value.partition(":")
    return int(minutes or 0) * 60 + float(seconds)
