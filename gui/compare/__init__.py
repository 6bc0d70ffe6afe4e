"""Comparing a report with the same issuer's previous year: the differences and the carry-over checks."""
