"""The built wheel carries templates/ and assets/ and works without the source tree."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """Build the project's wheel once for this module."""
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(out), str(REPO_ROOT)],
        check=True, capture_output=True,
    )
    (built,) = out.glob("hildprint-*.whl")
    return built


def _data_files(folder: str) -> set[str]:
    root = REPO_ROOT / folder
    return {f"hildprint/{folder}/{p.relative_to(root).as_posix()}" for p in root.rglob("*") if p.is_file()}


def test_wheel_contains_every_template_and_asset(wheel):
    """Every file under templates/ and assets/ is inside the wheel, under hildprint/."""
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = _data_files("templates") | _data_files("assets")
    assert "hildprint/assets/sample/hild2026.json" in expected
    assert expected <= names, sorted(expected - names)[:10]


def test_installed_wheel_runs_the_demo_without_the_source_tree(wheel, tmp_path):
    """Unpacked on its own, the wheel finds its data inside itself and runs the demo."""
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    code = (
        "import sys, hildprint, hildprint.core.domain.resources as r\n"
        "print(hildprint.__file__); print(r.templates_dir()); print(r.assets_dir())\n"
        "from hildprint.cli import main\n"
        "sys.exit(main(['demo', 'out']))\n"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    run = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                         capture_output=True, text=True)
    assert run.returncode in (0, 1), run.stderr
    module, templates, assets = run.stdout.splitlines()[:3]
    for path in (module, templates, assets):
        assert Path(path).is_relative_to(site), path
    assert (tmp_path / "out" / "hild2026.hildprint").is_file()


def test_qt_is_only_in_the_gui_extra(wheel):
    """Installing hildprint pulls in no Qt; PySide6 comes with the ``gui`` extra, and both
    entry points are declared."""
    archive = zipfile.ZipFile(wheel)
    metadata = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))).decode()
    requires = [line.removeprefix("Requires-Dist: ") for line in metadata.splitlines()
                if line.startswith("Requires-Dist: ")]
    qt = [r for r in requires if r.lower().startswith(("pyside6", "shiboken6"))]
    assert qt and all(r.endswith("extra == 'gui'") or r.endswith('extra == "gui"') for r in qt), qt
    assert "Provides-Extra: gui" in metadata
    entry_points = archive.read(next(n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")))
    assert b"hildprint = hildprint.cli:main" in entry_points
    assert b"hildprint-gui = hildprint.gui.app:main" in entry_points
