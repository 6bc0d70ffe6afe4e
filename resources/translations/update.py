"""Refresh hecha_en.ts from the sources and compile hecha_en.qm.

    uv run python resources/translations/update.py

pyside6-lupdate collects self.tr()/translate() strings; the action texts (declared as data in
gui/actions.py) are added here under the "Actions" context. English texts live in EN below.
"""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
TS = HERE / "hecha_en.ts"

EN = {
    "本报告的数字已全部核对。按 N 转到下一份报告。": "All figures of this report are checked. Press N for the next report.",
    "已确认 %1": "Confirmed %1",
    "已否定 %1（不是数字）": "Rejected %1 (not a figure)",
    "已更正为 %1": "Corrected to %1",
    "请先在报告中选中要补录的数字": "Select the missed figure in the report first",
    "选中的文字“%1”中没有数字": "No number in the selected text “%1”",
    "已补录 %1": "Added %1",
    "没有可撤销的操作": "Nothing to undo",
    "已撤销": "Undone",
    "没有可重做的操作": "Nothing to redo",
    "已重做": "Redone",
    "审核人": "Reviewer",
    "请输入审核人姓名（将记录在每条审核记录中）：": "Reviewer name (written into every review event):",
    "快捷键": "Shortcuts",
    "操作": "Action",
    "正在导入报告…": "Importing reports…",
    "取消": "Cancel",
    "导入": "Import",
    "已导入 %1 份报告，跳过 %2 份（已在工作区中）。": "Imported %1 reports, skipped %2 (already in the workspace).",
    "导入已取消。": "Import cancelled.",
    "%1 个文件无法导入：": "%1 files could not be imported:",
    "导入结果": "Import result",
    "未找到": "Not found",
    "数值": "Value",
    "单位": "Unit",
    "标签": "Label",
    "指标": "Indicator",
    "置信度": "Confidence",
    "状态": "Status",
    "（原值 %1）": " (was %1)",
    "查找：": "Find:",
    "输入要查找的文字，回车查找下一个": "Text to find; Enter finds the next",
    "核查 Hecha": "Hecha",
    "核查 Hecha — %1": "Hecha — %1",
    "审核人：%1": "Reviewer: %1",
    "工作区中还没有报告：用“文件 → 打开报告”或把文件拖到窗口中导入。": "No reports yet: use File → Open reports or drop files on the window.",
    "无法打开工作区": "Cannot open workspace",
    "打开或新建工作区": "Open or create workspace",
    "核查工作区 (*.sqlite *.hecha *.db);;所有文件 (*)": "Hecha workspace (*.sqlite *.hecha *.db);;All files (*)",
    "打开报告": "Open reports",
    "报告 (*.txt *.htm *.html *.docx *.pdf);;所有文件 (*)": "Reports (*.txt *.htm *.html *.docx *.pdf);;All files (*)",
    "打开文件夹": "Open folder",
    "导入失败": "Import failed",
    "正在加载第 %1 页…": "Loading page %1…",
    "补录为数字 (A)": "Add as figure (A)",
    "全部状态": "All statuses",
    "全部发布机关": "All issuers",
    "全部年度": "All years",
    "待核对 %1 · 检查未通过 %2": "To check %1 · failed checks %2",
    "待核对": "To check",
    "已确认": "Confirmed",
    "已更正": "Corrected",
    "已否定": "Rejected",
    "补录": "Added",
    "检查未通过": "Check failed",
    "未审核": "Not reviewed",
    "审核中": "In review",
    "已完成": "Done",
    "有疑问": "In question",
    # Actions
    "打开报告…": "Open reports…",
    "打开文件夹…": "Open folder…",
    "打开工作区…": "Open workspace…",
    "打开示例工作区": "Open demo workspace",
    "设置审核人…": "Set reviewer…",
    "退出": "Quit",
    "确认并转到下一个": "Confirm and go to next",
    "更正数值（或直接输入数字）": "Correct value (or just type digits)",
    "否定：不是数字": "Reject: not a figure",
    "补录选中的文字为数字": "Add selected text as figure",
    "下一个数字": "Next figure",
    "上一个数字": "Previous figure",
    "下一份报告": "Next report",
    "撤销": "Undo",
    "重做": "Redo",
    "标记报告为已完成": "Mark report done",
    "标记报告为有疑问": "Mark report in question",
    "查找…": "Find…",
    "放大": "Zoom in",
    "缩小": "Zoom out",
    "以繁体显示": "Show traditional characters",
    "快捷键一览": "Keyboard shortcuts",
    "文件(&F)": "&File",
    "审核(&R)": "&Review",
    "视图(&V)": "&View",
    "帮助(&H)": "&Help",
}


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from gui.actions import MENU_TITLES, SPECS

    sources = sorted(str(p) for p in (ROOT / "gui").glob("*.py"))
    subprocess.run(["pyside6-lupdate", *sources, "-ts", str(TS)], check=True)
    tree = ET.parse(TS)
    root = tree.getroot()
    ctx = next((c for c in root.findall("context") if c.findtext("name") == "Actions"), None)
    if ctx is None:
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = "Actions"
    have = {m.findtext("source") for m in ctx.findall("message")}
    for text in [s.text for s in SPECS] + list(MENU_TITLES.values()):
        if text not in have:
            m = ET.SubElement(ctx, "message")
            ET.SubElement(m, "source").text = text
            ET.SubElement(m, "translation")
            have.add(text)
    missing = []
    for m in root.iter("message"):
        src = m.findtext("source") or ""
        tr = m.find("translation")
        if tr is None:
            tr = ET.SubElement(m, "translation")
        if src in EN:
            tr.text = EN[src]
            tr.attrib.pop("type", None)
        else:
            missing.append(src)
    root.set("language", "en_US")
    root.set("sourcelanguage", "zh_CN")
    tree.write(TS, encoding="utf-8", xml_declaration=True)
    subprocess.run(["pyside6-lrelease", str(TS), "-qm", str(TS.with_suffix(".qm"))], check=True)
    for s in missing:
        print(f"untranslated: {s}")  # noqa: T201
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
