"""Fitting posters into a rule set: one file, several into a folder, their previews, and a
print order of an event's posters for a print shop."""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from pathlib import Path

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.files import atomic_output
from hildprint.core.domain.model import Paper
from hildprint.core.domain.programme import board_order
from hildprint.core.domain.rules import DEFAULT_RULES, RuleSet, load_rules
from hildprint.core.render.poster_order import OrderLine, render_order_cover
from hildprint.core.services.session import EventRef, using
from hildprint.core.validate.fit import FitPicture, FitRefused, FitResult, fit_and_picture, fit_in_workers

FITTED_SUFFIX = "-fitted"
"""Added to a poster's name when it is fitted into a folder: ``poster.pdf`` -> ``poster-fitted.pdf``."""


class FitOutputError(HildprintError, ValueError):
    """An output that cannot take the fitted posters (several posters into one file)."""


@dataclass(frozen=True)
class FitOutcome:
    """One poster: fitted (``result``) or refused (``refused`` says why)."""

    source: Path
    result: FitResult | None = None
    refused: str = ""


def fitted_name(source: str | Path) -> str:
    """The name a fitted poster gets in a folder."""
    return f"{Path(source).stem}{FITTED_SUFFIX}.pdf"


def fit_targets(sources: list[Path], output: Path) -> list[Path]:
    """Where each poster goes: ``output`` itself for one poster and a path ending in .pdf,
    else a file in the folder ``output`` (created when missing)."""
    if output.suffix.lower() == ".pdf" and not output.is_dir():
        if len(sources) != 1:
            raise FitOutputError(f"{output}: {len(sources)} posters need a folder, not one PDF file")
        return [output]
    if output.exists() and not output.is_dir():
        raise FitOutputError(f"{output}: not a folder")
    output.mkdir(parents=True, exist_ok=True)
    return [output / fitted_name(source) for source in sources]


def fit_posters(sources: list[str | Path], output: str | Path,
                rules: str | RuleSet = DEFAULT_RULES) -> list[FitOutcome]:
    """Fit each poster into ``rules`` (a name, a .json file or a loaded rule set), each in a
    worker process with a time and memory limit; a poster that cannot be fitted is refused
    with the reason and nothing is written for it."""
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    paths = [Path(s) for s in sources]
    targets = fit_targets(paths, Path(output))
    overwriting = {i for i, (s, t) in enumerate(zip(paths, targets)) if t.resolve() == s.resolve()}
    tasks = [(s, t) for i, (s, t) in enumerate(zip(paths, targets)) if i not in overwriting]
    fitted = iter(fit_in_workers(tasks, rule_set))
    outcomes = []
    for index, source in enumerate(paths):
        outcome = f"{source}: would overwrite the original" if index in overwriting else next(fitted)
        outcomes.append(FitOutcome(source, refused=outcome) if isinstance(outcome, str)
                        else FitOutcome(source, outcome))
    return outcomes


FitPreview = FitPicture
"""What fitting a poster would do, with small pictures of it before and after."""


def fit_preview(source: str | Path, rules: str | RuleSet = DEFAULT_RULES) -> FitPicture:
    """Fit ``source`` into a temporary file and picture it before and after, for the window,
    in a worker process; FitRefused with the reason when it cannot be fitted."""
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    with tempfile.TemporaryDirectory(prefix="hildprint-fit-") as folder:
        outcome = fit_and_picture(Path(source), Path(folder) / fitted_name(source), rule_set)
    if isinstance(outcome, str):
        raise FitRefused(outcome)
    return outcome


# -- the print order -------------------------------------------------------------------------
DEFAULT_STOCK = "matte poster paper, 200 g/m²"


@dataclass
class PosterOrder:
    """What went into a print order: the posters included (in board order) and those left out."""

    output: Path
    included: list[tuple[Paper, FitResult]]
    left_out: list[str]
    pages: int


def poster_order(event: EventRef, output: str | Path, rules: str | RuleSet = DEFAULT_RULES,
                 paper_ids: list[str] | None = None, stock: str = DEFAULT_STOCK) -> PosterOrder:
    """Write one PDF for a print shop: a cover sheet (board, paper, size, stock) and then each
    poster fitted to the rules, in board order. ``paper_ids`` limits it to those papers
    (default: every paper with a poster file); posters that cannot be fitted are named on
    the cover sheet and left out."""
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    with using(event) as session:
        papers, folder, title = session.papers, session.folder, f"{session.event.name}: poster print order"
    chosen = _chosen(papers, paper_ids)
    with tempfile.TemporaryDirectory(prefix="hildprint-order-") as scratch:
        included, left_out = _fit_each(chosen, folder, Path(scratch), rule_set)
        lines = [OrderLine(p.board, f"{p.id}: {p.title}", _size(r), stock) for p, r in included]
        cover = io.BytesIO()
        render_order_cover(cover, title, lines, left_out)
        pages = _assemble(Path(output), cover.getvalue(), [r.output for _, r in included])
    return PosterOrder(Path(output), included, left_out, pages)


def _chosen(papers: list[Paper], paper_ids: list[str] | None) -> list[Paper]:
    if paper_ids:
        known = {p.id for p in papers}
        unknown = [i for i in paper_ids if i not in known]
        if unknown:
            raise FitOutputError(f"no paper with id {', '.join(unknown)}")
        papers = [p for p in papers if p.id in set(paper_ids)]
    return sorted(papers, key=board_order)


def _fit_each(papers: list[Paper], folder: Path, scratch: Path, rules: RuleSet
              ) -> tuple[list[tuple[Paper, FitResult]], list[str]]:
    with_files = [p for p in papers if p.poster_file.strip()]
    tasks = [(folder / Path(p.poster_file.strip()).expanduser(), scratch / f"{i}.pdf")
             for i, p in enumerate(with_files)]
    included, left_out = [], [f"paper {p.id} has no poster file" for p in papers if not p.poster_file.strip()]
    for paper, outcome in zip(with_files, fit_in_workers(tasks, rules)):
        if isinstance(outcome, str):
            left_out.append(f"paper {paper.id}: {outcome}")
        else:
            included.append((paper, outcome))
    return included, left_out


def _size(result: FitResult) -> str:
    return (f"{result.fitted_width_in:.1f} x {result.fitted_height_in:.1f} in "
            f"({result.fitted_width_in * 2.54:.0f} x {result.fitted_height_in * 2.54:.0f} cm)")


def _assemble(output: Path, cover: bytes, posters: list[Path]) -> int:
    import pikepdf

    with pikepdf.open(io.BytesIO(cover)) as combined:
        for path in posters:
            with pikepdf.open(path) as poster:
                combined.pages.extend(poster.pages)
        with atomic_output(output) as temporary:
            combined.save(temporary)
        return len(combined.pages)
