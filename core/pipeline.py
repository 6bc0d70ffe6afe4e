"""From a file to everything core knows about it: ``analyse(path) -> Extraction``."""

from __future__ import annotations

import os

from core import documents, figures
from core.model import Document, Extraction


def analyse_document(doc: Document, previous: Extraction | None = None) -> Extraction:
    """Figures, indicator values and checks for a loaded document."""
    figs = figures.extract(doc)
    return Extraction(document=doc, figures=tuple(figs), indicators={}, checks=())


def analyse(path: str | os.PathLike[str], previous: Extraction | None = None) -> Extraction:
    return analyse_document(documents.load(path), previous)
