"""The posters view: drop poster files or folders, see each verdict in colour with its
message in plain words, look at a poster against the allowed area, export the report.

Checking runs in the core's worker processes, driven from a worker thread, so the window
stays responsive while hundreds of posters are read; each verdict shows as soon as its file
is done. A file checked again keeps its one row. Choosing another rule set marks every
verdict as out of date and checks the files again.
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
from hildprint.gui.dialogs.author_messages import AuthorMessagesDialog
from hildprint.gui.dialogs.fit_poster import FitDialog
from hildprint.gui.dialogs.poster_outline import OutlineDialog, verdict_message
from hildprint.gui.document import EventDocument

VERDICT_TINTS = {"pass": "#E6F4EA", "warn": "#FEF3E0", "fail": "#FCE8E6", "error": "#ECEDEF"}
"""Row backgrounds: pale forms of the report's verdict colours."""
COLUMNS = ("File", "Verdict", "Size", "Message")
OUT_OF_DATE = "#6B7280"
"""The text colour of a verdict made under a rule set no longer chosen."""


class PostersView(QWidget):
    """Poster checks against one rule set; the file choosers start in the folder of the
    document's event, when one is open. ``checked`` fires with the verdicts of each run
    once they are in the table; ``exported`` with the report's path."""

    checked = Signal(list)
    exported = Signal(str)
    verdict_ready = Signal(object)
    """One file's verdict, emitted from the checking thread as soon as it is done."""

    def __init__(self, document: EventDocument | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.verdicts: list[Verdict] = []
        """One per row, in the order of the rows."""
        self.task: workers.Task | None = None
        self._queued: list[str | Path] = []
        """Files dropped while a check runs: checked as soon as it ends."""
        self.verdict_ready.connect(self._put_verdict)
        self.setAcceptDrops(True)
        self.rules = QComboBox()
        self.rules.addItems(services.rule_names())
        self.rules.setCurrentText(services.DEFAULT_RULES)
        self.rules.setAccessibleName("Poster rules")
        self.rules.currentTextChanged.connect(self._rules_changed)
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
        self.fit_button = QPushButton("&Fit to the rules…")
        self.fit_button.setAccessibleName("Fit the selected poster to the rules")
        self.fit_button.setToolTip("Scale the selected poster PDF to the largest size the rules allow")
        self.fit_button.setEnabled(False)
        self.fit_button.clicked.connect(self.fit_selected)
        row.addWidget(self.fit_button)
        self.message_button = QPushButton("&Message authors…")
        self.message_button.setAccessibleName("Message the authors of posters that fail or warn")
        self.message_button.setToolTip("Check the event's posters and write to the authors of those that fail or warn")
        self.message_button.clicked.connect(self.message_authors)
        row.addWidget(self.message_button)
        self._event_changed()
        if self.document is not None:
            self.document.opened.connect(self._event_changed)
            self.document.closed.connect(self._event_changed)
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
        table.setColumnWidth(1, 150)  # room for "FAIL (old rules)"
        table.setColumnWidth(2, 120)
        table.cellDoubleClicked.connect(lambda row, _column: self.show_outline(row))
        table.itemSelectionChanged.connect(self._selection_changed)
        return table

    def _event_changed(self) -> None:
        self.message_button.setEnabled(self.document is not None and self.document.is_open)

    def message_authors(self) -> AuthorMessagesDialog | None:
        """Open the dialog that checks the event's posters and previews a message per paper."""
        if self.document is None or not self.document.is_open:
            return None
        dialog = AuthorMessagesDialog(self.document.path, self.rules.currentText(), self)
        dialog.open()
        return dialog

    def _selection_changed(self) -> None:
        self.fit_button.setEnabled(self._fittable(self.table.currentRow()))

    def _fittable(self, row: int) -> bool:
        """Whether the poster in ``row`` is a PDF whose verdict asks for a fix of its size."""
        if not 0 <= row < len(self.verdicts):
            return False
        verdict = self.verdicts[row]
        return verdict.kind == "pdf" and bool({"too-large", "small", "unusual-size"} & set(verdict.codes()))

    def fit_selected(self) -> FitDialog | None:
        """Open the dialog that fits the selected poster to the rules, before and after."""
        row = self.table.currentRow()
        if not self._fittable(row):
            return None
        dialog = FitDialog(self.verdicts[row].file, self.rules.currentText(), self)
        dialog.open()
        return dialog

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
        """Check ``paths`` (folders are walked) on a worker thread, or as soon as the running
        check ends; False when refused."""
        if self.task is not None and self.task.running:
            self._queued += list(paths)
            self.hint.setText("A check is running; these files are checked as soon as it ends.")
            return True
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
        each = self.verdict_ready.emit  # queued across to this thread: a row per finished file

        def job(progress, cancel) -> list[Verdict]:
            return services.check_poster_files(files, request, progress, cancel, each)

        self.task = workers.start(job, self._add_verdicts, self._failed, self._progressed, self._check_ended)
        self.cancel_button.setEnabled(True)
        return True

    def _check_ended(self) -> None:
        queued, self._queued = self._queued, []
        if queued:
            self.check(list(dict.fromkeys(queued)))

    def _rules_changed(self, rules: str) -> None:
        """Mark every verdict as made under the old rules, then check the files again."""
        if not self.verdicts:
            return
        for row in range(self.table.rowCount()):
            item = self.table.item(row, 1)
            item.setText(f"{self.verdicts[row].verdict.upper()} (old rules)")
            item.setForeground(QBrush(QColor(OUT_OF_DATE)))
            item.setToolTip(f"Checked against {self.verdicts[row].rules}, not {rules}; being checked again")
        if self.task is not None and self.task.running:
            self.task.cancel()
        self.recheck()  # at once, or as soon as the cancelled run has ended

    def recheck(self) -> bool:
        """Check every listed file again against the rule set chosen now."""
        return self.check([v.file for v in self.verdicts]) if self.verdicts else False

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
        for verdict in verdicts:  # those already shown as they finished keep their row
            self._put_verdict(verdict)
        counts = {v: sum(1 for x in self.verdicts if x.verdict == v) for v in VERDICT_COLOURS}
        self.hint.setText(f"{len(self.verdicts)} posters: " + ", ".join(f"{n} {v}" for v, n in counts.items())
                          + ". Double-click a row to see the poster against the allowed area.")
        self.checked.emit(verdicts)

    def row_of(self, file: str) -> int:
        """The row of a file's verdict, or -1."""
        wanted = str(Path(file).resolve())
        return next((row for row, v in enumerate(self.verdicts) if str(Path(v.file).resolve()) == wanted), -1)

    def _put_verdict(self, verdict: Verdict) -> None:
        """Show a verdict in its file's row (a new row for a file not listed yet)."""
        row = self.row_of(verdict.file)
        if row < 0:
            row = self.table.rowCount()
            self.table.insertRow(row)
            self.verdicts.append(verdict)
        else:
            self.verdicts[row] = verdict
        self._fill_row(row, verdict)

    def _fill_row(self, row: int, verdict: Verdict) -> None:
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
