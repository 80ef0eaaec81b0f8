"""OffsetMap, TextBuilder and LineIndex."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from claimcheck.offsets import (COPY, REPLACEMENT, SYNTHETIC, TRANSLATIONS, LineIndex, OffsetMap,
                                TextBuilder, normalize)


def build(*chunks: str) -> tuple[str, OffsetMap, str]:
    """One block made of the given source chunks (consecutive pieces of one source)."""
    source = "".join(chunks)
    b = TextBuilder()
    pos = 0
    for chunk in chunks:
        b.append_source(source, pos, pos + len(chunk))
        pos += len(chunk)
    text, offsets = b.build()
    return text, offsets, source


# ----------------------------------------------------------------------------------
# TextBuilder normalisation


@pytest.mark.parametrize("source, expected", [
    ("a  b", "a b"),
    ("a\tb", "a b"),
    ("a\r\nb", "a b"),
    ("a\rb", "a b"),
    ("a\u00a0b", "a b"),
    ("a \u00a0\u2003\u3000\u202f\u205f b", "a b"),
    ("a\u2028\u2029\x85\x0b\x0cb", "a b"),
    ("cu\u00adres", "cures"),
    ("zero\u200bwidth\u200c\u200d\u2060\ufeffjoin", "zerowidthjoin"),
    ("a \u200b b", "a b"),
    ("\u2018single\u2019 \u201adouble\u201b \u201cx\u201d \u201ey\u2033 5\u2032", "'single' 'double' \"x\" \"y\" 5'"),
    ("a\u2010b\u2011c\u2012d\u2013e\u2014f\u2015g\u2212h", "a-b-c-d-e-f-g-h"),
    ("wait\u2026", "wait\u2026"),          # the ellipsis is one character: unchanged
    ("  leading and trailing  \n", "leading and trailing"),
    ("\u200b\u00ad", ""),
    ("e\u0301t\u00e9 \U0001F600!", "e\u0301t\u00e9 \U0001F600!"),
])
def test_normalisation(source, expected):
    assert normalize(source) == expected


def test_single_whitespace_character_is_a_copy_segment():
    text, offsets, source = build("stem\ncells\tcure")
    assert text == "stem cells cure"
    assert offsets.segment_count == 1
    assert [s[0] for s in offsets.segments()] == [COPY]


def test_collapsed_run_is_one_replacement():
    text, offsets, source = build("stem \r\n  cells")
    assert text == "stem cells"
    kinds = [s[0] for s in offsets.segments()]
    assert kinds == [COPY, REPLACEMENT, COPY]
    i = text.index(" ")
    assert source[offsets.source_start(i):offsets.source_end(i + 1)] == " \r\n  "
    assert offsets.source_start(i + 1) == source.index("cells")


def test_deleted_characters_leave_no_trace_but_shift_offsets():
    text, offsets, source = build("cu\u00adres autism")
    assert text == "cures autism"
    start, end = offsets.source_span(0, 5)
    assert source[start:end] == "cu\u00adres"
    assert offsets.source_end(2) == 2        # after "cu"
    assert offsets.source_start(2) == 3      # "r" follows the soft hyphen
    j = text.index("autism")
    assert source[offsets.source_start(j):offsets.source_end(j + 6)] == "autism"


def test_whitespace_across_chunks_collapses():
    text, offsets, source = build("stem ", " \n", "  cells ", "")
    assert text == "stem cells"


def test_replacement_and_synthetic_segments():
    source = "Tom &amp; Jerry. Next block"
    b = TextBuilder()
    b.begin_block()
    b.append_source(source, 0, 4)
    b.append_replacement("&", 4, 9)
    b.append_source(source, 9, 16)
    span1 = b.end_block()
    b.begin_block()
    b.append_source(source, 16, len(source))
    span2 = b.end_block()
    text, offsets = b.build()
    assert text == "Tom & Jerry.\n\nNext block"
    assert span1 == (0, 12) and span2 == (14, 24)
    amp = text.index("&")
    assert source[offsets.source_start(amp):offsets.source_end(amp + 1)] == "&amp;"
    assert offsets.source_span(0, 12) == (0, 16)
    # the separator maps to the position where it was inserted (end of the previous block)
    sep = text.index("\n")
    assert offsets.source_start(sep) == 16 and offsets.source_end(sep + 1) == 16
    assert [s[0] for s in offsets.segments()][-2:] == [SYNTHETIC, COPY]
    j = text.index("Next")
    assert source[offsets.source_start(j):offsets.source_end(len(text))] == "Next block"


def test_replacement_text_is_normalised():
    source = "a &nbsp; b&rsquo;&shy;s"
    b = TextBuilder()
    b.append_source(source, 0, 2)
    b.append_replacement("\u00a0", 2, 8)       # &nbsp; next to spaces: one space
    b.append_source(source, 8, 10)
    b.append_replacement("\u2019", 10, 17)     # &rsquo; -> '
    b.append_replacement("\u00ad", 17, 22)     # &shy; vanishes
    b.append_source(source, 22, 23)
    text, offsets = b.build()
    assert text == "a b's"
    assert source[offsets.source_start(1):offsets.source_end(2)] == " &nbsp; "
    assert source[offsets.source_start(3):offsets.source_end(4)] == "&rsquo;"
    assert offsets.source_start(4) == 22


def test_blocks_never_start_or_end_with_space_and_empty_blocks_vanish():
    source = "   \n  one two  \n\n   \n three "
    b = TextBuilder()
    spans = []
    for start, end in [(0, 16), (16, 21), (21, len(source))]:
        b.begin_block()
        b.append_source(source, start, end)
        spans.append(b.end_block())
    text, offsets = b.build()
    assert text == "one two\n\nthree"
    assert spans == [(0, 7), None, (9, 14)]


def test_append_space_collapses_with_neighbours():
    source = "line<br> <br>more"
    b = TextBuilder()
    b.append_source(source, 0, 4)
    b.append_space(4, 8)
    b.append_source(source, 8, 9)
    b.append_space(9, 13)
    b.append_source(source, 13, 17)
    text, offsets = b.build()
    assert text == "line more"
    assert offsets.source_span(4, 5) == (4, 13)


def test_empty_builder_and_clamping():
    text, offsets = TextBuilder().build()
    assert text == "" and len(offsets) == 0
    assert offsets.source_start(0) == 0 and offsets.source_end(0) == 0
    text, offsets, source = build("  abc  ")
    assert text == "abc"
    assert offsets.source_start(-5) == 2
    assert offsets.source_start(99) == 5
    assert offsets.source_end(99) == 5
    assert offsets.source_end(0) == 2
    assert offsets.source_span(1, 1) == (3, 3)


def test_segments_are_compact():
    paragraph = "Stem cells are claimed to cure many diseases. " * 20000
    text, offsets, source = build(paragraph)
    assert offsets.segment_count == 1
    wrapped = "\n".join(["word " * 12] * 5000)
    text, offsets, source = build(wrapped)
    # one replacement per " \n" run, nothing per character
    assert offsets.segment_count < 2 * 5000 + 2


# ----------------------------------------------------------------------------------
# Property: every analysis span maps back to a source slice that normalises to it

ATOMS = ["stem", "cell", "cure", "Autism", "\u00e9", "e\u0301", "\U0001F600", "\u4e2d", " ", "  ",
         "\t", "\n", "\r\n", "\r", "\u00a0", "\u2003", "\u3000", "\u2028", "\x0c", "\u00ad",
         "\u200b", "\u200d", "\ufeff", "\u2019", "\u201c", "\u201d", "\u2014", "\u2013", "\u2026",
         ".", ",", ":", "-", "'", '"', "&"]
texts = st.lists(st.sampled_from(ATOMS), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.integers(min_value=0, max_value=200), min_size=2, max_size=8))
def test_spans_map_back_exactly(source, cuts):
    cuts = sorted({min(c, len(source)) for c in cuts} | {0, len(source)})
    b = TextBuilder()
    for start, end in zip(cuts, cuts[1:]):
        b.append_source(source, start, end)
    text, offsets = b.build()
    assert text == normalize(source)
    for kind, a, a_end, s, e in offsets.segments():
        if kind == COPY:
            assert source[s:e].translate(TRANSLATIONS) == text[a:a_end]
        else:
            assert kind == REPLACEMENT and text[a:a_end] == " "
    solid = [i for i, c in enumerate(text) if c != " "]
    for i in solid:
        for j in solid:
            if j >= i:
                s, e = offsets.source_span(i, j + 1)
                assert normalize(source[s:e]) == text[i:j + 1]


# ----------------------------------------------------------------------------------
# LineIndex


def test_line_index_crlf_lf_and_lone_cr():
    text = "ab\r\ncd\ref\ngh"
    li = LineIndex(text)
    assert li.line_count == 4
    assert li.position(0) == (1, 1)
    assert li.position(2) == (1, 3)          # the \r
    assert li.position(3) == (1, 3)          # the \n of \r\n: reported at the \r
    assert li.position(4) == (2, 1)
    assert li.position(6) == (2, 3)          # lone \r
    assert li.position(7) == (3, 1)
    assert li.position(10) == (4, 1)
    assert li.position(12) == (4, 3)         # end of text
    assert li.position(99) == (4, 3)         # clamped
    assert li.position(-3) == (1, 1)


def test_line_index_only_three_kinds_of_break():
    text = "a\x0cb\u2028c\x85d\u2029e\x0bf\nnext"
    li = LineIndex(text)
    assert li.line_count == 2
    assert li.position(text.index("f")) == (1, 11)
    assert li.position(text.index("next")) == (2, 1)


def test_line_index_columns_count_code_points():
    text = "\U0001F600 caf\u00e9 e\u0301 cure"
    li = LineIndex(text)
    assert li.position(text.index("cure")) == (1, 11)


def test_line_index_trailing_newline_and_empty_text():
    assert LineIndex("").position(0) == (1, 1)
    li = LineIndex("one\r\n")
    assert li.position(5) == (2, 1)
    assert li.position(4) == (1, 4)
    assert li.line_start(2) == 5


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["x", "\u00e9", "\r\n", "\n", "\r", "\u2028", "\x0c", " "]),
                max_size=40).map("".join))
def test_line_index_matches_a_naive_count(text):
    li = LineIndex(text)
    for offset in range(len(text) + 1):
        if 0 < offset < len(text) and text[offset - 1:offset + 1] == "\r\n":
            continue
        before = text[:offset]
        breaks = list(re.finditer(r"\r\n|\r|\n", before))
        line = len(breaks) + 1
        column = offset - (breaks[-1].end() if breaks else 0) + 1
        assert li.position(offset) == (line, column)
