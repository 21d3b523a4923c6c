"""CSV records found by following the quoting, so that one broken record cannot take the rest of the file.

The file is read a line at a time (``lines.bounded_lines``) while ``Quoting`` follows the CSV
grammar as Python's csv module reads it with ``strict=True`` (RFC 4180: a field that starts with a
quote runs to its closing quote, ``""`` inside it is a quote, a quote anywhere else is a character).
A record ends at a line end outside quotes. Only then is it decoded and split into fields, by the
csv module itself (``Fields``). What goes wrong stays with its record (``Piece.problem``):

- broken quoting, i.e. a closing quote followed by something other than a comma or the line end,
  or a quote never closed: the record is taken to be its first line only, and reading starts again
  on the next line, so a quote opened by mistake cannot swallow the records after it (each line it
  did swallow is read again as what it is: a record, or an error row of its own);
- a record longer than ``line_limit``: read past, its quoting still followed, without being held;
- bytes that are not UTF-8 (``decode``): an error naming the line they are on.

A file that is entirely in another encoding is refused before any report is read
(``check_start``): see its docstring for why.
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO, NamedTuple

from hoguide.batch.lines import bounded_lines, megabytes, skipped_size
from hoguide.batch.sinks import allow_long_csv_fields
from hoguide.errors import EncodingError, MalformedInputError

Problem = tuple[str, str]
"""Why a record cannot be read: an error code and a message naming its line."""

_START, _UNQUOTED, _QUOTED, _QUOTE = range(4)  # a field's start, inside one, inside quotes, a quote in quotes
_NEVER_CLOSED = "a quote opened on this line is never closed"
_TEXT_AFTER_QUOTE = "text follows a closing quote{at}"
_BOM = b"\xef\xbb\xbf"


class Quoting:
    """Where the CSV grammar is after the bytes of one record fed so far (whole lines, or the pieces of
    a line too long to hold: a piece may end anywhere, even between the two quotes of ``""``)."""

    __slots__ = ("broken", "ended", "state")

    def __init__(self) -> None:
        self.reset()

    def reset(self) -> None:
        self.state = _START
        self.ended = False  # the record ended with the last line fed
        self.broken = False  # a closing quote was followed by text: the record cannot be read

    def feed(self, data: bytes) -> None:
        if self.broken:
            return
        state, p, n = self.state, 0, len(data)
        while p < n:
            if state == _QUOTED:
                q = data.find(b'"', p)
                if q < 0:
                    break
                state, p = _QUOTE, q + 1
            elif state == _QUOTE:
                c = data[p]
                if c == 0x22:  # "" is a quote
                    state, p = _QUOTED, p + 1
                elif c == 0x2C:  # a comma: the next field
                    state, p = _START, p + 1
                elif c in (0x0A, 0x0D):  # the line end (the csv module refuses anything after a lone \r)
                    state = _UNQUOTED
                    break
                else:
                    self.broken = True
                    return
            elif state == _START and data[p] == 0x22:
                state, p = _QUOTED, p + 1
            else:  # an unquoted field, in which a quote is a character: the next quoted field starts at ',"'
                q = data.find(b',"', p)
                if q < 0:
                    state = _START if data.endswith(b",") else _UNQUOTED
                    break
                state, p = _QUOTED, q + 2
        self.state = state
        self.ended = state != _QUOTED and data.endswith(b"\n")


class Piece(NamedTuple):
    """One record of the file as read: its first and last line (1-based), and its bytes, or the problem
    that kept it from being read."""

    first: int
    last: int
    data: bytes | None
    problem: Problem | None = None


def _lines(first: int, last: int) -> str:
    return f"line {first}" if first == last else f"lines {first}-{last}"


def split_records(raw: IO[bytes], name: str, limit: int) -> Iterator[Piece]:
    """The records of a CSV file (the header first), each at most ``limit`` bytes held; see the module."""
    quoting = Quoting()
    number = offset = 0  # the last line read, and the offset of the next
    if raw.read(len(_BOM)) == _BOM:  # a byte-order mark (Windows tools write one) is no part of the header
        offset = len(_BOM)
    raw.seek(offset)
    lines = bounded_lines(raw, limit, quoting.feed)
    while True:
        quoting.reset()
        first, start, first_size, size = number + 1, offset, 0, 0
        held: list[bytes] | None = []
        for line in lines:
            number += 1
            skipped = skipped_size(line)  # its pieces went to quoting.feed as they were read
            length = len(line) if skipped is None else skipped
            if skipped is None:
                quoting.feed(line)
            offset += length
            size += length
            first_size = first_size or length
            if held is not None:
                if skipped is None and size <= limit:
                    held.append(line)
                else:
                    held = None  # too long: only followed from here on
            if quoting.ended or quoting.broken:
                break
        if number < first:
            return
        if quoting.broken or (not quoting.ended and quoting.state == _QUOTED):
            reason = _NEVER_CLOSED if not quoting.broken else _TEXT_AFTER_QUOTE.format(
                at="" if number == first else f" on line {number}")
            yield Piece(first, number, None, (
                "malformed_input", f"{name}: line {first}: malformed CSV ({reason}); check the quoting of that report"))
            if number > first:  # read again from the line after the first: the quote there was the mistake
                number, offset = first, start + first_size
                raw.seek(offset)
                lines = bounded_lines(raw, limit, quoting.feed)
            continue
        if held is None:
            yield Piece(first, number, None, ("input_too_large", f"{name}: {_lines(first, number)}: the record is "
                                              f"{megabytes(size)}, over the limit for one report; it was skipped"))
            continue
        yield Piece(first, number, b"".join(held))


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
