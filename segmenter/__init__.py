"""news-segmenter: TV news scripts to timed SRT and WebVTT subtitles.

The API for newsroom pipelines::

    from segmenter import subtitle, render, load_style
    cues = subtitle(script_text, load_style("netflix"))
    srt_text, vtt_text = render(cues, "srt"), render(cues, "vtt")
    for cue in iter_subtitle(iter_text("archive.txt")): ...   # a large file, a megabyte at a time

Names are imported on first use, so ``import segmenter`` stays cheap.
"""

from __future__ import annotations

import importlib

__all__ = ["subtitle", "iter_subtitle", "render", "load_style", "iter_text", "Style", "Cue", "Segment",
           "parse_script", "InputError"]

_HOME = {"subtitle": "pipeline", "iter_subtitle": "pipeline", "render": "pipeline", "load_style": "style",
         "iter_text": "files", "Style": "style", "Cue": "model", "Segment": "model", "parse_script": "script",
         "InputError": "errors"}


def __getattr__(name: str):
    if name in _HOME:
        return getattr(importlib.import_module(f".{_HOME[name]}", __name__), name)
    raise AttributeError(f"module 'segmenter' has no attribute {name!r}")
