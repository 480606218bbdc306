"""Instance settings, read once from the environment (``MIXITE_*`` variables).

Every other module takes its configuration from :func:`get_settings`; nothing else reads
``os.environ``.
"""

from __future__ import annotations

import functools
from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class MixiteSettings(BaseSettings):
    """What an operator may set. Defaults suit a developer's machine."""

    model_config = SettingsConfigDict(env_prefix="MIXITE_", extra="ignore")

    data_dir: Path = Field(
        default=Path("var"), description="SQLite, private files, mail"
    )
    database_url: str | None = Field(
        default=None, description="postgresql://… ; unset: SQLite in the data directory"
    )
    secret_key: str | None = Field(default=None, description="Django's SECRET_KEY")
    encryption_key: str | None = Field(
        default=None, description="Fernet key for secrets at rest (TOTP seeds)"
    )
    allowed_hosts: list[str] = Field(default=["127.0.0.1", "localhost"])
    site_url: str = Field(default="http://127.0.0.1:8000", description="for mail links")
    smtp_host: str = "localhost"
    smtp_port: int = 25
    smtp_user: str = ""
    smtp_password: str = ""
    smtp_tls: bool = True

    @property
    def data_path(self) -> Path:
        return self.data_dir.resolve()


@functools.cache
def get_settings() -> MixiteSettings:
    return MixiteSettings()
