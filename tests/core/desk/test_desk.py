"""The badge desk's use cases: check-in by token or id, refusals, walk-ins, fixes, the print log."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime

import pytest
from tests.helpers.pdf import decode_qr_codes, page_sizes_mm

from hildprint.core.desk.operations import (
    FOREIGN,
    FORGED,
    INVALID,
    MALFORMED,
    UNKNOWN,
    Desk,
    DeskError,
    DeskStore,
    looks_like_token,
)
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.domain.tokens import make_token
from hildprint.core.services.sample import create_sample_event
from hildprint.core.store import sqlite as store_module
from hildprint.core.store.sqlite import EventStore, StoreError

NOON_UTC = datetime(2026, 7, 10, 3, 0, tzinfo=UTC)  # 12:00 in Seoul


@pytest.fixture
def store(tmp_path):
    """The sample event, open."""
    with EventStore.open(create_sample_event(tmp_path / "hild.hildprint")) as opened:
        yield opened


@pytest.fixture
def desk(store):
    """A desk on the sample event whose clock says noon in Seoul."""
    return Desk(store, "desk 1", clock=lambda: NOON_UTC)


def test_event_store_satisfies_the_desk_protocol(store):
    """Every operation the desk needs exists on the event file (so a server store can
    replace it by implementing the same names)."""
    wanted = [name for name in dir(DeskStore) if not name.startswith("_")]
    assert {"attendees", "mark_checked_in", "log_print", "transaction"} <= set(wanted)
    assert all(callable(getattr(store, name)) or name == "event" for name in wanted)


def test_a_genuine_token_checks_in_with_the_time_in_the_event_zone(desk, store):
    """Scanning a badge marks the person checked in at the desk's time (Seoul, +09:00)."""
    result = desk.check_in(make_token(store.event, "H010"))
    assert result.person.name == "Nguyễn Văn An" and result.first_time
    assert result.when == "2026-07-10T12:00:00+09:00"
    assert store.attendee("H010").checked_in_at == "2026-07-10T12:00:00+09:00"


def test_a_second_scan_keeps_the_first_arrival(store):
    """Checking in twice reports it and keeps the first time."""
    Desk(store, clock=lambda: NOON_UTC).check_in("H010")
    later = Desk(store, clock=lambda: datetime(2026, 7, 10, 5, 0, tzinfo=UTC))
    again = later.check_in("H010")
    assert not again.first_time and again.when == "2026-07-10T12:00:00+09:00"


@pytest.mark.parametrize(("scan", "reason", "words"), [
    ("HILD26:H010:AAAAAAAAAA", FORGED, "not genuine"),
    ("ICML26:H010:AAAAAAAAAA", FOREIGN, "another event"),
    ("HILD26:NOBODY:{sig}", UNKNOWN, "nobody with id 'NOBODY'"),
    ("X404", UNKNOWN, "no such id: nobody with id 'X404'"),
    ("HILD26:H010", MALFORMED, "not a badge code"),
    ("  ", MALFORMED, "nothing was scanned"),
])
def test_refused_scans_say_why_and_change_nothing(desk, store, scan, reason, words):
    """Forged, foreign, unknown and malformed scans are refused with their reason."""
    if "{sig}" in scan:
        scan = make_token(store.event, "NOBODY")
    with pytest.raises(DeskError) as refused:
        desk.check_in(scan)
    assert refused.value.reason == reason and words in str(refused.value)
    assert all(p.checked_in_at is None for p in store.attendees())


def test_an_altered_id_in_a_genuine_token_is_forged(desk, store):
    """Copying a real signature onto another id is caught."""
    code, _, signature = make_token(store.event, "H010").split(":")
    with pytest.raises(DeskError) as refused:
        desk.check_in(f"{code}:H011:{signature}")
    assert refused.value.reason == FORGED


def test_ids_are_matched_without_case_and_tokens_have_a_shape(desk, store):
    """A typed lower-case id finds the person; token shape is recognised."""
    assert desk.check_in("h010").person.id == "H010"
    assert looks_like_token(make_token(store.event, "H010"))
    assert not looks_like_token("zoe") and not looks_like_token("H010")


def test_a_scan_glued_to_typed_letters_is_still_recognised(desk, store):
    """A volunteer typed "zoe", then scanned: the badge code is found at the end."""
    token = make_token(store.event, "H010")
    assert desk.scanned_code("zoe" + token) == token
    assert desk.scanned_code(f"  {token}\n") == token
    assert desk.scanned_code("ICML26:H1:ABCDEFGHIJ") == "ICML26:H1:ABCDEFGHIJ"  # refused later
    assert desk.scanned_code("zoe") is None and desk.scanned_code("H010") is None


def test_walk_in_gets_the_next_free_id_and_is_found_at_once(desk, store):
    """Walk-ins are numbered W0001, W0002 ..., stored, checked in and searchable."""
    first = desk.walk_in("Ingrid  Ødegård", "Universitetet i Oslo", "speaker")
    second = desk.walk_in("Aarav Shah")
    assert (first.id, second.id) == ("W0001", "W0002")
    assert (first.first_name, first.last_name, first.role) == ("Ingrid", "Ødegård", "Speaker")
    stored = store.attendee("W0001")
    assert stored.display_name == "Ingrid Ødegård" and stored.checked_in_at == "2026-07-10T12:00:00+09:00"
    assert [m.person.id for m in desk.find("odegard")] == ["W0001"]


def test_walk_ins_from_two_desks_never_share_an_id(tmp_path):
    """Two desks on the same file (two processes in real life) number walk-ins apart."""
    path = create_sample_event(tmp_path / "two.hildprint")
    with EventStore.open(path) as one, EventStore.open(path) as two:
        desk_one, desk_two = Desk(one, "one"), Desk(two, "two")
        ids = [desk_one.walk_in("A B").id, desk_two.walk_in("C D").id, desk_one.walk_in("E F").id]
    assert ids == ["W0001", "W0002", "W0003"]


@pytest.mark.parametrize(("name", "affiliation", "role", "words"), [
    ("   ", "", "Attendee", "needs a name"), ("A B", "", "Chair", "unknown role"),
])
def test_walk_in_refuses_what_cannot_be_printed(desk, store, name, affiliation, role, words):
    """A walk-in without a name or with an unknown role is refused and not stored."""
    with pytest.raises(DeskError) as refused:
        desk.walk_in(name, affiliation, role)
    assert refused.value.reason == INVALID and words in str(refused.value)
    assert store.attendee("W0001") is None


def test_fix_name_is_saved_and_keeps_a_check_in_made_meanwhile(desk, store, tmp_path):
    """Correcting a name saves it at once and never undoes another desk's check-in."""
    Desk(store, "other", clock=lambda: NOON_UTC).check_in("H036")
    fixed = desk.fix_name("H036", "Aroha Te Rangi-Whānau")
    assert (fixed.first_name, fixed.last_name) == ("Aroha Te", "Rangi-Whānau")
    with EventStore.open(store.path) as reopened:
        again = reopened.attendee("H036")
    assert again.name == "Aroha Te Rangi-Whānau" and again.checked_in_at is not None
    assert [m.person.id for m in desk.find("whanau")] == ["H036"]


def test_a_correction_with_a_bad_role_changes_nothing(desk, store):
    """Name, affiliation and role are saved together or not at all."""
    with pytest.raises(DeskError, match="unknown role"):
        desk.fix_name("H001", "Zoe Mueller", affiliation="ETH", role="Chair")
    assert store.attendee("H001").name == "Zoë Müller-Brandt"
    with pytest.raises(DeskError, match="needs a name"):
        desk.fix_name("H001", "   ", affiliation="ETH", role="Speaker")
    assert store.attendee("H001").affiliation == "ETH Zürich"


def test_fix_refuses_fields_the_desk_may_not_change(desk):
    """The desk cannot change ids, e-mail addresses or check-in times."""
    with pytest.raises(DeskError, match="cannot change email"):
        desk.fix("H001", {"email": "x@example.org"})
    with pytest.raises(DeskError) as refused:
        desk.fix("NOBODY", {"affiliation": "X"})
    assert refused.value.reason == UNKNOWN


def test_print_log_counts_copies_per_person(desk, store, tmp_path):
    """Each print is logged with printer, desk and time; reprints count up per person."""
    first = desk.print_badge("H001", tmp_path / "H001.pdf")
    sent = []
    second = desk.print_badge("H001", tmp_path / "H001.pdf", "Badge-Printer",
                              lambda pdf, size: sent.append((pdf.name, size)))
    other = desk.print_badge("H002", tmp_path / "H002.pdf")
    assert (first.record.copy, second.record.copy, other.record.copy) == (1, 2, 1)
    assert second.record.reprint and not first.record.reprint
    assert sent == [("H001.pdf", (105.0, 148.0))]
    log = store.print_log("H001")
    assert [(r.printer, r.desk, r.printed_at) for r in log] == [
        (f"PDF file {tmp_path / 'H001.pdf'}", "desk 1", "2026-07-10T12:00:00+09:00"),
        ("Badge-Printer", "desk 1", "2026-07-10T12:00:00+09:00"),
    ]


def test_printed_pdf_is_one_a6_badge_with_the_signed_token(desk, store, tmp_path):
    """From the default A6 4-up stock the desk prints one badge on an A6 page, QR readable."""
    result = desk.print_badge("H010", tmp_path / "H010.pdf")
    assert [(round(w, 1), round(h, 1)) for w, h in page_sizes_mm(result.pdf)] == [(105.0, 148.0)]
    assert decode_qr_codes(result.pdf, 0) == [make_token(store.event, "H010")]


def test_a_failed_print_is_not_logged(desk, store, tmp_path):
    """When the printer driver fails, nothing is logged."""
    def broken(pdf, size):
        raise RuntimeError("printer on fire")

    with pytest.raises(RuntimeError):
        desk.print_badge("H001", tmp_path / "H001.pdf", "Broken", broken)
    assert store.print_log() == []


def test_deleting_a_person_removes_their_print_log(desk, store, tmp_path):
    """The print log follows the person (foreign key with cascade)."""
    desk.print_badge("H001", tmp_path / "H001.pdf")
    store.delete_attendee("H001")
    assert store.print_log() == []


def test_a_busy_event_file_gives_a_clear_message(tmp_path, monkeypatch):
    """While another program holds the write lock, a check-in fails with a clear message."""
    monkeypatch.setattr(store_module, "BUSY_TIMEOUT_S", 0.1)
    path = create_sample_event(tmp_path / "busy.hildprint")
    blocker = sqlite3.connect(path, isolation_level=None)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        with EventStore.open(path) as opened, pytest.raises(StoreError, match="busy"):
            Desk(opened).check_in("H001")
    finally:
        blocker.execute("ROLLBACK")
        blocker.close()


def test_an_event_without_a_known_time_zone_uses_utc(tmp_path):
    """A damaged time zone name does not stop the desk."""
    with EventStore.create(tmp_path / "e.hildprint", Event("X", code="X", timezone="Mars/Base")) as s:
        s.upsert_attendees([Attendee("1", "A", "B")])
        assert Desk(s, clock=lambda: NOON_UTC).check_in("1").when == "2026-07-10T03:00:00+00:00"
