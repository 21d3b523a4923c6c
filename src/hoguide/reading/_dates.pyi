# The C extension built from _dates.c (see timerefs.py for the patterns it follows).
from typing import TypeVar

_Reference = TypeVar("_Reference", bound=tuple[str, int, int, str | None])

def numeric_dates(text: str, reference_type: type[_Reference]) -> list[_Reference]: ...
