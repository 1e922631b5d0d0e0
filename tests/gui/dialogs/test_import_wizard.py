"""The import wizard: a dropped file, what was detected, the column mapping with a live
preview, the rejected rows before writing, then the import into the event file."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QWizard
from tests.gui.conftest import save_screenshot

from hildprint.core import services
from hildprint.core.store.sqlite import EventStore
from hildprint.gui.main_window import MainWindow

REGISTRATIONS = (
    "Vorname;Nachname;Org;E-Mail;Ticket\r\n"
    "José;Núñez;Universidad de Chile;jose@example.org;Speaker\r\n"
    ";;Nobody Inc;nobody@example.org;Attendee\r\n"
    "Maëlle;Durand;Inria;maelle@example.org;Student\r\n"
)


def _drop(window, path) -> None:
    """Drop ``path`` on the window as a file manager would."""
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    actions = Qt.DropAction.CopyAction
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    enter = QDragEnterEvent(QPointF(50, 50), actions, data, buttons, keys)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(window, QDropEvent(QPointF(50, 50), actions, data, buttons, keys))


def _preview_column(wizard, header: str) -> list[str]:
    model = wizard.mapping_page.model
    column = [model.header(c) for c in range(model.columnCount())].index(header)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def test_a_dropped_excel_csv_is_mapped_checked_and_imported(qtbot, settings, sample_event, tmp_path):
    """A semicolon CSV in Windows-1252 dropped on the window: the wizard names the
    encoding and delimiter, mapping 'Org' to affiliation shows in the preview at once,
    the row without a name is listed as rejected before writing, and Import adds the
    two people to the event file and the table."""
    source = tmp_path / "registrations.csv"
    source.write_bytes(REGISTRATIONS.encode("cp1252"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(sample_event)
    window.show()
    _drop(window, source)
    wizard = window.import_wizard
    assert wizard is not None and wizard.isVisible()
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=5000)  # the file is read on a worker
    detected = wizard.file_page.detected.text()
    assert "Encoding: cp1252" in detected and "Delimiter: ;" in detected and "Rows read: 3" in detected
    assert wizard.file_page.isComplete()
    wizard.next()
    assert _preview_column(wizard, "Name") == ["José Núñez", "Maëlle Durand"]
    assert _preview_column(wizard, "Affiliation") == ["", ""]
    org = wizard.mapping_page.choice_for("Org")
    assert org.currentText() == "(not imported)"
    with qtbot.waitSignal(wizard.previewed, timeout=5000):
        org.setCurrentText("affiliation")
    assert _preview_column(wizard, "Affiliation") == ["Universidad de Chile", "Inria"]
    save_screenshot(wizard, "import_wizard_mapping")
    wizard.next()
    rejected = [wizard.check_page.rejected.item(i).text() for i in range(wizard.check_page.rejected.count())]
    assert rejected == [f"{source}, row 3: no name: the name cells are empty"]
    with EventStore.open(sample_event) as store:
        assert store.attendee_count() == 42  # nothing written before Import
    save_screenshot(wizard, "import_wizard_check")
    with qtbot.waitSignal(wizard.imported, timeout=5000) as imported:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert imported.args[0].counts.added == 2
    with EventStore.open(sample_event) as store:
        people = {p.name: p for p in store.attendees()}
    assert people["José Núñez"].affiliation == "Universidad de Chile"
    assert people["José Núñez"].role == "Speaker"
    assert window.attendees.summary.text() == "44 attendees"


def test_an_unrecognised_name_column_is_mapped_in_the_wizard(qtbot, settings, sample_event, tmp_path):
    """A table whose name column is not recognised ("Teilnehmer*in") still goes on to the
    column mapping; the wizard names what is missing without any command-line flag, Next
    waits until a column is mapped to the name, and the import then adds the people."""
    table = tmp_path / "teilnehmende.csv"
    table.write_text("Teilnehmer*in,Einrichtung\nJosé Núñez,Universidad de Chile\nMaëlle Durand,Inria\n",
                     encoding="utf-8")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(sample_event)
    window.ask_import(table)
    wizard = window.import_wizard
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=5000)
    assert "holding names" in wizard.file_page.detected.text()
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    page = wizard.mapping_page
    note = page.note.text()
    assert "holding names" in note and "--map" not in note and "--" not in note
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    save_screenshot(wizard, "import_wizard_unrecognised_name")
    page.choice_for("Teilnehmer*in").setCurrentText("name")
    qtbot.waitUntil(lambda: wizard.preview is not None and not wizard.preview.missing, timeout=5000)
    assert _preview_column(wizard, "Name") == ["José Núñez", "Maëlle Durand"]
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.next()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert window.attendees.summary.text() == "44 attendees"


def test_no_wizard_text_mentions_a_command_line_flag(qtbot, settings, sample_event, tmp_path):
    """Papers without a recognisable title column, and a programme without times: the
    wizard says which column to map, never "--map"."""
    for kind, text in (("papers", "Nummer,Autor\n1,Ada\n"), ("schedule", "Was,Wo\nTalk,Hall\n")):
        table = tmp_path / f"{kind}.csv"
        table.write_text(text, encoding="utf-8")
        window = MainWindow(settings)
        qtbot.addWidget(window)
        window.open_event(sample_event)
        window.tabs.setCurrentWidget(window.papers if kind == "papers" else window.programme)
        window.ask_import(table)
        wizard = window.import_wizard
        qtbot.waitUntil(lambda w=wizard: w.preview is not None, timeout=5000)
        wizard.next()
        shown = wizard.file_page.detected.text() + wizard.mapping_page.note.text()
        assert "--" not in shown and "No column was recognised as the" in shown
        assert not wizard.mapping_page.isComplete()
        wizard.reject()


def test_a_fixed_format_shows_the_records_instead_of_a_mapping(qtbot, settings, sample_event, tmp_path):
    """An iCalendar programme has no columns to map: the page shows what will be imported."""
    calendar = tmp_path / "programme.ics"
    calendar.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nBEGIN:VEVENT\r\nUID:k1\r\n"
        "DTSTART:20260710T000000Z\r\nDTEND:20260710T010000Z\r\nSUMMARY:Opening keynote\r\n"
        "LOCATION:Hall A\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n", encoding="utf-8")
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(sample_event)
    window.tabs.setCurrentWidget(window.programme)
    window.ask_import(calendar)
    wizard = window.import_wizard
    wizard.show()
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=5000)
    wizard.next()
    page = wizard.mapping_page
    assert page.title() == "What will be imported" and not page.columns.isVisible()
    assert "nothing to map" in page.note.text()
    assert _preview_column(wizard, "Title") == ["Opening keynote"]
    save_screenshot(wizard, "import_wizard_fixed_format")


SEED_PAGE = Path(__file__).parents[4] / "shared" / "seeds" / "probai_scaling_workshop_programme.txt"


@pytest.mark.skipif(not SEED_PAGE.exists(), reason="the seed programme page is not in ../shared/seeds")
def test_a_programme_web_page_is_previewed_and_imported(qtbot, settings, tmp_path):
    """The ProbAI workshop's programme page (saved as text) in the wizard: it is detected
    as a web page, the preview lists its sessions at their local times with speakers,
    the two cancelled talks without a time are listed as skipped, and Import writes them."""
    event = tmp_path / "probai.hildprint"
    services.create_event(event, services.Event(name="ProbAI Scaling 2026", start_date="2026-06-22",
                                                end_date="2026-06-24", timezone="Europe/London"))
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.open_event(event)
    window.tabs.setCurrentWidget(window.programme)
    window.show()
    window.ask_import(SEED_PAGE)
    wizard = window.import_wizard
    qtbot.waitUntil(lambda: wizard.preview is not None, timeout=5000)
    assert wizard.kind == "schedule"
    assert "programme copied from a web page" in wizard.file_page.detected.text()
    wizard.next()
    assert len(wizard.preview.result.records) == 20
    titles = _preview_column(wizard, "Title")
    assert titles[0] == "Registration and coffee" and any("How to train an LLM" in t for t in titles)
    save_screenshot(wizard, "import_wizard_web_page")
    wizard.next()
    items = [wizard.check_page.warnings.item(i).text() for i in range(wizard.check_page.warnings.count())]
    assert sum("cancelled, and without a time" in item for item in items) == 2
    with qtbot.waitSignal(wizard.imported, timeout=5000) as imported:
        wizard.button(QWizard.WizardButton.FinishButton).click()
    assert imported.args[0].counts.added == 20
