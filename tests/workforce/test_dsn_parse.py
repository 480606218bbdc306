"""The DSN parser's two paths agree: one scan for well-formed files, line by line else."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mixite.workforce.dsn import _first_line, read_dsn
from mixite.workforce.dsn.parse import Block, parse_file
from mixite.workforce.dsn.synth import write_dsn_year
from mixite.workforce.dsn.values import check_values, to_cents, to_quantity
from mixite.workforce.options import Options
from mixite.workforce.report import ReportBuilder
from tests.workforce import helpers

if TYPE_CHECKING:
    from pathlib import Path

    import polars as pl

DATA = helpers.DATA / "dsn"


def tree(block: Block) -> tuple[object, ...]:
    """A block and its descendants as plain values, every rubric with its line."""
    rubrics = tuple((n, v, block.line_of(n)) for n, v in block.values.items())
    return (block.name, block.line, rubrics, tuple(tree(c) for c in block.children))


def parse(raw: bytes) -> tuple[object, ...]:
    parsed = parse_file(raw, file="f.dsn", report=ReportBuilder())
    assert parsed.root is not None
    return (parsed.n_lines, parsed.norm, tree(parsed.root))


@pytest.mark.parametrize("name", ["dsn_2025_11.dsn", "dsn_2025_12.dsn"])
def test_blank_last_line_reads_like_none(name: str) -> None:
    raw = (DATA / name).read_bytes()
    assert parse(raw + b"\r\n") == parse(raw)  # the second goes line by line


def test_lines_are_kept_on_both_paths() -> None:
    raw = (DATA / "dsn_2025_12.dsn").read_bytes()
    fast = parse_file(raw, file="f.dsn", report=ReportBuilder()).root
    slow = parse_file(b"\r\n" + raw, file="f.dsn", report=ReportBuilder()).root
    assert fast is not None
    assert slow is not None
    fast_person = next(b for b in fast.walk() if b.name == "S21.G00.30")
    slow_person = next(b for b in slow.walk() if b.name == "S21.G00.30")
    assert fast_person.lines is None  # consecutive: no line stored per rubric
    assert (fast_person.line, fast_person.line_of("006")) == (15, 17)
    assert (slow_person.line, slow_person.line_of("006")) == (16, 18)
    assert fast_person.line_of("999") == 15  # a missing rubric: the block's line


def test_dropping_a_bad_value_keeps_the_other_lines() -> None:
    raw = (DATA / "dsn_2025_11.dsn").read_bytes()
    raw = raw.replace(b"S21.G00.40.012,'218.00'", b"S21.G00.40.012,'218,00'")
    report = ReportBuilder()
    parsed = parse_file(raw, file="f.dsn", report=report)
    assert parsed.root is not None
    check_values(parsed.root, file="f.dsn", report=report)
    contract = next(b for b in parsed.root.walk() if b.name == "S21.G00.40")
    assert contract.get("012") is None
    assert (contract.line_of("011"), contract.line_of("013")) == (26, 28)
    (bad,) = report.build().messages
    assert (bad.key, bad.row, bad.rubric) == ("dsn.bad_value", 27, "S21.G00.40.012")


def test_walk_is_preorder() -> None:
    parsed = parse_file(
        (DATA / "dsn_2025_11.dsn").read_bytes(), file="f", report=ReportBuilder()
    )
    assert parsed.root is not None
    lines = [block.line for block in parsed.root.walk()]
    assert lines == sorted(lines)


def test_a_generated_year_reads_the_same_on_both_paths(tmp_path: Path) -> None:
    write_dsn_year(tmp_path / "fast", n_employees=60, seed=5, n_months=3)
    (tmp_path / "slow").mkdir()
    for path in sorted((tmp_path / "fast").iterdir()):
        (tmp_path / "slow" / path.name).write_bytes(path.read_bytes() + b"   \r\n")

    def frame(folder: Path) -> pl.DataFrame:
        result = read_dsn(folder, options=Options(), report=ReportBuilder())
        assert result.frame is not None
        return result.frame

    assert frame(tmp_path / "fast").equals(frame(tmp_path / "slow"))


@given(raw=st.binary(max_size=40))
def test_first_line_is_the_first_non_blank_of_splitlines(raw: bytes) -> None:
    expected = next((line for line in raw.splitlines() if line.strip()), b"")
    assert _first_line(raw) == expected


@pytest.mark.parametrize(
    ("text", "cents"),
    [("12", 1200), ("12.5", 1250), ("-0.05", -5), ("-3000.00", -300000), ("1,5", None)],
)
def test_amounts_in_cents(text: str, cents: int | None) -> None:
    assert to_cents(text) == cents
    quantity = to_quantity(text)
    assert (None if quantity is None else quantity * 100) == cents
