"""claimcheck: find unproven stem-cell and regenerative-medicine treatment claims.

    import claimcheck
    report = claimcheck.check_text(open("page.html").read(), filename="page.html", jurisdiction="US")
    for f in report.findings:
        print(f.severity, f.rule, f.line, f.column, f.message)

Importing the package is cheap: spaCy and the rule set load on first use.
"""

from claimcheck._version import __version__

__all__ = [
    "__version__", "check_text", "check_file", "check_paths", "Checker", "load_ruleset",
    "Report", "FileResult", "Finding", "Claim", "ClaimcheckError", "RuleError",
]

_LAZY = {
    "check_text": "claimcheck.api", "check_file": "claimcheck.api", "check_paths": "claimcheck.api",
    "Checker": "claimcheck.api", "load_ruleset": "claimcheck.ruleset",
    "Report": "claimcheck.models", "FileResult": "claimcheck.models", "Finding": "claimcheck.models",
    "Claim": "claimcheck.models", "ClaimcheckError": "claimcheck.errors", "RuleError": "claimcheck.errors",
}


def __getattr__(name: str):
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'claimcheck' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__():
    return sorted(__all__)
