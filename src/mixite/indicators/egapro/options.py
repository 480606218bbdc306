"""Options of the Index in employee mode (egapro.md §15); the defaults are the official rules."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal, get_args

from mixite.indicators.egapro.model import MODES, Mode

TopTenPay = Literal["fte", "paid"]
TOP10_PAYS: Final[tuple[str, ...]] = get_args(TopTenPay)
RAISE_PERIOD_YEARS: Final = (1, 2, 3)  # a 50–250 employer may pool 2 or 3 years (§8.6)


@dataclass(frozen=True, slots=True, kw_only=True)
class EgaproOptions:
    """``EgaproOptions()`` is the official behaviour; each field is one row of §15."""

    mode: Mode = "csp"
    level_fallback_to_csp: bool = False
    two_and_three_counts_promoted: bool = True
    raise_period_years: int = 1
    top10_pay: TopTenPay = "fte"
    drop_incomplete_rows: bool = False
    rixain_target_on_published: bool = True

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise ValueError(
                f"mode must be one of {', '.join(MODES)}, not {self.mode!r}"
            )
        if self.raise_period_years not in RAISE_PERIOD_YEARS:
            raise ValueError(
                f"raise_period_years must be 1, 2 or 3, not {self.raise_period_years!r}"
            )
        if self.top10_pay not in TOP10_PAYS:
            raise ValueError(f"top10_pay must be fte or paid, not {self.top10_pay!r}")
