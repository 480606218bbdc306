"""The errors the engine raises at its edges (STYLE §5)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mixite.workforce.report import ValidationReport


class MixiteError(Exception):
    """Base of every error Mixité raises on purpose."""


class InputError(MixiteError):
    """Bad input file: the CLI exits with 2, the upload page lists the report in place."""

    def __init__(self, message: str, *, report: ValidationReport) -> None:
        super().__init__(message)
        self.report = report
