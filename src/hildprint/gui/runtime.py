"""What every Qt window of hildprint needs from the runtime, whatever started it: the
guard that keeps Python's singletons alive under PySide6 6.12 on Python 3.11, and windows
that settle their size limits before the window system sees them.

Both the application (``app``) and the printing driver (which may start a bare
QGuiApplication from the command line) import this module; it imports nothing of ours.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

SINGLETON_RESERVE = 1 << 48


def keep_singletons_alive() -> bool:
    """Guard against PySide6 6.12.0 on Python 3.11 dropping references to ``None``,
    ``True`` and ``False``: one to None on every call of a Qt method that returns nothing
    (``setText``, ``QTimer.start``...), one to True on every ``Signal.emit``.

    These objects start with a few thousand references, so a desk working all day would
    abort after some thousand calls ("Fatal Python error: none_dealloc"). Python 3.12
    made them immortal; on 3.11 each is given so many references that the leak can never
    use them up. Returns whether the guard was applied.
    """
    if sys.version_info >= (3, 12):
        return False
    for singleton in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(singleton))  # ob_refcnt, the first field
        if refcount.value < SINGLETON_RESERVE:
            refcount.value += SINGLETON_RESERVE
    return True


def settle_before_showing(window: QWidget) -> None:
    """Fix ``window``'s minimum size, from its layout, before its native window exists.

    Left to itself, Qt creates the native window first, lays the widgets out afterwards,
    and sets the window's minimum size again whenever its content changes (a view
    switched, a dock hidden, a wizard page turned); each change is pushed to the window
    system, which some platforms (the offscreen one among them) cannot take and warn
    about, and which makes a window jump on others. Call this just before the first show:
    the minimum is then the layout's at that moment, part of the window from the start.
    """
    created = window.testAttribute(Qt.WidgetAttribute.WA_WState_Created)  # the native window exists
    if window.isWindow() and not created and window.layout() is not None:
        window.ensurePolished()
        layout = window.layout()
        layout.activate()
        layout.setSizeConstraint(layout.SizeConstraint.SetNoConstraint)  # from now on, ours alone
        window.setMinimumSize(window.minimumSize())


class SettledWindow:
    """Mixin for top-level widgets (put it first among the bases): fixes the minimum
    size before the first show (see :func:`settle_before_showing`)."""

    def setVisible(self, visible: bool) -> None:  # noqa: N802 (Qt API)
        """Settle the layout before the native window is made, then show or hide."""
        if visible:
            settle_before_showing(self)
        super().setVisible(visible)

    def showMaximized(self) -> None:  # noqa: N802 (Qt API)
        """Settle first: a window state is set, and the native window made, before showing."""
        settle_before_showing(self)
        super().showMaximized()

    def showFullScreen(self) -> None:  # noqa: N802 (Qt API)
        """Settle first, as for :meth:`showMaximized`."""
        settle_before_showing(self)
        super().showFullScreen()
