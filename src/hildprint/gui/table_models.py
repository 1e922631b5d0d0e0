"""Qt table models over the core's records (attendees, papers, sessions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from hildprint.core.model import Attendee, Paper, Room, Session

Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    """One table column: its header and how to get the cell text from a record."""

    header: str
    text: Callable[[Any], str]


def _attr(name: str) -> Callable[[Any], str]:
    return lambda record: "" if getattr(record, name) is None else str(getattr(record, name))


def _time_range(session: Session) -> str:
    return f"{session.start[:10]} {session.start[11:16]}–{session.end[11:16]}"


ATTENDEE_COLUMNS = (
    Column("Name", lambda a: a.name),
    Column("Affiliation", _attr("affiliation")),
    Column("Role", _attr("role")),
    Column("Email", _attr("email")),
    Column("Country", _attr("country")),
    Column("ID", _attr("id")),
    Column("Checked in", lambda a: (a.checked_in_at or "")[:16].replace("T", " ")),
)
PAPER_COLUMNS = (
    Column("No.", _attr("number")),
    Column("Title", _attr("title")),
    Column("Authors", lambda p: ", ".join(p.author_names)),
    Column("Session", _attr("session")),
    Column("Board", _attr("board")),
    Column("Topic", _attr("topic")),
)


def session_columns(rooms: Sequence[Room]) -> tuple[Column, ...]:
    """Columns for the programme table; room ids are shown as room names."""
    names = {room.id: room.name for room in rooms}
    return (
        Column("When", _time_range),
        Column("Room", lambda s: names.get(s.room_id or "", s.room_id or "")),
        Column("Kind", _attr("kind")),
        Column("Title", lambda s: s.title + ("  (cancelled)" if s.cancelled else "")),
        Column("Speakers", lambda s: ", ".join(s.speakers)),
    )


class RecordTableModel(QAbstractTableModel):
    """A read-only table of records, one row per record, columns given by ``Column``s."""

    def __init__(self, columns: Sequence[Column], records: Sequence[Any] = (), parent: Any = None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._records = list(records)

    def set_records(self, records: Sequence[Any], columns: Sequence[Column] | None = None) -> None:
        """Replace every row (and optionally the columns)."""
        self.beginResetModel()
        self._records = list(records)
        if columns is not None:
            self._columns = tuple(columns)
        self.endResetModel()

    def record(self, row: int) -> Any:
        """The record shown in ``row``."""
        return self._records[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        """Number of records (no children: this is a flat table)."""
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        """Number of columns."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text for display and tooltips."""
        if not index.isValid() or role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        record = self._records[index.row()]
        return self._columns[index.column()].text(record)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column headers; rows are numbered from 1."""
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._columns[section].header
        return str(section + 1)


def attendee_model(records: Sequence[Attendee] = ()) -> RecordTableModel:
    """A table model for attendees."""
    return RecordTableModel(ATTENDEE_COLUMNS, records)


def paper_model(records: Sequence[Paper] = ()) -> RecordTableModel:
    """A table model for papers."""
    return RecordTableModel(PAPER_COLUMNS, records)


def session_model(records: Sequence[Session] = (), rooms: Sequence[Room] = ()) -> RecordTableModel:
    """A table model for the programme."""
    return RecordTableModel(session_columns(rooms), records)
