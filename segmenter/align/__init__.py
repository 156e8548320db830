"""Subtitles in sync with the broadcast: the script aligned to its audio, or to an ASR's word times.

Design, one module per step:

* :mod:`.words` reads word times an ASR produced (the JSON of whisper and of the ASR services, each
  recognised by its structure in :mod:`.asr_formats`, a JSON list of ``{word, start, end}``, SRT or
  WebVTT cues whose words are timed by their characters or by inline timestamps);
* :mod:`.audio` makes such word times from media itself: ffmpeg decodes it to 16 kHz mono, streamed;
  pocketsphinx (``pip install '.[audio]'``; its US English acoustic model ships in the wheel) recognises
  it with a language model built from the script (the script's words and word pairs, plus the general
  English words, so that ad-libs come out as other words and are not forced onto the script) and a
  dictionary holding every script word: cmudict's pronunciation, or else one made by letter-to-sound
  rules (``lts.toml``). Recognition runs on stretches of speech cut at silences (at most 30 s
  each), so memory is bounded and time linear in the length; a progress bar shows on a terminal;
* :mod:`.spoken` puts script and recognised words alike in spoken form: numbers, years, money,
  times and abbreviations as read ("1965": nineteen sixty five, "$1 million", "5 a.m.", "U.N.", "9/11");
* :mod:`.match` aligns the two word sequences: unique words as anchors (patience diff), edit distance
  between anchors, tolerant of substitutions, split and joined words, misses and insertions; it finds
  script text not in the audio (cut in the edit: reported with its paragraph, its cues dropped or, with
  ``keep_unaligned``, kept at an estimated time) and speech not in the script (reported with its times,
  never subtitled);
* :mod:`.sync` lays out cues with pauses as break costs and times them from the words' onsets and ends.

The numbers of the alignment are in ``align.toml``.

>>> from segmenter.style import Style
>>> from segmenter.model import Segment
>>> words = [("rain", 0.5, 0.8), ("fell", 0.9, 1.3)]
>>> cues = speech_cues([Segment("package", None, "Rain fell.")], Style(frame_rate=None), words=words)
>>> [(c.start, c.end, c.text) for c in cues]
[(500, 1800, 'Rain fell.')]
"""

from __future__ import annotations

from ..errors import InputError
from .words import Word, as_words, read_words

__all__ = ["Word", "as_words", "read_words", "speech_cues", "sync_report"]


def _words(words, audio, segments, progress, warn=None):
    """The word times, and the media's length in seconds when it is known (``audio`` given)."""
    if words is not None:
        return (read_words(words, warn) if isinstance(words, str) else as_words(words)), None
    from .audio import check_media, recognise

    length = check_media(audio)
    return recognise(audio, [seg.text for seg in segments], progress=progress, length=length), length


def sync_report(segments, style, start: float = 0.0, *, words=None, audio=None, keep_unaligned=False,
                progress=None, warn=None):
    """Cues timed from speech and the :class:`~segmenter.align.sync.Report` of the alignment.

    ``words`` are word times (:class:`Word` objects, ``(word, start, end)`` tuples, ``{word, start, end}``
    mappings, or the path of a word-time file); otherwise ``audio`` is a media file to recognise. What
    reading the word-time file had to assume (milliseconds in a plain list) is passed to ``warn``.
    """
    from .sync import sync

    segments = list(segments)
    if not segments:
        return (), None
    found, length = _words(words, audio, segments, progress, warn)
    cues, report = sync(segments, found, style, start, keep_unaligned, absorbed=words is None, media_end=length)
    if not any(t.state == "exact" for t in report.tokens):
        origin = words if isinstance(words, str) else audio if words is None else "word times"
        raise InputError(f"{origin}: none of the script's words is in its speech (the wrong media?)")
    return cues, report


def speech_cues(segments, style, start: float = 0.0, *, words=None, audio=None, keep_unaligned=False,
                warn=None, progress=None):
    """The cues of :func:`sync_report`; every finding of the report is passed to ``warn`` as a line."""
    cues, report = sync_report(segments, style, start, words=words, audio=audio,
                               keep_unaligned=keep_unaligned, progress=progress, warn=warn)
    if warn and report is not None:
        for message in report.messages():
            warn(message)
    return cues
