"""The course's Python package: content, models and views behind the notebooks.

Notebooks call the small functions below; heavy modules are imported only when a page needs them.
"""

from __future__ import annotations

from .reading import (
    contents,
    denmark,
    forms,
    glossary,
    key_points,
    members,
    objectives,
    prose,
    reasons,
    safety,
    sources,
    table,
    tbnet,
    terms,
    where_next,
)

__all__ = [
    "case",
    "contents",
    "cycle",
    "denmark",
    "explorer",
    "forms",
    "glossary",
    "key_points",
    "members",
    "my_data",
    "nav",
    "objectives",
    "prose",
    "quiz",
    "reasons",
    "safety",
    "sources",
    "start",
    "table",
    "tbnet",
    "terms",
    "where_next",
    "worksheet",
]


def nav(page_id: str):
    """The navigation bar for a page: where you are, previous / home / next."""
    from .navigation import NavBar

    return NavBar(page_id)


def case(page_id: str):
    """The running case's decision on this page (the last page adds the summary)."""
    from .running_case.view import CaseView

    return CaseView(page_id)


def cycle(initial: str = "simplified"):
    """The review-cycle diagram: switch between the simplified and the standard procedure."""
    from .cycle_view import CycleView

    return CycleView(initial)


def explorer(initial: str = "CRC"):
    """The committee explorer: choose a committee, see who supports NGOs there."""
    from .committees.view import CommitteeExplorer

    return CommitteeExplorer(initial)


def start():
    """The home page's way in: join a workshop, start with a new code, or continue."""
    from .start_panel import StartPanel

    return StartPanel()


def my_data():
    """The learner's data: what is kept, where, download it, reset answers or delete it."""
    from .data_panel import MyData

    return MyData()


def quiz(quiz_id: str):
    """The quiz of a page (a section's practice quiz, or the final check), as a widget."""
    from .quizzes.view import QuizView

    return QuizView(quiz_id)


def worksheet():
    """The coalition-planning worksheet: your review, the actors, the coalition, export."""
    from .planning.view import WorksheetView

    return WorksheetView()
