"""Peak memory of `claimcheck scan` over 2,000 and over 20,000 files: it should not
grow with the number of files (a scan keeps counts, not the files' findings).

    python benchmarks/scan_memory.py [--sizes 2000,20000] [--formats concise,json,sarif] [--jobs 1]
                                     [--compare CHECKOUT]

The files are small copies of samples/ (text, Markdown, HTML, every third one with
claims) in a temporary folder. Each configuration runs as a fresh process; its peak
resident memory comes from wait4()'s resource usage, and the report goes to /dev/null.
--compare runs the same with the claimcheck package of another checkout (for example
the commit before this change) for the figures side by side.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_files(folder: Path, count: int) -> None:
    samples = sorted(p for p in (ROOT / "samples").iterdir() if p.suffix in (".txt", ".md", ".html"))
    for i in range(count):
        source = samples[i % len(samples)]
        target = folder / f"d{i // 500:03d}" / f"{i:05d}{source.suffix}"
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def measure(folder: Path, fmt: str, jobs: int, package_root: Path | None) -> tuple[float, float]:
    """(peak RSS in MiB of the main process, seconds) of one scan."""
    env = dict(os.environ)
    if package_root is not None:
        env["PYTHONPATH"] = str(package_root)
    command = [sys.executable, "-m", "claimcheck", "scan", str(folder), "--format", fmt, "--jobs", str(jobs),
               "--quiet", "--isolated", "--fail-on", "never"]
    started = time.monotonic()
    with open(os.devnull, "w") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.PIPE, env=env, cwd=folder.parent)
        _pid, status, usage = os.wait4(process.pid, 0)
    elapsed = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(command)} failed: {process.stderr.read().decode()[-2000:]}")
    return usage.ru_maxrss / 1024, elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="2000,20000")
    parser.add_argument("--formats", default="concise,json,sarif")
    parser.add_argument("--jobs", type=int, default=1)
    parser.add_argument("--compare", type=Path, help="another checkout whose claimcheck/ to measure too")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    formats = args.formats.split(",")
    versions = [("this tree", ROOT)] + ([("compare", args.compare.resolve())] if args.compare else [])
    with tempfile.TemporaryDirectory() as base:
        folders = {}
        for size in sizes:
            folders[size] = Path(base) / f"site-{size}"
            make_files(folders[size], size)
        print(f"peak RSS of `claimcheck scan` (main process, --jobs {args.jobs}), MiB; seconds in brackets")
        print(f"{'version':10}  {'format':8}  " + "  ".join(f"{s:>16,} files" for s in sizes) + "  growth")
        for label, root in versions:
            for fmt in formats:
                figures = [measure(folders[size], fmt, args.jobs, root) for size in sizes]
                cells = "  ".join(f"{rss:>10.1f} ({secs:5.1f}s)" for rss, secs in figures)
                growth = figures[-1][0] - figures[0][0]
                print(f"{label:10}  {fmt:8}  {cells}  {growth:+.1f} MiB", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
