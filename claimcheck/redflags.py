"""Phrase-style red-flag rules (Vale-like) and the document-level "one treatment for
many diseases" rule. They produce findings of the same shape as claim findings."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from claimcheck.claims import Modality, SentenceInfo, modality
from claimcheck.matching import Mention
from claimcheck.models import SEVERITY_RANK, Claim, Finding, TherapyRef
from claimcheck.ruleset import RedFlagRule, RuleSet


class RedFlagChecker:
    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.rules = {rule.id: rule for rule in ruleset.red_flags}
        self._unless: dict[str, frozenset[str]] = {}
        for rule in ruleset.red_flags:
            covered = {tid for tid in ruleset.therapies
                       if ruleset.therapy_family(tid).intersection(rule.unless_therapy)}
            self._unless[rule.id] = frozenset(covered)
        self._unless_sentence = {rule.id: [re.compile(rx, re.IGNORECASE) for rx in rule.unless_sentence]
                                 for rule in ruleset.red_flags}
        self._skip_conditions: dict[str, frozenset[str]] = {}
        for rule in ruleset.red_flags:
            covered = {cid for cid in ruleset.conditions
                       if ruleset.condition_family(cid).intersection(rule.skip_if_claim_on)}
            self._skip_conditions[rule.id] = frozenset(covered)

    def check(self, text: str, infos: list[SentenceInfo], therapy_in_document: bool,
              approved_sentences: Mapping[int, Sequence[frozenset[str]]] | None = None) -> list[Finding]:
        # approved_sentences: the sentences whose claims are all approved uses, each with
        # the jurisdictions of the approvals they match
        approved_sentences = approved_sentences or {}
        findings: list[Finding] = []
        for info in infos:
            s = info.sentence
            # one finding per rule and sentence, naming every phrase that triggered it
            # ("FDA registered ... 361 compliant ... 100% legal")
            hits: dict[str, list[tuple[Mention, str, Modality]]] = {}
            for flag in s.flags:
                rule = self.rules[flag.key]
                if any(m.start < flag.end and flag.start < m.end for m, _sev, _mod in hits.get(rule.id, ())):
                    continue  # two patterns of one rule on the same words
                if rule.requires == "therapy-in-document" and not therapy_in_document:
                    continue
                if rule.requires == "therapy-in-sentence" and not info.therapy_ids:
                    continue
                if rule.requires == "claim-in-sentence" and not info.claim_conditions:
                    continue
                if info.therapy_ids & self._unless[rule.id]:
                    continue
                if info.claim_conditions & self._skip_conditions[rule.id]:
                    continue
                if rule.when_approved == "skip" and self._approved_where(rule, approved_sentences.get(s.start)):
                    continue
                if any(rx.search(text, s.start, s.end) for rx in self._unless_sentence[rule.id]):
                    continue
                mod = modality(s, s.clause_of(flag.start), flag.start)
                severity = _apply_context(rule, mod, flag.start, flag.end, s, text, info.reported)
                if severity is None:
                    continue
                hits.setdefault(rule.id, []).append((flag, severity, mod))
            for rule_id, found in hits.items():
                findings.append(self._finding(self.rules[rule_id], found, text))
        return findings

    @staticmethod
    def _approved_where(rule: RedFlagRule, places: Sequence[frozenset[str]] | None) -> bool:
        """The sentence states approved uses only, approved where the rule asks (an FDA claim
        is accurate only for an approval the FDA gave, not Korea's approval of the same product)."""
        if places is None:
            return False
        if not rule.approved_in:
            return True
        return bool(places) and all(where.intersection(rule.approved_in) for where in places)

    @staticmethod
    def _finding(rule: RedFlagRule, found: list[tuple[Mention, str, Modality]], text: str) -> Finding:
        found.sort(key=lambda hit: hit[0].start)
        severity = max((sev for _m, sev, _mod in found), key=SEVERITY_RANK.__getitem__)
        first, _sev, mod = found[0]
        phrases = list(dict.fromkeys(text[m.start:m.end] for m, _s, _mod in found))
        return Finding(
            rule=rule.id, name=rule.name, severity=severity, category=rule.category,
            message=rule.message.replace("{match}", "', '".join(phrases)),
            start=first.start, end=found[-1][0].end,
            line=0, column=0, end_line=0, end_column=0, text="",
            certainty=None, negated=mod.negated, attributed=mod.attributed,
            appeals=tuple(a for a, on in (("evidence", mod.evidence), ("testimony", mod.testimony)) if on),
            suggestion=rule.suggestion, sources=rule.sources,
        )


# a yes/no question: it opens with the verb ("Can you cure my father's Alzheimer's?",
# "Is my leukemia in remission, and would a transplant improve my chances of a cure?")
_ASKING = re.compile(r"[\s\"'“(*#-]*(?:can|could|will|would|is|are|does|do|did|has|have|should|may)\b", re.IGNORECASE)


def _apply_context(rule: RedFlagRule, mod: Modality, start: int, end: int, s, text: str,
                   reported: bool = False) -> str | None:
    severity = rule.severity
    if mod.negated and rule.when_negated == "skip":
        return None
    if mod.caution and rule.when_negated == "skip":
        # "Beware of clinics whose lab is 'FDA registered'": the phrase is named, not used
        return "info"
    if rule.when_research == "skip" and mod.research:
        return None
    if s.question and rule.category in ("regulatory", "trial"):
        return "info"  # "Is it FDA approved?" asks; it does not claim
    if s.question and rule.category == "certainty" and _ASKING.match(text, s.start, s.end):
        return "info"  # "Can stem cells cure autism?" asks (not "What if one shot could cure ...?")
    if mod.attributed or reported or _quoted(text, start, end, s.start, s.end):
        if rule.when_attributed == "skip":
            return None
        if rule.when_attributed == "info":
            return "info"
    if mod.hedged:
        if rule.when_hedged == "skip":
            return None
        if rule.when_hedged in ("warning", "info") and SEVERITY_RANK[rule.when_hedged] < SEVERITY_RANK[severity]:
            severity = rule.when_hedged
    return severity


def _quoted(text: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Is the phrase mentioned in quotation marks ('labels such as "FDA-registered"')
    rather than used?"""
    before = text[start - 1] if start > lo else ""
    after = text[end] if end < hi else ""
    if before in ("'", '"') and after in ("'", '"'):
        return True
    return text.count('"', lo, start) % 2 == 1 and text.find('"', end, hi) != -1


def panacea_finding(ruleset: RuleSet, claims: list[Claim], findings_by_claim: dict[int, Finding]) -> Finding | None:
    """CC110: one therapy presented, assertively, for many conditions in many areas."""
    rule = ruleset.claim_rules.get("panacea")
    if rule is None:
        return None
    min_conditions = rule.params.get("min_conditions", 5)
    min_categories = rule.params.get("min_categories", 3)
    counted: dict[str, Claim] = {}
    therapy_counts: dict[str, int] = {}
    for index, claim in enumerate(claims):
        finding = findings_by_claim.get(index)
        if finding is None or finding.rule not in ("CC101", "CC105") or claim.condition.umbrella:
            continue
        counted.setdefault(claim.condition.id, claim)
        therapy_counts[claim.therapy.id] = therapy_counts.get(claim.therapy.id, 0) + 1
    categories = {c.condition.category for c in counted.values()}
    if len(counted) < min_conditions or len(categories) < min_categories:
        return None
    first = min(counted.values(), key=lambda c: c.start)
    therapy_id = max(therapy_counts, key=lambda t: therapy_counts[t])
    therapy = ruleset.therapies[therapy_id]
    names = [c.condition.name for c in sorted(counted.values(), key=lambda c: c.start)]
    shown = ", ".join(names[:8]) + (f" and {len(names) - 8} more" if len(names) > 8 else "")
    message = (rule.message.replace("{therapy}", therapy.name).replace("{count}", str(len(counted)))
               .replace("{categories}", str(len(categories))).replace("{conditions}", shown))
    return Finding(
        rule=rule.id, name=rule.name, severity=rule.severity, category="claim", message=message,
        start=first.start, end=first.end, line=0, column=0, end_line=0, end_column=0, text="",
        therapy=TherapyRef(therapy.id, therapy.name, "", inferred=True), certainty=None,
        claim_source="document", suggestion=rule.suggestion, sources=rule.sources,
    )
