"""E-mails to the authors of posters that failed or warned: what was measured, the rule
and where it comes from, what to do, and the deadline.

A message goes to the paper's contact author (else its first author with an address), with
the co-authors whose addresses are known in Cc. Papers with no address at all get no message;
the caller lists them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from hildprint.core.domain.model import Author, Paper
from hildprint.core.domain.rules import RuleSet, length
from hildprint.core.validate.model import Verdict
from hildprint.core.validate.size import named_size, scale_to_fit, scaled_text

DEFAULT_SENDER = "Poster check <posters@example.invalid>"
_ADVICE = {
    "orientation": "Lay the poster out again as {orientation}, {limit}; scaling cannot turn it.",
    "pages": "Send a PDF with only the poster's page.",
    "encrypted": "Save a copy without a password or restrictions and send that.",
    "unreadable": "Export the poster to PDF again and send the new file.",
    "low-resolution": "Use images of at least {dpi:g} dpi at their printed size.",
    "fonts-not-embedded": "Embed all fonts when you export the PDF.",
    "wrong-format": "Export the poster as {formats}.",
}


@dataclass(frozen=True)
class AuthorMessage:
    """One e-mail about one paper's poster."""

    paper_id: str
    to: list[str]
    cc: list[str]
    subject: str
    body: str
    verdict: str
    recipients_named: list[str] = field(default_factory=list)

    @property
    def digest(self) -> str:
        """A fingerprint of what the message says and to whom: the same message is never sent twice."""
        text = "\n".join([self.paper_id, ",".join(self.to), ",".join(self.cc), self.subject, self.body])
        return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]

    def email(self, sender: str = DEFAULT_SENDER) -> EmailMessage:
        """The message as a standard e-mail (UTF-8, Date and Message-ID set)."""
        message = EmailMessage()
        message["From"] = sender
        message["To"] = ", ".join(self.to)
        if self.cc:
            message["Cc"] = ", ".join(self.cc)
        message["Subject"] = self.subject
        message["Date"] = formatdate(localtime=False)
        message["Message-ID"] = make_msgid(idstring=f"poster-{self.digest[:12]}", domain="hildprint.invalid")
        message.set_content(self.body, charset="utf-8")
        return message


def recipients(paper: Paper) -> tuple[list[Author], list[Author]]:
    """(to, cc): the contact author (else the first with an address) and the other authors
    with addresses; both empty when no author has one."""
    known, seen = [], set()
    for author in paper.authors:
        address = author.email.strip().casefold()
        if address and address not in seen:  # one author listed twice, or a shared address: written to once
            seen.add(address)
            known.append(author)
    if not known:
        return [], []
    to = [a for a in known if a.contact] or known[:1]
    return to, [a for a in known if a not in to]


def _address(author: Author) -> str:
    from email.headerregistry import Address

    return str(Address(display_name=author.name, addr_spec=author.email.strip()))


def compose(paper: Paper, verdict: Verdict, rules: RuleSet, workshop: str, deadline: str = "") -> AuthorMessage | None:
    """The message about ``paper``'s poster, or None when no author has an address."""
    to, cc = recipients(paper)
    if not to:
        return None
    title = paper.title or f"paper {paper.id}"
    subject = f"{workshop}: your poster for \"{_short(title)}\" ({_verdict_words(verdict.verdict)})"
    greeting = "Dear " + ", ".join(a.name for a in to) + ","
    parts = [greeting, "",
             f"we checked the poster file you sent for your paper \"{title}\" (paper {paper.id}) at {workshop}. "
             f"It {_verdict_sentence(verdict.verdict)}", "",
             "What we measured:", *[f"- {f.message}" for f in verdict.findings if f.severity != "info"], "",
             f"The rule: {rules.posters} must be {rules.limit_text()}"
             f"{', ' + rules.orientation if rules.orientation != 'any' else ''}. "
             f"Source: {rules.title}, {rules.source}", ""]
    todo = _what_to_do(verdict, rules)
    if todo:
        parts += ["What to do:", *[f"- {line}" for line in todo], ""]
    if deadline:
        parts += [f"Please send the corrected poster by {deadline}.", ""]
    parts += ["Thank you,", f"The {workshop} organisers"]
    return AuthorMessage(paper.id, [_address(a) for a in to], [_address(a) for a in cc], subject,
                         "\n".join(parts) + "\n", verdict.verdict, [a.name for a in to + cc])


def _what_to_do(verdict: Verdict, rules: RuleSet) -> list[str]:
    lines = []
    for code in dict.fromkeys(verdict.codes()):
        if code == "too-large" and verdict.width_in and verdict.height_in:
            lines.append(_scale_advice(verdict, rules))
        elif code == "small" and verdict.width_in and verdict.height_in:
            lines.append(f"Make the poster larger ({rules.posters} may be {rules.limit_text()}), or check "
                         "that it stays sharp when it " + _scaled(verdict, rules) + ".")
        elif code in _ADVICE:
            lines.append(_ADVICE[code].format(orientation=rules.orientation, limit=rules.limit_text(),
                                              dpi=rules.min_dpi, formats=" or ".join(f.upper() for f in rules.formats)))
    return lines


def _scaled(verdict: Verdict, rules: RuleSet) -> str:
    scale = scale_to_fit(verdict.width_in, verdict.height_in, rules)
    return scaled_text(verdict.width_in, verdict.height_in, scale, rules.unit)


def _scale_advice(verdict: Verdict, rules: RuleSet) -> str:
    who = named_size(verdict.width_in, verdict.height_in) or "Your poster"
    return (f"Export the poster at {length(rules.max_width_in, rules.unit)} x "
            f"{length(rules.max_height_in, rules.unit)} or smaller. The simplest way is to scale it: "
            f"{who} {_scaled(verdict, rules)}, so set the page to that size when you export it "
            "(and check that the smallest text still reads well).")


def _short(title: str, limit: int = 70) -> str:
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"


def _verdict_words(verdict: str) -> str:
    return {"fail": "does not meet the rules", "error": "cannot be read", "warn": "please check"}.get(verdict, verdict)


def _verdict_sentence(verdict: str) -> str:
    return {
        "fail": "does not meet the venue's poster rules yet.",
        "error": "could not be checked, so it cannot be printed as it is.",
        "warn": "meets the size rules, but a few things may not print well.",
    }.get(verdict, "was checked.")
