"""Shared test set-up: Qt runs offscreen, GUI tests are marked (and not collected where
PySide6 cannot be imported), the corpus is optional."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))  # so tests can share helpers as ``tests.helpers``
SHARED_DIR = REPO_ROOT.parent / "shared"
CORPUS_DIR = SHARED_DIR / "corpus"


def _qt_missing() -> str:
    """Why PySide6 cannot be imported here, or "" when it can."""
    try:
        import PySide6  # noqa: F401  (only whether it imports)
    except ImportError as error:
        return str(error)
    return ""


QT_MISSING = _qt_missing()
collect_ignore = ["gui"] if QT_MISSING else []
"""Without Qt (installed without the gui extra) the GUI tests are not even imported."""


def pytest_report_header() -> str | None:
    """Say so in the run's header when the GUI tests are left out."""
    return f"tests/gui not collected: PySide6 cannot be imported ({QT_MISSING})" if QT_MISSING else None


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test under tests/gui as ``gui`` so ``-m "not gui"`` runs without Qt."""
    for item in items:
        if "tests/gui/" in str(item.path).replace(os.sep, "/"):
            item.add_marker(pytest.mark.gui)


@pytest.fixture
def corpus() -> Path:
    """The shared corpus of real files; the test is skipped when it is not beside the checkout."""
    if not CORPUS_DIR.is_dir():
        pytest.skip(f"the shared corpus is not at {CORPUS_DIR} (it sits beside the checkout in CI)")
    return CORPUS_DIR


@pytest.fixture(scope="session")
def pg_server():
    """A throwaway PostgreSQL server of the tests' own (skipped, saying why, where none can start)."""
    from tests.helpers.postgres import NoServer, start_server

    try:
        server = start_server()
    except NoServer as error:
        pytest.skip(str(error))
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """The URL of a new, empty database on the tests' server."""
    return pg_server.new_database()


@pytest.fixture
def smtp_server():
    """A real SMTP server on loopback: (inbox, "smtp://127.0.0.1:PORT")."""
    from tests.helpers.smtp import smtp_on_loopback

    with smtp_on_loopback() as server:
        yield server
