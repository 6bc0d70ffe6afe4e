"""The three standard tables (表二, 表三, 表四): from a report's cells to typed indicator values.

Entry points: ``read(doc)`` — ``{indicator id: IndicatorValue}`` (``with_unread=True``: also the cells
of a table found in the report that could not be read, kind ``unread``); ``table_figures(doc, values)`` — the
cells as figures (source "table") with their spans in the text.

Modules: ``tokens`` (every format's table cells as one stream of label / value / blank tokens), ``read``
(row labels found and value cells typed), ``runtogether`` (rows whose cells lost their separators,
split back with the table's arithmetic), ``flattened`` (tables a crawler flattened into one line of
prose, labels and digits run together), ``layout`` (the official printed layout of the tables).
"""

from core.tables.reader import UNREAD, read, table_figures

__all__ = ["UNREAD", "read", "table_figures"]
