"""The public library API: check a text, a file or a set of paths.

A Checker builds its spaCy pipeline once (blank English tokenizer plus the
claimcheck component) and reuses it; the module-level functions share one Checker per
(jurisdiction, rule packs) combination.
"""

from __future__ import annotations

import hashlib
import os
import re
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from claimcheck.discover import iter_files
from claimcheck.inputs import DEFAULT_MAX_BYTES, InputError, SourceText, decode_bytes, detect_format, read_source
from claimcheck.models import FileResult, Finding, Report
from claimcheck.timelimit import CheckTimeout, time_limit

# Lone surrogates can reach us only in a str from a caller (decoding never makes them);
# spaCy cannot encode them, so the analysis text gets U+FFFD, one for one (offsets hold).
_SURROGATE_RE = re.compile("[\ud800-\udfff]")

# spaCy refuses longer texts by default because parsers need memory per token; the blank
# tokenizer plus claimcheck needs little, so allow whole saved web pages.
MAX_TEXT_CHARS = 20_000_000


class Checker:
    """A reusable pipeline for one jurisdiction and rule set."""

    def __init__(self, jurisdiction: str = "US", rule_packs: Sequence[str | Path] = (),
                 *, builtin_rules: bool = True, respect_directives: bool = True, keep_claims: bool = True,
                 max_file_bytes: int | None = DEFAULT_MAX_BYTES, time_limit: float | None = None) -> None:
        self.jurisdiction = jurisdiction
        self.rule_packs = [str(p) for p in rule_packs]
        self.builtin_rules = builtin_rules
        self.respect_directives = respect_directives
        self.keep_claims = keep_claims  # FileResult.claims: for analysis; reports need only findings
        self.max_file_bytes = max_file_bytes  # larger files are refused unread (None: no limit)
        self.time_limit = time_limit  # seconds per file in check_one (None: none; see timelimit.py)
        self._build()

    def _build(self) -> None:
        import spacy

        import claimcheck.pipeline  # noqa: F401  (registers the "claimcheck" factory)

        self.nlp = spacy.blank("en")
        self.nlp.max_length = MAX_TEXT_CHARS
        # spaCy keeps the full stop on a token that ends in digit and capital ("T1D.",
        # "A1C."), which hides the abbreviation at the end of a sentence; split it off
        suffixes = list(self.nlp.Defaults.suffixes) + [r"(?<=[0-9][A-Z])\.", r"(?<=[0-9][A-Z][A-Z])\."]
        self.nlp.tokenizer.suffix_search = spacy.util.compile_suffix_regex(suffixes).search
        self.nlp.add_pipe("claimcheck", config={
            "jurisdiction": self.jurisdiction,
            "rule_packs": self.rule_packs,
            "builtin_rules": self.builtin_rules,
        })
        self.component = self.nlp.get_pipe("claimcheck")

    @property
    def ruleset(self):
        return self.component.ruleset

    # ------------------------------------------------------------------------------
    def check_source(self, source: SourceText) -> FileResult:
        from claimcheck.layout import build_layout
        from claimcheck.offsets import LineIndex
        from claimcheck.pipeline import place_findings, relocate_claim

        layout = build_layout(source.text, source.format)
        if _SURROGATE_RE.search(layout.text):
            layout.text = _SURROGATE_RE.sub("\ufffd", layout.text)
        doc = self.nlp.make_doc(layout.text)
        blocks = [(b.start, b.end, b.kind, b.level, b.lead_in) for b in layout.blocks]
        claims, findings = self.component.analyse(doc, blocks, layout.text)
        to_start, to_end = layout.offsets.source_start, layout.offsets.source_end
        lines = LineIndex(source.text)
        findings = fingerprint(place_findings(findings, source.text, lines, to_start=to_start, to_end=to_end))
        suppressed: list[Finding] = []
        if self.respect_directives and layout.comments:
            findings, suppressed = self._apply_directives(findings, layout, source.text, lines)
        claims = [relocate_claim(c, to_start, to_end) for c in claims] if self.keep_claims else []
        return FileResult(path=source.path, findings=findings, format=source.format,
                          encoding=source.encoding, claims=claims, suppressed=suppressed,
                          lines={f.line: lines.line_text(f.line) for f in findings + suppressed})

    def _apply_directives(self, findings, layout, text, lines):
        """Inline suppression comments (<!-- claimcheck: ignore CC101 -->), see suppress.py."""
        from claimcheck.catalog import rule_docs
        from claimcheck.pipeline import place_findings
        from claimcheck.suppress import apply_directives, parse_directives

        directives, problems = parse_directives(layout.comments)
        if not directives and not problems:
            return findings, []
        to_start, to_end = layout.offsets.source_start, layout.offsets.source_end
        block_spans = [(to_start(b.start), to_end(b.end)) for b in layout.blocks]
        kept, suppressed, diagnostics = apply_directives(findings, directives, block_spans, problems,
                                                         rule_docs(self.ruleset), source=text)
        diagnostics = fingerprint(place_findings(diagnostics, text, lines))
        return sorted(kept + diagnostics, key=lambda f: f.sort_key), suppressed

    def check_text(self, text: str | bytes, filename: str = "<text>", *, format: str | None = None) -> Report:
        return Report([self._check_text(text, filename, format)], self.jurisdiction)

    def _check_text(self, text: str | bytes, filename: str, format: str | None) -> FileResult:
        if isinstance(text, bytes):
            try:
                decoded, encoding = decode_bytes(text, filename)
            except InputError as exc:
                return FileResult(path=filename, error=exc.message)
        else:
            decoded, encoding = text, "str"
        fmt = format or detect_format(filename, decoded)
        return self.check_source(SourceText(filename, decoded, encoding, fmt))

    def check_file(self, path: str | os.PathLike) -> Report:
        return Report([self.check_one(path)], self.jurisdiction)

    def check_one(self, path: str | os.PathLike) -> FileResult:
        """One file. A file that cannot be read or checked (missing, binary, too large,
        over the time limit) gives a result with `error` set; this never raises for a
        bad input."""
        name = os.fsdecode(path)
        source = None
        try:
            with time_limit(self.time_limit):
                source = read_source(name, max_bytes=self.max_file_bytes)
                return self.check_source(source)
        except InputError as exc:
            return FileResult(path=name, error=exc.message)
        except CheckTimeout as exc:
            # interrupted anywhere: build a fresh pipeline rather than trust its state
            self._build()
            where = f" (in the rule pattern {exc.where!r}, which may backtrack catastrophically)" if exc.where else ""
            return FileResult(path=name, error=f"not checked: took longer than the time limit of "
                                               f"{exc.seconds:g} s{where}",
                              format=source.format if source else None,
                              encoding=source.encoding if source else None)
        except Exception as exc:  # noqa: BLE001
            # a defect of ours must not stop a batch or lose the other files' results
            return FileResult(path=name, error=f"internal error while checking ({type(exc).__name__}: {exc})",
                              format=source.format if source else None,
                              encoding=source.encoding if source else None)

    def check_paths(self, paths: Iterable[str | os.PathLike]) -> Iterator[FileResult]:
        """Lazily check files and folders (recursively: .txt, .md, .html files; hidden
        folders skipped), one result per file."""
        for path in iter_files(paths):
            yield self.check_one(path)


def fingerprint(findings: list[Finding]) -> list[Finding]:
    """Give each finding a content-based identity: rule, condition, the normalised
    text and its occurrence number among equal ones in the file. Line numbers are left
    out, so a baseline survives edits elsewhere in the page."""
    seen: dict[str, int] = {}
    out = []
    for f in findings:
        basis = "|".join((f.rule, f.condition.id if f.condition else "", " ".join(f.text.lower().split())))
        occurrence = seen.get(basis, 0)
        seen[basis] = occurrence + 1
        digest = hashlib.sha1(f"{basis}|{occurrence}".encode("utf-8", "surrogatepass")).hexdigest()[:20]
        out.append(f.moved(fingerprint=digest))
    return out


@lru_cache(maxsize=4)
def get_checker(jurisdiction: str = "US", rule_packs: tuple[str, ...] = (), respect_directives: bool = True,
                keep_claims: bool = True, max_file_bytes: int | None = DEFAULT_MAX_BYTES,
                time_limit: float | None = None) -> Checker:
    """A shared Checker per configuration, so the pipeline is built once per process."""
    return Checker(jurisdiction, rule_packs, respect_directives=respect_directives, keep_claims=keep_claims,
                   max_file_bytes=max_file_bytes, time_limit=time_limit)


def check_text(text: str | bytes, filename: str = "<text>", jurisdiction: str = "US", *,
               format: str | None = None, rule_packs: Sequence[str | Path] = ()) -> Report:
    """Check one text (a pasted page); `filename` names it in the report and, by its
    extension, decides how it is read (.html, .md, else plain text) unless `format` is
    given ("text", "markdown" or "html")."""
    checker = get_checker(jurisdiction, tuple(str(p) for p in rule_packs))
    return checker.check_text(text, filename, format=format)


def check_file(path: str | os.PathLike, jurisdiction: str = "US", *,
               rule_packs: Sequence[str | Path] = ()) -> Report:
    checker = get_checker(jurisdiction, tuple(str(p) for p in rule_packs))
    return checker.check_file(path)


def check_paths(paths: Iterable[str | os.PathLike], jurisdiction: str = "US", *,
                rule_packs: Sequence[str | Path] = ()) -> Iterator[FileResult]:
    """Lazily check files and folders; yields one FileResult per file as it is done."""
    checker = get_checker(jurisdiction, tuple(str(p) for p in rule_packs))
    return checker.check_paths(paths)
