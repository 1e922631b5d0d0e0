"""Reading spreadsheet-like files: encodings, delimiters, header rows, huge cells."""

from __future__ import annotations

import codecs
import datetime
from pathlib import Path

import openpyxl
import pytest

from hildprint.core.importers.base import UnreadableInput
from hildprint.core.importers.tabular import (
    decode_text,
    find_header_row,
    read_table,
    sniff_delimiter,
)

DATA = Path(__file__).parents[2] / "data"


@pytest.mark.parametrize("text, delimiter", [
    ("a,b,c\n1,2,3\n", ","),
    ("a;b;c\n1;2,5;3\n", ";"),
    ("a\tb\tc\n1\t2\t3\n", "\t"),
    ("UID,title,authors\nx,T,A|B|C\ny,U,D|E\n", ","),
    ('ID,Name,Email\n;,"\n;"\n0\n0\n0\n', ","),  # ";" would leave a quote open to the end
    ('Name;Email;Affiliation\nZoë;z@x;"ETH\nAn;a@x;KAIST\n', ";"),  # open under every reading
    ('ID,Name,First Name,Last Name,Email,Affiliation\n,"\n|"\n0\n0\n"0"""\n', ","),  # six cells beat two
])
def test_sniff_delimiter(text, delimiter):
    """The delimiter giving consistent columns wins, even with other separators in cells."""
    assert sniff_delimiter(text) == delimiter


def test_header_below_a_title_and_a_blank_line():
    """Title lines and blank lines above the header are skipped."""
    rows = [["Registrations, HiLD 2026"], [], ["Name", "Email", "Role"], ["A", "a@x", "x"], ["B", "b@x", "y"]]
    assert find_header_row(rows) == 2


def test_data_rows_wider_than_the_header_leave_it_the_header():
    """Ragged rows with more cells than the header do not turn the header into a title."""
    wide = [":", ":", ":", ":", ":", ":", "NOM DE FAMILLE"]
    assert find_header_row([["Attendee name", "Attendee email", "Company", "Product"], wide, wide]) == 0


@pytest.mark.parametrize("encoding, name", [
    ("utf-8", "utf-8"), ("utf-8-sig", "utf-8-sig"), ("utf-16", "utf-16"),
    ("utf-16-le", "utf-16-le"), ("utf-16-be", "utf-16-be"),
])
def test_unicode_encodings(encoding, name):
    """UTF-8 with and without BOM and UTF-16 with and without BOM decode to the same text."""
    text = "Name\tAffiliation\nΕλένη\t東京大学\n"
    decoded, found, warnings = decode_text(text.encode(encoding))
    assert decoded.lstrip("\ufeff") == text and found == name and warnings == []


def test_cp1252_and_its_undefined_bytes_lose_nothing():
    """A Windows-1252 file decodes; bytes cp1252 leaves undefined come through as Latin-1."""
    data = "Zoë;Müller;€\n".encode("cp1252") + b"x\x81y\n"
    text, encoding, warnings = decode_text(data)
    assert encoding == "cp1252" and text == "Zoë;Müller;€\nx\x81y\n" and warnings == []


def test_excel_sep_line_sets_the_delimiter(tmp_path):
    """Excel's 'sep=;' first line chooses the delimiter and is not taken as the header."""
    path = tmp_path / "s.csv"
    path.write_text("sep=;\nName;Email\nA,B;a@example.org\n")
    table = read_table(path)
    assert table.delimiter == ";" and table.header == ["Name", "Email"]
    assert table.rows[0].cells == ["A,B", "a@example.org"] and table.rows[0].number == 3


def test_repeated_headers_become_unique(tmp_path):
    """Two columns with one name keep both, the second numbered."""
    path = tmp_path / "r.csv"
    path.write_text("Email,Email,\nx@a,y@b,z\n")
    assert read_table(path).header == ["Email", "Email (2)", "Column 3"]


def test_a_huge_cell_does_not_make_the_file_unreadable(tmp_path):
    """A 200,000-character cell is read (the row checks reject it later), the rest too."""
    path = tmp_path / "big.csv"
    path.write_text("Name,Affiliation\nA," + "x" * 200_000 + "\nB,ok\n")
    table = read_table(path)
    assert [len(r.cells[1]) for r in table.rows] == [200_000, 2]


def test_multiline_cells_do_not_push_record_numbers_down(tmp_path):
    """Rows are numbered as records, as a spreadsheet shows them: a cell spanning two
    lines leaves the next record on row 3, not on line 4."""
    path = tmp_path / "m.csv"
    path.write_text('Name,Note\nA,"line one\nline two"\nB,x\n')
    assert [r.number for r in read_table(path).rows] == [2, 3]


def test_gpn11_rows_are_record_numbers():
    """The real GPN11 programme (22 of 29 rows hold multi-line cells) numbers its 29
    records 2 to 30, whatever lines their cells span."""
    rows = read_table(DATA / "schedules" / "handmade-gpn11-programme.csv").rows
    assert [r.number for r in rows] == list(range(2, 31))


def test_workbook_library_warnings_are_said_in_plain_words(recwarn):
    """The c3voc template workbook makes the spreadsheet library warn about an unknown
    extension; nothing of it reaches the terminal, and a harmless one is not reported."""
    table = read_table(DATA / "schedules" / "voc-handmade-schedule-example.xlsx")
    assert not [w for w in recwarn if "openpyxl" in str(w.filename)]
    assert not any("extension" in p.message for p in table.warnings)


def test_xlsx_values_become_text(tmp_path):
    """XLSX numbers, dates and booleans become the text a person would read."""
    book = openpyxl.Workbook()
    book.active.append(["ID", "Registered", "Paid", "Name"])
    book.active.append([17.0, datetime.datetime(2026, 5, 2, 10, 14), True, "王芳"])
    path = tmp_path / "x.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.rows[0].cells == ["17", "2026-05-02 10:14", "TRUE", "王芳"]
    assert table.sheet == "Sheet"


@pytest.mark.parametrize("content, message", [
    (b"", "empty"),
    (b"   \n\n", "empty"),
    (b"PK\x03\x04 not really a zip", "not a readable XLSX"),
    (codecs.BOM_UTF16_LE + b"N\x00a\x00m", "not valid utf-16"),
])
def test_unreadable_files_say_why(tmp_path, content, message):
    """Empty files, broken workbooks and broken text name the file and the reason."""
    path = tmp_path / "bad.csv"
    path.write_bytes(content)
    with pytest.raises(UnreadableInput, match=message) as error:
        read_table(path)
    assert str(path) in str(error.value)


def test_a_runaway_quote_is_flagged_not_swallowed(tmp_path):
    """An unclosed quote that eats the following rows marks its row as damaged."""
    path = tmp_path / "q.csv"
    path.write_text('Name,Email,Affiliation\nA,a@x,"ETH\nB,b@x,KAIST\nC,c@x,MIT\n')
    table = read_table(path)
    assert list(table.damaged) == [2] and "not closed" in table.damaged[2]


def test_old_excel_files_are_refused_with_advice(tmp_path):
    """A .xls workbook is refused with a hint to save it as .xlsx or CSV."""
    path = tmp_path / "old.xls"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    with pytest.raises(UnreadableInput, match=r"save it as \.xlsx or CSV"):
        read_table(path)


def test_a_bom_file_with_one_cp1252_line(tmp_path):
    """UTF-8 with a BOM and one pasted Windows-1252 line: read, that line warned."""
    path = tmp_path / "b.csv"
    path.write_bytes(codecs.BOM_UTF8 + "Name\nZoë\n".encode() + "Jürgen\n".encode("cp1252"))
    table = read_table(path)
    assert [r.cells[0] for r in table.rows] == ["Zoë", "Jürgen"]
    assert [w.row for w in table.warnings] == [3]
