"""A longer, coverage-guided fuzz campaign with atheris (libFuzzer for Python), run by
hand, not by the test suite:

    python -m venv /tmp/fuzz && /tmp/fuzz/bin/pip install atheris -e .
    /tmp/fuzz/bin/python benchmarks/fuzz_campaign.py -max_total_time=1800 -rss_limit_mb=8192 CORPUS_DIR

Each input's first byte picks the format (text, Markdown, HTML) and whether the rest is
checked as bytes (the file path: decoding, binary detection) or as UTF-8 text; the
properties are those of tests/test_fuzz.py: no exception, every finding inside the
text and equal to its slice, line and column consistent, the same result twice.
CORPUS_DIR (created if missing) is seeded with the samples and the labelled corpus.
libFuzzer prints the number of inputs tried ("#N DONE") at the end.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import atheris

with atheris.instrument_imports(include=["claimcheck"]):
    # every module that checking uses, imported here so that all of them are instrumented
    # (api imports several lazily)
    import claimcheck.assess, claimcheck.claims, claimcheck.fuzzy, claimcheck.jurisdiction  # noqa: E401,F401
    import claimcheck.layout, claimcheck.matching, claimcheck.offsets, claimcheck.pipeline  # noqa: E401,F401
    import claimcheck.redflags, claimcheck.regexes, claimcheck.suppress  # noqa: E401,F401
    from claimcheck.api import Checker
    from claimcheck.inputs import InputError, decode_bytes

FORMATS = ("text", "markdown", "html")
NAMES = {"text": "p.txt", "markdown": "p.md", "html": "p.html"}
_BREAK = re.compile(r"\r\n|\r|\n")
CHECKER = Checker("US", keep_claims=False)


def line_col(text: str, offset: int) -> tuple[int, int]:
    if 0 < offset < len(text) and text[offset] == "\n" and text[offset - 1] == "\r":
        offset -= 1
    starts = [0] + [m.end() for m in _BREAK.finditer(text, 0, offset)]
    return len(starts), offset - starts[-1] + 1


def one_input(data: bytes) -> None:
    if not data:
        return
    fmt = FORMATS[data[0] % 3]
    as_bytes = data[0] & 4
    body = data[1:]
    if as_bytes:
        try:
            text, _encoding = decode_bytes(body, NAMES[fmt])
        except InputError:
            result = CHECKER.check_text(body, NAMES[fmt]).files[0]
            assert result.error and result.error.startswith("binary file ("), result.error
            return
        report = CHECKER.check_text(body, NAMES[fmt], format=fmt)
    else:
        text = body.decode("utf-8", "surrogateescape" if data[0] & 8 else "replace")  # lone surrogates for some inputs
        report = CHECKER.check_text(text, NAMES[fmt], format=fmt)
    result = report.files[0]
    assert result.error is None, result.error
    for f in result.findings:
        assert 0 <= f.start <= f.end <= len(text), (f.start, f.end, len(text))
        assert f.text == text[f.start:f.end]
        assert (f.line, f.column) == line_col(text, f.start)
        assert (f.end_line, f.end_column) == line_col(text, f.end)
    again = CHECKER.check_text(body if as_bytes else text, NAMES[fmt], format=fmt)
    assert [f.to_dict() for f in again.findings] == [f.to_dict() for f in result.findings]


def seed(corpus: Path) -> None:
    root = Path(__file__).resolve().parent.parent
    corpus.mkdir(parents=True, exist_ok=True)
    if any(corpus.iterdir()):
        return
    sources = sorted((root / "samples").glob("*.*")) + sorted((root / "tests" / "corpus").rglob("*.*"))
    for number, path in enumerate(p for p in sources if p.suffix in (".txt", ".md", ".html")):
        fmt = {".txt": 0, ".md": 1, ".html": 2}[path.suffix]
        (corpus / f"seed-{number:03}").write_bytes(bytes([fmt]) + path.read_bytes()[:20_000])


if __name__ == "__main__":
    for arg in sys.argv[1:]:
        if not arg.startswith("-"):
            seed(Path(arg))
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()
