"""Message authors: the e-mail for each paper whose poster failed or warned, previewed one by
one, saved as .eml files or sent through an SMTP server."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from hildprint.core import services
from hildprint.gui import workers
from hildprint.gui.runtime import SettledWindow


class AuthorMessagesDialog(SettledWindow, QDialog):
    """Checks the event's posters, then lists a message per paper with a preview of each.

    ``ready`` is set once the messages are composed (or the check failed, said in ``status``);
    ``sent`` fires after sending with the number of e-mails sent (-1 when sending failed)."""

    sent = Signal(int)

    def __init__(self, event: Path, rules_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.event_path = Path(event)
        self.messages: services.AuthorMessages | None = None
        self.ready = False
        self.setWindowTitle("Message authors about their posters")
        self.status = QLabel(f"Checking the posters of {self.event_path.name} against {rules_name}…")
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Messages to authors")
        self.papers = QListWidget()
        self.papers.setAccessibleName("Papers to write to")
        self.papers.currentRowChanged.connect(self._preview)
        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.preview.setAccessibleName("Message preview")
        self.sender = QLineEdit(services.default_sender())
        self.sender.setAccessibleName("From address")
        self.sender.editingFinished.connect(lambda: self._preview(self.papers.currentRow()))
        self.server = QLineEdit()
        self.server.setPlaceholderText("smtp://mail.example.org:587")
        self.server.setAccessibleName("Mail server")
        self.save_button = QPushButton("&Save as e-mail files…")
        self.save_button.clicked.connect(self.ask_save)
        self.send_button = QPushButton("S&end")
        self.send_button.clicked.connect(lambda: self.send(self.server.text()))
        for button in (self.save_button, self.send_button):
            button.setEnabled(False)
        self._lay_out()
        request = services.PosterRequest(rules_name)
        self.task = workers.start(lambda _p, _c: services.check_and_compose(self.event_path, request)[0],
                                  self._show, self._failed)

    def _lay_out(self) -> None:
        lists = QHBoxLayout()
        lists.addWidget(self.papers, 1)
        lists.addWidget(self.preview, 2)
        sending = QHBoxLayout()
        sending.addWidget(self.save_button)
        sending.addWidget(QLabel("From:"))
        sending.addWidget(self.sender, 1)
        sending.addWidget(QLabel("Server:"))
        sending.addWidget(self.server, 1)
        sending.addWidget(self.send_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addLayout(lists, 1)
        layout.addLayout(sending)
        layout.addWidget(buttons)
        self.resize(900, 560)

    def _show(self, messages: services.AuthorMessages) -> None:
        self.messages = messages
        for message in messages.messages:
            self.papers.addItem(f"paper {message.paper_id} ({message.verdict}) → {', '.join(message.recipients_named)}")
        missing = ", ".join(paper.id for paper, _ in messages.no_address)
        self.status.setText(f"{len(messages.messages)} messages to authors whose poster failed or warned."
                            + (f" No address for paper {missing}." if missing else ""))
        self.save_button.setEnabled(bool(messages.messages) or bool(messages.no_address))
        self.send_button.setEnabled(bool(messages.messages))
        if messages.messages:
            self.papers.setCurrentRow(0)
        self.ready = True

    def _failed(self, message: str) -> None:
        self.status.setText(f"The posters could not be checked: {message}")
        self.ready = True

    def _preview(self, row: int) -> None:
        if self.messages is None or not 0 <= row < len(self.messages.messages):
            self.preview.clear()
            return
        message = self.messages.messages[row]
        email = message.email(self.sender.text().strip() or services.default_sender())
        headers = "\n".join(f"{name}: {email[name]}" for name in ("From", "To", "Cc", "Subject") if email[name])
        self.preview.setPlainText(f"{headers}\n\n{message.body}")

    def ask_save(self) -> None:
        """Choose a folder for the .eml files and the list of papers without an address."""
        folder = QFileDialog.getExistingDirectory(self, "Save the e-mails in a folder", str(self.event_path.parent))
        if folder:
            self.save(folder)

    def save(self, folder: str | Path) -> bool:
        """Write the messages into ``folder``; returns whether they were written."""
        if self.messages is None:
            return False
        try:
            self.messages.written.clear()
            services.write_messages(self.messages, folder, self.sender.text().strip())
        except (services.HildprintError, OSError) as error:
            self.status.setText(f"Not saved: {error}")
            return False
        self.status.setText(f"{len(self.messages.written)} e-mails saved in {folder}; papers without an "
                            "address are listed in no-address.csv there.")
        return True

    def send(self, server: str) -> bool:
        """Send the messages not sent before through ``server`` (smtp://host:port) on a worker
        thread; ``sent`` fires when it is done. False when there is nothing to send yet."""
        if self.messages is None or not server.strip():
            self.status.setText("Give the mail server as smtp://host:port first.")
            return False
        messages, sender = self.messages, self.sender.text().strip()
        messages.sent.clear()
        self.send_button.setEnabled(False)
        self.status.setText(f"Sending through {server.strip()}…")
        self.send_task = workers.start(
            lambda _p, _c: services.send_messages(self.event_path, messages, server.strip(), sender),
            self._sent, self._not_sent, on_finished=lambda: self.send_button.setEnabled(True))
        return True

    def _sent(self, messages: services.AuthorMessages) -> None:
        self.status.setText(f"{len(messages.sent)} e-mails sent; {len(messages.already_sent)} had "
                            "gone out before and were not sent again.")
        self.sent.emit(len(messages.sent))

    def _not_sent(self, message: str) -> None:
        self.status.setText(f"Not sent: {message}")
        self.sent.emit(-1)
