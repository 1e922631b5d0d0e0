"""Badge faces decided without drawing: a check of the names gives exactly the warnings a
print run gives, in the same order, without making a PDF."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from hildprint.core import services
from hildprint.core.domain.model import Attendee
from hildprint.core.layout.badge import BadgeLayout, BadgeOptions
from hildprint.core.layout.stock import load_stock
from hildprint.core.layout.template import load_template
from hildprint.core.render import badges as badge_render
from hildprint.core.services import badges as badge_service
from hildprint.core.services.sample import create_sample_event
from hildprint.core.store.sqlite import EventStore

LONG_AND_MULTI_SCRIPT = [
    Attendee("L01", "Maximilian Alexander Friedrich", "von Hohenzollern-Sigmaringen",
             affiliation="Max-Planck-Institut für Intelligente Systeme, Tübingen, Baden-Württemberg"),
    Attendee("L02", "Kamalakannan Venkataraghavan", "Subramanian Iyengar-Ramaswamy", affiliation="KAIST"),
    Attendee("L03", "عبد الرحمن بن محمد بن عبد الله", "آل سعود الفيصل", affiliation="جامعة الملك سعود"),
    Attendee("L04", "Αλέξανδρος-Κωνσταντίνος", "Παπαγεωργοπουλόπουλος", affiliation="ΕΚΠΑ"),
    Attendee("L05", "Владимир Александрович", "Константинопольский-Долгоруков", affiliation="МГУ"),
    Attendee("L06", "寿限無寿限無五劫の擦り切れ", "海砂利水魚の水行末雲来末風来末", affiliation="東京大学"),
    Attendee("L07", "민준서연하준지호", "남궁황보제갈선우", affiliation="서울대학교"),
    Attendee("L08", display_name="བསྟན་འཛིན་རྒྱ་མཚོ", affiliation="Tibet University"),
    Attendee("L09", display_name="Sam 🦜 Lee", affiliation="Parrot Labs 🦜"),
    Attendee("L10", "Nguyễn Thị Minh Khai", "Trần", affiliation="Trường Đại học Bách khoa Hà Nội"),
    Attendee("L11", "Ana", "de la Cruz", consent_contact_qr=True),
]


@pytest.fixture(scope="module")
def sample_event(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("check") / "sample.hildprint"
    create_sample_event(path)
    return path


@pytest.fixture(scope="module")
def long_names_event(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("long") / "long.hildprint"
    create_sample_event(path)
    with EventStore.open(path) as store, store.transaction():
        store.upsert_attendees(LONG_AND_MULTI_SCRIPT)
    return path


def _refuse_canvas(*_args, **_kwargs):
    raise AssertionError("a badge canvas was made")


@pytest.fixture
def no_drawing(monkeypatch):
    """Any badge canvas made from here on fails the test."""
    monkeypatch.setattr(badge_render, "Canvas", _refuse_canvas)


def _printed_warnings(event: Path, folder: Path, only: list[str], template: str) -> list[str]:
    outcome = services.print_documents(services.PrintRequest(event, folder, ("badges",), only=only, workers=1,
                                                             template=template))
    assert (folder / "badges.pdf").exists()
    return [str(w) for w in outcome.badge_warnings]


def _checked_warnings(event: Path, folder: Path, only: list[str], template: str) -> list[str]:
    request = services.PrintRequest(event, folder, ("badges",), only=only, template=template)
    return [str(w) for w in services.check_badges(request)]


def test_check_names_on_the_sample_event_matches_a_print_run(sample_event, tmp_path, monkeypatch):
    """The sample event with a small name box: the check finds H028's name set below the
    template's minimum size to print whole, as printing does, and draws nothing."""
    template = str(small_qr_template(tmp_path))
    printed = _printed_warnings(sample_event, tmp_path / "printed", [], template)
    with monkeypatch.context() as patched:
        patched.setattr(badge_render, "Canvas", _refuse_canvas)
        checked = _checked_warnings(sample_event, tmp_path / "checked", [], template)
    assert checked == printed and any("(H028)" in w and "below the template's" in w for w in checked)
    assert not (tmp_path / "checked" / "badges.pdf").exists()


def test_check_names_with_long_and_multi_script_names_matches_a_print_run(long_names_event, tmp_path, no_drawing):
    """Long names in several scripts, a Tibetan name and an emoji: the same warnings, in the
    same order, whether checked or printed."""
    only = [p.id for p in LONG_AND_MULTI_SCRIPT]
    checked = _checked_warnings(long_names_event, tmp_path, only, str(small_qr_template(tmp_path)))
    kinds = " ".join(checked)
    assert "U+0F56" in kinds and "U+1F99C" in kinds and "below the template's" in kinds
    assert checked[0].startswith("བསྟན")  # the characters no font has lead


def test_long_names_printed_give_the_checked_warnings(long_names_event, tmp_path):
    """The print run's warnings for the long names are those the check gives."""
    only = [p.id for p in LONG_AND_MULTI_SCRIPT]
    template = str(small_qr_template(tmp_path))
    assert (_printed_warnings(long_names_event, tmp_path / "printed", only, template)
            == _checked_warnings(long_names_event, tmp_path / "checked", only, template))


def small_qr_template(folder: Path) -> Path:
    """A template whose front has the name (reported when shortened) and a QR code too
    small to scan, and whose back repeats the name."""
    name = {"type": "text", "x": 4, "y": 4, "w": 60, "h": 12, "text": "{attendee.name}", "size": 30,
            "min_size": 16, "bold": True, "report": True}
    data = {"name": "tiny-qr", "roles": {"Attendee": "#333333"}, "layouts": {"portrait": {
        "width": 105, "height": 148,
        "front": [name, {"type": "qr", "x": 70, "y": 100, "w": 12, "content": "token"}],
        "back": [name, {"type": "qr", "x": 70, "y": 100, "w": 30, "content": "contact", "when": "consent"}],
    }}}
    path = folder / "tiny-qr.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("sides", ["front", "duplex", "fold"])
def test_checked_warnings_follow_the_sides_and_a_parallel_run(long_names_event, tmp_path, sides):
    """With backs (duplex, fold-over), QR codes too small to scan, and a list long enough
    for worker processes, the check and the run still agree warning for warning."""
    people = [Attendee(f"X{i:03d}", p.first_name, p.last_name, p.display_name, p.affiliation,
                       consent_contact_qr=p.consent_contact_qr)
              for i, p in enumerate(LONG_AND_MULTI_SCRIPT * 23)]
    with EventStore.open(long_names_event) as store, store.transaction():
        store.upsert_attendees(people)
    request = services.BadgeRequest(long_names_event, tmp_path / "b.pdf", "a6-4up-a4",
                                    str(small_qr_template(tmp_path)), only=[p.id for p in people], sides=sides)
    checked = [str(w) for w in badge_service.badge_warnings(request)]
    run, _ = services.make_badges(request, workers=2)
    assert run.badges == len(people) >= 200
    assert [str(w) for w in run.warnings] == checked
    assert any("QR modules are" in w for w in checked)


def test_a_badge_run_lays_out_its_badges_once(sample_event, tmp_path, monkeypatch):
    """One badge run builds one layout in the calling process (the options are checked by it too)."""
    built = []
    original = BadgeLayout.__init__

    def counting(self, *args, **kwargs):
        built.append(1)
        original(self, *args, **kwargs)

    monkeypatch.setattr(BadgeLayout, "__init__", counting)
    run, _ = services.make_badges(services.BadgeRequest(sample_event, tmp_path / "b.pdf"), workers=1)
    assert run.badges == 42 and len(built) == 1


def test_sheet_pages_of_a_fold_over_put_each_back_under_its_front():
    """On fold-over stock a sheet is one page: each person's front, then their back turned over."""
    layout = BadgeLayout(services.Event("E"), BadgeOptions(load_stock("a6-4up-a4"), load_template(), "fold"))
    (page,) = layout.sheet_pages(LONG_AND_MULTI_SCRIPT[:2])
    assert [(p.person.id, p.side, p.upside_down) for p in page.placements] == [
        ("L01", "front", False), ("L01", "back", True), ("L02", "front", False), ("L02", "back", True)]
    assert page.fold_lines and page.crop_marks
