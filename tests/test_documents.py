"""Scripts saved as documents (RTF, HTML, Word, OpenDocument): only their text is subtitled."""

from __future__ import annotations

import io
import zipfile

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings, strategies as st

from segmenter.cli import main
from segmenter.documents import archive_text, html_text, rtf_text
from segmenter.files import text_kind
from segmenter.errors import InputError

# An RTF story in the manner of a newsroom system's export: font, colour and style tables, document
# information, a page header, Windows quotes as \'93 \'94, a dash as \u8212 with its fallback.
RTF_STORY = (
    r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0\fswiss Arial;}{\f1 Courier New;}}"
    r"{\colortbl;\red0\green0\blue0;}{\stylesheet{\s0 Normal;}}"
    r"{\info{\title HARBOR FIRE}{\author desk}}{\header \pard PAGE 1 \par}"
    "{\\*\\generator Riched20 10.0;}\n"
    r"\pard\f0\fs24 ANCHOR: A fire at the Busan harbor burned through the night.\par" "\n"
    r"\pard Kim Min-ji reports.\par" "\n"
    r"\pard Firefighters say the blaze started in a warehouse\u8212\'97 and spread to two ships.\par" "\n"
    r"\pard \'93We could see the flames from the bridge,\'94 one resident said.\par" "\n"
    r"\pard Kim Min-ji, Arirang News.\par}"
)

# A transcript saved from a broadcaster's web page: navigation, a script, a style sheet and a footer around
# the transcript's paragraphs.
HTML_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Harbor fire | Evening News</title>
<style>p { margin: 0 }</style><script>window.dataLayer = [];</script></head>
<body><nav><ul><li>Home</li><li>Shows</li><li>Transcripts</li></ul></nav>
<main><h1>Harbor fire</h1>
<p>JANE PARK: A fire at the Busan harbor burned through the night.
Firefighters say it started in a warehouse.</p>
<p>KIM MIN-JI: The flames reached two ships before dawn&nbsp;&mdash; and&nbsp;the port is closed today.</p>
</main><footer>&copy; 2024 Evening News. All rights reserved.</footer></body></html>
"""


def _zip(members: dict[str, str]) -> bytes:
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return data.getvalue()


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
DOCX = _zip({
    "[Content_Types].xml": "<Types/>",
    "word/document.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><w:document {W}><w:body>'
        "<w:p><w:r><w:t>ANCHOR: A fire at the Busan harbor</w:t></w:r>"
        '<w:r><w:t xml:space="preserve"> burned through the night.</w:t></w:r></w:p>'
        "<w:p><w:r><w:t>Kim Min-ji reports.</w:t></w:r></w:p>"
        "<w:p><w:del><w:r><w:delText>Deleted words.</w:delText></w:r></w:del>"
        "<w:r><w:t>Firefighters say the blaze</w:t><w:br/><w:t>spread to two ships.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Kim Min-ji, Arirang News.</w:t></w:r></w:p>"
        "</w:body></w:document>"),
})

T = 'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
ODT = _zip({
    "mimetype": "application/vnd.oasis.opendocument.text",
    "content.xml": (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {T} '
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body><office:text>'
        "<text:h>HARBOR FIRE</text:h>"
        "<text:p>A fire at the harbor<text:s/>burned<text:tab/>all night.</text:p>"
        "<text:p>Kim Min-ji reports.</text:p>"
        "</office:text></office:body></office:document-content>"),
})


def subtitle_file(tmp_path, name: str, data: bytes, *args: str):
    script = tmp_path / name
    script.write_bytes(data)
    out = tmp_path / "out.srt"
    result = CliRunner().invoke(main, ["subtitle", str(script), "-o", str(out), *args])
    return result, out


def cue_texts(srt_path) -> list[str]:
    blocks = srt_path.read_text(encoding="utf-8").strip().split("\n\n")
    return [" ".join(block.split("\n")[2:]) for block in blocks]


def test_rtf_story_reads_its_body_text_only():
    assert rtf_text(RTF_STORY).rstrip("\n").split("\n") == [
        "ANCHOR: A fire at the Busan harbor burned through the night.",
        "Kim Min-ji reports.",
        "Firefighters say the blaze started in a warehouse— and spread to two ships.",
        "“We could see the flames from the bridge,” one resident said.",
        "Kim Min-ji, Arirang News.",
    ]


def test_rtf_story_subtitles_like_the_same_plain_script(tmp_path):
    result, out = subtitle_file(tmp_path, "story.rtf", RTF_STORY.encode("ascii"))
    (tmp_path / "plain").mkdir()
    _, plain_out = subtitle_file(tmp_path / "plain", "story.txt", rtf_text(RTF_STORY).encode("utf-8"))
    assert result.exit_code == 0, result.output
    assert cue_texts(out) == cue_texts(plain_out)
    texts = " ".join(cue_texts(out))
    assert "ANCHOR" not in texts and "Arial" not in texts and "PAGE 1" not in texts and "HARBOR" not in texts
    assert texts.startswith("A fire at the Busan harbor") and texts.endswith("Kim Min-ji, Arirang News.")


def test_html_transcript_page_gives_only_the_spoken_words(tmp_path):
    assert html_text(HTML_PAGE).split("\n\n") == [
        "JANE PARK: A fire at the Busan harbor burned through the night.\nFirefighters say it started in a "
        "warehouse.".replace("\n", " "),
        "KIM MIN-JI: The flames reached two ships before dawn — and the port is closed today.",
    ]
    result, out = subtitle_file(tmp_path, "page.html", HTML_PAGE.encode("utf-8"))
    assert result.exit_code == 0, result.output
    words = " ".join(cue_texts(out)).split()
    assert words == ("A fire at the Busan harbor burned through the night. Firefighters say it started in a "
                     "warehouse. The flames reached two ships before dawn — and the port is closed today.").split()


def test_word_document_reads_its_paragraphs_without_deleted_text(tmp_path):
    assert archive_text(DOCX, "story.docx").split("\n") == [
        "ANCHOR: A fire at the Busan harbor burned through the night.",
        "Kim Min-ji reports.",
        "Firefighters say the blaze", "spread to two ships.",
        "Kim Min-ji, Arirang News.",
    ]
    result, out = subtitle_file(tmp_path, "story.docx", DOCX)
    assert result.exit_code == 0, result.output
    texts = " ".join(cue_texts(out))
    assert "Deleted" not in texts and texts.startswith("A fire") and texts.endswith("Arirang News.")


def test_opendocument_text_reads_paragraphs_and_spaces_and_leaves_headings_out():
    assert archive_text(ODT, "story.odt") == "\nA fire at the harbor burned\tall night.\nKim Min-ji reports."


def test_word_headings_are_titles_not_spoken(tmp_path):
    """A story's title in Word's Title or Heading style is left out, as an HTML page's headings are."""
    def paragraph(text, style=None):
        props = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
        return f"<w:p>{props}<w:r><w:t>{text}</w:t></w:r></w:p>"

    body = (paragraph("Harbor fire", "Title") + paragraph("Night desk", "Heading2")
            + paragraph("A fire burned at the harbor.", "Normal") + paragraph("Kim Min-ji reports.")
            + paragraph("Ships were moved.", "HeadingText"))
    docx = _zip({"word/document.xml": f'<?xml version="1.0"?><w:document {W}><w:body>{body}</w:body></w:document>'})
    assert archive_text(docx, "story.docx").split("\n") == [
        "", "", "A fire burned at the harbor.", "Kim Min-ji reports.", "Ships were moved."]
    result, out = subtitle_file(tmp_path, "story.docx", docx)
    assert result.exit_code == 0, result.output
    assert " ".join(cue_texts(out)) == "A fire burned at the harbor. Kim Min-ji reports. Ships were moved."


@pytest.mark.parametrize("name, data, message", [
    ("story.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "a PDF document, not a text script; save the script as"),
    ("story.docx", b"PK\x03\x04\x14\x00garbage", "a damaged ZIP archive (a Word document?), not a script"),
    ("photos.zip", _zip({"a.jpg": "x"}), "a ZIP archive, not a script; save the script as text, RTF, HTML or .docx"),
    ("story.docx", _zip({"word/document.xml": "<w:document"}), "a Word document whose text cannot be read"),
])
def test_documents_that_cannot_be_read_fail_in_one_line_and_write_nothing(tmp_path, name, data, message):
    result, out = subtitle_file(tmp_path, name, data)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and name in lines[0]
    assert not out.exists()


def test_a_plain_script_with_tags_or_braces_stays_plain():
    assert text_kind("<v Kim>Hello there</v>\nMore") is None
    assert text_kind("{SOT} The mayor spoke.") is None
    assert text_kind("\ufeff  <!-- saved page -->\n<html><body>x") == "html"


def test_batch_reads_documents_and_reports_the_one_it_cannot(tmp_path):
    scripts = tmp_path / "in"
    scripts.mkdir()
    (scripts / "fire.rtf").write_text(RTF_STORY, encoding="ascii")
    (scripts / "flood.docx").write_bytes(DOCX)
    (scripts / "scan.pdf").write_bytes(b"%PDF-1.4 ...")
    result = CliRunner().invoke(main, ["batch", str(scripts), "-o", str(tmp_path / "out"), "--glob", "*.*",
                                       "--jobs", "1"])
    assert result.exit_code == 1, result.output
    assert "failed: " + str(scripts / "scan.pdf") + ": a PDF document" in result.output
    assert "1 failed" in result.output.splitlines()[-1]
    assert sorted(p.name for p in (tmp_path / "out").glob("*.*t")) == ["fire.srt", "fire.vtt", "flood.srt", "flood.vtt"]


# --- invariants ------------------------------------------------------------------------------------------

def _rtf_escape(text: str) -> str:
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\par\n")
        elif ord(ch) > 126 or ord(ch) < 32 and ch != "\t":
            out.append(f"\\u{ord(ch) - 65536 if ord(ch) > 32767 else ord(ch)}?")
        elif ch == "\t":
            out.append("\\tab ")
        else:
            out.append(ch)
    return "".join(out)


paragraphs = st.lists(st.text(st.characters(blacklist_categories=("Cs", "Cc"), max_codepoint=0xFFFF), max_size=40),
                      min_size=1, max_size=5).map("\n".join)


@settings(max_examples=200, deadline=None)
@given(paragraphs)
def test_rtf_of_any_text_gives_the_text_back(text):
    assert rtf_text("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}" + _rtf_escape(text) + "}") == text


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_read_as_rtf_or_html_never_raises(text):
    assert isinstance(rtf_text("{\\rtf1 " + text), str)
    assert isinstance(html_text("<html>" + text), str)
    assert text_kind(text) in (None, "rtf", "html")


@settings(max_examples=400, deadline=None)
@given(st.lists(st.tuples(st.integers(0, len(DOCX) - 1), st.integers(0, 255)), min_size=1, max_size=8),
       st.integers(1, len(DOCX)))
@example([(len(DOCX) - 4, 223)], len(DOCX))  # the central directory's offset made huge: "negative seek value"
def test_a_damaged_word_document_is_refused_in_one_line(changes, length):
    """zipfile reports damage as ValueError ("negative seek value"), UnicodeDecodeError or zlib.error as
    well as BadZipFile; each must become the one-line input error (found by fuzzing)."""
    data = bytearray(DOCX)
    for at, byte in changes:
        data[at] = byte
    try:
        assert isinstance(archive_text(bytes(data[:length]), "story.docx"), str)
    except InputError as exc:
        assert str(exc).startswith("story.docx: ") and "\n" not in str(exc)


def test_html_from_a_word_processor_or_damaged_reads_unknown_sections_as_text():
    """html.parser raised AssertionError on a "<![" section it does not know (found by fuzzing): Word's
    "<![if !supportLists]>" is markup, a stray "<![e" is text."""
    assert html_text("<p>Good <![if !supportLists]>evening<![endif]> all.</p><p>a <![e b</p>") == (
        "Good evening all.\n\na <![e b")


@pytest.mark.parametrize("data, loaded, kept", [
    (b"Rain fell in Seoul.\n", False, "Rain fell in Seoul."), (b"  <p>Rain fell.</p>\n", False, "<p>Rain fell.</p>"),
    (b"{\\rtf1 Rain fell.}", True, "Rain fell."), (b"<html><p>Rain fell.</p></html>", True, "Rain fell.")])
def test_the_document_reader_loads_only_for_a_document(tmp_path, data, loaded, kept):
    """A plain script (the common case) does not pay for the document reader's imports at start-up, nor
    does one whose first line merely opens with "<" (it stays a plain line)."""
    import subprocess
    import sys

    script = tmp_path / "story.txt"
    script.write_bytes(data)
    probe = ("import sys\nfrom segmenter.files import iter_text\n"
             f"print(''.join(iter_text({str(script)!r}, what='script')).strip())\n"
             "print('segmenter.documents' in sys.modules)")  # (zipfile: other packages may load it)
    proc = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.split("\n")[:2] == [kept, str(loaded)]
