"""Turn bytes or a string into report text the reader accepts, or say exactly why not.

Decoding policy: UTF-8 (a byte-order mark is dropped). Bytes that are not UTF-8 are read as
Windows-1252, the usual encoding of reports exported from older Windows systems, and a
warning says so; bytes that are neither are refused. NUL bytes or many control characters
mean the input is not text at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from hoguide.errors import BinaryInputError, EmptyInputError, EncodingError, InputTooLargeError

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")  # C0 controls other than white space, and DEL
_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])  # the same set, for ASCII text
_CONTROL_SHARE_LIMIT = 0.10  # a text file has almost none; a binary file many
_SNIFF = 8192


@dataclass(frozen=True, slots=True)
class DecodedText:
    text: str
    warnings: tuple[str, ...] = ()


def _mb(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 100_000 else f"{n:,} bytes"


def check_size(size: int, limit: int) -> None:
    if size > limit:
        raise InputTooLargeError(
            f"the report is {_mb(size)}, over the {_mb(limit)} limit "
            "(raise it with --max-bytes or HOGUIDE_MAX_REPORT_BYTES)"
        )


def decode_report(data: bytes, limit: int) -> DecodedText:
    """Decode report bytes; raises an InputError subclass with a message a person can act on."""
    check_size(len(data), limit)
    nul = data.find(b"\0")
    if nul != -1:
        raise BinaryInputError(f"the file looks binary (NUL byte at offset {nul}); give a text report")
    warnings: list[str] = []
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        try:
            text = data.decode("cp1252")
        except UnicodeDecodeError:
            raise EncodingError(
                f"the report is not UTF-8 (bad byte at offset {error.start}) nor Windows-1252; "
                "save it as UTF-8 text"
            ) from None
        warnings.append(
            f"the report is not UTF-8 (bad byte at offset {error.start}); it was read as Windows-1252"
        )
    return DecodedText(check_text(text, limit), tuple(warnings))


def check_text(text: str, limit: int) -> str:
    """Validate report text given as a string (the Python API); returns it unchanged."""
    if len(text) > limit:  # a cheap bound before encoding; characters are at least one byte
        check_size(len(text), limit)
    if 4 * len(text) > limit:  # only then can the UTF-8 size pass the limit
        check_size(len(text.encode("utf-8", errors="surrogatepass")), limit)
    if not text or text.isspace():  # not text.strip(): no copy of a long report
        raise EmptyInputError("the report is empty: there is no text to read")
    if "\0" in text:
        raise BinaryInputError(
            f"the text looks binary (NUL character at offset {text.index(chr(0))}); give a text report"
        )
    head = text[:_SNIFF]
    if head.isascii():  # bytes.translate deletes at C speed; the regex is for the rare other texts
        ascii_head = head.encode("ascii")
        controls = len(ascii_head) - len(ascii_head.translate(None, _CONTROL_BYTES))
    else:
        controls = len(_CONTROL.findall(head))
    if controls > _CONTROL_SHARE_LIMIT * len(head):
        raise BinaryInputError(
            f"the text looks binary ({controls} control characters in the first {len(head)}); "
            "give a text report"
        )
    return text
