"""Every badge the app prints scans back at the desk, whatever the person's id."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.helpers.pdf import decode_qr_codes

from hildprint.core.desk.operations import Desk
from hildprint.core.domain.model import Attendee, Event
from hildprint.core.services import create_event
from hildprint.core.store.sqlite import EventStore

IDS = st.text(st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), min_size=1, max_size=24
              ).map(str.strip).filter(bool)
_COUNTER = itertools.count()


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """One event file for every example."""
    path = tmp_path_factory.mktemp("scan") / "e.hildprint"
    create_event(path, Event("Scan Test", code="SCAN26"))
    with EventStore.open(path) as opened:
        yield opened


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(attendee_id=IDS)
def test_a_printed_badge_scans_back_and_checks_in(store, tmp_path, attendee_id):
    """Print a badge for an arbitrary id, decode the QR code from the rendered page, and
    check in with what the scanner read: the same person is checked in."""
    store.upsert_attendees([Attendee(attendee_id, display_name="Scan Me")])
    desk = Desk(store, "desk 1", clock=lambda: datetime(2026, 7, 10, 3, tzinfo=UTC))
    result = desk.print_badge(attendee_id, tmp_path / f"badge-{next(_COUNTER)}.pdf")
    scanned = decode_qr_codes(result.pdf, 0)
    assert len(scanned) == 1
    assert desk.check_in(scanned[0]).person.id == attendee_id
