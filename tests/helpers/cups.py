"""A real CUPS queue for print tests: the cups-pdf virtual printer, and the PDFs it writes.

``./run.sh test`` installs ``cups`` and ``printer-driver-cups-pdf``. :func:`cups_pdf_queue`
starts cupsd and adds the queue when it can, and skips the test, saying why, only where
CUPS cannot run (not installed, or not root to start it).
"""

from __future__ import annotations

import os
import pwd
import re
import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from tests.helpers.pdf import page_sizes_mm

CUPS_PDF_CONF = Path("/etc/cups/cups-pdf.conf")
CUPS_PDF_PPDS = (Path("/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd"), Path("/usr/share/cups/model/CUPS-PDF_opt.ppd"))
QUEUE = "PDF"
TOLERANCE_MM = 0.5
JOB_TIMEOUT_S = 60.0


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
    while not _scheduler_running():  # waiting for a daemon to come up
        if time.monotonic() > deadline:
            pytest.skip(f"cupsd did not start: {started.stderr.strip() or started.stdout.strip() or 'no message'}")
        time.sleep(0.1)


def _existing_queue() -> str | None:
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


@dataclass(frozen=True)
class CupsPdfQueue:
    """The cups-pdf queue's name and the folders its PDFs appear in."""

    name: str
    folders: list[Path]

    def pdfs(self) -> set[Path]:
        """Every PDF in the queue's output folders now."""
        return {p for folder in self.folders if folder.is_dir() for p in folder.glob("*.pdf")}

    def wait_for_pdf(self, job: str, before: set[Path], timeout_s: float = JOB_TIMEOUT_S) -> Path:
        """The whole PDF the queue wrote for request ``job`` ("PDF-7"; cups-pdf names its
        file ``...-job_7.pdf``), or, for a job of unknown id, the one new since ``before``."""
        number = job.rpartition("-")[2]
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:  # waiting for the CUPS filters and backend to finish
            if not (job and job in _run("lpstat", "-o", self.name).stdout):
                found = self._readable(sorted(self.pdfs() - before), number)
                if found is not None:
                    return found
            time.sleep(0.2)
        raise AssertionError(f"the {self.name} queue wrote no PDF for job {job or '?'} within {timeout_s:g} s "
                             f"(looked in {', '.join(map(str, self.folders))})")

    @staticmethod
    def _readable(new: list[Path], number: str) -> Path | None:
        mine = [p for p in new if p.stem.endswith(f"job_{number}")] if number.isdigit() else new
        for path in mine:
            try:
                pdfium.PdfDocument(str(path)).close()
            except pdfium.PdfiumError:
                continue  # still being written
            return path
        return None


def cups_pdf_queue() -> CupsPdfQueue:
    """The cups-pdf queue, set up when it can be; skips the test where CUPS cannot run."""
    if shutil.which("lpstat") is None:
        pytest.skip("CUPS is not installed (Debian packages cups and printer-driver-cups-pdf)")
    if not _scheduler_running():
        _start_cupsd()
    return CupsPdfQueue(_existing_queue() or _add_queue(), _output_folders())


def assert_page_size(path: Path, expected_mm: tuple[float, float], turned: bool = False) -> None:
    """``path`` has one page of ``expected_mm`` to within 0.5 mm (either way round when
    ``turned`` may have happened)."""
    (size,) = page_sizes_mm(path)
    if turned:
        size, expected_mm = tuple(sorted(size)), tuple(sorted(expected_mm))
    assert all(abs(got - want) <= TOLERANCE_MM for got, want in zip(size, expected_mm)), (
        f"{path}: {size[0]:.2f} x {size[1]:.2f} mm, expected {expected_mm[0]} x {expected_mm[1]} mm")
