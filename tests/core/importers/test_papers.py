"""Paper lists: OpenReview, CMT, paperlists, MiniConf and plain tables, hostile rows, the
real corpus, re-imports through the services and the command line."""

from __future__ import annotations

import csv
import json
import tempfile
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from hildprint.cli import main
from hildprint.core import services
from hildprint.core.domain.model import Author, Event
from hildprint.core.importers import UnreadableInput, read


def write(tmp_path: Path, name: str, content: str | bytes | object) -> Path:
    """Write text, bytes or JSON into ``tmp_path/name``."""
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    elif isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    return path


def note(number: int, title: str, venueid: str, authors: list[str], **content: object) -> dict:
    """An OpenReview API note for one submission."""
    fields = {"title": title, "authors": authors, "venueid": venueid, **content}
    return {
        "id": f"id{number:04d}", "forum": f"id{number:04d}", "number": number,
        "content": {key: {"value": value} for key, value in fields.items()},
    }


ACCEPTED = "ICML.cc/2026/Workshop/HiLD"
OPENREVIEW_NOTES = {"count": 5, "notes": [
    note(12, "Scaling laws for SGD noise", ACCEPTED, ["Zoë Müller", "Nguyễn Văn An"],
         primary_area="optimization"),
    note(3, "Rejected idea", f"{ACCEPTED}/Rejected_Submission", ["A B"]),
    note(7, "Edge of stability in 李 models", ACCEPTED, ["李华"], keywords=["dynamics", "edge of stability"]),
    note(9, "Withdrawn", f"{ACCEPTED}/Withdrawn_Submission", ["C D"]),
    note(15, "Still under review", f"{ACCEPTED}/Submission", ["E F"]),
]}


# -- OpenReview ----------------------------------------------------------------------
def test_openreview_keeps_accepted_notes_and_skips_the_rest(tmp_path):
    """Notes whose venueid is the one accepted venue become papers; others are skipped with the venueid."""
    result = read("papers", write(tmp_path, "notes.json", OPENREVIEW_NOTES))
    assert result.format == "openreview" and result.accounted_for
    assert [p.title for p in result.records] == ["Scaling laws for SGD noise", "Edge of stability in 李 models"]
    first = result.records[0]
    assert (first.id, first.number, first.topic) == ("id0012", 12, "optimization")
    assert first.openreview_forum == "https://openreview.net/forum?id=id0012"
    assert first.authors == [Author("Zoë Müller"), Author("Nguyễn Văn An")]
    assert result.records[1].topic == "dynamics, edge of stability"
    assert len(result.skipped) == 3
    assert "Rejected_Submission" in str(result.skipped[0]) and "row 2" in str(result.skipped[0])
    assert ACCEPTED in result.details["venue id"]


def test_openreview_venue_id_option_wins(tmp_path):
    """An explicit venue id decides acceptance even when another would be inferred."""
    path = write(tmp_path, "notes.json", OPENREVIEW_NOTES["notes"])
    result = read("papers", path, "openreview", venue_id=f"{ACCEPTED}/Submission")
    assert [p.title for p in result.records] == ["Still under review"]
    assert len(result.skipped) == 4 and result.accounted_for


def test_openreview_with_two_accepted_venues_asks_for_the_venue_id(tmp_path):
    """Two accepted-looking venue ids and no option: the whole file is refused, naming both."""
    notes = [note(1, "A", ACCEPTED, ["X"]), note(2, "B", "ICLR.cc/2026/Conference", ["Y"])]
    with pytest.raises(UnreadableInput, match="openreview_venue_id") as error:
        read("papers", write(tmp_path, "notes.json", {"notes": notes}))
    assert "ICLR.cc/2026/Conference" in str(error.value) and "notes.json" in str(error.value)


def test_openreview_v1_notes_without_value_wrappers(tmp_path):
    """Older API notes carry plain content values; they are read the same way."""
    notes = [{"id": "abc", "number": 4, "content": {"title": "Plain", "authors": ["Ann Lee"], "venueid": ACCEPTED}},
             "not a note"]
    result = read("papers", write(tmp_path, "v1.json", notes), "openreview", venue_id=ACCEPTED)
    assert result.records[0].title == "Plain" and result.records[0].number == 4
    assert result.rejected[0].row == 2 and result.accounted_for


# -- CMT -------------------------------------------------------------------------------
CMT_HEADER = ["Paper ID", "Paper Title", "Abstract", "Authors", "Author Names", "Author Emails",
              "Track Name", "Primary Subject Area", "Status"]
CMT_ROWS = [
    ["101", "Loss landscapes of wide networks", "…",
     "Jane Doe (MIT)*; John Roe (Seoul National University)", "Jane Doe; John Roe",
     "jane@mit.edu*; john@snu.ac.kr", "Main Track", "Deep learning theory", "Accept (Poster)"],
    ["102", "A rejected paper", "…", "Max Mustermann (TU München)", "Max Mustermann",
     "max@tum.de", "Main Track", "Optimization", "Reject"],
    ["103", "Kernel regime (revisited)", "…",
     "김민준 (KAIST (Daejeon))*; Ana Lima (Universidade de São Paulo); Solo Author", "",
     "", "Short Papers", "Kernels", "Accept"],
    ["104", "Withdrawn work", "…", "W X (Y)", "W X", "w@x.y", "Main Track", "", "Withdrawn"],
]


def test_cmt_tab_separated_export(tmp_path):
    """CMT's tab-separated export: accepted rows only, names and affiliations from 'Authors',
    e-mails from 'Author Emails', the contact author marked '*' in either."""
    text = "\n".join("\t".join(row) for row in [CMT_HEADER] + CMT_ROWS)
    result = read("papers", write(tmp_path, "Papers.txt", text))
    assert result.format == "cmt" and result.details["delimiter"] == "tab" and result.accounted_for
    assert [p.number for p in result.records] == [101, 103]
    first, third = result.records
    assert first.authors == [Author("Jane Doe", "MIT", "jane@mit.edu", contact=True),
                             Author("John Roe", "Seoul National University", "john@snu.ac.kr")]
    assert first.status == "poster"
    assert (first.track, first.topic) == ("Main Track", "Deep learning theory")
    assert third.authors == [Author("김민준", "KAIST (Daejeon)", contact=True),
                             Author("Ana Lima", "Universidade de São Paulo"), Author("Solo Author", "")]
    assert sorted(p.row for p in result.skipped) == [3, 5]
    assert "'Reject'" in str(result.skipped[0])


def test_cmt_xlsx_with_a_title_row_and_a_formula_cell(tmp_path):
    """An XLSX export with a title above the header; a formula cell is kept as text with a warning."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["HiLD 2026 submissions"])
    sheet.append(CMT_HEADER)
    sheet.append(["201", '=HYPERLINK("http://evil.example","click")', "", "A B (C)", "", "", "", "", "Accept"])
    sheet.append(["202", "Fine paper", "", "D E (F)", "", "", "", "", "Accept (Oral)"])
    book.save(tmp_path / "cmt.xlsx")
    result = read("papers", tmp_path / "cmt.xlsx")
    assert result.format == "cmt" and result.details["header_row"] == "2"
    assert result.records[0].title == '=HYPERLINK("http://evil.example","click")'
    assert any("formula" in w.message and w.row == 3 for w in result.warnings)
    assert len(result.records) == 2 and result.accounted_for


# -- paperlists and MiniConf ---------------------------------------------------------------
def test_paperlists_pairs_affiliations_by_position_and_warns_once(tmp_path):
    """Fewer affiliations than authors: paired by position, the rest empty, one warning per paper."""
    items = [
        {"id": "x1", "title": "T1", "author": "A One;B Two;C Three", "aff": "MIT;ETH Zürich",
         "status": "Poster", "track": "main", "or": "https://openreview.net/forum?id=x1",
         "primary_area": "learning theory"},
        {"id": "x2", "title": "T2", "author": "D Four, E Five", "aff": "", "status": "Oral", "track": "main"},
        {"id": "x3", "title": "T3", "author": "F Six", "aff": "KAIST", "status": "Reject", "track": "main"},
        {"id": "x4", "title": "T4", "author": "G;H", "aff": "U1;;U3", "status": "Spotlight", "track": "main"},
    ]
    result = read("papers", write(tmp_path, "icml.json", items))
    assert result.format == "paperlists" and result.accounted_for
    one, two, four = result.records
    assert one.authors == [Author("A One", "MIT"), Author("B Two", "ETH Zürich"), Author("C Three", "")]
    assert (one.openreview_forum, one.topic, one.number) == ("https://openreview.net/forum?id=x1", "learning theory", 1)
    assert two.author_names == ["D Four", "E Five"]
    assert four.authors == [Author("G", "U1"), Author("H", "")]
    assert [(w.row, w.message.split(";")[0]) for w in result.warnings] == [
        (1, "3 authors but 2 affiliations"), (4, "2 authors but 3 affiliations")]
    assert [s.row for s in result.skipped] == [3]


def test_miniconf_csv_and_json(tmp_path):
    """MiniConf's papers.csv (pipe-separated lists) and papers.json (lists) give the same papers."""
    csv_text = ("UID,title,authors,abstract,keywords,sessions\n"
                "B1x,Deep nets,Ann Lee|Bo Chen*,abs,theory|scaling,Mon Session 1|Tue Session 2\n"
                "A1-1,市況コメント生成,川原田将之|石垣達也,,,A1:言語生成\n")
    from_csv = read("papers", write(tmp_path, "papers.csv", csv_text))
    items = [{"UID": "B1x", "title": "Deep nets", "authors": ["Ann Lee", "Bo Chen*"],
              "keywords": ["theory", "scaling"], "sessions": ["Mon Session 1", "Tue Session 2"]},
             {"UID": "A1-1", "title": "市況コメント生成", "authors": ["川原田将之, 石垣達也"],
              "keywords": [], "sessions": ["A1:言語生成"]}]
    from_json = read("papers", write(tmp_path, "papers.json", items))
    assert from_csv.format == from_json.format == "miniconf"
    assert from_csv.records == from_json.records
    deep, japanese = from_csv.records
    assert deep.author_names == ["Ann Lee", "Bo Chen"]
    assert (deep.topic, deep.session, deep.number) == ("theory, scaling", "Mon Session 1; Tue Session 2", 1)
    assert (japanese.id, japanese.number, japanese.author_names) == ("A1-1", 2, ["川原田将之", "石垣達也"])


def test_generic_table_with_mapping(tmp_path):
    """A table with its own column names is read through --map; unknown fields are refused."""
    text = "Nr;Titel;Autoren;Poster-Brett\n7;Über Lernraten;Zoë Müller|Jörg Ärger;B-12\n"
    path = write(tmp_path, "liste.csv", text)
    result = read("papers", path, mapping={"Nr": "number", "Titel": "title", "Autoren": "authors",
                                           "Poster-Brett": "board"})
    assert result.format == "csv"
    paper = result.records[0]
    assert (paper.id, paper.number, paper.board) == ("7", 7, "B-12")
    assert paper.author_names == ["Zoë Müller", "Jörg Ärger"]
    with pytest.raises(UnreadableInput, match="not a paper field"):
        read("papers", path, mapping={"Titel": "headline"})
    with pytest.raises(UnreadableInput, match="no column 'Abstract'"):
        read("papers", path, mapping={"Abstract": "title"})
    with pytest.raises(UnreadableInput, match="no title column"):
        read("papers", write(tmp_path, "x.csv", "Nr,Foo\n1,2\n"))


# -- hostile input ----------------------------------------------------------------------------
def test_hostile_rows_get_row_messages_and_valid_rows_are_kept(tmp_path):
    """Empty and over-long titles, NUL bytes, formulas, duplicate ids and a cp1252 line in a
    UTF-8 file: each bad row is reported with its row number, the rest are imported."""
    rows = [
        "id,title,authors",
        "1,Fine paper,Ann Lee",
        "2,,Bo Chen",
        f"3,{'x' * 2000},Cy Dee",
        "4,Null\x00byte title,Di Eh",
        "5,=HYPERLINK(\"http://x\"),Ed Fo",
        f"6,Long author,{'y' * 2000}",
        "1,Duplicate id,Gi Ha",
    ]
    data = "\n".join(rows).encode("utf-8") + "\n7,Caf\xe9 cr\xe8me,Zo\xeb\n".encode("cp1252")
    data += "8,Ünïcödé after,Ann\n".encode()
    result = read("papers", write(tmp_path, "hostile.csv", data))
    assert result.accounted_for and result.rows_read == 9
    assert [p.id for p in result.records] == ["1", "4", "5", "7", "8"]
    reasons = {p.row: p.message for p in result.rejected}
    assert set(reasons) == {3, 4, 7, 8}
    assert reasons[3] == "no title"
    assert "2,000 characters" in reasons[4] and "title" in reasons[4]
    assert "author 1 name" in reasons[7]
    assert "repeats paper id '1' (first at row 2)" in reasons[8]
    assert result.records[1].title == "Nullbyte title"
    assert result.records[2].title == '=HYPERLINK("http://x")'
    assert result.records[3].title == "Café crème" and result.records[3].author_names == ["Zoë"]
    warned = {(w.row, w.message.split(":")[0].split(" ")[0]) for w in result.warnings}
    assert (5, "title") in warned and (6, "title") in warned and (9, "this") in warned


def test_utf16_json_with_bom_is_recognised(tmp_path):
    """A paper list saved as UTF-16 (as some Windows tools do) is still read as JSON."""
    items = [{"id": "u", "title": "Ελληνικά", "author": "Ἀλέξανδρος;Мария", "aff": "ΕΚΠΑ;МГУ"}]
    path = write(tmp_path, "u16.json", json.dumps(items, ensure_ascii=False).encode("utf-16"))
    result = read("papers", path)
    assert result.format == "paperlists" and result.details["encoding"] == "utf-16"
    assert result.records[0].authors == [Author("Ἀλέξανδρος", "ΕΚΠΑ"), Author("Мария", "МГУ")]


def test_hostile_json_items(tmp_path):
    """Odd JSON values (objects as titles, numbers, nulls, non-objects) are row messages."""
    items = [{"id": "a", "title": {"x": 1}, "author": "A"}, {"id": 5, "title": 12345, "author": None},
             None, {"id": "c", "title": "Ok\u0000", "author": "C\u0000"}]
    result = read("papers", write(tmp_path, "pl.json", items), "paperlists")
    assert result.accounted_for
    assert [(p.id, p.title, p.number) for p in result.records] == [("5", "12345", 5), ("c", "Ok", 4)]
    assert {p.row for p in result.rejected} == {1, 3}
    assert "title is not text" in result.rejected[0].message


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b'{"notes": [', "not JSON"),
    (b'{"meta": 1}', "without a 'notes' or 'papers' list"),
    (b'[{"foo": 1}]', "not a known paper list"),
])
def test_unreadable_json_files_say_why(tmp_path, content, message):
    """A JSON file that is not a paper list is refused as a whole, naming the file."""
    path = write(tmp_path, "bad.json", content or b"   \n")
    with pytest.raises(UnreadableInput, match=message) as error:
        read("papers", path)
    assert "bad.json" in str(error.value)


def test_format_and_content_must_agree(tmp_path):
    """Asking for a table format on JSON (or JSON formats on a table) gives a clear message."""
    with pytest.raises(UnreadableInput, match="JSON file, not a cmt table"):
        read("papers", write(tmp_path, "a.json", []), "cmt")
    with pytest.raises(UnreadableInput, match="not JSON"):
        read("papers", write(tmp_path, "a.csv", "title\nx\n"), "openreview")


# -- event file and command line -----------------------------------------------------------------
def test_reimport_updates_papers_by_id(tmp_path):
    """Importing a corrected file again updates the changed paper and duplicates nothing."""
    event = tmp_path / "hild.hildprint"
    services.create_event(event, Event("HiLD 2026", timezone="Asia/Seoul"))
    items = [{"id": "p1", "title": "First", "author": "A;B", "aff": "X;Y", "status": "Poster"},
             {"id": "p2", "title": "Second", "author": "C", "aff": "Z", "status": "Poster"}]
    source = write(tmp_path, "list.json", items)
    first = services.import_file(event, "papers", source)
    assert (first.counts.added, first.counts.updated) == (2, 0)
    items[1]["title"] = "Second, corrected"
    write(tmp_path, "list.json", items)
    second = services.import_file(event, "papers", source)
    assert (second.counts.added, second.counts.updated, second.counts.unchanged) == (0, 1, 1)
    stored = services.list_records(event, "papers")
    assert [p["title"] for p in stored] == ["First", "Second, corrected"]
    assert stored[0]["authors"] == [{"name": "A", "affiliation": "X", "email": "", "contact": False},
                                    {"name": "B", "affiliation": "Y", "email": "", "contact": False}]


def test_cli_import_papers_and_list_json(tmp_path, capsys):
    """`hildprint import … papers` reports counts and rejections; `list --json` shows the papers."""
    event = tmp_path / "hild.hildprint"
    assert main(["new", str(event), "--name", "HiLD 2026", "--timezone", "Asia/Seoul"]) == 0
    source = write(tmp_path, "papers.csv", "UID,title,authors\nu1,Ünïcode,Ann|Bo\nu2,,Cy\n")
    assert main(["import", str(event), "papers", str(source)]) == 1
    out = capsys.readouterr().out
    assert "miniconf → papers" in out and "added 1" in out and "rejected 1" in out
    assert "papers.csv, row 3: no title" in out
    assert main(["list", str(event), "papers", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert [(p["id"], p["title"], [a["name"] for a in p["authors"]]) for p in listed] == [
        ("u1", "Ünïcode", ["Ann", "Bo"])]
    assert main(["import", str(event), "papers", str(tmp_path / "missing.json")]) == 2
    assert "no such file" in capsys.readouterr().err


# -- the real corpus ------------------------------------------------------------------------------
@pytest.mark.corpus
def test_corpus_icml2024_paperlists(corpus):
    """ICML 2024 (paperlists): 2610 papers with affiliations; mismatched counts warned per paper."""
    path = corpus / "papers" / "icml2024_papercopilot.json"
    result = read("papers", path)
    raw = json.loads(path.read_text(encoding="utf-8"))
    assert result.format == "paperlists" and len(result.records) == 2610 and result.accounted_for
    assert not result.rejected and not result.skipped
    papers = {p.id: p for p in result.records}
    assert papers["01M0N8VgfB"].authors == [Author("Jonathan Scott", "Institute of Science and Technology"),
                                            Author("Áine Cahill", "Apple")]
    assert papers["01M0N8VgfB"].openreview_forum == "https://openreview.net/forum?id=01M0N8VgfB"
    mismatched = [p for p in raw if p["aff"] and len(p["author"].split(";")) != len(p["aff"].split(";"))]
    assert len(result.warnings) == len(mismatched) > 1000
    example = next(p for p in raw if p["author"] == "Xu Yang;Huaxiu Yao;Ying Wei")
    assert papers[example["id"]].authors[2] == Author("Ying Wei", "")
    assert all(p.authors and p.title for p in result.records)


@pytest.mark.corpus
def test_corpus_icml2025_minimal_paperlists(corpus):
    """ICML 2025 (minimal paperlists): 3340 papers, comma-separated authors, no affiliations."""
    result = read("papers", corpus / "papers" / "icml2025_papercopilot_min.json")
    assert len(result.records) == 3340 and result.accounted_for and not result.warnings
    first = result.records[0]
    assert first.author_names == ["Harvineet Singh", "Fan Xia", "Alexej Gossmann", "Andrew Chuang",
                                  "Julian Hong", "Jean Feng"]
    assert not any(a.affiliation for p in result.records for a in p.authors)


@pytest.mark.corpus
def test_corpus_miniconf_files(corpus):
    """ICLR 2020 and NLP2024 MiniConf CSVs and the ML4H 2021 papers.json."""
    iclr = read("papers", corpus / "papers" / "iclr2020_miniconf_papers.csv")
    assert iclr.format == "miniconf" and len(iclr.records) == 687 and iclr.accounted_for
    assert iclr.records[0].author_names == ["Nitin Rathi", "Gopalakrishnan Srinivasan",
                                            "Priyadarshini Panda", "Kaushik Roy"]
    nlp = read("papers", corpus / "papers" / "nlp2024_ja_papers.csv")
    assert len(nlp.records) == 599 and nlp.accounted_for
    first = nlp.records[0]
    assert (first.id, first.number, first.title) == ("A1-1", 1, "市況コメント生成のための少数事例選択")
    assert first.author_names == ["川原田将之", "石垣達也", "高村大也"]
    assert first.session == "A1:言語生成技術の応用"
    ml4h = read("papers", corpus / "papers" / "ml4h2021_papers.json")
    assert ml4h.format == "miniconf" and len(ml4h.records) == 18
    assert ml4h.records[0].author_names[:3] == ["Rui Li", "Stephanie Hu", "Mingyu Lu"]
    assert len(ml4h.records[0].authors) == 10


# -- any input ------------------------------------------------------------------------------------------
CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=60, deadline=None)
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=5), min_size=1, max_size=8))
def test_any_table_is_read_or_refused_never_crashes(rows):
    """Whatever the cells hold, a paper table yields rows accounted for, or UnreadableInput."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "papers.csv"
        with path.open("w", encoding="utf-8", newline="") as handle:
            csv.writer(handle).writerows([["id", "title", "authors", "track", "topic"]] + rows)
        try:
            result = read("papers", path)
        except UnreadableInput as error:
            assert "papers.csv" in str(error)
            return
        assert result.accounted_for
        assert all(p.title and "\x00" not in p.title for p in result.records)


@settings(max_examples=60, deadline=None)
@given(items=st.lists(st.dictionaries(st.sampled_from(["id", "title", "author", "aff", "status"]),
                                      st.one_of(CELL, st.integers(), st.none(), st.lists(CELL, max_size=3))),
                      min_size=1, max_size=6))
def test_any_paperlists_json_is_read_or_refused_never_crashes(items):
    """Odd JSON values in a paperlists file give row messages or a whole-file refusal, never a crash."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.json"
        path.write_text(json.dumps([{"title": "anchor", "author": "A"}] + items), encoding="utf-8")
        result = read("papers", path, "paperlists")
        assert result.accounted_for and result.rows_read == len(items) + 1
