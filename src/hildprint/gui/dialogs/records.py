"""Forms for one paper (title, authors, session, board, poster file) and one programme
session (title, times, room, cancelled). Each gives back an edited copy of its record;
the window saves it through the services, which check it."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from hildprint.core import services
from hildprint.gui.runtime import SettledWindow

AUTHOR_LINE = re.compile(r"^(?P<name>.*?)\s*(?:\((?P<affiliation>[^()]*)\))?\s*$")
"""One author per line: "Ada Lovelace (Analytical Engines Ltd)"; the affiliation is optional."""
NO_ROOM = "(no room)"
TIME_FORMAT = "yyyy-MM-dd HH:mm"


def authors_text(paper: services.Paper) -> str:
    """A paper's authors, one per line, each with its affiliation in brackets."""
    return "\n".join(f"{a.name} ({a.affiliation})" if a.affiliation else a.name for a in paper.authors)


def authors_from(text: str) -> list:
    """The authors written one per line (empty lines skipped)."""
    authors = []
    for line in text.splitlines():
        match = AUTHOR_LINE.match(line.strip())
        if match and match["name"]:
            authors.append(services.Author(match["name"], (match["affiliation"] or "").strip()))
    return authors


def _buttons(dialog: QDialog) -> QDialogButtonBox:
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


class PaperDialog(SettledWindow, QDialog):
    """Edits one paper; ``folder`` is where the poster file browser starts (the event's)."""

    def __init__(self, paper: services.Paper, session_titles: list[str], folder: Path,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.paper, self.folder = paper, folder
        self.setWindowTitle(f"Paper {paper.number or paper.id}")
        self.title = QLineEdit(paper.title)
        self.title.setAccessibleName("Title")
        self.authors = QPlainTextEdit(authors_text(paper))
        self.authors.setAccessibleName("Authors, one per line")
        self.authors.setTabChangesFocus(True)
        self.authors.setPlaceholderText("One author per line: Name (Affiliation)")
        self.session = QComboBox()
        self.session.setEditable(True)
        self.session.addItems(sorted({paper.session, *session_titles} - {""}))
        self.session.setCurrentText(paper.session)
        self.session.setAccessibleName("Session")
        self.board = QLineEdit(paper.board)
        self.board.setAccessibleName("Board")
        self.poster = QLineEdit(paper.poster_file)
        self.poster.setAccessibleName("Poster file")
        browse = QPushButton("&Browse…")
        browse.clicked.connect(self._browse)
        poster_row = QHBoxLayout()
        poster_row.addWidget(self.poster, 1)
        poster_row.addWidget(browse)
        form = QFormLayout(self)
        form.addRow("&Title", self.title)
        form.addRow("&Authors", self.authors)
        form.addRow("&Session", self.session)
        form.addRow("Boa&rd", self.board)
        poster_label = QLabel("&Poster file")
        poster_label.setBuddy(self.poster)  # a row holding a layout gets no buddy by itself
        form.addRow(poster_label, poster_row)
        form.addRow(_buttons(self))
        self.resize(640, self.sizeHint().height())

    def _browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose the poster", str(self.folder),
                                              "Posters (*.pdf *.png *.jpg *.jpeg)")
        if path:
            self.poster.setText(path)

    def edited(self) -> services.Paper:
        """The paper as the form holds it."""
        return replace(self.paper, title=self.title.text(), authors=authors_from(self.authors.toPlainText()),
                       session=self.session.currentText().strip(), board=self.board.text().strip(),
                       poster_file=self.poster.text().strip())


class SessionDialog(SettledWindow, QDialog):
    """Edits one programme session; times are shown and kept in the session's own UTC offset."""

    def __init__(self, item: services.Session, rooms: list[services.Room], parent: QWidget | None = None):
        super().__init__(parent)
        self.item = item
        self.setWindowTitle("Session")
        self.title = QLineEdit(item.title)
        self.title.setAccessibleName("Title")
        self.local_title = QLineEdit(item.local_title)
        self.local_title.setAccessibleName("Title in the second language")
        self.start, self.end = self._time(item.start, "Starts"), self._time(item.end, "Ends")
        self.room = QComboBox()
        self.room.addItem(NO_ROOM, "")
        for room in rooms:
            self.room.addItem(room.name, room.id)
        self.room.setCurrentIndex(max(0, self.room.findData(item.room_id or "")))
        self.room.setAccessibleName("Room")
        self.cancelled = QCheckBox("&Cancelled (door signs say so)")
        self.cancelled.setChecked(item.cancelled)
        form = QFormLayout(self)
        form.addRow("&Title", self.title)
        form.addRow("Title in the &second language", self.local_title)
        form.addRow("St&arts", self.start)
        form.addRow("&Ends", self.end)
        form.addRow("&Room", self.room)
        form.addRow(self.cancelled)
        form.addRow(_buttons(self))
        self.resize(560, self.sizeHint().height())

    @staticmethod
    def _time(text: str, name: str) -> QDateTimeEdit:
        edit = QDateTimeEdit()
        edit.setDisplayFormat(TIME_FORMAT)
        edit.setCalendarPopup(True)
        edit.setAccessibleName(name)
        edit.setDateTime(QDateTime.fromString(text[:16].replace("T", " "), TIME_FORMAT))
        return edit

    def _iso(self, edit: QDateTimeEdit, stored: str) -> str:
        """The edited wall time with the stored time's UTC offset."""
        wall = datetime.fromisoformat(edit.dateTime().toString("yyyy-MM-ddTHH:mm"))
        try:
            offset = datetime.fromisoformat(stored).tzinfo
        except ValueError:
            offset = None
        return wall.replace(tzinfo=offset).isoformat() if offset else wall.isoformat()

    def edited(self) -> services.Session:
        """The session as the form holds it."""
        return replace(self.item, title=self.title.text(), local_title=self.local_title.text().strip(),
                       start=self._iso(self.start, self.item.start), end=self._iso(self.end, self.item.end),
                       room_id=self.room.currentData() or None, cancelled=self.cancelled.isChecked())
