"""Batch reports of poster checks: a CSV table and a self-contained HTML page.

The CSV neutralises cells a spreadsheet would run as formulas. The HTML page carries
everything inside itself (thumbnails as data: URIs, CSS and SVG inline) and escapes every
text that comes from a file, so a poster called ``<script>.pdf`` stays a name.
"""

from __future__ import annotations

import base64
import csv
import html
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.files import atomic_output, neutralise
from hildprint.core.domain.rules import RuleSet
from hildprint.core.validate.model import Verdict

CSV_COLUMNS = ("label", "file", "verdict", "rules", "kind", "width_in", "height_in", "width_px",
               "height_px", "pages", "bytes", "findings")
REPORT_SUFFIXES = (".csv", ".html", ".htm")
OUTLINE_PX = 120
VERDICT_COLOURS = {"pass": "#1b7f3b", "warn": "#b36b00", "fail": "#b3261e", "error": "#5f6368"}


class ReportError(HildprintError, ValueError):
    """A report that cannot be made (an unknown kind of file)."""


def write_report(path: str | Path, verdicts: Sequence[Verdict], rules: RuleSet,
                 labels: Sequence[str] | None = None) -> Path:
    """Write a CSV or HTML report (by ``path``'s suffix); ``labels`` name each verdict's
    paper when the files come from an event file."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in REPORT_SUFFIXES:
        raise ReportError(f"{path}: a report is a .csv or .html file")
    labels = list(labels) if labels is not None else [""] * len(verdicts)
    with atomic_output(path) as temporary:
        if suffix == ".csv":
            _write_csv(temporary, verdicts, labels)
        else:
            temporary.write_text(html_report(verdicts, rules, labels), encoding="utf-8")
    return path


def _findings_text(verdict: Verdict) -> str:
    return " | ".join(f"{f.severity} {f.code}: {f.message}" for f in verdict.findings)


def _write_csv(path: Path, verdicts: Sequence[Verdict], labels: Sequence[str]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:  # BOM: Excel reads UTF-8
        writer = csv.writer(handle)
        writer.writerow(CSV_COLUMNS)
        for label, verdict in zip(labels, verdicts):
            data = verdict.to_json()
            row = [label, verdict.file, verdict.verdict, verdict.rules, verdict.kind, data["width_in"],
                   data["height_in"], verdict.width_px, verdict.height_px, verdict.pages, verdict.bytes,
                   _findings_text(verdict)]
            writer.writerow([neutralise(cell) for cell in row])


# -- HTML ------------------------------------------------------------------------------------
_CSS = """
body { font: 14px/1.4 system-ui, sans-serif; margin: 2em; color: #202124; }
h1 { font-size: 1.4em; margin-bottom: 0.2em; }
.summary span { margin-right: 1.2em; }
table { border-collapse: collapse; width: 100%; margin-top: 1em; }
td, th { border-top: 1px solid #dadce0; padding: 8px; vertical-align: top; text-align: left; }
td.thumb img { max-width: 160px; max-height: 160px; border: 1px solid #dadce0; }
.verdict { font-weight: 600; text-transform: uppercase; }
.file { font-family: ui-monospace, monospace; word-break: break-all; }
ul { margin: 0; padding-left: 1.2em; }
li.info { color: #5f6368; }
"""


def html_report(verdicts: Sequence[Verdict], rules: RuleSet, labels: Sequence[str]) -> str:
    """The whole report page as one string."""
    counts = {v: sum(1 for x in verdicts if x.verdict == v) for v in VERDICT_COLOURS}
    summary = "".join(
        f'<span style="color:{VERDICT_COLOURS[v]}">{html.escape(v)}: {n}</span>' for v, n in counts.items())
    rows = "\n".join(_row(label, verdict, rules) for label, verdict in zip(labels, verdicts))
    label_head = "<th>paper</th>" if any(labels) else ""
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>Poster check: {html.escape(rules.title)}</title><style>{_CSS}</style></head><body>\n"
        f"<h1>Poster check: {html.escape(rules.title)}</h1>\n"
        f"<p>{html.escape(rules.posters)} must be {html.escape(rules.limit_text())}"
        f"{', ' + html.escape(rules.orientation) if rules.orientation != 'any' else ''}. Rules from "
        f'<a href="{html.escape(rules.source)}">{html.escape(rules.source)}</a>.</p>\n'
        f'<p class="summary">{len(verdicts)} files. {summary}</p>\n'
        f"<table><tr>{label_head}<th>poster</th><th>size against the allowed area</th>"
        f"<th>file</th><th>verdict</th><th>findings</th></tr>\n{rows}\n</table>\n</body></html>\n"
    )


def _row(label: str, verdict: Verdict, rules: RuleSet) -> str:
    colour = VERDICT_COLOURS[verdict.verdict]
    thumb = (f'<img alt="first page of {html.escape(Path(verdict.file).name)}" '
             f'src="data:image/png;base64,{base64.b64encode(verdict.thumbnail).decode()}">'
             if verdict.thumbnail else "")
    findings = "".join(f'<li class="{html.escape(f.severity)}"><b>{html.escape(f.severity)}</b> '
                       f"{html.escape(f.message)}</li>" for f in verdict.findings)
    label_cell = f"<td>{html.escape(label)}</td>" if label else ""
    return (f"<tr>{label_cell}<td class=\"thumb\">{thumb}</td><td>{outline_svg(verdict, rules)}</td>"
            f'<td class="file">{html.escape(verdict.file)}<br>{html.escape(verdict.size_text())}</td>'
            f'<td class="verdict" style="color:{colour}">{html.escape(verdict.verdict)}</td>'
            f"<td><ul>{findings}</ul></td></tr>")


@dataclass(frozen=True)
class Outline:
    """A poster's size and the allowed area, in the rule's unit (inches or pixels)."""

    poster: tuple[float, float]
    allowed: tuple[float, float]
    unit: str

    def scale_to(self, pixels: float) -> float:
        """The scale that fits both rectangles, top-left aligned, into ``pixels`` square."""
        return pixels / max(*self.poster, *self.allowed)


def outline(verdict: Verdict, rules: RuleSet) -> Outline | None:
    """The poster's size against the allowed area, or None when either is unknown."""
    if rules.printed:
        poster, allowed, unit = (verdict.width_in, verdict.height_in), (rules.max_width_in, rules.max_height_in), "in"
    else:
        poster, allowed, unit = (verdict.width_px, verdict.height_px), (rules.max_width_px, rules.max_height_px), "px"
    if not all(poster) or not all(allowed):
        return None
    return Outline(poster, allowed, unit)


def outline_svg(verdict: Verdict, rules: RuleSet) -> str:
    """The poster's outline over the allowed area (dashed), both to one scale, top-left aligned."""
    shape = outline(verdict, rules)
    if shape is None:
        return ""
    poster, allowed, unit = shape.poster, shape.allowed, shape.unit
    scale = shape.scale_to(OUTLINE_PX)
    (pw, ph), (aw, ah) = [(w * scale, h * scale) for w, h in (poster, allowed)]
    colour = VERDICT_COLOURS[verdict.verdict]
    box = OUTLINE_PX + 2
    title = f"poster {poster[0]:.4g} x {poster[1]:.4g} {unit}; allowed {allowed[0]:.4g} x {allowed[1]:.4g} {unit}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{box}" height="{box}" viewBox="0 0 {box} {box}">'
        f"<title>{html.escape(title)}</title>"
        f'<rect x="1" y="1" width="{aw:.1f}" height="{ah:.1f}" fill="#e8f0fe" stroke="#1a73e8" '
        'stroke-dasharray="4 3"/>'
        f'<rect x="1" y="1" width="{pw:.1f}" height="{ph:.1f}" fill="{colour}" fill-opacity="0.18" '
        f'stroke="{colour}" stroke-width="1.5"/></svg>'
    )
