r"""Reading and writing files: one guarded reader and one atomic writer, used by every format.

Reading refuses what is not a regular file (a FIFO would block forever, ``/dev/zero`` never
ends) before it reads a byte, and reads at most a limit. Writing puts the data in a temporary
file beside the target, flushed to disk and renamed over it, so a crash or a full disk leaves
the old file as it was, never half-written.

>>> import tempfile
>>> from pathlib import Path
>>> target = Path(tempfile.mkdtemp()) / "plan.txt"
>>> write_atomic(target, "å\n").name
'plan.txt'
>>> read_regular(target)
b'\xc3\xa5\n'
"""

from __future__ import annotations

import codecs
import errno
import os
import re
import secrets
import stat
import time
from pathlib import Path
from typing import Final

from insatslogik.errors import ModelError, Problem, WriteError

__all__ = [
    "MAX_FILE_BYTES",
    "STALE_SECONDS",
    "FileTooLargeError",
    "decode_text",
    "read_input",
    "read_regular",
    "write_atomic",
]

#: The largest file a reader reads: 1 GiB, some four times a plan of a million nodes in YAML.
MAX_FILE_BYTES: Final = 1 << 30

#: A temporary file of the atomic writer this much older than now was left by a killed process.
STALE_SECONDS: Final = 3600

# The temporary file's name: a dot, at most 40 bytes of the target's name (so that a
# target name of 255 bytes, the most most file systems allow, still has a temporary name),
# random letters, and a suffix no other program uses, so stale ones can be found and removed.
_TEMP_SUFFIX: Final = ".insatslogik-tmp"
_RANDOM: Final = re.compile(r"[0-9a-f]{16}" + re.escape(_TEMP_SUFFIX))


class FileTooLargeError(OSError):
    """A file larger than a reader's limit; `size` is its size in bytes (or more)."""

    def __init__(self, path: str, size: int, limit: int) -> None:
        super().__init__(errno.EFBIG, f"the file is larger than {limit} bytes", path)
        self.size = size
        self.limit = limit


def read_regular(path: str | os.PathLike[str], *, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of a regular file (through links), refusing anything else and anything too large.

    Args:
        path: the file.
        limit: the most bytes to read.

    Returns:
        The file's bytes.

    Raises:
        FileTooLargeError: for a file of more than `limit` bytes (found without reading it).
        OSError: for a missing or unreadable file, and for a FIFO, device, socket or folder
            (``EINVAL``, or ``EISDIR`` for a folder), refused before reading from it.

    >>> read_regular("/dev/zero")
    Traceback (most recent call last):
    ...
    OSError: [Errno 22] not a regular file (a device, FIFO or socket): give a plan file: '/dev/zero'
    """
    name = os.fspath(path)
    # O_NONBLOCK: opening a FIFO that no one writes to would otherwise wait forever; the
    # file is checked on the descriptor, so it cannot be swapped between check and read.
    descriptor = os.open(
        name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    )
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a plan file", name)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(
                errno.EINVAL,
                "not a regular file (a device, FIFO or socket): give a plan file",
                name,
            )
        if info.st_size > limit:
            raise FileTooLargeError(name, info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        # Read to the end, but never past the limit: a file may grow while it is read. Each
        # read asks for what the file holds and a byte more (os.read allocates what it is asked).
        step = max(info.st_size + 1, 1 << 16)
        while chunk := os.read(descriptor, min(step, limit + 1 - total)):
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:
                raise FileTooLargeError(name, total, limit)
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def read_input(path: str | os.PathLike[str]) -> bytes:
    """The bytes of a file given to a reader: `read_regular`, with a file too large as bad content.

    Every reader (native, Excel, IATI, node-link) reads through this, so a FIFO or a device is
    refused before reading in every format, and a file past the limit is a located problem.

    Args:
        path: the file.

    Returns:
        The file's bytes.

    Raises:
        ModelError: for a file larger than `MAX_FILE_BYTES`, located at its first line.
        OSError: for a missing or unreadable file, a folder, a FIFO, device or socket.

    >>> read_input("/dev/null")
    Traceback (most recent call last):
    ...
    OSError: [Errno 22] not a regular file (a device, FIFO or socket): give a plan file: '/dev/null'
    """
    name = os.fspath(path)
    try:
        return read_regular(name)
    except FileTooLargeError as error:
        message = (
            f"the file is larger than {error.limit // (1 << 20)} MB, the most a plan file may be"
        )
        raise ModelError([Problem(name, 1, 1, message)]) from None


#: Byte order marks and the encoding each announces; a file without one is read as UTF-8.
_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes, name: str) -> str:
    r"""The text of a file's bytes: UTF-8, or UTF-16/32 when a byte order mark says so.

    Args:
        data: the file's bytes.
        name: the file, for the problem.

    Returns:
        The text, without its byte order mark.

    Raises:
        ModelError: for bytes the encoding cannot read, located at the first of them.

    >>> decode_text("Mål".encode("utf-16"), "plan.json")
    'Mål'
    >>> decode_text(b"title: M\xe5l", "plan.yaml")
    Traceback (most recent call last):
    ...
    insatslogik.errors.ModelError: 1 problem in plan.yaml:
      plan.yaml:1:9: the file is not UTF-8 text: byte 0xE5 cannot be read; save it as UTF-8
    """
    encoding = next((enc for bom, enc in _BOMS if data.startswith(bom)), "utf-8")
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        # Lines and columns count characters, as an editor shows them, not bytes.
        before = data[: error.start].decode(encoding, errors="replace")
        line = before.count("\n") + 1
        column = len(before) - (before.rfind("\n") + 1) + 1
        message = (
            f"the file is not {encoding.upper()} text: byte 0x{data[error.start]:02X} "
            "cannot be read; save it as UTF-8"
        )
        raise ModelError([Problem(name, line, column, message)]) from None


def _umask() -> int:
    # The temporary file is created 0600; a new file should get the usual permissions.
    current = os.umask(0o022)
    os.umask(current)
    return current


def _temporary_prefix(target: Path) -> str:
    """What the temporary names of `target` start with: a dot, its name cut to 40 bytes, a dot."""
    name = target.name
    while len(name.encode("utf-8", "surrogateescape")) > 40:
        name = name[:-1]
    return f".{name}."


def _remove_stale(folder: Path, target: Path) -> None:
    """Remove the temporary files a killed write of `target` left in `folder`, an hour old or more."""
    prefix = _temporary_prefix(target)
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and _RANDOM.fullmatch(entry.name, len(prefix))):
            continue
        try:
            if (
                entry.is_file(follow_symlinks=False)
                and now - entry.stat(follow_symlinks=False).st_mtime > STALE_SECONDS
            ):
                Path(entry.path).unlink()
        except OSError:  # gone already, or not ours to remove: leave it
            continue


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write `data` (text as UTF-8 with Unix newlines) to `path` via a temporary file renamed into place.

    A read-only target is refused, not replaced: renaming over it would succeed wherever the
    folder is writable, so the file's protection would mean nothing. Temporary files that a
    killed write left behind (named ``.NAME.<random>.insatslogik-tmp``) are removed once they
    are an hour old.

    Args:
        path: the file to write; through a symbolic link, the file it points to is replaced.
        data: the text or bytes.

    Returns:
        The path written, as given.

    Raises:
        WriteError: naming `path`, not the temporary file (a missing folder, a folder in the
            way, no permission, a read-only file, a loop of links, a full disk); the old file,
            if any, is unchanged.

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
        except (OSError, RuntimeError) as error:  # a loop of links, before Python 3.13
            reason = error.strerror if isinstance(error, OSError) else None
            raise WriteError(str(asked), reason or "a loop of symbolic links") from None
        if target.is_symlink():
            # From Python 3.13 a loop resolves without an error, to a link still in the loop:
            # replacing it would break the loop silently instead of saving where asked.
            raise WriteError(str(asked), "a loop of symbolic links")
    payload = data.encode("utf-8") if isinstance(data, str) else data
    try:
        exists = target.exists()
        mode = target.stat().st_mode & 0o777 if exists else 0o666 & ~_umask()
        # No write bit at all is read-only even for root, for whom access() says yes.
        if exists and target.is_file() and (not mode & 0o222 or not os.access(target, os.W_OK)):
            raise PermissionError(errno.EACCES, "the file is read-only", str(target))
        _remove_stale(target.parent, target)
        temporary = target.parent / (
            _temporary_prefix(target) + secrets.token_hex(8) + _TEMP_SUFFIX
        )
        # O_EXCL: the random name is never someone else's file, nor a link planted there.
        descriptor = os.open(
            temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600
        )
    except OSError as error:
        raise WriteError.of(asked, error) from None
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.chmod(mode)
        temporary.replace(target)
    except BaseException as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteError.of(asked, error) from None
        raise
    return asked
