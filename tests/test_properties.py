"""Property tests: whatever the text, findings point inside it, their text is the
source slice at their offsets, line/column agree with the offsets, and the output
is deterministic."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

PIECES = [
    "Stem cells cure autism.", "Our MSC injections treat knee osteoarthritis", "may help COPD",
    "stem\u00a0cells", "multiple\r\nsclerosis", "Parkinson\u2019s disease", "ALS", "MS in Nursing",
    "\u00ad", "\u200b", "&amp;", "&nbsp;", "<p>", "</p>", "<li>", "<h2>Conditions we treat</h2>",
    "<script>cure cancer</script>", "- lupus\n", "\n\n", "\r", " ", "e\u0301", "\U0001F600",
    "not approved for stroke.", "85% success rate", "FDA-approved", ":", "\t",
]
texts = st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=12)), max_size=25).map("".join)


def line_col(text: str, offset: int) -> tuple[int, int]:
    starts = [0] + [m.end() for m in re.finditer(r"\r\n|\r|\n", text)]
    line = max(i for i, s in enumerate(starts) if s <= offset)
    return line + 1, offset - starts[line] + 1


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, fmt=st.sampled_from(["text", "markdown", "html"]))
def test_spans_and_positions(checker, text, fmt):
    names = {"text": "p.txt", "markdown": "p.md", "html": "p.html"}
    first = checker.check_text(text, names[fmt], format=fmt).findings
    for f in first:
        assert 0 <= f.start <= f.end <= len(text)
        assert f.text == text[f.start:f.end]
        assert (f.line, f.column) == line_col(text, f.start)
        assert (f.end_line, f.end_column) == line_col(text, f.end)
        # a claim carried over from a heading or from the sentence before points at the
        # condition where it was named, outside the sentence that makes the claim
        if f.condition is not None and f.condition.start is not None and f.claim_source not in ("heading", "previous"):
            assert f.start <= f.condition.start <= f.condition.end <= f.end
    second = checker.check_text(text, names[fmt], format=fmt).findings
    assert [x.to_dict() for x in first] == [x.to_dict() for x in second]


def test_a_document_gets_the_same_findings_whatever_was_checked_before(checker):
    # Guards against state leaking between documents (caches, object ids reused after
    # garbage collection): every corpus document checked in two orders, each document
    # read again between others, gives identical findings.
    from pathlib import Path

    root = Path(__file__).parent / "corpus"
    paths = sorted(p for p in root.rglob("*") if p.suffix in (".txt", ".md", ".html"))

    def run(order):
        out = {}
        for path in order:
            result = checker.check_one(path)
            out[path] = [(f.rule, f.severity, f.start, f.end, f.condition.id if f.condition else None)
                         for f in result.findings]
        return out

    forward = run(paths)
    backward = run(list(reversed(paths)))
    assert forward == backward
