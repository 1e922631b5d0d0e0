"""What a poster check says: a verdict for one file and the findings behind it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SEVERITIES = ("info", "warn", "fail", "error")
"""From mild to grave. ``info`` never changes a verdict; ``error`` means the file could not
be checked (unreadable, encrypted, too slow, too big to open)."""

VERDICTS = ("pass", "warn", "fail", "error")
"""A file's verdict is its gravest finding: no finding (or only notes) is ``pass``."""


@dataclass(frozen=True)
class Finding:
    """One thing a check found, said so that the poster's author understands it."""

    severity: str
    code: str
    message: str

    def __post_init__(self) -> None:
        if self.severity not in SEVERITIES:
            raise ValueError(f"severity {self.severity!r} is not one of {', '.join(SEVERITIES)}")


@dataclass
class Verdict:
    """The outcome of checking one file against one rule set.

    ``width_in``/``height_in`` are the printed size (PDF) and ``width_px``/``height_px``
    the pixel size (images); each is None when unknown. ``thumbnail`` holds a small PNG of
    the first page when one was asked for.
    """

    file: str
    rules: str
    findings: list[Finding] = field(default_factory=list)
    kind: str = ""
    pages: int | None = None
    width_in: float | None = None
    height_in: float | None = None
    width_px: int | None = None
    height_px: int | None = None
    bytes: int | None = None
    thumbnail: bytes | None = field(default=None, repr=False)

    @property
    def verdict(self) -> str:
        """``pass``, ``warn``, ``fail`` or ``error``: the gravest finding decides."""
        worst = max((SEVERITIES.index(f.severity) for f in self.findings), default=0)
        return "pass" if worst == 0 else SEVERITIES[worst]

    @property
    def ok(self) -> bool:
        """Whether the file neither fails nor could not be checked."""
        return self.verdict in ("pass", "warn")

    def add(self, severity: str, code: str, message: str) -> None:
        """Append a finding."""
        self.findings.append(Finding(severity, code, message))

    def codes(self) -> list[str]:
        """The findings' codes, in order."""
        return [f.code for f in self.findings]

    def size_text(self) -> str:
        """"24.0 x 36.0 in", "5120 x 2880 px", or "" when the size is unknown."""
        if self.width_in and self.height_in:
            return f"{self.width_in:.1f} x {self.height_in:.1f} in"
        if self.width_px and self.height_px:
            return f"{self.width_px} x {self.height_px} px"
        return ""

    def to_json(self) -> dict[str, Any]:
        """The verdict as plain data for ``--json`` (no thumbnail)."""
        return {
            "file": self.file, "verdict": self.verdict, "rules": self.rules, "kind": self.kind,
            "width_in": _rounded(self.width_in), "height_in": _rounded(self.height_in),
            "width_px": self.width_px, "height_px": self.height_px,
            "pages": self.pages, "bytes": self.bytes,
            "findings": [asdict(f) for f in self.findings],
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def orientation(width: float, height: float) -> str:
    """``portrait``, ``landscape`` or ``square`` (within 0.5 %)."""
    if abs(width - height) <= 0.005 * max(width, height):
        return "square"
    return "landscape" if width > height else "portrait"
