"""One exception family for core. Messages are Chinese, name the file and the reason."""

from __future__ import annotations


class HechaError(Exception):
    """Base of every error core raises on purpose. ``str(e)`` is a one-line message for the user."""


class LoadError(HechaError):
    """A report could not be read (empty, binary, encrypted, truncated, too large, wrong type)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class StoreError(HechaError):
    """The workspace database could not be opened or written."""


class ExportError(HechaError):
    """An export could not be written."""


class OpenItemsError(StoreError):
    """已完成 or 复核通过 refused: figures not decided, unread cells or failing checks are left open.
    Given again with an override reason, the step is taken and the record prints the reason."""

    def __init__(self, message: str, open_items: tuple[int, int, int]) -> None:
        self.open_items = open_items  # (figures not decided, unread cells, failing checks not accepted)
        super().__init__(message)
