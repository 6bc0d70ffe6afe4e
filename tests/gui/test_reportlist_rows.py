"""The report list of a big workspace: a review step repaints the one row it changed, and choosing
全部 again after a filter reads nothing from the workspace."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from hecha_fixtures import add_reports, write_office_reports

from core.store import Workspace
from gui.review.reportlist import ReportList


def test_a_review_step_repaints_one_row_and_a_filter_reads_nothing(qtbot: Any, tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "w.sqlite", reviewer="张三")
    add_reports(ws, write_office_reports(tmp_path / "r", 12))
    rl = ReportList()
    qtbot.addWidget(rl)
    rl.set_workspace(ws)
    assert rl.model.rowCount() == 12
    rid = rl.model.report(5).id
    changed: list[tuple[int, int]] = []
    resets: list[int] = []
    rl.model.dataChanged.connect(lambda a, b, *_: changed.append((a.row(), b.row())))
    rl.model.modelReset.connect(lambda: resets.append(1))
    before = rl.model.report(5).n_pending
    ws.confirm(ws.figures(rid)[0].id)
    rl.refresh_report(rid)
    assert changed == [(5, 5)] and not resets
    assert rl.model.report(5).n_pending == before - 1  # the count kept by the workspace

    calls: list[str] = []
    for name in ("reports", "report", "signers"):
        real = getattr(ws, name)
        setattr(ws, name, lambda *a, _n=name, _r=real, **k: calls.append(_n) or _r(*a, **k))
    rl.status.setCurrentIndex(rl.status.findData("in_review"))
    assert [rl.model.report(r).id for r in range(rl.model.rowCount())] == [rid]
    rl.status.setCurrentIndex(0)  # 全部状态 again
    assert rl.model.rowCount() == 12 and rl.model.report(5).n_pending == before - 1
    assert calls == []  # the list was filtered from the rows it holds
    ws.close()


def test_the_issuer_filter_lists_that_issuer_and_outlives_a_reload(qtbot: Any, tmp_path: Path) -> None:
    ws = Workspace.open(tmp_path / "w.sqlite", reviewer="张三")
    add_reports(ws, write_office_reports(tmp_path / "r", 6))
    rl = ReportList()
    qtbot.addWidget(rl)
    rl.set_workspace(ws)
    issuers = sorted({r.issuer for r in ws.reports() if r.issuer})
    assert [rl.issuer.itemText(k) for k in range(1, rl.issuer.count())] == issuers
    chosen = issuers[-1]
    rl.issuer.setCurrentIndex(rl.issuer.findText(chosen))
    shown = {rl.model.report(r).issuer for r in range(rl.model.rowCount())}
    assert shown == {chosen} and rl.chosen_issuer() == chosen
    rl.reload()  # e.g. after an import: the choice stays
    assert rl.issuer.currentText() == chosen
    assert {rl.model.report(r).issuer for r in range(rl.model.rowCount())} == {chosen}
    rl.issuer.setCurrentIndex(0)
    assert rl.chosen_issuer() is None and rl.model.rowCount() == 6
    ws.close()


def test_each_row_shows_its_share_checked_as_a_bar_and_its_status_in_colour(
    qtbot: Any, tmp_path: Path
) -> None:
    """A report all checked has a green bar, one partly checked a blue part as long as its share and
    grey for the rest, one not begun a grey bar; a report in review is listed in its status colour."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QColor

    from gui.review.reportlist import ProgressDelegate, ProgressRole

    ws = Workspace.open(tmp_path / "w.sqlite", reviewer="张三")
    add_reports(ws, write_office_reports(tmp_path / "r", 3))
    rows = ws.reports()
    for f in ws.figures(rows[0].id):
        ws.confirm(f.id)
    part = ws.figures(rows[1].id)
    for f in part[: len(part) // 3]:
        ws.confirm(f.id)
    rl = ReportList()
    qtbot.addWidget(rl)
    rl.resize(300, 500)
    rl.set_workspace(ws)
    rl.show()
    qtbot.waitExposed(rl)
    image = rl.view.viewport().grab().toImage()

    def bar(row: int) -> list[str]:
        rect = rl.view.visualRect(rl.model.index(row))
        y = rect.bottom() - ProgressDelegate.BAR - 1 + ProgressDelegate.BAR // 2
        return [
            image.pixelColor(x, y).name() for x in range(rect.left() + 4, rect.right() - 3)
        ]  # its full width

    full, third, none = bar(0), bar(1), bar(2)
    assert set(full) == {"#52c41a"} and set(none) == {"#d9d9d9"}
    done, total = rl.model.index(1).data(ProgressRole)
    blue = third.count("#1677ff")
    assert third[:blue] == ["#1677ff"] * blue and set(third[blue:]) == {"#d9d9d9"}
    assert abs(blue / len(third) - done / total) < 0.05
    colour = rl.model.index(1).data(Qt.ItemDataRole.ForegroundRole)  # a colour or a brush of it
    assert QColor(colour.color() if hasattr(colour, "color") else colour).name() == "#d48806"  # 审核中
    assert rl.model.index(2).data(Qt.ItemDataRole.ForegroundRole) is None  # 未审核: the list's own
    ws.close()


def test_the_rows_are_counted_by_qt_and_a_row_is_never_edited(qtbot: Any, tmp_path: Path) -> None:
    """The list view asks for the row count once per row at each layout: the count stays Qt's own (a
    ``rowCount`` written in Python made 60,000 calls before the first paint of 10,000 reports). The
    rows it counts are the reports, each shown from its ``ReportRow``; none opens an editor."""
    from PySide6.QtCore import QStringListModel, Qt
    from PySide6.QtWidgets import QAbstractItemView

    from gui.review.reportlist import ReportIdRole, ReportListModel

    assert ReportListModel.rowCount is QStringListModel.rowCount
    ws = Workspace.open(tmp_path / "w.sqlite", reviewer="张三")
    add_reports(ws, write_office_reports(tmp_path / "r", 4))
    rl = ReportList()
    qtbot.addWidget(rl)
    rl.set_workspace(ws)
    rows = ws.reports()
    assert rl.model.rowCount() == 4 and rl.model.rowCount(rl.model.index(0)) == 0
    assert [rl.model.index(r).data(ReportIdRole) for r in range(4)] == [r.id for r in rows]
    assert rl.model.index(0).data().startswith(rows[0].title or "")
    assert rl.model.itemData(rl.model.index(0))[Qt.ItemDataRole.DisplayRole] == rl.model.index(0).data()
    flags = rl.model.flags(rl.model.index(0))
    assert flags & Qt.ItemFlag.ItemIsSelectable and flags & Qt.ItemFlag.ItemIsEnabled
    assert not flags & (
        Qt.ItemFlag.ItemIsEditable | Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
    )
    rl.show()
    qtbot.waitExposed(rl)
    rl.view.setCurrentIndex(rl.model.index(1))
    rl.view.edit(rl.model.index(1))  # F2 / a double click
    assert rl.view.state() != QAbstractItemView.State.EditingState
    rl.status.setCurrentIndex(rl.status.findData("done"))  # none done: the filter empties the list
    assert rl.model.rowCount() == 0
    rl.status.setCurrentIndex(0)
    assert rl.model.rowCount() == 4
    ws.close()
