"""Spreadsheets reviewers hand on: ``to_xlsx`` (summary, one sheet per report in the official table
layout, every figure with its context, the audit trail) and ``to_csv`` (long form, UTF-8 with BOM).

XlsxWriter runs in its default mode (shared strings), which WPS Office and Excel both open.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from core import export_layout as layout
from core import schema
from core.errors import ExportError, HechaError
from core.store.rows import FigureRow, IndicatorRow, ReportRow

if TYPE_CHECKING:
    from core.store import Workspace

REPORT_STATUS_ZH = {"unreviewed": "未审核", "in_review": "审核中", "done": "已完成", "in_question": "有疑问"}
FIGURE_STATUS_ZH = {
    "pending": "待核对",
    "confirmed": "已确认",
    "corrected": "已更正",
    "rejected": "已否定",
    "added": "补录",
}
KIND_ZH = {"number": "数值", "zero": "零", "empty": "空白", "not_applicable": "不适用"}
ACTION_ZH = {
    "confirm": "确认", "correct": "更正", "reject": "否定", "add": "补录", "set_indicator": "设置指标",
    "set_indicator_value": "修改指标值", "confirm_indicators": "批量确认指标", "accept_check": "接受检查",
    "set_report_status": "设置报告状态", "undo": "撤销", "redo": "重做",
}  # fmt: skip
SOURCE_ZH = {"text": "正文", "table": "表格", "manual": "手工补录"}
QUALIFIER_ZH = {"more_than": "余/多", "at_least": "以上", "nearly": "近", "about": "约"}
CSV_COLUMNS = (
    "report", "issuer", "year", "kind", "indicator", "label", "value", "unit", "status", "reviewer", "context",
    "report_id", "start", "end",
)  # fmt: skip
CONTEXT = 20


@dataclass(frozen=True)
class ReportData:
    """Everything the exporters need about one report, read once."""

    row: ReportRow
    text: str
    figures: list[FigureRow]
    indicators: dict[str, IndicatorRow]
    reviewers: dict[str, str]  # "figure:ID" / "indicator:ID" → last reviewer

    @property
    def name(self) -> str:
        return Path(self.row.path).name

    def context(self, start: int | None, end: int | None) -> str:
        if start is None or end is None:
            return ""
        s = self.text[max(0, start - CONTEXT) : min(len(self.text), end + CONTEXT)]
        return re.sub(r"\s+", " ", s).strip()


def _num(v: Any) -> int | float | None:
    if v is None:
        return None
    return int(v) if v == v.to_integral_value() else float(v)


def _reviewers(ws: Workspace) -> dict[int, dict[str, str]]:
    """Per report, the reviewer of the latest standing event that touched each figure / indicator."""
    out: dict[int, dict[str, str]] = {}
    for rid, reviewer, after in ws._conn.execute(
        "SELECT report_id, reviewer, after_state FROM review_events "
        "WHERE undone = 0 AND action NOT IN ('undo', 'redo') ORDER BY id"
    ):
        d = out.setdefault(rid, {})
        for key in json.loads(after):
            d[key] = reviewer
    return out


def load(ws: Workspace, report_ids: Iterable[int] | None = None) -> Iterable[ReportData]:
    rows = ws.reports()
    if report_ids is not None:
        wanted = set(report_ids)
        missing = wanted - {r.id for r in rows}
        if missing:
            raise ExportError(f"{ws.path}: 工作区中没有编号为 {', '.join(map(str, sorted(missing)))} 的报告")
        rows = [r for r in rows if r.id in wanted]
    reviewers = _reviewers(ws)
    for r in rows:
        text = ws._conn.execute("SELECT text FROM reports WHERE id = ?", (r.id,)).fetchone()[0]
        yield ReportData(r, text, ws.figures(r.id), ws.indicators(r.id), reviewers.get(r.id, {}))


# ---- CSV ---------------------------------------------------------------------------------------
def _unit(indicator: str) -> str:
    ind = schema.by_id().get(indicator)
    return ind.unit if ind else ""


def to_csv(ws: Workspace, out_path: str | os.PathLike[str], report_ids: Iterable[int] | None = None) -> int:
    """Write the long-form CSV (one row per indicator value and per figure); returns the row count."""
    n = 0
    tmp = Path(f"{out_path}.part")
    try:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(CSV_COLUMNS)
            for d in load(ws, report_ids):
                r = d.row
                base = [d.name, r.issuer or "", r.year or ""]
                for ind in _ordered(d.indicators):
                    v = d.indicators[ind]
                    value = "" if v.value is None else _num(v.value)
                    if v.kind == "not_applicable" and v.value is None:
                        value = v.raw or "/"
                    w.writerow(
                        [*base, v.kind, ind, layout.label(ind), value, _unit(ind), v.status,
                         d.reviewers.get(f"indicator:{ind}", ""), d.context(v.start, v.end), r.id, v.start, v.end]
                    )  # fmt: skip
                    n += 1
                for fig in d.figures:
                    w.writerow(
                        [*base, "figure", fig.indicator or "", fig.label, "" if fig.value is None else _num(fig.value),
                         fig.unit or "", fig.status, d.reviewers.get(f"figure:{fig.id}", ""),
                         d.context(fig.start, fig.end), r.id, fig.start, fig.end]
                    )  # fmt: skip
                    n += 1
        os.replace(tmp, out_path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{out_path}: 无法写入导出文件（{e.strerror or e}）") from e
    except HechaError:
        tmp.unlink(missing_ok=True)
        raise
    return n


def _ordered(indicators: dict[str, IndicatorRow]) -> list[str]:
    known = [i for i in layout.ORDER if i in indicators]
    return known + sorted(set(indicators) - set(known))


# ---- xlsx --------------------------------------------------------------------------------------
def to_xlsx(
    ws: Workspace,
    out_path: str | os.PathLike[str],
    report_ids: Iterable[int] | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> None:
    """Write the workbook: 汇总, 说明, one sheet per report, 数字明细, 审核记录."""
    from core.export_xlsx import write_workbook

    data = list(load(ws, report_ids))
    events = ws.events()
    if report_ids is not None:
        ids = {d.row.id for d in data}
        events = [e for e in events if e.report_id in ids]
    tmp = Path(f"{out_path}.part.xlsx")
    try:
        write_workbook(tmp, data, events, progress)
        os.replace(tmp, out_path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise ExportError(f"{out_path}: 无法写入导出文件（{e.strerror or e}）") from e
    except Exception as e:
        tmp.unlink(missing_ok=True)
        if isinstance(e, HechaError):
            raise
        raise ExportError(f"{out_path}: 导出失败（{type(e).__name__}: {e}）") from e
