<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name>Checks</name>
    <message>
        <location filename="../../gui/widgets/checkrows.py" line="47" />
        <source>全部数值</source>
        <translation>All values</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/checkrows.py" line="151" />
        <source>结果</source>
        <translation>Result</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/checkrows.py" line="152" />
        <source>对象</source>
        <translation>Subject</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/checkrows.py" line="153" />
        <source>算式</source>
        <translation>Formula</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/checkrows.py" line="154" />
        <source>规则</source>
        <translation>Rule</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/checkrows.py" line="180" />
        <source>接受理由：%1</source>
        <translation>Reason for accepting: %1</translation>
    </message>
    <message>
        <location filename="../../gui/checks/checkspanel.py" line="53" />
        <source>接受未通过的检查</source>
        <translation>Accept a failing check</translation>
    </message>
    <message>
        <location filename="../../gui/checks/checkspanel.py" line="54" />
        <source>%1（%2）：%3
请填写接受理由（将记入审核记录），回车确定：</source>
        <translation>%1 (%2): %3
Reason for accepting (written into the audit trail), Enter to accept:</translation>
    </message>
</context>
<context>
    <name>ChecksPanel</name>
    <message>
        <location filename="../../gui/checks/checkspanel.py" line="87" />
        <source>接受并填写理由…</source>
        <translation>Accept with a reason…</translation>
    </message>
    <message>
        <location filename="../../gui/checks/checkspanel.py" line="89" />
        <source>选中未通过的检查后按回车</source>
        <translation>Select a failing check and press Enter</translation>
    </message>
    <message>
        <location filename="../../gui/checks/checkspanel.py" line="148" />
        <source>未通过 %1 · 已接受 %2 · 无法核对 %3 · 通过 %4</source>
        <translation>Failed %1 · accepted %2 · not checkable %3 · passed %4</translation>
    </message>
    <message>
        <location filename="../../gui/checks/checkspanel.py" line="188" />
        <source>接受未通过的检查必须填写理由</source>
        <translation>Accepting a failing check needs a reason</translation>
    </message>
    <message>
        <location filename="../../gui/checks/checkspanel.py" line="197" />
        <source>已接受检查：%1</source>
        <translation>Accepted check: %1</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../gui/compare/compare.py" line="227" />
        <source>只看有变化的指标</source>
        <translation>Only indicators that changed</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="252" />
        <source>对比报告：</source>
        <translation>Compare with:</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="264" />
        <source>跨年结转检查（本年上年结转 = 上年结转下年度）</source>
        <translation>Cross-year carry check (this year's carried in = last year's carried out)</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="315" />
        <source>（不对比）</source>
        <translation>(no comparison)</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="381" />
        <source>工作区中没有同一发布机关上一年度的报告；可在上方选择要对比的报告。</source>
        <translation>The workspace has no report of the same issuer for the previous year; choose a report to compare above.</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="388" />
        <source>%1 项指标有变化，其中 %2 项变化较大；跨年结转检查未通过 %3 项</source>
        <translation>%1 indicators changed, %2 of them by much; %3 carry checks failed</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="39" />
        <source>审核人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="40" />
        <source>请输入审核人姓名（将记录在每条审核记录中）：</source>
        <translation>Reviewer name (written into every review event):</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="55" />
        <source>核查工作区 (*.sqlite *.hecha *.db);;所有文件 (*)</source>
        <translation>Hecha workspace (*.sqlite *.hecha *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="71" />
        <location filename="../../gui/shell/dialogs.py" line="79" />
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="78" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="80" />
        <source>键盘所在位置</source>
        <translation>Where the keyboard is</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="117" />
        <source>关于 核查 Hecha</source>
        <translation>About Hecha</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="121" />
        <source>核查 Hecha {version}：政府信息公开工作年度报告数据核查工具</source>
        <translation>Hecha {version}: checking the figures of government information disclosure annual reports</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="125" />
        <source>运行于 Qt {qt}、PySide6 {pyside}、Python {py}</source>
        <translation>Running on Qt {qt}, PySide6 {pyside}, Python {py}</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="129" />
        <source>本程序以 MIT 许可证发布；它所含的第三方软件各依其许可证，见下文。</source>
        <translation>Hecha is released under the MIT License; the third-party software it carries is under each one's own licence, below.</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="145" />
        <source>未找到许可证文件：{path}</source>
        <translation>Licence file not found: {path}</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="158" />
        <source>正在导入报告…</source>
        <translation>Importing reports…</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="159" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="164" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="180" />
        <source>已导入 %1 份报告，跳过 %2 份（已在工作区中）。</source>
        <translation>Imported %1 report(s), skipped %2 (already in the workspace).</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="185" />
        <source>导入已取消。</source>
        <translation>Import cancelled.</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="188" />
        <source>%1 个文件无法导入：</source>
        <translation>%1 file(s) could not be imported:</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="193" />
        <source>%1 份报告读取时有提示，请核对：</source>
        <translation>%1 report(s) were read with warnings; please check:</translation>
    </message>
    <message>
        <location filename="../../gui/shell/dialogs.py" line="203" />
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
</context>
<context>
    <name>DiffModel</name>
    <message>
        <location filename="../../gui/compare/compare.py" line="54" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="55" />
        <source>本年</source>
        <translation>This year</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="56" />
        <source>上年</source>
        <translation>Last year</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="57" />
        <source>变化</source>
        <translation>Change</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="58" />
        <source>变化率</source>
        <translation>Change %</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="125" />
        <source>新增</source>
        <translation>new</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="127" />
        <source>⚠ 变化较大</source>
        <translation>⚠ large change</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../gui/widgets/docview.py" line="171" />
        <source>读取此报告时的提示：</source>
        <translation>Warnings while reading this report:</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/docview.py" line="252" />
        <source>未找到</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <location filename="../../gui/widgets/errors.py" line="29" />
        <source>复制详情</source>
        <translation>Copy details</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/errors.py" line="62" />
        <source>程序出错</source>
        <translation>Unexpected error</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/errors.py" line="63" />
        <source>程序遇到意外错误（%1），刚才的操作可能没有完成。详情已写入日志。</source>
        <translation>The program met an unexpected error (%1); the last action may not have completed. The details are in the log.</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="99" />
        <location filename="../../gui/export/exportdialog.py" line="142" />
        <source>导出</source>
        <translation>Export</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="110" />
        <source>导出哪些报告</source>
        <translation>Reports to export</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="113" />
        <source>全部报告（%1 份）</source>
        <translation>All reports (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="114" />
        <source>已完成的报告（%1 份）</source>
        <translation>Completed reports (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="115" />
        <source>选中的报告（%1 份）</source>
        <translation>Selected report (%1)</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="123" />
        <source>Excel 工作簿（.xlsx：汇总、每份报告的官方表格、数字明细、审核记录）</source>
        <translation>Excel workbook (.xlsx: summary, each report's official tables, all figures, audit trail)</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="125" />
        <source>CSV（.csv：每个指标值和数字一行，UTF-8）</source>
        <translation>CSV (.csv: one row per indicator value and figure, UTF-8)</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="127" />
        <source>浏览…</source>
        <translation>Browse…</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="129" />
        <source>核查导出-%1</source>
        <translation>hecha-export-%1</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="134" />
        <source>格式：</source>
        <translation>Formats:</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="136" />
        <source>保存到文件夹：</source>
        <translation>Save to folder:</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="137" />
        <source>文件名：</source>
        <translation>File name:</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="145" />
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="148" />
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="163" />
        <source>选择导出文件夹</source>
        <translation>Choose the export folder</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="182" />
        <source>请至少选择一种格式</source>
        <translation>Choose at least one format</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="184" />
        <source>没有符合条件的报告</source>
        <translation>No report matches</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="186" />
        <source>请填写保存位置和文件名</source>
        <translation>Enter a folder and a file name</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="198" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="212" />
        <source>已导出：</source>
        <translation>Exported:</translation>
    </message>
    <message>
        <location filename="../../gui/export/exportdialog.py" line="219" />
        <source>导出失败：%1</source>
        <translation>Export failed: %1</translation>
    </message>
</context>
<context>
    <name>FigureModel</name>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="63" />
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="64" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="65" />
        <source>标签</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="66" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="67" />
        <source>置信度</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="68" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="95" />
        <source>表二单元格</source>
        <translation>Table 2 cell</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="97" />
        <source>表三单元格</source>
        <translation>Table 3 cell</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="99" />
        <source>表四单元格</source>
        <translation>Table 4 cell</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="100" />
        <source>表格单元格</source>
        <translation>Table cell</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="119" />
        <source>原文：%1</source>
        <translation>As written: %1</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="121" />
        <source>（原值 %1）</source>
        <translation> (was %1)</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="125" />
        <source>标签：%1</source>
        <translation>Label: %1</translation>
    </message>
    <message>
        <location filename="../../gui/review/figuremodel.py" line="128" />
        <source>指标：%1（%2）</source>
        <translation>Indicator: %1 (%2)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../gui/widgets/docview.py" line="40" />
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/docview.py" line="43" />
        <source>输入要查找的文字，回车查找下一个</source>
        <translation>Text to find; Enter finds the next</translation>
    </message>
</context>
<context>
    <name>GridModel</name>
    <message>
        <location filename="../../gui/tables/tableview.py" line="144" />
        <source>有未读出的单元格</source>
        <translation>cells not read</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="170" />
        <source>各分项之和与表中总计的比较</source>
        <translation>Sum of the parts against the stated total</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="193" />
        <source>未读出</source>
        <translation>not read</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="195" />
        <source>未填报</source>
        <translation>Not stated</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="209" />
        <source>未读到</source>
        <translation>not read</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="211" />
        <source>程序未能读出此单元格（不是报告中的空白），请对照原文填写</source>
        <translation>The program could not read this cell (it is not a blank of the report); type it from the original</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="213" />
        <source>报告未填报此项（不是0，也不是空白）</source>
        <translation>The report does not state this (not 0, not a blank)</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="215" />
        <source>（原文：%1）</source>
        <translation> (written: %1)</translation>
    </message>
</context>
<context>
    <name>Guard</name>
    <message>
        <location filename="../../gui/widgets/guard.py" line="31" />
        <source>检查未通过</source>
        <translation>Check failed</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/guard.py" line="33" />
        <source>要确认的数值参与了未通过的检查：
%1

请先核对并接受该检查。</source>
        <translation>The values to confirm take part in a failing check:
%1

Review and accept that check first.</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/guard.py" line="38" />
        <source>转到检查（回车）</source>
        <translation>Go to the check (Enter)</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/guard.py" line="40" />
        <source>取消（Esc）</source>
        <translation>Cancel (Esc)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="76" />
        <source>核查 Hecha</source>
        <translation>Hecha</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="251" />
        <source>界面字号：%1 磅</source>
        <translation>Interface font: %1 pt</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="261" />
        <source>最近的工作区(&amp;R)</source>
        <translation>&amp;Recent workspaces</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="280" />
        <source>（还没有最近的工作区）</source>
        <translation>(no recent workspaces yet)</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="294" />
        <source>示范工作区（只读示例）</source>
        <translation>Demo workspace (read-only example)</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="306" />
        <source>工作区中还没有报告：用“文件 → 打开报告”或把文件拖到窗口中导入。</source>
        <translation>No reports yet: use File → Open reports or drop files on the window.</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="336" />
        <source>工作区文件已损坏</source>
        <translation>The workspace file is damaged</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="345" />
        <source>示范工作区（只读示例）：这些示范报告供熟悉操作，改动不会保存。打开您自己的报告（Ctrl+O）时，程序会在“文档/核查工作区”中为您建立工作区并显示报告。审核：Enter 确认 · 输入数字更正 · Delete 否定 · F1 全部快捷键</source>
        <translation>Demo workspace (read-only example): these sample reports are for trying the keys; changes are not saved. When you open your own report (Ctrl+O), Hecha creates your workspace in Documents/核查工作区 and shows the report. Review: Enter confirms · type digits to correct · Delete rejects · F1 lists every key</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="351" />
        <source>工作区中还没有报告：按 Ctrl+O 打开报告、Ctrl+Shift+O 打开文件夹，或把文件拖到窗口中。</source>
        <translation>No reports yet: press Ctrl+O to open reports, Ctrl+Shift+O to open a folder, or drop files on the window.</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="372" />
        <source>此报告已被复核人 %1 退回，理由：%2</source>
        <translation>This report was returned by the second reviewer %1: %2</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="386" />
        <source>无法建立工作区</source>
        <translation>Cannot create workspace</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="387" />
        <source>%1：无法建立文件夹（%2）。请用“文件 → 新建工作区…”另选位置。</source>
        <translation>%1: cannot create the folder (%2). Choose another place with File → New workspace….</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="394" />
        <source>已新建您的工作区 %1。</source>
        <translation>Created your workspace %1. </translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="394" />
        <source>报告导入您的工作区 %1。</source>
        <translation>Reports go into your workspace %1. </translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="409" />
        <location filename="../../gui/shell/mainwindow.py" line="450" />
        <location filename="../../gui/shell/mainwindow.py" line="501" />
        <source>无法打开工作区</source>
        <translation>Cannot open workspace</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="426" />
        <source>正在把工作区 %1 升级为新的格式（原文件先备份为 %2），几千份报告需要十几秒……</source>
        <translation>Upgrading the workspace %1 to the new format (the file is first backed up as %2); thousands of reports take some seconds…</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="434" />
        <source>升级工作区</source>
        <translation>Upgrading the workspace</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="463" />
        <source>打开工作区</source>
        <translation>Open workspace</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="478" />
        <source>新建工作区</source>
        <translation>New workspace</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="484" />
        <location filename="../../gui/shell/mainwindow.py" line="491" />
        <source>无法新建工作区</source>
        <translation>Cannot create workspace</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="485" />
        <source>%1 已存在：请换一个文件名，或用“文件 → 打开工作区…”打开它。</source>
        <translation>%1 exists already: choose another file name, or open it with File → Open workspace….</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="516" />
        <source>审核人：%1　复核人：%2</source>
        <translation>Reviewer: %1   Second reviewer: %2</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="542" />
        <source>复核人</source>
        <translation>Second reviewer</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="543" />
        <source>请输入本工作区复核人的姓名（复核人不能是审核人本人）：</source>
        <translation>Name of this workspace's second reviewer (not the reviewer):</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="571" />
        <source>报告 (%1);;所有文件 (*)</source>
        <translation>Reports (%1);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="735" />
        <source>已打开 %1</source>
        <translation>Opened %1</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="801" />
        <source>示范工作区是只读示例，改动不会保存：按 Ctrl+O 打开您自己的报告。</source>
        <translation>The demo workspace is a read-only example and changes are not saved: press Ctrl+O to open your own report.</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="562" />
        <source>打开报告</source>
        <translation>Open reports</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="576" />
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="633" />
        <location filename="../../gui/shell/mainwindow.py" line="635" />
        <source>导入失败</source>
        <translation>Import failed</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="684" />
        <source>报告 %1/%2：%3</source>
        <translation>Report %1/%2: %3</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="690" />
        <source>列表中的报告都已完成。</source>
        <translation>Every report in the list is done. </translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="704" />
        <source>列表中有 %1 份报告</source>
        <translation>%1 reports in the list</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="747" />
        <source>报告以繁体显示（Ctrl+T 切换）</source>
        <translation>Report shown in traditional characters (Ctrl+T switches)</translation>
    </message>
    <message>
        <location filename="../../gui/shell/mainwindow.py" line="747" />
        <source>报告以简体显示（Ctrl+T 切换）</source>
        <translation>Report shown in simplified characters (Ctrl+T switches)</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <location filename="../../gui/widgets/pdfview.py" line="340" />
        <source>无法显示此页</source>
        <translation>This page cannot be shown</translation>
    </message>
    <message>
        <location filename="../../gui/widgets/pdfview.py" line="359" />
        <source>正在加载第 %1 页…</source>
        <translation>Loading page %1…</translation>
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location filename="../../gui/shell/smoke.py" line="122" />
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ReportList</name>
    <message>
        <location filename="../../gui/review/reportlist.py" line="194" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../gui/review/reportlist.py" line="241" />
        <source>全部发布机关</source>
        <translation>All issuers</translation>
    </message>
    <message>
        <location filename="../../gui/review/reportlist.py" line="245" />
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <location filename="../../gui/review/reportlist.py" line="104" />
        <source>已核对 %1/%2 · 检查未通过 %3</source>
        <translation>Checked %1/%2 · failed checks %3</translation>
    </message>
    <message>
        <location filename="../../gui/review/reportlist.py" line="116" />
        <source>读取时有 %1 条提示，请打开报告查看</source>
        <translation>%1 warnings while reading; open the report to see them</translation>
    </message>
    <message>
        <location filename="../../gui/review/reportlist.py" line="140" />
        <source>审核人：%1</source>
        <translation>Reviewer: %1</translation>
    </message>
    <message>
        <location filename="../../gui/review/reportlist.py" line="142" />
        <source>复核人：%1</source>
        <translation>Second reviewer: %1</translation>
    </message>
    <message>
        <location filename="../../gui/review/reportlist.py" line="144" />
        <source>退回理由：%1</source>
        <translation>Returned because: %1</translation>
    </message>
</context>
<context>
    <name>Review</name>
    <message>
        <location filename="../../gui/review/review.py" line="130" />
        <source>报告签署后数据被改动，签署已失效；请运行 hecha verify 查看</source>
        <translation>The report's data changed after it was signed: the signature no longer holds; run hecha verify</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="136" />
        <source>锁定后检查结果有变化（已签署的检查未改动）：%1</source>
        <translation>Check results changed after the lock (the signed checks are kept): %1</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="203" />
        <source>已确认本段 %1 个数字</source>
        <translation>Confirmed %1 figure(s) of this paragraph</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="227" />
        <source>本报告的数字已全部核对。按 N 转到下一份报告。</source>
        <translation>All figures of this report are checked. Press N for the next report.</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="236" />
        <location filename="../../gui/review/review.py" line="396" />
        <source>未填写审核人姓名，操作未保存</source>
        <translation>No reviewer name entered; nothing was saved</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="254" />
        <source>已确认 %1</source>
        <translation>Confirmed %1</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="268" />
        <source>未确认：请先接受未通过的检查</source>
        <translation>Not confirmed: accept the failing check first</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="277" />
        <source>已否定 %1（不是数字）</source>
        <translation>Rejected %1 (not a figure)</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="284" />
        <source>已更正为 %1</source>
        <translation>Corrected to %1</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="295" />
        <source>请先在报告中选中要补录的数字</source>
        <translation>Select the missed figure in the report first</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="308" />
        <source>选中的文字“%1”中没有数字</source>
        <translation>No number in the selected text “%1”</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="317" />
        <source>已补录 %1</source>
        <translation>Added %1</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="329" />
        <source>撤销“已完成”</source>
        <translation>Undo “done”</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="330" />
        <source>撤销“已完成”即重新打开报告，请说明原因（将记录在审核记录中）：</source>
        <translation>Undoing “done” reopens the report; give the reason (written into the review record):</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="339" />
        <source>没有可撤销的操作</source>
        <translation>Nothing to undo</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="340" />
        <source>已撤销</source>
        <translation>Undone</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="354" />
        <source>没有可重做的操作</source>
        <translation>Nothing to redo</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="355" />
        <source>已重做</source>
        <translation>Redone</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="385" />
        <source>已将报告标记为“%1”。</source>
        <translation>Report marked “%1”.</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="389" />
        <source>仍有 %1 个数字待核对。</source>
        <translation> %1 figures are still to check.</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="390" />
        <source>按 N 转到下一份报告。</source>
        <translation> Press N for the next report.</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="403" />
        <source>仍有未处理的项目</source>
        <translation>Items left open</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="406" />
        <source>如确需继续，请填写理由（将与未处理的数目一起印在核查单上）：</source>
        <translation>To go on anyway, give the reason (printed on the review record with what is left open):</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="437" />
        <source>重新打开报告</source>
        <translation>Reopen report</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="438" />
        <source>请说明重新打开“%1”的原因（将记录在审核记录中）：</source>
        <translation>Why reopen “%1”? (written into the review record)</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="445" />
        <source>已重新打开报告，可以继续审核。</source>
        <translation>Report reopened; you can continue reviewing.</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="467" />
        <source>未填写复核人姓名，操作未保存</source>
        <translation>No second reviewer name entered; nothing was saved</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="473" />
        <source>退回报告</source>
        <translation>Return report</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="474" />
        <source>复核人 %1：请说明退回“%2”的原因（审核人将看到）：</source>
        <translation>Second reviewer %1: why return “%2”? (the reviewer will see it)</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="495" />
        <source>复核人 %1 已复核通过，报告保持锁定。</source>
        <translation>Approved by second reviewer %1; the report stays locked.</translation>
    </message>
    <message>
        <location filename="../../gui/review/review.py" line="497" />
        <source>复核人 %1 已退回报告，审核人可继续修改。</source>
        <translation>Returned by second reviewer %1; the reviewer can make changes again.</translation>
    </message>
</context>
<context>
    <name>ReviewKeys</name>
    <message>
        <location filename="../../gui/widgets/reviewkeys.py" line="26" />
        <source>补录为数字 (A)</source>
        <translation>Add as figure (A)</translation>
    </message>
</context>
<context>
    <name>Search</name>
    <message>
        <location filename="../../gui/review/search.py" line="23" />
        <source>正文</source>
        <translation>Narrative</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="24" />
        <source>发布机关</source>
        <translation>Issuer</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="25" />
        <source>年度</source>
        <translation>Year</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="26" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="27" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="28" />
        <source>未通过的检查</source>
        <translation>Failing check</translation>
    </message>
</context>
<context>
    <name>SearchDialog</name>
    <message>
        <location filename="../../gui/review/search.py" line="52" />
        <source>在所有报告中查找</source>
        <translation>Search all reports</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="57" />
        <source>文字、发布机关、年度、状态或检查，回车查找</source>
        <translation>Text, issuer, year, status or check; Enter searches</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="84" />
        <source>正在查找…</source>
        <translation>Searching…</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="96" />
        <source>已停止查找：找到 %1 处；↑↓ 选择，回车打开</source>
        <translation>Search stopped: %1 found; ↑↓ to choose, Enter opens</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="115" />
        <source>正在查找：已查 %1/%2 份报告，找到 %3 处（Esc 停止）</source>
        <translation>Searching: %1/%2 reports read, %3 found (Esc stops)</translation>
    </message>
    <message>
        <location filename="../../gui/review/search.py" line="123" />
        <source>找到 %1 处；↑↓ 选择，回车打开</source>
        <translation>%1 found; ↑↓ to choose, Enter opens</translation>
    </message>
</context>
<context>
    <name>Settings</name>
    <message>
        <location filename="../../gui/shell/settings.py" line="40" />
        <source>核查工作区</source>
        <translation>Hecha workspaces</translation>
    </message>
    <message>
        <location filename="../../gui/shell/settings.py" line="41" />
        <source>我的工作区</source>
        <translation>My workspace</translation>
    </message>
</context>
<context>
    <name>Signoff</name>
    <message>
        <location filename="../../gui/signoff/signoff.py" line="100" />
        <source>审核人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../gui/signoff/signoff.py" line="101" />
        <source>请输入本工作区审核人的姓名（只需输入一次，将记录在每条审核记录中）：</source>
        <translation>Name of this workspace's reviewer (asked once; written into every review event):</translation>
    </message>
    <message>
        <location filename="../../gui/signoff/signoff.py" line="121" />
        <source>复核人</source>
        <translation>Second reviewer</translation>
    </message>
    <message>
        <location filename="../../gui/signoff/signoff.py" line="122" />
        <source>请输入本工作区复核人的姓名（复核人不能是审核人本人，只需输入一次）：</source>
        <translation>Name of this workspace's second reviewer (not the reviewer; asked once):</translation>
    </message>
</context>
<context>
    <name>TableView</name>
    <message>
        <location filename="../../gui/tables/tableview.py" line="343" />
        <source>确认本行</source>
        <translation>Confirm row</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="344" />
        <source>确认本列</source>
        <translation>Confirm column</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="345" />
        <source>确认整表</source>
        <translation>Confirm table</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="403" />
        <source>表二 主动公开</source>
        <translation>Table 2 Proactive disclosure</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="404" />
        <source>表三 依申请公开</source>
        <translation>Table 3 Disclosure on request</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="405" />
        <source>表四 复议诉讼</source>
        <translation>Table 4 Reviews and lawsuits</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="492" />
        <source>共 %1 项指标，待核对 %2 项</source>
        <translation>%1 indicators, %2 to check</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="496" />
        <source>本报告中没有读到标准表格</source>
        <translation>No standard table was read in this report</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="500" />
        <source>%1 个单元格未读出，请先对照原文填写（橙色）</source>
        <translation>%1 cells could not be read: type them from the original first (orange)</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="574" />
        <source>“%1”不是数字；可输入数字、留空或输入“/”</source>
        <translation>“%1” is not a number; enter a number, leave it blank or enter “/”</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="629" />
        <source>还有 %1 个单元格没有读到数值（已选中第一个：%2）：请先填写，再确认。</source>
        <translation>%1 cells could not be read (the first is selected: %2): fill them in, then confirm.</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="636" />
        <location filename="../../gui/tables/tableview.py" line="660" />
        <source>请先在表格中选中一个数值单元格</source>
        <translation>Select a value cell in the table first</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="643" />
        <source>未确认：请先接受未通过的检查</source>
        <translation>Not confirmed: accept the failing check first</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="647" />
        <source>已确认 %1 项指标</source>
        <translation>Confirmed %1 indicators</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="664" />
        <source>本行（列）没有待填的单元格</source>
        <translation>No cell of this row (column) is left to fill</translation>
    </message>
    <message>
        <location filename="../../gui/tables/tableview.py" line="668" />
        <source>已将 %1 个单元格标为未填报</source>
        <translation>Marked %1 cell(s) not stated</translation>
    </message>
</context>
<context>
    <name>TrendChart</name>
    <message>
        <location filename="../../gui/compare/compare.py" line="163" />
        <source>本年新收</source>
        <translation>New this year</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="163" />
        <source>办理结果总计</source>
        <translation>Handled in total</translation>
    </message>
    <message>
        <location filename="../../gui/compare/compare.py" line="186" />
        <source>工作区中没有这个发布机关的年度数字</source>
        <translation>No yearly figures of this issuer in the workspace</translation>
    </message>
</context>
<context>
    <name>Workbench</name>
    <message>
        <location filename="../../gui/shell/workbench.py" line="48" />
        <source>标准表格</source>
        <translation>Standard tables</translation>
    </message>
    <message>
        <location filename="../../gui/shell/workbench.py" line="51" />
        <source>检查结果</source>
        <translation>Checks</translation>
    </message>
    <message>
        <location filename="../../gui/shell/workbench.py" line="54" />
        <source>对比</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../../gui/shell/workbench.py" line="313" />
        <source>没有显示下方面板：按 Ctrl+Shift+T 显示标准表格</source>
        <translation>No bottom panel is shown: press Ctrl+Shift+T for the standard tables</translation>
    </message>
    <message>
        <location filename="../../gui/shell/workbench.py" line="430" />
        <source>问题清单</source>
        <translation>Problem list</translation>
    </message>
    <message>
        <location filename="../../gui/shell/workbench.py" line="433" />
        <source>选择问题清单写到的文件夹</source>
        <translation>Choose the folder for the problem lists</translation>
    </message>
    <message>
        <location filename="../../gui/shell/workbench.py" line="448" />
        <source>已写出 %1 个问题：每个发布机关一份 DOCX，另有全部报告的问题清单.xlsx</source>
        <translation>Wrote %1 problems: a DOCX per issuer, and 问题清单.xlsx over all reports</translation>
    </message>
    <message>
        <location filename="../../gui/shell/workbench.py" line="468" />
        <source>核查单</source>
        <translation>Review record</translation>
    </message>
</context>
<context><name>Actions</name><message><source>打开报告…</source><translation>Open reports…</translation></message><message><source>打开文件夹…</source><translation>Open folder…</translation></message><message><source>新建工作区…</source><translation>New workspace…</translation></message><message><source>打开工作区…</source><translation>Open workspace…</translation></message><message><source>打开示范工作区（只读示例）</source><translation>Open demo workspace (read-only example)</translation></message><message><source>设置审核人…</source><translation>Set reviewer…</translation></message><message><source>设置复核人…</source><translation>Set second reviewer…</translation></message><message><source>导出…</source><translation>Export…</translation></message><message><source>导出问题清单…</source><translation>Export problem lists…</translation></message><message><source>打印核查单…</source><translation>Print review record…</translation></message><message><source>退出</source><translation>Quit</translation></message><message><source>确认并转到下一个</source><translation>Confirm and go to next</translation></message><message><source>确认本段的数字（文中框出的一段）</source><translation>Confirm the figures of this paragraph (framed in the report)</translation></message><message><source>更正数值（或直接输入数字）</source><translation>Correct value (or just type digits)</translation></message><message><source>否定：不是数字</source><translation>Reject: not a figure</translation></message><message><source>补录选中的文字为数字</source><translation>Add selected text as figure</translation></message><message><source>下一个数字</source><translation>Next figure</translation></message><message><source>上一个数字</source><translation>Previous figure</translation></message><message><source>下一份报告</source><translation>Next report</translation></message><message><source>撤销</source><translation>Undo</translation></message><message><source>重做</source><translation>Redo</translation></message><message><source>标记报告为已完成</source><translation>Mark report done</translation></message><message><source>标记报告为有疑问</source><translation>Mark report in question</translation></message><message><source>重新打开…（说明原因）</source><translation>Reopen… (with a reason)</translation></message><message><source>复核通过</source><translation>Approved</translation></message><message><source>退回…（说明原因）</source><translation>Return… (with a reason)</translation></message><message><source>确认本行</source><translation>Confirm row</translation></message><message><source>确认本列</source><translation>Confirm column</translation></message><message><source>确认整表</source><translation>Confirm table</translation></message><message><source>本格标为未填报</source><translation>Mark this cell not stated</translation></message><message><source>本行待填的单元格标为未填报</source><translation>Mark this row's cells to fill not stated</translation></message><message><source>本列待填的单元格标为未填报</source><translation>Mark this column's cells to fill not stated</translation></message><message><source>向后扩大选中的文字（补录用）</source><translation>Extend the selected text forward (to add a figure)</translation></message><message><source>向前扩大选中的文字（补录用）</source><translation>Extend the selected text backward (to add a figure)</translation></message><message><source>下一张表格</source><translation>Next table</translation></message><message><source>上一张表格</source><translation>Previous table</translation></message><message><source>接受选中的未通过检查（填写理由）</source><translation>Accept the selected failing check (with a reason)</translation></message><message><source>查找…</source><translation>Find…</translation></message><message><source>在所有报告中查找…</source><translation>Search all reports…</translation></message><message><source>筛选报告列表…</source><translation>Filter the report list…</translation></message><message><source>放大</source><translation>Zoom in</translation></message><message><source>缩小</source><translation>Zoom out</translation></message><message><source>界面字号放大</source><translation>Larger interface font</translation></message><message><source>界面字号缩小</source><translation>Smaller interface font</translation></message><message><source>以繁体显示</source><translation>Show traditional characters</translation></message><message><source>标准表格</source><translation>Standard tables</translation></message><message><source>检查结果</source><translation>Checks</translation></message><message><source>与上一年度对比</source><translation>Compare with last year</translation></message><message><source>下一个窗格</source><translation>Next pane</translation></message><message><source>上一个窗格</source><translation>Previous pane</translation></message><message><source>放大下方面板</source><translation>Enlarge the bottom panel</translation></message><message><source>缩小下方面板</source><translation>Shrink the bottom panel</translation></message><message><source>快捷键一览</source><translation>Keyboard shortcuts</translation></message><message><source>关于 核查 Hecha…</source><translation>About Hecha…</translation></message><message><source>文件(&amp;F)</source><translation>&amp;File</translation></message><message><source>审核(&amp;R)</source><translation>&amp;Review</translation></message><message><source>视图(&amp;V)</source><translation>&amp;View</translation></message><message><source>帮助(&amp;H)</source><translation>&amp;Help</translation></message><message><source>任何位置</source><translation>Anywhere</translation></message><message><source>数字列表或报告</source><translation>Figure list or report</translation></message><message><source>报告</source><translation>Report</translation></message></context><context><name>Vocab</name><message><source>不超过</source><translation>at most</translation></message><message><source>余/多</source><translation>more than</translation></message><message><source>以上</source><translation>at least</translation></message><message><source>不足</source><translation>less than</translation></message><message><source>约</source><translation>about</translation></message><message><source>近</source><translation>nearly</translation></message><message><source>区间（取下限）</source><translation>range (lower bound)</translation></message><message><source>未审核</source><translation>Not reviewed</translation></message><message><source>审核中</source><translation>In review</translation></message><message><source>已完成</source><translation>Done</translation></message><message><source>有疑问</source><translation>In question</translation></message><message><source>复核通过</source><translation>Approved</translation></message><message><source>已退回</source><translation>Returned</translation></message><message><source>待核对</source><translation>To check</translation></message><message><source>已确认</source><translation>Confirmed</translation></message><message><source>已更正</source><translation>Corrected</translation></message><message><source>已否定</source><translation>Rejected</translation></message><message><source>补录</source><translation>Added</translation></message><message><source>检查未通过</source><translation>Check failed</translation></message><message><source>未读出</source><translation>not read</translation></message><message><source>通过</source><translation>Passed</translation></message><message><source>未通过</source><translation>Failed</translation></message><message><source>无法核对</source><translation>Not checkable</translation></message><message><source>确认</source><translation>Confirm</translation></message><message><source>更正</source><translation>Correct</translation></message><message><source>否定</source><translation>Reject</translation></message><message><source>设置指标</source><translation>Set indicator</translation></message><message><source>修改指标值</source><translation>Change indicator value</translation></message><message><source>批量确认指标</source><translation>Confirm indicators</translation></message><message><source>接受检查</source><translation>Accept check</translation></message><message><source>设置报告状态</source><translation>Set report status</translation></message><message><source>重新打开</source><translation>Reopen</translation></message><message><source>退回</source><translation>Return</translation></message><message><source>撤销</source><translation>Undo</translation></message><message><source>重做</source><translation>Redo</translation></message><message><source>锁定后检查结果变化</source><translation>Check result changed after locking</translation></message><message><source>正文</source><translation>Narrative</translation></message><message><source>表格</source><translation>Table</translation></message><message><source>手工补录</source><translation>Added by hand</translation></message><message><source>数值</source><translation>Value</translation></message><message><source>零</source><translation>zero</translation></message><message><source>空白</source><translation>blank</translation></message><message><source>不适用</source><translation>not applicable</translation></message><message><source>未填报</source><translation>Not stated</translation></message><message><source>表三行合计</source><translation>Table 3 row totals</translation></message><message><source>表三收支平衡</source><translation>Table 3 balance</translation></message><message><source>表三办理结果总计</source><translation>Table 3 results total</translation></message><message><source>表四合计</source><translation>Table 4 totals</translation></message><message><source>跨年结转</source><translation>Cross-year carry-over</translation></message><message><source>正文与表格一致</source><translation>Narrative matches table</translation></message><message><source>非负整数</source><translation>Non-negative counts</translation></message><message><source>已接受</source><translation>Accepted</translation></message><message><source>审核人</source><translation>Reviewer</translation></message><message><source>复核人</source><translation>Second reviewer</translation></message></context><context><name>Formula</name><message><source>有空白或不适用单元格，无法核对</source><translation>a cell is blank or not applicable: not checkable</translation></message><message><source>有空白单元格，无法核对</source><translation>a cell is blank: not checkable</translation></message><message><source>个数值均为非负，件数均为整数</source><translation> values, none negative, every count whole</translation></message><message><source>个单元格未读出</source><translation> cell(s) not read</translation></message><message><source>各种读法均不符</source><translation>no reading agrees</translation></message><message><source>予以公开+部分公开</source><translation>disclosed+partly disclosed</translation></message><message><source>新收+上年结转</source><translation>new+carried in</translation></message><message><source>上年结转下年度</source><translation>last year's carried out</translation></message><message><source>本年上年结转</source><translation>this year's carried in</translation></message><message><source>表格单元格</source><translation>Table cell</translation></message><message><source>无法核对</source><translation>Not checkable</translation></message><message><source>不是整数</source><translation>is not a whole number</translation></message><message><source>未读出</source><translation>not read</translation></message><message><source>表格为</source><translation>table is</translation></message><message><source>单元格</source><translation>cell </translation></message><message><source>表格</source><translation>Table</translation></message><message><source>正文</source><translation>Narrative</translation></message><message><source>新收</source><translation>new</translation></message><message><source>上年</source><translation>Last year</translation></message><message><source>空</source><translation>blank</translation></message></context></TS>