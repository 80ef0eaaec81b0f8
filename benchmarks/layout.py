"""Speed of the layout step alone (text, Markdown, HTML to blocks with offset maps).

    python benchmarks/layout.py

Prints megabytes per second for about 1 MB of each format, best of three runs.
"""

from __future__ import annotations

import time

from claimcheck.layout import build_layout

PARAGRAPH = ("Our clinic offers regenerative injections made from donated umbilical tissue, and we "
             "explain every option &amp; its cost during a free consultation.")
INPUTS = {
    "text": "Uses of Stem Cell Therapy\n\n" + (PARAGRAPH + "\n") * 5 + "\nConditions we treat:\n- autism\n- lupus\n\n",
    "markdown": "## Uses of stem cell therapy\n\n" + (PARAGRAPH + " *Call us* today.\n\n") * 5
                + "Conditions we treat:\n\n- autism\n- [lupus](https://example.org)\n\n",
    "html": "<h2>Uses of stem cell therapy</h2>" + ("<p>" + PARAGRAPH + " <b>Call us</b>.</p>") * 5
            + "<p>Conditions we treat:</p><ul><li>autism</li><li>lupus</li></ul><img alt='knee pain'>",
}


def main() -> None:
    for fmt, chunk in INPUTS.items():
        source = chunk * (1_000_000 // len(chunk) + 1)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            layout = build_layout(source, fmt)
            best = min(best, time.perf_counter() - start)
        print(f"{fmt:>8}: {len(source) / 1e6 / best:6.1f} MB/s  ({len(layout.blocks):,} blocks, {best * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
