"""The one exception tree of hoguide.

Every error carries a stable ``code`` and a message a person can act on. The edges
translate them through one table, ``ERROR_MAP`` at the end: the CLI to an exit status (bad
input 2, internal fault 70), the web layer to an HTTP status and a problem response. An error the
table does not know (a bug) is internal: exit 70, HTTP 500, and its detail is never shown.

    HoguideError
    ├── InputError            the report or request cannot be read as given
    │   ├── EmptyInputError       nothing but white space
    │   ├── InputTooLargeError    over the configured size limit
    │   ├── BinaryInputError      NUL bytes or control characters: not text
    │   ├── EncodingError         neither UTF-8 nor Windows-1252
    │   ├── MalformedInputError   a line or record that does not parse (JSONL, spans)
    │   └── PdfError              an uploaded PDF whose text cannot be had
    │       ├── ScannedPdfError       no text layer (a scan or a photo)
    │       ├── EncryptedPdfError     protected by a password
    │       ├── DamagedPdfError       does not parse
    │       └── PdfTooComplexError    over the sandbox's page, time or memory limits
    ├── KnowledgeError        the bundled knowledge data is invalid (a packaging bug)
    ├── ScanError             a cohort scan cannot run (output directory, resume, missing scan extra),
    │                         or its output cannot be summarized (no manifest, a damaged part)
    └── RenderError           an output format cannot be produced here
        ├── PdfUnavailableError   the PDF handout needs the pdf extra (WeasyPrint and pango)
        └── PlotsUnavailableError the scan summary's plots need the summary extra (matplotlib)
"""

from __future__ import annotations

from dataclasses import dataclass


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


class PdfError(InputError):
    code = "unreadable_pdf"


class ScannedPdfError(PdfError):
    code = "scanned_pdf"


class EncryptedPdfError(PdfError):
    code = "encrypted_pdf"


class DamagedPdfError(PdfError):
    code = "damaged_pdf"


class PdfTooComplexError(PdfError):
    code = "pdf_too_complex"


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


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an error becomes at each edge. ``public``: whether its message may be shown to whoever
    sent the request; an internal fault's message is for the operator, people see only the title."""

    exit_status: int
    http_status: int
    title: str
    public: bool = True


EXIT_INPUT = 2  # a bad input or option; the message says which
EXIT_INTERNAL = 70  # EX_SOFTWARE: a fault of hoguide itself
INTERNAL = Outcome(EXIT_INTERNAL, 500, "Internal error", public=False)

# The one table; the lookup walks each error's class hierarchy, so a new subclass inherits its base's row.
ERROR_MAP: dict[type[HoguideError], Outcome] = {
    InputError: Outcome(EXIT_INPUT, 400, "The input cannot be read"),
    EmptyInputError: Outcome(EXIT_INPUT, 422, "The report is empty"),
    InputTooLargeError: Outcome(EXIT_INPUT, 413, "The report is too large"),
    BinaryInputError: Outcome(EXIT_INPUT, 422, "The file is not text"),
    EncodingError: Outcome(EXIT_INPUT, 422, "The text encoding is not supported"),
    MalformedInputError: Outcome(EXIT_INPUT, 422, "The request is malformed"),
    PdfError: Outcome(EXIT_INPUT, 422, "The PDF cannot be read"),
    ScannedPdfError: Outcome(EXIT_INPUT, 422, "The PDF has no text layer"),
    EncryptedPdfError: Outcome(EXIT_INPUT, 422, "The PDF is protected by a password"),
    DamagedPdfError: Outcome(EXIT_INPUT, 422, "The PDF is damaged"),
    PdfTooComplexError: Outcome(EXIT_INPUT, 422, "The PDF is too complex to read safely"),
    KnowledgeError: INTERNAL,  # a packaging bug: nothing the person can change
    ScanError: Outcome(EXIT_INPUT, 500, "The scan cannot run", public=False),  # the web never scans
    RenderError: Outcome(EXIT_INPUT, 503, "The output cannot be made here"),  # a missing extra: install it
    PdfUnavailableError: Outcome(EXIT_INPUT, 503, "The PDF handout is not available on this server"),
    PlotsUnavailableError: Outcome(EXIT_INPUT, 503, "The plots are not available on this server"),
}


def outcome_for(error: BaseException) -> Outcome:
    """The table's row for this error's class or its nearest mapped base; INTERNAL for the unexpected."""
    for kind in type(error).__mro__:
        outcome = ERROR_MAP.get(kind)
        if outcome is not None:
            return outcome
    return INTERNAL


def public_message(error: BaseException) -> str:
    """What may be shown to the person who sent the request."""
    outcome = outcome_for(error)
    if outcome.public and isinstance(error, HoguideError):
        return error.message
    return "something went wrong on our side; the error was noted without your report's text"
