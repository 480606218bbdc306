"""Readers: a file to a :class:`RawSheet` of source headers and user row numbers (§3)."""

from mixite.workforce.readers.csv import read_csv_raw
from mixite.workforce.readers.detect import Format, detect_format, extension_mismatch
from mixite.workforce.readers.parquet import read_parquet_raw
from mixite.workforce.readers.public import (
    ReadResult,
    read_csv,
    read_parquet,
    read_xlsx,
)
from mixite.workforce.readers.raw import HeaderScore, RawSheet, RawSource, ReportSink
from mixite.workforce.readers.xlsx import read_xlsx_raw

__all__ = [
    "Format",
    "HeaderScore",
    "RawSheet",
    "RawSource",
    "ReadResult",
    "ReportSink",
    "detect_format",
    "extension_mismatch",
    "read_csv",
    "read_csv_raw",
    "read_parquet",
    "read_parquet_raw",
    "read_xlsx",
    "read_xlsx_raw",
]
