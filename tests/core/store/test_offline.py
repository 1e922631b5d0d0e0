"""A desk that loses its server: it goes on from its copy, journals its changes on disk,
and hands them over once, in order, when the server is back."""

from __future__ import annotations

import shutil

import pytest

from hildprint.core.desk.operations import Desk
from hildprint.core.services.sample import create_sample_event
from hildprint.core.services.sync import push_event
from hildprint.core.store import open_store
from hildprint.core.store.offline import JOURNAL, Journal, OfflineReadyStore


@pytest.fixture
def own_server():
    """A server of this test's own, to be killed and started again."""
    from tests.helpers.postgres import NoServer, start_server

    try:
        server = start_server(fsync=True)
    except NoServer as error:
        pytest.skip(str(error))
    yield server
    server.stop()


def test_changes_made_offline_are_replayed_once_even_when_the_journal_is_replayed_again(own_server, tmp_path):
    url = own_server.new_database()
    push_event(create_sample_event(tmp_path / "hild.hildprint"), url)
    one = OfflineReadyStore(url, tmp_path / "desk1")
    two = OfflineReadyStore(url, tmp_path / "desk2")
    desks = [Desk(one, "desk 1"), Desk(two, "desk 2")]
    person = desks[0].index.people[0].id
    own_server.kill()
    assert desks[0].check_in_id(person).first_time and one.offline
    walk_ins = [desk.walk_in(f"Walker {n}").id for n, desk in enumerate(desks) for _ in range(3)]
    assert len(set(walk_ins)) == 6  # each desk numbers its own: W-TAG-0001, ...
    desks[0].record_print(walk_ins[0], "PDF file")
    assert one.pending == 5 and two.pending == 3
    kept = tmp_path / "journal-before-replay"
    shutil.copy(tmp_path / "desk1" / JOURNAL, kept)

    own_server.start(fsync=True)
    assert one.catch_up() and two.catch_up()
    assert (one.pending, two.pending, one.offline) == (0, 0, False)
    shutil.copy(kept, tmp_path / "desk1" / JOURNAL)  # as if the desk died before clearing its journal
    assert one.catch_up() and one.pending == 0
    with open_store(url) as server:
        assert server.attendee(person).checked_in_at is not None
        assert all(server.attendee(i) is not None for i in walk_ins)
        assert len(server.print_log(walk_ins[0])) == 1  # not applied twice
        assert server._execute("SELECT count(*) AS n FROM applied_changes").fetchone()["n"] == 8
    assert Desk(one, "desk 1").walk_in("Back Online").id.startswith("W0")
    one.close()
    two.close()


def test_a_line_cut_off_by_a_crash_is_left_out_of_the_journal(tmp_path):
    journal = Journal(tmp_path / JOURNAL)
    journal.append("log_action", "H001", "2026-07-10T09:00:00+09:00", "desk", "undo")
    with open(journal.path, "a", encoding="utf-8") as handle:
        handle.write('{"uid": "abc", "op": "log_pr')
    assert [e["op"] for e in journal.entries()] == ["log_action"]


def test_a_desk_that_never_reached_its_server_says_so(tmp_path):
    from tests.helpers.postgres import free_port

    from hildprint.core.store import ServerUnreachable

    with pytest.raises(ServerUnreachable, match="cannot reach the server"):
        OfflineReadyStore(f"postgresql://x@127.0.0.1:{free_port()}/db", tmp_path / "desk")
