"""The event on a PostgreSQL server, for several desks at once.

The same tables, rows and migrations as the event file (:mod:`.migrations`, with
:func:`~hildprint.core.store.migrations.for_server` for the few words the server spells
differently); the count of migrations applied is kept in the table ``hildprint_meta``.
Every write transaction ends with ``NOTIFY hildprint``, so every other connection that
listens (each desk, each window) learns of the change within a second without reading
the tables again. The server is named by a libpq URL: ``postgresql://user@host:port/db``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import dict_row

from hildprint.core.domain.model import Event
from hildprint.core.store.base import SqlEventStore
from hildprint.core.store.migrations import MIGRATIONS, SCHEMA_VERSION, for_server, split_sql
from hildprint.core.store.records import StoreError

URL_SCHEMES = ("postgresql://", "postgres://")
CHANNEL = "hildprint"
"""The channel every write is announced on."""
CONNECT_TIMEOUT_S = 3
DEAD_NETWORK_SETTINGS = {"keepalives": 1, "keepalives_idle": 2, "keepalives_interval": 1,
                         "keepalives_count": 2, "tcp_user_timeout": 4000}
"""A pulled cable is noticed within seconds (not the system's minutes), so a desk goes
offline instead of hanging."""
MIGRATION_LOCK = 0x48504E54
"""The advisory lock two programs opening a fresh database at once take turns on."""
OUR_TABLES = ("sent_messages", "applied_changes", "desk_log", "counters", "poster_checks", "print_log",
              "sessions", "rooms", "papers", "attendees", "settings", "event", "hildprint_meta")


class ServerUnreachable(StoreError):
    """The server cannot be reached (down, or the network dropped); the message names it."""


def is_server_url(text: str | Path) -> bool:
    """Whether ``text`` names an event on a server rather than an event file."""
    return isinstance(text, str) and text.startswith(URL_SCHEMES)


def server_name(url: str) -> str:
    """The server and database a URL names, without a password: ``user@host:port/db``."""
    try:
        parts = conninfo_to_dict(url)
    except psycopg.ProgrammingError as error:
        raise StoreError(f"{url}: not a PostgreSQL URL ({error})") from error
    user = f"{parts['user']}@" if parts.get("user") else ""
    port = f":{parts['port']}" if parts.get("port") else ""
    return f"postgresql://{user}{parts.get('host', 'localhost')}{port}/{parts.get('dbname', '')}"


@lru_cache(maxsize=512)
def _server_sql(sql: str) -> str:
    """A statement with ``?`` and ``:name`` parameters as psycopg takes them."""
    sql = sql.replace("%", "%%")
    sql = re.sub(r"(?<![:\w]):([A-Za-z_]\w*)", r"%(\1)s", sql)
    return sql.replace("?", "%s")


class ServerEventStore(SqlEventStore):
    """An event on a PostgreSQL server. Use :meth:`create` or :meth:`open`; close it."""

    def __init__(self, url: str):
        self.url = url
        self.location = server_name(url)
        self.path = Path(self.database_name(url))
        self._depth = 0
        self._heard = False
        self._conn = self._connect()

    @staticmethod
    def database_name(url: str) -> str:
        """The name of the database a URL names (``event`` when it names none)."""
        try:
            return conninfo_to_dict(url).get("dbname") or "event"
        except psycopg.ProgrammingError as error:
            raise StoreError(f"{url}: not a PostgreSQL URL ({error})") from error

    def _connect(self) -> psycopg.Connection:
        try:
            conn = psycopg.connect(self.url, autocommit=True, row_factory=dict_row,
                                   connect_timeout=CONNECT_TIMEOUT_S, **DEAD_NETWORK_SETTINGS)
        except psycopg.OperationalError as error:
            raise ServerUnreachable(f"{self.location}: cannot reach the server "
                                    f"({_first_line(error)})") from error
        own = conn.info.backend_pid
        conn.add_notify_handler(lambda notice: self._heard_of(notice, own))
        conn.execute(f"LISTEN {CHANNEL}")
        return conn

    def _heard_of(self, notice: psycopg.Notify, own: int) -> None:
        if notice.pid != own:
            self._heard = True

    # -- opening ---------------------------------------------------------------------
    @classmethod
    def create(cls, url: str, event: Event, replace: bool = False) -> ServerEventStore:
        """Set up ``event`` in the database at ``url``; refuse one that holds an event,
        unless ``replace`` (then every table of the event there is dropped first)."""
        store = cls(url)
        try:
            if replace:
                store.drop_everything()
            store._migrate()
            if store._execute("SELECT 1 AS x FROM event").fetchone() is not None:
                raise StoreError(f"{store.location}: already holds an event ({store.event.name}); "
                                 "use another database, or replace it")
            with store.transaction():
                store._write_event(event)
        except BaseException:
            store.close()
            raise
        return store

    @classmethod
    def open(cls, url: str) -> ServerEventStore:
        """Open the event in the database at ``url``, migrating an older schema forward."""
        store = cls(url)
        try:
            store._migrate()
            store.event  # noqa: B018 - refuse an empty database now, with its name
        except BaseException:
            store.close()
            raise
        return store

    @property
    def schema_version(self) -> int:
        """How many migrations this database has had."""
        row = self._execute("SELECT to_regclass('hildprint_meta') AS meta").fetchone()
        if row["meta"] is None:
            return 0
        row = self._execute("SELECT value FROM hildprint_meta WHERE key = 'schema_version'").fetchone()
        return int(row["value"]) if row else 0

    def _migrate(self) -> None:
        with self.transaction(announce=False):
            self._execute("SELECT pg_advisory_xact_lock(?)", (MIGRATION_LOCK,))
            self._execute("CREATE TABLE IF NOT EXISTS hildprint_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            version = self.schema_version
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.location}: made by a newer hildprint (schema {version}, this one "
                                 f"reads up to {SCHEMA_VERSION}); update hildprint")
            for number in range(version, SCHEMA_VERSION):
                for statement in split_sql(MIGRATIONS[number]):
                    self._conn.execute(for_server(statement))
            if version != SCHEMA_VERSION:
                self._execute("INSERT INTO hildprint_meta (key, value) VALUES ('schema_version', ?) "
                              "ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(SCHEMA_VERSION),))

    def drop_everything(self) -> None:
        """Remove the event and every table of it from the database."""
        with self.transaction():
            for table in OUR_TABLES:
                self._execute(f"DROP TABLE IF EXISTS {table} CASCADE")

    # -- transactions ----------------------------------------------------------------
    @contextmanager
    def transaction(self, announce: bool = True) -> Iterator[None]:
        """Run the block as one transaction; nested blocks join the outer one. A write
        is announced to every listening desk when it commits (unless not ``announce``)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._reconnect_if_broken()
        self._depth = 1
        try:
            with self._conn.transaction():
                yield
                if announce:
                    self._conn.execute(f"NOTIFY {CHANNEL}")
        except psycopg.Error as error:
            raise self._explain(error) from error
        finally:
            self._depth = 0

    def _lock_attendee(self, attendee_id: str) -> None:
        self._execute("SELECT 1 AS x FROM attendees WHERE id = ? FOR UPDATE", (attendee_id,))

    def _execute(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> psycopg.Cursor:
        if not self._depth:
            self._reconnect_if_broken()
        try:
            return self._conn.execute(_server_sql(sql), params or None)
        except psycopg.Error as error:
            raise self._explain(error) from error

    def _reconnect_if_broken(self) -> None:
        if self._conn.broken or self._conn.closed:
            self._conn = self._connect()

    def _explain(self, error: psycopg.Error) -> StoreError:
        if isinstance(error, psycopg.OperationalError) and (self._conn.broken or self._conn.closed):
            return ServerUnreachable(f"{self.location}: lost the server ({_first_line(error)})")
        if isinstance(error, psycopg.errors.UndefinedTable):
            return StoreError(f"{self.location}: holds no hildprint event ({_first_line(error)})")
        return StoreError(f"{self.location}: {_first_line(error)}")

    # -- watching ----------------------------------------------------------------------
    def changed_elsewhere(self) -> bool:
        """Whether another connection (another desk or window) has committed a change
        since the last call; it also notices a lost server (ServerUnreachable)."""
        self._execute("SELECT 1 AS x")  # takes in the notifications waiting
        heard, self._heard = self._heard, False
        return heard

    def integrity_check(self) -> str:
        """``"ok"`` when the server answers (it keeps its own data sound)."""
        self._execute("SELECT 1 AS x")
        return "ok"


def _first_line(error: BaseException) -> str:
    return (str(error).strip().splitlines() or [type(error).__name__])[0]
