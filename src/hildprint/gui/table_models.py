"""Qt table models over the core's records (attendees, papers, sessions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, Sequence

from PySide6.QtCore import (
    QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, Signal,
)

from hildprint.core.model import Attendee, Paper, Room, Session
from hildprint.core.search import fold

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
    """A table of records, one row per record, columns given by ``Column``s.

    Each row keeps a folded "haystack" of all its cells (see :func:`fold`) for
    :class:`FoldedFilterProxy`, and the model sorts itself with Python's sort on folded
    keys, which is far faster over thousands of rows than a proxy asking for every cell.
    """

    def __init__(self, columns: Sequence[Column], records: Sequence[Any] = (), parent: Any = None):
        super().__init__(parent)
        self._columns = tuple(columns)
        self._records: list[Any] = []
        self._file_order: list[Any] = []
        self.haystacks: list[str] = []
        self.version = 0
        """Counts changes to the rows, so filters know when their answers are stale."""
        self._sorted_by: tuple[int, Qt.SortOrder] = (-1, Qt.SortOrder.AscendingOrder)
        self.set_records(records)

    def set_records(self, records: Sequence[Any], columns: Sequence[Column] | None = None) -> None:
        """Replace every row (and optionally the columns), keeping the chosen sort."""
        self.beginResetModel()
        self._file_order = list(records)
        if columns is not None:
            self._columns = tuple(columns)
        self._records = self._ordered(*self._sorted_by)
        self.haystacks = [self._haystack(r) for r in self._records]
        self.version += 1
        self.endResetModel()

    def _haystack(self, record: Any) -> str:
        return fold("\x1f".join(c.text(record) for c in self._columns))

    def _ordered(self, column: int, order: Qt.SortOrder) -> list[Any]:
        if not 0 <= column < len(self._columns):
            return list(self._file_order)
        text = self._columns[column].text
        return sorted(self._file_order, key=lambda r: fold(text(r)),
                      reverse=order == Qt.SortOrder.DescendingOrder)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by a column's folded text (column -1: the file's order)."""
        self.layoutAboutToBeChanged.emit()
        self._sorted_by = (column, order)
        haystack_of = {id(r): h for r, h in zip(self._records, self.haystacks)}
        self._records = self._ordered(column, order)
        self.haystacks = [haystack_of[id(r)] for r in self._records]
        self.version += 1
        self.layoutChanged.emit()

    def record(self, row: int) -> Any:
        """The record shown in ``row``."""
        return self._records[row]

    def row_of(self, record_id: str) -> int:
        """The row of the record with this id, or -1."""
        return next((row for row, r in enumerate(self._records) if r.id == record_id), -1)

    def replace(self, row: int, record: Any) -> None:
        """Show a changed record in ``row`` (e.g. after an edit was saved)."""
        old = self._records[row]
        self._records[row] = record
        self._file_order = [record if r is old else r for r in self._file_order]
        self.haystacks[row] = self._haystack(record)
        self.version += 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def header(self, column: int) -> str:
        """A column's header text."""
        return self._columns[column].header

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        """Number of records (no children: this is a flat table)."""
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: N802 (Qt API)
        """Number of columns."""
        return 0 if parent.isValid() else len(self._columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text for display, editing and tooltips."""
        if not index.isValid() or role not in TEXT_ROLES:
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


TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.EditRole)

EDITABLE_ATTENDEE_COLUMNS = {"Name": "name", "Affiliation": "affiliation", "Role": "role"}
"""Attendee columns edited in place, and the field each one edits."""

Saver = Callable[[Any, str, str], Any]
"""Saves one edit: (record, field, new text) -> the stored record; raises with the reason."""


class AttendeeTableModel(RecordTableModel):
    """The attendee table, with name, affiliation and role editable when a ``saver`` is
    set. A refused edit leaves the cell as it was and emits ``edit_refused`` with the
    reason; a saved one emits ``edit_saved`` with the stored person."""

    edit_refused = Signal(str)
    edit_saved = Signal(object)

    def __init__(self, records: Sequence[Attendee] = (), saver: Saver | None = None, parent: Any = None):
        super().__init__(ATTENDEE_COLUMNS, records, parent)
        self.saver = saver

    def editable_field(self, column: int) -> str:
        """The field a column edits ("" when it is read-only)."""
        return EDITABLE_ATTENDEE_COLUMNS.get(self.header(column), "") if self.saver else ""

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Name, affiliation and role cells are editable."""
        flags = super().flags(index)
        if index.isValid() and self.editable_field(index.column()):
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:  # noqa: N802
        """Save an edited cell through the saver at once; False (and a message) when refused."""
        field = self.editable_field(index.column()) if index.isValid() else ""
        if role != Qt.ItemDataRole.EditRole or not field:
            return False
        if str(value) == self.data(index, Qt.ItemDataRole.EditRole):
            return True
        try:
            stored = self.saver(self._records[index.row()], field, str(value))
        except Exception as error:  # the saver's reason (EditError, StoreError) goes to the user
            self.edit_refused.emit(str(error))
            return False
        self.replace(index.row(), stored)
        self.edit_saved.emit(stored)
        return True


class FoldedFilterProxy(QSortFilterProxyModel):
    """Shows the rows whose folded text holds every word of the filter, accents and case
    ignored ("zoe muller" finds "Zoë Müller"). Sorting is the source model's."""

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._words: list[str] = []
        self._accepted: list[bool] = []
        self._seen_version = -1
        self._source: RecordTableModel | None = None

    def setSourceModel(self, model: RecordTableModel) -> None:  # noqa: N802 (Qt API)
        """Filter ``model`` (kept at hand: filtering asks it once per row)."""
        self._source = model
        super().setSourceModel(model)

    def set_query(self, text: str) -> None:
        """Filter by ``text`` (empty: every row)."""
        self.beginFilterChange()
        self._words = fold(text).split()
        self._accepted = self._matching_rows()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def _matching_rows(self) -> list[bool]:
        """One scan in a comprehension per word: Qt then only looks each row's answer up."""
        if self._source is None:
            return []
        self._seen_version = self._source.version
        accepted = [True] * len(self._source.haystacks)
        for word in self._words:
            accepted = [ok and word in haystack for ok, haystack in zip(accepted, self._source.haystacks)]
        return accepted

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:  # noqa: N802 (Qt API)
        """Whether every filter word occurs in the row's folded text."""
        if not self._words:
            return True
        if self._seen_version != self._source.version:  # the rows changed since
            self._accepted = self._matching_rows()
        return self._accepted[source_row]

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Let the source model sort (in Python, once) instead of comparing cell by cell."""
        self._source.sort(column, order)


def attendee_model(records: Sequence[Attendee] = (), saver: Saver | None = None) -> AttendeeTableModel:
    """A table model for attendees (editable when ``saver`` is given)."""
    return AttendeeTableModel(records, saver)


def paper_model(records: Sequence[Paper] = ()) -> RecordTableModel:
    """A table model for papers."""
    return RecordTableModel(PAPER_COLUMNS, records)


def session_model(records: Sequence[Session] = (), rooms: Sequence[Room] = ()) -> RecordTableModel:
    """A table model for the programme."""
    return RecordTableModel(session_columns(rooms), records)
