"""The store's errors, so the CLI reports store problems like any other."""

from __future__ import annotations

from rasid.errors import RasidError


class StoreError(RasidError):
    """The store cannot be opened, is locked, is newer than this rasid, or a query's
    arguments are wrong (the message says which and what to do)."""

    code = "R700"


class UnknownActor(StoreError):
    """An ``--actor`` names no actor of any stored event (the message suggests close
    names and ids)."""

    code = "R701"
