"""The export dialog (xlsx / csv) and its background task."""
