r"""Writing files: one atomic writer, used by every format and renderer that writes a file.

The data goes to a temporary file beside the target, which is flushed to disk and renamed over
it, so a crash or a full disk leaves the old file as it was, never half-written.

>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "plan.txt"
>>> write_atomic(target, "å\n").name
'plan.txt'
>>> target.read_text(encoding="utf-8")
'å\n'
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from insatslogik.errors import WriteError

__all__ = ["write_atomic"]


def _umask() -> int:
    # The temporary file is created 0600; a new file should get the usual permissions.
    current = os.umask(0o022)
    os.umask(current)
    return current


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` (text as UTF-8 with Unix newlines) to `path` via a temporary file renamed into place.

    Args:
        path: the file to write; through a symbolic link, the file it points to is replaced.
        data: the text or bytes.

    Returns:
        The path written, as given.

    Raises:
        WriteError: naming `path`, not the temporary file (a missing folder, a folder in the
            way, no permission, a full disk); the old file, if any, is unchanged.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> path = write_atomic(folder / "plan.yaml", "title: Kraftsamling")
    >>> _ = write_atomic(path, "title: Kraftsamling digitalisering".encode())
    >>> path.read_text(encoding="utf-8"), [file.name for file in folder.iterdir()]
    ('title: Kraftsamling digitalisering', ['plan.yaml'])
    >>> write_atomic(folder / "saknas" / "plan.yaml", "title: T")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    insatslogik.errors.WriteError: cannot write .../saknas/plan.yaml: No such file or directory; nothing was changed
    """
    asked = Path(path)
    target = asked
    try:
        linked = target.is_symlink()
    except OSError as error:  # a name too long, say
        raise WriteError.of(asked, error) from None
    if linked:
        # Through a link, replace the file it points to: renaming over the link itself would
        # leave that file stale and the link gone.
        try:
            target = target.resolve(strict=False)
        except (OSError, RuntimeError) as error:  # a loop of links
            reason = error.strerror if isinstance(error, OSError) else "a loop of symbolic links"
            raise WriteError(str(asked), reason or str(error)) from None
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 (closed below, before the rename)
            "wb", dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False
        )
    except OSError as error:
        raise WriteError.of(asked, error) from None
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
            raise WriteError.of(asked, error) from None
        raise
    return asked
