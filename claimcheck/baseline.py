"""Baseline files: the findings a site already had when claimcheck was adopted, so a
team sees only new ones.

    {"version": 1, "tool": "claimcheck",
     "entries": [{"path": "site/index.html", "rule": "CC101",
                  "fingerprint": "9f3c...", "text": "Our MSC infusions cure autism."}]}

Entries are sorted by path, rule and fingerprint, so a rewritten baseline diffs
cleanly. A finding is known when an entry has the same path and the same fingerprint;
line numbers play no part (the fingerprint is built from the rule, the condition, the
finding's text and its occurrence number among equal findings in the file: see
api.fingerprint), so adding a paragraph above a claim does not make it new. Each
entry matches at most one finding, so a claim repeated once more is new. `text` is
for people reading the file; it is not used for matching.

Paths are stored as POSIX paths relative to the baseline file's folder when the file
checked is inside it (so the baseline can be committed and used from any working
directory or checkout), otherwise as given. A result's path is turned into a key the
same way when matching.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any, Iterable

from claimcheck.config import ConfigError
from claimcheck.models import FileResult, Finding

__all__ = ["BASELINE_VERSION", "Baseline", "write_baseline", "baseline_path_key"]

BASELINE_VERSION = 1
TOOL = "claimcheck"
TEXT_CHARS = 80
BASELINE_REASON = "baseline"


def baseline_path_key(path: str, baseline_file: str | os.PathLike) -> str:
    """How a checked file is named in a baseline: its POSIX path relative to the
    baseline file's folder when inside it, else the path as given (POSIX slashes); bytes
    of a name that are not UTF-8 are written as \\xNN."""
    return _printable_name(_path_key(path, baseline_file))


def _printable_name(name: str) -> str:
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")


def _path_key(path: str, baseline_file: str | os.PathLike) -> str:
    folder = os.path.dirname(os.path.abspath(baseline_file))
    absolute = os.path.abspath(path)
    try:
        relative = os.path.relpath(absolute, folder)
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()
    if relative == os.pardir or relative.startswith(os.pardir + os.sep):
        return Path(path).as_posix()
    return Path(relative).as_posix()


def _entry(path_key: str, finding: Finding) -> dict[str, str]:
    text = " ".join(finding.text.split())
    if len(text) > TEXT_CHARS:
        text = text[:TEXT_CHARS - 3] + "..."
    return {"path": path_key, "rule": finding.rule, "fingerprint": finding.fingerprint, "text": text}


def _sort_key(entry: dict[str, Any]) -> tuple[str, str, str]:
    return (entry["path"], entry["rule"], entry["fingerprint"])


def write_baseline(path: Path, results: Iterable[FileResult]) -> int:
    """Record every finding of `results` (the reported ones, and those a previous
    baseline hid, which are still present; not those hidden by inline comments) and
    return how many entries were written. Files that could not be read add nothing.
    The file is replaced atomically: a reader never sees half a baseline."""
    path = Path(path)
    entries = []
    for result in results:
        if result.error:
            continue
        key = baseline_path_key(result.path, path)
        known = [f for f in result.suppressed if f.suppressed == BASELINE_REASON]
        entries.extend(_entry(key, f) for f in [*result.findings, *known])
    entries.sort(key=_sort_key)
    document = {"version": BASELINE_VERSION, "tool": TOOL, "entries": entries}
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    _write_atomically(path, text)
    return len(entries)


def _write_atomically(path: Path, text: str) -> None:
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ConfigError(path, f"cannot write the baseline file ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, _file_mode(path))
        os.replace(temp, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        if isinstance(exc, OSError):
            raise ConfigError(path, f"cannot write the baseline file ({exc.strerror or exc})") from None
        raise


def _file_mode(path: Path) -> int:
    """Keep the mode of the file being replaced; a new file gets the usual mode (mkstemp
    would leave it readable by its owner only)."""
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


class Baseline:
    """Known findings, read from a baseline file; `filter` hides them in each result and
    remembers which entries matched."""

    def __init__(self, path: Path, entries: list[dict[str, Any]]) -> None:
        self.path = Path(path)
        self.entries = entries
        self._matched = [False] * len(entries)
        self._checked: set[str] = set()
        self._index: dict[tuple[str, str], list[int]] = {}
        for number, entry in enumerate(entries):
            self._index.setdefault((entry["path"], entry["fingerprint"]), []).append(number)

    def __len__(self) -> int:
        return len(self.entries)

    @classmethod
    def load(cls, path: Path) -> "Baseline":
        path = Path(path)
        try:
            raw = path.read_bytes()
        except FileNotFoundError:
            raise ConfigError(path, "baseline file not found (create it with --write-baseline)") from None
        except OSError as exc:
            raise ConfigError(path, f"cannot read the baseline file ({exc.strerror or exc})") from None
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as exc:
            raise ConfigError(path, f"not a baseline file: not UTF-8 text (byte {exc.start})") from None
        except json.JSONDecodeError as exc:
            raise ConfigError(path, f"not a baseline file: invalid JSON ({exc.msg})",
                              line=exc.lineno, column=exc.colno) from None
        return cls(path, _check_document(path, data))

    def filter(self, result: FileResult) -> FileResult:
        """A copy of `result` whose findings recorded in the baseline are moved to
        `suppressed` (marked "baseline"). Each entry matches at most one finding."""
        if result.error:
            return result
        key = baseline_path_key(result.path, self.path)
        self._checked.add(key)
        kept: list[Finding] = []
        hidden: list[Finding] = []
        for finding in result.findings:
            number = self._take(key, finding.fingerprint)
            if number is None:
                kept.append(finding)
            else:
                hidden.append(finding.moved(suppressed=BASELINE_REASON))
        if not hidden:
            return result
        return replace(result, findings=kept, suppressed=[*result.suppressed, *hidden])

    def _take(self, key: str, fingerprint: str) -> int | None:
        for number in self._index.get((key, fingerprint), ()):
            if not self._matched[number]:
                self._matched[number] = True
                return number
        return None

    def unmatched(self, *, checked_only: bool = False) -> list[dict[str, Any]]:
        """Entries that have matched no finding so far: findings that were fixed. With
        `checked_only`, only entries for files that went through `filter` (a run over
        part of a site says nothing about the files it did not read)."""
        return [dict(entry) for number, entry in enumerate(self.entries)
                if not self._matched[number] and (not checked_only or entry["path"] in self._checked)]


def _check_document(path: Path, data: Any) -> list[dict[str, Any]]:
    if not isinstance(data, dict) or "entries" not in data:
        raise ConfigError(path, 'not a baseline file: expected a JSON object with "version", "tool" and "entries"')
    if data.get("tool", TOOL) != TOOL:
        raise ConfigError(path, f"not a claimcheck baseline (tool: {data.get('tool')!r})")
    version = data.get("version")
    if version != BASELINE_VERSION:
        raise ConfigError(path, f"unsupported baseline version {version!r}; this claimcheck reads version "
                                f"{BASELINE_VERSION} (write a new one with --write-baseline)", key="version")
    entries = data["entries"]
    if not isinstance(entries, list):
        raise ConfigError(path, "expected a list of entries", key="entries")
    checked = []
    for number, entry in enumerate(entries):
        where = f"entries[{number}]"
        if not isinstance(entry, dict):
            raise ConfigError(path, "expected an object with path, rule and fingerprint", key=where)
        for field in ("path", "rule", "fingerprint"):
            value = entry.get(field)
            if not isinstance(value, str) or not value:
                raise ConfigError(path, f"expected a non-empty text for {field!r}", key=where)
        checked.append({"path": entry["path"], "rule": entry["rule"], "fingerprint": entry["fingerprint"],
                        "text": entry.get("text") if isinstance(entry.get("text"), str) else ""})
    return checked
