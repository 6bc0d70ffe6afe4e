"""Two processes reviewing in one workspace at once: every event kept, neither fails."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from store_helpers import extraction

from core.store import Workspace

ROOT = Path(__file__).resolve().parents[3]
N = 120

WRITER = """
import sys, time
from decimal import Decimal
from pathlib import Path
from core.store import Workspace

db, name, go = sys.argv[1], sys.argv[2], Path(sys.argv[3])
ws = Workspace.open(db, reviewer=name)
while not go.exists():
    time.sleep(0.001)
ids = [f.id for r in ws.reports() for f in ws.figures(r.id)]
for k in range(int(sys.argv[4])):
    fid = ids[k % len(ids)]
    if k % 3 == 0:
        ws.correct(fid, Decimal(k))
    elif k % 3 == 1:
        ws.confirm(fid)
    else:
        ws.set_report_status(ws.reports()[k % 2].id, "in_question" if k % 2 else "in_review")
ws.close()
"""


def test_two_processes_write_review_events_to_one_workspace(tmp_path: Path) -> None:
    db = tmp_path / "w.sqlite"
    with Workspace.open(db) as ws:
        ws.add_report(extraction(year=2022))
        ws.add_report(extraction(year=2023))
    script = tmp_path / "writer.py"
    script.write_text(WRITER)
    go = tmp_path / "go"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(db), name, str(go), str(N)],
            cwd=ROOT,
            env=env,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("甲", "乙")
    ]
    go.touch()
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    with Workspace.open(db) as ws:
        events = ws.events()
        assert len(events) == 2 * N
        assert sum(e.reviewer == "甲" for e in events) == N
        assert sum(e.reviewer == "乙" for e in events) == N
        assert len({e.id for e in events}) == 2 * N
        assert ws.integrity_ok()
