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

SECTION_COLOURS = {"lead_in": "#4f8cc9", "package": "#5aa469", "quote": "#d68a3c", "sign_off": "#9b6bc4"}
SECTION_NAMES = {"lead_in": "lead-in", "package": "package", "quote": "quote", "sign_off": "sign-off"}

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;background:#f3f4f6;color:#1f2937}
header{padding:18px 28px;background:#111827;color:#f9fafb}
header h1{margin:0 0 4px;font-size:20px}header p{margin:0;color:#9ca3af;font-size:13px}
.timeline{position:relative;height:34px;margin:18px 28px 6px;background:#e5e7eb;border-radius:6px;overflow:hidden}
.timeline a{position:absolute;top:4px;bottom:4px;border-radius:3px;opacity:.9}
.timeline a.bad{outline:2px solid #dc2626;outline-offset:-2px}
.legend{margin:0 28px 12px;font-size:12px;color:#4b5563}.legend span{margin-right:14px}
.legend i{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px;vertical-align:-1px}
main{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:18px;padding:8px 28px 28px}
.cue{background:#fff;border-radius:10px;box-shadow:0 1px 3px rgba(0,0,0,.12);overflow:hidden;border:2px solid transparent}
.cue.bad{border-color:#dc2626}
.meta{display:flex;justify-content:space-between;gap:8px;padding:8px 12px;font-size:12px;color:#374151}
.meta b{font-size:13px}.tag{padding:1px 7px;border-radius:9px;color:#fff;font-size:11px;white-space:nowrap;align-self:flex-start}
.frame{position:relative;aspect-ratio:16/9;background:linear-gradient(160deg,#334155,#0f172a);display:flex;
 flex-direction:column;justify-content:flex-end;align-items:center;padding:0 6% 6%;box-sizing:border-box}
.frame.top{justify-content:flex-start;padding:6% 6% 0}
.line{font-family:"DejaVu Sans",Arial,sans-serif;font-size:15px;line-height:1.35;color:#fff;background:rgba(0,0,0,.78);
 padding:1px 6px;white-space:pre;margin:1px 0}
.line.long{background:#b91c1c}
.speaker{position:absolute;top:8px;left:10px;color:#cbd5e1;font-size:11px}
.issues{margin:0;padding:6px 12px 10px 28px;color:#b91c1c;font-size:12px}
.ok{padding:6px 12px 10px;color:#15803d;font-size:12px}
"""


def _cue_card(cue: Cue, style, problems: list) -> str:
    colour = SECTION_COLOURS.get(cue.section, "#6b7280")
    lines = "".join(
        f'<div class="line{" long" if len(line) > style.max_chars_per_line else ""}">{escape(line)}</div>'
        for line in cue.lines)
    speaker = f'<div class="speaker">{escape(cue.speaker)}</div>' if cue.speaker else ""
    issues = ("<ul class=\"issues\">" + "".join(f"<li><b>{escape(v.rule)}</b>: {escape(v.message)}</li>"
                                                for v in problems) + "</ul>") if problems \
        else '<div class="ok">within the style</div>'
    cps = reading_speed(cue)
    return (f'<section class="cue{" bad" if problems else ""}" id="cue{cue.index}">'
            f'<div class="meta"><span><b>#{cue.index}</b> {timestamp(cue.start)} &rarr; {timestamp(cue.end)} '
            f'({cue.duration / 1000:.2f} s, {cps:.1f} cps)</span>'
            f'<span class="tag" style="background:{colour}">{SECTION_NAMES.get(cue.section, escape(cue.section))}'
            f'</span></div><div class="frame{" top" if cue.placement == "top" else ""}">{speaker}{lines}</div>'
            f'{issues}</section>')


def preview_html(cues, style, title: str) -> str:
    """The whole page for ``cues`` under ``style`` (no external resources)."""
    cues = list(cues)
    problems: dict[int, list] = {}
    for violation in check_cues(cues, style):
        problems.setdefault(violation.cue, []).append(violation)
    total = max((c.end for c in cues), default=1) or 1
    strip = "".join(
        f'<a href="#cue{c.index}" class="{"bad" if c.index in problems else ""}" title="#{c.index} '
        f'{escape(c.text)}" style="left:{100 * c.start / total:.3f}%;width:{100 * c.duration / total:.3f}%;'
        f'background:{SECTION_COLOURS.get(c.section, "#6b7280")}"></a>' for c in cues)
    legend = "".join(f'<span><i style="background:{colour}"></i>{SECTION_NAMES[key]}</span>'
                     for key, colour in SECTION_COLOURS.items())
    bad = sum(1 for c in cues if c.index in problems)
    summary = (f"{len(cues)} cues, {timestamp(total)} long; style {escape(style.name)}: {style.summary()}; "
               f"{bad} cue{'s' if bad != 1 else ''} with violations")
    cards = "".join(_cue_card(c, style, problems.get(c.index, [])) for c in cues)
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><title>{escape(title)} - subtitle '
            f'preview</title><style>{_CSS}</style></head><body><header><h1>{escape(title)}</h1><p>{summary}</p>'
            f'</header><div class="timeline">{strip}</div><div class="legend">{legend}<span style="color:#b91c1c">'
            f'red outline: a style violation</span></div><main>{cards}</main></body></html>\n')
