"""The report contract: `Report.to_dict()` (the JSON the CLI prints) and its schema."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from claimcheck._version import __version__
from claimcheck.models import Report

SCHEMA_VERSION = "1.0"


def report_to_dict(report: Report) -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "tool": {"name": "claimcheck", "version": __version__},
        "jurisdiction": report.jurisdiction,
        "files": [result.to_dict() for result in report.files],
        "summary": report.summary(),
    }


@lru_cache(maxsize=1)
def _report_validator():
    from jsonschema import Draft202012Validator

    from claimcheck.ruleset import load_schema

    return Draft202012Validator(load_schema("report.schema.json"))


def validate_report(data: dict[str, Any]) -> list[str]:
    """Problems with a report dictionary (empty when it matches the schema)."""
    return [f"{e.json_path}: {e.message}" for e in _report_validator().iter_errors(data)]
