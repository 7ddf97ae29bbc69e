"""Trainer-led workshops: join codes, the trainer's dashboard, and the command line.

``python -m widgets.workshop create "Name"`` creates a workshop; see :mod:`widgets.workshop.cli`.
The rules are in :mod:`.model` (no widgets), the widgets in :mod:`.view`.
"""

from __future__ import annotations


def join_panel():
    """The participant's join panel (workshop code, display name, join button)."""
    from .view import JoinPanel

    return JoinPanel()


def share_plan():
    """A button to share the learner's plan summary with their workshop."""
    from .view import SharePlan

    return SharePlan()


def dashboard():
    """The trainer's page: create a workshop, then sign in to follow it live."""
    from .view import TrainerPage

    return TrainerPage()
