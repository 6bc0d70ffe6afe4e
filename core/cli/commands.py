"""Every subcommand of the command line with its one line: the help of its parser (core/cli), and
what ``hecha --help`` lists (gui/shell/options.py) without building the parsers."""

from __future__ import annotations

COMMANDS: dict[str, str] = {
    "text": "输出报告的规范文本（偏移量以此为准）",
    "extract": "提取数字、指标与检查结果",
    "import": "把报告（文件或文件夹）导入工作区",
    "export": "把工作区导出为 Excel 或 CSV",
    "problems": "问题清单：每个发布机关一份整改通知（DOCX），或全部报告一张表（xlsx）",
    "verify": "校验工作区：审核记录的哈希链与数据是否一致（不一致时退出码 1）",
    "reopen": "重新打开已完成或复核通过的报告（须说明原因）",
    "approve": "复核通过已完成的报告（须由本工作区的复核人操作）",
    "return": "把已完成的报告退回审核人（须说明原因）",
}
