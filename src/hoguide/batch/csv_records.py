"""CSV records found by following the quoting, so that one broken record cannot take the rest of the file.

The file is read in 1 MB blocks (``lines.PIECE``) while ``split_records`` follows the CSV grammar
as Python's csv module reads it with ``strict=True`` (RFC 4180: a field that starts with a quote
runs to its closing quote, ``""`` inside it is a quote, a quote anywhere else is a character),
jumping from quote to quote and to line ends with ``bytes.find``: a record ends at a line end
outside quotes. Only then is it decoded and split into fields, by the csv module itself
(``Fields``). What goes wrong stays with its record (``Piece.problem``):

- broken quoting, i.e. a closing quote followed by something other than a comma or the line end,
  or a quote never closed: the record is taken to be its first line only, and reading starts again
  on the next line, so a quote opened by mistake cannot swallow the records after it (each line it
  did swallow is read again as what it is: a record, or an error row of its own);
- a record longer than ``line_limit``: read past, its quoting still followed, as JSON Lines read an
  over-long line: never more than the limit and one block held;
- bytes that are not UTF-8 (``decode``): an error naming the line they are on.

A file that is entirely in another encoding is refused before any report is read
(``check_start``): see its docstring for why.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

from hoguide.batch.lines import PIECE, megabytes
from hoguide.batch.sinks import allow_long_csv_fields
from hoguide.errors import EncodingError, MalformedInputError

Problem = tuple[str, str]
"""Why a record cannot be read: an error code and a message naming its line."""

# A field's start, inside an unquoted field, inside quotes, just after a quote inside quotes, and the
# rest of a line whose quoting broke.
_START, _UNQUOTED, _QUOTED, _QUOTE, _SKIP = range(5)
_NEVER_CLOSED = "a quote opened on this line is never closed"
_TEXT_AFTER_QUOTE = "text follows a closing quote{at}"
_BOM = b"\xef\xbb\xbf"


class Piece(NamedTuple):
    """One record of the file as read: its first and last line (1-based), and its bytes, or the problem
    that kept it from being read."""

    first: int
    last: int
    data: bytes | None
    problem: Problem | None = None


def _lines(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def _malformed(name: str, first: int, reason: str) -> Problem:
    return "malformed_input", f"{name}: line {first}: malformed CSV ({reason}); check the quoting of that report"


def split_records(raw: IO[bytes], name: str, limit: int, block: int = PIECE) -> Iterator[Piece]:
    """The records of a CSV file (the header first), each at most ``limit`` bytes held, read ``block``
    bytes at a time; see the module. One loop, not one function per state: it runs for every quote
    and line end of the file."""
    buf = raw.read(block)
    base = 0  # the file offset of buf[0]
    if buf.startswith(_BOM):  # a byte-order mark (Windows tools write one) is no part of the header
        buf, base = buf[len(_BOM):], len(_BOM)
    line = 1  # the line the next record starts on
    start = 0  # where in buf the next record starts
    while True:
        record_at = base + start
        dropped = dropped_lines = 0  # bytes (and line ends) of the record read past, not held
        first_end = -1  # the file offset of the record's first line end, once read past
        broken = -1  # the line a closing quote was followed by text on
        state, p, end = _START, start, -1
        while True:
            n = len(buf)
            if state == _QUOTED:
                q = buf.find(b'"', p)
                if q >= 0:
                    state, p = _QUOTE, q + 1
                    continue
                p = n
            elif state == _QUOTE:
                if p < n:
                    c = buf[p]
                    if c == 0x22:  # "" is a quote
                        state, p = _QUOTED, p + 1
                    elif c == 0x2C:  # a comma: the next field
                        state, p = _START, p + 1
                    elif c == 0x0A:
                        end = p + 1
                        break
                    elif c == 0x0D:  # \r\n ends the record; the csv module refuses anything else after \r
                        state = _UNQUOTED
                    else:
                        broken = line + dropped_lines + buf.count(b"\n", start, p)
                        if broken > line:
                            break  # read again from the record's second line
                        state = _SKIP
                    continue
            elif state == _SKIP:
                i = buf.find(b"\n", p)
                if i >= 0:
                    end = i + 1
                    break
                p = n
            else:
                if state == _START and p < n and buf[p] == 0x22:
                    state, p = _QUOTED, p + 1
                    continue
                i = buf.find(b"\n", p)
                j = buf.find(b',"', p, n if i < 0 else i)  # the next field that starts with a quote
                if j >= 0:
                    state, p = _QUOTED, j + 2
                    continue
                if i >= 0:
                    end = i + 1
                    break
                if p < n:  # the last byte may be a comma whose quote is in the next block
                    state, p = _UNQUOTED, n - 1
            more = raw.read(block)
            if not more:
                break
            if dropped or base + n - record_at > limit:  # too long: read past, only the bytes after p kept
                part = buf[start:p]
                if first_end < 0 and (k := part.find(b"\n")) >= 0:
                    first_end = base + start + k
                dropped += len(part)
                dropped_lines += part.count(b"\n")
                buf, base, start, p = buf[p:] + more, base + p, 0, 0
            else:
                buf, base, p, start = buf[start:] + more, base + start, p - start, 0
        if end < 0 and state != _QUOTED and broken <= line:  # the file ends, with this record or before it
            end = len(buf)
            if end == start and not dropped:
                return
        never_closed = end < 0 and broken < 0
        kept = buf[start:end] if end >= 0 else buf[start:]
        lines = dropped_lines + kept.count(b"\n")
        last = line + lines - kept.endswith(b"\n") if kept or not dropped else line + lines
        if broken > line or (never_closed and last > line):  # read again from the line after the first
            if first_end < 0:
                first_end = base + start + kept.find(b"\n")
            yield Piece(line, broken if broken > 0 else last, None, _malformed(
                name, line, _NEVER_CLOSED if never_closed else _TEXT_AFTER_QUOTE.format(at=f" on line {broken}")))
            line += 1
            if first_end + 1 >= base:
                start = first_end + 1 - base
            else:
                raw.seek(first_end + 1)
                buf, base, start = raw.read(block), first_end + 1, 0
            continue
        if never_closed:  # a quote opened on the last line
            yield Piece(line, last, None, _malformed(name, line, _NEVER_CLOSED))
            return
        if broken > 0:
            yield Piece(line, line, None, _malformed(name, line, _TEXT_AFTER_QUOTE.format(at="")))
        elif dropped or len(kept) > limit:
            where = f"line {line}" if last == line else f"lines {line}-{last}"
            yield Piece(line, last, None, ("input_too_large", f"{name}: {where}: the record is "
                                           f"{megabytes(dropped + len(kept))}, over the limit for one report; "
                                           "it was skipped"))
        else:
            yield Piece(line, last, kept)
        line, start = line + lines, end


def decode(piece: Piece, name: str) -> str | Problem:
    """The record's text, or the problem: bytes that are not UTF-8, on the line they are on."""
    assert piece.data is not None
    try:
        return piece.data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = piece.first + piece.data.count(b"\n", 0, error.start)
        return "bad_encoding", (f"{name}: line {line}: not UTF-8 text (byte 0x{piece.data[error.start]:02X}); "
                                "save the CSV as UTF-8")


class Fields:
    """The csv module's reader (strict quoting) fed one whole record at a time."""

    def __init__(self) -> None:
        allow_long_csv_fields()  # a record may be up to the limit: that is for the size check to refuse
        self._text: str | None = None
        self._reader = csv.reader(self, strict=True)

    def __iter__(self) -> Fields:
        return self

    def __next__(self) -> str:
        text, self._text = self._text, None
        if text is None:
            raise StopIteration
        return text

    def of(self, text: str) -> list[str] | str:
        """The record's fields, or why the csv module refused it."""
        self._text = text
        try:
            return next(self._reader)
        except csv.Error as error:
            return str(error)
        except StopIteration:  # cannot happen for a record split_records ended; kept as an error, not a hang
            return "unexpected end of data"


SNIFF_BYTES = 1 << 20
_ENOUGH = 3  # lines that are not UTF-8, with no UTF-8 beyond ASCII anywhere: the file's encoding, not a record's


def check_start(path: Path) -> None:
    """Refuse a file whose first megabyte shows that its lines end with a lone carriage return (as old
    Mac programs wrote them), or that it is not UTF-8 at all: UTF-16 (a byte-order mark says so), or
    three or more lines of bytes that are not UTF-8 and not one UTF-8 character beyond ASCII
    (Latin-1 or Windows-1252, as older spreadsheets save CSV).

    Why refuse rather than give error rows: in such a file only the reports with an accent, a degree
    sign or a µ would fail, so the scan would run to the end and hand back a cohort silently missing
    those (often one site's or one language's reports). The fix is one conversion of the file, and
    the scan says so at once. A UTF-8 file with a few damaged records is different: those records are
    the records' fault, and become error rows."""
    with path.open("rb") as raw:
        start = raw.read(SNIFF_BYTES)
    if start.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise EncodingError(f"{path.name}: the file is UTF-16 text; save the CSV as UTF-8 and scan again")
    cr, lf = start.find(b"\r"), start.find(b"\n")
    if cr >= 0 and (lf < 0 or cr + 1 < lf):
        raise MalformedInputError(f"{path.name}: its lines end with a lone carriage return (as old Mac programs "
                                  "wrote them); save the CSV with Windows or Unix line ends")
    if len(start) == SNIFF_BYTES:
        start = start[:start.rfind(b"\n") + 1]  # not a character cut in two
    bad: list[int] = []
    for number, line in enumerate(start.split(b"\n"), start=1):
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
        except UnicodeDecodeError:
            bad.append(number)
            continue
        return  # UTF-8 beyond ASCII: a UTF-8 file
    if len(bad) >= _ENOUGH:
        shown = ", ".join(str(n) for n in bad[:_ENOUGH]) + (" and more" if len(bad) > _ENOUGH else "")
        raise EncodingError(
            f"{path.name}: the file is not UTF-8 text (lines {shown} are not, and none is UTF-8 beyond plain ASCII); "
            "it looks like Latin-1 or Windows-1252: convert it, e.g. iconv -f WINDOWS-1252 -t UTF-8, and scan again")
