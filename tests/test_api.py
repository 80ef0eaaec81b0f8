"""The library API and the report contract."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

import claimcheck
from claimcheck.report import validate_report


def test_import_is_cheap():
    code = "import sys, claimcheck; print('spacy' in sys.modules, 'claimcheck.api' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False"]


def test_check_text_contract():
    report = claimcheck.check_text("<p>Stem cells cure autism &amp; ALS.</p>", filename="page.html")
    data = report.to_dict()
    assert validate_report(data) == []
    json.dumps(data)  # serialisable
    f = next(f for f in report.findings if f.rule == "CC101" and f.condition.id == "autism")
    assert f.text == "Stem cells cure autism &amp; ALS."
    assert (f.line, f.column, f.start) == (1, 4, 3)
    assert f.evidence is None or f.evidence.sources
    assert f.suggestion


def test_check_file_and_paths(tmp_path):
    (tmp_path / "a.txt").write_text("Stem cells cure lupus.", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("# Exosomes\n\nExosomes may help hair loss.", encoding="utf-8")
    (tmp_path / "sub" / "skip.pdf").write_bytes(b"%PDF-1.4")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text("Stem cells cure ALS.", encoding="utf-8")
    report = claimcheck.check_file(tmp_path / "a.txt")
    assert report.files[0].findings
    results = claimcheck.check_paths([tmp_path])
    assert not isinstance(results, list)  # lazy
    paths = [r.path for r in results]
    assert [p.replace(str(tmp_path), "") for p in paths] == ["/a.txt", "/sub/b.md"]


def test_bad_file_is_an_error_not_a_crash(tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    good = tmp_path / "good.txt"
    good.write_text("Stem cells cure autism.", encoding="utf-8")
    results = list(claimcheck.check_paths([binary, tmp_path / "missing.txt", good]))
    assert results[0].error and "binary" in results[0].error
    assert results[1].error
    assert results[2].error is None and results[2].findings
    report = claimcheck.Report(results)
    assert validate_report(report.to_dict()) == []
    assert report.summary()["files_failed"] == 2


def test_jurisdiction_changes_the_verdict():
    us = claimcheck.check_text("Stemirac treats spinal cord injury.", jurisdiction="US").findings
    jp = claimcheck.check_text("Stemirac treats spinal cord injury.", jurisdiction="JP").findings
    assert any(f.rule == "CC101" for f in us)
    assert not any(f.rule == "CC101" for f in jp)
    assert any(f.rule == "CC104" for f in jp)  # conditional approval


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "cp1252"])
def test_encodings(tmp_path, encoding):
    path = tmp_path / "page.txt"
    path.write_bytes("Caf\u00e9 news: stem cells cure autism.".encode(encoding))
    result = claimcheck.check_file(path).files[0]
    assert result.error is None
    f = next(f for f in result.findings if f.rule == "CC101")
    assert f.text == "Caf\u00e9 news: stem cells cure autism."
