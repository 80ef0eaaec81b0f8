"""Rule regexes (claimcheck/regexes.py): the anchor words a match can start with, and
anchored matching agreeing with a full scan."""

from __future__ import annotations

import re

import pytest

from claimcheck.regexes import DIGITS, RulePattern, any_of, first_words


@pytest.mark.parametrize("pattern, words", [
    (r"\b(?:avoid(?:ing)?|skip) surgery", {"avoid", "avoiding", "skip"}),
    (r"\b(?:use|uses|used)\b(?=(?:\s+\w+){1,4}\s+for\b)", {"use", "uses", "used"}),
    (r"\breceiv(?:e|ed)\b(?!\s+approval)", {"receive", "received"}),
    (r"\bauthori[sz]ed\b", {"authorised", "authorized"}),
    (r"\bapproval of\b", {"approval"}),
    (r"\b\d{1,3}\s?% success", {DIGITS}),
    (r"\b(?:\d{1,2}|nine) out of 10", {DIGITS, "nine"}),
    # a contraction is two tokens ("wo" + "n't"): the first of them is an anchor too
    (r"\b(?:won't|can't) take", {"won", "wo", "can", "ca"}),
])
def test_anchor_words(pattern, words):
    assert first_words(pattern) == frozenset(words)


@pytest.mark.parametrize("pattern", [r"\w+ cure", r"(?:a|\w+) cure", r".{0,5}cure"])
def test_patterns_that_can_start_anywhere_have_no_anchors(pattern):
    assert first_words(pattern) is None


def test_anchored_match_agrees_with_a_scan():
    text = "Patients used our cells for knees; 85 % success, and we received approval for nothing."
    for source in (r"\b(?:use|uses|used)\b(?=(?:\s+\w+){1,4}\s+for\b)", r"\b\d{1,3}\s?% success",
                   r"\breceiv(?:e|ed)\b(?!\s+approval)"):
        pattern = RulePattern(source)
        lowered = text.lower()
        scanned = list(pattern.spans(text, lowered))
        starts = [m.start() for m in re.finditer(r"\b\w", text)]
        anchored = [span for pos in starts if (span := pattern.match_at(text, lowered, pos, len(text)))]
        assert scanned == anchored


def test_one_alternation_matches_exactly_where_one_of_its_patterns_does():
    # tried first at each anchor word, so a miss of the alternation must mean no pattern matches
    sources = [r"\bhave (?:been )?cured\b", r"\bhave helped (?:\w+ ){0,3}patients", r"\bhave no side effects"]
    patterns = [RulePattern(s) for s in sources]
    either = any_of(patterns)
    for text in ("We have cured many.", "we have helped over 300 patients", "Cells have no side effects",
                 "We have been cured", "we have found nothing", "They have helped."):
        lowered = text.lower()
        pos = lowered.index("have")
        one = any(p.match_at(text, lowered, pos, len(text)) for p in patterns)
        assert (either.match(lowered, pos) is not None) == one, text


def test_a_named_group_keeps_its_name_and_matches_in_any_case():
    # lower-casing the source would turn "(?P<Cell>" into "(?p<cell>", which does not compile
    pattern = RulePattern(r"\b(?P<Cell>stem) cells? (?P=Cell)\b")
    text = "STEM cells stem"
    assert list(pattern.spans(text, text.lower())) == [(0, len(text))]


def test_patterns_that_cannot_be_joined_are_tried_one_by_one():
    # joined, the second pattern's \1 would point at the first pattern's group
    assert any_of([RulePattern(r"\b(cure)d? \1"), RulePattern(r"\b(heal)s? \1")]) is None
    assert any_of([RulePattern(r"\bcure")]) is None


def test_every_shipped_regex_is_tried_only_where_its_anchor_words_stand(checker):
    # a pattern without anchor words is scanned over the whole text at every position; one
    # that starts with a run of any words ("(?:[\w-]+\s+){1,3}cured my") took over 60 s on a
    # 1 MB "word" (benchmarks/stress.py)
    matcher = checker.component.analyzer.matcher
    assert [matcher.regexes[i][0].source for i in matcher.unanchored] == []
