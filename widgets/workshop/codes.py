"""Workshop codes, trainer secrets and display names: drawn, normalised, hashed, cleaned.

* a **participant code** ``XXXX-XXXX`` from an alphabet without look-alike letters (no I, L, O;
  no 0 or 1), drawn with :mod:`secrets`: 31**8 (about 850 billion) codes, read aloud easily;
* a **trainer secret** ``XXXX-XXXX-XXXX-XXXX`` (about 79 bits). Only a salted scrypt hash of
  it is stored; it is compared in constant time.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import unicodedata
from typing import Any

from ..identity import ALPHABET  # the one alphabet of every code

#: The example of a code shown in the sign-in box (a format, not a word to translate).
EXAMPLE = "ABCD-EFGH"
CODE_RE = re.compile(rf"^[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}$")
MAX_NAME = 40
MAX_WORKSHOP_NAME = 80
#: Invisible characters a name keeps: zero-width non-joiner and joiner (Persian, Indic scripts,
#: emoji sequences) and the direction marks of right-to-left text.
KEEP_FORMAT = frozenset("\u200c\u200d\u200e\u200f\u061c")
_SCRYPT = dict(n=2**14, r=8, p=1, dklen=32)


class WorkshopError(ValueError):
    """A workshop action was refused; the message (the text of ``key``) is safe to show."""

    def __init__(self, key: str, **values: Any):
        from .. import ui

        self.key = key
        super().__init__(ui.t(key, **values))


def _groups(n: int) -> str:
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(n))


def new_code() -> str:
    """A random participant code ``XXXX-XXXX``."""
    return _groups(2)


def new_secret() -> str:
    """A random trainer secret ``XXXX-XXXX-XXXX-XXXX``."""
    return _groups(4)


def normalise_code(text: str | None, groups: int = 2) -> str:
    """Upper-case, drop spaces and dashes, and regroup by four (``abcd efgh`` -> ``ABCD-EFGH``)."""
    raw = re.sub(r"[\s\-]", "", str(text or "")).upper()[: 4 * groups + 1]
    return "-".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def is_code(code: str | None) -> bool:
    """True for a well-formed participant code (it may still open no workshop)."""
    return bool(code) and CODE_RE.match(code) is not None


def hash_secret(secret: str, salt: bytes | None = None) -> str:
    """A salted scrypt hash of a secret, as ``scrypt$salt$hash`` (hex)."""
    salt = salt or secrets.token_bytes(16)
    digest = hashlib.scrypt(secret.encode(), salt=salt, **_SCRYPT)
    return f"scrypt${salt.hex()}${digest.hex()}"


def check_secret(secret: str, stored: str) -> bool:
    """True if ``secret`` matches the stored hash (constant-time comparison)."""
    try:
        scheme, salt_hex, digest_hex = stored.split("$")
        if scheme != "scrypt":
            return False
        digest = hashlib.scrypt(str(secret).encode(), salt=bytes.fromhex(salt_hex), **_SCRYPT)
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest.hex(), digest_hex)


def clean_display_name(text: str | None) -> str:
    """A display name as stored: printable, single-spaced, at most :data:`MAX_NAME` characters.

    Empty means anonymous. The name is kept as typed otherwise; it is escaped wherever shown.
    """
    text = unicodedata.normalize("NFC", str(text or ""))
    out = []
    for ch in text:
        cat = unicodedata.category(ch)
        if ch in KEEP_FORMAT:  # joiners and direction marks belong to names in many scripts
            out.append(ch)
        elif cat == "Cc":  # tabs, line breaks and other control characters separate words
            out.append(" ")
        elif cat[0] != "C":  # other format, surrogate, private and unassigned code points go
            out.append(ch)
    return " ".join("".join(out).split())[:MAX_NAME]
