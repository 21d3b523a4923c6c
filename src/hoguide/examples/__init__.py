"""Fictional example reports bundled for documentation, ``make run`` and tests."""

from __future__ import annotations

from importlib import resources

from hoguide.errors import InputError


def example_names() -> list[str]:
    """Names of the bundled examples (file names without ``.txt``)."""
    root = resources.files(__name__)
    return sorted(e.name[:-4] for e in root.iterdir() if e.name.endswith(".txt"))


def example_bytes(name: str) -> bytes:
    """The raw bytes of one example; raises InputError naming the choices if it is unknown."""
    names = example_names()
    if name not in names:
        raise InputError(f"no example called {name!r}; choose one of: {', '.join(names)}")
    return resources.files(__name__).joinpath(f"{name}.txt").read_bytes()
