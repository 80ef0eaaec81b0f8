"""Running rule regexes cheaply.

Rule files hold case-insensitive regular expressions. Scanning a whole page with each
of them costs more than tokenizing it, so each pattern is prepared two ways:

- its *anchor words*: the finite set of words a match can start with ("avoid",
  "avoiding", "skip" for `\\b(?:avoid(?:ing)?|skip) ...`), found from the parsed
  pattern. The tokens are already matched in one PhraseMatcher pass, so the regex
  only has to be tried where an anchor word stands;
- a *fast* form for patterns without anchors: lower-cased text, no IGNORECASE flag and
  a leading \\b checked by hand, which lets the engine skip ahead on a literal start.
"""

from __future__ import annotations

import re
from re import _constants as sre_c  # the parser's opcodes (stable since Python 3.11)
from re import _parser as sre_parse

_UPPER_ESCAPE = re.compile(r"\\[A-Z]")
_BACKREFERENCE = re.compile(r"\\[1-9]|\(\?P=")
_NON_WORD_CATEGORIES = (sre_c.CATEGORY_SPACE, sre_c.CATEGORY_NOT_WORD, sre_c.CATEGORY_NOT_DIGIT)


def lower_same_length(text: str) -> str | None:
    """text.lower(), or None when lower-casing changes the length (a few Unicode
    letters do) and offsets in the lowered text would no longer fit the original."""
    lowered = text.lower()
    return lowered if len(lowered) == len(text) else None


class RulePattern:
    """One case-insensitive rule regex."""

    def __init__(self, source: str) -> None:
        self.source = source
        self._safe: re.Pattern[str] | None = None
        self.fast: re.Pattern[str] | None = None
        self.word_start = False
        self.anchors: frozenset[str] | None = None
        # lower-casing \S, \D, \W or \B would change them, and "(?P<Name>" would not compile
        if not _UPPER_ESCAPE.search(source) and "(?P" not in source:
            body = source.lower()
            self.word_start = body.startswith("\\b")
            self.fast = re.compile(body[2:] if self.word_start else body)
            self.anchors = first_words(body)

    @property
    def safe(self) -> re.Pattern[str]:
        """The pattern as written, with IGNORECASE: for texts whose lower-case form has
        another length, and for patterns that cannot be lower-cased (compiled on first
        use: most runs never need it)."""
        if self._safe is None:
            self._safe = re.compile(self.source, re.IGNORECASE)
        return self._safe

    def spans(self, text: str, lowered: str | None, start: int = 0, end: int | None = None):
        """(start, end) of every match in text[start:end] by scanning."""
        end = len(text) if end is None else end
        if self.fast is None or lowered is None:
            for m in self.safe.finditer(text, start, end):
                if m.end() > m.start():
                    yield m.span()
            return
        search = self.fast.search
        pos = start
        while pos < end:
            m = search(lowered, pos, end)
            if m is None:
                return
            s, e = m.span()
            if self.word_start and not _at_boundary(lowered, s):
                pos = s + 1  # not at a word boundary: look again from the next character
                continue
            if e > s:
                yield s, e
            pos = max(e, s + 1)

    def match_at(self, text: str, lowered: str | None, pos: int, end: int) -> tuple[int, int] | None:
        """The match starting exactly at `pos`, if any."""
        if self.fast is None or lowered is None:
            m = self.safe.match(text, pos, end)
        else:
            if self.word_start and not _at_boundary(lowered, pos):
                return None
            m = self.fast.match(lowered, pos, end)
        if m is None or m.end() <= m.start():
            return None
        return m.span()


def any_of(patterns: list[RulePattern]) -> re.Pattern[str] | None:
    """One regex that matches (on lower-cased text) wherever at least one of `patterns`
    would, or None when there is nothing to gain or the patterns cannot be joined
    (a back-reference would count groups of the patterns before it, inline flags)."""
    if len(patterns) < 2 or any(p.fast is None or _BACKREFERENCE.search(p.fast.pattern) for p in patterns):
        return None
    try:
        return re.compile("|".join(f"(?:{p.fast.pattern})" for p in patterns))
    except re.error:
        return None


def _at_boundary(text: str, pos: int) -> bool:
    before = pos > 0 and _is_word(text[pos - 1])
    after = pos < len(text) and _is_word(text[pos])
    return before != after


def _is_word(char: str) -> bool:
    return char.isalnum() or char == "_"


# ----------------------------------------------------------------------------------
# Anchor words


# The anchor that stands for "a number starts here" (\d at the start of a pattern).
DIGITS = "#digits"


class _Unbounded(Exception):
    """The pattern can start with infinitely many (or unknown) words."""


def first_words(pattern: str, limit: int = 300) -> frozenset[str] | None:
    """Every word (run of letters, digits, _) a match of `pattern` can start with, or
    None when that set is not small and finite (a leading \\d+, \\w, a class of
    letters...)."""
    out: set[str] = set()

    def walk(stack: list[list], prefix: str) -> None:
        if len(out) > limit:
            raise _Unbounded
        while stack and not stack[0]:
            stack = stack[1:]
        if not stack:
            out.add(prefix)
            return
        (op, arg), rest = stack[0][0], [stack[0][1:]] + stack[1:]
        if op is sre_c.AT:  # \b, ^: zero width
            if prefix and arg is sre_c.AT_BOUNDARY:
                out.add(prefix)  # "\\bused\\b": the word ends here
            else:
                walk(rest, prefix)
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            # a lookaround consumes nothing; the words it allows are a subset, and
            # anchors only have to be a superset of where a match can start
            walk(rest, prefix)
        elif op is sre_c.LITERAL:
            char = chr(arg)
            if _is_word(char):
                walk(rest, prefix + char.lower())
            else:
                out.add(prefix)
                if char in "'\u2019" and len(prefix) > 2 and prefix.endswith("n"):
                    out.add(prefix[:-1])  # "won't" is the tokens "wo" and "n't"
        elif op is sre_c.SUBPATTERN:
            walk([list(arg[3])] + rest, prefix)
        elif op is sre_c.BRANCH:
            for alternative in arg[1]:
                walk([list(alternative)] + rest, prefix)
        elif op is sre_c.IN:
            if not prefix and _is_digit_class(arg):
                out.add(DIGITS)  # "\\b\\d{1,3}%": tried where a number starts
            elif all(o is sre_c.LITERAL and _is_word(chr(a)) for o, a in arg) and len(arg) <= 8:
                for _o, a in arg:  # "authori[sz]ed"
                    walk(rest, prefix + chr(a).lower())
            elif not _ends_word((op, arg)):
                raise _Unbounded
            else:
                out.add(prefix)
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            low, high, item = arg
            if low == 0 and high == 1:
                walk(rest, prefix)
                walk([list(item)] + rest, prefix)
            elif list(item)[:1] and _ends_word(list(item)[0]):
                out.add(prefix)
            elif low >= 1 and not prefix and list(item)[:1] and list(item)[0][0] is sre_c.IN \
                    and _is_digit_class(list(item)[0][1]):
                out.add(DIGITS)
            else:
                raise _Unbounded
        else:
            raise _Unbounded

    try:
        walk([list(sre_parse.parse(pattern))], "")
    except (_Unbounded, re.error, RecursionError):
        return None
    if "" in out:
        return None
    return frozenset(out)


def _is_digit_class(arg) -> bool:
    return len(arg) == 1 and arg[0] == (sre_c.CATEGORY, sre_c.CATEGORY_DIGIT)


def _ends_word(element) -> bool:
    op, arg = element
    if op is sre_c.LITERAL:
        return not _is_word(chr(arg))
    if op is sre_c.IN:
        return all((o is sre_c.CATEGORY and a in _NON_WORD_CATEGORIES)
                   or (o is sre_c.LITERAL and not _is_word(chr(a))) for o, a in arg)
    return False


# ----------------------------------------------------------------------------------
# Checking a rule pattern before it is used


# Text that no rule should match: a pattern that matches all of it would flag every page.
_ORDINARY_TEXTS = ("Hello.", "Opening hours: Monday to Friday, 9 to 5.", "Call 555 0100 today")
# Characters tried when comparing what two parts of a pattern can match.
_ALPHABET = frozenset("aZz09 \t\n,.;:-_'\"()/%&!?éßü€\u00a0\u2019")


def pattern_problem(source: str) -> str | None:
    """Why a rule regex must not be used, or None. Rule regexes are matched with
    IGNORECASE against whole pages, so a pattern is refused when it does not compile,
    can match an empty text, matches ordinary text that no rule is about, or nests
    quantifiers in a way that backtracks catastrophically (`(a+)+`, `(\\w+\\s?)*`,
    `(a|ab)+`). The check is conservative; the time limit per file (timelimit.py) stops
    what it misses."""
    try:
        compiled = re.compile(source, re.IGNORECASE)
        parsed = sre_parse.parse(source, re.IGNORECASE)
    except re.error as exc:
        at = f" at position {exc.pos + 1}" if exc.pos is not None else ""
        return f"invalid regular expression: {exc.msg}{at}"
    except (RecursionError, OverflowError):
        return "invalid regular expression: nested too deeply"
    try:
        low, _high = parsed.getwidth()
    except (RecursionError, OverflowError):
        low = 1
    if low == 0:
        return "the pattern can match an empty text, so it would match everywhere"
    if all(compiled.search(text) for text in _ORDINARY_TEXTS):
        return (f"the pattern matches ordinary text such as {_ORDINARY_TEXTS[0]!r}, so it would "
                "flag every page")
    try:
        nested = _catastrophic(list(parsed), _alphabet(source))
    except RecursionError:
        return "invalid regular expression: nested too deeply"
    if nested:
        return f"the pattern may backtrack catastrophically ({nested}); rewrite it without nested quantifiers"
    return None


def _alphabet(source: str) -> frozenset[str]:
    extra = {c for c in source if not c.isspace()}
    return _ALPHABET | {c.lower() for c in extra} | {c.upper() for c in extra}


# Each part of a parsed pattern is described by (can be empty, characters it can start with).
def _first(items: list, alphabet: frozenset[str]) -> tuple[bool, frozenset[str]]:
    chars: set[str] = set()
    for op, arg in items:
        empty, first = _first_of(op, arg, alphabet)
        chars |= first
        if not empty:
            return False, frozenset(chars)
    return True, frozenset(chars)


def _first_of(op, arg, alphabet: frozenset[str]) -> tuple[bool, frozenset[str]]:
    if op in (sre_c.AT, sre_c.ASSERT, sre_c.ASSERT_NOT):
        return True, frozenset()
    if op is sre_c.SUBPATTERN:
        return _first(list(arg[3]), alphabet)
    if op is sre_c.ATOMIC_GROUP:
        return _first(list(arg), alphabet)
    if op is sre_c.BRANCH:
        empty, chars = False, set()
        for alternative in arg[1]:
            e, c = _first(list(alternative), alphabet)
            empty |= e
            chars |= c
        return empty, frozenset(chars)
    if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, sre_c.POSSESSIVE_REPEAT):
        low, _high, item = arg
        empty, chars = _first(list(item), alphabet)
        return empty or low == 0, chars
    if op is sre_c.GROUPREF or op is sre_c.GROUPREF_EXISTS:
        return True, alphabet
    return False, frozenset(c for c in alphabet if _char_matches(op, arg, c))


def _char_matches(op, arg, ch: str) -> bool:
    """Can this single-character item match `ch` (either case)?"""
    for c in {ch, ch.lower(), ch.upper()}:
        if len(c) == 1 and _one(op, arg, c):
            return True
    return False


def _one(op, arg, c: str) -> bool:
    if op is sre_c.LITERAL:
        return ord(c) == arg
    if op is sre_c.NOT_LITERAL:
        return ord(c) != arg
    if op is sre_c.ANY:
        return c != "\n"
    if op is sre_c.RANGE:
        return arg[0] <= ord(c) <= arg[1]
    if op is sre_c.CATEGORY:
        return _category(arg, c)
    if op is sre_c.IN:
        negate = bool(arg) and arg[0][0] is sre_c.NEGATE
        hit = any(_one(o, a, c) for o, a in (arg[1:] if negate else arg))
        return hit != negate
    return True  # anything else: assume it can


def _category(cat, c: str) -> bool:
    word = c.isalnum() or c == "_"
    table = {
        sre_c.CATEGORY_DIGIT: c.isdigit(), sre_c.CATEGORY_NOT_DIGIT: not c.isdigit(),
        sre_c.CATEGORY_SPACE: c.isspace(), sre_c.CATEGORY_NOT_SPACE: not c.isspace(),
        sre_c.CATEGORY_WORD: word, sre_c.CATEGORY_NOT_WORD: not word,
    }
    return table.get(cat, True)


def _catastrophic(items: list, alphabet: frozenset[str]) -> str | None:
    """A description of the first repetition in `items` whose iterations can divide
    the same text in more than one way, or None."""
    for op, arg in items:
        if op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT):
            low, high, item = arg
            body = list(item)
            if high is sre_c.MAXREPEAT or high > 10:
                found = _ambiguous_body(body, alphabet)
                if found:
                    return found
            inner = _catastrophic(body, alphabet)
            if inner:
                return inner
        elif op is sre_c.SUBPATTERN:
            inner = _catastrophic(list(arg[3]), alphabet)
            if inner:
                return inner
        elif op is sre_c.BRANCH:
            for alternative in arg[1]:
                inner = _catastrophic(list(alternative), alphabet)
                if inner:
                    return inner
        elif op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            inner = _catastrophic(list(arg[1]), alphabet)
            if inner:
                return inner
    return None


def _flatten(items: list) -> list:
    out = []
    for op, arg in items:
        if op is sre_c.SUBPATTERN:
            out.extend(_flatten(list(arg[3])))
        else:
            out.append((op, arg))
    return out


def _ambiguous_body(body: list, alphabet: frozenset[str], wrap: frozenset[str] | None = None) -> str | None:
    """Is the body of an unbounded repetition ambiguous: an inner variable-length
    part whose characters can also begin what follows it (in the body, or the next
    iteration, which begins with `wrap`), or alternatives that can begin alike?"""
    parts = _flatten(body)
    body_empty, body_first = _first(parts, alphabet)
    if body_empty and wrap is None:
        return "a repetition of something that can match an empty text"
    wrap = body_first if wrap is None else wrap
    if len(parts) == 1 and parts[0][0] is sre_c.BRANCH:
        alternatives = [_first(list(a), alphabet) for a in parts[0][1][1]]
        for i, (_e1, first1) in enumerate(alternatives):
            for _e2, first2 in alternatives[i + 1:]:
                if first1 & first2:
                    return "a repeated group whose alternatives can match the same text"
        for alternative in parts[0][1][1]:
            found = _ambiguous_body(list(alternative), alphabet, wrap)
            if found:
                return found
        return None
    for index, (op, arg) in enumerate(parts):
        if op is sre_c.BRANCH:
            # "a|aa" is parsed as "a(?:|a)": an alternative that can be empty, followed by
            # what another alternative begins with, splits a text two ways
            alternatives = [_first(list(a), alphabet) for a in arg[1]]
            starts = [first for _empty, first in alternatives]
            if any(starts[i] & starts[j] for i in range(len(starts)) for j in range(i + 1, len(starts))):
                return "a repeated group whose alternatives can match the same text"
            if any(empty for empty, _first_chars in alternatives):
                if _follow(parts, index, alphabet, wrap) & frozenset().union(*starts):
                    return "a repeated group whose alternatives can match the same text"
            continue
        if op not in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT) or arg[0] == arg[1]:
            continue
        _empty, own = _first(list(arg[2]), alphabet)
        own = frozenset(c for c in alphabet if _repeats_char(list(arg[2]), c)) or own
        if own & _follow(parts, index, alphabet, wrap):
            return "a repetition followed by what it can itself match, inside a repetition"
    return None


def _follow(parts: list, index: int, alphabet: frozenset[str], wrap: frozenset[str]) -> frozenset[str]:
    """What can come right after parts[index] in a repeated body: the parts after it,
    and when they can all be empty, the start of the next iteration (`wrap`)."""
    follow: set[str] = set()
    for other in parts[index + 1:]:
        empty, first = _first([other], alphabet)
        follow |= first
        if not empty:
            return frozenset(follow)
    return frozenset(follow) | wrap


def _repeats_char(items: list, c: str) -> bool:
    """Can a one-character-wide item list match `c` (used for the characters of a
    repetition such as \\w+ or [a-z]*)?"""
    if len(items) != 1:
        return False
    op, arg = items[0]
    if op in (sre_c.LITERAL, sre_c.NOT_LITERAL, sre_c.ANY, sre_c.RANGE, sre_c.CATEGORY, sre_c.IN):
        return _char_matches(op, arg, c)
    return False
