"""The sentences of the problems core reports to a person, in one voice: Chinese, naming what happened
and what the reviewer can do — reading a report, importing a folder, writing a file, and the review
rules a workspace enforces when a report is signed off (the lock, the four-eyes rule). Loaders, the
importer, the workspace and the CLI take their sentences from here, so the same cause reads the same
everywhere (``extract`` and ``import``, the window and the command line alike).
"""

from __future__ import annotations

import errno
import os
from dataclasses import dataclass

# ---- reading a report -------------------------------------------------------------------------
EMPTY = "文件为空（0 字节），请确认文件是否完整"
NO_TEXT = "文件中没有可读的文字（没有汉字或数字），请确认选对了文件"
NOT_REGULAR = "不是普通文件（设备、管道或套接字），只能导入磁盘上的报告文件"
IS_DIR = "这是文件夹，不是文件"
BINARY_TEXT = "不是文本文件（含有二进制内容），请确认文件类型"
BINARY_HTML = "不是网页文件（含有二进制内容，可能是图片或其他文件改了扩展名），请确认文件类型"
CHANGED = "文件在读取过程中被修改，请等其保存完毕后重新导入"

# ---- folders ------------------------------------------------------------------------------------
# (the formats by kind, not by suffix: the suffixes are core.documents.SUPPORTED_SUFFIXES)
FOLDER_EMPTY = "文件夹中没有可导入的报告（支持文本、网页、Word（.docx）和 PDF 格式），请确认选对了文件夹"
LINK_OUTSIDE = "是指向所选文件夹之外的链接，未读取其中的文件（只读取所选文件夹内的报告）；如需导入，请直接选择链接指向的位置"
FOLDER_UNREADABLE = "没有读取此文件夹的权限，其中的报告未导入；请调整权限后重新导入"


def too_large(size: int, limit: int) -> str:
    return f"文件过大（{size / (1 << 20):.1f} MB），超过 {limit / (1 << 20):.1f} MB 的上限"


def undecodable(n: int, encoding: str) -> str:
    return f"有 {n} 个字符无法按 {encoding} 解码，已替换为 �（文件可能不完整或已损坏），请对照原件核对"


def lying_charset(declared: str, used: str) -> str:
    return f"网页声明的字符编码为 {declared}，但内容实为 {used} 编码，已按 {used} 读取；如仍有乱码请对照原网页核对"


def too_many_figures(limit: int, stop: int, length: int) -> str:
    return (
        f"数字超过 {limit} 个（远超正常报告），只提取到全文的 {stop * 100 // max(1, length)}% 处；"
        "请确认这是一份报告，或拆分后再导入"
    )


_OS_REASONS = {
    errno.ENOENT: "文件不存在（可能已被移动或删除）",
    errno.EACCES: "没有读取权限（文件可能被其他程序占用），请调整权限后重试",
    errno.EPERM: "没有读取权限（文件可能被其他程序占用），请调整权限后重试",
    errno.ELOOP: "链接指向自身（符号链接循环），请改为选择实际的文件",
    errno.EISDIR: IS_DIR,
    errno.ENOSPC: "磁盘空间已满，请清理磁盘后重试",
    errno.EROFS: "所在磁盘为只读，无法写入",
    errno.EIO: "磁盘读写出错（磁盘或网络盘可能有故障），请复制到本机后重试",
    errno.ENAMETOOLONG: "文件名或路径过长，请移到较短的路径下再试",
    errno.ENXIO: NOT_REGULAR,
}


def os_reason(e: OSError) -> str:
    """One Chinese sentence for an operating-system error (never the raw English text alone)."""
    if isinstance(e, PermissionError):
        return _OS_REASONS[errno.EACCES]
    if e.errno in _OS_REASONS:
        return _OS_REASONS[e.errno]
    detail = e.strerror or type(e).__name__
    return f"无法读取（系统提示：{detail}），请确认文件可以在资源管理器中打开"


def shown_name(path: str | os.PathLike[str]) -> str:
    """A file's name as a message in the window names it (the folder is in the title bar and the
    report list, never at the head of a sentence)."""
    return shown_path(os.path.basename(os.fspath(path)))


def shown_path(path: str | os.PathLike[str]) -> str:
    """A path as a person can read it. A name that is not valid UTF-8 (a GBK name unpacked from a
    Windows zip on Linux arrives as surrogate escapes) is read as GB18030, else shown with �."""
    p = os.fspath(path)
    try:
        p.encode("utf-8")
        return p
    except UnicodeEncodeError:
        pass
    raw = os.fsencode(p)
    try:
        return raw.decode("gb18030")
    except UnicodeDecodeError:
        return raw.decode("utf-8", errors="replace")


def write_reason(e: OSError) -> str:
    """Why a file could not be written (export, a new workspace), in the same voice."""
    if isinstance(e, PermissionError) or e.errno in (errno.EACCES, errno.EPERM):
        return "没有写入权限，请换一个文件夹保存"
    if e.errno == errno.EROFS:
        return "所在磁盘为只读，请换一个文件夹保存"
    if e.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "磁盘空间已满，请清理磁盘或换一个磁盘保存"
    if e.errno == errno.EFBIG:
        return "文件超过所在磁盘允许的大小（如 FAT32 格式的 U 盘上限 4 GB），请换一个磁盘保存"
    if e.errno == errno.ENAMETOOLONG:
        return "文件名或路径过长，请用较短的文件名或换一个文件夹保存"
    if e.errno == errno.ENOENT:
        return "保存位置的文件夹不存在，请换一个文件夹保存"
    if e.errno == errno.EISDIR:
        return "这是文件夹，请给出要保存的文件名"
    if e.errno == errno.EIO:
        return "磁盘读写出错（磁盘或网络盘可能有故障），请换一个磁盘保存"
    # a write is never worded as a read: no 无法读取 here
    detail = e.strerror or (str(e.args[0]) if e.args and isinstance(e.args[0], str) else type(e).__name__)
    return f"无法写入（系统提示：{detail}），请换一个文件夹保存或检查磁盘"


# ---- signing a report off (审核 → 复核) ------------------------------------------------------------
LOCKED = "报告已完成并锁定：如需修改，请先重新打开（说明原因）"
REOPEN_NOT_LOCKED = "报告未锁定（不是已完成或复核通过），无需重新打开"
REASON_NEEDED = "请填写原因（将记录在审核记录中）"
NOT_DONE = "只有已完成的报告才能复核：请审核人先将报告标记为已完成"
NO_SECOND_REVIEWER = "工作区尚未指定复核人：请先设置复核人姓名"
SAME_PERSON = "复核人不能与审核人是同一人（四眼原则），请另请一人复核"


def own_work(name: str) -> str:
    return f"审核人“{name}”不能复核自己完成的报告（四眼原则），请由复核人复核"


def not_second_reviewer(second: str, current: str) -> str:
    return f"复核须由本工作区的复核人“{second}”操作，当前为“{current or '未署名'}”"


def status_by_signoff(status: str) -> str:
    return f"报告状态“{status}”只能由复核人通过“复核通过”或“退回”设置"


def open_items(pending: int, unread: int, failing: int) -> str:
    """What a report still has open, worded for the refusal of 已完成 / 复核通过 and for the record."""
    parts = []
    if pending:
        parts.append(f"{pending} 个数字未核对")
    if unread:
        parts.append(f"{unread} 个未读出的单元格未填写或标为未填报")
    if failing:
        parts.append(f"{failing} 项未通过的检查未接受")
    return "、".join(parts) or "无"


def open_refused(pending: int, unread: int, failing: int) -> str:
    return (
        f"还有 {open_items(pending, unread, failing)}：请先处理，或说明理由后强制完成"
        "（理由与未处理的数目将印在核查单上）"
    )


UNDO_DONE_REASON = "撤销“已完成”即重新打开报告：请填写原因（将记录在审核记录中）"
UNDO_SIGNOFF = "复核通过、退回和重新打开不能撤销；如需修改，请重新打开报告（说明原因）"
UNDO_PAST_LOCK = "这一步在报告完成或复核之前，不能越过完成或复核撤销；如需修改，请直接更正"


def undo_depends(name: str) -> str:
    return (
        f"此后“{name or '未署名'}”又改动了同一项或审核了这份报告，不能撤销或重做这一步（会推翻别人的工作）；"
        "如需修改，请直接更正"
    )


# ---- a report's reader in its worker process ------------------------------------------------------
def _gb(n: int) -> str:
    return f"{n / (1 << 30):.1f} GB"


@dataclass(frozen=True, kw_only=True)
class WorkerWork:
    """What a worker process was doing, so its failure is worded for that: importing a batch, reading
    files on the command line, drawing a page in the window."""

    doing: str  # 读取: what the file was being put through
    by: str  # 解析: what the worker's program does
    then: str  # 其他文件照常导入: what still goes on
    redo: str  # 重新导入: what to do with a copy saved again
    result: str  # 读取结果: what came back too large
    too_large: str  # 未导入；请确认这是一份报告，或拆分后再导入


IMPORTING = WorkerWork(
    doing="读取",
    by="解析",
    then="其他文件照常导入",
    redo="重新导入",
    result="读取结果",
    too_large="未导入；请确认这是一份报告，或拆分后再导入",
)
READING = WorkerWork(
    doing="读取",
    by="解析",
    then="其他文件照常读取",
    redo="重新读取",
    result="读取结果",
    too_large="未读取；请确认这是一份报告，或拆分后再读取",
)
DRAWING = WorkerWork(
    doing="显示此页",
    by="绘制",
    then="报告的文字、数字和核查不受影响",
    redo="重新导入",
    result="页面图像",
    too_large="未显示；请缩小显示比例后再看",
)


PAGE_NOT_DRAWN = (
    "此页的内容无法绘制（页面可能已损坏）；报告的文字、数字和核查不受影响，请用其他软件打开此文件查看此页"
)


def drawing_not_started(e: BaseException) -> str:
    return f"无法启动显示页面的进程（{type(e).__name__}）；报告的文字、数字和核查不受影响，请重新打开此报告"


def worker_died(exitcode: int | None, limits: object, work: WorkerWork = IMPORTING) -> str:
    """Why a worker process ended without an answer (a crash in a C library, a limit)."""
    import signal

    memory = _gb(getattr(limits, "memory", 0))
    cpu = getattr(limits, "cpu_seconds", 0)
    sig = -exitcode if exitcode is not None and exitcode < 0 else 0
    when, then = f"{work.doing}时{work.by}", work.then
    if sig == getattr(signal, "SIGXCPU", -1):
        return f"{work.doing}超过 {cpu} 秒的计算时间上限，已停止（文件可能已损坏或结构异常）；{then}"
    if sig == signal.SIGABRT:
        return (
            f"{when}程序异常中止（文件可能已损坏，或{work.doing}所需内存超过 {memory} 的上限）；"
            f"{then}，请用其他软件打开此文件核对，或另存后{work.redo}"
        )
    if sig == getattr(signal, "SIGKILL", -1):
        return f"{when}进程被系统终止（可能内存不足，上限 {memory}）；{then}"
    if sig:
        name = signal.Signals(sig).name if sig in signal.Signals._value2member_map_ else str(sig)
        return f"{when}程序崩溃（{name}，文件可能已损坏）；{then}，请用其他软件打开此文件核对"
    return f"{when}进程意外退出（退出码 {exitcode}）；{then}，请把此文件发给维护人员"


def worker_timeout(seconds: float, work: WorkerWork = IMPORTING) -> str:
    return f"{work.doing}超过 {seconds:.0f} 秒仍未完成，已停止（文件可能已损坏或结构异常）；{work.then}"


def worker_output(limit: int, work: WorkerWork = IMPORTING) -> str:
    return f"{work.result}过大（超过 {limit >> 20} MB，远超正常报告），{work.too_large}"


def pdf_inflates(size: int, stream: int, total: int) -> str:
    return (
        f"PDF 中的压缩内容解压后超过 {size >> 20} MB（单个数据流上限 {stream >> 20} MB、合计上限 "
        f"{total >> 30} GB，正常报告远小于此），文件可能已损坏或被恶意构造，未读取；请用其他软件打开核对"
    )


def pdf_turned(pages: str) -> str:
    return (
        f"第 {pages} 页的文字是旋转排列的（页面横放显示或文字转向绘制），已按文字的阅读方向读取；"
        "请对照原文核对这些页"
    )


PDF_REPAIRED = "PDF 的目录结构（交叉引用表）已损坏，已尽量修复后读取：部分内容可能缺失或错位，请对照原文核对"


def pdf_pages_uncounted(counted: int, in_file: int) -> str:
    return (
        f"PDF 的页数记录为 {counted} 页，但文件中有 {in_file} 个页面：多出的页面未读取，"
        "请用其他软件打开核对，或另存为 PDF 后重新导入"
    )


def pdf_unmapped(total: int, replaced: int, guessed: int) -> str:
    """``total`` glyphs drawn with fonts that give them no Unicode (no ToUnicode map)."""
    parts = []
    if replaced:
        parts.append(f"{replaced} 个无法识别，已替换为 �")
    if guessed:
        parts.append(f"{guessed} 个按字形编号读作普通字符，可能是错字")
    if total - replaced - guessed:
        parts.append(f"{total - replaced - guessed} 个没有位置，未读取")
    return f"有 {total} 个字符的字体缺少编码映射（ToUnicode）：{'；'.join(parts)}；请对照原文核对"


def pdf_outlined(pages: str) -> str:
    return (
        f"第 {pages} 页的文字是以图形（轮廓）绘制的，没有文字层，这些页的内容未读取"
        "（需先进行文字识别 OCR），请对照原文核对"
    )


def pdf_streams_broken(n: int) -> str:
    return f"PDF 中有 {n} 个压缩数据流已损坏，其中的文字（页面内容或字体）可能部分缺失，请对照原文核对"


# ---- the temporary file an output is written to before it takes its name --------------------------
NAME_MAX = 255  # bytes of one file name on ext4, NTFS (in UTF-16 units), APFS


def part_path(out: str | os.PathLike[str], suffix: str = "") -> str:
    """Where ``out`` is written before it is renamed into place: ``out.part`` (+ ``suffix``, which a
    writer may need, e.g. ``.xlsx``) beside it, or, when that name would pass the file system's 255-byte
    limit (a legal 251–255-byte output name), a short name derived from it in the same folder."""
    import hashlib

    folder, name = os.path.split(os.fspath(out))
    part = f"{name}.part{suffix}"
    if len(os.fsencode(part)) <= NAME_MAX:
        return os.path.join(folder, part)
    digest = hashlib.sha256(os.fsencode(name)).hexdigest()[:16]
    return os.path.join(folder, f".hecha-{digest}.part{suffix}")


def docx_damage(e: BaseException) -> str:
    """A damaged Word document's part in the project's words: libxml2's and zipfile's English is
    never shown (the log keeps the exception)."""
    text = str(e)
    where = ""
    import re

    m = re.search(r"line (\d+)", text)
    if m:
        where = f"，第 {m.group(1)} 行附近"
    low = text.lower()
    if "huge" in low or "too big" in low or "excessive" in low or "depth" in low:
        return f"文档内容的结构超出正常范围（过深或过大{where}），疑为损坏或恶意构造"
    if isinstance(e, KeyError):
        return "文档缺少必需的组成部分"
    if "zip" in type(e).__name__.lower() or "zip" in low:
        return "压缩包已损坏，无法解压"
    return f"文档内容已损坏（XML 格式错误{where}）"


def pdf_objects_missing(n: int) -> str:
    return (
        f"PDF 的目录指向的 {n} 个对象已损坏或缺失（其中的页面内容或字体无法读取），"
        "部分文字可能缺失，请对照原文核对"
    )
