"""Hostile input files, made at any scale: the test suite makes them small (with lowered
limits), the benchmark makes them as large as the attacks they stand for."""

from __future__ import annotations

import zipfile
from pathlib import Path

_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    f'<Override PartName="/xl/workbook.xml" ContentType="{_OFFICE}.sheet.main+xml"/>'
    f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_OFFICE}.worksheet+xml"/>'
    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{_OFFICE}.sharedStrings+xml"/>'
    "</Types>")
_XML = '<?xml version="1.0" encoding="UTF-8"?>'
_PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
_DOC = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = (f'{_XML}<Relationships xmlns="{_PKG}"><Relationship Id="rId1" Type="{_DOC}/officeDocument" '
         'Target="xl/workbook.xml"/></Relationships>')
_WORKBOOK = (f'{_XML}<workbook xmlns="{_MAIN}" xmlns:r="{_DOC}">'
             '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>')
_WORKBOOK_RELS = (
    f'{_XML}<Relationships xmlns="{_PKG}">'
    f'<Relationship Id="rId1" Type="{_DOC}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_DOC}/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
_SHEET_HEAD = f'{_XML}<worksheet xmlns="{_MAIN}"><dimension ref="A1"/><sheetData>'


def _xlsx(path: Path, rows: str, strings: str = "") -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", _CONTENT_TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _WORKBOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS)
        archive.writestr("xl/sharedStrings.xml", f'{_XML}<sst xmlns="{_MAIN}">{strings}</sst>')
        archive.writestr("xl/worksheets/sheet1.xml", _SHEET_HEAD + rows + "</sheetData></worksheet>")
    return path


def xlsx_far_column(path: Path, rows: int) -> Path:
    """A header, then ``rows`` rows with one cell in the sheet's last column (XFD): tiny
    packed, but millions of empty cells to a reader that pads rows."""
    header = ('<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>name</t></is></c></row>')
    body = "".join(f'<row r="{n}"><c r="XFD{n}"><v>1</v></c></row>' for n in range(2, rows + 2))
    return _xlsx(path, header + body)


def xlsx_far_row(path: Path) -> Path:
    """A header and one cell in the sheet's last row (1,048,576)."""
    header = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c></row>'
    return _xlsx(path, header + '<row r="1048576"><c r="A1048576"><v>1</v></c></row>')


def xlsx_shared_strings(path: Path, unpacked_bytes: int) -> Path:
    """A one-cell sheet whose shared strings unpack to about ``unpacked_bytes``."""
    chunk = 1 << 20
    strings = "".join(f"<si><t>{'x' * min(chunk, unpacked_bytes - done)}</t></si>"
                      for done in range(0, unpacked_bytes, chunk))
    return _xlsx(path, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', strings)


def long_line_csv(path: Path, length: int) -> Path:
    """A header and one line of ``length`` bytes."""
    with open(path, "wb") as stream:
        stream.write(b"id,name\n")
        stream.write(b"x" * length)
    return path


def many_rows_csv(path: Path, rows: int) -> Path:
    """An attendee CSV of ``rows`` rows."""
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("id,first_name,last_name,email\n")
        stream.writelines(f"P{i},Anna,Name {i},p{i}@example.org\n" for i in range(rows))
    return path


def wide_csv(path: Path, columns: int) -> Path:
    """A header and a row of ``columns`` commas' worth of cells."""
    path.write_text("id,name\n" + "a," * columns + "\n", encoding="utf-8")
    return path


def nested_ical(path: Path, depth: int) -> Path:
    """A calendar whose components nest ``depth`` deep."""
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        stream.writelines("BEGIN:VEVENT\r\n" for _ in range(depth))
        stream.writelines("END:VEVENT\r\n" for _ in range(depth))
        stream.write("END:VCALENDAR\r\n")
    return path


def many_events_ical(path: Path, count: int) -> Path:
    """A calendar of ``count`` empty components side by side."""
    with open(path, "w", encoding="utf-8") as stream:
        stream.write("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
        stream.writelines("BEGIN:VTODO\r\nEND:VTODO\r\n" for _ in range(count))
        stream.write("END:VCALENDAR\r\n")
    return path


def nested_json(path: Path, depth: int) -> Path:
    """A JSON paper list nested ``depth`` deep."""
    path.write_text("[" * depth + "]" * depth, encoding="utf-8")
    return path


def nested_xml(path: Path, depth: int) -> Path:
    """A schedule.xml whose elements nest ``depth`` deep."""
    path.write_text("<schedule>" + "<day>" * depth + "</day>" * depth + "</schedule>", encoding="utf-8")
    return path


def json_values(path: Path, count: int) -> Path:
    """A JSON list of ``count`` one-letter strings: small text, many objects in memory."""
    path.write_text("[" + ",".join(['"a"'] * count) + "]", encoding="utf-8")
    return path


def json_papers(path: Path, count: int) -> Path:
    """A paperlists-style JSON list of ``count`` small papers."""
    items = ",".join(f'{{"id": "p{i}", "title": "T{i}", "author": "A B", "status": "Poster"}}'
                     for i in range(count))
    path.write_text(f"[{items}]", encoding="utf-8")
    return path
