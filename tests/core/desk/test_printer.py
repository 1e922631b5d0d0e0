"""Badges through CUPS with lp: the page the queue prints is the badge's, at 100 %."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest
import zxingcpp
from tests.helpers.cups import CupsPdfQueue, assert_page_size, cups_pdf_queue
from tests.helpers.pdf import render

from hildprint.core.desk.operations import Desk
from hildprint.core.desk.printer import CupsPrinter, PrinterError, custom_media
from hildprint.core.domain.errors import HildprintError
from hildprint.core.services.sample import create_sample_event
from hildprint.core.store.sqlite import EventStore


@pytest.fixture(scope="module")
def queue() -> CupsPdfQueue:
    return cups_pdf_queue()


@pytest.fixture
def event(tmp_path) -> Path:
    return create_sample_event(tmp_path / "hild.hildprint")


def _qr_square_mm(path: Path, dpi: int = 300) -> tuple[float, float, float]:
    """The left and top edge of the page's QR code and its side, in mm."""
    (found,) = zxingcpp.read_barcodes(render(path, 0, dpi), formats=zxingcpp.BarcodeFormat.QRCode)
    corners = found.position
    xs = [p.x for p in (corners.top_left, corners.top_right, corners.bottom_right, corners.bottom_left)]
    ys = [p.y for p in (corners.top_left, corners.top_right, corners.bottom_right, corners.bottom_left)]
    return min(xs) * 25.4 / dpi, min(ys) * 25.4 / dpi, (max(xs) - min(xs)) * 25.4 / dpi


def _fake_lp(folder: Path, exit_code: int, message: str) -> str:
    script = folder / "lp"
    script.write_text(f"#!/bin/sh\necho '{message}' >&2\nexit {exit_code}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_custom_media_names_the_exact_page_short_edge_first():
    """A6 and a landscape CR80 card become CUPS custom sizes in mm, short edge first."""
    assert custom_media((105.0, 148.0)) == "Custom.105x148mm"
    assert custom_media((85.6, 54.0)) == "Custom.54x85.6mm"


def test_the_lp_command_asks_for_the_page_and_no_scaling():
    """lp is told the queue, the exact page and no scaling or fitting; the file comes after --."""
    command = CupsPrinter("Desk-1").command(Path("-odd.pdf"), (105.0, 148.0))
    assert command[:3] == ["lp", "-d", "Desk-1"]
    options = [command[i + 1] for i, part in enumerate(command) if part == "-o"]
    assert options == ["media=Custom.105x148mm", "print-scaling=none", "fit-to-page=false"]
    assert command[-2:] == ["--", "-odd.pdf"]


def test_a_missing_lp_is_refused_clearly(tmp_path):
    """Without CUPS's lp the printer refuses with an expected error naming the queue."""
    printer = CupsPrinter("Desk-1", lp=str(tmp_path / "no-lp"))
    with pytest.raises(PrinterError, match=r"'Desk-1'.*lp command of CUPS is not installed") as refused:
        printer(tmp_path / "badge.pdf", (105.0, 148.0))
    assert isinstance(refused.value, HildprintError)


def test_a_queue_that_refuses_the_job_says_why_and_nothing_is_logged(tmp_path, event):
    """lp's own reason reaches the message; the desk logs no print that did not go through."""
    lp = _fake_lp(tmp_path, 1, "lp: The printer or class does not exist.")
    with EventStore.open(event) as store:
        desk = Desk(store, "desk")
        with pytest.raises(PrinterError, match=r"'Gone' refused the badge: The printer or class does not exist\.$"):
            desk.print_badge("H001", tmp_path / "H001.pdf", "Gone", CupsPrinter("Gone", lp=lp))
        assert store.print_log() == []


@pytest.mark.parametrize(("stock", "page_mm"), [("a6-4up-a4", (105.0, 148.0)), ("cr80", (85.6, 54.0))])
def test_the_queue_prints_the_badge_page_at_its_size_and_at_100_percent(queue, event, tmp_path, stock, page_mm):
    """Through the real cups-pdf queue the page comes out the badge's size to 0.5 mm (a card
    turned portrait, as a card printer feeds it) and the QR code sits where it does on the
    badge, its side unchanged: nothing was scaled."""
    printer = CupsPrinter(queue.name)
    before = queue.pdfs()
    with EventStore.open(event) as store:
        desk = Desk(store, "cups desk", stock=stock)
        assert desk.badges.page_size_mm == pytest.approx(page_mm)
        badge = desk.print_badge("H010", tmp_path / "H010.pdf", queue.name, printer).pdf
    out = queue.wait_for_pdf(printer.jobs[-1], before)
    assert_page_size(out, page_mm, turned=page_mm[0] > page_mm[1])
    printed, original = _qr_square_mm(out), _qr_square_mm(badge)
    assert abs(printed[2] - original[2]) <= 0.3, (printed, original)
    assert abs(printed[0] - original[0]) <= 0.5 and abs(printed[1] - original[1]) <= 0.5, (printed, original)
    out.unlink()  # kept only when a check fails, for a look
