"""The time stamps the workspace writes: local time with its UTC offset, to the second."""

from __future__ import annotations

from datetime import datetime


def now_iso() -> str:
    return datetime.now().astimezone().isoformat(timespec="seconds")
