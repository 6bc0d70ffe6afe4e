"""Hecha core: loading reports, finding figures, indicators, checks, storage, export.

Pure Python — never imports PySide6 or ``gui`` (tests/core/test_layering.py checks this).
"""

__version__ = "0.1.0"

# Core logs what went wrong unexpectedly under the logger "core", set up by core/logs.py (silent unless
# the program using core says where it goes), imported by the modules that log.
