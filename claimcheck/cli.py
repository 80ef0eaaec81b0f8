"""Command line: a thin layer over claimcheck.api.

    claimcheck check samples/            # people-readable report
    claimcheck check page.html --format json

Exit codes: 0 no error or warning, 1 findings at warning level or above, 2 usage,
rule or configuration errors.
"""

from __future__ import annotations

import json
import sys

import click

from claimcheck._version import __version__

SEVERITY_ORDER = {"info": 0, "warning": 1, "error": 2}


class UsageProblem(click.ClickException):
    exit_code = 2


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="claimcheck")
def main() -> None:
    """Find unproven stem-cell, exosome and regenerative-medicine claims in marketing text."""


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--format", "output_format", type=click.Choice(["text", "json"], case_sensitive=False),
              default="text", show_default=True, help="Output for people (text) or tools (json).")
@click.option("--jurisdiction", "-j", default="US", show_default=True,
              help="Where the page is read: US, EU, UK, JP, KR, CA, AU, IN, US-CA, US-FL.")
@click.option("--rules", "rule_packs", multiple=True, type=click.Path(exists=True),
              help="Extra rule pack folder (repeatable); extends or overrides the shipped rules.")
@click.option("--min-severity", type=click.Choice(["info", "warning", "error"]), default="info",
              show_default=True, help="Hide findings below this severity.")
@click.option("--exit-zero", is_flag=True, help="Exit with 0 even when there are findings.")
def check(paths: tuple[str, ...], output_format: str, jurisdiction: str, rule_packs: tuple[str, ...],
          min_severity: str, exit_zero: bool) -> None:
    """Check files or folders (folders are searched for .txt, .md and .html files)."""
    from claimcheck.api import Checker
    from claimcheck.errors import ClaimcheckError
    from claimcheck.models import Report

    try:
        checker = Checker(jurisdiction.upper(), rule_packs)
    except ClaimcheckError as exc:
        raise UsageProblem(str(exc)) from None
    threshold = SEVERITY_ORDER[min_severity]
    results = []
    for result in checker.check_paths(paths):
        result.findings = [f for f in result.findings if SEVERITY_ORDER[f.severity] >= threshold]
        results.append(result)
        if output_format == "text":
            _print_text(result)
    report = Report(results, checker.jurisdiction)
    summary = report.summary()
    if output_format == "json":
        click.echo(json.dumps(report.to_dict(), indent=2, ensure_ascii=False))
    else:
        counts = summary["by_severity"]
        failed = f", {summary['files_failed']} unreadable" if summary["files_failed"] else ""
        click.echo(f"{summary['files']} file(s) checked{failed}: {counts['error']} error(s), "
                   f"{counts['warning']} warning(s), {counts['info']} info.")
    failing = summary["by_severity"]["error"] + summary["by_severity"]["warning"]
    sys.exit(1 if failing and not exit_zero else 0)


def _print_text(result) -> None:
    if result.error:
        click.echo(f"{result.path}: cannot check: {result.error}", err=False)
        return
    for f in result.findings:
        about = ""
        if f.condition is not None:
            therapy = f.therapy.name if f.therapy else "?"
            about = f" [{therapy} -> {f.condition.name}]"
        click.echo(f"{result.path}:{f.line}:{f.column}: {f.rule} {f.severity}{about} {f.message}")


if __name__ == "__main__":  # pragma: no cover
    main()
