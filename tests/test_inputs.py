"""Reading inputs: decoding, binary rejection, format detection, file errors."""

from __future__ import annotations

import codecs
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.inputs import InputError, SourceText, decode_bytes, detect_format, read_source

TEXT = "Stem cells \u201ccure\u201d autism \u2013 caf\u00e9 ni\u00f1os.\r\nSecond line\n"


def test_input_error_message():
    e = InputError("a/b.txt", "no such file")
    assert str(e) == "a/b.txt: no such file"
    assert e.path == "a/b.txt" and e.message == "no such file"


# ----------------------------------------------------------------------------------
# decode_bytes


def test_utf8_is_decoded_strictly_and_line_endings_are_kept():
    assert decode_bytes(TEXT.encode("utf-8"), "x.txt") == (TEXT, "utf-8")


@pytest.mark.parametrize("bom, codec, name", [
    (codecs.BOM_UTF8, "utf-8", "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16-be"),
    (codecs.BOM_UTF32_LE, "utf-32-le", "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32-be"),
])
def test_byte_order_marks(bom, codec, name):
    text, encoding = decode_bytes(bom + TEXT.encode(codec), "x.txt")
    assert text == TEXT          # the BOM is not part of the text
    assert encoding == name


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_is_recognised(codec):
    text, encoding = decode_bytes(TEXT.encode(codec), "x.txt")
    assert (text, encoding) == (TEXT, codec)


def test_nul_bytes_mean_binary():
    with pytest.raises(InputError) as info:
        decode_bytes(b"\x01\x02abc\x00\x00\xff\x10" * 100, "blob.txt")
    assert info.value.message == "binary file (contains NUL bytes), not text"
    assert str(info.value) == "blob.txt: binary file (contains NUL bytes), not text"


@pytest.mark.parametrize("data, kind", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
    (b"GIF89a\x01\x00", "GIF image"),
    (b"PK\x03\x04\x14\x00\x06\x00", "ZIP archive"),
    (b"\x1f\x8b\x08\x00", "gzip"),
])
def test_binary_signatures_are_named(data, kind):
    with pytest.raises(InputError) as info:
        decode_bytes(data, "f.txt")
    assert kind in info.value.message
    assert info.value.message.startswith("binary file (") and info.value.message.endswith("), not text")


def test_html_meta_charset_is_honoured():
    page = ('<html><head><meta charset="windows-1251"><title>\u041b\u0435\u0447\u0435\u043d\u0438\u0435'
            '</title></head><body>\u0430\u0443\u0442\u0438\u0437\u043c</body></html>')
    text, encoding = decode_bytes(page.encode("cp1251"), "page.html")
    assert text == page and encoding == "cp1251"


def test_http_equiv_charset_and_whatwg_latin1_label():
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">'
            '</head><body>Our clinic\u2019s caf\u00e9</body></html>')
    # "ISO-8859-1" means windows-1252 on the web: the \u2019 (byte 0x92) decodes properly
    text, encoding = decode_bytes(page.encode("cp1252"), "page.htm")
    assert text == page and encoding == "cp1252"


def test_meta_charset_is_not_used_for_plain_text_files():
    data = '<meta charset="koi8-r"> na\u00efve'.encode("cp1252")
    text, encoding = decode_bytes(data, "notes.txt")
    assert encoding != "koi8_r"


def test_windows_1252_text_from_word():
    original = "Our clinic\u2019s \u201cstem cell\u201d therapy \u2013 ni\u00f1os and na\u00efve patients\u2026"
    text, encoding = decode_bytes(original.encode("cp1252"), "x.txt")
    assert text == original and encoding == "cp1252"


def test_other_code_pages_via_charset_normalizer():
    russian = ("\u0421\u0442\u0432\u043e\u043b\u043e\u0432\u044b\u0435 \u043a\u043b\u0435\u0442\u043a\u0438 "
               "\u043b\u0435\u0447\u0430\u0442 \u0430\u0443\u0442\u0438\u0437\u043c, \u0434\u0438\u0430\u0431\u0435\u0442 "
               "\u0438 \u0440\u0430\u0441\u0441\u0435\u044f\u043d\u043d\u044b\u0439 \u0441\u043a\u043b\u0435\u0440\u043e\u0437. "
               "\u0413\u0430\u0440\u0430\u043d\u0442\u0438\u0440\u043e\u0432\u0430\u043d\u043d\u044b\u0439 "
               "\u0440\u0435\u0437\u0443\u043b\u044c\u0442\u0430\u0442!")
    text, encoding = decode_bytes(russian.encode("cp1251"), "x.txt")
    assert text == russian
    polish = "Leczenie kom\u00f3rkami macierzystymi pomaga, mo\u017ce \u017c\u00f3\u0142\u0107."
    text, encoding = decode_bytes(polish.encode("cp1250"), "x.txt")
    assert text == polish


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300).map(lambda b: b.replace(b"\x00", b"")))
def test_text_without_nul_never_raises(data):
    for signature in (b"%PDF-", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"PK\x03\x04", b"\x1f\x8b",
                      b"\xd0\xcf\x11\xe0", b"\x7fELF", codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE):
        if data.startswith(signature):
            return
    text, encoding = decode_bytes(data, "x.txt")
    assert isinstance(text, str) and encoding


# ----------------------------------------------------------------------------------
# detect_format


@pytest.mark.parametrize("path, fmt", [
    ("a.html", "html"), ("A.HTM", "html"), ("x.xhtml", "html"), ("x.shtml", "html"),
    ("x.php", "html"), ("x.asp", "html"), ("x.aspx", "html"),
    ("x.md", "markdown"), ("x.markdown", "markdown"), ("x.mdown", "markdown"), ("x.mkd", "markdown"),
    ("x.txt", "text"),
])
def test_format_from_extension(path, fmt):
    assert detect_format(path, "<html><body><p>x</p></body></html>" if fmt == "text" else "plain") == fmt


@pytest.mark.parametrize("text", [
    "<!DOCTYPE html>\n<html><body>x</body></html>",
    "  \n<html lang=en>",
    "<HEAD><title>x</title>",
    "<body>hello",
    "<!-- saved page -->\n<!doctype html><p>x",
    "Welcome\n<div class=a><p>One</p><p>Two</p></div>",
])
def test_html_is_sniffed_without_extension(text):
    assert detect_format("-", text) == "html"
    assert detect_format("page", text) == "html"


def test_markdown_is_sniffed_without_extension():
    text = "# Stem cells\n\n- autism\n- [MS](https://example.com/ms)\n\nMore text.\n"
    assert detect_format("-", text) == "markdown"
    assert detect_format("README", text) == "markdown"


@pytest.mark.parametrize("text", [
    "Stem cells cure autism.\n\nCall us: 555-1234 (a) and [b].",
    "- just a list\n- of things\n",
    "",
])
def test_plain_text_is_the_default(text):
    assert detect_format("-", text) == "text"
    assert detect_format("notes.log", text) == "text"


# ----------------------------------------------------------------------------------
# read_source


def test_read_source(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(codecs.BOM_UTF8 + "<p>caf\u00e9\r\n</p>".encode("utf-8"))
    src = read_source(str(path))
    assert src == SourceText(str(path), "<p>caf\u00e9\r\n</p>", "utf-8-sig", "html")


def test_read_source_missing_file(tmp_path):
    with pytest.raises(InputError) as info:
        read_source(str(tmp_path / "nope.txt"))
    assert info.value.message == "no such file"


def test_read_source_directory(tmp_path):
    with pytest.raises(InputError) as info:
        read_source(str(tmp_path))
    assert info.value.message == "is a directory"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0,
                    reason="permissions are not enforced for root")
def test_read_source_permission_denied(tmp_path):
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    try:
        with pytest.raises(InputError) as info:
            read_source(str(path))
        assert info.value.message == "cannot read: permission denied"
    finally:
        path.chmod(0o600)


def test_read_source_size_limit(tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"x" * 5000)
    with pytest.raises(InputError) as info:
        read_source(str(path), max_bytes=1024)
    message = info.value.message
    assert "too large" in message and "5000 bytes" in message and "1024 bytes" in message
    assert read_source(str(path), max_bytes=5000).text == "x" * 5000


def test_read_source_binary(tmp_path):
    path = tmp_path / "brochure.txt"
    path.write_bytes(b"%PDF-1.4\n...")
    with pytest.raises(InputError) as info:
        read_source(str(path))
    assert str(info.value) == f"{path}: binary file (PDF document), not text"


def test_read_source_permission_denied_simulated(tmp_path, monkeypatch):
    import claimcheck.inputs as inputs

    path = tmp_path / "secret.txt"
    path.write_text("x")

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(inputs, "open", denied, raising=False)
    with pytest.raises(InputError) as info:
        read_source(str(path))
    assert info.value.message == "cannot read: permission denied"
    assert str(info.value) == f"{path}: cannot read: permission denied"
