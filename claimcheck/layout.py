"""Decoded text -> blocks for the NLP step.

`build_layout(source_text, fmt)` returns a `Layout`: the analysis text (the blocks'
normalised texts joined by a blank line), the blocks (offsets in the analysis text),
an `OffsetMap` back to the source, and the HTML comments found (for inline
suppression directives).

Three front ends share one `TextBuilder`:

* plain text: paragraphs, bullet lines, headings and lead-ins recognised line by line;
* Markdown: block structure from markdown-it-py (`.map` line ranges), inline markup
  removed by a small scanner working on exact source positions;
* HTML: the standard library parser with character references kept raw, so every
  piece of text and every entity has an exact source position.
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass, field
from html.parser import HTMLParser

from claimcheck.offsets import INVISIBLE_CHARS, WHITESPACE_CHARS, OffsetMap, TextBuilder

__all__ = ["Block", "Layout", "BLOCK_KINDS", "FORMATS", "build_layout"]

BLOCK_KINDS = ("title", "meta", "heading", "paragraph", "list_item", "table_cell", "alt",
               "blockquote", "code")
FORMATS = ("text", "markdown", "html")

_STRIP = WHITESPACE_CHARS + INVISIBLE_CHARS


@dataclass(frozen=True)
class Block:
    start: int          # offsets in the analysis text, end exclusive
    end: int
    kind: str           # one of BLOCK_KINDS
    level: int          # heading level 1-6; list nesting depth >= 1; 0 otherwise
    lead_in: bool = False   # the block's text ends with ":" (it introduces what follows)


@dataclass
class Layout:
    text: str
    blocks: list[Block]
    offsets: OffsetMap
    comments: list[tuple[int, int, str]] = field(default_factory=list)

    def block_text(self, block: Block) -> str:
        return self.text[block.start:block.end]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span of the analysis span [start, end)."""
        return self.offsets.source_span(start, end)


def build_layout(source_text: str, fmt: str) -> Layout:
    """Split a decoded text into blocks; `fmt` is "text", "markdown" or "html"."""
    fmt = {"txt": "text", "plain": "text", "md": "markdown", "htm": "html"}.get(fmt, fmt)
    out = _Blocks()
    comments: list[tuple[int, int, str]] = []
    if fmt == "text":
        _PlainText(source_text, out).run()
    elif fmt == "markdown":
        _Markdown(source_text, out, comments).run()
    elif fmt == "html":
        _feed_html(source_text, 0, len(source_text), 0, out, comments)
    else:
        raise ValueError(f"unknown format {fmt!r} (expected one of {', '.join(FORMATS)})")
    return out.finish(comments)


# ----------------------------------------------------------------------------------
# Block collection


class _Blocks:
    """A TextBuilder plus the kind of the block being built."""

    def __init__(self) -> None:
        self.builder = TextBuilder()
        self.spans: list[tuple[int, int, str, int]] = []
        self.kind: str | None = None
        self.level = 0

    def open(self, kind: str, level: int = 0) -> None:
        self.close()
        self.builder.begin_block()
        self.kind = kind
        self.level = level

    def close(self) -> None:
        if self.kind is None:
            return
        span = self.builder.end_block()
        if span is not None:
            self.spans.append((span[0], span[1], self.kind, self.level))
        self.kind = None

    def block(self, kind: str, level: int, text: str, start: int, end: int, shift: int = 0) -> None:
        """A whole block from one source range."""
        self.open(kind, level)
        self.builder.append_source(text, start, end, shift=shift)
        self.close()

    def finish(self, comments: list[tuple[int, int, str]]) -> Layout:
        self.close()
        text, offsets = self.builder.build()
        blocks = [Block(a, b, kind, level, text[b - 1] == ":")
                  for s, e, kind, level in self.spans for a, b in _pieces(text, s, e)]
        return Layout(text, blocks, offsets, comments)


# Claim extraction compares the mentions of a sentence pairwise, so its cost grows
# faster than the length of a sentence; real paragraphs are far shorter than this
# (the longest in the corpus and the seed texts: 1,670 characters). A longer block is
# cut, at the last sentence end before the limit where there is one.
MAX_BLOCK_CHARS = 5000
_CUTS = (re.compile(r"[.!?]+[\"')\]]*\s+"), re.compile(r"[;:,]\s+"), re.compile(r"\s+"),
         re.compile(r"[^\w\s]+"))


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """[start, end) as spans of at most MAX_BLOCK_CHARS (a span that has no break
    point in its second half is kept whole up to the next one)."""
    pieces = []
    while end - start > MAX_BLOCK_CHARS:
        lo, hi = start + MAX_BLOCK_CHARS // 2, start + MAX_BLOCK_CHARS
        cut = None
        for pattern in _CUTS:
            for cut in pattern.finditer(text, lo, hi):
                pass
            if cut is not None:
                break
        if cut is None:  # one run of 2,500 letters: cut at the next break, or not at all
            cut = _CUTS[3].search(text, hi, end) or _CUTS[2].search(text, hi, end)
            if cut is None:
                break
        stop = cut.end() if cut.re is _CUTS[3] else cut.start() + len(cut.group().rstrip())
        pieces.append((start, stop))
        start = cut.end()
    if start < end or not pieces:  # (a cut at the very end leaves nothing after it)
        pieces.append((start, end))
    return pieces


# ----------------------------------------------------------------------------------
# Shared helpers: entities in raw text, attributes in raw start tags

# The same reference syntax html.unescape() replaces, so that decoding piece by piece
# gives exactly what the parser gives for a whole attribute value.
_HTML_REF_RE = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")
# Markdown only recognises complete references (with the semicolon).
_MD_ENTITY_RE = re.compile(r"&(?:#[0-9]{1,7};|#[xX][0-9a-fA-F]{1,6};|[A-Za-z][A-Za-z0-9]{1,31};)")


def _append_with_refs(builder: TextBuilder, text: str, start: int, end: int, shift: int,
                      ref_re: re.Pattern = _HTML_REF_RE) -> None:
    """Append text[start:end], decoding character references as replacements."""
    if "&" not in text[start:end]:
        builder.append_source(text, start, end, shift=shift)
        return
    pos = start
    for m in ref_re.finditer(text, start, end):
        raw = m.group()
        decoded = html.unescape(raw)
        if decoded == raw:
            continue
        if m.start() > pos:
            builder.append_source(text, pos, m.start(), shift=shift)
        builder.append_replacement(decoded, m.start() + shift, m.end() + shift)
        pos = m.end()
    if pos < end:
        builder.append_source(text, pos, end, shift=shift)


_TAG_NAME_RE = re.compile(r"<\s*[^\s/>]+")
_ATTR_RE = re.compile(
    r"""(?<=['"\s/])([^\s/>][^\s/=>]*)"""                      # name
    r"""(?:\s*=+\s*(?:'([^']*)'|"([^"]*)"|(?!['"])([^>\s]*)))?""")  # = value


def _find_attr(tag_text: str, name: str) -> tuple[int, int] | None:
    """Span of the (raw, still escaped) value of attribute `name` in a start tag."""
    m = _TAG_NAME_RE.match(tag_text)
    pos = m.end() if m else 1
    for a in _ATTR_RE.finditer(tag_text, pos):
        if a.group(1).lower() == name:
            for g in (2, 3, 4):
                if a.group(g) is not None:
                    return a.span(g)
            return None
    return None


# ----------------------------------------------------------------------------------
# Plain text

_BULLET_RE = re.compile(
    r"(?:[-*+\u2022\u00b7\u2013\u2014\u25aa\u25e6\u25cf\u25a0\u25ba\u2713\u2714\u27a4\u27a2\u2192"
    r"\u2023\u2043]"
    r"|o(?=[ \t])"
    r"|\d{1,3}[.)]"
    r"|[a-z][.)]"
    r"|(?:[ivx]{1,5})[.)]"
    r"|\((?:\d{1,2}|[a-zA-Z]|[ivxIVX]{1,5})\))"
    r"[ \t\u00a0]+(?=\S)")
_MD_HEADING_LINE_RE = re.compile(r"(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
_RULE_LINE_RE = re.compile(r"[-=_*~#+.\u2022\u00b7\u2013\u2014 \t]{3,}$")
_CLOSERS = "\"')]}\u201d\u2019\u00bb*_"
_OPENERS = "\"'([{\u201c\u2018\u00ab*_"
_ABBREVIATIONS = frozenset(
    "dr. mr. mrs. ms. prof. st. no. vs. e.g. i.e. approx. inc. ltd. co. jr. sr. fig. ref. "
    "dept. univ. assn. bros. corp. mt. ave. u.s. a.m. p.m.".split())
_NO_HEADING_END = ".,;:!"


class _Line:
    __slots__ = ("cs", "ce", "body", "indent", "length", "width", "words")

    def __init__(self, cs: int, ce: int, body: str, indent: int, length: int) -> None:
        self.cs = cs
        self.ce = ce
        self.body = body
        self.indent = indent
        self.length = length
        self.width = 0
        self.words = len(body.split())


# a chat message's or video chapter's time stamp: "[05/05/2025, 19:33] Valentina: ...",
# "5/5/25, 7:33 PM - Valentina: ...", "[19:33] ...", "12:05 Neuropathy: ..."
CHAT_STAMP_RE = re.compile(r"\[?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4},?\s+\d{1,2}:\d{2}|\[\d{1,2}:\d{2}")
# a video transcript's or chapter list's time code: "1:07 Fusion is a big surgery", "12:05 Neuropathy"
VIDEO_STAMP_RE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?\s+[A-Z]")
_STAMPED_LINE_RE = re.compile(rf"{CHAT_STAMP_RE.pattern}|{VIDEO_STAMP_RE.pattern}")


def _ends_sentence(body: str) -> bool:
    t = body.rstrip(_CLOSERS)
    if not t or t[-1] not in ".!?\u2026":
        return False
    if t[-1] == ".":
        last = t.rsplit(None, 1)[-1].lstrip(_OPENERS).lower()
        if last in _ABBREVIATIONS or (len(last) == 2 and last[0].isalpha()):
            return False  # "Dr." or an initial "J."
    return True


def _starts_new(body: str) -> bool:
    """The line starts like a new sentence, list item or heading."""
    if _BULLET_RE.match(body) or body.startswith("#"):
        return True
    t = body.lstrip(_OPENERS)
    return bool(t) and (t[0].isupper() or t[0].isdigit())


# a sentence that ends inside the quotation marks: '"... is gone." - Priya' or '"... gone!"'
_QUOTED_SENTENCE_RE = re.compile(r"[.!?\u2026][\"\u201d\u00bb]")


def _heading_shaped(line: _Line) -> bool:
    body = line.body
    if line.words > 12 or len(body) > 100:
        return False
    t = body.rstrip(_CLOSERS) or body
    if t[-1] in _NO_HEADING_END:
        return False
    if body[0] in "\"\u201c\u201e\u00ab" and _QUOTED_SENTENCE_RE.search(body):
        return False  # a quoted sentence with its speaker: '"My pain is gone." - Ann, 52'
    if body[0] == "[" and body.endswith("]"):
        return False  # a transcript's stage direction: "[On-screen text: WEEK 2]", "[music]"
    if body[0] == "#" and all(word[0] in "#@" for word in body.split()):
        return False  # a post's hashtags: "#autism #cordblood #stemcells"
    return any(c.isalpha() for c in body)


def _lead_in_shaped(line: _Line) -> bool:
    return line.body.endswith(":") and line.words <= 25


def _intentional(prev: _Line, line: _Line) -> bool:
    """Was the break after `prev` made by the author rather than by hard wrapping
    (the first word of `line` would still have fitted on `prev`)?"""
    first = line.body.split(None, 1)[0]
    return prev.length + 1 + len(first) <= prev.width


class _PlainText:
    _LINE_RE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")

    def __init__(self, text: str, out: _Blocks) -> None:
        self.text = text
        self.out = out

    def _lines(self) -> list[_Line | None]:
        """Non-blank lines (None for blank ones), each with the wrap width of its
        paragraph run: the longest line of the run, or the document's typical wrap
        width (median longest line of runs of 3+ lines) when that is larger."""
        text = self.text
        lines: list[_Line | None] = []
        run: list[_Line] = []
        long_runs: list[int] = []
        for m in self._LINE_RE.finditer(text):
            ls = m.start()
            raw = m.group()
            content = raw.rstrip("\r\n")
            body = content.lstrip(_STRIP)
            if body:
                lead = len(content) - len(body)
                body = body.rstrip(_STRIP)
                if _RULE_LINE_RE.match(body) and not any(c.isalnum() for c in body):
                    body = ""
            if not body:
                lines.append(None)
                self._close_run(run, long_runs)
                continue
            prefix = content[:lead]
            indent = len(prefix.expandtabs(4)) if "\t" in prefix else lead
            line = _Line(ls + lead, ls + lead + len(body), body, indent, lead + len(body))
            lines.append(line)
            run.append(line)
        self._close_run(run, long_runs)
        if long_runs:
            long_runs.sort()
            typical = long_runs[len(long_runs) // 2]
            for line in lines:
                if line is not None and line.width < typical:
                    line.width = typical
        return lines

    @staticmethod
    def _close_run(run: list[_Line], long_runs: list[int]) -> None:
        if run:
            width = max(line.length for line in run)
            for line in run:
                line.width = width
            if len(run) >= 3:
                long_runs.append(width)
            run.clear()

    def run(self) -> None:
        text, out = self.text, self.out
        lines = self._lines()
        n = len(lines)
        # The block in progress: [kind, level, source start, source end, last line, text indent]
        cur: list | None = None
        list_indents: list[int] = []

        def flush() -> None:
            nonlocal cur
            if cur is not None:
                out.block(cur[0], cur[1], text, cur[2], cur[3])
                cur = None

        for idx in range(n):
            line = lines[idx]
            if line is None:
                flush()
                continue
            body = line.body
            nxt = lines[idx + 1] if idx + 1 < n else None

            m = _MD_HEADING_LINE_RE.match(body)
            if m is not None:
                flush()
                list_indents.clear()
                out.block("heading", len(m.group(1)), text, line.cs + m.start(2), line.cs + m.end(2))
                continue

            m = _BULLET_RE.match(body)
            if m is not None:
                flush()
                while list_indents and list_indents[-1] > line.indent:
                    list_indents.pop()
                if not list_indents or list_indents[-1] < line.indent:
                    list_indents.append(line.indent)
                cur = ["list_item", len(list_indents), line.cs + m.end(), line.ce, line,
                       line.indent + m.end()]
                continue

            if cur is not None and cur[0] == "list_item":
                if (line.indent > 0 and line.indent >= cur[5]) or body[0].islower():
                    cur[3] = line.ce
                    cur[4] = line
                    continue
                flush()

            if cur is not None and not self._breaks(cur[4], line):
                cur[3] = line.ce
                cur[4] = line
                if body.endswith(":"):
                    flush()
                continue

            flush()
            list_indents.clear()
            if _heading_shaped(line) and not CHAT_STAMP_RE.match(body) and (
                    nxt is None or _BULLET_RE.match(nxt.body) or _STAMPED_LINE_RE.match(nxt.body)
                                          or (_starts_new(nxt.body) and _intentional(line, nxt))):
                out.block("heading", 2, text, line.cs, line.ce)
            elif _lead_in_shaped(line):
                out.block("paragraph", 0, text, line.cs, line.ce)
            else:
                cur = ["paragraph", 0, line.cs, line.ce, line, 0]
        flush()

    @staticmethod
    def _breaks(prev: _Line, line: _Line) -> bool:
        """Does `line` start a new block although no blank line precedes it?"""
        if _ends_sentence(prev.body) and (prev.words >= 6 or len(prev.body) >= 40):
            return True
        if _STAMPED_LINE_RE.match(line.body):
            return True  # each message of a chat export, each chapter of a video, is its own
        if (_heading_shaped(line) or _lead_in_shaped(line)) and _starts_new(line.body) \
                and _intentional(prev, line):
            return True
        return False


# ----------------------------------------------------------------------------------
# HTML

_VOID = frozenset("area base br col embed hr img input keygen link meta param source track wbr "
                  "basefont bgsound frame".split())
_SKIP = frozenset("script style noscript template svg math iframe object canvas".split())
_HEADINGS = {f"h{i}": i for i in range(1, 7)}
_BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html li main "
    "menu nav ol p pre section summary table tbody td tfoot th thead title tr ul label button "
    "option optgroup select legend textarea head".split())
_CLOSES_P = frozenset(
    "address article aside blockquote center details dialog dir div dl fieldset figcaption "
    "figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section "
    "summary table ul li dd dt".split())
_P_ONLY = frozenset({"p"})
_P_SCOPE = frozenset("button table td th caption template object marquee applet html".split())
_IMPLIED = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu", "table"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl", "table"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "tr": (frozenset({"tr"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "thead": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tbody": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "tfoot": (frozenset({"thead", "tbody", "tfoot"}), frozenset({"table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist", "optgroup"})),
    "optgroup": (frozenset({"optgroup", "option"}), frozenset({"select", "datalist"})),
}
_HEAD_CONTENT = frozenset("title meta link style script base noscript template".split())
# Tags that decide the kind of the block they contain (see _HTMLExtractor._kind).
_KIND_TAGS = {**{tag: ("heading", level) for tag, level in _HEADINGS.items()},
              "li": ("list_item", 1), "td": ("table_cell", 0), "th": ("table_cell", 0),
              "pre": ("code", 0), "listing": ("code", 0), "xmp": ("code", 0), "plaintext": ("code", 0),
              "blockquote": ("blockquote", 0), "title": ("title", 0)}
# A tag, comment or declaration opened after the last ">" of the input never closes:
# browsers drop it, and Python's parser (before 3.13.4) rescans the rest of the input
# for each one, which is quadratic.
_OPEN_AT_END_RE = re.compile(r"<[A-Za-z/!?]")
# The parser is asked to stop at "<" only: character references stay in the text and are
# decoded by _append_with_refs. Python's parser (3.11) stops parsing markup at an "&#"
# that starts no reference and has no ";" after it, which would show scripts and
# comments as text.
_LT_RE = re.compile("<")
_LISTS = frozenset({"ul", "ol", "menu"})
_HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_META_NAMES = frozenset({"description"})
_META_PROPERTIES = frozenset({"og:description"})


class _Entry:
    __slots__ = ("tag", "hides")

    def __init__(self, tag: str, hides: bool) -> None:
        self.tag = tag
        self.hides = hides


class _HTMLExtractor(HTMLParser):
    """Visible text of an HTML document (or fragment) into `out`.

    `text` is parsed; every offset is shifted by `shift` (for fragments of a larger
    source, e.g. HTML blocks inside Markdown)."""

    def __init__(self, text: str, shift: int, out: _Blocks, comments: list) -> None:
        super().__init__(convert_charrefs=False)
        self.s = text
        self.shift = shift
        self.out = out
        self.builder = out.builder
        self.comments = comments
        starts = array("q", [0])
        starts.extend(m.end() for m in re.finditer("\n", text))
        self.line_starts = starts
        self.stack: list[_Entry] = []
        # where each tag is open in the stack, innermost last: finding the innermost
        # open element of a few tags costs the same at any depth (100,000 nested tags
        # would make a walk down the stack quadratic)
        self.open: dict[str, list[int]] = {}
        self.lists = 0           # open list elements (ul, ol, menu)
        self.hidden = 0          # open elements that hide their content
        self.head = 0            # open <head> elements
        self.title = 0           # open <title> elements
        self.br_streak = False   # a <br> and only whitespace since

    def reset(self) -> None:
        super().reset()
        self.interesting = _LT_RE

    def clear_cdata_mode(self) -> None:
        super().clear_cdata_mode()
        self.interesting = _LT_RE

    # -- positions ------------------------------------------------------------------
    def _pos(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    # -- stack ----------------------------------------------------------------------
    def _push(self, tag: str, hides: bool) -> None:
        self.open.setdefault(tag, []).append(len(self.stack))
        self.stack.append(_Entry(tag, hides))
        if hides:
            self.hidden += 1
        if tag in _LISTS:
            self.lists += 1
        if tag == "head":
            self.head += 1
        elif tag == "title":
            self.title += 1

    def _pop_to(self, index: int) -> None:
        """Pop stack[index:] (closing those elements)."""
        block = False
        while len(self.stack) > index:
            e = self.stack.pop()
            self.open[e.tag].pop()
            if e.hides:
                self.hidden -= 1
            if e.tag in _LISTS:
                self.lists -= 1
            if e.tag == "head":
                self.head -= 1
            elif e.tag == "title":
                self.title -= 1
            if e.tag in _BLOCK_TAGS:
                block = True
        if block:
            self.out.close()

    def _innermost(self, tags) -> int:
        """Stack index of the innermost open element among `tags`, or -1."""
        best = -1
        for tag in tags:
            where = self.open.get(tag)
            if where and where[-1] > best:
                best = where[-1]
        return best

    def _close_implied(self, targets: frozenset, boundaries: frozenset) -> None:
        """Close the innermost target element unless a boundary element is inside it."""
        target = self._innermost(targets)
        if target > self._innermost(boundaries):
            self._pop_to(target)

    def _visible(self) -> bool:
        return self.hidden == 0 and (self.head == 0 or self.title > 0)

    def _leave_head(self) -> None:
        """Text or a body element inside <head> implicitly ends the head."""
        where = self.open.get("head")
        if where:
            self._pop_to(where[0])

    def _text_visible(self, has_text: bool) -> bool:
        if has_text and self.head and not self.title and self.hidden == 0:
            self._leave_head()
        return self._visible()

    def _kind(self) -> tuple[str, int]:
        """The kind of block the innermost kind-deciding open element makes."""
        index = self._innermost(_KIND_TAGS)
        if index < 0:
            return "paragraph", 0
        kind, level = _KIND_TAGS[self.stack[index].tag]
        return kind, (max(1, self.lists) if kind == "list_item" else level)

    def _ensure_block(self) -> None:
        if self.out.kind is None:
            kind, level = self._kind()
            self.out.open(kind, level)

    # -- tags -----------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs: list) -> None:
        self._start(tag, attrs, self_closing=False)

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self._start(tag, attrs, self_closing=True)

    def _start(self, tag: str, attrs: list, self_closing: bool) -> None:
        if self.head and tag not in _HEAD_CONTENT:
            self._leave_head()
        if tag in _CLOSES_P:
            self._close_implied(_P_ONLY, _P_SCOPE)
            if tag in _HEADINGS and self.stack and self.stack[-1].tag in _HEADINGS:
                self._pop_to(len(self.stack) - 1)
        implied = _IMPLIED.get(tag)
        if implied is not None:
            self._close_implied(*implied)
        if tag in _BLOCK_TAGS:
            self.out.close()
        if tag != "br":
            self.br_streak = False

        if tag in _VOID:
            self._void(tag, attrs)
            return
        hides = tag in _SKIP or self._hidden_attrs(attrs)
        self._push(tag, hides)
        if self_closing:
            self._pop_to(len(self.stack) - 1)

    @staticmethod
    def _hidden_attrs(attrs: list) -> bool:
        for name, value in attrs:
            if name == "hidden":
                return True
            if name == "aria-hidden" and value is not None and value.strip().lower() == "true":
                return True
            if name == "style" and value and _HIDDEN_STYLE_RE.search(value):
                return True
        return False

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            if tag == "br":  # </br> is a <br>
                self._void("br", [])
            return
        where = self.open.get(tag)
        if where:
            self._pop_to(where[-1])
        if tag in _BLOCK_TAGS:
            self.out.close()

    def _void(self, tag: str, attrs: list) -> None:
        if tag == "br":
            if not self._visible():
                return
            start = self._pos()
            close = self.s.find(">", start)
            end = len(self.s) if close < 0 else close + 1
            if self.br_streak:
                self.out.close()
            else:
                self.builder.append_space(start + self.shift, end + self.shift)
            self.br_streak = True
            return
        if tag == "meta":
            self._meta(attrs)
            return
        if tag in ("img", "area", "input"):
            if tag == "input" and (_attr(attrs, "type") or "").strip().lower() != "image":
                return
            if not self._visible() or self._hidden_attrs(attrs):
                return
            alt = _attr(attrs, "alt")
            if alt and alt.strip(_STRIP):
                self._attribute_block("alt", "alt", alt)
            return
        if tag == "hr":
            self.out.close()

    def _meta(self, attrs: list) -> None:
        name = (_attr(attrs, "name") or "").strip().lower()
        prop = (_attr(attrs, "property") or "").strip().lower()
        if name not in _META_NAMES and prop not in _META_PROPERTIES:
            return
        content = _attr(attrs, "content")
        if content and content.strip(_STRIP):
            self._attribute_block("meta", "content", content)

    def _attribute_block(self, kind: str, name: str, value: str) -> None:
        """A block made of an attribute value of the current start tag."""
        tag_start = self._pos()
        tag_text = self.get_starttag_text() or ""
        span = _find_attr(tag_text, name)
        self.out.open(kind, 0)
        if span is not None and html.unescape(tag_text[span[0]:span[1]]) == value:
            _append_with_refs(self.builder, self.s, tag_start + span[0], tag_start + span[1], self.shift)
        else:  # could not locate the value: let it stand for the whole tag
            self.builder.append_replacement(value, tag_start + self.shift,
                                            tag_start + len(tag_text) + self.shift)
        self.out.close()

    # -- text -----------------------------------------------------------------------
    def handle_data(self, data: str) -> None:
        if not self._text_visible(bool(self.head) and bool(data.strip(_STRIP))):
            return
        if self.out.kind is None and not data.strip(_STRIP):
            return
        if self.br_streak and data.strip(_STRIP):
            self.br_streak = False
        start = self._pos()
        end = start + len(data)
        self._ensure_block()
        if self.s.startswith(data, start):
            _append_with_refs(self.builder, self.s, start, end, self.shift)
        else:  # pragma: no cover - the parser always reports data verbatim
            self.builder.append_replacement(data, start + self.shift, end + self.shift)

    def _reference(self, prefix: str, name: str) -> None:
        if not self._text_visible(bool(self.head)):
            return
        self.br_streak = False
        start = self._pos()
        end = start + len(prefix) + len(name)
        if self.s.startswith(";", end):
            end += 1
        raw = self.s[start:end]
        self._ensure_block()
        decoded = html.unescape(raw)
        if decoded == raw:
            self.builder.append_source(self.s, start, end, shift=self.shift)
        else:
            self.builder.append_replacement(decoded, start + self.shift, end + self.shift)

    def handle_entityref(self, name: str) -> None:
        self._reference("&", name)

    def handle_charref(self, name: str) -> None:
        self._reference("&#", name)

    def handle_comment(self, data: str) -> None:
        start = self._pos()
        s = self.s
        body = start + (4 if s.startswith("<!--", start) else 2) + len(data)
        close = s.find(">", body)
        end = len(s) if close < 0 else close + 1
        self.comments.append((start + self.shift, end + self.shift, data))

    def close(self) -> None:
        super().close()
        self._pop_to(0)
        self.out.close()


def _attr(attrs: list, name: str) -> str | None:
    for key, value in attrs:
        if key == name:
            return value
    return None


def _feed_html(text: str, start: int, end: int, shift: int, out: _Blocks, comments: list) -> None:
    """Extract text[start:end] (whole document: start=0, end=len)."""
    piece = text if (start == 0 and end == len(text)) else text[start:end]
    parser = _HTMLExtractor(piece, shift + start, out, comments)
    last = piece.rfind(">")
    unclosed = _OPEN_AT_END_RE.search(piece, last + 1)
    parser.feed(piece if unclosed is None else piece[:unclosed.start()])
    parser.close()


# ----------------------------------------------------------------------------------
# Markdown

_LINE_BREAK_RE = re.compile(r"\r\n|\r|\n")
_FRONT_MATTER_RE = re.compile(r"---[ \t]*(?:\r\n|\r|\n)")
_FRONT_MATTER_END_RE = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_FRONT_MATTER_FIELD_RE = re.compile(
    r"^(title|description)[ \t]*:[ \t]*(?:\"([^\"\r\n]*)\"|'([^'\r\n]*)'|([^\r\n]*?))[ \t]*$",
    re.MULTILINE)
_CONTAINER_PREFIX_RE = re.compile(r"[ \t]*(?:>[ \t]?[ \t]*)*")
_INDENT_RE = re.compile(r"[ \t]*")
_ASCII_PUNCT = frozenset("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")
_MD_SPECIAL_RE = re.compile(r"[\\`*_~\[!<&]")
_BACKTICKS_RE = re.compile(r"`+")
_BRACKET_SCAN_RE = re.compile(r"[\\\[\]`]")
_INLINE_DEST_RE = re.compile(
    r"""\(\s*(?:<(?:[^<>\n\\]|\\.)*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.)*\))*)"""
    r"""(?:\s+(?:"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?\s*\)""", re.DOTALL)
_REF_LABEL_RE = re.compile(r"\[((?:[^\[\]\\]|\\.){0,999})\]", re.DOTALL)
_AUTOLINK_RE = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}:[^<>\x00-\x20]*)>")
_EMAIL_AUTOLINK_RE = re.compile(
    r"<([A-Za-z0-9.!#$%&'*+/=?^_`{|}~\-]+@[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9\-]{0,61}[A-Za-z0-9])?)*)>")
_INLINE_TAG_RE = re.compile(
    r"""</?([A-Za-z][A-Za-z0-9\-]*)(?:\s+[A-Za-z_:][A-Za-z0-9_.:\-]*"""
    r"""(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*/?>""")
_OTHER_INLINE_HTML_RE = re.compile(r"<\?.*?\?>|<![A-Za-z][^>]*>|<!\[CDATA\[.*?\]\]>", re.DOTALL)


def _is_ws(c: str) -> bool:
    return c.isspace() or c in INVISIBLE_CHARS


def _is_punct(c: str) -> bool:
    return not (c.isalnum() or _is_ws(c))


class _MdInline:
    """Inline Markdown in s[lo:hi] -> a list of operations on exact positions:

    ("t", start, end)           text to copy
    ("r", text, start, end)     replacement text for a source span
    ("sp", start, end)          a whitespace-like span (hard break, <br>)
    ("img", ops)                an image: its alt text, as a separate block
    ("d", start, end, char, can_open, can_close)   an emphasis delimiter run
    Markup that is dropped produces no operation."""

    def __init__(self, s: str, shift: int, refs: dict, comments: list) -> None:
        self.s = s
        self.shift = shift
        self.refs = refs
        self.comments = comments

    def parse(self, lo: int, hi: int) -> list:
        self._range = (lo, hi)
        self._matches: dict[int, int] | None = None
        ops = self._scan(lo, hi, in_link=False)
        return _resolve_delimiters(ops)

    def _scan(self, lo: int, hi: int, in_link: bool) -> list:
        s = self.s
        ops: list = []
        text_start = pos = lo
        search = _MD_SPECIAL_RE.search
        while True:
            m = search(s, pos, hi)
            if m is None:
                break
            i = m.start()
            c = s[i]
            res = None
            if c == "\\":
                res = self._escape(i, hi)
            elif c == "`":
                res = self._code(i, hi)
            elif c in "*_~":
                res = self._delimiter(i, lo, hi)
            elif c == "!":
                if i + 1 < hi and s[i + 1] == "[":
                    res = self._link(i + 1, hi, image=True)
            elif c == "[":
                if not in_link:
                    res = self._link(i, hi, image=False)
            elif c == "<":
                res = self._angle(i, hi)
            elif c == "&":
                em = _MD_ENTITY_RE.match(s, i, hi)
                if em is not None:
                    decoded = html.unescape(em.group())
                    if decoded != em.group():
                        res = ([("r", decoded, i, em.end())], em.end())
            if res is None:
                pos = i + 1
                continue
            new_ops, new_pos = res
            if new_ops is None:  # literal text, but skip past it
                pos = new_pos
                continue
            if i > text_start:
                ops.append(("t", text_start, i))
            ops.extend(new_ops)
            text_start = pos = new_pos
        if hi > text_start:
            ops.append(("t", text_start, hi))
        return ops

    # each handler returns None (not markup), (None, pos) (literal up to pos) or (ops, pos)
    def _escape(self, i: int, hi: int):
        if i + 1 >= hi:
            return None
        c = self.s[i + 1]
        if c in _ASCII_PUNCT:
            return [("t", i + 1, i + 2)], i + 2
        if c in "\r\n":
            return [("sp", i, i + 1)], i + 1
        return None

    def _code(self, i: int, hi: int):
        s = self.s
        n = _BACKTICKS_RE.match(s, i, hi).end() - i
        j = i + n
        while True:
            m = _BACKTICKS_RE.search(s, j, hi)
            if m is None:
                return None, i + n
            if m.end() - m.start() == n:
                return [("t", i + n, m.start())], m.end()
            j = m.end()

    def _delimiter(self, i: int, lo: int, hi: int):
        s = self.s
        c = s[i]
        j = i + 1
        while j < hi and s[j] == c:
            j += 1
        n = j - i
        if c == "~" and n != 2:
            return None, j
        before = s[i - 1] if i > lo else " "
        after = s[j] if j < hi else " "
        ws_b, ws_a = _is_ws(before), _is_ws(after)
        p_b, p_a = _is_punct(before), _is_punct(after)
        left = not ws_a and (not p_a or ws_b or p_b)
        right = not ws_b and (not p_b or ws_a or p_a)
        if c == "_":
            can_open = left and (not right or p_b)
            can_close = right and (not left or p_a)
        else:
            can_open, can_close = left, right
        if not (can_open or can_close):
            return None, j
        return [("d", i, j, c, can_open, can_close)], j

    def _bracket_end(self, i: int, hi: int) -> int | None:
        """Index of the "]" matching the "[" at i (before hi)."""
        if self._matches is None:
            self._matches = self._bracket_pairs(*self._range)
        end = self._matches.get(i)
        return end if end is not None and end < hi else None

    def _bracket_pairs(self, lo: int, hi: int) -> dict[int, int]:
        """Every "[" in s[lo:hi] with its matching "]", skipping escapes and code spans:
        one pass for the whole range (a scan per "[" is quadratic in a run of "[")."""
        s = self.s
        pairs: dict[int, int] = {}
        opened: list[int] = []
        pos = lo
        while True:
            m = _BRACKET_SCAN_RE.search(s, pos, hi)
            if m is None:
                return pairs
            k = m.start()
            c = s[k]
            if c == "\\":
                pos = k + 2
            elif c == "`":
                pos = self._code(k, hi)[1]
            elif c == "[":
                opened.append(k)
                pos = k + 1
            else:
                if opened:
                    pairs[opened.pop()] = k
                pos = k + 1

    def _link(self, i: int, hi: int, image: bool):
        """A link (or image, with i at its "[") starting at i; None if there is none."""
        s = self.s
        j = self._bracket_end(i, hi)
        if j is None:
            return None
        k = j + 1
        end = None
        if k < hi and s[k] == "(":
            m = _INLINE_DEST_RE.match(s, k, hi)
            if m is not None:
                end = m.end()
        if end is None and k < hi and s[k] == "[":
            m = _REF_LABEL_RE.match(s, k, hi)
            if m is not None:
                label = m.group(1) or s[i + 1:j]
                if _normalize_label(label) in self.refs:
                    end = m.end()
        if end is None and _normalize_label(s[i + 1:j]) in self.refs:
            end = j + 1
        if end is None:
            return None
        inner = self._scan(i + 1, j, in_link=True)
        if image:
            return [("img", _resolve_delimiters(inner))], end
        return inner, end

    def _angle(self, i: int, hi: int):
        s = self.s
        if s.startswith("<!--", i):
            close = s.find("-->", i + 4, hi)
            if close < 0:
                return None
            end = close + 3
            self.comments.append((i + self.shift, end + self.shift, s[i + 4:close]))
            return [], end
        m = _AUTOLINK_RE.match(s, i, hi) or _EMAIL_AUTOLINK_RE.match(s, i, hi)
        if m is not None:
            return [("t", m.start(1), m.end(1))], m.end()
        m = _INLINE_TAG_RE.match(s, i, hi)
        if m is not None:
            name = m.group(1).lower()
            tag = m.group()
            if name == "br":
                return [("sp", i, m.end())], m.end()
            if name == "img" and not tag.startswith("</"):
                span = _find_attr(tag, "alt")
                if span is not None and s[i + span[0]:i + span[1]].strip(_STRIP):
                    return [("img", [("h", i + span[0], i + span[1])])], m.end()
            return [], m.end()
        m = _OTHER_INLINE_HTML_RE.match(s, i, hi)
        if m is not None:
            return [], m.end()
        return None


def _normalize_label(label: str) -> str:
    return " ".join(label.split()).lower().upper() if label.strip() else "\x00"


def _resolve_delimiters(ops: list) -> list:
    """Pair emphasis delimiter runs; paired ones are dropped, the rest become text."""
    if not any(op[0] == "d" for op in ops):
        return ops
    matched: set[int] = set()
    openers: list[int] = []
    for idx, op in enumerate(ops):
        if op[0] != "d":
            continue
        char, can_open, can_close = op[3], op[4], op[5]
        paired = False
        if can_close:
            for k in range(len(openers) - 1, -1, -1):
                if ops[openers[k]][3] == char:
                    matched.add(openers[k])
                    matched.add(idx)
                    del openers[k:]
                    paired = True
                    break
        if not paired and can_open:
            openers.append(idx)
    result = []
    for idx, op in enumerate(ops):
        if op[0] == "d":
            if idx not in matched:
                result.append(("t", op[1], op[2]))
        else:
            result.append(op)
    return result


class _Markdown:
    def __init__(self, text: str, out: _Blocks, comments: list) -> None:
        self.src = text
        self.out = out
        self.builder = out.builder
        self.comments = comments
        starts = array("q", [0])
        ends = array("q")
        for m in _LINE_BREAK_RE.finditer(text):
            ends.append(m.start())
            starts.append(m.end())
        ends.append(len(text))
        self.starts = starts
        self.ends = ends
        # What markdown-it and the inline scanner see: same length as the source.
        self.md_src = text.replace("\x00", "\ufffd") if "\x00" in text else text

    def run(self) -> None:
        from markdown_it import MarkdownIt

        # Only the block structure is used (inline markup is handled by _MdInline on
        # exact source positions), so markdown-it's inline pass is switched off.
        md = MarkdownIt("commonmark").enable("table").disable(["inline", "text_join"])
        md_src = self._front_matter()
        env: dict = {}
        tokens = md.parse(md_src, env)
        self.md_src = md_src
        self.inline = _MdInline(md_src, 0, env.get("references", {}), self.comments)
        containers: list[str] = []
        list_depth = 0
        in_table_cell = False
        for idx, tok in enumerate(tokens):
            t = tok.type
            if t == "blockquote_open":
                containers.append("blockquote")
            elif t == "list_item_open":
                containers.append("list_item")
            elif t in ("blockquote_close", "list_item_close"):
                if containers:
                    containers.pop()
            elif t in ("bullet_list_open", "ordered_list_open"):
                list_depth += 1
            elif t in ("bullet_list_close", "ordered_list_close"):
                list_depth -= 1
            elif t == "tr_open" and tok.map:
                self._table_row(tok.map[0], "blockquote" in containers)
            elif t in ("th_open", "td_open"):
                in_table_cell = True
            elif t in ("th_close", "td_close"):
                in_table_cell = False
            elif t == "inline" and not in_table_cell and tok.map:
                parent = tokens[idx - 1] if idx else None
                if parent is not None and parent.type == "heading_open":
                    kind, level = "heading", _HEADINGS.get(parent.tag, 1)
                elif containers and containers[-1] == "list_item":
                    kind, level = "list_item", max(1, list_depth)
                elif containers and containers[-1] == "blockquote":
                    kind, level = "blockquote", 0
                else:
                    kind, level = "paragraph", 0
                ranges = self._align(tok.map[0], tok.content.split("\n"))
                self._inline_block(kind, level, ranges)
            elif t in ("fence", "code_block") and tok.map:
                first = tok.map[0] + (1 if t == "fence" else 0)
                lines = tok.content.split("\n")
                if lines and lines[-1] == "":
                    lines.pop()
                ranges = self._align(first, lines)
                self.out.open("code", 0)
                self._append_ranges(ranges)
                self.out.close()
            elif t == "html_block" and tok.map:
                lines = tok.content.split("\n")
                if lines and lines[-1] == "":
                    lines.pop()
                ranges = self._align(tok.map[0], lines, keep_blank=True)
                if ranges:
                    self.out.close()
                    masked, lo, hi, shift = self._masked(ranges)
                    _feed_html(masked, lo, hi, shift, self.out, self.comments)
        self.out.close()

    # -- source lines ---------------------------------------------------------------
    def _front_matter(self) -> str:
        """Mask a YAML front matter block (keeping its title/description as blocks)."""
        src = self.md_src
        m = _FRONT_MATTER_RE.match(src)
        if m is None:
            return src
        end = _FRONT_MATTER_END_RE.search(src, m.end(), min(len(src), m.end() + 20000))
        if end is None:
            return src
        for f in _FRONT_MATTER_FIELD_RE.finditer(src, m.end(), end.start()):
            for g in (2, 3, 4):
                if f.group(g) is not None and f.group(g).strip(_STRIP):
                    kind = "title" if f.group(1) == "title" else "meta"
                    self.out.block(kind, 0, src, f.start(g), f.end(g))
                    break
        blank = re.sub(r"[^\r\n]", " ", src[:end.end()])
        return blank + src[end.end():]

    def _align(self, first: int, content_lines: list[str], keep_blank: bool = False) -> list[tuple[int, int]]:
        """Source ranges of markdown-it's content lines (container markers and
        indentation removed) starting at source line `first`."""
        src = self.md_src
        ranges = []
        nlines = len(self.starts)
        for k, content in enumerate(content_lines):
            ln = first + k
            if ln >= nlines:
                break
            ls, le = self.starts[ln], self.ends[ln]
            c = content.rstrip()
            if not c.strip():
                if keep_blank:
                    ranges.append((le, le))
                continue
            line = src[ls:le].rstrip()
            if line.endswith(c):
                cs = ls + len(line) - len(c)
                ranges.append((cs, cs + len(c)))
                continue
            c = c.strip()
            idx = line.rfind(c)
            if idx < 0:
                continue
            ranges.append((ls + idx, ls + idx + len(c)))
        return ranges

    def _masked(self, ranges: list[tuple[int, int]]) -> tuple[str, int, int, int]:
        """A string covering ranges[0][0]..ranges[-1][1] in which everything between
        the ranges except line breaks is blanked: (string, lo, hi, shift)."""
        src = self.md_src
        a, b = ranges[0][0], ranges[-1][1]
        if len(ranges) == 1:
            return src, a, b, 0
        parts = []
        prev = a
        for cs, ce in ranges:
            if cs > prev:
                parts.append(re.sub(r"[^\r\n]", " ", src[prev:cs]))
            parts.append(src[max(cs, prev):ce])
            prev = max(prev, ce)
        return "".join(parts), 0, b - a, a

    def _append_ranges(self, ranges: list[tuple[int, int]]) -> None:
        prev_end = None
        for cs, ce in ranges:
            if prev_end is not None:
                self.builder.append_space(prev_end, cs)
            self.builder.append_source(self.md_src, cs, ce)
            prev_end = ce

    # -- blocks ---------------------------------------------------------------------
    def _inline_block(self, kind: str, level: int, ranges: list[tuple[int, int]]) -> None:
        if not ranges:
            return
        masked, lo, hi, shift = self._masked(ranges)
        scanner = self.inline if shift == 0 and masked is self.md_src else \
            _MdInline(masked, shift, self.inline.refs, self.comments)
        ops = scanner.parse(lo, hi)
        self.out.open(kind, level)
        self._feed(ops, masked, shift, kind, level)
        self.out.close()

    def _feed(self, ops: list, s: str, shift: int, kind: str | None, level: int = 0) -> None:
        """Append inline operations to the builder. An image becomes its own "alt"
        block, after which the surrounding block (`kind`) resumes; with kind=None
        (inside alt text already) nested images are flattened."""
        b = self.builder
        for op in ops:
            tag = op[0]
            if tag == "t":
                b.append_source(s, op[1], op[2], shift=shift)
            elif tag == "r":
                b.append_replacement(op[1], op[2] + shift, op[3] + shift)
            elif tag == "sp":
                b.append_space(op[1] + shift, op[2] + shift)
            elif tag == "h":
                _append_with_refs(b, s, op[1], op[2], shift)
            elif tag == "img":
                if kind is None:
                    self._feed(op[1], s, shift, None)
                else:
                    self.out.open("alt", 0)
                    self._feed(op[1], s, shift, None)
                    self.out.open(kind, level)

    def _table_row(self, line_no: int, quoted: bool) -> None:
        if line_no >= len(self.starts):
            return
        src = self.md_src
        ls, le = self.starts[line_no], self.ends[line_no]
        prefix = (_CONTAINER_PREFIX_RE if quoted else _INDENT_RE).match(src, ls, le)
        a = prefix.end()
        b = le
        while b > a and src[b - 1] in " \t":
            b -= 1
        if a < b and src[a] == "|":
            a += 1
        if b > a and src[b - 1] == "|" and (b - 2 < a or src[b - 2] != "\\"):
            b -= 1
        cells = []
        pos = a
        for m in re.finditer(r"(?<!\\)\|", src[a:b]):
            cells.append((pos, a + m.start()))
            pos = a + m.end()
        cells.append((pos, b))
        for cs, ce in cells:
            ops = self.inline.parse(cs, ce)
            self.out.open("table_cell", 0)
            self._feed(ops, src, 0, "table_cell", 0)
            self.out.close()
