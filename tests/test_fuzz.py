"""Fuzzing (issue 6): random and adversarial text — all of Unicode, zero-width and
bidi controls, combining marks, emoji, huge tokens, thousands of list items, broken
markup — never crashes the check, and every finding points inside the text, equals the
source slice at its offsets, has line and column consistent with them, and comes out
the same every time.

CLAIMCHECK_FUZZ_EXAMPLES=N runs N examples per property (default 40) for a longer
campaign; benchmarks/fuzz_campaign.py runs atheris, coverage-guided, for longer still."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

EXAMPLES = int(os.environ.get("CLAIMCHECK_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, derandomize=False,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

ZERO_WIDTH_AND_BIDI = list("\u200b\u200c\u200d\u2060\ufeff\u00ad\u200e\u200f\u061c"
                           "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
COMBINING = list("\u0300\u0301\u0308\u0327\u0338\u034f\u20dd\u20e3\u0489\u3099")
EMOJI = ["\U0001F600", "\U0001F469\u200d\u2695\ufe0f", "\U0001F1FA\U0001F1F8", "\U0001F44D\U0001F3FD",
         "\u2764\ufe0f", "\U0001F9EC", "\U0001F3F3\ufe0f\u200d\U0001F308", "1\ufe0f\u20e3"]
BREAKS = ["\n", "\r\n", "\r", "\n\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85", "\t", " ", "\u00a0", "\u3000"]
CLAIMS = ["Our stem cells cure autism.", "MSC injections treat knee osteoarthritis", "may help COPD",
          "exosomes", "not approved for stroke.", "85% success rate", "FDA-approved", "Parkinson\u2019s disease",
          "multiple sclerosis", "MS", "ALS", "These conditions respond.", "Conditions we treat:", "No.",
          "guaranteed results", "no side effects", "anti-aging", "stem\u00a0cells", "alzhiemers", "Ryoncil"]
MARKUP = ["<p>", "</p>", "<li>", "<ul>", "</ul>", "<h2>", "</h2>", "<br>", "<script>", "</script>", "<style>",
          "<!--", "-->", "<!-- claimcheck: ignore CC101 -->", "&amp;", "&nbsp;", "&#x200B;", "&#", "&", "<",
          ">", "<div hidden>", "<td>", "<table>", "# ", "## ", "- ", "* ", "1. ", "> ", "[", "](https://x)",
          "`", "```\n", "|", "| a | b |\n", "---\n", "**", "_", "\\", "<b", "'", '"']

any_character = st.characters(codec=None, categories=None)  # every code point, surrogates included
pieces = st.one_of(
    st.sampled_from(CLAIMS), st.sampled_from(MARKUP), st.sampled_from(BREAKS),
    st.sampled_from(ZERO_WIDTH_AND_BIDI), st.sampled_from(COMBINING), st.sampled_from(EMOJI),
    st.text(any_character, max_size=8),
    st.builds(lambda c, n: c * n, st.sampled_from(["a", "x", "-", "stem", "\u0301", "\U0001F600", "<", "["]),
              st.integers(50, 3000)),  # huge tokens and runs
)
texts = st.lists(pieces, max_size=40).map("".join)
formats = st.sampled_from(["text", "markdown", "html"])
NAMES = {"text": "p.txt", "markdown": "p.md", "html": "p.html"}
_BREAK = re.compile(r"\r\n|\r|\n")


def line_col(text: str, offset: int) -> tuple[int, int]:
    """The reference: lines end at \\n, \\r\\n or \\r; an offset between the \\r and
    the \\n of a \\r\\n counts as the \\r."""
    if 0 < offset < len(text) and text[offset] == "\n" and text[offset - 1] == "\r":
        offset -= 1
    starts = [0] + [m.end() for m in _BREAK.finditer(text, 0, offset)]
    return len(starts), offset - starts[-1] + 1


def assert_sound(text, findings) -> None:
    for f in findings:
        assert 0 <= f.start <= f.end <= len(text), f
        assert f.text == text[f.start:f.end]
        assert (f.line, f.column) == line_col(text, f.start)
        assert (f.end_line, f.end_column) == line_col(text, f.end)
        if f.condition is not None and f.condition.start is not None and f.claim_source not in ("heading",):
            assert f.start <= f.condition.start <= f.condition.end <= f.end


def signature(findings):
    return [f.to_dict() for f in findings]


@FUZZ
@given(text=texts, fmt=formats)
def test_any_text_checks_soundly_and_deterministically(checker, text, fmt):
    first = checker.check_text(text, NAMES[fmt], format=fmt)
    assert first.files[0].error is None
    assert_sound(text, first.findings)
    assert signature(checker.check_text(text, NAMES[fmt], format=fmt).findings) == signature(first.findings)


@FUZZ
@given(text=st.text(any_character, max_size=400), fmt=formats)
def test_all_of_unicode(checker, text, fmt):
    report = checker.check_text(text, NAMES[fmt], format=fmt)
    assert_sound(text, report.findings)


@settings(max_examples=max(3, EXAMPLES // 10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count=st.integers(1000, 2500), fmt=formats,
       item=st.sampled_from(["autism", "lupus", "MS", "knee osteoarthritis", "COPD", "hair loss", "x"]))
def test_thousands_of_list_items(checker, count, fmt, item):
    shape = {"text": "- {}\n", "markdown": "* {}\n", "html": "<li>{}</li>"}[fmt]
    body = "".join(shape.format(item if i % 7 else f"{item} {i}") for i in range(count))
    text = {"text": "Conditions we treat with stem cells:\n", "markdown": "## Conditions we treat with stem cells\n\n",
            "html": "<h2>Conditions we treat with stem cells</h2><ul>"}[fmt] + body
    report = checker.check_text(text, NAMES[fmt], format=fmt)
    assert report.files[0].error is None
    assert_sound(text, report.findings)


@FUZZ
@given(data=st.binary(max_size=2000), name=st.sampled_from(["p.txt", "p.md", "p.html", "p"]))
def test_any_bytes_give_a_result_or_a_clear_error(checker, tmp_path_factory, data, name):
    from claimcheck.inputs import decode_bytes

    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(data)
    result = checker.check_one(path)
    if result.error is not None:
        assert result.error.startswith("binary file (") and result.findings == []
        return
    text, _encoding = decode_bytes(data, name)
    assert_sound(text, result.findings)


@FUZZ
@given(text=texts, fmt=formats)
def test_layout_maps_every_block_back_inside_the_source(text, fmt):
    from claimcheck.layout import build_layout

    layout = build_layout(text, fmt)
    previous = -1
    for block in layout.blocks:
        assert 0 <= block.start < block.end <= len(layout.text)
        start, end = layout.source_span(block.start, block.end)
        assert 0 <= start <= end <= len(text)
        assert start >= previous or fmt != "text"  # plain text blocks come in source order
        previous = start
