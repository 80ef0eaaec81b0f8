"""Every rule claimcheck can report, described for people and tools (explain, rules
list, SARIF), and the select/ignore logic over rule ids, prefixes and names.

Works from the rule set alone, so commands that only describe rules never load spaCy.
"""

from __future__ import annotations

from dataclasses import dataclass

from claimcheck.ruleset import RuleSet


@dataclass(frozen=True)
class RuleDoc:
    id: str
    name: str
    kind: str  # "claim" | "red-flag" | "jurisdiction" | "tool"
    category: str
    severity: str
    title: str
    rationale: str
    message: str
    suggestion: str | None
    sources: tuple[str, ...]
    flag_examples: tuple[str, ...] = ()
    pass_examples: tuple[str, ...] = ()


# Diagnostics about claimcheck's own inputs rather than the marketing text.
TOOL_RULES = (
    RuleDoc("CC901", "unused-suppression", "tool", "tool", "warning",
            "Suppression comment that hides nothing",
            "A claimcheck comment that no longer matches a finding is stale: it may hide a future finding "
            "or mislead reviewers about what was checked.",
            "The comment '{directive}' suppresses no finding.",
            "Remove the comment or correct the rule ids it names.", ()),
    RuleDoc("CC902", "invalid-suppression", "tool", "tool", "warning",
            "Suppression comment that cannot be read",
            "A claimcheck comment must name the rules it suppresses (ids such as CC101, prefixes such as CC2, or "
            "names such as cure-claim); a blanket or misspelt comment is ignored so it cannot hide everything.",
            "The comment '{directive}' is not understood: {problem}.",
            "Write it as <!-- claimcheck: ignore CC101 --> (or disable / enable / ignore-file) with rule ids.", ()),
)


def rule_docs(ruleset: RuleSet) -> list[RuleDoc]:
    """All rules, sorted by id."""
    docs: list[RuleDoc] = list(TOOL_RULES)
    for rule in ruleset.claim_rules.values():
        docs.append(RuleDoc(rule.id, rule.name, "claim", "claim", rule.severity, rule.title,
                            rule.rationale, rule.message, rule.suggestion, rule.sources))
    for flag in ruleset.red_flags:
        docs.append(RuleDoc(flag.id, flag.name, "red-flag", flag.category, flag.severity, flag.title,
                            flag.rationale, flag.message, flag.suggestion, flag.sources,
                            flag.examples_flag, flag.examples_pass))
    for rule in ruleset.jurisdiction_rules:
        docs.append(RuleDoc(rule.id, rule.name, "jurisdiction", "regulatory", rule.severity, rule.title,
                            rule.rationale, rule.message, rule.suggestion, rule.sources))
    return sorted(docs, key=lambda d: d.id)


def find_rule(docs: list[RuleDoc], selector: str) -> RuleDoc | None:
    wanted = selector.strip()
    for doc in docs:
        if doc.id.upper() == wanted.upper() or doc.name == wanted.lower():
            return doc
    return None


def _match_length(selector: str, rule_id: str, name: str) -> int:
    """How specifically a selector names a rule: a name or a full id beats a prefix, a
    longer prefix beats a shorter one; 0 when it does not apply."""
    s = selector.strip()
    if not s:
        return 0
    if s.lower() == name.lower() or s.upper() == rule_id:
        return 100
    if s.upper() == "ALL":
        return 1
    return len(s) + 1 if rule_id.startswith(s.upper()) else 0


def is_selected(rule_id: str, name: str, select: tuple[str, ...] = (), ignore: tuple[str, ...] = ()) -> bool:
    """flake8's rule: the most specific matching selector decides; with no --select
    every rule is selected implicitly; on a tie, ignore wins."""
    chosen = max((_match_length(s, rule_id, name) for s in select), default=0) if select else 1
    dropped = max((_match_length(s, rule_id, name) for s in ignore), default=0)
    return chosen > 0 and chosen > dropped


def unknown_selectors(selectors: tuple[str, ...], docs: list[RuleDoc]) -> list[str]:
    """Selectors that name no rule (a typo in --select should not pass silently)."""
    return [s for s in selectors
            if s.strip().upper() != "ALL" and not any(_match_length(s, d.id, d.name) for d in docs)]
