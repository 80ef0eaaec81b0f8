"""Settings files: discovery, validation with located errors, merging with the command
line, and `config show` output."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

import pytest
from jsonschema import Draft202012Validator

from claimcheck.catalog import is_selected, rule_docs
from claimcheck.config import (
    DEFAULTS, ConfigError, ConfigFile, check_selectors, effective_settings, find_config,
    format_settings, load_config,
)
from claimcheck.errors import ClaimcheckError
from claimcheck.ruleset import load_ruleset, load_schema


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def _config_above(folder: Path) -> bool:
    return any((p / ".claimcheck.toml").exists() or (p / "pyproject.toml").exists()
               for p in (folder, *folder.parents))


# ---- the schema ------------------------------------------------------------------------

def test_schema_is_valid_draft_2020_12_and_closed():
    schema = load_schema("config.schema.json")
    Draft202012Validator.check_schema(schema)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert schema["additionalProperties"] is False


def test_schema_keys_match_defaults():
    keys = {k.replace("-", "_") for k in load_schema("config.schema.json")["properties"]}
    assert keys == set(DEFAULTS)


def test_jurisdictions_match_the_rule_files():
    common = load_schema("common.schema.json")["$defs"]["jurisdiction"]["enum"]
    assert load_schema("config.schema.json")["properties"]["jurisdiction"]["enum"] == common


def test_formats_and_fail_on_values():
    props = load_schema("config.schema.json")["properties"]
    assert props["format"]["enum"] == ["text", "concise", "json", "jsonl", "sarif", "csv", "github"]
    assert props["fail-on"]["enum"] == ["error", "warning", "info", "never"]
    assert props["min-severity"]["enum"] == ["error", "warning", "info"]


# ---- discovery -------------------------------------------------------------------------

def test_nearest_file_wins(tmp_path):
    outer = write(tmp_path / ".claimcheck.toml", 'fail-on = "never"\n')
    inner = write(tmp_path / "site" / "pages" / ".claimcheck.toml", 'fail-on = "error"\n')
    (tmp_path / "site" / "pages" / "blog").mkdir()
    assert find_config(tmp_path / "site" / "pages" / "blog") == inner.resolve()
    assert find_config(tmp_path / "site") == outer.resolve()


def test_start_may_be_a_file(tmp_path):
    config = write(tmp_path / ".claimcheck.toml", "")
    page = write(tmp_path / "page.html", "<p>x</p>")
    assert find_config(page) == config.resolve()


def test_claimcheck_toml_beats_pyproject_in_the_same_folder(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.claimcheck]\nfail-on = "never"\n')
    own = write(tmp_path / ".claimcheck.toml", 'fail-on = "error"\n')
    assert find_config(tmp_path) == own.resolve()


def test_pyproject_needs_a_claimcheck_table(tmp_path):
    table = write(tmp_path / "pyproject.toml", '[tool.claimcheck]\nquiet = true\n')
    write(tmp_path / "app" / "pyproject.toml", '[project]\nname = "app"\n\n[tool.ruff]\nline-length = 100\n')
    # the inner pyproject.toml is not about claimcheck: the search goes on upwards
    assert find_config(tmp_path / "app") == table.resolve()


def test_pyproject_subtable_counts(tmp_path):
    table = write(tmp_path / "pyproject.toml", '[tool.claimcheck.per-file-ignores]\n"blog/**" = ["CC108"]\n')
    assert find_config(tmp_path) == table.resolve()


def test_someone_elses_broken_pyproject_is_skipped(tmp_path):
    table = write(tmp_path / ".claimcheck.toml", "")
    write(tmp_path / "app" / "pyproject.toml", "[project\nname = \n")
    assert find_config(tmp_path / "app") == table.resolve()


def test_broken_pyproject_meant_for_claimcheck_is_an_error(tmp_path):
    write(tmp_path / "pyproject.toml", '[tool.claimcheck]\nfail-on = "never\n')
    with pytest.raises(ConfigError) as info:
        find_config(tmp_path)
    assert "pyproject.toml:2:" in str(info.value) and "invalid TOML" in str(info.value)


def test_nothing_found(tmp_path):
    if _config_above(tmp_path):
        pytest.skip("a settings file exists above the temporary folder")
    assert find_config(tmp_path) is None


# ---- loading ---------------------------------------------------------------------------

def test_load_normalises_keys_and_resolves_paths(tmp_path):
    path = write(tmp_path / "site" / ".claimcheck.toml", """\
        jurisdiction = "EU"
        fail-on = "error"
        min-severity = "warning"
        format = "sarif"
        select = ["CC1", "cure-claim"]
        ignore = ["CC108"]
        rules = ["packs/local", "../shared-pack"]
        include = ["**/*.html"]
        exclude = ["drafts/**"]
        jobs = 4
        baseline = "claimcheck-baseline.json"
        statistics = true
        quiet = false
        show-source = false
        respect-directives = false

        [per-file-ignores]
        "news/**" = ["CC108", "reported-claim"]
        """)
    config = load_config(path)
    assert isinstance(config, ConfigFile) and config.path == path
    values = config.values
    site = tmp_path / "site"
    assert values["fail_on"] == "error" and values["min_severity"] == "warning"
    assert values["show_source"] is False and values["respect_directives"] is False
    assert values["rules"] == [str(site / "packs" / "local"), str(tmp_path / "shared-pack")]
    assert values["baseline"] == str(site / "claimcheck-baseline.json")
    assert values["include"] == ["**/*.html"] and values["exclude"] == ["drafts/**"]  # globs kept as written
    assert values["per_file_ignores"] == {"news/**": ["CC108", "reported-claim"]}  # glob keys not renamed
    assert values["jobs"] == 4 and values["select"] == ["CC1", "cure-claim"]
    assert not any("-" in key for key in values)


def test_load_relative_config_path_resolves_against_its_folder(tmp_path, monkeypatch):
    write(tmp_path / "cfg" / "settings.toml", 'baseline = "b.json"\n')
    monkeypatch.chdir(tmp_path)
    config = load_config(Path("cfg/settings.toml"))
    assert config.values["baseline"] == str(tmp_path / "cfg" / "b.json")


def test_load_pyproject_table(tmp_path):
    path = write(tmp_path / "pyproject.toml", """\
        [project]
        name = "clinic-site"

        [tool.claimcheck]
        fail-on = "never"
        show-source = false

        [tool.ruff]
        line-length = 100
        """)
    assert load_config(path).values == {"fail_on": "never", "show_source": False}


def test_empty_file_is_fine(tmp_path):
    assert load_config(write(tmp_path / ".claimcheck.toml", "")).values == {}


@pytest.mark.parametrize("name, text, expected", [
    (".claimcheck.toml", 'fail-on = "sometimes"\n',
     [".claimcheck.toml:1:", "fail-on:", "expected one of error, warning, info, never", '"sometimes"']),
    ("pyproject.toml", '[project]\nname = "x"\n\n[tool.claimcheck]\nquiet = true\nfail-on = "sometimes"\n',
     ["pyproject.toml:6:", "[tool.claimcheck] fail-on:", "expected one of"]),
    (".claimcheck.toml", "jobs = 0\n", [":1:", "jobs:", "at least 1", "found 0"]),
    (".claimcheck.toml", 'jobs = "4"\n', ["jobs:", "expected a whole number", 'found the text "4"']),
    (".claimcheck.toml", "jobs = true\n", ["jobs:", "expected a whole number", "boolean true"]),
    (".claimcheck.toml", 'statistics = "yes"\n', ["statistics:", "expected true or false"]),
    (".claimcheck.toml", 'jurisdiction = "Mars"\n', ["jurisdiction:", "US-FL", '"Mars"']),
    (".claimcheck.toml", 'fail_on = "error"\n', ["fail_on:", "unknown setting", "did you mean 'fail-on'"]),
    (".claimcheck.toml", 'colour = "auto"\n', ["colour:", "unknown setting", "known settings:"]),
    (".claimcheck.toml", 'select = "CC1"\n', ["select:", "expected a list"]),
    (".claimcheck.toml", 'ignore = ["CC 2"]\n', ["ignore[0]:", "not a rule selector"]),
    (".claimcheck.toml", 'rules = [3]\n', ["rules[0]:", "expected text"]),
    ("pyproject.toml", '[tool.claimcheck.per-file-ignores]\n"drafts/**" = "CC2"\n',
     ["pyproject.toml:1:", '[tool.claimcheck] per-file-ignores."drafts/**":', "expected a list"]),
    (".claimcheck.toml", '[per-file-ignores]\n"" = ["CC2"]\n', ["per-file-ignores:", "must not be empty"]),
    (".claimcheck.toml", 'jobs = 0\nfail-on = "x"\n', ["jobs:", "(and 1 more problem in this file)"]),
])
def test_invalid_values_name_file_key_and_expectation(tmp_path, name, text, expected):
    path = write(tmp_path / name, text)
    with pytest.raises(ConfigError) as info:
        load_config(path)
    message = str(info.value)
    assert message.startswith(str(path))
    for part in expected:
        assert part in message, (part, message)
    assert isinstance(info.value, ClaimcheckError)


def test_invalid_toml_names_line_and_column(tmp_path):
    path = write(tmp_path / ".claimcheck.toml", 'quiet = true\nselect = ["CC1",\nignore = 3\n')
    with pytest.raises(ConfigError) as info:
        load_config(path)
    error = info.value
    assert error.line == 3 and error.column is not None
    assert str(error).startswith(f"{path}:3:{error.column}: invalid TOML")


def test_pyproject_without_table_when_named_explicitly(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[project]\nname = "x"\n')
    with pytest.raises(ConfigError, match=r"no \[tool.claimcheck\] table"):
        load_config(path)


def test_pyproject_table_must_be_a_table(tmp_path):
    path = write(tmp_path / "pyproject.toml", '[tool]\nclaimcheck = "strict"\n')
    with pytest.raises(ConfigError, match=r"\[tool.claimcheck\]: expected a table"):
        load_config(path)


def test_not_utf8(tmp_path):
    path = tmp_path / ".claimcheck.toml"
    path.write_bytes(b'format = "t\xe9xt"\n')
    with pytest.raises(ConfigError, match="UTF-8"):
        load_config(path)


# ---- merging ---------------------------------------------------------------------------

def _config(tmp_path, text: str) -> ConfigFile:
    return load_config(write(tmp_path / ".claimcheck.toml", text))


def test_defaults_only():
    settings, origins = effective_settings({}, None)
    assert settings == DEFAULTS and settings is not DEFAULTS
    assert set(origins.values()) == {"default"}
    settings["select"].append("CC1")
    assert DEFAULTS["select"] == []  # the defaults are copied, never shared


def test_precedence_and_origins(tmp_path):
    config = _config(tmp_path, 'fail-on = "never"\nformat = "json"\njobs = 2\n')
    settings, origins = effective_settings({"fail_on": "error", "quiet": True}, config)
    assert settings["fail_on"] == "error" and origins["fail_on"] == "command line"
    assert settings["format"] == "json" and origins["format"] == str(config.path)
    assert settings["quiet"] is True and origins["quiet"] == "command line"
    assert settings["jurisdiction"] == "US" and origins["jurisdiction"] == "default"


def test_command_line_select_and_ignore_replace_the_files(tmp_path):
    config = _config(tmp_path, 'select = ["CC1", "CC2"]\nignore = ["CC108"]\n')
    settings, origins = effective_settings({"select": ("CC6",)}, config)
    assert settings["select"] == ["CC6"] and origins["select"] == "command line"
    assert settings["ignore"] == ["CC108"] and origins["ignore"] == str(config.path)
    settings, _ = effective_settings({"ignore": ["CC2"]}, config)
    assert settings["ignore"] == ["CC2"] and settings["select"] == ["CC1", "CC2"]


def test_extend_select_adds_to_the_selection(tmp_path):
    config = _config(tmp_path, 'select = ["CC1"]\n')
    settings, origins = effective_settings({"extend_select": ["CC201", "CC1"]}, config)
    assert settings["select"] == ["CC1", "CC201"] and origins["select"] == "command line"
    assert "extend_select" not in settings
    settings, _ = effective_settings({"select": ["CC6"], "extend_select": ["CC201"]}, config)
    assert settings["select"] == ["CC6", "CC201"]


def test_extend_select_without_a_selection_keeps_every_rule():
    settings, _ = effective_settings({"extend_select": ["CC201"], "ignore": ["CC2"]}, None)
    select, ignore = tuple(settings["select"]), tuple(settings["ignore"])
    assert select == ("ALL", "CC201")
    assert is_selected("CC101", "unproven-claim", select, ignore)   # still every rule
    assert is_selected("CC201", "cure-claim", select, ignore)       # more specific than the ignore
    assert not is_selected("CC202", "guarantee-claim", select, ignore)


def test_command_line_values_are_checked_and_normalised():
    settings, _ = effective_settings({"jurisdiction": "us-ca", "rules": ("a", "b"), "baseline": None}, None)
    assert settings["jurisdiction"] == "US-CA" and settings["rules"] == ["a", "b"]
    assert settings["baseline"] is None  # None means "not given"
    with pytest.raises(ConfigError) as info:
        effective_settings({"jurisdiction": "XX"}, None)
    assert str(info.value).startswith("command line: --jurisdiction: expected one of")
    with pytest.raises(ConfigError, match="--jobs"):
        effective_settings({"jobs": 0}, None)
    with pytest.raises(ConfigError, match="--extend-select"):
        effective_settings({"extend_select": ["CC 2"]}, None)


def test_unknown_command_line_keys_pass_through():
    settings, origins = effective_settings({"stdin_filename": "x.html"}, None)
    assert settings["stdin_filename"] == "x.html" and origins["stdin_filename"] == "command line"


def test_check_selectors_names_the_origin(tmp_path):
    docs = rule_docs(load_ruleset())
    config = _config(tmp_path, 'select = ["CC1", "cure-claim"]\n[per-file-ignores]\n"blog/**" = ["CC1O8"]\n')
    settings, origins = effective_settings({}, config)
    with pytest.raises(ConfigError) as info:
        check_selectors(settings, origins, docs)
    message = str(info.value)
    assert str(config.path) in message and 'per-file-ignores."blog/**"' in message and "'CC1O8'" in message
    settings, origins = effective_settings({"ignore": ["no-such-rule"]}, None)
    with pytest.raises(ConfigError, match="command line: --ignore: no rule is named 'no-such-rule'"):
        check_selectors(settings, origins, docs)
    settings, origins = effective_settings({"select": ["CC2", "ALL", "unproven-claim"]}, None)
    check_selectors(settings, origins, docs)


# ---- config show -------------------------------------------------------------------------

def test_format_settings(tmp_path):
    config = _config(tmp_path, 'fail-on = "never"\n[per-file-ignores]\n"news/**" = ["CC108"]\n')
    settings, origins = effective_settings({"select": ["CC1"], "jobs": 2}, config)
    text = format_settings(settings, origins, config=config)
    lines = text.splitlines()
    assert lines[0] == f"# configuration file: {config.path}"
    body = lines[1:]
    keys = [line.split(" = ")[0] for line in body]
    assert keys == sorted(keys) and len(keys) == len(settings)
    by_key = dict(zip(keys, body, strict=True))
    assert by_key["fail-on"].endswith(f"# {config.path}")
    assert by_key["select"].endswith("# command line") and '["CC1"]' in by_key["select"]
    assert by_key["jurisdiction"].endswith("# default")
    assert "(not set)" in by_key["baseline"]
    # apart from unset values the lines are TOML that reads back as the settings
    parsed = tomllib.loads("\n".join(line for line in body if "(not set)" not in line))
    assert {k.replace("-", "_"): v for k, v in parsed.items()} == {k: v for k, v in settings.items() if v is not None}


def test_format_settings_without_a_file():
    settings, origins = effective_settings({}, None)
    assert format_settings(settings, origins).splitlines()[0] == "# no configuration file found"


def test_format_settings_finds_the_file_from_the_origins(tmp_path):
    config = _config(tmp_path, "quiet = true\n")
    settings, origins = effective_settings({}, config)
    assert str(config.path) in format_settings(settings, origins).splitlines()[0]


def test_importing_config_does_not_load_spacy():
    code = "import sys, claimcheck.config; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "False"
