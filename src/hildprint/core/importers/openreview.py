"""OpenReview notes (API v1 and v2, and crawlers' wrappers of them) as paper drafts.

Accepted papers are those whose ``venueid`` is the venue's; older notes without venue
ids carry the decision in a reply note. Author ids that are e-mail addresses (v1) are
kept as the authors' e-mails; ``Oral``/``Spotlight``/``Poster`` in the venue or the
decision says how the paper is presented.
"""

from __future__ import annotations

from typing import Any

from hildprint.core.importers.base import ImportResult, UnreadableInput
from hildprint.core.importers.columns import normalise_name
from hildprint.core.importers.paper_sources import (
    TEXT_FIELDS,
    Draft,
    as_list,
    as_text,
    email_ids,
    item_keys,
    join_topic,
    json_drafts,
    json_mapping,
    presentation,
)

OPENREVIEW_ALIASES: dict[str, tuple[str, ...]] = {
    "title": ("title",), "authors": ("authors",), "track": ("track",),
    "topic": ("primary_area", "keywords", "subject_areas"),
}

SUBMISSION_SUFFIXES = (
    "/Submission", "/Rejected_Submission", "/Withdrawn_Submission", "/Desk_Rejected_Submission",
)
"""OpenReview venue ids of papers that were not accepted end in one of these."""

FORUM_URL = "https://openreview.net/forum?id={}"


def openreview_drafts(items: list[Any], result: ImportResult, mapping: dict[str, str], venue_id: str) -> list[Draft]:
    """Drafts from OpenReview notes; only notes whose ``venueid`` is the venue's are kept."""
    contents = [_note_content(item) for item in items if isinstance(item, dict)]
    venue = venue_id or _infer_venue(result.file, contents)
    result.details["venue id"] = venue if venue_id else (
        f"{venue} (the one accepted venue id in the file)" if venue else "none: decisions read from the replies")
    mapped = json_mapping(result.file, contents, OPENREVIEW_ALIASES, mapping)
    return json_drafts(items, result, lambda item, pos: _openreview_draft(
        item, pos, item_keys(_note_content(item), OPENREVIEW_ALIASES, mapped), venue, result))


def _note_content(note: dict[str, Any]) -> dict[str, Any]:
    """A note's content with API v2's ``{"value": ...}`` wrappers taken off (v1 has none)."""
    content = note.get("content")
    if not isinstance(content, dict):
        return {}
    return {k: v.get("value") if isinstance(v, dict) and "value" in v else v for k, v in content.items()}


def _infer_venue(file: str, contents: list[dict[str, Any]]) -> str:
    venue_ids = {c.get("venueid") for c in contents if isinstance(c.get("venueid"), str)}
    if not venue_ids:
        return ""  # older notes: the decision is a reply note
    accepted = sorted(v for v in venue_ids if not v.endswith(SUBMISSION_SUFFIXES))
    if len(accepted) == 1:
        return accepted[0]
    found = ", ".join(accepted) if accepted else "none"
    raise UnreadableInput(
        f"{file}: cannot tell which OpenReview venue id means accepted (accepted-looking venue ids: "
        f"{found}); set the event's openreview_venue_id, e.g. ICML.cc/2026/Conference"
    )


def _openreview_draft(note: dict[str, Any], position: int, keys: dict[str, str], venue: str,
                      result: ImportResult) -> Draft | None:
    content = _note_content(note)
    if not content:
        result.reject(position, "an OpenReview note without content")
        return None
    venueid = as_text(content.get("venueid"), "venueid")
    decision = _decision(note)
    if venue and venueid != venue:
        result.skip(position, f"venueid {venueid or '(none)'!r} is not the accepted venue {venue!r}")
        return None
    if not venue and decision and not decision.casefold().startswith("accept"):
        result.skip(position, f"decision {decision!r} is not an acceptance")
        return None
    if not venue and not decision and "undecided" not in result.details:
        result.details["undecided"] = "yes"
        result.warn(None, "the notes have no venue id and no decision among their replies: every paper is "
                          "kept as accepted; give --venue-id or import the accepted papers only")
    values = {name: as_text(content.get(keys[name]), name) if name in keys else "" for name in TEXT_FIELDS}
    if normalise_name(keys.get("topic", "")) == "keywords":
        values["topic"] = join_topic(as_list(content.get(keys["topic"]), "keywords", ",;"), result, position)
    values["id"] = as_text(note.get("id"), "id")
    forum = as_text(note.get("forum"), "forum") or values["id"]
    values["openreview_forum"] = FORUM_URL.format(forum) if forum else ""
    values["status"] = presentation(" ".join((as_text(content.get("venue"), "venue"), decision)))
    names = as_list(content.get(keys.get("authors", "")), "authors", ",")
    emails = email_ids(as_list(content.get("authorids"), "authorids", ","))
    number = note.get("number")
    return Draft(position, number if type(number) is int and 0 <= number < 10**9 else position, values, names,
                 emails=emails)


def _decision(note: dict[str, Any]) -> str:
    """The decision among a note's replies ("Accept (Oral)"), or ""."""
    replies = note.get("notes") or (note.get("details") or {}).get("replies") or []
    for reply in replies if isinstance(replies, list) else []:
        content = _note_content(reply) if isinstance(reply, dict) else {}
        for key in ("decision", "recommendation"):
            if isinstance(content.get(key), str):
                return content[key]
    return ""
