"""Sending a badge to a printer at 100 % on a page of the badge's size.

:meth:`~hildprint.core.desk.operations.Desk.print_badge` is handed a :class:`BadgePrinter`:
anything that takes the badge PDF and its page size in millimetres and prints it or raises.
:class:`CupsPrinter` does it with CUPS's ``lp`` and needs no GUI toolkit, so the command
line prints on a machine without Qt; the window has its own driver for its print dialog.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from typing import Protocol

from hildprint.core.domain.errors import HildprintError

LP_TIMEOUT_S = 30.0
"""How long ``lp`` may take to hand a job to the scheduler (it does not wait for the print)."""


class PrinterError(HildprintError):
    """A badge could not be sent to a printer; the message names the printer and says why."""


class BadgePrinter(Protocol):
    """A printer for badges: prints ``pdf`` on a page of ``page_mm`` (width, height in mm)
    at 100 %, or raises :class:`PrinterError` (or the driver's own error) saying why."""

    def __call__(self, pdf: Path, page_mm: tuple[float, float]) -> None:
        """Print ``pdf`` on a page of ``page_mm``."""


def custom_media(page_mm: tuple[float, float]) -> str:
    """The CUPS media name of a page of exactly ``page_mm``: ``Custom.105x148mm``.

    The short edge comes first, as a printer feeds the page; a landscape badge (a card) is
    turned onto it by CUPS.
    """
    short, long = sorted(round(side, 2) for side in page_mm)
    return f"Custom.{short:g}x{long:g}mm"


class CupsPrinter:
    """A CUPS queue printed to with ``lp``: the page is the badge's own size and nothing is
    scaled, fitted or framed, so a millimetre on the badge is a millimetre on paper.

    ``lp`` is the program (a name looked up on the PATH, or a path); ``jobs`` lists the
    request ids CUPS gave the badges sent so far ("PDF-7"), to follow or cancel them.
    """

    def __init__(self, queue: str, lp: str = "lp"):
        self.queue = queue
        self.lp = lp
        self.jobs: list[str] = []

    def command(self, pdf: Path, page_mm: tuple[float, float]) -> list[str]:
        """The ``lp`` command line that prints ``pdf`` on this queue."""
        return [
            self.lp, "-d", self.queue, "-t", f"badge {Path(pdf).stem}",
            "-o", f"media={custom_media(page_mm)}",
            "-o", "print-scaling=none", "-o", "fit-to-page=false",
            "--", str(pdf),
        ]

    def __call__(self, pdf: Path, page_mm: tuple[float, float]) -> None:
        """Hand ``pdf`` to the queue (see :meth:`submit`)."""
        self.submit(pdf, page_mm)

    def submit(self, pdf: Path, page_mm: tuple[float, float]) -> str:
        """Hand ``pdf`` to the queue and return the job's request id ("" when lp gave none);
        PrinterError when lp is missing or the queue refuses."""
        if shutil.which(self.lp) is None:
            raise PrinterError(f"cannot print on {self.queue!r}: the lp command of CUPS is not installed "
                               "(Debian package cups-client)")
        try:
            done = subprocess.run(self.command(pdf, page_mm), capture_output=True, text=True,
                                  timeout=LP_TIMEOUT_S, check=False)
        except subprocess.TimeoutExpired as error:
            raise PrinterError(f"cannot print on {self.queue!r}: CUPS did not answer within "
                               f"{LP_TIMEOUT_S:g} s (is the scheduler running?)") from error
        except OSError as error:
            raise PrinterError(f"cannot print on {self.queue!r}: {error}") from error
        if done.returncode != 0:
            raise PrinterError(f"the printer {self.queue!r} refused the badge: {_lp_reason(done)}")
        found = re.search(r"request id is (\S+)", done.stdout)
        job = found.group(1) if found else ""
        self.jobs.append(job)
        return job


def _lp_reason(done: subprocess.CompletedProcess) -> str:
    """lp's own message without its ``lp:`` prefix, or its exit status when it said nothing."""
    message = (done.stderr or done.stdout).strip()
    message = re.sub(r"^lp:\s*", "", message.splitlines()[-1]) if message else ""
    return message or f"lp exited with status {done.returncode}"
