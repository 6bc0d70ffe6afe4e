"""A report's text as the workspace stores it (format 6): deflated where that is smaller.

A report's row of 2–3 KB of text filled a 4 KB page of the workspace alone; deflated it shares one with
two or three others. A module of its own, below the store, so that what reads a workspace bare (the
benchmarks' floors) reads a text without loading the store.
"""

from __future__ import annotations

import zlib

# The words every annual report prints (the parts of the 2021 template, the headings and rows of its
# tables) are the preset dictionary, so a short report's table costs little. FROZEN: a text stored with it is read back with
# exactly these bytes (tests/core/store/test_cells_stored_once.py holds them to their digest); another
# dictionary would need another first byte.
ZDICT = "\n".join((
    "政府信息公开工作年度报告", "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况", "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    "本年制发件数 本年废止件数 现行有效件数 规章 行政规范性文件 本年处理决定数量 行政许可 行政处罚 行政强制",
    "行政复议 行政诉讼 未经复议直接起诉 复议后起诉 结果维持 结果纠正 其他结果 尚未审结 总计",
    "申请人情况 自然人 法人或其他组织 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计",
    "三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理",
    "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开",
    "（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "1.属于国家秘密", "2.其他法律行政法规禁止公开",
    "3.危及“三安全一稳定”", "4.保护第三方合法权益", "5.属于三类内部事务信息", "6.属于四类过程性信息",
    "7.属于行政执法案卷", "8.属于行政查询事项", "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作",
    "3.补正后申请内容仍不明确", "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物",
    "4.无正当理由大量反复申请", "5.要求行政机关确认或重新出具已获取信息",
    "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
    "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
    "（七）总计", "四、结转下年度继续办理",
)).encode()  # fmt: skip
DEFLATED = b"\x01"  # the first byte of a text stored deflated with ZDICT


def pack_text(text: str) -> str | bytes:
    """A report's text as stored: deflated (a BLOB, ``DEFLATED`` first) where that is smaller,
    else the text itself."""
    data = text.encode("utf-8", "surrogatepass")
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, ZDICT)
    packed = DEFLATED + c.compress(data) + c.flush()
    return packed if len(packed) < len(data) else text


def unpack_text(stored: str | bytes) -> str:
    """A report's text from what ``pack_text`` stored (a file of format 5 or older: the text itself)."""
    if isinstance(stored, str):
        return stored
    if stored[:1] != DEFLATED:
        raise ValueError(f"unknown text packing {stored[:1]!r}")
    d = zlib.decompressobj(-15, ZDICT)
    return (d.decompress(stored[1:]) + d.flush()).decode("utf-8", "surrogatepass")
