"""From verdict to fix: fit-poster, attach-posters and poster-order."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from hildprint.cli.output import EXIT_OK, EXIT_PROBLEMS, UsageError, event_location, out
from hildprint.core import services


def add_fit_poster(sub: Any) -> None:
    """``hildprint fit-poster IN.pdf... -o OUT.pdf|DIR``: scale posters into a rule set."""
    p = sub.add_parser("fit-poster", help="scale poster PDFs to the largest size a venue's rules allow")
    p.add_argument("sources", type=Path, nargs="+", metavar="IN.pdf", help="poster PDFs (one page each)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="OUT.pdf|DIR",
                   help="the fitted PDF (one poster) or a folder (each poster as NAME-fitted.pdf)")
    p.add_argument("--rules", default=services.DEFAULT_RULES,
                   help=f"rule set name or .json file (default {services.DEFAULT_RULES}; see 'hildprint rules')")
    p.set_defaults(run=_run_fit_poster)


def _run_fit_poster(args: argparse.Namespace) -> int:
    try:
        rules = services.load_rules(args.rules)
    except services.RulesError as error:
        raise UsageError(f"--rules: {error}") from error
    outcomes = services.fit_posters(args.sources, args.output, rules)
    for outcome in outcomes:
        if outcome.result is None:
            out(f"REFUSED  {outcome.refused}")
            continue
        result = outcome.result
        links = f"; {result.links} links kept" if result.links else ""
        left = f"; {result.dropped_annotations} other annotations left out" if result.dropped_annotations else ""
        out(f"FITTED   {result.source} -> {result.output}: {result.summary()}, centred on "
            f"{result.sheet_width_in:g} x {result.sheet_height_in:g} in{links}{left}")
    fitted = sum(1 for o in outcomes if o.result)
    out(f"{fitted} of {len(outcomes)} posters fitted to {rules.title} ({rules.limit_text()})")
    return EXIT_OK if fitted == len(outcomes) else EXIT_PROBLEMS


def add_attach_posters(sub: Any) -> None:
    """``hildprint attach-posters EVENT FOLDER``: give each paper its poster file from a folder."""
    p = sub.add_parser("attach-posters", help="match the poster files in a folder to the event's papers by name")
    p.add_argument("event", type=event_location, metavar="EVENT", help="the event file, or its postgresql:// URL")
    p.add_argument("folder", type=Path, metavar="FOLDER",
                   help="a folder of poster files (walked); files under the event file's folder (for a server "
                        "event, the current folder) are kept as relative paths")
    p.add_argument("--dry-run", action="store_true", help="only show what would be attached")
    p.set_defaults(run=_run_attach_posters)


def _run_attach_posters(args: argparse.Namespace) -> int:
    match = services.attach_poster_folder(args.event, args.folder, apply=not args.dry_run)
    verb = "would attach" if args.dry_run else "attached"
    for found in match.matched:
        out(f"{verb} paper {found.paper_id}: {found.file}  (by {found.how})")
    for file, papers in match.ambiguous:
        out(f"AMBIGUOUS  {file}: could be paper {' or '.join(papers)}; attach it with "
            "'hildprint validate EVENT --attach ID=FILE'")
    for paper_id, files in match.contested:
        out(f"SEVERAL    paper {paper_id} is claimed by {len(files)} files: {', '.join(map(str, files))}")
    for file in match.unmatched:
        out(f"UNMATCHED  {file}")
    left = len(match.ambiguous) + sum(len(f) for _, f in match.contested) + len(match.unmatched)
    out(f"{len(match.matched)} files {verb}, {left} left for you to decide")
    return EXIT_OK if not left else EXIT_PROBLEMS


def add_poster_order(sub: Any) -> None:
    """``hildprint poster-order EVENT -o order.pdf``: a print shop's order of fitted posters."""
    p = sub.add_parser("poster-order", help="one PDF for a print shop: a cover sheet and each poster fitted, "
                                            "in board order")
    p.add_argument("event", type=event_location, metavar="EVENT",
                   help="the event file, or its postgresql:// URL (relative poster paths are taken from the "
                        "event file's folder; for a server event, from the current folder)")
    p.add_argument("-o", "--output", type=Path, required=True, metavar="ORDER.pdf")
    p.add_argument("--rules", default=services.DEFAULT_RULES, help="the rule set the posters are fitted to")
    p.add_argument("--papers", default="", metavar="ID,ID…",
                   help="only these papers (e.g. those whose authors cannot travel); default: every poster")
    p.add_argument("--stock", default=services.DEFAULT_POSTER_STOCK, help="the paper stock named on the cover sheet")
    p.set_defaults(run=_run_poster_order)


def _run_poster_order(args: argparse.Namespace) -> int:
    if args.output.suffix.lower() != ".pdf":
        raise UsageError(f"-o {args.output}: the order is a .pdf file")
    try:
        rules = services.load_rules(args.rules)
    except services.RulesError as error:
        raise UsageError(f"--rules: {error}") from error
    ids = [i.strip() for i in args.papers.split(",") if i.strip()] or None
    order = services.poster_order(args.event, args.output, rules, ids, args.stock)
    for paper, result in order.included:
        out(f"board {paper.board or '–':>4}  paper {paper.id}: {result.summary()}")
    for note in order.left_out:
        out(f"LEFT OUT  {note}")
    out(f"{order.output}: {order.pages} pages (cover sheet and {len(order.included)} posters)")
    return EXIT_OK if not order.left_out else EXIT_PROBLEMS
