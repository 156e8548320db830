"""The whole pipeline as two calls: script text to cues, cues to subtitle text.

>>> from segmenter.style import Style
>>> cues = subtitle("Rain fell in Seoul.\\nKim Ha-na reports.\\nThe rain stopped.\\nKim Ha-na, Arirang News.",
...                 Style(frame_rate=None))
>>> [(c.section, c.speaker, c.lines) for c in cues]  # doctest: +NORMALIZE_WHITESPACE
[('lead_in', None, ('Rain fell in Seoul.',)), ('lead_in', None, ('Kim Ha-na reports.',)),
 ('package', 'Kim Ha-na', ('The rain stopped.',)), ('sign_off', 'Kim Ha-na', ('Kim Ha-na, Arirang News.',))]
>>> print(render(cues[:1], "srt"), end="")
1
00:00:00,000 --> 00:00:01,118
Rain fell in Seoul.
<BLANKLINE>
"""

from __future__ import annotations

import itertools
from typing import Iterable, Iterator

from . import formats
from .model import Cue
from .errors import InputError
from .dialect import DETECT_CHARS, choose_dialect
from .files import atomic_outputs
from .script import is_bulleted, iter_segments, unbulleted
from .segment import iter_blocks
from .style import Style, load_style
from .timing import chained, iter_cues


NO_TEXT = "no spoken text to subtitle (only production notes or control characters)"


def subtitle(text: str | Iterable[str], style: Style | str | None = None, start: float = 0.0, *,
             dialect: str | None = None, warn=None, words=None, audio=None,
             keep_unaligned: bool = False, progress=None, **reading) -> tuple[Cue, ...]:
    """Timed cues for a script: parse its structure, split sentences, lay out cues and lines, time them.

    ``text`` is the script, or its pieces in order; ``style`` is a :class:`Style`, a preset name or a path
    to a style file (default: ``broadcast``);
    ``start`` is the time of the first cue in seconds; ``dialect`` names how the script is marked
    (``plain``, ``newsroom``, a path, or ``auto``, the default: newsroom when its marks appear); ``warn`` is
    called with a message when an element cannot be read in its stated run time.
    ``words`` (word times from an ASR: a file path, or ``(word, start, end)`` tuples / mappings) or
    ``audio`` (a media file) time the cues from speech instead of reading speed (:mod:`segmenter.align`);
    findings (text cut, speech not in the script) go to ``warn``; ``keep_unaligned`` keeps cut text's cues;
    ``progress(seconds done, total)`` is called as the media is recognised; ``reading`` passes ``dropped``
    and ``join_wraps`` to :func:`segmenter.script.iter_segments`.
    """
    return tuple(iter_subtitle(text, style, start, dialect=dialect, warn=warn, words=words, audio=audio,
                               keep_unaligned=keep_unaligned, progress=progress, **reading))


def iter_subtitle(text: str | Iterable[str], style: Style | str | None = None, start: float = 0.0, *,
                  dialect: str | None = None, warn=None, words=None, audio=None,
                  keep_unaligned: bool = False, progress=None, **reading) -> Iterator[Cue]:
    """The cues of :func:`subtitle` one at a time: memory holds one story, not the whole output.
    ``text`` may also be the script's pieces in order (as :func:`segmenter.files.iter_text` reads them),
    so that not even the script is held whole."""
    if not isinstance(style, Style):
        style = load_style(style)
    head, text = _head(text)
    segments = iter_segments(text, choose_dialect(dialect, head), warn=warn, sound_labels=style.sound_labels,
                             **reading)
    if words is not None or audio is not None:  # timed from speech: the whole script is aligned at once
        from .align import speech_cues

        return chained(speech_cues(segments, style, start, words=words, audio=audio,
                                   keep_unaligned=keep_unaligned, warn=warn, progress=progress), style)
    return chained(iter_cues(iter_blocks(segments, style), style, start, warn), style)


def _head(text: str | Iterable[str], size: int = DETECT_CHARS) -> tuple[str, str | Iterator[str]]:
    """The first ``size`` characters of ``text`` (a string or its pieces), and the text, whole again; a
    bulleted list's bullets gone from both (:func:`segmenter.script.is_bulleted`), so that detection, wrap
    detection and parsing read the same lines."""
    head, text = _read_head(text, size)
    return _read_head(unbulleted(text), size) if is_bulleted(head) else (head, text)


def _read_head(text: str | Iterable[str], size: int) -> tuple[str, str | Iterator[str]]:
    if isinstance(text, str):
        return text[:size], text
    pieces, read, count = iter(text), [], 0
    for piece in pieces:
        read.append(piece)
        count += len(piece)
        if count >= size:
            break
    return "".join(read)[:size], itertools.chain(read, pieces)


def captions_as_script(text, path: str, name: str, reading: dict, warn):
    """A script that is in fact a subtitle file (SRT or WebVTT): its words as the script, laid out anew and
    timed to its cues unless ``reading`` times them (``words`` or ``audio``); any other script as it is.
    Returns the text and the reading options (:func:`subtitle`'s keywords)."""
    head, text = _head(text, 2000)
    try:
        kind = formats.sniff(head, path)
    except InputError:
        return text, reading
    from .align.words import read_captions  # only for a subtitle file: plain scripts start without it

    script, words = read_captions("".join(text), name)
    what = f"a{'n SRT' if kind == 'srt' else ' WebVTT'} file read as a script: its words are laid out anew"
    if "words" in reading or "audio" in reading:
        warn(what)
        return script, reading
    warn(f"{what} and timed to its cues")
    return script, {**reading, "words": words, "keep_unaligned": True}


def write_subtitles(text: str | Iterable[str], targets, style: Style, start: float = 0.0, force: bool = False,
                    name: str = "<script>", *, dialect: str | None = None, warn=None, **options) -> int:
    """Subtitle ``text`` into every ``(format, path)`` of ``targets`` in one pass, cue by cue, atomically.

    Returns the number of cues; a script with no spoken text raises :class:`InputError` and writes nothing.
    ``options`` are the other keywords of :func:`subtitle` (speech timing, ``dropped``, ``join_wraps``); a
    subtitle file given as the script is read as :func:`captions_as_script` says.
    """
    def cues() -> Iterator[Cue]:  # the script is read once the outputs are open, as it is subtitled
        script, reading = captions_as_script(text, name, name, options, warn or (lambda message: None))
        yield from iter_subtitle(script, style, start, dialect=dialect, warn=warn, **reading)

    return write_cues(cues(), targets, style, force, name).index


def write_cues(cues: Iterable[Cue], targets, style: Style, force: bool = False, name: str = "<script>") -> Cue:
    """Write ``cues`` into every ``(format, path)`` of ``targets`` as they come, atomically; returns the last
    cue (its index is the number of cues). No cue at all raises :class:`InputError` and writes nothing."""
    writers = [formats.get(name) for name, _ in targets]
    tags = style.srt_placement_tags
    last = None
    with atomic_outputs([path for _, path in targets], force) as handles:
        for writer, handle in zip(writers, handles):
            handle.write(writer.header)
        for last in cues:
            for writer, handle in zip(writers, handles):
                handle.write(writer.cue_text(last, tags))
        if last is None:
            raise InputError(f"{name}: {NO_TEXT}")
    return last


def render(cues, fmt: str = "srt", style: Style | None = None) -> str:
    """Subtitle text of ``cues`` in format ``fmt`` (``srt`` or ``vtt``), ending with a newline."""
    tags = bool(style and style.srt_placement_tags)
    text = formats.get(fmt).write(cues, placement_tags=tags)
    return text if text.endswith("\n") else text + "\n"


def _file_name(slug: str, limit: int = 60) -> str:
    """A slug as a safe file name: letters, digits, ``-`` and ``_`` only, no leading dot or dash, at most
    ``limit`` characters (a custom dialect's slug may be ``..``, ``-rf`` or hold direction overrides).

    >>> _file_name("../-rf"), _file_name("\u202eFLOODS"), _file_name("..")
    ('rf', 'FLOODS', '')
    """
    import re

    return re.sub(r"[^\w-]+", "", slug).lstrip("-_")[:limit]


def stories(cues, stem: str, start: int = 0) -> Iterator[tuple[str, tuple[Cue, ...]]]:
    """The cues of each story (a rundown's slugs), renumbered and moved to start at ``start`` ms, with a
    file name: the slug in lower case, or ``STEM-N``.

    >>> [(n, [c.start for c in cs]) for n, cs in stories([Cue(1, 0, 900, ("a",), story=0, slug="RAIN"),
    ...                                                   Cue(2, 1000, 1900, ("b",), story=1)], "news")]
    [('rain', [0]), ('news-2', [0])]
    """
    from dataclasses import replace
    from itertools import groupby

    used: set[str] = set()
    for n, (_, group) in enumerate(groupby(cues, key=lambda c: c.story), 1):
        group = list(group)
        name = (_file_name(group[0].slug or "") or f"{stem}-{n}").lower()
        while name in used:
            name += f"-{n}"
        used.add(name)
        shift = group[0].start - start
        yield name, tuple(replace(c, index=i, start=c.start - shift, end=c.end - shift)
                          for i, c in enumerate(group, 1))
