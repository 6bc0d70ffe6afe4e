"""The checks panel: every check of a report, its result and formula, accepting a failing check with a reason."""
