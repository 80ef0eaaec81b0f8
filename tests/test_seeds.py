"""Acceptance on the real clinic texts the project started from (read from
../shared/seeds when present; they are not part of the project)."""

from __future__ import annotations

import pytest

from conftest import SEEDS

pytestmark = pytest.mark.seeds


def seed(prefix: str) -> str:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    matches = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    if not matches:
        pytest.skip(f"seed {prefix} not available")
    return str(matches[0])


def findings(checker, prefix):
    return checker.check_file(seed(prefix)).findings


def test_000_errors_name_the_marketed_conditions(checker):
    errors = {f.condition.id for f in findings(checker, "000") if f.severity == "error" and f.condition}
    expected = {"rheumatoid-arthritis", "multiple-sclerosis", "lupus", "osteoarthritis", "bone-fracture",
                "heart-failure", "spinal-cord-injury", "stroke"}
    assert expected <= errors, expected - errors


def test_000_hedged_parkinsons_paragraph_is_a_hedged_claim(checker):
    # Parkinson's is only named in a description ("disorders, including ... Parkinson's
    # disease, can result in loss of function"); the sentences after it say MSCs "have the
    # potential to repair" and "offer hope": a hedged claim, not an assertive one.
    parkinsons = [f for f in findings(checker, "000") if f.condition and f.condition.id == "parkinsons-disease"]
    assert parkinsons and {f.rule for f in parkinsons} == {"CC102"}


def test_000_is_one_treatment_for_many_diseases(checker):
    assert any(f.rule == "CC110" for f in findings(checker, "000"))


def test_003_flags_the_infection_claims(checker):
    flagged = {f.condition.id for f in findings(checker, "003")
               if f.severity in ("error", "warning") and f.condition}
    assert {"sepsis", "pneumonia", "covid-19"} <= flagged


def test_002_gives_no_error(checker):
    result = findings(checker, "002")
    assert [f for f in result if f.severity == "error"] == []


def test_002_recognises_the_approved_pediatric_gvhd_use(checker):
    result = findings(checker, "002")
    ryoncil = [f for f in result if f.therapy and f.therapy.id == "ryoncil"]
    assert ryoncil and all(f.rule == "CC107" and f.severity == "info" for f in ryoncil)


def test_002_generic_msc_for_gvhd_is_an_approval_stretch(checker):
    stretch = [f for f in findings(checker, "002") if f.rule == "CC103"]
    assert stretch and all(f.condition.id in ("gvhd", "acute-gvhd", "sr-agvhd") for f in stretch)
    assert all("Ryoncil" in f.message for f in stretch)


def test_001_testimonials(checker):
    assert any(f.rule == "CC401" for f in findings(checker, "001"))
