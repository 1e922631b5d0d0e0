"""What the window shows before an event is open: recent events, a new event, the sample."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services


class StartPage(QWidget):
    """The first page: open a recent event (double-click or Enter), make a new one, open
    another, or try the sample event. Each choice is a signal the window answers."""

    open_recent = Signal(str)
    new_event = Signal()
    open_other = Signal()
    open_sample = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        title = QLabel("<h1>hildprint</h1><p>Badges, signs, poster checks and the badge desk for a workshop.</p>")
        title.setWordWrap(True)
        self.recent = QListWidget()
        self.recent.setAccessibleName("Recent events")
        self.recent.itemActivated.connect(lambda item: self.open_recent.emit(item.data(Qt.ItemDataRole.UserRole)))
        self.no_recent = QLabel("No recent events yet.")
        buttons = QVBoxLayout()
        for text, signal in (("&New event…", self.new_event), ("&Open an event…", self.open_other),
                             ("Open the &sample event", self.open_sample)):
            button = QPushButton(text)
            button.setMinimumHeight(40)
            button.clicked.connect(signal)
            buttons.addWidget(button)
        buttons.addStretch(1)
        recent_column = QVBoxLayout()
        recent_column.addWidget(QLabel("<b>Recent events</b> (double-click to open)"))
        recent_column.addWidget(self.no_recent)
        recent_column.addWidget(self.recent, 1)
        columns = QHBoxLayout()
        columns.addLayout(recent_column, 3)
        columns.addLayout(buttons, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.addWidget(title)
        layout.addLayout(columns, 1)

    def show_recent(self, paths: list[str]) -> None:
        """List these event files, newest first (their name, and the folder after it)."""
        self.recent.clear()
        for path in paths:
            item = QListWidgetItem(f"{Path(path).name}    —    {Path(path).parent}")
            item.setData(Qt.ItemDataRole.UserRole, path)
            item.setToolTip(path)
            self.recent.addItem(item)
        self.no_recent.setVisible(not paths)
        self.recent.setVisible(bool(paths))
        if paths:
            self.recent.setCurrentRow(0)


def sample_event_path() -> Path:
    """The sample event in the app's data folder, made there the first time it is asked for."""
    folder = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation))
    path = folder / "sample" / "hild2026-sample.hildprint"
    if not path.is_file():
        path.parent.mkdir(parents=True, exist_ok=True)
        services.create_sample_event(path)
    return path
