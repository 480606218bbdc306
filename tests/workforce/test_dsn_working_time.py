"""Working-time changes read from DSN files (workforce spec §6.7), on the §10.3 example.

In the example the woman works 174.40 of 218.00 days (0.8, modality 42) and the man
151.67 of 151.67 hours (1.0, modality 10), in November and December 2025.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from mixite.workforce.dsn import DsnResult, read_dsn
from mixite.workforce.options import Options
from mixite.workforce.report import ReportBuilder, ValidationReport
from tests.workforce import helpers

if TYPE_CHECKING:
    from pathlib import Path

DATA = helpers.DATA / "dsn"
NOV = "dsn_2025_11.dsn"
DEC = "dsn_2025_12.dsn"
WOMAN = "0f2a3a96fe6d9e73"
MAN = "ab01ddcecfd140ac"
KIND = "working_time_change"

Career = tuple[str, date, str, str | None, str | None, bool | None]


def lines_of(name: str) -> list[str]:
    return (DATA / name).read_bytes().decode("cp1252").split("\r\n")[:-1]


def write(tmp_path: Path, name: str, lines: list[str]) -> Path:
    """Write the lines with a trailer that counts them, as a valid file would."""
    lines = [*lines[:-2], f"S90.G00.90.001,'{len(lines)}'", lines[-1]]
    path = tmp_path / name
    path.write_bytes("".join(f"{line}\r\n" for line in lines).encode("cp1252"))
    return path


def replace_in(lines: list[str], after: str, old: str, new: str) -> None:
    """Replace the first line ``old`` that comes after the line ``after``."""
    start = lines.index(after)
    lines[lines.index(old, start)] = new


def insert_after(lines: list[str], after: str, anchor: str, new: list[str]) -> None:
    """Insert ``new`` after the first line ``anchor`` that comes after ``after``."""
    at = lines.index(anchor, lines.index(after)) + 1
    lines[at:at] = new


def run(paths: list[Path]) -> tuple[DsnResult, ValidationReport]:
    report = ReportBuilder()
    result = read_dsn(paths, options=Options(), report=report)
    return result, report.build()


def changes(result: DsnResult) -> list[Career]:
    careers = result.extras["careers"].filter(kind=KIND)
    return [
        (
            r["employee_id"],
            r["date"],
            r["kind"],
            r["from_value"],
            r["to_value"],
            r["chosen"],
        )
        for r in careers.to_dicts()
    ]


WOMAN_NIR = "S21.G00.30.001,'2880600000001'"
MAN_NIR = "S21.G00.30.001,'1790300000002'"


def test_no_change_no_row() -> None:
    result, _ = run([DATA / NOV, DATA / DEC])
    assert changes(result) == []


def test_return_to_full_time_month_to_month(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    replace_in(dec, WOMAN_NIR, "S21.G00.40.013,'174.40'", "S21.G00.40.013,'218.00'")
    replace_in(dec, WOMAN_NIR, "S21.G00.40.014,'42'", "S21.G00.40.014,'10'")
    result, report = run([DATA / NOV, write(tmp_path, DEC, dec)])
    # the part time that ends was asked for: November's modality 42
    assert changes(result) == [(WOMAN, date(2025, 12, 1), KIND, "0.8", "1.0", True)]
    assert report.ok


def test_part_time_imposed_month_to_month(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    replace_in(dec, MAN_NIR, "S21.G00.40.013,'151.67'", "S21.G00.40.013,'75.84'")
    replace_in(dec, MAN_NIR, "S21.G00.40.014,'10'", "S21.G00.40.014,'20'")
    result, _ = run([DATA / NOV, write(tmp_path, DEC, dec)])
    # 75.84 / 151.67, written as the nearest double; modality 20: not asked for
    assert changes(result) == [
        (MAN, date(2025, 12, 1), KIND, "1.0", "0.5000329663084327", False)
    ]


def test_block_41_and_month_to_month_are_one_change(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    replace_in(dec, MAN_NIR, "S21.G00.40.013,'151.67'", "S21.G00.40.013,'121.34'")
    replace_in(dec, MAN_NIR, "S21.G00.40.014,'10'", "S21.G00.40.014,'41'")
    insert_after(
        dec,
        MAN_NIR,
        "S21.G00.40.071,'170'",
        [
            "S21.G00.41.001,'15122025'",
            "S21.G00.41.007,'151.67'",
            "S21.G00.41.008,'10'",
        ],
    )
    result, report = run([DATA / NOV, write(tmp_path, DEC, dec)])
    # the block's date wins; the part time that starts (41) was asked for
    assert changes(result) == [
        (MAN, date(2025, 12, 15), KIND, "1.0", "0.8000263730467462", True)
    ]
    assert report.ok


def test_block_41_alone_without_previous_modality(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    replace_in(dec, WOMAN_NIR, "S21.G00.40.013,'174.40'", "S21.G00.40.013,'218.00'")
    replace_in(dec, WOMAN_NIR, "S21.G00.40.014,'42'", "S21.G00.40.014,'10'")
    insert_after(
        dec,
        WOMAN_NIR,
        "S21.G00.40.041,'Position 2.2'",
        ["S21.G00.41.001,'08122025'", "S21.G00.41.007,'174.40'"],
    )
    result, _ = run([write(tmp_path, DEC, dec)])
    # December alone: no .41.008 and no previous month, so whether the part time that
    # ends was asked for is unknown
    assert changes(result) == [(WOMAN, date(2025, 12, 8), KIND, "0.8", "1.0", None)]
    # with November, its modality 42 answers, and the two readings are one change
    result, _ = run([DATA / NOV, write(tmp_path, DEC, dec)])
    assert changes(result) == [(WOMAN, date(2025, 12, 8), KIND, "0.8", "1.0", True)]


def test_block_41_with_its_own_reference(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    insert_after(
        dec,
        MAN_NIR,
        "S21.G00.40.071,'170'",
        [
            "S21.G00.41.001,'01122025'",
            "S21.G00.41.007,'140.00'",
            "S21.G00.41.008,'20'",
            "S21.G00.41.022,'175.00'",
        ],
    )
    result, _ = run([write(tmp_path, DEC, dec)])
    # 140.00 / 175.00 = 0.8 before, back to 1.0; the part time that ended (20) was not
    # asked for
    assert changes(result) == [(MAN, date(2025, 12, 1), KIND, "0.8", "1.0", False)]


def test_block_41_outside_the_period_is_ignored(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    insert_after(
        dec,
        MAN_NIR,
        "S21.G00.40.071,'170'",
        ["S21.G00.41.001,'01122024'", "S21.G00.41.007,'75.84'"],
    )
    result, _ = run([DATA / NOV, write(tmp_path, DEC, dec)])
    assert changes(result) == []


def test_unknown_unit_gives_no_change(tmp_path: Path) -> None:
    paths = []
    for name, worked in ((NOV, "151.67"), (DEC, "75.84")):
        lines = lines_of(name)
        replace_in(lines, MAN_NIR, "S21.G00.40.011,'10'", "S21.G00.40.011,'99'")
        replace_in(
            lines, MAN_NIR, "S21.G00.40.013,'151.67'", f"S21.G00.40.013,'{worked}'"
        )
        paths.append(write(tmp_path, name, lines))
    result, report = run(paths)
    assert changes(result) == []
    assert [m.key for m in report.messages if m.key == "dsn.fte_unknown_unit"]


def test_bad_old_quotite_is_reported_and_ignored(tmp_path: Path) -> None:
    dec = lines_of(DEC)
    insert_after(
        dec,
        MAN_NIR,
        "S21.G00.40.071,'170'",
        ["S21.G00.41.001,'01122025'", "S21.G00.41.007,'140,00'"],
    )
    result, report = run([DATA / NOV, write(tmp_path, DEC, dec)])
    (bad,) = [m for m in report.messages if m.key == "dsn.bad_value"]
    # line 72: the man's .40.071 is line 70, then .41.001 and .41.007
    assert (bad.severity, bad.rubric, bad.row) == ("error", "S21.G00.41.007", 72)
    assert changes(result) == []
