"""The local engine: a process pool reads batches, each worker writes its part, the parent keeps the manifest.

Each worker process builds the reader once (the pool's initializer) and reuses it for every batch.
A JSON Lines batch is sent to it as the lines read and parsed there, not in the parent process,
which would otherwise spend most of a core parsing and pickling what the workers read.
Memory stays bounded: at most ``2 × workers`` batches are in flight; the next is read from the
source only when one finishes. The parent process records a part in the manifest only once its
file is in place, so after a stop ``resume=True`` redoes exactly the parts not listed: none is
lost, none duplicated (a part written but not yet listed is simply written again).
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any

from hoguide._version import __version__
from hoguide.batch.rows import ERROR, NOT_MENTIONED, STATUS_PRECEDENCE, STATUS_RULE, row_for
from hoguide.batch.sinks import SinkSpec, prepare_directory, read_manifest, write_manifest, write_part
from hoguide.batch.sources import Batch, Source, batches, records_in, worker_batches
from hoguide.config import get_settings
from hoguide.errors import ScanError
from hoguide.knowledge.loader import load_knowledge
from hoguide.reading.reader import Reader, reader_for

STATUSES = (*STATUS_PRECEDENCE, NOT_MENTIONED, ERROR)
DEFAULT_BATCH_SIZE = 1000


@dataclass(frozen=True, slots=True)
class Progress:
    """Where a scan is: reports done (this run and earlier ones), seconds, and the fraction of the
    input read when it can be told (Parquet: exactly; CSV and JSON Lines: by bytes)."""

    reports: int
    reports_this_run: int
    seconds: float
    fraction: float | None

    @property
    def rate(self) -> float:
        return self.reports_this_run / self.seconds if self.seconds > 0 else 0.0

    @property
    def eta_seconds(self) -> float | None:
        if not self.fraction or self.fraction >= 1.0 or self.seconds <= 0:
            return None if not self.fraction else 0.0
        return self.seconds * (1 - self.fraction) / self.fraction


@dataclass(slots=True)
class Summary:
    """Counts over the whole output (earlier runs' parts included when resuming)."""

    reports: int = 0
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(STATUSES, 0))
    parts_written: int = 0
    parts_skipped: int = 0
    seconds: float = 0.0

    def add(self, rows: int, counts: dict[str, int]) -> None:
        self.reports += rows
        for status, n in counts.items():
            self.counts[status] = self.counts.get(status, 0) + n

    def lines(self) -> list[str]:
        c = self.counts
        return [
            f"reports read: {self.reports}",
            f"HO present: {c['present']}",
            f"HO possible: {c['possible']}",
            f"HO historical: {c['historical']}",
            f"HO absent: {c['absent']}",
            f"HO hypothetical only: {c['hypothetical']}",
            f"HO not mentioned: {c['not_mentioned']}",
            f"errors: {c['error']}",
            f"parts written: {self.parts_written} (skipped, already done: {self.parts_skipped})",
        ]

    def to_dict(self) -> dict[str, Any]:
        return {"reports": self.reports, **self.counts, "parts_written": self.parts_written,
                "parts_skipped": self.parts_skipped, "seconds": round(self.seconds, 3)}


# ---- worker side -----------------------------------------------------------------------------------

_reader: Reader | None = None
ORPHAN_CHECK_SECONDS = 0.5


def _init_worker(parent: int | None = None) -> None:
    """Pool initializer: load the knowledge and compile the reader once per worker process; a worker
    of a pool (``parent``: the scan's process id) stops when the scan's process is gone."""
    global _reader
    if parent is not None:
        threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True, name="orphan-watch").start()
    _reader = reader_for(load_knowledge())


def _exit_when_orphaned(parent: int) -> None:
    """A scan killed outright (SIGKILL, the OOM killer) cannot stop its pool: each worker would finish
    its batch and then wait for work forever, holding its memory. It watches for the parent to go
    instead, and leaves at once (its part is unlisted, so a resume writes it again)."""
    while os.getppid() == parent:
        time.sleep(ORPHAN_CHECK_SECONDS)
    os._exit(1)


PartDone = tuple[int, str, int, dict[str, int]]
"""A written part: its index, file name, rows, and rows by status."""


def _work(spec: SinkSpec, index: int, batch: Batch, max_bytes: int) -> PartDone:
    if _reader is None:
        _init_worker()
    assert _reader is not None
    rows = [row_for(_reader, r.report_id, r.text, max_bytes=max_bytes, problem=r.problem) for r in records_in(batch)]
    name = write_part(spec, index, rows)
    return index, name, len(rows), dict(Counter(row["ho_status"] for row in rows))


# ---- parent side -----------------------------------------------------------------------------------


def _settings(source: Source, spec: SinkSpec, batch_size: int) -> dict[str, Any]:
    return {"input": str(source.path.resolve()), "input_format": source.format, "id_col": source.id_col,
            "text_col": source.text_col, "format": spec.format, "batch_size": batch_size}


def _start_manifest(source: Source, spec: SinkSpec, batch_size: int, resume: bool) -> dict[str, Any]:
    settings = _settings(source, spec, batch_size)
    old = read_manifest(spec.directory) if resume else None
    if old is not None and old.get("engine", "local") != "local":
        raise ScanError(f"cannot resume: {spec.directory} holds a scan by the {old['engine']} engine; "
                        "give an empty directory")
    if old is None:
        return {**settings, "hoguide_version": __version__, "knowledge_version": load_knowledge().version,
                "ho_status_rule": STATUS_RULE, "complete": False, "parts": []}
    changed = [k for k, v in settings.items() if old.get(k) != v]
    if changed:
        raise ScanError(f"cannot resume: {', '.join(changed)} differ from the scan in {spec.directory}; "
                        "resume with the same input and options, or give an empty directory")
    return old


def _scan_in_pool(spec: SinkSpec, todo: Iterator[tuple[int, Batch, float | None]], workers: int, max_bytes: int,
                  finished: Callable[[PartDone, float | None], None]) -> tuple[int, BaseException] | None:
    """Read the batches in ``workers`` processes, at most 2 × workers in flight, and record each part
    as it finishes. A batch that fails (a JSON Lines line that does not parse is found by the worker
    reading it) stops the scan where one process would have stopped: the batches before it are
    finished and recorded, the ones after it cancelled or not recorded. Returns the earliest failed
    batch's index and error."""
    context = multiprocessing.get_context("spawn")  # no fork of a parent that may hold threads
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker, initargs=(os.getpid(),)) as pool:
        pending: dict[Future[PartDone], tuple[int, float | None]] = {}
        failure: tuple[int, BaseException] | None = None
        while True:
            while failure is None and len(pending) < 2 * workers and (item := next(todo, None)) is not None:
                index, batch, fraction = item
                pending[pool.submit(_work, spec, index, batch, max_bytes)] = (index, fraction)
            if not pending:
                return failure
            ready, _ = wait(pending, return_when=FIRST_COMPLETED)
            for future in ready:
                index, fraction = pending.pop(future)
                if failure is not None and index > failure[0]:
                    continue  # after the failed batch: cancelled, or written but not recorded
                error = future.exception()
                if error is None:
                    finished(future.result(), fraction)
                else:
                    failure = (index, error)
                    for later, (later_index, _) in pending.items():
                        if later_index > index:
                            later.cancel()


def scan(source: Source, sink: SinkSpec, *, workers: int = 1, batch_size: int = DEFAULT_BATCH_SIZE,
         resume: bool = False, max_bytes: int | None = None,
         progress: Callable[[Progress], None] | None = None) -> Summary:
    """Read every report of ``source`` into part files under ``sink.directory``; returns the summary.

    ``workers`` processes read in parallel (1 reads in this process). ``resume`` finishes a scan
    that was stopped: parts already in the manifest are skipped, the rest written."""
    if workers < 1 or batch_size < 1:
        raise ScanError("--workers and --batch-size must be at least 1")
    limit = max_bytes if max_bytes is not None else get_settings().max_report_bytes
    prepare_directory(sink.directory, resume=resume)
    manifest = _start_manifest(source, sink, batch_size, resume)
    done = {int(p["index"]): p for p in manifest["parts"]}
    summary = Summary()
    for part in done.values():
        summary.add(int(part["rows"]), part["counts"])
    started = time.perf_counter()
    this_run = 0

    def list_parts() -> None:
        manifest["parts"] = [done[i] for i in sorted(done)]
        write_manifest(sink.directory, manifest)

    def finished(part: PartDone, fraction: float | None) -> None:
        nonlocal this_run
        index, name, rows, counts = part
        done[index] = {"index": index, "file": name, "rows": rows, "counts": counts}
        list_parts()
        summary.add(rows, counts)
        summary.parts_written += 1
        this_run += rows
        if progress is not None:
            progress(Progress(summary.reports, this_run, time.perf_counter() - started, fraction))

    def unlist_after(index: int) -> None:
        """Leave listed only the parts before a failed one, as a scan in one process would: a fix of
        the input may move the boundaries of the batches after it."""
        for later in [i for i in done if i > index]:
            del done[later]
        list_parts()

    def todo() -> Iterator[tuple[int, Batch, float | None]]:
        chunks = batches(source, batch_size) if workers == 1 else worker_batches(source, batch_size)
        for index, (batch, fraction) in enumerate(chunks):
            if index in done:
                summary.parts_skipped += 1
                continue
            yield index, batch, fraction

    if workers == 1:
        _init_worker()
        for index, batch, fraction in todo():
            finished(_work(sink, index, batch, limit), fraction)
    else:
        failure = _scan_in_pool(sink, todo(), workers, limit, finished)
        if failure is not None:
            failed_index, error = failure
            unlist_after(failed_index)
            raise error
    manifest["complete"] = True
    write_manifest(sink.directory, manifest)
    summary.seconds = time.perf_counter() - started
    return summary
