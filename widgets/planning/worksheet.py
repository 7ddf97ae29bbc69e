"""The plan being edited: every action validates only the part it changes, and either changes
the plan or raises :class:`PlanError` with a message for people, leaving the plan as it was."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel, ValidationError

from .. import content, ui
from . import loading
from .messages import FIELD_KEYS, explain
from .model import (
    MAX_ACTORS,
    MAX_MEMBERS,
    MAX_MILESTONES,
    MAX_SNAPSHOTS,
    VIEWS,
    Actor,
    Coalition,
    Member,
    Milestone,
    Plan,
    PlanError,
    Review,
    Snapshot,
    _clean,
    _ws,
    has_procedures,
    name_key,
    stages_for,
)
from .timeline import similar, sorted_timeline


class Worksheet:
    """The plan being edited. Every action validates first and leaves the plan unchanged on error.

    Each action validates only the part it changes (an actor, the review...) and swaps it into a
    copy of the plan, so a change costs the same with 2 actors or 200.
    """

    def __init__(self, plan: Plan | None = None):
        self.plan = plan or Plan()

    @staticmethod
    def _valid(kind: type[BaseModel], data: dict[str, Any]) -> Any:
        try:
            return kind.model_validate(data)
        except ValidationError as exc:
            raise PlanError(explain(exc)) from None

    def _too_many(self, key: str, limit: int) -> PlanError:
        t = content.load().text
        return PlanError(t("ws.error.too_many", field=t(FIELD_KEYS[key]), limit=limit))

    def _set(self, **parts: Any) -> None:
        self.plan = self.plan.model_copy(update=parts)

    def _set_coalition(self, **parts: Any) -> None:
        self._set(coalition=self.plan.coalition.model_copy(update=parts))

    # review and coalition fields ------------------------------------------------------------
    def set_review(self, **fields: Any) -> None:
        """Change fields of the review; a stage that no longer fits the review is cleared."""
        data = {**self.plan.review.model_dump(), **fields}
        if "stage" not in fields and data.get("stage"):
            try:
                fits = data["stage"] in stages_for(
                    str(data.get("committee", "")),
                    str(data.get("procedure", "")) if has_procedures(data["committee"]) else "",
                )
            except KeyError:
                fits = True  # an unknown committee or procedure is reported below
            if not fits:
                data["stage"] = ""
        review = self._valid(Review, data)
        self._set(review=review)
        self._set_coalition(timeline=sorted_timeline(review, self.plan.coalition.timeline))

    def set_map_view(self, view: str) -> None:
        """Show the map as the alignment-interest-influence matrix or the power-interest grid."""
        if view not in VIEWS:
            raise PlanError(ui.t("ws.error.unknown_view", view=view[:20]))
        self._set(map_view=view)

    def set_coalition(self, **fields: Any) -> None:
        """Change the coalition's duration, scope, focus, covers or decisions."""
        bad = {"members", "timeline"} & fields.keys()
        if bad:
            raise PlanError(ui.t("ws.error.use_actions", fields=", ".join(sorted(bad))))
        self._set(coalition=self._valid(Coalition, {**self.plan.coalition.model_dump(), **fields}))

    # actors ----------------------------------------------------------------------------------
    def _check_name(self, name: str, skip: int | None = None) -> None:
        key = name_key(_clean(name, False) or "")
        for i, a in enumerate(self.plan.actors):
            if i != skip and name_key(a.name) == key:
                raise PlanError(content.load().text("ws.error.duplicate", name=a.name))

    def add_actor(self, **fields: Any) -> Actor:
        """Add an actor; refused if the name is empty, too long, or already on the map."""
        actor = self._valid(Actor, fields)
        self._check_name(actor.name)
        if len(self.plan.actors) >= MAX_ACTORS:
            raise self._too_many("actors", MAX_ACTORS)
        self._set(actors=[*self.plan.actors, actor])
        return actor

    def update_actor(self, index: int, **fields: Any) -> Actor:
        """Change the actor at ``index`` (same checks as :meth:`add_actor`)."""
        actor = self._valid(Actor, {**self.plan.actors[index].model_dump(), **fields})
        self._check_name(actor.name, skip=index)
        actors = list(self.plan.actors)
        actors[index] = actor
        self._set(actors=actors)
        return actor

    def remove_actor(self, index: int) -> None:
        """Remove the actor at ``index``."""
        actors = list(self.plan.actors)
        del actors[index]
        self._set(actors=actors)

    # members -----------------------------------------------------------------------------------
    def _check_member(self, name: str, skip: int | None = None) -> None:
        for i, m in enumerate(self.plan.coalition.members):
            if i != skip and name_key(m.name) == name_key(name):
                raise PlanError(content.load().text("ws.error.duplicate_member", name=m.name))

    def add_member(self, name: str, role: str = "member") -> None:
        """Add a member of the coalition with its role."""
        member = self._valid(Member, {"name": name, "role": role})
        self._check_member(member.name)
        members = self.plan.coalition.members
        if len(members) >= MAX_MEMBERS:
            raise self._too_many("members", MAX_MEMBERS)
        self._set_coalition(members=[*members, member])

    def update_member(self, index: int, name: str, role: str) -> None:
        """Rename the member at ``index`` or change its role."""
        member = self._valid(Member, {"name": name, "role": role})
        self._check_member(member.name, skip=index)
        members = list(self.plan.coalition.members)
        members[index] = member
        self._set_coalition(members=members)

    def remove_member(self, index: int) -> None:
        """Remove the member at ``index``."""
        members = list(self.plan.coalition.members)
        del members[index]
        self._set_coalition(members=members)

    def move_member(self, index: int, step: int) -> int:
        """Move the member at ``index`` up (-1) or down (+1); returns its new index."""
        members = list(self.plan.coalition.members)
        new = max(0, min(len(members) - 1, index + step))
        members.insert(new, members.pop(index))
        self._set_coalition(members=members)
        return new

    # timeline -----------------------------------------------------------------------------------
    def _set_timeline(self, timeline: list[Milestone]) -> None:
        self._set_coalition(timeline=sorted_timeline(self.plan.review, timeline))

    def add_milestone(
        self, milestone: str, when: str = "", who: str = "", date: str = "", stage: str = ""
    ) -> Milestone:
        """Add a milestone to the timeline (kept in date and stage order)."""
        item = self._valid(
            Milestone,
            {"milestone": milestone, "when": when, "who": who, "date": date, "stage": stage},
        )
        self._add_milestones([item])
        return item

    def update_milestone(self, index: int, **fields: Any) -> Milestone:
        """Change the milestone at ``index``."""
        timeline = list(self.plan.coalition.timeline)
        item = self._valid(Milestone, {**timeline[index].model_dump(), **fields})
        timeline[index] = item
        self._set_timeline(timeline)
        return item

    def _add_milestones(self, items: list[Milestone]) -> None:
        timeline = self.plan.coalition.timeline
        if len(timeline) + len(items) > MAX_MILESTONES:
            raise self._too_many("timeline", MAX_MILESTONES)
        self._set_timeline([*timeline, *items])

    def remove_milestone(self, index: int) -> None:
        """Remove the milestone at ``index``."""
        timeline = list(self.plan.coalition.timeline)
        del timeline[index]
        self._set_coalition(timeline=timeline)

    def move_milestone(self, index: int, step: int) -> int:
        """Move an undated milestone up or down among those of its stage; returns its index.

        Dated milestones stay in date order: :class:`PlanError` says to change the date.
        """
        timeline = list(self.plan.coalition.timeline)
        new = max(0, min(len(timeline) - 1, index + step))
        moved = list(timeline)
        moved.insert(new, moved.pop(index))
        if new == index or sorted_timeline(self.plan.review, moved) != moved:
            raise PlanError(content.load().text("ws.error.dated_order"))
        self._set_coalition(timeline=moved)
        return new

    def suggested_milestones(self) -> list[Milestone]:
        """The chosen stage's milestones that are not on the timeline yet, with a suggested date
        (from the session date, if given) and owner (the lead or secretariat, if any)."""
        review = self.plan.review
        if not review.stage:
            raise PlanError(content.load().text("ws.error.no_stage"))
        owner = ""
        for role in _ws().rules.owner_roles:
            owner = owner or next(
                (m.name for m in self.plan.coalition.members if m.role == role), ""
            )
        have = [m.milestone for m in self.plan.coalition.timeline]
        session = dt.date.fromisoformat(review.session_date) if review.session_date else None
        out = []
        for m in _ws().stage(review.stage).milestones:
            if any(similar(m.text, h) for h in have):
                continue
            date = (session - dt.timedelta(weeks=m.weeks)).isoformat() if session else ""
            out.append(Milestone(milestone=m.text, date=date, stage=review.stage, who=owner))
        return out

    def add_suggested_milestones(self) -> int:
        """Add the suggested milestones of the chosen stage not on the timeline yet; how many."""
        new = self.suggested_milestones()
        self._add_milestones(new)
        return len(new)

    # snapshots -----------------------------------------------------------------------------------
    def take_snapshot(self, name: str, today: dt.date | None = None) -> Snapshot:
        """Save the map as it is now under a name, with today's date."""
        t = content.load().text
        snap = self._valid(
            Snapshot,
            {
                "name": name,
                "date": (today or dt.date.today()).isoformat(),
                "actors": [
                    {
                        "name": a.name,
                        "influence": a.influence,
                        "interest": a.interest,
                        "alignment": a.alignment,
                    }
                    for a in self.plan.actors
                ],
            },
        )
        if any(name_key(s.name) == name_key(snap.name) for s in self.plan.snapshots):
            raise PlanError(t("ws.error.duplicate_snapshot", name=snap.name))
        if len(self.plan.snapshots) >= MAX_SNAPSHOTS:
            raise self._too_many("snapshots", MAX_SNAPSHOTS)
        self._set(snapshots=[*self.plan.snapshots, snap])
        return snap

    def remove_snapshot(self, index: int) -> None:
        """Delete the snapshot at ``index``."""
        snaps = list(self.plan.snapshots)
        del snaps[index]
        self._set(snapshots=snaps)

    # whole plan --------------------------------------------------------------------------------
    def load(self, plan: Plan) -> None:
        """Replace the whole plan (already validated)."""
        self.plan = plan

    def import_json(self, data: bytes | str) -> None:
        """Replace the plan with an imported one; on any problem the plan stays as it was."""
        self.plan = loading.plan_from_json(data)

    def load_example(self) -> None:
        """Replace the plan with the fictional example."""
        self.plan = loading.example_plan()

    def load_case_start(self) -> None:
        """Replace the plan with the running case's ending (see :func:`case_start_plan`)."""
        self.plan = loading.case_start_plan()
