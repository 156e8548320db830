"""Split-page scripts (video instructions left, spoken copy right): only the spoken column is subtitled, whether
the script comes as a text table or as a table in a Word, OpenDocument, RTF or HTML document."""

from __future__ import annotations

from html import escape

import pytest

from segmenter.documents import LAYOUT, archive_text, html_text, rtf_text, table_lines
from segmenter.script import parse_script
from segmenter.dialect import choose_dialect
from test_audit2 import read
from test_documents import _zip, cue_texts, subtitle_file

# (video column paragraphs, audio column paragraphs) per row, the first the header
ROWS = [
    (["VIDEO"], ["AUDIO"]),
    (["OC: ANGELA"], ["The city's spring parade returns downtown this Saturday."]),
    (["TAKE VO", "Wide of Main Street, crowds behind barriers"], ["Organizers expect more than forty floats",
                                                                  "and ten marching bands."]),
    (["Drone shot over the river | slow pan"], ["The route runs along the river for two miles."]),
    (["TAKE SOT", "SUPER: Rita Gomez/Organizer"], ["We have been planning this since January."]),
    (["OC: ANGELA"], ["Forecasters call for sunshine."]),
]
SPOKEN = [("lead_in", "Angela", "The city's spring parade returns downtown this Saturday."),
          ("lead_in", "Angela", "Organizers expect more than forty floats and ten marching bands."),
          ("lead_in", "Angela", "The route runs along the river for two miles."),
          ("quote", "Rita Gomez", "We have been planning this since January."),
          ("lead_in", "Angela", "Forecasters call for sunshine.")]

TABLE = "\n".join(line for video, audio in ROWS for line in table_lines([video, audio])) + "\n"


def test_a_text_table_speaks_its_audio_column_and_drops_shot_descriptions():
    """The VIDEO column's marks apply (the reader, the bite's super); what else it holds describes pictures
    and is reported as dropped, never spoken (before, "Wide of Main Street, crowds behind barriers" was a cue)."""
    assert read(TABLE) == SPOKEN
    dropped = []
    parse_script(TABLE, choose_dialect("auto", TABLE), dropped=lambda n, text, why: dropped.append((text, why)))
    assert ("Wide of Main Street, crowds behind barriers", "video column") in dropped
    assert ("Drone shot over the river / slow pan", "video column") in dropped
    # under the plain dialect no mark is read: the whole VIDEO column is dropped
    assert [text for _, _, text in read(TABLE, "plain")] == [text for _, _, text in SPOKEN]


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _docx() -> bytes:
    def cell(paragraphs):
        return "<w:tc>" + "".join(f"<w:p><w:r><w:t>{escape(p)}</w:t></w:r></w:p>" for p in paragraphs) + "</w:tc>"

    rows = "".join(f"<w:tr>{cell(v)}{cell(a)}</w:tr>" for v, a in ROWS)
    body = (f"<w:p><w:r><w:t>PARADE</w:t></w:r></w:p><w:tbl><w:tblPr/>{rows}</w:tbl>"
            "<w:p><w:r><w:t>###</w:t></w:r></w:p>")
    return _zip({"word/document.xml": f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'})


def _odt() -> bytes:
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"')

    def cell(paragraphs):
        return "<table:table-cell>" + "".join(f"<text:p>{escape(p)}</text:p>" for p in paragraphs) + "</table:table-cell>"

    header, *rows = ROWS
    table = (f"<table:table><table:table-header-rows><table:table-row>{cell(header[0])}{cell(header[1])}"
             "</table:table-row></table:table-header-rows>"
             + "".join(f"<table:table-row>{cell(v)}{cell(a)}</table:table-row>" for v, a in rows) + "</table:table>")
    return _zip({"mimetype": "application/vnd.oasis.opendocument.text",
                 "content.xml": f'<?xml version="1.0"?><office:document-content {ns}><office:body><office:text>'
                                f"<text:p>PARADE</text:p>{table}</office:text></office:body></office:document-content>"})


def _rtf() -> bytes:
    def cell(paragraphs):
        return r"\par ".join(p.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}") for p in paragraphs) + r"\cell "

    rows = "".join(r"\trowd\cellx3000\cellx9000\pard\intbl " + cell(v) + cell(a)
                   + r"\pard\intbl{\trowd\cellx3000\cellx9000\row}" for v, a in ROWS)
    return (r"{\rtf1\ansi{\fonttbl{\f0 Arial;}}\pard PARADE\par " + rows + r"\pard ###\par}").encode("ascii")


def _html() -> bytes:
    def cell(paragraphs):  # the end tags of cells and rows left out, as HTML allows
        return "<td>" + "<br>".join(escape(p) for p in paragraphs)

    rows = "".join(f"<tr>{cell(v)}{cell(a)}\n" for v, a in ROWS)
    return f"<!DOCTYPE html><html><body><p>PARADE</p><table>{rows}</table><p>###</p></body></html>".encode()


@pytest.mark.parametrize("name, make", [("parade.docx", _docx), ("parade.odt", _odt), ("parade.rtf", _rtf),
                                        ("parade.html", _html)])
def test_a_split_page_document_subtitles_like_its_text_table(tmp_path, name, make):
    """A split-page script saved from a word processor or a web page: its table is read row by row as the
    text table is (before, each cell was a paragraph of its own: the VIDEO column was spoken, "TAKE VO" and
    all, and the HTML cells ran together)."""
    data = make()
    text = {"docx": archive_text, "odt": archive_text}.get(name.split(".")[1], lambda d, n: None)(data, name)
    if text is not None:
        assert text.split("\n")[1:3] == ["|VIDEO |AUDIO |",
                                          "|OC: ANGELA |The city's spring parade returns downtown this Saturday. |"]
    result, out = subtitle_file(tmp_path, name, data)
    assert result.exit_code == 0, result.output
    (tmp_path / "text").mkdir()
    _, plain = subtitle_file(tmp_path / "text", "parade.txt", ("PARADE\n" + TABLE + "###\n").encode())
    assert cue_texts(out) == cue_texts(plain)
    assert " ".join(cue_texts(out)).split() == " ".join(text for _, _, text in SPOKEN).split()


def test_table_rows_of_the_readers():
    assert rtf_text(r"{\rtf1\pard\intbl A\cell B\par C\cell\row}") == "\n|A | |\n| |B |\n| |C |\n"
    assert html_text("<table><tr><td>A<td><p>B</p><p>C</p></table>") == "|A | |\n| |B |\n| |C |"
    assert html_text("<table><tr><td>Only one cell, spoken.</td></tr></table>") == "Only one cell, spoken."
    assert html_text("<nav><table><tr><td>Home<td>News</table></nav><p>Rain fell.</p>") == "Rain fell."
    assert rtf_text(r"{\rtf1 Damaged \cell row\row}") == "Damaged row"  # no row start: the marks are dropped


def test_a_web_page_layout_table_is_read_as_paragraphs():
    """An old transcript page lays its body out in a table cell beside a sidebar: no split page (a cell of
    more than LAYOUT paragraphs), so its paragraphs stay paragraphs and the labels open them."""
    body = "".join(f"<p>JANE PARK: Part {n} of the report.</p>" for n in range(LAYOUT + 1))
    text = html_text(f"<table><tr><td>Home<br>Shows</td><td>{body}</td></tr></table>")
    assert text.split("\n\n") == ["Home\nShows"] + [f"JANE PARK: Part {n} of the report." for n in range(LAYOUT + 1)]


AV = """| Time | Video | Audio |
|---|---|---|
| 0:00 | WIDE OF HARBOR, DISSOLVE TO PIER | (MUSIC UP: station theme, then under) |
| 0:05 | MS of boats at the quay | NARRATOR: For a century, this harbor has fed the town. |
| 0:12 | CU of nets; LOWER THIRD: Mina Cho, fisher | MINA CHO: We go out before dawn, every day. |
| 0:18 | Logo | SFX: ship's bell |
"""


def test_an_av_script_speaks_only_its_words():
    """A three-column AV script (time, video, audio) as production templates lay it out: the time column
    and the shots dropped, the audio column's sound cues ("SFX:", "(MUSIC UP: ...)") dropped as `sound cue`,
    its labels read as speakers."""
    dropped = []
    segments = parse_script(AV, choose_dialect("auto", AV), dropped=lambda n, text, why: dropped.append((why, text)))
    assert [(s.speaker, s.text) for s in segments] == [
        ("Narrator", "For a century, this harbor has fed the town."),
        ("Mina Cho", "We go out before dawn, every day.")]
    assert ("sound cue", "(MUSIC UP: station theme, then under)") in dropped
    assert ("sound cue", "SFX: ship's bell") in dropped
    assert ("video column", "CU of nets; LOWER THIRD: Mina Cho, fisher") in dropped


@pytest.mark.parametrize("line, cue", [("MUSIC UP", True), ("MUSIC UNDER: theme", True), ("SFX: door slams", True),
                                       ("(SFX)", True), ("(NAT SOUND: crowd)", True),
                                       ("MUSIC FESTIVALS ARE BACK THIS SUMMER.", False),
                                       ("Music: it was loud, she said.", False), ("(MUSIC)", False)])
def test_sound_cues_in_capitals_are_dropped(line, cue):
    """("(MUSIC)" alone is a transcript's stage direction: dropped, or shown as [MUSIC] when a style asks.)"""
    dropped = []
    parse_script(f"{line}\nThe harbor reopened.\n", choose_dialect("plain", ""),
                 dropped=lambda n, text, why: dropped.append(why))
    assert ("sound cue" in dropped) is cue
