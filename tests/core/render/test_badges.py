"""Badge PDFs as a printer sees them: page sizes, character boxes, QR codes, pixels, order."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path

import pytest
from tests.helpers.pdf import (
    compare_snapshot,
    decode_qr_codes,
    page_chars,
    page_sizes_mm,
    render,
)

from hildprint.core.domain.model import Attendee, Event
from hildprint.core.domain.tokens import make_token, verify_token
from hildprint.core.layout.geometry import MM
from hildprint.core.layout.stock import list_stocks, load_stock
from hildprint.core.layout.template import load_template
from hildprint.core.render.badges import (
    BadgeError,
    BadgeLayout,
    BadgeOptions,
    preflight,
)
from hildprint.core.services import badges as badge_service
from hildprint.core.services.sample import load_sample

SNAPSHOTS = Path(__file__).parent / "snapshots"

PEOPLE = [
    Attendee("T01", "Zoë", "Müller", "Zoë Müller", "ETH Zürich", "Organiser", consent_contact_qr=True),
    Attendee("T02", "Văn An", "Nguyễn", "Nguyễn Văn An", "Trường Đại học Bách khoa Hà Nội", "Author"),
    Attendee("T03", "Ελένη", "Παπαδοπούλου", "Ελένη Παπαδοπούλου", "Εθνικό Μετσόβιο Πολυτεχνείο", "Speaker"),
    Attendee("T04", "Дмитрий", "Иванов", "Дмитрий Иванов", "МФТИ", "Volunteer"),
    Attendee("T05", "芳", "王", "王芳", "清华大学", "Author"),
    Attendee("T06", "太郎", "山田", "山田 太郎", "東京大学", "Attendee", consent_contact_qr=True),
    Attendee("T07", "민준", "김", "김민준", "서울대학교", "Author"),
    Attendee("T08", "محمد", "الأحمد", "محمد الأحمد", "جامعة الملك عبدالله للعلوم والتقنية", "Speaker"),
    Attendee("T09", "Maximilian Alexander Friedrich", "von Hohenzollern-Sigmaringen",
             "Maximilian Alexander Friedrich von Hohenzollern-Sigmaringen",
             "Max-Planck-Institut für Intelligente Systeme, Tübingen", "Author"),
    Attendee("T10", "Kamalakannan Venkataraghavan", "Subramanian Iyengar-Ramaswamy",
             "Kamalakannan Venkataraghavan Subramanian Iyengar-Ramaswamy", "KAIST", "Attendee"),
    Attendee("T11", "Ana", "de la Cruz", "Ana de la Cruz", "", "Attendee"),
]
EVENT = Event("HiLD 2026", code="HILD26", start_date="2026-07-10", end_date="2026-07-11",
              venue="COEX, Seoul", timezone="Asia/Seoul", secret="0" * 64)


def options(stock="a6-4up-a4", sides="front", crop_marks=None):
    return BadgeOptions(load_stock(stock), load_template(), sides, crop_marks)


def write_badges(event, people, out, badge_options, **run):
    """Badges for ``people`` into the file ``out``, as the badge service writes them."""
    return badge_service.write_badges(BadgeLayout(event, badge_options), people, out, **run)


@pytest.fixture(scope="module")
def default_pdf(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("badges") / "badges.pdf"
    run = write_badges(EVENT, PEOPLE, out, options(), workers=1)
    assert run.badges == len(PEOPLE) and run.pages == 3
    return out


@pytest.mark.parametrize("stock", [s.name for s in list_stocks()])
def test_page_count_and_size_for_every_stock(tmp_path, stock):
    """Every stock gives ceil(people / per page) pages of exactly its page size (0.1 mm)."""
    chosen = load_stock(stock)
    out = tmp_path / f"{stock}.pdf"
    write_badges(EVENT, PEOPLE, out, options(stock), workers=1)
    sizes = page_sizes_mm(out)
    assert len(sizes) == -(-len(PEOPLE) // chosen.per_page)
    for width, height in sizes:
        assert width == pytest.approx(chosen.page_width, abs=0.1)
        assert height == pytest.approx(chosen.page_height, abs=0.1)


def _text_boxes(stock_name: str, side: str = "front"):
    """Every text box of every slot in page points (x0, top, x1, bottom), with its source."""
    stock = load_stock(stock_name)
    layout = load_template().layout_for(stock)
    boxes = layout.front if side == "front" else layout.back
    for slot_index, (sx, sy) in enumerate(stock.slots()):
        for box in boxes:
            if box.type == "text":
                yield slot_index, box, ((sx + box.x) * MM, (sy + box.y) * MM,
                                        (sx + box.x + box.w) * MM, (sy + box.y + box.h) * MM)


@pytest.mark.parametrize("stock", ["a6-4up-a4", "avery-5392", "avery-l4785"])
def test_every_character_lies_inside_a_text_box(tmp_path, stock):
    """pdfplumber's box of every character on the page lies inside one of the template's
    text boxes (0.5 pt tolerance): no name or affiliation spills out of its box."""
    out = tmp_path / "b.pdf"
    write_badges(EVENT, PEOPLE, out, options(stock), workers=1)
    boxes = list(_text_boxes(stock))
    checked = 0
    for page in range(len(page_sizes_mm(out))):
        for char in page_chars(out, page):
            inside = [
                b for _, _, b in boxes
                if char["x0"] >= b[0] - 0.5 and char["x1"] <= b[2] + 0.5
                and char["top"] >= b[1] - 0.5 and char["bottom"] <= b[3] + 0.5
            ]
            assert inside, f"{char['text']!r} at {char['x0']:.1f},{char['top']:.1f} is outside every text box"
            checked += 1
    assert checked > 300


def test_each_name_is_in_its_name_box(default_pdf):
    """The name box of each slot holds exactly that person's name, whole (left-to-right scripts)."""
    name_boxes = {slot: rect for slot, box, rect in _text_boxes("a6-4up-a4") if box.text == "{attendee.name}"}
    for index, person in enumerate(PEOPLE):
        page, slot = divmod(index, 4)
        x0, top, x1, bottom = name_boxes[slot]
        chars = [c for c in page_chars(default_pdf, page)
                 if x0 - 0.5 <= c["x0"] and c["x1"] <= x1 + 0.5
                 and top - 0.5 <= c["top"] and c["bottom"] <= bottom + 0.5]
        text = "".join(c["text"] for c in sorted(chars, key=lambda c: (round(c["top"]), c["x0"])))
        if person.id == "T08":
            assert len(chars) >= 8  # shaped Arabic: glyphs, not the letters typed
        else:
            assert text.replace(" ", "") == person.name.replace(" ", "")


def test_every_qr_code_decodes_to_a_valid_token(default_pdf):
    """Each page's QR codes, rendered at 300 dpi, decode to the signed tokens of its people."""
    for page in range(3):
        people = PEOPLE[page * 4:page * 4 + 4]
        found = decode_qr_codes(default_pdf, page)
        assert sorted(found) == sorted(make_token(EVENT, p.id) for p in people)
        assert {verify_token(EVENT, token) for token in found} == {p.id for p in people}


def test_qr_codes_decode_on_the_smallest_stock(tmp_path):
    """On 80 x 50 mm labels the codes still decode at 300 dpi, with modules of 0.4 mm or more."""
    out = tmp_path / "small.pdf"
    run = write_badges(EVENT, PEOPLE[:10], out, options("avery-l4785"), workers=1)
    assert not [w for w in run.warnings if "QR modules" in w.message]
    assert sorted(decode_qr_codes(out, 0)) == sorted(make_token(EVENT, p.id) for p in PEOPLE[:10])


def test_qr_is_one_vector_path_not_an_image(default_pdf):
    """The page holds no images: QR codes are filled paths."""
    import pikepdf

    with pikepdf.open(default_pdf) as pdf:
        for page in pdf.pages:
            assert not page.get_images()


def test_contact_qr_only_for_those_who_agreed(tmp_path):
    """Duplex backs carry a contact QR (MECARD) only for people who consented."""
    out = tmp_path / "duplex.pdf"
    write_badges(EVENT, PEOPLE[:4], out, options(sides="duplex"), workers=1)
    back = decode_qr_codes(out, 1)
    assert len(back) == 1 and back[0].startswith("MECARD:N:Zoë Müller;")


def test_duplex_backs_are_mirrored_for_a_long_edge_flip(tmp_path):
    """On the back page each person's badge sits in the mirrored column of the same row."""
    out = tmp_path / "duplex.pdf"
    write_badges(EVENT, PEOPLE[:4], out, options(sides="duplex"), workers=1)
    assert len(page_sizes_mm(out)) == 2
    stock = load_stock("a6-4up-a4")

    def slot_of(char):
        column = int(char["x0"] // (stock.badge_width * MM))
        row = int((char["top"] - stock.top * MM) // (stock.badge_height * MM))
        return row, column

    for person_index, person in enumerate(PEOPLE[:4]):
        row, column = divmod(person_index, 2)
        initial = person.name[0]
        back_chars = [c for c in page_chars(out, 1) if c["text"] == initial and c["size"] > 15]
        assert any(slot_of(c) == (row, 1 - column) for c in back_chars), person.name


def test_fold_over_puts_the_back_upside_down_below_the_front(tmp_path):
    """Fold-over: two people per A4 page; each back is the slot below its front, rotated 180°."""
    out = tmp_path / "fold.pdf"
    write_badges(EVENT, PEOPLE[:4], out, options(sides="fold"), workers=1)
    assert len(page_sizes_mm(out)) == 2
    chars = page_chars(out, 0)
    upright = [c for c in chars if c["upright"] and c["top"] < 148 * MM and c["size"] > 15]
    flipped = [c for c in chars if c["top"] > 149 * MM and c["size"] > 10]
    assert upright and flipped
    # rotated text runs right to left across the page
    zoe = [c for c in flipped if c["x0"] < 105 * MM and c["text"] in "Zoë"]
    assert zoe and zoe[0]["matrix"][0] < 0 and zoe[0]["matrix"][3] < 0


def test_fold_needs_an_even_number_of_rows():
    """Fold-over on one-badge-per-page stock is refused with a clear message."""
    with pytest.raises(BadgeError, match="even number of rows"):
        BadgeLayout(EVENT, options("a6", "fold"))


def test_crop_marks_only_on_stock_cut_from_plain_paper(tmp_path):
    """Cut-from-paper stock gets crop marks at its cut lines; pre-cut stock gets none."""
    import pdfplumber

    cut, precut = tmp_path / "cut.pdf", tmp_path / "precut.pdf"
    write_badges(EVENT, PEOPLE[:4], cut, options("a6-4up-a4"), workers=1)
    write_badges(EVENT, PEOPLE[:4], precut, options("avery-5392"), workers=1)
    with pdfplumber.open(cut) as pdf:
        marks = [line for line in pdf.pages[0].lines if line["linewidth"] == pytest.approx(0.25)]
    xs = {round(line["x0"] / MM, 1) for line in marks if line["x0"] == line["x1"]}
    assert 105.0 in xs
    with pdfplumber.open(precut) as pdf:
        assert not [line for line in pdf.pages[0].lines if line["linewidth"] == pytest.approx(0.25)]


def test_default_badge_pixel_snapshot(default_pdf):
    """The first page of the default badge looks as it did when last reviewed."""
    image = render(default_pdf, 0, dpi=60)
    changed = compare_snapshot(image, SNAPSHOTS / "default-a6-4up-a4.png", "default-badge")
    assert changed <= 0.002, f"{changed:.2%} of pixels changed; see tests/_artifacts/default-badge-diff.png"


def test_preflight_catches_characters_no_font_has():
    """A Tibetan name and an emoji are reported before printing; other scripts are fine."""
    people = PEOPLE + [Attendee("X1", display_name="བསྟན་འཛིན་རྒྱ་མཚོ"), Attendee("X2", display_name="Sam 🦜 Lee")]
    warnings = preflight(people)
    assert [w.attendee_id for w in warnings] == ["X1", "X2"]
    assert "U+0F56" in warnings[0].message and "U+1F99C" in warnings[1].message


def test_long_names_fit_whole_without_warnings_on_a6(default_pdf, tmp_path):
    """On A6 every name, the longest too, fits whole at the template's sizes: nothing to report."""
    run = write_badges(EVENT, PEOPLE, tmp_path / "w.pdf", options(), workers=1)
    assert run.warnings == []


def test_sample_event_badges_all_decode(tmp_path):
    """The bundled sample event: 42 badges, all QR codes decode, every name whole at the
    template's sizes (nothing reported)."""
    sample = load_sample()
    out = tmp_path / "sample.pdf"
    run = write_badges(sample.event, sample.attendees, out, options(), workers=1)
    assert run.badges == 42 and run.pages == 11
    decoded = [t for page in range(run.pages) for t in decode_qr_codes(out, page, dpi=200)]
    assert sorted(verify_token(sample.event, t) for t in decoded) == sorted(a.id for a in sample.attendees)
    assert run.warnings == []


def test_parallel_run_matches_the_single_process_run(tmp_path):
    """Worker processes produce the same pages, in the same order, as one process."""
    people = [Attendee(f"P{i:04d}", display_name=f"Person Number {i}", affiliation="KAIST") for i in range(420)]
    single, parallel = tmp_path / "one.pdf", tmp_path / "two.pdf"
    write_badges(EVENT, people, single, options(), workers=1)
    run = write_badges(EVENT, people, parallel, options(), workers=2)
    assert run.pages == 105 and len(page_sizes_mm(parallel)) == 105
    for page in (0, 52, 104):
        assert [c["text"] for c in page_chars(single, page)] == [c["text"] for c in page_chars(parallel, page)]
    assert sorted(decode_qr_codes(parallel, 104)) == sorted(make_token(EVENT, p.id) for p in people[416:])


def test_a_failed_run_leaves_nothing_at_the_output(tmp_path):
    """An error in the middle of a run leaves neither the PDF nor a temporary file behind."""
    out = tmp_path / "badges.pdf"

    def explode(done, total):
        if done >= 8:
            raise RuntimeError("printer on fire")

    with pytest.raises(RuntimeError):
        write_badges(EVENT, PEOPLE, out, options(), progress=explode, workers=1)
    assert list(tmp_path.iterdir()) == []


def test_cancel_stops_the_run_and_keeps_the_old_file(tmp_path):
    """Cancelling keeps an earlier PDF at the output untouched and reports the run cancelled."""
    out = tmp_path / "badges.pdf"
    out.write_bytes(b"%PDF-1.4 earlier run")
    cancel = threading.Event()
    people = [Attendee(f"P{i}", display_name=f"Person {i}") for i in range(1200)]
    run = write_badges(EVENT, people, out, options(), progress=lambda d, t: cancel.set(),
                       cancel=cancel, workers=2)
    assert run.cancelled
    assert out.read_bytes() == b"%PDF-1.4 earlier run"
    assert [p.name for p in tmp_path.iterdir()] == ["badges.pdf"]
    assert [p for p in multiprocessing.active_children() if p.name == "hildprint-badges"] == []


def test_an_error_in_a_worker_reaches_the_caller_and_leaves_no_file(tmp_path):
    """A template image that does not exist fails inside the worker processes: the run
    raises that error, no file or worker is left behind."""
    import json

    data = {"name": "broken", "roles": {}, "layouts": {"portrait": {"width": 105, "height": 148, "front": [
        {"type": "text", "x": 5, "y": 5, "w": 90, "h": 20, "text": "{attendee.name}"},
        {"type": "image", "x": 5, "y": 100, "w": 30, "h": 30, "path": "missing-logo.png"}]}}}
    (tmp_path / "broken.json").write_text(json.dumps(data), encoding="utf-8")
    broken = BadgeOptions(load_stock("a6-4up-a4"), load_template(tmp_path / "broken.json"))
    out = tmp_path / "out" / "badges.pdf"
    out.parent.mkdir()
    people = [Attendee(f"P{i}", display_name=f"Person {i}") for i in range(400)]
    with pytest.raises(OSError, match="missing-logo"):
        write_badges(EVENT, people, out, broken, workers=2)
    assert list(out.parent.iterdir()) == []
    assert [p for p in multiprocessing.active_children() if p.name == "hildprint-badges"] == []
