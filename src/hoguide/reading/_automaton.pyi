# The C extension built from _automaton.c (see matcher.py for the rules it follows).
from collections.abc import Sequence
from typing import Any

class Automaton:
    states: int
    def __init__(
        self,
        phrases: Sequence[tuple[str, bool, bool, Sequence[tuple[int, int, str | None]]]],
        hit_type: type[tuple[Any, ...]],
        labels: tuple[tuple[str, Any], ...],
        groups: tuple[int, ...] = (),
        n_groups: int = 0,
        ascii_fold: str = ...,
    ) -> None: ...
    def scan(self, folded: str | None, original: str) -> list[Any]: ...
    def scan_grouped(self, folded: str | None, original: str) -> tuple[list[Any], list[list[Any]]]: ...
