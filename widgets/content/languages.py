"""The course's language: one setting, the languages on offer, and their plural rules.

The web app takes it from the page's ``lang`` query parameter (carried by links like ``theme``);
JupyterLab from the environment variable ``COURSE_LANGUAGE``, or else from the first line of the
file ``~/.config/tb-coalitions-course/language``. Nothing set means English; a language the
course does not have means English too, and a warning says so once.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Callable
from functools import cache
from pathlib import Path

DEFAULT = "en"
PSEUDO = "pseudo"  # generated from English, for tests: every string wrapped and accented
PATTERN = r"^(?:[a-z]{2,3}(?:-[a-z]{2,4})?|pseudo)$"
CONFIG_FILE = Path("~/.config/tb-coalitions-course/language")


def _one_is_1(n: int) -> str:
    return "one" if n == 1 else "other"


def _one_is_0_or_1(n: int) -> str:
    return "one" if n in (0, 1) else "other"


#: The plural form a number takes, per language (CLDR's cardinal rules for "one"/"other").
PLURAL_RULES: dict[str, Callable[[int], str]] = {
    "en": _one_is_1,
    "es": _one_is_1,
    "fr": _one_is_0_or_1,
    "pt": _one_is_0_or_1,
    PSEUDO: _one_is_1,
}


def plural_form(language: str, n: int) -> str:
    """``"one"`` or ``"other"``: the form ``n`` takes in ``language`` (English's rule if unknown)."""
    return PLURAL_RULES.get(language.split("-")[0], _one_is_1)(n)


def available(directory: Path) -> tuple[str, ...]:
    """The languages of the course in ``directory``: a strings file each, and the pseudo-language."""
    names = sorted(p.stem for p in (directory / "strings").glob("*.yaml"))
    return (*names, PSEUDO)


def requested() -> str | None:
    """The language asked for: the page's ``lang`` in the web app, else the JupyterLab setting."""
    from .. import session

    if session.in_voila():
        asked = session.query_params().get("lang")
        if asked:
            return asked
    asked = os.environ.get("COURSE_LANGUAGE", "").strip().lower()
    if asked:
        return asked
    return _config_file(CONFIG_FILE)


@cache
def _config_file(path: Path) -> str | None:
    """The first word of the config file, read once per kernel (a new kernel reads it again)."""
    try:
        words = path.expanduser().read_text(encoding="utf-8").split()
    except OSError:
        return None
    return words[0].strip().lower() if words else None


_warned: set[str] = set()


def choose(asked: str | None, directory: Path) -> str:
    """The language to show: ``asked`` when the course has it, else English (said once)."""
    if not asked or asked == DEFAULT:
        return DEFAULT
    if asked in available(directory):
        return asked
    if asked not in _warned:
        _warned.add(asked)
        warnings.warn(
            f"The course has no language {asked!r}; it is shown in English.", stacklevel=3
        )
    return DEFAULT
