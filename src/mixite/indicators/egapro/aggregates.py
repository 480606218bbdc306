"""Reading the aggregated input of egapro.md §16.2, refusing what the simulator would not take.

Each violation raises :class:`AggregatesError` naming the JSON path of the faulty value
(``$.indicator4.raised``) and how to fix it; the CLI turns it into exit 2. Unknown
top-level keys are only a warning, so that a file saved by a newer version still reads.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any, Final, cast

from mixite.errors import MixiteError
from mixite.indicators.egapro.model import (
    AGE_BANDS,
    CSPS,
    MODES,
    RANGES,
    SMALL_RANGE,
    TOP_N,
    Aggregates,
    Counts,
    Mode,
    PayCell,
    PayInput,
    RaiseInput,
    RateInput,
    ReturnInput,
    TopTenInput,
    WorkforceRange,
)
from mixite.indicators.egapro.result import IndexWarning

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Mapping

KNOWN_KEYS: Final = (
    "workforce_range",
    "headcount",
    "indicator1",
    "indicator2",
    "indicator3",
    "indicator2et3",
    "indicator4",
    "indicator5",
)
PCT_MAX: Final = 100
_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


class AggregatesError(MixiteError, ValueError):
    """The aggregated input breaks §16.2: ``path`` is the JSON path, ``hint`` the fix."""

    def __init__(self, path: str, problem: str, hint: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem
        self.hint = hint


def child(path: str, key: str | int) -> str:
    """``$.a`` + ``b`` → ``$.a.b``; ``$.h`` + ``:29`` → ``$.h[":29"]``; lists ``[3]``."""
    if isinstance(key, int):
        return f"{path}[{key}]"
    if _IDENTIFIER.fullmatch(key):
        return f"{path}.{key}"
    return f'{path}["{key}"]'


def _object(value: object, path: str) -> Mapping[str, Any]:
    if not isinstance(value, dict):
        raise AggregatesError(
            path, f"{_shown(value)} is not an object", "Write a JSON object {…}."
        )
    return cast("Mapping[str, Any]", value)


def _required(data: Mapping[str, Any], key: str, path: str) -> Any:
    if key not in data:
        raise AggregatesError(child(path, key), "required", f"Add the key {key!r}.")
    return data[key]


def _no_unknown(data: Mapping[str, Any], allowed: tuple[str, ...], path: str) -> None:
    for key in data:
        if key not in allowed:
            raise AggregatesError(
                child(path, key),
                "unknown key",
                f"Use only {', '.join(allowed)}.",
            )


def _integer(value: object, path: str, *, low: int = 0, high: int | None = None) -> int:
    """A count: an integer (``3.0`` accepted), never a boolean or a text."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise AggregatesError(
            path, f"{_shown(value)} is not an integer", "Write a whole number, e.g. 12."
        )
    if value < low or (high is not None and value > high):
        bounds = f"between {low} and {high}" if high is not None else f"≥ {low}"
        raise AggregatesError(
            path, f"{value} is out of range", f"Write a number {bounds}."
        )
    return value


def _number(value: object, path: str, *, high: float | None = None) -> float | None:
    """A non-negative number, ``null`` or the simulator's blank ``""`` (read as null)."""
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise AggregatesError(
            path, f"{_shown(value)} is not a number", "Write a number, or null."
        )
    number = float(value)
    if not number >= 0 or (high is not None and number > high):
        bounds = f"between 0 and {high:g}" if high is not None else "≥ 0"
        raise AggregatesError(
            path, f"{value} is out of range", f"Write a number {bounds}."
        )
    return number


def _boolean(value: object, path: str) -> bool:
    if not isinstance(value, bool):
        raise AggregatesError(
            path, f"{_shown(value)} is not true or false", "Write true or false."
        )
    return value


def _choice(value: object, choices: tuple[str, ...], path: str) -> str:
    if not isinstance(value, str) or value not in choices:
        raise AggregatesError(
            path,
            f"{_shown(value)} is not one of {', '.join(choices)}",
            f"Use one of {', '.join(repr(c) for c in choices)}.",
        )
    return value


def _shown(value: object) -> str:
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:39] + "…"  # noqa: PLR2004 - short


# --- the blocks ----------------------------------------------------------------------------


def _counts(value: object, path: str) -> Counts:
    data = _object(value, path)
    _no_unknown(data, ("women", "men"), path)
    return Counts(
        women=_integer(_required(data, "women", path), child(path, "women")),
        men=_integer(_required(data, "men", path), child(path, "men")),
    )


def _headcount(value: object, path: str) -> dict[str, dict[str, Counts]]:
    data = _object(value, path)
    _no_unknown(data, CSPS, path)
    table: dict[str, dict[str, Counts]] = {}
    for csp in CSPS:
        csp_path = child(path, csp)
        bands = _object(data.get(csp, {}), csp_path)
        _no_unknown(bands, AGE_BANDS, csp_path)
        table[csp] = {
            band: _counts(bands[band], child(csp_path, band))
            if band in bands
            else Counts()
            for band in AGE_BANDS
        }
    return table


def _pay_cell_counts(
    cell: Mapping[str, Any], path: str, expected: Counts | None
) -> Counts:
    """Counts of a cell: given (and then equal to the headcount), or the headcount's."""
    women, men = cell.get("women"), cell.get("men")
    if expected is None:  # level modes: counts required
        return Counts(
            women=_integer(_required(cell, "women", path), child(path, "women")),
            men=_integer(_required(cell, "men", path), child(path, "men")),
        )
    for key, given, wanted in (
        ("women", women, expected.women),
        ("men", men, expected.men),
    ):
        if given is not None and _integer(given, child(path, key)) != wanted:
            raise AggregatesError(
                child(path, key),
                f"{given} differs from the headcount ({wanted})",
                "Give the same count as in headcount, or null.",
            )
    return expected


def _indicator1(
    value: object, headcount: Mapping[str, Mapping[str, Counts]], path: str
) -> PayInput:
    data = _object(value, path)
    _no_unknown(data, ("mode", "cells"), path)
    mode = cast(
        "Mode", _choice(_required(data, "mode", path), MODES, child(path, "mode"))
    )
    cells_path = child(path, "cells")
    cells = _required(data, "cells", path)
    if not isinstance(cells, list):
        raise AggregatesError(
            cells_path, f"{_shown(cells)} is not a list", "Write a JSON list […]."
        )
    parsed: dict[tuple[str, str], PayCell] = {}
    for i, raw in enumerate(cells):
        cell_path = child(cells_path, i)
        cell, key = _cell_key(raw, mode, cell_path)
        if key in parsed:
            raise AggregatesError(
                cell_path,
                f"a second cell for ({key[0]}, {key[1]})",
                "Give each group and age band once.",
            )
        expected = headcount[key[0]][key[1]] if mode == "csp" else None
        parsed[key] = PayCell(
            group=key[0],
            age_band=key[1],
            counts=_pay_cell_counts(cell, cell_path, expected),
            women_avg_pay=_number(
                cell.get("women_avg_pay"), child(cell_path, "women_avg_pay")
            ),
            men_avg_pay=_number(
                cell.get("men_avg_pay"), child(cell_path, "men_avg_pay")
            ),
        )
    if mode == "csp":
        return PayInput(mode=mode, cells=_csp_cells(parsed, headcount))
    _check_level_totals(parsed.values(), headcount, cells_path)
    return PayInput(mode=mode, cells=tuple(parsed.values()))


def _cell_key(
    raw: object, mode: Mode, path: str
) -> tuple[Mapping[str, Any], tuple[str, str]]:
    """A cell of ``indicator1.cells`` and its (CSP or level, age band)."""
    cell = _object(raw, path)
    key = "category" if mode == "csp" else "level"
    _no_unknown(
        cell, (key, "age_band", "women", "men", "women_avg_pay", "men_avg_pay"), path
    )
    group = _group(_required(cell, key, path), mode, child(path, key))
    band = _choice(
        _required(cell, "age_band", path), AGE_BANDS, child(path, "age_band")
    )
    return cell, (group, band)


def _group(value: object, mode: Mode, path: str) -> str:
    if mode == "csp":
        return _choice(value, CSPS, path)
    if not isinstance(value, str) or not value.strip():
        raise AggregatesError(
            path,
            f"{_shown(value)} is not a level",
            'Write the level as a text, e.g. "N2".',
        )
    return value


def _csp_cells(
    parsed: Mapping[tuple[str, str], PayCell],
    headcount: Mapping[str, Mapping[str, Counts]],
) -> tuple[PayCell, ...]:
    """The 16 cells in the order of §5.5; a missing cell has null pays."""
    return tuple(
        parsed.get((csp, band))
        or PayCell(group=csp, age_band=band, counts=headcount[csp][band])
        for csp in CSPS
        for band in AGE_BANDS
    )


def _check_level_totals(
    given: Iterable[PayCell], headcount: Mapping[str, Mapping[str, Counts]], path: str
) -> None:
    cells = list(given)
    women = sum(cell.counts.women for cell in cells)
    men = sum(cell.counts.men for cell in cells)
    wanted_women = sum(c.women for bands in headcount.values() for c in bands.values())
    wanted_men = sum(c.men for bands in headcount.values() for c in bands.values())
    if (women, men) != (wanted_women, wanted_men):
        raise AggregatesError(
            path,
            f"the cells hold {women} women and {men} men, the headcount "
            f"{wanted_women} women and {wanted_men} men",
            "The level cells must cover the same people as the headcount table.",
        )


def _rates(value: object, path: str) -> RateInput | None:
    if value is None:
        return None
    data = _object(value, path)
    _no_unknown(data, ("declared_calculable", "rates_pct"), path)
    declared = _boolean(
        _required(data, "declared_calculable", path), child(path, "declared_calculable")
    )
    rates_path = child(path, "rates_pct")
    raw = data.get("rates_pct")
    rates: dict[str, tuple[float | None, float | None]] = {}
    if raw is not None:
        table = _object(raw, rates_path)
        _no_unknown(table, CSPS, rates_path)
        for csp in CSPS:
            if csp not in table or table[csp] is None:
                continue
            csp_path = child(rates_path, csp)
            pair = _object(table[csp], csp_path)
            _no_unknown(pair, ("women", "men"), csp_path)
            rates[csp] = (
                _number(pair.get("women"), child(csp_path, "women"), high=PCT_MAX),
                _number(pair.get("men"), child(csp_path, "men"), high=PCT_MAX),
            )
    return RateInput(declared_calculable=declared, rates_pct=rates)


def _raises(value: object, path: str, totals: Counts) -> RaiseInput | None:
    if value is None:
        return None
    data = _object(value, path)
    _no_unknown(data, ("declared_calculable", "raised_women", "raised_men"), path)
    declared = _boolean(
        _required(data, "declared_calculable", path), child(path, "declared_calculable")
    )
    counts = {}
    for key, total, sex in (
        ("raised_women", totals.women, "women"),
        ("raised_men", totals.men, "men"),
    ):
        given = data.get(key) if not declared else _required(data, key, path)
        n = 0 if given is None else _integer(given, child(path, key))
        if n > total:
            raise AggregatesError(
                child(path, key),
                f"{n} is greater than the {sex} of the headcount ({total})",
                f"Count only the {sex} of the headcount table.",
            )
        counts[key] = n
    return RaiseInput(declared_calculable=declared, **counts)


def _returns(value: object, path: str) -> ReturnInput | None:
    if value is None:
        return None
    data = _object(value, path)
    _no_unknown(data, ("declared_calculable", "returned", "raised"), path)
    declared = _boolean(
        _required(data, "declared_calculable", path), child(path, "declared_calculable")
    )
    if not declared:  # nobody returned: the counts are ignored (§16.2)
        return ReturnInput(declared_calculable=False)
    returned = _integer(_required(data, "returned", path), child(path, "returned"))
    raised = _integer(_required(data, "raised", path), child(path, "raised"))
    if raised > returned:
        raise AggregatesError(
            child(path, "raised"),
            f"{raised} is greater than returned ({returned})",
            "Count only employees who returned from leave.",
        )
    return ReturnInput(declared_calculable=True, returned=returned, raised=raised)


def _top_ten(value: object, path: str) -> TopTenInput | None:
    if value is None:
        return None
    data = _object(value, path)
    _no_unknown(data, ("women", "men"), path)
    women = _integer(_required(data, "women", path), child(path, "women"), high=TOP_N)
    men = _integer(_required(data, "men", path), child(path, "men"), high=TOP_N)
    if women + men > TOP_N:
        raise AggregatesError(
            path,
            f"{women} women and {men} men make more than {TOP_N}",
            f"Count the {TOP_N} highest pays only.",
        )
    return TopTenInput(women=women, men=men)


def parse(data: object) -> tuple[Aggregates, list[IndexWarning]]:
    """The aggregated input of §16.2, checked; unknown top-level keys are warnings."""
    root = _object(data, "$")
    warnings = [
        IndexWarning(code="unknown_key", params={"key": key})
        for key in root
        if key not in KNOWN_KEYS
    ]
    band = cast(
        "WorkforceRange",
        _choice(
            _required(root, "workforce_range", "$"),
            RANGES,
            child("$", "workforce_range"),
        ),
    )
    headcount = _headcount(_required(root, "headcount", "$"), child("$", "headcount"))

    def given(name: str) -> tuple[object, str]:
        return _required(root, name, "$"), child("$", name)

    one, one_path = given("indicator1")
    aggregates = Aggregates(
        workforce_range=band,
        headcount=headcount,
        indicator1=_indicator1(one, headcount, one_path),
        indicator4=_returns(*given("indicator4")),
        indicator5=_top_ten(*given("indicator5")),
        **_band_blocks(band, headcount, given),
    )
    return aggregates, warnings


def _band_blocks(
    band: str,
    headcount: Mapping[str, Mapping[str, Counts]],
    given: Callable[[str], tuple[object, str]],
) -> dict[str, Any]:
    """2et3 up to 250 employees, 2 and 3 above; the other band's blocks are ignored."""
    if band != SMALL_RANGE:
        return {name: _rates(*given(name)) for name in ("indicator2", "indicator3")}
    totals = Counts(
        women=sum(c.women for bands in headcount.values() for c in bands.values()),
        men=sum(c.men for bands in headcount.values() for c in bands.values()),
    )
    return {"indicator2et3": _raises(*given("indicator2et3"), totals)}
