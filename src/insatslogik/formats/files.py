r"""Writing files: one atomic writer, used by every format and renderer that writes a file.

The data goes to a temporary file beside the target, which is flushed to disk and renamed over
it, so a crash or a full disk leaves the old file as it was, never half-written.

>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "plan.txt"
>>> write_atomic(target, "å\n")
>>> target.read_text(encoding="utf-8")
'å\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from insatslogik.errors import ModelError, Problem

__all__ = ["write_atomic", "write_file"]


def write_file(target: Path, data: str | bytes) -> None:
    """:func:`write_atomic`, with a failure reported as a :class:`ModelError` naming the file.

    Raises:
        ModelError: when the file cannot be written; the old file, if any, is unchanged.
    """
    try:
        write_atomic(target, data)
    except OSError as error:
        reason = error.strerror or str(error)
        problem = Problem(
            str(target), None, None, f"cannot write the file: {reason}; nothing was changed"
        )
        raise ModelError([problem]) from error


def _umask() -> int:
    # The temporary file is created 0600; a new file should get the usual permissions.
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_atomic(target: Path, data: str | bytes) -> None:
    """Write `data` (text as UTF-8 with Unix newlines) to `target` via a temporary file renamed into place.

    Raises:
        OSError: naming `target`, not the temporary file (a missing folder, a folder in the
            way, no permission); the old file, if any, is unchanged.
    """
    if target.is_symlink():
        # Through a link, replace the file it points to: renaming over the link itself would
        # leave that file stale and the link gone.
        target = target.resolve()
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, before the rename)
            "wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise _about(error, target) from None
    try:
        with handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        Path(handle.name).chmod(mode)
        Path(handle.name).replace(target)
    except BaseException as error:
        Path(handle.name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise _about(error, target) from None
        raise


def _about(error: OSError, target: Path) -> OSError:
    # The temporary file's name means nothing to the user; the file they asked for does.
    # OSError(errno, …) picks the subclass (FileNotFoundError, IsADirectoryError, …) by errno.
    return OSError(error.errno, error.strerror or str(error), str(target))
