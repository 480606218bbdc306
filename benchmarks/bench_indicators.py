"""The Index and the directive indicators on a 1,000,000-row file (issue 5, item 7).

Two targets:

- ``indicators.load_index_directive``: ``mixite.load(path)``, then
  ``mixite.indicators.egapro.compute(wf)`` and ``mixite.indicators.directive.compute(wf)``
  (default options, band estimated), in at most half the time of a plain pandas
  implementation of the same aggregates reading the same Parquet file
  (``pandas_baseline.py``: headcounts and mean FTE pay by CSP × age band × sex, raise and
  promotion rates, top 10; mean and median annual and hourly pay by sex, variable pay among
  beneficiaries, quartile bands, the job-category table). Three rounds each, medians
  compared, as the whole-file benchmarks of ``bench_workforce.py``.
- ``indicators.cli_index``: ``mixite index FILE --json`` end to end in a child process
  (interpreter start, imports, load, Index, JSON on stdout) in under 2 s at the median,
  with the bytecode cache of an installed package (one warm-up run fills it).

The file is written by ``mixite synth`` (seed 7, canonical Parquet) into a temporary
folder in the setup; ``MIXITE_BENCH_ROWS`` makes it smaller for a quick look (the targets
are only meaningful at 1,000,000 rows). The engine modules are imported in the setup,
not at module import, so that this file loads even while they are being written, and so
that no round pays for the imports (the baseline's pandas is imported the same way).
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from mixite.cli.bench import Benchmark

if TYPE_CHECKING:
    from types import ModuleType

ROWS = int(os.environ.get("MIXITE_BENCH_ROWS", "1000000"))
SEED = 7
MAX_RATIO = 0.5  # issue 5 item 7: at most half the time of the pandas implementation
MAX_CLI_MS = 2000.0  # issue 5 item 7: the CLI end to end under 2 s
_state: dict[str, Path] = {}
_modules: dict[str, ModuleType] = {}

# The child runs the CLI as ``mixite`` would and exits with its code.
_CHILD = (
    "import sys\n"
    "from mixite.cli.main import main\n"
    "try:\n    main()\n"
    "except SystemExit as exit_:\n    sys.exit(exit_.code)\n"
)


def _path() -> Path:
    if "root" not in _state:
        _state["root"] = Path(tempfile.mkdtemp(prefix="mixite-bench-ix-"))
    return _state["root"] / "s.parquet"


def _module(name: str) -> ModuleType:
    if name not in _modules:
        _modules[name] = importlib.import_module(name)
    return _modules[name]


def _setup() -> None:
    from mixite.workforce.synth import write  # noqa: PLC0415 - only when benchmarking

    path = _path()
    if not path.exists():
        write(path, ROWS, SEED, style="canonical")
    for name in (
        "mixite.workforce.load",
        "mixite.indicators.egapro",
        "mixite.indicators.directive",
        "pandas_baseline",
    ):
        _module(name)


def _engine() -> None:
    """What a notebook user runs: load once, then both frameworks with default options."""
    workforce = _module("mixite.workforce.load").load(_path())
    _module("mixite.indicators.egapro").compute(workforce)
    _module("mixite.indicators.directive").compute(workforce)


def _pandas() -> None:
    _module("pandas_baseline").aggregates(_path())


def _child_environment() -> dict[str, str]:
    """Bytecode cached in the temporary folder, as an installed package has it.

    Without it (``PYTHONDONTWRITEBYTECODE`` set, as on the development machine) every
    child compiles the sources of Mixité, Ibis, Polars and pandas again, about 4 s that
    no installed ``mixite`` pays; the warm-up run fills the cache.
    """
    environment = {
        k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"
    }
    environment["PYTHONPYCACHEPREFIX"] = str(_path().parent / "pycache")
    return environment


def _cli() -> None:
    """``mixite index FILE --json`` in a fresh interpreter; any exit but 0 stops the run."""
    done = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", _CHILD, "index", str(_path()), "--json"],
        capture_output=True,
        text=True,
        check=False,
        env=_child_environment(),
    )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise RuntimeError(f"mixite index exited with {done.returncode}: {last}")


def teardown() -> None:
    root = _state.pop("root", None)
    if root is not None:
        shutil.rmtree(root, ignore_errors=True)


# ``pandas_baseline`` is a sibling file and the folder is not a package.
if str(Path(__file__).resolve().parent) not in sys.path:
    sys.path.insert(0, str(Path(__file__).resolve().parent))

BENCHMARKS = [
    Benchmark(
        name="indicators.load_index_directive",
        about=(
            f"mixite.load + egapro.compute + directive.compute on a {ROWS:,}-row "
            "synthetic Parquet file"
        ),
        source="issue 5 item 7",
        setup=_setup,
        candidate=_engine,
        baseline=_pandas,
        baseline_about=(
            "pandas: read the same Parquet columns, then the Index's and the directive's "
            "aggregates (group by, means, medians, quartile bands, top 10)"
        ),
        rounds=3,
        warmup=0,
        max_median_ratio=MAX_RATIO,
    ),
    Benchmark(
        name="indicators.cli_index",
        about=f"`mixite index FILE --json` on the {ROWS:,}-row file, in a child process",
        source="issue 5 item 7",
        setup=_setup,
        candidate=_cli,
        rounds=3,
        warmup=1,  # fills the bytecode cache (see _child_environment)
        max_median_ms=MAX_CLI_MS,
    ),
]
