"""What keeps a badge desk in step with the other desks: the list shown again when
another desk or program saves something, the arrivals count, undoing a check-in, and
reading the event again (F5)."""

from __future__ import annotations

from hildprint.core import services

REFUSED_STYLE = "background:#B3261E; color:white; border-radius:6px; padding:10px;"
INFO_STYLE = "background:#E8EEF4; color:#12355B; border-radius:6px; padding:10px;"
OFFLINE_STYLE = "background:#F2A900; color:black; border-radius:6px; padding:4px 10px;"


class DeskFollowing:
    """Part of :class:`~hildprint.gui.desk_window.DeskWindow`: it uses the window's desk,
    document, search box, list and status line."""

    def reload(self) -> None:
        """Read the event file again (other desks' walk-ins and corrections)."""
        try:
            self.desk.reload()
        except services.HildprintError as error:
            self.refuse(str(error))
            return
        self.show_matches(self.search.text())
        self.say(f"Read again: {len(self.desk.index)} people.", INFO_STYLE)

    def _others_changed(self) -> None:
        """Another desk or program saved something: search everyone as stored now, and
        show the list again (a check-in made elsewhere gets its ✓)."""
        try:
            self.desk.reload()
            self.show_arrivals()
        except services.HildprintError:
            return  # busy: F5 or the next change reads it again
        selected = self.selected()
        shown = {p.id for p in self._shown}
        people = ([p for p in self.desk.index.people if p.id in shown] if not self.search.text()
                  else [m.person for m in self.desk.find(self.search.text())])
        self._list(people, selected.id if selected else "")

    def show_arrivals(self) -> None:
        """Show how many have arrived ("312 of 420 arrived"), or, while the server is
        away, that the desk works offline ("offline: 12 changes waiting")."""
        waiting = self.document.session.offline_changes
        arrived, registered = self.desk.arrivals()
        if waiting is None:
            self.arrivals.setStyleSheet("")
            self.arrivals.setText(f"{arrived} of {registered} arrived")
        else:
            self.arrivals.setStyleSheet(OFFLINE_STYLE)
            self.arrivals.setText(f"offline: {waiting} change{'' if waiting == 1 else 's'} waiting")

    def undo_check_in(self) -> None:
        """Take back the selected person's check-in (a mistake); the desk log keeps it."""
        person = self.selected()
        if person is None or not person.checked_in_at:
            self.refuse("Nobody checked in is selected.")
            return
        try:
            person = self.desk.undo_check_in(person.id)
        except services.HildprintError as error:
            self.refuse(f"Not undone: {error}")
            return
        self.document.note_change([person])
        self._show_person(person)
        self.say(f"↶ Check-in of {person.name} undone.", INFO_STYLE)

