"""Inline suppression comments in HTML and Markdown pages.

A page can say, next to the text, that a finding is known and accepted: a quoted study
title, a news report about a clinic, a page that is itself a warning. Directives are
HTML comments (Markdown allows them too), so they never show on the published page:

    <!-- claimcheck: ignore CC101, cure-claim -->
        hides the named rules in the next block: the first block (paragraph, heading,
        list item, table cell, ...) that starts after the comment. A comment inside a
        block, or at the end of a block's last line (only spaces and inline tags such
        as </em> or </a> between the text and the comment, no line break and no end of
        a block element such as </p>), applies to that block instead:
        <p>Ryoncil is approved for GVHD in children. <!-- claimcheck: ignore CC103 --></p>

    <!-- claimcheck: disable CC2 -->  ...  <!-- claimcheck: enable CC2 -->
        hides the named rules between the two comments. `enable` ends the ranges that a
        `disable` opened with the same selector (written the same way, case aside);
        a `disable` with no `enable` runs to the end of the file.

    <!-- claimcheck: ignore-file CC701 -->
        hides the named rules everywhere in the file.

    <!-- claimcheck: ignore CC101 reason: quoting the study's title -->
        any directive may end with a reason (also written "; reason: ..."); it is kept
        with each finding it hides ("inline: quoting the study's title").

Selectors are rule ids (CC101), id prefixes (CC1) or rule names (unproven-claim),
separated by commas or spaces. The words `claimcheck`, the action and `reason` may be
written in any case. A directive selects only what it names: there is no blanket form.

Comments that do not start with `claimcheck:` are ordinary comments and are ignored.
A claimcheck comment that cannot be applied - no action or an unknown one, no
selector, `ALL`, a selector that names no rule, a selector naming only claimcheck's
own diagnostics (CC9xx), or an `enable` with no earlier matching `disable` - is not
applied and is reported as CC902 (invalid-suppression). A directive that hides no
finding is reported as CC901 (unused-suppression), so stale comments do not pile up.
Neither diagnostic can itself be hidden by a comment (use --ignore or
per-file-ignores).

Plain text has no comment syntax and is published verbatim, so it has no directives:
use per-file-ignores or a baseline there.

The functions here work on source offsets and plain data; the caller (api.check_source)
gives them the layout's comments and block spans and places the diagnostics (line and
column) afterwards.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from claimcheck.catalog import TOOL_RULES, RuleDoc, is_selected, unknown_selectors
from claimcheck.models import Finding

__all__ = ["ACTIONS", "Directive", "parse_directives", "apply_directives"]

ACTIONS = ("ignore", "ignore-file", "disable", "enable")
UNUSED_RULE, INVALID_RULE = "CC901", "CC902"

Problem = tuple[int, int, str, str]  # (start, end, comment text, what is wrong)

_PREFIX_RE = re.compile(r"\s*claimcheck\s*:", re.IGNORECASE)
_ACTION_RE = re.compile(r"\s*([A-Za-z][A-Za-z_-]*)\s*:?", re.IGNORECASE)
_REASON_RE = re.compile(r"(?:^|[\s,;])reason\s*:", re.IGNORECASE)
_SPLIT_RE = re.compile(r"[\s,;]+")
_ACTION_LIST = "ignore, ignore-file, disable or enable"
_NO_SELECTOR = ("it names no rule (write ids such as CC101, prefixes such as CC2 or names such as "
                "cure-claim; a comment cannot hide every rule)")

# Tags that may sit between the end of a block's text and a comment that still belongs
# to the block ("... autism.</em> <!-- claimcheck: ... -->"); any other tag ends it.
_INLINE_TAGS = frozenset("""a abbr b bdi bdo big br cite code data del dfn em font i ins kbd mark q s
    samp small span strike strong sub sup time tt u var wbr""".split())
_TAG_RE = re.compile(r"<\s*/?\s*([A-Za-z][A-Za-z0-9-]*)")
_INFINITY = float("inf")


@dataclass(frozen=True)
class Directive:
    """One claimcheck comment that could be read. `start`/`end` are the source offsets
    of the whole comment, `text` the comment's text as found (inside <!-- -->)."""

    action: str                  # one of ACTIONS
    selectors: tuple[str, ...]   # as written (ids, prefixes or names)
    reason: str | None
    start: int
    end: int
    text: str


# ---------------------------------------------------------------------------------
# Reading comments


def parse_directives(comments: Iterable[tuple[int, int, str]]) -> tuple[list[Directive], list[Problem]]:
    """Read the claimcheck comments among `comments` ((source start, source end, text)
    as in Layout.comments). Returns the directives, in document order, and the
    problems of those that cannot be read: (start, end, comment text, problem)."""
    directives: list[Directive] = []
    problems: list[Problem] = []
    for start, end, text in sorted(comments, key=lambda c: (c[0], c[1])):
        prefix = _PREFIX_RE.match(text)
        if prefix is None:
            continue
        body = text[prefix.end():]
        reason = None
        found = _REASON_RE.search(body)
        if found is not None:
            reason = " ".join(body[found.end():].split()) or None
            body = body[:found.start()]
        action_match = _ACTION_RE.match(body)
        if action_match is None:
            problems.append((start, end, text, f"no action given; expected {_ACTION_LIST}"))
            continue
        action = action_match.group(1).lower().replace("_", "-")
        if action not in ACTIONS:
            problems.append((start, end, text, f"unknown action '{action_match.group(1)}'; expected {_ACTION_LIST}"))
            continue
        selectors = tuple(s for s in _SPLIT_RE.split(body[action_match.end():]) if s)
        if not selectors:
            problems.append((start, end, text, _NO_SELECTOR))
            continue
        if any(s.upper() == "ALL" for s in selectors):
            problems.append((start, end, text, "'ALL' would hide every rule; name the rules it applies to"))
            continue
        directives.append(Directive(action, selectors, reason, start, end, text))
    return directives, problems


# ---------------------------------------------------------------------------------
# Applying them


@dataclass(frozen=True)
class _Scope:
    directive: Directive
    selectors: tuple[str, ...]
    start: int
    end: float        # exclusive; infinity: to the end of the file
    rank: int         # 0 block, 1 range, 2 file: the most local scope gives the reason

    def covers(self, finding: Finding) -> bool:
        return (self.start <= finding.start < self.end
                and is_selected(finding.rule, finding.name, select=self.selectors))


def apply_directives(findings: list[Finding], directives: Sequence[Directive],
                     block_spans: Sequence[tuple[int, int]], problems: Sequence[Problem],
                     docs: Sequence[RuleDoc], *, source: str | None = None,
                     ) -> tuple[list[Finding], list[Finding], list[Finding]]:
    """Hide the findings the directives name.

    `block_spans` are the layout blocks' source spans (start, end) in document order;
    a finding is in a block or range when its start offset lies in it. `docs` is
    catalog.rule_docs(ruleset), used to check selectors and to describe CC901/CC902.
    `source`, the file's text, is optional: with it, a comment at the end of a block's
    last line applies to that block; without it, to the next block.

    Returns (kept findings, hidden findings as copies with `suppressed` =
    "inline: <reason>", diagnostics). Diagnostics are CC901/CC902 findings located at
    the comment (start/end of the comment, `text` the comment text, line and column
    0: the caller places them), in document order.
    """
    problems = list(problems)
    scopes: list[_Scope] = []
    applied: list[Directive] = []
    open_ranges: dict[str, list[tuple[Directive, str]]] = {}
    for directive in sorted(directives, key=lambda d: (d.start, d.end)):
        problem = _selector_problem(directive.selectors, docs)
        if problem:
            problems.append((directive.start, directive.end, directive.text, problem))
            continue
        action = directive.action
        if action == "ignore-file":
            scopes.append(_Scope(directive, directive.selectors, 0, _INFINITY, 2))
        elif action == "ignore":
            span = _target_block(directive, block_spans, source)
            if span is not None:
                scopes.append(_Scope(directive, directive.selectors, span[0], span[1], 0))
        elif action == "disable":
            for selector in directive.selectors:
                open_ranges.setdefault(selector.casefold(), []).append((directive, selector))
        elif action == "enable":
            dangling = []
            for selector in directive.selectors:
                opened = open_ranges.pop(selector.casefold(), [])
                if not opened:
                    dangling.append(selector)
                for opener, written in opened:
                    scopes.append(_Scope(opener, (written,), opener.end, directive.start, 1))
            if dangling:
                names = ", ".join(dangling)
                problems.append((directive.start, directive.end, directive.text,
                                 f"there is no earlier 'disable {names}' for it to end"))
            continue  # an enable hides nothing itself, so it is never unused
        else:
            problems.append((directive.start, directive.end, directive.text,
                             f"unknown action '{action}'; expected {_ACTION_LIST}"))
            continue
        applied.append(directive)
    for opened in open_ranges.values():
        for opener, written in opened:
            scopes.append(_Scope(opener, (written,), opener.end, _INFINITY, 1))

    kept: list[Finding] = []
    hidden: list[Finding] = []
    used: set[Directive] = set()
    for finding in findings:
        covering = [scope for scope in scopes if scope.covers(finding)] if scopes else []
        if not covering:
            kept.append(finding)
            continue
        used.update(scope.directive for scope in covering)
        # the most local directive explains it; among equals, the nearest one before it
        best = min(covering, key=lambda s: (s.rank, -s.directive.start))
        hidden.append(finding.moved(suppressed=f"inline: {best.directive.reason or 'no reason given'}"))

    by_id = {doc.id: doc for doc in TOOL_RULES}
    by_id.update((doc.id, doc) for doc in docs if doc.id in by_id)
    diagnostics = [_diagnostic(by_id[UNUSED_RULE], d.start, d.end, d.text)
                   for d in applied if d not in used]
    diagnostics += [_diagnostic(by_id[INVALID_RULE], start, end, text, problem)
                    for start, end, text, problem in problems]
    diagnostics.sort(key=lambda f: (f.start, f.end, f.rule))
    return kept, hidden, diagnostics


def _selector_problem(selectors: tuple[str, ...], docs: Sequence[RuleDoc]) -> str | None:
    if any(s.upper() == "ALL" for s in selectors):
        return "'ALL' would hide every rule; name the rules it applies to"
    unknown = unknown_selectors(selectors, list(docs))
    if unknown:
        return f"no rule is named {', '.join(repr(s) for s in unknown)}"
    tool_only = [s for s in selectors
                 if all(doc.kind == "tool" for doc in docs if is_selected(doc.id, doc.name, select=(s,)))]
    if tool_only:
        return (f"{', '.join(repr(s) for s in tool_only)} names claimcheck's own diagnostics about comments, "
                "which a comment cannot hide (use --ignore or per-file-ignores)")
    return None


def _target_block(directive: Directive, spans: Sequence[tuple[int, int]],
                  source: str | None) -> tuple[int, int] | None:
    """The block an `ignore` comment applies to: the block it sits in, the block whose
    last line it ends, or else the first block starting after it."""
    inside = [span for span in spans if span[0] <= directive.start < span[1]]
    if inside:
        return max(inside, key=lambda span: span[0])  # the innermost, if blocks nest
    if source is not None:
        before = [span for span in spans if span[0] < span[1] <= directive.start]
        if before:
            last = max(before, key=lambda span: (span[1], span[0]))
            if _same_block_gap(source[last[1]:directive.start]):
                return last
    after = [span for span in spans if span[0] >= directive.end]
    return min(after, key=lambda span: (span[0], span[1])) if after else None


def _same_block_gap(gap: str) -> bool:
    """Nothing between a block's text and a comment that would end the block: no line
    break and no tag other than inline ones."""
    if "\n" in gap or "\r" in gap:
        return False
    return all(match.group(1).lower() in _INLINE_TAGS for match in _TAG_RE.finditer(gap))


class _Fields(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def _diagnostic(doc: RuleDoc, start: int, end: int, text: str, problem: str | None = None) -> Finding:
    shown = " ".join(text.split())
    if len(shown) > 120:
        shown = shown[:117] + "..."
    message = doc.message.format_map(_Fields(directive=shown, problem=problem or ""))
    return Finding(
        rule=doc.id, name=doc.name, severity=doc.severity, category="tool", message=message,
        start=start, end=end, line=0, column=0, end_line=0, end_column=0, text=text,
        suggestion=doc.suggestion, sources=doc.sources,
    )
