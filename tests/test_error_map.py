"""The one error table: every error has an exit status and an HTTP status, and the unexpected is internal."""

from __future__ import annotations

import pytest
import typer

from hoguide import errors
from hoguide.cli_common import fail_for
from hoguide.errors import ERROR_MAP, HoguideError, outcome_for, public_message


def _all_errors(base: type[HoguideError] = HoguideError) -> list[type[HoguideError]]:
    found = []
    for kind in base.__subclasses__():
        found += [kind, *_all_errors(kind)]
    return found


@pytest.mark.parametrize("kind", [k for k in _all_errors() if k.__module__ == errors.__name__],
                         ids=lambda k: k.__name__)
def test_every_error_has_a_row_of_its_own(kind: type[HoguideError]) -> None:
    assert kind in ERROR_MAP  # a new error is placed in the table on purpose, not by inheritance alone


@pytest.mark.parametrize("kind", [k for k in ERROR_MAP if issubclass(k, errors.InputError)], ids=lambda k: k.__name__)
def test_bad_input_is_exit_2_and_a_4xx_that_shows_its_message(kind: type[HoguideError]) -> None:
    error = kind("the message")
    outcome = outcome_for(error)
    assert outcome.exit_status == 2 and 400 <= outcome.http_status < 500 and public_message(error) == "the message"


def test_a_knowledge_fault_is_internal_and_its_detail_hidden() -> None:
    error = errors.KnowledgeError(["content/topics.yaml line 3: a secret path"])
    assert (outcome_for(error).exit_status, outcome_for(error).http_status) == (70, 500)
    assert "secret" not in public_message(error)


def test_the_unexpected_is_internal() -> None:
    error = KeyError("Jane Doe MRN 4471")
    assert (outcome_for(error).exit_status, outcome_for(error).http_status) == (70, 500)
    assert "Jane" not in public_message(error)


def test_a_subclass_outside_the_table_takes_its_base_row() -> None:
    class Odd(errors.EncodingError):
        pass

    assert outcome_for(Odd("x")) == ERROR_MAP[errors.EncodingError]


def test_the_cli_exits_with_the_mapped_status(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(typer.Exit) as bad_input:
        fail_for(errors.EmptyInputError("the report is empty"))
    with pytest.raises(typer.Exit) as internal:
        fail_for(ValueError("Jane Doe MRN 4471"))
    assert (bad_input.value.exit_code, internal.value.exit_code) == (2, 70)
    err = capsys.readouterr().err
    assert "the report is empty" in err and "internal error (ValueError)" in err and "Jane" not in err
