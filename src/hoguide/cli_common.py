"""What every ``hoguide`` command shares: the one way an error reaches the terminal, and common options."""

from __future__ import annotations

from typing import Annotated, NoReturn

import typer

EXIT_INPUT = 2  # a bad input or option; the message says which

MaxBytes = Annotated[
    int | None,
    typer.Option("--max-bytes", min=1, help="Largest report accepted (default 1 MB, HOGUIDE_MAX_REPORT_BYTES)."),
]


def fail(message: str) -> NoReturn:
    """One line on stderr and exit status 2: never a traceback."""
    typer.echo(f"hoguide: error: {message}", err=True)
    raise typer.Exit(EXIT_INPUT)
