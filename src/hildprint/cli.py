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
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from hildprint import __version__
from hildprint.core import importers, services
from hildprint.core.desk.operations import DeskError
from hildprint.core.domain.files import OutputError
from hildprint.core.domain.model import Event
from hildprint.core.domain.programme import BoardError
from hildprint.core.domain.rules import DEFAULT_RULES, RulesError, list_rules
from hildprint.core.export import ExportError
from hildprint.core.importers.base import UnreadableInput
from hildprint.core.layout.geometry import paper_size
from hildprint.core.layout.stock import (
    DEFAULT_STOCK,
    Stock,
    StockError,
    custom_grid,
    list_stocks,
)
from hildprint.core.layout.template import (
    DEFAULT_TEMPLATE,
    TemplateError,
    list_templates,
)
from hildprint.core.render.badges import BadgeError
from hildprint.core.render.guidelines import MOUNTINGS, GuidelineError
from hildprint.core.render.labels import LabelError
from hildprint.core.render.signage import SignError
from hildprint.core.store.sqlite import StoreError
from hildprint.core.validate.model import VERDICTS, Verdict
from hildprint.core.validate.report import REPORT_SUFFIXES, write_report
from hildprint.core.validate.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2

EXPECTED_ERRORS: tuple[type[Exception], ...] = (
    StoreError, UnreadableInput, FileNotFoundError, StockError, TemplateError, BadgeError, OutputError,
    SignError, GuidelineError, LabelError, ExportError, RulesError,
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


def _add_export(sub: Any) -> None:
    p = sub.add_parser("export", help="write attendees, papers, sessions or rooms to CSV or Excel")
    p.add_argument("event", type=Path, help="the event file")
    p.add_argument("what", choices=services.LISTABLE)
    p.add_argument("-o", "--output", type=Path, required=True, help="the .csv or .xlsx file to write")
    p.set_defaults(run=_run_export)


def _run_export(args: argparse.Namespace) -> int:
    count = services.export_records(args.event, args.what, args.output)
    _out(f"{args.output}: {count} {args.what}")
    return EXIT_OK


# -- signage, board labels, guidelines --------------------------------------------------
PAPERS = ("A4", "A3", "A2", "letter", "tabloid", "24x36in")


def _add_signage(sub: Any) -> None:
    p = sub.add_parser("signage", help="door signs, direction signs or the programme poster")
    p.add_argument("event", type=Path, help="the event file")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    p.add_argument("--kind", choices=services.SIGN_KINDS, default="door",
                   help="door: one sign per room per day (default); direction: a place and an arrow; "
                        "agenda: the programme at a glance")
    p.add_argument("--paper", type=_paper_name, default=None,
                   help=f"paper size: {', '.join(PAPERS)} or WxH in mm (default A4; A2 for agenda)")
    p.add_argument("--sign", action="append", default=[], metavar="PLACE=DIRECTION",
                   help="a direction sign, e.g. 'Posters=right' (right, up-right, up, up-left, left, "
                        "down-left, down, down-right); repeat for more")
    p.add_argument("--distance", type=float, default=None, metavar="FEET",
                   help="viewing distance that sets the letter height (1 in per 10 ft; "
                        "default 6 ft for doors, 10 ft for directions)")
    p.set_defaults(run=_run_signage)


def _paper_name(text: str) -> str:
    try:
        paper_size(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from error
    return text


def _parse_signs(pairs: Sequence[str]) -> list[tuple[str, str]]:
    signs = []
    for pair in pairs:
        place, sep, direction = pair.rpartition("=")
        if not sep or not place.strip() or not direction.strip():
            raise UsageError(f"--sign {pair!r}: expected PLACE=DIRECTION, e.g. --sign 'Posters=right'")
        signs.append((place.strip(), direction.strip()))
    return signs


def _run_signage(args: argparse.Namespace) -> int:
    signs = _parse_signs(args.sign)
    if args.kind == "direction" and not signs:
        raise UsageError("--kind direction needs at least one --sign PLACE=DIRECTION, e.g. 'Posters=right'")
    if signs and args.kind != "direction":
        raise UsageError("--sign is only for --kind direction")
    if args.distance is not None and args.distance <= 0:
        raise UsageError("--distance must be a positive number of feet")
    run = services.make_signage(services.SignRequest(
        args.event, args.output, args.kind, args.paper or "", signs, args.distance))
    _out(f"{run.path}: {args.kind} signs, {run.pages} pages")
    for warning in run.warnings:
        _out(f"warning: {warning}")
    return EXIT_PROBLEMS if run.warnings else EXIT_OK


def _add_board_labels(sub: Any) -> None:
    p = sub.add_parser("board-labels", help="a label per poster board (numbers boards that have none)")
    p.add_argument("event", type=Path, help="the event file")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    p.add_argument("--paper", type=_paper_name, default="A4", help="paper size (default A4, landscape)")
    p.set_defaults(run=_run_board_labels)


def _run_board_labels(args: argparse.Namespace) -> int:
    result = services.make_board_labels(args.event, args.output, args.paper)
    if result.numbered:
        _out(f"numbered {len(result.numbered)} papers that had no board")
    _out(f"{result.run.path}: {result.run.pages} board labels")
    for warning in result.run.warnings:
        _out(f"warning: {warning}")
    return EXIT_PROBLEMS if result.run.warnings else EXIT_OK


def _add_guidelines(sub: Any) -> None:
    p = sub.add_parser("guidelines", help="poster guidelines for authors")
    p.add_argument("event", type=Path, help="the event file")
    p.add_argument("-o", "--output", type=Path, required=True, help="the PDF to write")
    p.add_argument("--per-paper", action="store_true",
                   help="one sheet per paper with its board and session time")
    p.add_argument("--mounting", choices=sorted(MOUNTINGS), default="",
                   help="how posters are hung (remembered in the event file; default tape)")
    p.add_argument("--paper", type=_paper_name, default="A4", help="paper size (default A4)")
    p.add_argument("--rules", default=DEFAULT_RULES,
                   help=f"the print rule set to explain (default {DEFAULT_RULES}; see 'hildprint rules')")
    p.add_argument("--no-virtual", action="store_true", help="leave out the virtual poster rules")
    p.set_defaults(run=_run_guidelines)


def _run_guidelines(args: argparse.Namespace) -> int:
    request = services.GuidelineRequest(args.event, args.output, args.per_paper, args.mounting, args.paper,
                                        args.rules)
    if args.no_virtual:
        request.virtual_rules = ()
    run = services.make_guidelines(request)
    _out(f"{run.path}: poster guidelines, {run.pages} pages")
    return EXIT_OK


# -- validate and rules ----------------------------------------------------------------------
def _add_validate(sub: Any) -> None:
    p = sub.add_parser("validate", help="check poster files (or an event file's posters) against a venue's rules")
    p.add_argument("paths", type=Path, nargs="+", metavar="PATH",
                   help="poster files, folders (walked for .pdf, .png, .jpg) or event files")
    p.add_argument("--rules", default=DEFAULT_RULES,
                   help=f"rule set name or .json file (default {DEFAULT_RULES}; see 'hildprint rules')")
    p.add_argument("--tolerance", type=float, default=None, metavar="INCHES",
                   help="how far a poster may exceed the size limit (default: the rule set's, usually 0.25)")
    p.add_argument("--json", action="store_true", help="print a JSON array, one object per file")
    p.add_argument("--report", type=Path, metavar="OUT.csv|OUT.html", help="also write a CSV or HTML report")
    p.add_argument("--quick", action="store_true", help="only pages, size and orientation (no images or fonts)")
    p.add_argument("--timeout", type=float, default=DEFAULT_TIMEOUT_S, metavar="SECONDS",
                   help=f"time limit per file (default {DEFAULT_TIMEOUT_S:g})")
    p.add_argument("--memory", type=int, default=DEFAULT_MEMORY_MB, metavar="MB",
                   help=f"memory limit of each checking process (default {DEFAULT_MEMORY_MB})")
    p.add_argument("--workers", type=int, default=None, help="checking processes (default: one per core)")
    p.add_argument("--attach", action="append", default=[], metavar="PAPER_ID=FILE",
                   help="with an event file: set a paper's poster file first (repeatable)")
    p.set_defaults(run=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    if args.timeout <= 0 or args.memory < 64 or (args.workers is not None and args.workers < 1):
        raise UsageError("--timeout must be above 0, --memory at least 64 and --workers at least 1")
    if args.tolerance is not None and args.tolerance < 0:
        raise UsageError("--tolerance cannot be negative")
    if args.report and args.report.suffix.lower() not in REPORT_SUFFIXES:
        raise UsageError(f"--report {args.report}: a report is a .csv or .html file")
    request = services.PosterRequest(
        rules=args.rules, tolerance_in=args.tolerance, timeout_s=args.timeout, memory_mb=args.memory,
        workers=args.workers, quick=args.quick, thumbnails=bool(args.report),
    )
    try:
        rules = request.options().rules
    except RulesError as error:
        raise UsageError(f"--rules: {error}") from error
    events = [p for p in args.paths if p.is_file() and services.is_event_file(p)]  # never open a FIFO here
    files = [p for p in args.paths if p not in events]
    if args.attach:
        _attach(events, args.attach)
    labelled: list[tuple[str, Verdict]] = []
    notes: list[str] = []
    bar = ProgressBar("posters") if sys.stderr.isatty() and not args.json else None
    for event in events:
        run = services.validate_event_posters(event, request, progress=bar)
        labelled += list(zip(run.paper_ids, run.verdicts))
        if run.without_poster:
            notes.append(f"{event}: {len(run.without_poster)} papers have no poster file")
    if files:
        found = services.find_poster_files(files)
        if not found:
            raise UsageError(f"no poster files ({', '.join(services.POSTER_SUFFIXES)}) in "
                             f"{', '.join(map(str, files))}")
        labelled += [("", v) for v in services.validate_posters(found, request, progress=bar)]
    if bar:
        bar.finish()
    verdicts = [v for _, v in labelled]
    if args.report:
        write_report(args.report, verdicts, rules, [label for label, _ in labelled])
    if args.json:
        _out(json.dumps([({"paper_id": label} if label else {}) | v.to_json() for label, v in labelled],
                        ensure_ascii=False, indent=2))
    else:
        _print_verdicts(labelled, notes, args.report)
    return EXIT_OK if all(v.ok for v in verdicts) else EXIT_PROBLEMS


def _attach(events: list[Path], pairs: list[str]) -> None:
    if len(events) != 1:
        raise UsageError("--attach needs exactly one event file among the paths")
    files = {}
    for pair in pairs:
        paper_id, sep, file = pair.partition("=")
        if not sep or not paper_id.strip() or not file.strip():
            raise UsageError(f"--attach {pair!r}: expected PAPER_ID=FILE")
        files[paper_id.strip()] = file.strip()
    try:
        services.attach_posters(events[0], files)
    except ValueError as error:
        raise UsageError(f"--attach: {error}") from error


def _print_verdicts(labelled: list[tuple[str, Verdict]], notes: list[str], report: Path | None) -> None:
    for label, verdict in labelled:
        size = (f"{verdict.width_in:.1f} x {verdict.height_in:.1f} in" if verdict.width_in
                else f"{verdict.width_px} x {verdict.height_px} px" if verdict.width_px else "")
        who = f"paper {label}: " if label else ""
        _out(f"{verdict.verdict.upper():<5}  {who}{verdict.file}  {size}".rstrip())
        for finding in verdict.findings:
            _out(f"       {finding.severity} {finding.code}: {finding.message}")
    counts = {v: sum(1 for _, x in labelled if x.verdict == v) for v in VERDICTS}
    _out(f"{len(labelled)} files: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
    for note in notes:
        _out(f"note: {note}")
    if report:
        _out(f"report: {report}")


def _add_rules(sub: Any) -> None:
    p = sub.add_parser("rules", help="list the poster rule sets and their limits")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_run_rules)


def _run_rules(args: argparse.Namespace) -> int:
    rule_sets = list_rules()
    if args.json:
        _out(json.dumps([r.to_json() for r in rule_sets], ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(r.name) for r in rule_sets)
    for rules in rule_sets:
        default = "  (default)" if rules.name == DEFAULT_RULES else ""
        _out(f"{rules.name:<{width}}  {rules.title}{default}")
        _out(f"{'':<{width}}  {rules.describe()}")
        _out(f"{'':<{width}}  {rules.source}")
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
    _add_new, _add_import, _add_list, _add_export, _add_boards, _add_badges, _add_stocks, _add_validate,
    _add_rules, _add_signage, _add_board_labels, _add_guidelines, _add_checkin, _add_print_badge, _add_demo,
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
