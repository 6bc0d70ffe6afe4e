"""Reviewing a report's figures: the report list, the figure list and its model, and the review steps (confirm, correct, reject, add, undo)."""
