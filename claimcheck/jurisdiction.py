"""Page-level rules of one jurisdiction (rules/jurisdiction-rules.yaml): Florida's and
California's not-FDA-approved disclosures, Florida's permitted fields, Australia's ban
on advertising cell products to consumers.

They look at the whole page: does it promote a therapy of the rule's families (a claim
about it that is neither negated, cautionary nor reported), and does it carry the
disclosure anywhere?
"""

from __future__ import annotations

import re

from claimcheck.models import Claim, Finding, TherapyRef
from claimcheck.ruleset import JurisdictionRule, RuleSet

# Outcomes that mean the page itself promotes the therapy for the condition.
PROMOTING = frozenset({"unproven", "unproven-hedged", "approval-stretch", "conditional-approval",
                       "withdrawn-approval", "broad-claim"})


class JurisdictionChecker:
    def __init__(self, ruleset: RuleSet, jurisdiction: str) -> None:
        self.ruleset = ruleset
        self.rules = [r for r in ruleset.jurisdiction_rules if jurisdiction in r.jurisdictions]
        self._disclosures = {r.id: [re.compile(p, re.IGNORECASE) for p in r.disclosure] for r in self.rules}

    def check(self, text: str, claims: list[Claim], outcomes: list[str | None]) -> list[Finding]:
        """`outcomes[i]` is the assessment outcome of `claims[i]` (None when negated)."""
        if not self.rules:
            return []
        findings = []
        for rule in self.rules:
            promoted = [c for c, outcome in zip(claims, outcomes)
                        if outcome in PROMOTING and self._covers(rule, c.therapy.id)]
            if not promoted:
                continue
            first = min(promoted, key=lambda c: c.start)
            if rule.check == "missing-disclosure":
                if any(p.search(text) for p in self._disclosures[rule.id]):
                    continue
                findings.append(self._finding(rule, first, promoted, []))
            elif rule.check == "outside-permitted-uses":
                outside = [c for c in promoted if not self._permitted(rule, c.condition.id)]
                if outside:
                    findings.append(self._finding(rule, min(outside, key=lambda c: c.start), outside,
                                                  [c.condition.name for c in outside]))
            elif rule.check == "advertising-banned":
                findings.append(self._finding(rule, first, promoted, []))
        return findings

    def _covers(self, rule: JurisdictionRule, therapy_id: str) -> bool:
        return bool(self.ruleset.therapy_family(therapy_id).intersection(rule.therapies))

    def _permitted(self, rule: JurisdictionRule, condition_id: str) -> bool:
        family = self.ruleset.condition_family(condition_id)
        if family.intersection(rule.permitted_conditions):
            return True
        return self.ruleset.conditions[condition_id].category in rule.permitted_categories

    def _finding(self, rule: JurisdictionRule, at: Claim, promoted: list[Claim], names: list[str]) -> Finding:
        therapy_ids = list(dict.fromkeys(c.therapy.id for c in promoted))
        therapy = self.ruleset.therapies[therapy_ids[0]]
        shown = _join(list(dict.fromkeys(names)))
        message = rule.message.replace("{therapy}", therapy.name).replace("{conditions}", shown)
        return Finding(
            rule=rule.id, name=rule.name, severity=rule.severity, category="regulatory", message=message,
            start=at.start, end=at.end, line=0, column=0, end_line=0, end_column=0, text="",
            therapy=TherapyRef(therapy.id, therapy.name, "", inferred=True), claim_source="document",
            suggestion=rule.suggestion, sources=rule.sources,
        )


def _join(names: list[str]) -> str:
    """autism; autism and MS; autism, MS and ALS."""
    if len(names) <= 2:
        return " and ".join(names)
    return ", ".join(names[:-1]) + " and " + names[-1]
