"""Reading input files: bytes -> text (encoding detection, binary rejection) and
input format detection.

Offsets everywhere else refer to the text returned here, exactly as decoded (a BOM is
removed; line endings and everything else are kept).
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import stat
import sys
from dataclasses import dataclass

__all__ = [
    "DEFAULT_MAX_BYTES",
    "InputError",
    "SourceText",
    "decode_bytes",
    "detect_format",
    "read_source",
    "HTML_EXTENSIONS",
    "MARKDOWN_EXTENSIONS",
    "TEXT_EXTENSIONS",
]

HTML_EXTENSIONS = (".html", ".htm", ".xhtml", ".shtml", ".php", ".asp", ".aspx")
MARKDOWN_EXTENSIONS = (".md", ".markdown", ".mdown", ".mkd")
TEXT_EXTENSIONS = (".txt", ".text")

_SNIFF_BYTES = 8192

# Files larger than this are refused unread (checking takes about 75 MB of memory per
# MB of text, so 10 MiB stays near 1 GB); --max-file-size changes it.
DEFAULT_MAX_BYTES = 10 * 1024 * 1024


class InputError(Exception):
    """An input that cannot be read as text; str(e) == f"{path}: {message}"."""

    def __init__(self, path: str, message: str) -> None:
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}")


@dataclass(frozen=True)
class SourceText:
    path: str
    text: str
    encoding: str
    format: str


# ----------------------------------------------------------------------------------
# Decoding

_BOMS = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

_SIGNATURES = (
    (b"%PDF-", "PDF document"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"PK\x03\x04", "ZIP archive, e.g. a .docx or .xlsx file"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "Microsoft Office document"),
    (b"\x7fELF", "ELF executable"),
)

_META_CHARSET_RE = re.compile(
    rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)

# WHATWG: these labels mean windows-1252 in HTML.
_HTML_LABEL_ALIASES = {
    "iso-8859-1": "cp1252", "iso8859-1": "cp1252", "latin1": "cp1252", "latin-1": "cp1252",
    "l1": "cp1252", "us-ascii": "cp1252", "ascii": "cp1252", "iso_8859-1": "cp1252",
    "windows-1252": "cp1252", "x-user-defined": "cp1252",
}


def _mostly_printable(text: str) -> bool:
    if not text:
        return False
    sample = text[:4096]
    bad = sum(1 for c in sample if not (c.isprintable() or c in "\t\n\r\x0c"))
    return bad <= len(sample) // 20


def _utf16_without_bom(data: bytes) -> str | None:
    """'utf-16-le'/'utf-16-be' when the NUL pattern says so (mostly ASCII-range
    text encoded in UTF-16 has a NUL in every other byte)."""
    sample = data[:_SNIFF_BYTES]
    pairs = len(sample) // 2
    if pairs < 2:
        return None
    even = sample[0:pairs * 2:2].count(0)
    odd = sample[1:pairs * 2:2].count(0)
    if odd >= pairs * 0.4 and even <= pairs * 0.05:
        return "utf-16-le"
    if even >= pairs * 0.4 and odd <= pairs * 0.05:
        return "utf-16-be"
    return None


def _looks_like_html(path: str, head: bytes) -> bool:
    ext = os.path.splitext(path)[1].lower()
    if ext in HTML_EXTENSIONS:
        return True
    if ext in MARKDOWN_EXTENSIONS or ext in TEXT_EXTENSIONS:
        return False
    return _sniff_html(head.decode("latin-1"))


def _codec_name(label: str) -> str | None:
    label = label.strip().lower()
    label = _HTML_LABEL_ALIASES.get(label, label)
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Decode a file's bytes: (text, encoding name). Raises InputError for binary
    data; never for text (the last resort is cp1252 with replacement characters)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            try:
                return body.decode(encoding[:-4] if encoding == "utf-8-sig" else encoding), encoding
            except UnicodeDecodeError:
                return body.decode(encoding, errors="replace"), encoding

    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            raise InputError(path, f"binary file ({kind}), not text")

    head = data[:_SNIFF_BYTES]
    if b"\x00" in head:
        encoding = _utf16_without_bom(data)
        if encoding is not None:
            usable = len(data) - len(data) % 2
            text = data[:usable].decode(encoding, errors="replace")
            if _mostly_printable(text):
                return text, encoding
        raise InputError(path, "binary file (contains NUL bytes), not text")

    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass

    if _looks_like_html(path, data[:4096]):
        m = _META_CHARSET_RE.search(data[:4096])
        if m is not None:
            name = _codec_name(m.group(1).decode("ascii", "replace"))
            if name is not None and name not in ("utf-8", "utf-16-le", "utf-16-be", "utf-16"):
                try:
                    return data.decode(name), name
                except UnicodeDecodeError:
                    pass

    guess = _charset_normalizer_guess(data)
    if guess is not None:
        return guess

    return data.decode("cp1252", errors="replace"), "cp1252"


# Signs of a wrong single-byte code page: non-ASCII characters that are neither
# letters, digits, whitespace nor common typographic punctuation, and inverted
# punctuation or superscripts inside a word ("mo¿e", "¿ó³æ" for Polish "może", "żółć").
_ODD_CHAR_RE = re.compile(
    "(?<=[^\\W\\d_])[\u00bf\u00a1\u00b9\u00b2\u00b3](?=[^\\W\\d_])"
    "|[^\\x00-\\x7f\\w\\s\u00bf\u00a1\u2010-\u2027\u2030-\u203a\u20ac\u2122\u00a9"
    "\u00ae\u00b0\u00b7\u00ab\u00bb\u00a3\u00a7\u00b6\u00d7]")
_LETTER_RE = re.compile(r"[^\W\d_]")
_NON_ASCII_LETTER_RE = re.compile(r"(?![A-Za-z])[^\W\d_]")
_SAMPLE = 65536


def _odd_chars(text: str) -> int:
    return len(_ODD_CHAR_RE.findall(text, 0, _SAMPLE))


def _mostly_ascii_letters(text: str) -> bool:
    """Western European text is mostly ASCII letters; Cyrillic or Greek read as
    cp1252 is all accented letters."""
    letters = len(_LETTER_RE.findall(text, 0, _SAMPLE))
    return len(_NON_ASCII_LETTER_RE.findall(text, 0, _SAMPLE)) <= letters * 0.3


def _charset_normalizer_guess(data: bytes) -> tuple[str, str] | None:
    """charset_normalizer's best guess, if it decodes. cp1252 (the encoding of text
    saved on Windows and of most mislabelled web pages) is preferred when it also
    decodes and yields no more odd characters: on short texts the detector often
    picks a sibling code page (cp1250) that turns "ñ" into "ń"."""
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # pragma: no cover - a declared dependency
        return None
    try:
        best = from_bytes(data).best()
    except Exception:  # pragma: no cover - never let detection crash a run
        best = None
    guess = None
    if best is not None and best.encoding:
        name = _codec_name(best.encoding)
        if name is not None:
            try:
                guess = (data.decode(name), name)
            except (UnicodeDecodeError, LookupError):
                guess = None
    if guess is None or guess[1] == "cp1252":
        return guess
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return guess
    if _mostly_ascii_letters(western) and _odd_chars(western) <= _odd_chars(guess[0]):
        return western, "cp1252"
    return guess


# ----------------------------------------------------------------------------------
# Format detection

_HTML_START_RE = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b",
                            re.IGNORECASE | re.DOTALL)
_HTML_BLOCK_TAG_RE = re.compile(
    r"<(?:p|div|h[1-6]|ul|ol|li|table|section|article|span|a\s|br|img\s|meta\s|title)\b[^>]*>",
    re.IGNORECASE)
_MD_HEADING_RE = re.compile(r"^#{1,6}[ \t]+\S", re.MULTILINE)
_MD_LIST_RE = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+\S", re.MULTILINE)
_MD_LINK_RE = re.compile(r"!?\[[^\]\n]+\]\([^)\s]+(?:\s+\"[^\"]*\")?\)")
_MD_FENCE_RE = re.compile(r"^[ \t]{0,3}(?:```|~~~)", re.MULTILINE)
_MD_EMPHASIS_RE = re.compile(r"(?<![\w*])\*\*[^*\n]+\*\*(?![\w*])")


def _sniff_html(head: str) -> bool:
    if _HTML_START_RE.match(head):
        return True
    return len(_HTML_BLOCK_TAG_RE.findall(head)) >= 3


def _sniff_markdown(head: str) -> bool:
    headings = len(_MD_HEADING_RE.findall(head))
    lists = len(_MD_LIST_RE.findall(head))
    links = len(_MD_LINK_RE.findall(head))
    fences = len(_MD_FENCE_RE.findall(head))
    emphasis = len(_MD_EMPHASIS_RE.findall(head))
    if fences >= 2:
        return True
    if (headings or lists) and (links or emphasis):
        return True
    return headings >= 2 or links >= 2


def detect_format(path: str, text: str) -> str:
    """'html', 'markdown' or 'text', from the file extension, else from the content."""
    ext = os.path.splitext(path or "")[1].lower()
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in MARKDOWN_EXTENSIONS:
        return "markdown"
    if ext in TEXT_EXTENSIONS:
        return "text"
    head = text[:2048]
    if _sniff_html(head):
        return "html"
    if _sniff_markdown(text[:8192]):
        return "markdown"
    return "text"


# ----------------------------------------------------------------------------------
# Reading

def _describe_os_error(exc: OSError, name: str = "") -> str:
    if isinstance(exc, FileNotFoundError):
        return "broken symbolic link" if name and os.path.islink(name) else "no such file"
    if exc.errno == errno.ELOOP:
        return "cannot read: symbolic link loop"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    if isinstance(exc, PermissionError):
        return "cannot read: permission denied"
    reason = exc.strerror or exc.__class__.__name__
    return f"cannot read: {reason[:1].lower()}{reason[1:]}"


def _size_text(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MiB"
    if n >= 1024:
        return f"{n / 1024:.1f} KiB"
    return f"{n} bytes"


def _too_big(path: str, size: int | None, max_bytes: int) -> InputError:
    what = f"more than {max_bytes} bytes" if size is None else f"{_size_text(size)} ({size} bytes)"
    return InputError(path, f"file too large: {what}, the limit is {_size_text(max_bytes)} "
                            f"({max_bytes} bytes)")


def read_stream(stream, name: str, max_bytes: int | None) -> bytes:
    """At most `max_bytes` bytes of a binary stream (InputError beyond that): a larger
    input is never held in memory."""
    data = stream.read() if max_bytes is None else stream.read(max_bytes + 1)
    if max_bytes is not None and len(data) > max_bytes:
        raise _too_big(name, None, max_bytes)
    return data


def read_source(path: str | os.PathLike, *, max_bytes: int | None = None) -> SourceText:
    """Read and decode one file ("-" reads standard input). Raises InputError when it
    cannot be read, is a directory, a socket or a device other than a character stream,
    is larger than `max_bytes` or is binary."""
    name = os.fsdecode(path)
    if name == "-":
        data = read_stream(sys.stdin.buffer, name, max_bytes)
    else:
        try:
            # O_NONBLOCK: opening a named pipe nobody writes to would wait forever
            fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        except IsADirectoryError:
            raise InputError(name, "is a directory") from None
        except OSError as exc:
            raise InputError(name, _describe_os_error(exc, name)) from None
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise InputError(name, "is a directory")
            if not (stat.S_ISREG(info.st_mode) or stat.S_ISFIFO(info.st_mode) or stat.S_ISCHR(info.st_mode)):
                raise InputError(name, "not a regular file")
            if stat.S_ISFIFO(info.st_mode):
                # a pipe named on the command line: wait for its writer (--timeout bounds it)
                os.close(fd)
                fd = -1
                fd = os.open(name, os.O_RDONLY | getattr(os, "O_CLOEXEC", 0))
            elif stat.S_ISCHR(info.st_mode):
                os.set_blocking(fd, True)
            elif max_bytes is not None and info.st_size > max_bytes:
                raise _too_big(name, info.st_size, max_bytes)
            with open(fd, "rb", closefd=False) as handle:
                data = read_stream(handle, name, max_bytes)
        except OSError as exc:
            raise InputError(name, _describe_os_error(exc, name)) from None
        finally:
            if fd >= 0:
                os.close(fd)
    text, encoding = decode_bytes(data, name)
    return SourceText(path=name, text=text, encoding=encoding, format=detect_format(name, text))
