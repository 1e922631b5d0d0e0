"""Event use cases around time zones: one lookup, a clear refusal, a list to pick from."""

from __future__ import annotations

import pytest

from hildprint.core import services
from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.model import Event


def test_check_timezone_accepts_known_zones_and_explains_unknown_ones():
    """A known zone is returned as given; an unknown one is an expected error with an example."""
    assert services.check_timezone("Asia/Seoul") == "Asia/Seoul"
    with pytest.raises(services.UnknownTimeZone, match=r"'Mars/Base' is not a known time zone \(e\.g\. Asia/Seoul"):
        services.check_timezone("Mars/Base")
    assert issubclass(services.UnknownTimeZone, HildprintError)


def test_an_event_in_an_unknown_zone_is_not_created(tmp_path):
    """create_event refuses an unknown zone before any file is written."""
    path = tmp_path / "e.hildprint"
    with pytest.raises(services.UnknownTimeZone):
        services.create_event(path, Event("E", timezone="Seoul"))
    assert not path.exists()
    assert services.create_event(path, Event("E", timezone="Europe/Vienna")).timezone == "Europe/Vienna"


def test_time_zone_names_are_sorted_and_each_is_known():
    """The picker's list is sorted and every name on it passes the check."""
    names = services.time_zone_names()
    assert names == sorted(names) and "Asia/Seoul" in names and "Seoul" not in names
    for name in names[::50]:
        services.check_timezone(name)
