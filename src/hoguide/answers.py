"""The patient's answers (``--answers`` JSON) parsed into PatientAnswers, with specific messages."""

from __future__ import annotations

import heapq
import json
from typing import Any

from pydantic import ValidationError

from hoguide.errors import MalformedInputError
from hoguide.models.case import PatientAnswers

MAX_PROBLEMS = 20  # listed in one message; the rest are counted (a request may hold 100,000 unknown keys)


def _describe(error: dict[str, Any]) -> str:
    where = ".".join(str(p) for p in error["loc"]) or "answers"
    kind = error["type"]
    if kind == "extra_forbidden":
        fields = ", ".join(PatientAnswers.model_fields)
        return f"{where}: unknown field (known fields: {fields})"
    if kind == "literal_error":
        return f"{where}: {error['input']!r} is not allowed; {error['msg'].replace('Input should be ', 'use ')}"
    if kind == "value_error":
        return f"{where}: {str(error['msg']).removeprefix('Value error, ')}"
    return f"{where}: {error['msg']} (got {error['input']!r})"


def parse_answers(answers: PatientAnswers | dict[str, Any] | None) -> PatientAnswers | None:
    if answers is None or isinstance(answers, PatientAnswers):
        return answers
    if not isinstance(answers, dict):
        raise MalformedInputError("the answers must be a JSON object, e.g. {\"symptoms\": [\"pain\"]}")
    unknown = answers.keys() - PatientAnswers.model_fields.keys()
    if len(unknown) > MAX_PROBLEMS:  # refused before validation, which would describe each one
        shown = ", ".join(repr(k[:40]) for k in heapq.nsmallest(5, unknown))
        raise MalformedInputError(f"the answers have {len(unknown):,} unknown fields ({shown}, ...); the known "
                                  f"fields are {', '.join(PatientAnswers.model_fields)}")
    try:
        return PatientAnswers.model_validate(answers)
    except ValidationError as error:
        found = error.errors()
        problems = "; ".join(_describe(dict(e)) for e in found[:MAX_PROBLEMS])
        more = f"; and {len(found) - MAX_PROBLEMS:,} more" if len(found) > MAX_PROBLEMS else ""
        raise MalformedInputError(f"the answers are not valid: {problems}{more}") from None


def load_answers_json(text: str) -> PatientAnswers | None:
    """Answers from JSON text; a parse error names the line and column."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise MalformedInputError(
            f"the answers file is not valid JSON ({error.msg} at line {error.lineno}, column {error.colno})"
        ) from None
    return parse_answers(data)
