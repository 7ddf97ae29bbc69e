"""The course's Python package: content, models and views behind the notebooks.

Notebooks call the small functions below; heavy modules are imported only when a page needs them.
"""

from __future__ import annotations

from . import quiz  # callable: widgets.quiz("coalitions") (light: loads nothing yet)
from .reading import contents, denmark, forms, objectives, reasons, sources, table, tbnet

__all__ = [
    "contents",
    "denmark",
    "explorer",
    "forms",
    "nav",
    "objectives",
    "progress",
    "quiz",
    "reasons",
    "sources",
    "table",
    "tbnet",
]


def nav(page_id: str):
    """The navigation bar for a page: where you are, previous / home / next."""
    from .navigation import NavBar

    return NavBar(page_id)


def explorer(initial: str = "CRC"):
    """The committee explorer: choose a committee, see who supports NGOs there."""
    from .committees.view import CommitteeExplorer

    return CommitteeExplorer(initial)


def progress():
    """The home page's learner panel: learner code, progress overview, reset and delete."""
    from .quiz.progress import ProgressView

    return ProgressView()
