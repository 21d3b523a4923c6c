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
from typing import TypeVar

from fastapi.concurrency import run_in_threadpool

T = TypeVar("T")
INLINE_CHARS = 20_000  # ~5 pages: read in ~5 ms
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
