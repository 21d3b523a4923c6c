"""A faster ``__init__`` for the frozen, slotted dataclasses the reader makes by the ten thousand.

The ``__init__`` that ``dataclass(frozen=True)`` writes sets each field with ``object.__setattr__``,
which looks the field's slot up by name every time. Setting the slot through its descriptor does
the same with no look-up, and makes a ``Fact`` about twice as fast (1.1 → 0.55 µs); a report
reader makes some 5,000 of them per MB of notes. Everything else (frozen attributes, equality,
hashing, ``repr``, pickling, ``dataclasses.replace``) stays the dataclass's own.
"""

from __future__ import annotations

import dataclasses
import inspect
from typing import Any, TypeVar

T = TypeVar("T")


def fast_init(cls: type[T]) -> type[T]:
    """Give the frozen, slotted dataclass ``cls`` an ``__init__`` with the same parameters and
    defaults that sets its slots directly. Refuses classes whose ``__init__`` does more than that
    (``__post_init__``, default factories, fields left out of ``__init__``), so nothing is lost."""
    params = getattr(cls, "__dataclass_params__", None)
    if params is None or not params.frozen or "__slots__" not in cls.__dict__:
        raise TypeError(f"{cls.__name__} is not a frozen, slotted dataclass")
    if hasattr(cls, "__post_init__"):
        raise TypeError(f"{cls.__name__} has a __post_init__, which this __init__ would skip")
    fields = dataclasses.fields(cls)  # type: ignore[arg-type]  # checked above
    original = inspect.signature(cls.__dict__["__init__"])
    if [name for name in original.parameters][1:] != [field.name for field in fields]:
        raise TypeError(f"{cls.__name__}.__init__ takes other parameters than its fields (an InitVar?)")
    namespace: dict[str, object] = {}
    parameters, body = [], []
    for field in fields:
        if not field.init or field.kw_only or field.default_factory is not dataclasses.MISSING:
            raise TypeError(f"{cls.__name__}.{field.name}: only plain fields with plain defaults are supported")
        if field.default is dataclasses.MISSING:
            parameters.append(field.name)
        else:
            namespace[f"_default_{field.name}"] = field.default
            parameters.append(f"{field.name}=_default_{field.name}")
        namespace[f"_set_{field.name}"] = cls.__dict__[field.name].__set__
        body.append(f"    _set_{field.name}(self, {field.name})")
    source = f"def __init__(self, {', '.join(parameters)}):\n" + "\n".join(body or ["    pass"]) + "\n"
    exec(source, namespace)  # as dataclasses itself writes __init__: from the fields, no user text
    init: Any = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__annotations__ = dict(cls.__dict__["__init__"].__annotations__)  # for help() and inspect
    cls.__init__ = init  # type: ignore[method-assign]
    return cls
