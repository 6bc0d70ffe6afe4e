"""Refresh hecha_en.ts from the sources and compile hecha_en.qm.

    uv run python resources/translations/update.py

pyside6-lupdate collects self.tr()/translate() strings; the action texts (declared as data in
gui/shell/actions.py) are added here under the "Actions" context, and the wordings of core.vocab (statuses,
qualifiers, check rules …, shown through gui.widgets.style.term) under "Vocab". English texts live in EN below.
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
    "关于 核查 Hecha": "About Hecha",
    "关于 核查 Hecha…": "About Hecha…",
    "核查 Hecha {version}：政府信息公开工作年度报告数据核查工具": "Hecha {version}: checking the figures of government information disclosure annual reports",
    "运行于 Qt {qt}、PySide6 {pyside}、Python {py}": "Running on Qt {qt}, PySide6 {pyside}, Python {py}",
    "本程序以 MIT 许可证发布；它所含的第三方软件各依其许可证，见下文。": "Hecha is released under the MIT License; the third-party software it carries is under each one's own licence, below.",
    "未找到许可证文件：{path}": "Licence file not found: {path}",
    "本报告的数字已全部核对。按 N 转到下一份报告。": "All figures of this report are checked. Press N for the next report.",
    "已确认 %1": "Confirmed %1",
    "撤销“已完成”": "Undo “done”",
    "撤销“已完成”即重新打开报告，请说明原因（将记录在审核记录中）：": "Undoing “done” reopens the report; give the reason (written into the review record):",
    "仍有未处理的项目": "Items left open",
    "报告签署后数据被改动，签署已失效；请运行 hecha verify 查看": "The report's data changed after it was signed: the signature no longer holds; run hecha verify",
    "锁定后检查结果有变化（已签署的检查未改动）：%1": "Check results changed after the lock (the signed checks are kept): %1",
    "如确需继续，请填写理由（将与未处理的数目一起印在核查单上）：": "To go on anyway, give the reason (printed on the review record with what is left open):",
    "锁定后检查结果变化": "Check result changed after locking",
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
    "%1 份报告读取时有提示，请核对：": "%1 reports were read with warnings; please check:",
    "读取此报告时的提示：": "Warnings while reading this report:",
    "读取时有 %1 条提示，请打开报告查看": "%1 warnings while reading; open the report to see them",
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
    "打开示例工作区": "Open demo workspace",
    "打开或新建工作区": "Open or create workspace",
    "核查工作区 (*.sqlite *.hecha *.db);;所有文件 (*)": "Hecha workspace (*.sqlite *.hecha *.db);;All files (*)",
    "打开报告": "Open reports",
    "报告 (%1);;所有文件 (*)": "Reports (%1);;All files (*)",
    "打开文件夹": "Open folder",
    "导入失败": "Import failed",
    "正在加载第 %1 页…": "Loading page %1…",
    "补录为数字 (A)": "Add as figure (A)",
    "全部状态": "All statuses",
    "全部发布机关": "All issuers",
    "全部年度": "All years",
    "待核对 %1 · 检查未通过 %2": "To check %1 · failed checks %2",
    "%1（%2）：%3\n请填写接受理由（将记入审核记录）：": "%1 (%2): %3\nReason for accepting (written into the audit trail):",
    "已核对 %1/%2 · 检查未通过 %3": "Checked %1/%2 · failed checks %3",
    "待核对": "To check",
    "已确认": "Confirmed",
    "已更正": "Corrected",
    "已否定": "Rejected",
    "补录": "Added",
    "检查未通过": "Check failed",
    "未审核": "Not reviewed",
    "向后扩大选中的文字（补录用）": "Extend the selected text forward (to add a figure)",
    "向前扩大选中的文字（补录用）": "Extend the selected text backward (to add a figure)",
    "下一张表格": "Next table",
    "上一张表格": "Previous table",
    "接受选中的未通过检查（填写理由）": "Accept the selected failing check (with a reason)",
    "下一个窗格": "Next pane",
    "上一个窗格": "Previous pane",
    "放大下方面板": "Enlarge the bottom panel",
    "缩小下方面板": "Shrink the bottom panel",
    "任何位置": "Anywhere",
    "数字列表或报告": "Figure list or report",
    "报告": "Report",
    "键盘所在位置": "Where the keyboard is",
    "本年": "This year",
    "上年": "Last year",
    "变化": "Change",
    "变化率": "Change %",
    "（原文：%1）": " (written: %1)",
    "＋空白": " + blanks",
    "要确认的数值参与了未通过的检查：\n%1\n\n请先核对并接受该检查。": "The values to confirm take part in a failing check:\n%1\n\nReview and accept that check first.",
    "转到检查（回车）": "Go to the check (Enter)",
    "取消（Esc）": "Cancel (Esc)",
    "未确认：请先接受未通过的检查": "Not confirmed: accept the failing check first",
    "表二 主动公开": "Table 2 Proactive disclosure",
    "表三 依申请公开": "Table 3 Disclosure on request",
    "表四 复议诉讼": "Table 4 Reviews and lawsuits",
    "还有 %1 个单元格没有读到数值（已选中第一个：%2）：请先填写，再确认。": "%1 cells could not be read (the first is selected: %2): fill them in, then confirm.",
    "没有显示下方面板：按 Ctrl+Shift+T 显示标准表格": "No bottom panel is shown: press Ctrl+Shift+T for the standard tables",
    # core.vocab wordings not listed elsewhere
    "余/多": "more than",
    "以上": "at least",
    "不足": "less than",
    "约": "about",
    "近": "nearly",
    "不超过": "at most",
    "区间（取下限）": "range (lower bound)",
    "零": "zero",
    "空白": "blank",
    "不适用": "not applicable",
    "确认": "Confirm",
    "更正": "Correct",
    "否定": "Reject",
    "设置指标": "Set indicator",
    "修改指标值": "Change indicator value",
    "批量确认指标": "Confirm indicators",
    "接受检查": "Accept check",
    "设置报告状态": "Set report status",
    "正文": "Narrative",
    "表格": "Table",
    "手工补录": "Added by hand",
    "审核中": "In review",
    "已完成": "Done",
    "有疑问": "In question",
    # Actions
    "打开报告…": "Open reports…",
    "打开文件夹…": "Open folder…",
    "打开工作区…": "Open workspace…",
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
    "表三行合计": "Table 3 row totals",
    "表三收支平衡": "Table 3 balance",
    "表三办理结果总计": "Table 3 results total",
    "表四合计": "Table 4 totals",
    "跨年结转": "Cross-year carry-over",
    "正文与表格一致": "Narrative matches table",
    "非负整数": "Non-negative counts",
    "全部数值": "All values",
    "已接受": "Accepted",
    "未通过": "Failed",
    "通过": "Passed",
    "无法核对": "Not checkable",
    "结果": "Result",
    "对象": "Subject",
    "算式": "Formula",
    "规则": "Rule",
    "接受理由：%1": "Reason for accepting: %1",
    "接受未通过的检查": "Accept a failing check",
    "%1（%2）：%3\n请填写接受理由（将记入审核记录），回车确定：": "%1 (%2): %3\nReason for accepting (written into the audit trail), Enter to accept:",
    "导出": "Export",
    "导出哪些报告": "Reports to export",
    "全部报告（%1 份）": "All reports (%1)",
    "已完成的报告（%1 份）": "Completed reports (%1)",
    "选中的报告（%1 份）": "Selected report (%1)",
    "Excel 工作簿（.xlsx：汇总、每份报告的官方表格、数字明细、审核记录）": "Excel workbook (.xlsx: summary, each report's official tables, all figures, audit trail)",
    "CSV（.csv：每个指标值和数字一行，UTF-8）": "CSV (.csv: one row per indicator value and figure, UTF-8)",
    "浏览…": "Browse…",
    "核查导出-%1": "hecha-export-%1",
    "格式：": "Formats:",
    "保存到文件夹：": "Save to folder:",
    "文件名：": "File name:",
    "关闭": "Close",
    "选择导出文件夹": "Choose the export folder",
    "请至少选择一种格式": "Choose at least one format",
    "没有符合条件的报告": "No report matches",
    "请填写保存位置和文件名": "Enter a folder and a file name",
    "正在导出…": "Exporting…",
    "已导出：": "Exported:",
    "导出失败：%1": "Export failed: %1",
    "标准表格": "Standard tables",
    "检查结果": "Checks",
    "与上一年度对比": "Compare with last year",
    "导出…": "Export…",
    "导出问题清单…": "Export problem lists…",
    "本年新收": "New this year",
    "办理结果总计": "Handled in total",
    "工作区中没有这个发布机关的年度数字": "No yearly figures of this issuer in the workspace",
    "问题清单": "Problem list",
    "选择问题清单写到的文件夹": "Choose the folder for the problem lists",
    "已写出 %1 个问题：每个发布机关一份 DOCX，另有全部报告的问题清单.xlsx": "Wrote %1 problems: a DOCX per issuer, and 问题清单.xlsx over all reports",
    "打印核查单…": "Print review record…",
    "核查单": "Review record",
    "对比": "Compare",
    "接受并填写理由…": "Accept with a reason…",
    "未通过 %1 · 已接受 %2 · 无法核对 %3 · 通过 %4": "Failed %1 · accepted %2 · not checkable %3 · passed %4",
    "接受未通过的检查必须填写理由": "Accepting a failing check needs a reason",
    "已接受检查：%1": "Accepted check: %1",
    "只看有变化的指标": "Only indicators that changed",
    "对比报告：": "Compare with:",
    "跨年结转检查（本年上年结转 = 上年结转下年度）": "Cross-year carry check (this year's carried in = last year's carried out)",
    "（不对比）": "(no comparison)",
    "工作区中没有同一发布机关上一年度的报告；可在上方选择要对比的报告。": "The workspace has no report of the same issuer for the previous year; choose a report to compare above.",
    "%1 项指标有变化，其中 %2 项变化较大；跨年结转检查未通过 %3 项": "%1 indicators changed, %2 of them by much; %3 carry checks failed",
    "新增": "new",
    "⚠ 变化较大": "⚠ large change",
    "各分项之和与表中总计的比较": "Sum of the parts against the stated total",
    "未读到": "not read",
    "Cancel": "Cancel",
    "确认本行": "Confirm row",
    "确认本列": "Confirm column",
    "确认整表": "Confirm table",
    "共 %1 项指标，待核对 %2 项": "%1 indicators, %2 to check",
    "本报告中没有读到标准表格": "No standard table was read in this report",
    "未读出": "not read",
    "程序未能读出此单元格（不是报告中的空白），请对照原文填写": "The program could not read this cell (it is not a blank of the report); type it from the original",
    "有未读出的单元格": "cells not read",
    "%1 个单元格未读出，请先对照原文填写（橙色）": "%1 cells could not be read: type them from the original first (orange)",
    "“%1”不是数字；可输入数字、留空或输入“/”": "“%1” is not a number; enter a number, leave it blank or enter “/”",
    "请先在表格中选中一个数值单元格": "Select a value cell in the table first",
    "已确认 %1 项指标": "Confirmed %1 indicators",
    "原文：%1": "As written: %1",
    "标签：%1": "Label: %1",
    "指标：%1（%2）": "Indicator: %1 (%2)",
    "已将报告标记为“%1”。": "Report marked “%1”.",
    "仍有 %1 个数字待核对。": " %1 figures are still to check.",
    "按 N 转到下一份报告。": " Press N for the next report.",
    "选中未通过的检查后按回车": "Select a failing check and press Enter",
    "报告 %1/%2：%3": "Report %1/%2: %3",
    "列表中的报告都已完成。": "Every report in the list is done. ",
    "筛选报告列表…": "Filter the report list…",
    "列表中有 %1 份报告": "%1 reports in the list",
    "报告以繁体显示（Ctrl+T 切换）": "Report shown in traditional characters (Ctrl+T switches)",
    "报告以简体显示（Ctrl+T 切换）": "Report shown in simplified characters (Ctrl+T switches)",
    "新建工作区…": "New workspace…",
    "打开示范工作区（只读示例）": "Open demo workspace (read-only example)",
    "界面字号放大": "Larger interface font",
    "界面字号缩小": "Smaller interface font",
    "表二单元格": "Table 2 cell",
    "表三单元格": "Table 3 cell",
    "表四单元格": "Table 4 cell",
    "表格单元格": "Table cell",
    "界面字号：%1 磅": "Interface font: %1 pt",
    "最近的工作区(&R)": "&Recent workspaces",
    "（还没有最近的工作区）": "(no recent workspaces yet)",
    "示范工作区（只读示例）": "Demo workspace (read-only example)",
    "示范工作区（只读示例）：这些示范报告供熟悉操作，改动不会保存。打开您自己的报告（Ctrl+O）时，程序会在“文档/核查工作区”中为您建立工作区并显示报告。审核：Enter 确认 · 输入数字更正 · Delete 否定 · F1 全部快捷键": "Demo workspace (read-only example): these sample reports are for trying the keys; changes are not saved. When you open your own report (Ctrl+O), Hecha creates your workspace in Documents/核查工作区 and shows the report. Review: Enter confirms · type digits to correct · Delete rejects · F1 lists every key",
    "工作区中还没有报告：按 Ctrl+O 打开报告、Ctrl+Shift+O 打开文件夹，或把文件拖到窗口中。": "No reports yet: press Ctrl+O to open reports, Ctrl+Shift+O to open a folder, or drop files on the window.",
    "无法建立工作区": "Cannot create workspace",
    "%1：无法建立文件夹（%2）。请用“文件 → 新建工作区…”另选位置。": "%1: cannot create the folder (%2). Choose another place with File → New workspace….",
    "已新建您的工作区 %1。": "Created your workspace %1. ",
    "报告导入您的工作区 %1。": "Reports go into your workspace %1. ",
    "打开工作区": "Open workspace",
    "新建工作区": "New workspace",
    "无法新建工作区": "Cannot create workspace",
    "%1 已存在：请换一个文件名，或用“文件 → 打开工作区…”打开它。": "%1 exists already: choose another file name, or open it with File → Open workspace….",
    "示范工作区是只读示例，改动不会保存：按 Ctrl+O 打开您自己的报告。": "The demo workspace is a read-only example and changes are not saved: press Ctrl+O to open your own report.",
    "复核通过": "Approved",
    "已退回": "Returned",
    "重新打开": "Reopen",
    "退回": "Return",
    "复核人": "Second reviewer",
    "设置复核人…": "Set second reviewer…",
    "重新打开…（说明原因）": "Reopen… (with a reason)",
    "退回…（说明原因）": "Return… (with a reason)",
    "审核人：%1　复核人：%2": "Reviewer: %1   Second reviewer: %2",
    "复核人：%1": "Second reviewer: %1",
    "请输入本工作区复核人的姓名（复核人不能是审核人本人）：": "Name of this workspace's second reviewer (not the reviewer):",
    "请输入本工作区审核人的姓名（只需输入一次，将记录在每条审核记录中）：": "Name of this workspace's reviewer (asked once; written into every review event):",
    "请输入本工作区复核人的姓名（复核人不能是审核人本人，只需输入一次）：": "Name of this workspace's second reviewer (not the reviewer; asked once):",
    "未填写审核人姓名，操作未保存": "No reviewer name entered; nothing was saved",
    "未填写复核人姓名，操作未保存": "No second reviewer name entered; nothing was saved",
    "重新打开报告": "Reopen report",
    "请说明重新打开“%1”的原因（将记录在审核记录中）：": "Why reopen “%1”? (written into the review record)",
    "已重新打开报告，可以继续审核。": "Report reopened; you can continue reviewing.",
    "退回报告": "Return report",
    "复核人 %1：请说明退回“%2”的原因（审核人将看到）：": "Second reviewer %1: why return “%2”? (the reviewer will see it)",
    "复核人 %1 已复核通过，报告保持锁定。": "Approved by second reviewer %1; the report stays locked.",
    "复核人 %1 已退回报告，审核人可继续修改。": "Returned by second reviewer %1; the reviewer can make changes again.",
    "复制详情": "Copy details",
    "程序出错": "Unexpected error",
    "程序遇到意外错误（%1），刚才的操作可能没有完成。详情已写入日志。": "The program met an unexpected error (%1); the last action may not have completed. The details are in the log.",
}


def _add(root: ET.Element, context: str, texts: list[str]) -> None:
    """Messages for ``texts`` in ``context`` (strings declared as data, which lupdate cannot see)."""
    ctx = next((c for c in root.findall("context") if c.findtext("name") == context), None)
    if ctx is None:
        ctx = ET.SubElement(root, "context")
        ET.SubElement(ctx, "name").text = context
    have = {m.findtext("source") for m in ctx.findall("message")}
    for text in texts:
        if text not in have:
            m = ET.SubElement(ctx, "message")
            ET.SubElement(m, "source").text = text
            ET.SubElement(m, "translation")
            have.add(text)


def main() -> int:
    sys.path.insert(0, str(ROOT))
    from core import vocab
    from gui.shell.actions import MENU_TITLES, SCOPE_NAMES, SPECS

    sources = sorted(str(p) for p in (ROOT / "gui").rglob("*.py"))
    # -no-obsolete: a text no longer in the sources (or filed under another context) leaves the catalogue
    subprocess.run(["pyside6-lupdate", *sources, "-no-obsolete", "-ts", str(TS)], check=True)
    tree = ET.parse(TS)
    root = tree.getroot()
    _add(root, "Actions", [s.text for s in SPECS] + list(MENU_TITLES.values()) + list(SCOPE_NAMES.values()))
    _add(root, "Vocab", list(vocab.wordings()))
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
