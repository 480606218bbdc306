"""The speed-ups give the same table and the same report as the general steps (§3.5, §8).

Each fast path is switched off (or forced on) and the outcome compared, on generated files
with bad cells mixed in and on hypothesis-drawn cells.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal, assert_series_equal

from mixite.workforce import cells, cells_dates, synth
from mixite.workforce.load import load
from mixite.workforce.readers import csv_fast

if TYPE_CHECKING:
    from pathlib import Path

    from mixite.workforce.load import Workforce
    from mixite.workforce.report import JsonValue

MESSY_LINES = {
    "fr": [
        ";;;;",  # blank row (only delimiters)
        "E9999991;F;2025;31/02/1980;cadre",  # short row, impossible date
        "E9999992;X;2025;01/01/1980;cadre;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;;",
        "E9999993;H;2025;1980-01-01;??;N3;Vendeur;N3;Site 1;CDI;;;;12;abc;-5",
        "  ;  ;  ",
    ],
    "canonical": [
        ",,,,",
        "E9999991,F,2025,1980-02-31,ic",
        "E9999993,M,2025,1980-01-01,zz,N3,Seller,N3,Site 1,permanent,,,12,1,x,1.234",
        "E0000001,M,2025,1982-01-11,ic",  # a duplicated key
    ],
}


def _file(tmp_path: Path, style: synth.Style) -> Path:
    path = tmp_path / f"{style}.csv"
    synth.write(path, 1_500, 11, style=style)
    with path.open("a", encoding="utf-8", newline="") as handle:
        handle.write("\n".join(MESSY_LINES[style]) + "\n")
    return path


def _outcome(path: Path) -> tuple[pl.DataFrame, dict[str, JsonValue]]:
    workforce: Workforce = load(path)
    report = workforce.report.to_dict()
    report.pop("sources")  # the same file: only its read options could differ
    return workforce.to_polars(), report


@pytest.mark.parametrize("style", ["fr", "canonical"])
def test_categorical_columns_change_nothing(
    tmp_path: Path, style: synth.Style, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _file(tmp_path, style)
    delim = ";" if style == "fr" else ","
    assert csv_fast._line_ends(csv_fast._bytes_of(path), delim) is not None  # fast path
    monkeypatch.setattr(csv_fast, "CATEGORICAL_SAMPLE", 10**9)  # every column text
    text_table, text_report = _outcome(path)
    monkeypatch.setattr(csv_fast, "CATEGORICAL_SAMPLE", 50)
    monkeypatch.setattr(csv_fast, "CATEGORICAL_REPEATS", 0)  # every column Categorical
    cat_table, cat_report = _outcome(path)
    assert_frame_equal(cat_table, text_table)
    assert cat_report == text_report
    assert not text_report["ok"]  # the messy rows gave errors


def test_large_files_read_repetitive_columns_as_categorical(tmp_path: Path) -> None:
    path = tmp_path / "big.csv"
    synth.write(path, csv_fast.CATEGORICAL_SAMPLE + 10, 3, style="canonical")
    frame = csv_fast._parse(path, delim=",", header_number=1, width=35)
    assert frame is not None
    assert isinstance(frame.schema["c1"], pl.Categorical)  # sex
    assert frame.schema["c0"] == pl.String  # employee ids never repeat


def _numbers(s: pl.Series, *, decimal: str | None, delimiter: str | None) -> object:
    outcome = cells.parse_numbers(
        s,
        column="base_pay",
        allow_percent=False,
        decimal=decimal,
        csv_delimiter=delimiter,
    )
    return outcome


plain_numbers = st.lists(
    st.one_of(
        st.from_regex(r"\A[0-9]{1,6}([.,][0-9]{1,4})?\Z"),
        st.sampled_from(["", "1.234", "12,345", "0.500", "0,5", "007", "1" * 400]),
        st.none(),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(
    plain_numbers,
    st.sampled_from([None, ".", ","]),
    st.sampled_from([None, ",", ";"]),
)
def test_plain_numbers_read_by_one_cast_as_by_the_steps(  # either mark
    texts: list[str | None], decimal: str | None, delimiter: str | None
) -> None:
    s = pl.Series("c", texts, dtype=pl.String)
    fast = _numbers(s, decimal=decimal, delimiter=delimiter)
    original = cells._plain_numbers
    try:
        cells._plain_numbers = lambda *_a, **_k: None
        slow = _numbers(s, decimal=decimal, delimiter=delimiter)
    finally:
        cells._plain_numbers = original
    assert isinstance(fast, cells.ParseOutcome)
    assert isinstance(slow, cells.ParseOutcome)
    assert_series_equal(fast.values, slow.values, check_names=False)
    assert_series_equal(fast.invalid, slow.invalid, check_names=False)
    assert fast.decimal_used == slow.decimal_used


iso_like = st.lists(
    st.one_of(
        st.from_regex(r"\A(1[89]|20|21)[0-9]{2}-[01][0-9]-[0-3][0-9]\Z"),
        st.sampled_from(["", "2024-02-29", "2023-02-29", "1899-12-31", "2101-01-01"]),
        st.none(),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(iso_like)
def test_iso_dates_read_by_one_conversion_as_by_the_steps(
    texts: list[str | None],
) -> None:
    s = pl.Series("d", texts, dtype=pl.String)
    fast = cells_dates.parse_dates(s)
    slow = cells_dates._text_dates(s, "dmy")
    for got, expected in zip(fast, slow, strict=True):
        assert_series_equal(got, expected, check_names=False)


def test_the_iso_path_is_taken_only_for_clean_columns() -> None:
    assert cells_dates._iso_dates(pl.Series(["2024-01-31", "", None])) is not None
    for bad in ("2024-02-30", "1899-12-31", "31/01/2024", " 2024-01-31"):
        assert cells_dates._iso_dates(pl.Series(["2024-01-31", bad])) is None


untidy_text = st.lists(
    st.one_of(
        st.lists(
            st.sampled_from(
                ["a", "B", " ", "\t", "\n", "\u00a0", "\u202f", "e\u0301", "é", "\x0b"]
            ),
            max_size=6,
        ).map("".join),
        st.none(),
    ),
    max_size=30,
)


@settings(max_examples=200, deadline=None)
@given(untidy_text)
def test_text_rewrites_only_the_untidy_cells_and_matches_the_rule(
    texts: list[str | None],
) -> None:
    import re  # noqa: PLC0415
    import unicodedata  # noqa: PLC0415

    def rule(text: str | None) -> str | None:  # §3.5 Text, written out
        if text is None:
            return None
        tidy = re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip(" ")
        return tidy or None

    s = pl.Series("t", texts, dtype=pl.String)
    assert cells.parse_text(s).to_list() == [rule(t) for t in texts]


def test_columns_parsed_side_by_side_give_the_same_report_every_time(
    tmp_path: Path,
) -> None:
    """Bad cells in many columns, more than the 1,000 messages kept: same report."""
    path = tmp_path / "bad.csv"
    lines = ["matricule;sexe;date de naissance;salaire de base;cadre;csp;temps partiel"]
    lines += [
        f"E{i};F;31/02/19{i % 90:02d};abc{i};peut-être;chef;x" for i in range(800)
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    reports = [load_report(path) for _ in range(3)]
    assert reports[0]["truncated"]
    assert reports[0] == reports[1] == reports[2]


def load_report(path: Path) -> dict[str, JsonValue]:
    from mixite.workforce.load import validate  # noqa: PLC0415

    return validate(path).to_dict()
