"""Where a rendered PDF goes: into a file written atomically, or into memory.

Every renderer writes to a binary stream and returns what it did; these two helpers give
it the stream. A file appears at its path only when the renderer has finished: if it
raises, the path keeps what it had before and no temporary file is left.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from hildprint.core.domain.files import atomic_output

Done = TypeVar("Done")


def write_pdf(target: str | Path, render: Callable[[BinaryIO], Done]) -> Done:
    """Run ``render`` on a stream into a hidden file beside ``target``, which replaces
    ``target`` once ``render`` returns; returns what ``render`` returned."""
    with atomic_output(target) as temporary, open(temporary, "wb") as stream:
        return render(stream)


def pdf_in_memory(render: Callable[[BinaryIO], Done]) -> tuple[bytes, Done]:
    """Run ``render`` on a stream in memory; returns the PDF and what ``render`` returned."""
    buffer = io.BytesIO()
    done = render(buffer)
    return buffer.getvalue(), done
