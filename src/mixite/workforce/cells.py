"""Cell parsing: text, identifiers, numbers, dates, booleans, codes (workforce spec §3.5).

Every parser takes a whole column (a Polars Series) and returns whole columns: values, and
boolean masks saying which cells were invalid. Nothing loops over rows in Python; booleans
and codes loop over the column's *distinct* values, then map the column in one step.
:func:`parse_frame` applies them to a raw sheet per canonical column and reports each bad
cell through :meth:`ReportBuilder.add_many`. Text columns whose cells repeat (codes, dates,
grid amounts) are parsed once per distinct cell (``cells_common.by_distinct``). Dates live
in ``cells_dates``.
"""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any, Final, NamedTuple, cast

import polars as pl

from mixite.workforce import schema
from mixite.workforce.cells_common import as_text, by_distinct, falses, patch, stripped
from mixite.workforce.cells_dates import (
    DATE_RANGE,
    DateOutcome,
    excel_serial_to_date,
    parse_dates,
    serial_outcome,
)
from mixite.workforce.normalise import has_percent, normalise

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from mixite.workforce.mapping import ColumnMapping
    from mixite.workforce.options import Options
    from mixite.workforce.report import ReportBuilder

__all__ = [
    "DATE_RANGE",
    "BoolOutcome",
    "CodeOutcome",
    "DateOutcome",
    "IdOutcome",
    "ParseOutcome",
    "excel_serial_to_date",
    "fte_percent_scale",
    "parse_booleans",
    "parse_codes",
    "parse_dates",
    "parse_frame",
    "parse_ids",
    "parse_numbers",
    "parse_text",
]

# --- text and identifiers -----------------------------------------------------------------

# Rust's \s is Unicode White_Space: it covers U+00A0, U+202F and U+2009 as well.
_WHITESPACE_RUN: Final = r"\s+"
# Cells the Text rule may change: non-ASCII (NFC), whitespace to trim, collapse or replace.
_UNTIDY: Final = r"[^\x00-\x7f]|^\s|\s$|\s\s|[^\S ]"
# Excel's display of a long number: one digit, a decimal part, "E+" and the exponent.
_ID_SCIENTIFIC: Final = r"^[0-9](?:[.,][0-9]+)?[eE]\+[0-9]{2,}$"


class IdOutcome(NamedTuple):
    values: pl.Series  # Utf8
    scientific: pl.Series  # bool: `value.id_scientific` (warning, value kept)


def _text_expr(e: pl.Expr) -> pl.Expr:
    cleaned = e.str.replace_all(_WHITESPACE_RUN, " ").str.strip_chars(" ")
    return pl.when(cleaned == "").then(None).otherwise(cleaned)


def parse_text(s: pl.Series) -> pl.Series:
    """NFC, trimmed, whitespace runs (U+00A0, U+202F included) as one space; empty → null."""
    distinct = by_distinct(s)
    if distinct is not None:
        return _parse_text(distinct.cells).gather(distinct.at).alias(s.name)
    return _parse_text(s)


def _parse_text(s: pl.Series) -> pl.Series:
    text = as_text(s)
    # Most cells are ASCII with single inner spaces: only the others are rewritten.
    untidy = text.str.contains(_UNTIDY).fill_null(value=False).arg_true()
    tidied = text.gather(untidy).str.normalize("NFC")
    text = patch(text, untidy, pl.select(_text_expr(pl.lit(tidied))).to_series())
    return (
        pl.select(pl.when(pl.lit(text) != "").then(pl.lit(text)))
        .to_series()
        .alias(s.name)
    )


def parse_ids(s: pl.Series) -> IdOutcome:
    """Identifiers are text (``00123`` stays); Excel-scientific ones are flagged (§3.5)."""
    values = parse_text(s)
    scientific = values.str.contains(_ID_SCIENTIFIC).fill_null(value=False)
    return IdOutcome(values, scientific.alias(s.name))


# --- numbers ------------------------------------------------------------------------------

_GROUP_DIGITS: Final = 3
_D: Final = "[0-9]"  # \d would also accept other scripts' digits
_GROUP_SEPARATORS: Final = "[ \u00a0\u202f\u2009'’]"  # step 4
_GROUPED: Final = rf"^{_D}{{1,3}}(?:{_GROUP_SEPARATORS}{_D}{{3}})+(?:[.,]{_D}+)?$"
_CURRENCY: Final = r"(?i)^(?:€|eur)\s*|\s*(?:€|eur)$"  # step 2
_INTEGER: Final = rf"^{_D}+$"
_ONE_MARK: Final = rf"^{_D}+[.,]{_D}+$"
# One mark, three digits after it, one to three before (not starting with 0): the only
# shape a thousands separator can take, so the only one the column's mark decides (step 5).
_AMBIGUOUS: Final = rf"^[1-9]{_D}{{0,2}}[.,]{_D}{{3}}$"
_DOTS_COMMA: Final = rf"^{_D}{{1,3}}(?:\.{_D}{{3}})+,{_D}+$"
_COMMAS_DOT: Final = rf"^{_D}{{1,3}}(?:,{_D}{{3}})+\.{_D}+$"
_GROUPED_INTEGER: Final = (
    rf"^{_D}{{1,3}}(?:\.{_D}{{3}}){{2,}}$|^{_D}{{1,3}}(?:,{_D}{{3}}){{2,}}$"
)
_LEADING_MARK: Final = rf"^[.,]{_D}+$"
_SCIENTIFIC: Final = rf"^{_D}+(?:[.,]{_D}+)?[eE][+-]?{_D}+$"


class ParseOutcome(NamedTuple):
    values: pl.Series  # Float64, null for empty and invalid cells
    invalid: pl.Series  # bool: `value.number_invalid`
    percent_cells: pl.Series  # bool: written with a trailing % (already divided by 100)
    decimal_used: str  # the column's decimal mark (step 6)


def _number_steps_1_to_4(text: pl.Series, *, allow_percent: bool) -> pl.DataFrame:
    """Sign, currency, percent and group separators removed; ``bad`` marks early failures."""
    t = pl.col("t")
    steps: list[dict[str, pl.Expr]] = [
        {"t": t.str.strip_chars()},
        {"paren": t.str.contains(r"^\(.*\)$")},
        {
            "t": pl.when("paren")
            .then(t.str.slice(1, t.str.len_chars() - 2))
            .otherwise(t)
        },
        {"t": t.str.strip_chars().str.replace_all(_CURRENCY, "")},
        {"sign": t.str.extract(r"^([-−+])", 1)},
        {"t": t.str.replace(r"^[-−+]\s*", "").str.replace_all(_CURRENCY, "")},
        {"pct": t.str.contains(r"%$")},
        {"t": t.str.replace(r"\s*%$", "")},
        {"grouped": t.str.contains(_GROUP_SEPARATORS)},
        {
            "bad": (pl.col("paren") & pl.col("sign").is_not_null())
            | (pl.col("pct") & pl.lit(not allow_percent))
            | (pl.col("grouped") & ~t.str.contains(_GROUPED)),
            "negative": (pl.col("paren") | pl.col("sign").is_in(["-", "−"])).fill_null(
                value=False
            ),
            "t": t.str.replace_all(_GROUP_SEPARATORS, ""),
        },
    ]
    frame = pl.DataFrame({"t": text})
    for step in steps:
        frame = frame.with_columns(**step)
    return frame


def _number_marks(frame: pl.DataFrame) -> pl.DataFrame:
    """Step 5's shape of each cell and the decimal mark it shows unambiguously, if any."""
    t = pl.col("t")
    mark = t.str.extract(r"([.,])", 1)
    ambiguous = t.str.contains(_AMBIGUOUS) & ~pl.col("grouped")
    shape = (
        pl.when(pl.col("bad"))
        .then(pl.lit(None))
        .when(t.str.contains(_INTEGER))
        .then(pl.lit("int"))
        .when(t.str.contains(_ONE_MARK) & ambiguous)
        .then(pl.lit("ambiguous"))
        .when(t.str.contains(_ONE_MARK))
        .then(pl.lit("decimal"))
        .when(t.str.contains(_DOTS_COMMA) | t.str.contains(_COMMAS_DOT))
        .then(pl.lit("mixed"))
        .when(t.str.contains(_GROUPED_INTEGER))
        .then(pl.lit("grouped_int"))
        .when(t.str.contains(_LEADING_MARK))
        .then(pl.lit("leading"))
        .when(t.str.contains(_SCIENTIFIC))
        .then(pl.lit("scientific"))
    )
    decided = (
        pl.when(pl.col("shape").is_in(["decimal", "leading", "scientific"]))
        .then(mark)
        .when(pl.col("shape") == "mixed")
        .then(t.str.extract(r"([.,])[0-9]+$", 1))
    )
    return frame.with_columns(shape=shape).with_columns(vote=decided)


def _column_mark(
    votes: pl.Series,
    weights: pl.Series,
    *,
    decimal: str | None,
    csv_delimiter: str | None,
) -> str:
    """Step 6: forced, else the majority of unambiguous cells, else comma (dot in ``,`` CSV).

    ``weights``: how many cells each vote stands for.
    """
    if decimal is not None:
        return decimal
    n_comma = int(weights.filter(votes == ",").sum())
    n_dot = int(weights.filter(votes == ".").sum())
    if n_comma != n_dot:
        return "," if n_comma > n_dot else "."
    return "." if csv_delimiter == "," else ","


def _plain_number(frame: pl.DataFrame, column_mark: str) -> pl.Series:
    """The cell rewritten as ``-123.45`` (or ``1.5e3``), read as the nearest float64."""
    t, shape = pl.col("t"), pl.col("shape")
    other = "." if column_mark == "," else ","
    plain = (
        pl.when(shape == "int")
        .then(t)
        .when(shape == "ambiguous")
        .then(
            t.str.replace(other, "", literal=True).str.replace(",", ".", literal=True)
        )
        .when(shape.is_in(["decimal", "scientific"]))
        .then(t.str.replace(",", ".", literal=True))
        .when(shape == "leading")
        .then(pl.lit("0.") + t.str.slice(1))
        .when(shape == "mixed")
        .then(t.str.replace(r"[.,]([0-9]+)$", "d$1").str.replace_all(r"[.,]", ""))
        .when(shape == "grouped_int")
        .then(t.str.replace_all(r"[.,]", ""))
    ).str.replace("d", ".", literal=True)
    # A percent moves the decimal point (exact); scientific ones are divided afterwards.
    exponent = pl.when(pl.col("pct") & (shape != "scientific")).then(pl.lit("e-2"))
    signed = pl.when(pl.col("negative")).then(pl.lit("-")).otherwise(pl.lit(""))
    number = pl.concat_str(signed, plain, exponent.fill_null("")).cast(
        pl.Float64, strict=False
    )
    divided = pl.when(pl.col("pct") & (shape == "scientific")).then(number / 100)
    return frame.select(divided.otherwise(number)).to_series()


# The fast path: digits with at most one mark, or digits in groups of three (step 4).
_SIMPLE_NUMBER: Final = rf"^{_D}+(?:[.,]{_D}+)?$|{_GROUPED}"


def _simple_numbers(text: pl.Series) -> pl.DataFrame:
    """Steps 4–5 for plain or grouped cells with cheap string operations.

    After group separators, the mark is the decimal one: ``[.,]\\d+`` ends the pattern.
    """
    grouped = text.str.contains(_GROUP_SEPARATORS).fill_null(value=False)
    at_grouped = grouped.arg_true()
    text = patch(
        text, at_grouped, text.gather(at_grouped).str.replace_all(_GROUP_SEPARATORS, "")
    )
    t = pl.col("t")
    comma, dot = t.str.find(",", literal=True), t.str.find(".", literal=True)
    at = pl.coalesce(comma, dot)
    ambiguous = (
        (t.str.len_chars() - at == _GROUP_DIGITS + 1)
        & at.is_between(1, 3)
        & ~t.str.starts_with("0")
        & ~pl.col("grouped")
    )
    return (
        pl.DataFrame({"t": text, "grouped": grouped})
        .with_columns(
            mark=pl.when(comma.is_not_null())
            .then(pl.lit(","))
            .when(dot.is_not_null())
            .then(pl.lit("."))
        )
        .with_columns(ambiguous=ambiguous.fill_null(value=False))
        .with_columns(vote=pl.when(~pl.col("ambiguous")).then("mark"))
    )


def _simple_values(frame: pl.DataFrame, column_mark: str) -> pl.Series:
    t = pl.col("t")
    other = "." if column_mark == "," else ","
    thousands = pl.col("ambiguous") & (pl.col("mark") == other)
    plain = (
        pl.when(thousands)
        .then(t.str.replace(other, "", literal=True))
        .otherwise(t.str.replace(",", ".", literal=True))
    )
    return frame.select(plain.cast(pl.Float64, strict=False)).to_series()


def parse_numbers(
    s: pl.Series,
    *,
    column: str,
    allow_percent: bool,
    decimal: str | None,
    csv_delimiter: str | None,
) -> ParseOutcome:
    """Numbers of one column (§3.5, steps 1–6); typed numeric columns are taken as they are.

    Plain cells (digits and at most one mark) take a fast path; the others (signs,
    currency, groups, percents, junk) go through every step, then both are put together.
    """
    if s.dtype.is_numeric():
        typed = s.cast(pl.Float64)
        bad = typed.is_not_null() & ~typed.is_finite()
        kept = pl.select(pl.when(pl.lit(bad)).then(None).otherwise(pl.lit(typed)))
        mark = decimal or ("." if csv_delimiter == "," else ",")
        return ParseOutcome(
            kept.to_series().alias(column), bad.alias(column), falses(s.len()), mark
        )
    plain = _plain_numbers(s, column, decimal=decimal, csv_delimiter=csv_delimiter)
    if plain is not None:
        return plain
    marks = {"decimal": decimal, "csv_delimiter": csv_delimiter}
    distinct = by_distinct(s)
    if distinct is None:
        weights = pl.repeat(1, s.len(), dtype=pl.UInt32, eager=True)
        return _text_numbers(s, weights, column, allow_percent=allow_percent, **marks)
    once = _text_numbers(
        distinct.cells, distinct.counts, column, allow_percent=allow_percent, **marks
    )
    values, invalid, percent = (x.gather(distinct.at) for x in once[:3])
    return ParseOutcome(values, invalid, percent, once.decimal_used)


# Digits with at most one mark and decimals, or an empty cell: how most files write numbers.
_PLAIN: Final = {mark: rf"^(?:{_D}+(?:\{mark}{_D}+)?)?$" for mark in ".,"}
_AMBIGUOUS_MARK: Final = {mark: rf"^[1-9]{_D}{{0,2}}\{mark}{_D}{{3}}$" for mark in ".,"}


def _plain_numbers(
    s: pl.Series, column: str, *, decimal: str | None, csv_delimiter: str | None
) -> ParseOutcome | None:
    """A column of plain cells with one kind of mark, read by one cast; else None.

    The cast is exact when that mark is the column's decimal mark (step 6): forced, or
    voted by a cell where it cannot be a thousands separator, or the tie-break (the dot
    in a comma-delimited CSV, else the comma). Any other column takes the full steps.
    """
    if s.dtype != pl.String:
        return None
    for mark in ".,":
        if decimal not in (None, mark) or not s.str.contains(_PLAIN[mark]).all():
            continue
        tie = "." if csv_delimiter == "," else ","
        if decimal is None and tie != mark:
            voted = s.str.contains(mark, literal=True) & ~s.str.contains(
                _AMBIGUOUS_MARK[mark]
            )
            if not voted.any():
                return None
        text = s.str.replace(",", ".", literal=True) if mark == "," else s
        values = text.cast(pl.Float64, strict=False)
        if not values.is_finite().all():  # hundreds of digits: not a float64
            return None
        none = falses(s.len()).alias(column)
        return ParseOutcome(values.alias(column), none, none, mark)
    return None


def _text_numbers(
    s: pl.Series,
    weights: pl.Series,
    column: str,
    *,
    allow_percent: bool,
    decimal: str | None,
    csv_delimiter: str | None,
) -> ParseOutcome:
    """:func:`parse_numbers` on text cells, each standing for ``weights`` cells (votes)."""
    text = stripped(s)
    simple = text.str.contains(_SIMPLE_NUMBER).fill_null(value=False)
    easy = _simple_numbers(
        pl.select(pl.when(pl.lit(simple)).then(pl.lit(text))).to_series()
    )
    rest = (text.is_not_null() & ~simple).arg_true()
    hard = _number_marks(
        _number_steps_1_to_4(text.gather(rest), allow_percent=allow_percent)
    )
    mark = _column_mark(
        pl.concat([easy["vote"], hard["vote"]]),
        pl.concat([weights, weights.gather(rest)]),
        decimal=decimal,
        csv_delimiter=csv_delimiter,
    )
    number = _plain_number(hard, mark)
    valid = hard["shape"].is_not_null() & number.is_finite().fill_null(value=False)
    values = patch(
        _simple_values(easy, mark),
        rest,
        number.zip_with(valid, number.clear(number.len())),
    )
    invalid = patch(falses(s.len()), rest, ~valid)
    percent = patch(falses(s.len()), rest, hard["pct"].fill_null(value=False) & valid)
    return ParseOutcome(
        values.alias(column), invalid.alias(column), percent.alias(column), mark
    )


_FTE_PERCENT_MEDIAN: Final = (
    1.5  # §2.4: a median above it means the column holds percents
)
_PERCENT_MAX: Final = 100.0


def fte_percent_scale(
    values: pl.Series,
    *,
    header_has_percent: bool,
    percent_cells: pl.Series | None = None,
) -> tuple[pl.Series, bool]:
    """§2.4: read the whole column as percents when its other values say so.

    ``percent_cells`` marks the cells already divided (written with ``%``, or XLSX percent
    formats); the rule looks at the others only, and scales only them.
    """
    already = (
        falses(values.len())
        if percent_cells is None
        else percent_cells.fill_null(value=False)
    )
    others = values.filter(~already & values.is_not_null())
    if others.len() == 0:
        return values, False
    lowest, highest, median = (
        others.cast(pl.Float64)
        .to_frame("v")
        .select(pl.min("v"), pl.max("v").alias("hi"), pl.median("v").alias("med"))
        .row(0)
    )
    in_range = lowest >= 0 and highest <= _PERCENT_MAX
    applies = in_range and (
        median > _FTE_PERCENT_MEDIAN
        or (header_has_percent and highest > _FTE_PERCENT_MEDIAN)
    )
    if not applies:
        return values, False
    scaled = pl.select(
        pl.when(pl.lit(already)).then(pl.lit(values)).otherwise(pl.lit(values) / 100)
    ).to_series()
    return scaled.alias(values.name), True


# --- booleans -----------------------------------------------------------------------------

TRUE_WORDS: Final = frozenset({"oui", "o", "yes", "y", "vrai", "true", "1", "x"})
FALSE_WORDS: Final = frozenset({"non", "n", "no", "faux", "false", "0"})
_CHECK_MARKS: Final = frozenset({"✓", "✔"})  # compared on the trimmed text
TICK_MARKS: Final = frozenset({"x", "X", "✓", "✔"})
_VARIATION_SELECTOR: Final = "\ufe0f"  # "✔️", the emoji form of ✔


class BoolOutcome(NamedTuple):
    values: pl.Series  # Boolean
    invalid: pl.Series  # bool: `value.bool_invalid`
    tick_column: bool  # `column.bool_ticks`: empty cells were read as false


def _boolean_of(text: str) -> bool | None:
    if text.replace(_VARIATION_SELECTOR, "") in _CHECK_MARKS:
        return True
    key = normalise(text)
    if key in TRUE_WORDS:
        return True
    if key in FALSE_WORDS:
        return False
    return None


def _distinct_texts(s: pl.Series) -> tuple[pl.Series, dict[str, str]]:
    """The column as text and {distinct raw cell: its Text form} for the non-empty ones.

    Booleans and codes are decided once per distinct cell, then mapped back in one step.
    """
    raw = as_text(s)
    distinct = raw.drop_nulls().unique()
    cleaned = parse_text(distinct)
    table = {
        r: c for r, c in zip(distinct.to_list(), cleaned.to_list(), strict=True) if c
    }
    return raw, table


def parse_booleans(s: pl.Series) -> BoolOutcome:
    """Yes/no cells (§3.5), with the tick-column rule (a column of X marks and blanks)."""
    if s.dtype == pl.Boolean:
        return BoolOutcome(s, falses(s.len()).alias(s.name), False)
    distinct = by_distinct(s)
    if distinct is None:
        return _text_booleans(s)
    values, invalid, ticks = _text_booleans(distinct.cells)
    return BoolOutcome(
        values.gather(distinct.at).alias(s.name),
        invalid.gather(distinct.at).alias(s.name),
        ticks,
    )


def _text_booleans(s: pl.Series) -> BoolOutcome:
    raw, texts = _distinct_texts(s)
    table = {r: _boolean_of(t) for r, t in texts.items()}
    values = raw.replace_strict(table, default=None, return_dtype=pl.Boolean)
    filled = raw.replace_strict(dict.fromkeys(texts, True), default=False)
    invalid = filled & values.is_null()
    ticks = bool(texts) and all(
        t.replace(_VARIATION_SELECTOR, "") in TICK_MARKS for t in texts.values()
    )
    if ticks:
        values = values.fill_null(value=False)
    return BoolOutcome(values.alias(s.name), invalid.alias(s.name), ticks)


# --- codes --------------------------------------------------------------------------------

_EXIT_REASON_FALLBACK: Final = "other"
# alternance, alternant(e): an apprentice or a professionalisation contract (§4.3)
_ALTERNANCE: Final = "alternan"
ALTERNANCE_CODES: Final = ("apprentice", "professionalisation")


class CodeOutcome(NamedTuple):
    values: pl.Series  # Utf8 codes; unknown exit reasons are "other"
    unknown: pl.Series  # bool: the cell is not empty and not a known value


def _code_of(
    column: str, text: str, value_table: Mapping[str, str] | None
) -> str | None:
    codes = schema.BY_NAME[column].codes
    if value_table:  # the mapping file wins (§3.5); its keys are normalised
        code = value_table.get(normalise(text), value_table.get(text))
        if code is not None:
            return code if code in codes else None
    return schema.code_for(column, text)


def parse_codes(
    s: pl.Series, *, column: str, value_table: Mapping[str, str] | None
) -> CodeOutcome:
    """Coded cells (§3.5, §4.3); emptiness is judged on the text, so ``??`` is unknown."""
    distinct = by_distinct(s)
    if distinct is None:
        return _text_codes(s, column=column, value_table=value_table)
    once = _text_codes(distinct.cells, column=column, value_table=value_table)
    values, unknown = (x.gather(distinct.at).alias(s.name) for x in once)
    return CodeOutcome(values, unknown)


def _text_codes(
    s: pl.Series, *, column: str, value_table: Mapping[str, str] | None
) -> CodeOutcome:
    raw, texts = _distinct_texts(s)
    table = {r: _code_of(column, t, value_table) for r, t in texts.items()}
    values = raw.replace_strict(table, default=None, return_dtype=pl.String)
    filled = raw.replace_strict(dict.fromkeys(texts, True), default=False)
    unknown = filled & values.is_null()
    if column == "exit_reason":
        values = values.zip_with(
            ~unknown, pl.repeat(_EXIT_REASON_FALLBACK, s.len(), eager=True)
        )
    return CodeOutcome(values.alias(s.name), unknown.alias(s.name))


# --- a whole sheet ------------------------------------------------------------------------

SOURCE_ROW: Final = "_source_row"
SOURCE_FILE: Final = "_source_file"
REJECTED_KEY: Final = "_rejected_key"


class _Context(NamedTuple):
    frame: pl.DataFrame
    options: Options
    file: str
    report: ReportBuilder
    csv_delimiter: str | None
    percent_columns: frozenset[str]
    date_columns: frozenset[str]
    mixed_columns: frozenset[str]
    date1904: bool


def _rows(series: pl.Series) -> Sequence[Any]:
    """A Series as the parallel sequence ``add_many`` takes (it reads Series directly)."""
    return cast("Sequence[Any]", series)


def _report(
    ctx: _Context,
    key: str,
    mask: pl.Series,
    *,
    column: str,
    source: str,
    params: Mapping[str, object] | None = None,
) -> None:
    if not mask.any():
        return
    ctx.report.add_many(
        key,
        file=ctx.file,
        column=column,
        rows=_rows(ctx.frame[SOURCE_ROW].filter(mask)),
        values=_rows(as_text(ctx.frame[source]).filter(mask)),
        source_column=source,
        params=params,
    )


def _range_text(column: schema.Column) -> str:
    low, high = column.minimum, column.maximum
    if low is not None and high is not None:
        return f"integer {low:g}–{high:g}"
    return f"integer ≥ {low:g}" if low is not None else "integer"


def _number_column(
    ctx: _Context, name: str, source: str
) -> tuple[pl.Series, pl.Series]:
    """One source column of a numeric canonical column: values and invalid mask."""
    raw = ctx.frame[source]
    outcome = parse_numbers(
        raw,
        column=name,
        allow_percent=name == "fte",
        # XLSX columns mixing numbers and text render their numbers with a dot
        decimal="." if source in ctx.mixed_columns else ctx.options.decimal,
        csv_delimiter=ctx.csv_delimiter,
    )
    _report(ctx, "value.number_invalid", outcome.invalid, column=name, source=source)
    values = outcome.values
    if name == "fte":
        percent = outcome.percent_cells
        if source in ctx.percent_columns and raw.dtype.is_numeric():
            percent = raw.is_not_null()
        values, scaled = fte_percent_scale(
            values, header_has_percent=has_percent(source), percent_cells=percent
        )
        if scaled:
            ctx.report.add(
                "column.fte_percent_scale",
                file=ctx.file,
                column=name,
                source_column=source,
            )
    return values, outcome.invalid


def _sum_amounts(parts: list[tuple[pl.Series, pl.Series]]) -> pl.Series:
    """§4.4: listed columns summed cell by cell; empty counts 0 unless all are empty."""
    frame = pl.DataFrame(
        {f"v{i}": v for i, (v, _) in enumerate(parts)}
        | {f"bad{i}": bad for i, (_, bad) in enumerate(parts)}
    )
    values = [pl.col(f"v{i}") for i in range(len(parts))]
    any_bad = pl.any_horizontal(pl.col(f"bad{i}") for i in range(len(parts)))
    total = pl.sum_horizontal(values, ignore_nulls=True)
    all_empty = pl.all_horizontal(v.is_null() for v in values)
    return frame.select(
        pl.when(any_bad | all_empty).then(None).otherwise(total)
    ).to_series()


def _numeric(
    ctx: _Context, column: schema.Column, sources: tuple[str, ...]
) -> pl.Series:
    parts = [_number_column(ctx, column.name, source) for source in sources]
    values = parts[0][0] if len(parts) == 1 else _sum_amounts(parts)
    if column.type != schema.ColumnType.INT:
        return values.cast(pl.Float64)
    fractional = (values != values.floor()).fill_null(value=False)
    _report(
        ctx,
        "value.out_of_range",
        fractional,
        column=column.name,
        source=sources[0],
        params={"range": _range_text(column)},
    )
    kept = pl.select(pl.when(pl.lit(fractional)).then(None).otherwise(pl.lit(values)))
    return kept.to_series().cast(pl.Int64, strict=False)


def _date(ctx: _Context, name: str, source: str) -> pl.Series:
    raw = ctx.frame[source]
    if raw.dtype.is_numeric():
        outcome = serial_outcome(raw, date1904=ctx.date1904)
        if source not in ctx.date_columns:  # a plain number, not a date-formatted cell
            ok = outcome.values.is_not_null()
            ctx.report.add_many(
                "value.date_serial",
                file=ctx.file,
                column=name,
                rows=_rows(ctx.frame[SOURCE_ROW].filter(ok)),
                values=_rows(as_text(raw).filter(ok)),
                source_column=source,
                params_per_row=[
                    {"date": d.isoformat()} for d in outcome.values.filter(ok).to_list()
                ],
            )
    else:
        outcome = parse_dates(raw, date_order=ctx.options.date_order)
    _report(ctx, "value.date_invalid", outcome.invalid, column=name, source=source)
    _report(
        ctx,
        "value.out_of_range",
        outcome.out_of_range,
        column=name,
        source=source,
        params={"range": DATE_RANGE},
    )
    return outcome.values


def _boolean(ctx: _Context, name: str, source: str) -> pl.Series:
    outcome = parse_booleans(ctx.frame[source])
    _report(ctx, "value.bool_invalid", outcome.invalid, column=name, source=source)
    if outcome.tick_column:
        ctx.report.add(
            "column.bool_ticks", file=ctx.file, column=name, source_column=source
        )
    return outcome.values


def _code(
    ctx: _Context, name: str, source: str, value_table: Mapping[str, str] | None
) -> tuple[pl.Series, pl.Series]:
    """Codes and the rows to reject (unknown sex)."""
    values, unknown = parse_codes(
        ctx.frame[source], column=name, value_table=value_table
    )
    no_reject = falses(values.len())
    if name == "sex":
        _report(ctx, "value.sex_unknown", unknown, column=name, source=source)
        return values, unknown
    if name == "exit_reason":
        _report(ctx, "value.exit_reason_other", unknown, column=name, source=source)
        return values, no_reject
    if not unknown.any():
        return values, no_reject
    # "Alternance" may be either contract: the hint names just those two codes (§4.3).
    text = as_text(ctx.frame[source])
    alternance = (
        text.str.to_lowercase().str.contains(_ALTERNANCE).fill_null(value=False)
    )
    for mask, allowed in (
        (unknown & ~alternance, schema.BY_NAME[name].codes),
        (unknown & alternance, ALTERNANCE_CODES),
    ):
        _report(
            ctx,
            "value.code_unknown",
            mask,
            column=name,
            source=source,
            params={"allowed": ", ".join(allowed)},
        )
    return values, no_reject


def _parse_column(
    ctx: _Context,
    column: schema.Column,
    sources: tuple[str, ...],
    mapping: ColumnMapping,
) -> tuple[pl.Series, pl.Series | None]:
    name, source, kind = column.name, sources[0], column.type
    if kind in (schema.ColumnType.INT, schema.ColumnType.FLOAT):
        return _numeric(ctx, column, sources), None
    if kind == schema.ColumnType.DATE:
        return _date(ctx, name, source), None
    if kind == schema.ColumnType.BOOL:
        return _boolean(ctx, name, source), None
    if kind == schema.ColumnType.CODE:
        return _code(ctx, name, source, mapping.values.get(name))
    if name == "employee_id":
        ids, scientific = parse_ids(ctx.frame[source])
        _report(ctx, "value.id_scientific", scientific, column=name, source=source)
        return ids, None
    return parse_text(ctx.frame[source]), None


_PARSE_THREADS: Final = 2


class _Locked:
    """A report whose methods run one at a time (columns are parsed in threads)."""

    def __init__(self, report: ReportBuilder) -> None:
        self._report = report
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._report, name)
        if not callable(attribute):
            return attribute

        def locked(*args: Any, **kwargs: Any) -> Any:
            with self._lock:
                return attribute(*args, **kwargs)

        return locked


def parse_frame(
    raw_frame: pl.DataFrame,
    *,
    mapping: ColumnMapping,
    options: Options,
    file: str,
    report: ReportBuilder,
    csv_delimiter: str | None,
    percent_columns: frozenset[str] = frozenset(),
    date_columns: frozenset[str] = frozenset(),
    mixed_columns: frozenset[str] = frozenset(),
    date1904: bool = False,
) -> pl.DataFrame:
    """The typed canonical frame of one raw sheet, every bad cell reported (§3.5).

    ``percent_columns``: source headers whose XLSX cells have a percent format (already
    ratios); ``date_columns``: source headers whose numbers are date-formatted cells (read
    as serials without ``value.date_serial``); ``mixed_columns``: XLSX text columns whose
    number cells are rendered with a dot (read with the dot as decimal mark); ``date1904``:
    the workbook counts serials from 1904. Columns: ``_source_file``, ``_source_row``,
    the mapped canonical columns in canonical order, and ``_rejected_key`` (the key that
    rejects the row at this stage, ``value.sex_unknown``, or null). Rows are not counted in
    ``rejected_by_key`` here: validation picks the first key of §5.1 for each row.
    """
    ctx = _Context(
        raw_frame,
        options,
        file,
        report,
        csv_delimiter,
        percent_columns,
        date_columns,
        mixed_columns,
        date1904,
    )
    n = raw_frame.height
    out: dict[str, pl.Series] = {
        SOURCE_FILE: pl.repeat(file, n, dtype=pl.String, eager=True).alias(SOURCE_FILE),
        SOURCE_ROW: raw_frame[SOURCE_ROW].cast(pl.Int64),
    }
    rejected = falses(n)
    jobs = [
        (column, sources)
        for column in schema.COLUMNS
        if (
            sources := tuple(
                s
                for s in mapping.columns.get(column.name, ())
                if s in raw_frame.columns
            )
        )
    ]
    # Columns are independent and Polars releases the GIL: two at a time on two cores.
    # The report is shared, behind a lock; its messages are sorted when it is built.
    shared = ctx._replace(report=cast("ReportBuilder", _Locked(report)))
    with ThreadPoolExecutor(max_workers=_PARSE_THREADS) as pool:
        parsed = list(
            pool.map(lambda job: _parse_column(shared, job[0], job[1], mapping), jobs)
        )
    for (column, _), (values, rejects) in zip(jobs, parsed, strict=True):
        out[column.name] = values.alias(column.name)
        if rejects is not None:
            rejected = rejected | rejects
    key = pl.select(pl.when(pl.lit(rejected)).then(pl.lit("value.sex_unknown")))
    out[REJECTED_KEY] = key.to_series().cast(pl.String)
    return pl.DataFrame(out)
