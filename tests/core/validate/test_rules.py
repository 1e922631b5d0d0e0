"""Poster rule sets as data: the bundled venues' limits, and clear errors for bad files."""

from __future__ import annotations

import json

import pytest

from hildprint.core.domain.rules import (
    DEFAULT_RULES,
    RulesError,
    list_rules,
    load_rules,
    rules_from_data,
)

EXPECTED = {  # name: (medium, max width, max height, orientation); print in inches, screen in px
    "icml-2026-workshop": ("print", 24, 36, "portrait"),
    "icml-2025-workshop": ("print", 24, 36, "portrait"),
    "icml-2025-main": ("print", 72, 36, "landscape"),
    "neurips-2025-workshop": ("print", 24, 36, "portrait"),
    "iclr-2026-main": ("print", 190 / 2.54, 90 / 2.54, "landscape"),
    "icml-virtual-poster": ("screen", 5120, 2880, "landscape"),
    "icml-virtual-thumbnail": ("screen", 320, 256, "any"),
}


@pytest.mark.parametrize("name", EXPECTED)
def test_bundled_rules_have_the_venues_limits(name):
    """Each bundled rule set carries the limits its venue publishes, and its source URL."""
    rules = load_rules(name)
    medium, width, height, shape = EXPECTED[name]
    got = (rules.max_width_in, rules.max_height_in) if medium == "print" else (rules.max_width_px, rules.max_height_px)
    assert (rules.medium, rules.orientation) == (medium, shape)
    assert got == pytest.approx((width, height))
    assert rules.source.startswith("https://")


def test_every_bundled_rule_set_is_listed_default_first():
    """The listing holds every file, the default first."""
    names = [r.name for r in list_rules()]
    assert names[0] == DEFAULT_RULES and set(names) == set(EXPECTED)


def test_virtual_limits_in_bytes_and_main_suggestions():
    """10 MB and 5 MB uploads; the main conference suggests 48, 60 and 72 in wide by 36 high."""
    assert load_rules("icml-virtual-poster").max_bytes == 10 * 1024 * 1024
    assert load_rules("icml-virtual-thumbnail").max_bytes == 5 * 1024 * 1024
    assert load_rules("icml-2025-main").suggested_in == ((48, 36), (60, 36), (72, 36))


def test_tolerance_defaults_and_can_be_changed():
    """A quarter inch unless the rule set or the caller says otherwise; never negative."""
    rules = load_rules()
    assert rules.tolerance_in == 0.25 and rules.with_tolerance(1).tolerance_in == 1
    with pytest.raises(RulesError):
        rules.with_tolerance(-1)


GOOD = {"title": "T", "posters": "Posters", "source": "https://example.org/rules", "medium": "print",
        "formats": ["pdf"], "unit": "cm", "max_width": 80, "max_height": 120, "orientation": "portrait"}


@pytest.mark.parametrize("change,field", [
    ({"max_width": -3}, "max_width"),
    ({"max_height": "tall"}, "max_height"),
    ({"orientation": "sideways"}, "orientation"),
    ({"source": "icml.cc"}, "source"),
    ({"formats": ["docx"]}, "formats"),
    ({"unit": "furlong"}, "unit"),
    ({"colour": "red"}, "colour"),
    ({"suggested": [[1]]}, "suggested"),
])
def test_bad_rule_files_name_the_file_and_the_field(tmp_path, change, field):
    """Loading a rule set with a bad field fails with a message naming the file and field."""
    path = tmp_path / "mine.json"
    path.write_text(json.dumps(GOOD | change))
    with pytest.raises(RulesError) as error:
        load_rules(path)
    assert str(path) in str(error.value) and field in str(error.value)


def test_a_missing_field_is_named(tmp_path):
    """A print rule set without max_height says which field is missing."""
    data = dict(GOOD)
    del data["max_height"]
    with pytest.raises(RulesError, match="'max_height' is missing"):
        rules_from_data(data, "mine.json")


def test_a_rule_file_in_centimetres(tmp_path):
    """Limits given in cm are kept in inches and shown back in cm."""
    rules = rules_from_data(GOOD, "mine.json")
    assert rules.max_width_in == pytest.approx(80 / 2.54)
    assert rules.limit_text() == "at most 80 cm wide x 120 cm high"


def test_an_unknown_name_lists_the_known_ones():
    """Asking for a rule set that does not exist lists those that do."""
    with pytest.raises(RulesError, match="icml-2025-main"):
        load_rules("icml-2027")
