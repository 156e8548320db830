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
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

DEFAULT_STYLE = "broadcast"


@dataclass(frozen=True)
class Style:
    """Limits for cues and lines, and the reading-speed rules that time them (seconds throughout)."""

    name: str = "custom"
    description: str = ""
    max_chars_per_line: int = 37
    max_lines: int = 2
    cps: float = 17.0
    wpm: float | None = None
    min_duration: float = 1.0
    max_duration: float = 7.0
    min_gap: float = 0.08
    frame_rate: float | None = None
    pause_ellipsis: float = 0.3
    pause_paragraph: float = 0.4
    pause_section: float = 1.0
    preferred_block_chars: int = 60
    super_duration: float = 4.0
    srt_placement_tags: bool = False
    sound_labels: bool = False  # a transcript's sound directions, (MUSIC), shown as [MUSIC] (hearing-impaired)

    def __post_init__(self) -> None:
        problems = []
        if self.max_chars_per_line < 1:
            problems.append("max_chars_per_line must be at least 1")
        if self.max_lines < 1:
            problems.append("max_lines must be at least 1")
        if self.cps <= 0 or (self.wpm is not None and self.wpm <= 0):
            problems.append("reading speed (cps, wpm) must be positive")
        if not 0 < self.min_duration <= self.max_duration:
            problems.append("need 0 < min_duration <= max_duration")
        if self.min_gap < 0 or min(self.pause_ellipsis, self.pause_paragraph, self.pause_section) < 0:
            problems.append("gaps and pauses cannot be negative")
        if self.frame_rate is not None and self.frame_rate <= 0:
            problems.append("frame_rate must be positive")
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


def style_from_mapping(data: dict, origin: str) -> Style:
    """Build a style from a parsed preset; unknown keys and wrong types are errors naming ``origin``."""
    unknown = sorted(set(data) - set(_FIELDS))
    if unknown:
        raise InputError(f"{origin}: unknown style setting(s): {', '.join(unknown)}")
    values = {}
    for key, value in data.items():
        kind = _FIELDS[key].type
        if "bool" in kind:
            ok = isinstance(value, bool)
        elif "int" in kind:
            ok = isinstance(value, int) and not isinstance(value, bool)
        elif "float" in kind:
            ok = isinstance(value, (int, float)) and not isinstance(value, bool)
            value = float(value) if ok else value
        else:
            ok = isinstance(value, str)
        if not ok:
            raise InputError(f"{origin}: setting {key!r} has the wrong type ({value!r})")
        values[key] = value
    return Style(**values)


def load_style(name_or_path: str | None = None) -> Style:
    """A preset by name (``netflix``) or a TOML file by path; errors name the style and the problem."""
    name_or_path = name_or_path or DEFAULT_STYLE
    path = Path(name_or_path)
    if not (path.suffix == ".toml" or "/" in name_or_path or path.is_file()):
        path = styles_dir() / f"{name_or_path}.toml"
        if not path.is_file():
            raise InputError(f"unknown style {name_or_path!r}; presets: {', '.join(preset_names())}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"{path}: cannot read style: {exc.strerror or exc}") from None
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InputError(f"{path}: not a valid TOML style file: {exc}") from None
    data.setdefault("name", path.stem)
    return style_from_mapping(data, str(path))
