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
    """The import-linter contracts in pyproject.toml pass: the layers (front ends, services,
    features, domain), the front ends reaching the core only through services, and Qt
    kept out of the core and the command line."""
    lint = Path(sys.executable).with_name("lint-imports")
    out = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=REPO_ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "4 kept, 0 broken" in out.stdout
    for contract in ("layers: front ends, services, features, domain",
                     "front ends reach the core only through its services", "core never imports Qt"):
        assert f"{contract} KEPT" in out.stdout


def test_no_source_module_is_over_500_lines():
    """Every module under src/hildprint stays readable: at most 500 lines."""
    long = {str(path.relative_to(REPO_ROOT)): n for path in (REPO_ROOT / "src").rglob("*.py")
            if (n := len(path.read_text(encoding="utf-8").splitlines())) > 500}
    assert long == {}


def test_the_folders_read_as_the_architecture():
    """The core's top level holds the layers the architecture page names, nothing else."""
    core = REPO_ROOT / "src" / "hildprint" / "core"
    packages = {p.name for p in core.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    assert packages == {"domain", "services", "desk", "render", "importers", "store", "validate", "layout"}
    page = (REPO_ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for name in packages:
        assert f"core/{name}/" in page
