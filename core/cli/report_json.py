"""A report's JSON object of the CLI contract (DESIGN.md), whole or written a chunk of figures at a time."""

from __future__ import annotations

import json
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from core.model import Extraction

CHUNK = 2000  # figures serialised per json.dumps call while streaming


def _head(ex: Extraction) -> dict[str, Any]:
    d = ex.document
    return {
        "path": d.path,
        "format": d.format,
        "sha256": d.sha256,
        "encoding": d.encoding,
        "title": d.title,
        "issuer": d.issuer,
        "year": d.year,
        "warnings": list(d.warnings),
    }


def _tail(ex: Extraction) -> dict[str, Any]:
    from core import vocab

    return {
        "indicators": {k: v.json_value() for k, v in ex.indicators.items() if v.kind != vocab.UNREAD_KIND},
        "indicator_kinds": {k: v.kind for k, v in ex.indicators.items() if v.kind != vocab.UNREAD_KIND},
        "unread": list(ex.unread),
        "checks": [c.to_json() for c in ex.checks],
    }


def extraction_json(ex: Extraction) -> dict[str, Any]:
    return {**_head(ex), "figures": [f.to_json() for f in ex.figures], **_tail(ex)}


def write_json(out: IO[str], ex: Extraction) -> None:
    """Write the object ``json.dumps(extraction_json(ex))`` would make, the figures a chunk at a time,
    so a large report never holds every figure's dict and the whole output string at once."""
    dumps = json.dumps
    out.write(dumps(_head(ex), ensure_ascii=False)[:-1])
    out.write(', "figures": [')
    figs = ex.figures
    for i in range(0, len(figs), CHUNK):
        if i:
            out.write(", ")
        out.write(dumps([f.to_json() for f in figs[i : i + CHUNK]], ensure_ascii=False)[1:-1])
    out.write("], ")
    out.write(dumps(_tail(ex), ensure_ascii=False)[1:])
