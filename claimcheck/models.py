"""Plain data shared by every stage: claims, findings, per-file results, reports.

Everything here is a frozen dataclass of plain values (no spaCy objects), so it can
cross process boundaries and be stored in a Doc as dictionaries.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Iterator

SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}
CERTAINTIES = ("absolute", "assertive", "hedged")


@dataclass(frozen=True)
class TherapyRef:
    id: str
    name: str
    text: str
    inferred: bool = False
    start: int | None = None
    end: int | None = None


@dataclass(frozen=True)
class ConditionRef:
    id: str
    name: str
    category: str
    text: str
    start: int | None = None
    end: int | None = None
    umbrella: bool = False


@dataclass(frozen=True)
class Claim:
    """One (therapy, condition) pair asserted in one sentence or list item.

    `start`/`end` are character offsets of the sentence or list item in the text the
    claim was extracted from.
    """

    start: int
    end: int
    therapy: TherapyRef
    condition: ConditionRef
    predicate: str
    predicate_text: str
    certainty: str
    negated: bool = False
    attributed: bool = False
    appeals: tuple[str, ...] = ()
    population: str | None = None
    place: str | None = None  # a jurisdiction named in the claim's clause
    source: str = "sentence"
    cues: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Claim":
        data = dict(data)
        data["therapy"] = TherapyRef(**data["therapy"])
        data["condition"] = ConditionRef(**data["condition"])
        data["appeals"] = tuple(data.get("appeals", ()))
        data["cues"] = tuple(data.get("cues", ()))
        return cls(**data)


@dataclass(frozen=True)
class EvidenceRef:
    """The evidence entry a finding relied on, as shown to users."""

    id: str
    status: str
    level: str
    summary: str
    sources: tuple[str, ...]
    reviewed: str
    jurisdictions: tuple[str, ...]
    product: str | None = None
    regulator: str | None = None
    indication: str | None = None
    population: str | None = None

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["sources"] = list(self.sources)
        data["jurisdictions"] = list(self.jurisdictions)
        return data


@dataclass(frozen=True)
class Finding:
    """One reported problem (or, at info level, one checked statement).

    Offsets are 0-based character offsets, `end` exclusive; line and column are 1-based
    and count Unicode code points. `text` is exactly the checked text between `start`
    and `end`.
    """

    rule: str
    name: str
    severity: str
    category: str
    message: str
    start: int
    end: int
    line: int
    column: int
    end_line: int
    end_column: int
    text: str
    therapy: TherapyRef | None = None
    condition: ConditionRef | None = None
    certainty: str | None = None
    predicate: str | None = None
    negated: bool = False
    attributed: bool = False
    appeals: tuple[str, ...] = ()
    population: str | None = None
    claim_source: str | None = None
    evidence: EvidenceRef | None = None
    suggestion: str | None = None
    sources: tuple[str, ...] = ()
    fingerprint: str = ""  # stable across edits elsewhere in the file (see api.fingerprint)
    suppressed: str | None = None  # why it is hidden: "inline: <reason>" or "baseline"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if isinstance(value, (TherapyRef, ConditionRef)):
                value = asdict(value)
            elif isinstance(value, EvidenceRef):
                value = value.to_dict()
            elif isinstance(value, tuple):
                value = list(value)
            data[f.name] = value
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> "Finding":
        data = dict(data)
        if data.get("therapy") is not None:
            data["therapy"] = TherapyRef(**data["therapy"])
        if data.get("condition") is not None:
            data["condition"] = ConditionRef(**data["condition"])
        if data.get("evidence") is not None:
            ev = dict(data["evidence"])
            ev["sources"] = tuple(ev["sources"])
            ev["jurisdictions"] = tuple(ev["jurisdictions"])
            data["evidence"] = EvidenceRef(**ev)
        for key in ("appeals", "sources"):
            data[key] = tuple(data.get(key, ()))
        return cls(**data)

    def moved(self, **changes: Any) -> "Finding":
        # plain construction: dataclasses.replace() is several times slower, and this
        # runs once per finding on every file
        return Finding(**{**self.__dict__, **changes})

    @property
    def sort_key(self) -> tuple[int, int, str, str]:
        return (self.start, self.end, self.rule, self.condition.id if self.condition else "")


@dataclass
class FileResult:
    """Findings for one input, or the reason it could not be checked."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    format: str | None = None
    encoding: str | None = None
    claims: list[Claim] = field(default_factory=list)
    suppressed: list[Finding] = field(default_factory=list)  # hidden by comments or the baseline
    lines: dict[int, str] = field(default_factory=dict)  # source lines the findings start on, for display

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "format": self.format,
            "encoding": self.encoding,
            "error": self.error,
            "findings": [f.to_dict() for f in self.findings],
            "suppressed": len(self.suppressed),
        }


@dataclass
class Report:
    """The result of one run over one or more inputs."""

    files: list[FileResult]
    jurisdiction: str = "US"

    @property
    def findings(self) -> list[Finding]:
        return [f for result in self.files for f in result.findings]

    def __iter__(self) -> Iterator[Finding]:
        return iter(self.findings)

    def summary(self) -> dict[str, Any]:
        by_severity = {s: 0 for s in SEVERITIES}
        by_rule: dict[str, int] = {}
        for f in self.findings:
            by_severity[f.severity] += 1
            by_rule[f.rule] = by_rule.get(f.rule, 0) + 1
        return {
            "files": len(self.files),
            "files_with_findings": sum(1 for r in self.files if r.findings),
            "files_failed": sum(1 for r in self.files if r.error),
            "findings": sum(by_severity.values()),
            "by_severity": by_severity,
            "by_rule": dict(sorted(by_rule.items())),
        }

    def to_dict(self) -> dict[str, Any]:
        from claimcheck.report import report_to_dict

        return report_to_dict(self)
