"""A self-contained HTML page to judge subtitles at a glance: every cue on a 16:9 frame, its timing and
reading speed, its section and speaker, every style violation highlighted, and a timeline of all cues.

>>> from segmenter.model import Cue
>>> from segmenter.style import Style
>>> page = preview_html([Cue(1, 0, 900, ("A <b> & c",), "package", "Kim")], Style(), "story.txt")
>>> "A &lt;b&gt; &amp; c" in page, "min_duration" in page, "http" in page
(True, True, False)
"""

from __future__ import annotations

from html import escape

from .check import check_cues, reading_speed
from .formats.vtt import timestamp
from .model import Cue

SECTION_COLOURS = {"lead_in": "#3b82c4", "package": "#3f9b5a", "quote": "#d07a26", "sign_off": "#8b5cc4"}
SECTION_NAMES = {"lead_in": "lead-in", "package": "package", "quote": "quote", "sign_off": "sign-off"}

#: which part of a cue's card each rule of :mod:`segmenter.check` marks in red
_MARKS = {"chars_per_line": "lines", "lines_per_cue": "frame", "empty_cue": "frame", "reading_speed": "cps",
          "min_duration": "duration", "max_duration": "duration", "min_gap": "gap", "overlap": "gap",
          "out_of_order": "gap"}
_BAD = ' class="bad"'
_LINE_FILL = 0.8  # a line of max_chars_per_line characters spans this share of the frame's width
_CHAR_EM = 0.55  # average width of a character of the subtitle font, in em

_CSS = """
*{box-sizing:border-box}
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:0;background:#eef0f3;
 color:#1f2937}
header{padding:18px 28px 16px;background:#111827;color:#f9fafb}
header h1{margin:0 0 6px;font-size:20px;font-weight:600}
.stats{display:flex;flex-wrap:wrap;gap:6px 18px;font-size:13px;color:#9ca3af}.stats b{color:#f3f4f6}
.stats .bad b{color:#fca5a5}.stats .good b{color:#86efac}
.timeline{position:relative;height:30px;margin:18px 28px 0;background:#dfe3e8;border-radius:6px;overflow:hidden}
.timeline a{position:absolute;top:4px;bottom:4px;border-radius:2px;min-width:2px}
.timeline a.bad{box-shadow:inset 0 0 0 2px #dc2626;background-image:repeating-linear-gradient(45deg,
 transparent 0 3px,rgba(220,38,38,.55) 3px 5px)}
.ticks{display:flex;justify-content:space-between;margin:3px 28px 0;font:11px ui-monospace,"DejaVu Sans Mono",
 monospace;color:#6b7280}
.legend{margin:8px 28px 0;font-size:12px;color:#4b5563}.legend span{margin-right:16px;white-space:nowrap}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:5px;vertical-align:-1px}
.legend .bad i{box-shadow:inset 0 0 0 2px #dc2626;background:#fff}
.problems{margin:14px 28px 0;padding:10px 14px;background:#fef2f2;border:1px solid #fecaca;border-radius:8px;
 font-size:12.5px;color:#7f1d1d}
.problems h2{margin:0 0 4px;font-size:13px}.problems ul{margin:0;padding-left:18px;columns:2;column-gap:28px}
.problems a{color:#b91c1c;font-weight:600;text-decoration:none}
.allgood{margin:14px 28px 0;padding:9px 14px;background:#f0fdf4;border:1px solid #bbf7d0;border-radius:8px;
 font-size:12.5px;color:#166534}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(360px,1fr));gap:18px;padding:18px 28px 28px}
.cue{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.1);overflow:hidden;
 border:2px solid transparent}
.cue.bad{border-color:#dc2626}
.head{display:flex;align-items:center;gap:8px;padding:8px 12px 3px;font-size:13px}
.head .n{font-weight:700}.head .tc{font:12px ui-monospace,"DejaVu Sans Mono",monospace;color:#374151}
.tag{margin-left:auto;padding:1px 8px;border-radius:9px;color:#fff;font-size:11px;white-space:nowrap}
.times{display:flex;align-items:center;gap:5px;padding:0 12px 8px;font-size:12px;color:#374151;min-height:27px}
.times .who{margin-left:auto;color:#4b5563;overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.chip{padding:1px 7px;border-radius:9px;background:#f1f3f5;color:#374151;white-space:nowrap}
.chip.bad{background:#dc2626;color:#fff}
.frame{position:relative;container-type:inline-size;aspect-ratio:16/9;overflow:hidden;
 background:radial-gradient(ellipse at 30% 25%,#475569,#1e293b 60%,#0f172a);display:flex;flex-direction:column;
 justify-content:flex-end;align-items:center;padding:0 5% 5.5%}
.frame.top{justify-content:flex-start;padding:5.5% 5% 0}
.frame.bad{outline:3px solid #dc2626;outline-offset:-3px}
.line{font-family:"DejaVu Sans",Arial,sans-serif;line-height:1.3;color:#fff;background:rgba(0,0,0,.8);
 padding:.05em .35em;white-space:pre-wrap;overflow-wrap:anywhere;text-align:center;max-width:100%}
.line.bad{background:#b91c1c}
.super{position:absolute;bottom:7%;left:5%;padding:3px 10px;border:1px dashed #94a3b8;border-left:3px solid #f59e0b;
 color:#cbd5e1;font-size:11px}
.issues{margin:0;padding:7px 12px 10px 28px;color:#b91c1c;font-size:12px}
.ok{padding:7px 12px 10px;color:#15803d;font-size:12px}
"""


def _chip(text: str, bad: bool) -> str:
    return f'<span class="chip{" bad" if bad else ""}">{text}</span>'


def _cue_card(cue: Cue, previous: Cue | None, style, problems: list) -> str:
    """One cue's card: number, speaker, section, timing chips, the 16:9 frame and its violations."""
    marked = {_MARKS.get(v.rule) for v in problems}
    colour = SECTION_COLOURS.get(cue.section, "#6b7280")
    section = SECTION_NAMES.get(cue.section) or escape(str(cue.section))
    title = f", {escape(cue.speaker_title)}" if cue.speaker and cue.speaker_title else ""
    who = f'<span class="who">{escape(cue.speaker)}{title}</span>' if cue.speaker else ""
    chips = [_chip(f"{cue.duration / 1000:.2f} s", "duration" in marked),
             _chip(f"{reading_speed(cue):.1f} cps", "cps" in marked)]
    if previous is not None:
        chips.append(_chip(f"gap {(cue.start - previous.end) / 1000:.2f} s", "gap" in marked))
    lines = "".join(f'<div class="line{" bad" if "lines" in marked and len(line) > style.max_chars_per_line else ""}">'
                    f'{escape(line)}</div>' for line in cue.lines)
    frame_class = "frame" + (" top" if cue.placement == "top" else "") + (" bad" if "frame" in marked else "")
    super_ = (f'<div class="super">name super{": " + escape(cue.speaker) if cue.speaker else ""}</div>'
              if cue.placement == "top" else "")
    issues = ('<ul class="issues">' + "".join(f"<li><b>{escape(v.rule)}</b>: {escape(v.message)}</li>"
                                              for v in problems) + "</ul>") if problems \
        else '<div class="ok">&#10003; within the style</div>'
    return (f'<section class="cue{" bad" if problems else ""}" id="cue{cue.index}">'
            f'<div class="head"><span class="n">#{cue.index}</span>'
            f'<span class="tc">{timestamp(cue.start)} &rarr; {timestamp(cue.end)}</span>'
            f'<span class="tag" style="background:{colour}">{section}</span></div>'
            f'<div class="times">{"".join(chips)}{who}</div>'
            f'<div class="{frame_class}">{super_}{lines}</div>{issues}</section>')


def _timeline(cues: list[Cue], problems: dict, total: int) -> str:
    """The strip of all cues, coloured by section, violations hatched; each links to its card."""
    first = min((c.start for c in cues), default=0)
    span = max(total - first, 1)
    bars = "".join(
        f'<a href="#cue{c.index}"{_BAD if c.index in problems else ""} title="#{c.index} '
        f'{timestamp(c.start)} {escape(c.text)}" style="left:{100 * (c.start - first) / span:.3f}%;'
        f'width:{100 * c.duration / span:.3f}%;background-color:{SECTION_COLOURS.get(c.section, "#6b7280")}"></a>'
        for c in cues)
    ticks = "".join(f"<span>{timestamp(round(first + span * k / 4))[:8]}</span>" for k in range(5))
    return f'<div class="timeline">{bars}</div><div class="ticks">{ticks}</div>'


def _player(cues: list[Cue], media: str) -> str:
    """A player for ``media`` (a path relative to the page) with the cues as its WebVTT track, inline."""
    import base64
    from urllib.parse import quote

    from .pipeline import render

    track = base64.b64encode(render(cues, "vtt").encode("utf-8")).decode("ascii")
    return (f'<div class="player"><video controls preload="metadata" src="{escape(quote(media))}">'
            f'<track default kind="subtitles" srclang="en" label="subtitles" '
            f'src="data:text/vtt;base64,{track}"></video></div>')


def preview_html(cues, style, title: str, media: str | None = None, count: int | None = None) -> str:
    """The whole page for ``cues`` under ``style``: HTML with inline CSS, no external resources except
    ``media`` (audio or video, by a path relative to the page), played with the cues as its track. ``count``
    is the script's number of cues when ``cues`` are only the first of them (the header says so)."""
    cues = list(cues)
    drawn = f" of {count} (the first drawn)" if count is not None and count > len(cues) else ""
    found = check_cues(cues, style)
    problems: dict[int, list] = {}
    for violation in found:
        problems.setdefault(cues[violation.cue - 1].index, []).append(violation)
    total = max((c.end for c in cues), default=1) or 1
    bad = len(problems)
    stats = (f"<span><b>{len(cues)}</b> cues{drawn}</span><span><b>{timestamp(total)}</b> end</span>"
             f"<span>style <b>{escape(style.name)}</b>: {escape(style.summary())}</span>"
             f'<span class="{"bad" if bad else "good"}"><b>{bad}</b> cue{"s" if bad != 1 else ""} with '
             f"violations</span>")
    legend = "".join(f'<span><i style="background:{colour}"></i>{SECTION_NAMES[key]}</span>'
                     for key, colour in SECTION_COLOURS.items())
    legend += '<span class="bad"><i></i>style violation (red)</span>'
    if found:
        items = "".join(f'<li><a href="#cue{cues[v.cue - 1].index}">#{cues[v.cue - 1].index}</a> '
                        f'{escape(v.rule)}: {escape(v.message)}</li>' for v in found)
        panel = (f'<div class="problems"><h2>{len(found)} violation{"s" if len(found) != 1 else ""} of style '
                 f'{escape(style.name)}</h2><ul>{items}</ul></div>')
    else:
        panel = f'<div class="allgood">&#10003; Every cue is within style {escape(style.name)}.</div>'
    font = 100 * _LINE_FILL / (max(style.max_chars_per_line, 1) * _CHAR_EM)
    cards = "".join(_cue_card(c, cues[i - 1] if i else None, style, problems.get(c.index, []))
                    for i, c in enumerate(cues))
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width,initial-scale=1">'
            f'<title>{escape(title)} - subtitle preview</title><style>{_CSS}.line{{font-size:{font:.2f}cqw}}'
            f'.player video{{width:100%;max-height:60vh;background:#000}}'
            f'</style></head><body><header><h1>{escape(title)}</h1><div class="stats">{stats}</div></header>'
            f'{_player(cues, media) if media else ""}{_timeline(cues, problems, total)}<div class="legend">{legend}</div>{panel}<main>{cards}</main>'
            f'</body></html>\n')
