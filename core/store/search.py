"""Search across the reports of a workspace: a word of the text, an issuer, a year, a status, a failing
check — each hit with its report and, for the text, its place (``Workspace.search``)."""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from core import checks, messages, vocab
from core.store.rows import CheckRow, ReportRow
from core.textnorm import normalize


class _Reports(Protocol):
    """What a search reads of the workspace (``Workspace``'s own methods)."""

    def reports(self) -> list[ReportRow]: ...
    def texts(self, report_ids: Collection[int] | None = None) -> dict[int, str]: ...
    def checks(self, report_id: int) -> list[CheckRow]: ...


BATCH = 100  # reports whose text is read at a time
PER_REPORT = 5  # text hits listed per report (the report view's Ctrl+F finds the rest)
CONTEXT = 18  # characters of text each side of a hit


@dataclass(frozen=True, kw_only=True)
class Hit:
    """One place a search found: ``field`` is 正文, 发布机关, 年度, 状态, 文件 or 检查."""

    report_id: int
    name: str  # the report's file name
    field: str
    snippet: str
    start: int | None = None  # a hit in the text: its span in the report's text
    end: int | None = None
    rule: str = ""  # a hit on a failing check: its rule and subject
    subject: str = ""


def _fold(text: str) -> str:
    return normalize(text).lower()


def search(
    ws: _Reports,
    needle: str,
    limit: int = 300,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
    found: Callable[[list[Hit]], None] | None = None,
) -> list[Hit]:
    """The places of ``needle`` (any script or width, any case) in every report: the report's file
    name, issuer, year and status, its failing checks not accepted (rule, subject, formula), and its
    text (at most ``PER_REPORT`` hits a report) — at most ``limit`` hits, report by report.

    For a search run in the background: ``progress(done, total)`` after each batch of reports,
    ``found(hits)`` with the hits of each batch as they are found (before ``progress``), and
    ``cancelled()`` asked before each report: when it says so, the hits found so far are returned."""
    want = _fold(needle.strip())
    if not want:
        return []
    out: list[Hit] = []
    rows = ws.reports()
    told = 0  # hits handed to ``found`` so far
    for k in range(0, len(rows), BATCH):
        part = rows[k : k + BATCH]
        texts = ws.texts([r.id for r in part])
        for r in part:
            if cancelled is not None and cancelled():
                return out
            name = messages.shown_name(r.path)
            status = vocab.REPORT_STATUSES.get(r.status, r.status)
            fields = (
                ("文件", Path(r.path).name),
                ("发布机关", r.issuer or ""),
                ("年度", str(r.year or "")),
                ("状态", status),
            )
            for field, value in fields:
                if value and want in _fold(value):
                    out.append(Hit(report_id=r.id, name=name, field=field, snippet=value))
            if r.n_failed:
                for c in ws.checks(r.id):
                    if not checks.is_open_failure(c):
                        continue
                    words = f"{vocab.rule_name(c.rule)} {checks.subject_name(c.rule, c.subject)} {c.formula}"
                    if want in _fold(words) or want in _fold("检查未通过"):
                        out.append(
                            Hit(
                                report_id=r.id, name=name, field="检查", snippet=words, rule=c.rule,
                                subject=c.subject,
                            )
                        )  # fmt: skip
            text = texts.get(r.id, "")
            folded = _fold(text)
            if len(folded) != len(text):  # offsets must stay the text's
                folded = text
            at, n = folded.find(want), 0
            while at >= 0 and n < PER_REPORT:
                a, b = max(0, at - CONTEXT), min(len(text), at + len(want) + CONTEXT)
                snippet = " ".join(text[a:b].split())
                out.append(
                    Hit(
                        report_id=r.id, name=name, field="正文", snippet=snippet, start=at, end=at + len(want)
                    )
                )
                n += 1
                at = folded.find(want, at + len(want))
            if len(out) >= limit:
                del out[limit:]
                break
        if found is not None and len(out) > told:
            found(out[told:])
            told = len(out)
        if progress is not None:
            progress(min(k + BATCH, len(rows)), len(rows))
        if len(out) >= limit:
            break
    return out
