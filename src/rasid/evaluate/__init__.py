"""Scorers for rasid's layers against gold files (events, quotations, entities)."""
