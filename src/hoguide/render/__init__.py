"""Readings and assessments to text, Markdown, HTML and JSON (no logic beyond presentation)."""
