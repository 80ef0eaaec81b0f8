"""Analysis text <-> source text offsets, and source offsets -> line/column.

The *source text* is the decoded input file exactly as decoded. The *analysis text*
is what the NLP step tokenizes: block texts with markup removed and whitespace,
invisible characters and typographic punctuation normalised, joined by a synthetic
block separator. `TextBuilder` produces the analysis text together with an
`OffsetMap` that sends any analysis offset back to the source.

The map is a list of segments (not one entry per character), looked up with
`bisect`:

* copy: analysis characters correspond one to one to source characters (possibly
  translated one to one, e.g. a curly quote to an ASCII quote or a newline to a space);
* replacement: the analysis characters stand for a whole source span (a collapsed run
  of whitespace, a decoded character reference);
* synthetic: characters the builder inserted (the block separator); they map to the
  source position where they were inserted.

Deleted source characters (soft hyphens, zero-width characters, markup) simply produce
no analysis characters.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_right

__all__ = [
    "WHITESPACE_CHARS",
    "INVISIBLE_CHARS",
    "TRANSLATIONS",
    "COPY",
    "REPLACEMENT",
    "SYNTHETIC",
    "OffsetMap",
    "TextBuilder",
    "LineIndex",
    "normalize",
]

# Characters that count as whitespace: every run of them becomes one space.
WHITESPACE_CHARS = (
    " \t\n\r\x0b\x0c\x85\xa0\u1680"
    "\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# Characters that are removed: soft hyphen, zero-width space / (non-)joiner, word
# joiner, zero-width no-break space (a stray BOM). Inside a whitespace run they are
# simply part of the run.
INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"

_QUOTES_SINGLE = "\u2018\u2019\u201a\u201b\u2032"
_QUOTES_DOUBLE = "\u201c\u201d\u201e\u2033"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"

# One-to-one character translations applied to copied text. Whitespace characters
# are included so that a single newline or tab inside copied text becomes a space
# without breaking the copy segment.
TRANSLATIONS: dict[int, str] = {}
TRANSLATIONS.update({ord(c): "'" for c in _QUOTES_SINGLE})
TRANSLATIONS.update({ord(c): '"' for c in _QUOTES_DOUBLE})
TRANSLATIONS.update({ord(c): "-" for c in _DASHES})
TRANSLATIONS.update({ord(c): " " for c in WHITESPACE_CHARS if c != " "})

_WS_SET = frozenset(WHITESPACE_CHARS)
_CLASS = "[" + re.escape(WHITESPACE_CHARS + INVISIBLE_CHARS) + "]"
_INV_CLASS = "[" + re.escape(INVISIBLE_CHARS) + "]"
# A run that needs special handling: two or more whitespace/invisible characters, a
# single invisible character, or a single whitespace character at the very end of the
# appended range (a single one in the middle is a plain one-to-one copy).
_SPECIAL_RE = re.compile(f"{_CLASS}{{2,}}|{_INV_CLASS}|{_CLASS}\\Z")
_LEADING_RE = re.compile(f"{_CLASS}+")
_HAS_WS_RE = re.compile("[" + re.escape(WHITESPACE_CHARS) + "]")
_RUN_RE = re.compile(f"{_CLASS}+")
_STRIP_CHARS = WHITESPACE_CHARS + INVISIBLE_CHARS


def _collapse_run(m: re.Match) -> str:
    return " " if _HAS_WS_RE.search(m.group()) else ""

COPY = 0
REPLACEMENT = 1
SYNTHETIC = 2


def normalize(text: str) -> str:
    """The normalisation `TextBuilder.append_source` applies, as a plain function:
    whitespace runs -> one space, invisible characters removed, quotes and dashes
    translated, leading and trailing whitespace dropped. (Useful for tests and for
    comparing a source slice with analysis text.)"""
    b = TextBuilder()
    b.append_source(text, 0, len(text))
    return b.build()[0]


class OffsetMap:
    """Maps offsets in the analysis text back to offsets in the source text.

    `source_start(i)` is the source offset of analysis character i (for span starts);
    `source_end(j)` is the source offset just after analysis character j - 1 (for
    exclusive span ends). An analysis span [i, j) maps to the source span
    [source_start(i), source_end(j)).
    """

    __slots__ = ("_a", "_s", "_e", "_k", "_length")

    def __init__(self, analysis_starts, source_starts, source_ends, kinds, length: int) -> None:
        self._a = analysis_starts
        self._s = source_starts
        self._e = source_ends
        self._k = kinds
        self._length = length

    def __len__(self) -> int:
        """Length of the analysis text."""
        return self._length

    @property
    def segment_count(self) -> int:
        return len(self._a)

    def segments(self):
        """(kind, analysis_start, analysis_end, source_start, source_end) per segment."""
        n = len(self._a)
        for k in range(n):
            a_end = self._a[k + 1] if k + 1 < n else self._length
            yield self._k[k], self._a[k], a_end, self._s[k], self._e[k]

    def source_start(self, i: int) -> int:
        """Source offset of analysis character `i` (clamped to the text)."""
        a = self._a
        if not a:
            return 0
        if i >= self._length:
            return self._e[-1]
        if i <= 0:
            return self._s[0]
        k = bisect_right(a, i) - 1
        if self._k[k] == COPY:
            return self._s[k] + (i - a[k])
        return self._s[k]

    def source_end(self, j: int) -> int:
        """Source offset just after analysis character `j - 1` (clamped)."""
        a = self._a
        if not a:
            return 0
        if j <= 0:
            return self._s[0]
        if j > self._length:
            j = self._length
        k = bisect_right(a, j - 1) - 1
        if self._k[k] == COPY:
            return self._s[k] + (j - a[k])
        return self._e[k]

    def source_span(self, i: int, j: int) -> tuple[int, int]:
        """The source span of the analysis span [i, j); an empty span stays empty."""
        start = self.source_start(i)
        if j <= i:
            return start, start
        return start, max(start, self.source_end(j))


class TextBuilder:
    """Builds the analysis text block by block, recording an `OffsetMap`.

    Content appended between `begin_block()` and `end_block()` forms one block. A
    block never starts or ends with a space (leading and trailing whitespace is
    dropped, not mapped); non-empty blocks are joined by `separator` (synthetic).
    Appending content outside a block starts one implicitly.
    """

    def __init__(self, separator: str = "\n\n") -> None:
        self.separator = separator
        self._chunks: list[str] = []   # joined groups of parts (bounded memory per part)
        self._parts: list[str] = []
        self._len = 0
        self._a = array("q")
        self._s = array("q")
        self._e = array("q")
        self._k = array("b")
        self._in_block = False
        self._block_start: int | None = None
        self._pending: tuple[int, int, bool] | None = None
        self._blocks = 0
        self._last_source = 0

    # -- low-level emission ---------------------------------------------------------
    def _open_content(self) -> None:
        """Called before content is emitted: separator, pending space, block start."""
        if not self._in_block:
            self._in_block = True
            self._block_start = None
            self._pending = None
        if self._block_start is None:
            if self._blocks and self.separator:
                self._emit(self.separator, SYNTHETIC, self._last_source, self._last_source)
            self._block_start = self._len
        elif self._pending is not None:
            start, end, single = self._pending
            self._pending = None
            self._emit(" ", COPY if single else REPLACEMENT, start, end)

    def _emit(self, text: str, kind: int, start: int, end: int) -> None:
        if kind == COPY and self._k and self._k[-1] == COPY and self._e[-1] == start \
                and self._a[-1] + (self._e[-1] - self._s[-1]) == self._len:
            self._e[-1] = end
        else:
            self._a.append(self._len)
            self._s.append(start)
            self._e.append(end)
            self._k.append(kind)
        parts = self._parts
        parts.append(text)
        if len(parts) >= 4096:
            self._chunks.append("".join(parts))
            parts.clear()
        self._len += len(text)
        if kind != SYNTHETIC:
            self._last_source = end

    def _copy(self, text: str, start: int, end: int, shift: int) -> None:
        self._open_content()
        self._emit(text[start:end].translate(TRANSLATIONS), COPY, start + shift, end + shift)

    # -- public API -----------------------------------------------------------------
    @property
    def length(self) -> int:
        """Current length of the analysis text."""
        return self._len

    @property
    def block_has_content(self) -> bool:
        return self._in_block and self._block_start is not None

    def begin_block(self) -> None:
        """Start a new block (ending the current one, if any)."""
        if self._in_block:
            self.end_block()
        self._in_block = True
        self._block_start = None
        self._pending = None

    def end_block(self) -> tuple[int, int] | None:
        """End the current block; its analysis span, or None when it is empty."""
        if not self._in_block:
            return None
        self._in_block = False
        self._pending = None
        start = self._block_start
        self._block_start = None
        if start is None:
            return None
        self._blocks += 1
        return start, self._len

    def append_space(self, source_start: int, source_end: int) -> None:
        """A whitespace-like source span (a run of spaces, a `<br>` tag, the line break
        and quote markers between two lines of a paragraph): collapses with adjacent
        whitespace into one space, dropped at the start and end of a block."""
        if not self._in_block or self._block_start is None:
            return
        if self._pending is None:
            self._pending = (source_start, source_end, False)
        else:
            start, end, _ = self._pending
            self._pending = (min(start, source_start), max(end, source_end), False)

    def _add_run(self, text: str, start: int, end: int, shift: int) -> None:
        """A run of whitespace and/or invisible characters text[start:end]."""
        if not self._in_block or self._block_start is None:
            return  # leading whitespace of a block: dropped
        if end - start == 1:
            if text[start] not in _WS_SET:
                return  # a lone invisible character: deleted
        elif not _HAS_WS_RE.search(text, start, end):
            return  # invisible characters only: deleted
        s, e = start + shift, end + shift
        if self._pending is None:
            self._pending = (s, e, end - start == 1)
        else:
            ps, pe, _ = self._pending
            self._pending = (min(ps, s), max(pe, e), False)

    def append_source(self, source_text: str, start: int, end: int, *, shift: int = 0) -> None:
        """Copy source_text[start:end] into the analysis text, normalising it.

        `shift` is added to every recorded source offset (for callers that pass a
        piece of the source, or a same-length masked copy of it)."""
        if start >= end:
            return
        if not self._in_block:
            self.begin_block()
        pos = start
        m = _LEADING_RE.match(source_text, start, end)
        if m is not None:
            self._add_run(source_text, start, m.end(), shift)
            pos = m.end()
            if pos >= end:
                return
        for m in _SPECIAL_RE.finditer(source_text, pos, end):
            ms, me = m.span()
            if ms > pos:
                self._copy(source_text, pos, ms, shift)
            self._add_run(source_text, ms, me, shift)
            pos = me
        if pos < end:
            self._copy(source_text, pos, end, shift)

    def append_replacement(self, text: str, source_start: int, source_end: int) -> None:
        """`text` stands for the source span [source_start, source_end) (a decoded
        character reference, an escaped character). The text is normalised like
        source text: whitespace collapses with its neighbours, invisible characters
        vanish, quotes and dashes are translated."""
        if not self._in_block:
            self.begin_block()
        norm = text.translate(TRANSLATIONS)
        core = norm.strip(_STRIP_CHARS)
        if not core:
            if _HAS_WS_RE.search(norm):
                self.append_space(source_start, source_end)
            return
        if core != norm and _HAS_WS_RE.search(norm, 0, norm.index(core[0])):
            self.append_space(source_start, source_end)
        if _RUN_RE.search(core):
            core = _RUN_RE.sub(_collapse_run, core)
        self._open_content()
        self._emit(core, REPLACEMENT, source_start, source_end)
        if _HAS_WS_RE.search(norm, len(norm.rstrip(_STRIP_CHARS))):
            self.append_space(source_start, source_end)

    def append_synthetic(self, text: str, source_position: int | None = None) -> None:
        """Inserted text that stands for no source characters; it maps to
        `source_position` (default: where the previous content ended)."""
        if not text:
            return
        self._open_content()
        pos = self._last_source if source_position is None else source_position
        self._emit(text, SYNTHETIC, pos, pos)

    def build(self) -> tuple[str, OffsetMap]:
        """The analysis text and its offset map (ends an open block)."""
        if self._in_block:
            self.end_block()
        text = "".join(self._chunks) + "".join(self._parts)
        offsets = OffsetMap(array("q", self._a), array("q", self._s), array("q", self._e),
                            array("b", self._k), self._len)
        return text, offsets


_BREAK_RE = re.compile(r"\r\n|\r|\n")


class LineIndex:
    """1-based line and column (in code points) of offsets in a source text.

    Line breaks are \\n, \\r\\n (one break) and a lone \\r only; form feed, NEL,
    U+2028 and U+2029 are ordinary characters.
    """

    __slots__ = ("_text", "_starts")

    def __init__(self, text: str) -> None:
        self._text = text
        starts = array("q", [0])
        starts.extend(m.end() for m in _BREAK_RE.finditer(text))
        self._starts = starts

    @property
    def line_count(self) -> int:
        return len(self._starts)

    def line_start(self, line: int) -> int:
        """Source offset where 1-based `line` starts."""
        line = min(max(line, 1), len(self._starts))
        return self._starts[line - 1]

    def line_text(self, line: int) -> str:
        """The text of 1-based `line`, without its line break."""
        line = min(max(line, 1), len(self._starts))
        start = self._starts[line - 1]
        end = self._starts[line] if line < len(self._starts) else len(self._text)
        return self._text[start:end].rstrip("\r\n")

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column) of `offset`, both 1-based. Offsets outside the text are
        clamped; an offset at the \\n of a \\r\\n is reported at the \\r."""
        if offset < 0:
            offset = 0
        elif offset > len(self._text):
            offset = len(self._text)
        text = self._text
        if 0 < offset < len(text) and text[offset] == "\n" and text[offset - 1] == "\r":
            offset -= 1  # a column never counts the \r of a \r\n
        index = bisect_right(self._starts, offset) - 1
        return index + 1, offset - self._starts[index] + 1
