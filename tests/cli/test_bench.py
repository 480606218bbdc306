"""The benchmark runner on a tiny folder of fake benchmarks: files, exit codes, order.

Behaviour only: no assertion on durations (platform.md §0.10).
"""

from __future__ import annotations

import io
import json
import sys
from typing import TYPE_CHECKING

import pytest
from rich.console import Console

from mixite.cli.bench import Benchmark, run_benchmarks

if TYPE_CHECKING:
    from pathlib import Path

FAKE = """
from mixite.cli.bench import Benchmark

CALLS: list[str] = []
TEARDOWNS: list[str] = []


def candidate() -> int:
    CALLS.append("candidate")
    return sum(range(100))


def baseline() -> int:
    CALLS.append("baseline")
    return sum(range(50))


def teardown() -> None:
    TEARDOWNS.append("done")


BENCHMARKS = [
    Benchmark(
        name="fake.sum",
        about="sum of 100 integers",
        source="tests",
        candidate=candidate,
        baseline=baseline,
        baseline_about="sum of 50 integers",
    ),
    Benchmark(
        name="fake.absolute",
        about="sum of 100 integers, no baseline",
        source="tests",
        candidate=candidate,
        max_p95_ms={max_p95_ms},
    ),
]
"""


def write_fake(folder: Path, *, max_p95_ms: str = "None", name: str = "fake") -> Path:
    path = folder / f"bench_{name}.py"
    path.write_text(FAKE.replace("{max_p95_ms}", max_p95_ms), encoding="utf-8")
    return path


def fake_module(name: str = "fake") -> object:
    return sys.modules[f"mixite_bench_bench_{name}"]


def run(folder: Path, *, only: str | None = None, rounds: int = 4) -> tuple[int, str]:
    out = io.StringIO()
    console = Console(file=out, width=200)
    code = run_benchmarks(folder, only=only, rounds=rounds, warmup=1, console=console)
    return code, out.getvalue()


def test_results_are_written_as_json_and_markdown(tmp_path: Path) -> None:
    write_fake(tmp_path)
    code, printed = run(tmp_path, rounds=5)
    assert code == 0
    report = json.loads((tmp_path / "results" / "latest.json").read_text("utf-8"))
    assert set(report) == {
        "date",
        "machine",
        "rounds",
        "warmup",
        "only",
        "passed",
        "benchmarks",
    }
    assert set(report["machine"]) >= {"python", "cpu_count", "platform"}
    assert report["rounds"] == 5
    assert report["passed"] is True
    assert [item["name"] for item in report["benchmarks"]] == [
        "fake.sum",
        "fake.absolute",
    ]
    with_baseline, absolute = report["benchmarks"]
    assert set(with_baseline["candidate"]) == {
        "median_ms",
        "p95_ms",
        "mean_ms",
        "min_ms",
        "max_ms",
    }
    assert set(with_baseline["baseline"]) == set(with_baseline["candidate"])
    assert set(with_baseline["ratio"]) == {"median", "p95"}
    assert absolute["baseline"] is None
    assert absolute["ratio"] == {"median": None, "p95": None}
    markdown = (tmp_path / "results" / "latest.md").read_text("utf-8")
    assert "| Benchmark | Median | p95 |" in markdown
    assert "| fake.sum |" in markdown
    assert "| fake.absolute |" in markdown
    assert "fake.sum" in printed
    assert "pass" in printed


def test_a_missed_target_exits_1(tmp_path: Path) -> None:
    write_fake(tmp_path, max_p95_ms="0.0")  # nothing runs in less than no time
    code, printed = run(tmp_path)
    assert code == 1
    report = json.loads((tmp_path / "results" / "latest.json").read_text("utf-8"))
    assert report["passed"] is False
    by_name = {item["name"]: item for item in report["benchmarks"]}
    assert by_name["fake.sum"]["passed"] is True  # no target: figures only
    assert by_name["fake.absolute"]["passed"] is False
    assert by_name["fake.absolute"]["target"] == "p95 < 0 ms"
    assert "**FAIL**" in (tmp_path / "results" / "latest.md").read_text("utf-8")
    assert "FAIL" in printed


def test_candidate_and_baseline_alternate_which_goes_first(tmp_path: Path) -> None:
    write_fake(tmp_path)
    run(tmp_path, only="fake.sum", rounds=4)
    calls = fake_module().CALLS  # type: ignore[attr-defined]
    warmup, measured = calls[:2], calls[2:]
    assert warmup == ["candidate", "baseline"]
    assert measured == ["candidate", "baseline", "baseline", "candidate"] * 2


def test_only_selects_by_name_and_teardown_runs_once(tmp_path: Path) -> None:
    write_fake(tmp_path)
    code, _ = run(tmp_path, only="absolute")
    assert code == 0
    report = json.loads((tmp_path / "results" / "latest.json").read_text("utf-8"))
    assert [item["name"] for item in report["benchmarks"]] == ["fake.absolute"]
    assert report["only"] == "absolute"
    assert fake_module().TEARDOWNS == ["done"]  # type: ignore[attr-defined]


def test_an_empty_folder_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _ = run(tmp_path)
    assert code == 2
    assert capsys.readouterr().err.startswith("Error: No benchmark in")
    assert not (tmp_path / "results").exists()


def test_an_unknown_only_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_fake(tmp_path)
    code, _ = run(tmp_path, only="nothing-like-this")
    assert code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "fake.sum, fake.absolute" in err


def test_a_module_without_benchmarks_is_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "bench_empty.py").write_text("VALUE = 1\n", encoding="utf-8")
    code, _ = run(tmp_path)
    assert code == 2
    assert "must define BENCHMARKS" in capsys.readouterr().err


def test_two_benchmarks_with_one_name_are_bad_input(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_fake(tmp_path, name="one")
    write_fake(tmp_path, name="two")
    code, _ = run(tmp_path)
    assert code == 2
    assert "used twice: fake.absolute, fake.sum" in capsys.readouterr().err


def test_a_percentile_needs_two_rounds(tmp_path: Path) -> None:
    write_fake(tmp_path)
    with pytest.raises(ValueError, match="at least 2"):
        run(tmp_path, rounds=1)


def test_target_text() -> None:
    both = Benchmark(
        name="x",
        about="x",
        source="x",
        candidate=int,
        baseline=int,
        max_p95_ms=200.0,
        max_ratio=1.5,
    )
    assert both.target() == "p95 < 200 ms and p95 ratio ≤ 1.5"
    assert Benchmark(name="y", about="y", source="y", candidate=int).target() == "none"
