"""Starting Spark for hoguide: pyspark from the spark extra, Java found, a quiet session.

Only ``start_session`` changes the process environment, and only variables that are unset:
``JAVA_HOME`` (from ``java`` on the PATH, so no path is hard-coded), ``PYSPARK_PYTHON`` (this
Python, which has hoguide; otherwise workers may start one without it) and, for a local master,
``SPARK_LOCAL_IP`` (a host name that resolves to loopback makes Spark guess another interface).
"""

from __future__ import annotations

import os
import shutil
import sys
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING

from hoguide.errors import ScanError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

EXTRA_HINT = "pip install 'hoguide[spark]'"


def require_pyspark() -> None:
    """Fail with the install hint, not an ImportError, when the spark extra is missing."""
    try:
        import pyarrow  # noqa: F401
        import pyspark.sql  # noqa: F401
    except ImportError:
        raise ScanError(f"the Spark engine needs the spark extra: {EXTRA_HINT}") from None


def java_home() -> str | None:
    """JAVA_HOME, else the installation that ``java`` on the PATH belongs to (…/bin/java → …)."""
    if os.environ.get("JAVA_HOME"):
        return os.environ["JAVA_HOME"]
    java = shutil.which("java")
    return str(Path(java).resolve().parent.parent) if java else None


def _prepare_environment(master: str) -> None:
    home = java_home()
    if home is None:
        raise ScanError("Spark needs Java 17: install it (Debian: apt-get install openjdk-17-jre-headless) "
                        "or set JAVA_HOME")
    os.environ.setdefault("JAVA_HOME", home)
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    if master.startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")


def start_session(master: str = "local[*]", *, progress: bool = False) -> SparkSession:
    """A SparkSession for a scan: the given master, no web UI, only errors logged (progress bar optional),
    Arrow batches of 1000 reports.

    An active session in this process (a notebook's, a test's) is returned as it is: Spark allows
    one per process, and its settings are the owner's."""
    require_pyspark()
    from pyspark.errors import PySparkException
    from pyspark.sql import SparkSession

    active = SparkSession.getActiveSession()
    if active is not None:
        return active
    _prepare_environment(master)
    log_config = files("hoguide.spark").joinpath("log4j2.properties")
    builder = (
        SparkSession.builder.master(master).appName("hoguide scan")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", str(progress).lower())
        # Arrow batches of the local engine's size, not Spark's 10,000: reports may be up to 1 MB each.
        .config("spark.sql.execution.arrow.maxRecordsPerBatch", "1000")
        .config("spark.driver.extraJavaOptions", f"-Dlog4j2.configurationFile={log_config}")
    )
    try:
        return builder.getOrCreate()
    except PySparkException as error:
        raise ScanError(f"Spark did not start ({error.getCondition() or type(error).__name__}): check that Java 17 "
                        f"is installed and JAVA_HOME ({os.environ.get('JAVA_HOME')}) points to it") from None
