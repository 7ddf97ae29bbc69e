"""Who the learner is, for saving progress: a learner code, never a name.

* In JupyterLab and under nbval (not Voila): the local user account, as ``local-<username>``
  (lower-case letters, digits and dashes only). Progress stays on that computer.
* Under JupyterHub (``JUPYTERHUB_USER`` in the server's environment, which its kernels inherit):
  the hub user, as ``hub-<username>``, in Voila and JupyterLab alike. The hub has already signed
  the learner in, so no code is needed and progress follows them to any server or device; a
  ``code`` in the address is ignored there (see ``deploy/jupyterhub/``).
* In Voila: the ``code`` query parameter of the page (``?code=ABCD-EFGH-JKLM``), read through
  :func:`widgets.session.query_params`, which also works with preheated kernels. Every course link
  carries it. Without a code, progress is not saved: the home page makes a new code and offers a
  link that carries it; other pages say so and link to the home page.

A code with unexpected characters is refused (:func:`parse_code`), so it can never reach a file
path or an SQL string (the store uses parameters anyway).
"""

from __future__ import annotations

import getpass
import os
import re
import secrets
from functools import lru_cache

from . import session

#: Letters and digits of new learner and workshop codes: no 0/O or 1/I, which are easy to
#: confuse. Codes made before without the L (by the workshop) are valid too: validation
#: (:data:`CODE_PATTERN`, :func:`parse_code`) accepts every letter and the digits 2 to 9.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_PATTERN = session.CARRIED["code"]
#: The example shown to learners (interface strings take it as ``{example}``).
EXAMPLE = "ABCD-EFGH-JKLM"
_LOCAL_SAFE = re.compile(r"[^a-z0-9]+")
#: JupyterHub user names the store accepts as they are (the hub lower-cases names itself).
HUB_USER = re.compile(r"^[a-z0-9][a-z0-9._@+-]{0,63}$")


def new_code() -> str:
    """A fresh random learner code like ``ABCD-EFGH-JKLM`` (about 60 bits)."""
    return "-".join("".join(secrets.choice(ALPHABET) for _ in range(4)) for _ in range(3))


@lru_cache(maxsize=1)
def page_code() -> str:
    """A new code offered on this page view (the same one to every panel of the page)."""
    return new_code()


def parse_code(text: str) -> str:
    """A learner code typed by a person, normalised; ValueError if it is not a valid code.

    Spaces around it and lower case are accepted; dashes may be left out.
    """
    raw = (text or "").strip().upper()
    if len(raw) > 20:
        raise ValueError("too long")
    compact = raw.replace("-", "").replace(" ", "")
    if len(compact) == 12 and "-" not in raw:
        raw = f"{compact[:4]}-{compact[4:8]}-{compact[8:]}"
    if not CODE_PATTERN.match(raw):
        raise ValueError("not a learner code")
    return raw


def local_code(username: str | None = None) -> str:
    """``local-<username>`` with anything but letters and digits turned into dashes."""
    if username is None:
        try:
            username = getpass.getuser()
        except Exception:  # no user name in some containers
            username = ""
    safe = _LOCAL_SAFE.sub("-", username.lower()).strip("-")[:32].strip("-")
    return f"local-{safe or 'learner'}"


def hub_code(username: str) -> str | None:
    """``hub-<username>`` for a JupyterHub user name, or None if the name has odd characters.

    The name is kept whole (no characters folded together), so two hub users never share a key.
    """
    name = (username or "").strip()
    return f"hub-{name}" if HUB_USER.match(name) else None


def identify() -> tuple[str | None, str]:
    """The page's learner code (None when nothing can be saved) and how it was found.

    The second value is ``hub`` (signed in to JupyterHub), ``local`` (JupyterLab), ``code``
    (Voila with a valid code), ``none`` (Voila without a code) or ``invalid`` (Voila with a code
    that was refused). Views do not call this: they receive :func:`widgets.learner.current`.
    """
    hub_user = os.environ.get("JUPYTERHUB_USER")
    if hub_user:
        code = hub_code(hub_user)
        return code, "hub" if code else "invalid"
    if not session.in_voila():
        return local_code(), "local"
    code = session.query_params().get("code")
    if code:
        return code, "code"
    if "code" in session.rejected_params():
        return None, "invalid"
    return None, "none"
