"""The event file's schema, as the list of migrations that build it.

A new event runs them all; an older one runs those it has not had yet. The count of
migrations applied is kept by each store (the SQLite file's ``user_version``, a table on
the server), so a migration is never changed once released: a change to the schema is a
new migration at the end.

Both stores run the same list. It is written in SQLite's words; :func:`for_server`
rewrites the few a PostgreSQL server spells differently (an auto-numbered key, the
reserved word ``end``) and gives each record table the ``rowid`` SQLite has by itself,
so "in the order added" sorts the same on both.
"""

from __future__ import annotations

import re

MIGRATIONS: list[str] = [
    """
    CREATE TABLE event (
        id INTEGER PRIMARY KEY CHECK (id = 1),
        name TEXT NOT NULL, code TEXT NOT NULL, start_date TEXT NOT NULL,
        end_date TEXT NOT NULL, venue TEXT NOT NULL, timezone TEXT NOT NULL,
        url TEXT NOT NULL, secret TEXT NOT NULL
    );
    CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE attendees (
        id TEXT PRIMARY KEY, first_name TEXT NOT NULL, last_name TEXT NOT NULL,
        display_name TEXT NOT NULL, affiliation TEXT NOT NULL, role TEXT NOT NULL,
        email TEXT NOT NULL, country TEXT NOT NULL,
        consent_contact_qr INTEGER NOT NULL DEFAULT 0, checked_in_at TEXT
    );
    CREATE TABLE papers (
        id TEXT PRIMARY KEY, number INTEGER, title TEXT NOT NULL, authors TEXT NOT NULL,
        track TEXT NOT NULL, session TEXT NOT NULL, board TEXT NOT NULL,
        poster_file TEXT NOT NULL, openreview_forum TEXT NOT NULL, topic TEXT NOT NULL
    );
    CREATE TABLE rooms (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, local_name TEXT NOT NULL,
        location TEXT NOT NULL
    );
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY, title TEXT NOT NULL, start TEXT NOT NULL, end TEXT NOT NULL,
        room_id TEXT REFERENCES rooms(id) ON DELETE SET NULL, kind TEXT NOT NULL,
        speakers TEXT NOT NULL, cancelled INTEGER NOT NULL DEFAULT 0,
        local_title TEXT NOT NULL
    );
    CREATE INDEX sessions_by_room ON sessions(room_id, start);
    """,
    # poster checks: the latest verdict per paper; IF NOT EXISTS keeps it independent of
    # the order of other migrations
    """
    CREATE TABLE IF NOT EXISTS poster_checks (
        paper_id TEXT PRIMARY KEY REFERENCES papers(id) ON DELETE CASCADE,
        file TEXT NOT NULL, verdict TEXT NOT NULL, checked_at TEXT NOT NULL,
        rules TEXT NOT NULL, findings TEXT NOT NULL
    );
    """,
    # The badge desk's print log: one row per badge printed for a person.
    """
    CREATE TABLE print_log (
        id INTEGER PRIMARY KEY,
        attendee_id TEXT NOT NULL REFERENCES attendees(id) ON DELETE CASCADE ON UPDATE CASCADE,
        printed_at TEXT NOT NULL, printer TEXT NOT NULL, desk TEXT NOT NULL,
        copy INTEGER NOT NULL
    );
    CREATE INDEX print_log_by_attendee ON print_log(attendee_id, copy);
    """,
    # A paper's link to its poster session in the programme, by id (the session name stays
    # as the organiser's own text, and the fallback when there is no link).
    """
    ALTER TABLE papers ADD COLUMN session_id TEXT NOT NULL DEFAULT '';
    """,
    # E-mails sent to authors about their posters: one row per message that went out, so a
    # second run sends nothing twice (``digest`` fingerprints recipients, subject and body).
    """
    CREATE TABLE IF NOT EXISTS sent_messages (
        paper_id TEXT NOT NULL, digest TEXT NOT NULL, recipients TEXT NOT NULL,
        subject TEXT NOT NULL, sent_at TEXT NOT NULL,
        PRIMARY KEY (paper_id, digest)
    );
    """,
    # A paper's page and how it is presented (oral, spotlight, poster), kept from paper lists.
    """
    ALTER TABLE papers ADD COLUMN url TEXT NOT NULL DEFAULT '';
    ALTER TABLE papers ADD COLUMN status TEXT NOT NULL DEFAULT '';
    """,
    # Counters the desks share (the last walk-in number handed out), so that an imported
    # id of any shape never breaks the next walk-in and two desks never hand out one id; and the desk log,
    # what desks did besides check-ins and prints (an undone check-in); and the changes a
    # desk made offline that have been applied since, so none is applied twice.
    """
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    CREATE TABLE desk_log (
        id INTEGER PRIMARY KEY, attendee_id TEXT NOT NULL, at TEXT NOT NULL,
        desk TEXT NOT NULL, action TEXT NOT NULL
    );
    CREATE TABLE applied_changes (uid TEXT PRIMARY KEY, applied_at TEXT NOT NULL);
    """,
    # A person's name in Latin letters, as an import gives it beside a name in another
    # script ("Name (English)", "Romanised name"), so the desk finds them by it.
    """
    ALTER TABLE attendees ADD COLUMN latin_name TEXT NOT NULL DEFAULT '';
    """,
    # The other columns an attendee import brought (dietary needs, T-shirt size...), as a
    # JSON object by column name, for badges to print.
    """
    ALTER TABLE attendees ADD COLUMN extra TEXT NOT NULL DEFAULT '{}';
    """,
]
"""Schema migrations; the file's ``user_version`` counts how many have been applied."""

SCHEMA_VERSION = len(MIGRATIONS)


RECORD_TABLES = ("attendees", "papers", "rooms", "sessions")
"""Tables read in the order their rows were added (``ORDER BY rowid``)."""

_SERVER_WORDS = [
    (re.compile(r"\bINTEGER PRIMARY KEY AUTOINCREMENT\b|\bINTEGER PRIMARY KEY\b(?!\s+CHECK)"),
     "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"),
    (re.compile(r"(?<![\w\"])end(?=\s+TEXT)"), '"end"'),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bREAL\b"), "DOUBLE PRECISION"),
    (re.compile(rf"(CREATE TABLE (?:{'|'.join(RECORD_TABLES)})\s*\()"), r"\1 rowid BIGSERIAL,"),
]


def for_server(statement: str) -> str:
    """A migration statement as a PostgreSQL server takes it."""
    for pattern, words in _SERVER_WORDS:
        statement = pattern.sub(words, statement)
    return statement


def split_sql(script: str) -> list[str]:
    """Split a migration script into statements (ours hold no semicolons in literals)."""
    return [s.strip() for s in script.split(";") if s.strip()]
