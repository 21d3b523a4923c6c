"""The web pages' Jinja2 environment: its own templates first, then the renderer's (autoescape on)."""

from __future__ import annotations

from functools import lru_cache

from jinja2 import ChoiceLoader, Environment, PackageLoader, select_autoescape


@lru_cache(maxsize=1)
def templates() -> Environment:
    return Environment(
        loader=ChoiceLoader([PackageLoader("hoguide", "web/templates"), PackageLoader("hoguide", "render/templates")]),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
