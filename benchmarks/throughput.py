"""Throughput of the full check next to spaCy's bare blank-English tokenizer.

    python benchmarks/throughput.py [--words 300000] [--rounds 3]

Both run on the same texts in the same process (samples/, the labelled corpus when
present, and ../shared/seeds when present), repeated up to the word budget. The figure
that matters is the ratio: the full check should reach at least 40% of the bare
tokenizer's words per second. Rounds alternate the two and the median of the per-round
ratios is reported, in CPU time and in wall time, since the machine is shared and noisy.
"""

from __future__ import annotations

import argparse
import statistics
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


def timed(fn) -> tuple[float, float]:
    """(wall seconds, CPU seconds of this process) for one call."""
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=300_000, help="word budget per round")
    parser.add_argument("--rounds", type=int, default=5)
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
    checker = Checker("US", keep_claims=False)  # as the command line runs it
    tokenizer_nlp = spacy.blank("en")
    tokenizer_nlp.max_length = checker.nlp.max_length

    def bare() -> None:
        for _name, text in texts:
            tokenizer_nlp.make_doc(text)

    def full() -> None:
        for name, text in texts:
            checker.check_text(text, name)

    full()  # warm up caches
    # Rounds alternate bare and full runs, so a burst of load on the shared machine hits
    # both; the ratio is taken per round and the median reported, in CPU time (what this
    # process used) and in wall time.
    ratios_cpu, ratios_wall, walls_bare, walls_full = [], [], [], []
    for _ in range(args.rounds):
        bare_wall, bare_cpu = timed(bare)
        full_wall, full_cpu = timed(full)
        ratios_cpu.append(bare_cpu / full_cpu)
        ratios_wall.append(bare_wall / full_wall)
        walls_bare.append(bare_wall)
        walls_full.append(full_wall)
    findings = sum(len(checker.check_text(t, n).findings) for n, t in base)
    print(f"texts: {len(base)} distinct, {len(texts)} per round, {words:,} words per round, {args.rounds} rounds")
    print(f"bare spacy.blank('en') tokenizer: {words / statistics.median(walls_bare):>12,.0f} words/s (median wall time)")
    print(f"full claimcheck check:            {words / statistics.median(walls_full):>12,.0f} words/s (median wall time)")
    print(f"ratio full/bare: {statistics.median(ratios_cpu):.0%} in CPU time, "
          f"{statistics.median(ratios_wall):.0%} in wall time (medians of per-round ratios; target >= 40%)")
    print(f"findings on the distinct texts: {findings}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
