"""Settling the cyclic collector: loaded objects frozen, collections rarer."""

from __future__ import annotations

import gc

from rasid.collector import YOUNG_THRESHOLD, settle


def test_settle_freezes_what_is_loaded_and_raises_the_young_threshold() -> None:
    before = gc.get_threshold()
    try:
        kept = [[index] for index in range(1000)]  # tracked objects alive now
        settle()
        assert gc.get_freeze_count() >= len(kept)
        assert gc.get_threshold() == (YOUNG_THRESHOLD, before[1], before[2])
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_cycles_made_after_settling_are_still_collected() -> None:
    before = gc.get_threshold()
    try:
        settle()

        class Node:
            pass

        node = Node()
        node.self = node  # a cycle only the cyclic collector can free
        del node
        assert gc.collect() >= 1
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)


def test_release_memory_trims_where_glibc_is_the_allocator() -> None:
    # on glibc (this project's Linux machines) the trim is found and called; where the C
    # library has no malloc_trim it says so and does nothing
    import platform

    from rasid.collector import release_memory

    done = release_memory()
    assert isinstance(done, bool)
    if platform.system() == "Linux" and platform.libc_ver()[0] == "glibc":
        assert done
