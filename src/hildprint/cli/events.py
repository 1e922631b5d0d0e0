"""Commands on an event file itself: new, event, import, list, export, boards, demo."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from hildprint.cli.output import (
    EXIT_OK,
    EXIT_PROBLEMS,
    MAP,
    PairOption,
    UsageError,
    cell,
    event_location,
    out,
    print_table,
)
from hildprint.core import services

WARNINGS_SHOWN = 20
"""Warnings an import prints unless ``--all-warnings`` asks for all of them."""

LIST_COLUMNS = {
    "attendees": ("id", "display_name", "affiliation", "role", "email"),
    "papers": ("number", "title", "session", "board"),
    "sessions": ("start", "end", "room_id", "kind", "title"),
    "rooms": ("id", "name"),
}
"""The columns ``hildprint list`` shows of each kind of record (``--json`` shows all)."""

BOARD = PairOption("--set", "PAPER_ID=BOARD", split_at_first=True, empty_value=True)


# -- new -------------------------------------------------------------------------------
def add_new(sub: Any) -> None:
    """``hildprint new EVENT --name NAME``: create an event file."""
    p = sub.add_parser("new", help="create an event file")
    p.add_argument("event", type=event_location, help="the event file to create (*.hildprint)")
    p.add_argument("--name", required=True, help='the event\'s name, e.g. "HiLD 2026"')
    p.add_argument("--code", default="", help="short code for badge tokens (default: from the name)")
    p.add_argument("--start", default="", help="first day, YYYY-MM-DD")
    p.add_argument("--end", default="", help="last day, YYYY-MM-DD")
    p.add_argument("--venue", default="")
    p.add_argument("--timezone", default="",
                   help="e.g. Asia/Seoul (default: taken from the first programme imported that states one)")
    p.set_defaults(run=_run_new)


def _run_new(args: argparse.Namespace) -> int:
    _check_zone(args.timezone)
    event = services.create_event(args.event, services.Event(
        name=args.name, code=args.code, start_date=args.start, end_date=args.end,
        venue=args.venue, timezone=args.timezone,
    ))
    out(f"created {args.event}: {event.name} ({event.code})")
    return EXIT_OK


def _check_zone(name: str | None) -> None:
    if not name:
        return
    try:
        services.check_timezone(name)
    except services.UnknownTimeZone as error:
        raise UsageError(f"--timezone {name!r}: not a known time zone (e.g. Asia/Seoul)") from error


# -- event -----------------------------------------------------------------------------
def add_event(sub: Any) -> None:
    """``hildprint event EVENT [--timezone ZONE] ...``: show or change the event's details."""
    p = sub.add_parser("event", help="show or change the event's name, dates, venue and time zone")
    p.add_argument("event", type=Path)
    p.add_argument("--name")
    p.add_argument("--start", dest="start_date", help="first day, YYYY-MM-DD")
    p.add_argument("--end", dest="end_date", help="last day, YYYY-MM-DD")
    p.add_argument("--venue")
    p.add_argument("--timezone", help="e.g. Asia/Seoul; signs show every session's time in it")
    p.add_argument("--url")
    p.set_defaults(run=_run_event)


def _run_event(args: argparse.Namespace) -> int:
    _check_zone(args.timezone)
    changes = {name: getattr(args, name) for name in services.EDITABLE_EVENT_FIELDS
               if getattr(args, name, None) is not None}
    try:
        event = services.change_event(args.event, **changes)
    except services.EditError as error:
        raise UsageError(str(error)) from error
    for label, value in (("name", event.name), ("code", event.code), ("dates", _dates(event)),
                         ("venue", event.venue), ("time zone", event.timezone or "not set (signs show UTC)"),
                         ("url", event.url)):
        out(f"{label + ':':<11}{value}")
    return EXIT_OK


def _dates(event: services.Event) -> str:
    if not event.start_date:
        return "not set"
    return event.start_date + (f" to {event.end_date}" if event.end_date not in ("", event.start_date) else "")


# -- import ----------------------------------------------------------------------------
def add_import(sub: Any) -> None:
    """``hildprint import EVENT KIND FILE``: merge attendees, papers or a programme."""
    p = sub.add_parser("import", help="merge attendees, papers or a programme into an event file")
    p.add_argument("event", type=event_location)
    p.add_argument("kind", choices=services.IMPORT_KINDS)
    p.add_argument("file", type=Path)
    all_formats = sorted({f for fs in services.IMPORT_FORMATS.values() for f in fs})
    p.add_argument("--format", dest="fmt", default="auto", choices=all_formats)
    p.add_argument("--map", action="append", metavar=MAP.shape, help="read COLUMN as FIELD (repeatable)")
    p.add_argument("--strict", action="store_true",
                   help="write nothing when any row has a problem")
    p.add_argument("--venue-id", default="",
                   help="OpenReview venue id whose papers are accepted (remembered for later imports)")
    p.add_argument("--all-warnings", action="store_true",
                   help=f"print every warning (default: the first {WARNINGS_SHOWN})")
    p.set_defaults(run=_run_import)


def _run_import(args: argparse.Namespace) -> int:
    report = services.import_file(
        args.event, args.kind, args.file, args.fmt, MAP.mapping(args.map), args.strict,
        venue_id=args.venue_id,
    )
    _print_what_was_read(report)
    _print_problems(report, args.all_warnings)
    if report.not_in_file:
        listed = ", ".join(report.not_in_file[:10]) + (" …" if len(report.not_in_file) > 10 else "")
        out(f"  note: {len(report.not_in_file)} {args.kind} already in the event file are not in "
            f"this file and were kept: {listed}")
    if not report.written:
        out(f"  nothing written (--strict and {len(report.result.rejected)} rejected rows)")
    return EXIT_PROBLEMS if report.result.rejected or report.result.warnings else EXIT_OK


def _print_what_was_read(report: services.ImportReport) -> None:
    result = report.result
    details = dict(result.details)
    what = details.pop("detected", result.format)
    columns = details.pop("columns", "")
    out(f"{result.file}: {what} → {result.kind}")
    if details:
        out("  read with " + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in details.items()))
    if columns:
        out(f"  columns: {columns}")
    counts = report.counts
    line = (f"  added {counts.added}, updated {counts.updated}, unchanged {counts.unchanged}, "
            f"rejected {len(result.rejected)}, skipped {len(result.skipped)}")
    if result.rooms:
        line += f"; rooms added {report.room_counts.added}"
    out(line)


def _print_problems(report: services.ImportReport, all_warnings: bool) -> None:
    result = report.result
    for problem in result.rejected:
        out(f"  rejected: {problem}")
    for problem in result.skipped:
        out(f"  skipped: {problem}")
    shown = result.warnings if all_warnings else result.warnings[:WARNINGS_SHOWN]
    for problem in shown:
        out(f"  warning: {problem}")
    if len(shown) < len(result.warnings):
        out(f"  … and {len(result.warnings) - len(shown)} more warnings (--all-warnings shows them)")


# -- list and export --------------------------------------------------------------------
def add_list(sub: Any) -> None:
    """``hildprint list EVENT WHAT``: show what an event file holds."""
    p = sub.add_parser("list", help="show what an event file holds")
    p.add_argument("event", type=event_location)
    p.add_argument("what", choices=services.LISTABLE)
    p.add_argument("--json", action="store_true", help="a JSON array keyed by field names")
    p.set_defaults(run=_run_list)


def _run_list(args: argparse.Namespace) -> int:
    records = services.list_records(args.event, args.what)
    if args.json:
        out(json.dumps(records, ensure_ascii=False, indent=2))
        return EXIT_OK
    columns = LIST_COLUMNS[args.what]
    print_table(columns, [[cell(record.get(c)) for c in columns] for record in records])
    out(f"{len(records)} {args.what}")
    return EXIT_OK


def add_export(sub: Any) -> None:
    """``hildprint export EVENT WHAT -o FILE``: records to CSV or Excel."""
    p = sub.add_parser("export", help="write attendees, papers, sessions or rooms to CSV or Excel")
    p.add_argument("event", type=event_location, help="the event file")
    p.add_argument("what", choices=services.LISTABLE)
    p.add_argument("-o", "--output", type=Path, required=True, help="the .csv or .xlsx file to write")
    p.set_defaults(run=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    done = services.export_records(args.event, args.what, args.output)
    out(f"{args.output}: {done.count} {args.what}")
    for warning in done.warnings:
        out(f"  warning: {warning}")
    return EXIT_OK


# -- boards ----------------------------------------------------------------------------
def add_boards(sub: Any) -> None:
    """``hildprint boards EVENT``: show, number or set the poster boards."""
    p = sub.add_parser("boards", help="show or number the poster boards")
    p.add_argument("event", type=event_location)
    p.add_argument("--assign", action="store_true",
                   help="number the boards of papers that have none (others keep theirs)")
    p.add_argument("--by-topic", action="store_true", help="with --assign: group new boards by topic")
    p.add_argument("--set", action="append", metavar=BOARD.shape, default=[],
                   help="put a paper on a board by hand (empty BOARD clears it)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_run_boards)


def _run_boards(args: argparse.Namespace) -> int:
    boards = BOARD.parse(args.set)
    with services.EventSession.open(args.event) as event:
        for paper_id, board in boards:
            try:
                services.set_board(event, paper_id, board)
            except services.BoardError as error:
                raise UsageError(f"--set {paper_id}={board}: {error}") from error
        if args.assign:
            changes = services.number_boards(event, args.by_topic)
            if not args.json:
                out(f"numbered {len(changes)} boards")
        papers = services.list_records(event, "papers")
    papers.sort(key=lambda p: (p["session"], not p["board"], _board_sort_key(p["board"])))
    if args.json:
        keys = ("id", "number", "session", "board", "title")
        out(json.dumps([{k: p[k] for k in keys} for p in papers], ensure_ascii=False, indent=2))
        return EXIT_OK
    for paper in papers:
        out(f"{paper['session'] or '(no session)':<20}  {paper['board'] or '—':>5}  {paper['number'] or '':>4}  "
            f"{cell(paper['title'], 60)}")
    unnumbered = sum(1 for p in papers if not p["board"])
    if unnumbered:
        out(f"{unnumbered} papers have no board yet (hildprint boards EVENT --assign)")
    return EXIT_OK


def _board_sort_key(board: str) -> tuple[int, str]:
    return (int(board), "") if board.isdigit() else (10**9, board)


# -- demo ------------------------------------------------------------------------------
def add_demo(sub: Any) -> None:
    """``hildprint demo [OUTDIR]``: the sample event and everything printed from it."""
    p = sub.add_parser("demo", help="build the sample HiLD 2026 event and print everything from it")
    p.add_argument("outdir", type=Path, nargs="?", default=Path("out"))
    p.set_defaults(run=_run_demo)


def _run_demo(args: argparse.Namespace) -> int:
    result = services.build_demo(args.outdir)
    for path, what in result.outputs:
        out(f"{path}: {what}")
    for warning in result.warnings:
        out(f"as expected for the sample's long names: {warning}")
    return EXIT_OK
