"""Qt table models over the core's records (attendees, papers, sessions)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import (
    QAbstractProxyModel,
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)

from hildprint.core.services import Attendee, Paper, Room, Session, fold

Index = QModelIndex | QPersistentModelIndex
ROOT = QModelIndex()
"""The invalid index: the parent of every row of a flat table."""


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
        """Counts changes to the rows, so lookups know when their answers are stale."""
        self._row_by_id: tuple[dict[str, int], int] | None = None
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
        if self._row_by_id is None or self._row_by_id[1] != self.version:
            self._row_by_id = ({r.id: row for row, r in enumerate(self._records)}, self.version)
        return self._row_by_id[0].get(record_id, -1)

    def replace(self, row: int, record: Any) -> None:
        """Show a changed record in ``row`` (e.g. after an edit was saved)."""
        old = self._records[row]
        self._records[row] = record
        self._file_order = [record if r is old else r for r in self._file_order]
        self.haystacks[row] = self._haystack(record)
        self.version += 1
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self._columns) - 1))

    def update_records(self, records: Sequence[Any]) -> None:
        """Show these stored records in the rows of the records with their ids, where
        they differ from what is shown (records not in the table are left out)."""
        for record in records:
            row = self.row_of(record.id)
            if row >= 0 and self._records[row] != record:
                self.replace(row, record)

    def header(self, column: int) -> str:
        """A column's header text."""
        return self._columns[column].header

    def text_at(self, row: int, column: int) -> str:
        """The text of one cell, without building an index (views ask for thousands)."""
        return self._columns[column].text(self._records[row])

    def column_flags(self, column: int) -> Qt.ItemFlag:
        """The flags of every cell in ``column``."""
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 (Qt API)
        """Number of records (no children: this is a flat table)."""
        return 0 if parent.isValid() else len(self._records)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 (Qt API)
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

    def column_flags(self, column: int) -> Qt.ItemFlag:
        """Name, affiliation and role cells are editable."""
        flags = super().column_flags(column)
        return flags | Qt.ItemFlag.ItemIsEditable if self.editable_field(column) else flags

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Name, affiliation and role cells are editable."""
        return self.column_flags(index.column()) if index.isValid() else Qt.ItemFlag.NoItemFlags

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


class FoldedFilterProxy(QAbstractProxyModel):
    """Shows the rows whose folded text holds every word of the filter, accents and case
    ignored ("zoe muller" finds "Zoë Müller"). Sorting is the source model's.

    The filter is one scan over the source's precomputed haystacks in Python, and the
    proxy is then reset: over 10,000 rows that is far quicker than Qt asking a Python
    ``filterAcceptsRow`` row by row. A reset drops the view's selection, so views keep it
    themselves (see ``modelAboutToBeReset``).
    """

    def __init__(self, parent: Any = None):
        super().__init__(parent)
        self._words: list[str] = []
        self._rows: list[int] = []
        self._position: dict[int, int] | None = None
        self._source: RecordTableModel | None = None

    def setSourceModel(self, model: RecordTableModel) -> None:  # noqa: N802 (Qt API)
        """Filter ``model``, following its resets, sorts and edits."""
        self.beginResetModel()
        self._source = model
        super().setSourceModel(model)
        model.modelAboutToBeReset.connect(self.beginResetModel)
        model.modelReset.connect(self._rows_changed)
        model.layoutAboutToBeChanged.connect(self.beginResetModel)
        model.layoutChanged.connect(self._rows_changed)
        model.dataChanged.connect(self._source_data_changed)
        self._match()
        self.endResetModel()

    def set_query(self, text: str) -> None:
        """Filter by ``text`` (empty: every row)."""
        words = fold(text).split()
        if words == self._words:
            return
        self.beginResetModel()
        self._words = words
        self._match()
        self.endResetModel()

    def _rows_changed(self) -> None:
        self._match()
        self.endResetModel()

    def _match(self) -> None:
        """The source rows holding every word, in the source's order."""
        haystacks = self._source.haystacks if self._source is not None else []
        rows = range(len(haystacks))
        for word in self._words:
            rows = [row for row in rows if word in haystacks[row]]
        self._rows = list(rows)
        self._position = None

    def _source_data_changed(self, top: QModelIndex, bottom: QModelIndex, roles: list[int] = ()) -> None:
        for row in range(top.row(), bottom.row() + 1):
            shown = self.mapFromSource(self._source.index(row, 0))
            if shown.isValid():
                self.dataChanged.emit(shown, shown.siblingAtColumn(self.columnCount() - 1), roles)

    def mapToSource(self, proxy_index: Index) -> QModelIndex:  # noqa: N802 (Qt API)
        """The source cell shown at ``proxy_index``."""
        if not proxy_index.isValid() or self._source is None:
            return QModelIndex()
        return self._source.index(self._rows[proxy_index.row()], proxy_index.column())

    def mapFromSource(self, source_index: Index) -> QModelIndex:  # noqa: N802 (Qt API)
        """Where a source cell is shown (invalid when the filter hides it)."""
        if not source_index.isValid():
            return QModelIndex()
        if self._position is None:
            self._position = {source: shown for shown, source in enumerate(self._rows)}
        shown = self._position.get(source_index.row())
        return QModelIndex() if shown is None else self.index(shown, source_index.column())

    def index(self, row: int, column: int, parent: Index = ROOT) -> QModelIndex:
        """The cell at ``row``, ``column`` of this flat table."""
        if parent.isValid() or not (0 <= row < len(self._rows) and 0 <= column < self.columnCount()):
            return QModelIndex()
        return self.createIndex(row, column)

    def parent(self, index: Index = ROOT) -> QModelIndex:  # type: ignore[override]
        """Rows have no parent: the table is flat."""
        return QModelIndex()

    def rowCount(self, parent: Index = ROOT) -> int:  # noqa: N802 (Qt API)
        """Rows that pass the filter."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = ROOT) -> int:  # noqa: N802 (Qt API)
        """The source's columns."""
        return 0 if parent.isValid() or self._source is None else self._source.columnCount()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Cell text straight from the source's records (painting asks for every cell and
        role; going through source indexes would double the cost)."""
        if role not in TEXT_ROLES or not index.isValid():
            return None
        return self._source.text_at(self._rows[index.row()], index.column())

    def flags(self, index: Index) -> Qt.ItemFlag:
        """The source's flags for the cell's column."""
        return self._source.column_flags(index.column()) if index.isValid() else Qt.ItemFlag.NoItemFlags

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802 (Qt API)
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        """Column headers from the source; rows numbered as shown."""
        if orientation == Qt.Orientation.Horizontal and self._source is not None:
            return self._source.headerData(section, orientation, role)
        return str(section + 1) if role == Qt.ItemDataRole.DisplayRole else None

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
