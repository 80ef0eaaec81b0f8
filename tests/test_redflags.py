"""Every red-flag rule carries examples that must flag and examples that must pass;
they run here as tests (proselint's idea), so a rule cannot ship untested."""

from __future__ import annotations

import pytest

from claimcheck.ruleset import load_ruleset

RULES = load_ruleset().red_flags
FLAG_CASES = [(r.id, text) for r in RULES for text in r.examples_flag]
PASS_CASES = [(r.id, text) for r in RULES for text in r.examples_pass]


def test_every_rule_has_examples_both_ways():
    for rule in RULES:
        assert rule.examples_flag and rule.examples_pass, rule.id


@pytest.mark.parametrize("rule_id, text", FLAG_CASES)
def test_flag_examples(check, rule_id, text):
    hits = [f for f in check(text) if f.rule == rule_id]
    assert hits, f"{rule_id} did not flag: {text}"
    rule = next(r for r in RULES if r.id == rule_id)
    assert hits[0].severity in ("error", "warning") and hits[0].category == rule.category
    assert text[hits[0].start:hits[0].end] == hits[0].text


@pytest.mark.parametrize("rule_id, text", PASS_CASES)
def test_pass_examples(check, rule_id, text):
    hits = [f for f in check(text) if f.rule == rule_id and f.severity != "info"]
    assert not hits, f"{rule_id} flagged a passing example: {text} -> {hits[0].text!r}"


def test_fda_approval_of_an_approved_product_is_not_flagged(check):
    assert not [f for f in check("Omisirge is FDA approved for blood cancers needing a cord blood transplant.")
                if f.rule == "CC601"]


def test_red_flag_needs_a_therapy_somewhere(check):
    # a cure claim about a diet is not this tool's business
    assert not [f for f in check("This diet cures everything, guaranteed.") if f.rule.startswith("CC2")]


def test_attributed_red_flag_is_info(check):
    findings = [f for f in check("Some clinics claim their stem cells are a miracle cure.") if f.rule == "CC201"]
    assert findings and all(f.severity == "info" for f in findings)


def test_one_finding_per_rule_and_sentence_names_every_phrase(check):
    text = ("Our stem cell clinic is FDA registered, our cord cells are 361 compliant, "
            "and this is 100% legal.")
    found = [f for f in check(text) if f.rule == "CC602"]
    assert len(found) == 1
    for phrase in ("FDA registered", "361 compliant", "100% legal"):
        assert f"'{phrase}'" in found[0].message
    assert text[found[0].start:found[0].end].startswith("FDA registered")
    assert text[found[0].start:found[0].end].endswith("100% legal")


def test_selling_words_named_in_a_news_report_are_the_clinics(check):
    report = (
        "Regulators said on Monday that three clinics in Arizona sold stem cell injections for knee pain. "
        "Patient testimonials and videos were the main evidence offered. "
        "Brochures promised a 90% success rate. "
        "A spokesperson for the clinics said they would contest the case, the report said. "
        "Experts quoted in the filing said no controlled trial supports the figures, investigators reported.")
    flagged = [f for f in check(report) if f.rule in ("CC401", "CC204")]
    assert flagged and {f.severity for f in flagged} == {"info"}
    # the same words on the clinic's own page are its own
    own = check("Read our patient testimonials: our stem cell injections for knee pain have a 90% success rate.")
    assert {f.rule for f in own if f.severity != "info"} >= {"CC401", "CC204"}


def test_a_yes_no_question_about_a_cure_asks_rather_than_claims(check):
    asked = [f for f in check("Can stem cells cure autism, cerebral palsy or ALS?") if f.rule == "CC201"]
    assert asked and {f.severity for f in asked} == {"info"}
    pitched = [f for f in check("What if one stem cell shot could cure your knee pain for good?") if f.rule == "CC201"]
    assert pitched and {f.severity for f in pitched} != {"info"}
