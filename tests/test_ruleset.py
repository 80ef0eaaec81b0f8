"""The rule set: shipped files validate, broken files fail with file, place and
expectation, packs extend and override."""

from __future__ import annotations

import json
import textwrap
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from claimcheck.errors import RuleError
from claimcheck.ruleset import KINDS, builtin_rules_dir, load_ruleset, load_schema

SCHEMAS = sorted(p.name for p in (Path(__file__).parent.parent / "claimcheck" / "schemas").glob("*.json"))


@pytest.mark.parametrize("name", SCHEMAS)
def test_schemas_are_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(load_schema(name))


def test_shipped_rules_load():
    rs = load_ruleset()
    assert len(rs.conditions) >= 60
    assert len(rs.therapies) >= 20
    assert len(rs.evidence) >= 40
    assert {r.id for r in rs.claim_rules.values()} >= {"CC101", "CC102", "CC103", "CC107", "CC110"}
    assert builtin_rules_dir().is_dir()


def test_every_evidence_entry_is_sourced_and_reviewed():
    for entry in load_ruleset().evidence:
        assert entry.sources and all(s.startswith(("http://", "https://")) for s in entry.sources), entry.id
        assert entry.reviewed and entry.summary


def test_no_synonym_names_two_concepts():
    from claimcheck.matching import term_variants

    rs = load_ruleset()
    for concepts, kind in ((rs.therapies, "therapy"), (rs.conditions, "condition")):
        owner: dict[str, str] = {}
        for concept in concepts.values():
            for synonym in concept.synonyms:
                for variant in term_variants(synonym, kind, concept.no_plural):
                    key = variant.lower()
                    other = owner.setdefault(key, concept.id)
                    assert other == concept.id, f"{variant!r} names both {other} and {concept.id}"


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def test_wrong_value_names_file_line_and_expectation(tmp_path):
    write(tmp_path, "bad.yaml", """\
        kind: conditions
        conditions:
          - id: knee-trouble
            name: knee trouble
            category: knees
            synonyms: [knee trouble]
        """)
    with pytest.raises(RuleError) as err:
        load_ruleset([tmp_path])
    message = str(err.value)
    assert "bad.yaml:5:" in message
    assert "$.conditions[0].category" in message
    assert "orthopedic" in message  # names what was expected


def test_yaml_boolean_gets_a_quoting_hint(tmp_path):
    write(tmp_path, "cues.yaml", """\
        kind: cues
        cues:
          - id: extra-negation
            category: negation
            phrases: [no, never]
        """)
    with pytest.raises(RuleError) as err:
        load_ruleset([tmp_path])
    assert "quotes" in str(err.value) and "cues.yaml:5:" in str(err.value)


def test_broken_yaml_and_unknown_kind(tmp_path):
    write(tmp_path / "a", "x.yaml", "kind: conditions\nconditions: [\n")
    with pytest.raises(RuleError, match=r"x.yaml:\d+:\d+: invalid YAML"):
        load_ruleset([tmp_path / "a"])
    write(tmp_path / "b", "y.yaml", "kind: recipes\n")
    with pytest.raises(RuleError, match="kind"):
        load_ruleset([tmp_path / "b"])


def test_unknown_reference_is_reported(tmp_path):
    write(tmp_path, "ev.yaml", """\
        kind: evidence
        entries:
          - id: bogus
            therapies: [moon-dust]
            conditions: [autism]
            jurisdictions: [ALL]
            status: not-approved
            level: F
            summary: Moon dust is not a treatment for anything at all.
            sources: [https://example.org/moon]
            reviewed: "2026-11-22"
        """)
    with pytest.raises(RuleError, match="moon-dust"):
        load_ruleset([tmp_path])


def test_an_organ_cue_must_name_known_conditions(tmp_path):
    write(tmp_path, "cues.yaml", """\
        kind: cues
        cues:
          - id: organ-spleen
            category: organ
            conditions: [spleen-sadness]
            phrases: [spleen]
        """)
    with pytest.raises(RuleError, match="cue 'organ-spleen' refers to unknown condition id 'spleen-sadness'"):
        load_ruleset([tmp_path])


def test_pack_extends_and_overrides(tmp_path, checker):
    write(tmp_path, "local.yaml", """\
        kind: conditions
        conditions:
          - id: chronic-hiccups
            name: chronic hiccups
            category: neurological
            synonyms: [chronic hiccups, persistent hiccups]
        """)
    write(tmp_path, "flags.yaml", """\
        kind: red-flags
        rules:
          - id: CC201
            name: cure-claim
            title: Cure claim (softened)
            category: certainty
            severity: warning
            message: "'{match}': softened by a local pack."
            rationale: A team decided cure words are warnings on its site.
            sources: [https://example.org/policy]
            patterns:
              - phrases: [cure, cures]
        """)
    from claimcheck.api import Checker

    local = Checker("US", [tmp_path])
    findings = local.check_text("Stem cells cure persistent hiccups.").findings
    assert any(f.condition and f.condition.id == "chronic-hiccups" and f.rule == "CC101" for f in findings)
    cure = [f for f in findings if f.rule == "CC201"]
    assert cure and cure[0].severity == "warning" and "local pack" in cure[0].message
    # the shipped checker is unchanged
    assert not any(f.condition and f.condition.id == "chronic-hiccups"
                   for f in checker.check_text("Stem cells cure persistent hiccups.").findings)


def test_every_kind_has_a_schema():
    for schema in KINDS.values():
        assert json.dumps(load_schema(schema))


def test_installed_package_finds_its_rules(tmp_path):
    """Run from an empty folder, so the installed claimcheck is imported (in CI that is
    a normal, non-editable install: its rules must come from inside the package)."""
    import subprocess
    import sys

    code = ("import claimcheck, claimcheck.ruleset as r, pathlib; "
            "d = r.builtin_rules_dir(); rs = r.load_ruleset(); "
            "print(pathlib.Path(claimcheck.__file__).parent); print(d); print(len(rs.evidence))")
    out = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    package, rules, entries = out.stdout.split("\n")[:3]
    assert int(entries) >= 40
    if "site-packages" in package and (Path(package) / "_rules").is_dir():
        assert rules == str(Path(package) / "_rules")
