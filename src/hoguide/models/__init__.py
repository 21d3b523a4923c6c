"""Frozen, serialisable value types that flow from one stage to the next."""

from hoguide.models.reading import (
    ContextResult,
    Fact,
    Finding,
    Grade,
    Mimic,
    Reading,
    Section,
    Trigger,
)

__all__ = ["ContextResult", "Fact", "Finding", "Grade", "Mimic", "Reading", "Section", "Trigger"]
