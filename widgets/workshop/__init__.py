"""Trainer-led workshops: join codes, the trainer's dashboard, and the command line.

``python -m widgets.workshop create "Name"`` creates a workshop; see :mod:`widgets.workshop.cli`.

Rules, without widgets: :mod:`.codes` (codes, secrets, display names), :mod:`.joining` (create,
join, pause wrong codes, a participant's group), :mod:`.summaries` (plan summaries shared),
:mod:`.trainer` (sign in, groups, close, delete); :mod:`.model` gathers them for the pages.
Results: :mod:`.results` builds a :mod:`.report` from the store and the quiz bank, with
:mod:`.answers` (answers in words) and :mod:`.group_maps`; :mod:`.analysis` is the item analysis
(pandas, trainer only); :mod:`.exports` writes CSV and Excel through :mod:`widgets.sheets`.
Views: :mod:`.view` (the learner's share button), :mod:`.trainer_view` (dashboard) and
:mod:`.projector_view`, with :mod:`.controls`, :mod:`.report_html` and :mod:`.maps_html`;
printable files in :mod:`.handouts`.
"""

from __future__ import annotations


def share_plan():
    """A button to share the learner's plan summary with their workshop."""
    from .view import SharePlan

    return SharePlan()


def dashboard():
    """The trainer's page: sign in to follow a workshop live, or create one."""
    from .trainer_view import TrainerPage

    return TrainerPage()


def projector():
    """The projector view: the join screen, one question at a time, the agenda's timer."""
    from .projector_view import Projector

    return Projector()


def trainer_nav(current: str):
    """Links between the trainer's pages (dashboard, projector view, facilitator guide)."""
    from ..facilitation import trainer_nav as nav

    return nav(current)
