"""The spaCy component: `nlp.add_pipe("claimcheck")` gives `doc._.claims` and
`doc._.findings`.

The component can run on any Doc. When the Doc comes from `claimcheck.check_text`,
its block structure is already set (`doc._.text_blocks`); a Doc made from raw text is
laid out as plain text first, and when that layout had to normalise the text (extra
whitespace, soft hyphens, curly quotes) the analysis runs on a normalised copy whose
offsets are mapped back onto the Doc's own text.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any, Sequence

from spacy.language import Language
from spacy.tokens import Doc

from claimcheck.assess import Assessor
from claimcheck.claims import ClaimExtractor
from claimcheck.jurisdiction import JurisdictionChecker
from claimcheck.layout import build_layout
from claimcheck.matching import MentionMatcher, attach, split_sentences
from claimcheck.regexes import lower_same_length
from claimcheck.models import Claim, Finding
from claimcheck.offsets import LineIndex
from claimcheck.redflags import RedFlagChecker, panacea_finding
from claimcheck.ruleset import RuleSet, load_ruleset

CLAIMS_KEY = "claimcheck.claims"
FINDINGS_KEY = "claimcheck.findings"
BlockTuple = tuple[int, int, str, int, bool]


def _get_claims(doc: Doc) -> list[Claim]:
    return [Claim.from_dict(d) for d in doc.user_data.get(CLAIMS_KEY, ())]


def _get_findings(doc: Doc) -> list[Finding]:
    return [Finding.from_dict(d) for d in doc.user_data.get(FINDINGS_KEY, ())]


def register_extensions() -> None:
    """Declare the Doc extensions once (safe to call again: notebooks, tests)."""
    # Values live in doc.user_data as plain dicts, so Doc.to_bytes and nlp.pipe with
    # several processes keep working; the getters turn them into dataclasses.
    if not Doc.has_extension("claims"):
        Doc.set_extension("claims", getter=_get_claims)
    if not Doc.has_extension("findings"):
        Doc.set_extension("findings", getter=_get_findings)
    if not Doc.has_extension("text_blocks"):
        Doc.set_extension("text_blocks", default=None)


register_extensions()


@Language.factory(
    "claimcheck",
    default_config={"jurisdiction": "US", "rule_packs": [], "builtin_rules": True},
    assigns=["doc._.claims", "doc._.findings"],
)
def make_claimcheck(nlp: Language, name: str, jurisdiction: str, rule_packs: list[str],
                    builtin_rules: bool) -> "ClaimcheckComponent":
    return ClaimcheckComponent(nlp, name, jurisdiction=jurisdiction, rule_packs=rule_packs,
                               builtin_rules=builtin_rules)


# outcomes of a claim that states an approved (or approved-somewhere) use
_APPROVED_OUTCOMES = frozenset({"approved-use", "conditional-approval", "approval-unverified"})


class Analyzer:
    """Mentions -> claims -> findings for one Doc whose text is already normalised."""

    def __init__(self, nlp: Language, ruleset: RuleSet, jurisdiction: str) -> None:
        self.ruleset = ruleset
        self.matcher = MentionMatcher(nlp, ruleset)
        self.extractor = ClaimExtractor(ruleset)
        self.assessor = Assessor(ruleset, jurisdiction)
        self.red_flags = RedFlagChecker(ruleset)
        self.jurisdiction_rules = JurisdictionChecker(ruleset, jurisdiction)

    def analyse(self, doc: Doc, blocks: Sequence[BlockTuple], text: str | None = None) -> tuple[list[Claim], list[Finding]]:
        """Claims and findings with offsets in the Doc's text. Pass `text` when the
        caller already has it: `Doc.text` is rebuilt token by token on every access."""
        text = doc.text if text is None else text
        blocks = list(blocks)
        lowered = lower_same_length(text)
        mentions = self.matcher.find(doc, text, lowered)
        sentences = split_sentences(text, blocks)
        attach(sentences, mentions, text)
        claims, infos, topic = self.extractor.extract(text, blocks, sentences)
        findings: list[Finding] = []
        by_claim: dict[int, Finding] = {}
        outcomes: dict[int, set[str]] = {}  # sentence start -> outcomes of its claims
        approved_where: dict[int, list[frozenset[str]]] = {}  # sentence start -> where each approval holds
        claim_outcomes: list[str | None] = []
        sentence_starts = [s.start for s in sentences]
        for index, claim in enumerate(claims):
            assessment = self.assessor.assess(claim)
            sentence = sentence_starts[max(0, bisect_right(sentence_starts, claim.start) - 1)] if sentences else 0
            outcomes.setdefault(sentence, set()).add(assessment.outcome if assessment else "negated")
            claim_outcomes.append(assessment.outcome if assessment else None)
            if assessment is None:
                continue
            approval = assessment.approval or assessment.entry
            if approval is not None and assessment.outcome in _APPROVED_OUTCOMES:
                approved_where.setdefault(sentence, []).append(frozenset(approval.jurisdictions))
            finding = self.assessor.finding(claim, assessment)
            by_claim[index] = finding
            findings.append(finding)
        panacea = panacea_finding(self.ruleset, claims, by_claim)
        if panacea is not None:
            findings.append(panacea)
        findings.extend(self.jurisdiction_rules.check(text, claims, claim_outcomes))
        # sentences that state approved uses only (denials beside them do not count):
        # "cord blood is FDA-approved only for blood cancers, not for autism"; a product's
        # approval elsewhere counts ("Holoclar is approved in the EU and restores vision in
        # 3 out of 4 patients" quotes the figures of that approval)
        approved = {start: approved_where.get(start, []) for start, kinds in outcomes.items()
                    if kinds - {"negated"} and kinds - {"negated"} <= _APPROVED_OUTCOMES}
        findings.extend(self.red_flags.check(text, infos, therapy_in_document=topic is not None,
                                             approved_sentences=approved))
        findings.sort(key=lambda f: f.sort_key)
        return claims, findings


class ClaimcheckComponent:
    def __init__(self, nlp: Language, name: str = "claimcheck", *, jurisdiction: str = "US",
                 rule_packs: Sequence[str] = (), builtin_rules: bool = True,
                 ruleset: RuleSet | None = None) -> None:
        self.name = name
        self.jurisdiction = jurisdiction
        self.tokenizer = nlp.tokenizer
        self.ruleset = ruleset or load_ruleset(list(rule_packs), builtin=builtin_rules)
        self.analyzer = Analyzer(nlp, self.ruleset, jurisdiction)

    def analyse(self, doc: Doc, blocks: Sequence[BlockTuple], text: str) -> tuple[list[Claim], list[Finding]]:
        """The component's work without storing results on the Doc (used by the API,
        which maps offsets to the original file itself)."""
        return self.analyzer.analyse(doc, blocks, text)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        blocks = doc._.text_blocks
        work, mapping = doc, None
        if blocks is None:
            layout = build_layout(text, "text")
            blocks = [(b.start, b.end, b.kind, b.level, b.lead_in) for b in layout.blocks]
            if layout.text != text:
                work, mapping = self.tokenizer(layout.text), layout.offsets
            text_for_analysis = layout.text
        else:
            text_for_analysis = text
        claims, findings = self.analyzer.analyse(work, blocks, text_for_analysis)
        if mapping is not None:
            claims = [relocate_claim(c, mapping.source_start, mapping.source_end) for c in claims]
            findings = [relocate_finding(f, mapping.source_start, mapping.source_end) for f in findings]
        findings = place_findings(findings, text)
        doc.user_data[CLAIMS_KEY] = [c.to_dict() for c in claims]
        doc.user_data[FINDINGS_KEY] = [f.to_dict() for f in findings]
        return doc


# ----------------------------------------------------------------------------------
# Moving offsets from one text to another (analysis text -> Doc text or source file)


def _move_ref(ref: Any, to_start, to_end) -> Any:
    if ref is None or ref.start is None:
        return ref
    return type(ref)(**{**ref.__dict__, "start": to_start(ref.start), "end": to_end(ref.end)})


def relocate_claim(claim: Claim, to_start, to_end) -> Claim:
    return Claim(**{**claim.__dict__, "start": to_start(claim.start), "end": to_end(claim.end),
                    "therapy": _move_ref(claim.therapy, to_start, to_end),
                    "condition": _move_ref(claim.condition, to_start, to_end)})


def relocate_finding(finding: Finding, to_start, to_end) -> Finding:
    return finding.moved(start=to_start(finding.start), end=to_end(finding.end),
                         therapy=_move_ref(finding.therapy, to_start, to_end),
                         condition=_move_ref(finding.condition, to_start, to_end))


def place_findings(findings: list[Finding], text: str, lines: LineIndex | None = None,
                   to_start=None, to_end=None) -> list[Finding]:
    """Fill in line, column and the exact text of each finding from `text`, first
    moving offsets with `to_start`/`to_end` when given."""
    lines = lines or LineIndex(text)
    placed = []
    for f in findings:
        changes = {}
        if to_start is not None:
            changes = {"start": to_start(f.start), "end": to_end(f.end),
                       "therapy": _move_ref(f.therapy, to_start, to_end),
                       "condition": _move_ref(f.condition, to_start, to_end)}
        start, end = changes.get("start", f.start), changes.get("end", f.end)
        line, column = lines.position(start)
        end_line, end_column = lines.position(end)
        placed.append(f.moved(line=line, column=column, end_line=end_line, end_column=end_column,
                              text=text[start:end], **changes))
    return placed
