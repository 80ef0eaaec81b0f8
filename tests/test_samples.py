"""Golden tests: each sample in samples/ has an expected-findings file written by
reading the sample (docs/design.md, "Expected-findings files")."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from claimcheck.report import validate_report

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
CASES = sorted(p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html"))


def expected_for(sample: Path) -> dict:
    return yaml.safe_load((SAMPLES / f"{sample.stem}.expected.yaml").read_text(encoding="utf-8"))


def key(item) -> tuple:
    if isinstance(item, dict):
        return (item["rule"], item["severity"], item["line"], item.get("condition"))
    return (item.rule, item.severity, item.line, item.condition.id if item.condition else None)


def test_there_are_enough_samples():
    assert len(CASES) >= 12
    assert {p.suffix for p in CASES} >= {".txt", ".md", ".html"}
    for sample in CASES:
        assert (SAMPLES / f"{sample.stem}.expected.yaml").is_file(), sample.name


@pytest.mark.parametrize("sample", CASES, ids=lambda p: p.name)
def test_sample(sample, checker):
    from claimcheck.api import Checker

    expected = expected_for(sample)
    jurisdiction = expected.get("jurisdiction", "US")
    runner = checker if jurisdiction == "US" else Checker(jurisdiction)
    report = runner.check_file(sample)
    assert validate_report(report.to_dict()) == []
    result = report.files[0]
    assert result.error is None
    got = result.findings
    missing = []
    for item in expected.get("findings") or []:
        wanted = key(item)
        if not any(key(f) == wanted or (item.get("condition") is None and key(f)[:3] == wanted[:3]) for f in got):
            missing.append(wanted)
    assert not missing, f"expected findings not reported: {missing}\nreported: {[key(f) for f in got]}"
    flagged = [f for f in got if f.severity in ("error", "warning")]
    for cid in expected.get("absent") or []:
        bad = [key(f) for f in flagged if f.condition and f.condition.id == cid]
        assert not bad, f"{cid} must not be flagged: {bad}"
    if expected.get("exhaustive"):
        listed = {key(i) for i in expected.get("findings") or []}
        listed_loose = {k[:3] for k in listed if k[3] is None}
        extra = [key(f) for f in flagged if key(f) not in listed and key(f)[:3] not in listed_loose]
        assert not extra, f"unexpected findings: {extra}"
