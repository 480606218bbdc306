"""``mixite bench``: each benchmark against its baseline, interleaved in one process.

A benchmark module is a file ``bench_*.py`` in the benchmarks folder. The folder is not
a package: each file is loaded by its path and registered in ``sys.modules`` under its
``__name__``. A module exposes ``BENCHMARKS``, a list of :class:`Benchmark`, and may
define a module-level ``teardown()``, called once after its benchmarks ran (even if one
of them failed).

For each benchmark the runner calls ``setup()``, warms both sides up, then alternates
candidate and baseline calls (candidate first on even rounds, baseline first on odd
ones), so that drift (caches, CPU frequency, a busy neighbour) weighs on both alike. It
reports the median and the 95th percentile (``statistics.quantiles``) of each side and
their ratios (candidate / baseline), prints a table and writes ``results/latest.json``
and ``results/latest.md`` beside the benchmark files (platform.md §0.10).

Exit codes: 0 every target met; 1 a target missed (1 is also the CLI's internal error);
2 bad input: no benchmark in the folder, a module without a valid ``BENCHMARKS`` list,
two benchmarks with one name, or ``--only`` matching no name.
"""

from __future__ import annotations

import datetime as dt
import functools
import gc
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rich import box
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator, Sequence
    from pathlib import Path
    from types import ModuleType

DEFAULT_ROUNDS = 200  # calls of each side, after the warm-up
DEFAULT_WARMUP = (
    20  # calls of each side before measuring: imports, caches, first queries
)
EXIT_OK = 0
EXIT_TARGET_MISSED = 1
EXIT_BAD_INPUT = 2
NS_PER_MS = 1_000_000


def _nothing() -> None:
    """The default setup: nothing to prepare."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Benchmark:
    """One measurement: the project's code (candidate) against a reference (baseline).

    ``max_p95_ms`` bounds the candidate's 95th percentile (strictly below);
    ``max_ratio`` bounds its p95 divided by the baseline's p95 (at most). Without a
    baseline, the figures are absolute only (platform.md §0.10).
    """

    name: str
    about: str  # what the candidate does, e.g. "GET /login/, anonymous visitor"
    source: str  # where the target comes from, e.g. "platform.md §1.6"
    candidate: Callable[[], object]
    baseline: Callable[[], object] | None = None
    baseline_about: str = ""  # what the baseline does
    setup: Callable[[], object] = _nothing
    max_p95_ms: float | None = None
    max_ratio: float | None = None
    # Slow operations (whole files): a few rounds, median compared (workforce.md §8).
    rounds: int | None = None  # None: the runner's default
    warmup: int | None = None
    max_median_ratio: float | None = None  # candidate median / baseline median, at most
    max_median_ms: float | None = None
    # A candidate may return figures of its own (peak memory, lines per second…):
    # the last call's are reported; ``max_metrics`` bounds them, ``min_metrics`` too.
    max_metrics: Mapping[str, float] = field(default_factory=dict)
    min_metrics: Mapping[str, float] = field(default_factory=dict)

    def target(self) -> str:
        parts = []
        if self.max_p95_ms is not None:
            parts.append(f"p95 < {self.max_p95_ms:g} ms")
        if self.max_ratio is not None:
            parts.append(f"p95 ratio ≤ {self.max_ratio:g}")
        if self.max_median_ms is not None:
            parts.append(f"median < {self.max_median_ms:g} ms")
        if self.max_median_ratio is not None:
            parts.append(f"median ratio ≤ {self.max_median_ratio:g}")
        parts += [f"{name} ≤ {limit:g}" for name, limit in self.max_metrics.items()]
        parts += [f"{name} ≥ {limit:g}" for name, limit in self.min_metrics.items()]
        return " and ".join(parts) or "none"


@dataclass(frozen=True, slots=True)
class Figures:
    """Summary of one side's call durations, in milliseconds."""

    median_ms: float
    p95_ms: float
    mean_ms: float
    min_ms: float
    max_ms: float

    @classmethod
    def of(cls, samples_ms: list[float]) -> Figures:
        cuts = statistics.quantiles(
            samples_ms, n=20, method="inclusive"
        )  # 5 %, …, 95 %
        return cls(
            median_ms=statistics.median(samples_ms),
            p95_ms=cuts[-1],
            mean_ms=statistics.fmean(samples_ms),
            min_ms=min(samples_ms),
            max_ms=max(samples_ms),
        )


@dataclass(frozen=True, slots=True, kw_only=True)
class Result:
    benchmark: Benchmark
    module: str
    candidate: Figures
    baseline: Figures | None
    missed: list[str] = field(default_factory=list)  # one line per target not met
    metrics: Mapping[str, float] = field(default_factory=dict)  # the candidate's own

    @property
    def passed(self) -> bool:
        return not self.missed

    @property
    def ratio_median(self) -> float | None:
        return (
            None
            if self.baseline is None
            else self.candidate.median_ms / self.baseline.median_ms
        )

    @property
    def ratio_p95(self) -> float | None:
        return (
            None
            if self.baseline is None
            else self.candidate.p95_ms / self.baseline.p95_ms
        )


class _BadInputError(Exception):
    """A benchmarks folder the runner cannot use: one line, exit code 2."""


@dataclass(frozen=True, slots=True)
class _Loaded:
    file: Path
    module: ModuleType
    benchmarks: list[Benchmark]


def run_benchmarks(
    path: Path,
    *,
    only: str | None,
    rounds: int = DEFAULT_ROUNDS,
    warmup: int = DEFAULT_WARMUP,
    console: Console | None = None,
) -> int:
    """Run the benchmarks of ``path`` (those whose name holds ``only``); results in
    ``path / "results"``. Returns the exit code (module docstring)."""
    if rounds < 2:  # noqa: PLR2004 - a percentile needs two samples
        raise ValueError("rounds must be at least 2")
    out = console or Console()
    try:
        selected = _select(_load_all(path), only)
    except _BadInputError as error:
        Console(stderr=True, soft_wrap=True).print(
            f"[red]Error:[/red] {error}", highlight=False
        )
        return EXIT_BAD_INPUT
    results = _run_all(selected, rounds=rounds, warmup=warmup, out=out)
    report = _report(results, rounds=rounds, warmup=warmup, only=only)
    results_dir = path / "results"
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / "latest.json").write_text(
        json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (results_dir / "latest.md").write_text(_markdown(results, report), encoding="utf-8")
    out.print(_table(results))
    n_missed = sum(not result.passed for result in results)
    for result in results:
        for line in result.missed:
            out.print(
                f"[red]Missed[/red] {result.benchmark.name}: {line}", highlight=False
            )
    out.print(
        f"Results written to {results_dir}/latest.json and latest.md.", highlight=False
    )
    return EXIT_TARGET_MISSED if n_missed else EXIT_OK


# Loading ----------------------------------------------------------------------------


def _load_all(path: Path) -> list[_Loaded]:
    files = sorted(path.glob("bench_*.py"))
    if not files:
        raise _BadInputError(
            f"No benchmark in {path}: add a bench_*.py file with a BENCHMARKS list."
        )
    loaded = [_load(file) for file in files]
    names = [bench.name for item in loaded for bench in item.benchmarks]
    twice = sorted({name for name in names if names.count(name) > 1})
    if twice:
        raise _BadInputError(
            f"Benchmark names must be unique; used twice: {', '.join(twice)}."
        )
    return loaded


def _load(file: Path) -> _Loaded:
    name = f"mixite_bench_{file.stem}"
    spec = importlib.util.spec_from_file_location(name, file)
    if spec is None or spec.loader is None:
        raise _BadInputError(f"Cannot load {file} as a Python module.")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses and URLconfs look the module up by name
    spec.loader.exec_module(module)
    benchmarks = getattr(module, "BENCHMARKS", None)
    if not isinstance(benchmarks, list) or not all(
        isinstance(bench, Benchmark) for bench in benchmarks
    ):
        raise _BadInputError(
            f"{file} must define BENCHMARKS, a list of mixite.cli.bench.Benchmark."
        )
    return _Loaded(file=file, module=module, benchmarks=benchmarks)


def _select(loaded: list[_Loaded], only: str | None) -> list[_Loaded]:
    if only is None:
        selected = loaded
    else:
        selected = [
            _Loaded(
                item.file, item.module, [b for b in item.benchmarks if only in b.name]
            )
            for item in loaded
        ]
    selected = [item for item in selected if item.benchmarks]
    if not selected:
        names = ", ".join(bench.name for item in loaded for bench in item.benchmarks)
        if only is None:
            raise _BadInputError("The BENCHMARKS lists are empty: nothing to run.")
        raise _BadInputError(
            f"No benchmark name holds {only!r}; the names are: {names}."
        )
    return selected


# Measuring --------------------------------------------------------------------------


def _run_all(
    selected: list[_Loaded], *, rounds: int, warmup: int, out: Console
) -> list[Result]:
    results: list[Result] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
    with Progress(*columns, TimeElapsedColumn(), console=out) as progress:
        for item in selected:
            try:
                for bench in item.benchmarks:
                    n_rounds = bench.rounds or rounds
                    n_warmup = warmup if bench.warmup is None else bench.warmup
                    task = progress.add_task(f"{bench.name} (setup)", total=n_rounds)
                    bench.setup()
                    progress.update(task, description=bench.name)
                    advance = functools.partial(progress.advance, task)
                    samples = _measure(
                        bench, rounds=n_rounds, warmup=n_warmup, advance=advance
                    )
                    results.append(_result(bench, item.file.name, *samples))
            finally:
                teardown = getattr(item.module, "teardown", None)
                if callable(teardown):
                    teardown()
    return results


def _measure(
    bench: Benchmark, *, rounds: int, warmup: int, advance: Callable[[], object]
) -> tuple[list[float], list[float] | None, Mapping[str, float]]:
    sides: list[Callable[[], object]] = [bench.candidate]
    if bench.baseline is not None:
        sides.append(bench.baseline)
    for _ in range(warmup):
        for side in sides:
            side()
    samples_ns: list[list[int]] = [[] for _ in sides]
    metrics: Mapping[str, float] = {}
    gc.collect()  # start clean; collections during the rounds are part of the cost
    for round_no in range(rounds):
        for index in _order(len(sides), round_no):
            start = time.perf_counter_ns()
            returned = sides[index]()
            samples_ns[index].append(time.perf_counter_ns() - start)
            if index == 0 and isinstance(returned, Mapping):
                metrics = {str(k): float(v) for k, v in returned.items()}
        advance()
    as_ms = [[ns / NS_PER_MS for ns in side] for side in samples_ns]
    return as_ms[0], (as_ms[1] if len(as_ms) > 1 else None), metrics


def _order(n_sides: int, round_no: int) -> Iterator[int]:
    """Candidate first on even rounds, baseline first on odd ones."""
    indices = range(n_sides)
    return iter(indices if round_no % 2 == 0 else reversed(indices))


def _result(
    bench: Benchmark,
    module: str,
    candidate_ms: list[float],
    baseline_ms: list[float] | None,
    metrics: Mapping[str, float] | None = None,
) -> Result:
    candidate = Figures.of(candidate_ms)
    baseline = None if baseline_ms is None else Figures.of(baseline_ms)
    missed = []
    if bench.max_p95_ms is not None and not candidate.p95_ms < bench.max_p95_ms:
        missed.append(
            f"p95 {candidate.p95_ms:.2f} ms, target < {bench.max_p95_ms:g} ms"
        )
    if bench.max_ratio is not None:
        if baseline is None:
            missed.append("a ratio target needs a baseline")
        elif candidate.p95_ms / baseline.p95_ms > bench.max_ratio:
            ratio = candidate.p95_ms / baseline.p95_ms
            missed.append(f"p95 ratio {ratio:.2f}, target ≤ {bench.max_ratio:g}")
    missed += _missed_median(bench, candidate, baseline)
    metrics = metrics or {}
    for name, limit in bench.max_metrics.items():
        if name not in metrics or metrics[name] > limit:
            missed.append(
                f"{name} {metrics.get(name, float('nan')):g}, target ≤ {limit:g}"
            )
    for name, limit in bench.min_metrics.items():
        if name not in metrics or metrics[name] < limit:
            missed.append(
                f"{name} {metrics.get(name, float('nan')):g}, target ≥ {limit:g}"
            )
    return Result(
        benchmark=bench,
        module=module,
        candidate=candidate,
        baseline=baseline,
        missed=missed,
        metrics=metrics,
    )


def _missed_median(
    bench: Benchmark, candidate: Figures, baseline: Figures | None
) -> list[str]:
    missed = []
    if (
        bench.max_median_ms is not None
        and not candidate.median_ms < bench.max_median_ms
    ):
        missed.append(
            f"median {candidate.median_ms:.0f} ms, target < {bench.max_median_ms:g} ms"
        )
    if bench.max_median_ratio is not None:
        if baseline is None:
            missed.append("a ratio target needs a baseline")
        elif candidate.median_ms / baseline.median_ms > bench.max_median_ratio:
            ratio = candidate.median_ms / baseline.median_ms
            missed.append(
                f"median ratio {ratio:.2f}, target ≤ {bench.max_median_ratio:g}"
            )
    return missed


# Reporting --------------------------------------------------------------------------


def _machine() -> dict[str, Any]:
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
    }


def _figures(figures: Figures | None) -> dict[str, float] | None:
    if figures is None:
        return None
    return {
        "median_ms": round(figures.median_ms, 4),
        "p95_ms": round(figures.p95_ms, 4),
        "mean_ms": round(figures.mean_ms, 4),
        "min_ms": round(figures.min_ms, 4),
        "max_ms": round(figures.max_ms, 4),
    }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def _report(
    results: list[Result], *, rounds: int, warmup: int, only: str | None
) -> dict[str, Any]:
    return {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        "rounds": rounds,
        "warmup": warmup,
        "only": only,
        "passed": all(result.passed for result in results),
        "benchmarks": [
            {
                "name": result.benchmark.name,
                "module": result.module,
                "about": result.benchmark.about,
                "baseline_about": result.benchmark.baseline_about or None,
                "source": result.benchmark.source,
                "target": result.benchmark.target(),
                "max_p95_ms": result.benchmark.max_p95_ms,
                "max_ratio": result.benchmark.max_ratio,
                "max_median_ms": result.benchmark.max_median_ms,
                "max_median_ratio": result.benchmark.max_median_ratio,
                "rounds": result.benchmark.rounds or rounds,
                "metrics": dict(result.metrics),
                "candidate": _figures(result.candidate),
                "baseline": _figures(result.baseline),
                "ratio": {
                    "median": _rounded(result.ratio_median),
                    "p95": _rounded(result.ratio_p95),
                },
                "passed": result.passed,
                "missed": result.missed,
            }
            for result in results
        ],
    }


def _ms(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} ms"


def _times(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}×"


def _table(results: list[Result]) -> Table:
    """The console summary, narrow enough for 80 columns (all figures are in the files)."""
    table = Table(
        title="Candidate against baseline, same process",
        box=box.SIMPLE_HEAD,
        show_edge=False,
        padding=(0, 1),
        collapse_padding=True,
        pad_edge=False,
    )
    table.add_column("Benchmark", no_wrap=True)
    for header in ("Median", "p95", "Base p95", "Ratio"):  # ratio of the p95s
        table.add_column(header, justify="right", no_wrap=True)
    table.add_column("Target", no_wrap=True)
    table.add_column("Result", no_wrap=True)
    for result in results:
        table.add_row(
            result.benchmark.name,
            _ms(result.candidate.median_ms),
            _ms(result.candidate.p95_ms),
            _ms(None if result.baseline is None else result.baseline.p95_ms),
            _times(result.ratio_p95),
            result.benchmark.target(),
            "[green]pass[/green]" if result.passed else "[red]FAIL[/red]",
        )
    return table


def _markdown(results: list[Result], report: dict[str, Any]) -> str:
    machine = report["machine"]
    lines = [
        "# Benchmark results",
        "",
        f"Run {report['date']} (UTC), Python {machine['python']} "
        f"({machine['implementation']}), {machine['cpu_count']} CPUs, "
        f"{machine['platform']}. {report['rounds']} rounds per side after "
        f"{report['warmup']} warm-up calls unless a benchmark sets its own (whole-file "
        "loads: 3 rounds, median compared), candidate and baseline alternating in the "
        "same process. Written by `mixite bench`; see `docs/performance.md`.",
        "",
        "| Benchmark | Median | p95 | Baseline median | Baseline p95 | Ratio median "
        "| Ratio p95 | Target | Result |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ]
    for result in results:
        bench, base = result.benchmark, result.baseline
        lines.append(
            f"| {bench.name} | {_ms(result.candidate.median_ms)} "
            f"| {_ms(result.candidate.p95_ms)} "
            f"| {_ms(None if base is None else base.median_ms)} "
            f"| {_ms(None if base is None else base.p95_ms)} "
            f"| {_times(result.ratio_median)} | {_times(result.ratio_p95)} "
            f"| {bench.target()} ({bench.source}) "
            f"| {'pass' if result.passed else '**FAIL**'} |"
        )
    lines += ["", "## What each benchmark measures", ""]
    for result in results:
        bench = result.benchmark
        baseline = bench.baseline_about or "none (absolute figures only)"
        metrics = ", ".join(f"{k} {_figure(v)}" for k, v in result.metrics.items())
        lines.append(
            f"- **{bench.name}** (`{result.module}`): {bench.about}. Baseline: {baseline}."
            + (f" Figures: {metrics}." if metrics else "")
        )
    return "\n".join(lines) + "\n"


def _figure(value: float) -> str:
    """A metric as people read it: 2,790,035 rather than 2.79004e+06."""
    return f"{value:,.0f}" if abs(value) >= 1e5 else f"{value:g}"  # noqa: PLR2004


# The child reads its own high-water mark from /proc: ``ru_maxrss`` would not do, since
# Linux carries it over from the forking parent through exec (a large benchmark process
# would lend its size to the command measured).
_PEAK_CHILD = (
    "import sys\n"
    "from mixite.cli.main import main\n"
    "try:\n    main()\n"
    "except SystemExit as stop:\n    code = stop.code\n"
    "else:\n    code = 0\n"
    "status = dict(line.split(':', 1) for line in open('/proc/self/status'))\n"
    "print(int(status['VmHWM'].split()[0]), code, file=sys.stderr)\n"
)


def peak_memory_of(arguments: Sequence[str]) -> dict[str, float]:
    """Peak resident memory (MiB) and seconds of ``mixite ARGUMENTS`` in a fresh process.

    Raises RuntimeError when the command fails (exit code other than 0).
    """
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - this interpreter, fixed arguments
        [sys.executable, "-c", _PEAK_CHILD, *arguments],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - start
    last = done.stderr.strip().splitlines()[-1:] or ["?"]
    try:
        peak_kib, code = (int(part) for part in last[0].split())
    except ValueError:
        raise RuntimeError(f"mixite {' '.join(arguments)}: {done.stderr}") from None
    if code != 0:
        raise RuntimeError(f"mixite {' '.join(arguments)} exited with {code}")
    return {"peak_mib": round(peak_kib / 1024, 1), "seconds": round(seconds, 2)}
