"""The real print path: a badge through QPrinter to a CUPS queue (cups-pdf), measured in the
PDF that comes out of the queue. ``./run.sh test`` installs ``cups`` and
``printer-driver-cups-pdf``; this module starts cupsd and adds the queue when it can, and
skips, saying why, only where CUPS cannot run."""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from PySide6.QtCore import Qt
from tests.helpers.pdf import decode_qr_codes, ink_box_mm, page_sizes_mm

from hildprint.core.desk.operations import Desk
from hildprint.core.domain.tokens import make_token
from hildprint.core.store.sqlite import EventStore
from hildprint.gui.desk_window import DeskWindow
from hildprint.gui.printing import send_to_printer

CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
CUPS_PDF_PPDS = (Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"), Path("/usr/share/cups/model/CUPS-PDF_opt.ppd"))
QUEUE = "PDF"
TOLERANCE_MM = 0.5
JOB_TIMEOUT_MS = 60_000


def _run(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(command, capture_output=True, text=True, timeout=30, check=False)


def _scheduler_running() -> bool:
    return "is running" in _run("lpstat", "-r").stdout


def _start_cupsd() -> None:
    cupsd = shutil.which("cupsd") or "/usr/sbin/cupsd"
    if not Path(cupsd).exists():
        pytest.skip("CUPS is not installed (Debian packages cups and printer-driver-cups-pdf)")
    if os.geteuid() != 0:
        pytest.skip("cupsd is not running and only root can start it")
    started = _run(cupsd)
    deadline = time.monotonic() + 15
    while not _scheduler_running():  # waiting for a daemon to come up, not for the GUI
        if time.monotonic() > deadline:
            pytest.skip(f"cupsd did not start: {started.stderr.strip() or started.stdout.strip() or 'no message'}")
        time.sleep(0.1)


def _cups_pdf_queue() -> str | None:
    for line in _run("lpstat", "-v").stdout.splitlines():
        match = re.match(r"device for (\S+): cups-pdf:", line)
        if match:
            return match.group(1)
    return None


def _add_queue() -> str:
    ppd = next((p for p in CUPS_PDF_PPDS if p.exists()), None)
    if ppd is None or not Path("/usr/lib/cups/backend/cups-pdf").exists():
        pytest.skip("the cups-pdf virtual printer is not installed (Debian package printer-driver-cups-pdf)")
    if os.geteuid() != 0:
        pytest.skip("there is no cups-pdf queue and only root can add one")
    added = _run("lpadmin", "-p", QUEUE, "-v", "cups-pdf:/", "-E", "-P", str(ppd))
    if added.returncode != 0:
        pytest.skip(f"could not add the cups-pdf queue: {added.stderr.strip()}")
    return QUEUE


def _output_folders() -> list[Path]:
    """Where cups-pdf puts a job of this user (its ``Out`` setting) or an anonymous one."""
    home = pwd.getpwuid(os.getuid()).pw_dir
    folders = [Path(home) / "PDF", Path("/var/spool/cups-pdf/ANONYMOUS")]
    if CUPS_PDF_CONF.exists():
        for line in CUPS_PDF_CONF.read_text(errors="replace").splitlines():
            key, _, value = line.strip().partition(" ")
            if key in ("Out", "AnonDirName") and value.strip():
                folders.insert(0, Path(value.strip().replace("${HOME}", home)))
    return folders


@pytest.fixture(scope="module")
def cups_pdf() -> tuple[str, list[Path]]:
    """The cups-pdf queue's name and the folders its PDFs appear in."""
    if shutil.which("lpstat") is None:
        pytest.skip("CUPS is not installed (Debian packages cups and printer-driver-cups-pdf)")
    if not _scheduler_running():
        _start_cupsd()
    queue = _cups_pdf_queue() or _add_queue()
    return queue, _output_folders()


def _pdfs(folders: list[Path]) -> set[Path]:
    return {p for folder in folders if folder.is_dir() for p in folder.glob("*.pdf")}


def _wait_for_new_pdf(qtbot, queue: str, folders: list[Path], before: set[Path]) -> Path:
    """The PDF the queue writes for our job, once the job is done and the file whole."""
    found: list[Path] = []

    def complete() -> bool:
        if _run("lpstat", "-o", queue).stdout.strip():
            return False  # the job is still queued or being written
        for path in sorted(_pdfs(folders) - before):
            try:
                pdfium.PdfDocument(str(path)).close()
            except pdfium.PdfiumError:
                continue
            found.append(path)
            return True
        return False

    qtbot.waitUntil(complete, timeout=JOB_TIMEOUT_MS)
    return found[0]


def _assert_size(path: Path, expected: tuple[float, float]) -> None:
    (width, height), = page_sizes_mm(path)
    assert abs(width - expected[0]) <= TOLERANCE_MM and abs(height - expected[1]) <= TOLERANCE_MM, (
        f"{path}: {width:.2f} x {height:.2f} mm, expected {expected[0]} x {expected[1]} mm")


def test_enter_at_the_desk_prints_through_cups_on_the_exact_a6_page(qtbot, settings, sample_event, cups_pdf):
    """Choosing the CUPS queue and pressing Enter sends the badge through QPrinter; the PDF
    the queue writes is A6 (the desk's page for the default stock) to 0.5 mm, at 100 %
    (everything on it where it is in the badge PDF, to 1 mm), and its QR code decodes."""
    queue, folders = cups_pdf
    window = DeskWindow(sample_event, settings, desk_name="cups desk")
    qtbot.addWidget(window)
    assert queue in [window.printer.itemText(i) for i in range(window.printer.count())]
    window.printer.setCurrentText(queue)
    before = _pdfs(folders)
    window.search.setText("nguyen")
    with qtbot.waitSignal(window.printed, timeout=JOB_TIMEOUT_MS) as signal:
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert signal.args[0].record.printer == queue
    out = _wait_for_new_pdf(qtbot, queue, folders, before)
    _assert_size(out, (105.0, 148.0))
    for printed, original in zip(ink_box_mm(out), ink_box_mm(signal.args[0].pdf)):
        assert abs(printed - original) <= 1.0  # the content sits where it does in the badge
    assert decode_qr_codes(out, 0) == [make_token(window.desk.event, "H010")]
    out.unlink()  # kept only when a check fails, for a look


def test_a_card_badge_keeps_its_size_through_cups(qtbot, sample_event, tmp_path, cups_pdf):
    """A CR80 card (85.6 x 54 mm, landscape) comes out of the queue the card's size; CUPS
    hands the page over portrait, as a card printer feeds it."""
    queue, folders = cups_pdf
    before = _pdfs(folders)
    with EventStore.open(sample_event) as store:
        Desk(store, "cups desk", stock="cr80").print_badge("H001", tmp_path / "H001.pdf", queue,
                                                          send_to_printer(queue))
    out = _wait_for_new_pdf(qtbot, queue, folders, before)
    (width, height), = page_sizes_mm(out)
    assert abs(max(width, height) - 85.6) <= TOLERANCE_MM and abs(min(width, height) - 54.0) <= TOLERANCE_MM
    out.unlink()
