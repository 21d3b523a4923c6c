"""hoguide: reads a patient's own report about heterotopic ossification (HO) and explains it.

Education and decision support, not a diagnosis. The public API is ``__all__``; everything
else is internal. Nothing is loaded at import: the knowledge base loads on first use.
"""

from hoguide._version import __version__
from hoguide.api import assess, assess_context, explain, read, read_bytes
from hoguide.errors import HoguideError, InputError, KnowledgeError
from hoguide.knowledge.loader import KnowledgeBase, load_knowledge
from hoguide.models.assessment import Answer, Assessment, RedFlag
from hoguide.models.case import Case, PatientAnswers, build_case
from hoguide.models.reading import ContextResult, Fact, Finding, Grade, Mimic, Reading, Section, Trigger

__all__ = [
    "Answer",
    "Assessment",
    "Case",
    "ContextResult",
    "Fact",
    "Finding",
    "Grade",
    "HoguideError",
    "InputError",
    "KnowledgeBase",
    "KnowledgeError",
    "Mimic",
    "PatientAnswers",
    "Reading",
    "RedFlag",
    "Section",
    "Trigger",
    "__version__",
    "assess",
    "assess_context",
    "build_case",
    "explain",
    "load_knowledge",
    "read",
    "read_bytes",
]
