"""The use cases: the one door through which the command line and the window reach the core.

Every use case works on an :class:`EventSession` (an open event and what has been read from
it) or on the path of an event file, which it opens for the call. One module per job:

- ``session``: the open event;        - ``events``: create, list, export, edit, boards;
- ``imports``: import and preview;     - ``badges``: who a badge run covers, printing them;
- ``documents``: signs, labels, guidelines and their previews;
- ``posters``: poster checks and attaching a folder of posters;   - ``desk``: the badge desk;
- ``poster_fit``: fitting posters to the rules, the print order;
- ``poster_messages``: e-mails to authors, written or sent;
- ``print_runs``: several documents into one folder;  - ``demo``: the sample event;
- ``editing``: event settings, records added, deleted, edited and put back (undo);
- ``about``: versions and font licences.
"""

from hildprint.core.desk.operations import CheckIn, Desk, DeskError, PrintResult, looks_like_token
from hildprint.core.desk.printer import BadgePrinter, CupsPrinter, PrinterError
from hildprint.core.desk.search import fold
from hildprint.core.domain.errors import MESSAGE_LIMIT, HildprintError, one_line
from hildprint.core.domain.model import ROLES, Attendee, Author, Event, Paper, Room, Session
from hildprint.core.domain.programme import BoardError
from hildprint.core.domain.resources import assets_dir
from hildprint.core.domain.rules import DEFAULT_RULES, RulesError, list_rules, load_rules, rule_names
from hildprint.core.importers import FORMATS as IMPORT_FORMATS
from hildprint.core.importers import KINDS as IMPORT_KINDS
from hildprint.core.layout.fonts import font_families
from hildprint.core.layout.geometry import paper_size
from hildprint.core.layout.qr import QUIET_ZONE as QR_QUIET_ZONE
from hildprint.core.layout.stock import DEFAULT_STOCK, Stock, custom_grid, list_stocks, load_stock
from hildprint.core.layout.template import list_templates
from hildprint.core.render.badges import BadgeWarning
from hildprint.core.render.guidelines import MOUNTINGS
from hildprint.core.services.about import FontLicence, font_licences, versions
from hildprint.core.services.badges import (
    BadgeRequest,
    BadgeRun,
    BadgeSelection,
    badge_people,
    badge_warnings,
    make_badges,
)
from hildprint.core.services.demo import DEMO_EVENT_NAME, DemoResult, build_demo
from hildprint.core.services.designs import (
    DESIGN_SETTING,
    EVENT_TEMPLATE,
    NEUTRAL_TEMPLATE,
    PLACEHOLDERS,
    BoxPreview,
    bundled_design,
    check_design,
    column_placeholders,
    design_for_stock,
    event_design,
    export_design,
    picture_from_pdf,
    pictures_folder,
    preview_design,
    save_event_design,
    template_for,
    worst_cases,
)
from hildprint.core.services.desk import (
    add_walk_in,
    badge_previewer,
    desk_folder,
    desk_name,
    desk_on,
    desk_pdf_path,
    log_desk_print,
    open_desk,
    write_desk_badge,
)
from hildprint.core.services.documents import (
    DEFAULT_SIGN_PAPER,
    MOUNTING_SETTING,
    SIGN_KINDS,
    DocumentRun,
    GuidelineRequest,
    LabelResult,
    SignRequest,
    board_label_pdf,
    door_sign_pdf,
    load_programme,
    make_board_labels,
    make_guidelines,
    make_signage,
    preview_board_label,
    preview_door_sign,
)
from hildprint.core.services.editing import (
    EDITABLE_EVENT_FIELDS,
    RECORD_KINDS,
    SECOND_LANGUAGE_SETTING,
    EventSettings,
    Removed,
    Snapshot,
    add_attendee,
    add_paper,
    attach_poster,
    change_event,
    check_event,
    check_event_dates,
    delete_records,
    event_settings,
    new_session,
    put_records,
    restore_attendee_fields,
    restore_removed,
    revert,
    save_event_settings,
    save_paper,
    save_session,
    snapshot,
)
from hildprint.core.services.events import (
    EDITABLE_ATTENDEE_FIELDS,
    LISTABLE,
    EditError,
    UnknownTimeZone,
    check_timezone,
    create_event,
    edit_attendee,
    event_code,
    export_records,
    list_records,
    number_boards,
    records_of_kind,
    set_board,
    time_zone_names,
)
from hildprint.core.services.imports import (
    ImportPreview,
    ImportReport,
    import_fields,
    import_file,
    preview_import,
)
from hildprint.core.services.poster_fit import DEFAULT_STOCK as DEFAULT_POSTER_STOCK
from hildprint.core.services.poster_fit import (
    FitOutcome,
    FitOutputError,
    FitPreview,
    PosterOrder,
    fit_posters,
    fit_preview,
    fitted_name,
    poster_order,
)
from hildprint.core.services.poster_messages import (
    AuthorMessages,
    MessageError,
    author_messages,
    check_and_compose,
    default_sender,
    poster_deadline,
    send_messages,
    set_poster_deadline,
    write_messages,
)
from hildprint.core.services.posters import (
    POSTER_SUFFIXES,
    EventPosterRun,
    PosterError,
    PosterNotFound,
    PosterRequest,
    attach_poster_folder,
    attach_posters,
    check_poster_files,
    find_poster_files,
    poster_checks,
    validate_event_posters,
    validate_posters,
)
from hildprint.core.services.print_runs import (
    PRINT_DOCUMENTS,
    PrintOutcome,
    PrintRequest,
    check_badges,
    print_documents,
)
from hildprint.core.services.sample import create_sample_event
from hildprint.core.services.session import EventRef, EventSession, is_event_file, using
from hildprint.core.services.sync import CopyCounts, MergeCounts, SyncError, merge_events, pull_event, push_event
from hildprint.core.store import ServerUnreachable, is_server_url, server_name
from hildprint.core.validate.fit import FitRefused
from hildprint.core.validate.match import FolderMatch, PosterMatch
from hildprint.core.validate.model import VERDICTS, Verdict
from hildprint.core.validate.report import REPORT_SUFFIXES, VERDICT_COLOURS, outline, write_report
from hildprint.core.validate.runner import DEFAULT_MEMORY_MB, DEFAULT_TIMEOUT_S

DEFAULT_TEMPLATE = EVENT_TEMPLATE
"""The template badges print with unless another is chosen: the event's own design
(the neutral template until the organiser makes one)."""

__all__ = [
    "DEFAULT_MEMORY_MB", "DEFAULT_RULES", "DEFAULT_SIGN_PAPER", "DEFAULT_STOCK", "DEFAULT_TEMPLATE",
    "DEFAULT_TIMEOUT_S", "DEMO_EVENT_NAME", "EDITABLE_ATTENDEE_FIELDS", "IMPORT_FORMATS", "IMPORT_KINDS",
    "LISTABLE", "MOUNTINGS", "MOUNTING_SETTING", "POSTER_SUFFIXES", "PRINT_DOCUMENTS", "REPORT_SUFFIXES",
    "SIGN_KINDS", "VERDICTS", "BadgePrinter", "BadgeRequest", "BadgeSelection", "BoardError", "CupsPrinter",
    "DemoResult", "DeskError", "EditError", "Event", "EventPosterRun", "EventRef", "EventSession",
    "GuidelineRequest", "HildprintError", "ImportPreview", "ImportReport", "LabelResult", "PosterError",
    "PosterNotFound", "PosterRequest", "PrintOutcome", "PrintRequest", "PrinterError", "RulesError", "SignRequest",
    "Stock", "UnknownTimeZone", "Verdict", "attach_posters", "badge_people", "build_demo", "check_badges",
    "check_timezone", "create_event", "custom_grid", "desk_folder", "desk_name", "desk_pdf_path", "edit_attendee",
    "event_code", "export_records", "find_poster_files", "import_fields", "import_file", "is_event_file",
    "list_records", "list_rules", "list_stocks", "list_templates", "load_programme", "make_badges",
    "make_board_labels", "make_guidelines", "make_signage", "number_boards", "open_desk", "paper_size",
    "poster_checks", "preview_board_label", "preview_door_sign", "preview_import", "print_documents",
    "records_of_kind", "set_board", "time_zone_names", "using", "validate_event_posters", "validate_posters",
    "write_report"
]
__all__ += [  # what the window also needs: records and verdicts it shows, the desk it drives
    "ROLES", "VERDICT_COLOURS", "Attendee", "Author", "BadgeWarning", "CheckIn", "Desk", "Paper", "PrintResult", "Room",
    "Session", "assets_dir", "badge_previewer", "desk_on", "fold", "load_rules", "log_desk_print",
    "looks_like_token", "outline", "rule_names", "write_desk_badge",
]
__all__ += [  # several desks: the event on a server, copies brought together, walk-ins
    "CopyCounts", "MergeCounts", "ServerUnreachable", "SyncError", "add_walk_in", "is_server_url",
    "merge_events", "pull_event", "push_event", "server_name",
]
__all__ += ["EDITABLE_EVENT_FIELDS"]
__all__ += [  # previews in memory, badge warnings without a PDF, poster files checked as found
    "BadgeRun", "DocumentRun", "badge_warnings", "board_label_pdf", "check_poster_files", "door_sign_pdf",
]
__all__ += [  # changing an event and putting changes back (undo)
    "RECORD_KINDS",
    "SECOND_LANGUAGE_SETTING",
    "EventSettings",
    "Removed",
    "Snapshot",
    "add_attendee",
    "add_paper",
    "attach_poster",
    "change_event",
    "check_event",
    "check_event_dates",
    "delete_records",
    "event_settings",
    "new_session",
    "put_records",
    "restore_attendee_fields", "restore_removed",
    "revert",
    "save_event_settings",
    "save_paper",
    "save_session",
    "snapshot",
]
__all__ += ["FontLicence", "create_sample_event", "font_licences", "versions"]  # the About box, the start page
__all__ += [  # from verdict to fix: fitting posters
    "FitOutcome",
    "FitOutputError",
    "FitPreview",
    "FitRefused",
    "FolderMatch",
    "PosterMatch",
    "attach_poster_folder",
    "fit_posters",
    "fit_preview",
    "fitted_name",
]
__all__ += [  # telling authors about their posters
    "AuthorMessages", "MessageError", "author_messages", "default_sender", "poster_deadline", "send_messages",
    "set_poster_deadline", "write_messages",
]
__all__ += ["DEFAULT_POSTER_STOCK", "PosterOrder", "poster_order"]  # a print shop's order of posters
__all__ += ["check_and_compose"]
__all__ += [  # the badge designer: designs kept in the event, exported, previewed with real people
    "DESIGN_SETTING",
    "EVENT_TEMPLATE",
    "NEUTRAL_TEMPLATE",
    "PLACEHOLDERS",
    "QR_QUIET_ZONE",
    "BoxPreview",
    "bundled_design",
    "check_design",
    "column_placeholders",
    "design_for_stock",
    "event_design",
    "export_design",
    "font_families",
    "load_stock",
    "picture_from_pdf",
    "pictures_folder",
    "preview_design",
    "save_event_design",
    "template_for",
    "worst_cases",
]
__all__ += ["MESSAGE_LIMIT", "one_line"]  # one printable, capped line for any message
