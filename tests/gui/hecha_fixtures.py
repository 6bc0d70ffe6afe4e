"""Fixtures shared by tests/gui and tests/e2e: small generated reports, a workspace in tmp_path and the
real main window on it (settings redirected to tmp_path, dialogs stubbed)."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPORT_A = """某市人民政府办公室2023年政府信息公开工作年度报告

一、总体情况
2023年，本机关主动公开政府信息1234条，其中市政府规章5件，规范性文件12件。
全年收到政府信息公开申请86件，办理行政复议3件，行政诉讼2件。
政府网站全年访问量达到3.5万次，举办新闻发布会17场，回应公众关切41次。
未纳入统计的其他事项：开展培训九十次，参训人员约300人次。
专栏更新条目合计 640 ，详见附件。
"""

REPORT_B = """某县人民政府2022年政府信息公开工作年度报告

一、总体情况
2022年，本县主动公开政府信息560条，收到政府信息公开申请24件。
举办政策解读活动8场，发布解读材料31篇。
"""


def write_reports(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    a = folder / "a-2023.txt"
    b = folder / "b-2022.txt"
    a.write_text(REPORT_A, encoding="utf-8")
    b.write_text(REPORT_B, encoding="utf-8")
    return [a, b]


def office_report(k: int, rng: random.Random) -> str:
    """A generated annual report like the ones an office receives: a title naming issuer and year, a
    narrative with figures, and 表三 with its official rows as a text table (numbered ``k``)."""
    from core.tables.layout import T3_ROWS

    year = 2019 + k % 6
    new = [rng.randint(0, 60) for _ in range(6)]
    lines = [
        f"第{k}号区人民政府{year}年政府信息公开工作年度报告",
        "",
        f"{year}年，本机关主动公开政府信息{rng.randint(100, 9999)}条，其中主动公开规章{rng.randint(0, 20)}件、"
        f"行政规范性文件{rng.randint(1, 99)}件，发布政策解读{rng.randint(10, 900)}条。",
        f"全年共收到政府信息公开申请{sum(new)}件，办理行政复议{rng.randint(0, 9)}宗，行政诉讼{rng.randint(0, 9)}件。",
        f"开展政务公开培训{rng.randint(1, 30)}次、培训{rng.randint(50, 900)}余人次，网站访问量{rng.randint(1, 99)}万人次。",
        "",
        "三、收到和处理政府信息公开申请情况",
        "| 本列数据的勾稽关系 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
    ]
    for _, _, label in T3_ROWS:
        if label.startswith("（六）其他处理"):
            continue
        vals = new if label.startswith("一、") else [rng.randint(0, 9) for _ in range(6)]
        lines.append(f"| {label} | " + " | ".join(map(str, vals)) + f" | {sum(vals)} |")
    return "\n".join(lines) + "\n"


# The prose of a real annual report around its figures: sentences without a figure, as the eight
# parts of the 2021 template hold them (the real ones in /work/shared/corpus/real are 9.6–17 KB of UTF-8
# with some 210 figures; ``office_report`` is 2.4 KB with 185).
_SECTIONS = (
    "一、总体情况",
    "（一）主动公开",
    "（二）依申请公开",
    "（三）政府信息管理",
    "（四）平台建设",
    "（五）监督保障",
    "二、主动公开政府信息情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
_PROSE = (
    "坚持以习近平新时代中国特色社会主义思想为指导，全面贯彻落实党中央、国务院关于全面推进政务公开工作的决策部署",
    "严格执行《中华人民共和国政府信息公开条例》，坚持以公开为常态、不公开为例外",
    "围绕中心工作和群众关切，进一步加大重点领域信息公开力度，不断提升政务公开质量和实效",
    "健全政府信息公开申请登记、审核、办理、答复、归档等工作流程，规范答复文书格式",
    "加强政府网站和政务新媒体建设管理，及时更新栏目内容，确保信息发布准确、权威、及时",
    "落实政府信息公开保密审查制度，坚持先审查、后公开和一事一审原则，防止泄密事件发生",
    "对照年度工作要点逐项梳理任务清单，明确责任单位和完成时限，推动各项任务落到实处",
    "组织开展政务公开专题培训，提升工作人员业务能力和依法公开意识",
    "将政务公开工作纳入绩效考核体系，定期通报工作进展情况，强化督促检查",
    "部分单位对政务公开工作重视程度仍需提高，信息发布的及时性和规范性有待加强",
    "政策解读形式还比较单一，图文、视频等多样化解读运用不够，解读的针对性和可读性不足",
    "下一步将持续完善政务公开制度体系，推动政务公开标准化规范化建设向基层延伸",
    "按照《政府信息公开信息处理费管理办法》规定，本年度未收取任何信息处理费",
    "认真办理人大代表建议和政协委员提案，办理结果按规定予以公开，接受社会监督",
    "持续优化政务服务事项公开，做好办事指南的更新维护，方便群众查询办理",
)
_FACTS = (
    "更新政务公开专栏信息{}条",
    "发布政策解读材料{}篇",
    "举办新闻发布会{}场",
    "回应社会关切{}次",
    "开展培训{}期",
    "办理人大代表建议{}件",
    "办理政协委员提案{}件",
    "发布政务微博{}条",
)


def office_report_long(k: int, rng: random.Random, size: int = 11_000) -> str:
    """``office_report`` filled to a real report's length: its title, narrative and 表三, then the
    other parts of the template, each in sentences without figures and a few with one (some 25 more
    figures in all), until the text is ``size`` bytes of UTF-8."""
    dense = office_report(k, rng)
    title, rest = dense.split("\n", 1)
    head, table = rest.split("三、收到和处理政府信息公开申请情况", 1)
    parts: dict[str, list[str]] = {s: [] for s in _SECTIONS}
    body = len(dense.encode())
    facts = 0
    while body < size:
        section = _SECTIONS[rng.randrange(len(_SECTIONS))]
        sentence = _PROSE[rng.randrange(len(_PROSE))]
        if facts < 25 and rng.random() < 0.3:
            sentence += "，" + _FACTS[rng.randrange(len(_FACTS))].format(rng.randint(1, 500))
            facts += 1
        parts[section].append(sentence + "。")
        body += len((sentence + "。").encode())
    lines = [title, head.rstrip("\n"), ""]
    for s in _SECTIONS[:7]:
        lines += [s, "".join(parts[s]), ""]
    lines += ["三、收到和处理政府信息公开申请情况" + table.rstrip("\n"), ""]
    for s in _SECTIONS[7:]:
        lines += [s, "".join(parts[s]), ""]
    return "\n".join(lines)


def write_office_reports_long(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """``n`` generated annual reports of a real report's length (``office_report_long``)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        p = folder / f"r{k:05d}.txt"
        p.write_text(office_report_long(k, rng), encoding="utf-8")
        out.append(p)
    return out


def write_office_reports(folder: Path, n: int, seed: int = 7) -> list[Path]:
    """``n`` generated annual reports (``office_report``) as UTF-8 text files in ``folder``."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    out = []
    for k in range(n):
        p = folder / f"r{k:05d}.txt"
        p.write_text(office_report(k, rng), encoding="utf-8")
        out.append(p)
    return out


def require_cjk_font() -> None:
    """Skip the calling test on a machine without a Chinese font: Qt would write a PDF whose Chinese
    text is missing, so there would be nothing to read back (README: fonts-wqy-microhei)."""
    from PySide6.QtGui import QFontDatabase

    if not QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese):
        pytest.skip("no CJK font installed (apt-get install fonts-wqy-microhei): a generated PDF needs one")


def write_pdf(path: Path, pages: list[list[tuple[float, float, str]]], pixel_size: int = 14) -> Path:
    """A4 pages written by Qt's PDF writer, as an office's PDF export draws text: each page a list of
    ``(x, y, text)`` in points, in a Chinese font (the calling test is skipped on a machine without
    one: the PDF would have no text to read back)."""
    require_cjk_font()
    from PySide6.QtCore import QMarginsF, QPointF
    from PySide6.QtGui import QFont, QPageLayout, QPageSize, QPainter, QPdfWriter

    w = QPdfWriter(str(path))
    w.setResolution(72)
    w.setPageLayout(
        QPageLayout(QPageSize(QPageSize.PageSizeId.A4), QPageLayout.Orientation.Portrait, QMarginsF())
    )
    p = QPainter(w)
    f = QFont()
    f.setFamilies(["WenQuanYi Micro Hei", "Noto Sans CJK SC"])
    f.setPixelSize(pixel_size)
    p.setFont(f)
    for i, lines in enumerate(pages):
        if i:
            w.newPage()
        for x, y, text in lines:
            p.drawText(QPointF(x, y), text)
    p.end()
    return path


def make_pdf(path: Path) -> Path:
    """Two A4 pages written by Qt: a figure on page 1 at (72, 120) and one on page 2 at (72, 400) pt.
    Skips the test when no Chinese font is installed."""
    require_cjk_font()
    return write_pdf(
        path,
        [
            [(72, 120, "某市2023年政府信息公开工作年度报告"), (72, 160, "本机关主动公开政府信息1234条。")],
            [(72, 400, "全年收到政府信息公开申请86件。")],
        ],
    )


def add_reports(ws: Any, paths: list[Path]) -> list[int]:
    res = ws.import_paths([str(p) for p in paths])
    assert not res.errors, res.errors
    return list(res.report_ids)


@pytest.fixture
def reports_dir(tmp_path: Path) -> Path:
    write_reports(tmp_path / "reports")
    return tmp_path / "reports"


@pytest.fixture
def ws_path(tmp_path: Path, reports_dir: Path) -> Path:
    from core.store import Workspace

    path = tmp_path / "ws.sqlite"
    with Workspace.open(path, "测试员") as ws:
        add_reports(ws, sorted(reports_dir.iterdir()))
    return path


@pytest.fixture
def settings(tmp_path: Path) -> Any:
    from gui.shell.settings import Settings

    s = Settings(tmp_path / "settings.ini")
    s.reviewer = "测试员"
    return s


@pytest.fixture
def no_dialogs(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Message boxes and dialogs never block; their texts are collected."""
    from PySide6.QtWidgets import QDialog, QMessageBox

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda self: shown.append(self.text()) or 0)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: shown.append(str(a[2])) or 0)
    monkeypatch.setattr(QDialog, "exec", lambda self: shown.append(type(self).__name__) or 0)
    return shown


@pytest.fixture
def window(qtbot: Any, settings: Any, ws_path: Path, no_dialogs: list[str]) -> Iterator[Any]:
    from core.store import Workspace
    from gui.shell.mainwindow import MainWindow

    win = MainWindow(settings)
    qtbot.addWidget(win)
    win.set_workspace(Workspace.open(ws_path, settings.reviewer))
    win.show()
    qtbot.waitUntil(win.first_report_shown)
    yield win
    if win.ws is not None:
        win.close()
