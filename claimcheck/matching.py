"""Finding mentions in a Doc: therapies, conditions, linguistic cues and red-flag
patterns, plus the sentences and clauses they sit in.

All phrase lists run through two spaCy PhraseMatchers (one case-insensitive, one
case-sensitive for abbreviations) in a single pass each, and regexes run once over the
whole text, so the cost per token stays close to the tokenizer's own.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from typing import Iterable

from spacy.attrs import IDX, LENGTH
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from claimcheck.fuzzy import FuzzyConditions
from claimcheck.regexes import DIGITS, RulePattern, any_of
from claimcheck.ruleset import Abbreviation, RuleSet

# Cue categories that modify claims (the rest are predicates); overlaps are resolved
# within each layer separately, so "hope for" (predicate) and "hope" (hedge) coexist.
MODIFIER_CATEGORIES = frozenset({
    "absolute", "hedge", "research", "negation", "pseudo", "attribution", "evidence",
    "testimony", "population", "terminator", "anaphora", "frame", "caution", "therapy-anaphora",
    "jurisdiction", "conditional", "speech", "voice-reporting", "voice-selling",
})
# "knee and ", "neurological, orthopedic & ", "knee, hip, or ": modifiers before a
# condition name that share its head noun
_COORDINATED = re.compile(r"(?:\b[A-Za-z][\w-]*(?:,\s*|\s*,?\s+(?:and|or|&|&amp;)\s+|\s*/\s*))+\Z")
# "arthritis of the knee and hip", "osteoarthritis in the knees, hips or shoulders": body
# parts after the name that each make a narrower name with it
# (the preposition may come again: "Arthrose of the hip and of the shoulder")
# (and in Spanish: "Artrosis de Rodilla y Cadera")
_POSTFIX = re.compile(
    r"\s+(?:of|in)\s+(?:the\s+|your\s+|both\s+)?([A-Za-z]+(?:(?:\s*,\s*|\s*,?\s+(?:and|or|&|&amp;)\s+)"
    r"(?:(?:of|in)\s+)?(?:the\s+)?[A-Za-z]+){0,5})", re.IGNORECASE)
_POSTFIX_MORE = re.compile(
    r"((?:(?:\s*,\s*|\s*,?\s+(?:and|or|&|&amp;|y|e|o)\s+)(?:(?:of|in|de)\s+)?(?:the\s+|la\s+)?[A-Za-z]+){1,5})",
    re.IGNORECASE)
_TYPE_END = re.compile(r"\b(?:type|tipo|typ)\s*(1|2|i|ii|one|two)$")
_TYPE_BEFORE = re.compile(r"\btype\s*(1|2|I|II|one|two)\s*(?:,|and|or|&|/)\s*\Z", re.IGNORECASE)
_TYPE_MORE = re.compile(r"\s*(?:,|&|/|\b(?:and|or|y|e|und|et)\b)\s*(?:(?:type|tipo|typ)\s*)?(1|2|I|II|one|two)\b",
                        re.IGNORECASE)
_POSTFIX_WORD = re.compile(r"\b(?!(?:and|or|the|amp|of|in|y|e|o|de|la)\b)[A-Za-z]+")
_MODIFIER_WORD = re.compile(r"\b(?!(?:and|or|amp)\b)[A-Za-z][\w-]*")
_NUMBER_START = re.compile(r"(?<!\w)\d")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2013": "-", "\u2014": "-"})

# Words after which a full stop does not end a sentence.
_NO_BREAK_BEFORE = frozenset("""
dr mr mrs ms prof st vs etc e.g i.e no nos fig figs approx inc ltd co corp jr sr dept
al u.s u.k jan feb mar apr jun jul aug sep sept oct nov dec mt ft inj a.m p.m
""".split())
# A sentence ends at . ! or ? (plus closing quotes or brackets) followed by spaces and a
# capital letter, a digit or an opening quote; the lookahead keeps the filtering in C.
# (or a hashtag, a handle, or an emoji or other symbol standing alone before the next word)
# (posts and forums often start a sentence in lower case: "... to 1. not saying it's a cure")
# a hyphenated compound, matched from the start of its word (found from each hyphen)
_NOT_A_CURE_THEN = re.compile(
    r"\bnot\s+(?:a\s+)?(?:cure|quick\s+fix|miracle|magic\s+(?:bullet|pill|wand))\b[^:.;!?]{0,40}?"
    r"(?::|,\s+(?=(?:it|this|that)\s+is\b|(?:it|this|that)(?:'|\u2019)s\b))", re.IGNORECASE)
# predicates that hold their own "no" and "not": "no more sciatica", "no reason not to try it",
# "Who says autism can't improve?"
_NEGATION_INSIDE = frozenset({"predicate-outcome-free", "predicate-worth-trying", "predicate-rhetorical"})
# a predicate word that begins the name of a business: "Renew Cell Lounge", "Healing Roots
# Naturopathic Clinic", "Arthritis Relief Center", "Stroke Survivors Support Group"
_BUSINESS_NAME_AFTER = re.compile(
    r"(?:\s+(?:[A-Z][\w'\u2019&.-]*|of|and|&))*?\s+(?:Clinic|Clinics|Clinica|Cl\u00ednica|Center|Centers|Centre|Centres|"
    r"Lounge|Institute|Instituto|Wellness|Spa|MedSpa|Medspa|Group|Hospital|Labs?|Naturopathic|Chiropractic|"
    r"Biologics|Therapeutics|Studio|Bar|Inc|LLC|Ltd)\b")
_HYPHENATED = re.compile(r"[A-Za-z]{2,}(?:-[A-Za-z]{2,})+")
_INNER_HYPHEN = re.compile(r"(?<=[A-Za-z])-(?=[A-Za-z])")


_LETTERS_BEFORE = re.compile(r"[A-Za-z-]*\Z")


def _word_start(text: str, pos: int) -> int:
    """Where the run of letters and hyphens that ends at `pos` begins (at most 80 back)."""
    return _LETTERS_BEFORE.search(text, max(0, pos - 80), pos).start()
# (an emoji before a capital ends a sentence in social posts: "not so fast 😎 Our cells ...")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*\s+(?=[\"'(\[]?[A-Za-z0-9#@]|[^\w\s\"'(\[]+\s)"
                           r"|(?<=[\w,] )[\U0001F300-\U0001FAFF\u2600-\u27BF][\U0001F300-\U0001FAFF\u2600-\u27BF\uFE0F\u200D\U0001F3FB-\U0001F3FF]*\s+(?=[A-Z])")


@dataclass(slots=True)
class Mention:
    layer: str  # "term" (therapy/condition), "predicate", "modifier", "flag"
    kind: str  # "therapy" | "condition" | cue category | "flag"
    key: str  # concept id, cue id or rule id
    start: int
    end: int
    value: str | None = None
    abbreviation: Abbreviation | None = None


@dataclass(slots=True)
class Sentence:
    start: int
    end: int
    block: int
    clauses: list[tuple[int, int]] = field(default_factory=list)
    terms: list[Mention] = field(default_factory=list)
    predicates: list[Mention] = field(default_factory=list)
    modifiers: list[Mention] = field(default_factory=list)
    flags: list[Mention] = field(default_factory=list)
    question: bool = False

    text: str = ""  # the document text (set by attach), for reading a mention's words

    def text_lower(self, m: "Mention") -> str:
        return self.text[m.start:m.end].lower()

    def clause_of(self, offset: int) -> tuple[int, int]:
        for clause in self.clauses:
            if clause[0] <= offset < clause[1]:
                return clause
        return (self.start, self.end)

    @property
    def therapies(self) -> list[Mention]:
        return [m for m in self.terms if m.kind == "therapy"]

    @property
    def conditions(self) -> list[Mention]:
        return [m for m in self.terms if m.kind == "condition"]


# a determiner after a preposition inside a condition's name: "numbness in the feet" is
# also "numbness in his feet", "pain all over my body" also "pain all over her body"
_INNER_DETERMINER = re.compile(r"(?<=\b(?:in|of|on|to) )(?:the|my|your|his|her|their)(?= )"
                               r"|(?<=\bover )(?:the|my|your|his|her|their)(?= )")
_DETERMINERS = ("the", "my", "your", "his", "her", "their")


def term_variants(term: str, kind: str, no_plural: frozenset[str]) -> set[str]:
    """The term plus its regular plural (and, for therapies, singular) form; for a
    condition, also with the other determiners after a preposition inside it."""
    term = " ".join(term.translate(_QUOTES).split())
    out: set[str] = set()
    plural = term.lower() not in no_plural
    forms = {term}
    if kind == "condition" and _INNER_DETERMINER.search(term):
        forms |= {_INNER_DETERMINER.sub(d, term) for d in _DETERMINERS}
    for form in forms:
        out |= _number_forms(form, kind, plural)
    return out


def _number_forms(term: str, kind: str, plural: bool) -> set[str]:
    out = {term}
    head, _, last = term.rpartition(" ")
    prefix = head + " " if head else ""
    if not last.isalpha() or len(last) < 3:
        return out
    lower = last.lower()
    if plural and not lower.endswith("s") and last == lower:
        if lower[-1] == "y" and lower[-2] not in "aeiou":
            out.add(prefix + last[:-1] + "ies")
        elif lower.endswith(("x", "z", "ch", "sh")):
            out.add(prefix + last + "es")
        else:
            out.add(prefix + last + "s")
    if kind == "therapy" and lower.endswith("s") and not lower.endswith("ss") and len(lower) > 4:
        out.add(prefix + (last[:-3] + "y" if lower.endswith("ies") else last[:-1]))
    return out


_VOWELS = "aeiou"
# verbs whose other forms mostly describe something else ("prescribed medicine")
_NO_FORMS = frozenset({"prescribe", "perform"})


def verb_forms(word: str) -> set[str]:
    """The -s, -ed and -ing forms of a base-form verb ("seal" -> seals, sealed,
    sealing; "stop" -> stopped, stopping; "ease" -> eased, easing)."""
    if (not word.isalpha() or not word.islower() or len(word) < 3 or word.endswith(("ing", "ed", "s"))
            or word in _NO_FORMS):
        return set()
    if word.endswith("e"):
        return {word + "s", word + "d", word[:-1] + "ing"}
    if word.endswith("y") and word[-2] not in _VOWELS:
        return {word[:-1] + "ies", word[:-1] + "ied", word + "ing"}
    forms = {word + ("es" if word.endswith(("x", "z", "ch", "sh")) else "s"), word + "ed", word + "ing"}
    if len(word) <= 4 and word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
        forms |= {word + word[-1] + "ed", word + word[-1] + "ing"}  # stop -> stopped
    return forms


def predicate_forms(phrases: Iterable[str]) -> set[str]:
    """Predicate phrases with the other forms of their first word, so that a rule that
    lists "seal" and "calm" also finds "sealing" and "calmed". Forms that are not words
    ("reliefed") cost a little memory and never match."""
    out = set(phrases)
    for phrase in phrases:
        first, _, rest = phrase.partition(" ")
        for form in verb_forms(first):
            out.add(f"{form} {rest}" if rest else form)
    return out


class MentionMatcher:
    """Compiled matchers for one rule set and one vocabulary."""

    def __init__(self, nlp, ruleset: RuleSet) -> None:
        self.ruleset = ruleset
        self.vocab = nlp.vocab
        self.phrases = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.key_info: dict[int, tuple[str, str, str, str | None, Abbreviation | None]] = {}
        make_doc = self._make_doc = nlp.make_doc

        def add(matcher: PhraseMatcher, key: str, layer: str, kind: str, ident: str,
                value: str | None, texts: Iterable[str], abbreviation: Abbreviation | None = None) -> None:
            texts = sorted({" ".join(t.translate(_QUOTES).split()) for t in texts if t.strip()})
            if not texts:
                return
            matcher.add(key, [pattern_doc(t) for t in texts])
            self.key_info[self.vocab.strings[key]] = (layer, kind, ident, value, abbreviation)

        # a phrase of plain words tokenizes to its words unless a word is one of the
        # tokenizer's special cases ("cannot", "gonna"): build those Docs directly, which
        # takes a third of the start-up time of running the tokenizer on each
        special = set(getattr(nlp.tokenizer, "rules", None) or ())

        def pattern_doc(phrase: str) -> Doc:
            words = phrase.split(" ")
            # (letters only or digits only: "10mg" splits into "10", "mg")
            if all((w.isalpha() or w.isdigit()) and w.isascii() and w not in special and w.lower() not in special
                   for w in words):
                return Doc(self.vocab, words=words)
            return make_doc(phrase)
        self.pattern_doc = pattern_doc

        # every name of a condition, for "knee and hip osteoarthritis" (see _coordinated)
        self.condition_names: dict[str, str] = {}
        self.name_pairs: set[tuple[str, str]] = set()
        for concepts, kind in ((ruleset.therapies, "therapy"), (ruleset.conditions, "condition")):
            for concept in concepts.values():
                variants: set[str] = set()
                for synonym in concept.synonyms:
                    variants |= term_variants(synonym, kind, concept.no_plural)
                if kind == "condition":
                    for name in variants:
                        self.condition_names.setdefault(" ".join(name.translate(_QUOTES).lower().split()),
                                                        concept.id)
                for name in variants:  # word pairs a hyphen may stand between ("knee-pain")
                    words = name.lower().split()
                    self.name_pairs.update(zip(words, words[1:]))
                add(self.phrases, f"{kind}:{concept.id}", "term", kind, concept.id, None, variants)
                for index, abbr in enumerate(concept.abbreviations):
                    add(self.exact, f"{kind}:{concept.id}:abbr{index}", "term", kind, concept.id, None,
                        [abbr.text], abbr)
        # wording in which a condition's name means something else ("four strokes" on the
        # golf course): one pattern per condition, tried only where that condition is named;
        # and a cue's ("In May she flew to the clinic": the month, not the hedge),
        # case-sensitive, since case is what tells them apart; keyed by (is a condition, id)
        self.vetoes: dict[tuple[bool, str], re.Pattern[str]] = {
            (True, concept.id): re.compile("|".join(f"(?:{v})" for v in concept.veto), re.IGNORECASE)
            for concept in ruleset.conditions.values() if concept.veto}
        self.vetoes.update(((False, cue.id), re.compile("|".join(f"(?:{v})" for v in cue.veto)))
                           for cue in ruleset.cues if cue.veto)
        # Regex cues and red-flag regexes: tried only where one of their anchor words
        # stands (found by one more PhraseMatcher pass); patterns without anchor words
        # are scanned in full.
        # one compiled pattern per distinct regex, with every (layer, kind, id, value) it
        # stands for: an outcome such as "hasn't had a relapse" is both a predicate and a
        # pseudo-negation, and is tried once
        self.regexes: list[tuple[RulePattern, list[tuple[str, str, str, str | None]]]] = []
        by_source: dict[str, int] = {}

        def add_regex(source: str, target: tuple[str, str, str, str | None]) -> None:
            if source not in by_source:
                by_source[source] = len(self.regexes)
                self.regexes.append((RulePattern(source), []))
            self.regexes[by_source[source]][1].append(target)
        for cue in ruleset.cues:
            layer = "predicate" if cue.category == "predicate" else "modifier"
            phrases = predicate_forms(cue.phrases) if layer == "predicate" else cue.phrases
            add(self.phrases, f"cue:{cue.id}", layer, cue.category, cue.id, cue.value, phrases)
            for regex in cue.regexes:
                add_regex(regex, (layer, cue.category, cue.id, cue.value))
        for rule in ruleset.red_flags:
            add(self.phrases, f"flag:{rule.id}", "flag", "flag", rule.id, None, rule.phrases)
            for regex in rule.regexes:
                add_regex(regex, ("flag", "flag", rule.id, None))
        # condition names written with a typo ("alzhiemers"); every name and cue word is
        # known, so only unknown words are ever compared
        known = {w for texts in self._phrases_besides_conditions(ruleset) for text in texts
                 for w in re.split(r"[\s-]+", text.lower()) if w}
        self.fuzzy = FuzzyConditions(ruleset, known)
        self.anchors = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.by_anchor: dict[str, list[int]] = {}
        self.unanchored: list[int] = []
        self.at_digits: list[int] = []  # patterns tried where a number starts
        for index, (pattern, *_rest) in enumerate(self.regexes):
            words = pattern.anchors
            if words and all(w == DIGITS or len(make_doc(w)) == 1 for w in words):
                for word in words:
                    if word == DIGITS:
                        self.at_digits.append(index)
                    else:
                        self.by_anchor.setdefault(word, []).append(index)
            else:
                self.unanchored.append(index)
        self.by_anchor_id: dict[int, list[int]] = {}
        for word, indexes in sorted(self.by_anchor.items()):
            key = f"anchor:{word}"
            self.anchors.add(key, [make_doc(word)])
            self.by_anchor_id[self.vocab.strings[key]] = indexes
        # One alternation of an anchor word's patterns, tried first: at most places an
        # anchor word stands none of its patterns match, and one failed call into the
        # regex engine costs less than one per pattern.
        self.any_at_anchor: dict[int, re.Pattern[str]] = {}
        for anchor_id, indexes in self.by_anchor_id.items():
            either = any_of([self.regexes[i][0] for i in indexes])
            if either is not None:
                self.any_at_anchor[anchor_id] = either

    @staticmethod
    def _phrases_besides_conditions(ruleset: RuleSet):
        # (the fuzzy matcher indexes the condition names itself)
        for concept in ruleset.therapies.values():
            for synonym in concept.synonyms:
                yield term_variants(synonym, "therapy", concept.no_plural)
        for cue in ruleset.cues:
            yield predicate_forms(cue.phrases) if cue.category == "predicate" else cue.phrases
        for rule in ruleset.red_flags:
            yield rule.phrases

    # ------------------------------------------------------------------------------
    def find(self, doc: Doc, text: str, lowered: str | None) -> list[Mention]:
        """All mentions in the doc (whose text is `text`; `lowered` as returned by
        lower_same_length), in text order, with overlaps resolved per layer."""
        mentions: list[Mention] = []
        key_info = self.key_info
        # token offsets in one C call: reading them token by token costs more than matching
        offsets = doc.to_array([IDX, LENGTH]).tolist()
        for matcher in (self.phrases, self.exact):
            for match_id, start, end in matcher(doc):
                layer, kind, ident, value, abbreviation = key_info[match_id]
                last_idx, last_len = offsets[end - 1]
                mentions.append(Mention(layer, kind, ident, offsets[start][0], last_idx + last_len,
                                        value, abbreviation))
        if self.regexes:
            self._regex_mentions(doc, text, lowered, mentions, offsets)
        if lowered is not None:
            for start, end, condition_id in self.fuzzy.find(lowered, text):
                mentions.append(Mention("term", "condition", condition_id, start, end))
        mentions.extend(self._hyphenated(text, {(m.kind, m.key, m.start, m.end) for m in mentions}))
        mentions.extend(self._coordinated(text, mentions))
        if self.vetoes:
            mentions = self._without_vetoed(text, mentions)
        mentions = _without_names_read_twice(text, resolve_overlaps(mentions))
        named = _named_products(text, mentions)
        return resolve_overlaps(mentions + named) if named else mentions

    def _without_vetoed(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Mentions outside their concept's or cue's veto matches (each veto scanned once
        per text, and only when its concept or cue was found)."""
        spans: dict[tuple[bool, str], list[tuple[int, int]]] = {}
        kept: list[Mention] = []
        for m in mentions:
            key = (m.kind == "condition", m.key)
            veto = self.vetoes.get(key) if m.kind == "condition" or m.layer in ("predicate", "modifier") else None
            if veto is not None:
                if key not in spans:
                    spans[key] = [hit.span() for hit in veto.finditer(text)]
                if any(a < m.end and m.start < b for a, b in spans[key]):
                    continue
            kept.append(m)
        return kept

    def _hyphenated(self, text: str, seen: set[tuple[str, str, int, int]]) -> list[Mention]:
        """Names written with hyphens for spaces ("multiple-sclerosis", "knee-pain",
        "stem-cell injections"): the words around each hyphenated compound are matched
        again with the hyphens read as spaces (same length, so offsets carry over)."""
        found: list[Mention] = []
        windows: list[list[int]] = []
        pairs = self.name_pairs
        find = text.find
        pos = find("-")
        while pos != -1:  # (str.find: a regex scan costs half a tokenizer pass)
            m = _HYPHENATED.match(text, _word_start(text, pos), pos + 80)
            if m is None or m.end() <= pos:
                pos = find("-", pos + 1)
                continue
            pos = find("-", m.end())
            parts = m.group().lower().split("-")
            if not any(pair in pairs for pair in zip(parts, parts[1:])):
                continue  # "FDA-approved", "long-term": no name has these words side by side
            lo = max(0, m.start() - 40)
            hi = min(len(text), m.end() + 40)
            if windows and lo <= windows[-1][1]:
                windows[-1][1] = hi
            else:
                windows.append([lo, hi])
        for lo, hi in windows:
            piece = _INNER_HYPHEN.sub(" ", text[lo:hi])
            doc = self._make_doc(piece)
            for match_id, start, end in self.phrases(doc):
                layer, kind, ident, value, abbreviation = self.key_info[match_id]
                if layer != "term":
                    continue
                span = doc[start:end]
                a, b = lo + span.start_char, lo + span.end_char
                if (kind, ident, a, b) not in seen and _INNER_HYPHEN.search(text, a, b):
                    seen.add((kind, ident, a, b))
                    found.append(Mention(layer, kind, ident, a, b, value, abbreviation))
        return found

    def _coordinated(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """Conditions named by coordinated modifiers that share one head noun: "knee and
        hip osteoarthritis" names knee osteoarthritis too, "neurological, orthopedic &
        autoimmune conditions" three groups. Each modifier becomes a mention of the
        condition it names with the head, when that is a known name."""
        found: list[Mention] = []
        for m in mentions:
            if m.layer != "term" or m.kind != "condition":
                continue
            found.extend(self._postfix(text, m))
            found.extend(self._shared_modifier(text, m))
            name = text[m.start:m.end]
            typed = _TYPE_END.match(" ".join(name.lower().split()[:2]))
            earlier = _TYPE_BEFORE.search(text, max(0, m.start - 20), m.start) if typed else None
            if earlier is not None:  # "type 1 and type 2 diabetes"
                rest = " ".join(name.translate(_QUOTES).lower().split()[2:])
                condition_id = self.condition_names.get(f"type {earlier.group(1).lower()} {rest}")
                if condition_id is not None and condition_id != m.key:
                    found.append(Mention("term", "condition", condition_id, earlier.start(), earlier.end(1)))
            first, _, head = name.partition(" ")
            if not head or m.start < 2:
                continue
            before = _COORDINATED.search(text, max(0, m.start - 80), m.start)
            if before is None:
                continue
            words = head.translate(_QUOTES).lower().split()
            heads = [" ".join(words)] + ([words[-1]] if len(words) > 1 else [])  # "blood and bone marrow disorders"
            for word in _MODIFIER_WORD.finditer(before.group(0)):
                condition_id = None
                for head_key in heads:
                    candidate = f"{word.group(0).lower()} {head_key}"
                    condition_id = self.condition_names.get(candidate) or (
                        self.condition_names.get(candidate[:-1]) if candidate.endswith("s") else None)
                    if condition_id is not None:
                        break
                if condition_id is not None:
                    start = before.start() + word.start()
                    found.append(Mention("term", "condition", condition_id, start, start + len(word.group(0))))
        return found

    def _shared_modifier(self, text: str, m: Mention) -> list[Mention]:
        """"Worn-out knees and hips", "arthritic knees, hips or shoulders": the words
        coordinated after the name share its modifier; each that makes a known name with
        it becomes a mention of that condition."""
        name = " ".join(text[m.start:m.end].translate(_QUOTES).lower().split())
        modifier, _, last = name.rpartition(" ")
        if not modifier or " of " in name or " in " in name:
            return []
        after = _POSTFIX_MORE.match(text, m.end, min(len(text), m.end + 80))
        if after is None:
            return []
        out = []
        for word in _POSTFIX_WORD.finditer(after.group(1)):
            part = word.group(0).lower()
            for form in dict.fromkeys((part, part[:-1] if part.endswith("s") else part)):
                condition_id = self.condition_names.get(f"{modifier} {form}")
                if condition_id is not None and condition_id != m.key:
                    start = after.start(1) + word.start()
                    out.append(Mention("term", "condition", condition_id, start, start + len(word.group(0))))
                    break
            else:
                break  # the coordination ends at the first word that is no such name
        return out

    def _postfix(self, text: str, m: Mention) -> list[Mention]:
        """"Artritis of knee and hip" names knee and hip osteoarthritis: each body part
        after "of" or "in" that makes a known name with the condition's own name (or any
        of its synonyms, for a misspelt head) becomes a mention of that condition."""
        name = " ".join(text[m.start:m.end].translate(_QUOTES).lower().split())
        typed = _TYPE_END.search(name)
        more = _TYPE_MORE.match(text, m.end, min(len(text), m.end + 30)) if typed else None
        if more is not None:  # "diabetes type 1 and type 2"
            condition_id = self.condition_names.get(name[:typed.start(1)] + more.group(1).lower())
            if condition_id is not None and condition_id != m.key:
                return [Mention("term", "condition", condition_id, more.start(), more.end())]
        head, of, _part = name.rpartition(" of ")
        spanish = False
        if not of:  # "artrosis de rodilla" [y cadera]
            head, of, _part = name.rpartition(" de ")
            spanish = bool(of)
        if of:  # the name already holds the first part: "artritis of knee" [and hip]
            after = _POSTFIX_MORE.match(text, m.end, min(len(text), m.end + 80))
        else:
            head = name
            after = _POSTFIX.match(text, m.end, min(len(text), m.end + 80))
        if after is None:
            return []
        heads = [head]
        if m.key in self.ruleset.conditions:  # a misspelt head: try the names of the concept and its parents
            for cid in sorted(self.ruleset.condition_family(m.key)):
                heads += [syn.lower() for syn in self.ruleset.conditions[cid].synonyms[:12]]
        out = []
        for word in _POSTFIX_WORD.finditer(after.group(1)):
            part = word.group(0).lower()
            for singular in dict.fromkeys((part, part[:-1] if part.endswith("s") else part)):
                names = [f"{h} de {singular}" for h in heads] if spanish else [f"{singular} {h}" for h in heads]
                condition_id = next((self.condition_names[n] for n in names if n in self.condition_names), None)
                if condition_id is not None and condition_id != m.key:
                    start = after.start(1) + word.start()
                    out.append(Mention("term", "condition", condition_id, start, start + len(word.group(0))))
                    break
        return out

    def _regex_mentions(self, doc: Doc, text: str, lowered: str | None, out: list[Mention],
                        offsets: list[list[int]]) -> None:
        end = len(text)
        seen: set[tuple[int, int]] = set()
        any_at_anchor = self.any_at_anchor if lowered is not None else {}
        for match_id, start, _end in self.anchors(doc):
            pos = offsets[start][0]
            either = any_at_anchor.get(match_id)
            if either is not None and either.match(lowered, pos, end) is None:
                continue
            for index in self.by_anchor_id.get(match_id, ()):
                span = self.regexes[index][0].match_at(text, lowered, pos, end)
                if span is not None and (index, span[0]) not in seen:
                    seen.add((index, span[0]))
                    out.extend(self._regex_mentions_at(index, span))
        if self.at_digits:
            for number in _NUMBER_START.finditer(text):
                pos = number.start()
                for index in self.at_digits:
                    span = self.regexes[index][0].match_at(text, lowered, pos, end)
                    if span is not None and (index, span[0]) not in seen:
                        seen.add((index, span[0]))
                        out.extend(self._regex_mentions_at(index, span))
        for index in self.unanchored:
            for span in self.regexes[index][0].spans(text, lowered):
                out.extend(self._regex_mentions_at(index, span))

    def _regex_mentions_at(self, index: int, span: tuple[int, int]) -> list[Mention]:
        return [Mention(layer, kind, ident, span[0], span[1], value)
                for layer, kind, ident, value in self.regexes[index][1]]


# symptoms that are named as another condition's: "my MS fatigue is gone", "long COVID
# brain fog"; the claim is about that condition, not about chronic fatigue
_SYMPTOM_CONDITIONS = frozenset({"chronic-fatigue", "cognitive-decline"})
_SYMPTOM_GAP = re.compile(r"(?: |-| related |-related |-associated )")


def _without_names_read_twice(text: str, mentions: list[Mention]) -> list[Mention]:
    """Without the symptom named as another condition's ("my MS fatigue") and without a
    cure inside a condition's name ("the cartilage is gone" names the condition, it does not
    say a treatment made anything go; "feel 10 years younger" keeps its outcome)."""
    conditions = [m for m in mentions if m.kind == "condition"]
    dropped = {id(b) for a, b in zip(conditions, conditions[1:])
               if b.key in _SYMPTOM_CONDITIONS and a.key != b.key and a.key not in _SYMPTOM_CONDITIONS
               and a.end < b.start and _SYMPTOM_GAP.fullmatch(text, a.end, b.start)}
    dropped |= {id(p) for p in mentions if p.layer == "predicate" and p.key == "predicate-cure"
                for c in conditions if c.start <= p.start and p.end <= c.end}
    return [m for m in mentions if id(m) not in dropped] if dropped else mentions


# a product's code name ("NV-12", "EV-Renew", "CYP-004"): a capitalised word with a digit
# or an inner hyphen
_CODE_NAME = re.compile(r"\b[A-Z][A-Za-z]{1,8}-?[0-9][\w-]*\b|\b[A-Z]{2,}-[A-Z][A-Za-z]+\b")
# what ties a code name to the therapy named beside it: "NV-12 Stem Cell Therapy",
# "NV-12, an autologous stem cell product", "a cord-cell product (CB-7)", "called NV-12"
_NAME_BEFORE_THERAPY = re.compile(r"(?:[ \t]+|,\s+(?:an?|our|the|its)\s+(?:[\w-]+\s+){0,3}?|\s+(?:is|are)\s+(?:an?|our)\s+(?:[\w-]+\s+){0,3}?)")
_NAME_AFTER_THERAPY = re.compile(r"(?:\s+[\w-]+){0,2}?\s*(?:\(|,\s+(?:called|named|known\s+as)\s+|\s+(?:called|named|known\s+as)\s+)")


def _named_products(text: str, mentions: list[Mention]) -> list[Mention]:
    """Therapy mentions for a product's code name wherever the page uses it, once the page
    has tied the name to a therapy ("NV-12 Stem Cell Therapy ... NV-12 halted disease
    progression"): press releases and product pages name the product, not the cells."""
    therapies = [m for m in mentions if m.kind == "therapy"]
    if not therapies:
        return []
    names: dict[str, str] = {}
    terms = [(m.start, m.end) for m in mentions if m.layer == "term"]
    for code in _CODE_NAME.finditer(text):
        if code.group() in names or any(a < code.end() and code.start() < b for a, b in terms):
            continue  # (not "COVID-19 stem cell therapy": a condition's name)
        for t in therapies:
            if 0 <= t.start - code.end() <= 60 and _NAME_BEFORE_THERAPY.fullmatch(text, code.end(), t.start) \
                    or 0 <= code.start() - t.end <= 40 and _NAME_AFTER_THERAPY.fullmatch(text, t.end, code.start()):
                names[code.group()] = t.key
                break
    if not names:
        return []
    taken = {(m.start, m.end) for m in therapies}
    pattern = re.compile(r"\b(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")\b(?!-)")
    return [Mention("term", "therapy", names[m.group()], m.start(), m.end()) for m in pattern.finditer(text)
            if (m.start(), m.end()) not in taken]


def resolve_overlaps(mentions: list[Mention]) -> list[Mention]:
    """Within the term, predicate and modifier layers, a mention strictly inside a longer
    one of the same layer is dropped (medspaCy's longest-match rule); mentions with the
    same span are all kept. Flags are left alone."""
    kept: list[Mention] = []
    by_layer: dict[str, list[Mention]] = {}
    for m in mentions:
        if m.layer == "flag":
            kept.append(m)
        else:
            by_layer.setdefault(m.layer, []).append(m)
    for layer, all_items in by_layer.items():
        for items in _clusters(all_items):
            if len(items) == 1:
                kept.append(items[0])
                continue
            kept.extend(_resolve_cluster(layer, items))
    kept.sort(key=lambda m: (m.start, -m.end))
    return kept


def _clusters(items: list[Mention]) -> list[list[Mention]]:
    """Groups of mentions that overlap one another, found in one sweep."""
    items.sort(key=lambda m: m.start)
    groups: list[list[Mention]] = []
    reach = -1
    for m in items:
        if m.start < reach:
            groups[-1].append(m)
            reach = max(reach, m.end)
        else:
            groups.append([m])
            reach = m.end
    return groups


def _resolve_cluster(layer: str, items: list[Mention]) -> list[Mention]:
    items.sort(key=lambda m: (-(m.end - m.start), m.start))
    accepted: list[Mention] = []
    for m in items:
        span = (m.start, m.end)
        clash = False
        for a in accepted:
            if (a.start, a.end) == span:
                continue
            inside = a.start <= m.start and m.end <= a.end
            partial = layer == "term" and m.start < a.end and a.start < m.end
            if inside or partial:  # two names overlapping: keep the longer
                clash = True
                break
        if not clash:
            accepted.append(m)
    return accepted


def split_sentences(text: str, blocks: list[tuple[int, int, str, int, bool]]) -> list[Sentence]:
    """Sentences inside blocks (never across them)."""
    sentences: list[Sentence] = []
    breaks: list[int] = []
    for m in _SENTENCE_END.finditer(text):
        stop = m.start()
        if text[stop] == "." and _abbreviation_before(text, stop):
            continue
        if text.startswith("..", stop) and text[m.end():m.end() + 1].islower():
            continue  # an ellipsis the sentence runs on after: "cured his CP... but I'm not"
        breaks.append(m.end())
    for index, (start, end, _kind, _level, _lead) in enumerate(blocks):
        lo = bisect_right(breaks, start)
        hi = bisect_left(breaks, end)
        cursor = start
        for b in breaks[lo:hi]:
            stop = b
            while stop > cursor and text[stop - 1].isspace():
                stop -= 1
            if stop > cursor:
                sentences.append(Sentence(cursor, stop, index))
            cursor = b
        if end > cursor:
            sentences.append(Sentence(cursor, end, index))
    return sentences


def _abbreviation_before(text: str, stop: int) -> bool:
    """Is the full stop at `stop` part of "Dr.", "e.g.", "U.S." or an initial?"""
    word = text[max(0, stop - 12):stop].split()[-1:]  # the word before, after any whitespace
    word = word[0].lstrip("(\"'") if word else ""
    if not word or not word[-1].isalpha():
        return False
    lowered = word.lower().rstrip(".")
    if word.isupper() and len(word) > 1 and "." not in word:
        return False  # "MS." and "DR." are not the titles "Ms." and "Dr."
    if lowered in ("no", "nos"):  # "No. 5" is a number; "No. The only ..." is an answer
        return text[stop + 1:stop + 3].lstrip()[:1].isdigit()
    return len(word) == 1 or lowered in _NO_BREAK_BEFORE


def attach(sentences: list[Sentence], mentions: list[Mention], text: str) -> None:
    """Give each sentence its mentions and clause boundaries."""
    starts = [s.start for s in sentences]
    for m in mentions:
        i = bisect_right(starts, m.start) - 1
        if i < 0:
            continue
        s = sentences[i]
        if m.end > s.end:
            continue  # a pattern that runs across a sentence or block boundary
        if m.layer == "term":
            s.terms.append(m)
        elif m.layer == "predicate":
            s.predicates.append(m)
        elif m.layer == "modifier":
            s.modifiers.append(m)
        else:
            s.flags.append(m)
    for s in sentences:
        s.text = text
        if s.predicates:
            s.predicates = [p for p in s.predicates if not (
                text[p.start].isupper() and _BUSINESS_NAME_AFTER.match(text, p.end, min(s.end, p.end + 80)))]
        free = [p for p in s.predicates if p.key in _NEGATION_INSIDE]
        if free:
            # an outcome told as something no longer there holds its own "not" and "no"
            # ("she hasn't had one since", "no new lesions in three years")
            s.modifiers = [m for m in s.modifiers
                           if not (m.kind == "negation" and any(p.start <= m.start and m.end <= p.end for p in free))]
        pseudo = [m for m in s.modifiers if m.kind == "pseudo"]
        if pseudo and s.predicates:
            # a predicate word inside a longer pseudo phrase is not one ("treatment" in
            # "choosing a treatment plan"); a pseudo phrase that is itself the predicate
            # ("no longer needs") keeps it
            s.predicates = [p for p in s.predicates
                            if not any(q.start <= p.start and p.end <= q.end and (q.start, q.end) != (p.start, p.end)
                                       for q in pseudo)]
        cuts = [m.start for m in s.modifiers if m.kind == "terminator"]
        # "This is not a cure: the cells rebuild the joint", "It is not cure, it is restoration
        # of the connections": the denial ends where the colon or the "it is" begins
        cuts += [m.end() for m in _NOT_A_CURE_THEN.finditer(text, s.start, s.end)]
        semicolon = text.find(";", s.start, s.end)
        while semicolon != -1:
            cuts.append(semicolon + 1)
            semicolon = text.find(";", semicolon + 1, s.end)
        bounds = [s.start] + sorted(c for c in cuts if s.start < c < s.end) + [s.end]
        s.clauses = [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]
        s.question = text[s.start:s.end].rstrip(" \"')").endswith("?")
