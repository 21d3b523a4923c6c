"""The program that extracts a PDF's text inside the sandbox (``pdf_sandbox`` starts it).

Run as a script (``python -I pdf_worker.py MAX_BYTES MAX_PAGES MEMORY CPU``), never imported by the
server: it reads the PDF on standard input and writes one JSON object on standard output, either
``{"text": ..., "pages": n}`` or ``{"error": kind}``. It limits itself before it reads a byte, so a
hostile file can cost at most its CPU seconds and its memory, and the server's process never parses it.
Nothing it does reaches a log: pypdf's logging and warnings are switched off and standard error
goes nowhere, because pypdf quotes pieces of the file in its warnings.
"""

from __future__ import annotations

import io
import json
import logging
import os
import resource
import sys
import warnings
from typing import Any

# The outcomes the sandbox maps to errors (kept in step with pdf_sandbox.WORKER_ERRORS).
ENCRYPTED, DAMAGED, TOO_MANY_PAGES, TOO_LONG, NO_TEXT = "encrypted", "damaged", "too_many_pages", "too_long", "no_text"
TOO_COMPLEX = "too_complex"
# A stream may inflate to this many times the report limit: text operators are a few times the
# text they show, and a deflate bomb is refused at the limit instead of parsed for seconds.
INFLATE_FACTOR = 10


class _TooLong(Exception):
    """Raised from inside pypdf's text walk: the text passed the report limit, so stop now."""


def limit_self(memory_bytes: int, cpu_seconds: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))  # SIGXCPU, then SIGKILL
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))  # a crash must not write the report to a core file
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))  # nor anything else to disk


def silence() -> None:
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    logging.disable(logging.CRITICAL)
    warnings.simplefilter("ignore")


def extract(data: bytes, max_bytes: int, max_pages: int) -> dict[str, Any]:
    from pypdf import PdfReader, overwrite_configuration
    from pypdf.errors import DependencyError, FileNotDecryptedError, LimitReachedError, WrongPasswordError

    inflated = INFLATE_FACTOR * max_bytes
    overwrite_configuration(zlib_maximum_output_length=inflated, lzw_maximum_output_length=inflated,
                            run_length_maximum_output_length=inflated, brotli_maximum_output_length=inflated,
                            page_tree_maximum_page_entries=1000 * max_pages)
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not _opens_without_password(reader):
            return {"error": ENCRYPTED}
        return _text(reader, max_bytes, max_pages)
    except (DependencyError, FileNotDecryptedError, WrongPasswordError):  # AES needs `cryptography`: refused too
        return {"error": ENCRYPTED}
    except LimitReachedError:
        return {"error": TOO_COMPLEX}


def _text(reader: Any, max_bytes: int, max_pages: int) -> dict[str, Any]:
    pages = len(reader.pages)
    if pages > max_pages:
        return {"error": TOO_MANY_PAGES, "pages": pages}
    counted = 0

    def count(text: str, *_: Any) -> None:
        nonlocal counted
        counted += len(text.encode("utf-8", "surrogatepass"))
        if counted > max_bytes:
            raise _TooLong

    texts = []
    try:
        for page in reader.pages:
            texts.append((page.extract_text(visitor_text=count) or "").strip())
    except _TooLong:
        return {"error": TOO_LONG}
    # A broken font map can yield lone surrogates; the report must be valid UTF-8 to be read.
    text = "\n\n".join(t for t in texts if t).encode("utf-8", "replace").decode("utf-8")
    return {"text": text, "pages": pages} if text else {"error": NO_TEXT}


def _opens_without_password(reader: Any) -> bool:
    """Many portals "protect" a PDF with an empty password (print and copy rights only): open those."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # e.g. AES needs the cryptography package, which is not installed: still refused
        return False


def main() -> int:
    max_bytes, max_pages, memory_bytes, cpu_seconds = (int(a) for a in sys.argv[1:5])
    silence()
    # Loaded before the limits (their size is ours, not the file's doing): pypdf imports its filters lazily.
    import pypdf.errors
    import pypdf.filters  # noqa: F401

    limit_self(memory_bytes, cpu_seconds)
    try:
        result = extract(sys.stdin.buffer.read(), max_bytes, max_pages)
    except MemoryError:
        return 3  # the sandbox reports "too complex"
    except Exception as error:  # RecursionError, pypdf's errors, and whatever a malformed file provokes
        result = {"error": TOO_COMPLEX if _out_of_memory(error) else DAMAGED}
    sys.stdout.write(json.dumps(result))
    return 0


def _out_of_memory(error: BaseException | None) -> bool:
    """pypdf turns some failures into its own errors: look down the chain for the MemoryError."""
    seen = 0
    while error is not None and seen < 50:
        if isinstance(error, MemoryError):
            return True
        error, seen = error.__cause__ or error.__context__, seen + 1
    return False


if __name__ == "__main__":
    sys.exit(main())
