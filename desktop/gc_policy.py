"""Garbage-collector settings for a long-running window with background readers.

A background read that builds thousands of row objects triggers CPython's full collections,
which walk the whole heap while holding the GIL: the GUI thread waits for them (measured on the
province database: a 30,000-nomination read stalled the window 466 ms, 54 ms without the
collector). Two standard remedies, applied once the window is built:

* ``gc.freeze()`` moves everything alive after start-up (modules, Qt wrappers, the catalog) to a
  permanent generation that collections no longer walk;
* a higher first-generation threshold makes collections rarer; each young collection only walks
  young objects, so fewer of them cost less in total.

Reference cycles are still collected; only the start-up heap is exempt, and it lives as long as
the program anyway.
"""

from __future__ import annotations

import gc

YOUNG_THRESHOLD = 50_000  # CPython's default is 700 allocations


def settle_after_start_up() -> None:
    """Collect what start-up left behind, then exempt the survivors from later collections."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)
