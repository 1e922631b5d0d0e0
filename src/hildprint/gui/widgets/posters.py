"""The posters view: drop poster files or folders, see each verdict in colour with its
message in plain words, look at a poster against the allowed area, export the report.

Checking runs in the core's worker processes, driven from a worker thread, so the window
stays responsive while hundreds of posters are read.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services
from hildprint.core.services import VERDICT_COLOURS, Verdict
from hildprint.gui import workers
from hildprint.gui.dialogs.poster_outline import OutlineDialog, verdict_message
from hildprint.gui.document import EventDocument

VERDICT_TINTS = {"pass": "#E6F4EA", "warn": "#FEF3E0", "fail": "#FCE8E6", "error": "#ECEDEF"}
"""Row backgrounds: pale forms of the report's verdict colours."""
COLUMNS = ("File", "Verdict", "Size", "Message")


class PostersView(QWidget):
    """Poster checks against one rule set; the file choosers start in the folder of the
    document's event, when one is open. ``checked`` fires with the verdicts of each run
    once they are in the table; ``exported`` with the report's path."""

    checked = Signal(list)
    exported = Signal(str)

    def __init__(self, document: EventDocument | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.verdicts: list[Verdict] = []
        self.task: workers.Task | None = None
        self.setAcceptDrops(True)
        self.rules = QComboBox()
        self.rules.addItems(services.rule_names())
        self.rules.setCurrentText(services.DEFAULT_RULES)
        self.rules.setAccessibleName("Poster rules")
        self.hint = QLabel("Drop poster files or folders here, or add them with the buttons.")
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Poster check progress")
        self.progress.hide()
        self.table = self._make_table()
        layout = QVBoxLayout(self)
        layout.addLayout(self._button_row())
        layout.addWidget(self.hint)
        layout.addWidget(self.progress)
        layout.addWidget(self.table, 1)

    def _button_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.addWidget(QLabel("Rules:"))
        row.addWidget(self.rules)
        for text, name, slot in (("Add &files…", "Add poster files", self.ask_files),
                                 ("Add f&older…", "Add a folder of posters", self.ask_folder),
                                 ("E&xport report…", "Export the poster report", self.ask_export),
                                 ("C&lear", "Clear the poster list", self.clear)):
            button = QPushButton(text)
            button.setAccessibleName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        self.cancel_button = QPushButton("&Cancel check")
        self.cancel_button.setAccessibleName("Cancel the poster check")
        self.cancel_button.setEnabled(False)
        self.cancel_button.clicked.connect(self.cancel)
        row.addWidget(self.cancel_button)
        row.addStretch(1)
        return row

    def cancel(self) -> None:
        """Stop the running check: files not yet started are listed as not checked."""
        if self.task is not None and self.task.running:
            self.task.cancel()

    def _make_table(self) -> QTableWidget:
        table = QTableWidget(0, len(COLUMNS))
        table.setHorizontalHeaderLabels(COLUMNS)
        table.setAccessibleName("Poster verdicts")
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        table.setWordWrap(True)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        table.setColumnWidth(0, 260)
        table.setColumnWidth(1, 70)
        table.setColumnWidth(2, 120)
        table.cellDoubleClicked.connect(lambda row, _column: self.show_outline(row))
        return table

    # -- adding posters ----------------------------------------------------------------------
    def ask_files(self) -> None:
        """Choose poster files to check."""
        paths, _ = QFileDialog.getOpenFileNames(self, "Check poster files", self._start_folder(),
                                                "Posters (*.pdf *.png *.jpg *.jpeg);;All files (*)")
        if paths:
            self.check(paths)

    def ask_folder(self) -> None:
        """Choose a folder whose posters are checked."""
        folder = QFileDialog.getExistingDirectory(self, "Check a folder of posters", self._start_folder())
        if folder:
            self.check([folder])

    def _start_folder(self) -> str:
        return str(self.document.path.parent) if self.document is not None and self.document.is_open else ""

    def dragEnterEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Accept files and folders from a file manager."""
        if event.mimeData().hasUrls():
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:  # noqa: N802 (Qt API)
        """Check the dropped files and folders."""
        paths = [u.toLocalFile() for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.check(paths)

    def check(self, paths: list[str | Path]) -> bool:
        """Check ``paths`` (folders are walked) on a worker thread; False when refused."""
        if self.task is not None and self.task.running:
            self.hint.setText("A check is running; wait for it to finish.")
            return False
        try:
            request = services.PosterRequest(self.rules.currentText(), thumbnails=True)
            files = services.find_poster_files(paths)
        except (services.HildprintError, OSError) as error:
            self.hint.setText(f"Not checked: {error}")
            return False
        self.progress.setRange(0, max(1, len(files)))
        self.progress.setValue(0)
        self.progress.show()
        self.hint.setText(f"Checking {len(files)} files against {self.rules.currentText()}…")
        def run(progress, cancel):
            return services.check_poster_files(files, request, progress, cancel)

        self.task = workers.start(run, self._add_verdicts, self._failed, self._progressed)
        self.cancel_button.setEnabled(True)
        return True

    def _progressed(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)

    def _failed(self, message: str) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        self.hint.setText(f"The check stopped: {message}")

    def _add_verdicts(self, verdicts: list[Verdict]) -> None:
        self.progress.hide()
        self.cancel_button.setEnabled(False)
        for verdict in verdicts:
            self._add_row(verdict)
        self.verdicts += verdicts
        counts = {v: sum(1 for x in self.verdicts if x.verdict == v) for v in VERDICT_COLOURS}
        self.hint.setText(f"{len(self.verdicts)} posters: " + ", ".join(f"{n} {v}" for v, n in counts.items())
                          + ". Double-click a row to see the poster against the allowed area.")
        self.checked.emit(verdicts)

    def _add_row(self, verdict: Verdict) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        tint = QBrush(QColor(VERDICT_TINTS[verdict.verdict]))
        details = "\n".join(f"{f.severity}: {f.message}" for f in verdict.findings) or "No findings."
        texts = (Path(verdict.file).name, verdict.verdict.upper(), verdict.size_text(), verdict_message(verdict))
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            item.setBackground(tint)
            item.setToolTip(f"{verdict.file}\n{details}")
            self.table.setItem(row, column, item)
        verdict_item = self.table.item(row, 1)
        verdict_item.setForeground(QBrush(QColor(VERDICT_COLOURS[verdict.verdict])))
        font = verdict_item.font()
        font.setBold(True)
        verdict_item.setFont(font)
        self.table.resizeRowToContents(row)

    def clear(self) -> None:
        """Empty the list."""
        self.verdicts = []
        self.table.setRowCount(0)
        self.hint.setText("Drop poster files or folders here, or add them with the buttons.")

    # -- looking and exporting -----------------------------------------------------------------
    def show_outline(self, row: int) -> OutlineDialog | None:
        """Open the dialog showing a poster's thumbnail with the allowed area over it."""
        if not 0 <= row < len(self.verdicts):
            return None
        dialog = OutlineDialog(self.verdicts[row], self.rules.currentText(), self)
        dialog.open()
        return dialog

    def ask_export(self) -> None:
        """Choose where to write the report (.html with thumbnails, or .csv)."""
        path, _ = QFileDialog.getSaveFileName(self, "Export the poster report", "posters.html",
                                              "HTML report (*.html);;CSV table (*.csv)")
        if path:
            self.export(path)

    def export(self, path: str | Path) -> bool:
        """Write the report of every verdict listed; returns whether it was written."""
        if not self.verdicts:
            self.hint.setText("Nothing to export yet: check some posters first.")
            return False
        try:
            written = services.write_report(path, self.verdicts, services.load_rules(self.rules.currentText()))
        except (services.HildprintError, OSError) as error:
            self.hint.setText(f"Not exported: {error}")
            return False
        self.hint.setText(f"Report written to {written}")
        self.exported.emit(str(written))
        return True

    def wait(self) -> None:
        """Wait for a check in progress (before the window closes)."""
        if self.task is not None:
            self.task.wait()
