"""`claimcheck rules audit`: what in the rule set needs a maintainer's attention.

- evidence entries whose review date is older than N months, or without a source;
- conditions that no evidence entry covers (and those covered only by a broader one);
- names (synonyms, their generated plurals and abbreviations) claimed by two concepts
  unless both list them as `shared`.

Works from the rule files alone (no spaCy).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from claimcheck.matching import term_variants
from claimcheck.ruleset import RuleSet


@dataclass
class Audit:
    stale: list[tuple[str, str, str]] = field(default_factory=list)  # (entry id, reviewed, file)
    unsourced: list[tuple[str, str]] = field(default_factory=list)  # (entry id, file)
    uncovered: list[str] = field(default_factory=list)  # condition ids no entry covers
    only_broader: list[str] = field(default_factory=list)  # covered only through a broader concept
    shared_names: list[tuple[str, str, str]] = field(default_factory=list)  # (name, concept, other concept)
    counts: dict[str, Any] = field(default_factory=dict)

    @property
    def problems(self) -> int:
        return len(self.stale) + len(self.unsourced) + len(self.uncovered) + len(self.shared_names)

    def to_dict(self) -> dict[str, Any]:
        return {
            "stale": [{"id": i, "reviewed": r, "file": f} for i, r, f in self.stale],
            "unsourced": [{"id": i, "file": f} for i, f in self.unsourced],
            "uncovered_conditions": self.uncovered,
            "conditions_covered_only_by_a_broader_entry": self.only_broader,
            "names_in_two_concepts": [{"name": n, "concepts": [a, b]} for n, a, b in self.shared_names],
            "counts": self.counts,
            "problems": self.problems,
        }


def audit(ruleset: RuleSet, *, months: int = 12, today: dt.date | None = None) -> Audit:
    today = today or dt.date.today()
    result = Audit()
    limit = _months_before(today, months)
    for entry in sorted(ruleset.evidence, key=lambda e: e.id):
        if _as_date(entry.reviewed) < limit:
            result.stale.append((entry.id, entry.reviewed, entry.origin))
        if not entry.sources or not all(s.startswith(("http://", "https://")) for s in entry.sources):
            result.unsourced.append((entry.id, entry.origin))
    direct = {cid for entry in ruleset.evidence for cid in entry.conditions}
    for cid in sorted(ruleset.conditions):
        if cid in direct:
            continue
        if ruleset.condition_family(cid) & direct:
            result.only_broader.append(cid)
        else:
            result.uncovered.append(cid)
    result.shared_names = _shared_names(ruleset)
    result.counts = counts(ruleset)
    return result


def counts(ruleset: RuleSet) -> dict[str, Any]:
    """Sizes of the rule set, for reports and release notes."""
    per_jurisdiction: Counter[str] = Counter(j for e in ruleset.evidence for j in e.jurisdictions)
    per_status: Counter[str] = Counter(e.status for e in ruleset.evidence)
    return {
        "conditions": len(ruleset.conditions),
        "condition_synonyms": sum(len(c.synonyms) for c in ruleset.conditions.values()),
        "condition_abbreviations": sum(len(c.abbreviations) for c in ruleset.conditions.values()),
        "therapies": len(ruleset.therapies),
        "therapy_synonyms": sum(len(t.synonyms) for t in ruleset.therapies.values()),
        "evidence_entries": len(ruleset.evidence),
        "evidence_per_jurisdiction": dict(sorted(per_jurisdiction.items())),
        "evidence_per_status": dict(sorted(per_status.items())),
        "red_flag_rules": len(ruleset.red_flags),
        "jurisdiction_rules": len(ruleset.jurisdiction_rules),
    }


def _shared_names(ruleset: RuleSet) -> list[tuple[str, str, str]]:
    owner: dict[str, str] = {}
    shared: dict[str, set[str]] = {}
    found: list[tuple[str, str, str]] = []
    for concepts, kind in ((ruleset.therapies, "therapy"), (ruleset.conditions, "condition")):
        for concept in concepts.values():
            shared[concept.id] = set(concept.shared)
            names = set()
            for synonym in concept.synonyms:
                names |= {v.lower() for v in term_variants(synonym, kind, concept.no_plural)}
            # abbreviations match case-sensitively, so they only clash with the same spelling
            names |= {"abbreviation " + a.text for a in concept.abbreviations}
            for name in sorted(names):
                other = owner.setdefault(name, concept.id)
                if other != concept.id and not (name in shared[concept.id] and name in shared.get(other, set())):
                    found.append((name, other, concept.id))
    return found


def _as_date(value: str) -> dt.date:
    parts = [int(p) for p in value.split("-")] + [1, 1]
    return dt.date(parts[0], parts[1], parts[2])


def _months_before(day: dt.date, months: int) -> dt.date:
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    return dt.date(year, month + 1, min(day.day, 28))
