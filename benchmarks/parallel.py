"""Speed-up of `claimcheck scan --jobs 2` over one process on a folder of 2,000 files.

    python benchmarks/parallel.py [--files 2000]

The files are copies of samples/ (text, Markdown, HTML) written to a temporary folder;
each configuration runs as a fresh `claimcheck scan` process, best of three.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md", ".html"))
    with tempfile.TemporaryDirectory() as folder:
        for i in range(args.files):
            source = samples[i % len(samples)]
            target = Path(folder) / f"d{i // 100:03d}" / f"{i:05d}{source.suffix}"
            target.parent.mkdir(exist_ok=True)
            shutil.copyfile(source, target)
        words = sum(len(p.read_text(encoding="utf-8").split()) for p in Path(folder).rglob("*.*"))
        times = {}
        for jobs in (1, 2):
            command = [sys.executable, "-m", "claimcheck", "scan", folder, "--jobs", str(jobs),
                       "--format", "concise", "--quiet", "--fail-on", "never"]
            best = float("inf")
            for _ in range(args.rounds):
                start = time.perf_counter()
                subprocess.run(command, stdout=subprocess.DEVNULL, check=True)
                best = min(best, time.perf_counter() - start)
            times[jobs] = best
            print(f"--jobs {jobs}: {best:6.2f} s  ({args.files / best:6.0f} files/s, {words / best:8.0f} words/s)")
    print(f"speed-up with 2 workers: {times[1] / times[2]:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
