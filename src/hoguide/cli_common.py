"""What every ``hoguide`` command shares: the one way an error reaches the terminal, and common options.

Exit statuses come from ``hoguide.errors.ERROR_MAP``: 2 for a bad input or option, 70 for a fault of
hoguide itself (a damaged knowledge base, a bug).
"""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer

from hoguide.errors import EXIT_INPUT, EXIT_INTERNAL, HoguideError, outcome_for

__all__ = ["EXIT_INPUT", "EXIT_INTERNAL", "MaxBytes", "fail", "fail_for"]

MaxBytes = Annotated[
    int | None,
    typer.Option("--max-bytes", min=1, help="Largest report accepted (default 1 MB, HOGUIDE_MAX_REPORT_BYTES)."),
]


def fail(message: str, status: int = EXIT_INPUT) -> NoReturn:
    """One line on stderr and the exit status (2: a bad input or option): never a traceback."""
    typer.echo(f"hoguide: error: {message}", err=True)
    raise typer.Exit(status)


def fail_for(error: BaseException) -> NoReturn:
    """Any exception as one line and its mapped exit status. An unexpected one is named by type only:
    its message may quote the report, and a traceback helps nobody who is not debugging hoguide."""
    status = outcome_for(error).exit_status
    if isinstance(error, HoguideError):
        fail(error.message, status)
    fail(f"internal error ({type(error).__name__}); please report it, without the report text", EXIT_INTERNAL)
