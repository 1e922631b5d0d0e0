"""A poster run through the services loads its rule set once and walks each folder once,
however many steps (rules for the report, folders, event files) it takes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from tests.helpers.posters import poster_pdf

from hildprint.core import services
from hildprint.core.services import posters as poster_service
from hildprint.core.services.sample import create_sample_event


@pytest.fixture
def counted(monkeypatch) -> dict[str, int]:
    """How often the poster service loads a rule set and walks a folder."""
    counts = {"loads": 0, "walks": 0}
    load, walk = poster_service.load_rules, os.walk

    def counting_load(*args, **kwargs):
        counts["loads"] += 1
        return load(*args, **kwargs)

    def counting_walk(*args, **kwargs):
        counts["walks"] += 1
        return walk(*args, **kwargs)

    monkeypatch.setattr(poster_service, "load_rules", counting_load)
    monkeypatch.setattr(poster_service.os, "walk", counting_walk)
    return counts


def test_a_run_over_a_folder_and_an_event_loads_and_walks_once(tmp_path: Path, counted):
    """The command line's steps: the rules for the report, the event's posters, a folder
    found and then checked: one load of the rule set, one walk of the folder."""
    folder = tmp_path / "posters"
    (folder / "day2").mkdir(parents=True)
    files = [poster_pdf(folder / "a.pdf"), poster_pdf(folder / "day2" / "b.pdf", 40, 60)]
    event = tmp_path / "event.hildprint"
    create_sample_event(event)
    paper_id = services.list_records(event, "papers")[0]["id"]
    services.attach_posters(event, {paper_id: str(files[0])})
    request = services.PosterRequest(workers=1)
    rules = request.options().rules
    event_run = services.validate_event_posters(event, request)
    found = services.find_poster_files([folder])
    verdicts = services.check_poster_files(found, request)
    assert rules.name == services.DEFAULT_RULES and event_run.paper_ids == [paper_id]
    assert found == files and [v.verdict for v in verdicts] == ["pass", "fail"]
    assert counted == {"loads": 1, "walks": 1}


def test_a_changed_request_loads_its_new_rules(counted):
    """The kept rule set follows the request: another rule set or tolerance is loaded anew."""
    request = services.PosterRequest()
    first = request.options()
    assert request.options() is first
    request.tolerance_in = 1.0
    assert request.options().rules.tolerance_in == 1.0
    assert counted["loads"] == 2


def test_validate_posters_walks_its_folders_once(tmp_path: Path, counted):
    """Checking a folder in one call walks it once."""
    poster_pdf(tmp_path / "a.pdf")
    (verdict,) = services.validate_posters([tmp_path], services.PosterRequest(workers=1))
    assert verdict.verdict == "pass" and counted == {"loads": 1, "walks": 1}
