"""Messages to authors from a shell: `hildprint validate EVENT --messages DIR --send smtp://…`,
received by a real SMTP server on loopback and parsed back with the email package."""

from __future__ import annotations

import csv
import email
import email.policy
from pathlib import Path

import pytest
from tests.helpers.posters import poster_pdf
from tests.helpers.smtp import free_port

from hildprint.cli import main
from hildprint.core import services
from hildprint.core.domain.model import Author, Event, Paper

A0 = (841 / 25.4, 1189 / 25.4)


def poster_event(tmp_path, attach=True):
    """Four papers: an A0 poster (fails), a 24 x 36 in one (passes), a landscape one whose
    authors have no address (fails), and a small one by 장서연 (warns)."""
    event = tmp_path / "hild.hildprint"
    services.create_event(event, Event(name="HiLD 2026"))
    posters = tmp_path / "posters"
    posters.mkdir()
    poster_pdf(posters / "1.pdf", *A0)
    poster_pdf(posters / "2.pdf", 24, 36)
    poster_pdf(posters / "3.pdf", 48, 36)
    poster_pdf(posters / "4.pdf", 11.7, 16.5)
    papers = [
        Paper("1", 1, "Grokking at the Edge of Stability", [
            Author("Ana Souza", email="ana@example.org"),
            Author("Björn Lind", email="bjorn@example.org", contact=True),
            Author("Chen Wei")]),
        Paper("2", 2, "A Poster That Fits", [Author("Dana Kim", email="dana@example.org")]),
        Paper("3", 3, "Wide Networks, Wide Posters", [Author("Eve Adams"), Author("Finn Berg")]),
        Paper("4", 4, "작은 포스터: Small Posters Everywhere", [
            Author("장서연", email="seoyeon@example.kr", contact=True)]),
    ]
    with services.EventSession.open(event) as session, session.writing() as store:
        store.upsert_papers(papers)
    if attach:
        assert main(["attach-posters", str(event), str(posters)]) == 0
    return event


def parse(path):
    return email.message_from_bytes(path.read_bytes(), policy=email.policy.default)


def test_messages_go_to_contact_authors_with_coauthors_in_cc(tmp_path, capsys):
    event = poster_event(tmp_path)
    out_dir = tmp_path / "mail"
    assert main(["validate", str(event), "--messages", str(out_dir), "--deadline", "15 June 2026"]) == 1
    assert sorted(p.name for p in out_dir.iterdir()) == ["no-address.csv", "paper-1.eml", "paper-4.eml"]
    first = parse(out_dir / "paper-1.eml")
    assert first["To"] == "Björn Lind <bjorn@example.org>" and first["Cc"] == "Ana Souza <ana@example.org>"
    assert first["Subject"].startswith("HiLD 2026: your poster for \"Grokking at the Edge of Stability\"")
    assert first["Message-ID"] and first["Date"] and first["From"]
    body = first.get_content()
    assert "Dear Björn Lind," in body
    assert "33.1 in wide x 46.8 in high (A0 portrait)" in body  # what was measured
    assert "ICML workshop posters must be at most 24 in wide x 36 in high, portrait" in body  # the rule
    assert "https://icml.cc/Conferences/2025/PosterInstructions" in body  # its source
    assert "A0 portrait prints at 72.5 % as 24.0 x 33.9 in" in body  # what to do
    assert "by 15 June 2026" in body
    korean = parse(out_dir / "paper-4.eml")
    assert korean["To"] == "장서연 <seoyeon@example.kr>" and "Cc" not in korean
    assert "작은 포스터" in korean["Subject"] and "Dear 장서연," in korean.get_content()
    assert "much smaller" in korean.get_content()
    with open(out_dir / "no-address.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["paper_id"], r["verdict"], r["authors"]) for r in rows] == [("3", "fail", "Eve Adams; Finn Berg")]
    assert "2 e-mails" in capsys.readouterr().err


def test_send_delivers_each_message_once(tmp_path, smtp_server, capsys, monkeypatch):
    """Sent through a real SMTP server: every recipient in the envelope, the message parsed
    back intact; a second run sends nothing; the event file notes what went out."""
    monkeypatch.delenv("HILDPRINT_SMTP_USER", raising=False)
    inbox, url = smtp_server
    event = poster_event(tmp_path)
    assert main(["validate", str(event), "--send", url, "--sender", "HiLD <hild@example.org>"]) == 1
    assert len(inbox.envelopes) == 2
    by_to = {parse_bytes(e.content)["To"]: e for e in inbox.envelopes}
    grokking = by_to["Björn Lind <bjorn@example.org>"]
    assert sorted(grokking.rcpt_tos) == ["ana@example.org", "bjorn@example.org"]
    assert grokking.mail_from == "hild@example.org"
    assert "72.5 %" in parse_bytes(grokking.content).get_content()
    assert main(["validate", str(event), "--send", url]) == 1
    assert len(inbox.envelopes) == 2
    assert "0 e-mails through" in capsys.readouterr().err
    with services.EventSession.open(event) as session:
        sent = session.store.sent_messages()
    assert sorted(row["paper_id"] for row in sent) == ["1", "4"]


def parse_bytes(data):
    return email.message_from_bytes(data, policy=email.policy.default)


def test_a_login_in_the_address_is_refused(tmp_path, capsys):
    event = poster_event(tmp_path)
    assert main(["validate", str(event), "--send", "smtp://user:secret@127.0.0.1:25"]) == 2
    assert "HILDPRINT_SMTP_USER" in capsys.readouterr().err


def test_a_server_that_is_not_there_is_a_clear_error(tmp_path, capsys):
    event = poster_event(tmp_path)
    assert main(["validate", str(event), "--send", f"smtp://127.0.0.1:{free_port()}"]) == 2
    assert "cannot send mail there" in capsys.readouterr().err
    with services.EventSession.open(event) as session:
        assert session.store.sent_messages() == []


def test_send_uses_starttls_and_the_login_from_the_environment(tmp_path, capsys, monkeypatch):
    """A server that requires STARTTLS and a login: the messages go out over TLS with the
    login from HILDPRINT_SMTP_USER/PASSWORD; a wrong password is refused with a clear error
    and nothing is noted as sent; the password never reaches the event file."""
    from tests.helpers.smtp import smtp_with_starttls_and_login

    event = poster_event(tmp_path)
    with smtp_with_starttls_and_login(tmp_path, "hild", "s3cret-pass") as (inbox, url, cert):
        monkeypatch.setenv("SSL_CERT_FILE", cert)  # trust the test server's own certificate
        monkeypatch.setenv("HILDPRINT_SMTP_USER", "hild")
        monkeypatch.setenv("HILDPRINT_SMTP_PASSWORD", "wrong")
        assert main(["validate", str(event), "--send", url]) == 2
        assert "login as hild was refused" in capsys.readouterr().err
        assert inbox.envelopes == []
        monkeypatch.setenv("HILDPRINT_SMTP_PASSWORD", "s3cret-pass")
        assert main(["validate", str(event), "--send", url]) == 1
        assert len(inbox.envelopes) == 2
    assert b"s3cret-pass" not in event.read_bytes()
    with services.EventSession.open(event) as session:
        assert len(session.store.sent_messages()) == 2


@pytest.mark.corpus
def test_a_real_paper_list_and_real_posters_from_folder_to_inbox(corpus, tmp_path, smtp_server, capsys):
    """The real SEA 2025 paper list, real corpus posters named by paper number and by title:
    attached, checked, the authors of the failing ones written to through a real SMTP
    server, and the failing posters fitted into a print order."""
    import shutil
    from pathlib import Path

    papers_csv = (Path(__file__).resolve().parents[1] / "data" / "papers"
        / "workshop-sea-neurips2025-accepted-papers.csv")
    event = tmp_path / "sea.hildprint"
    assert main(["new", str(event), "--name", "SEA 2025"]) == 0
    assert main(["import", str(event), "papers", str(papers_csv)]) == 0
    with services.EventSession.open(event) as session:
        papers = {p.id: p for p in session.papers}
    titled = papers["7"]
    folder = tmp_path / "posters"
    folder.mkdir()
    shutil.copyfile(corpus / "posters" / "nlp-roar_poster.pdf", folder / "paper_3_poster.pdf")  # A0: fails
    shutil.copyfile(corpus / "posters" / "racs_poster.pdf", folder / "P4-final.pdf")  # 24 x 36 in
    shutil.copyfile(corpus / "posters" / "aalto_FoRDE_poster.pdf", folder / f"{titled.title[:60]}.pdf")  # landscape
    assert main(["attach-posters", str(event), str(folder)]) == 0
    with services.EventSession.open(event) as session, session.writing() as store:  # addresses, as CMT gives them
        for paper in session.papers:
            if paper.id in ("3", "7"):
                paper.authors[0].email = f"first-{paper.id}@example.org"
                paper.authors[0].contact = True
                for number, author in enumerate(paper.authors[1:]):
                    author.email = f"co{number}-{paper.id}@example.org"
                store.upsert_papers([paper])
    inbox, url = smtp_server
    capsys.readouterr()
    assert main(["validate", str(event), "--quick", "--send", url, "--messages", str(tmp_path / "mail")]) == 1
    assert len(inbox.envelopes) == 2
    bodies = {parse_bytes(e.content)["To"].split("<")[1].rstrip(">"): parse_bytes(e.content).get_content()
              for e in inbox.envelopes}
    assert "A0 portrait prints at 72.5 % as 24.0 x 33.9 in" in bodies["first-3@example.org"]
    assert "Lay the poster out again as portrait" in bodies["first-7@example.org"]
    assert main(["poster-order", str(event), "-o", str(tmp_path / "order.pdf"), "--papers", "3,4,7"]) == 1
    out = capsys.readouterr().out
    assert "paper 3: A0 portrait prints at 72.5 %" in out and "LEFT OUT  paper 7" in out


def test_a_real_paper_list_gives_messages_to_its_authors(tmp_path):
    """From a real workshop's accepted-paper list (authors' e-mails kept by the import) to the
    e-mail for the paper whose A0 poster fails: to its first author, co-authors in Cc."""
    event = tmp_path / "ai4research.hildprint"
    assert main(["new", str(event), "--name", "AI4Research 2026", "--start", "2026-01-26",
                 "--timezone", "Asia/Singapore"]) == 0
    listing = Path(__file__).parents[1] / "data" / "papers" / "workshop-ai4research-aaai26-accepted-papers.csv"
    assert main(["import", str(event), "papers", str(listing)]) == 1  # warns: no header row
    with services.EventSession.open(event) as session:
        paper = session.papers[0]
    addresses = [a.email for a in paper.authors]
    assert all("@" in address for address in addresses) and len(addresses) > 1
    poster_pdf(tmp_path / f"{paper.id}.pdf", *A0)
    assert main(["validate", str(event), "--attach", f"{paper.id}={tmp_path / f'{paper.id}.pdf'}"]) == 1
    assert main(["validate", str(event), "--messages", str(tmp_path / "mail")]) == 1
    message = parse(tmp_path / "mail" / f"paper-{paper.id}.eml")
    assert message["To"].addresses[0].addr_spec == addresses[0]
    assert [a.addr_spec for a in message["Cc"].addresses] == addresses[1:]
    assert "A0 portrait prints at 72.5 % as 24.0 x 33.9 in" in message.get_content()
