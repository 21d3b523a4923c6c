"""The reading models keep every dataclass behaviour with their faster ``__init__``."""

from __future__ import annotations

import dataclasses
import inspect
import pickle
from typing import Any

import pytest

from hoguide.models import reading
from hoguide.models.fast_init import fast_init

MODELS = [reading.Trigger, reading.ContextResult, reading.Grade, reading.Section, reading.Finding,
          reading.Fact, reading.Mimic, reading.Reading]


def _plain_twin(cls: type) -> Any:
    """The same fields as a dataclass with the __init__ that dataclasses writes."""
    fields = [(f.name, f.type, dataclasses.field(default=f.default)) for f in dataclasses.fields(cls)]
    return dataclasses.make_dataclass(cls.__name__, fields, frozen=True, slots=True)


@pytest.mark.parametrize("cls", MODELS, ids=lambda cls: cls.__name__)
def test_same_parameters_defaults_and_values_as_the_dataclass_init(cls: type) -> None:
    twin = _plain_twin(cls)
    assert inspect.signature(cls) == inspect.signature(twin)
    required = [f for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
    values = {f.name: f"value of {f.name}" for f in required}
    made, expected = cls(**values), twin(**values)
    assert dataclasses.astuple(made) == dataclasses.astuple(expected)  # defaults filled in alike
    assert cls(*values.values()) == made  # positional too
    if required:
        with pytest.raises(TypeError):
            cls()  # a missing field is still an error
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, required[0].name, "changed")
    assert pickle.loads(pickle.dumps(made)) == made
    assert hash(made) == hash(cls(**values))


def test_a_fact_reads_back_every_field() -> None:
    fact = reading.Fact("time", "date", "2024-03-05", 4, 14, "present", section="history", value="2024-03-05")
    assert (fact.kind, fact.start, fact.experiencer, fact.section, fact.triggers, fact.value) == (
        "time", 4, "patient", "history", (), "2024-03-05")
    assert dataclasses.replace(fact, status="historical").status == "historical"


def test_classes_whose_init_does_more_are_refused() -> None:
    @dataclasses.dataclass(frozen=True, slots=True)
    class Checked:
        value: int

        def __post_init__(self) -> None:
            if self.value < 0:
                raise ValueError("negative")

    @dataclasses.dataclass(frozen=True, slots=True)
    class WithFactory:
        items: list[int] = dataclasses.field(default_factory=list)

    @dataclasses.dataclass(frozen=True)
    class WithoutSlots:
        value: int

    for cls, reason in ((Checked, "__post_init__"), (WithFactory, "plain defaults"),
                        (WithoutSlots, "frozen, slotted")):
        with pytest.raises(TypeError, match=reason):
            fast_init(cls)
