"""CPU work of a request (reading, explaining, rendering): on the event loop when it is short, in a
worker thread when it is long.

A report of a few kilobytes is read in a few milliseconds, less than a hop to a thread costs, so
it stays on the loop (the API's p99 depends on it). A long one (up to 1 MB: 8 s of reading) goes to
a thread, one at a time per process, so the loop keeps answering: the thread gives the GIL back
every few milliseconds (``sys.getswitchinterval``), and the loop needs only a moment of it.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from typing import Any, TypeVar

from fastapi.concurrency import run_in_threadpool

T = TypeVar("T")
INLINE_CHARS = 20_000  # ~5 pages: read in ~5 ms
LONG = 1_000  # a tuple this long is taken apart by ``dismantle``
FREE_STEP = 2_000  # objects freed at once by ``free_in_steps`` (~1 ms)
_slots: list[tuple[asyncio.AbstractEventLoop, asyncio.Semaphore]] = []  # a semaphore belongs to one loop


def _slot() -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    if not _slots or _slots[0][0] is not loop:
        _slots[:] = [(loop, asyncio.Semaphore(1))]
    return _slots[0][1]


async def run_sized(size: int, work: Callable[[], T]) -> T:
    """``work()``, here when ``size`` (the report's length) is small, else in a thread, one at a time."""
    if size <= INLINE_CHARS:
        return work()
    async with _slot():
        return await run_in_threadpool(_without_collection, work)


def _without_collection(work: Callable[[], T]) -> T:
    """A long read makes objects by the million; the collector, walking them, would hold the GIL for
    a few hundred ms at a time and stall the loop. They are freed by reference counting anyway."""
    gc.disable()
    try:
        return work()
    finally:
        gc.enable()


def dismantle(result: Any) -> list[Any]:
    """Take ``result`` (a Reading or an Assessment the caller is done with) apart: every long tuple is
    detached from the value that holds it, and its elements are returned, to be freed with
    ``free_in_steps``. Freed at once, the 1.5 million objects of a 1 MB report of "HO, HO, …" take
    ~180 ms in one chain of deallocations that no thread switch can interrupt; the event loop would
    wait that long. Detached, because something else may still refer to ``result``: a page's template
    context is left in a reference cycle (each Jinja macro refers to its context), and the garbage
    collector's pass that frees it, on the event loop, took ~0.3 s when the cycle kept the whole
    explanation. ``result`` is left hollow (its long lists empty): drop it."""
    held: list[Any] = []

    def walk(node: Any, depth: int) -> None:
        if depth > 6:
            return
        if isinstance(node, tuple | list):
            if len(node) > LONG:  # not a field: its elements are held, the tuple itself stays
                held.extend(node)
            else:
                for item in node:
                    walk(item, depth + 1)
        elif isinstance(node, dict):
            for item in node.values():
                walk(item, depth + 1)
        elif is_dataclass(node) and not isinstance(node, type):
            for field in fields(node):
                value = getattr(node, field.name)
                if isinstance(value, tuple) and len(value) > LONG:
                    held.extend(value)
                    object.__setattr__(node, field.name, ())  # frozen, but about to be dropped
                else:
                    walk(value, depth + 1)

    walk(result, 0)
    return held


def free_in_steps(held: list[Any]) -> None:
    """Drop the objects a few thousand at a time: the loop gets the GIL between the steps."""
    while held:
        del held[-FREE_STEP:]
