"""The command line, driven with click's CliRunner, plus the installed console script
in a real subprocess."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner
from jsonschema import Draft202012Validator

from claimcheck.cli import cli
from claimcheck.report import validate_report
from claimcheck.ruleset import load_schema

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
CLAIM = "Our umbilical cord stem cells cure autism.\n"
HEDGED = "Exosome therapy may help hair loss.\n"


@pytest.fixture()
def runner():
    return CliRunner()


@pytest.fixture()
def site(tmp_path, monkeypatch):
    """A small website folder, used as the working directory (no config above it)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "claim.txt").write_text(CLAIM, encoding="utf-8")
    (tmp_path / "pages" / "hedged.md").write_text("# Hair\n\n" + HEDGED, encoding="utf-8")
    (tmp_path / "pages" / "clean.html").write_text("<p>Opening hours: 9 to 5.</p>", encoding="utf-8")
    (tmp_path / "pages" / "notes.json").write_text('{"claim": "stem cells cure autism"}', encoding="utf-8")
    return tmp_path


def run(runner, *args, input=None):
    return runner.invoke(cli, list(args), input=input, catch_exceptions=False)


# ---- check and scan ------------------------------------------------------------------

def test_check_file_reports_and_fails(runner, site):
    result = run(runner, "check", "pages/claim.txt")
    assert result.exit_code == 1
    assert "CC101" in result.stdout and "autism" in result.stdout
    assert "1 file" in result.stdout


def test_check_stdin_with_filename(runner, site):
    html = "<p>Stem cells &amp; exosomes cure autism.</p>"
    result = run(runner, "check", "-", "--stdin-filename", "pasted.html", "--format", "json", input=html)
    data = json.loads(result.stdout)
    (file,) = data["files"]
    assert file["path"] == "pasted.html" and file["format"] == "html"
    finding = next(f for f in file["findings"] if f["rule"] == "CC101")
    assert finding["text"] == "Stem cells &amp; exosomes cure autism."
    assert (finding["line"], finding["column"]) == (1, 4)


def test_scan_recurses_with_include_exclude_and_skips_hidden(runner, site):
    (site / "pages" / "drafts").mkdir()
    (site / "pages" / "drafts" / "old.txt").write_text(CLAIM, encoding="utf-8")
    (site / "pages" / ".git").mkdir()
    (site / "pages" / ".git" / "x.txt").write_text(CLAIM, encoding="utf-8")
    data = json.loads(run(runner, "scan", "pages", "--format", "json").stdout)
    paths = sorted(Path(f["path"]).as_posix() for f in data["files"])
    assert paths == ["pages/claim.txt", "pages/clean.html", "pages/drafts/old.txt", "pages/hedged.md"]
    data = json.loads(run(runner, "scan", "pages", "--format", "json", "--exclude", "drafts/**",
                          "--include", "*.txt").stdout)
    assert [Path(f["path"]).as_posix() for f in data["files"]] == ["pages/claim.txt"]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_scan_never_follows_a_symlink_loop(runner, site):
    os.symlink("..", site / "pages" / "loop")
    data = json.loads(run(runner, "scan", "pages", "--format", "json").stdout)
    assert len(data["files"]) == 3


def test_unreadable_file_is_reported_and_the_batch_goes_on(runner, site):
    (site / "pages" / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    result = run(runner, "check", "pages/image.txt", "pages/missing.txt", "pages/claim.txt")
    assert result.exit_code == 1
    assert "pages/image.txt" in result.stdout and "PNG" in result.stdout
    assert "pages/missing.txt" in result.stdout
    assert "CC101" in result.stdout
    assert "2 unreadable" in result.stdout


# ---- output formats ----------------------------------------------------------------------

def test_json_matches_the_contract(runner, site):
    data = json.loads(run(runner, "check", "pages/claim.txt", "pages/hedged.md", "--format", "json").stdout)
    assert validate_report(data) == []
    assert data["summary"]["by_severity"]["error"] >= 1


def test_jsonl_streams_one_finding_per_line(runner, site):
    lines = run(runner, "check", "pages/claim.txt", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert records[-1].keys() == {"summary"}
    assert all(r["path"] == "pages/claim.txt" for r in records[:-1])
    assert {r["rule"] for r in records[:-1]} >= {"CC101", "CC201"}


def test_sarif_validates(runner, site):
    data = json.loads(run(runner, "check", "pages/claim.txt", "pages/hedged.md", "--format", "sarif").stdout)
    Draft202012Validator(load_schema("sarif-subset.schema.json")).validate(data)
    run_ = data["runs"][0]
    ids = [r["id"] for r in run_["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids))
    assert {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run_["results"]} == \
        {"pages/claim.txt", "pages/hedged.md"}


def test_csv_rows(runner, site):
    rows = list(csv.DictReader(io.StringIO(run(runner, "check", "pages/claim.txt", "--format", "csv").stdout)))
    assert {r["rule"] for r in rows} >= {"CC101", "CC201"}
    assert all(r["path"] == "pages/claim.txt" for r in rows)


def test_concise_and_github(runner, site):
    concise = run(runner, "check", "pages/claim.txt", "--format", "concise").stdout.splitlines()
    assert any(line.startswith("pages/claim.txt:1:1: CC101 error ") for line in concise)
    github = run(runner, "check", "pages/claim.txt", "--format", "github").stdout
    assert "::error file=pages/claim.txt,line=1,col=1," in github
    assert "CC101" in github.split("::error", 1)[0] or "CC101" in github


def test_output_file_is_written_whole(runner, site):
    result = run(runner, "check", "pages/claim.txt", "--format", "json", "--output", "report.json")
    assert result.exit_code == 1 and result.stdout == ""
    assert validate_report(json.loads((site / "report.json").read_text(encoding="utf-8"))) == []
    assert [p.name for p in site.iterdir() if p.name.startswith(".report.json")] == []


def test_no_colour_when_not_a_terminal_or_no_color(runner, site, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b[" not in run(runner, "check", "pages/claim.txt").stdout


def test_statistics(runner, site):
    out = run(runner, "check", "pages/claim.txt", "pages/hedged.md", "--statistics").stdout
    assert "CC101" in out and "autism" in out and "pages/claim.txt" in out


# ---- selection, thresholds, exit codes ---------------------------------------------------------

@pytest.mark.parametrize("args, code", [
    ((), 1),
    (("--fail-on", "never"), 0),
    (("--exit-zero",), 0),
    (("--fail-on", "error"), 0),  # the hedged page has warnings only
    (("--fail-on", "warning"), 1),
])
def test_fail_on(runner, site, args, code):
    assert run(runner, "check", "pages/hedged.md", *args).exit_code == code


def test_select_ignore_and_min_severity(runner, site):
    def rules(*args):
        data = json.loads(run(runner, "check", "pages/claim.txt", "--format", "json", *args).stdout)
        return {f["rule"] for f in data["files"][0]["findings"]}

    everything = rules()
    assert {"CC101", "CC201"} <= everything
    assert rules("--select", "CC2") == {r for r in everything if r.startswith("CC2")}
    assert "CC201" not in rules("--ignore", "cure-claim")
    assert rules("--select", "CC1", "--ignore", "CC110") == {r for r in everything if r.startswith("CC1")} - {"CC110"}
    assert rules("--select", "CC1,CC201") == {r for r in everything if r.startswith("CC1") or r == "CC201"}
    hedged = json.loads(run(runner, "check", "pages/hedged.md", "--format", "json", "--min-severity", "error").stdout)
    assert hedged["files"][0]["findings"] == []


def test_unknown_selector_is_a_usage_error(runner, site):
    result = run(runner, "check", "pages/claim.txt", "--select", "CC999")
    assert result.exit_code == 2 and "CC999" in result.stderr


def test_bad_option_is_exit_2(runner, site):
    assert run(runner, "check", "pages/claim.txt", "--format", "yaml").exit_code == 2


def test_jobs_give_the_same_results(runner, site):
    one = json.loads(run(runner, "scan", "pages", "--format", "json", "--jobs", "1").stdout)
    two = json.loads(run(runner, "scan", "pages", "--format", "json", "--jobs", "2").stdout)
    assert one["files"] == two["files"]


def test_interrupt_stops_cleanly_with_a_partial_summary(runner, site, monkeypatch):
    import claimcheck.parallel as parallel

    real = parallel.check_files

    def interrupted(paths, **kwargs):
        for index, result in enumerate(real(paths, **kwargs)):
            if index == 1:
                raise KeyboardInterrupt
            yield result

    monkeypatch.setattr(parallel, "check_files", interrupted)
    result = runner.invoke(cli, ["scan", "pages", "--format", "json"])
    assert result.exit_code == 130
    data = json.loads(result.stdout)
    assert len(data["files"]) == 1
    assert "interrupted" in result.stderr


def test_rule_pack_option(runner, site):
    pack = site / "pack"
    pack.mkdir()
    (pack / "c.yaml").write_text(textwrap.dedent("""\
        kind: conditions
        conditions:
          - id: chronic-hiccups
            name: chronic hiccups
            category: general
            synonyms: [chronic hiccups]
        """), encoding="utf-8")
    (site / "pages" / "hiccups.txt").write_text("Stem cells cure chronic hiccups.", encoding="utf-8")
    out = run(runner, "check", "pages/hiccups.txt", "--rules", "pack", "--format", "json").stdout
    assert any(f["condition"] and f["condition"]["id"] == "chronic-hiccups" for f in json.loads(out)["files"][0]["findings"])


# ---- configuration ---------------------------------------------------------------------

def test_config_file_and_command_line_precedence(runner, site):
    (site / ".claimcheck.toml").write_text('fail-on = "never"\nignore = ["CC2"]\n', encoding="utf-8")
    result = run(runner, "check", "pages/claim.txt", "--format", "json")
    assert result.exit_code == 0
    assert not any(f["rule"].startswith("CC2") for f in json.loads(result.stdout)["files"][0]["findings"])
    assert run(runner, "check", "pages/claim.txt", "--fail-on", "error").exit_code == 1
    assert run(runner, "check", "pages/claim.txt", "--isolated").exit_code == 1
    shown = run(runner, "config", "show").stdout
    assert ".claimcheck.toml" in shown and "fail_on" in shown.replace("-", "_")


def test_pyproject_config_found_upwards(runner, site, monkeypatch):
    (site / "pyproject.toml").write_text('[project]\nname = "site"\n\n[tool.claimcheck]\nfail-on = "never"\n',
                                         encoding="utf-8")
    monkeypatch.chdir(site / "pages")
    assert run(runner, "check", "claim.txt").exit_code == 0


def test_invalid_config_names_the_file(runner, site):
    (site / ".claimcheck.toml").write_text('fail-on = "sometimes"\n', encoding="utf-8")
    result = run(runner, "check", "pages/claim.txt")
    assert result.exit_code == 2
    assert ".claimcheck.toml" in result.stderr and "fail-on" in result.stderr


# ---- suppression and baseline -------------------------------------------------------------

def test_inline_suppression_and_unused_directive(runner, site):
    page = site / "pages" / "suppressed.html"
    page.write_text("<!-- claimcheck: ignore CC101, CC201 reason: quoting a court filing -->\n"
                    "<p>Our umbilical cord stem cells cure autism.</p>\n"
                    "<!-- claimcheck: ignore CC204 -->\n<p>Opening hours 9 to 5.</p>\n", encoding="utf-8")
    data = json.loads(run(runner, "check", "pages/suppressed.html", "--format", "json").stdout)
    file = data["files"][0]
    rules = [f["rule"] for f in file["findings"]]
    assert "CC101" not in rules and "CC201" not in rules
    assert "CC901" in rules  # the second comment hides nothing
    assert file["suppressed"] >= 2
    data = json.loads(run(runner, "check", "pages/suppressed.html", "--format", "json", "--no-directives").stdout)
    assert "CC101" in [f["rule"] for f in data["files"][0]["findings"]]


def test_baseline_write_then_use(runner, site):
    assert run(runner, "scan", "pages", "--write-baseline", "baseline.json").exit_code == 0
    assert json.loads((site / "baseline.json").read_text(encoding="utf-8"))["entries"]
    # a new paragraph above the claim shifts its line: still known
    (site / "pages" / "claim.txt").write_text("Welcome to our clinic.\n\n" + CLAIM, encoding="utf-8")
    assert run(runner, "scan", "pages", "--baseline", "baseline.json").exit_code == 0
    (site / "pages" / "new.txt").write_text("Stem cells cure lupus.\n", encoding="utf-8")
    result = run(runner, "scan", "pages", "--baseline", "baseline.json", "--format", "concise")
    assert result.exit_code == 1 and "lupus" in result.stdout and "autism" not in result.stdout


# ---- rules, explain, schema -------------------------------------------------------------------

def test_rules_list_filters(runner):
    out = run(runner, "rules", "list", "--condition", "autism").stdout
    assert "all-stem-cells-autism" in out and "us-ryoncil" not in out
    out = run(runner, "rules", "list", "--jurisdiction", "JP", "--therapy", "temcell").stdout
    assert "jp-temcell-acute-gvhd" in out
    data = json.loads(run(runner, "rules", "list", "--format", "json").stdout)
    assert {"CC101", "CC201", "CC901"} <= {r["id"] for r in data["rules"]}
    assert run(runner, "rules", "list", "--condition", "no-such-thing").exit_code == 2


def test_rules_validate(runner, tmp_path):
    good = tmp_path / "good"
    good.mkdir()
    (good / "flags.yaml").write_text(textwrap.dedent("""\
        kind: red-flags
        rules:
          - id: CC851
            name: miracle-word
            title: Miracle language
            category: marketing
            severity: warning
            message: "'{match}': miracle language."
            rationale: Miracle language promises what no treatment can.
            sources: [https://example.org/policy]
            patterns:
              - phrases: [miracle]
            examples:
              flag: ["Stem cells are a miracle for knees."]
              pass: ["Stem cells are studied for knees."]
        """), encoding="utf-8")
    result = run(runner, "rules", "validate", str(good))
    assert result.exit_code == 0 and "ok" in result.stdout
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "flags.yaml").write_text("kind: red-flags\nrules:\n  - id: CC852\n    name: Bad Name\n", encoding="utf-8")
    result = run(runner, "rules", "validate", str(bad))
    assert result.exit_code == 2
    assert re.search(r"flags\.yaml:[34]:\d+: \$\.rules\[0\]", result.stderr), result.stderr


def test_explain(runner):
    out = run(runner, "explain", "CC201").stdout
    assert "cure-claim" in out and "Sources:" in out and "Flagged:" in out
    assert run(runner, "explain", "unproven-claim").stdout.startswith("CC101")
    assert run(runner, "explain", "CC000").exit_code == 2


@pytest.mark.parametrize("name", ["report", "config", "rules", "sarif", "evidence"])
def test_schema(runner, name):
    data = json.loads(run(runner, "schema", name).stdout)
    schemas = data.values() if name == "rules" else [data]
    for schema in schemas:
        Draft202012Validator.check_schema(schema)


# ---- without spaCy; the installed command ---------------------------------------------------------

def test_version_help_and_explain_do_not_load_spacy():
    code = textwrap.dedent("""\
        import sys
        from claimcheck.cli import main
        for args in (["--version"], ["--help"], ["explain", "CC101"], ["schema", "report"]):
            try:
                main(args)
            except SystemExit as exit:
                assert not exit.code, (args, exit.code)
        print("spacy loaded:", "spacy" in sys.modules, file=sys.stderr)
        """)
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert "spacy loaded: False" in result.stderr


def test_installed_console_script_on_samples(tmp_path):
    script = Path(sys.executable).with_name("claimcheck")
    if not script.exists():
        pytest.skip("console script not installed next to this Python")
    result = subprocess.run([str(script), "scan", str(SAMPLES), "--format", "json", "--quiet"],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    data = json.loads(result.stdout)
    assert validate_report(data) == []
    assert len(data["files"]) == len([p for p in SAMPLES.iterdir() if p.suffix in (".txt", ".md", ".html")])
    assert data["summary"]["by_severity"]["error"] > 0
    module = subprocess.run([sys.executable, "-m", "claimcheck", "--version"], capture_output=True, text=True)
    assert module.returncode == 0 and "claimcheck" in module.stdout


def test_output_does_not_depend_on_hash_seed(tmp_path):
    """Evidence choice and ordering must not follow set order, which changes between
    processes (the --jobs workers are separate processes)."""
    outputs = []
    for seed in ("0", "1", "3"):  # 0 and 3 differed from 1 before evidence choice stopped following set order
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = subprocess.run([sys.executable, "-m", "claimcheck", "scan", str(SAMPLES), "--format", "json",
                                 "--quiet"], capture_output=True, text=True, env=env, cwd=tmp_path)
        outputs.append(json.loads(result.stdout))
    assert outputs[0] == outputs[1] == outputs[2]


def test_no_show_source_and_quiet(runner, site):
    with_source = run(runner, "check", "pages/claim.txt").stdout
    without = run(runner, "check", "pages/claim.txt", "--no-show-source", "--quiet").stdout
    assert CLAIM.strip() in with_source
    assert CLAIM.strip() not in without and "CC101" in without


def test_extend_select_adds_to_the_configured_selection(runner, site):
    (site / ".claimcheck.toml").write_text('select = ["CC1"]\n', encoding="utf-8")

    def rules(*args):
        data = json.loads(run(runner, "check", "pages/claim.txt", "--format", "json", *args).stdout)
        return {f["rule"] for f in data["files"][0]["findings"]}

    assert rules() and all(r.startswith("CC1") for r in rules())
    assert "CC201" in rules("--extend-select", "CC201")
    assert all(r.startswith("CC1") for r in rules("--extend-select", "CC201")) is False


def test_explicit_config_file(runner, site):
    settings = site / "strict.toml"
    settings.write_text('min-severity = "error"\n', encoding="utf-8")
    data = json.loads(run(runner, "check", "pages/hedged.md", "--format", "json", "--config", str(settings)).stdout)
    assert data["files"][0]["findings"] == []
    assert "strict.toml" in run(runner, "config", "show", "--config", str(settings)).stdout
