"""DSN value forms (§6.1): dates ``DDMMYYYY``, amounts and quantities with a decimal point.

:func:`check_values` walks a block tree once and removes every value the reader uses that
breaks its form, with ``dsn.bad_value``; the aggregation can then read values without
checking them again.
"""

from __future__ import annotations

import functools
import re
from datetime import date
from fractions import Fraction
from typing import TYPE_CHECKING, Final, Literal

from mixite.workforce.dsn.sink import ReportSink, shown

if TYPE_CHECKING:
    from mixite.workforce.dsn.parse import Block

__all__ = ["check_values", "to_cents", "to_date", "to_quantity"]

Form = Literal["date", "birth_date", "month", "amount", "quantity", "siren", "nic"]

# rubric -> form, for every rubric the reader uses whose form is fixed.
FORMS: Final[dict[str, Form]] = {
    "S20.G00.05.005": "month",
    "S21.G00.06.001": "siren",
    "S21.G00.11.001": "nic",
    "S21.G00.30.006": "birth_date",
    "S21.G00.40.001": "date",
    "S21.G00.40.012": "quantity",
    "S21.G00.40.013": "quantity",
    "S21.G00.41.001": "date",
    "S21.G00.41.007": "quantity",
    "S21.G00.41.022": "quantity",
    "S21.G00.51.012": "quantity",
    "S21.G00.51.013": "amount",
    "S21.G00.52.002": "amount",
    "S21.G00.53.002": "quantity",
    "S21.G00.54.002": "amount",
    "S21.G00.60.002": "date",
    "S21.G00.60.003": "date",
    "S21.G00.60.010": "date",
    "S21.G00.62.001": "date",
    "S21.G00.65.002": "date",
    "S21.G00.65.003": "date",
}
_NUMBER: Final = re.compile(r"-?\d{1,15}(?:\.\d{1,2})?")
_DATE: Final = re.compile(r"\d{8}")
_UNKNOWN: Final = "99"


# block -> rubric number -> form: one lookup per block instead of one per rubric.
_FORMS_BY_BLOCK: Final[dict[str, dict[str, Form]]] = {}
for _rubric, _form in FORMS.items():
    _FORMS_BY_BLOCK.setdefault(_rubric[:10], {})[_rubric[11:]] = _form


@functools.lru_cache(maxsize=65_536)
def to_date(text: str, *, partial: bool = False) -> date | None:
    """``DDMMYYYY`` as a date; with ``partial``, a day or month ``99`` reads as ``01``.

    Cached: a year of declarations repeats the same few hundred dates millions of times.
    """
    if _DATE.fullmatch(text) is None:
        return None
    day, month, year = text[:2], text[2:4], text[4:]
    if partial:
        day = "01" if day == _UNKNOWN else day
        month = "01" if month == _UNKNOWN else month
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        return None


def to_cents(text: str) -> int | None:
    """An amount in integer cents (negative amounts are corrections, and legal)."""
    if _NUMBER.fullmatch(text) is None:
        return None
    units, _, decimals = text.partition(".")
    cents = abs(int(units)) * 100 + int(decimals.ljust(2, "0"))
    return -cents if units.startswith("-") else cents


@functools.lru_cache(maxsize=65_536)
def to_quantity(text: str) -> Fraction | None:
    """A quantity (hours, days, working-time ratio terms), exactly; cached, as
    working-time quantities repeat from person to person and month to month."""
    cents = to_cents(text)
    return None if cents is None else Fraction(cents, 100)


def _valid(form: Form, text: str) -> bool:
    if form in ("amount", "quantity"):
        return _NUMBER.fullmatch(text) is not None
    if form == "siren":
        return re.fullmatch(r"\d{9}", text) is not None
    if form == "nic":
        return re.fullmatch(r"\d{5}", text) is not None
    if form == "month":
        return text[:2] == "01" and to_date(text) is not None
    return to_date(text, partial=form == "birth_date") is not None


def check_values(root: Block, *, file: str, report: ReportSink) -> None:
    """Drop, with ``dsn.bad_value``, every used value that breaks its form."""
    for block in root.walk():
        forms = _FORMS_BY_BLOCK.get(block.name)
        if forms is None:
            continue
        values = block.values
        for number, form in forms.items():
            value = values.get(number)
            if value is None or _valid(form, value):
                continue
            rubric = f"{block.name}.{number}"
            report.add(
                "dsn.bad_value",
                file=file,
                row=block.line_of(number),
                rubric=rubric,
                value=shown(rubric, value),
            )
            block.drop(number)
