"""The real print path: a badge through QPrinter to a CUPS queue (cups-pdf), measured in the
PDF that comes out of the queue. ``./run.sh test`` installs ``cups`` and
``printer-driver-cups-pdf``; the shared helper starts cupsd and adds the queue when it
can, and skips, saying why, only where CUPS cannot run."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from tests.helpers.cups import CupsPdfQueue, assert_page_size, cups_pdf_queue
from tests.helpers.pdf import decode_qr_codes, ink_box_mm

from hildprint.core.desk.operations import Desk
from hildprint.core.domain.tokens import make_token
from hildprint.core.store.sqlite import EventStore
from hildprint.gui.desk_window import DeskWindow
from hildprint.gui.printing import send_to_printer

JOB_TIMEOUT_MS = 60_000


@pytest.fixture(scope="module")
def cups_pdf() -> CupsPdfQueue:
    """The cups-pdf queue and the folders its PDFs appear in."""
    return cups_pdf_queue()


def test_enter_at_the_desk_prints_through_cups_on_the_exact_a6_page(qtbot, settings, sample_event, cups_pdf):
    """Choosing the CUPS queue and pressing Enter sends the badge through QPrinter; the PDF
    the queue writes is A6 (the desk's page for the default stock) to 0.5 mm, at 100 %
    (everything on it where it is in the badge PDF, to 1 mm), and its QR code decodes."""
    queue = cups_pdf.name
    window = DeskWindow(sample_event, settings, desk_name="cups desk")
    qtbot.addWidget(window)
    assert queue in [window.printer.itemText(i) for i in range(window.printer.count())]
    window.printer.setCurrentText(queue)
    before = cups_pdf.pdfs()
    window.search.setText("nguyen")
    with qtbot.waitSignal(window.printed, timeout=JOB_TIMEOUT_MS) as signal:
        qtbot.keyClick(window.search, Qt.Key.Key_Return)
    assert signal.args[0].record.printer == queue
    out = cups_pdf.wait_for_pdf("", before)
    assert_page_size(out, (105.0, 148.0))
    for printed, original in zip(ink_box_mm(out), ink_box_mm(signal.args[0].pdf)):
        assert abs(printed - original) <= 1.0  # the content sits where it does in the badge
    assert decode_qr_codes(out, 0) == [make_token(window.desk.event, "H010")]
    out.unlink()  # kept only when a check fails, for a look


def test_a_card_badge_keeps_its_size_through_cups(qtbot, sample_event, tmp_path, cups_pdf):
    """A CR80 card (85.6 x 54 mm, landscape) comes out of the queue the card's size; CUPS
    hands the page over portrait, as a card printer feeds it."""
    queue = cups_pdf.name
    before = cups_pdf.pdfs()
    with EventStore.open(sample_event) as store:
        Desk(store, "cups desk", stock="cr80").print_badge("H001", tmp_path / "H001.pdf", queue,
                                                          send_to_printer(queue))
    out = cups_pdf.wait_for_pdf("", before)
    assert_page_size(out, (85.6, 54.0), turned=True)
    out.unlink()
