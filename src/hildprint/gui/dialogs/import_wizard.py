"""The import wizard: choose (or drop) a file, check how it was read, map its columns with
a live preview of the rows as they will be imported, and see every rejected row before
anything is written to the event file.

The file is read on a worker thread (each change of file, kind or mapping reads it again),
so a large export never freezes the window; only the latest reading is shown."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from hildprint.core import services
from hildprint.gui import workers
from hildprint.gui.document import EventDocument
from hildprint.gui.runtime import SettledWindow
from hildprint.gui.widgets.table_models import (
    ATTENDEE_COLUMNS,
    PAPER_COLUMNS,
    RecordTableModel,
    session_columns,
)

KINDS = {"attendees": "Attendees (registrations)", "papers": "Papers (accepted papers)",
         "schedule": "Programme (sessions and rooms)"}
FILE_FILTER = ("Tables and exports (*.csv *.tsv *.txt *.xlsx *.json *.xml *.ics);;"
               "Programme web pages (*.html *.htm *.txt);;All files (*)")
PREVIEW_ROWS = 20
MINIMUM_SIZE = QSize(640, 440)
"""Room for the column mapping and a few preview rows; larger than any page needs."""
NOT_IMPORTED = "(not imported)"


class ImportWizard(SettledWindow, QWizard):
    """Imports one file into the document's event. ``previewed`` fires after every dry run
    (with the ImportPreview, or None when the file cannot be read); ``imported`` fires with
    the ImportReport once the records are written."""

    previewed = Signal(object)
    imported = Signal(object)

    def __init__(self, document: EventDocument, path: str | Path = "", kind: str = "attendees",
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.timezone = document.event.timezone
        self.event_dates = (document.event.start_date, document.event.end_date)
        self.reading = workers.Lane()
        self._serial = 0
        self.preview: services.ImportPreview | None = None
        self.mapping: dict[str, str] = {}
        self.report: services.ImportReport | None = None
        self.snapshots: tuple[services.Snapshot, services.Snapshot] | None = None
        """The event's records before and after the import (undoing it puts them back)."""
        self.setWindowTitle("Import")
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setButtonText(QWizard.WizardButton.FinishButton, "&Import")
        self.file_page = _FilePage(self)
        self.mapping_page = _MappingPage(self)
        self.check_page = _CheckPage(self)
        for page in (self.file_page, self.mapping_page, self.check_page):
            self.addPage(page)
        self.file_page.kind.setCurrentIndex(list(KINDS).index(kind))
        self.setMinimumSize(MINIMUM_SIZE)  # one for every page: QWizard then leaves it as it is
        self.resize(980, 640)
        if path:
            self.file_page.path.setText(str(path))

    @property
    def kind(self) -> str:
        """The kind of records imported: attendees, papers or schedule."""
        return list(KINDS)[self.file_page.kind.currentIndex()]

    @property
    def source(self) -> str:
        """The file to import."""
        return self.file_page.path.text().strip()

    def refresh(self) -> None:
        """Read the file again, on a worker thread, as it would be imported (nothing is
        written); Next waits until it has been read."""
        self._serial += 1
        self.preview = None
        self.file_page.completeChanged.emit()
        if not self.source:
            self._show(self._serial, None, "")
            return
        self.file_page.detected.setText("Reading…")
        serial, kind, source, mapping = self._serial, self.kind, self.source, dict(self.mapping)

        def read(_progress, _cancel) -> services.ImportPreview:
            return services.preview_import(kind, source, mapping=mapping, timezone=self.timezone,
                                           event_dates=self.event_dates)

        self.reading.submit(read, lambda preview: self._show(serial, preview, ""),
                            lambda message: self._show(serial, None, message), key="read")

    def _show(self, serial: int, preview: services.ImportPreview | None, error: str) -> None:
        if serial != self._serial:
            return  # a newer reading is on its way
        self.preview = preview
        for page in (self.file_page, self.mapping_page, self.check_page):
            page.show_preview(preview, error)
        self.previewed.emit(preview)

    def map_column(self, column: str, field: str) -> None:
        """Import ``column`` as ``field`` (or not at all: ``ignore``) and read again."""
        self.mapping[column] = field
        self.refresh()

    def accept(self) -> None:
        """Write the records into the event file (all or nothing when strict)."""
        try:
            before = services.snapshot(self.document.session)
            self.report = services.import_file(self.document.session, self.kind, self.source,
                                               mapping=self.mapping, strict=self.check_page.strict.isChecked())
            self.snapshots = (before, services.snapshot(self.document.session))
        except (services.HildprintError, ValueError, OSError) as error:
            self.check_page.summary.setText(f"Nothing imported: {error}")
            return
        self.document.note_change(None)
        self.imported.emit(self.report)
        super().accept()

    def done(self, result: int) -> None:
        """Close the wizard once a reading in progress has ended."""
        self.reading.close()
        super().done(result)


def describe(preview: services.ImportPreview) -> str:
    """How the file was read, in a few lines: format, encoding, delimiter, header row."""
    result = preview.result
    details = dict(result.details)
    lines = [f"Format: {details.pop('detected', result.format)}"]
    for key in ("encoding", "delimiter", "header_row", "sheet"):
        if key in details:
            lines.append(f"{key.replace('_', ' ').capitalize()}: {details.pop(key)}")
    details.pop("columns", None)
    lines += [f"{key.capitalize()}: {value}" for key, value in details.items()]
    lines.append(f"Rows read: {result.rows_read}")
    return "\n".join(lines)


class _FilePage(QWizardPage):
    """Which kind of records, which file, and what was detected about it."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Choose a file")
        self.setSubTitle("A registration export, a paper list or a programme; you can also drop "
                         "a file on the main window.")
        self.kind = QComboBox()
        self.kind.addItems(list(KINDS.values()))
        self.kind.setAccessibleName("Kind of records")
        self.path = QLineEdit()
        self.path.setAccessibleName("File to import")
        self.path.setPlaceholderText("a .csv, .xlsx, .json, .xml or .ics file, or a programme web page")
        browse = QPushButton("&Browse…")
        browse.setAccessibleName("Browse for a file")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        self.detected = QLabel()
        self.detected.setAccessibleName("Detected format")
        self.detected.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detected.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&What:", self.kind)
        file_label = QLabel("&File:")
        file_label.setBuddy(self.path)  # a row holding a layout gets no buddy by itself
        form.addRow(file_label, row)
        form.addRow("Detected:", self.detected)
        self.path.textChanged.connect(lambda _text: self._reset_mapping())
        self.kind.currentIndexChanged.connect(lambda _index: self._reset_mapping())

    def _reset_mapping(self) -> None:
        self.wizard_.mapping = {}
        self.wizard_.refresh()

    def _browse(self) -> None:
        start = self.path.text() or str(self.wizard_.document.path.parent)
        path, _ = QFileDialog.getOpenFileName(self, "Import a file", start, FILE_FILTER)
        if path:
            self.path.setText(path)

    def show_preview(self, preview: services.ImportPreview | None, error: str) -> None:
        """Show what was detected, or why the file cannot be read."""
        text = describe(preview) if preview else error
        if preview is not None and preview.missing:
            text = f"Columns: {', '.join(preview.header[:12])}\nNo column was recognised as {preview.missing}: " \
                   "choose it on the next page."
        self.detected.setText(text)
        self.detected.setStyleSheet("" if preview or not error else "color:#B3261E;")
        self.completeChanged.emit()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        """Next only once the file could be read."""
        return self.wizard_.preview is not None


class _MappingPage(QWizardPage):
    """Which column feeds which field, with the first rows as they will be imported."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Columns")
        self.setSubTitle("Check which column feeds each field; the rows below show the result.")
        self.columns = QTableWidget(0, 2)
        self.columns.setHorizontalHeaderLabels(["Column in the file", "Imported as"])
        self.columns.setAccessibleName("Column mapping")
        self.columns.verticalHeader().hide()
        self.columns.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.rows = QTableView()
        self.rows.setAccessibleName("Preview of the imported rows")
        self.rows.verticalHeader().hide()
        self.rows.setWordWrap(False)
        self.model = RecordTableModel(ATTENDEE_COLUMNS)
        self.rows.setModel(self.model)
        layout = QVBoxLayout(self)
        layout.addWidget(self.columns, 2)
        layout.addWidget(self.note)
        layout.addWidget(self.rows, 3)

    def show_preview(self, preview: services.ImportPreview | None, error: str) -> None:
        """Fill the mapping and the preview rows from the latest dry run."""
        self.note.setText(error if error else self._counts(preview))
        self.note.setStyleSheet("color:#B3261E;" if error or (preview and preview.missing) else "")
        self.completeChanged.emit()
        if preview is None:
            return
        self._fill_columns(preview)
        columns = {"attendees": ATTENDEE_COLUMNS, "papers": PAPER_COLUMNS}.get(
            preview.result.kind) or session_columns(preview.result.rooms)
        self.model.set_records(preview.result.records[:PREVIEW_ROWS], columns)
        self.rows.resizeColumnsToContents()

    def isComplete(self) -> bool:  # noqa: N802 (Qt API)
        """Next once every field a record needs has a column."""
        preview = self.wizard_.preview
        return preview is not None and not preview.missing

    @staticmethod
    def _counts(preview: services.ImportPreview | None) -> str:
        if preview is None:
            return ""
        if preview.missing:
            return (f"No column was recognised as {preview.missing}. Choose it under “Imported as” "
                    "next to the right column; the rows below then show the result.")
        result = preview.result
        return (f"First {min(PREVIEW_ROWS, len(result.records))} of {len(result.records)} records as they "
                f"will be imported; rejected rows: {len(result.rejected)}.")

    def _fill_columns(self, preview: services.ImportPreview) -> None:
        self.columns.setRowCount(len(preview.header))
        self.columns.setVisible(bool(preview.header))
        self.setTitle("Columns" if preview.header else "What will be imported")
        self.setSubTitle("Check which column feeds each field; the rows below show the result." if preview.header
                         else "The file names its own fields; these are the records it holds.")
        if not preview.header:
            self.note.setText(f"This format ({preview.result.format}) names its own fields: nothing to map. "
                              + self.note.text())
        for row, column in enumerate(preview.header):
            self.columns.setItem(row, 0, QTableWidgetItem(column))
            choice = QComboBox()
            choice.addItems([NOT_IMPORTED, *preview.fields])
            choice.setAccessibleName(f"Import column {column} as")
            choice.setCurrentText(preview.columns.get(column, NOT_IMPORTED))
            choice.currentTextChanged.connect(
                lambda text, c=column: self.wizard_.map_column(c, "ignore" if text == NOT_IMPORTED else text))
            self.columns.setCellWidget(row, 1, choice)

    def choice_for(self, column: str) -> QComboBox | None:
        """The drop-down that maps ``column`` (None when the file has no such column)."""
        for row in range(self.columns.rowCount()):
            if self.columns.item(row, 0).text() == column:
                return self.columns.cellWidget(row, 1)
        return None


class _CheckPage(QWizardPage):
    """Every rejected row and warning, before anything is written."""

    def __init__(self, wizard: ImportWizard):
        super().__init__()
        self.wizard_ = wizard
        self.setTitle("Check before importing")
        self.setSubTitle("Nothing has been written yet. Rows listed as rejected will not be imported.")
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setAccessibleName("Import summary")
        self.rejected = QListWidget()
        self.rejected.setAccessibleName("Rejected rows")
        self.warnings = QListWidget()
        self.warnings.setAccessibleName("Warnings")
        self.strict = QCheckBox("Import &nothing if any row is rejected")
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(QLabel("Rejected rows:"))
        layout.addWidget(self.rejected, 2)
        layout.addWidget(QLabel("Warnings and skipped rows:"))
        layout.addWidget(self.warnings, 1)
        layout.addWidget(self.strict)

    def show_preview(self, preview: services.ImportPreview | None, error: str) -> None:
        """List what the dry run rejected, skipped and warned about."""
        self.rejected.clear()
        self.warnings.clear()
        if preview is None:
            self.summary.setText(error)
            return
        result = preview.result
        self.summary.setText(
            f"{result.rows_read} rows read from {Path(result.file).name}: {len(result.records)} "
            f"{preview.result.kind} will be imported, {len(result.rejected)} rejected, "
            f"{len(result.skipped)} skipped. Records already in the event file are updated by id.")
        self.rejected.addItems([str(p) for p in result.rejected])
        self.warnings.addItems([f"skipped: {p}" for p in result.skipped] + [str(p) for p in result.warnings])
