"""Quotations: who said what, to whom, and how."""
