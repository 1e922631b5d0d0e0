"""The window's undo history: every change made in the window, saved at once, can be
undone and redone.

A change is saved first (so a refused change never enters the history) and then recorded
with two steps: one that writes the state before back through the services' use cases,
one that writes the change again. Each step returns the stored records it wrote (the
views update those rows) or None (the views read everything again).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from hildprint.core import services
from hildprint.gui.document import EventDocument

Step = Callable[[], list | None]
"""Writes a state through the services; returns the records written, or None."""


class Change(QUndoCommand):
    """One change already saved: undo writes the state before back, redo writes it again."""

    def __init__(self, history: History, text: str, undo: Step, redo: Step):
        super().__init__(text)
        self.history = history
        self._undo, self._redo = undo, redo
        self._saved = True  # pushing a command redoes it; this change is saved already

    def redo(self) -> None:
        """Write the change again (not when it is first recorded: it is saved already)."""
        if self._saved:
            self._saved = False
            return
        self.history.run(self._redo, f"Redo {self.text()}")

    def undo(self) -> None:
        """Write back the state before the change."""
        self.history.run(self._undo, f"Undo {self.text()}")


class History(QUndoStack):
    """The undo stack of one window's open event: emptied when another event opens or the
    event closes. ``failed`` fires with a message when an undo or redo cannot be saved
    (the file is busy, the record is gone); ``done`` with a message when one was."""

    failed = Signal(str)
    done = Signal(str)

    def __init__(self, document: EventDocument, parent: QObject | None = None):
        super().__init__(parent)
        self.document = document
        document.opened.connect(self.clear)
        document.closed.connect(self.clear)

    def record(self, text: str, undo: Step, redo: Step) -> None:
        """Add a change that has just been saved (``text`` names it: "edit Name of Emily")."""
        self.push(Change(self, text, undo, redo))

    def run(self, step: Step, what: str) -> None:
        """Run an undo or redo step and let the views show what it wrote."""
        if not self.document.is_open:
            return
        try:
            records = step()
        except services.HildprintError as error:
            self.failed.emit(f"{what}: not saved: {error}")
            return
        self.document.note_change(records)
        self.done.emit(what)
