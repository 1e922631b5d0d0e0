"""Attendee importers on realistic exports the tests write themselves."""

from __future__ import annotations

import json

import openpyxl
import pytest

from hildprint.cli import main
from hildprint.core import importers, services
from hildprint.core.domain.model import Event
from hildprint.core.domain.names import join_name
from hildprint.core.importers.attendees import derived_id, is_yes, role_from_text
from hildprint.core.importers.base import UnreadableInput
from hildprint.core.store.sqlite import EventStore

# The same eight people, in names a Windows-1252 sheet can also hold.
PEOPLE = [
    # id, first, last, email, affiliation, role text
    ("1", "Zoë", "Müller", "zoe.mueller@example.org", "ETH Zürich", "Speaker"),
    ("2", "François", "Lefèvre", "f.lefevre@example.org", "Inria Paris", "Regular"),
    ("3", "José María", "Fernández García", "jm.fernandez@example.org", "Universidad Politécnica de Madrid", "Regular"),
    ("4", "Søren", "Kjærgaard", "soren@example.org", "Danmarks Tekniske Universitet", "Organiser"),
    ("5", "Jürgen", "Weiß", "j.weiss@example.org", "Universität Tübingen", "Volunteer"),
    ("6", "Ingrid", "Bjørnstad", "ingrid@example.org", "NTNU", "Regular"),
    ("7", "Mateus", "Conceição", "mateus@example.org", "Universidade de São Paulo", "Author"),
    ("8", "Maximilian Alexander Friedrich", "von Hohenzollern-Sigmaringen", "max@example.org",
     "Max-Planck-Institut für Intelligente Systeme", "Regular"),
]

SCRIPTS = [
    ("Nguyễn Văn An", "nguyen@example.org"), ("Ελένη Παπαδοπούλου", "eleni@example.org"),
    ("Дмитрий Иванов", "dmitry@example.org"), ("王芳", "wang@example.org"),
    ("山田 太郎", "yamada@example.org"), ("김민준", "minjun@example.org"),
    ("محمد الأحمد", "mohammed@example.org"),
]


def write(tmp_path, name, text, encoding="utf-8"):
    """Write ``text`` into ``tmp_path/name`` in ``encoding``."""
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def csv_text(rows, delimiter=","):
    """Rows as CSV text, quoting cells that need it."""
    def quote(cell):
        cell = str(cell)
        return f'"{cell}"' if any(c in cell for c in (delimiter, '"', "\n")) else cell
    return "\r\n".join(delimiter.join(quote(c) for c in row) for row in rows) + "\r\n"


def pretix_export():
    """PEOPLE as pretix order positions, with a cancelled order."""
    header = ["Order code", "Position ID", "Status", "Email", "Order date", "Product", "Variation",
              "Price", "Attendee name", "Attendee name: Title", "Attendee name: Given name",
              "Attendee name: Family name", "Attendee email", "Company", "Country", "Voucher code"]
    rows = [header]
    for pid, first, last, email, aff, role in PEOPLE:
        product = {"Regular": "Regular ticket"}.get(role, f"{role} ticket")
        rows.append([f"Q{pid}X7K", "1", "Paid", "orders@example.org", "2026-05-02", product, "", "250.00",
                     f"{first} {last}", "", first, last, email, aff, "", ""])
    rows.append(["Z9Z9Z", "1", "Canceled", "x@example.org", "2026-05-03", "Regular ticket", "", "250.00",
                 "Cancelled Person", "", "Cancelled", "Person", "c@example.org", "Nowhere", "", ""])
    return rows


def indico_export():
    """PEOPLE as Indico registrants."""
    header = ["ID", "Name", "Title", "First Name", "Last Name", "Email Address", "Affiliation",
              "Position", "Country", "Phone", "Registration date", "Registration state", "Price"]
    rows = [header]
    for pid, first, last, email, aff, _ in PEOPLE:
        rows.append([str(100 + int(pid)), f"{last.upper()}, {first}", "", first, last, email, aff,
                     "Researcher", "Germany", "", "02/05/2026 10:14", "Completed", "0"])
    rows.append(["999", "GONE, Some", "", "Some", "Gone", "gone@example.org", "X", "", "", "",
                 "02/05/2026", "Withdrawn", "0"])
    return rows


def eventbrite_export():
    """PEOPLE as Eventbrite attendees."""
    header = ["Order #", "Order Date", "First Name", "Last Name", "Email", "Quantity", "Ticket Type",
              "Attendee #", "Group", "Order Type", "Currency", "Total Paid", "Attendee Status",
              "Company", "Job Title"]
    rows = [header]
    for pid, first, last, email, aff, role in PEOPLE:
        rows.append(["4711" + pid, "2026-05-02 10:14:00+02:00", first, last, email, "1",
                     f"{role} Ticket", f"98765432{pid}0", "", "Eventbrite Completed", "EUR", "250",
                     "Attending", aff, "Researcher"])
    return rows


def german_sheet():
    """PEOPLE in a German sheet with a title line above the header."""
    rows = [["Teilnehmerliste HiLD 2026 (Stand 1. Juli)"], [],
            ["Nr.", "Vorname", "Nachname", "E-Mail", "Hochschule/Institut", "Rolle"]]
    for pid, first, last, email, aff, role in PEOPLE:
        rows.append([pid, first, last, email, aff, role])
    return rows


def import_and_list(tmp_path, capsys, source, *extra):
    """Import ``source`` into a new event by the command line; the people listed."""
    event = tmp_path / f"{source.stem}.hildprint"
    assert main(["new", str(event), "--name", "HiLD 2026"]) == 0
    assert main(["import", str(event), "attendees", str(source), *extra]) == 0, capsys.readouterr()
    capsys.readouterr()
    assert main(["list", str(event), "attendees", "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def names(people):
    """(first, last, display) of listed people, sorted."""
    return sorted((p["first_name"], p["last_name"], p["display_name"]) for p in people)


def test_same_people_from_four_sources_come_out_identical(tmp_path, capsys):
    """pretix, Indico, Eventbrite and a cp1252 semicolon sheet with German headers (--map)
    give the same names through `hildprint list --json`."""
    sources = {
        "pretix": write(tmp_path, "pretix.csv", csv_text(pretix_export())),
        "indico": write(tmp_path, "indico.csv", csv_text(indico_export())),
        "eventbrite": write(tmp_path, "eventbrite.csv", csv_text(eventbrite_export())),
        "german": write(tmp_path, "anmeldungen.csv", csv_text(german_sheet(), ";"), "cp1252"),
    }
    german_map = ["--map", "Vorname=first_name", "--map", "Nachname=last_name",
                  "--map", "E-Mail=email", "--map", "Hochschule/Institut=affiliation", "--map", "Nr.=id"]
    results = {
        name: import_and_list(tmp_path, capsys, path, *(german_map if name == "german" else ()))
        for name, path in sources.items()
    }
    expected = sorted((first, last, f"{first} {last}") for _, first, last, *_ in PEOPLE)
    for name, people in results.items():
        assert names(people) == expected, name
        assert {p["email"] for p in people} == {p[3] for p in PEOPLE}, name
        assert {p["affiliation"] for p in people} == {p[4] for p in PEOPLE}, name


def test_pretix_ids_roles_and_cancelled_positions(tmp_path):
    """pretix: id = order code + position, role from the product, cancelled positions skipped."""
    result = importers.read("attendees", write(tmp_path, "p.csv", csv_text(pretix_export())))
    assert result.format == "pretix"
    by_id = {a.id: a for a in result.records}
    assert by_id["Q1X7K-1"].role == "Speaker" and by_id["Q4X7K-1"].role == "Organiser"
    assert by_id["Q2X7K-1"].role == "Attendee"
    assert [str(p) for p in result.skipped] == [f"{tmp_path / 'p.csv'}, row 10: registration is 'Canceled'"]
    assert result.accounted_for and len(result.records) == 8


def test_indico_uses_form_columns_and_skips_withdrawn(tmp_path):
    """Indico: the registrant ID is the id; First/Last Name columns win over 'LAST, First'."""
    result = importers.read("attendees", write(tmp_path, "i.csv", csv_text(indico_export())))
    assert result.format == "indico"
    zoe = next(a for a in result.records if a.id == "101")
    assert (zoe.first_name, zoe.last_name, zoe.display_name) == ("Zoë", "Müller", "Zoë Müller")
    assert len(result.skipped) == 1 and "Withdrawn" in result.skipped[0].message


def test_eventbrite_attendee_number_and_ticket_type(tmp_path):
    """Eventbrite: 'Attendee #' is the id, 'Ticket Type' the role, 'Company' the affiliation."""
    result = importers.read("attendees", write(tmp_path, "e.csv", csv_text(eventbrite_export())))
    assert result.format == "eventbrite"
    ids = {a.id for a in result.records}
    assert "987654321" + "0" in ids and len(ids) == 8
    assert {a.role for a in result.records} == {"Speaker", "Organiser", "Volunteer", "Author", "Attendee"}


def test_google_forms_questions_are_understood(tmp_path):
    """A Google Forms CSV: question texts map to fields; a single full-name answer is split,
    kept whole as display_name; consent answers become the contact-QR flag."""
    rows = [["Timestamp", "Email Address", "Full name (as it should appear on your badge)",
             "Affiliation / Institution", "Your role at the workshop",
             "May we print a QR code with your contact details on your badge?", "Dietary requirements"]]
    for index, (name, email) in enumerate(SCRIPTS):
        rows.append([f"2026/05/0{index + 1} 10:00:00 AM GMT+9", email, name, "KAIST",
                     "Poster presenter" if index % 2 else "Attendee", "Yes" if index % 2 else "No", ""])
    result = importers.read("attendees", write(tmp_path, "form.csv", csv_text(rows)))
    assert result.format == "gforms"
    people = {a.email: a for a in result.records}
    assert [people[e].display_name for _, e in SCRIPTS] == [n for n, _ in SCRIPTS]
    assert (people["nguyen@example.org"].last_name, people["nguyen@example.org"].first_name) == ("Nguyễn", "Văn An")
    assert (people["yamada@example.org"].last_name, people["yamada@example.org"].first_name) == ("山田", "太郎")
    assert people["wang@example.org"].last_name == "王芳"
    assert people["eleni@example.org"].role == "Author" and people["eleni@example.org"].consent_contact_qr
    assert not people["nguyen@example.org"].consent_contact_qr
    assert all(a.id.startswith("E") and len(a.id) == 10 for a in result.records)


def test_utf16_tab_separated_from_excel(tmp_path):
    """Excel's 'Unicode text' (UTF-16 with BOM, tabs) is read with every script intact."""
    rows = [["First Name", "Last Name", "Email", "Affiliation"]]
    rows += [["", name, email, "서울대학교"] for name, email in SCRIPTS]
    result = importers.read("attendees", write(tmp_path, "x.txt", csv_text(rows, "\t"), "utf-16"))
    assert result.details["encoding"] == "utf-16" and result.details["delimiter"] == "tab"
    assert [a.display_name for a in result.records] == [n for n, _ in SCRIPTS]
    assert result.records[0].affiliation == "서울대학교"


def test_utf8_with_bom_and_semicolons(tmp_path):
    """A UTF-8 file with a BOM and semicolons: the BOM does not end up in the first header."""
    text = "Name;E-Mail;Institution\nΕλένη Παπαδοπούλου;eleni@example.org;ΕΜΠ\n"
    result = importers.read("attendees", write(tmp_path, "b.csv", text, "utf-8-sig"))
    assert result.details["encoding"] == "utf-8-sig" and result.details["delimiter"] == ";"
    (eleni,) = result.records
    assert (eleni.first_name, eleni.last_name, eleni.affiliation) == ("Ελένη", "Παπαδοπούλου", "ΕΜΠ")


def test_cp1252_sheet_with_title_line(tmp_path):
    """A cp1252 file with a title and a blank line above the header finds the header on row 3."""
    path = write(tmp_path, "g.csv", csv_text(german_sheet(), ";"), "cp1252")
    result = importers.read("attendees", path, mapping={"Vorname": "first_name", "Nachname": "last_name"})
    assert result.details["encoding"] == "cp1252" and result.details["header_row"] == "3"
    assert result.records[4].last_name == "Weiß"
    assert result.records[4].affiliation == "Universität Tübingen"  # "Hochschule/Institut" by keyword
    assert result.records[0].email == "zoe.mueller@example.org"


def test_mixed_encoding_lines_are_read_and_warned(tmp_path):
    """A UTF-8 file with one line pasted in as Windows-1252: every name is right, that line warned."""
    data = ("Name,Email\nZoë Müller,zoe@example.org\n".encode()
            + "Jürgen Weiß,juergen@example.org\n".encode("cp1252")
            + "Дмитрий Иванов,dmitry@example.org\n".encode())
    path = tmp_path / "mixed.csv"
    path.write_bytes(data)
    result = importers.read("attendees", path)
    assert [a.display_name for a in result.records] == ["Zoë Müller", "Jürgen Weiß", "Дмитрий Иванов"]
    assert [(w.row, "Windows-1252" in w.message) for w in result.warnings] == [(3, True)]


def test_xlsx_with_a_formula_cell(tmp_path):
    """An XLSX sheet is read; a formula cell is kept as given, with a warning naming the row."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["First Name", "Last Name", "Email", "Affiliation"])
    sheet.append(["민준", "김", "minjun@example.org", "KAIST"])
    sheet.append(["Evil", "Cell", "evil@example.org", '=HYPERLINK("http://x.example","click")'])
    path = tmp_path / "people.xlsx"
    book.save(path)
    result = importers.read("attendees", path)
    assert result.format == "xlsx"
    assert result.records[0].display_name == "김민준"
    assert result.records[1].affiliation == '=HYPERLINK("http://x.example","click")'
    assert any(w.row == 3 and "formula" in w.message for w in result.warnings)


def test_hostile_rows_get_row_level_messages(tmp_path):
    """Empty name, a 2,000-character field, a NUL byte and a formula: each reported on its
    own row; the good rows are kept; nothing crashes."""
    rows = [["First Name", "Last Name", "Email", "Affiliation"],
            ["Zoë", "Müller", "zoe@example.org", "ETH"],
            ["", "", "nobody@example.org", "ETH"],
            ["Long", "Field", "long@example.org", "A" * 2000],
            ["Nul\x00l", "Byte", "nul@example.org", "ETH"],
            ["Formula", "Person", "f@example.org", '=HYPERLINK("http://evil.example","x")'],
            ["Zoë", "Müller", "zoe@example.org", "ETH (again)"]]
    result = importers.read("attendees", write(tmp_path, "h.csv", csv_text(rows)))
    rejected = {p.row: p.message for p in result.rejected}
    assert rejected[3].startswith("no name")
    assert rejected[4] == "affiliation is 2,000 characters long; at most 300 are accepted"
    assert "already used on row 2" in rejected[7]
    warned = {p.row: p.message for p in result.warnings}
    assert "NUL" in warned[5] and "formula" in warned[6]
    assert [a.display_name for a in result.records] == ["Zoë Müller", "Null Byte", "Formula Person"]
    assert result.accounted_for


def test_strict_import_writes_nothing(tmp_path):
    """With --strict, one bad row means no row at all is written."""
    event = tmp_path / "e.hildprint"
    services.create_event(event, Event("HiLD 2026"))
    source = write(tmp_path, "s.csv", "Name,Email\nZoë Müller,z@example.org\n,empty@example.org\n")
    report = services.import_file(event, "attendees", source, strict=True)
    assert not report.written and len(report.result.rejected) == 1
    with EventStore.open(event) as store:
        assert store.attendee_count() == 0
    assert services.import_file(event, "attendees", source).written


def test_reimport_updates_by_id(tmp_path):
    """Importing a corrected export again updates the person instead of adding a second one."""
    event = tmp_path / "e.hildprint"
    services.create_event(event, Event("HiLD 2026"))
    first = write(tmp_path, "a.csv", "Name,Email\nZoe Muller,zoe@example.org\nAn Nguyen,an@example.org\n")
    assert services.import_file(event, "attendees", first).counts.added == 2
    second = write(tmp_path, "b.csv", "Name,Email\nZoë Müller,ZOE@example.org\nAn Nguyen,an@example.org\n")
    counts = services.import_file(event, "attendees", second).counts
    assert (counts.added, counts.updated, counts.unchanged) == (0, 1, 1)
    with EventStore.open(event) as store:
        assert store.attendee_count() == 2
        assert store.attendee(derived_id("zoe@example.org", "")).display_name == "Zoë Müller"


def test_bad_mapping_lists_what_is_there(tmp_path):
    """--map naming a missing column or an unknown field is an error listing the options."""
    path = write(tmp_path, "m.csv", "Vorname,Nachname\nZoë,Müller\n")
    with pytest.raises(UnreadableInput, match=r"no column 'Surname'.*Vorname, Nachname"):
        importers.read("attendees", path, mapping={"Surname": "last_name"})
    with pytest.raises(UnreadableInput, match="'nickname' is not an attendee field"):
        importers.read("attendees", path, mapping={"Vorname": "nickname"})


def test_a_table_without_names_says_how_to_map(tmp_path):
    """A table with no recognisable name column asks for --map."""
    path = write(tmp_path, "n.csv", "Spalte A,Spalte B\nx,y\n")
    with pytest.raises(UnreadableInput, match="--map 'COLUMN=name'"):
        importers.read("attendees", path)


def test_join_name_and_roles_and_answers():
    """CJK names join family-first without a space; ticket texts map to roles; yes in many forms."""
    assert join_name("芳", "王") == "王芳" and join_name("Zoë", "Müller") == "Zoë Müller"
    assert [role_from_text(t) for t in ("Invited Speaker", "Organizing committee", "Student volunteer",
                                         "Poster presenter", "Early bird", "")] == \
        ["Speaker", "Organiser", "Volunteer", "Author", "Attendee", "Attendee"]
    assert [is_yes(t) for t in ("Yes", "ja", "X", "I agree to share", "No", "")] == [True] * 4 + [False] * 2


def test_runaway_quote_rejects_its_row_and_keeps_the_rest(tmp_path):
    """A row whose unclosed quote swallowed later lines is rejected with the reason."""
    text = 'Name,Email,Affiliation\nZoë Müller,z@example.org,"ETH\nAn Nguyen,a@example.org,KAIST\n'
    result = importers.read("attendees", write(tmp_path, "q.csv", text))
    assert [p.row for p in result.rejected] == [2] and "quote" in result.rejected[0].message
    assert result.accounted_for


def test_pretix_buyer_email_is_not_the_attendees(tmp_path):
    """In a pretix export without attendee emails, the buyer's Email is not given to everyone."""
    text = "Order code,Position ID,Email,Attendee name\nAB12C,1,buyer@example.org,Zoë Müller\n"
    (zoe,) = importers.read("attendees", write(tmp_path, "p.csv", text)).records
    assert zoe.email == "" and zoe.id == "AB12C-1"
