"""The architecture holds: core is usable without Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import hildprint.core

REPO_ROOT = Path(__file__).resolve().parent.parent


def test_importing_all_of_core_loads_no_qt():
    """Every module under hildprint.core imports without pulling in PySide6."""
    names = [m.name for m in pkgutil.walk_packages(hildprint.core.__path__, "hildprint.core.")]
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6'))\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert len(names) > 5
    assert out.stdout.strip() == ""


def test_import_linter_contracts_hold():
    """The import-linter contracts in pyproject.toml (core never imports Qt or the GUI) pass."""
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=REPO_ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "2 kept, 0 broken" in out.stdout
