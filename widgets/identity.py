"""Who the learner is, for saving their work: the learner code in Voila, the user in JupyterLab."""

from __future__ import annotations

import getpass
import re

from . import session


def current_learner() -> str:
    """The learner's key in the store, or ``""`` when the work cannot be saved.

    In Voila it is the learner code from the page's address (``?code=XXXX-XXXX-XXXX``); without
    a code the page works but nothing is saved. In JupyterLab (or under nbval) it is
    ``"local-"`` followed by the operating-system user name, reduced to safe characters.
    """
    if session.in_voila():
        return session.query_params().get("code", "")
    try:
        user = getpass.getuser()
    except Exception:  # no user name in this environment
        user = "user"
    safe = re.sub(r"[^A-Za-z0-9_.-]", "", user)[:40] or "user"
    return f"local-{safe}"
