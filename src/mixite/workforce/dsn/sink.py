"""What the DSN reader needs from the report (``report.ReportSink``) and value masking."""

from __future__ import annotations

from mixite.workforce.messages import MASKED_RUBRICS, MASKED_VALUE
from mixite.workforce.report import ReportSink

__all__ = ["MASKED_RUBRICS", "MASKED_VALUE", "ReportSink", "shown"]


def shown(rubric: str, value: str) -> str:
    """The value as a message may show it: NIR, NTT and names are masked (§5.3)."""
    return MASKED_VALUE if rubric in MASKED_RUBRICS else value
