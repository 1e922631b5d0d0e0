"""Label and card stock: where each badge sits on the printed page.

Stock is data (``templates/stock/*.json``), checked when loaded: every badge must lie on
the page and no two may overlap. Positions are in millimetres from the page's top-left
corner, as label makers print them on the box.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.resources import load_data_file, templates_dir
from hildprint.core.layout.geometry import paper_size, to_mm

TOLERANCE_MM = 0.01
NAME_FLOORS = ((100.0, 9.0), (70.0, 8.0), (0.0, 7.0))
"""(shorter badge side in mm, smallest name size in pt): A6 and larger 9 pt, A7 8 pt,
DYMO labels and CR80 cards 7 pt."""


class StockError(HildprintError, ValueError):
    """Stock that cannot be printed on (badges off the page, overlapping, bad numbers)."""


@dataclass(frozen=True)
class Stock:
    """A sheet of badges: page and badge size, the grid, and whether it comes pre-cut."""

    name: str
    description: str
    page_width: float
    page_height: float
    badge_width: float
    badge_height: float
    columns: int
    rows: int
    left: float
    top: float
    pitch_x: float
    pitch_y: float
    precut: bool

    @property
    def per_page(self) -> int:
        """Badges on one sheet."""
        return self.columns * self.rows

    @property
    def landscape(self) -> bool:
        """Whether the badges are wider than tall."""
        return self.badge_width > self.badge_height

    @property
    def name_floor(self) -> float:
        """The smallest size (pt) a name may print at on this stock before it is shortened:
        the smaller the badge, the closer it is read."""
        short_side = min(self.badge_width, self.badge_height)
        return next(size for side, size in NAME_FLOORS if short_side >= side)

    def slots(self) -> list[tuple[float, float]]:
        """Top-left corners (mm from the page's top-left) of the badges, row by row."""
        return [
            (self.left + column * self.pitch_x, self.top + row * self.pitch_y)
            for row in range(self.rows) for column in range(self.columns)
        ]

    def mirrored_slots(self) -> list[tuple[float, float]]:
        """Where each badge's back is on the back of the sheet after a long-edge flip:
        the same row, mirrored left to right."""
        return [(self.page_width - x - self.badge_width, y) for x, y in self.slots()]

    def describe(self) -> str:
        """One line: badge size, grid and page, for listings."""
        cut = "pre-cut" if self.precut else "cut from plain paper"
        return (f"{_num(self.badge_width)} x {_num(self.badge_height)} mm, {self.columns} x {self.rows} "
                f"on {_num(self.page_width)} x {_num(self.page_height)} mm, {cut}")

    def check(self) -> Stock:
        """Raise StockError unless every badge lies on the page without overlapping another."""
        if min(self.badge_width, self.badge_height, self.page_width, self.page_height) <= 0:
            raise StockError(f"{self.name}: sizes must be positive")
        if self.columns < 1 or self.rows < 1:
            raise StockError(f"{self.name}: needs at least one column and one row")
        if self.columns > 1 and self.pitch_x < self.badge_width - TOLERANCE_MM:
            raise StockError(f"{self.name}: columns {self.pitch_x:g} mm apart overlap "
                             f"{self.badge_width:g} mm wide badges")
        if self.rows > 1 and self.pitch_y < self.badge_height - TOLERANCE_MM:
            raise StockError(f"{self.name}: rows {self.pitch_y:g} mm apart overlap "
                             f"{self.badge_height:g} mm tall badges")
        right = self.left + (self.columns - 1) * self.pitch_x + self.badge_width
        bottom = self.top + (self.rows - 1) * self.pitch_y + self.badge_height
        if self.left < -TOLERANCE_MM or right > self.page_width + TOLERANCE_MM:
            raise StockError(
                f"{self.name}: {self.columns} columns of {self.badge_width:g} mm badges need "
                f"{right:g} mm from the left edge, but the page is {self.page_width:g} mm wide"
            )
        if self.top < -TOLERANCE_MM or bottom > self.page_height + TOLERANCE_MM:
            raise StockError(
                f"{self.name}: {self.rows} rows of {self.badge_height:g} mm badges need "
                f"{bottom:g} mm from the top edge, but the page is {self.page_height:g} mm tall"
            )
        return self


def _num(value: float) -> str:
    return f"{round(value, 1):g}"


def stock_from_data(data: dict, source: str = "") -> Stock:
    """Build and check stock from its data (as in templates/stock/*.json)."""
    name = data.get("name") or Path(source).stem
    try:
        unit = data.get("unit", "mm")
        length = lambda key, default=None: to_mm(float(data.get(key, default)), unit)  # noqa: E731
        if "paper" in data:
            page_width, page_height = paper_size(data["paper"])
        else:
            page_width, page_height = length("page_width"), length("page_height")
        badge_width, badge_height = length("badge_width"), length("badge_height")
        columns, rows = int(data.get("columns", 1)), int(data.get("rows", 1))
        stock = Stock(
            name=name, description=str(data.get("description", "")),
            page_width=page_width, page_height=page_height,
            badge_width=badge_width, badge_height=badge_height,
            columns=columns, rows=rows,
            left=length("left", 0), top=length("top", 0),
            pitch_x=to_mm(float(data["pitch_x"]), unit) if "pitch_x" in data else badge_width + length("gap_x", 0),
            pitch_y=to_mm(float(data["pitch_y"]), unit) if "pitch_y" in data else badge_height + length("gap_y", 0),
            precut=bool(data.get("precut", False)),
        )
    except (TypeError, ValueError, KeyError) as error:
        raise StockError(f"{source or name}: {error}") from error
    return stock.check()


def stock_dir() -> Path:
    """The folder of bundled stock."""
    return templates_dir() / "stock"


def list_stocks() -> list[Stock]:
    """Every bundled stock, default first then by name."""
    stocks = [load_stock(path.stem) for path in stock_dir().glob("*.json")]
    return sorted(stocks, key=lambda s: (s.name != DEFAULT_STOCK, s.name))


def load_stock(name_or_path: str | Path) -> Stock:
    """Load a bundled stock by name, or a stock file by path."""
    data, path = load_data_file(name_or_path, stock_dir(), "stock", StockError,
                                "or give a .json file, or a custom grid")
    return stock_from_data(data, str(path))


def custom_grid(paper: str, badge: str, margin: float = 0.0, gap: float = 0.0, precut: bool = False) -> Stock:
    """Stock from a paper size, a badge size ("90x55" mm), a margin and a gap: as many
    badges as fit, centred on the page. Raises StockError when not even one fits."""
    page_width, page_height = paper_size(paper)
    badge_width, badge_height = paper_size(badge)
    columns = int((page_width - 2 * margin + gap + TOLERANCE_MM) // (badge_width + gap))
    rows = int((page_height - 2 * margin + gap + TOLERANCE_MM) // (badge_height + gap))
    if columns < 1 or rows < 1:
        raise StockError(
            f"a {badge_width:g} x {badge_height:g} mm badge with {margin:g} mm margins does not fit "
            f"on a {page_width:g} x {page_height:g} mm page"
        )
    used_w = columns * badge_width + (columns - 1) * gap
    used_h = rows * badge_height + (rows - 1) * gap
    return Stock(
        name=f"custom {paper} {badge}", description="custom grid",
        page_width=page_width, page_height=page_height,
        badge_width=badge_width, badge_height=badge_height, columns=columns, rows=rows,
        left=(page_width - used_w) / 2, top=(page_height - used_h) / 2,
        pitch_x=badge_width + gap, pitch_y=badge_height + gap, precut=precut,
    ).check()


DEFAULT_STOCK = "a6-4up-a4"
