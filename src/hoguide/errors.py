"""The one exception tree of hoguide.

Every error carries a stable ``code`` and a message a person can act on. The edges
translate them in one place each: the CLI to an exit status, the web layer (later)
to a problem response.

    HoguideError
    ├── InputError            the report or request cannot be read as given
    │   ├── EmptyInputError       nothing but white space
    │   ├── InputTooLargeError    over the configured size limit
    │   ├── BinaryInputError      NUL bytes or control characters: not text
    │   ├── EncodingError         neither UTF-8 nor Windows-1252
    │   └── MalformedInputError   a line or record that does not parse (JSONL, spans)
    ├── KnowledgeError        the bundled knowledge data is invalid (a packaging bug)
    ├── ScanError             a cohort scan cannot run (output directory, resume, missing scan extra),
    │                         or its output cannot be summarized (no manifest, a damaged part)
    └── RenderError           an output format cannot be produced here
        ├── PdfUnavailableError   the PDF handout needs the pdf extra (WeasyPrint and pango)
        └── PlotsUnavailableError the scan summary's plots need the summary extra (matplotlib)
"""

from __future__ import annotations


class HoguideError(Exception):
    """Base class: ``code`` is stable, ``str(error)`` is the user-facing message."""

    code = "hoguide_error"

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class InputError(HoguideError):
    code = "invalid_input"


class EmptyInputError(InputError):
    code = "empty_input"


class InputTooLargeError(InputError):
    code = "input_too_large"


class BinaryInputError(InputError):
    code = "binary_input"


class EncodingError(InputError):
    code = "bad_encoding"


class MalformedInputError(InputError):
    code = "malformed_input"


class KnowledgeError(HoguideError):
    """Raised when the knowledge files fail validation; ``problems`` lists every one."""

    code = "invalid_knowledge"

    def __init__(self, problems: list[str]) -> None:
        shown = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"{len(problems)} problem(s) in the knowledge data:\n{shown}")
        self.problems = problems


class ScanError(HoguideError):
    """The cohort scan cannot run as asked (not one report's fault: those become error rows)."""

    code = "scan_error"


class RenderError(HoguideError):
    code = "render_error"


class PdfUnavailableError(RenderError):
    """WeasyPrint is not installed, or the system libraries it loads (pango) are missing."""

    code = "pdf_unavailable"


class PlotsUnavailableError(RenderError):
    """matplotlib, which draws the scan summary's plots, is not installed."""

    code = "plots_unavailable"
