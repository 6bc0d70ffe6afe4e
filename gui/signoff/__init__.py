"""The reviewers' names of a workspace, signing a report off, and the printed review record (核查单)."""
