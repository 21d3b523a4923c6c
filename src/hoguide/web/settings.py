"""Web settings: limits that protect the server, read once, overridable in tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from hoguide.config import get_settings
from hoguide.web.pdf_sandbox import PdfLimits

MB = 1_000_000


@dataclass(frozen=True, slots=True)
class WebSettings:
    max_request_bytes: int = 5 * MB  # an upload (PDF) may be larger than the report text inside it
    max_report_bytes: int = field(default_factory=lambda: get_settings().max_report_bytes)  # read when built
    pdf: PdfLimits = field(default_factory=PdfLimits)  # the sandbox that extracts an uploaded PDF's text
