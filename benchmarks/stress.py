"""Large and hostile single files through `claimcheck check`: time, peak memory and
the outcome of each (the cases of issue 6 that are too slow for the test suite).

    python benchmarks/stress.py [--only NAME]

Each case runs as a fresh process with the default limits (10 MiB, 60 s per file).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROSE = "Opening hours are Monday to Friday and our staff will answer the phone. "
CLAIMS = "Our stem cells cure autism and may help COPD. "


def cases() -> dict[str, tuple[str, object]]:
    """name -> (file name, bytes or a callable that writes the file)."""
    def sparse(size):
        def write(path: Path) -> None:
            with open(path, "wb") as handle:
                handle.truncate(size)
        return write

    return {
        "50 MB text file": ("big.txt", lambda p: p.write_text((PROSE + "\n") * (50 * 1024 * 1024 // (len(PROSE) + 1)))),
        "50 MB sparse file": ("sparse.txt", sparse(50 * 1024 * 1024)),
        "9.5 MB of prose": ("prose.txt", lambda p: p.write_text((PROSE + "\n\n") * (9_500_000 // (len(PROSE) + 2)))),
        "5 MB single line of prose": ("line.txt", lambda p: p.write_text(PROSE * (5 * 1024 * 1024 // len(PROSE)))),
        "5 MB single line, a claim every 2 sentences": (
            "claims-line.txt", lambda p: p.write_text((PROSE + CLAIMS) * (5 * 1024 * 1024 // len(PROSE + CLAIMS)))),
        "1 MB of one 'word'": ("word.txt", lambda p: p.write_text("stem" * 250_000)),
        "100,000 nested <div>": ("nested.html", lambda p: p.write_text(
            "<div>" * 100_000 + "<p>Our stem cells cure autism.</p>" + "</div>" * 100_000)),
        "5 MB of unclosed tags": ("tags.html", lambda p: p.write_text("<p>Stem cells cure autism.</p>" + '<a b="x" ' * 560_000)),
        "20,000 list items": ("list.md", lambda p: p.write_text("## Conditions we treat with stem cells\n\n"
                                                                + "".join(f"- autism {i}\n" for i in range(20_000)))),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", help="run only the cases whose name contains this")
    args = parser.parse_args()
    print(f"{'case':46} {'exit':>4} {'seconds':>8} {'peak MiB':>9}  outcome")
    with tempfile.TemporaryDirectory() as folder:
        for name, (filename, make) in cases().items():
            if args.only and args.only not in name:
                continue
            path = Path(folder) / filename
            make(path)
            command = [sys.executable, "-m", "claimcheck", "check", str(path), "--format", "concise",
                       "--isolated", "--quiet"]
            started = time.monotonic()
            with tempfile.TemporaryFile() as out:
                process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
                _pid, status, usage = os.wait4(process.pid, 0)
                elapsed = time.monotonic() - started
                out.seek(0)
                lines = out.read().decode("utf-8", "replace").splitlines()
            error = next((line.split("cannot check: ", 1)[1] for line in lines if "cannot check: " in line), "")
            outcome = error or (lines[-1] if lines else "")
            print(f"{name:46} {os.waitstatus_to_exitcode(status):>4} {elapsed:8.1f} {usage.ru_maxrss / 1024:9.0f}  "
                  f"{outcome[:110]}", flush=True)
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())
