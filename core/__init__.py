"""Hecha core: loading reports, finding figures, indicators, checks, storage, export.

Pure Python — never imports PySide6 or ``gui`` (tests/core/test_layering.py checks this).
"""

import logging

__version__ = "0.1.0"

# Core logs what went wrong unexpectedly (with its traceback) under the logger "core"; the program that
# uses core decides where it goes (the window: a rotating file in the user's data folder). Without
# that, nothing is printed.
logging.getLogger(__name__).addHandler(logging.NullHandler())
