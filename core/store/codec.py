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
from core.textzip import pack_text as pack_text  # a report's text as stored, for the store's readers
from core.textzip import unpack_text as unpack_text

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
