"""Layout: blocks, analysis text and exact offsets for plain text, Markdown and HTML."""

from __future__ import annotations

import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from claimcheck.layout import BLOCK_KINDS, Block, Layout, build_layout
from claimcheck.offsets import COPY, REPLACEMENT, SYNTHETIC, TRANSLATIONS, LineIndex, normalize


# ----------------------------------------------------------------------------------
# helpers


def blocks(layout: Layout) -> list[tuple[str, int, str]]:
    return [(b.kind, b.level, layout.text[b.start:b.end]) for b in layout.blocks]


def texts(layout: Layout) -> list[str]:
    return [layout.text[b.start:b.end] for b in layout.blocks]


def source_of(layout: Layout, source: str, needle: str, nth: int = 0) -> tuple[int, int]:
    """Source span of the nth occurrence of `needle` in the analysis text."""
    i = -1
    for _ in range(nth + 1):
        i = layout.text.index(needle, i + 1)
    return layout.offsets.source_span(i, i + len(needle))


def check_invariants(source: str, layout: Layout) -> None:
    text = layout.text
    assert len(layout.offsets) == len(text)
    for kind, a, a_end, s, e in layout.offsets.segments():
        piece = text[a:a_end]
        assert 0 <= s <= e <= len(source)
        if kind == COPY:
            assert source[s:e].translate(TRANSLATIONS) == piece
        elif kind == REPLACEMENT:
            assert piece == " " or piece == normalize(html.unescape(source[s:e])), (piece, source[s:e])
        else:
            assert kind == SYNTHETIC and s == e and piece == "\n\n"
    previous_end = -2
    for b in layout.blocks:
        assert b.kind in BLOCK_KINDS
        body = text[b.start:b.end]
        assert body and "\n" not in body and body == body.strip(" ")
        assert b.start == previous_end + 2 and text[previous_end:b.start] in ("\n\n", "")
        assert b.lead_in == body.endswith(":")
        previous_end = b.end
    assert previous_end == len(text) or not layout.blocks
    # blocks come in document order
    starts = [layout.offsets.source_start(b.start) for b in layout.blocks]
    assert starts == sorted(starts)


def copy_positions(layout: Layout, block: Block) -> list[int]:
    """Analysis positions inside `block` that are non-space characters of copy segments."""
    kinds = {}
    for kind, a, a_end, _, _ in layout.offsets.segments():
        if a_end > block.start and a < block.end:
            for i in range(max(a, block.start), min(a_end, block.end)):
                kinds[i] = kind
    return [i for i in range(block.start, block.end)
            if kinds.get(i) == COPY and layout.text[i] != " "]


# ----------------------------------------------------------------------------------
# plain text


def test_plain_text_spec_examples():
    source = (
        "Welcome to our clinic\n"
        "\n"
        "    Uses of Mesenchymal Stem Cell Therapy\n"
        "\n"
        "Conditions we treat:\n"
        "- autism\n"
        "- multiple sclerosis\n"
        "\n"
        "Our doctors have used stem cells for many years to help patients who\n"
        "suffer from chronic pain and who have not found relief with standard\n"
        "treatments.\n"
        "\n"
        "Stem cell therapy is a cutting-edge field of regenerative medicine, and it is growing.\n"
        "Stem cells can repair damaged tissue and reduce inflammation in many patients.\n"
    )
    layout = build_layout(source, "text")
    check_invariants(source, layout)
    assert blocks(layout) == [
        ("heading", 2, "Welcome to our clinic"),
        ("heading", 2, "Uses of Mesenchymal Stem Cell Therapy"),
        ("paragraph", 0, "Conditions we treat:"),
        ("list_item", 1, "autism"),
        ("list_item", 1, "multiple sclerosis"),
        ("paragraph", 0, "Our doctors have used stem cells for many years to help patients who suffer "
                         "from chronic pain and who have not found relief with standard treatments."),
        ("paragraph", 0, "Stem cell therapy is a cutting-edge field of regenerative medicine, and it is growing."),
        ("paragraph", 0, "Stem cells can repair damaged tissue and reduce inflammation in many patients."),
    ]
    assert [b.lead_in for b in layout.blocks] == [False, False, True, False, False, False, False, False]
    # the bullet marker is not part of the item, the indentation not part of the heading
    s, e = source_of(layout, source, "autism")
    assert source[s - 2:e] == "- autism"
    s, e = source_of(layout, source, "Uses of Mesenchymal Stem Cell Therapy")
    assert source[s - 4:s] == "    " and source[s:e] == "Uses of Mesenchymal Stem Cell Therapy"


def test_plain_text_hard_wrapped_paragraph_is_one_block():
    source = ("Stem cells can treat many conditions such as Parkinson's disease and\n"
              "Multiple Sclerosis, and our clinic has the experience to help you with\n"
              "your recovery\n")
    layout = build_layout(source, "text")
    assert texts(layout) == [" ".join(line for line in source.split("\n") if line)]
    s, e = layout.source_span(layout.blocks[0].start, layout.blocks[0].end)
    assert source[s:e] == source.rstrip("\n")


def test_chat_messages_and_video_chapters_are_blocks_of_their_own():
    # an exported chat: each time-stamped message starts a block, even after a line that
    # does not end a sentence, and none is taken for a heading
    source = ("[05/05/2025, 19:33] Ana - Clinic: Stroke program, 2 applications: USD 16,900\n"
              "[05/05/2025, 19:33] Ana - Clinic: Cardiac add-on for heart failure: USD 7,500\n"
              "[05/05/2025, 19:34] Ana - Clinic: Together I can give a special price of USD 22,000\n")
    layout = build_layout(source, "text")
    assert texts(layout) == [line for line in source.split("\n") if line]
    assert all(b.kind == "paragraph" for b in layout.blocks)
    chapters = "01:20 Stroke patients who plateaued: what cells can still do\n02:00 Your comments\n"
    assert texts(build_layout(chapters, "text")) == [line for line in chapters.split("\n") if line]


def test_plain_text_short_lines_in_a_hard_wrapped_document():
    wrapped = ("This spring our medical team finished an advanced training course in\r\n"
               "regenerative medicine, and we are excited to share what it means for\r\n"
               "you. Over the past year our doctors have seen again and again that\r\n"
               "Parkinson's disease responds to our approach.\r\n")
    source = ("PINEWOOD INTEGRATIVE HEALTH\r\nSpring newsletter\r\n\r\n" + wrapped + "\r\n" + wrapped
              + "\r\nWarm regards,\r\nThe Pinewood team\r\n")
    layout = build_layout(source, "text")
    check_invariants(source, layout)
    assert [(k, t[:24]) for k, _, t in blocks(layout)] == [
        ("heading", "PINEWOOD INTEGRATIVE HEA"),
        ("heading", "Spring newsletter"),
        ("paragraph", "This spring our medical "),
        ("paragraph", "This spring our medical "),
        ("paragraph", "Warm regards,"),
        ("heading", "The Pinewood team"),
    ]
    assert layout.text.count("Parkinson's disease responds") == 2


def test_plain_text_line_per_paragraph_paste():
    source = ("Mesenchymal stem cell therapy is an advanced approach in regenerative medicine.\n"
              "Sources of Mesenchymal Stem Cells\n"
              "Mesenchymal stem cells can be obtained from several locations within the body.\n"
              "Adipose tissue provides an abundant and easily accessible source of MSCs.\n"
              "The primary sources of MSCs include:\n"
              "MSCs exert their therapeutic effects through several mechanisms.\n")
    layout = build_layout(source, "text")
    check_invariants(source, layout)
    assert [(k, t[:20]) for k, _, t in blocks(layout)] == [
        ("paragraph", "Mesenchymal stem cel"),
        ("heading", "Sources of Mesenchym"),
        ("paragraph", "Mesenchymal stem cel"),
        ("paragraph", "Adipose tissue provi"),
        ("paragraph", "The primary sources "),
        ("paragraph", "MSCs exert their the"),
    ]
    assert layout.blocks[4].lead_in


def test_plain_text_bullets_and_nesting():
    source = ("Treatments:\n"
              "* knee pain\n"
              "\u2022 back pain\n"
              "  o nested with o\n"
              "    - deeper\n"
              "1. numbered\n"
              "2) numbered too\n"
              "a) lettered\n"
              "(b) parenthesised\n"
              "i. roman\n"
              "+ plus item that wraps\n"
              "  onto a second line\n")
    layout = build_layout(source, "text")
    check_invariants(source, layout)
    assert blocks(layout) == [
        ("paragraph", 0, "Treatments:"),
        ("list_item", 1, "knee pain"),
        ("list_item", 1, "back pain"),
        ("list_item", 2, "nested with o"),
        ("list_item", 3, "deeper"),
        ("list_item", 1, "numbered"),
        ("list_item", 1, "numbered too"),
        ("list_item", 1, "lettered"),
        ("list_item", 1, "parenthesised"),
        ("list_item", 1, "roman"),
        ("list_item", 1, "plus item that wraps onto a second line"),
    ]


def test_plain_text_markdown_like_headings_and_rules():
    source = "## Our Services ##\nWe offer stem cell therapy.\n-----\n# Contact\nCall us today.\n"
    layout = build_layout(source, "text")
    assert blocks(layout) == [
        ("heading", 2, "Our Services"),
        ("paragraph", 0, "We offer stem cell therapy."),
        ("heading", 1, "Contact"),
        ("paragraph", 0, "Call us today."),
    ]


def test_plain_text_heading_needs_no_final_punctuation():
    source = "Results guaranteed.\n\nWhat are stem cells?\n\nStem cells are cells.\n"
    layout = build_layout(source, "text")
    assert [b.kind for b in layout.blocks] == ["paragraph", "heading", "paragraph"]


def test_plain_text_abbreviation_at_line_end_does_not_split():
    source = ("The therapy was developed at our clinic by Dr.\n"
              "Smith and colleagues, who have treated patients since 2010.\n")
    layout = build_layout(source, "text")
    assert len(layout.blocks) == 1


def test_plain_text_crlf_and_lone_cr_positions():
    source = "First line here.\r\n\r\nSecond paragraph\r\nwraps here.\r\rThird stem cells cure\r\n"
    layout = build_layout(source, "text")
    check_invariants(source, layout)
    assert texts(layout) == ["First line here.", "Second paragraph wraps here.", "Third stem cells cure"]
    lines = LineIndex(source)
    s, e = source_of(layout, source, "cure")
    assert source[s:e] == "cure"
    assert lines.position(s) == (6, 18)
    assert lines.position(e) == (6, 22)
    s, e = source_of(layout, source, "wraps")
    assert lines.position(s) == (4, 1)
    s, e = source_of(layout, source, "paragraph wraps")
    assert source[s:e] == "paragraph\r\nwraps"


def test_plain_text_normalisation_is_mapped():
    source = "Stem\u00a0cells cu\u00adre \u201cautism\u201d \u2014 in\u200b days\u2026\n"
    layout = build_layout(source, "text")
    assert layout.text == 'Stem cells cure "autism" - in days\u2026'
    s, e = source_of(layout, source, "cure")
    assert source[s:e] == "cu\u00adre"
    s, e = source_of(layout, source, '"autism"')
    assert source[s:e] == "\u201cautism\u201d"


def test_plain_text_emoji_and_combining_marks_columns():
    source = "\U0001F600 Cafe\u0301 clinic\n\u00e9\u00e9 stem cells cure autism\n"
    layout = build_layout(source, "text")
    s, _ = source_of(layout, source, "autism")
    assert LineIndex(source).position(s) == (2, 20)
    s, _ = source_of(layout, source, "clinic")
    assert LineIndex(source).position(s) == (1, 9)   # the combining accent is a code point


def test_empty_and_blank_inputs():
    for fmt in ("text", "markdown", "html"):
        for source in ("", "   \n\r\n\t", "\u200b\u00ad"):
            layout = build_layout(source, fmt)
            assert layout.text == "" and layout.blocks == []


def test_unknown_format():
    with pytest.raises(ValueError):
        build_layout("x", "pdf")


# ----------------------------------------------------------------------------------
# HTML


def test_html_entity_line_and_column():
    source = "<html>\n<body>\n  <p>Tom &amp; Jerry&#8217;s stem cells cure\n  autism.</p>\n</body></html>"
    layout = build_layout(source, "html")
    check_invariants(source, layout)
    assert texts(layout) == ["Tom & Jerry's stem cells cure autism."]
    lines = LineIndex(source)
    s, e = source_of(layout, source, "Jerry")
    assert (s, e) == (source.index("Jerry"), source.index("Jerry") + 5)
    assert lines.position(s) == (3, 16)
    s, e = source_of(layout, source, "stem")
    assert source[s:e] == "stem" and lines.position(s) == (3, 30)
    s, e = source_of(layout, source, "&")
    assert source[s:e] == "&amp;"
    s, e = source_of(layout, source, "'")
    assert source[s:e] == "&#8217;"
    s, e = source_of(layout, source, "autism")
    assert lines.position(s) == (4, 3)


def test_html_crlf_positions():
    source = "<p>One</p>\r\n<p>Two\r\nstem cells</p>\r\n"
    layout = build_layout(source, "html")
    s, e = source_of(layout, source, "stem cells")
    assert source[s:e] == "stem cells"
    assert LineIndex(source).position(s) == (3, 1)


def test_html_heading_then_list():
    source = ("<h2>Conditions We Treat</h2>\n<ul>\n  <li>Autism</li>\n  <li><a href='/ms'>Multiple</a> "
              "sclerosis\n  <li>Parkinson&#39;s<ul><li>early stage</li></ul></li>\n</ul>\n<p>Call us.</p>")
    layout = build_layout(source, "html")
    check_invariants(source, layout)
    assert blocks(layout) == [
        ("heading", 2, "Conditions We Treat"),
        ("list_item", 1, "Autism"),
        ("list_item", 1, "Multiple sclerosis"),
        ("list_item", 1, "Parkinson's"),
        ("list_item", 2, "early stage"),
        ("paragraph", 0, "Call us."),
    ]


def test_html_invisible_content_is_absent():
    source = """<html><head><title>Clinic</title>
<style>.cure { color: red } /* stem cells cure */</style>
<script>var claim = "<p>stem cells cure diabetes</p>";</script>
<link rel="stylesheet" href="x.css"></head>
<body>
<noscript>Enable JS to see our cures</noscript>
<template><p>template cure</p></template>
<svg><title>svg cure</title><text>svg text cure</text></svg>
<div hidden><p>hidden cure</p></div>
<p aria-hidden="true">aria cure</p>
<span style="display: none">display cure</span>
<div style="color:red; visibility : hidden">visibility cure</div>
<p>Visible text.</p>
<img src="a.png" alt="hidden alt cure" hidden>
</body></html>"""
    layout = build_layout(source, "html")
    check_invariants(source, layout)
    assert texts(layout) == ["Clinic", "Visible text."]
    assert layout.blocks[0].kind == "title"
    assert "cure" not in layout.text


def test_html_meta_description_and_alt_point_into_attributes():
    source = ('<html><head>\n<meta name="description" content="We cure autism &amp; MS">\n'
              "<meta property='og:description' content='Stem cells\u2019 power'>\n"
              '<meta name="keywords" content="ignored keywords">\n</head>\n'
              '<body><p>Before <img src="x.png" alt="Stem cell &eacute;lite cure"> after.</p></body></html>')
    layout = build_layout(source, "html")
    check_invariants(source, layout)
    assert blocks(layout) == [
        ("meta", 0, "We cure autism & MS"),
        ("meta", 0, "Stem cells' power"),
        ("paragraph", 0, "Before"),
        ("alt", 0, "Stem cell \u00e9lite cure"),
        ("paragraph", 0, "after."),
    ]
    meta = layout.blocks[0]
    s, e = layout.source_span(meta.start, meta.end)
    assert source[s:e] == "We cure autism &amp; MS"
    assert source[s - len('content="'):s] == 'content="'
    alt = layout.blocks[3]
    s, e = layout.source_span(alt.start, alt.end)
    assert source[s:e] == "Stem cell &eacute;lite cure"
    assert source[s - 5:s] == 'alt="'
    s, e = source_of(layout, source, "cure", nth=1)
    assert source[s:e] == "cure" and source[e] == '"'


def test_html_line_breaks_and_blocks():
    source = ("<div>Stem cells<br>cure autism<br/>\n<br>New block after two breaks"
              "<p>One<p>Two</p><section>Three<article>Four</article>Five</section></div>"
              "<table><caption>Cap</caption><tr><th>Condition<td>Result</tr><tr><td>MS<td>cured</table>"
              "<blockquote><p>Quoted claim</p></blockquote><pre>code()\n  more()</pre>"
              "<dl><dt>Term<dd>Definition</dl><hr>After rule")
    layout = build_layout(source, "html")
    check_invariants(source, layout)
    assert blocks(layout) == [
        ("paragraph", 0, "Stem cells cure autism"),
        ("paragraph", 0, "New block after two breaks"),
        ("paragraph", 0, "One"),
        ("paragraph", 0, "Two"),
        ("paragraph", 0, "Three"),
        ("paragraph", 0, "Four"),
        ("paragraph", 0, "Five"),
        ("paragraph", 0, "Cap"),
        ("table_cell", 0, "Condition"),
        ("table_cell", 0, "Result"),
        ("table_cell", 0, "MS"),
        ("table_cell", 0, "cured"),
        ("blockquote", 0, "Quoted claim"),
        ("code", 0, "code() more()"),
        ("paragraph", 0, "Term"),
        ("paragraph", 0, "Definition"),
        ("paragraph", 0, "After rule"),
    ]


def test_html_inline_elements_do_not_break_blocks():
    source = ("<p>Our <strong>stem</strong> <em>cell</em> <a href='#'>therapy</a> <span>cures</span> "
              "<b>auto</b>immune <sup>1</sup>disease<small>s</small>.</p>")
    layout = build_layout(source, "html")
    assert texts(layout) == ["Our stem cell therapy cures autoimmune 1diseases."]


def test_html_broken_markup():
    source = ("<p>unclosed <b>bold <i>italic</p>after the paragraph"
              "<ul><li>one<li>two</ul>"
              "<div><span hidden>secret</div>visible again"
              "<p>stray end tags</span></em></p>"
              "<p>left open at end <b>and bold")
    layout = build_layout(source, "html")
    check_invariants(source, layout)
    assert texts(layout) == ["unclosed bold italic", "after the paragraph", "one", "two",
                             "visible again", "stray end tags", "left open at end and bold"]


def test_html_entities_and_whitespace():
    source = ("<p>caf&eacute; &#233; &#xE9; a&nbsp;&nbsp;b c&nbsp d soft&shy;hyphen zero&#8203;width "
              "&lt;tag&gt; &unknown; &amp lone & ampersand &copy 2024</p>")
    layout = build_layout(source, "html")
    check_invariants(source, layout)
    assert texts(layout) == ["caf\u00e9 \u00e9 \u00e9 a b c d softhyphen zerowidth <tag> &unknown; & "
                             "lone & ampersand \u00a9 2024"]


def test_html_comments_are_recorded():
    source = "<p>One</p>\n<!-- claimcheck: disable CC101 -->\n<p>Two<!--inline--> three</p><!---->"
    layout = build_layout(source, "html")
    assert texts(layout) == ["One", "Two three"]
    assert [(source[s:e], body) for s, e, body in layout.comments] == [
        ("<!-- claimcheck: disable CC101 -->", " claimcheck: disable CC101 "),
        ("<!--inline-->", "inline"),
        ("<!---->", ""),
    ]


def test_html_doctype_cdata_and_processing_instructions_are_ignored():
    source = '<!DOCTYPE html><?xml version="1.0"?><p>Text <![CDATA[ data ]]> more</p>'
    layout = build_layout(source, "html")
    assert texts(layout) == ["Text more"]


def test_html_text_in_head_ends_the_head():
    source = "<html><head><title>T</title><script>var x;</script>\nStray text &amp; more\n<p>Para"
    layout = build_layout(source, "html")
    assert blocks(layout) == [("title", 0, "T"), ("paragraph", 0, "Stray text & more"),
                              ("paragraph", 0, "Para")]


def test_html_title_block():
    source = "<html><head><title>Stem Cell\n  Clinic &amp; Spa</title></head><body><h1>Welcome</h1></body></html>"
    layout = build_layout(source, "html")
    assert blocks(layout) == [("title", 0, "Stem Cell Clinic & Spa"), ("heading", 1, "Welcome")]


# ----------------------------------------------------------------------------------
# Markdown


def test_markdown_link_text_kept_and_url_dropped():
    source = "Our clinic treats [autism](https://example.com/autism \"Autism page\") and [MS][ms].\n\n[ms]: https://example.com/ms\n"
    layout = build_layout(source, "markdown")
    check_invariants(source, layout)
    assert texts(layout) == ["Our clinic treats autism and MS."]
    s, e = source_of(layout, source, "autism")
    assert source[s:e] == "autism" and source[s - 1] == "["
    s, e = source_of(layout, source, "treats autism and")
    assert source[s:e] == 'treats [autism](https://example.com/autism "Autism page") and'
    s, e = source_of(layout, source, "MS.")
    assert source[s:e] == "MS][ms]."
    assert "example.com" not in layout.text


def test_markdown_block_kinds():
    source = """# Stem *cell* therapy ##

Intro paragraph with **bold**, _emphasis_, `code` and ~~strike~~.

Setext heading
--------------

> Quoted claim
continued lazily

- item one
  wrapped
  - nested item
1. numbered

| Condition | Result |
|-----------|--------|
| autism    | cured \\| fixed |

```python
print("cure")
```

    indented code

***
"""
    layout = build_layout(source, "markdown")
    check_invariants(source, layout)
    assert blocks(layout) == [
        ("heading", 1, "Stem cell therapy"),
        ("paragraph", 0, "Intro paragraph with bold, emphasis, code and strike."),
        ("heading", 2, "Setext heading"),
        ("blockquote", 0, "Quoted claim continued lazily"),
        ("list_item", 1, "item one wrapped"),
        ("list_item", 2, "nested item"),
        ("list_item", 1, "numbered"),
        ("table_cell", 0, "Condition"),
        ("table_cell", 0, "Result"),
        ("table_cell", 0, "autism"),
        ("table_cell", 0, "cured | fixed"),
        ("code", 0, 'print("cure")'),
        ("code", 0, "indented code"),
    ]


def test_markdown_container_markers_are_not_text():
    source = "> first line of quote\n> second *line*\n>\n> - quoted item\n>   continued\n"
    layout = build_layout(source, "markdown")
    check_invariants(source, layout)
    assert blocks(layout) == [("blockquote", 0, "first line of quote second line"),
                              ("list_item", 1, "quoted item continued")]
    s, e = source_of(layout, source, "quote second")
    assert source[s:e] == "quote\n> second"


def test_markdown_images_alt_blocks():
    source = "Before ![Stem *cells* &amp; you](img.png \"t\") after.\n\n<img src=x alt=\"HTML &eacute;alt\"> tail\n"
    layout = build_layout(source, "markdown")
    check_invariants(source, layout)
    assert blocks(layout) == [
        ("paragraph", 0, "Before"),
        ("alt", 0, "Stem cells & you"),
        ("paragraph", 0, "after."),
        ("alt", 0, "HTML \u00e9alt"),
        ("paragraph", 0, "tail"),
    ]
    alt = layout.blocks[1]
    s, e = layout.source_span(alt.start, alt.end)
    assert source[s:e] == "Stem *cells* &amp; you"


def test_markdown_inline_details():
    source = ("Escaped \\*stars\\* and \\_under\\_, entity &eacute; &#8217; &bogus;, autolink "
              "<https://example.org/x>, <span class=\"x\">inline html</span>, snake_case_word, "
              "2 * 3 * 4, a*b*c, trailing*\nhard break  \nbackslash\\\nend <!-- note -->")
    layout = build_layout(source, "markdown")
    check_invariants(source, layout)
    assert texts(layout) == [
        "Escaped *stars* and _under_, entity \u00e9 ' &bogus;, autolink https://example.org/x, "
        "inline html, snake_case_word, 2 * 3 * 4, abc, trailing* hard break backslash end"]
    assert [body for _, _, body in layout.comments] == [" note "]
    s, e = source_of(layout, source, "*stars*")
    assert source[s:e] == "*stars\\*"


def test_markdown_html_block_and_front_matter():
    source = ("---\ntitle: \"Stem Cell Clinic\"\ndescription: We cure autism\nlayout: post\n---\n"
              "# Welcome\n\n<div class=\"note\">\n<p>HTML &amp; block</p>\n<p hidden>secret</p>\n</div>\n\n"
              "<!-- claimcheck: disable -->\n\nLast paragraph.\n")
    layout = build_layout(source, "markdown")
    check_invariants(source, layout)
    assert blocks(layout) == [
        ("title", 0, "Stem Cell Clinic"),
        ("meta", 0, "We cure autism"),
        ("heading", 1, "Welcome"),
        ("paragraph", 0, "HTML & block"),
        ("paragraph", 0, "Last paragraph."),
    ]
    assert [body for _, _, body in layout.comments] == [" claimcheck: disable "]
    s, e = source_of(layout, source, "HTML & block")
    assert source[s:e] == "HTML &amp; block"


def test_markdown_crlf_line_and_column():
    source = "# Title\r\n\r\n- one\r\n- two stem cells\r\n  cure autism\r\n"
    layout = build_layout(source, "markdown")
    check_invariants(source, layout)
    assert texts(layout) == ["Title", "one", "two stem cells cure autism"]
    s, e = source_of(layout, source, "autism")
    assert LineIndex(source).position(s) == (5, 8)


# ----------------------------------------------------------------------------------
# Properties: every span maps back exactly


TEXT_ATOMS = ["stem", "cells", "Cure", "autism", "MS", "\u00e9", "e\u0301", "\U0001F600", " ", "  ", "\t",
              "\n", "\n", "\n\n", "\r\n", "\r", "\u00a0", "\u2003", "\u00ad", "\u200b", "\ufeff",
              "\u2019", "\u201c", "\u2014", ".", ",", ":", "?", "- ", "* ", "1. ", "(a) ", "# ",
              "    ", "&amp;", "----"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(TEXT_ATOMS), max_size=60).map("".join), st.randoms())
def test_plain_text_spans_map_back(source, rnd):
    layout = build_layout(source, "text")
    check_invariants(source, layout)
    for b in layout.blocks:
        s, e = layout.source_span(b.start, b.end)
        assert normalize(source[s:e]) == layout.text[b.start:b.end]
        solid = [i for i in range(b.start, b.end) if layout.text[i] != " "]
        for _ in range(10):
            i, j = sorted(rnd.sample(solid, 2)) if len(solid) > 1 else (solid[0], solid[0])
            s, e = layout.source_span(i, j + 1)
            assert normalize(source[s:e]) == layout.text[i:j + 1]


HTML_TEXT_ATOMS = ["stem", "cells", "cure", "Autism", "\u00e9", "e\u0301", "\U0001F600", " ", "  ",
                   "\t", "\n", "\r\n", "\r", "\u00a0", "\u00ad", "\u200b", "\u2019", "\u201c",
                   "\u2014", ".", ":", "&amp;", "&eacute;", "&#8217;", "&#x2014;", "&nbsp;",
                   "&lt;", "&quot;", "&shy;", "&#8203;", "&copy ", "&nbsp ", "& ", "<b>", "</b>",
                   "<a href=\"/x?a=1&amp;b=2\">", "</a>", "<span class='x'>", "</span>", "<br>x",
                   "<!-- c -->"]
BLOCK_TAGS = ["p", "div", "h2", "h3", "li", "td", "blockquote"]


@st.composite
def html_documents(draw):
    parts = ["<html><head><title>T</title></head><body>\n"]
    expected = [("title", "T")]
    for _ in range(draw(st.integers(min_value=0, max_value=5))):
        tag = draw(st.sampled_from(BLOCK_TAGS))
        inner = "".join(draw(st.lists(st.sampled_from(HTML_TEXT_ATOMS), max_size=25)))
        element = f"<{tag}>{inner}</{tag}>"
        if tag == "li":
            element = f"<ul>{element}</ul>"
        elif tag == "td":
            element = f"<table><tr>{element}</tr></table>"
        parts.append(element + draw(st.sampled_from(["", "\n", "\r\n", " "])))
        visible = re.sub(r"<!--.*?-->|<[^>]*>", "", inner.replace("<br>", " "))
        body = normalize(html.unescape(visible))
        if body:
            kind = {"p": "paragraph", "div": "paragraph", "h2": "heading", "h3": "heading",
                    "li": "list_item", "td": "table_cell", "blockquote": "blockquote"}[tag]
            expected.append((kind, body))
    parts.append("</body></html>")
    return "".join(parts), expected


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(html_documents(), st.randoms())
def test_html_spans_map_back(document, rnd):
    source, expected = document
    layout = build_layout(source, "html")
    check_invariants(source, layout)
    assert [(b.kind, layout.text[b.start:b.end]) for b in layout.blocks] == expected
    for b in layout.blocks:
        solid = copy_positions(layout, b)
        if not solid:
            continue
        for _ in range(10):
            i, j = sorted((rnd.choice(solid), rnd.choice(solid)))
            s, e = layout.source_span(i, j + 1)
            visible = re.sub(r"<!--.*?-->|<[^>]*>", "", source[s:e].replace("<br>", " "))
            assert normalize(html.unescape(visible)) == layout.text[i:j + 1]


MD_ATOMS = ["stem", "cells", "cure", " ", "  ", "\n", "\n\n", "\r\n", "\t", "*", "**", "_", "`", "[",
            "]", "(", ")", "](http://x)", "![", "#", "# ", "## ", "> ", "- ", "1. ", "|", "---",
            "<b>", "</b>", "<!-- c -->", "&amp;", "&nbsp;", "\\*", "\\", "    ", "\u00a0", "\u00ad",
            "\u00e9", "\U0001F600", "<http://a.b>", "```", "~~", "<div>", "</div>", "<img alt=\"a&amp;b\">"]


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(MD_ATOMS), max_size=60).map("".join))
def test_markdown_offsets_are_consistent(source):
    layout = build_layout(source, "markdown")
    check_invariants(source, layout)


SOUP = (list("<>/!-=\"'&;#x0123aAbpPlLiIuU \n\r\t*_`[]()|\\~:.?")
        + ["\u00a0", "\u00ad", "\u200b", "\u2019", "\U0001F600", "<p>", "</p>", "<p/>", "<li>", "<br>",
           "<img alt='", "<!--", "-->", "&amp;", "&#", "<script>", "</script>", "<div hidden>",
           "</div>", "<meta name=description content=\"", "<title>", "<ul>", "<table><tr><td>",
           "\n\n", "# ", "> ", "- ", "```", "    ", "<![CDATA[", "<?", "<!DOCTYPE x>", "<svg/>",
           "<svg>", "<head>", "</head>"])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(SOUP), max_size=80).map("".join), st.sampled_from(["text", "markdown", "html"]))
def test_markup_soup_never_breaks_the_offsets(source, fmt):
    layout = build_layout(source, fmt)
    check_invariants(source, layout)


# ----------------------------------------------------------------------------------
# Large input (speed is measured in benchmarks/layout.py, not asserted here)


def test_plain_text_layout_of_a_megabyte():
    paragraph = ("Our clinic offers regenerative injections made from donated umbilical tissue, "
                 "and we explain every option during a free consultation.\n")
    chunk = "Uses of Stem Cell Therapy\n\n" + paragraph * 5 + "\nConditions we treat:\n- autism\n- lupus\n\n"
    source = chunk * (1_000_000 // len(chunk) + 1)
    layout = build_layout(source, "text")
    assert len(layout.blocks) > 10_000
    last = layout.blocks[-1]
    assert layout.text[last.start:last.end] == "lupus"
    assert source[layout.offsets.source_start(last.start):layout.offsets.source_end(last.end)] == "lupus"


def test_title_abbreviation_after_a_line_break_does_not_end_a_sentence():
    from claimcheck.matching import split_sentences

    text = "Surgery\n\nDr. Alan Reyes treats knees. No. The answer is no. See No. 5 below."
    blocks = [(0, 7, "heading", 1, False), (9, len(text), "paragraph", 0, False)]
    assert [text[s.start:s.end] for s in split_sentences(text, blocks)] == [
        "Surgery", "Dr. Alan Reyes treats knees.", "No.", "The answer is no.", "See No. 5 below."]
