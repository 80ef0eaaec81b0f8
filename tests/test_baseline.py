"""Baselines written from real checks and matched again after the pages change."""

from __future__ import annotations

import json
import os
import stat

import pytest

from claimcheck.baseline import Baseline, baseline_path_key, write_baseline
from claimcheck.config import ConfigError
from claimcheck.models import FileResult

PAGE = [
    "<h1>Regenerative Wellness</h1>",
    "<p>Our MSC infusions cure autism.</p>",                      # CC101 + CC201
    "<p>Stem cell therapy reverses multiple sclerosis.</p>",      # CC101
    "<p>Exosome therapy may help hair loss.</p>",                 # CC102
]


def html(lines: list[str]) -> str:
    return "\n".join(lines) + "\n"


@pytest.fixture()
def site(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture()
def check(checker):
    def run(lines: list[str], path: str = "site/index.html") -> FileResult:
        return checker.check_text(html(lines), path).files[0]

    return run


def test_write_baseline_file_format(site, check):
    result = check(PAGE)
    assert sorted(f.rule for f in result.findings) == ["CC101", "CC101", "CC102", "CC201"]
    count = write_baseline(site / "baseline.json", [result, check(["<p>Opening hours 9 to 5.</p>"], "site/a.html")])
    assert count == 4
    data = json.loads((site / "baseline.json").read_text(encoding="utf-8"))
    assert data["version"] == 1 and data["tool"] == "claimcheck"
    entries = data["entries"]
    assert entries == sorted(entries, key=lambda e: (e["path"], e["rule"], e["fingerprint"]))
    assert {e["path"] for e in entries} == {"site/index.html"}
    assert [e["rule"] for e in entries] == ["CC101", "CC101", "CC102", "CC201"]
    assert {e["fingerprint"] for e in entries} == {f.fingerprint for f in result.findings}
    assert {e["text"] for e in entries} >= {"Our MSC infusions cure autism.", "cure"}
    assert all(set(e) == {"path", "rule", "fingerprint", "text"} for e in entries)
    assert not [p for p in os.listdir(site) if p.endswith(".tmp")]


def test_long_texts_are_shortened_for_people(site, check):
    long_claim = "<p>Our MSC infusions " + "really and truly " * 8 + "cure autism.</p>"
    write_baseline(site / "b.json", [check([long_claim])])
    texts = [e["text"] for e in json.loads((site / "b.json").read_text(encoding="utf-8"))["entries"]]
    assert max(len(t) for t in texts) == 80 and any(t.endswith("...") for t in texts)


def test_inserted_paragraph_shifts_lines_but_everything_still_matches(site, check):
    before = check(PAGE)
    write_baseline(site / "baseline.json", [before])
    after = check(PAGE[:1] + ["<p>Welcome to our clinic.</p>", "<p>We are open every day.</p>"] + PAGE[1:])
    assert [f.line for f in after.findings] == [f.line + 2 for f in before.findings]
    baseline = Baseline.load(site / "baseline.json")
    filtered = baseline.filter(after)
    assert filtered.findings == []
    assert len(filtered.suppressed) == 4 and {f.suppressed for f in filtered.suppressed} == {"baseline"}
    assert baseline.unmatched() == []
    assert after.findings and len(after.suppressed) == 0  # the input result is left as it was


def test_changed_claim_is_new_and_its_old_entry_unmatched(site, check):
    write_baseline(site / "baseline.json", [check(PAGE)])
    changed = list(PAGE)
    changed[2] = "<p>Stem cell therapy reverses Parkinson's disease.</p>"
    baseline = Baseline.load(site / "baseline.json")
    filtered = baseline.filter(check(changed))
    (new,) = filtered.findings
    assert new.rule == "CC101" and "Parkinson" in new.text and new.line == 3
    assert len(filtered.suppressed) == 3
    (fixed,) = baseline.unmatched()
    assert fixed["rule"] == "CC101" and fixed["path"] == "site/index.html"
    assert fixed["text"] == "Stem cell therapy reverses multiple sclerosis."


def test_duplicate_sentences_match_one_to_one(site, check):
    claim = "<p>Our MSC infusions cure autism.</p>"
    write_baseline(site / "baseline.json", [check([claim, claim])])   # 2 x (CC101 + CC201)
    baseline = Baseline.load(site / "baseline.json")
    assert len(baseline) == 4
    filtered = baseline.filter(check([claim, claim, claim]))
    assert sorted(f.rule for f in filtered.findings) == ["CC101", "CC201"]    # the third copy is new
    assert [f.line for f in filtered.findings] == [3, 3]
    assert len(filtered.suppressed) == 4 and baseline.unmatched() == []
    # one copy fewer than recorded: one pair of entries is left over
    baseline = Baseline.load(site / "baseline.json")
    filtered = baseline.filter(check([claim]))
    assert filtered.findings == [] and len(filtered.suppressed) == 2
    assert sorted(e["rule"] for e in baseline.unmatched()) == ["CC101", "CC201"]


def test_an_entry_matches_at_most_one_finding_even_when_listed_twice(site, check):
    result = check(PAGE[:2])
    write_baseline(site / "baseline.json", [result])
    data = json.loads((site / "baseline.json").read_text(encoding="utf-8"))
    data["entries"].append(dict(data["entries"][0]))
    (site / "baseline.json").write_text(json.dumps(data), encoding="utf-8")
    baseline = Baseline.load(site / "baseline.json")
    assert baseline.filter(result).findings == []
    assert baseline.unmatched() == [data["entries"][0]]  # the copy is spare
    # the same page once more: only the spare CC101 entry is left to match
    assert [f.rule for f in baseline.filter(result).findings] == ["CC201"]
    assert baseline.unmatched() == []
    assert len(baseline.filter(result).findings) == len(result.findings)


def test_paths_relative_to_the_baseline_folder(site, check, monkeypatch):
    (site / "project" / "site").mkdir(parents=True)
    write_baseline(site / "project" / "baseline.json", [check(PAGE, "project/site/index.html")])
    entries = json.loads((site / "project" / "baseline.json").read_text(encoding="utf-8"))["entries"]
    assert {e["path"] for e in entries} == {"site/index.html"}
    # from another working directory, with the page named relatively or absolutely
    monkeypatch.chdir(site / "project" / "site")
    for name in ("index.html", str(site / "project" / "site" / "index.html")):
        baseline = Baseline.load(site / "project" / "baseline.json")
        assert baseline.filter(check(PAGE, name)).findings == []
    # a page elsewhere is a different page
    baseline = Baseline.load(site / "project" / "baseline.json")
    assert len(baseline.filter(check(PAGE, "../../index.html")).findings) == 4


def test_path_keys():
    assert baseline_path_key("/srv/www/site/a.html", "/srv/www/baseline.json") == "site/a.html"
    assert baseline_path_key("/srv/other/a.html", "/srv/www/baseline.json") == "/srv/other/a.html"
    assert baseline_path_key("/srv/www/../www/a.html", "/srv/www/b.json") == "a.html"


def test_rewriting_keeps_findings_the_old_baseline_hid_but_not_inline_ones(site, check):
    result = check(PAGE[:3] + ["<!-- claimcheck: ignore CC102 reason: research page -->"] + PAGE[3:])
    assert [f.rule for f in result.suppressed] == ["CC102"]
    count = write_baseline(site / "baseline.json", [result])
    assert count == 3
    first = (site / "baseline.json").read_text(encoding="utf-8")
    filtered = Baseline.load(site / "baseline.json").filter(result)
    assert filtered.findings == []
    assert write_baseline(site / "baseline.json", [filtered]) == 3
    assert (site / "baseline.json").read_text(encoding="utf-8") == first


def test_unreadable_files_add_nothing(site):
    write_baseline(site / "b.json", [FileResult(path="x.html", error="not text")])
    assert json.loads((site / "b.json").read_text(encoding="utf-8"))["entries"] == []
    baseline = Baseline.load(site / "b.json")
    errored = FileResult(path="x.html", error="not text")
    assert baseline.filter(errored) is errored


def test_unmatched_for_checked_files_only(site, check):
    write_baseline(site / "baseline.json", [check(PAGE), check(PAGE, "site/about.html")])
    baseline = Baseline.load(site / "baseline.json")
    baseline.filter(check(PAGE[:2]))
    assert len(baseline.unmatched()) == 4 + 2
    assert {e["path"] for e in baseline.unmatched(checked_only=True)} == {"site/index.html"}
    assert len(baseline.unmatched(checked_only=True)) == 2


def test_write_is_atomic_and_keeps_a_normal_file_mode(site, check):
    target = site / "baseline.json"
    write_baseline(target, [check(PAGE)])
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o666 & ~umask
    target.chmod(0o640)
    assert write_baseline(target, [check(PAGE[:2])]) == 2
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert sorted(os.listdir(site)) == ["baseline.json"]


def test_write_into_a_missing_folder_is_a_config_error(site):
    with pytest.raises(ConfigError, match="cannot write the baseline file"):
        write_baseline(site / "missing" / "b.json", [])


@pytest.mark.parametrize("content, expected", [
    (None, "baseline file not found"),
    ("{not json", "invalid JSON"),
    ("[]", "expected a JSON object"),
    ('{"version": 2, "tool": "claimcheck", "entries": []}', "unsupported baseline version 2"),
    ('{"tool": "claimcheck", "entries": []}', "unsupported baseline version None"),
    ('{"version": 1, "tool": "ruff", "entries": []}', "not a claimcheck baseline"),
    ('{"version": 1, "tool": "claimcheck", "entries": {}}', "entries: expected a list"),
    ('{"version": 1, "tool": "claimcheck", "entries": [{"path": "a", "rule": "CC101"}]}',
     "entries[0]: expected a non-empty text for 'fingerprint'"),
])
def test_load_errors_name_the_file_and_the_problem(site, content, expected):
    path = site / "baseline.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Baseline.load(path)
    assert str(info.value).startswith(str(path)) and expected in str(info.value)


def test_invalid_json_names_line_and_column(site):
    path = site / "baseline.json"
    path.write_text('{\n  "version": 1,\n  "entries": [,]\n}\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        Baseline.load(path)
    assert (info.value.line, info.value.column) == (3, 15)
