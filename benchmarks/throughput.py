"""Throughput of the full check next to spaCy's bare blank-English tokenizer.

    python benchmarks/throughput.py [--words 300000] [--rounds 3]

Both run on the same texts in the same process (samples/, the labelled corpus when
present, and ../shared/seeds when present), repeated up to the word budget. The figure
that matters is the ratio: the full check should reach at least 40% of the bare
tokenizer's words per second. The best of several rounds is reported for each, since
the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "samples", ROOT / "tests" / "corpus", ROOT.parent / "shared" / "seeds"]
SUFFIXES = {".txt", ".md", ".html", ".htm"}


def load_texts() -> list[tuple[str, str]]:
    texts = []
    for folder in SOURCES:
        if folder.is_dir():
            for path in sorted(folder.rglob("*")):
                if path.suffix in SUFFIXES and path.name != "README.md":
                    texts.append((path.name, path.read_text(encoding="utf-8", errors="replace")))
    return texts


def best_of(rounds: int, fn) -> float:
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - start)
    return best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000, help="word budget per round")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    import spacy

    from claimcheck.api import Checker

    base = load_texts()
    if not base:
        print("no texts found", file=sys.stderr)
        return 2
    texts: list[tuple[str, str]] = []
    words = 0
    while words < args.words:
        for name, text in base:
            texts.append((name, text))
            words += len(text.split())
    checker = Checker("US")
    tokenizer_nlp = spacy.blank("en")
    tokenizer_nlp.max_length = checker.nlp.max_length

    def bare() -> None:
        for _name, text in texts:
            tokenizer_nlp.make_doc(text)

    def full() -> None:
        for name, text in texts:
            checker.check_text(text, name)

    full()  # warm up caches
    t_bare = best_of(args.rounds, bare)
    t_full = best_of(args.rounds, full)
    findings = sum(len(checker.check_text(t, n).findings) for n, t in base)
    print(f"texts: {len(base)} distinct, {len(texts)} per round, {words:,} words per round")
    print(f"bare spacy.blank('en') tokenizer: {words / t_bare:>12,.0f} words/s")
    print(f"full claimcheck check:            {words / t_full:>12,.0f} words/s")
    print(f"ratio full/bare: {t_bare / t_full:.0%} (target >= 40%)")
    print(f"findings on the distinct texts: {findings}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
