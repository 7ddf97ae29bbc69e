"""``python -m widgets.store``: upgrade the course's store to the latest schema, once.

The course app does this when it starts; ``course.py lab`` runs this first, so pages opened
in JupyterLab find an up-to-date store.
"""

import sys

from . import StoreError, default_url, migrate
from .engine import describe
from .errors import text

try:
    version = migrate()
except StoreError as exc:
    print(exc, file=sys.stderr)
    sys.exit(1)
print(text("store.migrated", where=describe(default_url()), version=version))
