"""From a file to everything core knows about it: ``analyse(path) -> Extraction``."""

from __future__ import annotations

import os
from bisect import bisect_right
from dataclasses import replace
from operator import attrgetter

from core import checks, documents, figures, second_reading, tables
from core.figures.scan import MAX_FIGURES
from core.messages import too_many_figures
from core.model import Document, Extraction


def analyse_document(doc: Document, previous: Extraction | None = None) -> Extraction:
    """Figures, indicator values and checks for a loaded document.

    Table cells become figures too (source "table"); a narrative figure found on the same span as a
    table cell is replaced by the table figure, which knows its indicator. Number cells of a report's
    own tables are figures when their column header names a unit (core.figures.cells). ``previous`` (last year's
    report) feeds the cross-year carry check. A PDF whose tables were not fully read, or whose
    relations fail, is read a second time by an independent reader (``core.second_reading``).
    """
    values, notes = second_reading.arbitrate(doc, tables.read(doc, with_unread=True))
    if notes:
        doc = replace(doc, warnings=(*doc.warnings, *notes))
    table_figs = tables.table_figures(doc, values)
    spans = sorted((f.start, f.end) for f in table_figs)
    found = figures.extract(doc)
    if len(found) >= MAX_FIGURES:
        doc = replace(
            doc, warnings=(*doc.warnings, too_many_figures(MAX_FIGURES, found[-1].end, len(doc.text)))
        )
    narrative = [f for f in found if not _overlaps(spans, f.start, f.end)]
    if doc.tables:
        narrative = figures.relabel(doc, narrative)
    taken = sorted([*spans, *((f.start, f.end) for f in narrative)])
    other_cells = figures.cell_figures(doc, taken) if doc.tables else []
    figs = sorted([*narrative, *table_figs, *other_cells], key=attrgetter("start", "end"))
    results = checks.run(values, narrative, previous.indicators if previous is not None else None)
    return Extraction(document=doc, figures=tuple(figs), indicators=values, checks=tuple(results))


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    i = bisect_right(spans, (start, 1 << 62))
    return any(s < end and start < e for s, e in spans[max(0, i - 1) : i + 1])


def analyse(path: str | os.PathLike[str], previous: Extraction | None = None) -> Extraction:
    return analyse_document(documents.load(path), previous)
