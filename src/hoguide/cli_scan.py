"""The cohort-scan commands of ``hoguide``: ``scan`` (local engine or Spark) and ``summarize``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from hoguide.batch.summary_page import summary_path, write_scan_summary
from hoguide.cli_common import MaxBytes, fail, fail_for
from hoguide.config import get_settings
from hoguide.errors import HoguideError


def register_scan_commands(app: typer.Typer) -> None:
    app.command("scan")(scan_command)
    app.command("summarize")(summarize_command)


class ScanFormat(StrEnum):
    parquet = "parquet"
    csv = "csv"
    jsonl = "jsonl"


def _duration(seconds: float) -> str:
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m" if hours else f"{minutes}m{secs:02d}s"


class Engine(StrEnum):
    local = "local"
    spark = "spark"


def _engine_conflict(engine: Engine, workers: int | None, resume: bool, spark_master: str | None) -> str | None:
    """Options that belong to the other engine are refused rather than silently ignored."""
    if engine is Engine.local:
        return "--spark-master needs --engine spark" if spark_master is not None else None
    if resume:
        return ("--resume is for --engine local: Spark retries failed tasks itself; scan again into an empty "
                "directory")
    if workers is not None:
        return "--workers is for --engine local; with Spark the master sets the cores (--spark-master local[N])"
    return None


def scan_command(
    source: Annotated[str, typer.Argument(metavar="INPUT", help="Report archive: .csv, .jsonl or .parquet.")],
    output: Annotated[str, typer.Option("--output", "-o", metavar="DIR", help="Directory for the part files.")],
    output_format: Annotated[ScanFormat, typer.Option("--format", help="parquet (needs the scan extra), csv or "
                                                      "jsonl.")] = ScanFormat.parquet,
    id_col: Annotated[str | None, typer.Option(help="Id column (default report_id, else id, else the row number).")]
    = None,
    text_col: Annotated[str | None, typer.Option(help="Text column (default text, else report_text, else report).")]
    = None,
    workers: Annotated[int | None, typer.Option(min=1, max=256, help="Worker processes (local engine; default 1).")]
    = None,
    batch_size: Annotated[int | None, typer.Option(min=1, help="Reports per part file (default 1000; with Spark at "
                                                   "most this many, default no limit).")] = None,
    resume: Annotated[bool, typer.Option("--resume", help="Finish a stopped scan in DIR: skip its finished parts "
                                         "(local engine).")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress line.")] = False,
    max_bytes: MaxBytes = None,
    summary_file: Annotated[str | None, typer.Option("--summary", metavar="FILE", help="Then write a one-page HTML "
                            "summary (counts and plots) to FILE; needs the summary extra.")] = None,
    engine: Annotated[Engine, typer.Option(help="local (a process pool) or spark (the spark extra and Java 17; "
                                           "INPUT may be a directory or a URI Spark reads).")] = Engine.local,
    spark_master: Annotated[str | None, typer.Option(metavar="URL", help="Spark master for --engine spark (default "
                                                     "local[*]: every core here).")] = None,
) -> None:
    """Scan a report archive for HO: one row per report (status, sites, grade, causes, mentions),
    written as numbered part files with a manifest. A report that cannot be read becomes an error row."""
    from hoguide.batch import Progress, SinkSpec, open_source, scan
    from hoguide.batch.scan import DEFAULT_BATCH_SIZE

    conflict = _engine_conflict(engine, workers, resume, spark_master)
    if conflict is not None:
        fail(conflict)
    show = not quiet and sys.stderr.isatty()

    def report(p: Progress) -> None:
        eta = f", ETA {_duration(p.eta_seconds)}" if p.eta_seconds is not None else ""
        typer.echo(f"\r{p.reports} reports, {p.rate:.0f} reports/s{eta}   ", err=True, nl=False)

    try:
        if summary_file is not None:
            summary_path(Path(output), Path(summary_file))  # refused now, not after an hour of scanning
        limit = max_bytes or get_settings().max_report_bytes
        if engine is Engine.spark:
            from hoguide.spark import scan_files

            summary = scan_files(source, output, output_format=output_format.value, id_col=id_col,
                                 text_col=text_col, max_bytes=limit, reports_per_file=batch_size,
                                 master=spark_master or "local[*]", progress=show)
        else:
            archive = open_source(Path(source), id_col=id_col, text_col=text_col, max_bytes=limit)
            summary = scan(archive, SinkSpec(Path(output), output_format.value), workers=workers or 1,
                           batch_size=batch_size or DEFAULT_BATCH_SIZE, resume=resume, max_bytes=limit,
                           progress=report if show else None)
    except HoguideError as error:
        if show:
            typer.echo("", err=True)
        fail_for(error)
    if show:
        typer.echo("", err=True)
    for line in summary.lines():
        typer.echo(line)
    typer.echo(f"output: {output} ({summary.seconds:.1f} s)")
    if summary_file is not None:
        _summarize(Path(output), Path(summary_file))


def _summarize(directory: Path, output: Path | None) -> None:
    try:
        path = write_scan_summary(directory, output)
    except HoguideError as error:
        fail_for(error)
    typer.echo(f"summary: {path}")


def summarize_command(
    directory: Annotated[str, typer.Argument(metavar="DIR", help="Output directory of hoguide scan.")],
    output: Annotated[str | None, typer.Option("--output", "-o", metavar="FILE",
                                               help="Where to write the page (default DIR/summary.html).")] = None,
) -> None:
    """One self-contained HTML page of a scan's counts (status, sites, side, grades by cause, causes,
    treatments) with plots; works on a finished or a stopped scan (needs the summary extra)."""
    _summarize(Path(directory), Path(output) if output is not None else None)
