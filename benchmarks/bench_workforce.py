"""Loading workforce files against DuckDB reading the same file (workforce.md §8).

The candidate is ``mixite.workforce.validate(path)`` in this process, modules imported;
the baseline is ``CREATE TABLE t AS SELECT * FROM read_csv(path)`` (or ``read_parquet``)
with DuckDB's own type detection, on a fresh connection. Each figure is the median of
three runs (the spec's protocol). The files are written by ``mixite synth`` (1,000,000
rows, seed 7) into a temporary folder in the setup.

The peak memory of ``mixite import --check`` is measured in a child process (its own
high-water mark, ``mixite.cli.bench.peak_memory_of``), since this process holds the other
benchmarks' data.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Literal

import duckdb

from mixite.cli.bench import Benchmark, peak_memory_of

ROWS = int(os.environ.get("MIXITE_BENCH_ROWS", "1000000"))
SEED = 7
GIB_MIB = 1024.0
_folder: dict[str, Path] = {}


def _file(name: str) -> Path:
    if "root" not in _folder:
        _folder["root"] = Path(tempfile.mkdtemp(prefix="mixite-bench-wf-"))
    return _folder["root"] / name


def _synth(name: str, style: Literal["fr", "canonical"]) -> None:
    from mixite.workforce.synth import write  # noqa: PLC0415 - only when benchmarking

    path = _file(name)
    if not path.exists():
        write(path, ROWS, SEED, style=style)


def _validate(name: str) -> None:
    from mixite.workforce.load import validate  # noqa: PLC0415

    report = validate(_file(name))
    if report.counts["fatal"]:
        raise RuntimeError(f"{name}: {report.messages[0].text('en')}")


def _duckdb(name: str, reader: str) -> None:
    with duckdb.connect() as connection:
        connection.execute(
            f"CREATE TABLE t AS SELECT * FROM {reader}(?)",  # noqa: S608 - fixed names
            [str(_file(name))],
        )


def _peak_memory_of_check() -> dict[str, float]:
    """Peak resident memory (MiB) of ``mixite import --check`` in a fresh process."""
    return peak_memory_of(["import", str(_file("canonical.csv")), "--check", "--json"])


def teardown() -> None:
    root = _folder.pop("root", None)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)


BENCHMARKS = [
    Benchmark(
        name="workforce.csv_canonical",
        about=f"validate() of a {ROWS:,}-row canonical CSV (35 columns)",
        source="workforce.md §8",
        setup=lambda: _synth("canonical.csv", "canonical"),
        candidate=lambda: _validate("canonical.csv"),
        baseline=lambda: _duckdb("canonical.csv", "read_csv"),
        baseline_about="DuckDB CREATE TABLE AS read_csv of the same file",
        rounds=3,
        warmup=0,
        max_median_ratio=3.0,
    ),
    Benchmark(
        name="workforce.csv_french",
        about=f"validate() of a {ROWS:,}-row French CSV (decimal comma, dd/mm/yyyy, codes)",
        source="workforce.md §8",
        setup=lambda: _synth("french.csv", "fr"),
        candidate=lambda: _validate("french.csv"),
        baseline=lambda: _duckdb("french.csv", "read_csv"),
        baseline_about="DuckDB CREATE TABLE AS read_csv of the same file",
        rounds=3,
        warmup=0,
        max_median_ratio=4.0,
    ),
    Benchmark(
        name="workforce.parquet",
        about=f"validate() of a {ROWS:,}-row Parquet file",
        source="workforce.md §8",
        setup=lambda: _synth("canonical.parquet", "canonical"),
        candidate=lambda: _validate("canonical.parquet"),
        baseline=lambda: _duckdb("canonical.parquet", "read_parquet"),
        baseline_about="DuckDB CREATE TABLE AS read_parquet of the same file",
        rounds=3,
        warmup=0,
        max_median_ratio=2.0,
    ),
    Benchmark(
        name="workforce.check_memory",
        about=f"peak memory of `mixite import --check` on the {ROWS:,}-row canonical CSV",
        source="workforce.md §8",
        setup=lambda: _synth("canonical.csv", "canonical"),
        candidate=_peak_memory_of_check,
        rounds=2,
        warmup=0,
        max_metrics={"peak_mib": GIB_MIB},
    ),
]
