"""Where the bundled data lives: ``templates/`` and ``assets/``.

In an installed wheel they sit inside the package (``hildprint/templates``); in a source
checkout they are top-level folders beside ``src/``.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent.parent
_SOURCE_ROOT = _PACKAGE_DIR.parent.parent


@cache
def data_dir(name: str) -> Path:
    """Return the folder of bundled data called ``name`` ("templates" or "assets")."""
    for candidate in (_PACKAGE_DIR / name, _SOURCE_ROOT / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"hildprint's bundled {name}/ folder is missing; reinstall hildprint")


def templates_dir() -> Path:
    """The folder of layouts, label stock and rule sets."""
    return data_dir("templates")


def assets_dir() -> Path:
    """The folder of fonts, icons and the sample event."""
    return data_dir("assets")
