"""Find the inputs of a batch and give each one a safe, unique output name under OUTPUT_DIR.

Nothing here opens an input file: a malicious PDF must only ever be touched by a worker process.
"""

from __future__ import annotations

import os
import stat
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from pipeline.batch.errors import OutsideInputError, UnsafePathError
from pipeline.errors import FileAccessError, VanbanError

KINDS: dict[str, str] = {
    ".pdf": "pdf",
    ".png": "image",
    ".jpg": "image",
    ".jpeg": "image",
    ".tif": "image",
    ".tiff": "image",
    ".txt": "text",
}


@dataclass(frozen=True)
class InputItem:
    """One input: where it is, its path as found, and the output base name it maps to."""

    src: str  # absolute path to read
    rel: str  # path relative to INPUT_DIR, as found (may hold any character but '/')
    out_rel: str  # sanitized output base relative to OUTPUT_DIR, without extension ('' if rejected)
    kind: str  # "pdf", "image" or "text"
    error: VanbanError | None = None  # found before any worker ran (unsafe path, FIFO, loop)


def kind_of(name: str) -> str | None:
    """The input kind for a file name, by extension (case-insensitive), or None to ignore it."""
    return KINDS.get(os.path.splitext(name)[1].lower())


def sanitize_part(part: str) -> str:
    """One path component made safe to create: NFC, no control characters, never '.' or '..'."""
    part = unicodedata.normalize("NFC", part)
    part = "".join("_" if unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") or c in "\\:" else c for c in part)
    part = part.strip(" ")
    if part in ("", ".", ".."):
        part = part.replace(".", "_") or "_"
    return _cut_bytes(part, MAX_NAME_BYTES)


# NAME_MAX is 255 *bytes*: a stem of this many bytes leaves room for "~N", ".json" and the temp
# name of an atomic write (".NAME.xxxxxxxx.tmp").  200 characters could be 600 bytes of Vietnamese.
MAX_NAME_BYTES = 200


def _cut_bytes(part: str, limit: int) -> str:
    """The longest prefix of ``part`` (whole characters) whose UTF-8 file-name bytes fit ``limit``."""
    part = part[:limit]
    while len(part.encode("utf-8", "surrogateescape")) > limit:
        part = part[:-1]
    return part


def check_relative(rel: str) -> None:
    """Refuse a relative input path that is absolute or climbs out with '..'."""
    if os.path.isabs(rel) or rel.startswith("~"):
        raise UnsafePathError(f"absolute path {rel!r} would escape OUTPUT_DIR", path=rel)
    if ".." in rel.split("/"):
        raise UnsafePathError(f"path {rel!r} climbs out with '..' and would escape OUTPUT_DIR", path=rel)


def _classify(src: str, rel: str) -> VanbanError | None:
    """Why ``src`` cannot be read as a file (VB101, as ingest says), or None; stat only, never opens it."""
    try:
        st = os.stat(src)
    except OSError as exc:
        if exc.errno == 40:  # ELOOP
            return FileAccessError("symlink loop", path=rel)
        if os.path.islink(src):
            return FileAccessError("dangling symlink", path=rel)
        return FileAccessError(f"cannot stat: {exc.strerror}", path=rel)
    if not stat.S_ISREG(st.st_mode):
        what = "FIFO" if stat.S_ISFIFO(st.st_mode) else "directory" if stat.S_ISDIR(st.st_mode) else "special file"
        return FileAccessError(f"is a {what}, not a regular file", path=rel)
    if not os.access(src, os.R_OK):
        return FileAccessError("permission denied", path=rel)
    return None


def _inside(path: str, root_real: str) -> bool:
    real = os.path.realpath(path)
    return real == root_real or real.startswith(root_real.rstrip(os.sep) + os.sep)


def walk(input_dir: str, exclude: str | None = None, *, follow_links: bool = False) -> list[str]:
    """Relative paths of the inputs under ``input_dir`` (sorted); folders symlinked in are followed
    once, those leading out of ``input_dir`` only with ``follow_links``."""
    found: list[str] = []
    seen: set[tuple[int, int]] = set()
    root = os.path.abspath(input_dir)
    root_real = os.path.realpath(root)
    skip = os.path.realpath(exclude) if exclude else None
    stack = [""]
    while stack:
        sub = stack.pop()
        path = os.path.join(root, sub) if sub else root
        try:
            st = os.stat(path)
            if (st.st_dev, st.st_ino) in seen or os.path.realpath(path) == skip:
                continue  # a symlink loop or OUTPUT_DIR nested in INPUT_DIR
            seen.add((st.st_dev, st.st_ino))
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError:
            continue  # an unreadable folder: its files are not listed (reported by the caller's count)
        for entry in entries:
            rel = f"{sub}/{entry.name}" if sub else entry.name
            try:
                is_dir = entry.is_dir(follow_symlinks=True)
            except OSError:
                is_dir = False
            if is_dir and kind_of(entry.name) is None:
                if follow_links or not entry.is_symlink() or _inside(entry.path, root_real):
                    stack.append(rel)
            elif kind_of(entry.name) is not None:
                found.append(rel)  # includes FIFOs, loops and folders named x.pdf: reported, not skipped
    return sorted(found)


def plan(input_dir: str, rels: Iterable[str], *, follow_links: bool = False) -> list[InputItem]:
    """Map relative input paths to items with unique, sanitized output names (deterministic).

    An input whose real path lies outside ``input_dir`` (a symlink leading out) gets an
    ``OutsideInputError`` unless ``follow_links``: a link to any file the batch user can read
    would otherwise be published in OUTPUT_DIR.
    """
    items: list[InputItem] = []
    taken: set[str] = set()
    root = os.path.abspath(input_dir)
    root_real = os.path.realpath(root)
    for rel in sorted(set(rels)):
        kind = kind_of(rel) or "pdf"
        try:
            check_relative(rel)
        except UnsafePathError as exc:
            items.append(InputItem(os.path.join(root, rel), rel, "", kind, exc))
            continue
        src = os.path.join(root, rel)
        parts = [sanitize_part(p) for p in rel.split("/") if p]
        stem = sanitize_part(os.path.splitext(parts[-1])[0]) if parts else "_"
        base = "/".join([*parts[:-1], stem])
        # Case-insensitive file systems (and people) cannot tell A.pdf from a.pdf, nor a.pdf's
        # outputs from a.png's: later ones in sorted order get a numbered suffix.
        out_rel, n = base, 1
        while out_rel.casefold() in taken:
            n += 1
            out_rel = f"{base}~{n}"
        taken.add(out_rel.casefold())
        error = _classify(src, rel)
        if error is None and not follow_links and not _inside(src, root_real):
            error = OutsideInputError(f"leads to {os.path.realpath(src)}, outside INPUT_DIR; not read", path=rel)
        items.append(InputItem(src, rel, out_rel, kind, error))
    return items


def output_path(output_dir: str, out_rel: str, ext: str) -> str:
    """The absolute output path for ``out_rel`` + ``ext``; refuses one that resolves outside OUTPUT_DIR."""
    root = os.path.realpath(output_dir)
    target = os.path.join(root, out_rel + ext)
    parent = os.path.realpath(os.path.dirname(target))
    if parent != root and not parent.startswith(root + os.sep):
        raise UnsafePathError(f"output {out_rel + ext!r} resolves to {parent}, outside OUTPUT_DIR", path=out_rel)
    return target
