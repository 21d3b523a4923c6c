"""Report text from what a person sends: pasted text, a .txt file, or a PDF with a text layer."""

from __future__ import annotations

from hoguide.errors import BinaryInputError
from hoguide.reading.normalize import DecodedText, decode_report
from hoguide.web.pdf_sandbox import PdfLimits, pdf_text

PDF_MAGIC = b"%PDF-"
IMAGE_MAGIC = (b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"II*\x00", b"MM\x00*", b"RIFF")


async def text_from_upload(data: bytes, filename: str, limit: int, pdf_limits: PdfLimits | None = None) -> DecodedText:
    """Decode a .txt upload or extract the text of a PDF (in the sandbox); images and scans get a clear message."""
    if data.startswith(PDF_MAGIC) or filename.lower().endswith(".pdf"):
        return DecodedText(await pdf_text(data, limit, pdf_limits))
    if data.startswith(IMAGE_MAGIC):
        raise BinaryInputError(
            "this file is a picture, not text; copy the words of your report into the box, "
            "or upload a .txt file or a PDF that has text in it"
        )
    return decode_report(data, limit)
