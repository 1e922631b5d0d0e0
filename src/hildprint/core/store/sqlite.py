"""The event file: one SQLite database per event (``*.hildprint``).

Every change runs in a transaction; the file uses WAL so a reader (the desk, the GUI) is
never blocked by a writer for long, and foreign keys are enforced. The schema carries a
version number; opening an older file migrates it forward.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path
from typing import Any

from hildprint.core.domain.model import Attendee, Event, Paper, PosterCheck, PrintRecord, Room, Session
from hildprint.core.store.migrations import MIGRATIONS, SCHEMA_VERSION, split_sql
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

APPLICATION_ID = 0x48504E54  # "HPNT": marks a SQLite file as a hildprint event file
BUSY_TIMEOUT_S = 5.0

__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_S", "SCHEMA_VERSION", "EventStore", "StoreError", "UpsertCounts"]


_TABLES = {table.name: table for table in (ATTENDEES, PAPERS, ROOMS, SESSIONS)}


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def _remove_unfinished(path: Path, conn: sqlite3.Connection | None) -> None:
    """Remove what a failed create left (the file and its WAL and shared-memory files),
    so that trying again does not meet a half-made file."""
    if conn is not None:
        with contextlib.suppress(sqlite3.Error):
            conn.close()
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm"), Path(f"{path}-journal")):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _disk_full(path: Path) -> bool:
    """Whether the disk holding ``path`` has (next to) no room left: SQLite reports a
    full disk as a "disk I/O error" when the write-ahead log cannot grow."""
    try:
        return shutil.disk_usage(path.parent if str(path.parent) else ".").free < 64 * 1024
    except OSError:
        return False


def _explain(path: Path, error: sqlite3.Error, created: bool = False) -> StoreError:
    text = str(error)
    if ("disk" in text and "full" in text) or ("disk I/O error" in text and _disk_full(path)):
        left = "nothing was created there" if created else "nothing of this change was saved"
        return StoreError(f"{path}: the disk is full (no space left on the device); {left}")
    if "locked" in text or "busy" in text:
        return StoreError(f"{path}: the event file is busy (another program is writing to it); try again")
    if "not a database" in text or "malformed" in text:
        return StoreError(f"{path}: not a hildprint event file, or it is damaged ({text})")
    if "readonly" in text:
        return StoreError(f"{path}: the event file is read-only")
    return StoreError(f"{path}: {text}")


class EventStore:
    """An open event file. Use :meth:`create` or :meth:`open`; close it when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self._conn = conn
        self._depth = 0
        self._data_version: int | None = None

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def create(cls, path: str | Path, event: Event) -> EventStore:
        """Create a new event file at ``path`` for ``event``; refuse to overwrite one."""
        path = Path(path)
        if path.exists():
            raise StoreError(f"{path}: already exists; open it instead or choose another name")
        conn = None
        try:
            conn = _connect(path)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode = WAL")
            store = cls(path, conn)
            store._migrate()
            with store.transaction():
                store._write_event(event)
            return store
        except (sqlite3.Error, StoreError) as error:
            _remove_unfinished(path, conn)
            cause = error.__cause__ if isinstance(error, StoreError) else error
            if isinstance(cause, sqlite3.Error):
                raise _explain(path, cause, created=True) from error
            raise

    @classmethod
    def open(cls, path: str | Path) -> EventStore:
        """Open an existing event file, migrating an older schema forward."""
        path = Path(path)
        if not path.exists():
            raise StoreError(f"{path}: no such event file")
        if not path.is_file():  # a FIFO or device would block SQLite's first read
            raise StoreError(f"{path}: not a regular file (a folder, pipe or device); give an event file")
        try:
            conn = _connect(path)
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            if app_id != APPLICATION_ID:
                conn.close()
                raise StoreError(f"{path}: not a hildprint event file")
            conn.execute("PRAGMA journal_mode = WAL")
            store = cls(path, conn)
            store._migrate()
            return store
        except sqlite3.Error as error:
            raise _explain(path, error) from error

    def close(self) -> None:
        """Close the file; further calls on this store fail."""
        self._conn.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def schema_version(self) -> int:
        """How many migrations this file has had."""
        return self._conn.execute("PRAGMA user_version").fetchone()[0]

    def _migrate(self) -> None:
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"{self.path}: made by a newer hildprint (schema {version}, "
                f"this one reads up to {SCHEMA_VERSION}); update hildprint"
            )
        for number in range(version, SCHEMA_VERSION):
            with self.transaction():
                for statement in split_sql(MIGRATIONS[number]):
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {number + 1}")

    # -- transactions ----------------------------------------------------------------
    @contextmanager
    def transaction(self) -> Iterator[None]:
        """Run the block as one transaction; nested blocks join the outer one."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        try:
            self._conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
            raise _explain(self.path, error) from error
        self._depth = 1
        try:
            yield
        except BaseException:
            self._depth = 0
            self._rollback()
            raise
        self._depth = 0
        try:
            self._conn.execute("COMMIT")
        except sqlite3.Error as error:
            self._rollback()
            raise _explain(self.path, error) from error

    def _rollback(self) -> None:
        # SQLite has already rolled back by itself after some errors (a full disk, for one).
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.Error as error:
            raise _explain(self.path, error) from error

    # -- the event and its settings ----------------------------------------------------
    @property
    def event(self) -> Event:
        """The event this file describes."""
        row = self._execute("SELECT * FROM event WHERE id = 1").fetchone()
        values = dict(row)
        values.pop("id")
        return Event(**values)

    def save_event(self, event: Event) -> None:
        """Replace the event's details."""
        with self.transaction():
            self._write_event(event)

    def _write_event(self, event: Event) -> None:
        row = asdict(event)
        names = ", ".join(row)
        marks = ", ".join(f":{k}" for k in row)
        self._execute(f"INSERT OR REPLACE INTO event (id, {names}) VALUES (1, {marks})", row)

    def setting(self, key: str, default: str | None = None) -> str | None:
        """Return a stored setting, or ``default`` when it is not set."""
        row = self._execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return row[0] if row else default

    def set_setting(self, key: str, value: str) -> None:
        """Store a setting."""
        with self.transaction():
            self._execute(
                "INSERT INTO settings (key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value),
            )

    # -- records -----------------------------------------------------------------------
    def _all(self, table: Table) -> list[Any]:
        rows = self._execute(f"SELECT * FROM {table.name} ORDER BY {table.order_by}")
        return [from_row(table, row) for row in rows]

    def _one(self, table: Table, record_id: str) -> Any | None:
        row = self._execute(f"SELECT * FROM {table.name} WHERE id = ?", (record_id,)).fetchone()
        return from_row(table, row) if row else None

    def _count(self, table: Table) -> int:
        return self._execute(f"SELECT count(*) FROM {table.name}").fetchone()[0]

    def _upsert(self, table: Table, records: Iterable[Any]) -> UpsertCounts:
        counts = UpsertCounts()
        columns = table.columns
        insert = (
            f"INSERT INTO {table.name} ({', '.join(columns)}) "
            f"VALUES ({', '.join(':' + c for c in columns)})"
        )
        update = (
            f"UPDATE {table.name} SET {', '.join(f'{c} = :{c}' for c in columns if c != 'id')} "
            "WHERE id = :id"
        )
        with self.transaction():
            for record in records:
                row = to_row(table, record)
                stored = self._execute(
                    f"SELECT * FROM {table.name} WHERE id = ?", (row["id"],)
                ).fetchone()
                if stored is None:
                    self._execute(insert, row)
                    counts.added += 1
                    continue
                for column in table.keep_when_empty:
                    if row[column] in (None, ""):
                        row[column] = stored[column]
                if dict(stored) == row:
                    counts.unchanged += 1
                else:
                    self._execute(update, row)
                    counts.updated += 1
        return counts

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
        sql = (f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(':' + c for c in columns)}) "
               f"ON CONFLICT(id) DO UPDATE SET {', '.join(f'{c} = excluded.{c}' for c in columns if c != 'id')}")
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
        """How many attendees the file holds."""
        return self._count(ATTENDEES)

    def upsert_attendees(self, attendees: Iterable[Attendee]) -> UpsertCounts:
        """Add new attendees and update existing ones (matched by id)."""
        return self._upsert(ATTENDEES, attendees)

    def delete_attendee(self, attendee_id: str) -> bool:
        """Remove an attendee; return whether one was there."""
        return self._delete(ATTENDEES, attendee_id)

    # -- the badge desk --------------------------------------------------------------------
    def attendee_ids(self) -> list[str]:
        """Every attendee id, unordered (cheaper than loading the people)."""
        return [row[0] for row in self._execute("SELECT id FROM attendees")]

    def add_attendee(self, attendee: Attendee) -> bool:
        """Insert a new attendee; False (and nothing changed) when the id is taken."""
        row = to_row(ATTENDEES, attendee)
        columns = ATTENDEES.columns
        with self.transaction():
            cursor = self._execute(
                f"INSERT OR IGNORE INTO attendees ({', '.join(columns)}) "
                f"VALUES ({', '.join(':' + c for c in columns)})", row,
            )
        return cursor.rowcount > 0

    def change_attendee(self, attendee_id: str, changes: dict[str, Any]) -> Attendee | None:
        """Set some fields of one attendee (leaving the others, e.g. a check-in another desk
        just made, as they are); returns the stored result, or None for an unknown id."""
        unknown = set(changes) - set(ATTENDEES.columns) | ({"id"} & set(changes))
        if unknown:
            raise StoreError(f"{self.path}: cannot change attendee field(s) {', '.join(sorted(unknown))}")
        with self.transaction():
            if changes:
                assignments = ", ".join(f"{column} = :{column}" for column in changes)
                self._execute(f"UPDATE attendees SET {assignments} WHERE id = :_id",
                              {**changes, "_id": attendee_id})
            return self.attendee(attendee_id)

    def mark_checked_in(self, attendee_id: str, when: str) -> Attendee | None:
        """Record ``attendee_id``'s arrival at ``when`` unless already recorded (the first
        arrival is kept); returns the stored attendee, or None for an unknown id."""
        with self.transaction():
            self._execute("UPDATE attendees SET checked_in_at = ? WHERE id = ? AND checked_in_at IS NULL",
                          (when, attendee_id))
            return self.attendee(attendee_id)

    def log_print(self, attendee_id: str, printed_at: str, printer: str, desk: str) -> PrintRecord:
        """Add one badge print to the log; the copy number counts this person's prints."""
        with self.transaction():
            copy = self._execute("SELECT count(*) FROM print_log WHERE attendee_id = ?",
                                 (attendee_id,)).fetchone()[0] + 1
            cursor = self._execute(
                "INSERT INTO print_log (attendee_id, printed_at, printer, desk, copy) VALUES (?, ?, ?, ?, ?)",
                (attendee_id, printed_at, printer, desk, copy),
            )
        return PrintRecord(cursor.lastrowid, attendee_id, printed_at, printer, desk, copy)

    def restore_print_log(self, records: Iterable[PrintRecord]) -> None:
        """Put printed-badge records back as they were (ids kept), after their person was
        deleted and the deletion undone; records still there are left alone."""
        with self.transaction():
            for record in records:
                self._execute("INSERT OR IGNORE INTO print_log (id, attendee_id, printed_at, printer, desk, copy) "
                              "VALUES (?, ?, ?, ?, ?, ?)", (record.id, record.attendee_id, record.printed_at,
                                                           record.printer, record.desk, record.copy))

    def print_log(self, attendee_id: str | None = None) -> list[PrintRecord]:
        """Every badge print (or one person's), oldest first."""
        where, params = ("WHERE attendee_id = ?", (attendee_id,)) if attendee_id else ("", ())
        rows = self._execute(f"SELECT * FROM print_log {where} ORDER BY id", params)
        return [PrintRecord(**dict(row)) for row in rows]

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
        rows = self._execute("SELECT * FROM poster_checks ORDER BY paper_id")
        return [PosterCheck(**{**dict(row), "findings": json.loads(row["findings"])}) for row in rows]

    def record_sent_message(self, paper_id: str, digest: str, recipients: str, subject: str, sent_at: str) -> None:
        """Note that a message about a paper's poster went out (committed at once)."""
        with self.transaction():
            self._execute("INSERT OR IGNORE INTO sent_messages (paper_id, digest, recipients, subject, sent_at) "
                          "VALUES (?, ?, ?, ?, ?)", (paper_id, digest, recipients, subject, sent_at))

    def sent_messages(self) -> list[dict[str, str]]:
        """Every message noted as sent, oldest first."""
        rows = self._execute("SELECT * FROM sent_messages ORDER BY sent_at, paper_id")
        return [dict(row) for row in rows]

    def changed_elsewhere(self) -> bool:
        """Whether another connection (another window, the command line) has committed a
        change since the last call; the first call only takes note."""
        version = self._execute("PRAGMA data_version").fetchone()[0]
        seen, self._data_version = self._data_version, version
        return seen is not None and version != seen

    def integrity_check(self) -> str:
        """Run SQLite's integrity check; ``"ok"`` when the file is sound."""
        return self._execute("PRAGMA integrity_check").fetchone()[0]

