"""Copying one event's records from one store into another (push, pull, the desk's
offline copy)."""

from __future__ import annotations

from dataclasses import dataclass

from hildprint.core.store.base import SqlEventStore


@dataclass
class CopyCounts:
    """What a push or a pull copied."""

    attendees: int = 0
    papers: int = 0
    sessions: int = 0
    prints: int = 0


def copy_event(source: SqlEventStore, target: SqlEventStore) -> CopyCounts:
    """Copy every record of ``source`` into ``target`` (which holds the same event, or is
    new), in one transaction."""
    counts = CopyCounts()
    with target.transaction():
        target.save_event(source.event)
        for key, value in source.settings().items():
            target.set_setting(key, value)
        target.upsert_rooms(source.rooms())
        target.upsert_sessions(source.sessions())
        target.upsert_papers(source.papers())
        people = source.attendees()
        target.upsert_attendees(people)
        target.record_poster_checks(source.poster_checks())
        counts.prints = target.add_print_records(source.print_log())
        for name, value in source.counters().items():
            target.raise_counter(name, value)
        logged = set(target.desk_log())
        for line in source.desk_log():
            if line not in logged:
                target.log_action(*line)
    counts.attendees, counts.papers, counts.sessions = len(people), len(source.papers()), len(source.sessions())
    return counts
