"""Scripts saved as documents: the text of an RTF, HTML, Word (.docx) or OpenDocument (.odt) file.

Newsroom systems export stories as RTF, word processors save .docx or .odt, and a transcript saved from a
web page is HTML. Each is recognised by its content, whatever the file is called, and read into the plain
text the script parser reads: one line per paragraph, nothing of the markup left. A PDF or another archive is
refused with a message that says what to do.

>>> rtf_text(r"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\pard ANCHOR: Good evening.\\par Kim Min-ji reports.\\par}")
'ANCHOR: Good evening.\\nKim Min-ji reports.\\n'
>>> html_text("<html><head><title>Page</title></head><body><p>Good&nbsp;evening.</p><p>Kim reports.</p></body></html>")
'Good evening.\\n\\nKim reports.'
"""

from __future__ import annotations

import codecs
import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Callable
from xml.etree import ElementTree

from .errors import InputError

# --- tables ------------------------------------------------------------------------------------------------

#: marks the readers put around a table's cells in the text they build, read by :func:`_tables`
_ROW_START, _CELL_END, _ROW_END = "\x1d", "\x1f", "\x1e"
_TABLE_ROW = re.compile(f"{_ROW_START}([^{_ROW_START}{_ROW_END}]*){_ROW_END}")
_MARKS = re.compile(f"[{_ROW_START}{_CELL_END}{_ROW_END}]")


#: a cell with more paragraphs than this is no split page's: its table is read as paragraphs
LAYOUT = 12


def table_lines(cells: list[list[str]]) -> list[str]:
    """One table row (its cells, each a list of paragraphs) as the lines of a script exported as a table, which
    the script parser reads (a split-page script: the AUDIO column spoken, the VIDEO column's marks apart):
    ``|cell |cell |``; when a cell holds more than one paragraph, the other cells' paragraphs come first, a
    row each, then the last cell's (the spoken column's, unless a header names another): the marks beside
    the copy (a super, a cue) apply to all of it. A row of one cell, or one with a cell of more than
    ``LAYOUT`` paragraphs (a web page's layout table: its body beside a sidebar), is its paragraphs.

    >>> table_lines([["TAKE SOT", "SUPER: Rita Gomez"], ["We planned", "it for months."]])
    ['|TAKE SOT | |', '|SUPER: Rita Gomez | |', '| |We planned |', '| |it for months. |']
    >>> table_lines([["TAKE VO"], ["The parade returns."]]), table_lines([["Storm warning"]])
    (['|TAKE VO |The parade returns. |'], ['Storm warning'])
    """
    cleaned = [[" ".join(p.replace("|", "/").split()) for p in cell] for cell in cells]
    cells = [[p for p in cell if p] for cell in cleaned]
    if len(cells) < 2 or max(map(len, cells)) > LAYOUT:
        return [" ".join(p.split()) for cell in cleaned for p in cell]
    if max(map(len, cells)) < 2:  # (a row of empty cells, or one in a hidden part of a page: no line)
        return ["|" + "".join(f"{cell[0] if cell else ''} |" for cell in cells)] if any(cells) else []
    *others, last = cells
    rows = [["" for _ in cells] for _ in range(max(map(len, others)) + len(last))]
    for i, cell in enumerate(others):
        for k, paragraph in enumerate(cell):
            rows[k][i] = paragraph
    for k, paragraph in enumerate(last, len(rows) - len(last)):
        rows[k][-1] = paragraph
    return ["|" + "".join(f"{cell} |" for cell in row) for row in rows]


def _tables(text: str) -> str:
    """``text`` with each row a reader marked (``_ROW_START`` cells each ended by ``_CELL_END``, paragraphs
    on lines, ``_ROW_END``) written as :func:`table_lines`; stray marks of a damaged table dropped."""
    def row(match: re.Match) -> str:
        pieces = match.group(1).split(_CELL_END)
        cells = [piece.split("\n") for piece in pieces[:-1]] + ([pieces[-1].split("\n")] if pieces[-1].strip() else [])
        return "\n" + "\n".join(table_lines(cells)) + "\n"

    if _ROW_START not in text:
        return _MARKS.sub("", text) if _CELL_END in text or _ROW_END in text else text
    text = _MARKS.sub("", _TABLE_ROW.sub(row, text))
    return _BETWEEN_ROWS.sub("\n", text)  # a table's rows together, as the parser joins them


_BETWEEN_ROWS = re.compile(r"(?<=\|)[ \t]*\n\s*\n(?=[ \t]*\|)")


# --- RTF ---------------------------------------------------------------------------------------------------

_RTF_TOKEN = re.compile(r"\\([a-zA-Z]+)(-?\d+)? ?|\\'([0-9a-fA-F]{2})|\\([^a-zA-Z])|([{}])|([^\\{}\r\n]+)|[\r\n]+")

#: destinations whose text is no part of the document's body (tables of fonts, colours and styles, document
#: information, pictures, headers and footers, field instructions, annotations...)
_RTF_SKIP = frozenset(
    "fonttbl colortbl stylesheet info pict header headerl headerr headerf footer footerl footerr footerf footnote "
    "listtable listoverridetable rsidtbl generator xmlnstbl themedata colorschememapping datastore latentstyles "
    "pgdsctbl object fldinst filetbl revtbl annotation atnid atnauthor atndate comment userprops docvar "
    "pnseclvl shppict nonshppict listtext pntext pntxta pntxtb mmathPr wgrffmtfilter xe tc bkmkstart bkmkend "
    "field_inst blipuid".split())

_RTF_BREAKS = {"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "tab": "\t", "nestcell": "\t",
               "nestrow": "\n", "cell": _CELL_END, "row": _ROW_END}
_RTF_CHARS = {"emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
              "bullet": "•", "emspace": " ", "enspace": " ", "qmspace": " "}
_RTF_SYMBOLS = {"~": "\u00a0", "-": "", "_": "-", "\\": "\\", "{": "{", "}": "}", "\n": "\n", "\r": "\n", "\t": "\t"}


def rtf_text(text: str) -> str:
    """The body text of an RTF document: paragraphs on lines of their own, ``\\'hh`` escapes read in the
    document's code page (``\\ansicpg``, Windows-1252 by default), ``\\uN`` characters with their fallbacks
    skipped, the font, colour and style tables, headers, footers and pictures left out, and a table's rows as
    :func:`table_lines` writes them.

    >>> rtf_text(r"{\\rtf1\\ansi\\ansicpg1252 \\'93Yes,\\'94 she said \\u8212\\'97 twice.\\line Done.}")
    '“Yes,” she said — twice.\\nDone.'
    >>> rtf_text(r"{\\rtf1 {\\*\\generator Riched20;}{\\header Page 2}Text}")
    'Text'
    """
    out: list[str] = []
    codepage = "cp1252"
    skip_depth = 0  # > 0 inside a group whose text is skipped: its depth
    depth = 0
    group_start = False  # the last token opened a group: a destination word may follow
    uc, fallback = 1, 0  # characters a \uN is followed by for readers without Unicode; still to skip
    uc_stack: list[int] = []
    in_row = False
    for word, arg, hexbyte, symbol, brace, plain in _RTF_TOKEN.findall(text):
        if brace == "{":
            depth += 1
            uc_stack.append(uc)
            group_start, fallback = True, 0
            continue
        if brace == "}":
            if skip_depth == depth:
                skip_depth = 0
            depth -= 1
            uc = uc_stack.pop() if uc_stack else 1
            group_start, fallback = False, 0
            continue
        starting, group_start = group_start, False
        if skip_depth:
            continue
        if symbol == "*" and starting:
            skip_depth = depth  # an optional destination: "{\*\generator ...}"
            continue
        if word:
            if starting and word in _RTF_SKIP:
                skip_depth = depth
            elif word == "ansicpg" and arg:
                codepage = _codepage(arg)
            elif word == "uc" and arg:
                uc = max(0, int(arg))
            elif word == "u" and arg:
                out.append(chr(int(arg) % 65536))
                fallback = uc
            elif word in _RTF_BREAKS:
                out.append(_RTF_BREAKS[word])
                fallback = 0
                in_row = in_row and word != "row"
            elif word == "intbl" and not in_row:  # a table's row starts: its cells end with \cell, it with \row
                out.append(_ROW_START)
                in_row = True
            elif word in _RTF_CHARS:
                out.append(_RTF_CHARS[word])
            continue
        if hexbyte:
            if fallback:
                fallback -= 1
            else:
                out.append(bytes([int(hexbyte, 16)]).decode(codepage, errors="replace"))
            continue
        if symbol:
            out.append(_RTF_SYMBOLS.get(symbol, ""))
            continue
        if plain:
            if fallback:
                plain, fallback = plain[fallback:], max(0, fallback - len(plain))
            out.append(plain)
    return _tables("".join(out))


def _codepage(number: str) -> str:
    """The Python codec of an RTF code page number (``cp1252`` when Python has none)."""
    try:
        return codecs.lookup(f"cp{number}").name
    except LookupError:
        return "cp1252"


# --- HTML --------------------------------------------------------------------------------------------------

_BLOCKS = frozenset("p div li tr section article blockquote pre hr dt dd table ul ol main address center"
                    .split())
#: elements whose text is never spoken: code, styles, the head, navigation and page chrome, headings
#: (the story's headline, a section's title) and the captions of pictures and tables
_HIDDEN = frozenset("script style head noscript svg template iframe nav footer aside form button select "
                    "object canvas h1 h2 h3 h4 h5 h6 figcaption caption".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())


class _HtmlText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0  # depth inside hidden elements
        self.pre = 0
        self.tables = 0  # depth inside tables: the rows of the outermost are marked for _tables
        self.row = self.cell = False  # inside an outermost table's row, cell (their end tags may be left out)

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            if tag == "tr" and self.tables == 1:
                self._end_row()
            self.parts.append("\n\n")
            self.pre += tag == "pre"
            self.tables += tag == "table"
            if tag == "tr" and self.tables == 1:
                self.parts.append(_ROW_START)
                self.row = True
        if tag in ("td", "th") and self.tables == 1 and self.row:
            self._end_cell()
            self.cell = True
        elif tag in ("td", "th"):
            self.parts.append(" ")  # a nested table's cells, read as their cell's words

    def _end_cell(self) -> None:
        if self.cell:
            self.parts.append(_CELL_END)
            self.cell = False

    def _end_row(self) -> None:
        self._end_cell()
        if self.row:
            self.parts.append(_ROW_END)
            self.row = False

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.tables == 1:
            self._end_cell()
        elif tag in ("tr", "table") and self.tables == 1:
            self._end_row()
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self.pre -= tag == "pre" and self.pre > 0
            self.tables -= tag == "table" and self.tables > 0

    def parse_marked_section(self, i: int, report: int = 1) -> int:
        """A ``<![`` section; one the parser does not know ("<![if ..." from a word processor, or damage)
        raised AssertionError: its three characters are read as text instead."""
        try:
            return super().parse_marked_section(i, report)
        except AssertionError:
            self.handle_data(self.rawdata[i:i + 3])
            return i + 3

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data if self.pre else re.sub(r"[ \t\r\n\f]+", " ", data))


def html_text(text: str) -> str:
    """The text of an HTML page that can be spoken: a block (paragraph, list item, table row) on lines of its
    own, a ``<br>`` a line break, entities read; the head, scripts, styles, navigation, footers, headings
    and captions left out.

    >>> html_text("<div>ANCHOR: Tonight,<br>the vote.</div><script>var x = 1;</script><li>Lee reports.</li>")
    'ANCHOR: Tonight,\\nthe vote.\\n\\nLee reports.'
    """
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    body = _tables("".join(parser.parts)).replace("\u00a0", " ")
    lines = [line.strip(" ") for line in body.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# --- Word and OpenDocument ---------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _docx_text(paragraph) -> str:
    """A ``w:p``'s text runs, tabs and breaks (deleted text of tracked changes is ``w:delText``: not read)."""
    parts = []
    for node in paragraph.iter():
        if node.tag == _W + "t":
            parts.append(node.text or "")
        elif node.tag == _W + "tab":
            parts.append("\t")
        elif node.tag in (_W + "br", _W + "cr"):
            parts.append("\n")
    return "".join(parts)


def _odt_text(node) -> str:
    """An OpenDocument paragraph's or heading's text, with its spaces, tabs and line breaks (notes and
    tracked changes left out)."""
    parts = [node.text or ""]
    for child in node:
        if child.tag == _TEXT + "s":
            parts.append(" " * int(child.get(_TEXT + "c", "1")))
        elif child.tag == _TEXT + "tab":
            parts.append("\t")
        elif child.tag == _TEXT + "line-break":
            parts.append("\n")
        elif child.tag not in (_TEXT + "note", _TEXT + "tracked-changes"):
            parts.append(_odt_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


#: Word's built-in styles for a document's title and headings (their style IDs)
_DOCX_HEADING = re.compile(r"(?i)(?:heading|title|subtitle)\d*")


def _docx_heading(paragraph) -> bool:
    """Whether a ``w:p`` has a title or heading style ("Heading1", "Title")."""
    style = paragraph.find(f"{_W}pPr/{_W}pStyle")
    return style is not None and bool(_DOCX_HEADING.fullmatch(style.get(_W + "val", "")))


@dataclass(frozen=True)
class _Markup:
    """Where a kind of document keeps its paragraphs and tables: element tags, a paragraph's text, and
    whether a paragraph is a heading (a story's title, never spoken: as an HTML page's headings)."""

    paragraphs: tuple[str, ...]
    table: str
    row: str
    cells: tuple[str, ...]
    text: Callable
    heading: Callable


_DOCX = _Markup((_W + "p",), _W + "tbl", _W + "tr", (_W + "tc",), _docx_text, _docx_heading)
_ODT = _Markup((_TEXT + "p", _TEXT + "h"), _TABLE + "table", _TABLE + "table-row",
               (_TABLE + "table-cell", _TABLE + "covered-table-cell"), _odt_text,
               lambda element: element.tag == _TEXT + "h")


def _paragraphs(xml, markup: _Markup) -> list[str]:
    """The paragraphs of a document's XML in order, one a line, each row of a table as :func:`table_lines`
    writes it (a table inside a cell read as that cell's paragraphs); a heading is an empty line."""
    lines: list[str] = []
    tables = 0
    for event, element in ElementTree.iterparse(xml, events=("start", "end")):
        if element.tag == markup.table:
            tables += 1 if event == "start" else -1
        elif event == "start":
            continue
        elif element.tag in markup.paragraphs and not tables:
            lines.append("" if markup.heading(element) else markup.text(element))
            element.clear()
        elif element.tag == markup.row and tables == 1:
            cells = [[markup.text(p) for p in cell.iter() if p.tag in markup.paragraphs]
                     for cell in element if cell.tag in markup.cells]
            lines.extend(table_lines(cells))
            element.clear()
    return lines


#: member of the archive that holds the text, and the reader of its paragraphs, per kind of document
_ARCHIVES = {"word/document.xml": ("a Word document", _DOCX), "content.xml": ("an OpenDocument text", _ODT)}


def archive_text(data: bytes, name: str) -> str:
    """The paragraphs of a Word (.docx) or OpenDocument (.odt) file's bytes, one a line; any other ZIP
    archive, or a damaged one, is refused.

    >>> archive_text(b"PK\\x03\\x04 not really a zip", "story.docx")
    Traceback (most recent call last):
    ...
    segmenter.errors.InputError: story.docx: a damaged ZIP archive (a Word document?), not a script
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            for member, (what, markup) in _ARCHIVES.items():
                if member in names:
                    try:
                        with archive.open(member) as xml:
                            return "\n".join(_paragraphs(xml, markup))
                    except ElementTree.ParseError as exc:
                        raise InputError(f"{name}: {what} whose text cannot be read ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError):
        # zipfile reports damage in many ways: bad offsets (ValueError), names (UnicodeDecodeError), data
        raise InputError(f"{name}: a damaged ZIP archive (a Word document?), not a script") from None
    raise InputError(f"{name}: a ZIP archive, not a script; save the script as text, RTF, HTML or .docx")


#: the plain text of a document of each kind (:func:`segmenter.files.text_kind` says which)
CONVERTERS = {"rtf": rtf_text, "html": html_text}
