"""One open workspace file: its connection, the lock that serializes its use, and the write transaction.

Writes are serialized: each runs as one ``BEGIN IMMEDIATE`` transaction, retried while another
process holds the write lock. Every low-level error comes out as a ``StoreError`` naming the file.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from core.errors import StoreError
from core.store import db

T = TypeVar("T")
BUSY_RETRIES = 40


class Session:
    def __init__(self, path: Path, conn: sqlite3.Connection, readonly: bool) -> None:
        self.path = path
        self.conn = conn
        self.readonly = readonly
        self.lock = threading.RLock()
        self.unsound: str | None = None  # what the check at open found wrong (core/store/verify.py)
        # the file keeps the report list's counts (report_summary, version 4); a version-3 file opened
        # read-only does not, and its counts are worked out from its rows
        self.summary = True

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    def missing(self, what: str, ident: object) -> StoreError:
        """The error for an id that is not in the workspace (``what``: 报告, 数字)."""
        return StoreError(f"{self.path}: 工作区中没有编号为 {ident} 的{what}")

    def write(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(conn)`` in one write transaction; retry while another process holds the lock."""
        if self.readonly:
            raise StoreError(f"{self.path}: 工作区以只读方式打开，无法保存")
        delay = 0.01
        with self.lock:
            for attempt in range(BUSY_RETRIES):
                try:
                    self.conn.execute("BEGIN IMMEDIATE")
                    try:
                        result = fn(self.conn)
                        self.conn.execute("COMMIT")
                    except BaseException:
                        if self.conn.in_transaction:
                            self.conn.execute("ROLLBACK")
                        raise
                    return result
                except sqlite3.Error as e:
                    if db.is_busy(e) and attempt < BUSY_RETRIES - 1:
                        time.sleep(delay)
                        delay = min(delay * 2, 0.5)
                        continue
                    raise db.explain(self.path, e) from e
        raise StoreError(f"{self.path}: 工作区正被其他程序占用，请稍后重试")  # pragma: no cover

    def read(self, fn: Callable[[sqlite3.Connection], T]) -> T:
        """Run ``fn(conn)`` under the lock, for reads of several statements."""
        with self.lock:
            try:
                return fn(self.conn)
            except sqlite3.Error as e:
                raise db.explain(self.path, e) from e

    def rows(self, sql: str, params: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self.lock:
            try:
                cur = self.conn.execute(sql, tuple(params))
                cols = [d[0] for d in cur.description]
                return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
            except sqlite3.Error as e:
                raise db.explain(self.path, e) from e

    def one(self, sql: str, params: Iterable[Any] = ()) -> dict[str, Any] | None:
        rows = self.rows(sql, params)
        return rows[0] if rows else None
