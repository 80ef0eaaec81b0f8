"""Output formats of `claimcheck check`: one Formatter subclass per format.

The command line creates a formatter with `get_formatter`, calls `start()` once,
`add(result)` once per file as files finish, and `finish(summary)` at the end. The
streaming formats (text, concise, jsonl, csv, github) write each file as it is added;
json and sarif are single documents written at `finish`.

Positions: Finding lines and columns are 1-based and count Unicode code points, the
end column is exclusive. The text format draws underlines in terminal cells (tabs,
wide characters such as emoji, zero-width characters), SARIF declares
`columnKind: unicodeCodePoints`.
"""

from __future__ import annotations

import csv
import json
import os
import re
import secrets
import shutil
import tempfile
import textwrap
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TextIO
from urllib.parse import quote

import click

from claimcheck.catalog import RuleDoc
from claimcheck.models import FileResult, Finding, Report

FORMATS = ("text", "concise", "json", "jsonl", "sarif", "csv", "github")

SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
INFORMATION_URI = "https://github.com/claimcheck/claimcheck"
FINGERPRINT_KEY = "claimcheck/v1"
SARIF_LEVELS = {"error": "error", "warning": "warning", "info": "note"}
GITHUB_COMMANDS = {"error": "error", "warning": "warning", "info": "notice"}
SEVERITY_COLORS = {"error": "red", "warning": "yellow", "info": "cyan"}
STATUS_WORDS = {
    "approved": "approved", "conditionally-approved": "conditionally approved",
    "established-practice": "established practice", "withdrawn": "withdrawn",
    "not-approved": "not approved",
}
CSV_COLUMNS = ("path", "line", "column", "end_line", "end_column", "rule", "name", "severity", "category",
               "condition", "condition_name", "therapy", "therapy_inferred", "certainty", "evidence_status",
               "evidence_level", "message", "text", "suggestion", "sources", "fingerprint")

SOURCE_WIDTH = 120  # terminal cells of a displayed source line, ellipses included
TAB = "    "        # a tab in a displayed source line (as ruff and annotate-snippets do)
INDENT = "    "     # source line, underline, claim line and message under a finding header


@dataclass
class OutputOptions:
    tool_version: str
    jurisdiction: str = "US"
    color: bool = False        # the CLI decides: stdout is a TTY and NO_COLOR is not set
    show_source: bool = True   # text format: print the source line and underline
    root: str = "."            # SARIF/github paths are made relative to this folder when inside it
    statistics: bool = False   # text, concise: counts per rule, condition and file after the summary


# ----------------------------------------------------------------------------------
# shared helpers


def display_path(path: str) -> str:
    """A file name as it can be printed: bytes that are not UTF-8 (kept by Python as
    lone surrogates) are shown as \\xNN escapes instead of failing the write."""
    try:
        path.encode("utf-8")
        return path
    except UnicodeEncodeError:
        return os.fsencode(path).decode("utf-8", "backslashreplace")


class Statistics:
    """Counts of reported findings (not suppressed ones) per rule, per condition and
    per file, gathered file by file (nothing else of a file is kept)."""

    def __init__(self) -> None:
        self.by_rule: dict[str, int] = {}
        self.by_condition: dict[str, int] = {}
        self.by_file: dict[str, int] = {}

    def add(self, result: FileResult) -> None:
        for f in result.findings:
            rule = f"{f.rule} {f.name}"
            self.by_rule[rule] = self.by_rule.get(rule, 0) + 1
            if f.condition is not None:
                self.by_condition[f.condition.id] = self.by_condition.get(f.condition.id, 0) + 1
        if result.findings:
            path = display_path(result.path)
            self.by_file[path] = self.by_file.get(path, 0) + len(result.findings)

    def tables(self) -> dict[str, dict[str, int]]:
        def ordered(counts: dict[str, int]) -> dict[str, int]:
            return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))

        return {"by_rule": ordered(self.by_rule), "by_condition": ordered(self.by_condition),
                "by_file": ordered(self.by_file)}


def statistics(results: list[FileResult]) -> dict[str, dict[str, int]]:
    """Counts of reported findings (not suppressed ones) per rule ("CC101
    unproven-claim"), per condition id and per file, each sorted by count (highest
    first), then by key."""
    stats = Statistics()
    for result in results:
        stats.add(result)
    return stats.tables()


def _plural(n: int, word: str, plural: str | None = None) -> str:
    return f"{n} {word if n == 1 else (plural or word + 's')}"


def summary_line(summary: dict[str, Any], suppressed: int) -> str:
    """The last line of the text and concise reports, such as
    `3 files checked (1 unreadable): 2 errors, 4 warnings, 0 info, 1 suppressed`."""
    files = summary.get("files", 0)
    failed = summary.get("files_failed", 0)
    counts = summary.get("by_severity", {})
    head = _plural(files, "file") + " checked" + (f" ({failed} unreadable)" if failed else "")
    parts = [_plural(counts.get("error", 0), "error"), _plural(counts.get("warning", 0), "warning"),
             f"{counts.get('info', 0)} info"]
    if suppressed:
        parts.append(f"{suppressed} suppressed")
    unmatched = summary.get("baseline_unmatched", 0)
    if unmatched:
        parts.append(_plural(unmatched, "baseline entry", "baseline entries") + " unmatched")
    line = f"{head}: {', '.join(parts)}"
    if summary.get("interrupted"):
        line += "; run interrupted"
    return line


def statistics_lines(results: "list[FileResult] | Statistics") -> list[str]:
    stats = results.tables() if isinstance(results, Statistics) else statistics(results)
    counts = [n for table in stats.values() for n in table.values()]
    width = max((len(str(n)) for n in counts), default=1)
    lines = []
    for title, key in (("By rule:", "by_rule"), ("By condition:", "by_condition"), ("By file:", "by_file")):
        lines.append(title)
        table = stats[key]
        if not table:
            lines.append("  (none)")
        for name, n in table.items():
            lines.append(f"  {n:>{width}}  {_printable(name)}")
    return lines


def _printable(text: str) -> str:
    """One line of untrusted text that cannot move the cursor or inject terminal
    escapes: line breaks and tabs become spaces, other control characters U+FFFD."""
    out = []
    for ch in text:
        if ch in "\t\n\r\x0b\x0c\x85\u2028\u2029":
            out.append(" ")
        elif unicodedata.category(ch) == "Cc":
            out.append("\ufffd")
        else:
            out.append(ch)
    return "".join(out)


def _one_line(text: str) -> str:
    return " ".join(_printable(text).split())


def relative_uri_path(path: str, root: str) -> tuple[str, bool]:
    """(POSIX path, inside root): the path relative to `root` when the file lies
    inside it, else the path as given (with POSIX separators)."""
    if path in ("-", "<stdin>", "<text>") or path.startswith("<"):
        return path, False
    try:
        absolute = os.path.abspath(path)
        base = os.path.abspath(root)
        inside = os.path.commonpath([absolute, base]) == base
    except ValueError:  # different drives on Windows
        inside = False
    if inside:
        return os.path.relpath(absolute, base).replace(os.sep, "/"), True
    return path.replace(os.sep, "/"), False


def _evidence_phrase(f: Finding, jurisdiction: str) -> str:
    """The evidence behind a claim finding, such as `not approved anywhere, evidence F`
    or `Ryoncil approved in US, evidence A`."""
    ev = f.evidence
    if ev is None:
        return "no approval known, no evidence on file"
    status = STATUS_WORDS.get(ev.status, ev.status)
    places = set(ev.jurisdictions)
    parent = jurisdiction.split("-", 1)[0]
    if "ALL" in places:
        where = " anywhere"
    elif jurisdiction in places:
        where = f" in {jurisdiction}"
    elif parent in places:
        where = f" in {parent}"
    elif places:
        where = " in " + ", ".join(ev.jurisdictions)
    else:
        where = ""
    product = f"{ev.product} " if ev.product and ev.status != "not-approved" else ""
    return f"{product}{status}{where}, evidence {ev.level}"


def claim_line(f: Finding, jurisdiction: str) -> str | None:
    """For claim findings, a line such as `autism ← mesenchymal stem cells (MSCs) · not
    approved anywhere, evidence F`; None for the others."""
    if f.condition is None:
        return None
    about = f.condition.name
    if f.therapy is not None:
        about += f" ← {f.therapy.name}" + (" (inferred)" if f.therapy.inferred else "")
    if f.category == "claim" or f.evidence is not None:
        about += " · " + _evidence_phrase(f, jurisdiction)
    return _printable(about)


# ----------------------------------------------------------------------------------
# source line and underline


def _cell(ch: str) -> tuple[str, int]:
    """How one character of a source line is shown: (text, terminal cells)."""
    if ch == "\t":
        return TAB, len(TAB)
    category = unicodedata.category(ch)
    if category == "Cc" or ch in "\u2028\u2029":
        return "\ufffd", 1
    if category in ("Mn", "Me") or (category == "Cf" and ch != "\u00ad"):
        return ch, 0
    if unicodedata.east_asian_width(ch) in ("W", "F"):
        return ch, 2
    return ch, 1


def source_excerpt(line: str, start: int, end: int, focus: tuple[int, int] | None = None,
                   width: int = SOURCE_WIDTH) -> tuple[str, str]:
    """The displayed source line and its underline for characters [start, end) of
    `line` (code point indices): `^` under `focus` (the condition mention), `~` under
    the rest of the span. Both strings are laid out in terminal cells (a tab shows as
    four spaces, an emoji takes two cells, a combining accent none); a line wider than
    `width` cells is cut around the span, with "…" where text was left out."""
    start = max(0, min(start, len(line)))
    end = max(start, min(end, len(line)))
    # a saved page can hold a whole site on one line: only look near the span
    margin = 4 * width
    keep_from = max(0, start - margin)
    keep_to = min(len(line), max(min(end, start + margin), focus[1] if focus else 0) + margin)
    cut_left, cut_right = keep_from > 0, keep_to < len(line)
    if cut_left or cut_right:
        line = line[keep_from:keep_to]
        start, end = start - keep_from, min(end, keep_to) - keep_from
        if focus is not None:
            focus = (focus[0] - keep_from, focus[1] - keep_from)
    n = len(line)
    marks = [" "] * n
    for i in range(start, end):
        marks[i] = "~"
    if focus is not None:
        for i in range(max(0, focus[0]), min(n, focus[1])):
            marks[i] = "^"
    cells = [_cell(ch) for ch in line]
    pos = [0]  # pos[i]: the cell where character i starts
    for _, w in cells:
        pos.append(pos[-1] + w)
    total = pos[-1]

    first, last = 0, n  # the characters shown
    if total > width or cut_left or cut_right:
        room = width - 2  # an ellipsis at each end
        a, b = pos[start], pos[end]
        if b - a <= room:
            lo = a - (room - (b - a)) // 2  # centre the span
        else:
            lo = a  # keep the span's start, unless that would hide the condition
            if focus is not None and pos[max(0, min(n, focus[1]))] > lo + room:
                lo = min(pos[max(0, min(n, focus[0]))], pos[max(0, min(n, focus[1]))] + 10 - room)
        lo = max(0, min(lo, total - room))
        first = next(i for i in range(n + 1) if pos[i] >= lo)
        last = max(i for i in range(n + 1) if pos[i] <= lo + room)
    shown, under = [], []
    if first > 0 or cut_left:
        shown.append("…")
        under.append(" ")
    caret_at = len("".join(under))
    for i in range(first, last):
        if i == start:
            caret_at = len("".join(under))
        text, w = cells[i]
        shown.append(text)
        under.append(marks[i] * w)
    if start >= last:
        caret_at = len("".join(under))
    if last < n or cut_right:
        shown.append("…")
    underline = "".join(under).rstrip()
    if not underline:
        # an empty span, or zero-width characters only: point at where it starts
        underline = " " * caret_at + "^"
    return "".join(shown), underline


def _underline_for(f: Finding, line_text: str) -> tuple[str, str]:
    """The displayed source line and its underline for a finding starting on it."""
    a = f.column - 1
    b = f.end_column - 1 if f.end_line == f.line else len(line_text)
    focus = None
    cond = f.condition
    if cond is not None and cond.start is not None and cond.end is not None:
        line_start = f.start - a  # columns count code points from the line start
        ca, cb = cond.start - line_start, cond.end - line_start
        if 0 <= ca < len(line_text) and cb > ca:
            focus = (ca, min(cb, len(line_text)))
    return source_excerpt(line_text, a, b, focus)


# ----------------------------------------------------------------------------------
# formatters


class Formatter:
    """Base class: `start()`, then `add(result)` per file, then `finish(summary)`."""

    name = ""
    document = False  # one document (json, sarif): written as files come, completed at finish

    def __init__(self, stream: TextIO, options: OutputOptions, rules: list[RuleDoc]) -> None:
        self.stream = stream
        self.options = options
        self.rules = {doc.id: doc for doc in rules}
        self.stats = Statistics()  # counts only: memory does not grow with the files checked
        self.suppressed = 0

    def start(self) -> None:
        pass

    def add(self, result: FileResult) -> None:
        self.suppressed += len(result.suppressed)
        if self.options.statistics:
            self.stats.add(result)

    def finish(self, summary: dict) -> None:
        pass

    # helpers
    def write(self, text: str = "") -> None:
        self.stream.write(text + "\n")

    def style(self, text: str, **styles: Any) -> str:
        return click.style(text, **styles) if self.options.color else text

    def write_summary(self, summary: dict) -> None:
        self.write(self.style(summary_line(summary, self.suppressed), bold=True))
        if self.options.statistics:
            for line in statistics_lines(self.stats):
                self.write(line)


class TextFormatter(Formatter):
    """For people: findings grouped by file, with the source line underlined."""

    name = "text"

    def __init__(self, stream: TextIO, options: OutputOptions, rules: list[RuleDoc]) -> None:
        super().__init__(stream, options, rules)
        self.width = max(40, min(120, shutil.get_terminal_size((100, 24)).columns))

    def add(self, result: FileResult) -> None:
        super().add(result)
        for line in self.render(result):
            self.write(line)

    def finish(self, summary: dict) -> None:
        self.write_summary(summary)

    def wrap(self, text: str, subsequent_indent: str = INDENT) -> list[str]:
        return textwrap.wrap(text, width=self.width, initial_indent=INDENT, subsequent_indent=subsequent_indent,
                             break_long_words=False, break_on_hyphens=False)

    def render(self, result: FileResult) -> list[str]:
        path = _printable(display_path(result.path))
        if result.error:
            return [f"{self.style(path, bold=True)}: cannot check: {_one_line(result.error)}", ""]
        if not result.findings:
            return []
        out = [self.style(path, bold=True)]
        place_width = max(len(f"{f.line}:{f.column}") for f in result.findings)
        for i, f in enumerate(result.findings):
            if i:
                out.append("")
            colour = SEVERITY_COLORS.get(f.severity, "white")
            place = f"{f.line}:{f.column}".ljust(place_width)
            severity = self.style(f.severity.ljust(7), fg=colour)
            out.append(f"  {place}  {severity}  {self.style(f.rule, bold=True)}  {f.name}")
            line_text = result.lines.get(f.line)
            if self.options.show_source and line_text is not None:
                shown, underline = _underline_for(f, line_text)
                out.append(INDENT + shown)
                out.append(INDENT + self.style(underline, fg=colour))
            about = claim_line(f, self.options.jurisdiction)
            if about:
                out.extend(self.wrap(about, INDENT + "  "))
            out.extend(self.wrap(_printable(f.message)))
        out.append("")
        return out


class ConciseFormatter(Formatter):
    """One line per finding: `path:line:col: RULE severity message`."""

    name = "concise"

    def add(self, result: FileResult) -> None:
        super().add(result)
        path = _printable(display_path(result.path))
        if result.error:
            self.write(f"{path}: cannot check: {_one_line(result.error)}")
            return
        for f in result.findings:
            severity = self.style(f.severity, fg=SEVERITY_COLORS.get(f.severity, "white"))
            self.write(f"{path}:{f.line}:{f.column}: {self.style(f.rule, bold=True)} {severity} "
                       f"{_one_line(f.message)}")

    def finish(self, summary: dict) -> None:
        self.write_summary(summary)


def _indented(data: Any, level: int) -> str:
    """json.dumps(data, indent=2) as it reads when nested `level` levels deep."""
    return json.dumps(data, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)


class JsonFormatter(Formatter):
    """The report contract (claimcheck/schemas/report.schema.json), one document. It is
    written file by file (the same text json.dumps(report, indent=2) gives), so nothing
    of a file is kept once it is written."""

    name = "json"
    document = True

    def __init__(self, stream: TextIO, options: OutputOptions, rules: list[RuleDoc]) -> None:
        super().__init__(stream, options, rules)
        self.files = 0
        self.counts = _SummaryCounts()

    def start(self) -> None:
        from claimcheck.report import SCHEMA_VERSION

        head = {"schema_version": SCHEMA_VERSION, "tool": {"name": "claimcheck", "version": self.options.tool_version},
                "jurisdiction": self.options.jurisdiction}
        text = json.dumps(head, indent=2, ensure_ascii=False)
        self.stream.write(text[:-2] + ',\n  "files": [')

    def add(self, result: FileResult) -> None:
        super().add(result)
        self.counts.add(result)
        data = result.to_dict()
        data["path"] = display_path(data["path"])
        self.stream.write(("," if self.files else "") + "\n    " + _indented(data, 2))
        self.files += 1

    def finish(self, summary: dict) -> None:
        self.stream.write(("\n  ]" if self.files else "]") + ',\n  "summary": '
                          + _indented(self.counts.summary(), 1) + "\n}\n")


class _SummaryCounts:
    """Report.summary() computed file by file."""

    def __init__(self) -> None:
        self.files = self.with_findings = self.failed = 0
        self.by_severity = {"error": 0, "warning": 0, "info": 0}
        self.by_rule: dict[str, int] = {}

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.with_findings += bool(result.findings)
        self.failed += bool(result.error)
        for f in result.findings:
            self.by_severity[f.severity] += 1
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1

    def summary(self) -> dict[str, Any]:
        return {"files": self.files, "files_with_findings": self.with_findings, "files_failed": self.failed,
                "findings": sum(self.by_severity.values()), "by_severity": dict(self.by_severity),
                "by_rule": dict(sorted(self.by_rule.items()))}


def _jsonl(data: dict) -> str:
    # one record per physical line even for readers that also split on U+2028/U+2029
    text = json.dumps(data, ensure_ascii=False)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("\x85", "\\u0085")


class JsonLinesFormatter(Formatter):
    """One JSON object per finding per line; a last line {"summary": ...}."""

    name = "jsonl"

    def add(self, result: FileResult) -> None:
        super().add(result)
        path = display_path(result.path)
        if result.error:
            self.write(_jsonl({"path": path, "error": result.error}))
            return
        for f in result.findings:
            self.write(_jsonl({"path": path, **f.to_dict()}))

    def finish(self, summary: dict) -> None:
        data = dict(summary)
        data.setdefault("suppressed", self.suppressed)
        self.write(_jsonl({"summary": data}))


class CsvFormatter(Formatter):
    """RFC 4180 rows (CRLF line ends, quoted fields): a header, then one row per finding."""

    name = "csv"

    def __init__(self, stream: TextIO, options: OutputOptions, rules: list[RuleDoc]) -> None:
        super().__init__(stream, options, rules)
        self.writer = csv.writer(stream, lineterminator="\r\n")

    def start(self) -> None:
        self.writer.writerow(CSV_COLUMNS)

    def add(self, result: FileResult) -> None:
        super().add(result)
        if result.error:
            row = {name: "" for name in CSV_COLUMNS}
            row.update(path=display_path(result.path), severity="error", message=f"cannot check: {result.error}")
            self.writer.writerow([row[name] for name in CSV_COLUMNS])
            return
        for f in result.findings:
            self.writer.writerow(self.row(display_path(result.path), f))

    @staticmethod
    def row(path: str, f: Finding) -> list[Any]:
        therapy, condition, evidence = f.therapy, f.condition, f.evidence
        return [
            path, f.line, f.column, f.end_line, f.end_column, f.rule, f.name, f.severity, f.category,
            condition.id if condition else "", condition.name if condition else "",
            therapy.id if therapy else "",
            ("true" if therapy.inferred else "false") if therapy else "",
            f.certainty or "", evidence.status if evidence else "", evidence.level if evidence else "",
            f.message, f.text, f.suggestion or "", " ".join(f.sources), f.fingerprint,
        ]


def _github_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


class GithubFormatter(TextFormatter):
    """GitHub workflow-command annotations, then the text report.

    GitHub shows at most 10 annotations per step, so the full text report follows.
    The text report quotes untrusted page text, which could contain a line such as
    `::error::`; such a group is printed between `::stop-commands::TOKEN` and
    `::TOKEN::` (a random token) so the runner does not execute it."""

    name = "github"

    def __init__(self, stream: TextIO, options: OutputOptions, rules: list[RuleDoc]) -> None:
        super().__init__(stream, options, rules)
        self.token = "claimcheck-" + secrets.token_hex(16)

    def add(self, result: FileResult) -> None:
        Formatter.add(self, result)
        path, _ = relative_uri_path(display_path(result.path), self.options.root)
        if result.error:
            self.write(f"::error file={_github_property(path)},title=claimcheck::"
                       f"{_github_data('cannot check: ' + result.error)}")
        for f in result.findings:
            command = GITHUB_COMMANDS.get(f.severity, "warning")
            props = [("file", path), ("line", str(f.line)), ("col", str(f.column)),
                     ("endLine", str(f.end_line)), ("endColumn", str(f.end_column)),
                     ("title", f"claimcheck {f.rule} ({f.name})")]
            joined = ",".join(f"{key}={_github_property(value)}" for key, value in props)
            self.write(f"::{command} {joined}::{_github_data(f.message)}")
        self.quoted(self.render(result))

    def finish(self, summary: dict) -> None:
        lines = [summary_line(summary, self.suppressed)]
        if self.options.statistics:
            lines.extend(statistics_lines(self.stats))
        self.quoted(lines)

    def quoted(self, lines: list[str]) -> None:
        """Write report lines; page text that would read as a workflow command (the
        runner ignores leading spaces) is fenced with stop-commands."""
        fence = any(line.lstrip().startswith("::") for line in lines)
        if fence:
            self.write(f"::stop-commands::{self.token}")
        for line in lines:
            self.write(line)
        if fence:
            self.write(f"::{self.token}::")


_GENERIC = {"jurisdiction": "the jurisdiction checked", "match": "the phrase"}


def _generic(template: str) -> str:
    """A rule's message or suggestion template for the rule as a whole: its
    placeholders ("{therapy} for {condition}") become generic words ("the therapy
    for the condition")."""
    return re.sub(r"\{(\w+)\}", lambda m: _GENERIC.get(m.group(1), "the " + m.group(1).replace("_", " ")),
                  template)


class SarifFormatter(Formatter):
    """SARIF 2.1.0, one run, for GitHub code scanning and other SARIF viewers.

    The rules (listed before the results) are known only at the end, so each file's
    findings go to a temporary file as they come and are read back one at a time at
    `finish`: memory stays flat however many files are checked."""

    name = "sarif"
    document = True

    def __init__(self, stream: TextIO, options: OutputOptions, rules: list[RuleDoc]) -> None:
        super().__init__(stream, options, rules)
        self.used: dict[str, Finding] = {}  # the first finding of each rule
        self.spool = tempfile.TemporaryFile("w+", encoding="utf-8")
        self.failures = tempfile.TemporaryFile("w+", encoding="utf-8")

    def add(self, result: FileResult) -> None:
        super().add(result)
        location = self.artifact(result.path)
        if result.error:
            self.failures.write(json.dumps({
                "level": "error",
                "message": {"text": f"cannot check: {result.error}"},
                "locations": [{"physicalLocation": {"artifactLocation": location}}],
            }, ensure_ascii=True) + "\n")
            return
        for f in sorted(result.findings + result.suppressed, key=lambda f: f.sort_key):
            self.used.setdefault(f.rule, f)
            self.spool.write(json.dumps({"location": location, "finding": f.to_dict()}, ensure_ascii=True) + "\n")

    def finish(self, summary: dict) -> None:
        log = self.log(summary)
        # json.dumps of the log with a placeholder where each spooled list goes, then the
        # placeholders replaced by the spooled items in the same layout
        run = log["runs"][0]
        marks = []
        if self.spool.tell():
            run["results"] = ["\x00results\x00"]
            marks.append(("\x00results\x00", self.spool, 4, self._result_line))
        if self.failures.tell():
            run["invocations"][0]["toolExecutionNotifications"].insert(0, "\x00failures\x00")
            marks.append(("\x00failures\x00", self.failures, 6, json.loads))
        text = json.dumps(log, indent=2, ensure_ascii=False)
        marks.sort(key=lambda m: text.index(json.dumps(m[0])))  # in the order they are written
        for mark, spool, level, render in marks:
            quoted = json.dumps(mark)
            at = text.index(quoted)
            self.stream.write(text[:at])
            spool.seek(0)
            for number, line in enumerate(spool):
                if number:
                    self.stream.write(",\n" + "  " * level)
                self.stream.write(_indented(render(line), level))
            text = text[at + len(quoted):]
        self.stream.write(text + "\n")
        self.spool.close()
        self.failures.close()

    def _result_line(self, line: str) -> dict[str, Any]:
        item = json.loads(line)
        f = Finding.from_dict(item["finding"])
        return self.result(f, item["location"], self.index[f.rule])

    def log(self, summary: dict) -> dict[str, Any]:
        """The SARIF log as a dictionary, without the results and the notifications
        about unreadable files (`finish` writes those from the spool)."""
        used = sorted(self.used.items())
        descriptors = [self.descriptor(rule_id, example) for rule_id, example in used]
        self.index = {rule_id: i for i, (rule_id, _) in enumerate(used)}
        results: list = []
        notifications: list = []
        invocation: dict[str, Any] = {"executionSuccessful": not summary.get("interrupted", False)}
        if summary.get("interrupted"):
            notifications.append({"level": "warning",
                                  "message": {"text": "run interrupted; not every file was checked"}})
        if notifications or self.failures.tell():
            invocation["toolExecutionNotifications"] = notifications
        run = {
            "tool": {"driver": {
                "name": "claimcheck",
                "version": self.options.tool_version,
                "informationUri": INFORMATION_URI,
                "rules": descriptors,
            }},
            "invocations": [invocation],
            "columnKind": "unicodeCodePoints",
            "properties": {"jurisdiction": self.options.jurisdiction},
            "results": results,
        }
        return {"$schema": SARIF_SCHEMA_URI, "version": "2.1.0", "runs": [run]}

    def artifact(self, path: str) -> dict[str, Any]:
        posix, inside = relative_uri_path(path, self.options.root)
        # a URI reference without a scheme: ":" and spaces are escaped, "/" kept; a name
        # that is not UTF-8 is percent-encoded byte by byte
        location: dict[str, Any] = {"uri": quote(os.fsencode(posix), safe="/")}
        if inside:
            location["uriBaseId"] = "%SRCROOT%"
        return location

    def descriptor(self, rule_id: str, example: Finding) -> dict[str, Any]:
        doc = self.rules.get(rule_id)
        if doc is None:  # a rule the catalogue does not describe (e.g. from a newer worker)
            return {
                "id": rule_id, "name": example.name,
                "shortDescription": {"text": example.name.replace("-", " ").capitalize()},
                "defaultConfiguration": {"level": SARIF_LEVELS.get(example.severity, "warning")},
                "properties": {"tags": [example.category]},
            }
        help_text = _generic(doc.suggestion or doc.title)
        if doc.sources:
            help_text += "\n\nSources:\n" + "\n".join(f"- {s}" for s in doc.sources)
        descriptor: dict[str, Any] = {
            "id": doc.id,
            "name": doc.name,
            "shortDescription": {"text": _generic(doc.title)},
            "fullDescription": {"text": _generic(doc.rationale)},
            "help": {"text": help_text},
        }
        if doc.sources:
            descriptor["helpUri"] = doc.sources[0]
        descriptor["defaultConfiguration"] = {"level": SARIF_LEVELS.get(doc.severity, "warning")}
        descriptor["properties"] = {"tags": list(dict.fromkeys([doc.category, doc.kind]))}
        return descriptor

    def result(self, f: Finding, location: dict[str, Any], rule_index: int) -> dict[str, Any]:
        start_line = max(1, f.line)
        end_line = max(start_line, f.end_line)
        start_column = max(1, f.column)
        end_column = max(1, f.end_column)
        if end_line == start_line:
            end_column = max(start_column, end_column)
        region = {
            "startLine": start_line, "startColumn": start_column,
            "endLine": end_line, "endColumn": end_column,
            "charOffset": f.start, "charLength": max(0, f.end - f.start),
            "snippet": {"text": f.text},
        }
        item: dict[str, Any] = {
            "ruleId": f.rule,
            "ruleIndex": rule_index,
            "level": SARIF_LEVELS.get(f.severity, "warning"),
            "message": {"text": f.message},
            "locations": [{"physicalLocation": {"artifactLocation": dict(location), "region": region}}],
        }
        if f.fingerprint:
            item["partialFingerprints"] = {FINGERPRINT_KEY: f.fingerprint}
        if f.suppressed is not None:
            reason = f.suppressed.strip()
            inline = reason.startswith("inline")
            justification = reason.split(":", 1)[1].strip() if inline and ":" in reason else reason
            suppression: dict[str, Any] = {"kind": "inSource" if inline else "external"}
            if justification and justification != "inline":
                suppression["justification"] = justification
            item["suppressions"] = [suppression]
        props: dict[str, Any] = {}
        if f.condition is not None:
            props["condition"] = f.condition.id
        if f.therapy is not None:
            props["therapy"] = f.therapy.id
            props["therapyInferred"] = f.therapy.inferred
        if f.certainty is not None:
            props["certainty"] = f.certainty
        if f.evidence is not None:
            props["evidence"] = {"id": f.evidence.id, "status": f.evidence.status, "level": f.evidence.level}
        if f.suggestion:
            props["suggestion"] = f.suggestion
        if props:
            item["properties"] = props
        return item


_FORMATTERS: dict[str, Callable[[TextIO, OutputOptions, list[RuleDoc]], Formatter]] = {
    "text": TextFormatter,
    "concise": ConciseFormatter,
    "json": JsonFormatter,
    "jsonl": JsonLinesFormatter,
    "sarif": SarifFormatter,
    "csv": CsvFormatter,
    "github": GithubFormatter,
}

def get_formatter(name: str, stream: TextIO, options: OutputOptions, rules: list[RuleDoc]) -> Formatter:
    """The formatter for `name` (one of FORMATS, case-insensitive)."""
    try:
        factory = _FORMATTERS[name.lower()]
    except KeyError:
        raise ValueError(f"unknown output format {name!r}; expected one of {', '.join(FORMATS)}") from None
    return factory(stream, options, rules)


__all__ = ["FORMATS", "Formatter", "OutputOptions", "get_formatter", "statistics"]
