"""Poster commands: validate (files or an event's posters against a rule set) and rules."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from hildprint.cli.output import (
    EXIT_OK,
    EXIT_PROBLEMS,
    PairOption,
    ProgressBar,
    UsageError,
    err,
    event_location,
    out,
    progress_bar,
)
from hildprint.core import services

ATTACH = PairOption("--attach", "PAPER_ID=FILE", split_at_first=True)

Labelled = list[tuple[str, services.Verdict]]
"""Verdicts with the id of the paper each is for ("" for a file checked on its own)."""


def add_validate(sub: Any) -> None:
    """``hildprint validate PATH...``: check poster files or an event file's posters."""
    p = sub.add_parser("validate", help="check poster files (or an event file's posters) against a venue's rules")
    p.add_argument("paths", type=event_location, nargs="+", metavar="PATH",
                   help="poster files, folders (walked for .pdf, .png, .jpg), event files or an event's "
                        "postgresql:// URL (an event file's relative poster paths are taken from its folder, "
                        "a server event's from the current folder)")
    p.add_argument("--rules", default=services.DEFAULT_RULES,
                   help=f"rule set name or .json file (default {services.DEFAULT_RULES}; see 'hildprint rules')")
    p.add_argument("--tolerance", type=float, default=None, metavar="INCHES",
                   help="how far a poster may exceed the size limit (default: the rule set's, usually 0.25)")
    p.add_argument("--json", action="store_true", help="print a JSON array, one object per file")
    p.add_argument("--report", type=Path, metavar="OUT.csv|OUT.html", help="also write a CSV or HTML report")
    p.add_argument("--quick", action="store_true", help="only pages, size and orientation (no images or fonts)")
    p.add_argument("--timeout", type=float, default=services.DEFAULT_TIMEOUT_S, metavar="SECONDS",
                   help=f"time limit per file (default {services.DEFAULT_TIMEOUT_S:g})")
    p.add_argument("--memory", type=int, default=services.DEFAULT_MEMORY_MB, metavar="MB",
                   help=f"memory limit of each checking process (default {services.DEFAULT_MEMORY_MB})")
    p.add_argument("--workers", type=int, default=None, help="checking processes (default: one per core)")
    p.add_argument("--attach", action="append", default=[], metavar=ATTACH.shape,
                   help="with an event (file or URL): set a paper's poster file first (repeatable)")
    p.add_argument("--messages", type=Path, metavar="DIR",
                   help="with an event (file or URL): write an e-mail (.eml) to the authors of each poster that failed "
                        "or warned into DIR, and the papers with no address to DIR/no-address.csv")
    p.add_argument("--send", metavar="smtp://HOST:PORT",
                   help="with an event (file or URL): send those e-mails (login from HILDPRINT_SMTP_USER and "
                        "HILDPRINT_SMTP_PASSWORD); each goes out once, however often this runs")
    p.add_argument("--sender", metavar="ADDRESS", default="",
                   help="the From address of the e-mails (default: HILDPRINT_SMTP_FROM)")
    p.add_argument("--deadline", metavar="TEXT",
                   help="with an event (file or URL): the deadline for corrected posters, kept in the event file")
    p.set_defaults(run=_run_validate)


def _run_validate(args: argparse.Namespace) -> int:
    request = _poster_request(args)
    try:
        rules = request.options().rules
    except services.RulesError as error:
        raise UsageError(f"--rules: {error}") from error
    events = [p for p in args.paths if services.is_event_file(p)]  # a URL, or a regular file: never a FIFO
    files = [Path(p) for p in args.paths if p not in events]
    attached = ATTACH.mapping(args.attach)
    if attached and len(events) != 1:
        raise UsageError("--attach needs exactly one event file among the paths")
    if (args.messages or args.send or args.deadline is not None) and len(events) != 1:
        raise UsageError("--messages, --send and --deadline need exactly one event (file or URL) among the paths")
    if args.deadline is not None:
        services.set_poster_deadline(events[0], args.deadline)
    bar = progress_bar("posters", quiet=args.json)
    labelled, notes = _check_events(events, attached, request, bar)
    if files:
        found = services.find_poster_files(files)
        if not found:
            raise UsageError(f"no poster files ({', '.join(services.POSTER_SUFFIXES)}) in "
                             f"{', '.join(map(str, files))}")
        labelled += [("", v) for v in services.check_poster_files(found, request, progress=bar)]
    if bar:
        bar.finish()
    verdicts = [v for _, v in labelled]
    if args.report:
        services.write_report(args.report, verdicts, rules, [label for label, _ in labelled])
    if args.messages or args.send:
        _tell_authors(args, events[0], [(label, v) for label, v in labelled if label], rules)
    if args.json:
        out(json.dumps([({"paper_id": label} if label else {}) | v.to_json() for label, v in labelled],
                       ensure_ascii=False, indent=2))
    else:
        _print_verdicts(labelled, notes, args.report)
    return EXIT_OK if all(v.ok for v in verdicts) else EXIT_PROBLEMS


def _tell_authors(args: argparse.Namespace, event: str | Path, labelled: Labelled, rules: Any) -> None:
    """Write and/or send the messages to authors; report on standard error (stdout may be JSON)."""
    result = services.author_messages(event, [label for label, _ in labelled], [v for _, v in labelled], rules)
    if args.messages:
        services.write_messages(result, args.messages, args.sender)
        err(f"messages: {len(result.written)} e-mails in {args.messages}; {len(result.no_address)} papers "
            f"without an address in {args.messages / 'no-address.csv'}")
    if args.send:
        services.send_messages(event, result, args.send, args.sender)
        err(f"sent: {len(result.sent)} e-mails through {args.send}; {len(result.already_sent)} had gone out before")


def _poster_request(args: argparse.Namespace) -> services.PosterRequest:
    if args.timeout <= 0 or args.memory < 64 or (args.workers is not None and args.workers < 1):
        raise UsageError("--timeout must be above 0, --memory at least 64 and --workers at least 1")
    if args.tolerance is not None and args.tolerance < 0:
        raise UsageError("--tolerance cannot be negative")
    if args.report and args.report.suffix.lower() not in services.REPORT_SUFFIXES:
        raise UsageError(f"--report {args.report}: a report is a .csv or .html file")
    return services.PosterRequest(
        rules=args.rules, tolerance_in=args.tolerance, timeout_s=args.timeout, memory_mb=args.memory,
        workers=args.workers, quick=args.quick, thumbnails=bool(args.report),
    )


def _check_events(events: list[str | Path], attached: dict[str, str], request: services.PosterRequest,
                  bar: ProgressBar | None) -> tuple[Labelled, list[str]]:
    """Check each event file's posters (attaching files first), one open event for both."""
    labelled: Labelled = []
    notes: list[str] = []
    for path in events:
        with services.EventSession.open(path) as event:
            if attached:
                try:
                    services.attach_posters(event, attached)
                except services.PosterError as error:
                    raise UsageError(f"--attach: {error}") from error
            run = services.validate_event_posters(event, request, progress=bar)
        labelled += list(zip(run.paper_ids, run.verdicts))
        if run.without_poster:
            notes.append(f"{path}: {len(run.without_poster)} papers have no poster file")
    return labelled, notes


def _print_verdicts(labelled: Labelled, notes: list[str], report: Path | None) -> None:
    for label, verdict in labelled:
        who = f"paper {label}: " if label else ""
        out(f"{verdict.verdict.upper():<5}  {who}{verdict.file}  {verdict.size_text()}".rstrip())
        for finding in verdict.findings:
            out(f"       {finding.severity} {finding.code}: {finding.message}")
    counts = {v: sum(1 for _, x in labelled if x.verdict == v) for v in services.VERDICTS}
    out(f"{len(labelled)} files: " + ", ".join(f"{n} {v}" for v, n in counts.items()))
    for note in notes:
        out(f"note: {note}")
    if report:
        out(f"report: {report}")


def add_rules(sub: Any) -> None:
    """``hildprint rules``: the poster rule sets and their limits."""
    p = sub.add_parser("rules", help="list the poster rule sets and their limits")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_run_rules)


def _run_rules(args: argparse.Namespace) -> int:
    rule_sets = services.list_rules()
    if args.json:
        out(json.dumps([r.to_json() for r in rule_sets], ensure_ascii=False, indent=2))
        return EXIT_OK
    width = max(len(r.name) for r in rule_sets)
    for rules in rule_sets:
        default = "  (default)" if rules.name == services.DEFAULT_RULES else ""
        out(f"{rules.name:<{width}}  {rules.title}{default}")
        out(f"{'':<{width}}  {rules.describe()}")
        out(f"{'':<{width}}  {rules.source}")
    return EXIT_OK
