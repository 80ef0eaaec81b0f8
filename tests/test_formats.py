"""Output formats (claimcheck/formats.py): golden files for every format, rendered from a
real check of two samples, an unreadable path and one suppressed finding, plus unit
tests of colour, escaping, CSV quoting, SARIF columns and rules, underlines and
statistics.

Regenerate the golden files with `UPDATE_GOLDEN=1 pytest tests/test_formats.py`, then
read every changed file before committing it.
"""

from __future__ import annotations

import copy
import csv
import io
import json
import os
import re
from pathlib import Path

import pytest

from claimcheck.catalog import rule_docs
from claimcheck.formats import (
    FORMATS,
    OutputOptions,
    get_formatter,
    relative_uri_path,
    source_excerpt,
    statistics,
    summary_line,
)
from claimcheck.models import ConditionRef, FileResult, Finding, Report

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "formats"
UPDATE = os.environ.get("UPDATE_GOLDEN") == "1"
EXTENSIONS = {"text": "txt", "concise": "txt", "json": "json", "jsonl": "jsonl", "sarif": "sarif",
              "csv": "csv", "github": "txt"}
SAMPLES = ("samples/gvhd-stretch.txt", "samples/entities-and-alt.html", "samples/does-not-exist.txt")
ANSI = re.compile("\x1b\\[")


@pytest.fixture(autouse=True)
def _stable_environment(monkeypatch):
    """Paths are relative to the repository root and text wraps at 100 columns."""
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("COLUMNS", "100")


@pytest.fixture(scope="module")
def base_results(checker):
    """The samples checked once per module: (results, rule docs)."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(ROOT)
        results = [checker.check_one(path) for path in SAMPLES]
    gvhd = results[0]
    # hide one real finding as an inline comment would
    hidden = next(f for f in gvhd.findings if f.rule == "CC103" and f.line == 8)
    gvhd.findings.remove(hidden)
    gvhd.suppressed.append(hidden.moved(suppressed="inline: quoting a study"))
    return results, rule_docs(checker.ruleset)


@pytest.fixture
def results(base_results):
    return copy.deepcopy(base_results[0])


@pytest.fixture
def docs(base_results):
    return base_results[1]


def summary_of(results, **extra):
    summary = Report(results, "US").summary()
    summary.update({"interrupted": False, "baseline_unmatched": 0})
    summary.update(extra)
    return summary


def render(name, results, docs, summary=None, **options) -> str:
    stream = io.StringIO(newline="")
    opts = OutputOptions(tool_version="0.0.0-test", color=False, root=str(ROOT))
    for key, value in options.items():
        setattr(opts, key, value)
    formatter = get_formatter(name, stream, opts, docs)
    if name == "github":
        formatter.token = "TOKEN"
    formatter.start()
    for result in results:
        formatter.add(result)
    formatter.finish(summary or summary_of(results))
    return stream.getvalue()


def check_golden(name: str, output: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "w", encoding="utf-8", newline="") as fh:
            fh.write(output)
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    with open(path, encoding="utf-8", newline="") as fh:  # keeps the CRLF of the csv file
        expected = fh.read()
    assert output == expected


def sarif_validator():
    from jsonschema import Draft202012Validator

    from claimcheck.ruleset import load_schema

    schema = load_schema("sarif-subset.schema.json")
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema)


# ----------------------------------------------------------------------------------
# golden files


@pytest.mark.parametrize("name", FORMATS)
def test_golden(name, results, docs):
    check_golden(f"{name}.{EXTENSIONS[name]}", render(name, results, docs))


@pytest.mark.parametrize("name", ("text", "concise"))
def test_golden_statistics(name, results, docs):
    output = render(name, results, docs, summary_of(results, baseline_unmatched=2, interrupted=True),
                    statistics=True, show_source=False)
    check_golden(f"{name}-statistics.txt", output)


def test_json_golden_matches_the_report_contract():
    from claimcheck.report import validate_report

    data = json.loads((GOLDEN / "json.json").read_text(encoding="utf-8"))
    assert validate_report(data) == []
    assert data["tool"] == {"name": "claimcheck", "version": "0.0.0-test"}
    assert [f["path"] for f in data["files"]] == list(SAMPLES)
    assert data["files"][0]["suppressed"] == 1
    assert data["files"][2]["error"] and data["files"][2]["findings"] == []


def test_sarif_golden_matches_the_subset_schema():
    data = json.loads((GOLDEN / "sarif.sarif").read_text(encoding="utf-8"))
    errors = [f"{e.json_path}: {e.message}" for e in sarif_validator().iter_errors(data)]
    assert errors == []
    assert data["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert data["version"] == "2.1.0"
    run = data["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    assert ids == sorted(set(ids))  # each rule once
    assert {r["ruleId"] for r in run["results"]} == set(ids)  # and only rules that were reported
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
        region = result["locations"][0]["physicalLocation"]["region"]
        assert min(region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) >= 1
        uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert uri in SAMPLES and "://" not in uri
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert [r["suppressions"] for r in suppressed] == [[{"kind": "inSource", "justification": "quoting a study"}]]
    notes = run["invocations"][0]["toolExecutionNotifications"]
    assert notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == SAMPLES[2]


def test_jsonl_golden_lines_parse():
    lines = (GOLDEN / "jsonl.jsonl").read_text(encoding="utf-8").splitlines()
    records = [json.loads(line) for line in lines]
    assert "summary" in records[-1] and records[-1]["summary"]["suppressed"] == 1
    assert records[-2] == {"path": SAMPLES[2], "error": "no such file"}
    assert all(r["path"] in SAMPLES[:2] and r["fingerprint"] for r in records[:-2])


# ----------------------------------------------------------------------------------
# the interface


def test_get_formatter_knows_every_format_and_rejects_others(docs):
    for name in FORMATS:
        assert get_formatter(name, io.StringIO(), OutputOptions("x"), docs).name == name
    assert get_formatter("SARIF", io.StringIO(), OutputOptions("x"), docs).name == "sarif"
    with pytest.raises(ValueError, match="unknown output format"):
        get_formatter("xml", io.StringIO(), OutputOptions("x"), docs)


@pytest.mark.parametrize("name", ("text", "concise", "jsonl", "csv", "github"))
def test_streaming_formats_write_each_file_when_added(name, results, docs):
    stream = io.StringIO()
    formatter = get_formatter(name, stream, OutputOptions("x", root=str(ROOT)), docs)
    formatter.start()
    formatter.add(results[0])
    assert "gvhd-stretch.txt" in stream.getvalue()


def test_document_formats_survive_the_caller_clearing_results(results, docs):
    """The CLI empties result.lines and claims after add(); json and sarif write at finish."""
    expected = render("sarif", copy.deepcopy(results), docs)
    stream = io.StringIO()
    formatter = get_formatter("sarif", stream, OutputOptions("0.0.0-test", root=str(ROOT)), docs)
    for result in results:
        formatter.add(result)
        result.lines, result.claims = {}, []
    formatter.finish(summary_of(results))
    assert stream.getvalue() == expected


# ----------------------------------------------------------------------------------
# colour


@pytest.mark.parametrize("name", FORMATS)
def test_no_colour_codes_without_color(name, results, docs):
    assert not ANSI.search(render(name, results, docs))


@pytest.mark.parametrize("name", ("text", "concise", "github"))
def test_colour_codes_with_color(name, results, docs):
    output = render(name, results, docs, color=True)
    assert "\x1b[31m" in output  # errors in red
    assert "\x1b[33m" in output  # warnings in yellow
    assert "\x1b[1mCC101\x1b[0m" in output  # rule ids in bold


@pytest.mark.parametrize("name", ("json", "jsonl", "sarif", "csv"))
def test_machine_formats_never_colour(name, results, docs):
    assert not ANSI.search(render(name, results, docs, color=True))


def test_text_with_colour_is_the_plain_text_plus_codes(results, docs):
    coloured = render("text", results, docs, color=True)
    plain = render("text", copy.deepcopy(results), docs)
    assert re.sub("\x1b\\[[0-9;]*m", "", coloured) == plain


# ----------------------------------------------------------------------------------
# hand-made findings


def finding(**changes) -> Finding:
    base = {"rule": "CC201", "name": "cure-claim", "severity": "error", "category": "certainty",
            "message": "'cure': the text speaks of a cure.", "start": 0, "end": 4, "line": 1, "column": 1,
            "end_line": 1, "end_column": 5, "text": "cure", "fingerprint": "0123456789abcdef0123"}
    base.update(changes)
    return Finding(**base)


def test_github_escaping(docs):
    f = finding(message="100% sure\r\nnext line: a, b", severity="warning")
    result = FileResult(path="dir:x/a,b%.txt", findings=[f])
    output = render("github", [result], docs)
    first = output.splitlines()[0]
    assert first == ("::warning file=dir%3Ax/a%2Cb%25.txt,line=1,col=1,endLine=1,endColumn=5,"
                     "title=claimcheck CC201 (cure-claim)::100%25 sure%0D%0Anext line: a, b")


def test_github_severity_commands_and_unreadable_files(docs):
    result = FileResult(path="a.txt", findings=[finding(severity="error"), finding(severity="warning"),
                                                finding(severity="info")])
    commands = [line.split(" ", 1)[0] for line in render("github", [result], docs).splitlines()
                if line.startswith("::")]
    assert commands == ["::error", "::warning", "::notice"]
    output = render("github", [FileResult(path="b, c.txt", error="not: readable")], docs)
    assert output.splitlines()[0] == "::error file=b%2C c.txt,title=claimcheck::cannot check: not: readable"


def test_github_fences_page_text_that_looks_like_a_workflow_command(docs):
    f = finding(text="::warning::cure", start=11, end=15, column=12, end_column=16)
    result = FileResult(path="a.txt", findings=[f], lines={1: "::warning::cure all"})
    lines = render("github", [result], docs).splitlines()
    start = lines.index("::stop-commands::TOKEN")
    end = lines.index("::TOKEN::")
    assert start < lines.index("    ::warning::cure all") < end
    plain = render("github", [FileResult(path="a.txt", findings=[finding()], lines={1: "cure all"})], docs)
    assert "stop-commands" not in plain


def test_csv_round_trips_a_newline_in_the_text(docs):
    f = finding(text="cure\nall", message='He said "cure",\nthen left', sources=("https://a", "https://b"))
    output = render("csv", [FileResult(path="p, q.txt", findings=[f])], docs)
    assert output.startswith("path,line,column,end_line,end_column,rule,")
    assert output.endswith("\r\n")
    rows = list(csv.reader(io.StringIO(output, newline="")))
    assert len(rows) == 2
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["path"] == "p, q.txt"
    assert row["text"] == "cure\nall"
    assert row["message"] == 'He said "cure",\nthen left'
    assert row["sources"] == "https://a https://b"
    assert row["line"] == "1" and row["rule"] == "CC201" and row["therapy"] == ""


def test_csv_unreadable_file_row(docs):
    rows = list(csv.reader(io.StringIO(render("csv", [FileResult(path="x.txt", error="binary file")], docs),
                                       newline="")))
    row = dict(zip(rows[0], rows[1], strict=True))
    assert row["path"] == "x.txt" and row["rule"] == "" and row["message"] == "cannot check: binary file"


def test_sarif_never_writes_a_zero_column_and_lists_each_rule_once(docs):
    findings = [finding(), finding(start=10, end=14, column=11, end_column=15),
                finding(rule="CC101", name="unproven-claim", column=0, end_column=0, line=0, end_line=0),
                finding(rule="CC999", name="from-a-newer-pack", severity="info")]
    data = json.loads(render("sarif", [FileResult(path="a.txt", findings=findings)], docs))
    assert sarif_validator().is_valid(data)
    run = data["runs"][0]
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == ["CC101", "CC201", "CC999"]
    # results in file order (offset, then rule); suppressed ones merged in
    assert [(r["ruleId"], r["ruleIndex"]) for r in run["results"]] == [
        ("CC101", 0), ("CC201", 1), ("CC999", 2), ("CC201", 1)]
    for result in run["results"]:
        region = result["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert region["endLine"] >= 1 and region["endColumn"] >= 1
    assert run["results"][2]["level"] == "note"  # info
    assert run["tool"]["driver"]["rules"][2]["defaultConfiguration"] == {"level": "note"}


def test_sarif_suppressions_and_paths(docs, tmp_path):
    inline = finding(suppressed="inline: quoting a study")
    baseline = finding(start=10, end=14, column=11, end_column=15, suppressed="baseline")
    outside = tmp_path / "my page.txt"
    results = [FileResult(path="docs/a page.txt", suppressed=[inline, baseline]),
               FileResult(path=str(ROOT / "samples" / "x.txt"), findings=[finding()]),
               FileResult(path=str(outside), findings=[finding()])]
    run = json.loads(render("sarif", results, docs))["runs"][0]
    assert [r["suppressions"] for r in run["results"][:2]] == [
        [{"kind": "inSource", "justification": "quoting a study"}],
        [{"kind": "external", "justification": "baseline"}]]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locations[0] == {"uri": "docs/a%20page.txt", "uriBaseId": "%SRCROOT%"}
    assert locations[2] == {"uri": "samples/x.txt", "uriBaseId": "%SRCROOT%"}
    assert locations[3]["uri"].endswith("/my%20page.txt") and "uriBaseId" not in locations[3]
    assert all(not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", loc["uri"]) for loc in locations)


def test_sarif_interrupted_run(results, docs):
    data = json.loads(render("sarif", results, docs, summary_of(results, interrupted=True)))
    invocation = data["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert any("interrupted" in n["message"]["text"] for n in invocation["toolExecutionNotifications"])


def test_relative_uri_path():
    assert relative_uri_path(str(ROOT / "samples" / "a.txt"), str(ROOT)) == ("samples/a.txt", True)
    assert relative_uri_path("samples/a.txt", str(ROOT)) == ("samples/a.txt", True)
    assert relative_uri_path("/elsewhere/a.txt", str(ROOT)) == ("/elsewhere/a.txt", False)
    assert relative_uri_path("<stdin>", str(ROOT)) == ("<stdin>", False)


def test_concise_is_one_line_per_finding(docs):
    f = finding(message="two\nlines\x1b[31m")
    output = render("concise", [FileResult(path="a.txt", findings=[f, f])], docs)
    lines = output.splitlines()
    assert lines[:2] == ["a.txt:1:1: CC201 error two lines\ufffd[31m"] * 2
    assert lines[2].startswith("1 file checked: 2 errors")
    assert len(lines) == 3


def test_jsonl_escapes_unicode_line_separators(docs):
    f = finding(text="cure\u2028all", end=9, end_column=10)
    output = render("jsonl", [FileResult(path="a.txt", findings=[f])], docs)
    assert len(output.splitlines()) == 2  # str.splitlines splits at U+2028 too
    assert json.loads(output.splitlines()[0])["text"] == "cure\u2028all"


# ----------------------------------------------------------------------------------
# text underline


def underline_of(output: str, source: str) -> tuple[str, str]:
    lines = output.splitlines()
    index = lines.index("    " + source)
    return lines[index], lines[index + 1]


def test_text_underline_crlf_tab_and_emoji(checker, docs, tmp_path):
    page = tmp_path / "crlf.txt"
    page.write_bytes("Clinic news\r\n\r\n\U0001F600\tOur stem cells cure autism.\r\n".encode("utf-8"))
    result = checker.check_one(str(page))
    claim = next(f for f in result.findings if f.rule == "CC101")
    cure = next(f for f in result.findings if f.rule == "CC201")
    # columns count code points: the emoji and the tab are one column each, no \r counted
    assert (claim.line, claim.column, claim.end_column) == (3, 1, 30)
    assert (cure.line, cure.column, cure.end_column) == (3, 18, 22)
    output = render("text", [result], docs)
    assert "\r" not in output and "\t" not in output
    shown = "\U0001F600    Our stem cells cure autism."  # the tab as four spaces
    lines = output.splitlines()
    at = [i for i, line in enumerate(lines) if line == "    " + shown]
    assert len(at) == 2
    # on screen the emoji takes two cells, the tab four: "cure" starts at cell 2+4+15
    claim_line, cure_line = lines[at[0] + 1], lines[at[1] + 1]
    assert claim_line == "    " + "~" * 26 + "^" * 6 + "~"
    assert cure_line == "    " + " " * 21 + "~~~~"
    sarif = json.loads(render("sarif", [result], docs))["runs"][0]["results"]
    assert [r["locations"][0]["physicalLocation"]["region"]["startColumn"] for r in sarif] == [1, 18]


def test_underline_with_combining_accent_and_wide_characters():
    shown, underline = source_excerpt("cafe\u0301 \u6cbb\u7642 cure", 9, 13)
    assert shown == "cafe\u0301 \u6cbb\u7642 cure"
    assert underline == " " * 4 + " " + " " * 4 + " " + "~~~~"  # é is one cell, each CJK char two


def test_underline_condition_and_span_past_the_line_end():
    line = "Our stem cells treat autism and"
    shown, underline = source_excerpt(line, 4, len(line), focus=(21, 27))
    assert shown == line
    assert underline == "    " + "~" * 17 + "^" * 6 + "~" * 4
    _, underline = source_excerpt("abc", 3, 3)  # an empty span at the line end
    assert underline == "   ^"


def test_long_line_is_trimmed_around_the_finding():
    line = "x" * 200 + " stem cells cure autism " + "y" * 200
    start = line.index("stem")
    shown, underline = source_excerpt(line, start, start + 22, focus=(start + 16, start + 22))
    assert shown.startswith("…") and shown.endswith("…") and len(shown) <= 120
    assert "stem cells cure autism" in shown
    assert underline.index("~") == shown.index("stem")
    assert underline.index("^") == shown.index("autism")
    # a finding longer than the window: the condition near its end stays visible
    long_span = "stem cells " + "z" * 150 + " cure autism" + " tail" * 30
    shown, underline = source_excerpt(long_span, 0, long_span.index(" tail"),
                                      focus=(long_span.index("autism"), long_span.index("autism") + 6))
    assert "autism" in shown and underline.index("^") == shown.index("autism")


def test_text_without_source(results, docs):
    output = render("text", results, docs, show_source=False)
    assert "~" not in output and "^" not in output
    assert "  8:52   error    CC601  false-fda-approval" in output.splitlines()  # padded to "10:62"


def test_text_neutralises_control_characters(docs):
    f = finding(message="cure \x1b]0;title\x07")
    output = render("text", [FileResult(path="a\x1b.txt", findings=[f], lines={1: "cure\x1b[2J all"})], docs)
    assert "\x1b" not in output and "\x07" not in output


# ----------------------------------------------------------------------------------
# summary and statistics


def test_statistics_counts(results):
    stats = statistics(results)
    assert stats == {
        # the correctly stated Ryoncil sentence of gvhd-stretch.txt is the one CC107
        "by_rule": {"CC101 unproven-claim": 4, "CC103 approval-stretch": 3, "CC601 false-fda-approval": 2,
                    "CC107 approved-use": 1},
        "by_condition": {"gvhd": 3, "lupus": 1, "multiple-sclerosis": 1, "parkinsons-disease": 1,
                         "rheumatoid-arthritis": 1, "sr-agvhd": 1},
        "by_file": {"samples/gvhd-stretch.txt": 6, "samples/entities-and-alt.html": 4},
    }
    assert list(stats["by_rule"].values()) == [4, 3, 2, 1]


def test_statistics_ignore_suppressed_and_sort_ties_by_key():
    a = FileResult(path="b.txt", findings=[finding(), finding(rule="CC101", name="unproven-claim")],
                   suppressed=[finding(rule="CC301", name="x", suppressed="baseline")])
    b = FileResult(path="a.txt", findings=[finding(condition=ConditionRef("autism", "autism", "neuro", "autism"))])
    stats = statistics([a, b])
    assert list(stats["by_rule"].items()) == [("CC201 cure-claim", 2), ("CC101 unproven-claim", 1)]
    assert stats["by_condition"] == {"autism": 1}
    assert list(stats["by_file"].items()) == [("b.txt", 2), ("a.txt", 1)]


def test_summary_line():
    summary = {"files": 1, "files_failed": 0, "by_severity": {"error": 1, "warning": 0, "info": 2}}
    assert summary_line(summary, 0) == "1 file checked: 1 error, 0 warnings, 2 info"
    summary.update(files=3, files_failed=1, interrupted=True, baseline_unmatched=1)
    assert summary_line(summary, 2) == ("3 files checked (1 unreadable): 1 error, 0 warnings, 2 info, "
                                        "2 suppressed, 1 baseline entry unmatched; run interrupted")


def test_sarif_subset_schema_rejects_what_github_rejects(results, docs):
    validator = sarif_validator()
    good = json.loads(render("sarif", results, docs))
    assert validator.is_valid(good)

    def broken(change):
        data = copy.deepcopy(good)
        change(data["runs"][0])
        return validator.is_valid(data)

    def region(run):
        return run["results"][0]["locations"][0]["physicalLocation"]["region"]

    def artifact(run):
        return run["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]

    assert not broken(lambda run: region(run).update(startColumn=0))
    assert not broken(lambda run: region(run).update(startLine=0))
    assert not broken(lambda run: region(run).update(startcolumn=3))  # misspelt key
    assert not broken(lambda run: artifact(run).update(uri="git://host/samples/a.txt"))
    assert not broken(lambda run: artifact(run).update(uri="file:///abs/samples/a.txt"))
    assert not broken(lambda run: run["results"][0].update(level="info"))
    assert not broken(lambda run: run["results"][0].update(partialFingerprints={"claimcheck/v1": 1}))
    assert not broken(lambda run: run["results"][1].update(suppressions=[{"kind": "inline"}]))
    assert not broken(lambda run: run["tool"]["driver"].pop("name"))
    assert not broken(lambda run: run["results"][0]["message"].pop("text"))


def test_underline_on_a_huge_single_line_is_fast_and_placed():
    import time

    line = "<p>" + "x " * 400_000 + "stem cells cure autism" + " y" * 400_000
    start = line.index("stem")
    began = time.perf_counter()
    for _ in range(50):
        shown, underline = source_excerpt(line, start, start + 22, focus=(start + 16, start + 22))
    assert time.perf_counter() - began < 1.0
    assert shown.startswith("…") and shown.endswith("…") and len(shown) <= 120
    assert underline.index("~") == shown.index("stem") and underline.index("^") == shown.index("autism")
