"""Core's logger. Core logs what went wrong unexpectedly (with its traceback) under "core"; the program
that uses core decides where it goes (the window: a rotating file in the user's data folder). Without
that, nothing is printed: "core" has a NullHandler. A module that logs takes its logger here, so
logging is imported only where it is used (``hecha --help`` does without it)."""

from __future__ import annotations

import logging

logging.getLogger("core").addHandler(logging.NullHandler())


def logger(name: str) -> logging.Logger:
    """The logger of the core module ``name`` (under "core")."""
    return logging.getLogger(name)
