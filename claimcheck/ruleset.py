"""The rule set: YAML files validated against the shipped JSON Schemas, merged into
one in-memory RuleSet.

A rule pack is a folder of YAML files; each file says what it holds with `kind:`
(therapies, conditions, evidence, red-flags, claim-rules, cues). Packs given later
extend the shipped set, and an entry with an existing id replaces it.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Sequence

import yaml

from claimcheck.errors import RuleError

# libyaml's parser when PyYAML was built with it (about 8 times faster); same safe subset
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _RuleLoader(_SafeLoader):
    """Safe loading (plain data only: a tag such as !!python/object is an error), plus:
    a key given twice in one mapping is an error (YAML would keep the last silently),
    and aliases may not expand the document beyond MAX_EXPANDED_NODES values or refer
    to themselves (a "billion laughs" file of a few lines would otherwise become
    billions of values for the schema check)."""

    def construct_document(self, node):
        _check_expansion(node)
        return super().construct_document(node)

    def construct_mapping(self, node, deep=False):
        if isinstance(node, yaml.MappingNode):
            seen: set = set()
            for key_node, _value in node.value:
                if isinstance(key_node, yaml.ScalarNode):
                    if key_node.value in seen:
                        raise yaml.constructor.ConstructorError(
                            "while reading a mapping", node.start_mark,
                            f"the key {key_node.value!r} is given twice", key_node.start_mark)
                    seen.add(key_node.value)
        return super().construct_mapping(node, deep)


MAX_EXPANDED_NODES = 2_000_000


def _check_expansion(root) -> None:
    """Count the values of a composed YAML document as if every alias were copied out,
    without copying (iteratively: each node once)."""
    size: dict[int, int] = {}
    active: set[int] = set()
    stack = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = []
        if isinstance(node, yaml.SequenceNode):
            children = node.value
        elif isinstance(node, yaml.MappingNode):
            children = [n for pair in node.value for n in pair]
        if done:
            active.discard(key)
            total = 1 + sum(size[id(c)] for c in children)
            if total > MAX_EXPANDED_NODES:
                raise yaml.constructor.ConstructorError(
                    None, None, f"aliases expand this document beyond {MAX_EXPANDED_NODES:,} values",
                    node.start_mark)
            size[key] = total
            continue
        if key in size:
            continue
        if key in active:
            raise yaml.constructor.ConstructorError(None, None, "an alias refers to its own anchor",
                                                    node.start_mark)
        active.add(key)
        stack.append((node, True))
        for child in children:
            if id(child) in active:
                raise yaml.constructor.ConstructorError(None, None, "an alias refers to its own anchor",
                                                        child.start_mark)
            if id(child) not in size:
                stack.append((child, False))


# A rule file larger than this is refused (the shipped ones are far smaller).
MAX_RULE_FILE_BYTES = 20 * 1024 * 1024
# The list of entries in a file of each kind (ids must be unique within a pack).
_ENTRIES_KEY = {"therapies": "therapies", "conditions": "conditions", "evidence": "entries",
                "red-flags": "rules", "claim-rules": "rules", "cues": "cues", "jurisdiction-rules": "rules"}

KINDS = {
    "therapies": "therapies.schema.json",
    "conditions": "conditions.schema.json",
    "evidence": "evidence.schema.json",
    "red-flags": "red-flags.schema.json",
    "claim-rules": "claim-rules.schema.json",
    "cues": "cues.schema.json",
    "jurisdiction-rules": "jurisdiction-rules.schema.json",
}
APPROVAL_STATUSES = ("approved", "conditionally-approved", "established-practice")


# ---------------------------------------------------------------------------------
# Locating the shipped rules and schemas


def builtin_rules_dir() -> Path:
    """The shipped rule folder: inside an installed wheel, or the checkout's rules/."""
    packaged = resources.files("claimcheck") / "_rules"
    if packaged.is_dir():
        return Path(str(packaged))
    checkout = Path(__file__).resolve().parent.parent / "rules"
    if checkout.is_dir():
        return checkout
    raise RuleError(str(checkout), "the shipped rule set was not found (broken installation?)")


@lru_cache(maxsize=None)
def load_schema(filename: str) -> dict[str, Any]:
    text = (resources.files("claimcheck") / "schemas" / filename).read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=None)
def _validator(kind: str):
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    common = load_schema("common.schema.json")
    registry = Registry().with_resource(common["$id"], Resource.from_contents(common))
    return Draft202012Validator(
        load_schema(KINDS[kind]),
        registry=registry,
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


# ---------------------------------------------------------------------------------
# Typed rule entries


@dataclass(frozen=True)
class Abbreviation:
    text: str
    context: tuple[str, ...] = ()
    veto: tuple[str, ...] = ()


@dataclass(frozen=True)
class Concept:
    """A therapy or a condition with its names."""

    id: str
    name: str
    kind: str  # "therapy" | "condition"
    type: str  # therapy type, or condition category
    parents: tuple[str, ...]
    synonyms: tuple[str, ...]
    abbreviations: tuple[Abbreviation, ...] = ()
    no_plural: frozenset[str] = frozenset()
    umbrella: bool = False
    sponsor: str | None = None
    shared: frozenset[str] = frozenset()  # names deliberately shared with another concept
    veto: tuple[str, ...] = ()  # wording in which a name means something else
    origin: str = ""

    @property
    def category(self) -> str:
        return self.type


@dataclass(frozen=True)
class EvidenceEntry:
    id: str
    therapies: tuple[str, ...]
    conditions: tuple[str, ...]
    jurisdictions: tuple[str, ...]
    status: str
    level: str
    summary: str
    sources: tuple[str, ...]
    reviewed: str
    therapy_match: str = "family"
    population_group: str = "any"
    population_label: str | None = None
    product: str | None = None
    sponsor: str | None = None
    regulator: str | None = None
    indication: str | None = None
    date: str | None = None
    origin: str = ""

    @property
    def is_approval(self) -> bool:
        return self.status in APPROVAL_STATUSES

    @property
    def worst_level(self) -> str:
        return max(self.level.split("/"))


@dataclass(frozen=True)
class RedFlagRule:
    id: str
    name: str
    title: str
    category: str
    severity: str
    message: str
    rationale: str
    suggestion: str | None
    sources: tuple[str, ...]
    phrases: tuple[str, ...]
    regexes: tuple[str, ...]
    requires: str = "therapy-in-document"
    when_negated: str = "skip"
    when_attributed: str = "info"
    when_hedged: str = "keep"
    when_approved: str = "keep"
    approved_in: tuple[str, ...] = ()  # with when_approved: skip, only approvals from these places count
    when_research: str = "keep"
    skip_if_claim_on: tuple[str, ...] = ()
    unless_therapy: tuple[str, ...] = ()
    unless_sentence: tuple[str, ...] = ()  # regexes: a sentence that matches one is not flagged
    examples_flag: tuple[str, ...] = ()
    examples_pass: tuple[str, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class ClaimRule:
    id: str
    name: str
    outcome: str
    severity: str
    title: str
    message: str
    suggestion: str | None
    rationale: str
    sources: tuple[str, ...]
    params: dict[str, Any] = field(default_factory=dict)
    origin: str = ""


@dataclass(frozen=True)
class JurisdictionRule:
    id: str
    name: str
    title: str
    check: str
    jurisdictions: tuple[str, ...]
    therapies: tuple[str, ...]
    severity: str
    message: str
    rationale: str
    suggestion: str | None
    sources: tuple[str, ...]
    disclosure: tuple[str, ...] = ()
    permitted_categories: tuple[str, ...] = ()
    permitted_conditions: tuple[str, ...] = ()
    origin: str = ""


@dataclass(frozen=True)
class Cue:
    id: str
    category: str
    value: str | None
    phrases: tuple[str, ...]
    regexes: tuple[str, ...]
    origin: str = ""
    veto: tuple[str, ...] = ()  # wording in which the cue means something else (case-sensitive)
    conditions: tuple[str, ...] = ()  # organ cues: the conditions the organ can stand for


@dataclass
class RuleSet:
    therapies: dict[str, Concept]
    conditions: dict[str, Concept]
    evidence: list[EvidenceEntry]
    red_flags: list[RedFlagRule]
    claim_rules: dict[str, ClaimRule]  # by outcome
    cues: list[Cue]
    files: list[str]
    jurisdiction_rules: list[JurisdictionRule] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._distances = {
            "therapy": {cid: _distances(cid, self.therapies) for cid in self.therapies},
            "condition": {cid: _distances(cid, self.conditions) for cid in self.conditions},
        }
        self._ancestors = {kind: {cid: frozenset(d) for cid, d in table.items()}
                           for kind, table in self._distances.items()}

    def therapy_family(self, therapy_id: str) -> frozenset[str]:
        """The therapy and every family above it."""
        return self._ancestors["therapy"][therapy_id]

    def condition_family(self, condition_id: str) -> frozenset[str]:
        """The condition and every broader concept above it."""
        return self._ancestors["condition"][condition_id]

    def conditions_related(self, a: str, b: str) -> bool:
        """Is one condition the other or a narrower kind of it (knee osteoarthritis and
        osteoarthritis)? Unknown ids are related only to themselves."""
        if a not in self.conditions or b not in self.conditions:
            return a == b
        return a in self.condition_family(b) or b in self.condition_family(a)

    def distance(self, kind: str, concept_id: str, ancestor_id: str) -> int | None:
        """Steps from a therapy or condition up to one of its families (0: itself;
        None: not a family of it)."""
        return self._distances[kind][concept_id].get(ancestor_id)


def _distances(start: str, concepts: dict[str, Concept]) -> dict[str, int]:
    """The concept and every family above it, with the fewest steps to reach each."""
    found = {start: 0}
    frontier = [start]
    while frontier:
        step = []
        for cid in frontier:
            for parent in concepts[cid].parents:
                if parent not in found:
                    found[parent] = found[cid] + 1
                    step.append(parent)
        frontier = step
    return found


# ---------------------------------------------------------------------------------
# Loading


def load_ruleset(packs: Sequence[str | Path] = (), *, builtin: bool = True) -> RuleSet:
    """Load the shipped rules (unless builtin=False) and the given packs, in order."""
    return _load_cached(tuple(str(Path(p)) for p in packs), builtin)


@lru_cache(maxsize=8)
def _load_cached(packs: tuple[str, ...], builtin: bool) -> RuleSet:
    folders = ([builtin_rules_dir()] if builtin else []) + [Path(p) for p in packs]
    documents: list[tuple[str, dict[str, Any]]] = []
    for folder in folders:
        documents.extend(read_pack(folder))
    return build_ruleset(documents)


def read_pack(folder: Path) -> list[tuple[str, dict[str, Any]]]:
    """Read and check every YAML file of a pack folder (or a single file). An id given
    twice within one pack is an error; a pack may replace the shipped entries."""
    if folder.is_file():
        files = [folder]
    elif folder.is_dir():
        files = sorted(p for p in folder.rglob("*") if p.suffix in (".yaml", ".yml") and p.is_file())
    else:
        raise RuleError(str(folder), "rule pack not found (expected a folder of YAML files)")
    documents = []
    seen: dict[tuple[str, str], tuple[str, int, str]] = {}
    for path in files:
        data, text = _read_rule_file(path)
        key = _ENTRIES_KEY[data["kind"]]
        group = "rules" if key == "rules" else data["kind"]  # rule ids are one namespace
        for index, item in enumerate(data[key]):
            ident = item["id"]
            if (group, ident) in seen:
                other, other_index, other_text = seen[(group, ident)]
                line = _position(other_text, [key, other_index, "id"]).get("line")
                where = other + (f":{line}" if line else "")
                raise RuleError(str(path), f"the id {ident!r} is defined twice in this rule pack "
                                           f"(also at {where})", where=f"$.{key}[{index}].id",
                                **_position(text, [key, index, "id"]))
            seen[(group, ident)] = (str(path), index, text)
        documents.append((str(path), data))
    return documents


def read_rule_file(path: Path) -> dict[str, Any]:
    return _read_rule_file(path)[0]


def _read_rule_file(path: Path) -> tuple[dict[str, Any], str]:
    name = str(path)
    try:
        if path.stat().st_size > MAX_RULE_FILE_BYTES:
            raise RuleError(name, f"rule file too large (more than {MAX_RULE_FILE_BYTES // (1024 * 1024)} MiB)")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RuleError(name, f"cannot read rule file: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RuleError(name, f"cannot read rule file: not UTF-8 text (byte {exc.start})") from None
    try:
        data = yaml.load(text, Loader=_RuleLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise RuleError(
            name, f"invalid YAML: {problem}",
            line=mark.line + 1 if mark else None, column=mark.column + 1 if mark else None,
        ) from None
    except RecursionError:
        raise RuleError(name, "invalid YAML: nested too deeply") from None
    if not isinstance(data, dict):
        raise RuleError(name, "expected a mapping with a 'kind' key at the top of the file")
    kind = data.get("kind")
    if kind not in KINDS:
        raise RuleError(name, f"'kind' must be one of {', '.join(KINDS)}; found {kind!r}",
                        **_position(text, ["kind"]))
    validate_document(name, text, data, kind)
    return data, text


def validate_document(name: str, text: str, data: dict[str, Any], kind: str) -> None:
    stamp = _validation_stamp(kind, text)
    if stamp in _known_valid():
        return
    from jsonschema.exceptions import best_match

    try:
        errors = list(_validator(kind).iter_errors(data))
    except RecursionError:
        raise RuleError(name, "nested too deeply to validate") from None
    if not errors:
        _check_patterns(name, text, data, kind)
        _remember_valid(stamp)
        return
    # a misspelt key also makes the real key "missing": name the misspelling first
    unknown = [e for e in errors if e.validator == "additionalProperties"]
    error = best_match(unknown or errors)
    path = list(error.absolute_path)
    message = _describe(error)
    extra = len(errors) - 1
    if extra:
        message += f" (and {extra} more problem{'s' if extra > 1 else ''} in this file)"
    raise RuleError(name, message, where=error.json_path, **_position(text, path))


# A therapy, condition or red-flag phrase that is one of these would match nearly every page.
_COMMON_WORDS = frozenset("""
a an the and or but if of in on at to for from by with as is are was were be been being am it its
this that these those he she they them we us our you your i me my his her their there here not no yes
do does did have has had will would can could may might shall should must so than then too very all any
some each every one about into over under out up down off more most other such what which who whom how
""".split())

# Validating the shipped rule files costs about as much as importing spaCy; a file whose
# exact content already passed this version's schema and checks is not validated again.
_CHECKS_VERSION = "patterns-1"  # change when _check_patterns checks more


def _validation_stamp(kind: str, text: str) -> str:
    schema = json.dumps(load_schema(KINDS[kind]), sort_keys=True)
    return hashlib.sha1(f"{kind}\0{_CHECKS_VERSION}\0{schema}\0{text}".encode("utf-8")).hexdigest()


def _check_patterns(name: str, text: str, data: dict[str, Any], kind: str) -> None:
    """Regexes and phrases that would hang a run or match everywhere are refused, with
    the place in the file (see regexes.pattern_problem)."""
    from claimcheck.regexes import pattern_problem

    def fail(path: list[Any], message: str) -> None:
        where = "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
        raise RuleError(name, message, where=where, **_position(text, path))

    def regex(path: list[Any], source: str, *, everything: bool = True) -> None:
        problem = pattern_problem(source)
        if problem and (everything or "catastrophic" in problem or "invalid" in problem):
            fail(path, problem)

    def phrase(path: list[Any], value: str, *, common: bool) -> None:
        if not any(ch.isalnum() for ch in value):
            fail(path, f"the phrase {value!r} has no letter or digit, so it would match almost everywhere")
        if common and value.strip().lower() in _COMMON_WORDS:
            fail(path, f"the phrase {value!r} is one of the commonest English words, so it would "
                       "match almost every page")

    key = _ENTRIES_KEY[kind]
    for i, item in enumerate(data.get(key, [])):
        if kind == "red-flags":
            for j, pattern in enumerate(item.get("patterns", [])):
                if "regex" in pattern:
                    regex([key, i, "patterns", j, "regex"], pattern["regex"])
                for k, value in enumerate(pattern.get("phrases", [])):
                    phrase([key, i, "patterns", j, "phrases", k], value, common=True)
            for j, source in enumerate(item.get("unless_sentence", [])):
                # an exception that matches everywhere only switches the rule off
                regex([key, i, "unless_sentence", j], source, everything=False)
        elif kind == "cues":
            for j, source in enumerate(item.get("regex", [])):
                regex([key, i, "regex", j], source)
            for j, source in enumerate(item.get("veto", [])):
                regex([key, i, "veto", j], source, everything=False)
            for j, value in enumerate(item.get("phrases", [])):
                phrase([key, i, "phrases", j], value, common=False)
        elif kind == "jurisdiction-rules":
            for j, source in enumerate(item.get("disclosure", [])):
                regex([key, i, "disclosure", j], source)
        elif kind in ("therapies", "conditions"):
            for j, value in enumerate(item.get("synonyms", [])):
                phrase([key, i, "synonyms", j], value, common=True)
            for j, source in enumerate(item.get("veto", [])):
                regex([key, i, "veto", j], source, everything=False)
            for j, abbr in enumerate(item.get("abbreviations", [])):
                for k, source in enumerate(abbr.get("veto", [])):
                    # a veto that matches everywhere only switches the abbreviation off
                    regex([key, i, "abbreviations", j, "veto", k], source, everything=False)


def _cache_file() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimcheck" / "valid-rule-files.txt"


@lru_cache(maxsize=1)
def _known_valid() -> set[str]:
    try:
        return set(_cache_file().read_text(encoding="ascii").split())
    except (OSError, UnicodeDecodeError):
        return set()


def _remember_valid(stamp: str) -> None:
    known = _known_valid()
    known.add(stamp)
    try:
        path = _cache_file()
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(path, "a", encoding="ascii") as handle:
            handle.write(stamp + "\n")
    except OSError:
        pass  # a read-only home only costs the validation time


def _describe(error) -> str:
    instance = error.instance
    if error.validator == "format" and error.validator_value == "regex" and isinstance(instance, str):
        from claimcheck.regexes import pattern_problem

        return pattern_problem(instance) or error.message
    if error.validator == "type" and isinstance(instance, (bool, int, float)) and not isinstance(instance, str):
        expected = error.validator_value
        if expected == "string" or (isinstance(expected, list) and "string" in expected):
            return (f"expected text but found {instance!r}; YAML reads words like no/yes/on/off, "
                    "numbers and dates as other types, so put the value in quotes")
    if error.validator == "additionalProperties":
        return f"{error.message} (check the spelling of the key)"
    if error.validator == "enum":
        return f"{instance!r} is not allowed here; expected one of: {', '.join(map(str, error.validator_value))}"
    return error.message


def _position(text: str, path: list[Any]) -> dict[str, int]:
    """Line and column (1-based) of the value at `path` in a YAML text, when found."""
    try:
        node = yaml.compose(text)
    except yaml.YAMLError:
        return {}
    for key in path:
        if isinstance(node, yaml.MappingNode):
            nxt = None
            for k, v in node.value:
                if k.value == key:
                    nxt = v
                    break
            if nxt is None:
                break
            node = nxt
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        else:
            break
    if node is None:
        return {}
    return {"line": node.start_mark.line + 1, "column": node.start_mark.column + 1}


# ---------------------------------------------------------------------------------
# Building the merged rule set


def build_ruleset(documents: Iterable[tuple[str, dict[str, Any]]]) -> RuleSet:
    therapies: dict[str, Concept] = {}
    conditions: dict[str, Concept] = {}
    evidence: dict[str, EvidenceEntry] = {}
    red_flags: dict[str, RedFlagRule] = {}
    claim_rules: dict[str, ClaimRule] = {}
    cues: dict[str, Cue] = {}
    files: list[str] = []
    jurisdiction_rules: dict[str, JurisdictionRule] = {}
    for origin, data in documents:
        files.append(origin)
        kind = data["kind"]
        if kind == "therapies":
            for item in data["therapies"]:
                therapies[item["id"]] = _concept(item, "therapy", item["type"], origin)
        elif kind == "conditions":
            for item in data["conditions"]:
                conditions[item["id"]] = _concept(item, "condition", item["category"], origin)
        elif kind == "evidence":
            for item in data["entries"]:
                evidence[item["id"]] = _evidence(item, origin)
        elif kind == "red-flags":
            for item in data["rules"]:
                red_flags[item["id"]] = _red_flag(item, origin)
        elif kind == "claim-rules":
            for item in data["rules"]:
                claim_rules[item["outcome"]] = ClaimRule(
                    id=item["id"], name=item["name"], outcome=item["outcome"],
                    severity=item["severity"], title=item["title"], message=item["message"],
                    suggestion=item.get("suggestion"), rationale=item["rationale"],
                    sources=tuple(item["sources"]), params=dict(item.get("params", {})),
                    origin=origin,
                )
        elif kind == "jurisdiction-rules":
            for item in data["rules"]:
                jurisdiction_rules[item["id"]] = JurisdictionRule(
                    id=item["id"], name=item["name"], title=item["title"], check=item["check"],
                    jurisdictions=tuple(item["jurisdictions"]), therapies=tuple(item["therapies"]),
                    severity=item["severity"], message=" ".join(item["message"].split()),
                    rationale=" ".join(item["rationale"].split()), suggestion=item.get("suggestion"),
                    sources=tuple(item["sources"]), disclosure=tuple(item.get("disclosure", ())),
                    permitted_categories=tuple(item.get("permitted_categories", ())),
                    permitted_conditions=tuple(item.get("permitted_conditions", ())), origin=origin,
                )
        elif kind == "cues":
            for item in data["cues"]:
                cues[item["id"]] = Cue(
                    id=item["id"], category=item["category"], value=item.get("value"),
                    phrases=tuple(item.get("phrases", ())), regexes=tuple(item.get("regex", ())),
                    origin=origin, veto=tuple(item.get("veto", ())),
                    conditions=tuple(item.get("conditions", ())),
                )
    _check_references(therapies, conditions, evidence, red_flags, claim_rules, jurisdiction_rules, cues)
    return RuleSet(
        therapies=therapies, conditions=conditions, evidence=list(evidence.values()),
        red_flags=sorted(red_flags.values(), key=lambda r: r.id), claim_rules=claim_rules,
        cues=list(cues.values()), files=files,
        jurisdiction_rules=sorted(jurisdiction_rules.values(), key=lambda r: r.id),
    )


def _concept(item: dict[str, Any], kind: str, type_: str, origin: str) -> Concept:
    abbreviations = tuple(
        Abbreviation(text=a["text"], context=tuple(a.get("context", ())), veto=tuple(a.get("veto", ())))
        for a in item.get("abbreviations", ())
    )
    return Concept(
        id=item["id"], name=item["name"], kind=kind, type=type_,
        parents=tuple(item.get("parents", ())), synonyms=tuple(item["synonyms"]),
        abbreviations=abbreviations, no_plural=frozenset(s.lower() for s in item.get("no_plural", ())),
        umbrella=bool(item.get("umbrella", False)), sponsor=item.get("sponsor"),
        shared=frozenset(s.lower() for s in item.get("shared", ())), veto=tuple(item.get("veto", ())),
        origin=origin,
    )


def _evidence(item: dict[str, Any], origin: str) -> EvidenceEntry:
    population = item.get("population") or {}
    return EvidenceEntry(
        id=item["id"], therapies=tuple(item["therapies"]), conditions=tuple(item["conditions"]),
        jurisdictions=tuple(item["jurisdictions"]), status=item["status"], level=item["level"],
        summary=item["summary"].strip(), sources=tuple(item["sources"]), reviewed=item["reviewed"],
        therapy_match=item.get("therapy_match", "family"),
        population_group=population.get("group", "any"), population_label=population.get("label"),
        product=item.get("product"), sponsor=item.get("sponsor"), regulator=item.get("regulator"),
        indication=item.get("indication"), date=item.get("date"), origin=origin,
    )


def _red_flag(item: dict[str, Any], origin: str) -> RedFlagRule:
    phrases: list[str] = []
    regexes: list[str] = []
    for pattern in item["patterns"]:
        phrases.extend(pattern.get("phrases", ()))
        if "regex" in pattern:
            regexes.append(pattern["regex"])
    examples = item.get("examples", {})
    return RedFlagRule(
        id=item["id"], name=item["name"], title=item["title"], category=item["category"],
        severity=item["severity"],
        message=item["message"].strip(), rationale=item["rationale"].strip(),
        suggestion=item.get("suggestion"), sources=tuple(item["sources"]),
        phrases=tuple(phrases), regexes=tuple(regexes),
        requires=item.get("requires", "therapy-in-document"),
        when_negated=item.get("when_negated", "skip"),
        when_attributed=item.get("when_attributed", "info"),
        when_hedged=item.get("when_hedged", "keep"),
        when_approved=item.get("when_approved", "keep"),
        approved_in=tuple(item.get("approved_in", ())),
        when_research=item.get("when_research", "keep"),
        skip_if_claim_on=tuple(item.get("skip_if_claim_on", ())),
        unless_therapy=tuple(item.get("unless_therapy", ())),
        unless_sentence=tuple(item.get("unless_sentence", ())),
        examples_flag=tuple(examples.get("flag", ())), examples_pass=tuple(examples.get("pass", ())),
        origin=origin,
    )


def _check_references(therapies, conditions, evidence, red_flags, claim_rules, jurisdiction_rules, cues) -> None:
    def missing(origin: str, what: str, ident: str, owner: str) -> RuleError:
        return RuleError(origin, f"{owner} refers to unknown {what} id {ident!r}")

    def require(ids, known: dict, what: str, origin: str, owner: str) -> None:
        for ident in ids:
            if ident not in known:
                raise missing(origin, what, ident, owner)

    for concepts, what in ((therapies, "therapy"), (conditions, "condition")):
        for concept in concepts.values():
            require(concept.parents, concepts, what, concept.origin, f"{what} {concept.id!r}")
    for entry in evidence.values():
        require(entry.therapies, therapies, "therapy", entry.origin, f"evidence entry {entry.id!r}")
        require(entry.conditions, conditions, "condition", entry.origin, f"evidence entry {entry.id!r}")
    for rule in red_flags.values():
        require(rule.skip_if_claim_on, conditions, "condition", rule.origin, f"rule {rule.id}")
        require(rule.unless_therapy, therapies, "therapy", rule.origin, f"rule {rule.id}")
        for regex in rule.regexes + rule.unless_sentence:
            try:
                re.compile(regex)
            except re.error as exc:
                raise RuleError(rule.origin, f"rule {rule.id}: invalid regular expression: {exc}") from None
    for cue in cues.values():
        require(cue.conditions, conditions, "condition", cue.origin, f"cue {cue.id!r}")
    for jrule in jurisdiction_rules.values():
        require(jrule.therapies, therapies, "therapy", jrule.origin, f"rule {jrule.id}")
        require(jrule.permitted_conditions, conditions, "condition", jrule.origin, f"rule {jrule.id}")
        for regex in jrule.disclosure:
            try:
                re.compile(regex, re.IGNORECASE)
            except re.error as exc:
                raise RuleError(jrule.origin, f"rule {jrule.id}: invalid regular expression: {exc}") from None
    ids: dict[str, str] = {}
    for rule in list(red_flags.values()) + list(claim_rules.values()) + list(jurisdiction_rules.values()):
        if rule.id in ids and ids[rule.id] != rule.name:
            raise RuleError(rule.origin, f"rule id {rule.id} is used by two rules ({ids[rule.id]}, {rule.name})")
        ids[rule.id] = rule.name
    _check_cycles(therapies, "therapy")
    _check_cycles(conditions, "condition")


def _check_cycles(concepts: dict[str, Concept], what: str) -> None:
    state: dict[str, int] = {}

    def visit(cid: str, trail: list[str]) -> None:
        if state.get(cid) == 2:
            return
        if state.get(cid) == 1:
            loop = " -> ".join(trail[trail.index(cid):] + [cid])
            raise RuleError(concepts[cid].origin, f"{what} parents form a loop: {loop}")
        state[cid] = 1
        for parent in concepts[cid].parents:
            visit(parent, trail + [cid])
        state[cid] = 2

    for cid in concepts:
        visit(cid, [])
