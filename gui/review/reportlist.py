"""Left pane: the workspace's reports with review status and counts, filtered by issuer, year, status."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    QSize,
    QStringListModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QListView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from core.vocab import LOCKED_STATUSES
from gui.widgets.style import REPORT_STATUSES, report_status_name

if TYPE_CHECKING:
    from core.store import ReportRow, Workspace
    from core.store.signoff import Signers

Index = QModelIndex | QPersistentModelIndex
ReportIdRole = Qt.ItemDataRole.UserRole + 1
ReportRole = Qt.ItemDataRole.UserRole + 2
ProgressRole = Qt.ItemDataRole.UserRole + 3  # (figures checked, figures) of the report

_STATUS_COLORS = {
    "unreviewed": "#8c8c8c",
    "in_review": "#d48806",
    "done": "#389e0d",
    "in_question": "#cf1322",
    "approved": "#135200",
    "returned": "#d4380d",
}


class ReportListModel(QStringListModel):
    """The reports listed, one row each, read from the ``ReportRow`` kept for it (``data``).

    The rows are counted by Qt (a list of as many empty strings as reports, never shown), not by a
    ``rowCount`` written here: at each layout the list view asks for an index of every row (whether
    it is hidden), and each of those asks the model for its row count — six passes at the first
    paint, 60,000 calls into Python for 10,000 reports (some 50 ms before the window is drawn).
    Only the shown rows' ``data`` and ``flags`` come here; nothing is edited, dragged or dropped.
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows: list[ReportRow] = []
        self._row_of: dict[int, int] = {}  # report id → its row: a change updates one row, found at once
        self.signers: dict[int, Signers] = {}  # who marked each report done, who approved or returned it

    def set_reports(self, reports: Sequence[ReportRow], signers: dict[int, Signers] | None = None) -> None:
        self._rows = list(reports)
        self._row_of = {r.id: i for i, r in enumerate(self._rows)}
        if signers is not None:
            self.signers = signers
        self.setStringList([""] * len(self._rows))  # the model reset: as many rows (see the class doc)

    def update_report(self, report: ReportRow) -> None:
        """Replace the report's row and repaint that row alone."""
        i = self._row_of.get(report.id)
        if i is not None:
            self._rows[i] = report
            self.dataChanged.emit(self.index(i), self.index(i))

    def report(self, row: int) -> ReportRow:
        return self._rows[row]

    def row_of(self, report_id: int) -> int | None:
        return self._row_of.get(report_id)

    def flags(self, index: Index) -> Qt.ItemFlag:
        """Selectable and enabled, as any list's row: not the editable, draggable strings of the base."""
        f = QAbstractItemModel.flags(self, index)
        return f | Qt.ItemFlag.ItemNeverHasChildren if index.isValid() else f

    def itemData(self, index: Index) -> dict[int, Any]:
        return QAbstractItemModel.itemData(self, index)  # each role through ``data``, not the strings

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            title = r.title or r.path.replace("\\", "/").rsplit("/", 1)[-1]
            done, total = progress(r)
            counts = (
                self.tr("已核对 %1/%2 · 检查未通过 %3")
                .replace("%1", str(done))
                .replace("%2", str(total))
                .replace("%3", str(r.n_failed))
            )
            mark = "⚠ " if r.n_warnings else ""  # a load warning: the text may be incomplete or garbled
            return f"{mark}{title}\n[{report_status_name(r.status)}{self._names(r.id)}]  {counts}"
        if role == Qt.ItemDataRole.ToolTipRole:
            if r.n_warnings:
                return (
                    r.path
                    + "\n"
                    + self.tr("读取时有 %1 条提示，请打开报告查看").replace("%1", str(r.n_warnings))
                )
            return r.path + self._names_tip(r.id)
        if role == ProgressRole:
            return progress(r)
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(_STATUS_COLORS.get(r.status, "#000")) if r.status != "unreviewed" else None
        if role == ReportIdRole:
            return r.id
        if role == ReportRole:
            return r
        return None

    def _names(self, report_id: int) -> str:
        """Who marked the report done, then its second reviewer (" 张三 → 李四"), ('' for none)."""
        s = self.signers.get(report_id)
        if s is None or not (s.reviewer or s.second_reviewer):
            return ""
        return " " + (s.reviewer or "—") + (f" → {s.second_reviewer}" if s.second_reviewer else "")

    def _names_tip(self, report_id: int) -> str:
        s = self.signers.get(report_id)
        if s is None:
            return ""
        out = "\n" + self.tr("审核人：%1").replace("%1", s.reviewer or "—")
        if s.second_reviewer:
            out += "\n" + self.tr("复核人：%1").replace("%1", s.second_reviewer)
        if s.returned:
            out += "\n" + self.tr("退回理由：%1").replace("%1", s.returned)
        return out


def progress(r: ReportRow) -> tuple[int, int]:
    """(figures checked, figures): every figure not pending any more counts as checked."""
    return max(0, r.n_figures - r.n_pending), r.n_figures


class ProgressDelegate(QStyledItemDelegate):
    """The usual two lines, with a thin bar under them filled by the share of figures checked."""

    BAR = 5
    LINES = 3  # a title wraps to two lines in the usual pane width, then the status and counts

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        """One height for every row (the list lays out a thousand reports without measuring each):
        room for ``LINES`` lines of text and the bar; a longer title ends in … (the tooltip has the file)."""
        fm = option.fontMetrics
        return QSize(option.rect.width(), self.LINES * fm.lineSpacing() + 8 + self.BAR + 3)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        done, total = index.data(ProgressRole) or (0, 0)
        rect: QRect = option.rect
        bar = QRect(rect.left() + 4, rect.bottom() - self.BAR - 1, rect.width() - 8, self.BAR)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)  # filled, no outline: what fillRect draws
        painter.setBrush(QColor("#d9d9d9"))
        painter.drawRect(bar)
        if total:
            filled = QRect(bar.left(), bar.top(), round(bar.width() * done / total), bar.height())
            painter.setBrush(QColor("#52c41a" if done == total else "#1677ff"))
            painter.drawRect(filled)
        painter.restore()


class ReportList(QWidget):
    """Filters on top, the list below. Emits ``report_selected(id)``."""

    report_selected = Signal(int)
    filter_chosen = Signal()  # the reviewer picked a filter value from the keyboard or the mouse

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace: Workspace | None = None
        self.model = ReportListModel(self)
        self.issuer = QComboBox()
        self.year = QComboBox()
        self.status = QComboBox()
        self.status.addItem(self.tr("全部状态"), None)
        for st in REPORT_STATUSES:
            self.status.addItem(report_status_name(st), st)
        for cb in (self.issuer, self.year, self.status):
            # sized by a fixed number of characters, not by measuring every choice (a city's archive
            # lists thousands of issuers) when the window is first shown
            cb.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            cb.setMinimumContentsLength(6)
            cb.currentIndexChanged.connect(self._filters_changed)
            cb.activated.connect(self._filter_activated)
        self.view = QListView()
        self.view.setObjectName("reportList")
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.setUniformItemSizes(True)
        self.view.setItemDelegate(ProgressDelegate(self.view))
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        # issuer names are long: a row of their own, so 全部年度 / 全部状态 stay readable beside each other
        filters = QGridLayout()
        filters.setSpacing(2)
        filters.addWidget(self.issuer, 0, 0, 1, 2)
        filters.addWidget(self.year, 1, 0)
        filters.addWidget(self.status, 1, 1)
        lay.addLayout(filters)
        lay.addWidget(self.view, 1)
        self._loading = False
        # every report of the workspace as last read, kept up to date one report at a time
        # (refresh_report): a filter chosen is applied to these, not read again from the workspace
        self._all: dict[int, ReportRow] = {}
        self._signers: dict[int, Signers] = {}

    def set_workspace(self, ws: Workspace | None) -> None:
        self.workspace = ws
        self.reload()

    def reload(self) -> None:
        """Refill the filter choices and the list from the workspace (one query for both)."""
        self._loading = True
        try:
            all_reports = self.workspace.reports() if self.workspace is not None else []
            self._all = {r.id: r for r in all_reports}
            self._signers = self.workspace.signers() if self.workspace is not None else {}
            keep_issuer, keep_year = self.chosen_issuer(), self.year.currentData()
            self.issuer.clear()
            self.issuer.addItem(self.tr("全部发布机关"), None)
            # by name alone, in one call: a city's archive lists thousands of issuers before the first paint
            self.issuer.addItems(sorted({r.issuer for r in all_reports if r.issuer}))
            self.year.clear()
            self.year.addItem(self.tr("全部年度"), None)
            for y in sorted({r.year for r in all_reports if r.year}, reverse=True):
                self.year.addItem(str(y), y)
            self.issuer.setCurrentIndex(max(0, self.issuer.findText(keep_issuer)) if keep_issuer else 0)
            self.year.setCurrentIndex(max(0, self.year.findData(keep_year)))
        finally:
            self._loading = False
        self._reload(all_reports)

    def _filters_changed(self, _index: int) -> None:
        self._reload()

    def _reload(self, all_reports: Sequence[ReportRow] | None = None) -> None:
        """Show the reports the filters let through: from ``all_reports`` when the caller has just
        read them, else from the workspace."""
        if self._loading:
            return
        current = self.current_id()
        if self.workspace is None:
            self.model.set_reports([], {})
            return
        issuer, year, status = self.chosen_issuer(), self.year.currentData(), self.status.currentData()
        if all_reports is None:
            all_reports = list(self._all.values())
        if issuer is None and year is None and status is None:
            rows = list(all_reports)
        else:
            rows = [
                r
                for r in all_reports
                if (issuer is None or r.issuer == issuer)
                and (year is None or r.year == year)
                and (status is None or r.status == status)
            ]
        self.model.set_reports(rows, dict(self._signers))
        if current is not None:
            self.select(current, emit=False)

    def chosen_issuer(self) -> str | None:
        """The issuer the list is filtered on, None for 全部发布机关."""
        return self.issuer.currentText() if self.issuer.currentIndex() > 0 else None

    def focus_filter(self) -> None:
        """Keyboard way into the filters: the status choice opens; Tab reaches issuer and year."""
        self.status.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.status.showPopup()

    def _filter_activated(self, _index: int) -> None:
        # the report shown is filtered out: open the first one listed instead
        if self.current_id() is None and self.model.rowCount() > 0:
            self.view.setCurrentIndex(self.model.index(0))
        self.filter_chosen.emit()

    def refresh_report(self, report_id: int) -> None:
        """Read one report's row again (its counts and status, kept by the workspace as it changes)
        and repaint that row alone."""
        if self.workspace is not None:
            signers = self.workspace.signers([report_id])
            self._signers.pop(report_id, None)
            self._signers.update(signers)
            self.model.signers.pop(report_id, None)
            self.model.signers.update(signers)
            row = self.workspace.report(report_id)
            self._all[report_id] = row
            self.model.update_report(row)

    def current_id(self) -> int | None:
        idx = self.view.currentIndex()
        return idx.data(ReportIdRole) if idx.isValid() else None

    def select(self, report_id: int, emit: bool = True) -> bool:
        row = self.model.row_of(report_id)
        if row is None:
            return False
        if not emit:
            self.view.selectionModel().blockSignals(True)
        self.view.setCurrentIndex(self.model.index(row))
        if not emit:
            self.view.selectionModel().blockSignals(False)
        return True

    def select_next(self) -> bool:
        """Go to the next report in the list that is not done yet (wrapping round); the next one
        at all when every report is done. False when the list is empty."""
        n = self.model.rowCount()
        if n == 0:
            return False
        cur = self.view.currentIndex().row()
        order = [(cur + k) % n for k in range(1, n + 1)]
        row = next((r for r in order if self.model.report(r).status not in LOCKED_STATUSES), order[0])
        self.view.setCurrentIndex(self.model.index(row))
        return True

    def all_done(self) -> bool:
        return all(self.model.report(r).status in LOCKED_STATUSES for r in range(self.model.rowCount()))

    def _current_changed(self, cur: QModelIndex, _prev: QModelIndex) -> None:
        if cur.isValid():
            self.report_selected.emit(cur.data(ReportIdRole))
