"""Hecha GUI (PySide6). Importing this package does not import Qt; ``gui.app`` does, lazily."""
