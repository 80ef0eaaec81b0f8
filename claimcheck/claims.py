"""From mentions to claims: one (therapy, condition) pair per sentence or list item,
with its predicate, certainty, polarity and appeals.

Discourse rules (see docs/design.md):
- a sentence that names a condition and a predicate but no therapy takes the therapy
  from the block's previous sentences, the section heading, an open frame or the
  document's main therapy (marked inferred);
- "these conditions" refers back to the last sentence that named conditions;
- a heading or lead-in such as "Conditions we treat:" or "Uses of stem cell therapy"
  opens a frame: conditions named under it, without a predicate of their own, are
  claims of the frame;
- a sentence with a therapy and a predicate but no condition, under a heading that
  names a condition, is a claim about that condition (once per section).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from claimcheck.matching import Mention, Sentence
from claimcheck.models import Claim, ConditionRef, TherapyRef
from claimcheck.ruleset import RuleSet

ABSOLUTE_PREDICATES = frozenset({"cure", "reverse", "eliminate"})
_WORD = re.compile(r"[A-Za-z0-9]+")
_CLAIM_PREDICATE_FOR = re.compile(r"\bfor\b", re.IGNORECASE)
_DEFAULT_CONTEXT_WINDOW = 400  # characters around an abbreviation searched for context words


@dataclass(slots=True)
class Modality:
    """What the modifier cues of a clause say about a claim."""

    negated: bool = False
    attributed: bool = False
    caution: bool = False
    hedged: bool = False
    research: bool = False
    absolute: bool = False
    evidence: bool = False
    testimony: bool = False
    population: str | None = None
    cues: list[str] = field(default_factory=list)

    def certainty(self, predicate: str | None) -> str:
        if self.hedged:
            return "hedged"
        if self.absolute or predicate in ABSOLUTE_PREDICATES:
            return "absolute"
        return "assertive"


@dataclass(slots=True)
class Frame:
    """An open "conditions we treat" context."""

    therapy: TherapyRef
    predicate: str
    predicate_text: str
    modality: Modality
    scope: str  # "section" | "list"
    level: int
    block: int


@dataclass(slots=True)
class SentenceInfo:
    """Per-sentence facts that red-flag rules need."""

    sentence: Sentence
    modality_by_clause: dict[tuple[int, int], Modality]
    therapy_ids: frozenset[str]
    claim_conditions: frozenset[str]


class ClaimExtractor:
    def __init__(self, ruleset: RuleSet) -> None:
        self.ruleset = ruleset

    # ------------------------------------------------------------------------------
    def extract(self, text: str, blocks: list[tuple[int, int, str, int, bool]],
                sentences: list[Sentence]) -> tuple[list[Claim], list[SentenceInfo], str | None]:
        """Claims in document order, facts per sentence, and the document's main therapy id."""
        rs = self.ruleset
        condition_ids_named = {m.key for s in sentences for m in s.terms
                               if m.kind == "condition" and m.abbreviation is None}
        for s in sentences:
            s.terms = [m for m in s.terms
                       if m.abbreviation is None or self._accept_abbreviation(m, s, text, condition_ids_named)]
        topic = self._topic_therapy(text, blocks, sentences)

        by_block: dict[int, list[Sentence]] = {}
        for s in sentences:
            by_block.setdefault(s.block, []).append(s)

        claims: list[Claim] = []
        infos: list[SentenceInfo] = []
        sections: list[dict] = []  # stack of {"level", "block", "therapy", "conditions", "frame", "claimed"}
        list_frame: Frame | None = None
        last_conditions: list[tuple[Mention, Sentence]] = []
        for index, (bstart, bend, kind, level, lead_in) in enumerate(blocks):
            block_sentences = by_block.get(index, [])
            if kind == "code":
                continue
            # ---- section bookkeeping for headings
            if kind == "heading" and list_frame is not None and _short_block(text, bstart, bend) and \
                    any(m.kind == "condition" for s in block_sentences for m in s.terms):
                pass  # a bare condition line under "Conditions we treat:" continues the list
            elif kind == "heading":
                heading_conditions = [m for s in block_sentences for m in s.terms if m.kind == "condition"]
                heading_predicates = [m for s in block_sentences for m in s.predicates]
                condition_heading = bool(heading_conditions) and not heading_predicates
                open_frame = next((sec["frame"] for sec in reversed(sections) if sec["frame"]), None)
                if condition_heading and open_frame is not None:
                    frame_level = next(sec["level"] for sec in reversed(sections) if sec["frame"])
                    while sections and sections[-1]["level"] >= level and not sections[-1]["frame"]:
                        sections.pop()
                    if level <= frame_level:
                        # a sibling condition heading stays inside the frame (plain text has
                        # no real levels): nest it one deeper
                        level = frame_level + 1
                else:
                    while sections and sections[-1]["level"] >= level:
                        sections.pop()
                sections.append({"level": level, "block": index, "therapy": None,
                                 "conditions": heading_conditions if condition_heading else [],
                                 "frame": None, "claimed": set()})
                list_frame = None
                last_conditions = []
            elif kind == "list_item":
                pass
            elif list_frame is not None and not _short_block(text, bstart, bend):
                list_frame = None
            section = sections[-1] if sections else None
            section_frame = next((sec["frame"] for sec in reversed(sections) if sec["frame"]), None)
            frame = list_frame or section_frame
            block_therapy: tuple[TherapyRef, bool] | None = None
            block_conditions_seen = False

            for s in block_sentences:
                if not (s.terms or s.predicates or s.flags
                        or any(m.kind in ("frame", "anaphora") for m in s.modifiers)):
                    continue  # nothing here can make or inform a claim
                modalities = {clause: self._modality(s, clause) for clause in s.clauses}
                sentence_mod = _merge(modalities.values())
                therapies = [m for m in s.terms if m.kind == "therapy"]
                conditions = [m for m in s.terms if m.kind == "condition"]
                anaphora = [m for m in s.modifiers if m.kind == "anaphora"]
                for_relations = self._for_relations(text, therapies, conditions)
                sentence_claims: list[Claim] = []

                def infer_therapy() -> tuple[TherapyRef | None, bool]:
                    if block_therapy is not None:
                        return block_therapy
                    for sec in reversed(sections):
                        if sec["therapy"] is not None:
                            return sec["therapy"], False
                    if frame is not None:
                        return frame.therapy, frame.modality.research
                    if topic is not None:
                        concept = rs.therapies[topic]
                        return TherapyRef(concept.id, concept.name, "", inferred=True), False
                    return None, False

                # ---- explicit conditions
                for cond in conditions:
                    clause = s.clause_of(cond.start)
                    predicate = _nearest(s.predicates, cond, clause) or for_relations.get(id(cond))
                    source = "list" if kind == "list_item" else "sentence"
                    mod = modalities.get(clause, Modality())
                    if predicate is not None:
                        pclause = s.clause_of(predicate.start)
                        if pclause != clause:
                            mod = _merge([mod, modalities.get(pclause, Modality())])
                        pred_kind, pred_text = predicate.value or "used-for", text[predicate.start:predicate.end]
                    elif frame is not None and (kind in ("list_item", "heading") or not s.predicates):
                        pred_kind, pred_text = frame.predicate, frame.predicate_text
                        mod = _merge([mod, frame.modality])
                        source = "frame"
                    else:
                        continue
                    therapy_mention = _pick_therapy(therapies, cond, predicate, s)
                    if therapy_mention is not None:
                        therapy = self._therapy_ref(therapy_mention, text)
                        inherited_hedge = False
                    elif source == "frame":
                        therapy, inherited_hedge = frame.therapy, False
                    else:
                        therapy, inherited_hedge = infer_therapy()
                    if therapy is None:
                        continue
                    if inherited_hedge and not mod.hedged:
                        mod = _merge([mod, Modality(hedged=True, research=True, cues=["research context"])])
                    if source == "frame" and section is not None and cond.key in section["claimed"]:
                        continue
                    sentence_claims.append(self._claim(s, therapy, cond, text, pred_kind, pred_text, mod, source))

                # ---- "these conditions" refers back
                if not conditions and anaphora and s.predicates and last_conditions:
                    predicate = s.predicates[0]
                    therapy_mention = therapies[0] if therapies else None
                    therapy, inherited_hedge = ((self._therapy_ref(therapy_mention, text), False)
                                                if therapy_mention else infer_therapy())
                    if therapy is not None:
                        mod = _merge([modalities.get(s.clause_of(anaphora[0].start), Modality()),
                                      modalities.get(s.clause_of(predicate.start), Modality())])
                        if inherited_hedge:
                            mod = _merge([mod, Modality(hedged=True, research=True, cues=["research context"])])
                        seen: set[str] = set()
                        for cond, _origin in last_conditions:
                            if cond.key in seen:
                                continue
                            seen.add(cond.key)
                            ref_mention = Mention("term", "condition", cond.key, anaphora[0].start, anaphora[0].end)
                            sentence_claims.append(self._claim(
                                s, therapy, ref_mention, text, predicate.value or "used-for",
                                text[predicate.start:predicate.end], mod, "anaphora"))

                # ---- a heading names the condition, the sentence makes the claim
                elif (not conditions and s.predicates and section is not None
                      and section["conditions"] and kind != "heading"):
                    therapy_mention = therapies[0] if therapies else None
                    therapy, inherited_hedge = ((self._therapy_ref(therapy_mention, text), False)
                                                if therapy_mention else infer_therapy())
                    predicate = s.predicates[0]
                    if therapy is not None:
                        mod = modalities.get(s.clause_of(predicate.start), Modality())
                        if inherited_hedge:
                            mod = _merge([mod, Modality(hedged=True, research=True, cues=["research context"])])
                        for cond in section["conditions"]:
                            if cond.key in section["claimed"]:
                                continue
                            sentence_claims.append(self._claim(
                                s, therapy, cond, text, predicate.value or "used-for",
                                text[predicate.start:predicate.end], mod, "heading"))

                # ---- frames opened by this sentence (headings and lead-ins)
                opens_frame = kind == "heading" or lead_in or text[s.start:s.end].rstrip().endswith(":")
                if opens_frame and not conditions:
                    new_frame = self._frame(s, therapies, text, sentence_mod, infer_therapy, kind, level, index)
                    if new_frame is not None:
                        if kind == "heading" and section is not None:
                            section["frame"] = new_frame
                            frame = new_frame
                        else:
                            list_frame = new_frame
                            frame = new_frame

                # ---- discourse state
                if therapies:
                    first = therapies[0]
                    block_therapy = (self._therapy_ref(first, text, inferred=True), sentence_mod.research)
                    if kind == "heading" and section is not None and section["therapy"] is None:
                        section["therapy"] = self._therapy_ref(first, text, inferred=True)
                if conditions:
                    if block_conditions_seen:
                        last_conditions = last_conditions + [(c, s) for c in conditions]
                    else:
                        last_conditions = [(c, s) for c in conditions]
                    block_conditions_seen = True
                for claim in sentence_claims:
                    if section is not None:
                        section["claimed"].add(claim.condition.id)
                sentence_claims = _dedupe(sentence_claims, rs)
                claims.extend(sentence_claims)
                infos.append(SentenceInfo(
                    sentence=s, modality_by_clause=modalities,
                    therapy_ids=frozenset(m.key for m in therapies),
                    claim_conditions=frozenset(c.condition.id for c in sentence_claims)))
        return claims, infos, topic

    # ------------------------------------------------------------------------------
    def _claim(self, s: Sentence, therapy: TherapyRef, cond: Mention, text: str, predicate: str,
               predicate_text: str, mod: Modality, source: str) -> Claim:
        concept = self.ruleset.conditions[cond.key]
        condition = ConditionRef(
            id=concept.id, name=concept.name, category=concept.category,
            text=text[cond.start:cond.end], start=cond.start, end=cond.end, umbrella=concept.umbrella)
        appeals = tuple(a for a, on in (("evidence", mod.evidence), ("testimony", mod.testimony)) if on)
        return Claim(
            start=s.start, end=s.end, therapy=therapy, condition=condition, predicate=predicate,
            predicate_text=predicate_text, certainty=mod.certainty(predicate),
            negated=mod.negated or mod.caution, attributed=mod.attributed, appeals=appeals,
            population=mod.population, source=source, cues=tuple(dict.fromkeys(mod.cues)),
        )

    def _therapy_ref(self, mention: Mention, text: str, inferred: bool = False) -> TherapyRef:
        concept = self.ruleset.therapies[mention.key]
        return TherapyRef(concept.id, concept.name, text[mention.start:mention.end], inferred,
                          mention.start, mention.end)

    def _modality(self, s: Sentence, clause: tuple[int, int]) -> Modality:
        mod = Modality()
        lo, hi = clause
        targets = [m.start for m in s.terms if lo <= m.start < hi] + \
                  [m.start for m in s.predicates if lo <= m.start < hi]
        for cue in s.modifiers:
            if not (lo <= cue.start < hi):
                continue
            cat = cue.kind
            if cat == "negation":
                # "not" negates what follows it; "not approved", "no evidence" work both ways
                if cue.value == "both" or any(t >= cue.end for t in targets):
                    mod.negated = True
                else:
                    continue
            elif cat == "attribution":
                mod.attributed = True
            elif cat == "caution":
                mod.caution = True
            elif cat in ("hedge", "research"):
                if cat == "hedge" and cue.value == "weak":
                    continue  # decided with the sentence's evidence appeal below
                mod.hedged = True
                mod.research |= cat == "research"
            elif cat == "absolute":
                mod.absolute = True
            elif cat == "population":
                mod.population = cue.value
            else:
                continue
            mod.cues.append(cat)
        evidence = any(m.kind == "evidence" for m in s.modifiers)
        testimony = any(m.kind == "testimony" for m in s.modifiers)
        mod.evidence, mod.testimony = evidence, testimony
        weak = any(m.kind == "hedge" and m.value == "weak" and lo <= m.start < hi for m in s.modifiers)
        if weak and not evidence:
            mod.hedged = True
            mod.cues.append("hedge")
        if s.question:
            mod.hedged = True  # "Can stem cells help COPD?" suggests, it does not assert
            mod.cues.append("question")
        return mod

    def _for_relations(self, text: str, therapies: list[Mention], conditions: list[Mention]) -> dict[int, Mention]:
        """"stem cell therapy for knee pain": a therapy, at most three words, "for", at
        most four words, a condition."""
        found: dict[int, Mention] = {}
        if not therapies or not conditions:
            return found
        for cond in conditions:
            for therapy in therapies:
                if therapy.end > cond.start:
                    continue
                gap = text[therapy.end:cond.start]
                m = _CLAIM_PREDICATE_FOR.search(gap)
                if m is None:
                    continue
                before, after = gap[:m.start()], gap[m.end():]
                if len(_WORD.findall(before)) <= 3 and len(_WORD.findall(after)) <= 4 and not re.search(r"[.;:!?]", gap):
                    start = therapy.end + m.start()
                    found[id(cond)] = Mention("predicate", "predicate", "for-relation", start, start + 3, "used-for")
        return found

    def _frame(self, s: Sentence, therapies: list[Mention], text: str, mod: Modality, infer_therapy,
               kind: str, level: int, block: int) -> Frame | None:
        triggers = [m for m in s.modifiers if m.kind == "frame"] + list(s.predicates)
        if not triggers:
            return None
        if therapies:
            therapy = self._therapy_ref(therapies[0], text)
        else:
            therapy, _ = infer_therapy()
        if therapy is None:
            return None
        trigger = next((p for p in s.predicates), triggers[0])
        predicate = trigger.value if trigger.layer == "predicate" and trigger.value else "used-for"
        return Frame(therapy=therapy, predicate=predicate, predicate_text=text[trigger.start:trigger.end],
                     modality=mod, scope="section" if kind == "heading" else "list", level=level, block=block)

    def _topic_therapy(self, text: str, blocks, sentences: list[Sentence]) -> str | None:
        counts: Counter[str] = Counter()
        first_seen: dict[str, int] = {}
        title_therapy = None
        for s in sentences:
            kind = blocks[s.block][2]
            for m in s.terms:
                if m.kind != "therapy":
                    continue
                counts[m.key] += 1
                first_seen.setdefault(m.key, m.start)
                if title_therapy is None and kind in ("title", "heading") and s.block <= 2:
                    title_therapy = m.key
        if title_therapy:
            return title_therapy
        if not counts:
            return None
        return min(counts, key=lambda k: (-counts[k], first_seen[k]))

    def _accept_abbreviation(self, m: Mention, s: Sentence, text: str, named: set[str]) -> bool:
        abbr = m.abbreviation
        sentence_text = text[s.start:s.end]
        for veto in abbr.veto:
            for hit in re.finditer(veto, sentence_text):
                if s.start + hit.start() < m.end and m.start < s.start + hit.end():
                    return False
        if not abbr.context:
            return True
        if m.kind == "condition" and m.key in named:
            return True  # the full name appears in the document
        if any(t.kind == "therapy" and t.abbreviation is None for t in s.terms) and s.predicates:
            return True  # "stem cells for MS": a treatment claim is context enough
        window = text[max(0, m.start - _DEFAULT_CONTEXT_WINDOW):m.end + _DEFAULT_CONTEXT_WINDOW].lower()
        words = set(_WORD.findall(window))
        for word in abbr.context:
            if word.endswith("*"):
                stem = word[:-1]
                if any(w.startswith(stem) for w in words):
                    return True
            elif word in words or (" " in word and word in window):
                return True
        return False


# ----------------------------------------------------------------------------------
def _merge(mods) -> Modality:
    out = Modality()
    for mod in mods:
        out.negated |= mod.negated
        out.attributed |= mod.attributed
        out.caution |= mod.caution
        out.hedged |= mod.hedged
        out.research |= mod.research
        out.absolute |= mod.absolute
        out.evidence |= mod.evidence
        out.testimony |= mod.testimony
        out.population = out.population or mod.population
        out.cues.extend(mod.cues)
    return out


def _nearest(predicates: list[Mention], cond: Mention, clause: tuple[int, int]) -> Mention | None:
    """The predicate closest to the condition, preferring one in the same clause."""
    if not predicates:
        return None
    in_clause = [p for p in predicates if clause[0] <= p.start < clause[1]]
    pool = in_clause or predicates
    return min(pool, key=lambda p: abs(p.start - cond.start))


def _pick_therapy(therapies: list[Mention], cond: Mention, predicate: Mention | None,
                  s: Sentence) -> Mention | None:
    if not therapies:
        return None
    anchor = predicate.start if predicate is not None else cond.start
    clause = s.clause_of(cond.start)

    def rank(t: Mention) -> tuple[int, int, int]:
        same_clause = 0 if clause[0] <= t.start < clause[1] else 1
        before = 0 if t.start <= anchor else 1
        return (same_clause, before, abs(anchor - t.start))

    return min(therapies, key=rank)


def _short_block(text: str, start: int, end: int) -> bool:
    """A line that can continue a list: few words and no sentence inside."""
    chunk = text[start:end]
    return len(chunk.split()) <= 8 and not re.search(r"[.!?]\s", chunk)


def _dedupe(claims: list[Claim], ruleset: RuleSet) -> list[Claim]:
    """One claim per condition per sentence (the first, which is the most direct), and
    none for a condition when the sentence also names a narrower one ("arthritis ...
    knee osteoarthritis", "autoimmune diseases such as lupus")."""
    seen: set[str] = set()
    unique = []
    for c in claims:
        if c.condition.id in seen:
            continue
        seen.add(c.condition.id)
        unique.append(c)
    broader: set[str] = set()
    for c in unique:
        broader |= ruleset.condition_family(c.condition.id) - {c.condition.id}
    return [c for c in unique if c.condition.id not in broader]
