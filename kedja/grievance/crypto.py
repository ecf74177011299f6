"""Encryption at rest of the contact details a reporter chooses to give.

The key is `KEDJA_GRIEVANCE_CONTACT_KEY` (a Fernet key) or, by default, derived from SECRET_KEY,
so a deployment encrypts without extra setup. Changing SECRET_KEY without setting the contact key
to the old derived value makes stored contact details unreadable.
"""

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    key = settings.KEDJA_GRIEVANCE_CONTACT_KEY or base64.urlsafe_b64encode(
        hashlib.sha256(b"kedja.grievance.contact:" + settings.SECRET_KEY.encode()).digest()
    )
    return Fernet(key)


def encrypt(text: str) -> str:
    return _fernet().encrypt(text.encode()).decode() if text else ""


def decrypt(token: str) -> str:
    """The plain text, or "" when there is none or the key no longer matches."""
    if not token:
        return ""
    try:
        return _fernet().decrypt(token.encode()).decode()
    except InvalidToken:
        return ""
