"""A second, independent reader for PDF tables, with the form's relations (勾稽关系) as arbiter:
``arbitrate(doc, values) -> (values, warnings)``.

Where the own reader leaves cells of table 三 or 四 unread, or the table's relations fail, the same
pages are read again by pdfplumber (``core.documents.pdf_second``) and its text read by the same
table reader. A reading is taken only if the relations then hold: no relation of the table fails and
every cell taken from the second reading is in a relation that passes. When the readers disagree and
neither reading satisfies the relations, the cells where they disagree are unread and a load warning
names both readings. Never a guess: table 二 has no relation to arbitrate, so its cells are never
taken from the second reading (a warning names what it read). A PDF the own reader reads fully, with
its relations holding, is not read a second time.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from core import checks, tables
from core.documents.pdf_second import second_text
from core.model import Document, IndicatorValue
from core.tables import layout

RELATIONS = frozenset(("t3.row_total", "t3.balance", "t3.results_total", "t4.group_total"))
_TABLE_NAMES = {"t2": "表二", "t2_2019": "表二", "t3": "表三", "t4": "表四"}
SECOND = "第二种读法（pdfplumber）"
MAX_LISTED = 6
MAX_PAGES = 12  # pages read a second time at most (pdfplumber takes 50-100 ms a page)
# Words of the tables' headers and first rows: where a table none of whose cells was read stands.
_TABLE_WORDS = ("申请人情况", "申請人情況", "本年新收", "结果维持", "結果維持", "第二十条", "第二十條")


def _table(iid: str) -> str:
    return iid.split(".", 1)[0]


def _relations(values: Mapping[str, IndicatorValue], table: str) -> list[object]:
    return [c for c in checks.run(values) if c.rule in RELATIONS and c.cells and _table(c.cells[0]) == table]


def _troubled(values: Mapping[str, IndicatorValue]) -> set[str]:
    """Tables with a cell not read or a relation that fails."""
    out = {_table(k) for k, v in values.items() if v.kind == tables.UNREAD}
    out |= {_table(c.cells[0]) for c in checks.run(values) if c.rule in RELATIONS and c.status == checks.FAIL}
    return out


def _confirmed(values: Mapping[str, IndicatorValue], table: str, taken: Iterable[str]) -> bool:
    """Do the relations of ``table`` hold on ``values`` for every cell in ``taken``?"""
    found = _relations(values, table)
    if not found or any(getattr(c, "status", "") == checks.FAIL for c in found):
        return False
    passed = {i for c in found if getattr(c, "status", "") == checks.PASS for i in getattr(c, "cells", ())}
    return all(i in passed for i in taken)


def _pages(doc: Document, values: Mapping[str, IndicatorValue], wanted: set[str]) -> list[int]:
    """Pages of the troubled tables: those holding their cells read, with the page before and after
    (a table runs over a page break; its heading may end the page before); all when none was read."""
    n = len(doc.pages)
    seen = {
        doc.char_pages[v.start]
        for k, v in values.items()
        if _table(k) in wanted and v.start is not None and doc.char_pages is not None
    }
    seen.discard(-1)
    if not seen and doc.char_pages is not None:  # nothing read: where the tables' words are
        for word in _TABLE_WORDS:
            at = doc.text.find(word)
            while at >= 0 and len(seen) < MAX_PAGES:
                seen.add(doc.char_pages[at])
                at = doc.text.find(word, at + 1)
        seen.discard(-1)
    if not seen:
        return list(range(min(n, MAX_PAGES)))
    return sorted({p + d for p in seen for d in (-1, 0, 1) if 0 <= p + d < n})[:MAX_PAGES]


def _reread(
    doc: Document, values: Mapping[str, IndicatorValue], wanted: set[str]
) -> dict[str, IndicatorValue]:
    """The second reader's values of the report's pages holding ``wanted`` tables (spans dropped:
    they index the second reader's text, not the report's); {} when the file is gone or changed."""
    try:
        with open(doc.path, "rb") as f:
            data = f.read()
    except OSError:
        return {}
    if hashlib.sha256(data).hexdigest() != doc.sha256:
        return {}
    text = second_text(data, _pages(doc, values, wanted))
    if not text:
        return {}
    copy = Document(path=doc.path, format="txt", sha256=doc.sha256, text=text)
    return {
        k: replace(v, start=None, end=None, confidence=min(v.confidence, 0.6))
        for k, v in tables.read(copy).items()
    }


def _word(v: IndicatorValue | None) -> str:
    if v is None or v.kind == tables.UNREAD:
        return "未读出"
    if v.value is None:
        return "空" if v.kind == "empty" else (v.raw or "/")
    return format(v.value.normalize(), "f") if v.value == v.value.to_integral_value() else str(v.value)


def _listed(ids: list[str], *readings: Mapping[str, IndicatorValue]) -> str:
    parts = [
        "：".join((layout.label(i), " / ".join(_word(r.get(i)) for r in readings))) for i in ids[:MAX_LISTED]
    ]
    return "；".join(parts) + ("等" if len(ids) > MAX_LISTED else "")


@dataclass(frozen=True)
class _Readings:
    """One table's cells as the own reader and the second reader read them."""

    table: str
    name: str
    own: dict[str, IndicatorValue]
    second: dict[str, IndicatorValue]  # the cells the second reader read
    unread: list[str]  # unread by the own reader, read by the second
    differ: list[str]  # read by both, differently


def _readings(
    table: str, values: Mapping[str, IndicatorValue], second: Mapping[str, IndicatorValue]
) -> _Readings:
    own = {k: v for k, v in values.items() if _table(k) == table}
    read2 = {k: v for k, v in second.items() if _table(k) == table and v.kind != tables.UNREAD}
    unread = [k for k, v in own.items() if v.kind == tables.UNREAD and k in read2]
    differ = [
        k
        for k, v in own.items()
        if v.kind != tables.UNREAD and k in read2 and (v.kind, v.value) != (read2[k].kind, read2[k].value)
    ]
    return _Readings(
        table=table, name=_TABLE_NAMES.get(table, table), own=own, second=read2, unread=unread, differ=differ
    )


def _taken(out: dict[str, IndicatorValue], table: str, change: dict[str, IndicatorValue]) -> bool:
    """Take ``change`` into ``out`` when the relations of ``table`` hold with it and cover every cell."""
    if not _confirmed({**out, **change}, table, change):
        return False
    out.update(change)
    return True


def _relation_fails(values: Mapping[str, IndicatorValue], table: str) -> bool:
    return any(getattr(c, "status", "") == checks.FAIL for c in _relations(values, table))


def _unread(iid: str) -> IndicatorValue:
    return IndicatorValue(
        id=iid, kind=tables.UNREAD, value=None, raw="", start=None, end=None, confidence=0.0
    )


def _not_taken(r: _Readings, why: str) -> str:
    return f"{r.name}有 {len(r.unread)} 个单元格未读出；{SECOND}读作 {_listed(r.unread, r.second)}，{why}"


def _settle(out: dict[str, IndicatorValue], r: _Readings) -> str | None:
    """Settle one table's cells in ``out`` with the second reading; the load warning saying how."""
    if r.table not in ("t3", "t4"):  # no relation to arbitrate: never taken
        return _not_taken(r, f"{r.name}没有勾稽关系可以核对，未采用") if r.unread else None
    # cells filled in only from a reading that agrees with every cell both read
    if r.unread and not r.differ:
        fill = {k: r.second[k] for k in r.unread}
        if _taken(out, r.table, fill):
            return f"{r.name}有 {len(fill)} 个单元格本程序未读出，由{SECOND}读出并满足勾稽关系，已采用：{_listed(list(fill), fill)}"
    if r.differ:
        change = {k: r.second[k] for k in [*r.differ, *r.unread]}
        if _taken(out, r.table, change):
            return (
                f"{r.name}有 {len(change)} 个单元格两种读法不同，本程序的读法不满足勾稽关系，{SECOND}满足，"
                f"已采用后者（本程序 / 第二种）：{_listed(list(change), r.own, r.second)}"
            )
        if _relation_fails(out, r.table):
            out.update({k: _unread(k) for k in r.differ})
            return (
                f"{r.name}有 {len(r.differ)} 个单元格两种读法不同，且都不满足勾稽关系，已标为未读出"
                f"（本程序 / 第二种）：{_listed(r.differ, r.own, r.second)}"
            )
    return _not_taken(r, "但不满足勾稽关系，未采用") if r.unread else None


def arbitrate(
    doc: Document, values: dict[str, IndicatorValue]
) -> tuple[dict[str, IndicatorValue], list[str]]:
    """``values`` (the own reader's, with unread cells) settled with the second reading; the load
    warnings saying what was taken, or what the second reader read that was not."""
    if doc.format != "pdf":
        return values, []
    wanted = _troubled(values)
    if not wanted:
        return values, []
    second = _reread(doc, values, wanted)
    if not second:
        return values, []
    out = dict(values)
    notes = [_settle(out, _readings(table, values, second)) for table in sorted(wanted)]
    return out, [n for n in notes if n is not None]
