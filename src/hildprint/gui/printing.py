"""Printing a badge PDF on a real printer through QPrinter, at 100 % on the exact page size.

The badge PDF (one page the size of the stock's page) is drawn onto a QPrinter whose page
layout is that size in millimetres, with zero margins and the full page as the paint
area: nothing is fitted to a page or scaled. QtPdf rasterises the page at the printer's
resolution (at most :data:`MAX_DPI`), which keeps text and the QR code sharp.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QGuiApplication, QPageLayout, QPageSize, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from hildprint.gui.runtime import keep_singletons_alive

SAVE_AS_PDF = "Save as PDF"
"""The printer chooser's entry for writing the badge to a PDF file instead."""
DEFAULT_DPI = 600
MAX_DPI = 600
"""Finer than any badge printer needs, and an A6 page at 600 dpi renders in ~0.1 s."""


class PrintError(RuntimeError):
    """A badge could not be sent to the printer; the message says why."""


def printer_names() -> list[str]:
    """The printers the system knows (CUPS queues on Linux and macOS), default first."""
    names = list(QPrinterInfo.availablePrinterNames())
    default = QPrinterInfo.defaultPrinterName()
    return sorted(names, key=lambda name: (name != default, name.casefold()))


def exact_page_layout(width_mm: float, height_mm: float) -> QPageLayout:
    """A page layout of exactly ``width_mm`` x ``height_mm`` with no margins.

    QPageSize stores sizes portrait, so a landscape badge is a portrait size turned
    with the layout's orientation.
    """
    landscape = width_mm > height_mm
    short, long = sorted((width_mm, height_mm))
    size = QPageSize(QSizeF(short, long), QPageSize.Unit.Millimeter,
                     f"Badge {width_mm:g} x {height_mm:g} mm", QPageSize.SizeMatchPolicy.ExactMatch)
    orientation = QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    layout = QPageLayout(size, orientation, QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    layout.setMode(QPageLayout.Mode.FullPageMode)
    return layout


def make_printer(printer_name: str, page_mm: tuple[float, float], output_pdf: str | Path | None = None,
                 dpi: int = DEFAULT_DPI, title: str = "badge") -> QPrinter:
    """A QPrinter set up for one badge page: ``printer_name`` (a system queue) or, with
    ``output_pdf``, Qt's own PDF output (used to check the layout without a printer)."""
    _need_gui_application()
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    if output_pdf is not None:
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(output_pdf))
    else:
        if printer_name not in QPrinterInfo.availablePrinterNames():
            raise PrintError(f"no printer called {printer_name!r} (known: "
                             f"{', '.join(printer_names()) or 'none'})")
        printer.setPrinterName(printer_name)
        if not printer.isValid():
            raise PrintError(f"the printer {printer_name!r} cannot be used")
    printer.setResolution(min(dpi, MAX_DPI))
    printer.setFullPage(True)
    printer.setDocName(title)
    printer.setColorMode(QPrinter.ColorMode.Color)
    if not printer.setPageLayout(exact_page_layout(*page_mm)):
        raise PrintError(f"the printer {printer_name!r} refuses a {page_mm[0]:g} x {page_mm[1]:g} mm page")
    return printer


def print_pdf(pdf: str | Path, printer: QPrinter) -> None:
    """Draw each page of ``pdf`` onto ``printer`` at 100 %: the page fills the printer's
    page, which has the PDF page's size, so one millimetre stays one millimetre."""
    _need_gui_application()
    document = QPdfDocument()
    status = document.load(str(pdf))
    if status != QPdfDocument.Error.None_ or document.pageCount() < 1:
        raise PrintError(f"{pdf}: cannot read the badge PDF ({status.name})")
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError(f"cannot start printing on {printer.printerName() or printer.outputFileName()}")
    try:
        target = printer.pageLayout().fullRectPixels(printer.resolution())
        for page in range(document.pageCount()):
            if page:
                printer.newPage()
            image = document.render(page, target.size())
            if image.isNull():
                raise PrintError(f"{pdf}: page {page + 1} could not be drawn")
            painter.drawImage(target, image)
    finally:
        if not painter.end():
            raise PrintError(f"the printer {printer.printerName()!r} did not take the job")
        document.close()


def send_to_printer(printer_name: str, dpi: int = DEFAULT_DPI) -> Callable[[Path, tuple[float, float]], None]:
    """A driver for the desk's badge printing (``services.write_desk_badge``): prints a badge PDF of the
    given page size (mm) on ``printer_name``. Raises PrintError when it cannot."""
    if printer_name not in QPrinterInfo.availablePrinterNames():
        raise PrintError(f"no printer called {printer_name!r} (known: {', '.join(printer_names()) or 'none'})")

    def send(pdf: Path, page_mm: tuple[float, float]) -> None:
        print_pdf(pdf, make_printer(printer_name, page_mm, dpi=dpi, title=f"badge {Path(pdf).stem}"))

    return send


def _need_gui_application() -> None:
    """QtPdf and QPrinter need a QGuiApplication; from the command line, start one that
    draws offscreen when there is no display."""
    if QGuiApplication.instance() is None:
        if not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
            os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
        keep_singletons_alive()
        global _APP
        _APP = QGuiApplication([])


_APP: QGuiApplication | None = None
