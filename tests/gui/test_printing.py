"""QPrinter at 100 %: exact page layouts, and a badge drawn through QPrinter that keeps its
size and its content in place (checked in Qt's own PDF output, no print queue needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QPageLayout
from tests.helpers.pdf import decode_qr_codes, ink_box_mm, page_sizes_mm

from hildprint.core.desk.operations import Desk
from hildprint.core.domain.tokens import make_token
from hildprint.core.store.sqlite import EventStore
from hildprint.gui.printing import (
    PrintError,
    exact_page_layout,
    make_printer,
    print_pdf,
    send_to_printer,
)


@pytest.mark.parametrize(("size", "orientation"), [
    ((105.0, 148.0), QPageLayout.Orientation.Portrait), ((85.6, 54.0), QPageLayout.Orientation.Landscape),
])
def test_exact_page_layout_has_no_margins_and_the_badge_size(qapp, size, orientation):
    """The layout is the badge's size in mm, turned for landscape, with zero margins, full page."""
    layout = exact_page_layout(*size)
    full = layout.fullRect(QPageLayout.Unit.Millimeter)
    assert (round(full.width(), 2), round(full.height(), 2)) == size
    assert layout.orientation() == orientation and layout.mode() == QPageLayout.Mode.FullPageMode
    assert layout.margins().isNull()


@pytest.fixture
def badge_pdf(sample_event, tmp_path) -> tuple[Path, str]:
    with EventStore.open(sample_event) as store:
        result = Desk(store, "test").print_badge("H010", tmp_path / "H010.pdf")
        return result.pdf, make_token(store.event, "H010")


def test_a_badge_through_qprinter_keeps_its_size_and_content_in_place(qapp, badge_pdf, tmp_path):
    """Printed through QPrinter, the A6 badge stays A6 (to 0.5 mm) and everything on it
    sits where it sits in the badge PDF (to 1 mm): 100 %, not fitted to a page."""
    source, token = badge_pdf
    out = tmp_path / "through-qprinter.pdf"
    print_pdf(source, make_printer("", (105.0, 148.0), output_pdf=out))
    (width, height), = page_sizes_mm(out)
    assert abs(width - 105.0) <= 0.5 and abs(height - 148.0) <= 0.5
    for printed, original in zip(ink_box_mm(out), ink_box_mm(source)):
        assert abs(printed - original) <= 1.0
    assert decode_qr_codes(out, 0, dpi=300) == [token]


def test_an_unreadable_badge_pdf_is_a_clear_print_error(qapp, tmp_path):
    """A damaged PDF is refused with its name; nothing is sent."""
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(PrintError, match=r"broken\.pdf"):
        print_pdf(broken, make_printer("", (105.0, 148.0), output_pdf=tmp_path / "out.pdf"))
    assert not (tmp_path / "out.pdf").exists()


def test_an_unknown_printer_is_named_in_the_error(qapp):
    """Asking for a printer the system does not know fails at once, naming it."""
    with pytest.raises(PrintError, match="No-Such-Printer"):
        send_to_printer("No-Such-Printer")
