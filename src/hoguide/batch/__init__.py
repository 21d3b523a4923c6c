"""The cohort scan: read every report in an archive (CSV, JSON Lines, Parquet) and write one row each.

    source = open_source("reports.parquet")
    summary = scan(source, SinkSpec(Path("out"), "parquet"), workers=4)

Sources stream in batches, a process pool reads them (one reader per worker process), and each
batch becomes one numbered part file, written atomically and listed in ``_manifest.json`` so a
scan that was stopped can be resumed without losing or duplicating a report. pyarrow (the
``scan`` extra) is imported only when a Parquet file is read or written.
"""

from hoguide.batch.rows import STATUS_PRECEDENCE, STATUS_RULE, row_for
from hoguide.batch.scan import Progress, Summary, scan
from hoguide.batch.sinks import FORMATS, SinkSpec
from hoguide.batch.sources import Record, Source, open_source

__all__ = [
    "FORMATS",
    "STATUS_PRECEDENCE",
    "STATUS_RULE",
    "Progress",
    "Record",
    "SinkSpec",
    "Source",
    "Summary",
    "open_source",
    "row_for",
    "scan",
]
