"""GUI test fixtures: an isolated settings file and a sample event to open."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings

from hildprint.core.services.sample import create_sample_event
from hildprint.gui.app import application

ARTIFACTS = Path(__file__).resolve().parent.parent / "_artifacts"


@pytest.fixture(scope="session")
def qapp():
    """The application, with the bundled fonts registered (overrides pytest-qt's)."""
    return application()


@pytest.fixture
def settings(tmp_path):
    """QSettings in a temporary file, so tests never touch the user's recent files."""
    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def sample_event(tmp_path) -> Path:
    """A fresh copy of the bundled sample event."""
    return create_sample_event(tmp_path / "hild2026.hildprint")


def save_screenshot(widget, name: str) -> Path:
    """Save a picture of ``widget`` under tests/_artifacts for a reviewer to look at."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()  # let layouts catch up with the texts just set
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    assert widget.grab().save(str(path)), f"could not save {path}"
    return path


@pytest.fixture
def shown_window(qtbot, settings, sample_event):
    """The main window on the sample event, shown at 1366 x 768, closed afterwards."""
    from hildprint.gui.main_window import MainWindow

    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(sample_event)
    window.resize(1366, 768)
    window.show()
    yield window
    window.close()
