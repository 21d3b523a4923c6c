"""The printable handout: the patient explanation as a one- or two-page PDF (WeasyPrint).

The handout is ``explanation.html.j2`` with ``handout=True``: the page's summary, short answers (each
with its first paragraph) and questions, minus the report text and the clinician notes, with the same
numbered sources. It names the report it explains and is a tagged PDF (PDF/UA-1) for screen readers.
WeasyPrint is the optional ``pdf`` extra and needs the pango libraries; it is imported only here, when
a PDF is asked for.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from hoguide.errors import PdfUnavailableError
from hoguide.models.assessment import Assessment
from hoguide.render.html import environment, explanation_context

Paper = Literal["A4", "Letter"]
INSTALL_HINT = "pip install 'hoguide[pdf]' (it also needs the pango library, e.g. apt-get install libpango-1.0-0 " \
    "libpangoft2-1.0-0 libharfbuzz-subset0)"


PDF_VARIANT = "pdf/ua-1"  # tagged: headings, lists and reading order reach screen readers


def handout_html(assessment: Assessment, *, paper: Paper = "A4", pasted_on: date | None = None) -> str:
    """The handout as one self-contained HTML page (what the PDF is made from)."""
    context = explanation_context(assessment, handout=True, pasted_on=pasted_on)
    if paper != "A4":
        context["css"] += f"\n@page {{ size: {paper}; }}\n"
    return environment().get_template("explanation.html.j2").render(context)


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The handout is self-contained: WeasyPrint may fetch nothing, neither files nor the network."""
    raise ValueError(f"the handout does not load external resources ({url[:60]})")


def render_pdf(assessment: Assessment, *, paper: Paper = "A4", pasted_on: date | None = None) -> bytes:
    """The handout as PDF bytes. Raises PdfUnavailableError when WeasyPrint or pango is missing.
    ``pasted_on`` (default today) names a report that states neither its exam nor its date."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: WeasyPrint is installed but pango cannot be loaded
        raise PdfUnavailableError(f"the PDF handout needs the pdf extra: {INSTALL_HINT} ({error})") from None
    document = HTML(string=handout_html(assessment, paper=paper, pasted_on=pasted_on), url_fetcher=_refuse)
    pdf: bytes = document.write_pdf(pdf_variant=PDF_VARIANT)
    return pdf
