"""The evidence base as a whole: coverage, names, and the special cases of each
jurisdiction (issue 4)."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest
import spacy

from claimcheck.api import Checker
from claimcheck.audit import audit
from claimcheck.matching import MentionMatcher, term_variants
from claimcheck.ruleset import load_ruleset

RULES = load_ruleset()


# ---- coverage and names ------------------------------------------------------------------

def test_every_condition_is_covered_by_evidence():
    result = audit(RULES)
    assert result.uncovered == [], "conditions without any evidence entry"


def test_no_name_belongs_to_two_concepts():
    assert audit(RULES).shared_names == []


def test_no_evidence_entry_is_stale_or_unsourced():
    result = audit(RULES, months=24)
    assert result.stale == [] and result.unsourced == []


def test_audit_finds_old_reviews_and_gaps(tmp_path):
    (tmp_path / "extra.yaml").write_text(textwrap.dedent("""\
        kind: conditions
        conditions:
          - id: chronic-hiccups
            name: chronic hiccups
            category: general
            synonyms: [chronic hiccups, autism]
        """), encoding="utf-8")
    (tmp_path / "old.yaml").write_text(textwrap.dedent("""\
        kind: evidence
        entries:
          - id: old-autism-entry
            therapies: [stem-cells]
            conditions: [autism]
            jurisdictions: [ALL]
            status: not-approved
            level: F
            summary: An entry whose review is long overdue, for this test only.
            sources: [https://example.org/old]
            reviewed: "2019-05"
        """), encoding="utf-8")
    result = audit(load_ruleset([tmp_path]), months=12, today=dt.date(2026, 11, 22))
    assert [s[0] for s in result.stale] == ["old-autism-entry"]
    assert "chronic-hiccups" in result.uncovered
    assert ("autism", "autism", "chronic-hiccups") in result.shared_names


def _matcher():
    return MentionMatcher(spacy.blank("en"), RULES)


MATCHER = None


@pytest.mark.parametrize("kind", ["condition", "therapy"])
def test_every_synonym_is_found_in_a_sentence(kind):
    """Each name (and its generated plural or singular), set in a sentence, is matched as
    its own concept: tokenisation, overlaps and the longest-match rule lose none."""
    global MATCHER
    MATCHER = MATCHER or _matcher()
    nlp = spacy.blank("en")
    concepts = RULES.conditions if kind == "condition" else RULES.therapies
    missed = []
    for concept in concepts.values():
        for synonym in concept.synonyms:
            for variant in sorted(term_variants(synonym, kind, concept.no_plural)):
                text = f"Our clinic discussed {variant} with a patient."
                doc = nlp.make_doc(text)
                start = text.index(variant)
                terms = [m for m in MATCHER.find(doc, text, text.lower()) if m.layer == "term"]
                if not any(m.key == concept.id and m.start == start and m.end == start + len(variant)
                           for m in terms):
                    missed.append((concept.id, variant, [(m.key, text[m.start:m.end]) for m in terms]))
    assert not missed, missed[:20]


# ---- special cases, per jurisdiction ------------------------------------------------------------

CHECKERS: dict[str, Checker] = {}


def findings(jurisdiction: str, text: str):
    if jurisdiction not in CHECKERS:
        CHECKERS[jurisdiction] = Checker(jurisdiction)
    return CHECKERS[jurisdiction].check_text(text).findings


def rules_for(jurisdiction, text, condition=None):
    return sorted({(f.rule, f.severity) for f in findings(jurisdiction, text)
                   if condition is None or (f.condition and f.condition.id == condition)})


@pytest.mark.parametrize("jurisdiction, text, condition, expected", [
    # Japan: conditional approvals, and one that was not confirmed
    ("JP", "Amchepry restores movement in advanced Parkinson's disease.", "parkinsons-disease", [("CC104", "warning")]),
    ("JP", "HeartSheet repairs the heart in heart failure.", "heart-failure", [("CC105", "error")]),
    ("JP", "Akuugo improves paralysis after traumatic brain injury.", "traumatic-brain-injury", [("CC104", "warning")]),
    # Korea: full and conditional approvals
    ("KR", "Cartistem regenerates cartilage in knee cartilage defects.", "cartilage-defect", [("CC107", "info")]),
    ("KR", "Neuronata-R slows ALS.", "als", [("CC104", "warning")]),
    ("US", "Neuronata-R slows ALS.", "als", [("CC101", "error")]),
    # EU: Alofisel withdrawn; Holoclar conditional for burn-related limbal deficiency
    ("EU", "Alofisel closes perianal fistulas in Crohn's disease.", "crohns-perianal-fistula", [("CC105", "error")]),
    ("EU", "Holoclar restores the eye surface in limbal stem cell deficiency.", "limbal-stem-cell-deficiency",
     [("CC104", "warning")]),
    # US: Ryoncil children only; cord blood for blood disorders only
    ("US", "Ryoncil treats steroid-refractory acute graft-versus-host disease in adults.", "sr-agvhd", [("CC103", "warning")]),
    ("US", "Licensed cord blood treats leukemia through a transplant.", "leukemia", [("CC107", "info")]),
    ("US", "Cord blood stem cells treat cerebral palsy.", "cerebral-palsy", [("CC101", "error")]),
    # the same unapproved claim in every jurisdiction without an approval
    ("UK", "Stem cells cure multiple sclerosis.", "multiple-sclerosis", [("CC101", "error")]),
    ("CA", "Stem cells cure multiple sclerosis.", "multiple-sclerosis", [("CC101", "error")]),
    ("AU", "Stem cells cure multiple sclerosis.", "multiple-sclerosis", [("CC101", "error")]),
    ("IN", "Stem cells cure multiple sclerosis.", "multiple-sclerosis", [("CC101", "error")]),
    ("IN", "Stempeucel heals critical limb ischemia in Buerger's disease.", "critical-limb-ischemia", [("CC107", "info")]),
    # India: an approved pooled bone-marrow product for knee osteoarthritis (a clinic's own cells are not it)
    ("IN", "StemOne relieves knee osteoarthritis.", "knee-osteoarthritis", [("CC107", "info")]),
    ("IN", "Our stem cells relieve knee osteoarthritis.", "knee-osteoarthritis", [("CC103", "warning")]),
    ("US", "StemOne relieves knee osteoarthritis.", "knee-osteoarthritis", [("CC101", "error")]),
    # Korea: the first MSC product, for heart attack; Canada: Prochymal's conditional approval for children
    ("KR", "Hearticellgram repairs the heart after a heart attack.", "heart-attack", [("CC107", "info")]),
    ("CA", "Prochymal treats steroid-refractory acute graft-versus-host disease in children.", "sr-agvhd",
     [("CC104", "warning")]),
    # chondrocyte products: Spherox in the EU; in the US only MACI is approved
    ("EU", "Spherox repairs knee cartilage defects.", "cartilage-defect", [("CC107", "info")]),
    ("US", "Spherox repairs knee cartilage defects.", "cartilage-defect", [("CC103", "warning")]),
    # Alofisel: still approved in Japan, withdrawn in the EU
    ("JP", "Alofisel heals perianal fistulas in Crohn's disease.", "crohns-perianal-fistula", [("CC107", "info")]),
])
def test_special_cases(jurisdiction, text, condition, expected):
    assert rules_for(jurisdiction, text, condition) == expected


SALES_PAGE = ("Sunshine Regenerative Clinic\n\nOur stem cell injections relieve knee osteoarthritis and back pain.\n"
              "We also offer stem cell therapy for autism.\n")
DISCLOSED = SALES_PAGE + "\nThese stem cell treatments have not been approved by the FDA.\n"


def test_florida_disclosure_and_permitted_uses():
    rules = {f.rule for f in findings("US-FL", SALES_PAGE)}
    assert {"CC611", "CC612"} <= rules
    outside = next(f for f in findings("US-FL", SALES_PAGE) if f.rule == "CC612")
    assert "autism" in outside.message and "osteoarthritis" not in outside.message
    disclosed = {f.rule for f in findings("US-FL", DISCLOSED)}
    assert "CC611" not in disclosed and "CC612" in disclosed
    orthopaedic_only = "Our stem cell injections relieve knee osteoarthritis. They are not FDA-approved."
    assert not {"CC611", "CC612"} & {f.rule for f in findings("US-FL", orthopaedic_only)}


def test_california_notice():
    assert "CC613" in {f.rule for f in findings("US-CA", SALES_PAGE)}
    assert "CC613" not in {f.rule for f in findings("US-CA", DISCLOSED)}
    # federal rules still apply in a state
    assert "CC101" in {f.rule for f in findings("US-CA", SALES_PAGE)}


def test_australia_bans_consumer_advertising():
    assert "CC621" in {f.rule for f in findings("AU", SALES_PAGE)}
    warning = "Consumers should know that stem cells are not approved for autism in Australia."
    assert "CC621" not in {f.rule for f in findings("AU", warning)}


def test_state_rules_do_not_apply_elsewhere():
    assert not {"CC611", "CC612", "CC613", "CC621"} & {f.rule for f in findings("US", SALES_PAGE)}
