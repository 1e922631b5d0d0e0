"""The event file: one SQLite database per event (``*.hildprint``).

Every change runs in a transaction; the file uses WAL so a reader (the desk, the GUI) is
never blocked by a writer for long, and foreign keys are enforced. The schema carries a
version number; opening an older file migrates it forward. The reads and writes of
records are those of every store (:class:`~hildprint.core.store.base.SqlEventStore`).
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from hildprint.core.domain.model import Event
from hildprint.core.store.base import SqlEventStore
from hildprint.core.store.migrations import MIGRATIONS, SCHEMA_VERSION, split_sql
from hildprint.core.store.records import StoreError, UpsertCounts

APPLICATION_ID = 0x48504E54  # "HPNT": marks a SQLite file as a hildprint event file
BUSY_TIMEOUT_S = 5.0

__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_S", "SCHEMA_VERSION", "EventStore", "StoreError", "UpsertCounts"]




def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(str(path), timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
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


class EventStore(SqlEventStore):
    """An open event file. Use :meth:`create` or :meth:`open`; close it when done."""

    def __init__(self, path: Path, conn: sqlite3.Connection):
        self.path = path
        self.location = str(path)
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

    # -- watching ----------------------------------------------------------------------
    def changed_elsewhere(self) -> bool:
        """Whether another connection (another window, the command line) has committed a
        change since the last call; the first call only takes note."""
        version = self._execute("PRAGMA data_version").fetchone()[0]
        seen, self._data_version = self._data_version, version
        return seen is not None and version != seen

    def integrity_check(self) -> str:
        """Run SQLite's integrity check; ``"ok"`` when the file is sound."""
        return self._execute("PRAGMA integrity_check").fetchone()[0]
