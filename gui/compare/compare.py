"""Compare the current report with a second one — by default the same issuer's previous year
(``Workspace.previous_report``): both documents side by side, an indicator diff (this year, last year,
change, % change, large changes flagged), the cross-year carry check, and the issuer's 依申请 trend
(本年新收 and 办理结果总计 by year, the 图表 sheet's chart for this issuer).
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from core.compare import Comparison, DiffRow, compare
from core.errors import HechaError
from core.export.data import TrendPoint, trend
from core.store import Change, CheckRow
from core.tables.layout import value_text
from gui.widgets.checkrows import ChecksModel, setup_columns
from gui.widgets.docview import DocumentPane
from gui.widgets.style import term

if TYPE_CHECKING:
    from core.store import Workspace

Index = QModelIndex | QPersistentModelIndex
NONE = -1  # combo data of （不对比）: never None in a QVariant (PySide6 6.12 over-releases it)
HEADERS = ("指标", "本年", "上年", "变化", "变化率", "")


def header_text(section: int) -> str:
    """A column title in the UI language (literal calls, so lupdate files them under DiffModel)."""
    names = (
        QCoreApplication.translate("DiffModel", "指标"),
        QCoreApplication.translate("DiffModel", "本年"),
        QCoreApplication.translate("DiffModel", "上年"),
        QCoreApplication.translate("DiffModel", "变化"),
        QCoreApplication.translate("DiffModel", "变化率"),
        "",
    )
    return names[section]


def _signed(v: Decimal) -> str:
    return ("+" if v > 0 else "") + value_text(v)


class DiffModel(QAbstractTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._all: list[DiffRow] = []
        self._rows: list[DiffRow] = []
        self.only_changed = False

    def set_rows(self, rows: list[DiffRow]) -> None:
        self._all = rows
        self._filter()

    def set_only_changed(self, on: bool) -> None:
        self.only_changed = on
        self._filter()

    def _filter(self) -> None:
        self.beginResetModel()
        self._rows = [r for r in self._all if not self.only_changed or r.changed]
        self.endResetModel()

    def row(self, k: int) -> DiffRow:
        return self._rows[k]

    def rows(self) -> list[DiffRow]:
        return list(self._rows)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return header_text(section)
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        r = self._rows[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return r.label
            if col == 1:
                return term(r.now_text) if r.now is None else r.now_text
            if col == 2:
                return term(r.before_text) if r.before is None else r.before_text
            if col == 3:
                return "" if r.change is None else _signed(r.change)
            if col == 4:
                if r.change is None:
                    return ""
                if r.pct is None:
                    return self.tr("新增") if r.change else ""
                return ("+" if r.pct > 0 else "") + f"{r.pct.quantize(Decimal('0.1'))}%"
            return self.tr("⚠ 变化较大") if r.large else ""
        if role == Qt.ItemDataRole.BackgroundRole and r.large:
            return QColor("#ffd8bf")
        if role == Qt.ItemDataRole.TextAlignmentRole and 0 < col < 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole:
            return r.indicator
        return None


def carry_checks(ws: Workspace, report_id: int, comparison: Comparison, other_id: int) -> list[CheckRow]:
    """The carry checks to show: the stored ones when the workspace already ran them against
    ``other_id`` (so accepted checks show as accepted), else the comparison's own."""
    if ws.previous_report(report_id) == other_id:
        stored = [c for c in ws.checks(report_id) if c.rule == "cross_year.carry"]
        if stored:
            return stored
    return [
        CheckRow(report_id, c.rule, c.subject, c.status, c.severity, c.formula, c.cells, False, "")
        for c in comparison.carry
    ]


class TrendChart(QWidget):
    """依申请公开 by year for the issuer: a pair of bars per year (本年新收, 办理结果总计), each with its
    number; a year whose cell could not be read shows 未读出, never a zero bar."""

    COLORS = (QColor("#4F81BD"), QColor("#C0504D"))

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trendChart")
        self.points: list[TrendPoint] = []
        self.setMinimumSize(180, 80)

    def names(self) -> tuple[str, str]:
        return self.tr("本年新收"), self.tr("办理结果总计")

    def set_points(self, points: list[TrendPoint]) -> None:
        self.points = points
        new, done = self.names()
        self.setToolTip(
            "\n".join(f"{p.year}：{new} {p.new if p.new is not None else ''}，"
                      f"{done} {p.done if p.done is not None else ''}" for p in points)
        )  # fmt: skip
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)
        try:
            w, h = self.width(), self.height()
            fm = p.fontMetrics()
            line = fm.height()
            x0 = 4
            for name, color in zip(self.names(), self.COLORS, strict=True):  # the key, top left
                p.fillRect(x0, 4, 10, 10, color)
                p.drawText(x0 + 14, 4 + fm.ascent() - 1, name)
                x0 += 24 + fm.horizontalAdvance(name)
            if not self.points:
                p.drawText(4, 8 + 2 * line, self.tr("工作区中没有这个发布机关的年度数字"))
                return
            nums = [v for pt in self.points for v in (pt.new, pt.done) if isinstance(v, int | float)]
            top = max(nums, default=0) or 1
            base, height = h - line - 2, h - 3 * line - 10
            slot = (w - 8) / len(self.points)
            bar = max(4.0, min(28.0, slot / 3))
            for k, pt in enumerate(self.points):
                left = 4 + k * slot + (slot - 2 * bar) / 2
                for j, (color, v) in enumerate(zip(self.COLORS, (pt.new, pt.done), strict=True)):
                    x = left + j * bar
                    if isinstance(v, int | float):
                        bh = height * v / top
                        p.fillRect(int(x), int(base - bh), int(bar) - 1, int(bh), color)
                        text = f"{v:,}" if isinstance(v, int) else f"{v:,.1f}"
                        p.drawText(int(x), int(base - bh - 2), text)
                    elif v is not None:  # 未读出, “/” or “—”: said, never drawn as zero
                        p.drawText(int(x), int(base - 2), str(v))
                p.drawText(int(4 + k * slot), int(base + 2), int(slot), line, Qt.AlignmentFlag.AlignHCenter,
                           str(pt.year))  # fmt: skip
            p.drawLine(4, int(base), w - 4, int(base))
        finally:
            p.end()


class CompareView(QWidget):
    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("compareView")
        self.ws: Workspace | None = None
        self.report_id: int | None = None
        self.other_id: int | None = None
        self.now_values: dict[str, Any] = {}
        self.before_values: dict[str, Any] = {}
        self.this_pane = DocumentPane()
        self.other_pane = DocumentPane()
        self.other = QComboBox()
        self.other.setObjectName("compareWith")
        self.other.activated.connect(self._chosen)
        self.only_changed = QCheckBox(self.tr("只看有变化的指标"))
        self.diff_model = DiffModel(self)
        self.only_changed.toggled.connect(self.diff_model.set_only_changed)
        self.diff_view = QTableView()
        self.diff_view.setObjectName("diffView")
        self.diff_view.setModel(self.diff_model)
        self.diff_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.diff_view.verticalHeader().hide()
        self.diff_view.verticalHeader().setDefaultSectionSize(22)
        h = self.diff_view.horizontalHeader()
        h.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        h.setMinimumSectionSize(48)
        for k in range(1, len(HEADERS)):
            h.setSectionResizeMode(k, QHeaderView.ResizeMode.ResizeToContents)
        self.diff_view.selectionModel().currentRowChanged.connect(self._diff_row)
        self.carry_model = ChecksModel(self)
        self.carry_view = QTableView()
        self.carry_view.setObjectName("carryView")
        self.carry_view.setModel(self.carry_model)
        self.carry_view.verticalHeader().hide()
        setup_columns(self.carry_view)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.trend = TrendChart()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("对比报告：")))
        bar.addWidget(self.other, 1)
        bar.addWidget(self.only_changed)
        docs = QSplitter(Qt.Orientation.Horizontal)
        docs.addWidget(self.this_pane)
        docs.addWidget(self.other_pane)
        right = QWidget()
        rl = QVBoxLayout(right)
        rl.setContentsMargins(0, 0, 0, 0)
        rl.addWidget(self.summary)
        rl.addWidget(self.diff_view, 3)
        carry = QVBoxLayout()
        carry.addWidget(QLabel(self.tr("跨年结转检查（本年上年结转 = 上年结转下年度）")))
        carry.addWidget(self.carry_view, 1)
        bottom = QHBoxLayout()  # the carry check and, beside it, the trend: the diff keeps its rows
        bottom.addLayout(carry, 3)
        bottom.addWidget(self.trend, 2)
        rl.addLayout(bottom, 1)
        split = QSplitter(Qt.Orientation.Horizontal)
        split.setObjectName("compareSplitter")
        split.addWidget(docs)
        split.addWidget(right)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 1)
        split.setSizes([560, 480])
        self.splitter = split
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(bar)
        lay.addWidget(split, 1)

    # --- choosing the reports -------------------------------------------------------------------
    def set_workspace(self, ws: Workspace) -> None:
        self.ws = ws
        self.report_id = self.other_id = None
        self.this_pane.set_document(None, None, ())
        self.other_pane.set_document(None, None, ())
        self.refresh()

    def load_report(self, report_id: int | None) -> None:
        """Show ``report_id`` and, beside it, the same issuer's previous year when the workspace has it."""
        self.report_id = report_id
        self.other_id = None
        if self.ws is not None and report_id is not None:
            self.other_id = self.ws.previous_report(report_id)
            self._show(self.this_pane, report_id)
        self._fill_choices()
        self._show(self.other_pane, self.other_id)
        self.refresh()

    def set_other(self, other_id: int | None) -> None:
        self.other_id = other_id
        self._fill_choices()
        self._show(self.other_pane, other_id)
        self.refresh()

    def _chosen(self, index: int) -> None:
        rid = int(self.other.itemData(index))
        self.set_other(None if rid == NONE else rid)

    def _fill_choices(self) -> None:
        self.other.blockSignals(True)
        self.other.clear()
        self.other.addItem(self.tr("（不对比）"), NONE)
        if self.ws is not None:
            for r in self.ws.report_names():
                if r.id != self.report_id:
                    name = f"{r.issuer or ''} {r.year or ''} · {r.title or r.path}".strip()
                    self.other.addItem(name, r.id)
        k = self.other.findData(NONE if self.other_id is None else self.other_id)
        self.other.setCurrentIndex(max(0, k))
        self.other.blockSignals(False)

    def _show(self, pane: DocumentPane, report_id: int | None) -> None:
        if self.ws is None or report_id is None:
            pane.set_document(None, None, ())
            return
        try:
            doc = self.ws.document(report_id)
            original = self.ws.original_bytes(report_id) if doc.format == "pdf" else None
            spans = [(f.id, f.start, f.end, f.status) for f in self.ws.figures(report_id)]
        except HechaError as e:
            self.message.emit(str(e))
            return
        pane.set_document(doc, original, spans)

    # --- the diff -------------------------------------------------------------------------------
    def concerns(self, change: Change) -> bool:
        """Whether ``change`` moves what is shown: values of either report, or this report's checks
        (its carry checks)."""
        if self.report_id is None:
            return False
        if change.report_id == self.report_id:
            return bool(change.indicator_ids) or change.checks_changed
        return change.report_id == self.other_id and bool(change.indicator_ids)

    def apply(self, change: Change) -> None:
        """Recompute the diff and the carry check when ``change`` moved what they show."""
        if self.concerns(change):
            self.refresh()

    def refresh(self) -> None:
        """Recompute the diff and the carry check (after every edit)."""
        self.now_values, self.before_values = {}, {}
        carry: list[CheckRow] = []
        comparison: Comparison | None = None
        if self.ws is not None and self.report_id is not None:
            try:
                self.now_values = self.ws.indicators(self.report_id)
                if self.other_id is not None:
                    self.before_values = self.ws.indicators(self.other_id)
                    comparison = compare(self.now_values, self.before_values)
                    carry = carry_checks(self.ws, self.report_id, comparison, self.other_id)
            except HechaError as e:
                self.message.emit(str(e))
        points: list[TrendPoint] = []
        if self.ws is not None and self.report_id is not None:
            try:
                points = trend(self.ws, self.report_id)
            except HechaError as e:
                self.message.emit(str(e))
        self.trend.set_points(points)
        rows = list(comparison.rows) if comparison is not None else []
        self.diff_model.set_rows(rows)
        self.carry_model.set_checks(carry)
        if self.report_id is None:
            self.summary.setText("")
        elif self.other_id is None:
            self.summary.setText(
                self.tr("工作区中没有同一发布机关上一年度的报告；可在上方选择要对比的报告。")
            )
        else:
            n_changed = comparison.n_changed if comparison is not None else 0
            n_large = comparison.n_large if comparison is not None else 0
            failed = sum(1 for c in carry if c.status == "fail")
            self.summary.setText(
                self.tr("%1 项指标有变化，其中 %2 项变化较大；跨年结转检查未通过 %3 项")
                .replace("%1", str(n_changed))
                .replace("%2", str(n_large))
                .replace("%3", str(failed))
            )

    def _diff_row(self, cur: QModelIndex, _prev: QModelIndex) -> None:
        if not cur.isValid():
            return
        ind = self.diff_model.row(cur.row()).indicator
        for pane, values in ((self.this_pane, self.now_values), (self.other_pane, self.before_values)):
            v = values.get(ind)
            if v is None or v.start is None or pane.doc is None:
                continue
            if v.figure_id is not None:
                pane.set_current(v.figure_id, flash=True)
            else:
                view: Any = pane.view()
                view.show_range(v.start, v.end, select=True)
