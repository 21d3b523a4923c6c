"""The ``hoguide`` command line: a thin shell over the public API.

Every error becomes one line on stderr and the exit status ``hoguide.errors.ERROR_MAP`` gives it
(``cli_common.fail_for``: 2 for bad input, 70 for an internal fault); nothing prints a traceback.
The cohort-scan commands live in ``cli_scan``.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import IO, Annotated, Any

import typer

from hoguide import api
from hoguide._version import __version__
from hoguide.answers import load_answers_json
from hoguide.cli_common import EXIT_INPUT, MaxBytes, fail, fail_for
from hoguide.cli_scan import register_scan_commands
from hoguide.config import get_settings
from hoguide.errors import HoguideError, InputError, MalformedInputError
from hoguide.evaluation import evaluate_gold, evaluate_kit, load_kit
from hoguide.evaluation.corpus import evaluate_corpus, is_corpus_row
from hoguide.examples import example_bytes, example_names
from hoguide.knowledge.loader import load_knowledge, validate_knowledge
from hoguide.models.case import build_case
from hoguide.models.reading import Reading
from hoguide.reading.matcher import implementation as matcher_implementation
from hoguide.reading.reader import reader_for
from hoguide.reading.sentences import implementation as splitter_implementation
from hoguide.render.assessment_text import render_text
from hoguide.render.html import render_html
from hoguide.render.pdf import render_pdf
from hoguide.render.reading_text import render_reading_text

app = typer.Typer(
    name="hoguide",
    help="Reads reports about heterotopic ossification (HO). Education and decision support, "
    "not a diagnosis: talk to your care team.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)


def _print_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"hoguide {__version__} (knowledge {load_knowledge().version}; phrase matcher: "
                   f"{matcher_implementation()}; sentence splitter: {splitter_implementation()})")
        raise typer.Exit()


@app.callback()
def _options(
    version: Annotated[bool, typer.Option("--version", callback=_print_version, is_eager=True,
                                          help="Print the version, the knowledge base's and which C extensions run.")]
    = False,
) -> None:
    """The options that come before a command (the help text is the app's)."""


data_app = typer.Typer(help="Check the knowledge data files.", no_args_is_help=True)
app.add_typer(data_app, name="data")

def _existing_file(source: str, what: str) -> Path:
    """The path of an input file, or an InputError a person can act on."""
    path = Path(source)
    if path.is_dir():
        raise InputError(f"{source} is a directory; give {what}")
    if not path.exists():
        raise InputError(f"{source}: no such file")
    return path


def _open_input(source: str, what: str, *, binary: bool) -> IO[Any]:
    path = _existing_file(source, what)
    try:
        return path.open("rb") if binary else path.open(encoding="utf-8", errors="strict")
    except PermissionError:
        raise InputError(f"{source}: permission denied") from None
    except OSError as error:
        raise InputError(f"{source}: cannot be read ({error.strerror})") from None


def _read_input(source: str, limit: int) -> bytes:
    """Bytes of FILE or stdin ('-'), reading at most one byte past the limit."""
    if source == "-":
        return sys.stdin.buffer.read(limit + 1)
    with _open_input(source, "a report file", binary=True) as handle:
        data: bytes = handle.read(limit + 1)
        return data


def _reading(file: str | None, example: str | None, limit: int) -> Reading:
    """The reading of FILE, standard input or a bundled example; its warnings go to stderr."""
    if (file is None) == (example is None):
        raise InputError("give a report FILE (or - for standard input), or --example NAME")
    data = example_bytes(example) if example is not None else _read_input(file or "-", limit)
    reading = api.read_bytes(data, max_bytes=limit)
    for warning in reading.warnings:
        typer.echo(f"hoguide: warning: {warning}", err=True)
    return reading


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)



@app.command("read")
def read_command(
    file: Annotated[str | None, typer.Argument(help="Report file, or - for standard input.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the reading as JSON.")] = False,
    example: Annotated[str | None, typer.Option(help="Read a bundled example instead of a file.")] = None,
    max_bytes: MaxBytes = None,
) -> None:
    """Read a report: every HO mention with its status and attributes, and the facts behind it."""
    try:
        reading = _reading(file, example, max_bytes or get_settings().max_report_bytes)
    except HoguideError as error:
        fail_for(error)
    typer.echo(_dump(reading.to_dict()) if as_json else render_reading_text(reading))


class Format(StrEnum):
    text = "text"
    md = "md"
    html = "html"
    json = "json"
    pdf = "pdf"


@app.command("explain")
def explain_command(
    file: Annotated[str | None, typer.Argument(help="Report file, or - for standard input.")] = None,
    answers: Annotated[str | None, typer.Option(help="JSON file with your own answers (surgery, date, symptoms …).")]
    = None,
    output_format: Annotated[Format, typer.Option(
        "--format", help="text, md, html, json, or pdf (a one- or two-page printable handout for the patient, "
        "without the report text or clinician notes; needs the pdf extra: pip install 'hoguide[pdf]').",
    )] = Format.text,
    output: Annotated[str | None, typer.Option(
        "--output", "-o", metavar="FILE",
        help="Write to FILE instead of standard output. A PDF is never written to a terminal: give --output, "
        "or redirect standard output to a file or pipe.",
    )] = None,
    example: Annotated[str | None, typer.Option(help="Explain a bundled example instead of a file.")] = None,
    clinician: Annotated[bool, typer.Option(help="Add the clinician notes (not in the pdf handout).")] = False,
    max_bytes: MaxBytes = None,
) -> None:
    """Explain a report: what it says, answers to your five questions, red flags, questions for
    your doctor, and the sources. Education, not medical advice."""
    try:
        limit = max_bytes or get_settings().max_report_bytes
        if output_format is Format.pdf and output in (None, "-") and sys.stdout.isatty():
            raise InputError("a PDF is not for the terminal: give --output FILE, or redirect standard output")
        patient = load_answers_json(_read_input(answers, limit).decode("utf-8")) if answers else None
        assessment = api.assess(build_case(_reading(file, example, limit), patient))
    except UnicodeDecodeError:
        fail("the answers file is not UTF-8 text")
    except HoguideError as error:
        fail_for(error)
    result: str | bytes
    if output_format is Format.pdf:
        if clinician:
            typer.echo("hoguide: warning: the pdf handout is for the patient; --clinician is ignored", err=True)
        try:
            result = render_pdf(assessment)
        except HoguideError as error:
            fail_for(error)
    elif output_format is Format.json:
        result = _dump(assessment.to_dict())
    elif output_format is Format.html:
        result = render_html(assessment, clinician=clinician)
    else:
        result = render_text(assessment, markdown=output_format is Format.md, clinician=clinician)
    _write_output(result, output)


def _write_output(result: str | bytes, output: str | None) -> None:
    """Text (with a final newline) or PDF bytes to FILE, or to standard output when FILE is absent or -."""
    data = result if isinstance(result, bytes) else (result + "\n").encode("utf-8")
    if output is None or output == "-":
        if isinstance(result, str):
            typer.echo(result)
        else:
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
        return
    try:
        Path(output).write_bytes(data)
    except IsADirectoryError:
        fail(f"{output} is a directory; give a file name for --output")
    except OSError as error:
        fail(f"{output}: cannot be written ({error.strerror})")


@app.command("context")
def context_command(
    jsonl: Annotated[str, typer.Option("--jsonl", help='File of {"text","start","end"} lines, or -.')],
) -> None:
    """ConText for any target: each line is printed back with negated, uncertain, historical,
    hypothetical, experiencer and triggers added. Bad lines are reported with their number."""
    try:
        kb = load_knowledge()
        lines = (sys.stdin if jsonl == "-" else _open_input(jsonl, "a JSONL file", binary=False))
    except HoguideError as error:
        fail_for(error)
    bad = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = _parse_context_line(line)
            result = api.assess_context(record["text"], record["start"], record["end"], kb=kb)
        except HoguideError as error:
            bad += 1
            typer.echo(f"hoguide: error: line {number}: {error.message}", err=True)
            continue
        typer.echo(json.dumps({**record, **result.to_dict()}, ensure_ascii=False))
    if bad:
        fail(f"{bad} line(s) could not be read; the others were printed")


def _parse_context_line(line: str) -> dict[str, Any]:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise MalformedInputError(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise MalformedInputError('each line must be a JSON object {"text", "start", "end"}')
    missing = [key for key in ("text", "start", "end") if key not in record]
    if missing:
        raise MalformedInputError(f"missing key(s): {', '.join(missing)}")
    if not isinstance(record["text"], str):
        raise MalformedInputError('"text" must be a string')
    for key in ("start", "end"):
        if not isinstance(record[key], int) or isinstance(record[key], bool):
            raise MalformedInputError(f'"{key}" must be a whole number')
    return record


class GoldKind(StrEnum):
    auto = "auto"
    kit = "kit"
    jsonl = "jsonl"


class Split(StrEnum):
    all = "all"
    dev = "dev"
    heldout = "heldout"


def _is_corpus(path: Path) -> bool:
    """Does the JSONL file hold HO-corpus rows ("label" or "report_status") rather than gold reports?"""
    with path.open(encoding="utf-8") as handle:
        first = next((line for line in handle if line.strip()), "")
    try:
        row = json.loads(first)
    except json.JSONDecodeError:
        return False  # the gold reader reports the bad line with its number
    return isinstance(row, dict) and is_corpus_row(row)


@app.command("evaluate")
def evaluate_command(
    gold: Annotated[str, typer.Argument(help="Gold file: the ConText kit TSV, or JSONL of annotated reports.")],
    kind: Annotated[GoldKind, typer.Option(help="File format; auto goes by the file's extension.")] = GoldKind.auto,
    errors: Annotated[bool, typer.Option("--errors", help="List every row the reader got wrong.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the scores as JSON.")] = False,
    split: Annotated[Split, typer.Option(help="For an HO corpus (docs/annotation-guide.md): the half to score.")]
    = Split.all,
) -> None:
    """Score the reader on annotated data: per-label precision and recall and the confusion matrix.

    The file may be the ConText kit TSV, JSONL of annotated reports ("ho_status"), or an HO corpus
    of labelled mentions and reports ("label" / "report_status", docs/annotation-guide.md)."""
    try:
        path = _existing_file(gold, "a gold file")
        is_kit = kind is GoldKind.kit or (kind is GoldKind.auto and path.suffix.lower() in (".tsv", ".txt"))
        reader = reader_for(load_knowledge())
        if is_kit:
            kit = evaluate_kit(load_kit(path), reader.context)
            scores = {"negation": kit.negation, "temporality": kit.temporality, "experiencer": kit.experiencer}
            extra: dict[str, Any] = {"unlocated_rows": kit.unlocated}
            wrong, bad = kit.errors, []
        elif _is_corpus(path):
            with path.open(encoding="utf-8") as handle:
                corpus = evaluate_corpus(handle, reader, split=None if split is Split.all else split.value)
            scores = {"mentions": corpus.mentions, "reports": corpus.reports}
            summary = corpus.to_dict()
            extra = {key: summary[key] for key in ("class_accuracy", "lookalikes_called_ho", "attributes")}
            wrong, bad = corpus.errors, corpus.bad_lines
        else:
            with path.open(encoding="utf-8") as handle:
                report = evaluate_gold(handle, reader)
            scores = {"ho_status": report.status}
            extra = {k: {"accuracy": round(v.accuracy, 4), "n": v.total} for k, v in report.attributes.items()}
            wrong, bad = report.errors, report.bad_lines
    except UnicodeDecodeError as error:
        fail(f"{gold}: not UTF-8 text (bad byte at offset {error.start})")
    except HoguideError as error:
        fail_for(error)
    if as_json:
        typer.echo(_dump({**{k: v.to_dict() for k, v in scores.items()}, **extra, "errors": wrong}))
    else:
        for name, confusion in scores.items():
            if not confusion.total:
                continue
            typer.echo(f"== {name} (accuracy {confusion.accuracy:.3f}, n={confusion.total})\n{confusion.table()}\n")
        for name, value in extra.items():
            typer.echo(f"{name}: {value}")
        if errors:
            typer.echo("\n".join(["", "errors:", *wrong]))
    for line in bad:
        typer.echo(f"hoguide: error: {line}", err=True)
    if bad:
        fail(f"{len(bad)} line(s) could not be read; the others were scored")


@app.command("serve")
def serve_command(
    host: Annotated[str, typer.Option(help="Address to listen on; the default is this machine only.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535)] = 8000,
    workers: Annotated[int, typer.Option(min=1, max=64, help="Worker processes (one per core).")] = 1,
) -> None:
    """Start the web page for patients and clinicians (needs the web extra: pip install 'hoguide[web]')."""
    try:
        from hoguide.web.server import PortInUseError, serve
    except ImportError:
        fail("the web page needs the web extra: pip install 'hoguide[web]'")
    try:
        serve(host, port, workers,
              on_ready=lambda: typer.echo(f"hoguide is serving on http://{host}:{port}/ (press Ctrl+C to stop)"))
    except PortInUseError as error:
        fail(f"{error}; is hoguide already running? Try another --port")


register_scan_commands(app)  # scan and summarize, listed after serve


@app.command("examples")
def examples_command() -> None:
    """List the bundled fictional example reports."""
    for name in example_names():
        typer.echo(name)


@data_app.command("validate")
def validate_command() -> None:
    """Load every knowledge file and report all problems with file and line."""
    problems = validate_knowledge()
    for problem in problems:
        typer.echo(problem, err=True)
    if problems:
        raise typer.Exit(1)
    kb = load_knowledge()
    counts = ", ".join(f"{len(v)} {k}" for k, v in sorted(kb.lexicon.items()))
    typer.echo(f"knowledge {kb.version}: ok ({counts}; {len(kb.context_rules)} context rules; "
               f"{len(kb.section_rules)} sections; {len(kb.grade_systems)} grade systems)")


def main() -> None:
    """Console-script entry point; decoding errors in stdin/JSONL become messages, not tracebacks."""
    try:
        app()
    except UnicodeDecodeError as error:
        typer.echo(f"hoguide: error: the input is not UTF-8 (bad byte at offset {error.start})", err=True)
        sys.exit(EXIT_INPUT)
    except KeyboardInterrupt:
        sys.exit(130)
    except Exception as error:  # a bug: one line and status 70, not a traceback quoting the report
        try:
            fail_for(error)
        except typer.Exit as done:
            sys.exit(done.exit_code)


