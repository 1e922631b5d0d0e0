"""The ``hildprint`` command: the core services from a shell.

Exit codes: 0 success, 1 problems found (rejected rows, failed checks), 2 usage errors or
unreadable input. Errors are one line; ``--debug`` shows the traceback.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import unicodedata
from pathlib import Path
from typing import Any, Callable, Sequence

from hildprint import __version__
from hildprint.core import importers, services
from hildprint.core.boards import BoardError
from hildprint.core.desk import DeskError
from hildprint.core.layout.stock import DEFAULT_STOCK, Stock, StockError, custom_grid, list_stocks
from hildprint.core.layout.template import DEFAULT_TEMPLATE, TemplateError, list_templates
from hildprint.core.render.badges import BadgeError
from hildprint.core.render.output import OutputError
from hildprint.core.importers.base import UnreadableInput
from hildprint.core.model import Event
from hildprint.core.store import StoreError

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    StoreError, UnreadableInput, FileNotFoundError, StockError, TemplateError, BadgeError, OutputError,
)


class UsageError(Exception):
    """Bad arguments that argparse cannot catch on its own."""


def _out(text: str = "") -> None:
    print(text, flush=True)


def _err(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def parse_mapping(pairs: Sequence[str] | None) -> dict[str, str]:
    """Turn ``["Vorname=first_name", ...]`` into ``{"Vorname": "first_name"}``."""
    mapping = {}
    for pair in pairs or ():
        column, sep, field = pair.rpartition("=")
        if not sep or not column.strip() or not field.strip():
            raise UsageError(f"--map {pair!r}: expected COLUMN=FIELD, e.g. --map 'Vorname=first_name'")
        mapping[column.strip()] = field.strip()
    return mapping


# -- new -------------------------------------------------------------------------------
def _add_new(sub: Any) -> None:
    p = sub.add_parser("new", help="create an event file")
    p.add_argument("event", type=Path, help="the event file to create (*.hildprint)")
    p.add_argument("--name", required=True, help='the event\'s name, e.g. "HiLD 2026"')
    p.add_argument("--code", default="", help="short code for badge tokens (default: from the name)")
    p.add_argument("--start", default="", help="first day, YYYY-MM-DD")
    p.add_argument("--end", default="", help="last day, YYYY-MM-DD")
    p.add_argument("--venue", default="")
    p.add_argument("--timezone", default="UTC", help="e.g. Asia/Seoul")
    p.set_defaults(run=_run_new)


def _run_new(args: argparse.Namespace) -> int:
    _check_timezone(args.timezone)
    event = services.create_event(args.event, Event(
        name=args.name, code=args.code, start_date=args.start, end_date=args.end,
        venue=args.venue, timezone=args.timezone,
    ))
    _out(f"created {args.event}: {event.name} ({event.code})")
    return EXIT_OK


def _check_timezone(name: str) -> None:
    from zoneinfo import ZoneInfo

    try:
        ZoneInfo(name)
    except Exception as error:
        raise UsageError(f"--timezone {name!r}: not a known time zone (e.g. Asia/Seoul)") from error


# -- import ----------------------------------------------------------------------------
def _add_import(sub: Any) -> None:
    p = sub.add_parser("import", help="merge attendees, papers or a programme into an event file")
    p.add_argument("event", type=Path)
    p.add_argument("kind", choices=importers.KINDS)
    p.add_argument("file", type=Path)
    all_formats = sorted({f for fs in importers.FORMATS.values() for f in fs})
    p.add_argument("--format", dest="fmt", default="auto", choices=all_formats)
    p.add_argument("--map", action="append", metavar="COLUMN=FIELD",
                   help="read COLUMN as FIELD (repeatable)")
    p.add_argument("--strict", action="store_true",
                   help="write nothing when any row has a problem")
    p.add_argument("--venue-id", default="",
                   help="OpenReview venue id whose papers are accepted (remembered for later imports)")
    p.add_argument("--all-warnings", action="store_true",
                   help=f"print every warning (default: the first {WARNINGS_SHOWN})")
    p.set_defaults(run=_run_import)


WARNINGS_SHOWN = 20


def _run_import(args: argparse.Namespace) -> int:
    report = services.import_file(
        args.event, args.kind, args.file, args.fmt, parse_mapping(args.map), args.strict,
        venue_id=args.venue_id,
    )
    result = report.result
    details = dict(result.details)
    what = details.pop("detected", result.format)
    columns = details.pop("columns", "")
    _out(f"{result.file}: {what} → {result.kind}")
    if details:
        _out("  read with " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in details.items()))
    if columns:
        _out(f"  columns: {columns}")
    counts = report.counts
    line = (f"  added {counts.added}, updated {counts.updated}, unchanged {counts.unchanged}, "
            f"rejected {len(result.rejected)}, skipped {len(result.skipped)}")
    if result.rooms:
        line += f"; rooms added {report.room_counts.added}"
    _out(line)
    for problem in result.rejected:
        _out(f"  rejected: {problem}")
    for problem in result.skipped:
        _out(f"  skipped: {problem}")
    shown = result.warnings if args.all_warnings else result.warnings[:WARNINGS_SHOWN]
    for problem in shown:
        _out(f"  warning: {problem}")
    if len(shown) < len(result.warnings):
        _out(f"  … and {len(result.warnings) - len(shown)} more warnings (--all-warnings shows them)")
    if report.not_in_file:
        listed = ", ".join(report.not_in_file[:10]) + (" …" if len(report.not_in_file) > 10 else "")
        _out(f"  note: {len(report.not_in_file)} {args.kind} already in the event file are not in "
             f"this file and were kept: {listed}")
    if not report.written:
        _out(f"  nothing written (--strict and {len(result.rejected)} rejected rows)")
    return EXIT_PROBLEMS if result.rejected else EXIT_OK


# -- list ------------------------------------------------------------------------------
LIST_COLUMNS = {
    "attendees": ("id", "display_name", "affiliation", "role", "email"),
    "papers": ("number", "title", "session", "board"),
    "sessions": ("start", "end", "room_id", "kind", "title"),
    "rooms": ("id", "name"),
}


def _add_list(sub: Any) -> None:
    p = sub.add_parser("list", help="show what an event file holds")
    p.add_argument("event", type=Path)
    p.add_argument("what", choices=services.LISTABLE)
    p.add_argument("--json", action="store_true", help="a JSON array keyed by field names")
    p.set_defaults(run=_run_list)


def _run_list(args: argparse.Namespace) -> int:
    records = services.list_records(args.event, args.what)
    if args.json:
        _out(json.dumps(records, ensure_ascii=False, indent=2))
        return EXIT_OK
    columns = LIST_COLUMNS[args.what]
    rows = [[_cell(record.get(c)) for c in columns] for record in records]
    widths = [max([len(c)] + [_width(r[i]) for r in rows]) for i, c in enumerate(columns)]
    for row in [list(columns)] + rows:
        _out("  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(row, widths)).rstrip())
    _out(f"{len(records)} {args.what}")
    return EXIT_OK


def _width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _cell(value: object, width: int = 40) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= width else text[: width - 1] + "…"


# -- boards ----------------------------------------------------------------------------
def _add_boards(sub: Any) -> None:
    p = sub.add_parser("boards", help="show or number the poster boards")
    p.add_argument("event", type=Path)
    p.add_argument("--assign", action="store_true",
                   help="number the boards of papers that have none (others keep theirs)")
    p.add_argument("--by-topic", action="store_true", help="with --assign: group new boards by topic")
    p.add_argument("--set", action="append", metavar="PAPER_ID=BOARD", default=[],
                   help="put a paper on a board by hand (empty BOARD clears it)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_run_boards)


def _run_boards(args: argparse.Namespace) -> int:
    for pair in args.set:
        paper_id, sep, board = pair.partition("=")
        if not sep:
            raise UsageError(f"--set {pair!r}: expected PAPER_ID=BOARD")
        try:
            services.set_board(args.event, paper_id.strip(), board)
        except BoardError as error:
            raise UsageError(f"--set {pair}: {error}") from error
    if args.assign:
        changes = services.number_boards(args.event, args.by_topic)
        if not args.json:
            _out(f"numbered {len(changes)} boards")
    papers = [p for p in services.list_records(args.event, "papers") if p["session"]]
    papers.sort(key=lambda p: (p["session"], not p["board"], _board_sort_key(p["board"])))
    if args.json:
        keys = ("id", "number", "session", "board", "title")
        _out(json.dumps([{k: p[k] for k in keys} for p in papers], ensure_ascii=False, indent=2))
        return EXIT_OK
    for paper in papers:
        _out(f"{paper['session']:<20}  {paper['board'] or '—':>5}  {paper['number'] or '':>4}  {_cell(paper['title'], 60)}")
    unnumbered = sum(1 for p in papers if not p["board"])
    if unnumbered:
        _out(f"{unnumbered} papers have no board yet (hildprint boards EVENT --assign)")
    return EXIT_OK


def _board_sort_key(board: str) -> tuple[int, str]:
    return (int(board), "") if board.isdigit() else (10**9, board)


# -- badges ----------------------------------------------------------------------------
def _add_badges(sub: Any) -> None:
    p = sub.add_parser("badges", help="print name badges")
    p.add_argument("source", type=Path, help="an event file, or an attendee export")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    p.add_argument("--stock", default=DEFAULT_STOCK, help=f"label stock (default {DEFAULT_STOCK}; see 'hildprint stocks')")
    p.add_argument("--grid", metavar="PAPER:BADGE[:MARGIN[:GAP]]",
                   help="a custom grid instead of --stock, e.g. A4:90x55:10:5 (sizes in mm)")
    p.add_argument("--template", default=DEFAULT_TEMPLATE, help="badge template name or .json file")
    p.add_argument("--only", action="append", default=[], metavar="ID[,ID...]", help="only these attendee ids")
    p.add_argument("--role", default="", help="only people with this role (Speaker, Author, ...)")
    sides = p.add_mutually_exclusive_group()
    sides.add_argument("--duplex", dest="sides", action="store_const", const="duplex",
                       help="add back pages, mirrored for a long-edge flip")
    sides.add_argument("--fold", dest="sides", action="store_const", const="fold",
                       help="front and back on one sheet, folded")
    p.add_argument("--no-crop-marks", dest="crop_marks", action="store_const", const=False, default=None)
    p.add_argument("--crop-marks", dest="crop_marks", action="store_const", const=True,
                   help="draw crop marks even on pre-cut stock")
    p.add_argument("--format", dest="fmt", default="auto", choices=importers.FORMATS["attendees"],
                   help="format of an export SOURCE")
    p.add_argument("--map", action="append", metavar="COLUMN=FIELD")
    p.add_argument("--workers", type=int, default=None, help="worker processes (default: one per core)")
    p.set_defaults(run=_run_badges, sides="front")


def _run_badges(args: argparse.Namespace) -> int:
    request = services.BadgeRequest(
        source=args.source, out=args.output, stock=args.stock, template=args.template,
        only=[i.strip() for chunk in args.only for i in chunk.split(",") if i.strip()],
        role=args.role, sides=args.sides, crop_marks=args.crop_marks, fmt=args.fmt,
        mapping=parse_mapping(args.map), grid=_parse_grid(args.grid) if args.grid else None,
    )
    bar = ProgressBar("badges") if sys.stderr.isatty() else None
    run, selection = services.make_badges(request, progress=bar, workers=args.workers)
    if bar:
        bar.finish()
    for note in selection.notes:
        _out(f"note: {note}")
    _out(f"{run.path}: {run.badges} badges on {run.pages} pages in {run.seconds:.1f} s")
    if selection.unknown_ids:
        _out(f"warning: no attendee with id {', '.join(selection.unknown_ids)}")
    for warning in run.warnings:
        _out(f"warning: {warning}")
    if not run.badges:
        _out("warning: nobody matched; no PDF was written")
    return EXIT_PROBLEMS if run.warnings or selection.unknown_ids or not run.badges else EXIT_OK


def _parse_grid(text: str) -> Stock:
    parts = text.split(":")
    if not 2 <= len(parts) <= 4:
        raise UsageError(f"--grid {text!r}: expected PAPER:BADGE[:MARGIN[:GAP]], e.g. A4:90x55:10:5")
    try:
        numbers = [float(p) for p in parts[2:]]
        return custom_grid(parts[0], parts[1], *numbers)
    except ValueError as error:
        raise UsageError(f"--grid {text}: {error}") from error


class ProgressBar:
    """A one-line progress bar on the terminal's standard error."""

    def __init__(self, noun: str):
        self.noun = noun
        self.shown = -1

    def __call__(self, done: int, total: int) -> None:
        percent = 100 * done // max(total, 1)
        if percent != self.shown:
            self.shown = percent
            filled = percent // 4
            sys.stderr.write(f"\r[{'#' * filled}{'.' * (25 - filled)}] {done}/{total} {self.noun}")
            sys.stderr.flush()

    def finish(self) -> None:
        """End the bar's line."""
        if self.shown >= 0:
            sys.stderr.write("\n")


def _add_stocks(sub: Any) -> None:
    p = sub.add_parser("stocks", help="list label stock and badge templates")
    p.set_defaults(run=_run_stocks)


def _run_stocks(args: argparse.Namespace) -> int:
    stocks = list_stocks()
    width = max(len(s.name) for s in stocks)
    for stock in stocks:
        default = "  (default)" if stock.name == DEFAULT_STOCK else ""
        _out(f"{stock.name:<{width}}  {stock.describe()}{default}")
        if stock.description:
            _out(f"{'':<{width}}  {stock.description}")
    _out(f"templates: {', '.join(list_templates())}")
    return EXIT_OK


# -- the badge desk ----------------------------------------------------------------------
def _add_checkin(sub: Any) -> None:
    p = sub.add_parser("checkin", help="check a person in by a scanned badge code or their id")
    p.add_argument("event", type=Path)
    p.add_argument("token", metavar="TOKEN_OR_ID", help="the badge's QR code text (CODE:id:signature) or an id")
    p.add_argument("--desk", default="", help="this desk's name in the log (default: the machine's name)")
    p.set_defaults(run=_run_checkin)


def _run_checkin(args: argparse.Namespace) -> int:
    with services.open_desk(args.event, args.desk) as desk:
        try:
            result = desk.check_in(args.token)
        except DeskError as error:
            _err(f"refused ({error.reason}): {error}")
            return EXIT_PROBLEMS
    person = result.person
    when = "checked in at" if result.first_time else "already checked in at"
    _out(f"{person.name}")
    _out(f"  {person.id}, {person.affiliation or 'no affiliation'}, {person.role}: {when} {result.when}")
    return EXIT_OK


def _add_print_badge(sub: Any) -> None:
    p = sub.add_parser("print-badge", help="print one person's badge at 100 %% on a printer or into a PDF")
    p.add_argument("event", type=Path)
    p.add_argument("id", metavar="ID", help="the attendee id (or a scanned badge code)")
    where = p.add_mutually_exclusive_group()
    where.add_argument("--printer", default="", metavar="NAME", help="a printer queue (see 'lpstat -p')")
    where.add_argument("-o", "--output", type=Path, help="the PDF to write (default: EVENT-desk/ID.pdf)")
    p.add_argument("--stock", default=DEFAULT_STOCK, help="label stock; badges from sheets of plain paper "
                   "print on a page of one badge's size")
    p.add_argument("--template", default=DEFAULT_TEMPLATE)
    p.add_argument("--desk", default="", help="this desk's name in the log (default: the machine's name)")
    p.set_defaults(run=_run_print_badge)


def _run_print_badge(args: argparse.Namespace) -> int:
    with services.open_desk(args.event, args.desk, args.stock, args.template) as desk:
        try:
            attendee_id = desk.identify(args.id)
        except DeskError as error:
            _err(f"refused ({error.reason}): {error}")
            return EXIT_PROBLEMS
        pdf = args.output or services.desk_pdf_path(args.event, attendee_id)
        if args.output is None:
            pdf.parent.mkdir(exist_ok=True)
        try:
            send = _printer_driver(args.printer)
            result = desk.print_badge(attendee_id, pdf, args.printer or None, send)
        except RuntimeError as error:  # the printer refused (PrintError from the Qt side)
            _err(f"hildprint: {error}")
            return EXIT_PROBLEMS
    copy = f"copy {result.record.copy}" + (" (a reprint)" if result.record.reprint else "")
    _out(f"{result.person.name}: badge {copy} → {result.record.printer}")
    for warning in result.warnings:
        _out(f"warning: {warning}")
    return EXIT_OK


def _printer_driver(printer: str) -> Callable[[Path, tuple[float, float]], None] | None:
    """The Qt printer driver for ``printer``, imported only when a printer is asked for."""
    if not printer:
        return None
    from hildprint.gui.printing import send_to_printer

    return send_to_printer(printer)


# -- demo ------------------------------------------------------------------------------
def _add_demo(sub: Any) -> None:
    p = sub.add_parser("demo", help="build the sample HiLD 2026 event and print everything from it")
    p.add_argument("outdir", type=Path, nargs="?", default=Path("out"))
    p.set_defaults(run=_run_demo)


def _run_demo(args: argparse.Namespace) -> int:
    result = services.build_demo(args.outdir)
    for path, what in result.outputs:
        _out(f"{path}: {what}")
    for warning in result.warnings:
        _out(f"as expected for the sample's long names: {warning}")
    return EXIT_OK


# -- the program ---------------------------------------------------------------------
COMMANDS: list[Callable[[Any], None]] = [
    _add_new, _add_import, _add_list, _add_boards, _add_badges, _add_stocks, _add_checkin,
    _add_print_badge, _add_demo,
]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="hildprint",
        description="Badges, signage, poster checks and the badge desk for a workshop.",
    )
    parser.add_argument("--version", action="version", version=f"hildprint {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks on errors")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for add in COMMANDS:
        add(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except UsageError as error:
        parser.print_usage(sys.stderr)
        _err(f"hildprint: {error}")
        return EXIT_USAGE
    except EXPECTED_ERRORS as error:
        if args.debug:
            raise
        _err(f"hildprint: {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _err("hildprint: interrupted")
        return 130
    except BrokenPipeError:  # output piped into head/less that closed early
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:  # the last line of defence: one clear line, not a traceback
        if args.debug:
            raise
        _err(f"hildprint: unexpected error: {type(error).__name__}: {error} (run with --debug for details)")
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
