"""Where the bundled data lives: ``templates/`` and ``assets/``.

In an installed wheel they sit inside the package (``hildprint/templates``); in a source
checkout they are top-level folders beside ``src/``.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from hildprint.core.domain.errors import HildprintError

_PACKAGE_DIR = Path(__file__).resolve().parents[2]  # src/hildprint
_SOURCE_ROOT = _PACKAGE_DIR.parent.parent


class MissingData(HildprintError, FileNotFoundError):
    """hildprint's own bundled data is not where it should be (a broken installation)."""


@cache
def data_dir(name: str) -> Path:
    """Return the folder of bundled data called ``name`` ("templates" or "assets")."""
    for candidate in (_PACKAGE_DIR / name, _SOURCE_ROOT / name):
        if candidate.is_dir():
            return candidate
    raise MissingData(f"hildprint's bundled {name}/ folder is missing; reinstall hildprint")


def templates_dir() -> Path:
    """The folder of layouts, label stock and rule sets."""
    return data_dir("templates")


def assets_dir() -> Path:
    """The folder of fonts, icons and the sample event."""
    return data_dir("assets")


def load_data_file(name_or_path: str | Path, folder: Path, noun: str, error: type[Exception],
                   hint: str = "or give a .json file") -> tuple[Any, Path]:
    """The JSON data of a bundled file in ``folder`` by name, or of a file by path, and its
    path. Errors (of type ``error``) name the file, or list the bundled names."""
    path = Path(name_or_path)
    if path.suffix != ".json":
        path = folder / f"{name_or_path}.json"
        if not path.is_file():
            known = ", ".join(sorted(p.stem for p in folder.glob("*.json")))
            raise error(f"no {noun} called {str(name_or_path)!r}; choose one of {known} ({hint})")
    try:
        return json.loads(path.read_text(encoding="utf-8")), path
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as failure:
        raise error(f"{path}: cannot read the {noun} ({failure})") from failure
