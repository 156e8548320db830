"""Subtitle formats behind one registry keyed by name (= file extension).

Each module in this package is one format: it defines ``FORMAT``, an object with ``name``,
``extensions``, ``header`` and ``cue_text(cue)`` (so outputs can be written cue by cue),
``write(cues) -> str`` and ``read(text) -> list[Cue]``. A new format is one new module;
modules are imported only when their format is used.

>>> sorted(names())
['srt', 'vtt']
>>> get("vtt").name, for_path("out/story.SRT").name
('vtt', 'srt')
"""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import PurePath

from ..errors import InputError


@cache
def names() -> tuple[str, ...]:
    """The names of all formats (their module names)."""
    return tuple(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))


def get(name: str):
    """The format called ``name`` (``srt``, ``vtt``)."""
    key = name.lower().lstrip(".")
    if key not in names():
        raise InputError(f"unknown subtitle format {name!r}; known: {', '.join(names())}")
    return importlib.import_module(f"{__name__}.{key}").FORMAT


def for_path(path: str) -> "object":
    """The format a file name's extension picks."""
    suffix = PurePath(path).suffix.lower().lstrip(".")
    for name in names():
        fmt = get(name)
        if suffix in fmt.extensions:
            return fmt
    raise InputError(f"{path}: cannot tell the subtitle format from the extension (use .srt or .vtt)")
