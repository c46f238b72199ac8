"""The package version, in one place (also read by the Analysis JSON and the store)."""

__version__ = "0.7.0"
