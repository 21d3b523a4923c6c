"""Curated knowledge as data, with its loader and validator."""

from hoguide.knowledge.loader import KnowledgeBase, load_knowledge, validate_knowledge

__all__ = ["KnowledgeBase", "load_knowledge", "validate_knowledge"]
