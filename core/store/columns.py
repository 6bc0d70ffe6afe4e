"""The workspace tables, each column declared once.

Schema creation (db.py), the inserts, reads and undo snapshots (storing.py, reading.py, history.py)
and the row types (rows.py, checked by tests/core/store/test_columns.py) all follow these lists, so a
new column is declared here (that test then asks codec.py for its value) plus a migration in
db.MIGRATIONS.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    type: type  # int → INTEGER, str → TEXT, float → REAL, bytes → BLOB
    not_null: bool = False
    default: str | int | float | None = None


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    other: str = "id"
    cascade: bool = True  # ON DELETE CASCADE: the row goes with its report


@dataclass(frozen=True)
class Index:
    name: str
    columns: tuple[str, ...]
    unique: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    pk: tuple[str, ...] = ()
    foreign_keys: tuple[ForeignKey, ...] = ()
    indexes: tuple[Index, ...] = ()
    autoincrement: bool = False  # ids never reused, even after a row is deleted (version 3)
    # Version 5, repeated strings stored once: the table is kept in ``stored_in`` with each column of
    # ``coded`` as the id of its text in ``terms``; ``name`` is a view giving the text back, so every
    # reader sees the columns above (core/store/terms.py). ``rowid``: the readers keep the order each
    # report's rows were stored in (``ORDER BY rowid``); the rows are stored WITHOUT ROWID, clustered
    # by the primary key, with ``seq`` (their order within the report), which the view shows as rowid.
    coded: tuple[str, ...] = ()
    stored_in: str = ""
    rowid: bool = False
    without_rowid: bool = False  # the stored table (core/store/terms.py ``stored``)
    # Version 6: the rows are stored clustered by this key (WITHOUT ROWID), each report's together, not
    # as a rowid table with an index by report; ``id`` is then a row's place among its report's rows,
    # unless ``autoincrement`` keeps ids unique in the workspace (the figures, from version 7: their ids
    # come from ``sqlite_sequence`` and ``figure_id_ranges`` finds a figure's report from its id).
    clustered: tuple[str, ...] = ()
    clustered_since: int = 6  # the format version from which the table is stored so

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    def column_list(self, names: tuple[str, ...] | list[str] | None = None) -> str:
        """The columns, quoted for SQL (``end`` is a keyword)."""
        return ", ".join(f'"{n}"' for n in (self.names if names is None else names))

    def insert_sql(self, names: tuple[str, ...] | list[str] | None = None) -> str:
        """``INSERT`` of ``names`` (default: every column) with one ``?`` per column."""
        cols = self.names if names is None else names
        return f"INSERT INTO {self.name} ({self.column_list(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _c(name: str, t: type, not_null: bool = False, default: str | int | float | None = None) -> Column:
    return Column(name, t, not_null, default)


SCHEMA_VERSION_TABLE = Table("schema_version", (_c("version", int, True),))

REPORTS = Table(
    "reports",
    (
        _c("id", int),
        _c("path", str, True),
        _c("sha256", str, True),
        _c("format", str, True),
        _c("title", str),
        _c("issuer", str),
        _c("year", int),
        _c("encoding", str),
        _c("status", str, True, "unreviewed"),
        _c("imported_at", str, True),
        _c("text", str, True),
        _c("tables", str, True, "[]"),
        _c("pages", str, True, "[]"),
        _c("char_pages", bytes),
        _c("char_pages_type", str),
        _c("char_boxes", bytes),
        _c("char_boxes_type", str),
        _c("warnings", str, True, "[]"),
        _c("issuer_key", str),  # core.documents.meta.issuer_key(issuer), for the previous-year query (v2)
        _c("sealed", str),  # core.store.ledger digest of the report as imported, checks aside (v3)
    ),
    pk=("id",),
    indexes=(
        Index("reports_sha256", ("sha256",), unique=True),
        Index("reports_issuer_year", ("issuer", "year")),
        Index("reports_status", ("status",)),
        Index("reports_year_issuer_key", ("year", "issuer_key")),  # version 2
    ),
)

ORIGINALS = Table(
    "originals",
    (
        _c("report_id", int),
        _c("data", bytes, True),
        # version 5: how ``data`` holds the file (core/store/codec.py pack_original: "" as it was read,
        # "zlib" deflated with the report's text as its dictionary, "text" the text encoded again) and
        # the file's own size in bytes
        _c("packing", str, True, ""),
        _c("size", int),
    ),
    pk=("report_id",),
    foreign_keys=(ForeignKey("report_id", "reports"),),
)

FIGURES = Table(
    "figures",
    (
        _c("id", int),
        _c("report_id", int, True),
        _c("start", int, True),
        _c("end", int, True),
        _c("text", str, True),
        _c("value", str),  # a Decimal as text (codec.dec_text): exact, never a float
        _c("original_value", str),
        _c("unit", str),
        _c("multiplier", str),
        _c("qualifier", str),
        _c("label", str, True, ""),
        _c("indicator", str),
        _c("confidence", float, True, 0.5),
        _c("rule", str, True, ""),
        _c("source", str, True, "text"),
        _c("status", str, True, "pending"),
    ),
    pk=("id",),
    foreign_keys=(ForeignKey("report_id", "reports"),),
    indexes=(
        Index("figures_report", ("report_id", "start")),
        # version 2 added (report_id, status) for the report list's counts; version 5 drops it: the
        # counts are kept in report_summary (v4), and a report's figures are found by figures_report;
        # version 7 drops figures_report too: the rows are stored clustered by report
    ),
    autoincrement=True,  # review events name figures by id: an id is never given to another (v3)
    coded=("unit", "multiplier", "qualifier", "label", "indicator", "rule", "source", "status"),
    stored_in="figure_rows",
    clustered=("report_id", "id"),
    clustered_since=7,
)

INDICATOR_VALUES = Table(
    "indicator_values",
    (
        _c("report_id", int, True),
        _c("indicator", str, True),
        _c("kind", str, True),
        _c("value", str),
        _c("raw", str, True, ""),
        _c("start", int),
        _c("end", int),
        _c("confidence", float, True, 0.9),
        _c("status", str, True, "pending"),
        _c("figure_id", int),
        _c("original_kind", str),
        _c("original_value", str),
    ),
    pk=("report_id", "indicator"),
    foreign_keys=(ForeignKey("report_id", "reports"),),
    # version 4 indexed them by figure id, the lookup each review step on a figure makes; version 6
    # drops it: that lookup is made within the figure's report, through the primary key
    coded=("indicator", "kind", "status", "original_kind"),
    stored_in="indicator_value_rows",
    rowid=True,
)

CHECKS = Table(
    "checks",
    (
        _c("id", int),
        _c("report_id", int, True),
        _c("rule", str, True),
        _c("subject", str, True),
        _c("status", str, True),
        _c("severity", str, True),
        _c("formula", str, True, ""),
        _c("cells", str, True, "[]"),
    ),
    pk=("id",),
    foreign_keys=(ForeignKey("report_id", "reports"),),
    indexes=(Index("checks_report", ("report_id",)),),  # version 5; version 6 clusters them by report
    coded=("rule", "subject", "status", "severity", "cells"),
    stored_in="check_rows",
    clustered=("report_id", "id"),
)

ACCEPTED_CHECKS = Table(
    "accepted_checks",
    (_c("report_id", int, True), _c("rule", str, True), _c("subject", str, True), _c("reason", str, True)),
    pk=("report_id", "rule", "subject"),
    foreign_keys=(ForeignKey("report_id", "reports"),),
)

REVIEW_EVENTS = Table(  # append-only: rows are added, and only ``undone`` ever changes
    "review_events",
    (
        _c("id", int),
        _c("at", str, True),
        _c("reviewer", str, True, ""),
        _c("report_id", int, True),
        _c("target", str, True),
        _c("action", str, True),
        _c("old", str, True, ""),
        _c("new", str, True, ""),
        _c("reason", str, True, ""),
        _c("undone", int, True, 0),
        _c("undoes", int),
        _c("before_state", str, True, "{}"),
        _c("after_state", str, True, "{}"),
        _c("digest", str),  # 已完成 / 复核通过: the report's digest signed (core/store/ledger.py, v3)
        _c("hash", str),  # the hash chain: sha256 of the previous event's hash and this event (v3)
    ),
    pk=("id",),
    foreign_keys=(
        ForeignKey("report_id", "reports", cascade=False),  # the audit trail outlives nothing silently
        ForeignKey("undoes", "review_events", cascade=False),
    ),
    indexes=(
        Index("review_events_report", ("report_id", "id")),
        # the report list's signers: the sign-off steps alone, not every review step ever made (v4)
        Index("review_events_action", ("action", "id")),
    ),
    autoincrement=True,
)

WORKSPACE_EVENTS = Table(  # the reviewers' names as they were set: append-only, a hash chain (v3)
    "workspace_events",
    (
        _c("id", int),
        _c("at", str, True),
        _c("reviewer", str, True, ""),
        _c("key", str, True),
        _c("old", str, True, ""),
        _c("new", str, True, ""),
        _c("hash", str),
    ),
    pk=("id",),
    autoincrement=True,
)

REPORT_SUMMARY = Table(  # the report list's counts, derived and kept per report (core/store/summary.py, v4)
    "report_summary",
    (
        _c("report_id", int),
        _c("n_figures", int, True, 0),
        _c("n_pending", int, True, 0),
        _c("n_failed", int, True, 0),
        _c("n_warnings", int, True, 0),
    ),
    pk=("report_id",),
    foreign_keys=(ForeignKey("report_id", "reports"),),
)

TERMS = Table(  # each repeated string once; the coded columns hold its id (core/store/terms.py, v5)
    "terms",
    (_c("id", int), _c("text", str, True)),
    pk=("id",),
    indexes=(Index("terms_text", ("text",), unique=True),),
)

FIGURE_ID_RANGES = Table(  # which report a figure id belongs to, without an index by id (v7)
    "figure_id_ranges",
    # the figures with ids from ``first_id`` up to the next range's first belong to ``report_id``: ids
    # are given in increasing order and a report's figures at its import are one range; a figure added
    # later to another report than the last range's starts a range of its own. A range outlives its
    # report (its ids are never given again), so no foreign key.
    (_c("first_id", int), _c("report_id", int, True)),
    pk=("first_id",),
)

LEDGER = Table(  # each hash chain's head and length, checked at every open (v3)
    "ledger",
    (_c("name", str), _c("head", str), _c("n", int, True, 0)),
    pk=("name",),
)

TABLES = (
    SCHEMA_VERSION_TABLE,
    REPORTS,
    ORIGINALS,
    FIGURES,
    INDICATOR_VALUES,
    CHECKS,
    ACCEPTED_CHECKS,
    REVIEW_EVENTS,
    WORKSPACE_EVENTS,
    LEDGER,
    REPORT_SUMMARY,
    TERMS,
    FIGURE_ID_RANGES,
)
CODED_TABLES = tuple(t for t in TABLES if t.coded)
