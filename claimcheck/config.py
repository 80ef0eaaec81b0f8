"""Settings files: finding, reading and validating them, and merging them with the
command line.

Where settings come from, highest first:

1. the command line (only the options the user actually passed);
2. one settings file: `--config FILE`, or else the nearest `.claimcheck.toml` (the whole
   file is the settings table) or `pyproject.toml` with a `[tool.claimcheck]` table,
   searching from the working directory up to the filesystem root (in one folder
   `.claimcheck.toml` wins); files are never merged with each other;
3. the defaults in `DEFAULTS`.

Keys are kebab-case in the file (`fail-on`) and snake_case in Python (`fail_on`). The
file is checked against `claimcheck/schemas/config.schema.json` before anything else,
so a misspelt key or a wrong value stops the run with the file, the key and what was
expected. Relative paths (`rules`, `baseline`) are read from the settings file's folder;
glob patterns (`include`, `exclude`, `per-file-ignores`) are kept as written.

This module imports neither spaCy nor the rule set: `claimcheck config show` and option
parsing stay fast.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable

from claimcheck.errors import LocatedError

__all__ = [
    "CONFIG_FILENAME", "PYPROJECT", "DEFAULTS", "ConfigError", "ConfigFile", "find_config",
    "load_config", "effective_settings", "format_settings", "check_selectors",
]

CONFIG_FILENAME = ".claimcheck.toml"
PYPROJECT = "pyproject.toml"
COMMAND_LINE = "command line"
DEFAULT = "default"

DEFAULTS: dict[str, Any] = {
    "jurisdiction": "US",
    "format": "text",
    "fail_on": "warning",
    "min_severity": "info",
    "select": [],             # empty: every rule
    "ignore": [],
    "rules": [],              # extra rule-pack folders
    "include": [],            # empty: the built-in file patterns (discover.DEFAULT_INCLUDE)
    "exclude": [],            # added to the built-in exclusions
    "jobs": 1,
    "max_file_size": 10,      # MiB; larger files are refused unread (0: no limit)
    "timeout": 60,            # seconds per file (0: no limit)
    "baseline": None,
    "statistics": False,
    "quiet": False,
    "show_source": True,
    "respect_directives": True,
    "per_file_ignores": {},
}

_PATH_KEYS = ("baseline",)
_PATH_LIST_KEYS = ("rules",)


class ConfigError(LocatedError):
    """A settings file (or a command-line value, or a baseline file) is unusable: names
    the file, the place in it and what was expected."""

    def __init__(self, path: str | os.PathLike | None, message: str, *, key: str | None = None,
                 line: int | None = None, column: int | None = None) -> None:
        self.key = key
        super().__init__(str(path) if path is not None else None, message, line=line, column=column, where=key)


@dataclass
class ConfigFile:
    """One settings file: its path and its values (snake_case keys, paths resolved)."""

    path: Path
    values: dict[str, Any]


# ---------------------------------------------------------------------------------
# Finding and reading


def find_config(start: Path | None = None) -> Path | None:
    """The settings file that applies to `start` (a folder or a file; default: the
    current directory): the nearest `.claimcheck.toml`, or `pyproject.toml` with a
    `[tool.claimcheck]` table, from `start` up to the filesystem root."""
    folder = Path(start if start is not None else Path.cwd()).resolve()
    if not folder.is_dir():
        folder = folder.parent
    for candidate in (folder, *folder.parents):
        own = candidate / CONFIG_FILENAME
        if own.is_file():
            return own
        pyproject = candidate / PYPROJECT
        if pyproject.is_file() and _has_claimcheck_table(pyproject):
            return pyproject
    return None


_TABLE_HEADER_RE = re.compile(r"^\s*\[\s*tool\s*\.\s*(?:claimcheck|\"claimcheck\")\s*[\].]", re.MULTILINE)


def _has_claimcheck_table(path: Path) -> bool:
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # somebody else's broken pyproject.toml is not our business, unless it is
        # visibly meant to configure claimcheck
        if _TABLE_HEADER_RE.search(text):
            raise _toml_error(path, exc) from None
        return False
    tool = data.get("tool")
    return isinstance(tool, dict) and "claimcheck" in tool


def load_config(path: Path) -> ConfigFile:
    """Read and validate one settings file. A file named pyproject.toml is read from its
    [tool.claimcheck] table; any other file is the settings table itself."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(path, f"cannot read the settings file ({exc.strerror or exc})") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ConfigError(path, f"not UTF-8 text (byte {exc.start}); TOML files must be UTF-8") from None
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _toml_error(path, exc) from None
    pyproject = path.name == PYPROJECT
    if pyproject:
        tool = data.get("tool")
        if not isinstance(tool, dict) or "claimcheck" not in tool:
            raise ConfigError(path, "no [tool.claimcheck] table in this pyproject.toml")
        table = tool["claimcheck"]
        if not isinstance(table, dict):
            raise ConfigError(path, f"expected a table; found {_describe_value(table)}",
                              key="[tool.claimcheck]", line=_key_line(text, [], pyproject))
    else:
        table = data
    _validate(table, path, text, pyproject)
    return ConfigFile(path=path, values=_normalise(table, path))


def _toml_error(path: Path, exc: tomllib.TOMLDecodeError) -> ConfigError:
    message = str(exc)
    line = column = None
    # Python 3.11-3.13 put the position in the message only: "Invalid value (at line 3, column 7)"
    match = re.search(r"\s*\(at line (\d+), column (\d+)\)\s*$", message)
    if match:
        line, column = int(match.group(1)), int(match.group(2))
        message = message[:match.start()]
    else:
        line = getattr(exc, "lineno", None)
        column = getattr(exc, "colno", None)
        message = getattr(exc, "msg", message)
    return ConfigError(path, f"invalid TOML: {message}", line=line, column=column)


def _normalise(table: dict[str, Any], path: Path) -> dict[str, Any]:
    base = path.absolute().parent
    values: dict[str, Any] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name in _PATH_KEYS:
            value = _resolve(base, value)
        elif name in _PATH_LIST_KEYS:
            value = [_resolve(base, item) for item in value]
        elif name == "per_file_ignores":
            value = {glob: list(rules) for glob, rules in value.items()}
        elif isinstance(value, list):
            value = list(value)
        values[name] = value
    return values


def _resolve(base: Path, value: str) -> str:
    return os.path.normpath(base / Path(value).expanduser())


# ---------------------------------------------------------------------------------
# Validation


@lru_cache(maxsize=1)
def config_schema() -> dict[str, Any]:
    from claimcheck.ruleset import load_schema

    return load_schema("config.schema.json")


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(config_schema())


_TYPE_WORDS = {
    "string": "text in quotes",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "array": "a list such as [\"a\", \"b\"]",
    "object": "a table",
}


def _describe_value(value: Any) -> str:
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int):
        return f"the number {value}"
    if isinstance(value, float):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {json.dumps(value, ensure_ascii=False)}"
    if isinstance(value, (list, tuple)):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    return f"a {type(value).__name__} value"


def _key_text(path: Iterable[Any]) -> str:
    """A key path as a TOML reader would write it: per-file-ignores."drafts/**"[0]."""
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            key = part if re.fullmatch(r"[A-Za-z0-9_-]+", part) else json.dumps(part, ensure_ascii=False)
            out += f".{key}" if out else key
    return out


def _problems(instance: dict[str, Any]) -> list[tuple[list[Any], str]]:
    """(key path, what was expected) for each schema violation, the most relevant first."""
    from jsonschema.exceptions import best_match, relevance

    errors = list(_validator().iter_errors(instance))
    if not errors:
        return []
    # report the first problem in the order the file was written; among problems of one
    # key, the one jsonschema finds most relevant
    order = {key: index for index, key in enumerate(instance)}

    def position(error) -> int:
        path = list(error.absolute_path)
        if path:
            return order.get(path[0], len(order))
        if error.validator == "additionalProperties":
            extra = [k for k in error.instance if k not in error.schema.get("properties", {})]
            return order.get(extra[0], len(order)) if extra else len(order)
        return len(order)

    errors.sort(key=lambda e: (position(e), relevance(e)))
    head = [e for e in errors if position(e) == position(errors[0])]
    first = best_match(head)
    ordered = [first] + [e for e in errors if e is not first]
    return [_explain(error) for error in ordered]


def _explain(error) -> tuple[list[Any], str]:
    path = list(error.absolute_path)
    instance = error.instance
    kind = error.validator
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = list(error.schema.get("properties", {}))
        extra = [k for k in instance if k not in known]
        key = extra[0] if extra else "?"
        guess = difflib.get_close_matches(str(key).replace("_", "-").lower(), known, n=1, cutoff=0.6)
        hint = f"; did you mean '{guess[0]}'?" if guess else f"; known settings: {', '.join(sorted(known))}"
        return path + [key], f"unknown setting{hint}"
    if kind == "enum":
        allowed = ", ".join(str(v) for v in error.validator_value)
        return path, f"expected one of {allowed}; found {_describe_value(instance)}"
    if kind == "type":
        expected = error.validator_value
        names = expected if isinstance(expected, list) else [expected]
        words = " or ".join(_TYPE_WORDS.get(n, n) for n in names)
        return path, f"expected {words}; found {_describe_value(instance)}"
    if kind == "minimum":
        what = "a whole number" if error.schema.get("type") == "integer" else "a number"
        return path, f"expected {what} of at least {error.validator_value}; found {instance!r}"
    if kind == "pattern":
        return path, (f"{json.dumps(instance, ensure_ascii=False)} is not a rule selector; expected a rule id "
                      "(CC101), an id prefix (CC2) or a rule name (cure-claim)")
    if kind == "propertyNames" or "propertyNames" in error.absolute_schema_path:
        return path, "a glob pattern key must not be empty"
    if kind == "minLength":
        return path, "expected a non-empty text"
    return path, error.message


def _validate(table: dict[str, Any], path: Path, text: str, pyproject: bool) -> None:
    problems = _problems(table)
    if not problems:
        return
    key_path, message = problems[0]
    if len(problems) > 1:
        extra = len(problems) - 1
        message += f" (and {extra} more problem{'s' if extra > 1 else ''} in this file)"
    prefix = "[tool.claimcheck]" if pyproject else ""
    key = _key_text(key_path)
    shown = f"{prefix} {key}".strip() if key else (prefix or None)
    raise ConfigError(path, message, key=shown, line=_key_line(text, key_path[:1], pyproject))


def _key_line(text: str, key_path: list[Any], pyproject: bool) -> int | None:
    """Best effort: the line where a top-level setting is written (tomllib keeps no
    positions). None when not found."""
    table = ["tool", "claimcheck"] if pyproject else []
    header_re = re.compile(r"^\s*\[\s*([^\[\]]+?)\s*\]\s*(?:#.*)?$")
    current: list[str] = []
    want = key_path[0] if key_path and isinstance(key_path[0], str) else None
    for number, line in enumerate(text.splitlines(), start=1):
        header = header_re.match(line)
        if header and not line.lstrip().startswith("[["):
            current = [part.strip().strip("\"'") for part in header.group(1).split(".")]
            if want is None and current == table:
                return number
            if want is not None and current == table + [want]:
                return number
            continue
        if want is not None and current == table and re.match(
                r"\s*(?:\"%s\"|'%s'|%s)\s*[=.]" % ((re.escape(want),) * 3), line):
            return number
    return None


def _cli_name(key: str) -> str:
    return "--" + key.replace("_", "-")


def _check_cli(values: dict[str, Any]) -> None:
    """Command-line values are checked against the same schema, so `--jurisdiction XX`
    is refused like `jurisdiction = "XX"` in a file."""
    if not values:
        return  # nothing to check; do not load the schema validator
    known = config_schema()["properties"]
    instance = {key.replace("_", "-"): _plain(value) for key, value in values.items()
                if key.replace("_", "-") in known}
    if not instance and "extend_select" not in values:
        return
    if "extend_select" in values:
        problems = _problems({"select": _plain(values["extend_select"])})
        if problems:
            raise ConfigError(None, problems[0][1], key="--extend-select")
    problems = _problems(instance)
    if problems:
        key_path, message = problems[0]
        raise ConfigError(None, message, key=_cli_name(str(key_path[0])) if key_path else None)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value


# ---------------------------------------------------------------------------------
# Merging


def effective_settings(cli: dict[str, Any], config: ConfigFile | None) -> tuple[dict[str, Any], dict[str, str]]:
    """Merge defaults, the settings file and the command line.

    `cli` holds only the values the user passed (snake_case keys; None values are
    ignored). Returns the settings and, per key, where the value came from: "command
    line", the settings file's path, or "default".

    `select` and `ignore` given on the command line replace the file's lists;
    `extend_select` (command line only) adds to the selection in effect, which is
    every rule when nothing is selected (then the result is ["ALL", ...], which keeps
    every rule and lets the added ones win over a less specific `ignore`).
    """
    settings: dict[str, Any] = {key: _copy(value) for key, value in DEFAULTS.items()}
    origins: dict[str, str] = {key: DEFAULT for key in DEFAULTS}
    if config is not None:
        for key, value in config.values.items():
            settings[key] = _copy(value)
            origins[key] = str(config.path)
    given = {key: _plain(value) for key, value in cli.items() if value is not None}
    if isinstance(given.get("jurisdiction"), str):
        given["jurisdiction"] = given["jurisdiction"].strip().upper()
    _check_cli(given)
    extend = list(given.pop("extend_select", None) or [])
    for key, value in given.items():
        settings[key] = value
        origins[key] = COMMAND_LINE
    if extend:
        base = list(settings.get("select") or ["ALL"])
        settings["select"] = list(dict.fromkeys(base + extend))
        origins["select"] = COMMAND_LINE
    return settings, origins


def _copy(value: Any) -> Any:
    if isinstance(value, list):
        return list(value)
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    return value


def check_selectors(settings: dict[str, Any], origins: dict[str, str], docs: list) -> None:
    """Refuse rule selectors that name no rule (`select`, `ignore`, `per_file_ignores`),
    naming where each came from. `docs` is catalog.rule_docs(ruleset): rule packs may
    add rules, so this can only run once the rule set is loaded."""
    from claimcheck.catalog import unknown_selectors

    for key in ("select", "ignore", "per_file_ignores"):
        value = settings.get(key)
        if not value:
            continue
        origin = origins.get(key, DEFAULT)
        groups = value.items() if isinstance(value, dict) else [(None, value)]
        for glob, selectors in groups:
            unknown = unknown_selectors(tuple(selectors), docs)
            if not unknown:
                continue
            where = key.replace("_", "-") + (f".{json.dumps(glob, ensure_ascii=False)}" if glob is not None else "")
            message = f"no rule is named {', '.join(repr(s) for s in unknown)} (see `claimcheck rules list`)"
            if origin == COMMAND_LINE:
                raise ConfigError(None, message, key=_cli_name(key))
            path = Path(origin)
            prefix = "[tool.claimcheck] " if path.name == PYPROJECT else ""
            raise ConfigError(origin, message, key=prefix + where)


# ---------------------------------------------------------------------------------
# Showing


def format_settings(settings: dict[str, Any], origins: dict[str, str], *,
                    config: ConfigFile | Path | str | None = None) -> str:
    """The text of `claimcheck config show`: the settings file used, then one
    `key = value   # origin` line per setting, sorted by key, values written as TOML.
    `config` names the file used; without it, the file is taken from the origins."""
    if isinstance(config, ConfigFile):
        source: str | None = str(config.path)
    elif config is not None:
        source = str(config)
    else:
        source = next((o for o in origins.values() if o not in (COMMAND_LINE, DEFAULT)), None)
    lines = [f"# configuration file: {source}" if source else "# no configuration file found"]
    rows = []
    for key in sorted(settings, key=lambda k: k.replace("_", "-")):
        value = settings[key]
        shown = "(not set)" if value is None else _toml(value)
        rows.append((f"{key.replace('_', '-')} = {shown}", origins.get(key, COMMAND_LINE)))
    width = min(max((len(left) for left, _ in rows), default=0), 48)
    lines.extend(f"{left.ljust(width)}   # {origin}" for left, origin in rows)
    return "\n".join(lines)


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, (str, Path)):
        return json.dumps(str(value), ensure_ascii=False)
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    if isinstance(value, dict):
        if not value:
            return "{}"
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml(v)}" for k, v in value.items()) + " }"
    if value is None:
        return '""'
    return json.dumps(str(value), ensure_ascii=False)


def _toml_key(key: Any) -> str:
    key = str(key)
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)
