"""Finding the files to check: explicit paths as given, folders walked recursively with
include/exclude globs, hidden folders skipped, symbolic-link loops never followed, and
named pipes, sockets and devices in folders skipped. Paths are yielded as the walk
finds them (a folder of any size costs no memory up front)."""

from __future__ import annotations

import os
import stat
from fnmatch import fnmatchcase
from typing import Iterable, Iterator, Sequence

DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm")
DEFAULT_EXCLUDE = ("node_modules", "__pycache__")


def matches(relative: str, patterns: Sequence[str]) -> bool:
    """Glob match on a POSIX path relative to the scanned folder. A pattern without a
    slash matches any path component ("*.html", "drafts"); one with a slash matches the
    path from the folder down ("site/**", "**/old/*.html")."""
    parts = relative.split("/")
    for pattern in patterns:
        pattern = pattern.strip().rstrip("/")
        if not pattern:
            continue
        if "/" not in pattern:
            if any(fnmatchcase(part, pattern) for part in parts):
                return True
            continue
        candidates = [pattern]
        while candidates[-1].startswith("**/"):
            candidates.append(candidates[-1][3:])  # "**/" may also match nothing
        if any(fnmatchcase(relative, p) or fnmatchcase(relative, p + "/**") for p in candidates):
            return True
    return False


def iter_files(paths: Iterable[str | os.PathLike], *, include: Sequence[str] = DEFAULT_INCLUDE,
               exclude: Sequence[str] = DEFAULT_EXCLUDE) -> Iterator[str]:
    """Files to check, in a stable order. A file named directly is always yielded (so a
    pre-commit hook or a user gets what they asked for, and a missing file is reported
    rather than skipped); folders are searched."""
    for path in paths:
        name = os.fspath(path)
        if name != "-" and os.path.isdir(name):
            yield from _walk(name, tuple(include), tuple(exclude))
        else:
            yield name


def _walk(root: str, include: tuple[str, ...], exclude: tuple[str, ...]) -> Iterator[str]:
    visited: set[tuple[int, int]] = set()
    for folder, dirs, files in os.walk(root, followlinks=True, onerror=lambda _err: None):
        try:
            info = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        identity = (info.st_dev, info.st_ino)
        if identity in visited:  # a symbolic link back up the tree: never walk it twice
            dirs[:] = []
            continue
        visited.add(identity)
        relative_folder = os.path.relpath(folder, root).replace(os.sep, "/")
        prefix = "" if relative_folder == "." else relative_folder + "/"
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and not matches(prefix + d, exclude))
        for filename in sorted(files):
            if filename.startswith("."):
                continue
            relative = prefix + filename
            if matches(filename, include) and not matches(relative, exclude):
                path = os.path.join(folder, filename)
                if _special(path):
                    continue
                yield path


def _special(path: str) -> bool:
    """A named pipe, socket or device (reading one could block or never end). A file
    that cannot be looked at (a broken link, a link loop) is not: it is yielded, so the
    problem is reported."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode)
