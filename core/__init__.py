"""Hecha core: loading reports, finding figures, indicators, checks, storage, export.

Pure Python — never imports PySide6 or ``gui`` (tests/core/test_layering.py checks this).
"""

__version__ = "0.1.0"
