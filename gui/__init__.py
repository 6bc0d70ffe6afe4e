"""Hecha GUI (PySide6). Importing this package does not import Qt; ``gui.shell.app`` does, lazily."""
