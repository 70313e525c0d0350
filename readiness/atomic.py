"""Writing files safely: every file readiness writes is replaced atomically.

The text goes to a temporary file in the same folder (all at once with `write_atomic`,
or piece by piece with `open_atomic`), is flushed and fsynced, and then renamed over the
target, so a crash or Ctrl-C leaves either the old file or the new one,
never half of either.

Some targets are not replaced (docs/reliability.md, "Atomic writes"): a character device,
FIFO or socket (`-o /dev/null`, `-o /dev/stdout`, a named pipe) is written straight to;
a symbolic link is followed and its target replaced; a file with several hard links is
rewritten in place, once the complete text is in the temporary file; a read-only file is
refused. A replaced file keeps its mode (and, for root, its owner); a new one gets the
mode the umask allows.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO


def write_atomic(path: str | Path, text: str) -> None:
    with open_atomic(path) as stream:
        stream.write(text)


@contextlib.contextmanager
def open_atomic(path: str | Path) -> Iterator[TextIO]:
    """A text stream to write `path` bit by bit: it goes to the temporary file, which
    replaces `path` only when the block ends normally; an exception (Ctrl-C included)
    removes it and leaves `path` as it was."""
    if not str(path):
        raise FileNotFoundError(errno.ENOENT, "an empty name is not a file name", "''")
    if _is_stream(path):
        with open(path, "a", encoding="utf-8", newline="") as direct:
            yield direct
        return
    target = Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)
    if target.is_dir():
        # Said before anything is written, and of the folder the user named (the rename
        # at the end would fail naming the temporary file).
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(target))
    before = _existing(target)
    refuse_read_only(path, before)
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if before is not None and before.st_nlink > 1:
            _copy_in_place(temporary, target)
            os.unlink(temporary)
            return
        _keep_mode_and_owner(temporary, before)
        os.replace(temporary, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def refuse_read_only(path: str | Path, found: os.stat_result | None = None) -> None:
    """PermissionError when `path` is an existing file nobody may write (mode 0444): it is
    refused even as root, who could write it, because the mode says it is not to change."""
    found = found if found is not None else _existing(Path(path))
    if found is not None and not found.st_mode & 0o222:
        raise PermissionError(errno.EACCES, "the file is read-only", str(path))


def _is_stream(path: str | Path) -> bool:
    """Whether `path` is written straight to: an existing character device, FIFO or
    socket, or a name of a standard stream (/dev/stdout, /dev/fd/1, /proc/self/fd/1),
    whatever the stream is redirected to."""
    name = os.fspath(path)
    if name.startswith(("/dev/std", "/dev/fd/", "/proc/self/fd/")):
        return os.path.exists(name)
    found = _existing(Path(name))
    return found is not None and not stat.S_ISREG(found.st_mode) and not stat.S_ISDIR(
        found.st_mode
    )


def _existing(target: Path) -> os.stat_result | None:
    try:
        return os.stat(target)
    except OSError:
        return None


def _keep_mode_and_owner(temporary: str, before: os.stat_result | None) -> None:
    """The replaced file's mode and owner (the owner only where allowed: as root), or for
    a new file the mode the umask allows."""
    if before is None:
        mask = os.umask(0)
        os.umask(mask)
        os.chmod(temporary, 0o666 & ~mask)
        return
    with contextlib.suppress(OSError):
        os.chmod(temporary, before.st_mode & 0o7777)
    if hasattr(os, "chown") and (before.st_uid, before.st_gid) != _owner(temporary):
        with contextlib.suppress(OSError):
            os.chown(temporary, before.st_uid, before.st_gid)


def _owner(path: str) -> tuple[int, int]:
    found = os.stat(path)
    return found.st_uid, found.st_gid


def _copy_in_place(source: str, target: Path) -> None:
    """Rewrite `target` with the bytes of `source`, keeping its inode (and so every hard
    link to it)."""
    with open(source, "rb") as reading, open(target, "r+b") as writing:
        while chunk := reading.read(1 << 20):
            writing.write(chunk)
        writing.truncate()
        writing.flush()
        os.fsync(writing.fileno())


def same_file(first: str | Path, second: str | Path) -> bool:
    """Whether two names are one existing file (links followed)."""
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False
