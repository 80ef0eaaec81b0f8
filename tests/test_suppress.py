"""Inline suppression comments, on findings from the real pipeline: the checker reports
everything (directives off), then the page's layout comments are applied."""

from __future__ import annotations

import inspect

import pytest

from claimcheck.api import Checker
from claimcheck.catalog import rule_docs
from claimcheck.layout import build_layout
from claimcheck.suppress import Directive, apply_directives, parse_directives

CLAIM = "Our MSC infusions cure autism."   # CC101 (autism) + CC201 ('cure')
OTHER = "Stem cell therapy reverses multiple sclerosis."   # CC101 only


@pytest.fixture(scope="module")
def raw_checker():
    # findings before any directive is applied (the API may apply them itself)
    if "respect_directives" in inspect.signature(Checker).parameters:
        return Checker("US", respect_directives=False)
    return Checker("US")


@pytest.fixture(scope="module")
def docs(raw_checker):
    return rule_docs(raw_checker.ruleset)


class Outcome:
    def __init__(self, text, findings, kept, hidden, diagnostics):
        self.text = text
        self.findings, self.kept, self.hidden, self.diagnostics = findings, kept, hidden, diagnostics

    @staticmethod
    def _where(findings, rule):
        return [f.line for f in findings if f.rule == rule]

    def kept_lines(self, rule):
        return self._where(self.kept, rule)

    def hidden_lines(self, rule):
        return self._where(self.hidden, rule)

    def diagnostic_rules(self):
        return [d.rule for d in self.diagnostics]


@pytest.fixture(scope="module")
def apply(raw_checker, docs):
    def run(text: str, fmt: str = "html", *, with_source: bool = True) -> Outcome:
        name = {"html": "t.html", "markdown": "t.md"}[fmt]
        findings = raw_checker.check_text(text, name, format=fmt).findings
        layout = build_layout(text, fmt)
        to_start, to_end = layout.offsets.source_start, layout.offsets.source_end
        spans = [(to_start(b.start), to_end(b.end)) for b in layout.blocks]
        directives, problems = parse_directives(layout.comments)
        kept, hidden, diagnostics = apply_directives(findings, directives, spans, problems, docs,
                                                     source=text if with_source else None)
        assert len(kept) + len(hidden) == len(findings)
        return Outcome(text, findings, kept, hidden, diagnostics)

    return run


def page(*lines: str) -> str:
    return "\n".join(lines) + "\n"


# ---- reading directives -------------------------------------------------------------------

def test_parse_directives_reads_action_selectors_and_reason():
    comments = [
        (0, 40, " claimcheck: ignore CC101, cure-claim "),
        (50, 90, "ClaimCheck:IGNORE-FILE CC7 CC8 reason: a page about research"),
        (100, 140, " claimcheck: disable CC2; reason: quoting a lawsuit "),
        (150, 160, " a normal comment "),
        (170, 190, "claimcheck: enable CC2"),
    ]
    directives, problems = parse_directives(comments)
    assert problems == []
    assert directives == [
        Directive("ignore", ("CC101", "cure-claim"), None, 0, 40, " claimcheck: ignore CC101, cure-claim "),
        Directive("ignore-file", ("CC7", "CC8"), "a page about research", 50, 90, comments[1][2]),
        Directive("disable", ("CC2",), "quoting a lawsuit", 100, 140, comments[2][2]),
        Directive("enable", ("CC2",), None, 170, 190, "claimcheck: enable CC2"),
    ]


@pytest.mark.parametrize("text, problem", [
    ("claimcheck: ignore", "names no rule"),
    ("claimcheck: ignore reason: because", "names no rule"),
    ("claimcheck:", "no action"),
    ("claimcheck: skip CC101", "unknown action 'skip'"),
    ("claimcheck: ignore ALL", "'ALL'"),
])
def test_parse_problems(text, problem):
    directives, problems = parse_directives([(5, 9, text)])
    assert directives == []
    ((start, end, comment, message),) = problems
    assert (start, end, comment) == (5, 9, text) and problem in message


def test_other_comments_are_ignored():
    assert parse_directives([(0, 5, " TODO: claimcheck: later "), (6, 9, "claimchecked"), (10, 12, "")]) == ([], [])


# ---- ignore: the next block ------------------------------------------------------------------

def test_ignore_hides_listed_rules_in_the_next_block_only(apply):
    out = apply(page(
        f"<p>{CLAIM}</p>",                                  # 1
        "<!-- claimcheck: ignore CC101 -->",                # 2
        f"<p>{CLAIM}</p>",                                  # 3
        f"<p>{CLAIM}</p>",                                  # 4
    ))
    assert out.hidden_lines("CC101") == [3]
    assert out.kept_lines("CC101") == [1, 4]
    assert out.kept_lines("CC201") == [1, 3, 4]   # not named: not hidden
    assert out.diagnostics == []
    assert out.hidden[0].suppressed == "inline: no reason given"


def test_ignore_skips_markup_to_the_next_block(apply):
    out = apply(page(
        "<!-- claimcheck: ignore CC101 -->",
        "<div class='hero'>",
        f"  <h2>{OTHER}</h2>",
        f"  <p>{CLAIM}</p>",
        "</div>",
    ))
    assert out.hidden_lines("CC101") == [3] and out.kept_lines("CC101") == [4]


def test_minified_html_comment_between_blocks_applies_to_the_next(apply):
    out = apply(f"<p>{OTHER}</p><!-- claimcheck: ignore CC101 --><p>{CLAIM}</p>")
    (hidden,) = out.hidden
    assert hidden.text == CLAIM
    assert [f.text for f in out.kept if f.rule == "CC101"] == [OTHER]


def test_reason_is_kept_with_the_hidden_finding(apply):
    out = apply(page(
        "<!-- claimcheck: ignore CC101 CC201 reason: quoting the study's title -->",
        f"<p>{CLAIM}</p>",
    ))
    assert sorted(f.rule for f in out.hidden) == ["CC101", "CC201"]
    assert {f.suppressed for f in out.hidden} == {"inline: quoting the study's title"}
    assert out.kept == [] and out.diagnostics == []


def test_select_by_prefix_and_by_name(apply):
    out = apply(page(
        "<!-- claimcheck: ignore CC1 -->",
        f"<p>{CLAIM}</p>",
        "<!-- claimcheck: ignore cure-claim -->",
        f"<p>{CLAIM}</p>",
        "<!-- claimcheck: Ignore Unproven-Claim -->",
        f"<p>{CLAIM}</p>",
    ))
    assert out.hidden_lines("CC101") == [2, 6] and out.kept_lines("CC101") == [4]
    assert out.hidden_lines("CC201") == [4] and out.kept_lines("CC201") == [2, 6]
    assert out.diagnostics == []


# ---- a comment inside a block ------------------------------------------------------------------

def test_comment_at_the_end_of_a_paragraph_applies_to_that_paragraph(apply):
    text = page(
        f"<p>{CLAIM} <!-- claimcheck: ignore CC101 --></p>",
        f"<p>{CLAIM}</p>",
    )
    out = apply(text)
    assert out.hidden_lines("CC101") == [1] and out.kept_lines("CC101") == [2]
    # without the source text the end of a line cannot be told apart: the next block
    out = apply(text, with_source=False)
    assert out.hidden_lines("CC101") == [2] and out.kept_lines("CC101") == [1]


def test_comment_after_inline_markup_still_belongs_to_the_paragraph(apply):
    out = apply(page(
        "<p>Our MSC infusions <strong>cure autism</strong> <!-- claimcheck: ignore CC201 --></p>",
        f"<p>{CLAIM}</p>",
    ))
    assert out.hidden_lines("CC201") == [1] and out.kept_lines("CC201") == [2]


def test_comment_in_the_middle_of_a_paragraph(apply):
    out = apply(page(
        "<p>Our MSC infusions <!-- claimcheck: ignore CC101 --> cure autism.</p>",
        f"<p>{CLAIM}</p>",
    ), with_source=False)
    assert out.hidden_lines("CC101") == [1] and out.kept_lines("CC101") == [2]


# ---- disable / enable and ignore-file --------------------------------------------------------------

def test_disable_enable_range(apply):
    out = apply(page(
        f"<p>{CLAIM}</p>",                                      # 1
        "<!-- claimcheck: disable CC2 reason: legal quotes -->",  # 2
        f"<p>{CLAIM}</p>",                                      # 3
        f"<ul><li>{CLAIM}</li><li>{CLAIM}</li></ul>",            # 4
        "<!-- claimcheck: enable CC2 -->",                      # 5
        f"<p>{CLAIM}</p>",                                      # 6
    ))
    assert out.hidden_lines("CC201") == [3, 4, 4]
    assert out.kept_lines("CC201") == [1, 6]
    assert out.kept_lines("CC101") == [1, 3, 4, 4, 6]
    assert {f.suppressed for f in out.hidden} == {"inline: legal quotes"}
    assert out.diagnostics == []


def test_enable_ends_only_the_selectors_it_names(apply):
    out = apply(page(
        "<!-- claimcheck: disable CC2, CC101 -->",
        f"<p>{CLAIM}</p>",                       # 2
        "<!-- claimcheck: enable cc2 -->",
        f"<p>{CLAIM}</p>",                       # 4
    ))
    assert out.hidden_lines("CC201") == [2] and out.kept_lines("CC201") == [4]
    assert out.hidden_lines("CC101") == [2, 4]
    assert out.diagnostics == []


def test_disable_without_enable_runs_to_the_end_of_the_file(apply):
    out = apply(page(
        f"<p>{CLAIM}</p>",
        "<!-- claimcheck: disable unproven-claim -->",
        f"<p>{CLAIM}</p>",
        f"<table><tr><td>{OTHER}</td></tr></table>",
    ))
    assert out.kept_lines("CC101") == [1] and out.hidden_lines("CC101") == [3, 4]
    assert out.diagnostics == []


def test_ignore_file_applies_everywhere_even_from_the_bottom(apply):
    out = apply(page(
        "<title>Stem cell anti-aging program</title>",
        f"<p>{CLAIM}</p>",
        "<p>Our stem cell anti-aging program rejuvenates you.</p>",
        "<!-- claimcheck: ignore-file CC701 reason: wellness page reviewed by legal -->",
    ))
    assert out.hidden_lines("CC701") and not out.kept_lines("CC701")
    # the title (line 1) and line 3 also present stem cells as a treatment for ageing
    # (CC101 ageing), which the CC701-only directive leaves in place
    assert out.kept_lines("CC101") == [1, 2, 3]
    assert {f.suppressed for f in out.hidden} == {"inline: wellness page reviewed by legal"}


def test_the_most_local_directive_gives_the_reason_and_all_count_as_used(apply):
    out = apply(page(
        "<!-- claimcheck: ignore-file CC201 reason: file -->",
        "<!-- claimcheck: ignore cure-claim reason: block -->",
        f"<p>{CLAIM}</p>",
        f"<p>{CLAIM}</p>",
    ))
    assert [(f.line, f.suppressed) for f in out.hidden] == [(3, "inline: block"), (4, "inline: file")]
    assert out.diagnostics == []


# ---- diagnostics -----------------------------------------------------------------------------------

def test_unused_directive_is_cc901_at_the_comment(apply):
    comment = "<!-- claimcheck: ignore CC204 -->"
    text = page(f"<p>{CLAIM}</p>", comment, f"<p>{CLAIM}</p>", "<!-- claimcheck: disable CC6 -->", "<p>Hello.</p>")
    out = apply(text)
    assert out.hidden == []
    first, second = out.diagnostics
    assert (first.rule, first.name, first.severity) == ("CC901", "unused-suppression", "warning")
    assert first.category == "tool"
    assert text[first.start:first.end] == comment
    assert first.message == "The comment 'claimcheck: ignore CC204' suppresses no finding."
    assert (first.line, first.column) == (0, 0)   # placed by the caller
    assert first.suggestion
    assert second.rule == "CC901" and text[second.start:second.end] == "<!-- claimcheck: disable CC6 -->"


def test_ignore_with_no_block_after_it_is_unused(apply):
    out = apply(page(f"<p>{CLAIM}</p>", "<!-- claimcheck: ignore CC101 -->"))
    assert out.diagnostic_rules() == ["CC901"] and out.kept_lines("CC101") == [1]


@pytest.mark.parametrize("comment, problem", [
    ("<!-- claimcheck: ignore -->", "names no rule"),
    ("<!-- claimcheck: ignore   reason: it is fine -->", "names no rule"),
    ("<!-- claimcheck: ignore CC999 -->", "no rule is named 'CC999'"),
    ("<!-- claimcheck: ignore CC101, cure-claims -->", "no rule is named 'cure-claims'"),
    ("<!-- claimcheck: ignore all -->", "'ALL'"),
    ("<!-- claimcheck: hide CC101 -->", "unknown action 'hide'"),
    ("<!-- claimcheck: ignore CC901 -->", "own diagnostics"),
])
def test_invalid_directive_is_cc902_and_not_applied(apply, comment, problem):
    text = page(comment, f"<p>{CLAIM}</p>")
    out = apply(text)
    assert out.hidden == [] and out.kept_lines("CC101") == [2]
    (diagnostic,) = out.diagnostics
    assert (diagnostic.rule, diagnostic.name, diagnostic.severity) == ("CC902", "invalid-suppression", "warning")
    assert text[diagnostic.start:diagnostic.end] == comment
    assert problem in diagnostic.message and "is not understood" in diagnostic.message


def test_enable_without_disable_is_cc902(apply):
    out = apply(page(
        "<!-- claimcheck: disable CC2 -->",
        f"<p>{CLAIM}</p>",
        "<!-- claimcheck: enable CC2, CC1 -->",
        f"<p>{CLAIM}</p>",
    ))
    assert out.hidden_lines("CC201") == [2] and out.kept_lines("CC201") == [4]
    (diagnostic,) = out.diagnostics
    assert diagnostic.rule == "CC902" and "no earlier 'disable CC1'" in diagnostic.message


def test_plain_comments_change_nothing(apply):
    out = apply(page("<!-- hero section -->", f"<p>{CLAIM}</p>", "<!-- claimcheck is run in CI -->"))
    assert out.hidden == [] and out.diagnostics == [] and out.kept == out.findings


# ---- Markdown -------------------------------------------------------------------------------------------

def test_markdown_comment_before_a_paragraph(apply):
    out = apply(page(
        "# Clinic",
        "",
        "<!-- claimcheck: ignore CC101, CC201 reason: patient quote -->",
        CLAIM,
        "",
        CLAIM,
    ), "markdown")
    assert out.hidden_lines("CC101") == [4] and out.hidden_lines("CC201") == [4]
    assert out.kept_lines("CC101") == [6]
    assert {f.suppressed for f in out.hidden} == {"inline: patient quote"}


def test_markdown_comment_at_the_end_of_a_paragraph_line(apply):
    out = apply(page(
        "Intro about our clinic.",
        "",
        f"{CLAIM} <!-- claimcheck: ignore CC101 -->",
        "",
        f"- {OTHER}",
        f"- {CLAIM}",
    ), "markdown")
    assert out.hidden_lines("CC101") == [3] and out.kept_lines("CC101") == [5, 6]


def test_markdown_disable_enable_and_unused(apply):
    out = apply(page(
        "<!-- claimcheck: disable CC1 -->",
        "",
        CLAIM,
        "",
        "<!-- claimcheck: enable CC1 -->",
        "",
        CLAIM,
        "",
        "<!-- claimcheck: ignore-file CC8 -->",
    ), "markdown")
    assert out.hidden_lines("CC101") == [3] and out.kept_lines("CC101") == [7]
    assert out.diagnostic_rules() == ["CC901"]


# ---- through the API, when it applies directives itself ------------------------------------------------

def test_checker_applies_directives(checker):
    if "respect_directives" not in inspect.signature(Checker).parameters:
        pytest.skip("this Checker does not apply directives")
    text = page("<!-- claimcheck: ignore CC101 reason: quoted -->", f"<p>{CLAIM}</p>",
                "<!-- claimcheck: ignore CC204 -->", "<p>Opening hours 9 to 5.</p>")
    result = checker.check_text(text, "t.html").files[0]
    assert [(f.rule, f.line, f.column) for f in result.findings if f.rule in ("CC101", "CC901")] == [("CC901", 3, 1)]
    assert [(f.rule, f.suppressed) for f in result.suppressed] == [("CC101", "inline: quoted")]
