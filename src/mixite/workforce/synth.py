"""Synthetic workforce generator (workforce.md §7).

``generate()`` yields canonical Arrow record batches, one per chunk of
:data:`CHUNK_ROWS` rows and per period; ``write()`` streams them to Parquet, CSV or
XLSX. Chunk k of year y draws from its own ``PCG64(SeedSequence([seed, y, k]))``, so a
chunk is reproducible on its own and memory stays bounded by one chunk (plus, with
several years, the few fields carried from one year to the next).

Distributions and injected effects are those of §7.3 and §7.4; the probabilities and
amounts below quote that table.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from mixite.errors import MixiteError

if TYPE_CHECKING:
    from collections.abc import Callable, Iterator

    from numpy.typing import NDArray

    Ints = NDArray[np.int64]
    Floats = NDArray[np.float64]
    Bools = NDArray[np.bool_]

Style = Literal["fr", "canonical"]
Format = Literal["parquet", "csv", "xlsx"]

CHUNK_ROWS = 250_000  # §7.2: a constant, not an option
MAX_ROWS = 100_000_000  # §7.1
MAX_YEARS = 10  # §7.1
MIN_PERIOD, MAX_PERIOD = 1990, 2100  # §1.2, range of `period`
XLSX_MAX_ROWS = 1_048_575  # one sheet holds 1,048,576 rows, the header included
FULL_TIME_MONTHLY_HOURS = 151.67  # 35 h × 52 / 12 (§2.4)
ID_MIN_WIDTH = 7  # §7.3: E + zero-padded sequence number
FORMATS: dict[str, Format] = {".parquet": "parquet", ".csv": "csv", ".xlsx": "xlsx"}
FIXED_TIMESTAMP = "2000-01-01T00:00:00Z"  # XLSX document properties (§7.2)
ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # XLSX archive entries (§7.2)
BOM = b"\xef\xbb\xbf"

# --- §7.3 tables -------------------------------------------------------------------------
CONTRACTS = ("permanent", "fixed_term", "apprentice", "professionalisation")
PERMANENT, FIXED_TERM, APPRENTICE, PROFESSIONALISATION = range(4)
CONTRACT_P = (0.86, 0.09, 0.035, 0.015)
CSPS = ("ouv", "emp", "tam", "ic")
OUV, EMP, TAM, IC = range(4)
CSP_P = (0.30, 0.28, 0.22, 0.20)
WORK_STUDY_CSP_P = (0.5, 0.5)  # apprentices and professionalisation: ouv or emp
JOBS: tuple[
    tuple[tuple[str, float, float], ...], ...
] = (  # (job, weight, share of women)
    (
        ("Opérateur de production", 0.35, 0.28),
        ("Préparateur de commandes", 0.20, 0.15),
        ("Cariste", 0.15, 0.06),
        ("Agent de conditionnement", 0.15, 0.50),
        ("Électricien", 0.10, 0.03),
        ("Agent de propreté", 0.05, 0.60),
    ),
    (
        ("Assistant administratif", 0.25, 0.88),
        ("Agent d'accueil", 0.15, 0.82),
        ("Vendeur", 0.15, 0.62),
        ("Employé logistique", 0.15, 0.25),
        ("Chargé de clientèle", 0.20, 0.72),
        ("Aide-comptable", 0.10, 0.85),
    ),
    (
        ("Technicien de maintenance", 0.25, 0.07),
        ("Technicien qualité", 0.15, 0.48),
        ("Comptable", 0.15, 0.78),
        ("Chef d'équipe", 0.20, 0.22),
        ("Assistant RH", 0.10, 0.85),
        ("Dessinateur projeteur", 0.15, 0.30),
    ),
    (
        ("Ingénieur études", 0.25, 0.24),
        ("Chef de projet", 0.20, 0.38),
        ("Responsable RH", 0.10, 0.68),
        ("Contrôleur de gestion", 0.15, 0.50),
        ("Directeur de site", 0.10, 0.18),
        ("Juriste", 0.05, 0.66),
        ("Responsable commercial", 0.15, 0.32),
    ),
)
JOB_NAMES = tuple(job for jobs in JOBS for job, _, _ in jobs)
JOB_SHARE_F = np.array([share for jobs in JOBS for _, _, share in jobs])
JOB_OFFSET = np.cumsum([0] + [len(jobs) for jobs in JOBS[:-1]])
_N_JOBS_MAX = max(len(jobs) for jobs in JOBS)
JOB_THRESHOLDS = np.array(  # per CSP: cumulative weights, the last one padded to +inf
    [
        [
            *np.cumsum([w for _, w, _ in jobs])[:-1],
            *[np.inf] * (_N_JOBS_MAX - len(jobs)),
        ]
        for jobs in JOBS
    ]
)
LEVEL_PREFIX = ("O", "E", "T", "C")
LEVEL_CUTS = (  # latent z thresholds per CSP
    (0.8, 2.0),
    (0.8, 2.0),
    (0.8, 2.0),
    (0.8, 1.8, 2.8),
)
UNIT_LABELS = tuple(f"Site {u:03d}" for u in range(1, 401))  # at most 400 sites
N_LEVELS = np.array([len(cuts) + 1 for cuts in LEVEL_CUTS])
LEVEL_LABELS = tuple(f"{p}{i}" for p in LEVEL_PREFIX for i in range(1, 5))  # 4 per CSP
LEVEL_MULTIPLIER = np.array([0.0, 1.00, 1.12, 1.26, 1.42])  # by level 1–4
GLASS_CEILING = 0.25  # latent level shift of women in tam and ic (§7.4)
MEDIAN_PAY = np.array([23_500.0, 24_500.0, 31_500.0, 50_000.0])  # yearly FTE, by CSP
APPRENTICE_PAY = 14_000.0
HIRE_P = np.array([0.06, 0.60, 0.45, 0.45])  # hired in the period, by contract
EXIT_P = np.array([0.06, 0.45, 0.15, 0.15])  # leaves in the period, by contract
EXIT_REASONS = (
    "retirement",
    "resignation",
    "end_of_fixed_term",
    "dismissal",
    "mutual_termination",
    "end_of_trial",
    "death",
    "transfer",
    "other",
)
RETIREMENT, RESIGNATION, END_OF_FIXED_TERM, DISMISSAL, MUTUAL = range(5)
END_OF_TRIAL, OTHER_REASON = 5, 8
PERMANENT_REASONS = np.array(
    [RESIGNATION, DISMISSAL, MUTUAL, RETIREMENT, END_OF_TRIAL, OTHER_REASON]
)
PERMANENT_REASON_P = (0.45, 0.15, 0.15, 0.15, 0.05, 0.05)
RETIREMENT_MIN_AGE = 58
PART_TIME_P_F, PART_TIME_P_M = 0.25, 0.07
PART_TIME_RATIOS = np.array([0.5, 0.6, 0.7, 0.8, 0.9])
PART_TIME_RATIO_P = (0.20, 0.15, 0.10, 0.40, 0.15)
OVERTIME_P_F, OVERTIME_P_M = 0.15, 0.30
VARIABLE_P = np.array([0.55, 0.60, 0.70, 0.85])
RAISE_P, PROMOTION_P = 0.45, 0.08
MANAGER_P = np.array([0.03, 0.04, 0.30, 0.45])
MANAGER_F_FACTOR = 0.8
ACCIDENT_RATE = np.array([0.05, 0.01, 0.02, 0.003])
WORK_ORGANISATION_P = np.array(  # shift, night, variable hours, weekend; by CSP
    [
        [0.35, 0.10, 0.05, 0.15],
        [0.05, 0.02, 0.30, 0.20],
        [0.15, 0.05, 0.30, 0.10],
        [0.00, 0.01, 0.60, 0.05],
    ]
)
# year t → t + 1 (§7.3 "Several years")
GROWTH, RAISE_GROWTH, PROMOTION_GROWTH = 1.015, 1.02, 1.06

# --- output columns ----------------------------------------------------------------------
# (canonical name, Arrow type, CSV formatting); order of §1.2
_COLUMNS: tuple[tuple[str, pa.DataType, str], ...] = (
    ("employee_id", pa.string(), "text"),
    ("sex", pa.string(), "sex"),
    ("period", pa.int64(), "int"),
    ("birth_date", pa.date32(), "date"),
    ("csp", pa.string(), "csp"),
    ("level", pa.string(), "text"),
    ("job", pa.string(), "text"),
    ("job_category", pa.string(), "text"),
    ("unit", pa.string(), "text"),
    ("contract", pa.string(), "contract"),
    ("hire_date", pa.date32(), "date"),
    ("exit_date", pa.date32(), "date"),
    ("presence_months", pa.float64(), "fixed4"),
    ("fte", pa.float64(), "fte"),
    ("hours_paid", pa.float64(), "fixed2"),
    ("base_pay", pa.float64(), "fixed2"),
    ("variable_pay", pa.float64(), "fixed2"),
    ("excluded_pay", pa.float64(), "fixed2"),
    ("raised", pa.bool_(), "bool"),
    ("promoted", pa.bool_(), "bool"),
    ("maternity_return", pa.bool_(), "bool"),
    ("raised_after_leave", pa.bool_(), "bool"),
    ("executive", pa.bool_(), "bool"),
    ("governing_body", pa.bool_(), "bool"),
    ("manager", pa.bool_(), "bool"),
    ("training_hours", pa.float64(), "fixed1"),
    ("hired", pa.bool_(), "bool"),
    ("exit_reason", pa.string(), "exit_reason"),
    ("part_time_chosen", pa.bool_(), "bool"),
    ("absence_days", pa.float64(), "int"),
    ("work_accidents", pa.int64(), "int"),
    ("shift_work", pa.bool_(), "bool"),
    ("night_work", pa.bool_(), "bool"),
    ("variable_hours", pa.bool_(), "bool"),
    ("weekend_work", pa.bool_(), "bool"),
)
SCHEMA = pa.schema([pa.field(name, type_) for name, type_, _ in _COLUMNS])
FTE_PERCENT_HEADER = "Taux d'activité (%)"  # §7.1: fte as an integer percent
FRENCH_LABELS: dict[str, dict[str, str]] = {  # §7.1, values of 4.3
    "sex": {"F": "F", "M": "H"},
    "csp": {"ouv": "Ouvrier", "emp": "Employé", "tam": "TAM", "ic": "Cadre"},
    "contract": {
        "permanent": "CDI",
        "fixed_term": "CDD",
        "apprentice": "Apprentissage",
        "professionalisation": "Professionnalisation",
    },
    "exit_reason": {
        "retirement": "Retraite",
        "resignation": "Démission",
        "end_of_fixed_term": "Fin de CDD",
        "dismissal": "Licenciement",
        "mutual_termination": "Rupture conventionnelle",
        "end_of_trial": "Fin de période d'essai",
        "death": "Décès",
        "transfer": "Mutation",
        "other": "Autre",
    },
}
YES_NO = {"fr": ("Oui", "Non"), "canonical": ("true", "false")}


class SynthArgumentError(MixiteError, ValueError):
    """An argument of the generator is out of its range (the CLI exits with 2)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class SynthParams:
    """The arguments of §7.1, checked by :meth:`check`."""

    rows: int
    seed: int
    pay_gap: float = 0.08
    raise_gap: float = 0.03
    promotion_gap: float = 0.02
    effects: bool = True
    period: int = 2025
    years: int = 1

    def check(self) -> None:
        """Raise :class:`SynthArgumentError` naming the first argument out of range."""
        first = self.period - self.years + 1
        problems = (
            (not 1 <= self.rows <= MAX_ROWS, f"--rows must be 1 to {MAX_ROWS:,}"),
            (self.seed < 0, "--seed must be an integer ≥ 0"),
            (not 0 <= self.pay_gap <= 0.5, "--pay-gap must be 0 to 0.5"),  # noqa: PLR2004
            (
                not RAISE_P - 1 <= self.raise_gap <= RAISE_P,
                f"--raise-gap must be {RAISE_P - 1:g} to {RAISE_P:g}",
            ),
            (
                not PROMOTION_P - 1 <= self.promotion_gap <= PROMOTION_P,
                f"--promotion-gap must be {PROMOTION_P - 1:g} to {PROMOTION_P:g}",
            ),
            (not 1 <= self.years <= MAX_YEARS, f"--years must be 1 to {MAX_YEARS}"),
            (
                not (first >= MIN_PERIOD and self.period <= MAX_PERIOD),
                f"--period must be {MIN_PERIOD} to {MAX_PERIOD}, "
                f"and --period − --years + 1 ≥ {MIN_PERIOD}",
            ),
        )
        for failed, message in problems:
            if failed:
                raise SynthArgumentError(message)

    @property
    def n_rows_total(self) -> int:
        return self.rows * self.years

    @property
    def id_width(self) -> int:
        return max(ID_MIN_WIDTH, len(str(self.n_rows_total)))

    @property
    def gaps(self) -> tuple[float, float, float, float]:
        """(pay gap, raise gap, promotion gap, glass ceiling); zero without effects."""
        if not self.effects:
            return 0.0, 0.0, 0.0, 0.0
        return self.pay_gap, self.raise_gap, self.promotion_gap, GLASS_CEILING


@dataclass(frozen=True, slots=True)
class _Calendar:
    period: int
    start: int  # days since 1970-01-01
    end: int
    month_starts: Ints
    month_days: Ints

    @classmethod
    def of(cls, period: int) -> _Calendar:
        months = np.arange(f"{period}-01", f"{period + 1}-01", dtype="datetime64[M]")
        bounds = (
            np.append(months, months[-1] + 1).astype("datetime64[D]").astype(np.int64)
        )
        return cls(
            period, int(bounds[0]), int(bounds[-1]) - 1, bounds[:-1], np.diff(bounds)
        )


@dataclass(slots=True)
class _People:
    """The attributes a person keeps from one year to the next, for one chunk."""

    female: Bools
    birth: Ints
    hire: Ints
    contract: Ints
    csp: Ints
    job: Ints
    level: Ints
    base_pay_fte: Floats
    age: Ints


_CARRY_SCHEMA = pa.schema(
    [
        ("id", pa.int64()),
        ("female", pa.bool_()),
        ("birth", pa.int64()),
        ("hire", pa.int64()),
        ("contract", pa.int8()),
        ("csp", pa.int8()),
        ("job", pa.int8()),
        ("level", pa.int8()),
        ("base_pay_fte", pa.float64()),
    ]
)


def generate(
    rows: int,
    seed: int,
    *,
    pay_gap: float = 0.08,
    raise_gap: float = 0.03,
    promotion_gap: float = 0.02,
    effects: bool = True,
    period: int = 2025,
    years: int = 1,
) -> Iterator[pa.RecordBatch]:
    """Canonical batches (:data:`SCHEMA`): each period in turn, one per chunk.

    Raises :class:`SynthArgumentError` at once (not on first iteration) when an
    argument is out of range.
    """
    params = SynthParams(
        rows=rows,
        seed=seed,
        pay_gap=pay_gap,
        raise_gap=raise_gap,
        promotion_gap=promotion_gap,
        effects=effects,
        period=period,
        years=years,
    )
    params.check()
    return _batches(params)


def _batches(params: SynthParams) -> Iterator[pa.RecordBatch]:
    carried = _CARRY_SCHEMA.empty_table()
    next_id = 1
    n_chunks = -(-params.rows // CHUNK_ROWS)
    unit_cdf = _unit_cdf(params.rows)
    for year_index in range(params.years):
        calendar = _Calendar.of(params.period - params.years + 1 + year_index)
        keep = year_index < params.years - 1
        survivors: list[pa.RecordBatch] = []
        n_carried = carried.num_rows
        for k in range(n_chunks):
            first, stop = k * CHUNK_ROWS, min(params.rows, (k + 1) * CHUNK_ROWS)
            n_old = max(0, min(stop, n_carried) - first)
            first_new = next_id + max(first, n_carried) - n_carried
            ids = np.arange(first_new - n_old, first_new + stop - first - n_old)
            rng = np.random.Generator(
                np.random.PCG64(np.random.SeedSequence([params.seed, year_index, k]))
            )
            old = carried.slice(first, n_old) if n_old else None
            if old is not None:
                ids[:n_old] = old.column("id").to_numpy()
            batch, state = _chunk(
                rng,
                ids,
                old=old,
                calendar=calendar,
                params=params,
                unit_cdf=unit_cdf,
                year_index=year_index,
            )
            if keep:
                survivors.append(state)
            yield batch
        next_id += params.rows - n_carried
        carried = pa.Table.from_batches(survivors, schema=_CARRY_SCHEMA)


def _unit_cdf(rows: int) -> Floats:
    n_units = 1 + min(rows // 150, 399)
    weights = 1.0 / np.arange(1, n_units + 1) ** 0.8
    cdf: Floats = np.cumsum(weights) / weights.sum()
    return cdf


def _pick(cdf_or_p: tuple[float, ...] | Floats, u: Floats) -> Ints:
    """Category index for uniforms ``u`` given probabilities (or a CDF array)."""
    cdf = np.cumsum(cdf_or_p) if isinstance(cdf_or_p, tuple) else cdf_or_p
    picked: Ints = np.minimum(np.searchsorted(cdf, u, side="right"), len(cdf) - 1)
    return picked


def _chunk(
    rng: np.random.Generator,
    ids: Ints,
    *,
    old: pa.Table | None,
    calendar: _Calendar,
    params: SynthParams,
    unit_cdf: Floats,
    year_index: int,
) -> tuple[pa.RecordBatch, pa.RecordBatch]:
    n = len(ids)
    force_hired = np.zeros(n, dtype=bool)
    if year_index > 0:  # later years: new people are hired in the period
        force_hired[0 if old is None else old.num_rows :] = True
    people = _draw_people(rng, n, calendar, params, force_hired)
    if old is not None:
        _overwrite(people, old, calendar)
    columns, raised, promoted, exited = _draw_year(
        rng, people, calendar, params, unit_cdf
    )
    columns["employee_id"] = _ids(ids, params.id_width)
    batch = pa.RecordBatch.from_arrays([columns[f.name] for f in SCHEMA], schema=SCHEMA)
    return batch, _carry_state(ids, people, raised, promoted, ~exited)


def _draw_people(
    rng: np.random.Generator,
    n: int,
    calendar: _Calendar,
    params: SynthParams,
    force_hired: Bools,
) -> _People:
    """A new person per row, drawn as in the first year (§7.3), in a fixed draw order."""
    pay_gap, _, _, glass_ceiling = params.gaps
    contract = _pick(CONTRACT_P, rng.random(n))
    work_study = contract >= APPRENTICE
    u_csp = rng.random(n)
    csp = np.where(work_study, _pick(WORK_STUDY_CSP_P, u_csp), _pick(CSP_P, u_csp))
    u_job = rng.random(n)
    job = JOB_OFFSET[csp] + (u_job[:, None] >= JOB_THRESHOLDS[csp]).sum(axis=1)
    female = rng.random(n) < JOB_SHARE_F[job]
    beta_main, beta_work_study = rng.beta(2.2, 2.6, n), rng.beta(2.0, 3.0, n)
    age = np.where(
        contract == APPRENTICE,
        16 + np.floor(10 * beta_work_study),
        np.where(
            contract == PROFESSIONALISATION,
            18 + np.floor(12 * beta_work_study),
            18 + np.floor(47 * beta_main),
        ),
    ).astype(np.int64)
    birth = _december_31(calendar.period - age) - rng.integers(0, 365, n)
    hired = (rng.random(n) < HIRE_P[contract]) | force_hired
    hire_in_period = calendar.start + rng.integers(
        0, calendar.end - calendar.start + 1, n
    )
    gamma_s, uniform_s = rng.gamma(1.5, 6.0, n), rng.uniform(0.0, 2.0, n)
    seniority = np.where(
        contract == APPRENTICE, uniform_s, np.minimum(age - 18, gamma_s)
    )
    seniority = np.where(hired, 0.0, seniority)
    hire = np.where(
        hired,
        hire_in_period,
        calendar.start - 1 - np.floor(seniority * 365.25).astype(np.int64),
    )
    latent = 0.12 * seniority + rng.standard_normal(n)
    latent -= glass_ceiling * (female & (csp >= TAM))
    level = _level(csp, latent)
    median = np.where(contract == APPRENTICE, APPRENTICE_PAY, MEDIAN_PAY[csp])
    base_pay_fte = (
        median
        * LEVEL_MULTIPLIER[level]
        * np.exp(0.010 * seniority)
        * np.exp(0.004 * (age - 40))
        * np.exp(rng.normal(0.0, 0.12, n))
        * np.where(female, 1.0 - pay_gap, 1.0)
    )
    return _People(female, birth, hire, contract, csp, job, level, base_pay_fte, age)


def _december_31(years: Ints) -> Ints:
    next_january: Ints = (
        (years + 1 - 1970)
        .astype("datetime64[Y]")
        .astype("datetime64[D]")
        .astype(np.int64)
    )
    return next_january - 1


def _level(csp: Ints, latent: Floats) -> Ints:
    level = np.ones(len(csp), dtype=np.int64)
    for code, cuts in enumerate(LEVEL_CUTS):
        mask = csp == code
        level[mask] = 1 + np.searchsorted(np.array(cuts), latent[mask], side="right")
    return level


def _overwrite(people: _People, old: pa.Table, calendar: _Calendar) -> None:
    """Put the carried people's persistent attributes in the chunk's first rows."""
    n_old = old.num_rows
    for name in ("female", "birth", "hire", "contract", "csp", "job", "level"):
        getattr(people, name)[:n_old] = old.column(name).to_numpy()
    people.base_pay_fte[:n_old] = old.column("base_pay_fte").to_numpy()
    birth_year = people.birth[:n_old].astype("datetime64[D]").astype("datetime64[Y]")
    # completed years on 31 December: the difference of the years
    people.age[:n_old] = calendar.period - (birth_year.astype(np.int64) + 1970)


def _draw_year(
    rng: np.random.Generator,
    people: _People,
    calendar: _Calendar,
    params: SynthParams,
    unit_cdf: Floats,
) -> tuple[dict[str, pa.Array], Bools, Bools, Bools]:
    """Every column drawn anew each year, in a fixed draw order."""
    pay_gap, raise_gap, promotion_gap, _ = params.gaps
    n, female, csp, contract = (
        len(people.age),
        people.female,
        people.csp,
        people.contract,
    )
    work_study = contract >= APPRENTICE
    # exits
    exit_lo = np.maximum(people.hire, calendar.start)
    exited = (rng.random(n) < EXIT_P[contract]) & (exit_lo <= calendar.end - 1)
    exit_day = exit_lo + np.floor(rng.random(n) * (calendar.end - exit_lo)).astype(
        np.int64
    )
    reason = PERMANENT_REASONS[_pick(PERMANENT_REASON_P, rng.random(n))]
    reason = np.where(
        (reason == RETIREMENT) & (people.age < RETIREMENT_MIN_AGE), RESIGNATION, reason
    )
    reason = np.where(contract == FIXED_TERM, END_OF_FIXED_TERM, reason)
    reason = np.where(work_study, OTHER_REASON, reason)
    last_day = np.where(exited, exit_day, calendar.end)
    presence = _presence(people.hire, last_day, calendar)
    # working time
    part_time = ~work_study & (
        rng.random(n) < np.where(female, PART_TIME_P_F, PART_TIME_P_M)
    )
    ratio = PART_TIME_RATIOS[_pick(PART_TIME_RATIO_P, rng.random(n))]
    fte = np.where(part_time, ratio, 1.0)
    part_time_chosen = part_time & (rng.random(n) < 0.6)  # noqa: PLR2004 - §7.3
    unit = _pick(unit_cdf, rng.random(n))
    # pay
    paid_share = fte * presence / 12
    base_paid = people.base_pay_fte * paid_share
    overtime = (
        (fte == 1.0)
        & (csp != IC)
        & (rng.random(n) < np.where(female, OVERTIME_P_F, OVERTIME_P_M))
    )
    overtime_pay = np.where(overtime, base_paid * rng.uniform(0.01, 0.06, n), 0.0)
    severance = exited & ((reason == DISMISSAL) | (reason == MUTUAL))
    severance_pay = np.where(
        severance, people.base_pay_fte / 12 * rng.uniform(1.0, 6.0, n), 0.0
    )
    excluded = np.round(np.round(overtime_pay, 2) + np.round(severance_pay, 2), 2)
    base_pay = np.round(np.round(base_paid, 2) + excluded, 2)
    recipient = rng.random(n) < VARIABLE_P[csp]
    low_rate, high_rate = rng.uniform(0.02, 0.08, n), rng.uniform(0.05, 0.20, n)
    rate = np.where(csp == IC, high_rate, low_rate) * np.where(female, 1 - pay_gap, 1.0)
    variable = np.where(
        recipient, np.round(people.base_pay_fte * rate * paid_share, 2), 0.0
    )
    # careers, leaves, roles
    raised = rng.random(n) < np.where(female, RAISE_P - raise_gap, RAISE_P)
    promoted = rng.random(n) < np.where(
        female, PROMOTION_P - promotion_gap, PROMOTION_P
    )
    returner = female & (people.age >= 25) & (people.age <= 42) & (rng.random(n) < 0.05)  # noqa: PLR2004
    raised_after_leave = rng.random(n) < 0.85  # noqa: PLR2004 - §7.3
    manager = rng.random(n) < MANAGER_P[csp] * np.where(female, MANAGER_F_FACTOR, 1.0)
    executive = (csp == IC) & (people.level == 4) & (rng.random(n) < 0.15)  # noqa: PLR2004
    governing_body = executive & (rng.random(n) < 0.25)  # noqa: PLR2004 - §7.3
    trained = rng.random(n) < np.where(csp == IC, 0.65, 0.55)
    hours = rng.gamma(2.0, 7.0, n) * np.where(csp == IC, 1.2, 1.0)
    training_hours = np.where(trained, np.round(hours * 2) / 2, 0.0)
    days_present = last_day - np.maximum(people.hire, calendar.start) + 1
    absence = np.minimum(np.round(rng.gamma(0.7, 14.0, n)), days_present)
    accidents = rng.poisson(ACCIDENT_RATE[csp])
    organisation = rng.random((4, n)) < WORK_ORGANISATION_P[csp].T
    columns: dict[str, pa.Array] = {
        "sex": _labels(("M", "F"), female.astype(np.int64)),
        "period": pa.array(np.full(n, calendar.period, dtype=np.int64)),
        "birth_date": _dates(people.birth),
        "csp": _labels(CSPS, csp),
        "level": _labels(LEVEL_LABELS, csp * 4 + people.level - 1),
        "job": _labels(JOB_NAMES, people.job),
        "unit": _labels(UNIT_LABELS, unit),
        "contract": _labels(CONTRACTS, contract),
        "hire_date": _dates(people.hire),
        "exit_date": _dates(exit_day, ~exited),
        "presence_months": pa.array(presence),
        "fte": pa.array(fte),
        "hours_paid": pa.array(np.round(fte * presence * FULL_TIME_MONTHLY_HOURS, 2)),
        "base_pay": pa.array(base_pay),
        "variable_pay": pa.array(variable),
        "excluded_pay": pa.array(excluded),
        "raised": pa.array(raised),
        "promoted": pa.array(promoted),
        "maternity_return": pa.array(returner),
        "raised_after_leave": pa.array(raised_after_leave, mask=~returner),
        "executive": pa.array(executive),
        "governing_body": pa.array(governing_body),
        "manager": pa.array(manager),
        "training_hours": pa.array(training_hours),
        "hired": pa.array(
            (people.hire >= calendar.start) & (people.hire <= calendar.end)
        ),
        "exit_reason": _labels(EXIT_REASONS, reason, ~exited),
        "part_time_chosen": pa.array(part_time_chosen),
        "absence_days": pa.array(absence.astype(np.float64)),
        "work_accidents": pa.array(accidents.astype(np.int64)),
    }
    for name, flags in zip(
        ("shift_work", "night_work", "variable_hours", "weekend_work"),
        organisation,
        strict=True,
    ):
        columns[name] = pa.array(flags)
    columns["job_category"] = columns["level"]
    return columns, raised, promoted, exited


def _presence(hire: Ints, last_day: Ints, calendar: _Calendar) -> Floats:
    """Sum of the monthly fractions of §2.3, month by month in calendar order."""
    total = np.zeros(len(hire))
    for first, n_days in zip(calendar.month_starts, calendar.month_days, strict=True):
        days = np.minimum(last_day, first + n_days - 1) - np.maximum(hire, first) + 1
        total += np.clip(days, 0, None) / n_days
    return total


def _labels(
    values: tuple[str, ...], codes: Ints, null: Bools | None = None
) -> pa.Array:
    indices = pa.array(codes.astype(np.int32), mask=null)
    return pa.array(values, pa.string()).take(indices)


def _dates(days: Ints, null: Bools | None = None) -> pa.Array:
    return pa.array(days.astype(np.int32), type=pa.date32(), mask=null)


def _ids(ids: Ints, width: int) -> pa.Array:
    """``E`` + the number zero-padded to ``width``: 10**width + id with its 1 replaced."""
    text = pa.array(ids + 10**width).cast(pa.string())
    return pc.utf8_replace_slice(text, start=0, stop=1, replacement="E")


def _carry_state(
    ids: Ints, people: _People, raised: Bools, promoted: Bools, stay: Bools
) -> pa.RecordBatch:
    """The people present at the end of the year, as they start the next one."""
    growth = GROWTH * np.where(raised, RAISE_GROWTH, 1.0)
    growth *= np.where(promoted, PROMOTION_GROWTH, 1.0)
    level = np.where(
        promoted & (people.level < N_LEVELS[people.csp]), people.level + 1, people.level
    )
    arrays: tuple[NDArray[Any], ...] = (
        ids,
        people.female,
        people.birth,
        people.hire,
        people.contract.astype(np.int8),
        people.csp.astype(np.int8),
        people.job.astype(np.int8),
        level.astype(np.int8),
        people.base_pay_fte * growth,
    )
    return pa.RecordBatch.from_arrays(
        [
            pa.array(a[stay]).cast(f.type)
            for a, f in zip(arrays, _CARRY_SCHEMA, strict=True)
        ],
        schema=_CARRY_SCHEMA,
    )


# --- writing -----------------------------------------------------------------------------
def format_of(path: Path) -> Format:
    """The output format from the file's extension (§7.1)."""
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise SynthArgumentError(
            f"--out {path}: unknown extension; use .parquet, .csv or .xlsx"
        )
    return fmt


def check_output(params: SynthParams, fmt: Format, style: Style) -> Style:
    """The style actually written; refuse what the format cannot hold (§7.1)."""
    if style not in YES_NO:
        raise SynthArgumentError(f"--style {style}: use fr or canonical")
    if fmt == "xlsx" and params.n_rows_total > XLSX_MAX_ROWS:
        raise SynthArgumentError(
            f"XLSX holds at most {XLSX_MAX_ROWS:,} data rows; "
            f"--rows × --years is {params.n_rows_total:,}: write .csv or .parquet"
        )
    return "canonical" if fmt == "parquet" else style  # Parquet is always canonical


def write(
    path: Path | str,
    rows: int,
    seed: int,
    *,
    style: Style = "fr",
    fmt: Format | None = None,
    pay_gap: float = 0.08,
    raise_gap: float = 0.03,
    promotion_gap: float = 0.02,
    effects: bool = True,
    period: int = 2025,
    years: int = 1,
    on_batch: Callable[[int], object] | None = None,
) -> None:
    """Generate and write ``path`` chunk by chunk (§7.1, §7.2).

    The format comes from the extension unless ``fmt`` is given; ``style`` applies to
    CSV and XLSX (Parquet is always canonical and typed). ``on_batch`` receives each
    batch's row count once it is written. The file appears only once complete, and
    replaces any file of that name.
    """
    path = Path(path)
    params = SynthParams(
        rows=rows,
        seed=seed,
        pay_gap=pay_gap,
        raise_gap=raise_gap,
        promotion_gap=promotion_gap,
        effects=effects,
        period=period,
        years=years,
    )
    params.check()
    fmt = fmt or format_of(path)
    chosen = check_output(params, fmt, style)
    batches = _batches(params)
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(fd)
    temporary = Path(name)
    from mixite.workforce import synth_files  # noqa: PLC0415 - it imports this module

    try:
        if fmt == "parquet":
            synth_files.write_parquet(temporary, batches, on_batch)
        elif fmt == "csv":
            synth_files.write_csv(temporary, batches, chosen, on_batch)
        else:
            synth_files.write_xlsx(temporary, batches, chosen, on_batch)
        temporary.chmod(0o644)
        temporary.replace(path)
    finally:
        temporary.unlink(missing_ok=True)
