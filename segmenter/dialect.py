"""Script dialects: how a station marks its scripts, as data (``dialects/*.toml``), compiled once.

>>> d = load_dialect("newsroom")
>>> d.name, d.elements["SOT"], bool(d.detect.search("(**SOT**)"))
('newsroom', 'quote', True)
>>> choose_dialect("auto", "Lee Ji-won reports.").name, choose_dialect("auto", "CG: Kim / Mayor").name
('plain', 'newsroom')
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
    element: re.Pattern | None = None
    element_line: re.Pattern | None = None
    talent: re.Pattern | None = None
    super: re.Pattern | None = None
    skip: re.Pattern | None = None
    run_time: re.Pattern | None = None
    slug: re.Pattern | None = None
    detect: re.Pattern | None = None
    elements: dict | None = None
    parts: dict | None = None
    transcript: re.Pattern | None = None


def dialects_dir() -> Path:
    """Where the built-in dialects live: the installed ``segmenter.dialects`` or the checkout's ``dialects/``."""
    here = Path(__file__).resolve().parent
    installed = here / "dialects"
    return installed if installed.is_dir() else here.parent / "dialects"


def _read(name_or_path: str) -> tuple[dict, str]:
    path = Path(name_or_path)
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
    seen = {origin}
    while "extends" in data:
        base, base_origin = _read(data.pop("extends"))
        if base_origin in seen:
            raise InputError(f"{origin}: dialects extend each other in a loop")
        seen.add(base_origin)
        data = _merge(base, data)
    return data, origin


@cache
def _detector(name_or_path: str) -> re.Pattern | None:
    """Only the ``detect`` pattern of a dialect: ``auto`` needs no more unless it matches."""
    data, origin = _data(name_or_path)
    return _compile(data.get("newsroom", {}).get("detect"), origin, re.M)


@cache
def load_dialect(name_or_path: str = "plain") -> Dialect:
    """A dialect by name (``plain``, ``newsroom``) or a TOML file by path (``extends`` another)."""
    data, origin = _data(name_or_path)
    try:
        labels, heur = data["labels"], data["heuristics"]
        tosses = "|".join(f"(?:{t})" for t in heur["tosses"])
        outlets = "|".join(re.escape(o) for o in heur["outlets"])
        room = data.get("newsroom", {})
        return Dialect(
            name=data.get("name", Path(origin).stem),
            description=data.get("description", ""),
            notes=_compile("|".join(f"(?:{n})" for n in data["notes"]), origin),
            markers=dict(data.get("markers", {})),
            anchor_labels=frozenset(labels["anchor"]),
            reporter_labels=frozenset(labels["reporter"]),
            production_labels=frozenset(labels["production"]),
            toss=_compile(rf"(?:^|\s)(?P<name>{_NAME})\s+(?:{tosses})\s*\.\s*$", origin),
            toss_hint=_compile(rf"\s(?:{tosses})\s*\.", origin),
            sign_off=_compile(rf"^(?P<name>{_NAME}),\s+(?P<outlet>(?:[\w&'’.-]+\s+){{0,3}}(?:{outlets})"
                              rf"|[A-Z]{{2,6}}(?:-TV)?|[A-Z]\w*-TV)(?:,\s+(?P<place>{_NAME}))?\s*\.$", origin),
            element=_compile(room.get("element"), origin, re.I),
            element_line=_compile(room.get("element_line"), origin),
            talent=_compile(room.get("talent"), origin),
            super=_compile(room.get("super"), origin),
            skip=_compile(room.get("skip"), origin),
            run_time=_compile(room.get("run_time"), origin),
            slug=_compile(room.get("slug"), origin),
            detect=_compile(room.get("detect"), origin, re.M),
            elements={k.upper(): v for k, v in room.get("elements", {}).items()} or None,
            parts={k.upper(): frozenset(v) for k, v in room.get("parts", {}).items()},
            transcript=_compile(room.get("transcript"), origin),
        )
    except (KeyError, TypeError) as exc:
        raise InputError(f"{origin}: dialect is missing {exc}") from None


DETECT_CHARS = 200_000  # how much of a script ``auto`` looks at


def choose_dialect(name_or_path: str | None, text: str) -> Dialect:
    """The dialect to read ``text`` with; ``auto`` (the default) picks ``newsroom`` when its marks appear
    in the first :data:`DETECT_CHARS` characters."""
    if name_or_path in (None, "auto"):
        return load_dialect("newsroom" if _detector("newsroom").search(text[:DETECT_CHARS]) else "plain")
    return load_dialect(name_or_path)


def run_time_seconds(match: re.Match | str) -> float:
    """Seconds of a run time ("1:23" or ":14"), or of the first group that matched in a run-time match.

    >>> run_time_seconds(re.match(r"(?P<a>.*)", "1:23")), run_time_seconds(":14")
    (83.0, 14.0)
    """
    value = match if isinstance(match, str) else next(v for v in match.groupdict().values() if v)
    minutes, _, seconds = value.partition(":")
    return int(minutes or 0) * 60 + float(seconds)
