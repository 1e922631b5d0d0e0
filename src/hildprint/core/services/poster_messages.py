"""Telling authors about their posters: e-mails written as .eml files, or sent over SMTP
and noted in the event file so that a second run sends nothing twice.

The SMTP login comes from the environment (``HILDPRINT_SMTP_USER`` and
``HILDPRINT_SMTP_PASSWORD``) and is never stored; STARTTLS is used whenever the server offers it.
"""

from __future__ import annotations

import csv
import os
import smtplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit

from hildprint.core.domain.errors import HildprintError
from hildprint.core.domain.files import atomic_output, neutralise
from hildprint.core.domain.model import Paper
from hildprint.core.domain.rules import RuleSet
from hildprint.core.services.posters import PosterRequest, validate_event_posters
from hildprint.core.services.session import EventRef, using
from hildprint.core.validate.messages import DEFAULT_SENDER, AuthorMessage, compose
from hildprint.core.validate.model import Verdict

DEADLINE_SETTING = "poster_deadline"
SMTP_USER_ENV, SMTP_PASSWORD_ENV = "HILDPRINT_SMTP_USER", "HILDPRINT_SMTP_PASSWORD"
SMTP_FROM_ENV = "HILDPRINT_SMTP_FROM"
NO_ADDRESS_CSV = "no-address.csv"
SMTP_TIMEOUT_S = 30.0


class MessageError(HildprintError, ValueError):
    """Messages that cannot be sent: a bad server address, a refused login or recipient."""


@dataclass
class AuthorMessages:
    """The messages for one poster run, and the papers that could not be written to."""

    messages: list[AuthorMessage] = field(default_factory=list)
    no_address: list[tuple[Paper, Verdict]] = field(default_factory=list)
    written: list[Path] = field(default_factory=list)
    sent: list[str] = field(default_factory=list)
    """Ids of the papers whose message went out in this run."""
    already_sent: list[str] = field(default_factory=list)
    """Ids of the papers whose same message had gone out before (not sent again)."""


def poster_deadline(event: EventRef) -> str:
    """The deadline for corrected posters, as the organiser wrote it ("" when none is set)."""
    with using(event) as session:
        return session.store.setting(DEADLINE_SETTING, "") or ""


def set_poster_deadline(event: EventRef, deadline: str) -> None:
    """Set (or with "" clear) the deadline named in messages to authors."""
    with using(event) as session, session.writing() as store:
        store.set_setting(DEADLINE_SETTING, deadline.strip())


def author_messages(event: EventRef, paper_ids: list[str], verdicts: list[Verdict], rules: RuleSet) -> AuthorMessages:
    """A message for each paper whose poster failed, warned or could not be checked."""
    result = AuthorMessages()
    with using(event) as session:
        papers = {p.id: p for p in session.papers}
        workshop = session.event.name
        deadline = session.store.setting(DEADLINE_SETTING, "") or ""
    for paper_id, verdict in zip(paper_ids, verdicts):
        if verdict.verdict == "pass" or paper_id not in papers:
            continue
        message = compose(papers[paper_id], verdict, rules, workshop, deadline)
        if message is None:
            result.no_address.append((papers[paper_id], verdict))
        else:
            result.messages.append(message)
    return result


def write_messages(result: AuthorMessages, folder: str | Path, sender: str = "") -> AuthorMessages:
    """Write each message as ``paper-ID.eml`` and the papers without an address to
    ``no-address.csv`` in ``folder`` (created when missing)."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    for message in result.messages:
        path = folder / f"paper-{_safe(message.paper_id)}.eml"
        with atomic_output(path) as temporary:
            temporary.write_bytes(message.email(sender or default_sender()).as_bytes())
        result.written.append(path)
    with atomic_output(folder / NO_ADDRESS_CSV) as temporary, open(temporary, "w", encoding="utf-8-sig",
                                                                    newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["paper_id", "title", "authors", "verdict", "file"])
        for paper, verdict in result.no_address:
            writer.writerow([neutralise(v) for v in (paper.id, paper.title, "; ".join(paper.author_names),
                                                     verdict.verdict, verdict.file)])
    return result


def default_sender() -> str:
    """The From address: ``HILDPRINT_SMTP_FROM`` when set, else a placeholder to edit."""
    return os.environ.get(SMTP_FROM_ENV, "").strip() or DEFAULT_SENDER


def _safe(text: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "_" for c in text)[:80] or "paper"


def send_messages(event: EventRef, result: AuthorMessages, server: str, sender: str = "",
                  connect: Callable[[str, int], smtplib.SMTP] | None = None) -> AuthorMessages:
    """Send each message not sent before through ``server`` (``smtp://host:port``) and note
    each one in the event file as soon as it went out."""
    host, port = _server(server)
    with using(event) as session:
        sent_before = {(row["paper_id"], row["digest"]) for row in session.store.sent_messages()}
        pending = [m for m in result.messages if (m.paper_id, m.digest) not in sent_before]
        result.already_sent = [m.paper_id for m in result.messages if m not in pending]
        if not pending:
            return result
        with _connection(host, port, connect) as smtp:
            for message in pending:
                _send_one(smtp, message, sender or default_sender(), server)
                with session.writing() as store:
                    store.record_sent_message(message.paper_id, message.digest, ", ".join(message.to + message.cc),
                                              message.subject, datetime.now(UTC).isoformat(timespec="seconds"))
                result.sent.append(message.paper_id)
    return result


def _server(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    try:
        port = parts.port or 25
    except ValueError as error:
        raise MessageError(f"--send {url}: the port is not a number") from error
    if parts.scheme != "smtp" or not parts.hostname or parts.username or parts.password:
        raise MessageError(f"--send {url}: give the server as smtp://host:port (the login comes from "
                           f"{SMTP_USER_ENV} and {SMTP_PASSWORD_ENV}, never from the address)")
    return parts.hostname, port


def _connection(host: str, port: int, connect: Callable[[str, int], smtplib.SMTP] | None) -> smtplib.SMTP:
    """A connection ready to send: STARTTLS when offered, logged in when a user is set; it is
    closed again when any step fails."""
    smtp = None
    try:
        smtp = connect(host, port) if connect else smtplib.SMTP(host, port, timeout=SMTP_TIMEOUT_S)
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        user = os.environ.get(SMTP_USER_ENV, "")
        if user:
            smtp.login(user, os.environ.get(SMTP_PASSWORD_ENV, ""))
        return smtp
    except smtplib.SMTPAuthenticationError as error:
        _close(smtp)
        raise MessageError(f"smtp://{host}:{port}: the login as {os.environ.get(SMTP_USER_ENV)} was refused") from error
    except (OSError, smtplib.SMTPException) as error:
        _close(smtp)
        raise MessageError(f"smtp://{host}:{port}: cannot send mail there ({error})") from error


def _close(smtp: smtplib.SMTP | None) -> None:
    if smtp is not None:
        smtp.close()


def _send_one(smtp: smtplib.SMTP, message: AuthorMessage, sender: str, server: str) -> None:
    try:
        smtp.send_message(message.email(sender))
    except (OSError, smtplib.SMTPException) as error:
        raise MessageError(f"{server}: the message about paper {message.paper_id} to "
                           f"{', '.join(message.to)} was not accepted ({error})") from error


def check_and_compose(event: EventRef, request: PosterRequest) -> tuple[AuthorMessages, RuleSet]:
    """Check the event's posters (recording the verdicts) and compose the messages to authors."""
    run = validate_event_posters(event, request)
    rules = request.options().rules
    return author_messages(event, run.paper_ids, run.verdicts, rules), rules
