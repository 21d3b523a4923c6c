"""The README's own lines work after the README's own set-up."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[1]
HOGUIDE = str(Path(sys.executable).with_name("hoguide"))
# What each command needs beyond the core, as pyproject.toml's extras name it.
NEEDS = {"scan": {"scan"}, "summarize": {"summary"}, "serve": {"web"}}


def _use_lines() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Use", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    return [line.split("#", 1)[0].strip() for line in block.splitlines() if line.startswith("hoguide ")]


def test_make_run_installs_the_extras_the_readme_commands_need() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    recipe = makefile.split("$(VENV)/.installed:", 1)[1].split("\n\n", 1)[0]
    match = re.search(r"-e '\.\[([a-z,]+)\]'", recipe)
    assert match, recipe
    installed = set(match.group(1).split(","))
    commands = {shlex.split(line)[1] for line in _use_lines()}
    for command in commands:
        assert NEEDS.get(command, set()) <= installed, command


def test_the_readme_scan_and_summary_lines_run(tmp_path: Path) -> None:
    (tmp_path / "reports.csv").write_text(
        "report_id,text\nr1,Brooker III heterotopic ossification of the right hip.\nr2,No heterotopic ossification.\n",
        encoding="utf-8")
    lines = [line for line in _use_lines() if line.split()[1] in ("scan", "summarize")]
    assert len(lines) == 2
    for line in lines:
        done = subprocess.run([HOGUIDE, *shlex.split(line)[1:]], cwd=tmp_path, capture_output=True, text=True,
                              timeout=300)
        assert done.returncode == 0, (line, done.stderr)
    assert (tmp_path / "out" / "summary.html").exists()
