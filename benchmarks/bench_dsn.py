"""Reading a year of monthly DSN files (workforce.md §8).

Target: 12 months × 5,000 employees, parse and aggregate at 150,000 lines per second or
more on one core. The candidate is ``read_dsn`` on the folder, in this process, modules
imported: decoding, the line parser and block trees (§6.1), declarations and coverage
(§6.2), and one canonical row per person with the ``leaves``/``careers``/``exposures``
rows (§6.3–6.7). Validation of the canonical table (``mixite.load``) is not included:
the CSV and Parquet benchmarks measure it.

One core: the line parser and the aggregation are pure Python, so they run on one
thread whatever the machine; Polars (whose thread count cannot be changed once it is
imported) only turns the finished rows into the result table, a small part of the time.
``lines_per_s`` is lines over the median wall time of the rounds so far (the last
round's figure is the median of all); ``lines_per_cpu_s`` divides by the process's CPU
time instead, which a busy neighbour does not inflate. The baseline (informative, no
target) decodes each file and splits it into lines: the least any line reader does.

The setup writes the year with :func:`mixite.workforce.dsn.synth.write_dsn_year`
(seed 7; about 2.8 million lines, 70 MB) into a temporary folder that ``teardown()``
removes. ``MIXITE_BENCH_DSN_EMPLOYEES`` makes it smaller for a quick run.
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

from mixite.cli.bench import Benchmark
from mixite.workforce.dsn import read_dsn
from mixite.workforce.dsn.parse import decode
from mixite.workforce.dsn.synth import DsnYear, write_dsn_year
from mixite.workforce.options import Options
from mixite.workforce.report import ReportBuilder

N_EMPLOYEES = int(os.environ.get("MIXITE_BENCH_DSN_EMPLOYEES", "5000"))
N_MONTHS = 12
SEED = 7
MIN_LINES_PER_S = 150_000  # workforce.md §8


@dataclass
class _Run:
    folder: Path | None = None
    year: DsnYear | None = None
    seconds: list[tuple[float, float]] = field(default_factory=list)  # wall, CPU

    def generated(self) -> tuple[Path, DsnYear]:
        if self.folder is None or self.year is None:
            raise RuntimeError("the setup did not run")
        return self.folder, self.year


_run = _Run()


def _setup() -> None:
    _run.seconds.clear()
    if _run.year is None:
        _run.folder = Path(tempfile.mkdtemp(prefix="mixite-bench-dsn-"))
        _run.year = write_dsn_year(
            _run.folder, n_employees=N_EMPLOYEES, seed=SEED, n_months=N_MONTHS
        )


def _read() -> dict[str, float]:
    """Read the year; fail loudly if it did not read as generated."""
    folder, year = _run.generated()
    start, cpu = time.perf_counter(), time.process_time()
    report = ReportBuilder()
    result = read_dsn(folder, options=Options(), report=report)
    _run.seconds.append((time.perf_counter() - start, time.process_time() - cpu))
    counts = report.build().counts
    if result.frame is None or result.frame.height != year.n_employees:
        raise RuntimeError("the generated year did not read as one row per employee")
    if counts["fatal"] or counts["error"]:
        raise RuntimeError(f"the generated year reads with errors: {counts}")
    wall = statistics.median(s[0] for s in _run.seconds)
    cpu_s = statistics.median(s[1] for s in _run.seconds)
    return {
        "lines": year.n_lines,
        "lines_per_s": round(year.n_lines / wall),
        "lines_per_cpu_s": round(year.n_lines / cpu_s),
    }


def _split_lines() -> int:
    _, year = _run.generated()
    return sum(len(decode(path.read_bytes())[0].split("\n")) for path in year.files)


def teardown() -> None:
    if _run.folder is not None:
        shutil.rmtree(_run.folder, ignore_errors=True)
    _run.folder = _run.year = None


BENCHMARKS = [
    Benchmark(
        name="dsn.year",
        about=(
            f"read_dsn() of {N_MONTHS} monthly DSN files × {N_EMPLOYEES:,} employees "
            "(parse and aggregate; pure-Python parser, one thread)"
        ),
        source="workforce.md §8",
        setup=_setup,
        candidate=_read,
        baseline=_split_lines,
        baseline_about="decode each file and split it into lines",
        rounds=3,
        warmup=0,
        min_metrics={"lines_per_s": MIN_LINES_PER_S},
    ),
]
