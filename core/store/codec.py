"""Turning model objects into database rows and back (Document, Figure, IndicatorValue, Decimal)."""

from __future__ import annotations

import json
import sys
import zlib
from array import array
from dataclasses import fields
from decimal import Decimal, InvalidOperation
from typing import Any

from core.model import Cell, CheckResult, Document, Figure, IndicatorValue, Page, Table
from core.store.columns import CHECKS, FIGURES, INDICATOR_VALUES
from core.store.rows import FigureRow

# The columns of a stored figure that make a ``core.model.Figure`` again (the checks re-run on them).
MODEL_FIGURE_COLUMNS: tuple[str, ...] = tuple(f.name for f in fields(Figure))


def dec_text(v: Decimal | int | float | None) -> str | None:
    """A value as the exact text it is stored as: ``12``, ``3.50``, ``-0.25`` (no exponent; a whole
    number without decimals)."""
    if v is None:
        return None
    if type(v) is Decimal:
        s = str(v)
        if s.isdigit():  # the common case, a plain whole number: nothing to normalise
            return s
        d = v
    else:
        d = Decimal(str(v))
    return format(d.normalize(), "f") if d == d.to_integral_value() else str(d)


def text_dec(s: str | None) -> Decimal | None:
    if s is None or s == "":
        return None
    try:
        return Decimal(s)
    except InvalidOperation:
        return None


def num_text(s: str | None) -> int | float | None:
    """A stored value as a spreadsheet number: ``int`` when whole (any size), else ``float``."""
    d = text_dec(s)
    if d is None:
        return None
    return int(d) if d == d.to_integral_value() else float(d)


def sql_num(col: str) -> str:
    """SQL that reads the stored value ``col`` as an INTEGER when it is plainly one (digits only, short
    enough for 64 bits), else leaves the text for ``num_text`` — so the common case costs no Python."""
    return (
        f"CASE WHEN {col} GLOB '[0-9]*' AND {col} NOT GLOB '*[^0-9]*' AND length({col}) <= 18 "
        f"THEN CAST({col} AS INTEGER) ELSE {col} END"
    )


def _pack(a: array[Any] | None) -> tuple[bytes | None, str | None]:
    if a is None:
        return None, None
    if sys.byteorder != "little":
        a = array(a.typecode, a)
        a.byteswap()
    return a.tobytes(), a.typecode


def _unpack(data: bytes | None, typecode: str | None) -> array[Any] | None:
    if data is None or not typecode:
        return None
    a = array(typecode)
    a.frombytes(data)
    if sys.byteorder != "little":
        a.byteswap()
    return a


_ZDICT_MAX = 32768  # deflate looks back this far: a longer dictionary would not be used


def _as_text(text: str, encoding: str | None) -> bytes | None:
    """The report's text encoded as its file was (None when that encoding cannot write it)."""
    try:
        return text.encode(encoding or "utf-8")
    except (LookupError, UnicodeError):
        return None


# A report's text is stored deflated (format 6) where that is smaller: a row of a report's 2–3 KB of
# text filled a 4 KB page alone, deflated it shares one with two or three others. The words every annual
# report prints (the parts of the 2021 template, the headings and rows of its tables) are the preset
# dictionary, so a short report's table costs little. FROZEN: a text stored with it is read back with
# exactly these bytes (tests/core/store/test_cells_stored_once.py holds them to their digest); another
# dictionary would need another first byte.
_TEXT_ZDICT = "\n".join((
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
_TEXT_DEFLATED = b"\x01"  # the first byte of a text stored deflated with _TEXT_ZDICT


def pack_text(text: str) -> str | bytes:
    """A report's text as stored: deflated (a BLOB, ``_TEXT_DEFLATED`` first) where that is smaller,
    else the text itself."""
    data = text.encode("utf-8", "surrogatepass")
    c = zlib.compressobj(9, zlib.DEFLATED, -15, 9, zlib.Z_DEFAULT_STRATEGY, _TEXT_ZDICT)
    packed = _TEXT_DEFLATED + c.compress(data) + c.flush()
    return packed if len(packed) < len(data) else text


def unpack_text(stored: str | bytes) -> str:
    """A report's text from what ``pack_text`` stored (a file of format 5 or older: the text itself)."""
    if isinstance(stored, str):
        return stored
    if stored[:1] != _TEXT_DEFLATED:
        raise ValueError(f"unknown text packing {stored[:1]!r}")
    d = zlib.decompressobj(-15, _TEXT_ZDICT)
    return (d.decompress(stored[1:]) + d.flush()).decode("utf-8", "surrogatepass")


def pack_original(data: bytes, text: str, encoding: str | None) -> tuple[bytes, str]:
    """The original file as stored, and how (``packing``): ``"text"`` when the file is the report's
    text encoded again (a plain-text report: the text is not stored twice), else ``"zlib"`` — deflated
    with the start of the text as the dictionary, so what the file shares with its text costs little —
    when that is smaller, else ``""``: the bytes as read."""
    as_text = _as_text(text, encoding)
    if as_text is not None and as_text == data:
        return b"", "text"
    packed = zlib.compress(data, 9) if as_text is None else _deflate(data, as_text[:_ZDICT_MAX])
    return (packed, "zlib") if len(packed) < len(data) else (data, "")


def _deflate(data: bytes, zdict: bytes) -> bytes:
    c = zlib.compressobj(9, zdict=zdict) if zdict else zlib.compressobj(9)
    return c.compress(data) + c.flush()


def unpack_original(packed: bytes, packing: str, text: str, encoding: str | None) -> bytes:
    """The original file's bytes from what ``pack_original`` stored."""
    if packing == "":
        return packed
    as_text = _as_text(text, encoding)
    if packing == "text" and as_text is not None:
        return as_text
    if packing == "zlib":
        zdict = b"" if as_text is None else as_text[:_ZDICT_MAX]
        d = zlib.decompressobj(zdict=zdict) if zdict else zlib.decompressobj()
        return d.decompress(packed) + d.flush()
    raise ValueError(f"unknown packing {packing!r}")


def document_row(doc: Document) -> dict[str, Any]:
    from core.documents.meta import issuer_key  # here: only an import needs it, not the window's start

    text = doc.text
    tables = [
        {
            "start": t.start,
            "end": t.end,
            "n_rows": t.n_rows,
            "n_cols": t.n_cols,
            # a cell's text is stored only where it is not the report's text at its span (format 5)
            "cells": [
                [
                    c.row,
                    c.col,
                    c.start,
                    c.end,
                    None if c.text == text[c.start : c.end] else c.text,
                    c.rowspan,
                    c.colspan,
                ]
                for c in t.cells
            ],  # fmt: skip
        }
        for t in doc.tables
    ]
    cp, cpt = _pack(doc.char_pages)
    cb, cbt = _pack(doc.char_boxes)
    return {
        "path": doc.path,
        "sha256": doc.sha256,
        "format": doc.format,
        "title": doc.title,
        "issuer": doc.issuer,
        "year": doc.year,
        "encoding": doc.encoding,
        "text": doc.text,
        "tables": json.dumps(tables, ensure_ascii=False, separators=(",", ":")),
        "pages": json.dumps([[p.index, p.width, p.height] for p in doc.pages]),
        "char_pages": cp,
        "char_pages_type": cpt,
        "char_boxes": cb,
        "char_boxes_type": cbt,
        "warnings": json.dumps(list(doc.warnings), ensure_ascii=False),
        "issuer_key": issuer_key(doc.issuer),
    }


def compact_tables(tables: str, text: str) -> str:
    """A stored ``tables`` as format 5 stores it: each cell's text left out where it is the report's
    text at the cell's span, and no spaces (the migration from format 4)."""
    out = json.loads(tables or "[]")
    for t in out:
        for c in t["cells"]:
            if c[4] is not None and c[4] == text[c[2] : c[3]]:
                c[4] = None
    return json.dumps(out, ensure_ascii=False, separators=(",", ":"))


def row_document(r: dict[str, Any]) -> Document:
    r = {**r, "text": unpack_text(r["text"])}
    tables = tuple(
        Table(
            start=t["start"],
            end=t["end"],
            n_rows=t["n_rows"],
            n_cols=t["n_cols"],
            cells=tuple(
                Cell(
                    row=c[0],
                    col=c[1],
                    start=c[2],
                    end=c[3],
                    text=r["text"][c[2] : c[3]] if c[4] is None else c[4],
                    rowspan=c[5],
                    colspan=c[6],
                )  # fmt: skip
                for c in t["cells"]
            ),
        )
        for t in json.loads(r["tables"] or "[]")
    )
    pages = tuple(Page(index=p[0], width=p[1], height=p[2]) for p in json.loads(r["pages"] or "[]"))
    return Document(
        path=r["path"],
        format=r["format"],
        sha256=r["sha256"],
        text=r["text"],
        encoding=r["encoding"],
        tables=tables,
        pages=pages,
        char_pages=_unpack(r["char_pages"], r["char_pages_type"]),
        char_boxes=_unpack(r["char_boxes"], r["char_boxes_type"]),
        title=r["title"],
        issuer=r["issuer"],
        year=r["year"],
        warnings=tuple(json.loads(r["warnings"] or "[]")),
    )


def figure_row(report_id: int, f: Figure) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "value": dec_text(f.value),
        "original_value": dec_text(f.value),
        "unit": f.unit,
        "multiplier": f.multiplier,
        "qualifier": f.qualifier,
        "label": f.label or "",
        "indicator": f.indicator,
        "confidence": float(f.confidence),
        "rule": f.rule or "",
        "source": f.source or "text",
        "status": "pending",
    }


def figure_values(f: Figure) -> tuple[Any, ...]:
    """``figure_row`` without ``id`` and ``report_id``, as a tuple in column order (``FIGURE_VALUES``):
    what the import sends from a worker process and inserts as it is."""
    v = dec_text(f.value)
    return (f.start, f.end, f.text, v, v, f.unit, f.multiplier, f.qualifier, f.label or "", f.indicator,
            float(f.confidence), f.rule or "", f.source or "text", "pending")  # fmt: skip


FIGURE_VALUES = FIGURES.names[2:]  # the columns of figure_values, after id and report_id


def row_figure(r: dict[str, Any]) -> FigureRow:
    """A stored figure (a row of every column) as the GUI and the CLI read it."""
    values = {"value": text_dec(r["value"]), "original_value": text_dec(r["original_value"])}
    return FigureRow(**{c: values.get(c, r[c]) for c in FIGURES.names})


def model_figure(r: tuple[Any, ...]) -> Figure:
    """A stored figure, selected as ``MODEL_FIGURE_COLUMNS``, as core's ``Figure`` (value not null)."""
    d = dict(zip(MODEL_FIGURE_COLUMNS, r, strict=True))
    return Figure(**{**d, "value": Decimal(d["value"])})


def indicator_row(report_id: int, v: IndicatorValue, figure_id: int | None) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "indicator": v.id,
        "kind": v.kind,
        "value": dec_text(v.value),
        "raw": v.raw or "",
        "start": v.start,
        "end": v.end,
        "confidence": float(v.confidence),
        "status": "pending",
        "figure_id": figure_id,
        "original_kind": v.kind,
        "original_value": dec_text(v.value),
    }


def indicator_values(v: IndicatorValue) -> tuple[Any, ...]:
    """``indicator_row`` without ``report_id`` and ``figure_id``, as a tuple (``INDICATOR_VALUES_COLS``)."""
    d = dec_text(v.value)
    return (v.id, v.kind, d, v.raw or "", v.start, v.end, float(v.confidence), "pending", v.kind, d)


INDICATOR_VALUE_COLS = tuple(c for c in INDICATOR_VALUES.names if c not in ("report_id", "figure_id"))


def check_values(c: CheckResult) -> tuple[Any, ...]:
    """``check_row`` without ``id`` and ``report_id``, as a tuple (``CHECK_VALUES``)."""
    return (c.rule, c.subject, c.status, c.severity, c.formula, json.dumps(list(c.cells), ensure_ascii=False))


CHECK_VALUES = CHECKS.names[2:]


def check_row(report_id: int, c: CheckResult) -> dict[str, Any]:
    return {
        "report_id": report_id,
        "rule": c.rule,
        "subject": c.subject,
        "status": c.status,
        "severity": c.severity,
        "formula": c.formula,
        "cells": json.dumps(list(c.cells), ensure_ascii=False),
    }


def kind_of(value: Decimal | None, kind: str | None = None) -> str:
    """The typed kind of an indicator value a reviewer entered."""
    if value is None:
        return kind if kind in ("empty", "not_applicable", "not_stated") else "empty"
    return "zero" if value == 0 else "number"
