"""Apache Spark engine for the cohort scan (the ``spark`` extra: ``pip install 'hoguide[spark]'``).

    from hoguide.spark import annotate
    rows = annotate(spark.read.parquet("reports.parquet"), text_col="text", id_col="report_id")

``annotate`` adds the local scan's columns to any DataFrame and keeps its own columns; ``scan_files``
is ``hoguide scan --engine spark``: files in, the local engine's output formats out. pyspark is
imported only when one of these runs, never with ``import hoguide``.
"""

from hoguide.spark.engine import scan_files
from hoguide.spark.frame import annotate, annotation_schema, spark_schema
from hoguide.spark.session import start_session

__all__ = ["annotate", "annotation_schema", "scan_files", "spark_schema", "start_session"]
