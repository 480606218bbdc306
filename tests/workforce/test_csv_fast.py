"""The CSV reader's fast path (Polars, no quotes) against its exact parser (§3.2, §3.3)."""

from __future__ import annotations

import contextlib
import csv
import io
from typing import TYPE_CHECKING
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

import mixite.workforce.readers.csv as csv_reader
from mixite.workforce.readers import read_csv_raw
from mixite.workforce.readers.csv_fast import read_rows_fast
from tests.workforce.helpers import DATA, FakeReport

if TYPE_CHECKING:
    from collections.abc import Iterator, Sequence
    from pathlib import Path

    import polars as pl

    from mixite.workforce.readers import RawSheet

KNOWN = {"matricule", "sexe", "salaire"}


def score(cells: Sequence[str | None]) -> int:
    return sum(1 for c in cells if c and c.strip().lower() in KNOWN)


def read(
    source: bytes | Path, *, fast: bool, **options: str | int
) -> tuple[RawSheet | None, FakeReport, bool]:
    """Read with or without the fast path; whether the fast path gave the rows."""
    report = FakeReport()
    taken: list[bool] = []

    def spy(*args: object, **kwargs: object) -> tuple[pl.DataFrame, int] | None:
        result = read_rows_fast(*args, **kwargs) if fast else None  # type: ignore[arg-type]
        taken.append(result is not None)
        return result

    src = io.BytesIO(source) if isinstance(source, bytes) else source
    with mock.patch.object(csv_reader, "read_rows_fast", spy):
        raw = read_csv_raw(
            src,
            file="f.csv",
            report=report,
            header_score=score,
            **options,  # type: ignore[arg-type]
        )
    return raw, report, any(taken)


def same(source: bytes | Path, **options: str | int) -> bool:
    """Both paths agree on the sheet and the report; whether the fast path was taken."""
    fast_raw, fast_report, taken = read(source, fast=True, **options)
    exact_raw, exact_report, _ = read(source, fast=False, **options)
    assert fast_report.messages == exact_report.messages
    assert fast_report.rejected == exact_report.rejected
    assert fast_report.sources == exact_report.sources
    if exact_raw is None or fast_raw is None:
        assert exact_raw is fast_raw
    else:
        assert fast_raw.headers == exact_raw.headers
        assert fast_raw.source == exact_raw.source
        assert_frame_equal(fast_raw.frame, exact_raw.frame)
    return taken


HEAD = "Matricule;Sexe;Salaire"

FAST_FILES = {
    "plain": f"{HEAD}\nA1;F;1\nA2;H;2\n",
    "no final newline": f"{HEAD}\nA1;F;1\nA2;H;2",
    "title and blank lines": f"Export\n\n{HEAD}\nA1;F;1\n\n\nA2;H;2\n\n",
    "short, long and blank rows": (
        f"{HEAD}\nA1;F\nA2\n;;;;\n  ;\t\nA3;H;3;x\nA4;F;\n;;\nA5;;\n \u00a0\n"
    ),
    "python-only whitespace": f"{HEAD}\n\x1c;\x1f\nA1;\x1e;\x1d\n",
    "crlf": f"T\r\n\r\n{HEAD}\r\nA1;F\r\nA2;H;2;9\r\n\r\n",
    "spaces kept": f"{HEAD}\n A1 ; F ;1 000,5 \n",
    "empty after the header": f"{HEAD}\n",
    "only blank rows": f"{HEAD}\n\n;;\n",
    "header last, no newline": f"Export\n{HEAD}",
    "unicode": f"{HEAD}\nÉ1;F;€ 1\n😀;H;ß\n",
}


@pytest.mark.parametrize("text", FAST_FILES.values(), ids=FAST_FILES.keys())
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_fast_path_matches_the_exact_parser(text: str, encoding: str) -> None:
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        pytest.skip("not encodable")
    assert same(data)


@pytest.mark.parametrize(
    "name", ["cp1252.csv", "utf16.csv", "comma.csv", "bom_semicolon.csv"]
)
def test_shared_test_files(name: str) -> None:
    taken = same(DATA / name)
    assert taken == (name in {"cp1252.csv", "utf16.csv"})  # CR line ends, quotes: exact


def test_a_path_source(tmp_path: Path) -> None:
    path = tmp_path / "a.csv"
    path.write_text(FAST_FILES["short, long and blank rows"], encoding="utf-8")
    assert same(path)
    raw, report, _ = read(path, fast=True)
    assert raw is not None
    assert raw.frame.rows() == [
        ("A1", "F", None, 2),
        ("A2", None, None, 3),
        ("A4", "F", "", 7),
        ("A5", "", "", 9),
    ]
    assert [(m[0], m[2], m[3]) for m in report.messages] == [
        ("row.too_many_fields", 6, {"count": "4", "expected": "3"})
    ]


EXACT_FILES = {
    "quoted line break": f'{HEAD}\nA1;"F\nH";1\nA2;H;2\n',
    "quote in a cell": f'{HEAD}\nA1;F;"1"\n',
    "quote in the header": '"Matricule";Sexe;Salaire\nA1;F;1\n',
    "unclosed quote": f'{HEAD}\nA1;"F;1\nA2;H;2\n',
    "lone CR": f"{HEAD}\rA1;F;1\rA2;H;2\r",
    "CR inside a line": f"{HEAD}\nA1;F\r;1\n",
    "NUL": f"{HEAD}\nA1;F\x00;1\n",
}


@pytest.mark.parametrize("text", EXACT_FILES.values(), ids=EXACT_FILES.keys())
def test_the_exact_parser_when_lines_are_not_records(text: str) -> None:
    assert not same(text.encode())


def test_invalid_utf8_after_a_bom_takes_the_exact_path() -> None:
    assert not same(b"\xef\xbb\xbf" + f"{HEAD}\nA1;F;\xff\n".encode("latin-1"))


def test_forced_options() -> None:
    data = b"x|y\nSexe|Sexe|Matricule\nF|M|A1\n|\nF\n"
    assert same(data, delimiter="|", header_row=2)
    assert same(data, delimiter="|", header_row=1)
    assert same(b"Matricule\nA1\n\nA2;x\n", header_row=1, delimiter=";")
    assert same(b"\xef\xbb\xbf" + HEAD.encode() + b"\nA1;F;1\n", encoding="latin-1")
    assert not same(HEAD.encode() + b"\nA1;F;\xff\n", encoding="utf-8")
    assert not same(f"{HEAD}\nA1;F;1\n".replace(";", "§").encode(), delimiter="§")


@contextlib.contextmanager
def field_limit(limit: int) -> Iterator[None]:
    old = csv.field_size_limit(limit)
    try:
        yield
    finally:
        csv.field_size_limit(old)


def test_a_line_longer_than_the_field_limit_takes_the_exact_path() -> None:
    with field_limit(25):  # the header line has 22 characters
        assert not same(f"{HEAD}\nA1;F;{'9' * 30}\nA2;H;2\n".encode())
        assert same(f"{HEAD}\nA1;F;1\n".encode())


# Well-formed CSV text: cells from an alphabet with the delimiters, spaces, accents and
# Python-only whitespace; rows of any width (short, long, empty); LF or CRLF; an optional
# title line; quoted cells (some with line breaks) in some files, which the exact parser
# must take.
PLAIN = st.text(
    alphabet=st.sampled_from([*"aZ9 ;,|\t.-éß€\u00a0\x1c", "😀"]), max_size=6
)
QUOTED = PLAIN.map(lambda s: '"' + s.replace('"', '""') + '"') | st.just('"a\nb"')


@st.composite
def csv_texts(draw: st.DrawFn) -> tuple[str, str]:
    delim = draw(st.sampled_from([";", ",", "\t", "|"]))
    quoted = draw(st.booleans())
    cell = PLAIN.filter(lambda s: delim not in s)
    if quoted:
        cell = cell | QUOTED
    width = draw(st.integers(2, 4))
    header = delim.join(["Matricule", "Sexe", "Salaire", "Date"][:width])
    rows = draw(st.lists(st.lists(cell, max_size=width + 2), max_size=12))
    lines = [delim.join(row) for row in rows]
    title = draw(st.sampled_from([[], ["Export RH"], ["Export RH", ""]]))
    newline = draw(st.sampled_from(["\n", "\r\n"]))
    ending = draw(st.sampled_from(["", newline]))
    return newline.join([*title, header, *lines]) + ending, delim


@settings(max_examples=300, deadline=None)
@given(case=csv_texts(), encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_both_paths_agree_on_generated_csv(
    case: tuple[str, str], encoding: str
) -> None:
    text, delim = case
    taken = same(text.encode(encoding), delimiter=delim)
    if '"' in text:
        assert not taken
