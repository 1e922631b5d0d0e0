"""Real registrations and paper lists (tests/data, SOURCES.md): what organisers need later
is kept, and nothing is lost without a word."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from hildprint.core import services
from hildprint.core.domain.model import Event
from hildprint.core.importers import read

DATA = Path(__file__).parents[2] / "data"


# -- pretix check-in list -----------------------------------------------------------------------
def test_pretix_check_in_list_keeps_both_tickets_of_one_order():
    """pretix's check-in list (two tickets of order FOO): both people are imported with
    their e-mail, each under an id from the order code and their ticket, never the
    ticket's secret itself."""
    result = read("attendees", DATA / "attendees" / "pretix-checkinlist.csv")
    assert result.details["detected"] == "pretix check-in list" and not result.rejected
    people = {a.name: a for a in result.records}
    assert set(people) == {"Peter Jones", "Andrea Zulu"}
    assert {a.email for a in people.values()} == {"dummy@dummy.test"}
    ids = [a.id for a in result.records]
    assert len(set(ids)) == 2 and all(i.startswith("FOO-") for i in ids)
    assert not any("hutjztuxhkbtwnesv2suqv26k6ttytxx" in i for i in ids)
    again = read("attendees", DATA / "attendees" / "pretix-checkinlist.csv")
    assert [a.id for a in again.records] == ids


def test_pretix_fixture_is_the_test_expectation_with_record_breaks():
    """The CSV fixture is pretix's test expectation with its line breaks moved to where
    records end: with every CR/LF removed the two texts are equal."""
    excerpt = (DATA / "attendees" / "pretix-checkinlist-test-expectation.txt").read_text(encoding="utf-8")
    fixture = (DATA / "attendees" / "pretix-checkinlist.csv").read_bytes().decode("utf-8")
    flat = lambda text: text.replace("\r", "").replace("\n", "")  # noqa: E731
    assert flat(excerpt) == flat(fixture) and fixture.count("\r\n") == 3


# -- consent ------------------------------------------------------------------------------------
def test_a_consent_column_about_something_else_switches_nothing_on(tmp_path):
    """A form's 'Consent' column (photos? code of conduct?) gives no one a contact QR
    code, and a warning names it and how to use it if it is about contact details."""
    path = tmp_path / "form.csv"
    path.write_text("Timestamp,Full Name,Consent,Email\n9/6/2018 0:06:16,Ann Lee,Yes,a@x.org\n")
    result = read("attendees", path)
    assert [a.consent_contact_qr for a in result.records] == [False]
    assert any("'Consent'" in w.message and "--map 'Consent=consent_contact_qr'" in w.message
               for w in result.warnings)


def test_a_question_about_sharing_contact_details_switches_the_contact_qr_on(tmp_path):
    """A question that clearly asks to share contact details is read as consent."""
    path = tmp_path / "form.csv"
    path.write_text("Timestamp,Full Name,Can we share your contact details on your badge (QR code)?\n"
                    "9/6/2018 0:06:16,Ann Lee,Yes\n9/6/2018 0:07:00,Bo Chen,No\n")
    result = read("attendees", path)
    assert [a.consent_contact_qr for a in result.records] == [True, False] and not result.warnings


def test_google_forms_sheet():
    """The GW workshop's Google Forms sheet: every response is a person."""
    result = read("attendees", DATA / "attendees" / "gforms-gw-data-workshop-form-responses.csv")
    assert result.format == "gforms" and result.accounted_for and result.records


# -- paper lists --------------------------------------------------------------------------------
def test_openreview_v1_author_ids_that_are_emails_are_kept():
    """The NeurIPS 2018 workshop notes (a crawler's wrapper, no venue ids; decisions in the
    replies): both accepted papers, each author with the e-mail OpenReview lists."""
    result = read("papers", DATA / "papers" / "openreview-v1-notes-neurips2018-workshop-crawler-example.json")
    assert len(result.records) == 2 and not result.rejected
    dropout = next(p for p in result.records if p.title == "Targeted Dropout")
    assert dropout.authors[0].name == "Aidan N. Gomez" and dropout.authors[0].email == "aidan@for.ai"
    assert all(a.email for p in result.records for a in p.authors)


def test_cmt_exports_mark_the_contact_author():
    """AISTATS 2022's CMT export marks one contact author per paper with '*'; COLT 2020's
    too (its e-mail columns were emptied by the organisers, so no e-mails)."""
    for name, count in (("cmt-aistats2022-accepted-papers.csv", 492), ("cmt-colt2020-papers-with-sessions.csv", 120)):
        result = read("papers", DATA / "papers" / name)
        assert result.format == "cmt" and len(result.records) == count, name
        assert all(sum(a.contact for a in p.authors) == 1 for p in result.records), name
        assert not any("*" in a.name for p in result.records for a in p.authors)


def test_paper_lists_keep_page_links_and_presentation():
    """papercopilot's NeurIPS 2015 list: the site link is the paper's page, and its status
    says oral (15), spotlight (67) or poster; a paper with an over-long affiliation is kept."""
    result = read("papers", DATA / "papers" / "papercopilot-nips2015.json")
    assert Counter(p.status for p in result.records) == {"poster": 321, "spotlight": 67, "oral": 15}
    assert all(p.url.startswith("https://nips.cc/virtual/2015/poster/") for p in result.records)
    assert result.accounted_for and not result.rejected and len(result.records) == 403
    assert any("affiliation is 328 characters long" in w.message for w in result.warnings)


def test_workshop_list_presentation_type():
    """The SEA workshop's CSV: presentation_type gives Oral 10 / Poster 83."""
    result = read("papers", DATA / "papers" / "workshop-sea-neurips2025-accepted-papers.csv")
    assert Counter(p.status for p in result.records) == {"poster": 83, "oral": 10}


def test_a_list_without_authors_warns(tmp_path):
    """A paper list with titles only imports, with one warning that no paper has authors."""
    path = tmp_path / "titles.csv"
    path.write_text("id,title\n1,Deep nets\n2,Wide nets\n")
    result = read("papers", path)
    assert len(result.records) == 2
    assert [w.message for w in result.warnings if "no paper has authors" in w.message]


def test_paper_fields_survive_the_event_file(tmp_path):
    """Authors' e-mails and contact marks, the page and the status are stored and read back."""
    event = tmp_path / "e.hildprint"
    services.create_event(event, Event(name="E", timezone="UTC"))
    services.import_file(event, "papers", DATA / "papers" / "cmt-aistats2022-accepted-papers.csv")
    services.import_file(event, "papers", DATA / "papers" / "papercopilot-corl2023.json")
    with services.EventSession.open(event) as session:
        papers = session.papers
    assert sum(1 for p in papers for a in p.authors if a.contact) == 492
    assert Counter(p.status for p in papers if p.url.startswith("https://openreview.net/")) == {
        "poster": 166, "oral": 33}


def test_a_paper_list_without_a_header_row():
    """The AI for Research workshop's list has no header: its first row is a paper, and
    the columns are told apart by what they hold (ids, titles, authors, their e-mails,
    Oral, sessions, boards), with a warning saying so; all 41 papers are kept."""
    result = read("papers", DATA / "papers" / "workshop-ai4research-aaai26-accepted-papers.csv")
    assert len(result.records) == 41 and result.accounted_for and not result.rejected
    assert any("no header row" in w.message for w in result.warnings)
    first = result.records[0]
    assert first.id == "AAAI26_W10_1" and first.title.startswith("Beyond Chemical QA")
    assert first.authors[0].email == "2101212812@pku.edu.cn"
    assert all(a.email for p in result.records for a in p.authors)
    assert Counter(p.status for p in result.records)["oral"] == 5
    assert {p.board for p in result.records} >= {"WS151", ""}
