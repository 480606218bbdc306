"""Peak memory of ``mixite synth --rows 10000000`` to Parquet (workforce.md §7.2, §8).

The target is a hard limit on memory only: the peak resident set of the command stays
at or below 4 GiB; its time is reported, not bounded. The command runs in a child
process that reports its own high-water mark (``mixite.cli.bench.peak_memory_of``), as
``workforce.check_memory`` does.

Each call writes ``s.parquet`` into a temporary folder made by the setup and deletes it
afterwards (about 230 MB). ``MIXITE_BENCH_SYNTH_ROWS`` makes the file smaller for a
quick look; the target is only meaningful at the spec's 10,000,000 rows.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from mixite.cli.bench import Benchmark, peak_memory_of

ROWS = int(os.environ.get("MIXITE_BENCH_SYNTH_ROWS", "10000000"))
SEED = 7
MAX_PEAK_MIB = 4096.0  # workforce.md §8: 4 GiB, a hard limit
_folder: dict[str, Path] = {}


def _setup() -> None:
    if "root" not in _folder:
        _folder["root"] = Path(tempfile.mkdtemp(prefix="mixite-bench-synth-"))


def _peak_memory_of_synth() -> dict[str, float]:
    """Peak resident memory (MiB) and wall time (s) of the command in a fresh process."""
    out = _folder["root"] / "s.parquet"
    try:
        return peak_memory_of(
            ["synth", "--rows", str(ROWS), "--seed", str(SEED), "--out", str(out)]
        )
    finally:
        out.unlink(missing_ok=True)


def teardown() -> None:
    root = _folder.pop("root", None)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)


BENCHMARKS = [
    Benchmark(
        name="workforce.synth_memory",
        about=f"peak memory of `mixite synth --rows {ROWS:,} --seed {SEED}` to Parquet",
        source="workforce.md §8",
        setup=_setup,
        candidate=_peak_memory_of_synth,
        rounds=2,  # the fewest the runner's percentiles accept
        warmup=0,
        max_metrics={"peak_mib": MAX_PEAK_MIB},
    ),
]
