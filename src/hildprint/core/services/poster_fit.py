"""Fitting posters into a rule set: one file, several into a folder, and their previews."""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.rules import DEFAULT_RULES, RuleSet, load_rules
from hildprint.core.validate.check import make_thumbnail
from hildprint.core.validate.fit import FitRefused, FitResult, fit_poster

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
    """Fit each poster into ``rules`` (a name, a .json file or a loaded rule set); a poster
    that cannot be fitted is refused with the reason and nothing is written for it."""
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    paths = [Path(s) for s in sources]
    outcomes = []
    for source, target in zip(paths, fit_targets(paths, Path(output))):
        if target.resolve() == source.resolve():
            outcomes.append(FitOutcome(source, refused=f"{source}: would overwrite the original"))
            continue
        try:
            outcomes.append(FitOutcome(source, fit_poster(source, target, rule_set)))
        except FitRefused as error:
            outcomes.append(FitOutcome(source, refused=str(error)))
    return outcomes


@dataclass(frozen=True)
class FitPreview:
    """What fitting a poster would do, with small pictures of it before and after."""

    result: FitResult
    before_png: bytes | None
    after_png: bytes | None


def fit_preview(source: str | Path, rules: str | RuleSet = DEFAULT_RULES) -> FitPreview:
    """Fit ``source`` into a temporary file and picture it before and after, for the window;
    FitRefused when it cannot be fitted."""
    rule_set = rules if isinstance(rules, RuleSet) else load_rules(rules)
    with tempfile.TemporaryDirectory(prefix="hildprint-fit-") as folder:
        target = Path(folder) / fitted_name(source)
        result = fit_poster(source, target, rule_set)
        return FitPreview(result, _thumbnail(Path(source)), _thumbnail(target))


def _thumbnail(path: Path) -> bytes | None:
    try:
        return make_thumbnail(path, "pdf")
    except Exception:  # a picture never stops the work; the window shows none
        return None
