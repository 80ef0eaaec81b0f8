"""From claims to findings: look each claim up in the evidence base for the chosen
jurisdiction and decide the outcome, severity and message (docs/design.md,
"Evidence lookup" and "Outcomes and severities")."""

from __future__ import annotations

from dataclasses import dataclass, replace

from claimcheck.models import Claim, EvidenceRef, Finding
from claimcheck.ruleset import ClaimRule, EvidenceEntry, RuleSet

JURISDICTION_NAMES = {
    "US": "the US", "EU": "the EU", "UK": "the UK", "JP": "Japan", "KR": "South Korea",
    "CA": "Canada", "AU": "Australia", "IN": "India", "CN": "China", "NZ": "New Zealand",
    "US-CA": "California", "US-FL": "Florida", "ALL": "any jurisdiction",
}
REGULATORS = {"US": "the FDA", "EU": "the European Commission (EMA)", "UK": "the MHRA",
              "JP": "Japan's health ministry (MHLW/PMDA)", "KR": "Korea's MFDS", "CA": "Health Canada",
              "AU": "the TGA", "IN": "India's CDSCO", "CN": "China's NMPA", "NZ": "Medsafe"}
# Jurisdictions whose rules include their country's (a Florida page is also a US page).
PARENT_JURISDICTION = {"US-CA": "US", "US-FL": "US"}
STATUS_WORDS = {
    "approved": "approved", "conditionally-approved": "conditionally approved",
    "established-practice": "established practice", "withdrawn": "withdrawn",
    "not-approved": "not approved",
}


@dataclass(frozen=True)
class Assessment:
    outcome: str
    entry: EvidenceEntry | None = None  # the entry the message relies on
    approval: EvidenceEntry | None = None  # for stretches and approved uses
    stretch: str | None = None  # "product" | "population" | "indication"


class Assessor:
    def __init__(self, ruleset: RuleSet, jurisdiction: str = "US") -> None:
        self.ruleset = ruleset
        self.jurisdiction = jurisdiction
        self.jurisdictions = {jurisdiction, PARENT_JURISDICTION.get(jurisdiction, jurisdiction)}
        self.rules = ruleset.claim_rules
        # descendants of each condition, for "the approval is for something narrower"
        self._narrower: dict[str, set[str]] = {cid: set() for cid in ruleset.conditions}
        for cid in ruleset.conditions:
            for ancestor in ruleset.condition_family(cid):
                self._narrower[ancestor].add(cid)
        self._by_condition: dict[str, list[EvidenceEntry]] = {}
        for entry in ruleset.evidence:
            for cid in entry.conditions:
                self._by_condition.setdefault(cid, []).append(entry)
        self._cache: dict[tuple, Assessment | None] = {}
        self._elsewhere: dict[str, Assessor] = {}
        self._approval_place: dict[tuple[str, str], str | None] = {}

    def _scope(self, claim: Claim) -> Assessor:
        """A statement about approval in a named place ("In South Korea, Cartistem has
        been approved for ...") is checked against that place's rules; any other claim
        against the jurisdiction the text is checked for."""
        place = claim.place
        if claim.predicate != "approved-for":
            return self
        if place is None:
            place = self._approved_elsewhere(claim)
        if place is None or place in self.jurisdictions:
            return self
        if place not in self._elsewhere:
            self._elsewhere[place] = Assessor(self.ruleset, place)
        return self._elsewhere[place]

    def _approved_elsewhere(self, claim: Claim) -> str | None:
        """"Stemirac holds a conditional approval for spinal cord injury" names no place,
        but the named product is approved for that use only somewhere else: the statement
        is about that place's approval, and is true there (an approval of the product
        here, or a claim about cells in general, is checked here as usual)."""
        if self.ruleset.therapies[claim.therapy.id].type != "product":
            return None
        key = (claim.therapy.id, claim.condition.id)
        if key not in self._approval_place:
            places = sorted(j for entry in self._own_approvals(claim) for j in entry.jurisdictions)
            local = self.jurisdictions.intersection(places) or "ALL" in places
            self._approval_place[key] = None if local or not places else places[0]
        return self._approval_place[key]

    def _own_approvals(self, claim: Claim) -> list[EvidenceEntry]:
        """Approval entries naming the claim's therapy itself, for its condition or a broader one."""
        cfam = self.ruleset.condition_family(claim.condition.id)
        return [entry for entry in self._candidates(claim.condition.id)
                if entry.is_approval and claim.therapy.id in entry.therapies and cfam.intersection(entry.conditions)]

    # ------------------------------------------------------------------------------
    def assess(self, claim: Claim) -> Assessment | None:
        if claim.negated:
            return None
        scope = self._scope(claim)
        if scope is not self:
            return scope.assess(claim)
        key = (claim.therapy.id, claim.condition.id, claim.population, claim.certainty, claim.attributed,
               "conditional" in claim.cues, claim.predicate == "approved-for")
        if key not in self._cache:
            self._cache[key] = self._assess(claim)
        return self._cache[key]

    def _candidates(self, condition_id: str) -> list[EvidenceEntry]:
        related = self.ruleset.condition_family(condition_id) | self._narrower[condition_id]
        seen: dict[str, EvidenceEntry] = {}
        for cid in sorted(related):  # sorted: set order changes between processes
            for entry in self._by_condition.get(cid, ()):
                seen[entry.id] = entry
        return list(seen.values())

    def _assess(self, claim: Claim) -> Assessment | None:
        rs = self.ruleset
        tfam = rs.therapy_family(claim.therapy.id)
        cfam = rs.condition_family(claim.condition.id)
        narrower = self._narrower[claim.condition.id]
        in_scope: list[EvidenceEntry] = []
        stretches: list[tuple[int, EvidenceEntry, str]] = []
        refusals: list[EvidenceEntry] = []
        for entry in self._candidates(claim.condition.id):
            local = bool(self.jurisdictions.intersection(entry.jurisdictions))
            anywhere = local or "ALL" in entry.jurisdictions
            if not anywhere:
                continue
            therapy_ok = (claim.therapy.id in entry.therapies if entry.therapy_match == "exact"
                          else bool(tfam.intersection(entry.therapies)))
            condition_ok = bool(cfam.intersection(entry.conditions))
            if entry.is_approval and (local or entry.status == "established-practice"):
                population_ok = (entry.population_group == "any" or claim.population is None
                                 or claim.population == entry.population_group)
                narrower_condition = bool(narrower.intersection(entry.conditions)) and not condition_ok
                narrower_therapy = not therapy_ok and any(self._related(claim.therapy.id, t) for t in entry.therapies)
                if therapy_ok and condition_ok and population_ok:
                    in_scope.append(entry)
                elif therapy_ok and condition_ok:
                    stretches.append((0, entry, "population"))
                elif therapy_ok and narrower_condition and population_ok:
                    # the named product, described with a broader name of its indication:
                    # recorded as the approved use, with the exact indication in the message
                    in_scope.append(entry)
                elif narrower_therapy and (condition_ok or narrower_condition):
                    stretches.append((1, entry, "product"))
            elif not entry.is_approval and therapy_ok and condition_ok:
                refusals.append(entry)
        if in_scope:
            entry = min(in_scope, key=self._specificity(claim))
            # "South Korea conditionally approved Neuronata-R for ALS" states the status
            # correctly; only a claim that leaves the condition out is a stretch
            # (and so does "Health Canada gave Prochymal a conditional authorisation for ...")
            stated = "conditional" in claim.cues
            if entry.status == "conditionally-approved" and claim.certainty != "hedged" and not stated:
                outcome = "conditional-approval"
            else:
                outcome = "approved-use"
            # an approved use is approved whoever states it (a news report, a quote)
            return Assessment("attributed" if claim.attributed and outcome != "approved-use" else outcome, entry, entry)
        refusal = min(refusals, key=self._specificity(claim)) if refusals else None
        if claim.attributed:
            return Assessment("attributed", refusal)
        if claim.predicate == "approved-for" and not (refusal and self.jurisdictions.intersection(refusal.jurisdictions)):
            elsewhere = self._approval_of_product_elsewhere(claim)
            if elsewhere is not None:
                # "Zolgensma was authorised by Health Canada in 2020 for SMA": the named
                # product is approved for that use elsewhere; an approval missing from the
                # rules here is unknown, not false
                return Assessment("approval-unverified", None, elsewhere)
        if stretches:
            _, approval, kind = min(stretches, key=lambda s: s[0])
            return Assessment("approval-stretch", refusal, approval, kind)
        if claim.condition.umbrella:
            return Assessment("broad-claim", refusal)
        if refusal is not None and refusal.status == "withdrawn":
            return Assessment("withdrawn-approval", refusal, refusal)
        if claim.certainty == "hedged":
            return Assessment("unproven-hedged", refusal)
        return Assessment("unproven", refusal)

    def _approval_of_product_elsewhere(self, claim: Claim) -> EvidenceEntry | None:
        """An approval entry of this named product (or its class, for a product class such
        as CAR T-cell therapy) for the condition or a broader one, in another jurisdiction."""
        if self.ruleset.therapies[claim.therapy.id].type == "generic":
            return None  # ("stem cells are approved in Canada for ..." is checked as a claim)
        found = [entry for entry in self._own_approvals(claim)
                 if not self.jurisdictions.intersection(entry.jurisdictions)]
        return min(found, key=lambda e: e.id) if found else None

    def _related(self, claimed: str, approved: str) -> bool:
        """Is an approval of `approved` something a claim about `claimed` leans on? Yes
        when the claim names a family the product belongs to ("stem cells", "MSCs"), or
        a sibling of the product within a specific cell family (umbilical-cord MSCs and
        Ryoncil, a bone-marrow MSC), but not when they only share a generic family such
        as "regenerative therapy"."""
        rs = self.ruleset
        approved_family = rs.therapy_family(approved)
        if claimed in approved_family:
            return True
        shared = rs.therapy_family(claimed) & approved_family
        return any(rs.therapies[t].type != "generic" for t in shared)

    def _specificity(self, claim: Claim):
        """Sort key: the entry closest to the claim's condition, then one for this
        jurisdiction over one for everywhere, then the closest therapy; the entry id
        breaks ties, so the choice never depends on the order of anything else."""
        rs = self.ruleset

        def key(entry: EvidenceEntry) -> tuple[int, int, int, str]:
            steps = [rs.distance("condition", claim.condition.id, c) for c in entry.conditions]
            cond = min((s for s in steps if s is not None), default=99)
            steps = [rs.distance("therapy", claim.therapy.id, t) for t in entry.therapies]
            therapy = min((s for s in steps if s is not None), default=99)
            local = 0 if self.jurisdictions.intersection(entry.jurisdictions) else 1
            return (cond, local, therapy, entry.id)

        return key

    # ------------------------------------------------------------------------------
    def finding(self, claim: Claim, assessment: Assessment) -> Finding:
        scope = self._scope(claim)
        if scope is not self:
            return scope.finding(claim, assessment)
        rule = self.rules[assessment.outcome]
        entry = assessment.entry
        severity = self._severity(rule, claim, assessment)
        values = self._template_values(claim, assessment)
        message = _fill(rule.message, values)
        suggestion = _fill(rule.suggestion, values) if rule.suggestion else None
        evidence_entry = assessment.approval if assessment.outcome in (
            "approval-stretch", "approved-use", "conditional-approval", "approval-unverified") else entry
        sources = tuple(dict.fromkeys((evidence_entry.sources if evidence_entry else ()) + rule.sources))
        evidence = _evidence_ref(evidence_entry) if evidence_entry else None
        if (evidence is not None and evidence.status == "not-approved" and "ALL" in evidence.jurisdictions
                and self._approved_elsewhere(claim)):
            # the product is approved, for this use, somewhere else: "not approved anywhere"
            # would be wrong; the message says "not approved ... in the US" too
            evidence = replace(evidence, jurisdictions=(self.jurisdiction,))
        return Finding(
            rule=rule.id, name=rule.name, severity=severity, category="claim", message=message,
            start=claim.start, end=claim.end, line=0, column=0, end_line=0, end_column=0, text="",
            therapy=claim.therapy, condition=claim.condition, certainty=claim.certainty,
            predicate=claim.predicate, negated=claim.negated, attributed=claim.attributed,
            appeals=claim.appeals, population=claim.population, claim_source=claim.source,
            evidence=evidence,
            suggestion=suggestion, sources=sources,
        )

    def _severity(self, rule: ClaimRule, claim: Claim, assessment: Assessment) -> str:
        severity = rule.severity
        entry = assessment.entry
        if assessment.outcome == "unproven" and entry is not None and entry.worst_level <= "B":
            severity = "warning"  # positive phase 3 or conditional approval elsewhere
        if assessment.outcome == "withdrawn-approval" and claim.certainty == "hedged":
            severity = "warning"
        return severity

    def _template_values(self, claim: Claim, assessment: Assessment) -> dict[str, str]:
        entry = assessment.entry
        jurisdiction = JURISDICTION_NAMES.get(self.jurisdiction, self.jurisdiction)
        if entry is None:
            status_sentence = (f"No approval of this use is known in {jurisdiction}, and claimcheck "
                               "has no evidence on file for it.")
        elif entry.status == "not-approved":
            local = self.jurisdictions.intersection(entry.jurisdictions)
            where = jurisdiction if local or self._approved_elsewhere(claim) else "any jurisdiction"
            status_sentence = f"It is not approved for this use in {where} (evidence level {entry.level})."
        else:
            status_sentence = (f"Status in {jurisdiction}: {STATUS_WORDS[entry.status]} "
                               f"(evidence level {entry.level}).")
        approval = assessment.approval
        stretch_reason = ""
        if approval is not None and assessment.stretch == "product":
            stretch_reason = (f"That approval covers {approval.product} only, not "
                              f"{claim.therapy.name} in general.")
        elif approval is not None and assessment.stretch == "population":
            stretch_reason = (f"That approval covers {approval.population_label or 'a narrower group'} "
                              f"only, not {claim.population}.")
        return {
            "therapy": claim.therapy.name,
            "condition": claim.condition.name,
            "jurisdiction": jurisdiction,
            "status_sentence": status_sentence,
            "evidence_summary": entry.summary if entry is not None else "",
            "level": entry.level if entry is not None else "none on file",
            "approval": _describe_approval(approval, self.jurisdiction) if approval else "",
            "product": approval.product or "" if approval else "",
            "indication": approval.indication or "" if approval else "",
            "stretch_reason": stretch_reason,
        }


def _describe_approval(entry: EvidenceEntry, jurisdiction: str) -> str:
    if entry.status == "established-practice":
        return f"established practice ({_clause(entry.indication or entry.summary)})"
    regulator = entry.regulator or REGULATORS.get(jurisdiction, "the regulator")
    if regulator.replace("/", "").isupper():
        regulator = "the " + regulator  # "the FDA", "the MFDS"
    when = f" in {entry.date[:4]}" if entry.date else ""
    status = STATUS_WORDS[entry.status]
    product = entry.product or "a named product"
    indication = f" for {_clause(entry.indication)}" if entry.indication else ""
    return f"{product}, {status} by {regulator}{when}{indication}"


def _clause(text: str) -> str:
    """A sentence fragment for use inside another sentence: no final full stop, and a
    lower-case first letter unless the first word is an acronym or a name."""
    text = text.strip().rstrip(".")
    first = text.split(" ", 1)[0]
    if first[:1].isupper() and first[1:2].islower() and first.lower() not in _NAMES:
        text = text[0].lower() + text[1:]
    return text


_NAMES = frozenset({"crohn's", "parkinson's", "alzheimer's", "buerger's", "huntington's"})


def _evidence_ref(entry: EvidenceEntry) -> EvidenceRef:
    return EvidenceRef(
        id=entry.id, status=entry.status, level=entry.level, summary=entry.summary,
        sources=entry.sources, reviewed=entry.reviewed, jurisdictions=entry.jurisdictions,
        product=entry.product, regulator=entry.regulator, indication=entry.indication,
        population=entry.population_label,
    )


class _Values(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _fill(template: str, values: dict[str, str]) -> str:
    text = " ".join(template.format_map(_Values(values)).split()).replace("..", ".")
    return text[:1].upper() + text[1:]
