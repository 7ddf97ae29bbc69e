"""Step 3: the coalition's form, its members and roles, what it covers, and its timeline."""

from __future__ import annotations

import ipywidgets as W

from ... import content, ui
from .. import fields as F
from ..model import MAX_MILESTONES, PlanError, label, name_key
from .review import stage_options

COALITION_FIELDS = ("duration", "scope", "focus", "covers", "decisions")


class _Editing(W.VBox):
    """A form that adds an entry, or saves the one loaded into it (``_editing`` is its index)."""

    add_key = ""

    def __init__(self, editor: F.Editor, children):
        super().__init__(children)
        self.editor = editor
        self._editing: int | None = None

    def _done(self) -> None:
        self._editing = None
        self.w_add.description = ui.t(self.add_key)
        self.editor.quiet()

    def _move(self, w: W.Select, action, step: int) -> None:
        i = self.editor.selected(w)
        if i is None:
            return
        try:
            new = action(i, step)
        except PlanError as exc:
            self.editor.say(str(exc), "error")
            return
        self.editor.changed()
        w.value = new


class MembersBox(_Editing):
    """The coalition's members: picked from the map or typed, each with a role."""

    add_key = "ws.members.add"

    def __init__(self, editor: F.Editor):
        ws = content.load().worksheet
        self.w_member_pick = F.dropdown("ws.members.pick", [], None)
        self.w_member_name = F.text("ws.field.name")
        self.w_member_role = F.dropdown("ws.field.role", F.choices(ws.roles), ws.roles[0].id)
        self.w_add = self.w_member_add = ui.button(self.add_key, "primary")
        self.w_members = F.select("ws.members.list", 5)
        self.w_member_up = ui.button("ws.move.up")
        self.w_member_down = ui.button("ws.move.down")
        self.w_member_edit = ui.button("ws.members.edit")
        self.w_member_remove = ui.button("ws.members.remove")
        super().__init__(
            editor,
            [
                F.heading(3, "ws.field.members"),
                self.w_member_pick,
                self.w_member_name,
                self.w_member_role,
                self.w_member_add,
                self.w_members,
                F.row(
                    self.w_member_up, self.w_member_down, self.w_member_edit, self.w_member_remove
                ),
            ],
        )
        self.w_member_pick.observe(self._on_pick, names="value")
        self.w_member_add.on_click(lambda _: self.add_member())
        self.w_member_edit.on_click(lambda _: self.edit_member())
        self.w_member_remove.on_click(lambda _: self.remove_member())
        self.w_member_up.on_click(lambda _: self.move_member(-1))
        self.w_member_down.on_click(lambda _: self.move_member(1))

    def _on_pick(self, change) -> None:
        if change["new"]:
            self.w_member_name.value = change["new"]

    def add_member(self) -> None:
        """Add the member in the form, or save the changes to the member being edited."""
        model, name, role = self.editor.model, self.w_member_name.value, self.w_member_role.value
        if self._editing is None:
            ok = self.editor.apply(model.add_member, name, role)
        else:
            ok = self.editor.apply(model.update_member, self._editing, name, role)
        if ok:
            self._done()
            self.w_member_name.value = ""

    def edit_member(self) -> None:
        """Load the selected member into the form."""
        i = self.editor.selected(self.w_members)
        if i is not None:
            m = self.editor.model.plan.coalition.members[i]
            self._editing = i
            self.w_member_name.value, self.w_member_role.value = m.name, m.role
            self.w_member_add.description = ui.t("ws.actors.save")

    def remove_member(self) -> None:
        """Remove the selected member."""
        i = self.editor.selected(self.w_members)
        if i is not None:
            self.editor.apply(self.editor.model.remove_member, i)

    def move_member(self, step: int) -> None:
        """Move the selected member up (-1) or down (+1)."""
        self._move(self.w_members, self.editor.model.move_member, step)

    def refresh(self) -> None:
        """List the members; offer the actors on the map who are not members yet."""
        plan, ws = self.editor.model.plan, content.load().worksheet
        self.w_members.options = [
            (f"{m.name} ({label(ws.roles, m.role)})", i)
            for i, m in enumerate(plan.coalition.members)
        ]
        taken = {name_key(m.name) for m in plan.coalition.members}
        self.w_member_pick.options = [(ui.t("ws.members.pick_none"), None)] + [
            (a.name, a.name) for a in plan.actors if name_key(a.name) not in taken
        ]
        self.w_member_pick.value = None


class TimelineBox(_Editing):
    """The timeline: milestones dated and tied to the review's stages, with suggested ones."""

    add_key = "ws.timeline.add"

    def __init__(self, editor: F.Editor):
        self.w_suggest = ui.button("ws.timeline.suggest")
        self.w_ms_text = F.text("ws.field.milestone")
        self.w_ms_date = F.date("ws.field.date")
        self.w_ms_stage = F.dropdown("ws.field.stage", [(ui.t("ws.choose"), "")], "")
        self.w_ms_who = F.member_name("ws.field.who")
        self.w_ms_when = F.text("ws.field.when")
        self.w_add = self.w_ms_add = ui.button(self.add_key, "primary")
        self.w_timeline = F.select("ws.timeline.list", 8)
        self.w_ms_up = ui.button("ws.move.up")
        self.w_ms_down = ui.button("ws.move.down")
        self.w_ms_edit = ui.button("ws.timeline.edit")
        self.w_ms_remove = ui.button("ws.timeline.remove")
        super().__init__(
            editor,
            [
                F.heading(3, "ws.field.timeline", "ws.timeline.intro"),
                self.w_suggest,
                self.w_ms_text,
                self.w_ms_date,
                self.w_ms_stage,
                self.w_ms_who,
                self.w_ms_when,
                self.w_ms_add,
                self.w_timeline,
                F.row(self.w_ms_up, self.w_ms_down, self.w_ms_edit, self.w_ms_remove),
            ],
        )
        self.w_suggest.on_click(lambda _: self.add_suggested_milestones())
        self.w_ms_add.on_click(lambda _: self.add_milestone())
        self.w_ms_edit.on_click(lambda _: self.edit_milestone())
        self.w_ms_remove.on_click(lambda _: self.remove_milestone())
        self.w_ms_up.on_click(lambda _: self.move_milestone(-1))
        self.w_ms_down.on_click(lambda _: self.move_milestone(1))

    def add_milestone(self) -> None:
        """Add the milestone in the form, or save the changes to the one being edited."""
        model = self.editor.model
        fields = dict(
            milestone=self.w_ms_text.value,
            when=self.w_ms_when.value,
            who=self.w_ms_who.value,
            date=F.date_text(self.w_ms_date.value),
            stage=self.w_ms_stage.value or "",
        )
        if self._editing is None:
            ok = self.editor.apply(model.add_milestone, **fields)
        else:
            ok = self.editor.apply(model.update_milestone, self._editing, **fields)
        if ok:
            self._done()
            self.w_ms_text.value = self.w_ms_when.value = self.w_ms_who.value = ""
            self.w_ms_date.value = None

    def edit_milestone(self) -> None:
        """Load the selected milestone into the form."""
        i = self.editor.selected(self.w_timeline)
        if i is None:
            return
        m = self.editor.model.plan.coalition.timeline[i]
        self._editing = i
        self.w_ms_text.value, self.w_ms_when.value, self.w_ms_who.value = m.milestone, m.when, m.who
        self.w_ms_date.value = F.from_date_text(m.date)
        self.w_ms_stage.value = m.stage if m.stage in dict(self.w_ms_stage.options).values() else ""
        self.w_ms_add.description = ui.t("ws.actors.save")

    def remove_milestone(self) -> None:
        """Remove the selected milestone."""
        i = self.editor.selected(self.w_timeline)
        if i is not None:
            self.editor.apply(self.editor.model.remove_milestone, i)

    def move_milestone(self, step: int) -> None:
        """Move the selected (undated) milestone up or down."""
        self._move(self.w_timeline, self.editor.model.move_milestone, step)

    def add_suggested_milestones(self) -> None:
        """Add the suggested milestones of the chosen stage."""
        try:
            n = self.editor.model.add_suggested_milestones()
        except PlanError as exc:
            self.editor.say(str(exc), "error")
            return
        self.editor.changed()
        message = ui.tn("ws.timeline.added", n)
        if not self.editor.model.plan.review.session_date:
            message += " " + ui.t("ws.timeline.no_dates")
        self.editor.say(message, "ok")

    def refresh(self) -> None:
        """List the milestones in order; offer this review's stages and the members' names."""
        plan, ws = self.editor.model.plan, content.load().worksheet
        stages = stage_options(plan)
        if list(self.w_ms_stage.options) != stages:
            keep = self.w_ms_stage.value
            self.editor.syncing = True
            try:
                self.w_ms_stage.options = stages
                self.w_ms_stage.value = keep if keep in dict(stages).values() else ""
            finally:
                self.editor.syncing = False
        self.w_ms_who.options = [m.name for m in plan.coalition.members]
        self.w_timeline.options = [
            (f"{i + 1}. " + " · ".join(x for x in _milestone_parts(m, ws) if x), i)
            for i, m in enumerate(plan.coalition.timeline)
        ]
        self.w_timeline.rows = max(4, min(len(plan.coalition.timeline), MAX_MILESTONES))


def _milestone_parts(m, ws) -> tuple[str, ...]:
    return (m.date, m.milestone, label(ws.stages, m.stage) if m.stage else "", m.who, m.when)


class CoalitionStep(F.Step):
    """The coalition's duration, scope and focus, its members, what it covers and its timeline."""

    number = 3

    def __init__(self, editor: F.Editor):
        forms = {f.id: f for f in content.load().forms}
        for key in ("duration", "scope"):
            w = W.RadioButtons(
                options=F.choices(forms[key].options),
                description=ui.t(f"ws.field.{key}"),
                style=F.WIDE,
            )
            setattr(self, f"w_{key}", w)
        self.w_focus = F.text("ws.field.focus")
        self.w_covers = F.text("ws.field.covers", long=True)
        self.w_decisions = F.text("ws.field.decisions", long=True)
        self.members = MembersBox(editor)
        self.timeline = TimelineBox(editor)
        super().__init__(
            editor,
            [
                F.heading(2, "ws.step.coalition", "ws.coalition.intro"),
                self.w_duration,
                self.w_scope,
                self.w_focus,
                self.members,
                self.w_covers,
                self.w_decisions,
                self.timeline,
            ],
        )
        for field in COALITION_FIELDS:
            getattr(self, f"w_{field}").observe(self._on_field(field), names="value")

    def _on_field(self, field: str):
        def handler(change):
            editor = self.editor
            if not editor.syncing and editor.apply(
                editor.model.set_coalition, **{field: change["new"]}
            ):
                editor.quiet()

        return handler

    def sync(self) -> None:
        """Fill the coalition's fields from the plan."""
        self.editor.syncing = True
        try:
            for field in COALITION_FIELDS:
                getattr(self, f"w_{field}").value = getattr(self.plan.coalition, field)
        finally:
            self.editor.syncing = False

    def refresh(self) -> None:
        """Redraw the members and the timeline; offer the members' names to the actors' form."""
        self.members.refresh()
        self.timeline.refresh()
