"""The course's content, loaded once per kernel from ``course_data/`` and validated.

Everything the notebooks show comes from here: typed, immutable objects built from YAML files
that are checked against a schema (:mod:`.models`, :mod:`.worksheet`), cross-checked and given
lookups (:mod:`.course`), read in the course's language (:mod:`.loader`, :mod:`.language`). A
malformed file fails with a :class:`ContentError` naming the file, the entry and the field.
"""

from __future__ import annotations

from .course import Course
from .loader import DEFAULT_DIR, _format_error, _read, data_dir, language, load, load_from
from .models import *  # noqa: F403 - the schema's models are part of this package's API
from .models import ContentError, Objective, Page, _Frozen
from .worksheet import *  # noqa: F403

__all__ = [
    "DEFAULT_DIR",
    "ContentError",
    "Course",
    "Objective",
    "Page",
    "_Frozen",
    "_format_error",
    "_read",
    "data_dir",
    "language",
    "load",
    "load_from",
]
