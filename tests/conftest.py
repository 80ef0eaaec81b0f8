"""Shared fixtures: one pipeline per session (blank English + claimcheck), never a
downloaded model."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.fixture(scope="session")
def checker():
    from claimcheck.api import Checker

    return Checker("US")


@pytest.fixture(scope="session")
def ruleset(checker):
    return checker.ruleset


@pytest.fixture(scope="session")
def check(checker):
    """check(text, fmt="text") -> list of findings for one text."""

    def run(text: str, fmt: str = "text", filename: str | None = None):
        name = filename or {"text": "t.txt", "markdown": "t.md", "html": "t.html"}[fmt]
        return checker.check_text(text, name, format=fmt).findings

    return run


@pytest.fixture(scope="session")
def claims_of(checker):
    """claims_of(text, fmt="text") -> list of claims the text makes."""

    def run(text: str, fmt: str = "text"):
        from claimcheck.inputs import SourceText

        return checker.check_source(SourceText("t", text, "str", fmt)).claims

    return run
