"""Start the GUI: ``hildprint-gui [EVENT]``, or the badge desk: ``hildprint-gui --desk EVENT``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QApplication, QWidget

from hildprint import __version__
from hildprint.core import services
from hildprint.gui.runtime import keep_singletons_alive

FONT_SUFFIXES = (".ttf", ".ttc", ".otf")


def register_bundled_fonts() -> int:
    """Make the fonts shipped in assets/fonts available to Qt, so names in every script
    show in tables and previews even where the system has no such fonts. Returns how many
    font files were added."""
    fonts = services.assets_dir() / "fonts"
    added = 0
    for path in sorted(fonts.glob("*")) if fonts.is_dir() else ():
        if path.suffix.lower() in FONT_SUFFIXES and QFontDatabase.addApplicationFont(str(path)) >= 0:
            added += 1
    return added


def application(argv: Sequence[str] = ()) -> QApplication:
    """The running QApplication, created (with bundled fonts) if there is none yet."""
    app = QApplication.instance()
    if app is None:
        keep_singletons_alive()
        app = QApplication(list(argv) or [sys.argv[0]])
        app.setApplicationName("hildprint")
        app.setOrganizationName("hildprint")
        app.setApplicationVersion(__version__)
        register_bundled_fonts()
    return app


def main(argv: Sequence[str] | None = None) -> int:
    """Open the main window, with an event file when one is given."""
    parser = argparse.ArgumentParser(prog="hildprint-gui", description="The hildprint window.")
    parser.add_argument("event", nargs="?", help="an event file (*.hildprint) to open")
    parser.add_argument("--desk", metavar="EVENT", help="open the onsite badge desk on this event file")
    parser.add_argument("--designer", metavar="EVENT", help="open the badge designer on this event file")
    args = parser.parse_args(argv)
    app = application(sys.argv[:1])
    if args.desk:
        return _run_desk(app, args.desk)
    if args.designer:
        return _run_designer(app, args.designer)
    from hildprint.gui.main_window import MainWindow

    window = MainWindow()
    if args.event:
        window.open_event(args.event)
    window.show()
    return app.exec()


def _run_desk(app: QApplication, event: str) -> int:
    from hildprint.gui.desk_window import DeskWindow

    return _run_window(app, lambda: DeskWindow(event), maximised=True)


def _run_designer(app: QApplication, event: str) -> int:
    from hildprint.gui.designer.window import DesignerWindow

    return _run_window(app, lambda: DesignerWindow(event), maximised=False)


def _run_window(app: QApplication, make: Callable[[], QWidget], maximised: bool) -> int:
    """Show the window ``make`` builds and run until it closes; exit code 2 with one line
    when the event cannot be opened."""
    try:
        window = make()
    except services.HildprintError as error:
        print(f"hildprint-gui: {error}", file=sys.stderr)
        return 2
    if maximised:
        window.showMaximized()
    else:
        window.show()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
