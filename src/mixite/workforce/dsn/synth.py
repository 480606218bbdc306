"""A deterministic year of monthly DSN files, with the truth the reader must find.

The DSN reader has two needs no real file can meet: a volume to measure it on (12 months
× 5,000 employees, workforce spec §8) and a year whose people, hires, exits, returns from
maternity leave and working-time changes are known in advance, to check what it reads.
:func:`write_dsn_year` writes such a year with the rubrics of §6 (norm P25) and returns
those counts. Every draw comes from one NumPy ``Generator`` seeded with ``seed`` and is
made in a fixed order, so the same arguments give the same bytes.

People are drawn here, vectorised; the files are then formatted person by person and
month by month (:mod:`mixite.workforce.dsn.synth_text`). Events other than hires and
exits go to people present in every generated month, so that the truth stays a count.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final

import numpy as np

from mixite.workforce.dsn.synth_text import (
    FULL_TIME_PCT,
    Month,
    Person,
    Stoppage,
    month_of,
    write_files,
)
from mixite.workforce.synth import CSP_P, JOBS

if TYPE_CHECKING:
    from pathlib import Path

    from numpy.typing import NDArray

    Ints = NDArray[np.int64]
    Floats = NDArray[np.float64]
    Bools = NDArray[np.bool_]

__all__ = ["DsnYear", "write_dsn_year"]

MONTHS_PER_YEAR: Final = 12
CDI, CDD, APPRENTICE = range(3)  # Person.contract
OUV, EMP, TAM, IC = range(4)  # Person.csp, in the order of the §7.3 tables
HIRE_P: Final = 0.09  # people hired during the generated months
CONTRACT_P_PRESENT: Final = (0.90, 0.06, 0.04)  # CDI, CDD, apprenticeship
CONTRACT_P_HIRED: Final = (0.55, 0.38, 0.07)
CDI_EXIT_P: Final = 0.07
RETIREMENT_AGE: Final = 60
# S21.G00.62.002 of permanent contracts, by cumulative probability; resignation else
RETIREMENT, RESIGNATION, END_OF_FIXED_TERM = "038", "059", "031"
CDI_EXIT_REASONS: Final = ((RETIREMENT, 0.15), ("043", 0.35), ("020", 0.50))
PART_TIME_P: Final = (0.07, 0.25)  # men, women (§7.3)
PART_TIME_PCT: Final = (50, 60, 70, 80, 90)
PART_TIME_PCT_P: Final = (0.20, 0.15, 0.10, 0.40, 0.15)
CHOSEN_P: Final = 0.6  # part time asked for by the employee (modality 41 or 42)
FORFAIT_P: Final = 0.7  # ic on a yearly forfait in days
MOTHER_AGES: Final = (25, 43)
MATERNITY_P: Final = 0.06  # women of those ages present all year
MATERNITY_DAYS: Final = (112, 182)  # 16 weeks; 26 from the third child
LONG_LEAVE_P: Final = 0.2
PART_TIME_AFTER_LEAVE_P: Final = 0.3
PART_TIME_AFTER_LEAVE_PCT: Final = 80
RAISE_AFTER_LEAVE_P: Final = 0.5
RAISE_PCT: Final = 3
WORKING_TIME_CHANGE_P: Final = 0.04
WITH_BLOCK_41_P: Final = 0.5  # changes also declared in an S21.G00.41 block
PROMOTION_P: Final = 0.05  # coefficient rise, ouv/emp/tam present all year
SICKNESS_P: Final = 0.02  # per person and month
WORK_ACCIDENT_P: Final = 0.002
NTT_P: Final = 0.02  # a temporary number instead of the NIR
NO_SEX_CODE_P: Final = 0.10  # sex read from the NIR
OVERTIME_P: Final = 0.25  # per month, full-time hourly ouv/emp/tam
BONUS_P: Final = 0.4  # a year-end bonus
IN_KIND_P: Final = 0.15  # ic with a monthly benefit in kind
IN_KIND_CENTS: Final = 150_00
MONTHLY_PAY: Final = (1_950_00, 2_050_00, 2_650_00, 4_200_00)  # FTE median, cents
APPRENTICE_PAY: Final = 1_150_00
NO_DAY: Final = -1


@dataclass(frozen=True, slots=True, kw_only=True)
class DsnYear:
    """The files written and what the reader must find in them (one period)."""

    files: tuple[Path, ...]
    n_lines: int  # non-blank lines of all files
    n_employees: int
    n_women: int
    n_men: int
    n_hires: int  # hire date in the calendar year
    n_exits: int  # end of contract within the generated months
    n_maternity_returns: int
    n_working_time_changes: int
    n_chosen_changes: int  # of which the part time concerned was asked for
    n_promotions: int
    n_work_accidents: int


@dataclass(frozen=True, slots=True)
class _Draws:
    """Per-person arrays, in person order (the order of the files)."""

    woman: Bools
    contract: Ints
    csp: Ints
    job: list[str]
    birth: Ints  # ordinal days
    hire: Ints
    exit: Ints  # NO_DAY: no end of contract within the generated months
    planned_end: Ints  # S21.G00.40.010 of fixed-term contracts
    exit_reason: list[str]
    pct: Ints  # working time, percent


def write_dsn_year(
    folder: Path,
    *,
    n_employees: int,
    seed: int,
    year: int = 2025,
    n_months: int = 12,
) -> DsnYear:
    """Write ``n_months`` monthly DSN files (the last months of ``year``) into ``folder``.

    ``n_employees`` is the number of distinct people declared in those months, hires and
    leavers included. Files are named ``dsn_YYYY_MM.dsn``, cp1252 with CRLF line ends.
    """
    if n_employees < 1 or not 1 <= n_months <= MONTHS_PER_YEAR:
        raise ValueError("n_employees must be ≥ 1 and n_months within 1-12")
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed])))
    months = [
        month_of(year, number, index)
        for index, number in enumerate(range(13 - n_months, 13))
    ]
    draws = _draw_people(rng, n_employees, months)
    people = _people(rng, draws, months)
    _add_events(rng, draws, people, months)
    folder.mkdir(parents=True, exist_ok=True)
    files, n_lines = write_files(folder, people, months)
    return _truth(draws, people, months, files=files, n_lines=n_lines)


def _draw_people(rng: np.random.Generator, n: int, months: list[Month]) -> _Draws:
    start, end = months[0].first, months[-1].last
    hired = rng.random(n) < HIRE_P
    contract = np.where(
        hired, _pick(rng, CONTRACT_P_HIRED, n), _pick(rng, CONTRACT_P_PRESENT, n)
    )
    csp = np.where(contract == APPRENTICE, rng.integers(0, 2, n), _pick(rng, CSP_P, n))
    job, share = _jobs(rng, csp)
    woman = rng.random(n) < share
    age = np.where(
        contract == APPRENTICE,
        16 + np.floor(10 * rng.beta(2, 3, n)),
        18 + np.floor(47 * rng.beta(2.2, 2.6, n)),
    ).astype(np.int64)
    birth = end - np.floor(age * 365.25).astype(np.int64) - rng.integers(0, 365, n)
    seniority = np.minimum(age - 18, rng.gamma(1.5, 6.0, n))
    seniority = np.where(contract == APPRENTICE, rng.uniform(0, 2, n), seniority)
    hire = np.where(
        hired,
        start + rng.integers(0, end - start + 1, n),
        start - 1 - np.floor(np.maximum(seniority, 0) * 365.25).astype(np.int64),
    )
    exit_day, planned, reason = _exits(rng, contract, hire, age, months)
    part_time = rng.random(n) < np.where(woman, PART_TIME_P[1], PART_TIME_P[0])
    pct = np.where(
        part_time & (contract != APPRENTICE),
        np.asarray(PART_TIME_PCT)[_pick(rng, PART_TIME_PCT_P, n)],
        FULL_TIME_PCT,
    )
    return _Draws(
        woman, contract, csp, job, birth, hire, exit_day, planned, reason, pct
    )


def _pick(rng: np.random.Generator, p: tuple[float, ...], n: int) -> Ints:
    cumulative = np.cumsum(p) / np.sum(p)
    return np.searchsorted(cumulative, rng.random(n), side="right").astype(np.int64)


def _jobs(rng: np.random.Generator, csp: Ints) -> tuple[list[str], Floats]:
    """A job within the CSP by the job weights of §7.3, and its share of women."""
    u = rng.random(len(csp))
    names: list[str] = []
    shares: list[float] = []
    for category, draw in zip(csp.tolist(), u.tolist(), strict=True):
        jobs = JOBS[category]
        weights = np.cumsum([weight for _, weight, _ in jobs])
        at = min(
            int(np.searchsorted(weights / weights[-1], draw, side="right")),
            len(jobs) - 1,
        )
        names.append(jobs[at][0])
        shares.append(jobs[at][2])
    return names, np.asarray(shares)


def _exits(
    rng: np.random.Generator,
    contract: Ints,
    hire: Ints,
    age: Ints,
    months: list[Month],
) -> tuple[Ints, Ints, list[str]]:
    """End dates within the generated months (else NO_DAY), planned ends of fixed-term
    contracts, and S21.G00.62.002 codes."""
    n = len(contract)
    start, end = months[0].first, months[-1].last
    planned = np.where(
        hire >= start,
        hire + rng.integers(30, 301, n),  # hired during the generated months
        start + rng.integers(0, 2 * (end - start + 1), n),
    )
    planned = np.where(contract == APPRENTICE, hire + 730, planned)
    earliest = np.maximum(hire, start)
    quits = rng.random(n) < CDI_EXIT_P
    quit_day = earliest + np.floor(rng.random(n) * (end - earliest + 1)).astype(
        np.int64
    )
    kind = rng.random(n).tolist()
    exit_day = np.where(contract == CDI, np.where(quits, quit_day, NO_DAY), planned)
    exit_day = np.where((exit_day >= start) & (exit_day <= end), exit_day, NO_DAY)
    reasons = [
        _reason(c, k, a)
        for c, k, a in zip(contract.tolist(), kind, age.tolist(), strict=True)
    ]
    return exit_day.astype(np.int64), planned.astype(np.int64), reasons


def _reason(contract: int, draw: float, age: int) -> str:
    if contract != CDI:
        return END_OF_FIXED_TERM
    for code, below in CDI_EXIT_REASONS:
        if draw < below and (code != RETIREMENT or age >= RETIREMENT_AGE):
            return code
    return RESIGNATION


def _people(
    rng: np.random.Generator, draws: _Draws, months: list[Month]
) -> list[Person]:
    n, n_months = len(draws.contract), len(months)
    base = _base_pay(rng, draws)
    forfait = (draws.csp == IC) & (rng.random(n) < FORFAIT_P)
    chosen = rng.random(n) < CHOSEN_P
    part_time_code = np.where(chosen, rng.integers(41, 43, n), 20).tolist()
    coefficient = (150 + 10 * rng.integers(0, 30, n)).tolist()
    overtime, bonus, in_kind = _other_pay(rng, draws, base, n_months)
    ids = _identities(rng, draws)
    pct = draws.pct.tolist()
    modality = [
        "10" if p == FULL_TIME_PCT else str(c)
        for p, c in zip(pct, part_time_code, strict=True)
    ]
    return [
        Person(
            index=i,
            woman=bool(draws.woman[i]),
            identity=ids[i],
            birth=int(draws.birth[i]),
            csp=int(draws.csp[i]),
            contract=int(draws.contract[i]),
            job=draws.job[i],
            hire=int(draws.hire[i]),
            exit=int(draws.exit[i]),
            exit_reason=draws.exit_reason[i],
            planned_end=int(draws.planned_end[i]),
            forfait=bool(forfait[i]),
            part_time_modality=str(part_time_code[i]),
            pct=[pct[i]] * n_months,
            modality=[modality[i]] * n_months,
            coefficient=[coefficient[i]] * n_months,
            base=[int(base[i])] * n_months,
            overtime=overtime[i].tolist(),
            bonus=int(bonus[i]),
            in_kind=IN_KIND_CENTS if in_kind[i] else 0,
        )
        for i in range(n)
    ]


def _other_pay(
    rng: np.random.Generator, draws: _Draws, base: Ints, n_months: int
) -> tuple[Ints, Ints, Bools]:
    """Overtime hours per month, a year-end bonus in cents, a benefit in kind or not."""
    n = len(base)
    overtime = rng.integers(1, 13, (n, n_months)) * (
        rng.random((n, n_months)) < OVERTIME_P
    )
    rate = rng.uniform(0.02, 0.10, n) * np.where(draws.csp == IC, 2.0, 1.0)
    bonus = np.where(rng.random(n) < BONUS_P, np.round(base * rate), 0)
    in_kind = (draws.csp == IC) & (rng.random(n) < IN_KIND_P)
    return overtime.astype(np.int64), bonus.astype(np.int64), in_kind


def _base_pay(rng: np.random.Generator, draws: _Draws) -> Ints:
    """Full-time monthly base salary in cents: by CSP, seniority and a log-normal spread."""
    median = np.asarray(MONTHLY_PAY)[draws.csp]
    median = np.where(draws.contract == APPRENTICE, APPRENTICE_PAY, median)
    spread = np.exp(rng.normal(0.0, 0.12, len(median)))
    years: Floats = np.clip((draws.hire.max() - draws.hire) / 365.25, 0, 30)
    pay: Floats = median * spread * np.exp(0.01 * years)
    return np.round(pay).astype(np.int64)


def _identities(rng: np.random.Generator, draws: _Draws) -> list[tuple[str, str, str]]:
    """(rubric of the identifier, identifier, S21.G00.30.005 or "") per person.

    NIRs are invalid on purpose (department 00, as in §10.3) and unique (the person's
    rank); a few people have a temporary number (NTT) instead, and some no declared sex,
    which the reader then takes from the NIR.
    """
    n = len(draws.woman)
    ntt = (rng.random(n) < NTT_P).tolist()
    no_code = (rng.random(n) < NO_SEX_CODE_P).tolist()
    found = []
    for i, (woman, birth) in enumerate(
        zip(draws.woman.tolist(), draws.birth.tolist(), strict=True)
    ):
        born = dt.date.fromordinal(birth)
        first = ("8" if woman else "7") if ntt[i] else ("2" if woman else "1")
        number = f"{first}{born.year % 100:02d}{born.month:02d}00{i + 1:06d}"
        code = "" if no_code[i] and not ntt[i] else ("02" if woman else "01")
        found.append(("020" if ntt[i] else "001", number, code))
    return found


def _add_events(
    rng: np.random.Generator,
    draws: _Draws,
    people: list[Person],
    months: list[Month],
) -> None:
    """Maternity leaves, working-time changes, promotions and stoppages, in that order."""
    n = len(people)
    all_year = (draws.hire < months[0].first) & (draws.exit == NO_DAY)
    age = (months[-1].last - draws.birth) / 365.25
    mother = all_year & draws.woman & (age >= MOTHER_AGES[0]) & (age < MOTHER_AGES[1])
    mother &= rng.random(n) < MATERNITY_P
    leave_start = rng.integers(months[0].first - 100, months[-1].last - 29, n)
    long_leave = rng.random(n) < LONG_LEAVE_P
    after_leave = rng.random((n, 2))
    for i in np.flatnonzero(mother).tolist():
        days = MATERNITY_DAYS[1] if long_leave[i] else MATERNITY_DAYS[0]
        _maternity(people[i], int(leave_start[i]), days, after_leave[i], months)
    promotable = all_year & (draws.csp != IC)
    _changes(rng, people, months, eligible=all_year & ~mother, promotable=promotable)
    _stoppages(rng, people, months, eligible=all_year & ~mother)


def _changes(
    rng: np.random.Generator,
    people: list[Person],
    months: list[Month],
    *,
    eligible: Bools,
    promotable: Bools,
) -> None:
    """Working-time changes (part time to full time, or the reverse) and coefficient
    rises, from a month after the first so that the month before shows the old values."""
    n, n_months = len(people), len(months)
    at = rng.integers(1, max(n_months, 2), (n, 2))  # change and promotion months
    day = rng.integers(0, 28, n)
    with_block = rng.random(n) < WITH_BLOCK_41_P
    new_pct = np.asarray(PART_TIME_PCT)[_pick(rng, PART_TIME_PCT_P, n)]
    changes = eligible & (rng.random(n) < WORKING_TIME_CHANGE_P)
    promoted = promotable & (rng.random(n) < PROMOTION_P)
    step = 10 * rng.integers(1, 3, n)
    if n_months == 1:
        return
    for i in np.flatnonzero(changes).tolist():
        person, month = people[i], months[int(at[i, 0])]
        full_time = person.pct[0] == FULL_TIME_PCT
        person.change_working_time(
            month.index,
            month.first + int(day[i]),
            int(new_pct[i]) if full_time else FULL_TIME_PCT,
            with_block=bool(with_block[i]),
        )
    for i in np.flatnonzero(promoted).tolist():
        people[i].promote(int(at[i, 1]), int(step[i]))


def _maternity(
    person: Person, start: int, days: int, draws: Floats, months: list[Month]
) -> None:
    """A maternity leave from ``start``; after a return within the months, maybe a raise
    and maybe part time asked for (modality 42)."""
    back = start + days  # first day back at work
    person.stoppages.append(Stoppage("02", start - 1, back - 1, back))
    returned = next((m for m in months if m.first <= back <= m.last), None)
    if returned is None or returned.index == 0:
        return
    if draws[0] < RAISE_AFTER_LEAVE_P:
        person.raise_from(returned.index, RAISE_PCT)
    if draws[1] < PART_TIME_AFTER_LEAVE_P and person.pct[0] == FULL_TIME_PCT:
        person.change_working_time(
            returned.index,
            back,
            PART_TIME_AFTER_LEAVE_PCT,
            with_block=True,
            modality="42",
        )


def _stoppages(
    rng: np.random.Generator,
    people: list[Person],
    months: list[Month],
    *,
    eligible: Bools,
) -> None:
    """Short sickness stoppages and work accidents, each within one month."""
    n, n_months = len(people), len(months)
    u = rng.random((n, n_months))
    last_worked = rng.integers(0, 16, (n, n_months))
    length = rng.integers(1, 11, (n, n_months))
    hit = (u < SICKNESS_P + WORK_ACCIDENT_P) & eligible[:, None]
    for i, k in zip(*np.nonzero(hit), strict=True):
        code = "06" if u[i, k] < WORK_ACCIDENT_P else "01"
        worked = months[int(k)].first + int(last_worked[i, k])
        back = worked + 1 + int(length[i, k])
        people[int(i)].stoppages.append(Stoppage(code, worked, back - 1, back))


def _truth(
    draws: _Draws,
    people: list[Person],
    months: list[Month],
    *,
    files: tuple[Path, ...],
    n_lines: int,
) -> DsnYear:
    year = months[-1].year
    first, last = dt.date(year, 1, 1).toordinal(), dt.date(year, 12, 31).toordinal()
    start, end = months[0].first, months[-1].last
    stoppages = [s for p in people for s in p.stoppages]
    changes = [chosen for p in people for chosen in p.changes]
    return DsnYear(
        files=files,
        n_lines=n_lines,
        n_employees=len(people),
        n_women=int(draws.woman.sum()),
        n_men=int((~draws.woman).sum()),
        n_hires=int(((draws.hire >= first) & (draws.hire <= last)).sum()),
        n_exits=int((draws.exit != NO_DAY).sum()),
        n_maternity_returns=sum(
            1 for s in stoppages if s.code == "02" and start <= s.back <= end
        ),
        n_working_time_changes=len(changes),
        n_chosen_changes=sum(changes),
        n_promotions=sum(p.promoted for p in people),
        n_work_accidents=sum(
            1 for s in stoppages if s.code == "06" and start <= s.last_worked + 1 <= end
        ),
    )
