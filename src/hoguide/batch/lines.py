"""An archive read with a bound: a line (JSON Lines) or record (CSV) over the limit is read past in
1 MB pieces, never held whole (``bounded_lines`` here; CSV, whose records may span lines, in
``csv_records``), and stands in the stream for its error row.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO

_OVERLONG = b"\0overlong:"  # stands for a skipped line; no JSON line or CSV record starts with it
PIECE = 1 << 20


def line_limit(max_report_bytes: int) -> int:
    """The longest line (JSON Lines) or record (CSV) read: JSON escapes can make a report up to six
    times its UTF-8 size (a control character is ``\\u0000``), and a record has other fields."""
    return 8 * max_report_bytes + 4096


def bounded_lines(raw: IO[bytes], limit: int) -> Iterator[bytes]:
    """The file's lines, each at most ``limit`` bytes. A longer line is read past in 1 MB pieces, never
    held whole (a 500 MB line would take gigabytes), and stands in the stream as one marker line
    (``skipped_size``)."""
    while line := raw.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        size = len(line)
        while not line.endswith(b"\n") and (line := raw.readline(PIECE)):
            size += len(line)
        yield skipped(size)


def skipped(size: int) -> bytes:
    """The marker line that stands for a line of ``size`` bytes that was read past."""
    return _OVERLONG + b"%d\n" % size


def skipped_size(line: bytes) -> int | None:
    """The size of the line a marker of ``bounded_lines`` stands for; None for a line as read."""
    return int(line[len(_OVERLONG):]) if line.startswith(_OVERLONG) else None


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:,.1f} MB"
