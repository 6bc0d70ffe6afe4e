"""``Workspace``: one SQLite file holding reports, figures, indicator values, checks, review events.

A facade over plain modules, each one concern: ``session`` (the connection, its lock, the write
transaction), ``db`` (the file, schema and migrations, from the columns of ``columns``), ``storing``
(one extracted report in), ``importer`` (files and folders in), ``reading`` (rows out), ``bulk``
(rows out for the exports), ``review`` (review actions), ``signoff`` (the second reviewer, reopening,
the reviewers' names), ``lock`` (the lock on finished reports), ``history`` (undo/redo), ``checking``
(checks re-run on stored values), ``queries`` (the same issuer's report of another year). Reading methods
return frozen rows (core/store/rows.py).
"""

from __future__ import annotations

import functools
import os
import sqlite3
import time
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from decimal import Decimal
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from core import messages
from core.errors import StoreError
from core.model import Document, Extraction
from core.store import bulk, db, history, lock, reading, review, signoff, storing
from core.store import verify as audit
from core.store.rows import (
    Change,
    CheckRow,
    EventRow,
    FigureRow,
    FigureTuple,
    ImportResult,
    IndicatorRow,
    IndicatorTuple,
    ReportName,
    ReportRow,
)
from core.store.search import Hit
from core.store.session import BUSY_RETRIES, Session
from core.store.signoff import Reviewers, Signers

T = TypeVar("T")


class Workspace:
    def __init__(self, session: Session, reviewer: str) -> None:
        self.reviewer = reviewer  # who the review events name; the GUI may change it while open
        self._session = session
        self._conn = session.conn

    @property
    def path(self) -> Path:
        return self._session.path

    @property
    def readonly(self) -> bool:
        return self._session.readonly

    # ---- opening and closing -------------------------------------------------------------------
    @staticmethod
    def older_format(path: str | os.PathLike[str]) -> int | None:
        """The format version of the workspace at ``path`` when ``open`` will upgrade it first (a
        backup, then each migration: some seconds for thousands of reports), else None."""
        p = Path(path)
        return db.older_format(p) if p.is_file() else None

    @classmethod
    def open(
        cls, path: str | os.PathLike[str], reviewer: str = "", readonly: bool = False, integrity: bool = True
    ) -> Workspace:
        """Open (or create) the workspace at ``path``. Raises ``StoreError`` naming the file.

        ``integrity`` (the default) reads the whole file first and refuses a damaged one, as every
        command does; the window opens with it false, in a time that does not grow with the workspace,
        and runs ``check_integrity`` in the background."""
        p = Path(path)
        db.check_file(p)
        if not readonly and p.exists() and not os.access(p, os.W_OK):
            raise StoreError(f"{p}: 工作区文件为只读或没有写入权限，无法保存审核结果")
        delay = 0.01
        for attempt in range(BUSY_RETRIES):  # a workspace others are writing to: retry as writers do
            conn: sqlite3.Connection | None = None
            try:
                conn = db.connect(p, readonly)
                db.prepare(conn, p, readonly, integrity)
                if not readonly:  # fail now, not on the first review action, when the file can't be written
                    conn.execute("BEGIN IMMEDIATE")
                    conn.execute("COMMIT")
                unsound = audit.quick(conn)  # the cheap part of ``verify``: each hash chain's head
                break
            except StoreError:
                if conn is not None:
                    conn.close()
                raise
            except UnicodeDecodeError as e:  # a damaged page of the schema: its names are not text
                if conn is not None:
                    conn.close()
                raise db.damaged(p) from e
            except (sqlite3.Error, OSError) as e:
                if conn is not None:
                    conn.close()
                if db.is_busy(e) and attempt < BUSY_RETRIES - 1:
                    time.sleep(delay)
                    delay = min(delay * 2, 0.5)
                    continue
                raise db.explain(p, e) from e
        assert conn is not None  # the loop ends with a break once opened, or raises
        session = Session(p, conn, readonly)
        session.unsound = unsound
        session.summary = (
            conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'report_summary'").fetchone() is not None
        )
        return cls(session, reviewer)

    def close(self) -> None:
        self._session.close()

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self, t: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def verify(self) -> audit.Result:
        """Replay the review log and check the whole workspace (``hecha verify``)."""
        return self._session.read(audit.verify)

    def require_sound(self, report_ids: Collection[int] | None = None, signed: bool = False) -> None:
        """Raise ``StoreError`` naming the file when the workspace failed the check made at open (a
        hash chain broken, a planted trigger) or, for ``report_ids``, their replay (``signed``: only
        those of them that are done or approved, all reports when None): exports and the record refuse
        such a workspace rather than print what it says."""
        problem = self._session.unsound
        if signed:
            locked = {
                r[0]
                for r in self._session.read(
                    lambda c: c.execute(
                        "SELECT id FROM reports WHERE status IN ('done', 'approved')"
                    ).fetchall()
                )
            }
            report_ids = sorted(locked if report_ids is None else locked & set(report_ids))
        for rid in report_ids or ():
            if problem is not None:
                break
            got = self._session.read(functools.partial(audit.report_problems, report_id=rid))
            if got:
                name = reading.report(self._session, rid).path.replace("\\", "/").rsplit("/", 1)[-1]
                problem = f"{name}: {got[0]}"
        if problem is not None:
            raise StoreError(
                f"{self.path}: 工作区未通过校验，不能导出或打印：{problem}。"
                f"请用 hecha verify --db 查看详情，并从备份恢复此文件"
            )

    def signoff(self, report_id: int) -> signoff.Signoff:
        """How the report stands signed: its digest now, the step that locked it and whether it still
        holds, the override reason and what was left open, check results changed after the lock."""
        return self._session.read(lambda c: signoff.state(c, report_id))

    def check_integrity(self) -> None:
        """Read the whole file (SQLite's quick_check) on a connection of its own; raise ``StoreError``
        naming the file and its latest sound backup when it is damaged. Safe off the GUI thread."""
        db.check_path(self.path)

    def integrity_ok(self) -> bool:
        return bool(self._session.rows("PRAGMA integrity_check")[0]["integrity_check"] == "ok")

    # ---- import --------------------------------------------------------------------------------
    def has_sha(self, sha256: str) -> bool:
        return reading.has_sha(self._session, sha256)

    def add_report(self, ex: Extraction, original: bytes | None = None) -> int:
        """Store one extracted report in one transaction; an already stored file returns its id."""
        return self.store_report(ex, original)[0]

    def store_report(self, ex: Extraction, original: bytes | None = None) -> tuple[int, bool]:
        """``add_report``, also saying whether the report is new (False: the file was already stored)."""
        return self._session.write(lambda c: storing.add(c, ex, original))

    def store_batch(self, batch: Sequence[storing.ReportRows]) -> list[tuple[int, bool]]:
        """Store analysed reports (``storing.rows_of``) in one transaction: all of them or none."""
        from core.store.terms import Codes

        def store(c: sqlite3.Connection) -> list[tuple[int, bool]]:
            codes = Codes(c)  # the strings' ids, learnt once for the batch's transaction
            return [storing.write(c, r, codes) for r in batch]

        return self._session.write(store)

    def import_paths(
        self,
        paths: Iterable[str | os.PathLike[str]],
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        workers: int | None = None,
        announce: Callable[[str], None] | None = None,
    ) -> ImportResult:
        from core.store import importer  # here, not at start: it loads the document readers

        return importer.import_paths(
            self, paths, progress=progress, cancelled=cancelled, workers=workers, announce=announce
        )

    # ---- reading -------------------------------------------------------------------------------
    def reports(
        self, issuer: str | None = None, year: int | None = None, status: str | None = None
    ) -> list[ReportRow]:
        return reading.reports(self._session, issuer, year, status)

    def report_names(self) -> list[ReportName]:
        """Every report's id, file, title, issuer and year, without ``reports()``'s counts."""
        return reading.report_names(self._session)

    def report(self, report_id: int) -> ReportRow:
        return reading.report(self._session, report_id)

    def document(self, report_id: int) -> Document:
        return reading.document(self._session, report_id)

    def original_bytes(self, report_id: int) -> bytes | None:
        return reading.original_bytes(self._session, report_id)

    def figures(self, report_id: int) -> list[FigureRow]:
        return reading.figures(self._session, report_id)

    def figure(self, figure_id: int) -> FigureRow:
        return reading.figure(self._session, figure_id)

    def indicators(self, report_id: int) -> dict[str, IndicatorRow]:
        return reading.indicators(self._session, report_id)

    def checks(self, report_id: int) -> list[CheckRow]:
        return reading.checks(self._session, report_id)

    def events(self, report_id: int | None = None) -> list[EventRow]:
        return reading.events(self._session, report_id)

    def previous_report(self, report_id: int) -> int | None:
        return reading.previous_report(self._session, report_id)

    # ---- bulk reading for the exports: one query per table (core/store/bulk.py) -------------------
    def search(
        self,
        needle: str,
        limit: int = 300,
        progress: Callable[[int, int], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
        found: Callable[[list[Hit]], None] | None = None,
    ) -> list[Hit]:
        """Where ``needle`` stands across the workspace's reports (``core.store.search``); ``progress``,
        ``cancelled`` and ``found`` (the hits of each batch of reports) for a search in the background."""
        from core.store import search

        return search.search(self, needle, limit, progress=progress, cancelled=cancelled, found=found)

    def texts(self, report_ids: Collection[int] | None = None) -> dict[int, str]:
        """Report id → canonical text, for ``report_ids`` (None: every report)."""
        return self._session.read(lambda c: bulk.texts(c, _ids(report_ids)))

    def all_figures(
        self, report_ids: Collection[int] | None = None, in_tables: bool = True
    ) -> dict[int, list[FigureTuple]]:
        """Report id → its figures in text order, as named tuples with int/float values; without the
        cells of tables 二, 三, 四 (figures an indicator value links to) when ``in_tables`` is false."""
        return self._session.read(lambda c: bulk.figures(c, _ids(report_ids), in_tables))

    def all_indicators(
        self, report_ids: Collection[int] | None = None
    ) -> dict[int, dict[str, IndicatorTuple]]:
        """Report id → indicator id → its value, as named tuples with int/float values."""
        return self._session.read(lambda c: bulk.indicators(c, _ids(report_ids)))

    def long_rows(
        self,
        report_ids: Collection[int],
        order: Sequence[str],
        kinds: Mapping[str, str],
        statuses: Mapping[str, str],
        in_tables: bool = True,
    ) -> tuple[list[tuple[Any, ...]], list[tuple[Any, ...]]]:
        """The reports' indicator values (each report's in the order of indicator ids ``order``, then
        the others by id) and their figures (by start), as plain tuples by report id nearly as the
        long-form CSV writes them: kinds and statuses worded by ``kinds`` / ``statuses``, values as
        numbers (see core/store/bulk.py for the columns)."""
        ids = _ids(report_ids)
        return self._session.read(
            lambda c: (
                bulk.long_indicators(c, ids, order, kinds, statuses),
                bulk.long_figures(c, ids, statuses, in_tables),
            )
        )

    def indicators_named(
        self, report_ids: Collection[int] | None, names: Collection[str]
    ) -> dict[int, dict[str, IndicatorTuple]]:
        """``all_indicators`` for the indicator ids ``names`` only."""
        return self._session.read(lambda c: bulk.indicators_named(c, _ids(report_ids), names))

    def export_counts(self, report_ids: Collection[int] | None = None) -> bulk.Counts:
        """Narrative figures, checks and events of the reports, the reports holding indicator values
        and the indicator ids they hold (``core.store.bulk.counts``)."""
        return self._session.read(lambda c: bulk.counts(c, _ids(report_ids)))

    def checks_of(self, report_ids: Collection[int]) -> dict[int, list[CheckRow]]:
        """Report id → its checks, as ``checks`` gives them, for many reports in one query."""
        return reading.checks_of(self._session, report_ids)

    def events_after(self, after: int, limit: int) -> list[EventRow]:
        """Up to ``limit`` review events after the event ``after`` (0: from the first), in order."""
        return reading.events_after(self._session, after, limit)

    def figure_places(self, figure_ids: Collection[int]) -> dict[int, tuple[str, int, str | None]]:
        """Figure id → its text, start and the table cell (indicator id) linked to it, if any."""
        return self._session.read(lambda c: bulk.figure_places(c, figure_ids))

    def last_reviewers(self, report_ids: Collection[int] | None = None) -> dict[int, dict[str, str]]:
        """Report id → ``figure:ID`` / ``indicator:ID`` → who last reviewed it (undone events aside)."""
        return self._session.read(lambda c: bulk.last_reviewers(c, _ids(report_ids)))

    # ---- review actions (core/store/review.py), each one transaction and one review event ----------
    def confirm(self, figure_id: int) -> Change:
        return review.confirm(self._session, self.reviewer, figure_id)

    def correct(self, figure_id: int, value: Decimal) -> Change:
        return review.correct(self._session, self.reviewer, figure_id, value)

    def reject(self, figure_id: int) -> Change:
        return review.reject(self._session, self.reviewer, figure_id)

    def add(
        self,
        report_id: int,
        start: int,
        end: int,
        value: Decimal,
        unit: str | None = None,
        label: str = "",
        indicator: str | None = None,
    ) -> Change:
        return review.add(self._session, self.reviewer, report_id, start, end, value, unit, label, indicator)

    def set_indicator(self, figure_id: int, indicator: str | None) -> Change:
        return review.set_indicator(self._session, self.reviewer, figure_id, indicator)

    def set_indicator_value(
        self, report_id: int, indicator: str, value: Decimal | None, kind: str = "number"
    ) -> Change:
        return review.set_indicator_value(self._session, self.reviewer, report_id, indicator, value, kind)

    def mark_not_stated(self, report_id: int, indicator_ids: Iterable[str]) -> Change:
        """Mark cells the report does not state (未填报), one review event for them all."""
        return review.mark_not_stated(self._session, self.reviewer, report_id, indicator_ids)

    def confirm_figures(self, report_id: int, figure_ids: Iterable[int]) -> Change:
        """Confirm several figures (a paragraph's) in one review event."""
        return review.confirm_figures(self._session, self.reviewer, report_id, figure_ids)

    def confirm_indicators(self, report_id: int, indicator_ids: Iterable[str]) -> Change:
        return review.confirm_indicators(self._session, self.reviewer, report_id, indicator_ids)

    def accept_check(self, report_id: int, rule: str, subject: str, reason: str) -> Change:
        return review.accept_check(self._session, self.reviewer, report_id, rule, subject, reason)

    def set_report_status(self, report_id: int, status: str, override: str = "") -> Change:
        """Set the report's status. 已完成 is refused (``OpenItemsError``) while figures are not decided,
        unread cells not filled or marked not stated, or failing checks not accepted — unless
        ``override`` gives the reason, which the record prints with what was left open."""
        return review.set_report_status(self._session, self.reviewer, report_id, status, override)

    # ---- signing off (core/store/signoff.py): the lock, the second reviewer, the reviewers' names ------
    def reopen(self, report_id: int, reason: str) -> Change:
        """Open a done or approved report again for changes, with a reason."""
        return signoff.reopen(self._session, self.reviewer, report_id, reason)

    def approve(self, report_id: int, override: str = "") -> Change:
        """The second reviewer approves a done report (复核通过); it stays locked. The acting reviewer
        (``self.reviewer``) must be the workspace's second reviewer and must have made no decision on the
        report since its last approval; open items need ``override`` as for 已完成."""
        return signoff.approve(self._session, self.reviewer, report_id, override)

    def return_report(self, report_id: int, reason: str) -> Change:
        """The second reviewer returns a done report (退回) with a reason, opening it again."""
        return signoff.return_report(self._session, self.reviewer, report_id, reason)

    def reviewers(self) -> Reviewers:
        """The workspace's first and second reviewer's names ('' when not entered yet)."""
        return self._session.read(signoff.reviewers)

    def set_reviewers(self, reviewer: str | None = None, second_reviewer: str | None = None) -> Reviewers:
        """Store the first and/or second reviewer's name (None leaves one as it is); never the same person."""
        return signoff.set_reviewers(self._session, reviewer, second_reviewer, self.reviewer)

    def return_reason(self, report_id: int) -> tuple[str, str] | None:
        """(second reviewer, reason) when the report is returned to its first reviewer now."""
        return self._session.read(lambda c: signoff.return_reason(c, report_id))

    def signers(self, report_ids: Collection[int] | None = None) -> dict[int, Signers]:
        """Report id → who marked it done and who approved or returned it (unsigned reports left out)."""
        return self._session.read(lambda c: signoff.signers(c, report_ids))

    # ---- undo / redo from the review-event log (core/store/history.py) ------------------------------
    def can_undo(self, report_id: int | None = None) -> bool:
        return self._session.read(lambda c: history.undo_target(c, self.reviewer, report_id)) is not None

    def can_redo(self, report_id: int | None = None) -> bool:
        return self._session.read(lambda c: history.redo_target(c, self.reviewer, report_id)) is not None

    def undo_needs_reason(self, report_id: int | None = None) -> bool:
        """True when this reviewer's undo would undo 已完成: that is a reopen, and takes a reason."""
        return self._session.read(
            lambda c: (
                (e := history.undo_target(c, self.reviewer, report_id)) is not None
                and history.is_done_step(c, e)
            )
        )

    def undo(self, report_id: int | None = None, reason: str = "") -> Change | None:
        """Undo this reviewer's latest action not yet undone (in ``report_id`` when given); else None.
        Refused (``StoreError``) on a locked report, across a sign-off step, or when someone changed the
        same item since. Undoing 已完成 reopens the report and takes ``reason``."""
        if self.undo_needs_reason(report_id):
            eid = self._session.read(lambda c: history.undo_target(c, self.reviewer, report_id))
            r = self._session.one("SELECT report_id FROM review_events WHERE id = ?", (eid,))
            done = int(r["report_id"]) if r else 0
            if not reason.strip():  # named by the report undone, as every refusal of a review step is
                name = self._session.read(lambda c: lock.report_name(c, done, str(self.path)))
                raise StoreError(f"{name}: {messages.UNDO_DONE_REASON}")
            return self.reopen(done, reason)
        return self._session.write(lambda c: history.step(c, self.reviewer, "undo", report_id))

    def redo(self, report_id: int | None = None) -> Change | None:
        """Redo this reviewer's most recently undone action, if they did nothing new since; else None."""
        return self._session.write(lambda c: history.step(c, self.reviewer, "redo", report_id))


def _ids(report_ids: Collection[int] | None) -> set[int] | None:
    return None if report_ids is None else set(report_ids)
