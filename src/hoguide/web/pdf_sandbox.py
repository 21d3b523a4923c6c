"""A PDF's text, extracted in a separate, limited process (``pdf_worker.py``).

Why a process: pypdf is a parser of untrusted input written in Python. A few kilobytes can list one
page thousands of times, inflate to hundreds of megabytes or nest deep enough to exhaust the stack;
inside the server that blocked every request for minutes and kept the memory. Here the worker has a
CPU-seconds and an address-space limit (``resource.setrlimit``), the server a wall clock, and the
event loop only awaits a pipe. At most ``concurrency`` extractions run at once per server process;
the rest wait their turn without holding anything.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path

from hoguide.errors import (
    DamagedPdfError,
    EncryptedPdfError,
    HoguideError,
    InputTooLargeError,
    PdfTooComplexError,
    ScannedPdfError,
)

WORKER = Path(__file__).with_name("pdf_worker.py")
MB = 1_000_000


@dataclass(frozen=True, slots=True)
class PdfLimits:
    """A patient's report is a few pages that pypdf reads in well under a second."""

    max_pages: int = 50
    cpu_seconds: int = 2
    wall_seconds: float = 5.0  # above the CPU limit: a busy machine shares its cores
    memory_bytes: int = 300 * MB  # address space, interpreter included (~60 MB of it)
    concurrency: int = max(2, os.cpu_count() or 1)


def _refusal(kind: str, pages: int, limits: PdfLimits) -> HoguideError:
    return {
        "encrypted": EncryptedPdfError(
            "this PDF is protected by a password; open it, copy the words of your report into the box, "
            "or save a copy without the password and upload that"),
        "damaged": DamagedPdfError("this PDF could not be opened; it may be damaged"),
        "too_many_pages": PdfTooComplexError(
            f"this PDF has {pages:,} pages; the limit is {limits.max_pages}: upload the pages of the report only"),
        "too_long": InputTooLargeError("the text in this PDF is longer than the report size limit"),
        "no_text": ScannedPdfError(
            "this PDF has no text in it (it looks like a scan or a photo); copy the words of your report into "
            "the box instead"),
        "too_complex": _too_complex(),
    }.get(kind, DamagedPdfError("this PDF could not be opened; it may be damaged"))


def _too_complex() -> PdfTooComplexError:
    return PdfTooComplexError("this PDF needs more time or memory to read than a report should; it may be "
                              "damaged or built to harm the server. Copy the words of your report into the box")


_slots: list[tuple[asyncio.AbstractEventLoop, asyncio.Semaphore]] = []  # a semaphore belongs to one loop


def _slot(limits: PdfLimits) -> asyncio.Semaphore:
    loop = asyncio.get_running_loop()
    if not _slots or _slots[0][0] is not loop:
        _slots[:] = [(loop, asyncio.Semaphore(limits.concurrency))]
    return _slots[0][1]


async def pdf_text(data: bytes, max_bytes: int, limits: PdfLimits | None = None) -> str:
    """The text of the PDF ``data``, at most ``max_bytes`` of UTF-8; raises a PdfError or InputTooLargeError."""
    limits = limits or PdfLimits()
    async with _slot(limits):
        process = await asyncio.create_subprocess_exec(
            sys.executable, "-I", str(WORKER), str(max_bytes), str(limits.max_pages), str(limits.memory_bytes),
            str(limits.cpu_seconds),
            stdin=asyncio.subprocess.PIPE, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL,
        )
        try:
            out, _ = await asyncio.wait_for(process.communicate(data), limits.wall_seconds)
        except TimeoutError:
            raise _too_complex() from None
        finally:
            if process.returncode is None:
                process.kill()
                await process.wait()
    if process.returncode != 0:  # killed at the CPU limit, or out of memory
        raise _too_complex()
    try:
        result = json.loads(out)
    except ValueError:
        raise DamagedPdfError("this PDF could not be opened; it may be damaged") from None
    if "error" in result:
        raise _refusal(str(result["error"]), int(result.get("pages", 0)), limits)
    return str(result["text"])
