"""What the organiser's window changes in the event, each change saved at once through
the services and recorded in the window's undo history: cell edits, people added and
deleted, papers and sessions edited or deleted, boards numbered, posters attached,
imports and the event settings."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from hildprint.core import services
from hildprint.gui.dialogs.event_settings import EventSettingsDialog
from hildprint.gui.dialogs.person import PersonDialog
from hildprint.gui.dialogs.records import PaperDialog, SessionDialog
from hildprint.gui.document import EventDocument
from hildprint.gui.history import History

NAME_FIELDS = ("first_name", "last_name", "display_name")
"""What editing the printed name changes, so what undoing it puts back."""
KIND_OF = {services.Attendee: "attendees", services.Paper: "papers", services.Session: "sessions"}
NOUNS = {"attendees": ("person", "people"), "papers": ("paper", "papers"), "sessions": ("session", "sessions")}


class WindowEdits:
    """The window's changes to its event. ``tell(message, problem)`` shows what happened
    (a status line, a refusal); ``parent`` owns the dialogs."""

    def __init__(self, document: EventDocument, history: History, parent: QWidget,
                 tell: Callable[[str, bool], None]):
        self.document = document
        self.history = history
        self.parent = parent
        self.tell = tell
        self.last_dialog: QDialog | None = None
        """The dialog most recently opened (tests and screenshots reach it here)."""

    @property
    def session(self) -> services.EventSession:
        """The open event's session (HildprintError when none is open)."""
        if self.document.session is None:
            raise services.HildprintError("no event file is open")
        return self.document.session

    def _attempt(self, change: Callable[[], Any]) -> Any:
        """Run a change; a refusal is told, not raised. Returns its result or None."""
        try:
            return change()
        except services.HildprintError as error:
            self.tell(f"Not saved: {error}", True)
            return None

    # -- attendees -----------------------------------------------------------------------
    def save_attendee_cell(self, person: services.Attendee, field: str, value: str) -> services.Attendee:
        """Save one edited cell (the attendee table's saver) and record it; raises when refused."""
        stored = services.edit_attendee(self.session, person.id, field, value)
        fields = NAME_FIELDS if field == "name" else (field,)
        self.history.record(
            f"edit {field} of {person.name}",
            lambda: [services.restore_attendee_fields(self.session, person, fields)],
            lambda: [services.edit_attendee(self.session, person.id, field, value)])
        return stored

    def add_attendee(self) -> services.Attendee | None:
        """Ask for a new person's name, affiliation and role, and add them."""
        dialog = PersonDialog("Add a person", self.parent)
        dialog.setFont(self.parent.font())
        dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Add")
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.add_person(dialog.name.text(), dialog.affiliation.text(), dialog.role.currentText())

    def add_person(self, name: str, affiliation: str = "", role: str = "Attendee") -> services.Attendee | None:
        """Add one person and record it (undo deletes them again)."""
        person = self._attempt(lambda: services.add_attendee(self.session, name, affiliation, role))
        if person is None:
            return None
        self.history.record(
            f"add {person.name}",
            _rereading(lambda: services.delete_records(self.session, "attendees", [person.id])),
            _rereading(lambda: services.put_records(self.session, "attendees", [person])))
        self.document.note_change(None)
        self.tell(f"Added {person.name}", False)
        return person

    # -- deleting ------------------------------------------------------------------------
    def delete(self, records: list[Any]) -> int:
        """Delete these records (one kind) and record it; undo puts them back as they were."""
        if not records:
            return 0
        kind = KIND_OF[type(records[0])]
        ids = [r.id for r in records]
        removed = self._attempt(lambda: services.delete_records(self.session, kind, ids))
        if removed is None or not removed.records:
            return 0
        one, many = NOUNS[kind]
        count = len(removed.records)
        what = f"{count} {many}" if count > 1 else f"{one} {_label(removed.records[0])}"
        self.history.record(
            f"delete {what}",
            _rereading(lambda: services.restore_removed(self.session, removed)),
            _rereading(lambda: services.delete_records(self.session, kind, ids)))
        self.document.note_change(None)
        self.tell(f"Deleted {what} (Ctrl+Z puts it back)", False)
        return count

    # -- papers and sessions -----------------------------------------------------------------
    def edit_paper(self, paper: services.Paper) -> services.Paper | None:
        """Open a paper in its form and save what was changed."""
        titles = [s.title for s in self.session.sessions if s.kind == "poster"]
        dialog = PaperDialog(paper, titles, self.session.folder, self.parent)
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.save_record(paper, dialog.edited())

    def edit_session(self, item: services.Session) -> services.Session | None:
        """Open a programme session in its form and save what was changed."""
        dialog = SessionDialog(item, self.session.rooms, self.parent)
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.save_record(item, dialog.edited())

    def add_paper(self) -> services.Paper | None:
        """Open a blank paper form and add what was typed (undo deletes it again)."""
        titles = [s.title for s in self.session.sessions if s.kind == "poster"]
        dialog = PaperDialog(services.Paper(id=""), titles, self.session.folder, self.parent)
        dialog.setWindowTitle("Add a paper")
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self._record_added("papers", lambda: services.add_paper(self.session, dialog.edited()))

    def add_session(self) -> services.Session | None:
        """Open a session form (the first day, 09:00) and add what was typed."""
        dialog = SessionDialog(services.new_session(self.session), self.session.rooms, self.parent)
        dialog.setWindowTitle("Add a session")
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self._record_added("sessions", lambda: services.save_session(self.session, dialog.edited()))

    def _record_added(self, kind: str, add: Callable[[], Any]) -> Any:
        record = self._attempt(add)
        if record is None:
            return None
        self.history.record(f"add {NOUNS[kind][0]} {_label(record)}",
                            _rereading(lambda: services.delete_records(self.session, kind, [record.id])),
                            _rereading(lambda: services.put_records(self.session, kind, [record])))
        self.document.note_change(None)
        self.tell(f"Added {NOUNS[kind][0]} {_label(record)}", False)
        return record

    def save_record(self, before: Any, after: Any) -> Any:
        """Save an edited paper or session and record it (undo puts ``before`` back)."""
        if before == after:
            return before
        kind = KIND_OF[type(before)]
        save = services.save_paper if kind == "papers" else services.save_session
        stored = self._attempt(lambda: save(self.session, after))
        if stored is None:
            return None
        self.history.record(f"edit {NOUNS[kind][0]} {_label(before)}",
                            _showing(lambda: services.put_records(self.session, kind, [before]), before),
                            lambda: [save(self.session, stored)])
        self.document.note_change([stored])
        self.tell(f"Saved {NOUNS[kind][0]} {_label(stored)}", False)
        return stored

    def attach_poster(self, paper: services.Paper, path: str | Path) -> bool:
        """Make a dropped file the poster of ``paper``, and record it."""
        before = self._attempt(lambda: services.attach_poster(self.session, paper.id, path))
        if before is None:
            return False
        self.history.record(f"attach {Path(path).name} to paper {_label(paper)}",
                            _showing(lambda: services.put_records(self.session, "papers", [before]), before),
                            _rereading(lambda: services.attach_poster(self.session, paper.id, path)))
        self.document.note_change(None)
        self.tell(f"Attached {Path(path).name} to paper {_label(paper)}", False)
        return True

    # -- changes to many records at once ------------------------------------------------------
    def record_snapshots(self, text: str, before: services.Snapshot, after: services.Snapshot) -> None:
        """Record a change of many records (an import, board numbering) by its snapshots."""
        self.history.record(text, _rereading(lambda: services.revert(self.session, before, after)),
                            _rereading(lambda: services.revert(self.session, after, before)))

    def attach_poster_folder(self, folder: str | Path) -> services.FolderMatch:
        """Give each paper its poster file from ``folder``, matched by name, and record it
        (undo takes the files off again); HildprintError when the folder cannot be read."""
        before = services.snapshot(self.session)
        match = services.attach_poster_folder(self.session, folder)
        if match.matched:
            self.record_snapshots(f"attach {len(match.matched)} posters", before, services.snapshot(self.session))
        self.document.note_change()
        return match

    def number_boards(self) -> int:
        """Give a board to every paper in a poster session that has none; returns how many."""
        before = self._attempt(lambda: services.snapshot(self.session))
        changes = self._attempt(lambda: services.number_boards(self.session)) if before else None
        if changes is None:
            return 0
        if changes:
            self.record_snapshots(f"number {len(changes)} boards", before, services.snapshot(self.session))
            self.document.note_change(None)
        self.tell(f"Numbered {len(changes)} boards" if changes else "Every poster already has a board", False)
        return len(changes)

    # -- the event's settings -------------------------------------------------------------------
    def edit_event_settings(self) -> services.EventSettings | None:
        """Open the event settings and save them; undo puts the settings before back."""
        before = services.event_settings(self.session)
        dialog = EventSettingsDialog(before, self.parent)
        self.last_dialog = dialog
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return self.save_event_settings(before, dialog.settings())

    def save_event_settings(self, before: services.EventSettings,
                            after: services.EventSettings) -> services.EventSettings | None:
        """Save the event's settings and record it."""
        stored = self._attempt(lambda: services.save_event_settings(self.session, after))
        if stored is None or stored == before:
            return stored
        self.history.record("change the event settings",
                            _rereading(lambda: services.save_event_settings(self.session, before)),
                            _rereading(lambda: services.save_event_settings(self.session, stored)))
        self.document.note_change(None)
        self.tell(f"Saved the settings of {stored.event.name}", False)
        return stored


def _rereading(write: Callable[[], Any]) -> Callable[[], None]:
    """An undo or redo step after which the views read everything again."""
    def step() -> None:
        write()
    return step


def _showing(write: Callable[[], Any], record: Any) -> Callable[[], list]:
    """An undo or redo step after which the views show ``record`` in its row."""
    def step() -> list:
        write()
        return [record]
    return step


def _label(record: Any) -> str:
    """How a record is named in the undo menu: a person's name, a paper's number, a title."""
    if isinstance(record, services.Attendee):
        return record.name
    if isinstance(record, services.Paper):
        return str(record.number or record.id)
    return f"“{record.title[:40]}”"


def poster_folder_summary(match: services.FolderMatch) -> str:
    """What attaching a folder of posters did, in a few lines."""
    lines = [f"{len(match.matched)} poster files attached to their papers."]
    lines += [f"{Path(file).name}: could be paper {' or '.join(ids)}; attach it by hand."
              for file, ids in match.ambiguous]
    lines += [f"Paper {paper_id} is claimed by {', '.join(Path(f).name for f in files)}; none attached."
              for paper_id, files in match.contested]
    if match.unmatched:
        lines.append("No paper found for " + ", ".join(Path(f).name for f in match.unmatched) + ".")
    return "\n".join(lines)
