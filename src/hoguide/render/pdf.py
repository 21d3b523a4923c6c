"""The printable handout: the patient explanation as a one- or two-page PDF (WeasyPrint).

The handout is ``explanation.html.j2`` with ``handout=True``: the same words as the page, minus the
report text and the clinician notes, with the same numbered sources. WeasyPrint is the optional ``pdf``
extra and needs the pango libraries; it is imported only here, when a PDF is asked for.
"""

from __future__ import annotations

from typing import Any, Literal

from hoguide.errors import PdfUnavailableError
from hoguide.models.assessment import Assessment
from hoguide.render.html import environment, explanation_context

Paper = Literal["A4", "Letter"]
INSTALL_HINT = "pip install 'hoguide[pdf]' (it also needs the pango library, e.g. apt-get install libpango-1.0-0 " \
    "libpangoft2-1.0-0 libharfbuzz-subset0)"


def handout_html(assessment: Assessment, *, paper: Paper = "A4") -> str:
    """The handout as one self-contained HTML page (what the PDF is made from)."""
    context = explanation_context(assessment, handout=True)
    if paper != "A4":
        context["css"] += f"\n@page {{ size: {paper}; }}\n"
    return environment().get_template("explanation.html.j2").render(context)


def _refuse(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    """The handout is self-contained: WeasyPrint may fetch nothing, neither files nor the network."""
    raise ValueError(f"the handout does not load external resources ({url[:60]})")


def render_pdf(assessment: Assessment, *, paper: Paper = "A4") -> bytes:
    """The handout as PDF bytes. Raises PdfUnavailableError when WeasyPrint or pango is missing."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as error:  # OSError: WeasyPrint is installed but pango cannot be loaded
        raise PdfUnavailableError(f"the PDF handout needs the pdf extra: {INSTALL_HINT} ({error})") from None
    document = HTML(string=handout_html(assessment, paper=paper), url_fetcher=_refuse)
    pdf: bytes = document.write_pdf()
    return pdf
