"""The DSN generator: valid files the public loader reads, with the counts put in them."""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl
import pytest

import mixite
from mixite.workforce.dsn.synth import write_dsn_year

if TYPE_CHECKING:
    from pathlib import Path

N_EMPLOYEES = 300


@pytest.fixture(scope="module")
def year(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("dsn-year")
    write_dsn_year(folder, n_employees=N_EMPLOYEES, seed=11)
    return folder


def test_a_generated_year_loads_with_the_counts_put_in(tmp_path: Path) -> None:
    truth = write_dsn_year(tmp_path, n_employees=N_EMPLOYEES, seed=11)
    workforce = mixite.load(tmp_path)
    report = workforce.report
    assert report.counts["fatal"] == report.counts["error"] == 0
    # no warning but those a generated year is bound to have
    assert set(report.counts_by_key) <= {
        "dsn.weak_pseudonym_key",
        "dsn.maternity_raise_unknown",
        "value.zero_pay",
    }
    assert sum(source.lines or 0 for source in report.sources) == truth.n_lines
    rows = workforce.to_polars()
    careers = pl.from_arrow(workforce.extras["careers"].to_pyarrow())
    assert isinstance(careers, pl.DataFrame)
    changes = careers.filter(kind="working_time_change")
    found = {
        "n_employees": rows.height,
        "n_women": rows.filter(sex="F").height,
        "n_men": rows.filter(sex="M").height,
        "n_hires": rows["hired"].sum(),
        "n_exits": rows["exit_date"].is_not_null().sum(),
        "n_maternity_returns": rows["maternity_return"].sum(),
        "n_working_time_changes": changes.height,
        "n_chosen_changes": changes["chosen"].sum(),
        "n_promotions": rows["promoted"].sum(),
        "n_work_accidents": rows["work_accidents"].sum(),
    }
    assert found == {name: getattr(truth, name) for name in found}
    # seed 11 puts at least one of each event in, so each count above is tested
    assert all(count > 0 for count in found.values())
    assert truth.n_employees == N_EMPLOYEES


def test_same_seed_same_bytes(year: Path, tmp_path: Path) -> None:
    again = write_dsn_year(tmp_path, n_employees=N_EMPLOYEES, seed=11)
    assert [p.name for p in again.files] == [
        f"dsn_2025_{m:02d}.dsn" for m in range(1, 13)
    ]
    for path in again.files:
        assert path.read_bytes() == (year / path.name).read_bytes()
    other = write_dsn_year(tmp_path / "other", n_employees=N_EMPLOYEES, seed=12)
    assert other.files[0].read_bytes() != again.files[0].read_bytes()


def test_files_are_cp1252_crlf_with_a_true_trailer(year: Path) -> None:
    raw = (year / "dsn_2025_06.dsn").read_bytes()
    text = raw.decode("cp1252")
    lines = text.split("\r\n")[:-1]
    assert "\n" not in "".join(lines)
    assert lines[0] == "S10.G00.00.001,'MIXITE-SYNTH'"
    assert "S10.G00.00.006,'P25V01'" in lines
    assert lines[-2] == f"S90.G00.90.001,'{len(lines)}'"
    assert "S20.G00.05.005,'01062025'" in lines
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")  # accented job titles, in the norm's 8-bit encoding


def test_fewer_months_are_the_last_ones_of_the_year(tmp_path: Path) -> None:
    truth = write_dsn_year(tmp_path, n_employees=50, seed=3, year=2024, n_months=2)
    assert [p.name for p in truth.files] == ["dsn_2024_11.dsn", "dsn_2024_12.dsn"]
    workforce = mixite.load(tmp_path)
    assert workforce.to_polars().height == truth.n_employees == 50
    assert workforce.report.counts_by_key["dsn.months_missing"] == 1


@pytest.mark.parametrize(("n_employees", "n_months"), [(0, 12), (10, 0), (10, 13)])
def test_invalid_sizes_are_refused(
    tmp_path: Path, n_employees: int, n_months: int
) -> None:
    with pytest.raises(ValueError, match="n_employees"):
        write_dsn_year(tmp_path, n_employees=n_employees, seed=1, n_months=n_months)
