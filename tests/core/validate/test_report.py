"""Poster check reports: CSV cells a spreadsheet cannot run, and a self-contained HTML page."""

from __future__ import annotations

import csv
import re

import pytest
from tests.helpers.posters import poster_pdf

from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.check import check_file
from hildprint.core.validate.model import Verdict
from hildprint.core.validate.report import (
    ReportError,
    neutralise,
    outline_svg,
    write_report,
)

RULES = load_rules()


@pytest.mark.parametrize("cell,shown", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-2", "'-2"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\t=1", "'\t=1"), ("\r=1", "'\r=1"), ("poster.pdf", "poster.pdf"), (None, ""), (24.5, "24.5"),
])
def test_formula_cells_are_neutralised(cell, shown):
    """Cells starting with = + - @ (or tab/CR) get a leading quote; others stay as they are."""
    assert neutralise(cell) == shown


def test_csv_report_has_one_row_per_file_and_no_formulas(tmp_path):
    """A file named like a formula is written as text, with its verdict and findings."""
    path = poster_pdf(tmp_path / "=cmd().pdf", 36, 24)
    verdict = check_file(path, RULES)
    out = write_report(tmp_path / "report.csv", [verdict], RULES)
    with out.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 1
    assert rows[0]["verdict"] == "fail" and rows[0]["width_in"] == "36.0"
    assert "orientation" in rows[0]["findings"]
    assert all(not value.startswith(("=", "+", "-", "@")) for value in rows[0].values())


def test_html_report_escapes_names_and_carries_its_images(tmp_path):
    """A name with < and & stays text; the thumbnail is a data: URI; nothing is fetched."""
    path = poster_pdf(tmp_path / "<img src=x onerror=alert(1)>&co.pdf", 24, 36)
    verdict = check_file(path, RULES, thumbnail=True)
    page = write_report(tmp_path / "report.html", [verdict], RULES).read_text(encoding="utf-8")
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt;&amp;co.pdf" in page
    assert 'src="data:image/png;base64,' in page
    assert not re.search(r'(src|href)="(?!data:|https://icml\.cc)', page)


def test_outline_is_drawn_to_scale_against_the_allowed_area(tmp_path):
    """An A0 poster (33.1 x 46.8 in) over the 24 x 36 in area: the poster's outline fills the
    drawing and the allowed area is 24/46.8 of it wide."""
    verdict = Verdict("a0.pdf", RULES.name, width_in=841 / 25.4, height_in=1189 / 25.4)
    svg = outline_svg(verdict, RULES)
    rects = re.findall(r'<rect x="1" y="1" width="([\d.]+)" height="([\d.]+)"', svg)
    (allowed_w, allowed_h), (_poster_w, poster_h) = [(float(w), float(h)) for w, h in rects]
    assert poster_h == pytest.approx(120, abs=0.1)
    assert allowed_w / poster_h == pytest.approx(24 / (1189 / 25.4), abs=0.01)
    assert allowed_h / allowed_w == pytest.approx(1.5, abs=0.01)


def test_a_report_must_be_csv_or_html(tmp_path):
    """Any other suffix is refused before anything is written."""
    with pytest.raises(ReportError):
        write_report(tmp_path / "report.xlsx", [], RULES)
    assert not (tmp_path / "report.xlsx").exists()
