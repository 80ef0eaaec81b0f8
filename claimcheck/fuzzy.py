"""Condition names written with a typo ("alzhiemers", "Multipl sclerosis",
"Diabetis", "cirosis"): clinic pages, translations and patients' posts are full of them.

Every word of every condition name is indexed with the strings one or two deletions
away from it (the "symmetric delete" idea behind SymSpell), so that a word of the text
that is not itself a known word finds its candidates with a few dictionary look-ups.
Within a small edit distance (one edit for words of up to seven letters, two for longer
ones, transpositions counted as one) and with the same first letter, it stands for that
word. A name is found when all its words are there in order, one of them corrected.
Common English words that sit one edit from a condition word ("strike", "stars") are
never corrected. Words are checked once per process and remembered.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import zlib
from functools import lru_cache
from importlib import resources
from pathlib import Path

from claimcheck.ruleset import RuleSet

_WORD = re.compile(r"[a-z][a-z']{5,}")  # six letters or more: shorter typos are too ambiguous
_ANY_WORD = re.compile(r"[a-z][a-z']*")
# the capitalised word right before or after another one, on the same line
_NAME_BEFORE = re.compile(r"\b([A-Z][a-z]+) \Z")
_NAME_AFTER = re.compile(r" ([A-Z][a-z]+)\b")
# Ordinary words one edit away from a condition word; a page saying "strike a balance"
# does not mean "stroke".
_COMMON = frozenset("""
strike strikes striking strode stokes stars starts scare scared scarf career careers canter
answer anxious autumn dancer defeat defect defects decline declines leukaemia hearing heating
version vision visions lotus locus astral static statin sepsis septic infection infections
affection affections injure injured injures insure insured center centre cancel cancelled
automatic automatically artistic artistically astigmatic idempotency impotently importance
impatience impudence intention invention inspection insertion induction inflation inflection inception
ingestion conclusion confusion concession confession contusion convulsion diameter diameters dietetics
diuretics digression feature features migrant migrants migrate migrating moraine boarding branding
braiding banding balling balking baling boldness badness bareness baroness baseness blandness blankness
blinders bluntness blondness deepness dearness deftness deaconess soaring starring stirring searing
scaling scraping scouring sparring spraying scathing scamming scaring swarming snarling slurring
stride strife stripe strive strobe stroked strove sterility seniority servility melanoma fragility
forcefulness fretfulness canker chancery chancier cellulose burritos bursts agreeing angering angelina
winkle wrangles wriggles peonies
""".split())


def _distance(a: str, b: str, limit: int) -> int:
    """Optimal string alignment distance (Levenshtein plus adjacent swaps), or
    limit + 1 as soon as it is certain to exceed `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = current[0]
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if previous2 is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    """Ordinary English words, which are never typos ("feature" is not "fracture",
    "importance" not "impotence"): the word-frequency list that pyspellchecker ships
    (only words of six letters or more, the only ones ever corrected). Parsing its JSON
    takes about 0.4 s, so the list is kept as plain text in the user's cache folder and
    read from there on later runs. Without the package only the names, the cue words
    and _COMMON count as words."""
    try:
        source = resources.files("spellchecker").joinpath("resources/en.json.gz")
        data = source.read_bytes()
    except (ModuleNotFoundError, OSError, ValueError):
        return frozenset()
    cache = _cache_folder() / f"english-words-{len(data)}-{zlib.crc32(data):08x}.txt"
    try:
        return frozenset(cache.read_text(encoding="utf-8").split("\n"))
    except (OSError, UnicodeDecodeError):
        pass
    try:
        words = frozenset(w for w in json.loads(gzip.decompress(data)) if len(w) >= 6 and "\n" not in w)
    except (OSError, ValueError, EOFError):
        return frozenset()
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        temporary = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
        temporary.write_text("\n".join(sorted(words)), encoding="utf-8")
        os.replace(temporary, cache)  # whole or not at all, even with processes racing
    except OSError:
        pass  # a read-only home: parse again next time
    return words


def _cache_folder() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "claimcheck"


class FuzzyConditions:
    """Finds condition names whose words are misspelt."""

    def __init__(self, ruleset: RuleSet, known_words: set[str]) -> None:
        self.known = set(known_words) | _COMMON | english_words()  # words that are never typos
        self.deletes: dict[str, set[str]] = {}  # a word with 1-2 letters deleted -> words
        self.names: dict[tuple[str, ...], str] = {}  # lower-case word tuple -> condition id
        indexed: set[str] = set()
        # how many names use each word: a tie between "multiple" and a listed misspelling
        # ("multipel") goes to the word most names share
        self.uses: dict[str, int] = {}
        for concept in ruleset.conditions.values():
            for synonym in concept.synonyms:
                words = tuple(w for w in re.split(r"[\s-]+", synonym.lower().replace("\u2019", "'")) if w)
                if not words:
                    continue
                self.names.setdefault(words, concept.id)
                indexed.update(words)
                for w in words:
                    self.uses[w] = self.uses.get(w, 0) + 1
        # a word found only inside longer names, and no English word ("artritis" of
        # "artritis reumatoide", "multipl" of "multipl skleroz"), may still be a typo of
        # another name's word: "Artritis in the knees", "Multipl sclerosis"
        single = {w for words in self.names if len(words) == 1 for w in words}
        only_in_longer = {w for w in indexed - single - self.known if len(w) >= 6}
        self.known |= indexed - only_in_longer
        for word in indexed:  # each distinct word once: most recur across synonyms
            if len(word) >= 6:
                for variant in _deletions(word, 1 if len(word) <= 7 else 2):
                    self.deletes.setdefault(variant, set()).add(word)
        # a word more than two letters longer than every indexed word is no typo of one;
        # skipping it also keeps a 5,000-letter "word" from making millions of deletions
        self.longest = max((len(w) for w in self.deletes), default=0)
        self._lookup = lru_cache(maxsize=50_000)(self._correct)

    def _correct(self, word: str) -> str | None:
        """The indexed word a misspelt `word` stands for, if exactly one is close."""
        limit = 1 if len(word) <= 7 else 2
        candidates: set[str] = set()
        for variant in _deletions(word, limit):
            candidates |= self.deletes.get(variant, set())
        best, best_distance, tie = None, 3, False
        uses = self.uses
        for candidate in sorted(candidates, key=lambda c: -uses.get(c, 0)):
            if candidate[0] != word[0] or candidate == word:
                continue
            allowed = 1 if max(len(word), len(candidate)) <= 7 else 2
            d = _distance(word, candidate, allowed)
            if d > allowed:
                continue
            if d < best_distance:
                best, best_distance, tie = candidate, d, False
            elif d == best_distance and candidate != best and uses.get(candidate, 0) * 2 > uses.get(best, 0):
                tie = True  # (unless the first is used at least twice as often)
        return None if best is None or tie else best

    def find(self, lowered: str, text: str | None = None) -> list[tuple[int, int, str]]:
        """(start, end, condition id) of misspelt names in the lower-cased text (`text`,
        the original, tells capitalised names apart)."""
        found = []
        known = self.known
        for m in _WORD.finditer(lowered):
            word = m.group()
            if word in known or len(word) > self.longest + 2:
                continue
            if text is not None and self._part_of_a_name(text, m.start(), m.end()):
                continue
            corrected = self._lookup(word)
            if corrected is None:
                continue
            # the words around the correction: a name has at most three words
            lo = max(0, m.start() - 60)
            words = [(w.start() + lo, w.end() + lo, w.group())
                     for w in _ANY_WORD.finditer(lowered[lo:m.end() + 60])]
            index = next((i for i, w in enumerate(words) if w[0] == m.start()), None)
            match = self._name_around(words, index, corrected) if index is not None else None
            if match is not None:
                found.append(match)
        return found

    def _part_of_a_name(self, text: str, start: int, end: int) -> bool:
        """"Regenera Andina" is a clinic, not angina: a capitalised word beside another
        capitalised word that is no English word is part of a proper name."""
        if not text[start].isupper():
            return False
        before = _NAME_BEFORE.search(text, max(0, start - 40), start)
        after = _NAME_AFTER.match(text, end)
        return any(w is not None and w.group(1).lower() not in self.known for w in (before, after))

    def _name_around(self, words, index: int, corrected: str) -> tuple[int, int, str] | None:
        """The longest name (up to three words) that uses the corrected word at `index`."""
        for size in (3, 2, 1):
            for first in range(index - size + 1, index + 1):
                last = first + size - 1
                if first < 0 or last >= len(words):
                    continue
                if words[last][0] - words[first][1] > 2 * (size - 1) + 1:
                    continue  # the words are not next to each other
                key = tuple(corrected if i == index else words[i][2] for i in range(first, last + 1))
                concept = self.names.get(key)
                if concept is not None:
                    return words[first][0], words[last][1], concept
        return None


def _deletions(word: str, depth: int) -> set[str]:
    """The word and every string made by deleting up to `depth` letters."""
    found = {word}
    layer = {word}
    for _ in range(depth):
        layer = {w[:i] + w[i + 1:] for w in layer for i in range(len(w))}
        found |= layer
    return found
