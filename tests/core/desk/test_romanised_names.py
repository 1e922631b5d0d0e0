"""A person whose name is written only in another script is found at the desk by the
romanised name their registration gave ("Name (English)", "Romanised name", pinyin, ...),
in an event file and on a server alike."""

from __future__ import annotations

import pytest

from hildprint.core import services
from hildprint.core.domain.model import Event
from hildprint.core.importers.attendees import read_attendees

CSV = (
    "ID,Name,Name (English),Affiliation\n"
    "A1,張學友,Jacky Cheung,香港大學\n"
    "A2,山田 太郎,Taro Yamada,東京大学\n"
    "A3,김민준,Kim Min-jun,서울대학교\n"
    "A4,Ana Souza,Ana Souza,USP\n"
)


def _event(tmp_path, where: str, pg_url_factory) -> str:
    source = tmp_path / "people.csv"
    source.write_text(CSV, encoding="utf-8")
    event = pg_url_factory() if where == "server" else str(tmp_path / "hild.hildprint")
    services.create_event(event, Event(name="HiLD 2026"))
    report = services.import_file(event, "attendees", source)
    assert report.counts.added == 4 and not report.result.rejected
    return event


@pytest.fixture(params=["file", "server"])
def event(request, tmp_path):
    def server_url():
        return request.getfixturevalue("pg_url")
    return _event(tmp_path, request.param, server_url)


@pytest.mark.parametrize(("query", "found"), [
    ("jacky", "A1"), ("cheung", "A1"), ("Yamada", "A2"), ("taro yam", "A2"), ("kim minjun", "A3"),
    ("min-jun", "A3"), ("김민준", "A3"), ("山田", "A2"),
])
def test_the_desk_finds_people_by_their_romanised_name(event, query, found):
    with services.open_desk(event) as desk:
        assert [m.person.id for m in desk.find(query)] == [found]


def test_the_romanised_name_is_kept_and_a_repeated_one_dropped(event):
    with services.EventSession.open(event) as session:
        latin = {p.id: p.latin_name for p in session.attendees}
    assert latin == {"A1": "Jacky Cheung", "A2": "Taro Yamada", "A3": "Kim Min-jun", "A4": ""}


@pytest.mark.parametrize("header", ["Romanised name", "English name", "Name in Latin script", "Pinyin",
                                    "Name (romanized)", "영문 이름"])
def test_romanised_name_columns_are_recognised(tmp_path, header):
    source = tmp_path / "people.csv"
    source.write_text(f"Name,{header},Email\n王小明,Wang Xiaoming,x@example.org\n", encoding="utf-8")
    result = read_attendees(source, "auto", {})
    person = result.records[0]
    assert (person.name, person.latin_name) == ("王小明", "Wang Xiaoming")


def test_a_google_form_question_about_the_romanised_name_is_recognised(tmp_path):
    source = tmp_path / "form.csv"
    source.write_text("Timestamp,Your name,Your name in Latin script (as in your passport),Affiliation\n"
                      "2026/07/01 10:00,李华,Li Hua,Peking University\n", encoding="utf-8")
    person = read_attendees(source, "auto", {}).records[0]
    assert (person.name, person.latin_name, person.affiliation) == ("李华", "Li Hua", "Peking University")


def test_a_romanised_name_column_alone_is_the_name(tmp_path):
    source = tmp_path / "people.csv"
    source.write_text("English name,Email\nJacky Cheung,j@example.org\n", encoding="utf-8")
    person = read_attendees(source, "auto", {}).records[0]
    assert (person.name, person.latin_name) == ("Jacky Cheung", "")
