"""What the DSN reader needs from the report: the calls of ``ReportBuilder`` it makes.

Typed as a protocol so that the parser and the aggregation can be tested with any
recorder; ``read_dsn`` receives the real ``ReportBuilder``.
"""

from __future__ import annotations

from typing import Protocol

from mixite.workforce.messages import MASKED_RUBRICS, MASKED_VALUE

__all__ = ["MASKED_RUBRICS", "MASKED_VALUE", "ReportSink", "shown"]


class ReportSink(Protocol):
    def add(
        self,
        key: str,
        *,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
        source_column: str | None = None,
        rubric: str | None = None,
        value: str | None = None,
        **params: str,
    ) -> object: ...

    def reject(self, key: str, count: int = 1) -> object: ...


def shown(rubric: str, value: str) -> str:
    """The value as a message may show it: NIR, NTT and names are masked (§5.3)."""
    return MASKED_VALUE if rubric in MASKED_RUBRICS else value
