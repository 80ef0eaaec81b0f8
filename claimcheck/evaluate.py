"""Accuracy against a labelled corpus (docs/corpus.md): `claimcheck eval CORPUS`.

Scores, per half (dev, test) and per hard-case tag:

- claim recall: labelled unproven claims (verdict error or warning) that the tool flags
  at warning or error level, on the right sentence and condition;
- condition recall: labelled claims (any verdict but none) that the tool reports at all
  with the right condition;
- verdict agreement: of the claims found, how many get exactly the labelled severity;
- precision: error and warning claim findings that match a labelled claim;
- false alarms: must-not-flag sentences that get an error (and, separately, a warning);
- red-flag recall: labelled red-flag phrases found by their rule.

A finding matches a label when its span overlaps the label's quote and its condition is
the labelled one or a broader or narrower concept of it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from claimcheck.errors import ClaimcheckError

DOCUMENT_SUFFIXES = (".txt", ".md", ".html", ".htm")
FLAGGED = ("error", "warning")


class CorpusError(ClaimcheckError):
    """A label file that cannot be used: names the file and the problem."""


@dataclass
class Label:
    path: str
    line: int
    start: int
    end: int
    quote: str
    condition: str | None = None
    verdict: str | None = None
    rule: str | None = None
    tags: tuple[str, ...] = ()


@dataclass
class Score:
    """Counts for one group (a half, a tag, or everything)."""

    unproven: int = 0
    unproven_found: int = 0
    claims: int = 0
    claims_found: int = 0
    verdict_agree: int = 0
    flagged_reported: int = 0
    flagged_matched: int = 0
    must_not_flag: int = 0
    error_alarms: int = 0
    warning_alarms: int = 0
    red_flags: int = 0
    red_flags_found: int = 0

    def add(self, other: "Score") -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, float | None]:
        def pct(part: int, whole: int) -> float | None:
            return round(100.0 * part / whole, 1) if whole else None

        return {
            "claim_recall": pct(self.unproven_found, self.unproven),
            "condition_recall": pct(self.claims_found, self.claims),
            "verdict_agreement": pct(self.verdict_agree, self.claims_found),
            "precision": pct(self.flagged_matched, self.flagged_reported),
            "error_false_alarms": pct(self.error_alarms, self.must_not_flag),
            "warning_false_alarms": pct(self.warning_alarms, self.must_not_flag),
            "red_flag_recall": pct(self.red_flags_found, self.red_flags),
        }

    def counts(self) -> dict[str, int]:
        return {name: getattr(self, name) for name in self.__dataclass_fields__}


@dataclass
class Evaluation:
    halves: dict[str, Score] = field(default_factory=dict)
    tags: dict[str, dict[str, Score]] = field(default_factory=dict)  # half -> tag -> score
    voices: dict[str, dict[str, Score]] = field(default_factory=dict)  # half -> voice -> score
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    false_alarms: list[dict[str, Any]] = field(default_factory=list)
    documents: dict[str, int] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "documents": self.documents,
            "figures": {half: score.figures() for half, score in self.halves.items()},
            "counts": {half: score.counts() for half, score in self.halves.items()},
            "by_tag": {half: {tag: s.figures() | {"claims": s.claims, "unproven": s.unproven,
                                                   "must_not_flag": s.must_not_flag}
                              for tag, s in sorted(tags.items())}
                       for half, tags in self.tags.items()},
            "by_voice": {half: {voice: s.figures() | {"claims": s.claims, "unproven": s.unproven,
                                                       "must_not_flag": s.must_not_flag}
                                for voice, s in sorted(voices.items())}
                         for half, voices in self.voices.items()},
            "misses": self.misses,
            "false_positives": self.false_positives,
            "false_alarms": self.false_alarms,
        }


def evaluate(corpus: Path, *, halves: tuple[str, ...] = ("dev", "test"), checkers=None) -> Evaluation:
    """Score the corpus folder (its `dev/` and `test/` subfolders)."""
    from claimcheck.api import get_checker

    checkers = checkers or (lambda jurisdiction: get_checker(jurisdiction))
    result = Evaluation()
    total = Score()
    for half in halves:
        folder = corpus / half
        if not folder.is_dir():
            continue
        half_score = Score()
        tag_scores: dict[str, Score] = defaultdict(Score)
        voice_scores: dict[str, Score] = defaultdict(Score)
        count = 0
        for labels_file in sorted(folder.glob("*.labels.yaml")):
            count += 1
            doc_score, doc_tags, voice = _score_document(labels_file, checkers, result, half)
            half_score.add(doc_score)
            voice_scores[voice].add(doc_score)
            for tag, score in doc_tags.items():
                tag_scores[tag].add(score)
        result.halves[half] = half_score
        result.tags[half] = dict(tag_scores)
        result.voices[half] = dict(voice_scores)
        result.documents[half] = count
        total.add(half_score)
    result.halves["all"] = total
    return result


def _score_document(labels_file: Path, checkers, out: Evaluation, half: str) -> tuple[Score, dict[str, Score], str]:
    document = _document_for(labels_file)
    text = document.read_text(encoding="utf-8")
    try:
        data = yaml.safe_load(labels_file.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise CorpusError(f"{labels_file}: invalid YAML: {exc}") from None
    name = f"{half}/{document.name}"
    jurisdiction = str(data.get("jurisdiction", "US"))
    report = checkers(jurisdiction).check_file(document)
    result = report.files[0]
    if result.error:
        raise CorpusError(f"{document}: cannot check: {result.error}")
    findings = result.findings
    rs = checkers(jurisdiction).ruleset

    related = rs.conditions_related

    def overlapping(label: Label):
        return [f for f in findings if f.start < label.end and label.start < f.end]

    score = Score()
    tags: dict[str, Score] = defaultdict(Score)
    matched_findings: set[int] = set()
    for item in data.get("claims") or []:
        label = _label(name, text, item, labels_file)
        verdict = label.verdict
        hits = [f for f in overlapping(label)
                if f.category == "claim" and f.condition is not None and related(f.condition.id, label.condition)]
        for f in hits:
            matched_findings.add(id(f))
        one = Score()
        if verdict in FLAGGED:
            one.unproven = 1
            if any(f.severity in FLAGGED for f in hits):
                one.unproven_found = 1
        if verdict and verdict != "none":
            one.claims = 1
            if hits:
                one.claims_found = 1
                if any(f.severity == verdict for f in hits):
                    one.verdict_agree = 1
            if (verdict in FLAGGED and not one.unproven_found) or not hits:
                out.misses.append({
                    "file": name, "line": label.line, "condition": label.condition, "verdict": verdict,
                    "tags": list(label.tags), "quote": label.quote,
                    "reported": sorted({(f.rule, f.severity, f.condition.id if f.condition else None)
                                        for f in overlapping(label)}),
                })
        elif verdict == "none":
            # a negated or cautionary claim: an error or warning on it is a false alarm too
            one.must_not_flag = 1
            _alarms(one, label, overlapping(label), out, name)
        score.add(one)
        for tag in label.tags:
            tags[tag].add(one)
    for item in data.get("must_not_flag") or []:
        label = _label(name, text, item, labels_file, claim=False)
        one = Score(must_not_flag=1)
        _alarms(one, label, overlapping(label), out, name)
        score.add(one)
        for tag in label.tags:
            tags[tag].add(one)
    for item in data.get("red_flags") or []:
        label = _label(name, text, item, labels_file, claim=False)
        one = Score(red_flags=1)
        if any(f.rule == label.rule for f in overlapping(label)):
            one.red_flags_found = 1
        else:
            out.misses.append({"file": name, "line": label.line, "rule": label.rule, "quote": label.quote,
                               "tags": ["red-flag"],
                               "reported": sorted({(f.rule, f.severity) for f in overlapping(label)})})
        score.add(one)
        tags["red-flag-phrase"].add(one)
    for f in findings:
        if f.category == "claim" and f.condition is not None and f.severity in FLAGGED:
            score.flagged_reported += 1
            if id(f) in matched_findings:
                score.flagged_matched += 1
            else:
                out.false_positives.append({"file": name, "line": f.line, "rule": f.rule, "severity": f.severity,
                                            "condition": f.condition.id, "text": f.text[:160]})
    return score, tags, str(data.get("voice") or "unknown")


def _alarms(one: Score, label: Label, hits, out: Evaluation, name: str) -> None:
    errors = [f for f in hits if f.severity == "error"]
    warnings = [f for f in hits if f.severity == "warning"]
    one.error_alarms = 1 if errors else 0
    one.warning_alarms = 1 if warnings else 0
    if errors or warnings:
        out.false_alarms.append({
            "file": name, "line": label.line, "severity": "error" if errors else "warning",
            "quote": label.quote, "tags": list(label.tags),
            "reported": sorted({(f.rule, f.severity, f.condition.id if f.condition else None)
                                for f in errors + warnings}),
        })


def _label(name: str, text: str, item: dict[str, Any], labels_file: Path, claim: bool = True) -> Label:
    quote = item.get("quote")
    if not isinstance(quote, str) or not quote:
        raise CorpusError(f"{labels_file}: an entry has no quote: {item!r}")
    start = text.find(quote)
    if start < 0:
        raise CorpusError(f"{labels_file}: quote not found in the document: {quote!r}")
    if text.find(quote, start + 1) >= 0:
        raise CorpusError(f"{labels_file}: quote occurs more than once in the document: {quote!r}")
    line = text.count("\n", 0, start) + 1
    return Label(path=name, line=line, start=start, end=start + len(quote), quote=quote,
                 condition=item.get("condition"), verdict=item.get("verdict") if claim else None,
                 rule=item.get("rule"), tags=tuple(item.get("tags") or ()))


def _document_for(labels_file: Path) -> Path:
    stem = labels_file.name[: -len(".labels.yaml")]
    for suffix in DOCUMENT_SUFFIXES:
        candidate = labels_file.with_name(stem + suffix)
        if candidate.is_file():
            return candidate
    raise CorpusError(f"{labels_file}: no document {stem}.txt/.md/.html beside it")


# ----------------------------------------------------------------------------------
# Reporting


FIGURE_NAMES = [
    ("claim_recall", "recall of unproven claims"),
    ("condition_recall", "condition recall"),
    ("verdict_agreement", "verdict agreement"),
    ("precision", "precision (error/warning)"),
    ("error_false_alarms", "error false alarms on must-not-flag"),
    ("warning_false_alarms", "warning false alarms on must-not-flag"),
    ("red_flag_recall", "red-flag phrase recall"),
]


def format_table(evaluation: Evaluation, *, misses: bool = True) -> str:
    halves = list(evaluation.halves)
    lines = ["figure".ljust(40) + "".join(h.rjust(10) for h in halves)]
    for key, label in FIGURE_NAMES:
        row = label.ljust(40)
        for half in halves:
            value = evaluation.halves[half].figures()[key]
            row += ("-" if value is None else f"{value:.1f}%").rjust(10)
        lines.append(row)
    counts = evaluation.halves["all"]
    lines.append(f"\n{sum(evaluation.documents.values())} documents ({', '.join(f'{h} {n}' for h, n in evaluation.documents.items())}), "
                 f"{counts.claims} labelled claims ({counts.unproven} unproven), "
                 f"{counts.must_not_flag} must-not-flag sentences, {counts.red_flags} red-flag phrases")
    for title, groups in (("tag", evaluation.tags), ("voice", evaluation.voices)):
        for half, scores in groups.items():
            lines.append(f"\nby {title} ({half}): claims recall / condition recall / error false alarms")
            for name, score in sorted(scores.items()):
                f = score.figures()
                cells = [("-" if f[k] is None else f"{f[k]:.0f}%") for k in ("claim_recall", "condition_recall",
                                                                            "error_false_alarms")]
                lines.append(f"  {name:<30} {cells[0]:>6} {cells[1]:>6} {cells[2]:>6}   "
                             f"({score.claims} claims, {score.must_not_flag} must-not-flag)")
    if misses:
        for title, rows in (("misses", evaluation.misses), ("false positives", evaluation.false_positives),
                            ("false alarms", evaluation.false_alarms)):
            lines.append(f"\n{title}: {len(rows)}")
            for row in rows:
                lines.append("  " + "  ".join(f"{k}={v}" for k, v in row.items()))
    return "\n".join(lines)


def compare_to_baseline(evaluation: Evaluation, baseline: dict[str, Any], tolerance: float = 2.0) -> list[str]:
    """Figures that fell more than `tolerance` points below the baseline (for false
    alarms, that rose more than `tolerance` points above it)."""
    problems = []
    for half, figures in baseline.get("figures", {}).items():
        current = evaluation.halves.get(half)
        if current is None:
            problems.append(f"{half}: missing from this evaluation")
            continue
        now = current.figures()
        for key, old in figures.items():
            new = now.get(key)
            if old is None or new is None:
                continue
            worse = (new - old) if key.endswith("false_alarms") else (old - new)
            if worse > tolerance:
                problems.append(f"{half} {key}: {new:.1f}% against the baseline {old:.1f}%")
    return problems
