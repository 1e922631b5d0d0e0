"""Label stock and badge templates as data, checked when loaded."""

from __future__ import annotations

import json

import pytest

from hildprint.core.layout.stock import (
    StockError,
    custom_grid,
    load_stock,
    stock_from_data,
)
from hildprint.core.layout.template import (
    TemplateError,
    load_template,
    template_from_data,
)

EXPECTED = {  # name: (page w, page h, badge w, badge h, columns, rows, first left, first top) in mm
    "a6-4up-a4": (210, 297, 105, 148, 2, 2, 0, 0.5),
    "a6": (105, 148, 105, 148, 1, 1, 0, 0),
    "a7-8up-a4": (210, 297, 105, 74, 2, 4, 0, 0.5),
    "avery-5392": (215.9, 279.4, 101.6, 76.2, 2, 3, 6.35, 25.4),
    "avery-5395": (215.9, 279.4, 85.725, 59.258, 2, 4, 17.4625, 14.817),
    "avery-l4785": (210, 297, 80, 50, 2, 5, 18, 13),
    "durable-1445": (210, 297, 90, 54, 2, 5, 15, 13.5),
    "cr80": (85.6, 54, 85.6, 54, 1, 1, 0, 0),
    "dymo-30856": (62, 106, 62, 106, 1, 1, 0, 0),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_bundled_stock_matches_the_makers_figures(name):
    """Each bundled stock has the page, badge and grid its maker publishes (0.01 mm)."""
    stock = load_stock(name)
    got = (stock.page_width, stock.page_height, stock.badge_width, stock.badge_height,
           stock.columns, stock.rows, stock.left, stock.top)
    assert got == pytest.approx(EXPECTED[name], abs=0.01)


def test_avery_5395_pitch():
    """Avery 5395: 3.75 x 2.5 in between badges."""
    stock = load_stock("avery-5395")
    assert (stock.pitch_x, stock.pitch_y) == pytest.approx((95.25, 63.5))


def test_custom_grid_fits_as_many_as_the_page_holds():
    """A custom grid counts the badges that fit and centres them."""
    stock = custom_grid("A4", "90x55", margin=10, gap=5)
    assert (stock.columns, stock.rows) == (2, 4)
    assert stock.left == pytest.approx((210 - 185) / 2)


def test_grids_that_do_not_fit_are_refused_clearly():
    """A badge wider than the page, or a grid running off it, is a clear error."""
    with pytest.raises(StockError, match="does not fit on a 210 x 297 mm page"):
        custom_grid("A4", "250x50")
    with pytest.raises(StockError, match="need 220 mm from the left edge, but the page is 210 mm wide"):
        stock_from_data({"name": "x", "paper": "A4", "badge_width": 100, "badge_height": 50,
                         "columns": 2, "left": 20})
    with pytest.raises(StockError, match="overlap"):
        stock_from_data({"name": "x", "paper": "A4", "badge_width": 100, "badge_height": 50,
                         "columns": 2, "pitch_x": 90})


def test_unknown_stock_lists_the_known_ones():
    """Asking for stock that does not exist names the choices."""
    with pytest.raises(StockError, match="a6-4up-a4"):
        load_stock("avery-9999")


def test_template_adapts_to_orientation_and_size():
    """The landscape layout is used for landscape stock, scaled to the badge."""
    template = load_template()
    layout = template.layout_for(load_stock("cr80"))
    assert (layout.width, layout.height) == (85.6, 54)
    qr = next(b for b in layout.front if b.type == "qr")
    assert qr.w == qr.h and qr.x + qr.w <= 85.6
    portrait = template.layout_for(load_stock("dymo-30856"))
    assert next(b for b in portrait.front if b.type == "qr").y > 30


def test_role_colours_differ():
    """Each role has its own band colour."""
    roles = load_template().roles
    assert len(set(roles.values())) == len(roles) == 5


@pytest.mark.parametrize("box, message", [
    ({"type": "text", "x": 0, "y": 0, "w": 10, "h": 10, "text": "{attendee.nickname}"}, "unknown placeholder"),
    ({"type": "blob", "x": 0, "y": 0, "w": 10, "h": 10}, "type 'blob'"),
    ({"type": "rect", "x": 0, "y": 0, "w": 200, "h": 10, "fill": "#000000"}, "outside"),
    ({"type": "rect", "x": 0, "y": 0, "w": 10, "h": 10, "fill": "red"}, "#RRGGBB"),
    ({"type": "text", "x": 0, "y": 0, "w": 10, "h": 10, "size": 8, "min_size": 12}, "min_size"),
    ({"type": "qr", "x": 0, "y": 0, "w": 10, "content": "wifi"}, "'token' or 'contact'"),
])
def test_bad_templates_are_refused_on_load(box, message):
    """Template mistakes are caught when loading, naming the layout and box."""
    data = {"layouts": {"portrait": {"width": 105, "height": 148, "front": [box]}}}
    with pytest.raises(TemplateError, match=message) as error:
        template_from_data(data, "my.json", None)
    assert "my.json: portrait front box 1" in str(error.value)


def test_template_file_errors_name_the_file(tmp_path):
    """A broken template file is reported with its path."""
    path = tmp_path / "broken.json"
    path.write_text("{not json")
    with pytest.raises(TemplateError, match=r"broken\.json"):
        load_template(path)
    path.write_text(json.dumps({"layouts": {}}))
    with pytest.raises(TemplateError, match="'layouts' must have"):
        load_template(path)
