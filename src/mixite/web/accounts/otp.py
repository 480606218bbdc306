"""Two-factor authentication: TOTP (RFC 6238) and single-use recovery codes (§1.3).

The TOTP arithmetic is pyotp's; what is ours is the storage rule of the spec: the seed is
encrypted at rest (Fernet, key from the environment), recovery codes are password-hashed,
and a code is accepted at most once (the last used time step is remembered).
"""

from __future__ import annotations

import re
import secrets
from typing import TYPE_CHECKING

import pyotp
import qrcode
import qrcode.image.svg
from cryptography.fernet import Fernet
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone

from mixite.web.accounts.models import RecoveryCode, TotpDevice

if TYPE_CHECKING:
    import datetime as dt

    from mixite.web.accounts.models import User

N_RECOVERY_CODES = 10
# The shape new_recovery_codes gives them.
RECOVERY_CODE = re.compile(r"[0-9a-f]{8}-[0-9a-f]{8}")
ISSUER = "Mixité"


def _fernet() -> Fernet:
    return Fernet(settings.MIXITE_ENCRYPTION_KEY.encode())


def encrypt_secret(secret: str) -> bytes:
    return _fernet().encrypt(secret.encode())


def decrypt_secret(device: TotpDevice) -> str:
    return _fernet().decrypt(bytes(device.secret_encrypted)).decode()


def start_enrolment(*, user: User, secret: str | None = None) -> str:
    """A fresh unconfirmed device (replacing an unconfirmed one); returns the base32 secret."""
    secret = secret or pyotp.random_base32()
    TotpDevice.objects.update_or_create(
        user=user,
        defaults={
            "secret_encrypted": encrypt_secret(secret),
            "confirmed_at": None,
            "last_used_step": 0,
            "created_at": timezone.now(),
        },
    )
    return secret


def provisioning_uri(user: User, secret: str) -> str:
    return pyotp.TOTP(secret).provisioning_uri(name=user.email, issuer_name=ISSUER)


def qr_svg(uri: str) -> str:
    """The enrolment QR code as inline SVG markup."""
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return str(image.to_string(encoding="unicode"))


def _matching_step(secret: str, code: str, now: dt.datetime) -> int | None:
    """The time step whose code equals ``code``, one step of tolerance either side."""
    totp = pyotp.TOTP(secret)  # SHA-1, 6 digits, 30 s: RFC 6238's defaults
    step = int(now.timestamp()) // totp.interval
    for candidate in (step - 1, step, step + 1):
        if secrets.compare_digest(totp.generate_otp(candidate), code):
            return candidate
    return None


def verify_totp(*, user: User, code: str, now: dt.datetime | None = None) -> bool:
    """True once per valid code; a replayed code (same or earlier step) is refused."""
    now = now or timezone.now()
    code = code.strip().replace(" ", "")
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is None:
            return False
        step = _matching_step(decrypt_secret(device), code, now)
        if step is None or step <= device.last_used_step:
            return False
        device.last_used_step = step
        if device.confirmed_at is None:
            device.confirmed_at = now
        device.save(update_fields=["last_used_step", "confirmed_at"])
    return True


def new_recovery_codes(*, user: User) -> list[str]:
    """Replace the user's recovery codes; the plain codes are returned to be shown once."""
    codes = [
        f"{secrets.token_hex(4)}-{secrets.token_hex(4)}"
        for _ in range(N_RECOVERY_CODES)
    ]
    with transaction.atomic():  # never old and new codes together, nor none at all
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user=user, code_hash=make_password(code)) for code in codes
        )
    return codes


def use_recovery_code(*, user: User, code: str) -> bool:
    """True once per recovery code; anything not shaped like one costs no password hash."""
    code = code.strip().lower()
    if not RECOVERY_CODE.fullmatch(code):  # e.g. a mistyped 6-digit TOTP code
        return False
    with transaction.atomic():
        for recovery in RecoveryCode.objects.select_for_update().filter(
            user=user, used_at__isnull=True
        ):
            if check_password(code, recovery.code_hash):
                recovery.used_at = timezone.now()
                recovery.save(update_fields=["used_at"])
                return True
    return False


def disable(*, user: User) -> None:
    TotpDevice.objects.filter(user=user).delete()
    RecoveryCode.objects.filter(user=user).delete()
