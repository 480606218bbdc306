"""``mixite synth`` (workforce.md §7.1, §10.5 S7): exit 0 and a file, or exit 2 in one line."""

from __future__ import annotations

import hashlib
from typing import TYPE_CHECKING

import pyarrow.parquet as pq
import pytest
import typer
from typer.testing import CliRunner

from mixite.cli.synth import synth_command

if TYPE_CHECKING:
    from pathlib import Path

app = typer.Typer(pretty_exceptions_enable=False, add_completion=False)
app.command("synth")(synth_command)


@app.callback()
def root() -> None:
    """A group, as in ``mixite.cli.main``, so that ``synth`` is a subcommand."""


def run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(app, ["synth", *args])
    return result.exit_code, result.output


def usage_error(*args: str) -> str:
    """The message ``mixite.cli.main`` prints (non-standalone mode, as main() runs)."""
    with pytest.raises(typer.BadParameter) as raised:
        app(["synth", *args], standalone_mode=False)
    assert raised.value.exit_code == 2
    return raised.value.format_message()


def test_writes_parquet_and_exits_0(tmp_path: Path) -> None:
    out = tmp_path / "s.parquet"
    code, output = run("--rows", "1000", "--seed", "7", "--out", str(out))
    assert code == 0, output
    assert f"Wrote 1,000 rows to {out}" in output
    assert pq.ParquetFile(out).metadata.num_rows == 1000


def test_french_csv_by_default_and_all_options(tmp_path: Path) -> None:
    out = tmp_path / "s.csv"
    options = ["--pay-gap", "0.1", "--raise-gap", "0", "--promotion-gap", "0.01"]
    code, output = run(
        "--rows", "50", "--seed", "1", *options, "--years", "2", "--period", "2024",
        "--out", str(out),
    )  # fmt: skip
    assert code == 0, output
    raw = out.read_bytes()
    assert raw.startswith("\ufeffMatricule;Sexe;Année;".encode())
    assert raw.count(b"\n") == 101  # header and 2 × 50 rows
    assert b";2023;" in raw
    assert b";2024;" in raw


def test_same_seed_same_file_through_the_cli(tmp_path: Path) -> None:
    digests = []
    for name in ("a", "b"):
        out = tmp_path / f"{name}.csv"
        code, _ = run("--rows", "300", "--seed", "3", "--style", "canonical", "--no-effects",
                      "--out", str(out))  # fmt: skip
        assert code == 0
        digests.append(hashlib.sha256(out.read_bytes()).hexdigest())
    assert digests[0] == digests[1]
    assert (tmp_path / "a.csv").read_text().startswith("employee_id,sex,period,")


def test_xlsx_output(tmp_path: Path) -> None:
    out = tmp_path / "s.xlsx"
    code, output = run("--rows", "20", "--seed", "1", "--out", str(out))
    assert code == 0, output
    assert out.read_bytes().startswith(b"PK")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--rows", "-5", "--seed", "1"], "--rows must be 1 to 100,000,000"),
        (["--rows", "0", "--seed", "1"], "--rows must be"),
        (["--rows", "10", "--seed", "-1"], "--seed must be"),
        (
            ["--rows", "10", "--seed", "1", "--pay-gap", "0.7"],
            "--pay-gap must be 0 to 0.5",
        ),
        (["--rows", "10", "--seed", "1", "--years", "11"], "--years must be 1 to 10"),
        (["--rows", "10", "--seed", "1", "--style", "en"], "use fr or canonical"),
        (["--rows", "10", "--seed", "1", "--out", "x.json"], "unknown extension"),
        (
            ["--rows", "2000000", "--seed", "1", "--out", "x.xlsx"],  # §10.5 S7
            "XLSX holds at most 1,048,575 data rows",
        ),
        (
            ["--rows", "10", "--seed", "1", "--out", "/nonexistent/x.csv"],
            "does not exist",
        ),
    ],
)
def test_bad_arguments_exit_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], words: str
) -> None:
    monkeypatch.chdir(tmp_path)
    code, output = run(*args)
    assert code == 2
    assert "Traceback" not in output
    message = usage_error(*args)
    assert words in message
    assert "\n" not in message
    assert list(tmp_path.iterdir()) == []  # nothing written


def test_missing_required_options_exit_2() -> None:
    code, output = run("--rows", "10")
    assert code == 2
    assert "--seed" in output
