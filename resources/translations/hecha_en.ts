<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US" sourcelanguage="zh_CN">
<context>
    <name />
    <message>
        <location filename="../../gui/review.py" line="118" />
        <source>本报告的数字已全部核对。按 N 转到下一份报告。</source>
        <translation>All figures of this report are checked. Press N for the next report.</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="138" />
        <source>已确认 %1</source>
        <translation>Confirmed %1</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="146" />
        <source>已否定 %1（不是数字）</source>
        <translation>Rejected %1 (not a figure)</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="151" />
        <source>已更正为 %1</source>
        <translation>Corrected to %1</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="161" />
        <source>请先在报告中选中要补录的数字</source>
        <translation>Select the missed figure in the report first</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="171" />
        <source>选中的文字“%1”中没有数字</source>
        <translation>No number in the selected text “%1”</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="176" />
        <source>已补录 %1</source>
        <translation>Added %1</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="181" />
        <source>没有可撤销的操作</source>
        <translation>Nothing to undo</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="181" />
        <source>已撤销</source>
        <translation>Undone</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="184" />
        <source>没有可重做的操作</source>
        <translation>Nothing to redo</translation>
    </message>
    <message>
        <location filename="../../gui/review.py" line="184" />
        <source>已重做</source>
        <translation>Redone</translation>
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../gui/dialogs.py" line="30" />
        <source>审核人</source>
        <translation>Reviewer</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="31" />
        <source>请输入审核人姓名（将记录在每条审核记录中）：</source>
        <translation>Reviewer name (written into every review event):</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="43" />
        <location filename="../../gui/dialogs.py" line="49" />
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="49" />
        <source>操作</source>
        <translation>Action</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="67" />
        <source>正在导入报告…</source>
        <translation>Importing reports…</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="68" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="73" />
        <source>导入</source>
        <translation>Import</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="83" />
        <source>已导入 %1 份报告，跳过 %2 份（已在工作区中）。</source>
        <translation>Imported %1 reports, skipped %2 (already in the workspace).</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="88" />
        <source>导入已取消。</source>
        <translation>Import cancelled.</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="91" />
        <source>%1 个文件无法导入：</source>
        <translation>%1 files could not be imported:</translation>
    </message>
    <message>
        <location filename="../../gui/dialogs.py" line="99" />
        <source>导入结果</source>
        <translation>Import result</translation>
    </message>
</context>
<context>
    <name>DocumentPane</name>
    <message>
        <location filename="../../gui/docview.py" line="175" />
        <source>未找到</source>
        <translation>Not found</translation>
    </message>
</context>
<context>
    <name>FigureModel</name>
    <message>
        <location filename="../../gui/figuremodel.py" line="37" />
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../gui/figuremodel.py" line="38" />
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../gui/figuremodel.py" line="39" />
        <source>标签</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../../gui/figuremodel.py" line="40" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../gui/figuremodel.py" line="41" />
        <source>置信度</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <location filename="../../gui/figuremodel.py" line="42" />
        <source>状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../gui/figuremodel.py" line="201" />
        <source>（原值 %1）</source>
        <translation> (was %1)</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <location filename="../../gui/docview.py" line="36" />
        <source>查找：</source>
        <translation>Find:</translation>
    </message>
    <message>
        <location filename="../../gui/docview.py" line="39" />
        <source>输入要查找的文字，回车查找下一个</source>
        <translation>Text to find; Enter finds the next</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/mainwindow.py" line="33" />
        <source>核查 Hecha</source>
        <translation>Hecha</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="77" />
        <source>核查 Hecha — %1</source>
        <translation>Hecha — %1</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="78" />
        <location filename="../../gui/mainwindow.py" line="120" />
        <source>审核人：%1</source>
        <translation>Reviewer: %1</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="82" />
        <source>工作区中还没有报告：用“文件 → 打开报告”或把文件拖到窗口中导入。</source>
        <translation>No reports yet: use File → Open reports or drop files on the window.</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="90" />
        <source>无法打开工作区</source>
        <translation>Cannot open workspace</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="99" />
        <source>打开或新建工作区</source>
        <translation>Open or create workspace</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="101" />
        <source>核查工作区 (*.sqlite *.hecha *.db);;所有文件 (*)</source>
        <translation>Hecha workspace (*.sqlite *.hecha *.db);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="125" />
        <source>打开报告</source>
        <translation>Open reports</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="125" />
        <source>报告 (*.txt *.htm *.html *.docx *.pdf);;所有文件 (*)</source>
        <translation>Reports (*.txt *.htm *.html *.docx *.pdf);;All files (*)</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="131" />
        <source>打开文件夹</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location filename="../../gui/mainwindow.py" line="161" />
        <source>导入失败</source>
        <translation>Import failed</translation>
    </message>
</context>
<context>
    <name>PdfPages</name>
    <message>
        <location filename="../../gui/pdfview.py" line="277" />
        <source>正在加载第 %1 页…</source>
        <translation>Loading page %1…</translation>
    </message>
    <message>
        <location filename="../../gui/pdfview.py" line="383" />
        <source>补录为数字 (A)</source>
        <translation>Add as figure (A)</translation>
    </message>
</context>
<context>
    <name>ReportList</name>
    <message>
        <location filename="../../gui/reportlist.py" line="87" />
        <source>全部状态</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location filename="../../gui/reportlist.py" line="120" />
        <source>全部发布机关</source>
        <translation>All issuers</translation>
    </message>
    <message>
        <location filename="../../gui/reportlist.py" line="124" />
        <source>全部年度</source>
        <translation>All years</translation>
    </message>
</context>
<context>
    <name>ReportListModel</name>
    <message>
        <location filename="../../gui/reportlist.py" line="59" />
        <source>待核对 %1 · 检查未通过 %2</source>
        <translation>To check %1 · failed checks %2</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <location filename="../../gui/style.py" line="27" />
        <source>待核对</source>
        <translation>To check</translation>
    </message>
    <message>
        <location filename="../../gui/style.py" line="28" />
        <source>已确认</source>
        <translation>Confirmed</translation>
    </message>
    <message>
        <location filename="../../gui/style.py" line="29" />
        <source>已更正</source>
        <translation>Corrected</translation>
    </message>
    <message>
        <location filename="../../gui/style.py" line="30" />
        <source>已否定</source>
        <translation>Rejected</translation>
    </message>
    <message>
        <location filename="../../gui/style.py" line="31" />
        <source>补录</source>
        <translation>Added</translation>
    </message>
    <message>
        <location filename="../../gui/style.py" line="32" />
        <source>检查未通过</source>
        <translation>Check failed</translation>
    </message>
    <message>
        <location filename="../../gui/style.py" line="39" />
        <source>未审核</source>
        <translation>Not reviewed</translation>
    </message>
    <message>
        <location filename="../../gui/style.py" line="40" />
        <source>审核中</source>
        <translation>In review</translation>
    </message>
    <message>
        <location filename="../../gui/style.py" line="41" />
        <source>已完成</source>
        <translation>Done</translation>
    </message>
    <message>
        <location filename="../../gui/style.py" line="42" />
        <source>有疑问</source>
        <translation>In question</translation>
    </message>
</context>
<context>
    <name>TextView</name>
    <message>
        <location filename="../../gui/textview.py" line="314" />
        <source>补录为数字 (A)</source>
        <translation>Add as figure (A)</translation>
    </message>
</context>
<context><name>Actions</name><message><source>打开报告…</source><translation>Open reports…</translation></message><message><source>打开文件夹…</source><translation>Open folder…</translation></message><message><source>打开工作区…</source><translation>Open workspace…</translation></message><message><source>打开示例工作区</source><translation>Open demo workspace</translation></message><message><source>设置审核人…</source><translation>Set reviewer…</translation></message><message><source>退出</source><translation>Quit</translation></message><message><source>确认并转到下一个</source><translation>Confirm and go to next</translation></message><message><source>更正数值（或直接输入数字）</source><translation>Correct value (or just type digits)</translation></message><message><source>否定：不是数字</source><translation>Reject: not a figure</translation></message><message><source>补录选中的文字为数字</source><translation>Add selected text as figure</translation></message><message><source>下一个数字</source><translation>Next figure</translation></message><message><source>上一个数字</source><translation>Previous figure</translation></message><message><source>下一份报告</source><translation>Next report</translation></message><message><source>撤销</source><translation>Undo</translation></message><message><source>重做</source><translation>Redo</translation></message><message><source>标记报告为已完成</source><translation>Mark report done</translation></message><message><source>标记报告为有疑问</source><translation>Mark report in question</translation></message><message><source>查找…</source><translation>Find…</translation></message><message><source>放大</source><translation>Zoom in</translation></message><message><source>缩小</source><translation>Zoom out</translation></message><message><source>以繁体显示</source><translation>Show traditional characters</translation></message><message><source>快捷键一览</source><translation>Keyboard shortcuts</translation></message><message><source>文件(&amp;F)</source><translation>&amp;File</translation></message><message><source>审核(&amp;R)</source><translation>&amp;Review</translation></message><message><source>视图(&amp;V)</source><translation>&amp;View</translation></message><message><source>帮助(&amp;H)</source><translation>&amp;Help</translation></message></context></TS>