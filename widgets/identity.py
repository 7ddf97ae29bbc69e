"""Who the learner is, as a short key for the store.

In Voila the learner code from the page's address (``?code=XXXX-XXXX-XXXX``) identifies the
learner; in JupyterLab (the learner's own machine) it is ``local-`` and the user's login name.
"""

from __future__ import annotations

import getpass
import re

from . import session


def _local_name() -> str:
    try:
        name = getpass.getuser()
    except Exception:  # no login name (some containers)
        name = "user"
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)[:40] or "user"


def current_learner() -> str:
    """The learner's store key: the learner code in Voila, ``local-<user>`` elsewhere."""
    code = session.query_params().get("code")
    return code if code else f"local-{_local_name()}"
