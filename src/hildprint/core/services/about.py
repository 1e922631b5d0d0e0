"""What an About box tells: the versions of hildprint and what it runs on, and the fonts
it prints with under their licences."""

from __future__ import annotations

import json
import platform
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from hildprint import __version__
from hildprint.core.domain.resources import assets_dir

LIBRARIES = ("reportlab", "pikepdf", "pypdfium2")
"""Libraries whose versions are worth quoting in a bug report (those installed; the
window adds Qt and PySide6)."""


@dataclass(frozen=True)
class FontLicence:
    """One bundled font face and the file holding its licence."""

    face: str
    licence: Path

    @property
    def licence_name(self) -> str:
        """The font's licence as the file names it: the first "License:" field of a
        Debian copyright file ("OFL-1.1"), else its first line."""
        try:
            lines = [line.strip() for line in self.licence.read_text(encoding="utf-8", errors="replace").splitlines()]
        except OSError:
            return "licence file missing"
        field = next((line[len("License:"):].strip() for line in lines if line.startswith("License:")), "")
        return (field or next((line for line in lines if line), "see the licence file"))[:90]


def versions() -> dict[str, str]:
    """hildprint's version, Python's and those of the main libraries installed."""
    found = {"hildprint": __version__, "Python": platform.python_version()}
    for name in LIBRARIES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def font_licences() -> list[FontLicence]:
    """The bundled fonts, in the order they are used, each with its licence file."""
    fonts = assets_dir() / "fonts"
    table = json.loads((fonts / "fonts.json").read_text(encoding="utf-8"))
    return [FontLicence(face, fonts / table["faces"][face]["licence"]) for face in table["order"]]
