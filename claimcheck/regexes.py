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
        if not _UPPER_ESCAPE.search(source):  # lower-casing \S, \D, \W or \B would change them
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
