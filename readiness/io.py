"""Writing files safely: every file readiness writes is replaced atomically.

The text goes to a temporary file in the same folder (all at once with `write_atomic`,
or piece by piece with `open_atomic`), is flushed and fsynced, and then renamed over the
target, so a crash or Ctrl-C leaves either the old file or the new one,
never half of either.
"""

from __future__ import annotations

import contextlib
import errno
import os
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
    target = Path(path)
    if target.is_dir():
        # Said before anything is written, and of the folder the user named (the rename
        # at the end would fail naming the temporary file).
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(target))
    folder = target.parent if str(target.parent) else Path(".")
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(temporary, target.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
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
