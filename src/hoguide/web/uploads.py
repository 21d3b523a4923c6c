"""Report text from what a person sends: pasted text, a .txt file, or a PDF with a text layer."""

from __future__ import annotations

import io

from hoguide.errors import BinaryInputError, InputError
from hoguide.reading.normalize import DecodedText, decode_report

PDF_MAGIC = b"%PDF-"
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"RIFF")


class ScannedPdfError(InputError):
    code = "scanned_pdf"


def text_from_upload(data: bytes, filename: str, limit: int) -> DecodedText:
    """Decode a .txt upload or extract the text of a PDF; images and scans get a clear message."""
    if data.startswith(PDF_MAGIC) or filename.lower().endswith(".pdf"):
        return DecodedText(_pdf_text(data, limit))
    if data.startswith(IMAGE_MAGIC):
        raise BinaryInputError(
            "this file is a picture, not text; copy the words of your report into the box, "
            "or upload a .txt file or a PDF that has text in it"
        )
    return decode_report(data, limit)


def _pdf_text(data: bytes, limit: int) -> str:
    try:
        from pypdf import PdfReader
        from pypdf.errors import PdfReadError
    except ImportError:  # pragma: no cover - the [web] extra installs pypdf
        raise InputError("reading PDF files needs the web extra: pip install 'hoguide[web]'") from None
    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError, OSError):
        raise InputError("this PDF could not be opened; it may be damaged or protected") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise ScannedPdfError(
            "this PDF has no text in it (it looks like a scan or a photo); copy the words of "
            "your report into the box instead"
        )
    if len(text.encode("utf-8")) > limit:
        raise InputError("the text in this PDF is longer than the report size limit")
    return text
