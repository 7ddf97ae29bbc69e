"""Step 2: the actors, each with where it stands and what the coalition plans about it, the map
(two views) and its text version, and snapshots of the map."""

from __future__ import annotations

import ipywidgets as W

from ... import content, ui
from .. import chart
from .. import fields as F
from ..model import label
from .snapshots import SnapshotsBox

AXES = ("alignment", "interest", "influence")
GOALS = tuple(f"goal_{a}" for a in AXES)
TEXTS = ("name", "reason", "ask", "contact", "responsible", "next_action", "notes")
CHOICES = ("type", *AXES, *GOALS, "priority", "relationship", "sensitive")


def _scale(axis: str) -> W.Dropdown:
    sc = content.load().worksheet.scales[axis]
    opts = [(sc.low, 1), ("2", 2), (sc.middle, 3), ("4", 4), (sc.high, 5)]
    return F.dropdown(f"ws.field.{axis}", opts, 3)


def _goal(axis: str) -> W.Dropdown:
    opts = [(ui.t("ws.goal.same"), 0)] + [(str(n), n) for n in range(1, 6)]  # 0: no change
    return F.dropdown(f"ws.field.goal_{axis}", opts, 0)


def _guide() -> W.HTML:
    """The step's heading, introduction and what 1, 3 and 5 mean on each scale (folded)."""
    items = ui.Markup("").join(
        ui.Markup("<li><strong>{}</strong>: {}; {}; {}.</li>").format(
            sc.label, sc.low, sc.middle, sc.high
        )
        for sc in content.load().worksheet.scales.values()
    )
    return W.HTML(
        ui.Markup(
            "<h2>{}</h2><p>{}</p><details class='course-ws-guide'><summary>{}</summary>"
            "<ul>{}</ul></details>"
        ).format(ui.t("ws.step.actors"), ui.t("ws.actors.intro"), ui.t("ws.actors.guide"), items)
    )


class ActorsStep(F.Step):
    """Add, edit and remove actors; the map and its key redraw after each change."""

    number = 2

    def __init__(self, editor: F.Editor):
        self._editing: int | None = None
        form = self._make_form()
        self.w_add = ui.button("ws.actors.add", "primary")
        self.w_cancel = ui.button("ws.actors.cancel")
        self.w_cancel.layout.display = "none"
        self.w_actors = F.select("ws.actors.list", 8)
        self.w_edit = ui.button("ws.actors.edit")
        self.w_remove = ui.button("ws.actors.remove")
        self.w_view = F.toggles(
            "ws.field.map_view",
            [(ui.t("ws.map.view_aiim"), "aiim"), (ui.t("ws.map.view_power"), "power")],
        )
        self.w_view.add_class("course-ws-view")
        self.w_map = W.HTML()
        self.w_map.add_class("course-ws-map")
        self.snapshots = SnapshotsBox(editor)
        super().__init__(
            editor,
            [
                _guide(),
                *form,
                F.row(self.w_add, self.w_cancel),
                self.w_actors,
                F.row(self.w_edit, self.w_remove),
                self.w_view,
                self.w_map,
                self.snapshots,
            ],
        )
        self.w_view.observe(self._on_view, names="value")
        self.w_add.on_click(lambda _: self.save_actor())
        self.w_cancel.on_click(lambda _: self.cancel_edit())
        self.w_edit.on_click(lambda _: self.edit_actor())
        self.w_remove.on_click(lambda _: self.remove_actor())

    def _make_form(self) -> list[W.Widget]:
        ws = content.load().worksheet
        self.w_name = F.text("ws.field.name")
        self.w_type = F.dropdown("ws.field.type", F.choices(ws.actor_types), ws.actor_types[0].id)
        for axis in AXES:
            setattr(self, f"w_{axis}", _scale(axis))
            setattr(self, f"w_goal_{axis}", _goal(axis))
        for key in ("reason", "ask", "contact", "next_action", "notes"):
            setattr(self, f"w_{key}", F.text(f"ws.field.{key}"))
        self.w_contact_note = F.html(
            ui.Markup("<p class='course-ws-hint'>{}</p>").format(ws.contact_note)
        )
        self.w_responsible = F.member_name("ws.field.responsible")
        self.w_next_date = F.date("ws.field.next_date")
        self.w_priority = F.dropdown(
            "ws.field.priority", F.choices(ws.priorities), ws.rules.default_priority
        )
        self.w_sensitive = F.checkbox("ws.actors.sensitive")
        self.w_relationship = F.dropdown(
            "ws.field.relationship", F.choices(ws.relationships), ws.relationships[0].id
        )
        self.w_engage = {
            e.id: W.Checkbox(value=False, description=e.label, indent=False) for e in ws.engage
        }
        for w in self.w_engage.values():
            w.layout.width = "auto"
        return [
            self.w_name,
            self.w_type,
            *(getattr(self, f"w_{a}") for a in AXES),
            F.heading(3, "ws.actors.plan"),
            *(getattr(self, f"w_{g}") for g in GOALS),
            *(getattr(self, f"w_{k}") for k in ("reason", "ask", "responsible", "next_action")),
            self.w_next_date,
            self.w_priority,
            self.w_relationship,
            W.HTML(ui.Markup("<strong>{}</strong>").format(ui.t("ws.field.engage"))),
            F.row(*self.w_engage.values()),
            self.w_contact,
            self.w_contact_note,
            self.w_sensitive,
            self.w_notes,
        ]

    def _fields(self) -> dict:
        fields = {k: getattr(self, f"w_{k}").value for k in TEXTS + CHOICES}
        for k in GOALS:
            fields[k] = fields[k] or None
        fields["next_date"] = F.date_text(self.w_next_date.value)
        fields["engage"] = [k for k, w in self.w_engage.items() if w.value]
        return fields

    def save_actor(self) -> bool:
        """Add the actor in the form, or save the changes to the actor being edited."""
        model, name = self.editor.model, self.w_name.value.strip()
        if self._editing is None:
            ok = self.editor.apply(model.add_actor, **self._fields())
            message = ui.t("ws.actors.added", name=name)
        else:
            ok = self.editor.apply(model.update_actor, self._editing, **self._fields())
            message = ui.t("ws.actors.updated", name=name)
        if ok:
            self.cancel_edit()
            self.editor.say(message, "ok")
        return ok

    def edit_actor(self, index: int | None = None) -> None:
        """Load the selected actor (or the one at ``index``) into the form for editing."""
        index = self.editor.selected(self.w_actors) if index is None else index
        if index is None:
            return
        a = self.plan.actors[index]
        self._editing = index
        for k in TEXTS + CHOICES:
            value = getattr(a, k)
            getattr(self, f"w_{k}").value = 0 if value is None and k in GOALS else value
        self.w_next_date.value = F.from_date_text(a.next_date)
        for k, w in self.w_engage.items():
            w.value = k in a.engage
        self.w_add.description = self.w_add.tooltip = ui.t("ws.actors.save")
        self.w_cancel.layout.display = ""
        self.editor.say(ui.t("ws.actors.editing", name=a.name))

    def cancel_edit(self) -> None:
        """Leave editing and empty the form."""
        self._editing = None
        for k in TEXTS:
            getattr(self, f"w_{k}").value = ""
        for k in GOALS:
            getattr(self, f"w_{k}").value = 0
        self.w_sensitive.value = False
        self.w_next_date.value = None
        for w in self.w_engage.values():
            w.value = False
        self.w_add.description = self.w_add.tooltip = ui.t("ws.actors.add")
        self.w_cancel.layout.display = "none"

    def remove_actor(self, index: int | None = None) -> None:
        """Remove the selected actor (or the one at ``index``)."""
        index = self.editor.selected(self.w_actors) if index is None else index
        if index is None:
            return
        name = self.plan.actors[index].name
        if self.editor.apply(self.editor.model.remove_actor, index):
            self.cancel_edit()
            self.editor.say(ui.t("ws.actors.removed", name=name), "ok")

    def _on_view(self, change) -> None:
        if not self.editor.syncing and change["new"] != self.plan.map_view:
            self.editor.apply(self.editor.model.set_map_view, change["new"])

    def sync(self) -> None:
        """Show the plan's map view and an empty form."""
        self.editor.syncing = True
        try:
            self.w_view.value = self.plan.map_view
        finally:
            self.editor.syncing = False
        self.cancel_edit()

    def refresh(self) -> None:
        """Redraw the list of actors, the map with its legend and key, and the snapshots."""
        plan, ws = self.plan, content.load().worksheet
        self.w_actors.options = [
            (f"{n}. {a.name} ({label(ws.actor_types, a.type)})", n - 1)
            for n, a in enumerate(plan.actors, start=1)
        ]
        self.w_actors.rows = max(4, min(10, len(plan.actors)))
        self.w_view.value = plan.map_view
        if plan.actors:
            self.w_map.value = (
                ui.Markup('<h3>{}</h3><div class="course-ws-mapbox">{}</div>').format(
                    ui.t("ws.map.title_" + plan.map_view), ui.Markup(chart.map_svg(plan))
                )
                + ui.Markup(chart.legend_html(plan.map_view))
                + ui.Markup(chart.map_text_html(plan))
            )
        else:
            self.w_map.value = ui.Markup("<h3>{}</h3><p>{}</p>").format(
                ui.t("ws.map.title"), ui.t("ws.map.empty")
            )
        self.w_responsible.options = [m.name for m in plan.coalition.members]
        self.snapshots.refresh()
