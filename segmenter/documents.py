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
from html.parser import HTMLParser
from xml.etree import ElementTree

from .errors import InputError

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

_RTF_BREAKS = {"par": "\n", "line": "\n", "sect": "\n", "page": "\n", "row": "\n", "tab": "\t", "cell": "\t"}
_RTF_CHARS = {"emdash": "—", "endash": "–", "lquote": "‘", "rquote": "’", "ldblquote": "“", "rdblquote": "”",
              "bullet": "•", "emspace": " ", "enspace": " ", "qmspace": " "}
_RTF_SYMBOLS = {"~": "\u00a0", "-": "", "_": "-", "\\": "\\", "{": "{", "}": "}", "\n": "\n", "\r": "\n", "\t": "\t"}


def rtf_text(text: str) -> str:
    """The body text of an RTF document: paragraphs on lines of their own, ``\\'hh`` escapes read in the
    document's code page (``\\ansicpg``, Windows-1252 by default), ``\\uN`` characters with their fallbacks
    skipped, and the font, colour and style tables, headers, footers and pictures left out.

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
    return "".join(out)


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

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag == "br":
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self.pre += tag == "pre"

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n\n")
            self.pre -= tag == "pre" and self.pre > 0

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
    body = "".join(parser.parts).replace("\u00a0", " ")
    lines = [line.strip(" ") for line in body.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


# --- Word and OpenDocument ---------------------------------------------------------------------------------

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"


def _docx_paragraphs(xml) -> list[str]:
    """The paragraphs of a Word document's ``word/document.xml``: each ``w:p``'s text runs, tabs and breaks
    (deleted text of tracked changes is ``w:delText`` and not read)."""
    paragraphs: list[str] = []
    for _, element in ElementTree.iterparse(xml, events=("end",)):
        if element.tag == _W + "p":
            parts = []
            for node in element.iter():
                if node.tag == _W + "t":
                    parts.append(node.text or "")
                elif node.tag == _W + "tab":
                    parts.append("\t")
                elif node.tag in (_W + "br", _W + "cr"):
                    parts.append("\n")
            paragraphs.append("".join(parts))
            element.clear()
    return paragraphs


def _odt_paragraphs(xml) -> list[str]:
    """The paragraphs and headings of an OpenDocument text's ``content.xml``, with their spaces, tabs and
    line breaks."""
    paragraphs: list[str] = []

    def text_of(node) -> str:
        parts = [node.text or ""]
        for child in node:
            if child.tag == _TEXT + "s":
                parts.append(" " * int(child.get(_TEXT + "c", "1")))
            elif child.tag == _TEXT + "tab":
                parts.append("\t")
            elif child.tag == _TEXT + "line-break":
                parts.append("\n")
            elif child.tag not in (_TEXT + "note", _TEXT + "tracked-changes"):
                parts.append(text_of(child))
            parts.append(child.tail or "")
        return "".join(parts)

    for _, element in ElementTree.iterparse(xml, events=("end",)):
        if element.tag in (_TEXT + "p", _TEXT + "h"):
            paragraphs.append(text_of(element))
            element.clear()
    return paragraphs


#: member of the archive that holds the text, and the reader of its paragraphs, per kind of document
_ARCHIVES = {"word/document.xml": ("a Word document", _docx_paragraphs),
             "content.xml": ("an OpenDocument text", _odt_paragraphs)}


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
            for member, (what, paragraphs) in _ARCHIVES.items():
                if member in names:
                    try:
                        with archive.open(member) as xml:
                            return "\n".join(paragraphs(xml))
                    except ElementTree.ParseError as exc:
                        raise InputError(f"{name}: {what} whose text cannot be read ({exc})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError, ValueError):
        # zipfile reports damage in many ways: bad offsets (ValueError), names (UnicodeDecodeError), data
        raise InputError(f"{name}: a damaged ZIP archive (a Word document?), not a script") from None
    raise InputError(f"{name}: a ZIP archive, not a script; save the script as text, RTF, HTML or .docx")


# --- which kind ----------------------------------------------------------------------------------------------

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)


def text_kind(head: str) -> str | None:
    """``rtf`` or ``html`` when decoded text starting with ``head`` is such a document, else None (a plain
    script, whatever tags or braces its lines hold).

    >>> text_kind("{\\\\rtf1\\\\ansi ..."), text_kind("<!DOCTYPE html><html>"), text_kind("<v Kim>Hello")
    ('rtf', 'html', None)
    """
    start = head.lstrip("\ufeff \t\r\n")
    if start.startswith("{\\rtf"):
        return "rtf"
    return "html" if _HTML_START.match(start) else None


#: the plain text of a document of each kind
CONVERTERS = {"rtf": rtf_text, "html": html_text}
