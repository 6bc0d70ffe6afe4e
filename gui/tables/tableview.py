"""The standard tables 表二/表三/表四 of the current report as grids in the official layout.

Each value cell shows the indicator value, coloured by status (failing checks red); clicking a cell
asks the window to show its source span; typing edits the value (``Workspace.set_indicator_value``);
a row, a column or a whole table can be confirmed at once (``Workspace.confirm_indicators``). Badges
on the right and at the bottom show the sums of the parts against the stated totals, as the report's
checks evaluated them.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from enum import IntEnum
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from core import checks, schema, vocab
from core.errors import HechaError
from core.store.rows import Change
from core.tables.grid import Grid, grids
from core.tables.layout import value_text
from gui.signoff import signoff
from gui.widgets import guard
from gui.widgets.style import color, status_name

if TYPE_CHECKING:
    from core.store import Workspace
    from core.store.rows import CheckRow, IndicatorRow

Index = QModelIndex | QPersistentModelIndex
HEADER_BG = QColor("#eef1f5")
BADGE_OK = QColor("#d9f7be")
BADGE_BAD = QColor("#ffccc7")
BADGE_NONE = QColor("#f5f5f5")


class Role(IntEnum):
    Indicator = Qt.ItemDataRole.UserRole + 1
    Status = Qt.ItemDataRole.UserRole + 2
    Highlighted = Qt.ItemDataRole.UserRole + 3


def parse_cell(text: str) -> tuple[Decimal | None, str]:
    """A typed cell → (value, kind); raises ValueError when it is not a number, blank or a
    not-applicable marker (“/”, “—”, 无, 不适用, 不涉及 … as core reads them from reports)."""
    from core.figures.numbers import parse_number  # the figure finder loads on first use, not at start

    t = text.strip()
    if not t:
        return None, vocab.BLANK
    if vocab.is_not_applicable(t):
        return None, vocab.NOT_APPLICABLE
    v = parse_number(t)
    if v is None:
        raise ValueError(t)
    return v, vocab.ZERO if v == 0 else vocab.NUMBER


class GridModel(QAbstractTableModel):
    """A thin adapter over one ``Grid`` and the report's ``IndicatorRow``s."""

    locked = False  # the report is done or approved: typing opens no editor

    def __init__(self, grid: Grid, parent: Any = None) -> None:
        super().__init__(parent)
        self.grid = grid
        self.values: dict[str, IndicatorRow] = {}
        self.failing: set[str] = set()
        self.results: dict[tuple[str, str], CheckRow] = {}  # (rule, subject) → the report's check
        self.highlighted: set[str] = set()
        self.on_edit: Callable[[str, str], bool] | None = None

    def set_values(self, values: dict[str, IndicatorRow], results: Sequence[CheckRow]) -> None:
        """The report's indicator values and its checks (which cells fail, what the badges show)."""
        self.values = values
        self.failing = checks.failing_cells(results)
        self.results = {(c.rule, c.subject): c for c in results}
        self._all_changed()

    def set_highlighted(self, ids: set[str]) -> None:
        self.highlighted = ids
        self._all_changed()

    def _all_changed(self) -> None:
        if self.grid.n_rows and self.grid.n_cols:
            self.dataChanged.emit(self.index(0, 0), self.index(self.grid.n_rows - 1, self.grid.n_cols - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.n_rows

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.grid.n_cols

    def status(self, indicator: str) -> str:
        v = self.values.get(indicator)
        if v is None:
            return vocab.NOT_STATED
        if v.kind == vocab.UNREAD_KIND:
            return (
                vocab.UNREAD_KIND
            )  # not read from the report: not a blank cell, to be typed from the original
        if v.status == "pending" and indicator in self.failing:
            return "failing"
        return str(v.status)

    def cell_text(self, indicator: str) -> str:
        v = self.values.get(indicator)
        if v is None:
            return ""
        if v.kind == vocab.NOT_APPLICABLE and v.value is None:
            return v.raw.strip() or "/"
        return value_text(v.value)

    def badge(self, pos: tuple[int, int]) -> tuple[str, QColor]:
        """The sum a badge cell stands for, as the check evaluating it found it (``core.checks``)."""
        s = self.grid.badges[pos]
        check = self.results.get((s.rule, s.subject))
        if check is None or not any(p in self.values for p in s.parts):
            return "", BADGE_NONE
        if any(self.status(p) == vocab.UNREAD_KIND for p in (*s.parts, s.total)):
            return self.tr("有未读出的单元格"), BADGE_NONE
        parts, right = checks.sides(check, self.values)
        known = sum((v for v in parts if v is not None), Decimal(0))
        if check.status == checks.PASS:
            return f"Σ {value_text(known)} ✓", BADGE_OK
        if check.status == checks.FAIL:
            return f"Σ {value_text(known)} ≠ {value_text(right[0])} ✗", BADGE_BAD
        blanks = any(v is None for v in parts)
        return f"Σ {value_text(known)}{self.tr('＋空白') if blanks else ''}", BADGE_NONE

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        pos = (index.row(), index.column())
        ind = self.grid.ids.get(pos)
        if ind is not None:
            return self._value_data(ind, role)
        if pos in self.grid.badges:
            badge, bg = self.badge(pos)
            if role == Qt.ItemDataRole.DisplayRole:
                return badge
            if role == Qt.ItemDataRole.BackgroundRole:
                return bg
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role == Qt.ItemDataRole.ToolTipRole:
                return self.tr("各分项之和与表中总计的比较")
            return None
        text = self.grid.text.get(pos)
        if text is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return text
        if role == Qt.ItemDataRole.BackgroundRole:
            return HEADER_BG
        if role == Qt.ItemDataRole.ToolTipRole:
            return text
        if role == Qt.ItemDataRole.TextAlignmentRole and index.row() < self.grid.header_rows:
            return int(Qt.AlignmentFlag.AlignCenter)
        return None

    def not_stated(self, indicator: str) -> bool:
        """The report does not state this cell (未填报): read so, or marked so by the reviewer."""
        v = self.values.get(indicator)
        return v is not None and v.kind == vocab.NOT_STATED

    def _value_data(self, ind: str, role: int) -> Any:
        st = self.status(ind)
        if role == Qt.ItemDataRole.DisplayRole and st == vocab.UNREAD_KIND:
            return self.tr("未读出")
        if role == Qt.ItemDataRole.DisplayRole and self.not_stated(ind):
            return self.tr("未填报")
        if role == Qt.ItemDataRole.ForegroundRole and self.not_stated(ind):
            return QColor("#8c8c8c")
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return self.cell_text(ind)
        if role == Qt.ItemDataRole.BackgroundRole:
            return QColor("#ffffff") if st == vocab.NOT_STATED else color(st)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignCenter)
        if role == Qt.ItemDataRole.FontRole and ind in self.highlighted:
            f = QFont()
            f.setBold(True)
            return f
        if role == Qt.ItemDataRole.ToolTipRole:
            name = self.tr("未读到") if st == vocab.NOT_STATED else status_name(st)
            if st == vocab.UNREAD_KIND:
                name = self.tr("程序未能读出此单元格（不是报告中的空白），请对照原文填写")
            elif self.not_stated(ind):
                name = self.tr("报告未填报此项（不是0，也不是空白）") + "：" + status_name(st)
            v = self.values.get(ind)
            raw = self.tr("（原文：%1）").replace("%1", v.raw) if v is not None and v.raw else ""
            return f"{schema.short_label(ind)}\n{name}{raw}"
        if role == Role.Indicator:
            return ind
        if role == Role.Status:
            return st
        if role == Role.Highlighted:
            return ind in self.highlighted
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if (index.row(), index.column()) in self.grid.ids and not self.locked:  # locked: no editor opens
            return base | Qt.ItemFlag.ItemIsEditable
        return base

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        ind = self.grid.ids.get((index.row(), index.column())) if index.isValid() else None
        if ind is None or role != Qt.ItemDataRole.EditRole or self.on_edit is None:
            return False
        if str(value).strip() == self.cell_text(ind) and not checks.to_fill([ind], self.values):
            return False  # unchanged (a cell to fill left empty is the reviewer saying "blank")
        return self.on_edit(ind, str(value))


class _Delegate(QStyledItemDelegate):
    """Draws a thick frame around cells a selected check involves."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        super().paint(painter, option, index)
        if index.data(Role.Highlighted):
            painter.save()
            painter.setPen(QPen(QColor("#cf1322"), 3))
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))
            painter.restore()


class GridView(QTableView):
    """One table's grid: the arrow keys move from value cell to value cell (over merged headers and
    the Σ badges); Tab and Shift+Tab walk the value cells in reading order and stay in the table (at a
    row's end to the next row's first value cell, at the table's end back to its first) — the keyboard
    never drops into a panel out of sight. Escape and F6 leave it."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTabKeyNavigation(True)

    def grid(self) -> Grid | None:
        m = self.model()
        return m.grid if isinstance(m, GridModel) else None

    def moveCursor(
        self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier
    ) -> QModelIndex:
        g, cur = self.grid(), self.currentIndex()
        steps = {
            QAbstractItemView.CursorAction.MoveUp: (-1, 0),
            QAbstractItemView.CursorAction.MoveDown: (1, 0),
            QAbstractItemView.CursorAction.MoveLeft: (0, -1),
            QAbstractItemView.CursorAction.MoveRight: (0, 1),
        }
        if g is not None and g.ids and not cur.isValid():
            return self.model().index(*min(g.ids))  # the keyboard arrives on the first value cell
        tab = {
            QAbstractItemView.CursorAction.MoveNext: 1,
            QAbstractItemView.CursorAction.MovePrevious: -1,
        }.get(action)
        if g is not None and g.ids and tab is not None:
            order = sorted(g.ids)
            here = (cur.row(), cur.column())
            k = order.index(here) + tab if here in order else 0
            return self.model().index(*order[k % len(order)])
        if g is None or action not in steps or not cur.isValid() or not g.ids:
            return super().moveCursor(action, modifiers)
        pos = next_value_cell(g, (cur.row(), cur.column()), steps[action])
        return self.model().index(*pos) if pos is not None else cur


def next_value_cell(g: Grid, pos: tuple[int, int], step: tuple[int, int]) -> tuple[int, int] | None:
    """The nearest value cell from ``pos`` in the direction ``step``: first on the same line, then on
    the nearest line beyond with a value cell (the one closest to ``pos``'s column or row)."""
    (r, c), (dr, dc) = pos, step
    if dr:
        rows = range(r + dr, g.n_rows if dr > 0 else -1, dr)
        for rr in rows:
            cells = [p for p in g.ids if p[0] == rr]
            if cells:
                return min(cells, key=lambda p: (abs(p[1] - c), p[1]))
        return None
    same = [p for p in g.ids if p[0] == r and (p[1] - c) * dc > 0]
    if same:
        return min(same, key=lambda p: abs(p[1] - c))
    return None


class TableView(QWidget):
    """表二/表三/表四 of one report in tabs, with confirm buttons and a status line."""

    span_clicked = Signal(int, int)  # start, end in Document.text
    source_shown = Signal(int, int)  # start, end of the current cell's source (its row's when not read)
    indicator_clicked = Signal(str)
    changed = Signal(object)  # core.store.Change
    message = Signal(str)
    check_requested = Signal(str, str)  # rule, subject: to accept before confirming

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tableView")
        self.ws: Workspace | None = None
        self.report_id: int | None = None
        self.values: dict[str, IndicatorRow] = {}
        self.failing: set[str] = set()  # cells of failing checks not accepted
        self.check_rows: list[CheckRow] = []  # the report's checks, for the cell frames and the Σ badges
        self._applied: int | None = None  # review event of the last change this view applied
        self.models: list[GridModel] = []
        self.views: list[QTableView] = []
        # one model and grid view per table layout (表三 of 2021, of 2019 …), made the first time a
        # report of that layout is shown and reused after: going back and forth between reports of the
        # two formats makes nothing new
        self._layouts: dict[tuple[str, str, int], tuple[GridModel, GridView]] = {}
        self.tabs = QTabWidget()
        self.info = QLabel()
        bar = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        # their shortcuts are the "tables" actions of gui.shell.actions, which also name them in the tooltips
        for key, text in (
            ("row", self.tr("确认本行")),
            ("column", self.tr("确认本列")),
            ("table", self.tr("确认整表")),
        ):
            b = QPushButton(text)
            b.setToolTip(text)
            b.clicked.connect(lambda _c=False, k=key: self.confirm(k))
            bar.addWidget(b)
            self.buttons[key] = b
        bar.addWidget(self.info, 1)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(2, 2, 2, 2)
        lay.addLayout(bar)
        lay.addWidget(self.tabs, 1)
        self._build(grids(()))

    # --- layout ---------------------------------------------------------------------------------
    def _build(self, gs: list[Grid]) -> None:
        if [(g.title, g.n_rows) for g in gs] == [(m.grid.title, m.grid.n_rows) for m in self.models]:
            return
        cur = self.tabs.currentIndex()
        self.tabs.clear()  # the grids stay (in ``_layouts``) for the next report of their layout
        self.models, self.views = [], []
        for g in gs:
            key = (g.key, g.title, g.n_rows)
            if key not in self._layouts:
                self._layouts[key] = self._grid_view(g)
            m, v = self._layouts[key]
            self.models.append(m)
            self.views.append(v)
            self.tabs.addTab(v, self._tab_name(g))
        if 0 <= cur < self.tabs.count():
            self.tabs.setCurrentIndex(cur)

    def _grid_view(self, g: Grid) -> tuple[GridModel, GridView]:
        m = GridModel(g, self)
        m.on_edit = self._edit
        v = GridView(self)
        v.setObjectName(f"grid_{g.key}")
        v.setModel(m)
        v.setItemDelegate(_Delegate(v))
        v.horizontalHeader().hide()
        v.verticalHeader().hide()
        v.setWordWrap(True)
        v.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        v.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        for r, c, rs, cs in g.spans:
            v.setSpan(r, c, rs, cs)
        v.clicked.connect(self._clicked)
        v.selectionModel().currentChanged.connect(self._cursor_moved)
        self._size(v, g)
        return m, v

    @staticmethod
    def _tab_name(g: Grid) -> str:
        names = {
            "t2": QCoreApplication.translate("TableView", "表二 主动公开"),
            "t3": QCoreApplication.translate("TableView", "表三 依申请公开"),
            "t4": QCoreApplication.translate("TableView", "表四 复议诉讼"),
        }
        return names[g.key] + ("（2019）" if "2019" in g.title else "")

    @staticmethod
    def _size(v: QTableView, g: Grid) -> None:
        h = v.horizontalHeader()
        h.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        widths = {"t2": [150] + [110] * (g.n_cols - 1), "t4": [66] * g.n_cols}
        if g.key == "t3":
            widths["t3"] = [64, 150, 240] + [74] * (g.n_cols - 4) + [104]
        for c, w in enumerate(widths[g.key]):
            v.setColumnWidth(c, w)
        v.verticalHeader().setDefaultSectionSize(24)
        v.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)

    # --- data -----------------------------------------------------------------------------------
    def set_workspace(self, ws: Workspace) -> None:
        self.ws = ws
        self.report_id = None
        self.values = {}
        for m in self.models:
            m.set_values({}, [])

    def load_report(self, report_id: int | None, checks: Sequence[CheckRow] | None = None) -> None:
        """Show the tables of ``report_id``, its failing cells from ``checks`` when the caller has just
        read them."""
        self.report_id = report_id
        self.refresh(given_checks=checks)

    def apply(self, change: Change) -> None:
        """Re-read what ``change`` moved in the report shown: the values when indicators changed, the
        failing cells when the checks did (a change this view made itself is shown already)."""
        if change.report_id != self.report_id or (
            change.event_id is not None and change.event_id == self._applied
        ):
            return
        self._applied = change.event_id
        if change.indicator_ids or change.checks_changed:
            self.refresh(values=bool(change.indicator_ids), with_checks=change.checks_changed)
        elif change.report_changed:  # done, reopened, approved: the editors open or not
            locked = self._locked()
            for m in self.models:
                m.locked = locked

    def _locked(self) -> bool:
        try:
            return (
                self.ws is not None
                and self.report_id is not None
                and (self.ws.report(self.report_id).status in vocab.LOCKED_STATUSES)
            )
        except HechaError:
            return False

    def refresh(
        self, values: bool = True, with_checks: bool = True, given_checks: Sequence[CheckRow] | None = None
    ) -> None:
        """Re-read the indicator values and checks of the current report (or only one of them; the
        checks are ``given_checks`` when set)."""
        if self.ws is None or self.report_id is None:
            self.values = {}
            self.failing = set()
            self.check_rows = []
            for m in self.models:
                m.set_values({}, [])
            self.info.setText("")
            return
        try:
            if values:
                self.values = self.ws.indicators(self.report_id)
            if with_checks:
                self.check_rows = (
                    list(given_checks) if given_checks is not None else self.ws.checks(self.report_id)
                )
                self.failing = checks.failing_cells(self.check_rows)
        except HechaError as e:
            self.message.emit(str(e))
            return
        self._build(grids(self.values))
        locked = self._locked()
        for m in self.models:
            m.locked = locked
            m.set_values(self.values, self.check_rows)
        pending = sum(1 for v in self.values.values() if v.status == "pending")
        unread = self.unread_ids()
        self.info.setText(
            self.tr("共 %1 项指标，待核对 %2 项")
            .replace("%1", str(len(self.values)))
            .replace("%2", str(pending))
            if self.values
            else self.tr("本报告中没有读到标准表格")
        )
        if unread:
            self.info.setText(
                self.tr("%1 个单元格未读出，请先对照原文填写（橙色）").replace("%1", str(len(unread)))
                + "；"
                + self.info.text()
            )

    def unread_ids(self) -> list[str]:
        """Cells of the report's tables the program could not read and no reviewer has filled yet."""
        return [k for k, v in self.values.items() if v.kind == vocab.UNREAD_KIND]

    def highlight(self, ids: list[str] | tuple[str, ...]) -> None:
        """Frame the cells of ``ids``; show the first one's table and scroll to it."""
        wanted = set(ids)
        shown = False
        for k, m in enumerate(self.models):
            m.set_highlighted(wanted & set(m.grid.ids.values()))
            if shown:
                continue
            for ind in ids:
                pos = m.grid.cell_of(ind)
                if pos is not None:
                    self.tabs.setCurrentIndex(k)
                    self.views[k].scrollTo(m.index(*pos))
                    shown = True
                    break

    def value_at(self, table: str, indicator: str) -> str:
        """The text the grid of ``table`` ("t2" | "t3" | "t4") shows for ``indicator``."""
        for m in self.models:
            pos = m.grid.cell_of(indicator)
            if m.grid.key == table and pos is not None:
                return str(m.data(m.index(*pos)))
        raise KeyError(indicator)

    # --- interaction ----------------------------------------------------------------------------
    def _clicked(self, index: QModelIndex) -> None:
        ind = index.data(Role.Indicator)
        if not ind:
            return
        self.indicator_clicked.emit(ind)
        v = self.values.get(ind)
        if v is not None and v.start is not None and v.end is not None:
            self.span_clicked.emit(v.start, v.end)

    def source_of(self, indicator: str) -> tuple[int, int] | None:
        """Where ``indicator``'s cell stands in the text: its own span, or for a cell with none (not
        read, not stated) the region of the cells of its row that have one."""
        v = self.values.get(indicator)
        if v is not None and v.start is not None and v.end is not None:
            return v.start, v.end
        for m in self.models:
            pos = m.grid.cell_of(indicator)
            if pos is None:
                continue
            spans = [
                (w.start, w.end)
                for i in m.grid.row_ids(pos[0])
                if (w := self.values.get(i)) is not None and w.start is not None and w.end is not None
            ]
            if spans:
                return min(a for a, _ in spans), max(b for _, b in spans)
        return None

    def _cursor_moved(self, current: QModelIndex, _previous: QModelIndex) -> None:
        ind = current.data(Role.Indicator) if current.isValid() else None
        where = self.source_of(ind) if ind else None
        if where is not None:
            self.source_shown.emit(*where)

    def _edit(self, indicator: str, text: str) -> bool:
        if self.ws is None or self.report_id is None:
            return False
        try:
            value, kind = parse_cell(text)
        except ValueError:
            self.message.emit(self.tr("“%1”不是数字；可输入数字、留空或输入“/”").replace("%1", text.strip()))
            return False
        return self._apply(self.ws.set_indicator_value, self.report_id, indicator, value, kind)

    def _apply(self, fn: Callable[..., Any], *args: Any) -> bool:
        if not signoff.ensure_reviewer(self.window(), self.ws):
            return False
        try:
            change = fn(*args)
        except HechaError as e:
            self.message.emit(str(e))
            return False
        self.apply(change)
        self.changed.emit(change)
        return True

    def current_ids(self, scope: str) -> list[str]:
        """Indicator ids of the current cell's row, column or table that the report has."""
        k = self.tabs.currentIndex()
        if not 0 <= k < len(self.models):
            return []
        m, v = self.models[k], self.views[k]
        cur = v.currentIndex()
        if scope == "table":
            ids = m.grid.all_ids()
        elif not cur.isValid():
            return []
        elif scope == "row":
            ids = m.grid.row_ids(cur.row())
        else:
            ids = m.grid.col_ids(cur.column())
        return [i for i in ids if i in self.values]

    def scope_cells(self, scope: str) -> list[str]:
        """Every value cell of the current cell's row, column or table, read or not."""
        k = self.tabs.currentIndex()
        if not 0 <= k < len(self.models):
            return []
        g, cur = self.models[k].grid, self.views[k].currentIndex()
        if scope == "table":
            return list(g.all_ids())
        if not cur.isValid():
            return []
        return list(g.row_ids(cur.row()) if scope == "row" else g.col_ids(cur.column()))

    def confirm(self, scope: str) -> bool:
        """Confirm the current row / column / whole table at once (one review event) — once its unread
        cells are filled and no failing check it takes part in is left to accept."""
        if self.ws is None or self.report_id is None:
            return False
        verdict = checks.confirmation(self.scope_cells(scope), self.check_rows, self.values)
        missing = verdict.to_fill
        if missing:
            self.select_cell(missing[0])
            self.message.emit(
                self.tr("还有 %1 个单元格没有读到数值（已选中第一个：%2）：请先填写，再确认。")
                .replace("%1", str(len(missing)))
                .replace("%2", schema.short_label(missing[0]) or missing[0])
            )
            return False
        ids = self.current_ids(scope)
        if not ids:
            self.message.emit(self.tr("请先在表格中选中一个数值单元格"))
            return False
        blocking = verdict.blocking
        if blocking:
            if guard.ask_go_to_check(self.window(), blocking):
                self.check_requested.emit(blocking[0].rule, blocking[0].subject)
            else:
                self.message.emit(self.tr("未确认：请先接受未通过的检查"))
            return False
        ok = self._apply(self.ws.confirm_indicators, self.report_id, ids)
        if ok:
            self.message.emit(self.tr("已确认 %1 项指标").replace("%1", str(len(ids))))
        return ok

    def mark_not_stated(self, scope: str) -> bool:
        """Mark what the report does not state (未填报), in one review event: the current cell
        (``scope`` "cell"), or the cells of its row or column still to fill (unread, absent, a blank
        not reviewed) — a number read is never overwritten by a row or a column."""
        if self.ws is None or self.report_id is None:
            return False
        k = self.tabs.currentIndex()
        cur = self.views[k].currentIndex() if 0 <= k < len(self.views) else QModelIndex()
        ind = cur.data(Role.Indicator) if cur.isValid() else None
        if not ind:
            self.message.emit(self.tr("请先在表格中选中一个数值单元格"))
            return False
        ids = [ind] if scope == "cell" else checks.to_fill(self.scope_cells(scope), self.values)
        if not ids:
            self.message.emit(self.tr("本行（列）没有待填的单元格"))
            return False
        ok = self._apply(self.ws.mark_not_stated, self.report_id, ids)
        if ok:
            self.message.emit(self.tr("已将 %1 个单元格标为未填报").replace("%1", str(len(ids))))
        return ok

    def step_table(self, step: int) -> None:
        """Show the next (previous) table, keeping the keyboard in its grid."""
        n = self.tabs.count()
        if not n:
            return
        k = (self.tabs.currentIndex() + step) % n
        self.tabs.setCurrentIndex(k)
        if self.isVisible():
            self.views[k].setFocus(Qt.FocusReason.ShortcutFocusReason)
            if not self.views[k].currentIndex().isValid():
                self.select_first_value()
        self.message.emit(self.tabs.tabText(k))

    def select_first_value(self) -> None:
        """Make the current table's first value cell current (reading order)."""
        k = self.tabs.currentIndex()
        if 0 <= k < len(self.models) and self.models[k].grid.ids:
            pos = min(self.models[k].grid.ids)
            self.views[k].setCurrentIndex(self.models[k].index(*pos))

    def select_cell(self, indicator: str) -> bool:
        """Make ``indicator``'s cell current (its table shown)."""
        for k, m in enumerate(self.models):
            pos = m.grid.cell_of(indicator)
            if pos is not None:
                self.tabs.setCurrentIndex(k)
                self.views[k].setCurrentIndex(m.index(*pos))
                return True
        return False
