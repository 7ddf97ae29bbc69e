"""Where the page runs and what its address says: Voila or JupyterLab, query parameters.

In Voila every page view is a new kernel and the page's query string (``?code=...&theme=dark``)
reaches the kernel as ``QUERY_STRING``; with preheated kernels it must be asked for through
``voila.utils.get_query_string()``. In JupyterLab and under nbval there is no query string.
Only the parameters the course knows are kept, and only when they match a strict pattern, so a
hostile address cannot inject anything into links or the store.
"""

from __future__ import annotations

import os
import re
from functools import lru_cache
from urllib.parse import parse_qsl, urlencode

#: Query parameters the course carries from page to page, with the pattern each must match.
CARRIED = {
    "code": re.compile(r"^[A-Z2-9]{4}(?:-[A-Z2-9]{4}){2}$"),
    "theme": re.compile(r"^(?:light|dark)$"),
    "workshop": re.compile(r"^[A-Z2-9]{4}-[A-Z2-9]{4}$"),
}
MAX_QUERY = 2048


def in_voila() -> bool:
    """True when this kernel was started by Voila (its environment says so)."""
    return any(k in os.environ for k in ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_REQUEST_URL"))


def _raw_query_string() -> str:
    if os.environ.get("VOILA_PREHEAT", "False") == "True":
        from voila.utils import get_query_string  # only in a preheated Voila kernel

        return get_query_string() or ""
    return os.environ.get("QUERY_STRING", "")


def parse_query(raw: str) -> dict[str, str]:
    """Keep the carried parameters whose values are valid; drop everything else.

    Values are upper-cased for codes (learners may type them in lower case). A query longer than
    ``MAX_QUERY`` characters is ignored whole.
    """
    if not raw or len(raw) > MAX_QUERY:
        return {}
    out: dict[str, str] = {}
    for key, value in parse_qsl(raw.lstrip("?"), keep_blank_values=False):
        pattern = CARRIED.get(key)
        if pattern is None or key in out:
            continue
        value = value.strip().upper() if key in ("code", "workshop") else value.strip().lower()
        if pattern.match(value):
            out[key] = value
    return out


@lru_cache(maxsize=1)
def query_params() -> dict[str, str]:
    """The page's valid carried query parameters (empty outside Voila)."""
    try:
        return parse_query(_raw_query_string())
    except Exception:  # a query we cannot read is treated as no query
        return {}


def rejected_params() -> list[str]:
    """Names of carried parameters present in the address but refused as invalid."""
    try:
        raw = _raw_query_string()
    except Exception:
        return []
    if len(raw) > MAX_QUERY:
        return ["(address too long)"]
    present = {k for k, _ in parse_qsl(raw.lstrip("?")) if k in CARRIED}
    return sorted(present - set(parse_query(raw)))


def with_query(href: str, params: dict[str, str] | None = None) -> str:
    """``href`` with the page's carried parameters (or ``params``) appended."""
    params = query_params() if params is None else params
    return f"{href}?{urlencode(params)}" if params else href
