"""The desk from a shell: `hildprint checkin` and `hildprint print-badge` (into a PDF or on a CUPS queue)."""

from __future__ import annotations

import re

import pytest
from tests.helpers.cups import assert_page_size, cups_pdf_queue
from tests.helpers.pdf import page_sizes_mm

from hildprint.cli import main
from hildprint.core.domain.tokens import make_token
from hildprint.core.services.sample import create_sample_event
from hildprint.core.store.sqlite import EventStore


@pytest.fixture
def event(tmp_path):
    return create_sample_event(tmp_path / "hild.hildprint")


def _token(event_path, attendee_id: str) -> str:
    with EventStore.open(event_path) as store:
        return make_token(store.event, attendee_id)


def test_checkin_with_a_genuine_token_prints_the_name(event, capsys):
    """A valid token exits 0 with the person's name first and records the arrival."""
    assert main(["checkin", str(event), _token(event, "H001")]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "Zoë Müller-Brandt" and "checked in at" in out
    with EventStore.open(event) as store:
        assert store.attendee("H001").checked_in_at


@pytest.mark.parametrize(("scan", "reason"), [
    ("HILD26:H001:AAAAAAAAAA", "forged"), ("ICML26:H001:AAAAAAAAAA", "foreign"),
    ("NOBODY", "unknown"), ("HILD26:", "malformed"),
])
def test_checkin_refusals_exit_1_with_the_reason(event, capsys, scan, reason):
    """Forged, foreign, unknown and malformed scans exit 1 with one line naming why."""
    assert main(["checkin", str(event), scan]) == 1
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.startswith(f"refused ({reason}): ")
    assert len(captured.err.strip().splitlines()) == 1


def test_print_badge_writes_the_desk_pdf_and_logs_reprints(event, capsys):
    """Without a printer the badge goes to EVENT-desk/ID.pdf; the second print is copy 2."""
    assert main(["print-badge", str(event), "H010"]) == 0
    assert main(["print-badge", str(event), "H010"]) == 0
    out = capsys.readouterr().out
    assert "Nguyễn Văn An: badge copy 1" in out and "copy 2 (a reprint)" in out
    pdf = event.with_name("hild-desk") / "H010.pdf"
    assert [(round(w), round(h)) for w, h in page_sizes_mm(pdf)] == [(105, 148)]
    with EventStore.open(event) as store:
        assert [r.copy for r in store.print_log("H010")] == [1, 2]


def test_print_badge_to_a_chosen_file_on_other_stock(event, tmp_path, capsys):
    """-o writes where asked; CR80 cards print on their own 85.6 x 54 mm page."""
    out = tmp_path / "card.pdf"
    assert main(["print-badge", str(event), "H002", "-o", str(out), "--stock", "cr80"]) == 0
    assert [(round(w, 1), round(h, 1)) for w, h in page_sizes_mm(out)] == [(85.6, 54.0)]


def test_print_badge_refuses_an_unknown_id(event, capsys):
    """An unknown id exits 1 naming it, and nothing is printed or logged."""
    assert main(["print-badge", str(event), "NOBODY"]) == 1
    assert "nobody with id 'NOBODY'" in capsys.readouterr().err
    assert not event.with_name("hild-desk").exists()


def test_print_badge_refuses_an_unknown_printer(event, capsys):
    """A printer that does not exist (or no CUPS at all) exits 1 naming it; nothing is logged."""
    assert main(["print-badge", str(event), "H001", "--printer", "No-Such-Printer"]) == 1
    assert "No-Such-Printer" in capsys.readouterr().err
    with EventStore.open(event) as store:
        assert store.print_log() == []


def test_print_badge_on_a_cups_queue_comes_out_at_the_badge_size(event, capsys):
    """--printer sends the badge through CUPS: the queue's PDF is the desk's A6 page to
    0.5 mm, the print is logged on that printer, and the CUPS job is named."""
    queue = cups_pdf_queue()
    before = queue.pdfs()
    assert main(["print-badge", str(event), "H010", "--printer", queue.name, "--desk", "cli desk"]) == 0
    out = capsys.readouterr().out
    assert f"Nguyễn Văn An: badge copy 1 → {queue.name}" in out
    job = re.search(r"CUPS job (\S+)", out).group(1)
    printed = queue.wait_for_pdf(job, before)
    assert_page_size(printed, (105.0, 148.0))
    with EventStore.open(event) as store:
        assert [(r.printer, r.desk) for r in store.print_log("H010")] == [(queue.name, "cli desk")]
    printed.unlink()  # kept only when a check fails, for a look
