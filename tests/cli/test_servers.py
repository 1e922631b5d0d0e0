"""The command line on a server: push, pull, walk-in, every command on a URL, merge of
event-file copies, and an unreachable server as one line with exit code 2."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from hildprint.cli.app import main
from hildprint.core.services.sample import create_sample_event
from hildprint.core.store import EventStore, open_store


@pytest.fixture
def sample(tmp_path):
    return create_sample_event(tmp_path / "hild.hildprint")


def test_push_then_every_desk_command_on_the_url_then_pull(sample, pg_url, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["push", str(sample), pg_url]) == 0
    assert "42 people" in capsys.readouterr().out
    assert main(["push", str(sample), pg_url]) == 2
    assert "already holds an event (HiLD 2026)" in capsys.readouterr().err
    assert main(["checkin", pg_url, "H001"]) == 0
    assert "checked in at" in capsys.readouterr().out
    assert main(["walk-in", pg_url, "--name", "Jane Walker", "--affiliation", "KAIST", "--json"]) == 0
    person = json.loads(capsys.readouterr().out)
    assert (person["id"], person["affiliation"]) == ("W0001", "KAIST") and person["checked_in_at"]
    assert main(["walk-in", pg_url, "--name", "Jon Walker"]) == 0
    assert capsys.readouterr().out.strip() == "W0002"
    assert main(["print-badge", pg_url, "W0002"]) == 0
    database = pg_url.rsplit("/", 1)[1]
    assert (tmp_path / f"{database}-desk" / "W0002.pdf").stat().st_size > 1000
    assert main(["badges", pg_url, "-o", str(tmp_path / "all.pdf")]) in (0, 1)  # 1 when a name was shortened
    assert "44 badges" in capsys.readouterr().out
    assert main(["pull", pg_url, str(tmp_path / "snapshot.hildprint")]) == 0
    with EventStore.open(tmp_path / "snapshot.hildprint") as snapshot:
        assert snapshot.attendee("W0001").affiliation == "KAIST"
        assert snapshot.attendee("H001").checked_in_at is not None
        assert len(snapshot.print_log("W0002")) == 1
    assert main(["pull", pg_url, str(tmp_path / "snapshot.hildprint")]) == 2  # never overwritten unasked


def test_push_replace_swaps_the_event_on_the_server(sample, pg_url, tmp_path):
    assert main(["push", str(sample), pg_url]) == 0
    other = create_sample_event(tmp_path / "other.hildprint")
    with EventStore.open(other) as store:
        store.delete_attendee("H001")
    assert main(["push", str(other), pg_url, "--replace"]) == 0
    with open_store(pg_url) as server:
        assert server.attendee("H001") is None and server.attendee_count() == 41


def test_an_unreachable_server_is_one_line_and_exit_code_2(tmp_path):
    from tests.helpers.postgres import free_port

    url = f"postgresql://desk@127.0.0.1:{free_port()}/hild"
    for command in (["checkin", url, "H001"], ["list", url, "attendees"], ["walk-in", url, "--name", "A B"]):
        run = subprocess.run([sys.executable, "-m", "hildprint.cli", *command], capture_output=True, text=True,
                             timeout=60)
        assert run.returncode == 2
        assert run.stderr.count("\n") == 1 and "Traceback" not in run.stderr
        assert run.stderr.startswith(f"hildprint: {url}: cannot reach the server")


def test_walk_in_after_an_odd_imported_id(sample, capsys):
    with EventStore.open(sample) as store:
        from hildprint.core.domain.model import Attendee

        store.upsert_attendees([Attendee("W²", "Odd", "Id")])
    assert main(["walk-in", str(sample), "--name", "New Person"]) == 0
    assert capsys.readouterr().out.strip() == "W0001"


def test_merge_brings_copies_together_and_twice_changes_nothing(sample, tmp_path, capsys):
    copies = [tmp_path / f"desk{n}.hildprint" for n in (1, 2)]
    for copy in copies:
        copy.write_bytes(sample.read_bytes())
    assert main(["checkin", str(copies[0]), "H001"]) == 0
    assert main(["checkin", str(copies[1]), "H002"]) == 0
    for n, copy in enumerate(copies):  # both desks hand out W0001, to different people
        assert main(["walk-in", str(copy), "--name", f"Walker {n}"]) == 0
        assert main(["print-badge", str(copy), "W0001", "-o", str(tmp_path / f"w{n}.pdf")]) == 0
    capsys.readouterr()
    assert main(["merge", str(sample), *map(str, copies)]) == 0
    said = capsys.readouterr().out
    assert "2 check-ins, 2 walk-ins, 2 badge prints" in said and "walk-in W0001 was taken" in said
    with EventStore.open(sample) as merged:
        before = ([(p.id, p.name, p.checked_in_at) for p in merged.attendees()], merged.print_log())
        walkers = {p.name: p.id for p in merged.attendees() if p.name.startswith("Walker")}
        assert sorted(walkers) == ["Walker 0", "Walker 1"] and len(set(walkers.values())) == 2
        assert {r.attendee_id for r in merged.print_log()} == set(walkers.values())
        assert merged.attendee("H001").checked_in_at and merged.attendee("H002").checked_in_at
    assert main(["merge", str(sample), *map(str, copies)]) == 0
    assert "0 check-ins, 0 walk-ins, 0 badge prints" in capsys.readouterr().out
    with EventStore.open(sample) as merged:
        assert ([(p.id, p.name, p.checked_in_at) for p in merged.attendees()], merged.print_log()) == before


def test_merge_refuses_a_copy_of_another_event(sample, tmp_path, capsys):
    other = tmp_path / "other.hildprint"
    assert main(["new", str(other), "--name", "Other Workshop"]) == 0
    assert main(["merge", str(sample), str(other)]) == 2
    assert "a copy of another event (Other Workshop)" in capsys.readouterr().err
