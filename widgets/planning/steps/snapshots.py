"""Snapshots of the map inside step 2: take one under a name, compare two (or one with now)."""

from __future__ import annotations

import ipywidgets as W

from ... import ui
from .. import fields as F
from ..snapshots import compare

NOW = -1  # the map as it is now, in the lists of snapshots to compare


class SnapshotsBox(W.VBox):
    """Take a named snapshot of the map, and say who moved where between two of them."""

    def __init__(self, editor: F.Editor):
        self.editor = editor
        self.w_snap_name = F.text("ws.snap.name")
        self.w_snap_take = ui.button("ws.snap.take")
        self.w_snap_a = F.dropdown("ws.snap.from", [], None)
        self.w_snap_b = F.dropdown("ws.snap.to", [], None)
        self.w_snap_compare = ui.button("ws.snap.compare")
        self.w_snap_result = F.html()
        super().__init__(
            [
                F.heading(3, "ws.snap.title", "ws.snap.intro"),
                self.w_snap_name,
                self.w_snap_take,
                self.w_snap_a,
                self.w_snap_b,
                self.w_snap_compare,
                self.w_snap_result,
            ]
        )
        self.w_snap_take.on_click(lambda _: self.take_snapshot())
        self.w_snap_compare.on_click(lambda _: self.compare_snapshots())

    def take_snapshot(self) -> None:
        """Save the map as it is now under the name typed."""
        name = self.w_snap_name.value
        if self.editor.apply(self.editor.model.take_snapshot, name):
            self.w_snap_name.value = ""
            self.editor.say(ui.t("ws.snap.taken", name=name.strip()), "ok")

    def compare_snapshots(self) -> None:
        """Show who moved where between the two snapshots chosen (``NOW`` is the map now)."""
        plan = self.editor.model.plan

        def actors(i):
            return plan.actors if i in (None, NOW) else plan.snapshots[i].actors

        changes = compare(actors(self.w_snap_a.value), actors(self.w_snap_b.value), plan.map_view)
        if not changes:
            self.w_snap_result.value = ui.Markup("<p>{}</p>").format(ui.t("ws.snap.same"))
            return
        items = ui.Markup("").join(
            ui.Markup("<li>{}</li>").format(
                ui.t("ws.snap." + ch.kind, name=ch.name, before=ch.before, after=ch.after)
            )
            for ch in changes
        )
        self.w_snap_result.value = ui.Markup("<ul class='course-ws-changes'>{}</ul>").format(items)

    def refresh(self) -> None:
        """Offer the snapshots taken (and now) to compare; hide the comparison until one exists."""
        plan = self.editor.model.plan
        snaps = [(ui.t("ws.snap.now"), NOW)] + [
            (f"{s.name} ({s.date})", i) for i, s in enumerate(plan.snapshots)
        ]
        for w, default in ((self.w_snap_a, 0 if plan.snapshots else NOW), (self.w_snap_b, NOW)):
            keep = w.value
            w.options = snaps
            w.value = keep if keep in [v for _, v in snaps] else default
        show = "" if plan.snapshots else "none"
        for w in (self.w_snap_a, self.w_snap_b, self.w_snap_compare):
            w.layout.display = show
