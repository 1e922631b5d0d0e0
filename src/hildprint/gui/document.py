"""The open event, as the window's views share it.

An :class:`EventDocument` holds the one :class:`~hildprint.core.services.EventSession` of
a window, looks each second whether another program (the command line, a desk) saved
something in the event file, and tells the views through signals. Views read through
it (``document.session``) and write through the services' use cases with that session,
then call :meth:`EventDocument.note_change` so the other views follow.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from hildprint.core import services

WATCH_INTERVAL_MS = 500
"""How often the document looks whether another program (another desk, a window, the
command line) changed the event: a change shows within a second."""


class EventDocument(QObject):
    """One open event file (or none), shared by the views of a window.

    Signals: ``opened`` when an event is opened (the views start over); ``changed`` with
    the records just saved when they are known (a list), or None when anything may have
    changed; ``changed_elsewhere`` after another program's change was taken in (``changed``
    with None comes first); ``closed`` when the event is closed.
    """

    opened = Signal()
    changed = Signal(object)
    changed_elsewhere = Signal()
    closed = Signal()

    def __init__(self, parent: QObject | None = None, watch_interval_ms: int = WATCH_INTERVAL_MS):
        super().__init__(parent)
        self.session: services.EventSession | None = None
        self.own_writers = 0
        """Runs of this window writing through their own connection (a print run numbering
        boards): what they save is this window's change, not another program's."""
        self.watch = QTimer(self)
        self.watch.setInterval(watch_interval_ms)
        self.watch.timeout.connect(self.check_elsewhere)

    @classmethod
    def opening(cls, path: str | Path, parent: QObject | None = None, for_desk: bool = False) -> EventDocument:
        """A document with the event file (or server URL) at ``path`` open (HildprintError
        when it cannot be); ``for_desk``: kept workable offline (see ``open``)."""
        document = cls(parent)
        document.open(path, for_desk)
        return document

    # -- what is open ------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        """Whether an event file is open."""
        return self.session is not None

    @property
    def source(self) -> str | Path:
        """What opens the event again: its file's path, or its server's URL."""
        return self._open_session().source

    @property
    def path(self) -> Path:
        """The open event file."""
        return self._open_session().path

    @property
    def event(self) -> services.Event:
        """The open event's settings (name, dates, zone)."""
        return self._open_session().event

    def _open_session(self) -> services.EventSession:
        if self.session is None:
            raise services.HildprintError("no event file is open")
        return self.session

    # -- opening and closing -------------------------------------------------------------------
    def open(self, path: str | Path, for_desk: bool = False) -> None:
        """Open the event file (or server URL) at ``path`` instead of the one open;
        HildprintError (and the open one kept) when it is not an event. ``for_desk``: an
        event on a server is opened with a local copy and a journal, so a desk goes on
        when the network drops."""
        session = services.EventSession.open_for_desk(path) if for_desk else services.EventSession.open(path)
        self._replace(session)

    def create(self, path: str | Path, event: services.Event) -> None:
        """Create an event file at ``path`` and open it."""
        services.create_event(path, event)
        self.open(path)

    def _replace(self, session: services.EventSession) -> None:
        self.own_writers = 0
        if self.session is not None:
            self.session.close()
        self.session = session
        session.refresh_if_changed()  # note the file's state now, so later changes are seen
        self.watch.start()
        self.opened.emit()

    def close(self) -> None:
        """Close the event file (every change is already saved)."""
        self.watch.stop()
        if self.session is not None:
            self.session.close()
            self.session = None
            self.closed.emit()

    # -- changes -------------------------------------------------------------------------------
    def note_change(self, records: list | None = None) -> None:
        """Tell the views that this window saved something: ``records`` (the stored
        records) when known, else anything may have changed."""
        if self.session is not None:
            self.session.forget()
            self.changed.emit(records)

    def check_elsewhere(self) -> bool:
        """Take in what another program saved since the last look; returns whether it did.
        While this window's own runs write (see :meth:`begin_own_writes`) a change is taken
        in as this window's: ``changed`` without ``changed_elsewhere``."""
        try:
            changed = self.session is not None and self.session.refresh_if_changed()
        except services.HildprintError:
            return False  # busy right now: look again at the next tick
        if changed:
            self.changed.emit(None)
            if not self.own_writers:
                self.changed_elsewhere.emit()
        return changed

    def begin_own_writes(self) -> None:
        """A run of this window that writes through its own connection starts."""
        self.own_writers += 1

    def end_own_writes(self) -> None:
        """That run ended: take in what it saved as this window's own change."""
        if self.own_writers:
            self.check_elsewhere()
            self.own_writers -= 1
