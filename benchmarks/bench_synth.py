"""Peak memory of ``mixite synth --rows 10000000`` to Parquet (workforce.md §7.2, §8).

The target is a hard limit on memory only: the peak resident set of the command stays
at or below 4 GiB; its time is reported, not bounded. The command runs in a child
process and reports its own ``ru_maxrss`` (``RUSAGE_SELF``), as
``bench_workforce.workforce.check_memory`` does: ``RUSAGE_CHILDREN`` in this process
would give the largest of every child waited for so far, the other benchmarks' included.

Each call writes ``s.parquet`` into a temporary folder made by the setup and deletes it
afterwards (about 230 MB). ``MIXITE_BENCH_SYNTH_ROWS`` makes the file smaller for a
quick look; the target is only meaningful at the spec's 10,000,000 rows.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from mixite.cli.bench import Benchmark

ROWS = int(os.environ.get("MIXITE_BENCH_SYNTH_ROWS", "10000000"))
SEED = 7
MAX_PEAK_MIB = 4096.0  # workforce.md §8: 4 GiB, a hard limit
KIB_PER_MIB = 1024
_folder: dict[str, Path] = {}

# The child runs the CLI as ``mixite`` would, then prints its own peak (KiB on Linux).
_CHILD = (
    "import resource, sys\n"
    "from mixite.cli.main import main\n"
    "try:\n    main()\n"
    "except SystemExit as exit_:\n    code = exit_.code\n"
    "else:\n    code = 0\n"
    "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def _setup() -> None:
    if "root" not in _folder:
        _folder["root"] = Path(tempfile.mkdtemp(prefix="mixite-bench-synth-"))


def _peak_memory_of_synth() -> dict[str, float]:
    """Peak resident memory (MiB) and wall time (s) of the command in a fresh process."""
    out = _folder["root"] / "s.parquet"
    arguments = ["synth", "--rows", str(ROWS), "--seed", str(SEED), "--out", str(out)]
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", _CHILD, *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    out.unlink(missing_ok=True)
    if done.returncode != 0:
        raise RuntimeError(f"mixite synth exited with {done.returncode}: {done.stderr}")
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    return {"peak_mib": round(peak_kib / KIB_PER_MIB, 1), "seconds": round(seconds, 2)}


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
