"""Figures: the quantities a report states, in its prose and in its own (non-standard) tables.

Entry points: ``extract(doc)`` — the narrative figures (a number with its measure word, qualifier, label
and indicator); ``cell_figures(doc, taken)`` — numbers in cells of a report's own tables whose column
header names a unit; ``relabel(doc, figures)`` — labels for narrative figures that sit in table cells.

Modules: ``numbers`` (Arabic and Chinese numerals), ``scan`` (finding figures in text), ``labels``
(what a figure counts and which indicator it names), ``cells`` (figures in table cells).
"""

from core.figures.cells import extract as cell_figures
from core.figures.cells import relabel
from core.figures.scan import extract

__all__ = ["cell_figures", "extract", "relabel"]
