"""Composing the e-mail about one poster: who it goes to, and what it says."""

from __future__ import annotations

from hildprint.core.domain.model import Author, Paper
from hildprint.core.domain.rules import load_rules
from hildprint.core.validate.messages import compose, recipients
from hildprint.core.validate.model import Verdict

WORKSHOP = load_rules("icml-2026-workshop")


def test_the_first_author_with_an_address_when_no_contact_is_marked():
    paper = Paper("1", authors=[Author("No Mail"), Author("Ann", email="ann@x.org"), Author("Bo", email="bo@x.org")])
    to, cc = recipients(paper)
    assert [a.name for a in to] == ["Ann"] and [a.name for a in cc] == ["Bo"]


def test_an_address_listed_twice_is_written_to_once():
    paper = Paper("1", authors=[Author("Ann", email="ann@x.org", contact=True), Author("Ann L.", email="ANN@x.org"),
                                Author("Bo", email="bo@x.org")])
    to, cc = recipients(paper)
    assert [a.email for a in to] == ["ann@x.org"] and [a.email for a in cc] == ["bo@x.org"]


def test_no_address_means_no_message():
    assert compose(Paper("1", authors=[Author("Ann")]), Verdict("p.pdf", WORKSHOP.name), WORKSHOP, "HiLD") is None


def test_an_unreadable_poster_gets_plain_advice_and_no_deadline_line_when_none_is_set():
    verdict = Verdict("p.pdf", WORKSHOP.name)
    verdict.add("error", "encrypted", "The PDF is protected by a password.")
    message = compose(Paper("9", title="T", authors=[Author("Ann", email="ann@x.org")]), verdict, WORKSHOP, "HiLD")
    assert "(cannot be read)" in message.subject
    assert "Save a copy without a password" in message.body and "Please send" not in message.body
    assert message.email()["To"] == "Ann <ann@x.org>"
