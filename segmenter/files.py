"""Reading scripts safely and writing outputs atomically.

Every problem becomes an :class:`InputError` whose message names the file. Scripts can be read in pieces,
so a large one is never held whole; outputs go to a temporary file, renamed into place once complete.

>>> decode(b"\\xef\\xbb\\xbfHello", "s.txt")
'Hello'
>>> decode("Hi".encode("utf-16"), "s.txt")
'Hi'
>>> decode(b"caf\\xe9", "s.txt")
Traceback (most recent call last):
...
segmenter.errors.InputError: s.txt: not valid UTF-8 (byte 0xe9 at offset 3); try --encoding latin-1
"""

from __future__ import annotations

import codecs
import itertools
import os
import re
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager, nullcontext
from pathlib import Path

from .errors import InputError

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_BINARY_MAGIC = (b"\x89PNG", b"%PDF", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b", b"\x7fELF")


def decode(data: bytes, name: str, encoding: str | None = None, what: str = "script") -> str:
    """Text of a script's bytes: BOMs honoured, binary and undecodable input refused.

    >>> decode("\ufeffHi".encode("utf-8"), "s.txt", "utf-8")  # a BOM is no part of the text
    'Hi'
    >>> decode("Hi".encode("utf-16-le"), "s.txt")
    Traceback (most recent call last):
    ...
    segmenter.errors.InputError: s.txt: looks like UTF-16 without a byte-order mark; try --encoding utf-16-le
    >>> decode("\u201cHi\u201d".encode("cp1252"), "s.txt")
    Traceback (most recent call last):
    ...
    segmenter.errors.InputError: s.txt: not valid UTF-8 (byte 0x93 at offset 0); try --encoding cp1252
    """
    return "".join(_decoded(iter((data,)), name, encoding, what))


def text_codec(encoding: str) -> codecs.CodecInfo:
    """The codec of an ``--encoding`` value, refusing unknown names and codecs that are not text encodings
    (``rot13``, ``base64``, ``zlib``...); a command can check its option with it before reading any file.

    >>> text_codec("Latin-1").name
    'iso8859-1'
    >>> text_codec("zlib")
    Traceback (most recent call last):
    ...
    segmenter.errors.InputError: 'zlib' is not a text encoding (it maps text to text or bytes to bytes)
    """
    try:
        info = codecs.lookup(encoding)
    except LookupError:
        raise InputError(f"unknown encoding {encoding!r}") from None
    if not getattr(info, "_is_text_encoding", True):
        raise InputError(f"{encoding!r} is not a text encoding (it maps text to text or bytes to bytes)")
    return info


def _codec(head: bytes, name: str, encoding: str | None, what: str) -> str:
    """The codec for a script that starts with ``head``: ``encoding``, a BOM's, else UTF-8 unless the
    start looks binary or like UTF-16 without a BOM.

    >>> _codec(b"Hi", "s.txt", "rot13", "script")
    Traceback (most recent call last):
    ...
    segmenter.errors.InputError: s.txt: 'rot13' is not a text encoding (it maps text to text or bytes to bytes)
    >>> _codec("Hi".encode("utf-16-be"), "s.txt", "UTF16", "script")
    Traceback (most recent call last):
    ...
    segmenter.errors.InputError: s.txt: --encoding UTF16 needs a byte-order mark and the file has none; try --encoding utf-16-be
    """
    if encoding:
        try:
            info = text_codec(encoding)
        except InputError as exc:
            raise InputError(f"{name}: {exc}") from None
        if info.name in ("utf-16", "utf-32"):  # these read the byte order from a BOM, and fail without one
            if not any(head.startswith(bom) for bom, codec in _BOMS if codec == info.name):
                order = "be" if head[:1] == b"\x00" else "le"
                raise InputError(f"{name}: --encoding {encoding} needs a byte-order mark and the file has none; "
                                 f"try --encoding {info.name}-{order}")
        return info.name
    for bom, codec in _BOMS:
        if head.startswith(bom):
            return codec
    head = head[:8192]
    if len(head) >= 4 and not head.startswith(_BINARY_MAGIC):
        for order, zeros in (("le", head[1::2]), ("be", head[0::2])):
            if zeros.count(0) > 0.9 * len(zeros) and b"\x00" not in (head[0::2] if order == "le" else head[1::2]):
                raise InputError(f"{name}: looks like UTF-16 without a byte-order mark; "
                                 f"try --encoding utf-16-{order}")
    if head.startswith(_BINARY_MAGIC) or b"\x00" in head:
        raise InputError(f"{name}: looks like a binary file, not a text {what}")
    return "utf-8"


#: C1 control characters: a legacy single-byte codec (latin-1) maps Windows quotes and dashes to these
_C1 = re.compile("[\x80-\x9f]")


def _decoded(chunks: Iterator[bytes], name: str, encoding: str | None, what: str) -> Iterator[str]:
    """Text of byte ``chunks`` (the first must hold the start of the file), decoded incrementally; an
    undecodable byte is reported with its offset in the whole input."""
    first = next(chunks, b"")
    codec = _codec(first, name, encoding, what)
    decoder = codecs.getincrementaldecoder(codec)()
    done, bom, chars, legacy = 0, True, 0, not codec.startswith("utf")
    for chunk in itertools.chain((first,), chunks, (None,)):
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(chunk or b"", final=chunk is None)
        except UnicodeDecodeError as exc:
            at, bad = done - pending + exc.start, exc.object[exc.start]
            if encoding:
                problem = f"not valid {encoding} (byte 0x{bad:02x} at offset {at})"
            elif codec != "utf-8":
                problem = f"has a {codec} byte-order mark but does not decode as {codec}"
            else:  # Windows quotes and dashes, or ISO 8859-1
                guess = "cp1252" if 0x80 <= bad <= 0x9f else "latin-1"
                problem = f"not valid UTF-8 (byte 0x{bad:02x} at offset {at}); try --encoding {guess}"
            raise InputError(f"{name}: {problem}") from None
        except UnicodeError as exc:  # a codec that fails in its own way (idna, punycode, ...)
            raise InputError(f"{name}: not valid {encoding}: {' '.join(str(exc).split())}") from None
        if legacy and (c1 := _C1.search(text)):  # latin-1 reading a Windows file: quotes would vanish
            raise InputError(f"{name}: --encoding {encoding} reads control character U+{ord(c1.group()):04X} at "
                             f"character {chars + c1.start()}, where a Windows file has quotes, dashes or an "
                             f"ellipsis; try --encoding cp1252")
        done, chars = done + len(chunk or b""), chars + len(text)
        if bom and text:
            text, bom = text.lstrip("\ufeff"), False
        if text:
            yield text


@contextmanager
def _reading(name: str, what: str):
    """Turn the errors of opening and reading ``name`` into one-line input errors."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(f"{name}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{name}: is a directory, not a {what}") from None
    except PermissionError:
        raise InputError(f"{name}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None


def _empty(name: str, data: bytes, what: str) -> InputError:
    nothing = ", nothing to subtitle" if what == "script" else ""
    return InputError(f"{name}: {'only whitespace' if data else 'empty file'}{nothing}")


def iter_text(path: str, encoding: str | None = None, what: str = "script", chunk: int = 1 << 20) -> Iterator[str]:
    """The text of a script (``-`` for standard input) in pieces of about ``chunk`` bytes, so that a
    large file is never held whole; refuses missing, unreadable, binary, undecodable and empty files
    (the last only once it has all been read)."""
    name = "<stdin>" if path == "-" else path
    with _reading(name, what), (nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb")) as handle:
        first, seen = handle.read(chunk), False
        pieces = itertools.chain((first,), iter(lambda: handle.read(chunk), b""))
        texts = _decoded(pieces, name, encoding, what) if what != "script" else _document(pieces, name, encoding)
        for text in texts:
            seen = seen or bool(text.strip())
            yield text
        if not seen:
            raise _empty(name, first, what)


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


def _document(pieces: Iterator[bytes], name: str, encoding: str | None) -> Iterator[str]:
    """The text of a script's byte ``pieces``: a plain script as it is decoded, piece by piece; a script
    saved as a document (RTF, HTML, Word, OpenDocument: :mod:`segmenter.documents`) read whole and converted
    to its plain text; a PDF refused with what to do instead."""
    first = next(pieces, b"")
    if first.startswith(b"PK\x03\x04"):
        from .documents import archive_text

        yield archive_text(b"".join(itertools.chain((first,), pieces)), name)
        return
    if first.startswith(b"%PDF"):
        raise InputError(f"{name}: a PDF document, not a text script; save the script as text, RTF, HTML or .docx")
    texts = _decoded(itertools.chain((first,), pieces), name, encoding, "script")
    head = next(texts, "")
    kind = text_kind(head)
    if kind:  # (the document reader loads only then)
        from .documents import CONVERTERS

        yield CONVERTERS[kind]("".join(itertools.chain((head,), texts)))
        return
    yield head
    yield from texts


def read_bytes(path: str, what: str = "subtitle file") -> bytes:
    """The bytes of a file (``-``: standard input), undecoded; refuses missing, unreadable and empty files
    with the one-line errors of :func:`iter_text`."""
    name = "<stdin>" if path == "-" else path
    with _reading(name, what), (nullcontext(sys.stdin.buffer) if path == "-" else open(path, "rb")) as handle:
        data = handle.read()
    if not data.strip():
        raise _empty(name, data, what)
    return data


def read_text(path: str, encoding: str | None = None, what: str = "script") -> str:
    """Read a script (``-`` for standard input) whole; refuse what :func:`iter_text` refuses."""
    return "".join(iter_text(path, encoding, what))


def check_writable(path: Path, force: bool) -> None:
    """Refuse to clobber an existing output without ``force``, or to write into a non-directory, or a
    name the file system cannot take."""
    try:
        if path.is_dir():
            raise InputError(f"{path}: is a directory")
        if os.path.lexists(path) and not force:  # a dangling symlink too: writing would replace it
            raise InputError(f"{path}: already exists (use --force to overwrite)")
    except OSError as exc:
        raise InputError(cannot_write(path, exc)) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_umask()


_NAME_MAX = 255  # bytes in a file name, on every common file system
_TEMP_TAIL = 8 + len(".tmp")  # what tempfile.mkstemp adds after the prefix: 8 random characters, the suffix
_TEMPORARY = re.compile(r"\.(?P<name>.+)\.[a-z0-9_]{8}\.tmp", re.S)


def _temp_prefix(name: str) -> str:
    """The start of a temporary file's name for output ``name``: ``.NAME.``, the name cut short when the
    whole would be too long for the file system.

    >>> _temp_prefix("a.srt"), len(os.fsencode(_temp_prefix("x" * 250)))
    ('.a.srt.', 243)
    """
    room = _NAME_MAX - _TEMP_TAIL - 2
    raw = os.fsencode(name)
    return f".{name}." if len(raw) <= room else f".{os.fsdecode(raw[:room])}."


def temporaries(path: Path) -> list[Path]:
    """The temporary files :func:`atomic_outputs` may have left beside ``path`` (``.NAME.*.tmp``)."""
    import glob

    return list(path.parent.glob(f"{glob.escape(_temp_prefix(path.name))}*.tmp"))


def is_temporary(name: str, suffixes: tuple[str, ...]) -> bool:
    """True for the name of a temporary file :func:`atomic_outputs` makes for an output ending in one of
    ``suffixes`` (or whose name was cut short).

    >>> is_temporary(".a.srt.k2j_x9ab.tmp", (".srt",)), is_temporary(".a.srt.tmp", (".srt",))
    (True, False)
    """
    match = _TEMPORARY.fullmatch(name)
    return bool(match) and (match["name"].endswith(suffixes)
                            or len(os.fsencode(name)) == _NAME_MAX)


def cannot_write(path: Path, exc: OSError) -> str:
    """The one-line message for an output that could not be written.

    >>> import errno
    >>> cannot_write(Path("out/a.srt"), OSError(errno.ENOSPC, "No space left on device"))
    'no space left on device writing out/a.srt'
    >>> cannot_write(Path("out/a.srt"), OSError(errno.EACCES, "Permission denied"))
    'out/a.srt: cannot write: Permission denied'
    """
    import errno

    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"{'no space left on device' if exc.errno == errno.ENOSPC else 'disk quota exceeded'} writing {path}"
    if exc.errno == errno.ENAMETOOLONG:
        return f"{path}: cannot write: file name too long for the file system"
    return f"{path}: cannot write: {exc.strerror or exc}"


@contextmanager
def atomic_outputs(paths, force: bool = False):
    """Handles to temporary files beside ``paths``, renamed into place only when the block succeeds.

    Nothing is created or clobbered when the block raises (or the process is killed: only a hidden
    temporary file can remain); the temporary files are removed whatever fails, closing them included.
    An existing path is refused unless ``force``.
    """
    paths = [Path(p) for p in paths]
    for path in paths:
        check_writable(path, force)
    temps: list[str] = []
    handles = []
    where = paths[0] if paths else Path()
    try:
        for path in paths:
            where = path
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=_temp_prefix(path.name), suffix=".tmp", dir=path.parent)
            temps.append(tmp)
            handles.append(os.fdopen(fd, "w", encoding="utf-8", newline="\n"))
            os.chmod(tmp, _FILE_MODE)  # mkstemp makes 0600; outputs get the usual 0666 less the umask
        where = paths[0] if paths else where
        yield handles
        for path, handle in zip(paths, handles):
            where = path
            handle.close()
            if not force and os.path.lexists(path):
                raise InputError(f"{path}: already exists (use --force to overwrite)")
        for path, tmp in zip(paths, temps):
            where = path
            os.replace(tmp, path)
    except OSError as exc:
        raise InputError(cannot_write(where, exc)) from None
    finally:
        for handle in handles:
            try:
                handle.close()  # flushing may fail again (a full disk): the file is closed all the same
            except OSError:
                pass
        for tmp in temps:
            try:
                os.unlink(tmp)
            except OSError:  # renamed into place, or its folder is gone
                pass


def write_atomic(path: Path, text: str, force: bool = False) -> None:
    """Write ``text`` as UTF-8 to ``path`` via a temporary file in the same folder, then rename."""
    with atomic_outputs([path], force) as (handle,):
        handle.write(text)
