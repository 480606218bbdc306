"""The text of generated DSN files: one person's blocks for one month (spec §6, norm P25).

Split from :mod:`mixite.workforce.dsn.synth`, which draws the people, because this is the
hot loop: the constant parts of a person's blocks (identity, contract head) are formatted
once, and each month only adds what changes (working time, coefficient, stoppages, pay).
Amounts are integer cents throughout, so that the text never depends on float printing.

Besides the rubrics the reader uses, each file carries a few it skips, as real files do:
the emitter and contact blocks (``S10.G00.01``, ``S10.G00.02``), names and net amounts,
and one contribution base with its contribution per person and month (``S21.G00.78``,
``S21.G00.81``); real files carry many more of the latter.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from pathlib import Path

__all__ = [
    "FULL_TIME_PCT",
    "Month",
    "Person",
    "Stoppage",
    "month_of",
    "write_files",
]

SIREN: Final = "000000000"  # fictitious, as in §10.3
NIC: Final = "00011"
NORM: Final = "P25V01"
STATUT: Final = ("07", "06", "05", "04")  # S21.G00.40.002, by CSP
PENSION: Final = ("04", "04", "04", "01")  # S21.G00.40.003: 01 cadre, 04 non-cadre
PCS: Final = ("623a", "543d", "479a", "388a")  # S21.G00.40.004, first digit by CSP
NATURE: Final = ("01", "02", "02")  # S21.G00.40.007: CDI, CDD, apprenticeship (a CDD)
SCHEME: Final = ("99", "99", "64")  # S21.G00.40.008: 64 apprenticeship
IDCC: Final = "3248"  # S21.G00.40.017: a collective agreement
HOURS_MONTH: Final = 151_67  # S21.G00.40.012 for hours (unit 10), in hundredths
DAYS_YEAR: Final = 218_00  # S21.G00.40.012 for a forfait in days (unit 20)
SOCIAL_CEILING: Final = 3_925_00  # monthly social security ceiling 2025, cents
END_OF_CDD: Final = "011"  # S21.G00.52.001, excluded from pay (§6.6)
SEVERANCE: Final = "014"  # S21.G00.52.001 in the excluded range 001-025 (§6.6)
BONUS: Final = "027"  # S21.G00.52.001, variable pay (§6.6)
IN_KIND: Final = "02"  # S21.G00.54.001, benefit in kind (§6.6)
SURNAMES: Final = ("MARTIN", "BERNARD", "DUBOIS", "LEFÈVRE", "N'DIAYE", "GARCIA")
FIRST_NAMES: Final = (("Lucas", "Hugo", "Karim"), ("Léa", "Inès", "Chloé"))
CRLF: Final = "\r\n"
FULL_TIME_PCT: Final = 100
DECEMBER: Final = 12


@functools.cache
def ddmmyyyy(ordinal: int) -> str:
    day = dt.date.fromordinal(ordinal)
    return f"{day.day:02d}{day.month:02d}{day.year:04d}"


def amount(cents: int) -> str:
    """Cents as the DSN writes amounts and quantities: a dot and two decimals."""
    sign = "-" if cents < 0 else ""
    return f"{sign}{abs(cents) // 100}.{abs(cents) % 100:02d}"


@dataclass(frozen=True, slots=True)
class Month:
    index: int  # position among the generated months
    year: int
    number: int
    first: int  # ordinal of the first day
    last: int
    n_days: int


def month_of(year: int, number: int, index: int) -> Month:
    first = dt.date(year, number, 1).toordinal()
    n_days = calendar.monthrange(year, number)[1]
    return Month(index, year, number, first, first + n_days - 1, n_days)


@dataclass(frozen=True, slots=True)
class Stoppage:
    """An S21.G00.60 stoppage: declared in its first month and in its return month."""

    code: str  # S21.G00.60.001: 01 sickness, 02 maternity, 06 work accident
    last_worked: int  # .002, ordinal
    last: int  # last day off (.003, expected end)
    back: int  # .010, return date

    def days_in(self, month: Month) -> int:
        return max(
            0, min(self.last, month.last) - max(self.last_worked + 1, month.first) + 1
        )

    def declared_in(self, month: Month) -> bool:
        start = self.last_worked + 1
        return (
            month.first <= start <= month.last or month.first <= self.back <= month.last
        )

    def text(self, month: Month) -> str:
        lines = [
            f"S21.G00.60.001,'{self.code}'",
            f"S21.G00.60.002,'{ddmmyyyy(self.last_worked)}'",
            f"S21.G00.60.003,'{ddmmyyyy(self.last)}'",
        ]
        if month.first <= self.back <= month.last:
            lines += [f"S21.G00.60.010,'{ddmmyyyy(self.back)}'", "S21.G00.60.011,'01'"]
        return CRLF.join(lines) + CRLF


@dataclass(slots=True, kw_only=True)
class Person:
    """One person's draws; the per-month lists change from an event's month on."""

    index: int
    woman: bool
    identity: tuple[str, str, str]  # rubric (001 NIR, 020 NTT), number, .005 or ""
    birth: int
    csp: int
    contract: int  # 0 CDI, 1 CDD, 2 apprenticeship
    job: str
    hire: int
    exit: int  # -1: no end of contract in the generated months
    exit_reason: str
    planned_end: int  # S21.G00.40.010 of fixed-term contracts
    forfait: bool  # yearly forfait in days (unit 20) rather than hours (unit 10)
    part_time_modality: str  # S21.G00.40.014 whenever part time
    pct: list[int]  # working time in percent, per month
    modality: list[str]
    coefficient: list[int]
    base: list[int]  # full-time monthly base salary, cents, per month
    overtime: list[int]  # overtime hours, per month
    bonus: int  # a December bonus (S21.G00.52 type 027), cents
    in_kind: int  # a monthly benefit in kind, cents
    stoppages: list[Stoppage] = field(default_factory=list)
    blocks: dict[int, tuple[int, int, str]] = field(default_factory=dict)  # S21.G00.41
    changes: list[bool] = field(default_factory=list)  # chosen, per working-time change
    promoted: bool = False

    def change_working_time(
        self, at: int, day: int, pct: int, *, with_block: bool, modality: str = ""
    ) -> None:
        """From month ``at`` on, work ``pct`` %; ``day`` is the S21.G00.41.001 date."""
        old_pct, old_modality = self.pct[at - 1], self.modality[at - 1]
        if pct == old_pct:
            return
        full_time = pct == FULL_TIME_PCT
        new_modality = "10" if full_time else modality or self.part_time_modality
        part_time_side = old_modality if full_time else new_modality
        self.changes.append(part_time_side in ("41", "42"))
        if with_block:
            self.blocks[at] = (day, old_pct, old_modality)
        for k in range(at, len(self.pct)):
            self.pct[k], self.modality[k] = pct, new_modality

    def promote(self, at: int, step: int) -> None:
        for k in range(at, len(self.coefficient)):
            self.coefficient[k] += step
        self.promoted = True

    def raise_from(self, at: int, pct: int) -> None:
        for k in range(at, len(self.base)):
            self.base[k] = self.base[k] * (100 + pct) // 100

    @property
    def reference(self) -> int:
        return DAYS_YEAR if self.forfait else HOURS_MONTH

    def present_days(self, month: Month) -> int:
        """Days under contract and not stopped in the month."""
        end = month.last if self.exit < 0 else min(self.exit, month.last)
        under = max(0, end - max(self.hire, month.first) + 1)
        return under - sum(s.days_in(month) for s in self.stoppages)

    def declared_in(self, month: Month) -> bool:
        return self.hire <= month.last and (self.exit < 0 or self.exit >= month.first)


def _head(person: Person) -> str:
    """The S21.G00.30 block: the same every month."""
    rubric, number, sex = person.identity
    surname = SURNAMES[person.index % len(SURNAMES)]
    first = FIRST_NAMES[person.woman][person.index % 3]
    lines = [f"S21.G00.30.{rubric},'{number}'"] if rubric == "001" else []
    lines += [f"S21.G00.30.002,'{surname}'", f"S21.G00.30.004,'{first}'"]
    if sex:
        lines.append(f"S21.G00.30.005,'{sex}'")
    lines += [
        f"S21.G00.30.006,'{ddmmyyyy(person.birth)}'",
        f"S21.G00.30.019,'M{person.index + 1:06d}'",
    ]
    if rubric == "020":
        lines.append(f"S21.G00.30.020,'{number}'")
    return CRLF.join(lines) + CRLF


def _contract_head(person: Person) -> str:
    """S21.G00.40.001-.012: the same every month."""
    lines = [
        f"S21.G00.40.001,'{ddmmyyyy(person.hire)}'",
        f"S21.G00.40.002,'{STATUT[person.csp]}'",
        f"S21.G00.40.003,'{PENSION[person.csp]}'",
        f"S21.G00.40.004,'{PCS[person.csp]}'",
        f"S21.G00.40.006,'{person.job}'",
        f"S21.G00.40.007,'{NATURE[person.contract]}'",
        f"S21.G00.40.008,'{SCHEME[person.contract]}'",
        f"S21.G00.40.009,'C{person.index + 1:06d}'",
    ]
    if person.contract != 0:
        lines.append(f"S21.G00.40.010,'{ddmmyyyy(person.planned_end)}'")
    unit = "20" if person.forfait else "10"
    lines += [
        f"S21.G00.40.011,'{unit}'",
        f"S21.G00.40.012,'{amount(person.reference)}'",
    ]
    return CRLF.join(lines) + CRLF


def _contract_month(person: Person, month: Month) -> str:
    k = month.index
    text = (
        f"S21.G00.40.013,'{amount(person.reference * person.pct[k] // 100)}'\r\n"
        f"S21.G00.40.014,'{person.modality[k]}'\r\n"
        f"S21.G00.40.017,'{IDCC}'\r\n"
        f"S21.G00.40.019,'{SIREN}{NIC}'\r\n"
        "S21.G00.40.024,'99'\r\n"
        f"S21.G00.40.071,'{person.coefficient[k]}'\r\n"
    )
    if k in person.blocks:
        day, old_pct, old_modality = person.blocks[k]
        text += (
            f"S21.G00.41.001,'{ddmmyyyy(day)}'\r\n"
            f"S21.G00.41.007,'{amount(person.reference * old_pct // 100)}'\r\n"
            f"S21.G00.41.008,'{old_modality}'\r\n"
        )
    for stoppage in person.stoppages:
        if stoppage.declared_in(month):
            text += stoppage.text(month)
    if month.first <= person.exit <= month.last:
        text += (
            f"S21.G00.62.001,'{ddmmyyyy(person.exit)}'\r\n"
            f"S21.G00.62.002,'{person.exit_reason}'\r\n"
        )
    return text


def _extras(person: Person, month: Month) -> list[tuple[str, str, int]]:
    """Blocks 52 and 54 of the month: (block, type, cents); all inside the gross pay."""
    found: list[tuple[str, str, int]] = []
    if person.bonus and month.number == DECEMBER:  # a year-end bonus
        found.append(("52", BONUS, person.bonus))
    if month.first <= person.exit <= month.last:
        if person.exit_reason == "031":
            found.append(("52", END_OF_CDD, person.base[month.index] // 2))
        elif person.exit_reason in ("020", "043"):
            found.append(("52", SEVERANCE, person.base[month.index] * 2))
    if person.in_kind:
        found.append(("54", IN_KIND, person.in_kind))
    return found


def _pay(person: Person, month: Month) -> str:
    k, present = month.index, person.present_days(month)
    base = person.base[k] * person.pct[k] // 100
    paid = base * present // month.n_days
    hourly_full_time = not person.forfait and person.pct[k] == FULL_TIME_PCT
    hours = person.overtime[k] if hourly_full_time else 0
    overtime = person.base[k] * hours * 125 // HOURS_MONTH if present else 0
    extras = _extras(person, month)
    gross = paid + overtime + sum(cents for _, _, cents in extras)
    worked = person.reference * person.pct[k] * present // (100 * month.n_days)
    if person.forfait:
        worked //= 12
    period = f"S21.G00.51.001,'{ddmmyyyy(month.first)}'\r\n" + (
        f"S21.G00.51.002,'{ddmmyyyy(month.last)}'\r\n"
        f"S21.G00.51.010,'C{person.index + 1:06d}'\r\n"
    )
    text = (
        f"S21.G00.50.001,'{ddmmyyyy(month.last)}'\r\n"
        f"S21.G00.50.002,'{amount(gross * 78 // 100)}'\r\n"
        f"S21.G00.50.004,'{amount(gross * 74 // 100)}'\r\n"
        f"{period}S21.G00.51.011,'001'\r\nS21.G00.51.013,'{amount(gross)}'\r\n"
        f"{period}S21.G00.51.011,'002'\r\nS21.G00.51.013,'{amount(gross)}'\r\n"
        f"S21.G00.53.001,'01'\r\nS21.G00.53.002,'{amount(worked)}'\r\n"
        f"S21.G00.53.003,'{'20' if person.forfait else '10'}'\r\n"
        f"{period}S21.G00.51.011,'010'\r\nS21.G00.51.013,'{amount(base)}'\r\n"
    )
    if overtime:
        text += (
            f"{period}S21.G00.51.011,'017'\r\nS21.G00.51.012,'{hours}.00'\r\n"
            f"S21.G00.51.013,'{amount(overtime)}'\r\n"
        )
    for block, kind, cents in extras:
        text += (
            f"S21.G00.{block}.001,'{kind}'\r\nS21.G00.{block}.002,'{amount(cents)}'\r\n"
        )
    return text + _contributions(gross, month)


def _contributions(gross: int, month: Month) -> str:
    """One capped contribution base and its contribution: skipped by the reader."""
    capped = min(gross, SOCIAL_CEILING)
    return (
        f"S21.G00.78.001,'02'\r\nS21.G00.78.002,'{ddmmyyyy(month.first)}'\r\n"
        f"S21.G00.78.003,'{ddmmyyyy(month.last)}'\r\n"
        f"S21.G00.78.004,'{amount(capped)}'\r\n"
        f"S21.G00.81.001,'076'\r\nS21.G00.81.003,'{amount(capped)}'\r\n"
        f"S21.G00.81.004,'{amount(capped * 690 // 10_000)}'\r\n"
    )


def _header(month: Month) -> str:
    sent = dt.date(month.year + month.number // 12, month.number % 12 + 1, 5)
    lines = [
        "S10.G00.00.001,'MIXITE-SYNTH'",
        "S10.G00.00.002,'MIXITE'",
        "S10.G00.00.003,'1.0'",
        "S10.G00.00.005,'01'",
        f"S10.G00.00.006,'{NORM}'",
        "S10.G00.00.008,'01'",
        f"S10.G00.01.001,'{SIREN}'",
        f"S10.G00.01.002,'{NIC}'",
        "S10.G00.01.003,'MIXITE SYNTHESE SA'",
        "S10.G00.02.002,'SERVICE PAIE'",
        "S20.G00.05.001,'01'",
        "S20.G00.05.002,'01'",
        "S20.G00.05.003,'11'",
        f"S20.G00.05.004,'{month.number}'",
        f"S20.G00.05.005,'01{month.number:02d}{month.year}'",
        f"S20.G00.05.007,'{ddmmyyyy(sent.toordinal())}'",
        "S20.G00.05.010,'01'",
        f"S21.G00.06.001,'{SIREN}'",
        f"S21.G00.06.002,'{NIC}'",
        "S21.G00.06.003,'2562B'",
        f"S21.G00.11.001,'{NIC}'",
        "S21.G00.11.002,'2562B'",
    ]
    return CRLF.join(lines) + CRLF


def _file_text(people: list[Person], heads: list[str], month: Month) -> str:
    parts = [_header(month)]
    for person, head in zip(people, heads, strict=True):
        if person.declared_in(month):
            parts += (head, _contract_month(person, month), _pay(person, month))
    body = "".join(parts)
    n_lines = body.count("\n") + 2  # the two trailer lines included (§6.1)
    return f"{body}S90.G00.90.001,'{n_lines}'\r\nS90.G00.90.002,'1'\r\n"


def write_files(
    folder: Path, people: list[Person], months: list[Month]
) -> tuple[tuple[Path, ...], int]:
    """One file per month, ``dsn_YYYY_MM.dsn``; returns the paths and the line count."""
    heads = [_head(p) + _contract_head(p) for p in people]
    paths = []
    n_lines = 0
    for month in months:
        text = _file_text(people, heads, month)
        n_lines += text.count("\n")
        path = folder / f"dsn_{month.year}_{month.number:02d}.dsn"
        path.write_bytes(text.encode("cp1252"))
        paths.append(path)
    return tuple(paths), n_lines
