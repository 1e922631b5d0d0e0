"""Writing output files so that an interrupted run never leaves half a file behind.

Everything is written to a hidden temporary file beside the target and renamed over it
only when complete; a rename within one folder is atomic, so the target is either the old
file or the whole new one.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hildprint.core.domain.errors import HildprintError


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_FILE_MODE = 0o666 & ~_current_umask()  # read once, at import, before any threads start


class OutputError(HildprintError, OSError):
    """The output file cannot be written; the message names it and says why."""


@contextmanager
def atomic_output(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path to write to; on success it replaces ``target``, on any error
    (or interruption) it is removed and ``target`` is left as it was."""
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise OutputError(f"{target}: the folder {folder} does not exist")
    remove_leftovers(target)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{target.name}.{os.getpid()}.", suffix=".part", dir=folder)
    except OSError as error:
        raise OutputError(f"{target}: cannot write in {folder} ({error.strerror or error})") from error
    os.close(handle)
    temporary = Path(name)
    existed = target.exists()
    try:
        yield temporary
        os.chmod(temporary, _FILE_MODE)  # mkstemp makes it private; give it a normal file's mode
        os.replace(temporary, target)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        if isinstance(error, OutputError):
            raise
        raise OutputError(f"{target}: could not be written ({why_not_written(error)}); "
                          + ("the file there keeps what it held before" if existed
                             else "nothing was written at that path")) from error
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def why_not_written(error: OSError) -> str:
    """The reason a write failed, in words: a full disk is named as one."""
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return f"the disk is full: {error.strerror}"
    return error.strerror or str(error)


def remove_leftovers(target: Path) -> list[Path]:
    """Remove the hidden temporary files that runs killed while writing ``target`` left
    beside it (their process is gone); a run still writing keeps its own. Returns what
    was removed."""
    folder = target.parent if str(target.parent) else Path(".")
    removed = []
    for leftover in folder.glob(f".{glob.escape(target.name)}.*.part"):
        owner = leftover.name[len(target.name) + 2:].split(".", 1)[0]
        if owner.isdigit() and not _process_alive(int(owner)):
            with contextlib.suppress(OSError):
                leftover.unlink()
                removed.append(leftover)
    return removed


def _process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # exists, but belongs to someone else
        return True
    return True


# -- cells for spreadsheets -----------------------------------------------------------
FORMULA_SIGNS = ("=", "+", "-", "@")
HIDING = ("\t", "\r", "\n", " ")
"""A spreadsheet runs a cell beginning with a formula sign, also behind these characters."""

def neutralise(value: Any) -> str:
    """The cell's text, with an apostrophe in front when a spreadsheet would run it."""
    text = "" if value is None else str(value)
    if text.lstrip("".join(HIDING)).startswith(FORMULA_SIGNS) or text.startswith(HIDING[:2]):
        return "'" + text
    return text
