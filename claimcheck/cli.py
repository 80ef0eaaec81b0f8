"""Command line: a thin layer over the library API.

    claimcheck check page.html            check files (or `-` for pasted text on stdin)
    claimcheck scan saved-sites/          check every page in folders
    claimcheck explain CC101              what a rule means, with sources
    claimcheck rules list | validate DIR  the rule set
    claimcheck schema report|config|rules the shipped JSON Schemas
    claimcheck config show                effective settings and where each came from

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it (or a file that
could not be checked), 2 usage, configuration or rule-pack errors, 3 the report could
not be written (disk full...), 130 interrupted (Ctrl-C), 141 the reader of standard
output went away (`| head`), 143 terminated (SIGTERM).

spaCy is imported only by commands that check text, so --version, --help, explain,
rules list and schema answer at once.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any, Iterable

import click
from click.core import ParameterSource

from claimcheck._version import __version__
from claimcheck.models import SEVERITY_RANK


EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
EXIT_OUTPUT, EXIT_PIPE, EXIT_TERMINATED = 3, 141, 143
FORMAT_NAMES = ("text", "concise", "json", "jsonl", "sarif", "csv", "github")
JURISDICTIONS = ("US", "EU", "UK", "JP", "KR", "CA", "AU", "IN", "CN", "NZ", "US-CA", "US-FL")


class UsageProblem(click.ClickException):
    """A problem with the command, its configuration or a rule pack: exit code 2."""

    exit_code = EXIT_USAGE

    def show(self, file=None) -> None:
        click.echo(f"claimcheck: error: {self.format_message()}", err=True)


class Terminated(KeyboardInterrupt):
    """SIGTERM: stop like Ctrl-C (the report so far, no half-written --output file)."""


def _terminate(_signum, _frame) -> None:
    raise Terminated()


class OutputFailed(Exception):
    """Writing the report failed (a full disk, a closed pipe)."""

    def __init__(self, where: str, exc: OSError) -> None:
        self.where = where
        self.exc = exc
        super().__init__(f"{where}: cannot write the report: {exc.strerror or exc}")


def main(args: list[str] | None = None, prog_name: str | None = None) -> None:
    """Entry point for the console script and `python -m claimcheck`."""
    try:
        signal.signal(signal.SIGTERM, _terminate)
    except (ValueError, OSError):  # not the main thread
        pass
    try:
        code = cli.main(args=args, prog_name=prog_name or "claimcheck", standalone_mode=False)
        if isinstance(code, int) and code:
            sys.exit(code)
    except click.exceptions.Abort:
        click.echo("claimcheck: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code if exc.exit_code != 1 else EXIT_USAGE)
    except KeyboardInterrupt as exc:
        click.echo("claimcheck: interrupted", err=True)
        sys.exit(EXIT_TERMINATED if isinstance(exc, Terminated) else EXIT_INTERRUPTED)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "--version", "-V", prog_name="claimcheck")
def cli() -> None:
    """Find unproven stem-cell, exosome and regenerative-medicine treatment claims in
    marketing text, with cited explanations."""


# ----------------------------------------------------------------------------------
# check and scan


def _split(values: Iterable[str]) -> tuple[str, ...]:
    """--select CC1,CC2 and --select CC1 --select CC2 mean the same."""
    return tuple(part.strip() for value in values for part in value.split(",") if part.strip())


def check_options(func):
    """Options shared by `check` and `scan`."""
    options = [
        click.option("--format", "-f", "format", type=click.Choice(FORMAT_NAMES, case_sensitive=False),
                      default="text", show_default=True, help="Output for people (text, concise) or tools."),
        click.option("--output", "-o", "output", type=click.Path(dir_okay=False, writable=True),
                      help="Write the report to FILE (atomically) instead of standard output."),
        click.option("--jurisdiction", type=click.Choice(JURISDICTIONS, case_sensitive=False), default="US",
                      show_default=True, help="Where the page is read."),
        click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default="info",
                      show_default=True, help="Do not report findings below this severity."),
        click.option("--fail-on", type=click.Choice(["error", "warning", "info", "never"]), default="warning",
                      show_default=True, help="Exit with 1 when a finding at or above this severity is reported."),
        click.option("--exit-zero", is_flag=True, help="Exit with 0 even when findings are reported."),
        click.option("--select", multiple=True, metavar="RULES",
                      help="Only these rules: ids (CC101), prefixes (CC2) or names (cure-claim); comma-separated or repeated."),
        click.option("--extend-select", multiple=True, metavar="RULES", help="Add rules to the configured selection."),
        click.option("--ignore", multiple=True, metavar="RULES", help="Leave these rules out (ids, prefixes or names)."),
        click.option("--rules", "rules", multiple=True, type=click.Path(exists=True),
                     help="Extra rule-pack folder (repeatable): extends or overrides the shipped rules."),
        click.option("--jobs", type=click.IntRange(1, 64), default=1, show_default=True,
                      help="Worker processes (each loads the pipeline once)."),
        click.option("--max-file-size", type=click.FloatRange(0), default=10, show_default=True, metavar="MIB",
                      help="Refuse files larger than this many MiB, unread (0: no limit)."),
        click.option("--timeout", type=click.FloatRange(0), default=60, show_default=True, metavar="SECONDS",
                      help="Give up on a file that takes longer than this to check (0: no limit)."),
        click.option("--baseline", type=click.Path(dir_okay=False),
                      help="Hide findings recorded in this baseline file (matched by content, not line)."),
        click.option("--write-baseline", type=click.Path(dir_okay=False),
                      help="Record the current findings in this baseline file, then exit 0."),
        click.option("--statistics", is_flag=True, help="Counts per rule, per condition and per file."),
        click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary on standard error."),
        click.option("--no-show-source", "show_source", flag_value=False, default=True,
                      help="Text format: do not print the source line under each finding."),
        click.option("--no-directives", "respect_directives", flag_value=False, default=True,
                      help="Ignore inline <!-- claimcheck: ... --> suppression comments."),
        click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False),
                      help="Settings file to use instead of the nearest .claimcheck.toml / pyproject.toml."),
        click.option("--isolated", is_flag=True, help="Ignore all configuration files."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--stdin-filename", metavar="NAME",
              help="Name for text read from standard input (its extension picks text, Markdown or HTML).")
@check_options
@click.pass_context
def check(ctx: click.Context, paths: tuple[str, ...], stdin_filename: str | None, **_options: Any) -> None:
    """Check files; `-` reads pasted text from standard input. Folders are searched like `scan`."""
    settings, origins, _config = resolve_settings(ctx)
    run(settings, origins, list(paths), stdin_filename=stdin_filename)


@cli.command()
@click.argument("folders", nargs=-1, required=True, type=click.Path(exists=True, file_okay=True, path_type=str))
@click.option("--include", multiple=True, metavar="GLOB",
              help="Files to read (default: *.txt *.md *.markdown *.html *.htm); repeatable.")
@click.option("--exclude", multiple=True, metavar="GLOB", help="Files or folders to skip, e.g. 'drafts/**'; repeatable.")
@check_options
@click.pass_context
def scan(ctx: click.Context, folders: tuple[str, ...], **_options: Any) -> None:
    """Check every page in folders, recursively (hidden folders skipped, symbolic-link
    loops never followed); results stream out file by file."""
    settings, origins, _config = resolve_settings(ctx)
    run(settings, origins, list(folders))


def resolve_settings(ctx: click.Context) -> tuple[dict[str, Any], dict[str, str], Any]:
    """Command-line values win over the configuration file, which wins over defaults."""
    from claimcheck.config import find_config, load_config
    from claimcheck.config import effective_settings
    from claimcheck.errors import ClaimcheckError

    params = ctx.params
    explicit = {name: value for name, value in params.items()
                if ctx.get_parameter_source(name) in (ParameterSource.COMMANDLINE, ParameterSource.ENVIRONMENT)}
    for key in ("select", "ignore", "extend_select"):
        if key in explicit:
            explicit[key] = list(_split(explicit[key]))
    for key in ("rules", "include", "exclude"):
        if key in explicit:
            explicit[key] = list(explicit[key])
    for key in ("paths", "folders", "config_file", "isolated", "output", "exit_zero", "write_baseline",
                "stdin_filename"):
        explicit.pop(key, None)
    try:
        config = None
        if params.get("config_file"):
            config = load_config(Path(params["config_file"]))
        elif not params.get("isolated"):
            found = find_config(Path.cwd())
            config = load_config(found) if found else None
        settings, origins = effective_settings(explicit, config)
    except ClaimcheckError as exc:
        raise UsageProblem(str(exc)) from None
    settings["output"] = params.get("output")
    settings["exit_zero"] = params.get("exit_zero", False)
    settings["write_baseline"] = params.get("write_baseline")
    return settings, origins, config


def run(settings: dict[str, Any], origins: dict[str, str], paths: list[str], *,
        stdin_filename: str | None = None) -> None:
    """Check, filter, report, and exit with the right code. Files stream through: only
    counts are kept (and, for --write-baseline, the findings to record)."""
    from claimcheck.catalog import rule_docs
    from claimcheck.config import check_selectors
    from claimcheck.discover import DEFAULT_EXCLUDE, DEFAULT_INCLUDE, iter_files
    from claimcheck.errors import ClaimcheckError
    from claimcheck.ruleset import load_ruleset

    jurisdiction = str(settings["jurisdiction"]).upper()
    rule_packs = tuple(str(p) for p in settings.get("rules") or ())
    try:
        ruleset = load_ruleset(rule_packs)
        baseline = _load_baseline(settings.get("baseline"))
    except ClaimcheckError as exc:
        raise UsageProblem(str(exc)) from None
    docs = rule_docs(ruleset)
    try:
        check_selectors(settings, origins, docs)
    except ClaimcheckError as exc:
        raise UsageProblem(str(exc)) from None
    select = tuple(settings.get("select") or ())
    ignore = tuple(settings.get("ignore") or ())
    filters = ResultFilter(select, ignore, settings.get("min_severity", "info"),
                           settings.get("per_file_ignores") or {}, baseline)

    include = tuple(settings.get("include") or ()) or DEFAULT_INCLUDE
    exclude = tuple(settings.get("exclude") or ()) + DEFAULT_EXCLUDE
    reading_stdin = paths == ["-"]
    output = settings.get("output")
    quiet = bool(settings.get("quiet"))
    # the progress bar needs the number of files; without it, files stream from the walk
    wants_progress = not quiet and _isatty(sys.stderr) and (output is not None or not _isatty(sys.stdout))
    files: Any = ["-"] if reading_stdin else iter_files(paths, include=include, exclude=exclude)
    if wants_progress and not reading_stdin:
        files = list(files)
    jobs = 1 if reading_stdin else int(settings.get("jobs") or 1)

    from claimcheck.formats import OutputOptions, get_formatter

    stream, commit = _open_output(output)
    color = output is None and _use_color(sys.stdout)
    options = OutputOptions(tool_version=__version__, jurisdiction=jurisdiction, color=color,
                            show_source=settings.get("show_source", True), root=os.getcwd(),
                            statistics=bool(settings.get("statistics")))
    formatter = get_formatter(settings.get("format", "text"), stream, options, docs)
    show_progress = wants_progress and isinstance(files, list) and len(files) > 1
    tally = Tally(settings)
    kept: list | None = [] if settings.get("write_baseline") else None
    interrupted: KeyboardInterrupt | None = None
    where = output or "standard output"
    try:
        try:
            formatter.start()
            with _progress(len(files) if show_progress else 0, show_progress) as progress:
                for result in _results(files, jobs, jurisdiction, rule_packs, settings, stdin_filename):
                    result = filters.apply(result)
                    formatter.add(result)
                    tally.add(result)
                    if kept is not None:
                        kept.append(_summary_only(result))
                    progress.advance(len(result.findings))
        except KeyboardInterrupt as exc:
            interrupted = exc
        except ClaimcheckError as exc:
            commit(ok=False)
            raise UsageProblem(str(exc)) from None
        summary = tally.summary()
        summary["interrupted"] = interrupted is not None
        summary["baseline_unmatched"] = len(baseline.unmatched()) if baseline is not None else 0
        formatter.finish(summary)
        commit(ok=interrupted is None)
    except OSError as exc:
        commit(ok=False, failed=True)
        _output_failed(where, exc)
    except BaseException:
        commit(ok=False, failed=True)  # never leave a temporary --output file behind
        raise
    if settings.get("write_baseline") and interrupted is None:
        _write_baseline(settings["write_baseline"], kept, quiet)
        sys.exit(EXIT_OK)
    if interrupted is not None:
        click.echo("claimcheck: interrupted; the summary covers the files checked so far", err=True)
        sys.exit(EXIT_TERMINATED if isinstance(interrupted, Terminated) else EXIT_INTERRUPTED)
    sys.exit(tally.exit_code())


def _output_failed(where: str, exc: OSError) -> None:
    """Stop after a failed write: quietly when the reader of a pipe went away (as other
    command-line tools do), else with the reason (a full disk is never swallowed)."""
    try:  # nothing more can reach standard output; stop Python's own flush at exit failing
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, AttributeError, ValueError):
        pass
    if isinstance(exc, BrokenPipeError):
        sys.exit(EXIT_PIPE)
    click.echo(f"claimcheck: error: {where}: cannot write the report: {exc.strerror or exc}", err=True)
    sys.exit(EXIT_OUTPUT)


def _results(files, jobs, jurisdiction, rule_packs, settings, stdin_filename):
    from claimcheck.parallel import check_files

    respect = bool(settings.get("respect_directives", True))
    limits = _limits(settings)
    if files == ["-"]:
        from claimcheck.api import Checker
        from claimcheck.inputs import InputError, read_stream
        from claimcheck.models import FileResult
        from claimcheck.timelimit import CheckTimeout

        checker = Checker(jurisdiction, rule_packs, respect_directives=respect, **limits)
        name = stdin_filename or "<stdin>"
        try:
            data = read_stream(sys.stdin.buffer, name, limits["max_file_bytes"])
        except InputError as exc:
            yield FileResult(path=name, error=exc.message)
            return
        except OSError as exc:
            yield FileResult(path=name, error=f"cannot read standard input: {exc.strerror or exc}")
            return
        from claimcheck.timelimit import time_limit

        try:
            with time_limit(limits["time_limit"]):
                report = checker.check_text(data, name)
        except CheckTimeout as exc:
            yield FileResult(path=name, error=f"not checked: took longer than the time limit of {exc.seconds:g} s")
            return
        yield from report.files
        return
    yield from check_files(files, jobs=jobs, jurisdiction=jurisdiction, rule_packs=rule_packs,
                           respect_directives=respect, **limits)


def _limits(settings) -> dict[str, Any]:
    """--max-file-size (MiB) and --timeout (seconds) as the Checker takes them; 0 is no limit."""
    size = float(settings.get("max_file_size") or 0)
    seconds = float(settings.get("timeout") or 0)
    return {"max_file_bytes": int(size * 1024 * 1024) if size > 0 else None,
            "time_limit": seconds if seconds > 0 else None}


def _summary_only(result):
    """What the run keeps of a file for --write-baseline: its findings, not the source
    lines or claims."""
    result.lines = {}
    result.claims = []
    return result


class Tally:
    """What a run keeps of the files it reported: counts for the summary and the exit
    code, never the files' findings (memory stays flat over any number of files)."""

    def __init__(self, settings) -> None:
        self.settings = settings
        self.files = self.with_findings = self.failed = 0
        self.by_severity = {"error": 0, "warning": 0, "info": 0}
        self.by_rule: dict[str, int] = {}
        self.worst = -1  # highest severity rank reported

    def add(self, result) -> None:
        self.files += 1
        self.with_findings += bool(result.findings)
        self.failed += bool(result.error)
        for f in result.findings:
            self.by_severity[f.severity] += 1
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
            self.worst = max(self.worst, SEVERITY_RANK[f.severity])

    def summary(self) -> dict[str, Any]:
        """The same dictionary as Report.summary()."""
        return {"files": self.files, "files_with_findings": self.with_findings, "files_failed": self.failed,
                "findings": sum(self.by_severity.values()), "by_severity": dict(self.by_severity),
                "by_rule": dict(sorted(self.by_rule.items()))}

    def exit_code(self) -> int:
        settings = self.settings
        if settings.get("exit_zero") or settings.get("fail_on") == "never":
            return EXIT_OK
        if self.failed:
            return EXIT_FINDINGS  # a file that could not be checked is reported like an error (ruff's E902)
        return EXIT_FINDINGS if self.worst >= SEVERITY_RANK[settings.get("fail_on", "warning")] else EXIT_OK


def exit_code(results, settings) -> int:
    """The exit code for a list of results (see Tally)."""
    tally = Tally(settings)
    for result in results:
        tally.add(result)
    return tally.exit_code()


class ResultFilter:
    """--select/--ignore, per-file ignores, --min-severity and the baseline."""

    def __init__(self, select, ignore, min_severity, per_file_ignores, baseline) -> None:
        self.select = select
        self.ignore = ignore
        self.min_rank = SEVERITY_RANK[min_severity]
        self.per_file = {glob: tuple(_split(rules)) for glob, rules in per_file_ignores.items()}
        self.baseline = baseline

    def apply(self, result):
        from claimcheck.catalog import is_selected
        from claimcheck.discover import matches

        relative = _relative(result.path)
        ignore = self.ignore + tuple(r for glob, rules in self.per_file.items()
                                     if matches(relative, (glob,)) for r in rules)
        result.findings = [f for f in result.findings
                           if SEVERITY_RANK[f.severity] >= self.min_rank
                           and is_selected(f.rule, f.name, self.select, ignore)]
        if self.baseline is not None:
            result = self.baseline.filter(result)
        return result


def _relative(path: str) -> str:
    try:
        rel = os.path.relpath(path)
    except ValueError:
        return path.replace(os.sep, "/")
    return path.replace(os.sep, "/") if rel.startswith("..") else rel.replace(os.sep, "/")


def _load_baseline(path):
    if not path:
        return None
    from claimcheck.baseline import Baseline

    return Baseline.load(Path(path))


def _write_baseline(path: str, results, quiet: bool) -> None:
    from claimcheck.baseline import write_baseline

    count = write_baseline(Path(path), results)
    if not quiet:
        click.echo(f"claimcheck: wrote {count} finding(s) to the baseline {path}", err=True)


def _open_output(path: str | None):
    """The report stream, and a function that completes it: for --output, a temporary
    file in the same folder renamed over the target only when the run completed, so a
    reader never sees half a report (an interrupted or failed run leaves the old file,
    or none). commit(ok=...) raises OSError when the report cannot be completed."""
    if path is None:
        try:  # a name or text Python cannot encode is escaped, never a crash mid-report
            sys.stdout.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError, OSError):
            pass

        def commit_stdout(ok: bool, failed: bool = False) -> None:
            if not failed:
                sys.stdout.flush()

        return sys.stdout, commit_stdout
    import tempfile

    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    try:
        handle = tempfile.NamedTemporaryFile("w", encoding="utf-8", errors="backslashreplace", newline="",
                                             dir=folder, prefix=f".{target.name}.", suffix=".tmp", delete=False)
    except OSError as exc:
        raise UsageProblem(f"{path}: cannot write the report: {exc.strerror or exc}") from None
    done = False

    def commit(ok: bool, failed: bool = False) -> None:
        nonlocal done
        if done:
            return
        done = True
        try:
            if ok and not failed:
                handle.flush()
                os.fsync(handle.fileno())
                handle.close()
                os.replace(handle.name, target)
                return
        except OSError:
            _discard(handle)
            raise
        _discard(handle)

    return handle, commit


def _discard(handle) -> None:
    try:
        handle.close()
    except OSError:
        pass  # (a full disk again, flushing what is left: the file goes anyway)
    try:
        os.unlink(handle.name)
    except OSError:
        pass


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _use_color(stream) -> bool:
    return _isatty(stream) and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


class _progress:
    """click's progress bar on standard error, with files per second and findings."""

    def __init__(self, total: int, enabled: bool) -> None:
        self.total, self.enabled = total, enabled
        self.done = self.findings = 0
        self.started = time.monotonic()
        self.bar = None

    def __enter__(self):
        if self.enabled:
            self.bar = click.progressbar(length=self.total, file=sys.stderr, show_eta=False, width=24,
                                         item_show_func=lambda _item: self._status())
            self.bar.__enter__()
        return self

    def _status(self) -> str:
        rate = self.done / max(time.monotonic() - self.started, 1e-6)
        return f"{self.done}/{self.total} files, {rate:.0f} files/s, {self.findings} findings"

    def advance(self, findings: int) -> None:
        self.done += 1
        self.findings += findings
        if self.bar is not None:
            self.bar.update(1, current_item=self.done)

    def __exit__(self, *exc) -> None:
        if self.bar is not None:
            self.bar.__exit__(*exc)


# ----------------------------------------------------------------------------------
# rules, explain, schema, config


@cli.group()
def rules() -> None:
    """The rule set: list it, or validate a rule pack."""


@rules.command("list")
@click.option("--condition", help="Only evidence entries that cover this condition id (or a broader one).")
@click.option("--therapy", help="Only evidence entries that cover this therapy id (or its families).")
@click.option("--jurisdiction", help="Only evidence entries that apply in this jurisdiction.")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(exists=True), help="Extra rule pack.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
def rules_list(condition: str | None, therapy: str | None, jurisdiction: str | None,
               rule_packs: tuple[str, ...], output_format: str) -> None:
    """Table of rules and of evidence entries."""
    from claimcheck.catalog import rule_docs

    ruleset = _ruleset(rule_packs)
    for ident, known, what in ((condition, ruleset.conditions, "condition"), (therapy, ruleset.therapies, "therapy")):
        if ident and ident not in known:
            raise UsageProblem(f"unknown {what} id {ident!r}")
    entries = []
    for entry in ruleset.evidence:
        if condition and not ruleset.condition_family(condition).intersection(entry.conditions):
            continue
        if therapy and not ruleset.therapy_family(therapy).intersection(entry.therapies):
            continue
        if jurisdiction and jurisdiction.upper() not in entry.jurisdictions and "ALL" not in entry.jurisdictions:
            continue
        entries.append(entry)
    docs = rule_docs(ruleset)
    if output_format == "json":
        click.echo(json.dumps({
            "rules": [{"id": d.id, "name": d.name, "kind": d.kind, "category": d.category,
                       "severity": d.severity, "title": d.title} for d in docs],
            "evidence": [{"id": e.id, "jurisdictions": list(e.jurisdictions), "therapies": list(e.therapies),
                          "conditions": list(e.conditions), "status": e.status, "level": e.level,
                          "product": e.product, "summary": e.summary, "sources": list(e.sources),
                          "reviewed": e.reviewed} for e in entries],
        }, indent=2, ensure_ascii=False))
        return
    if not (condition or therapy or jurisdiction):
        click.echo(_table(["rule", "name", "severity", "title"],
                          [[d.id, d.name, d.severity, d.title] for d in docs]))
        click.echo()
    click.echo(_table(["evidence entry", "where", "status", "level", "therapies", "conditions"],
                      [[e.id, ",".join(e.jurisdictions), e.status, e.level, ",".join(e.therapies),
                        ",".join(e.conditions)] for e in entries]))
    click.echo(f"\n{len(entries)} evidence entr{'y' if len(entries) == 1 else 'ies'}")


@rules.command("validate")
@click.argument("packs", nargs=-1, required=True, type=click.Path(exists=True))
def rules_validate(packs: tuple[str, ...]) -> None:
    """Check rule packs against the schemas, compile every pattern and run the
    red-flag rules' own examples."""
    from claimcheck.ruleset import read_pack

    ruleset = _ruleset(packs)
    counts: dict[str, int] = {}
    try:
        for pack in packs:
            for _name, data in read_pack(Path(pack)):
                key = data["kind"]
                items = next(v for k, v in data.items() if k != "kind")
                counts[key] = counts.get(key, 0) + len(items)
    except Exception as exc:  # already validated by _ruleset; keep the message plain
        raise UsageProblem(str(exc)) from None
    from claimcheck.api import Checker

    checker = Checker("US", packs)  # builds every phrase matcher and compiles every regex
    pack_rules = {r.id for r in ruleset.red_flags if any(r.origin.startswith(str(Path(p))) for p in packs)}
    problems = []
    for rule in ruleset.red_flags:
        if rule.id not in pack_rules:
            continue
        for text in rule.examples_flag:
            if not any(f.rule == rule.id for f in checker.check_text(text).findings):
                problems.append(f"{rule.id}: example does not flag: {text}")
        for text in rule.examples_pass:
            if any(f.rule == rule.id and f.severity != "info" for f in checker.check_text(text).findings):
                problems.append(f"{rule.id}: example should pass but is flagged: {text}")
    summary = ", ".join(f"{n} {k}" for k, n in sorted(counts.items())) or "no entries"
    for problem in problems:
        click.echo(f"claimcheck: {problem}", err=True)
    if problems:
        raise UsageProblem(f"{len(problems)} rule example(s) fail")
    click.echo(f"ok: {', '.join(packs)}: {summary}; all patterns compile")


@rules.command("audit")
@click.option("--months", type=click.IntRange(1, 240), default=12, show_default=True,
              help="Entries reviewed longer ago than this are listed.")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(exists=True), help="Extra rule pack.")
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--strict", is_flag=True, help="Exit with 1 when anything needs attention.")
def rules_audit(months: int, rule_packs: tuple[str, ...], output_format: str, strict: bool) -> None:
    """Stale or unsourced evidence, conditions without evidence, names in two concepts."""
    from claimcheck.audit import audit

    result = audit(_ruleset(rule_packs), months=months)
    if output_format == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        sections = [
            (f"Evidence entries reviewed more than {months} months ago", [f"{i} (reviewed {r}) {f}" for i, r, f in result.stale]),
            ("Evidence entries without a web source", [f"{i} {f}" for i, f in result.unsourced]),
            ("Conditions no evidence entry covers", result.uncovered),
            ("Names claimed by two concepts", [f"{n!r}: {a}, {b}" for n, a, b in result.shared_names]),
            ("Conditions covered only by a broader entry (for information)", result.only_broader),
        ]
        for title, items in sections:
            click.echo(f"{title}: {len(items)}")
            for item in items:
                click.echo(f"  {item}")
        c = result.counts
        click.echo(f"\nRule set: {c['conditions']} conditions ({c['condition_synonyms']} synonyms, "
                   f"{c['condition_abbreviations']} abbreviations), {c['therapies']} therapies "
                   f"({c['therapy_synonyms']} synonyms), {c['evidence_entries']} evidence entries, "
                   f"{c['red_flag_rules']} red-flag rules, {c['jurisdiction_rules']} jurisdiction rules")
        click.echo("Evidence entries per jurisdiction: " +
                   ", ".join(f"{k} {v}" for k, v in c["evidence_per_jurisdiction"].items()))
    if strict and result.problems:
        sys.exit(EXIT_FINDINGS)


@cli.command("eval")
@click.argument("corpus", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the figures, misses and false alarms as JSON.")
@click.option("--half", type=click.Choice(["dev", "test", "both"]), default="both", show_default=True,
              help="Score the development half, the test half, or both.")
@click.option("--no-misses", is_flag=True, help="Figures only, without the lists of misses.")
@click.option("--baseline", "baseline_file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Exit with 1 when a figure is more than 2 points worse than in this file.")
@click.option("--write-baseline", "write_to", type=click.Path(dir_okay=False, path_type=Path),
              help="Record the figures in this file.")
def eval_command(corpus: Path, as_json: bool, half: str, no_misses: bool, baseline_file: Path | None,
                 write_to: Path | None) -> None:
    """Measure recall, precision and false alarms on a labelled corpus (docs/corpus.md)."""
    from claimcheck.errors import ClaimcheckError
    from claimcheck.evaluate import compare_to_baseline, evaluate, format_table

    halves = ("dev", "test") if half == "both" else (half,)
    try:
        evaluation = evaluate(corpus, halves=halves)
    except ClaimcheckError as exc:
        raise UsageProblem(str(exc)) from None
    data = evaluation.to_dict()
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(format_table(evaluation, misses=not no_misses))
        test = evaluation.halves.get("test")
        if test is not None:
            f = test.figures()
            checks = [("recall of unproven claims >= 95%", f["claim_recall"], lambda v: v >= 95),
                      ("condition recall >= 95%", f["condition_recall"], lambda v: v >= 95),
                      ("error false alarms <= 3%", f["error_false_alarms"], lambda v: v <= 3)]
            click.echo("\ntargets on the test half:")
            for name, value, ok in checks:
                shown = "-" if value is None else f"{value:.1f}%"
                click.echo(f"  {'met ' if value is not None and ok(value) else 'MISSED'}  {name}: {shown}")
    if write_to is not None:
        baseline = {"figures": {h: s.figures() for h, s in evaluation.halves.items()},
                    "documents": evaluation.documents}
        write_to.write_text(json.dumps(baseline, indent=2) + "\n", encoding="utf-8")
    if baseline_file is not None:
        problems = compare_to_baseline(evaluation, json.loads(baseline_file.read_text(encoding="utf-8")))
        for problem in problems:
            click.echo(f"claimcheck: accuracy fell: {problem}", err=True)
        if problems:
            sys.exit(EXIT_FINDINGS)


@cli.command()
@click.argument("rule_id")
def explain(rule_id: str) -> None:
    """What a rule checks, why, examples and sources (by id or name)."""
    from claimcheck.catalog import find_rule, rule_docs

    doc = find_rule(rule_docs(_ruleset(())), rule_id)
    if doc is None:
        raise UsageProblem(f"no rule {rule_id!r} (see `claimcheck rules list`)")
    lines = [f"{doc.id} {doc.name} ({doc.severity}, {doc.kind}, {doc.category})", "", doc.title, "",
             "Why: " + doc.rationale, "", "Message: " + doc.message]
    if doc.suggestion:
        lines += ["", "Instead: " + doc.suggestion]
    if doc.flag_examples:
        lines += ["", "Flagged:"] + [f"  - {t}" for t in doc.flag_examples]
    if doc.pass_examples:
        lines += ["", "Not flagged:"] + [f"  - {t}" for t in doc.pass_examples]
    if doc.sources:
        lines += ["", "Sources:"] + [f"  {s}" for s in doc.sources]
    click.echo("\n".join(lines))


@cli.command()
@click.argument("name", type=click.Choice(["report", "config", "rules", "sarif", "therapies", "conditions",
                                            "evidence", "red-flags", "claim-rules", "cues", "jurisdiction-rules",
                                            "common"]))
def schema(name: str) -> None:
    """Print a shipped JSON Schema (`rules` prints every rule-file schema, by kind)."""
    from claimcheck.ruleset import KINDS, load_schema

    files = {"report": "report.schema.json", "config": "config.schema.json", "sarif": "sarif-subset.schema.json",
             "common": "common.schema.json", **KINDS}
    if name == "rules":
        data: Any = {"common": load_schema("common.schema.json"), **{k: load_schema(v) for k, v in KINDS.items()}}
    else:
        data = load_schema(files[name])
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


@cli.group()
def config() -> None:
    """Settings from .claimcheck.toml or [tool.claimcheck] in pyproject.toml."""


@config.command("show")
@click.option("--config", "config_file", type=click.Path(exists=True, dir_okay=False), help="Settings file to show.")
@click.option("--isolated", is_flag=True, help="Ignore configuration files.")
@click.pass_context
def config_show(ctx: click.Context, config_file: str | None, isolated: bool) -> None:
    """Print the effective settings and where each came from."""
    from claimcheck.config import format_settings

    settings, origins, config_file = resolve_settings(ctx)
    for key in ("output", "exit_zero", "write_baseline"):
        settings.pop(key, None)
    click.echo(format_settings(settings, origins, config=config_file))


def _ruleset(packs):
    from claimcheck.errors import ClaimcheckError
    from claimcheck.ruleset import load_ruleset

    try:
        return load_ruleset(tuple(str(p) for p in packs))
    except ClaimcheckError as exc:
        raise UsageProblem(str(exc)) from None


def _table(header: list[str], rows: list[list[str]]) -> str:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    widths[-1] = len(header[-1])  # the last column is not padded
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths)).rstrip()]
    lines.append("  ".join("-" * max(w, 3) for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    main()
