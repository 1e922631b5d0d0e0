"""QR codes as grids of modules: what a code holds and how large it is, without drawing.

Encoding uses a fixed mask pattern: searching all eight masks costs about five times as
much and any mask decodes. The quiet zone of four modules is counted but not stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import qrcode
from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M, ERROR_CORRECT_Q

QUIET_ZONE = 4
"""Empty modules around the code, as the QR standard asks."""
FIXED_MASK = 2
LEVELS = {"L": ERROR_CORRECT_L, "M": ERROR_CORRECT_M, "Q": ERROR_CORRECT_Q}


@dataclass(frozen=True)
class QRMatrix:
    """The modules of one code (True = dark), without the quiet zone."""

    payload: str
    version: int
    rows: tuple[tuple[bool, ...], ...]

    @property
    def size(self) -> int:
        """Modules per side."""
        return len(self.rows)

    def total_modules(self) -> int:
        """Modules per side including the quiet zone on both sides."""
        return self.size + 2 * QUIET_ZONE


@lru_cache(maxsize=4096)
def encode(payload: str, level: str = "M", max_version: int | None = None) -> QRMatrix:
    """Encode ``payload``; raise ValueError when it needs a version above ``max_version``."""
    code = qrcode.QRCode(error_correction=LEVELS[level], border=0, mask_pattern=FIXED_MASK)
    code.add_data(payload)
    code.make(fit=True)
    if max_version is not None and code.version > max_version:
        raise ValueError(f"{payload[:30]!r}… needs QR version {code.version}; at most {max_version} is allowed")
    return QRMatrix(payload, code.version, tuple(tuple(row) for row in code.modules))


def dark_rectangles(matrix: QRMatrix) -> list[tuple[int, int, int]]:
    """Horizontal runs of dark modules as (row, first column, length)."""
    runs = []
    for row_index, row in enumerate(matrix.rows):
        start = None
        for column, dark in enumerate(row + (False,)):
            if dark and start is None:
                start = column
            elif not dark and start is not None:
                runs.append((row_index, start, column - start))
                start = None
    return runs


def mecard(name: str, email: str = "", affiliation: str = "") -> str:
    """A MECARD contact payload (read by phone cameras) with the reserved characters escaped."""
    def escape(text: str) -> str:
        return "".join("\\" + c if c in '\\;:,"' else c for c in text)
    fields = [f"N:{escape(name)}"]
    if email:
        fields.append(f"EMAIL:{escape(email)}")
    if affiliation:
        fields.append(f"ORG:{escape(affiliation)}")
    return "MECARD:" + ";".join(fields) + ";;"
