"""What both stores of an event do the same way: every read and write of records.

:class:`SqlEventStore` holds the operations; the SQLite event file (:mod:`.sqlite`) and
the PostgreSQL server (:mod:`.postgres`) each add how to connect, run a transaction,
migrate and explain an error. Statements are written once, with ``?`` and ``:name``
parameters and SQL both databases understand.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from contextlib import AbstractContextManager
from dataclasses import asdict
from pathlib import Path
from typing import Any, Self

from hildprint.core.domain.model import Attendee, Event, Paper, PosterCheck, PrintRecord, Room, Session
from hildprint.core.store.records import (
    ATTENDEES,
    PAPERS,
    ROOMS,
    SESSIONS,
    StoreError,
    Table,
    UpsertCounts,
    from_row,
    to_row,
)

_TABLES = {table.name: table for table in (ATTENDEES, PAPERS, ROOMS, SESSIONS)}
WALK_IN_PREFIX = "W"
WRITE_BATCH = 10_000
"""At most this many of an upsert's writes wait for its reads to end (bounds memory)."""
WALK_IN_COUNTER = "walk_in"
_WALK_IN_NUMBER = re.compile(rf"^{WALK_IN_PREFIX}([0-9]+)$")


def quoted(column: str) -> str:
    """A column name quoted for SQL (``end`` is a reserved word on the server)."""
    return f'"{column}"'


def column_list(table: Table) -> str:
    """The table's columns, quoted and comma-separated."""
    return ", ".join(quoted(c) for c in table.columns)


def _assignment(table: Table, column: str) -> str:
    """``column = :column`` in an upsert's UPDATE; a column set by the desk (a check-in)
    or by hand (a board) keeps its stored value when the import brings none, decided in
    the statement itself, so a check-in another desk commits meanwhile is never undone."""
    if column in table.keep_when_empty:
        return f"{quoted(column)} = COALESCE(NULLIF(:{column}, ''), {quoted(column)})"
    return f"{quoted(column)} = :{column}"


class SqlEventStore:
    """An open event. Subclasses open ``_conn`` and provide ``_execute`` and ``transaction``."""

    _conn: Any
    """The database connection (sqlite3 or psycopg); closed by :meth:`close`."""

    path: Path
    """Where the event lives: the file (SQLite), or the database's name (a server)."""
    location: str
    """The event file or the server, as named in messages."""

    # -- what a subclass provides ----------------------------------------------------------
    def _execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> Any:
        raise NotImplementedError

    def transaction(self) -> AbstractContextManager[None]:
        """Run the block as one transaction; nested blocks join the outer one."""
        raise NotImplementedError

    def close(self) -> None:
        """Close the store; further calls on it fail."""
        self._conn.close()

    def _lock_attendee(self, attendee_id: str) -> None:
        """Keep other writers off this person until the transaction ends (a server needs
        this; SQLite's write transactions exclude each other already)."""

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- the event and its settings ----------------------------------------------------
    @property
    def event(self) -> Event:
        """The event this store describes."""
        row = self._execute("SELECT * FROM event WHERE id = 1").fetchone()
        if row is None:
            raise StoreError(f"{self.location}: holds no event")
        values = dict(row)
        values.pop("id")
        return Event(**values)

    def save_event(self, event: Event) -> None:
        """Replace the event's details."""
        with self.transaction():
            self._write_event(event)

    def _write_event(self, event: Event) -> None:
        row = asdict(event)
        names = ", ".join(quoted(k) for k in row)
        marks = ", ".join(f":{k}" for k in row)
        updates = ", ".join(f"{quoted(k)} = excluded.{quoted(k)}" for k in row)
        self._execute(f"INSERT INTO event (id, {names}) VALUES (1, {marks}) "
                      f"ON CONFLICT (id) DO UPDATE SET {updates}", row)

    def setting(self, key: str, default: str | None = None) -> str | None:
        """Return a stored setting, or ``default`` when it is not set."""
        row = self._execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row["value"] if row else default

    def settings(self) -> dict[str, str]:
        """Every stored setting."""
        return {row["key"]: row["value"] for row in self._execute("SELECT key, value FROM settings ORDER BY key")}

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        with self.transaction():
            self._execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value),
            )

    # -- records -----------------------------------------------------------------------
    def _all(self, table: Table) -> list[Any]:
        rows = self._execute(f"SELECT {column_list(table)} FROM {table.name} ORDER BY {table.order_by}")
        return [from_row(table, row) for row in rows]

    def _one(self, table: Table, record_id: str) -> Any | None:
        row = self._execute(f"SELECT {column_list(table)} FROM {table.name} WHERE id = ?",
                            (record_id,)).fetchone()
        return from_row(table, row) if row else None

    def _count(self, table: Table) -> int:
        return self._execute(f"SELECT count(*) AS n FROM {table.name}").fetchone()["n"]

    def _upsert(self, table: Table, records: Iterable[Any]) -> UpsertCounts:
        counts = UpsertCounts()
        columns = table.columns
        insert = (f"INSERT INTO {table.name} ({column_list(table)}) "
                  f"VALUES ({', '.join(':' + c for c in columns)})")
        update = (f"UPDATE {table.name} SET {', '.join(_assignment(table, c) for c in columns if c != 'id')} "
                  "WHERE id = :id")
        select = f"SELECT {column_list(table)} FROM {table.name} WHERE id = ?"
        pending: list[tuple[str, dict[str, Any]]] = []
        with self.transaction():
            for record in records:
                row = to_row(table, record)
                stored = self._execute(select, (row["id"],)).fetchone()
                if stored is None:
                    pending.append((insert, row))
                    counts.added += 1
                    continue
                compared = dict(row)
                for column in table.keep_when_empty:
                    if row[column] in (None, ""):
                        compared[column] = stored[column]
                if dict(stored) == compared:
                    counts.unchanged += 1
                else:
                    pending.append((update, row))
                    counts.updated += 1
                if len(pending) >= WRITE_BATCH:
                    self._write_all(pending)
            self._write_all(pending)
        return counts

    def _write_all(self, pending: list[tuple[str, dict[str, Any]]]) -> None:
        """Run the writes an upsert collected: after its reads, so that on a server the rows
        it changes are locked (and desks checking those people in wait) only briefly."""
        for statement, row in pending:
            self._execute(statement, row)
        pending.clear()

    def _delete(self, table: Table, record_id: str) -> bool:
        with self.transaction():
            cursor = self._execute(f"DELETE FROM {table.name} WHERE id = ?", (record_id,))
        return cursor.rowcount > 0

    def put_records(self, kind: str, records: Iterable[Any]) -> None:
        """Write these records exactly as given (every field, empty ones too), adding those
        that are missing, in one transaction: what undoing an edit or a deletion needs.
        ``kind`` is a table name ("attendees", "papers", "rooms", "sessions")."""
        table = _TABLES[kind]
        columns = table.columns
        updates = ", ".join(f"{quoted(c)} = excluded.{quoted(c)}" for c in columns if c != "id")
        sql = (f"INSERT INTO {table.name} ({column_list(table)}) VALUES ({', '.join(':' + c for c in columns)}) "
               f"ON CONFLICT(id) DO UPDATE SET {updates}")
        with self.transaction():
            for record in records:
                self._execute(sql, to_row(table, record))

    def delete_records(self, kind: str, record_ids: Iterable[str]) -> int:
        """Remove the records of one kind with these ids in one transaction; returns how many
        were there."""
        table = _TABLES[kind]
        removed = 0
        with self.transaction():
            for record_id in record_ids:
                removed += self._execute(f"DELETE FROM {table.name} WHERE id = ?", (record_id,)).rowcount
        return removed

    def attendees(self) -> list[Attendee]:
        """All attendees, ordered by last then first name."""
        return self._all(ATTENDEES)

    def attendee(self, attendee_id: str) -> Attendee | None:
        """One attendee by id, or None."""
        return self._one(ATTENDEES, attendee_id)

    def attendee_count(self) -> int:
        """How many attendees the store holds."""
        return self._count(ATTENDEES)

    def arrived_count(self) -> int:
        """How many attendees have checked in."""
        return self._execute("SELECT count(*) AS n FROM attendees WHERE checked_in_at IS NOT NULL"
                             ).fetchone()["n"]

    def upsert_attendees(self, attendees: Iterable[Attendee]) -> UpsertCounts:
        """Add new attendees and update existing ones (matched by id)."""
        return self._upsert(ATTENDEES, attendees)

    def delete_attendee(self, attendee_id: str) -> bool:
        """Remove an attendee; return whether one was there."""
        return self._delete(ATTENDEES, attendee_id)

    # -- the badge desk --------------------------------------------------------------------
    def attendee_ids(self) -> list[str]:
        """Every attendee id, unordered (cheaper than loading the people)."""
        return [row["id"] for row in self._execute("SELECT id FROM attendees")]

    def ids_like(self, text: str) -> list[str]:
        """The ids equal to ``text`` when both are lower-cased (a typed id in another case)."""
        return [row["id"] for row in self._execute("SELECT id FROM attendees WHERE lower(id) = lower(?)",
                                                   (text,))]

    def add_attendee(self, attendee: Attendee) -> bool:
        """Insert a new attendee; False (and nothing changed) when the id is taken."""
        row = to_row(ATTENDEES, attendee)
        with self.transaction():
            cursor = self._execute(
                f"INSERT INTO attendees ({column_list(ATTENDEES)}) "
                f"VALUES ({', '.join(':' + c for c in ATTENDEES.columns)}) ON CONFLICT (id) DO NOTHING", row,
            )
        return cursor.rowcount > 0

    def add_attendee_record(self, values: dict[str, Any]) -> bool:
        """:meth:`add_attendee` with the person given as their fields (a journal's line)."""
        return self.add_attendee(Attendee(**values))

    def next_walk_in_id(self) -> str:
        """A new walk-in id (``W0001``, ``W0002``, ...) that no one holds, from a counter in
        the store: call it inside the transaction that adds the person. Imported ids of
        any shape never break it; ids already taken are skipped."""
        with self.transaction():
            row = self._bump_walk_in_counter()
            if row is None:
                self._execute("INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING",
                              (WALK_IN_COUNTER, self._highest_walk_in_number()))
                row = self._bump_walk_in_counter()
            number = row["value"]
            while self.attendee(candidate := f"{WALK_IN_PREFIX}{number:04d}") is not None:
                number += 1
            self._execute("UPDATE counters SET value = ? WHERE name = ?", (number, WALK_IN_COUNTER))
        return candidate

    def _bump_walk_in_counter(self) -> Any:
        return self._execute("UPDATE counters SET value = value + 1 WHERE name = ? RETURNING value",
                             (WALK_IN_COUNTER,)).fetchone()

    def _highest_walk_in_number(self) -> int:
        numbers = [int(m.group(1)) for i in self.attendee_ids() if (m := _WALK_IN_NUMBER.match(i))]
        return max(numbers, default=0)

    def change_attendee(self, attendee_id: str, changes: dict[str, Any]) -> Attendee | None:
        """Set some fields of one attendee (leaving the others, e.g. a check-in another desk
        just made, as they are); returns the stored result, or None for an unknown id."""
        unknown = set(changes) - set(ATTENDEES.columns) | ({"id"} & set(changes))
        if unknown:
            raise StoreError(f"{self.location}: cannot change attendee field(s) {', '.join(sorted(unknown))}")
        with self.transaction():
            if changes:
                changes = {column: json.dumps(value, ensure_ascii=False) if column in ATTENDEES.json_columns
                           else value for column, value in changes.items()}
                assignments = ", ".join(f"{quoted(column)} = :{column}" for column in changes)
                self._execute(f"UPDATE attendees SET {assignments} WHERE id = :_id",
                              {**changes, "_id": attendee_id})
            return self.attendee(attendee_id)

    def mark_checked_in(self, attendee_id: str, when: str) -> tuple[Attendee | None, bool]:
        """Record ``attendee_id``'s arrival at ``when`` unless already recorded (the first
        arrival is kept). Returns the stored attendee (None for an unknown id) and whether
        this call recorded the arrival, decided inside one transaction."""
        with self.transaction():
            cursor = self._execute("UPDATE attendees SET checked_in_at = ? WHERE id = ? AND checked_in_at IS NULL",
                                   (when, attendee_id))
            return self.attendee(attendee_id), cursor.rowcount > 0

    def undo_check_in(self, attendee_id: str) -> Attendee | None:
        """Clear ``attendee_id``'s arrival (a mistaken check-in); the stored attendee."""
        with self.transaction():
            self._execute("UPDATE attendees SET checked_in_at = NULL WHERE id = ?", (attendee_id,))
            return self.attendee(attendee_id)

    def log_action(self, attendee_id: str, when: str, desk: str, action: str) -> None:
        """Add a line to the desk log (an undone check-in)."""
        with self.transaction():
            self._execute("INSERT INTO desk_log (attendee_id, at, desk, action) VALUES (?, ?, ?, ?)",
                          (attendee_id, when, desk, action))

    def desk_log(self) -> list[tuple[str, str, str, str]]:
        """The desk log, oldest first: (attendee id, time, desk, action)."""
        rows = self._execute("SELECT attendee_id, at, desk, action FROM desk_log ORDER BY id")
        return [(r["attendee_id"], r["at"], r["desk"], r["action"]) for r in rows]

    def log_print(self, attendee_id: str, printed_at: str, printer: str, desk: str) -> PrintRecord:
        """Add one badge print to the log; the copy number counts this person's prints."""
        with self.transaction():
            self._lock_attendee(attendee_id)
            copy = self._execute("SELECT count(*) AS n FROM print_log WHERE attendee_id = ?",
                                 (attendee_id,)).fetchone()["n"] + 1
            row = self._execute(
                "INSERT INTO print_log (attendee_id, printed_at, printer, desk, copy) "
                "VALUES (?, ?, ?, ?, ?) RETURNING id", (attendee_id, printed_at, printer, desk, copy),
            ).fetchone()
        return PrintRecord(row["id"], attendee_id, printed_at, printer, desk, copy)

    def restore_print_log(self, records: Iterable[PrintRecord]) -> None:
        """Put printed-badge records back as they were (ids kept), after their person was
        deleted and the deletion undone; records still there are left alone."""
        with self.transaction():
            for record in records:
                self._execute("INSERT INTO print_log (id, attendee_id, printed_at, printer, desk, copy) "
                              "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                              (record.id, record.attendee_id, record.printed_at, record.printer, record.desk,
                               record.copy))

    def print_log(self, attendee_id: str | None = None) -> list[PrintRecord]:
        """Every badge print (or one person's), oldest first."""
        where, params = ("WHERE attendee_id = ?", (attendee_id,)) if attendee_id else ("", ())
        rows = self._execute(f"SELECT id, attendee_id, printed_at, printer, desk, copy FROM print_log "
                             f"{where} ORDER BY id", params)
        return [PrintRecord(**dict(row)) for row in rows]

    def add_print_records(self, records: Iterable[PrintRecord]) -> int:
        """Copy print-log entries from another store, skipping those already here (same
        person, time, printer and desk); returns how many were added."""
        added = 0
        with self.transaction():
            for record in records:
                seen = self._execute("SELECT 1 AS x FROM print_log WHERE attendee_id = ? AND printed_at = ? "
                                     "AND printer = ? AND desk = ?",
                                     (record.attendee_id, record.printed_at, record.printer, record.desk)).fetchone()
                if seen is None and self.attendee(record.attendee_id) is not None:
                    self.log_print(record.attendee_id, record.printed_at, record.printer, record.desk)
                    added += 1
        return added

    def papers(self) -> list[Paper]:
        """All papers, ordered by number."""
        return self._all(PAPERS)

    def paper(self, paper_id: str) -> Paper | None:
        """One paper by id, or None."""
        return self._one(PAPERS, paper_id)

    def upsert_papers(self, papers: Iterable[Paper]) -> UpsertCounts:
        """Add new papers and update existing ones (matched by id)."""
        return self._upsert(PAPERS, papers)

    def set_boards(self, boards: dict[str, str]) -> None:
        """Set (or, with "", clear) the board of each paper id given, in one transaction."""
        with self.transaction():
            for paper_id, board in boards.items():
                self._execute("UPDATE papers SET board = ? WHERE id = ?", (board, paper_id))

    def set_session_links(self, links: dict[str, str]) -> None:
        """Link each paper id given to a programme session id ("" unlinks), in one
        transaction."""
        with self.transaction():
            for paper_id, session_id in links.items():
                self._execute("UPDATE papers SET session_id = ? WHERE id = ?", (session_id, paper_id))

    def rooms(self) -> list[Room]:
        """All rooms, in the order they were added."""
        return self._all(ROOMS)

    def upsert_rooms(self, rooms: Iterable[Room]) -> UpsertCounts:
        """Add new rooms and update existing ones (matched by id)."""
        return self._upsert(ROOMS, rooms)

    def sessions(self) -> list[Session]:
        """All sessions, ordered by start time then room."""
        return self._all(SESSIONS)

    def upsert_sessions(self, sessions: Iterable[Session]) -> UpsertCounts:
        """Add new sessions and update existing ones (matched by id)."""
        return self._upsert(SESSIONS, sessions)

    # -- poster checks -----------------------------------------------------------------
    def set_poster_files(self, files: dict[str, str]) -> None:
        """Set the poster file of each paper id given, in one transaction."""
        with self.transaction():
            for paper_id, file in files.items():
                self._execute("UPDATE papers SET poster_file = ? WHERE id = ?", (file, paper_id))

    def record_poster_checks(self, checks: Iterable[PosterCheck]) -> None:
        """Store each check as its paper's latest, replacing the one before, in one transaction."""
        with self.transaction():
            for check in checks:
                self._execute(
                    "INSERT INTO poster_checks (paper_id, file, verdict, checked_at, rules, findings) "
                    "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(paper_id) DO UPDATE SET file = excluded.file, "
                    "verdict = excluded.verdict, checked_at = excluded.checked_at, "
                    "rules = excluded.rules, findings = excluded.findings",
                    (check.paper_id, check.file, check.verdict, check.checked_at, check.rules,
                     json.dumps(check.findings, ensure_ascii=False)),
                )

    def poster_checks(self) -> list[PosterCheck]:
        """The latest poster check of every paper that has one, by paper id."""
        rows = self._execute("SELECT paper_id, file, verdict, checked_at, rules, findings "
                             "FROM poster_checks ORDER BY paper_id")
        return [PosterCheck(**{**dict(row), "findings": json.loads(row["findings"])}) for row in rows]

    def record_sent_message(self, paper_id: str, digest: str, recipients: str, subject: str, sent_at: str) -> None:
        """Note that a message about a paper's poster went out (committed at once)."""
        with self.transaction():
            self._execute("INSERT INTO sent_messages (paper_id, digest, recipients, subject, sent_at) "
                          "VALUES (?, ?, ?, ?, ?) ON CONFLICT (paper_id, digest) DO NOTHING",
                          (paper_id, digest, recipients, subject, sent_at))

    def sent_messages(self) -> list[dict[str, str]]:
        """Every message noted as sent, oldest first."""
        rows = self._execute("SELECT paper_id, digest, recipients, subject, sent_at FROM sent_messages "
                             "ORDER BY sent_at, paper_id")
        return [dict(row) for row in rows]

    def counters(self) -> dict[str, int]:
        """The store's counters (the walk-in counter), by name."""
        return {row["name"]: row["value"] for row in self._execute("SELECT name, value FROM counters")}

    def raise_counter(self, name: str, value: int) -> None:
        """Set a counter to ``value`` unless it is already higher."""
        with self.transaction():
            self._execute("INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                          "SET value = CASE WHEN counters.value < excluded.value THEN excluded.value "
                          "ELSE counters.value END", (name, value))
