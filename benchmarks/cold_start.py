"""Cold start: `claimcheck check` on one small page, next to `python -c "import spacy"`.

    python benchmarks/cold_start.py [--runs 7]

Both run as fresh processes, alternately, several times; the medians are printed with
their ratio (the check should cost little more than importing spaCy). `--version` and
`explain` are timed too: they must not load spaCy at all.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PAGE = "<h1>Stem cell clinic</h1><p>Our stem cell injections cure knee arthritis.</p>\n"


def timed(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "page.html"
        page.write_text(PAGE, encoding="utf-8")
        commands = {
            "python -c 'import spacy'": [sys.executable, "-c", "import spacy"],
            "claimcheck check page.html": [sys.executable, "-m", "claimcheck", "check", str(page)],
            "claimcheck --version": [sys.executable, "-m", "claimcheck", "--version"],
            "claimcheck explain CC101": [sys.executable, "-m", "claimcheck", "explain", "CC101"],
        }
        for command in commands.values():  # warm the file cache and claimcheck's rule cache
            timed(command)
        samples: dict[str, list[float]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                samples[name].append(timed(command))
    medians = {name: statistics.median(values) for name, values in samples.items()}
    for name, value in medians.items():
        print(f"{name:<30} {value * 1000:7.0f} ms (median of {args.runs})")
    base = medians["python -c 'import spacy'"]
    print(f"check / import spacy: {medians['claimcheck check page.html'] / base:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
