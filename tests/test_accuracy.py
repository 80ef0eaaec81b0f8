"""Accuracy never silently regresses: the labelled corpus (tests/corpus, docs/corpus.md)
is scored on every run and compared with the committed baseline. A figure more than 2
points worse than tests/corpus/baseline.json fails the build; after an improvement,
record the new figures with `claimcheck eval tests/corpus --write-baseline
tests/corpus/baseline.json`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimcheck.evaluate import compare_to_baseline, evaluate

CORPUS = Path(__file__).resolve().parent / "corpus"


@pytest.fixture(scope="module")
def evaluation():
    return evaluate(CORPUS)


def test_corpus_is_large_enough(evaluation):
    # the floor: 60 documents, 400 labelled claims, 150 must-not-flag sentences
    counts = evaluation.halves["all"]
    assert sum(evaluation.documents.values()) >= 60
    assert counts.claims >= 400
    assert counts.must_not_flag >= 150
    assert evaluation.documents["dev"] > 0 and evaluation.documents["test"] > 0


def test_no_figure_falls_below_the_baseline(evaluation):
    baseline = json.loads((CORPUS / "baseline.json").read_text(encoding="utf-8"))
    assert baseline["documents"] == evaluation.documents, "the corpus changed: write a new baseline"
    assert compare_to_baseline(evaluation, baseline) == []
