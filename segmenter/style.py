"""Subtitle styles: the limits and timing rules a preset file (``styles/*.toml``) sets.

>>> s = load_style("netflix")
>>> (s.max_chars_per_line, s.max_lines, s.cps)
(42, 2, 20.0)
>>> s.override(max_chars_per_line=30).max_chars_per_line
30
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError

DEFAULT_STYLE = "broadcast"


def _setting(default, meaning: str, unit: str = "", low: float | None = None, high: float | None = None):
    """A style field with its documentation as data: what it means, its unit and its valid range."""
    return field(default=default, metadata={"meaning": meaning, "unit": unit, "range": (low, high)})


@dataclass(frozen=True)
class Style:
    """Limits for cues and lines, and the reading-speed rules that time them (seconds throughout).

    Each field's metadata holds its meaning, unit and valid range (``segmenter styles --keys`` prints them);
    a value outside its range, NaN or infinite is an :class:`InputError` naming the key and the range.
    """

    name: str = _setting("custom", "the style's name, as reports and previews show it")
    description: str = _setting("", "one line that `segmenter styles` shows")
    max_chars_per_line: int = _setting(37, "longest line of a cue", "characters", 1, 200)
    max_lines: int = _setting(2, "most lines in a cue", "lines", 1, 10)
    cps: float = _setting(17.0, "reading speed: a cue lasts at least its characters at this rate",
                          "characters per second", 1, 100)
    wpm: float | None = _setting(None, "reading speed in words as well, the slower of the two wins; false: none",
                                 "words per minute", 10, 1000)
    min_duration: float = _setting(1.0, "shortest cue", "seconds", 0.01, 60)
    max_duration: float = _setting(7.0, "longest cue", "seconds", 0.01, 60)
    min_gap: float = _setting(0.08, "gap between two cues", "seconds", 0, 10)
    frame_rate: float | None = _setting(None, "every time falls on a frame of this rate; false: milliseconds",
                                        "frames per second", 1, 1000)
    chain_gap: float = _setting(0.0, "a gap this short or shorter is closed to min_gap, the cue before held on "
                                "(Netflix: 12 frames); 0: none", "seconds", 0, 10)
    pause_ellipsis: float = _setting(0.3, "extra gap after an ellipsis", "seconds", 0, 10)
    pause_paragraph: float = _setting(0.4, "extra gap at a paragraph end", "seconds", 0, 10)
    pause_section: float = _setting(1.0, "extra gap at a change of section or speaker", "seconds", 0, 10)
    preferred_block_chars: int = _setting(60, "how long a cue should be; longer cues cost more in the layout",
                                          "characters", 1, 2000)
    super_duration: float = _setting(4.0, "how long a name super stays on screen; cues that start meanwhile go on top",
                                     "seconds", 0, 60)
    srt_placement_tags: bool = _setting(False, "write `{\\an8}` in SRT for cues at the top of the frame",
                                        "true or false")
    lead_in_frames: int = _setting(0, "timing from speech: a cue starts this many frames before its first word",
                                   "frames", 0, 100)
    linger: float = _setting(0.5, "timing from speech: a cue stays this long after its last word ends",
                             "seconds", 0, 10)
    sound_labels: bool = _setting(False, "show a transcript's sound directions, (MUSIC), as [MUSIC] (for the "
                                  "hearing-impaired)", "true or false")

    def __post_init__(self) -> None:
        problems = [f"{key} = {getattr(self, key)!r}: {problem}" for key in _FIELDS
                    if (problem := setting_problem(key, getattr(self, key)))]
        if not problems and self.min_duration > self.max_duration:
            problems.append(f"min_duration ({self.min_duration:g} s) is longer than max_duration "
                            f"({self.max_duration:g} s)")
        if problems:
            raise InputError(f"style {self.name!r}: " + "; ".join(problems))

    def override(self, **changes) -> "Style":
        """A copy with the given fields changed; ``None`` values are ignored."""
        changes = {k: v for k, v in changes.items() if v is not None}
        return dataclasses.replace(self, **changes) if changes else self

    def summary(self) -> str:
        """One line with the preset's numbers, as ``segmenter styles`` prints it."""
        fps = f"{self.frame_rate:g} fps" if self.frame_rate else "no frame snapping"
        wpm = f", {self.wpm:g} wpm" if self.wpm else ""
        return (f"{self.max_chars_per_line} chars x {self.max_lines} lines, {self.cps:g} cps{wpm}, "
                f"{self.min_duration:g}-{self.max_duration:g} s, gap {self.min_gap:g} s, {fps}")


def styles_dir() -> Path:
    """Where the built-in presets live: the installed ``segmenter.styles`` or the checkout's ``styles/``."""
    here = Path(__file__).resolve().parent
    installed = here / "styles"
    return installed if installed.is_dir() else here.parent / "styles"


def preset_names() -> list[str]:
    """Names of the built-in presets, sorted."""
    return sorted(p.stem for p in styles_dir().glob("*.toml"))


_FIELDS = {f.name: f for f in dataclasses.fields(Style)}
#: keys a style file may set: the fields, and ``extends``
KEYS = ("extends", *_FIELDS)


def setting_problem(key: str, value) -> str | None:
    """Why ``value`` cannot be style setting ``key`` (a field of :class:`Style`), or ``None`` when it can.

    >>> setting_problem("cps", 12), setting_problem("wpm", None)
    (None, None)
    >>> setting_problem("cps", float("inf"))
    'must be a number from 1 to 100 (characters per second)'
    >>> setting_problem("max_lines", 2.5)
    'must be a whole number from 1 to 10 (lines)'
    """
    spec = _FIELDS[key]
    kind, (low, high) = spec.type, spec.metadata["range"]
    if value is None and "None" in kind:
        return None
    if "bool" in kind:
        return None if isinstance(value, bool) else "must be true or false"
    if "int" in kind or "float" in kind:
        whole = "int" in kind
        ok = isinstance(value, int if whole else (int, float)) and not isinstance(value, bool)
        if ok and low <= value <= high:  # NaN and infinities fail the comparison; huge integers too
            return None
        return f"must be a {'whole number' if whole else 'number'} from {low:g} to {high:g} ({spec.metadata['unit']})"
    return None if isinstance(value, str) else "must be text"


def style_from_mapping(data: dict, origin: str) -> Style:
    """Build a style from a parsed preset; unknown keys, wrong types and values out of range are errors
    naming ``origin`` and the key. In a file, ``false`` sets an optional number (``wpm``, ``frame_rate``)
    to none."""
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise InputError(f"{origin}: unknown style setting(s): {', '.join(unknown)}; valid keys: {', '.join(KEYS)}")
    values = {}
    for key, value in data.items():
        if value is False and "None" in _FIELDS[key].type:
            value = None
        elif isinstance(value, int) and not isinstance(value, bool) and "float" in _FIELDS[key].type:
            value = float(value)
        problem = setting_problem(key, value)
        if problem:
            raise InputError(f"{origin}: {key} = {value!r}: {problem}")
        values[key] = value
    return Style(**values)


def _locate(name_or_path: str, folder: Path | None = None) -> Path:
    """The file of a preset name (any case) or of a path (relative to ``folder`` when given)."""
    if "\0" in name_or_path:
        raise InputError(f"style {name_or_path!r}: a name or path cannot hold a NUL character")
    path = Path(name_or_path)
    if path.suffix == ".toml" or "/" in name_or_path or "\\" in name_or_path or (folder is None and path.is_file()):
        return folder / path if folder is not None and not path.is_absolute() else path
    preset = styles_dir() / f"{name_or_path.lower()}.toml"
    if not preset.is_file():
        raise InputError(f"unknown style {name_or_path!r}; presets: {', '.join(preset_names())} (or a .toml file)")
    return preset


def _read(path: Path) -> dict:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read style: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a valid TOML style file: {' '.join(str(exc).split())}") from None


def _settings(path: Path) -> dict:
    """A style file's settings over those of the presets or files it ``extends`` (``broadcast`` unless it
    says otherwise; the ``broadcast`` preset itself extends nothing). Names and descriptions are not inherited."""
    data = {"name": path.stem, "description": "", **_read(path)}
    default, chain, current = (styles_dir() / f"{DEFAULT_STYLE}.toml").resolve(), [path.resolve()], data
    while (base := current.get("extends", None if chain[-1] == default else DEFAULT_STYLE)) is not None:
        if not isinstance(base, str) or not base:
            raise InputError(f"{chain[-1]}: extends = {base!r}: must be a preset name or a style file")
        try:
            found = _locate(base, chain[-1].parent)
        except InputError as exc:
            raise InputError(f"{chain[-1]}: extends: {exc}") from None
        if found.resolve() in chain:
            raise InputError(f"{path}: styles extend each other in a loop ({found})")
        chain.append(found.resolve())
        current = _read(found)
        data = {**{k: v for k, v in current.items() if k not in ("name", "description", "extends")}, **data}
    data.pop("extends", None)
    return data


def load_style(name_or_path: str | None = None) -> Style:
    """A preset by name (``netflix``, any case) or a TOML file by path, over the preset it ``extends``
    (``broadcast`` by default); errors name the file and the problem."""
    path = _locate(name_or_path or DEFAULT_STYLE)
    return style_from_mapping(_settings(path), str(path))


def keys_table() -> list[tuple[str, str, str]]:
    """Every key of a style file with the value a file inherits (``broadcast``'s) and what it means, with its
    unit and range: the rows ``segmenter styles --keys`` prints and the README lists."""
    base = load_style(DEFAULT_STYLE)
    rows = [("extends", f'"{DEFAULT_STYLE}"', "the preset or style file (relative to this file) to build on")]
    for key, spec in _FIELDS.items():
        meta, value = spec.metadata, getattr(base, key)
        shown = {"name": "file name", "description": '""'}.get(key) or \
            ("false" if value is None else str(value).lower() if isinstance(value, bool) else f"{value:g}")
        low, high = meta["range"]
        unit = f"{meta['unit']}, {low:g}-{high:g}" if low is not None else meta["unit"]
        rows.append((key, shown, f"{meta['meaning']}" + (f" ({unit})" if unit else "")))
    return rows
