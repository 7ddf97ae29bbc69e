"""Trainer-led workshops: join codes, the trainer's dashboard, and the command line.

``python -m widgets.workshop create "Name"`` creates a workshop; see :mod:`widgets.workshop.cli`.
The rules are in :mod:`.model` and :mod:`.results` (no widgets), the item analysis in
:mod:`.analysis` (pandas), the learner's widgets in :mod:`.view`, the trainer's in
:mod:`.trainer_view` and :mod:`.projector_view`, printable files in :mod:`.handouts`.
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
