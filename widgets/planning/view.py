"""The worksheet view: four steps (review, actors, coalition, export) over a :class:`Worksheet`.

Widgets only turn clicks into model calls and show the model; rules, checks and exports live in
``model``, ``chart`` and ``export``. Every change is saved to the store under the learner's code
(``kind="worksheet", key="plan"``). Downloads are ``data:`` links in an HTML widget, so no file is
left on the server. Heavy libraries are imported only when the files are prepared.
"""

from __future__ import annotations

import base64
import datetime as dt
from html import escape

import ipywidgets as W

from .. import content, session
from .. import learner as learner_mod
from . import chart, model

WIDE = {"description_width": "initial"}


def _full() -> W.Layout:
    """A layout of its own for each field (a shared one would hide them all together)."""
    return W.Layout(width="100%", max_width="44rem")


NO_CHANGE = "—"


def _choices(items) -> list[tuple[str, str]]:
    return [(c.label, c.id) for c in items]


def _status(html: str, kind: str = "info") -> str:
    icon = {"info": "ℹ", "ok": "✓", "error": "⚠"}[kind]
    return (
        f'<div class="course-ws-msg course-ws-{kind}" role="status" aria-live="polite">'
        f'<span aria-hidden="true">{icon}</span> {html}</div>'
    )


def _date(value: dt.date | None) -> str:
    return value.isoformat() if value else ""


def _from_date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


class WorksheetView(W.VBox):
    """The coalition-planning worksheet. ``learner=""`` means nothing is saved."""

    def __init__(self, learner: str | None = None, store=None, **kwargs):
        c = content.load()
        t, ws = c.text, c.worksheet
        self._t = t
        self.learner = (learner_mod.current().code or "") if learner is None else learner
        self._store = store
        self.model = model.Worksheet()
        self.files: list = []  # the files last prepared for download
        self._syncing = False
        self._confirm: str | None = None  # the action waiting for a second click
        self._editing: int | None = None
        self._editing_member: int | None = None
        self._editing_ms: int | None = None
        forms = {f.id: f for f in c.forms}

        def text(key, long=False, placeholder=""):
            cls = W.Textarea if long else W.Text
            w = cls(description=t(key), style=WIDE, layout=_full(), continuous_update=False)
            w.placeholder = placeholder
            w.add_class("course-ws-field")
            return w

        def dropdown(key, options, value=None):
            w = W.Dropdown(
                options=options, value=value, description=t(key), style=WIDE, layout=_full()
            )
            w.add_class("course-ws-field")
            return w

        def date(key):
            w = W.DatePicker(description=t(key), style=WIDE, layout=_full())
            w.add_class("course-ws-field")
            return w

        def member_name(key):  # a member picked from the coalition, or any name typed
            w = W.Combobox(
                options=[],
                description=t(key),
                style=WIDE,
                layout=_full(),
                ensure_option=False,
                continuous_update=False,
            )
            w.add_class("course-ws-field")
            return w

        def button(key, style=""):
            b = W.Button(description=t(key), button_style=style, tooltip=t(key))
            b.layout.width = "auto"
            return b

        def html(value=""):
            return W.HTML(value, layout=W.Layout(width="100%", max_width="44rem"))

        def row(*items):
            return W.HBox(list(items), layout=W.Layout(flex_flow="row wrap"))

        self._scales = ws.scales

        def scale(axis):
            sc = ws.scales[axis]
            opts = [(sc.low, 1), ("2", 2), (sc.middle, 3), ("4", 4), (sc.high, 5)]
            return dropdown(f"ws.field.{axis}", opts, 3)

        def goal(axis):
            opts = [(t("ws.goal.same"), 0)] + [(str(n), n) for n in range(1, 6)]  # 0: no change
            return dropdown(f"ws.field.goal_{axis}", opts, 0)

        # header, save state, example and import --------------------------------------------
        self.w_save = W.HTML()
        self.w_example = button("ws.example.button")
        self.w_case = button("ws.case.button")
        self.w_upload = W.FileUpload(accept=".json,application/json", multiple=False)
        self.w_upload.description = t("ws.import.label")
        self.w_upload.tooltip = t("ws.import.label")
        self.w_upload.layout.width = "auto"
        self.w_upload.add_class("course-ws-upload")
        self.w_upload_note = W.HTML(
            f'<div class="course-ws-upload-toolarge" hidden role="alert">'
            f"{escape(t('ws.import.too_large', limit=model.MAX_IMPORT_BYTES // 1000))}</div>"
        )
        self.w_clear = button("ws.clear.button", "danger")
        self.w_status = W.HTML()
        self.w_steps = W.ToggleButtons(
            options=[
                (t("ws.step.review"), 0),
                (t("ws.step.actors"), 1),
                (t("ws.step.coalition"), 2),
                (t("ws.step.export"), 3),
            ],
            value=0,
            description=t("ws.steps.label"),
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.w_steps.add_class("course-ws-steps")

        # step 1: the review ------------------------------------------------------------------
        import pycountry

        countries = sorted((co.name, co.alpha_2) for co in pycountry.countries)
        none = [(t("ws.choose"), "")]
        self.w_country = dropdown("ws.field.country", none + countries, "")
        self.w_committee = dropdown(
            "ws.field.committee",
            none
            + [
                (f"{tb.acronym}: {tb.name}", tb.acronym)
                for tb in c.treaty_bodies
                if tb.acronym not in ws.no_review
            ],
            "",
        )
        self.w_committee_note = html(
            "".join(
                f"<p class='course-ws-note'>{escape(ws.committee_notes[k].text)}</p>"
                for k in ws.no_review
                if k in ws.committee_notes
            )
        )
        self.w_procedure = dropdown("ws.field.procedure", none + _choices(ws.procedures), "")
        self.w_procedure_help = html()
        self.w_stage = dropdown("ws.field.stage", none, "")
        self.w_stage_help = html()
        self.w_session_date = date("ws.field.session_date")
        self.w_themes = text("ws.field.themes")
        self.w_organisation = text("ws.field.organisation")
        step_review = W.VBox(
            [
                W.HTML(
                    f"<h2>{escape(t('ws.step.review'))}</h2><p>{escape(t('ws.review.intro'))}</p>"
                ),
                self.w_organisation,
                self.w_country,
                self.w_committee,
                self.w_committee_note,
                self.w_procedure,
                self.w_procedure_help,
                self.w_stage,
                self.w_stage_help,
                self.w_session_date,
                self.w_themes,
            ]
        )

        # step 2: the actors ---------------------------------------------------------------------
        self.w_name = text("ws.field.name")
        self.w_type = dropdown("ws.field.type", _choices(ws.actor_types), ws.actor_types[0].id)
        self.w_alignment = scale("alignment")
        self.w_interest = scale("interest")
        self.w_influence = scale("influence")
        self.w_goal_alignment = goal("alignment")
        self.w_goal_interest = goal("interest")
        self.w_goal_influence = goal("influence")
        self.w_reason = text("ws.field.reason")
        self.w_ask = text("ws.field.ask")
        self.w_contact = text("ws.field.contact")
        self.w_contact_note = html(f"<p class='course-ws-hint'>{escape(ws.contact_note)}</p>")
        self.w_responsible = member_name("ws.field.responsible")
        self.w_next_action = text("ws.field.next_action")
        self.w_next_date = date("ws.field.next_date")
        self.w_priority = dropdown("ws.field.priority", _choices(ws.priorities), "medium")
        self.w_sensitive = W.Checkbox(
            value=False, description=t("ws.actors.sensitive"), indent=False, layout=_full()
        )
        self.w_relationship = dropdown(
            "ws.field.relationship", _choices(ws.relationships), ws.relationships[0].id
        )
        self.w_engage = {
            e.id: W.Checkbox(
                value=False, description=e.label, indent=False, layout=W.Layout(width="auto")
            )
            for e in ws.engage
        }
        self.w_notes = text("ws.field.notes")
        self.w_add = button("ws.actors.add", "primary")
        self.w_cancel = button("ws.actors.cancel")
        self.w_cancel.layout.display = "none"
        self.w_actors = W.Select(options=[], rows=8, description=t("ws.actors.list"), style=WIDE)
        self.w_actors.layout = W.Layout(width="100%", max_width="44rem")
        self.w_edit = button("ws.actors.edit")
        self.w_remove = button("ws.actors.remove", "")
        self.w_view = W.ToggleButtons(
            options=[(t("ws.map.view_aiim"), "aiim"), (t("ws.map.view_power"), "power")],
            value="aiim",
            description=t("ws.field.map_view"),
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.w_view.add_class("course-ws-view")
        self.w_map = W.HTML()
        self.w_map.add_class("course-ws-map")
        self.w_snap_name = text("ws.snap.name")
        self.w_snap_take = button("ws.snap.take")
        self.w_snap_a = dropdown("ws.snap.from", [], None)
        self.w_snap_b = dropdown("ws.snap.to", [], None)
        self.w_snap_compare = button("ws.snap.compare")
        self.w_snap_result = html()
        guide = "".join(
            f"<li><strong>{escape(sc.label)}</strong>: {escape(sc.low)}; {escape(sc.middle)}; "
            f"{escape(sc.high)}.</li>"
            for sc in ws.scales.values()
        )
        step_actors = W.VBox(
            [
                W.HTML(
                    f"<h2>{escape(t('ws.step.actors'))}</h2><p>{escape(t('ws.actors.intro'))}</p>"
                    f"<details class='course-ws-guide'><summary>{escape(t('ws.actors.guide'))}"
                    f"</summary><ul>{guide}</ul></details>"
                ),
                self.w_name,
                self.w_type,
                self.w_alignment,
                self.w_interest,
                self.w_influence,
                W.HTML(f"<h3>{escape(t('ws.actors.plan'))}</h3>"),
                self.w_goal_alignment,
                self.w_goal_interest,
                self.w_goal_influence,
                self.w_reason,
                self.w_ask,
                self.w_responsible,
                self.w_next_action,
                self.w_next_date,
                self.w_priority,
                self.w_relationship,
                W.HTML(f"<strong>{escape(t('ws.field.engage'))}</strong>"),
                row(*self.w_engage.values()),
                self.w_contact,
                self.w_contact_note,
                self.w_sensitive,
                self.w_notes,
                row(self.w_add, self.w_cancel),
                self.w_actors,
                row(self.w_edit, self.w_remove),
                self.w_view,
                self.w_map,
                W.HTML(f"<h3>{escape(t('ws.snap.title'))}</h3><p>{escape(t('ws.snap.intro'))}</p>"),
                self.w_snap_name,
                self.w_snap_take,
                self.w_snap_a,
                self.w_snap_b,
                self.w_snap_compare,
                self.w_snap_result,
            ]
        )

        # step 3: the coalition ------------------------------------------------------------------
        self.w_duration = W.RadioButtons(
            options=_choices(forms["duration"].options),
            description=t("ws.field.duration"),
            style=WIDE,
        )
        self.w_scope = W.RadioButtons(
            options=_choices(forms["scope"].options), description=t("ws.field.scope"), style=WIDE
        )
        self.w_focus = text("ws.field.focus")
        self.w_member_pick = dropdown("ws.members.pick", [], None)
        self.w_member_name = text("ws.field.name")
        self.w_member_role = dropdown("ws.field.role", _choices(ws.roles), ws.roles[0].id)
        self.w_member_add = button("ws.members.add", "primary")
        self.w_members = W.Select(options=[], rows=5, description=t("ws.members.list"), style=WIDE)
        self.w_members.layout = W.Layout(width="100%", max_width="44rem")
        self.w_member_up = button("ws.move.up")
        self.w_member_down = button("ws.move.down")
        self.w_member_edit = button("ws.members.edit")
        self.w_member_remove = button("ws.members.remove", "")
        self.w_covers = text("ws.field.covers", long=True)
        self.w_decisions = text("ws.field.decisions", long=True)
        self.w_suggest = button("ws.timeline.suggest")
        self.w_ms_text = text("ws.field.milestone")
        self.w_ms_date = date("ws.field.date")
        self.w_ms_stage = dropdown("ws.field.stage", none, "")
        self.w_ms_who = member_name("ws.field.who")
        self.w_ms_when = text("ws.field.when")
        self.w_ms_add = button("ws.timeline.add", "primary")
        self.w_timeline = W.Select(
            options=[], rows=8, description=t("ws.timeline.list"), style=WIDE
        )
        self.w_timeline.layout = W.Layout(width="100%", max_width="44rem")
        self.w_ms_up = button("ws.move.up")
        self.w_ms_down = button("ws.move.down")
        self.w_ms_edit = button("ws.timeline.edit")
        self.w_ms_remove = button("ws.timeline.remove", "")
        step_coalition = W.VBox(
            [
                W.HTML(
                    f"<h2>{escape(t('ws.step.coalition'))}</h2>"
                    f"<p>{escape(t('ws.coalition.intro'))}</p>"
                ),
                self.w_duration,
                self.w_scope,
                self.w_focus,
                W.HTML(f"<h3>{escape(t('ws.field.members'))}</h3>"),
                self.w_member_pick,
                self.w_member_name,
                self.w_member_role,
                self.w_member_add,
                self.w_members,
                row(self.w_member_up, self.w_member_down, self.w_member_edit, self.w_member_remove),
                self.w_covers,
                self.w_decisions,
                W.HTML(
                    f"<h3>{escape(t('ws.field.timeline'))}</h3>"
                    f"<p>{escape(t('ws.timeline.intro'))}</p>"
                ),
                self.w_suggest,
                self.w_ms_text,
                self.w_ms_date,
                self.w_ms_stage,
                self.w_ms_who,
                self.w_ms_when,
                self.w_ms_add,
                self.w_timeline,
                row(self.w_ms_up, self.w_ms_down, self.w_ms_edit, self.w_ms_remove),
            ]
        )

        # step 4: summary, suggestions, sharing and export ---------------------------------------
        self.w_summary = html()
        self.w_keep_sensitive = W.Checkbox(
            value=False, description=t("ws.export.keep_sensitive"), indent=False, layout=_full()
        )
        self.w_prepare = button("ws.export.prepare", "primary")
        self.w_progress = html()
        self.w_downloads = html()
        self.w_downloads.add_class("course-ws-downloads")
        self.w_share = SharePlanSummary(self)
        step_export = W.VBox(
            [
                W.HTML(f"<h2>{escape(t('ws.step.export'))}</h2>"),
                self.w_summary,
                W.HTML(f"<h3>{escape(t('ws.export.title'))}</h3>"),
                self.w_keep_sensitive,
                self.w_prepare,
                self.w_progress,
                self.w_downloads,
                self.w_share,
            ]
        )

        self._steps = [step_review, step_actors, step_coalition, step_export]
        for i, box in enumerate(self._steps):
            box.add_class(f"course-ws-step-{i + 1}")
        self.w_back = button("ws.back")
        self.w_next = button("ws.next", "primary")
        super().__init__(**kwargs)
        self.children = [
            self.w_save,
            row(self.w_case, self.w_example, self.w_upload, self.w_clear),
            self.w_upload_note,
            self.w_steps,
            self.w_status,
            *self._steps,
            row(self.w_back, self.w_next),
        ]
        self.add_class("course-worksheet")

        # wiring -----------------------------------------------------------------------------------
        for w, field in (
            (self.w_country, "country"),
            (self.w_committee, "committee"),
            (self.w_procedure, "procedure"),
            (self.w_stage, "stage"),
            (self.w_themes, "themes"),
            (self.w_organisation, "organisation"),
        ):
            w.observe(self._on_review(field), names="value")
        self.w_session_date.observe(self._on_session_date, names="value")
        for w, field in (
            (self.w_duration, "duration"),
            (self.w_scope, "scope"),
            (self.w_focus, "focus"),
            (self.w_covers, "covers"),
            (self.w_decisions, "decisions"),
        ):
            w.observe(self._on_coalition(field), names="value")
        self.w_steps.observe(self._on_step, names="value")
        self.w_view.observe(self._on_view, names="value")
        self.w_member_pick.observe(self._on_pick, names="value")
        self.w_back.on_click(lambda _: self.go(self.w_steps.value - 1))
        self.w_next.on_click(lambda _: self.go(self.w_steps.value + 1))
        self.w_add.on_click(lambda _: self.save_actor())
        self.w_cancel.on_click(lambda _: self.cancel_edit())
        self.w_edit.on_click(lambda _: self.edit_actor())
        self.w_remove.on_click(lambda _: self.remove_actor())
        self.w_member_add.on_click(lambda _: self.add_member())
        self.w_member_edit.on_click(lambda _: self.edit_member())
        self.w_member_remove.on_click(lambda _: self.remove_member())
        self.w_member_up.on_click(lambda _: self.move_member(-1))
        self.w_member_down.on_click(lambda _: self.move_member(1))
        self.w_suggest.on_click(lambda _: self.add_suggested_milestones())
        self.w_ms_add.on_click(lambda _: self.add_milestone())
        self.w_ms_edit.on_click(lambda _: self.edit_milestone())
        self.w_ms_remove.on_click(lambda _: self.remove_milestone())
        self.w_ms_up.on_click(lambda _: self.move_milestone(-1))
        self.w_ms_down.on_click(lambda _: self.move_milestone(1))
        self.w_snap_take.on_click(lambda _: self.take_snapshot())
        self.w_snap_compare.on_click(lambda _: self.compare_snapshots())
        self.w_prepare.on_click(lambda _: self.prepare_downloads())
        self.w_example.on_click(lambda _: self.load_example())
        self.w_case.on_click(lambda _: self.load_case())
        self.w_clear.on_click(lambda _: self.clear())
        self.w_upload.observe(self._on_upload, names="value")

        self._save_blocked = False  # True when the saved plan is unreadable: never save over it
        self._save_failed = False
        self._load_saved()
        self._sync()
        self.go(0)

    # -- store ----------------------------------------------------------------------------------
    @property
    def store(self):
        """The store (opened on first use)."""
        if self._store is None:
            from ..store import open_store

            self._store = open_store(fallback=True)
        return self._store

    def _load_saved(self) -> None:
        t = self._t
        if not self.learner:
            self.w_save.value = _status(escape(t("ws.save.no_code")), "info")
            return
        from ..store import StoreError

        try:
            saved = self.store.get_doc(self.learner, model.STORE_KIND, model.STORE_KEY)
        except StoreError as exc:
            self.w_save.value = _status(escape(t("ws.save.failed", problem=str(exc))), "error")
            return
        if saved is not None:
            try:
                self.model.load(model.plan_from_saved(saved))
            except Exception as exc:  # a damaged or newer saved plan: reported, never overwritten
                detail = model.explain(exc) if hasattr(exc, "errors") else str(exc)
                self._save_blocked = True
                self.w_save.value = _status(escape(t("ws.save.blocked", detail=detail)), "error")
                return
        note = t("ws.save.saved")
        if self.store.problem:
            note = t("ws.save.memory", problem=self.store.problem)
        self.w_save.value = _status(escape(note), "error" if self.store.problem else "info")

    def save(self) -> bool:
        """Save the plan for this learner; False (with a message) when it cannot be saved."""
        if not self.learner or self._save_blocked:
            return False
        from ..store import StoreError

        try:
            self.store.put_doc(
                self.learner, model.STORE_KIND, model.STORE_KEY, self.model.plan.to_json_dict()
            )
        except StoreError as exc:
            self._save_failed = True
            self.w_save.value = _status(
                escape(self._t("ws.save.failed", problem=str(exc))), "error"
            )
            return False
        if self._save_failed:  # saving works again: say so
            self._save_failed = False
            self.w_save.value = _status(escape(self._t("ws.save.saved")), "info")
        return True

    # -- messages and refresh -------------------------------------------------------------------
    def _say(self, text: str, kind: str = "info") -> None:
        self.w_status.value = _status(escape(text), kind)

    def _changed(self) -> None:
        """After every accepted change: save, redraw, and mark prepared files out of date."""
        self.save()
        self._refresh()
        if self.files:
            self.files = []
            self.w_downloads.value = _status(escape(self._t("ws.export.stale")), "info")

    def _stage_options(self) -> list[tuple[str, str]]:
        ws = content.load().worksheet
        r = self.model.plan.review
        ids = model.stages_for(r.committee, r.procedure)
        return [(self._t("ws.choose"), "")] + [(ws.stage(i).label, i) for i in ids]

    def _refresh(self) -> None:
        plan, ws = self.model.plan, content.load().worksheet
        t = self._t
        r = plan.review
        self._syncing = True
        try:
            stages = self._stage_options()
            if list(self.w_stage.options) != stages:
                self.w_stage.options = stages
            self.w_stage.value = r.stage
            if list(self.w_ms_stage.options) != stages:
                keep = self.w_ms_stage.value
                self.w_ms_stage.options = stages
                self.w_ms_stage.value = keep if keep in dict(stages).values() else ""
            self.w_procedure.value = r.procedure
        finally:
            self._syncing = False
        procedures = model.has_procedures(r.committee)
        self.w_procedure.layout.display = "" if procedures else "none"
        notes = []
        if r.committee in ws.committee_notes:
            notes.append(ws.committee_notes[r.committee].text)
        if r.procedure and procedures:
            notes.append(ws.procedure(r.procedure).text)
        self.w_procedure_help.value = "".join(
            f"<p class='course-ws-note'>{escape(n)}</p>" for n in notes
        )
        self.w_stage_help.value = (
            f"<p class='course-ws-hint'>{escape(ws.stage(r.stage).text)}</p>" if r.stage else ""
        )
        self.w_actors.options = [
            (f"{n}. {a.name} ({model.label(ws.actor_types, a.type)})", n - 1)
            for n, a in enumerate(plan.actors, start=1)
        ]
        self.w_actors.rows = max(4, min(10, len(plan.actors)))
        self.w_members.options = [
            (f"{m.name} ({model.label(ws.roles, m.role)})", i)
            for i, m in enumerate(plan.coalition.members)
        ]
        names = [m.name for m in plan.coalition.members]
        self.w_responsible.options = names
        self.w_ms_who.options = names
        taken = {model.name_key(n) for n in names}
        self.w_member_pick.options = [(t("ws.members.pick_none"), None)] + [
            (a.name, a.name) for a in plan.actors if model.name_key(a.name) not in taken
        ]
        self.w_member_pick.value = None
        self.w_timeline.options = [
            (
                f"{i + 1}. "
                + " · ".join(
                    x
                    for x in (
                        m.date,
                        m.milestone,
                        model.label(ws.stages, m.stage) if m.stage else "",
                        m.who,
                        m.when,
                    )
                    if x
                ),
                i,
            )
            for i, m in enumerate(plan.coalition.timeline)
        ]
        self.w_timeline.rows = max(4, min(len(plan.coalition.timeline), model.MAX_MILESTONES))
        self.w_view.value = plan.map_view
        if plan.actors:
            self.w_map.value = (
                f"<h3>{escape(t('ws.map.title_' + plan.map_view))}</h3>"
                f'<div class="course-ws-mapbox">{chart.map_svg(plan)}</div>'
                + chart.legend_html(plan.map_view)
                + chart.map_text_html(plan)
            )
        else:
            self.w_map.value = (
                f"<h3>{escape(t('ws.map.title'))}</h3><p>{escape(t('ws.map.empty'))}</p>"
            )
        snaps = [(t("ws.snap.now"), -1)] + [
            (f"{s.name} ({s.date})", i) for i, s in enumerate(plan.snapshots)
        ]
        for w, default in ((self.w_snap_a, 0 if plan.snapshots else -1), (self.w_snap_b, -1)):
            keep = w.value
            w.options = snaps
            w.value = keep if keep in [v for _, v in snaps] else default
        show = "" if plan.snapshots else "none"
        for w in (self.w_snap_a, self.w_snap_b, self.w_snap_compare):
            w.layout.display = show
        self.w_summary.value = summary_html(plan)
        self.w_share.refresh()

    def _sync(self) -> None:
        """Show the model's plan in every field (after loading, importing or the example)."""
        plan = self.model.plan
        self._syncing = True
        try:
            r, co = plan.review, plan.coalition
            self.w_country.value = r.country
            self.w_committee.value = r.committee
            self.w_procedure.value = r.procedure
            self.w_stage.options = self._stage_options()
            self.w_stage.value = r.stage
            self.w_session_date.value = _from_date(r.session_date)
            self.w_themes.value = r.themes
            self.w_organisation.value = r.organisation
            self.w_duration.value = co.duration
            self.w_scope.value = co.scope
            self.w_focus.value = co.focus
            self.w_covers.value = co.covers
            self.w_decisions.value = co.decisions
            self.w_view.value = plan.map_view
        finally:
            self._syncing = False
        self.cancel_edit()
        self._refresh()

    # -- navigation -----------------------------------------------------------------------------
    def go(self, step: int) -> None:
        """Show step ``step`` (0-3) and hide the others."""
        step = max(0, min(3, step))
        if self.w_steps.value != step:
            self.w_steps.value = step  # comes back here through _on_step
            return
        for i, box in enumerate(self._steps):
            box.layout.display = "" if i == step else "none"
        self.w_back.disabled = step == 0
        self.w_next.disabled = step == 3

    def _on_step(self, change) -> None:
        self.go(change["new"])

    # -- fields ---------------------------------------------------------------------------------
    def _apply(self, action, *args, **kwargs) -> bool:
        try:
            action(*args, **kwargs)
        except model.PlanError as exc:
            self._say(str(exc), "error")
            return False
        self._changed()
        return True

    def _on_review(self, field: str):
        def handler(change):
            if self._syncing:
                return
            value = change["new"] if change["new"] is not None else ""
            if self._apply(self.model.set_review, **{field: value}):
                self.w_status.value = ""

        return handler

    def _on_session_date(self, change) -> None:
        if not self._syncing and self._apply(
            self.model.set_review, session_date=_date(change["new"])
        ):
            self.w_status.value = ""

    def _on_view(self, change) -> None:
        if not self._syncing and change["new"] != self.model.plan.map_view:
            self._apply(self.model.set_map_view, change["new"])

    def _on_coalition(self, field: str):
        def handler(change):
            if not self._syncing and self._apply(
                self.model.set_coalition, **{field: change["new"]}
            ):
                self.w_status.value = ""

        return handler

    # -- actors ---------------------------------------------------------------------------------
    _GOALS = ("goal_alignment", "goal_interest", "goal_influence")
    _ACTOR_TEXT = ("name", "reason", "ask", "contact", "responsible", "next_action", "notes")
    _ACTOR_CHOICE = (
        "type",
        "alignment",
        "interest",
        "influence",
        "goal_alignment",
        "goal_interest",
        "goal_influence",
        "priority",
        "relationship",
        "sensitive",
    )

    def _actor_fields(self) -> dict:
        fields = {k: getattr(self, f"w_{k}").value for k in self._ACTOR_TEXT + self._ACTOR_CHOICE}
        for k in self._GOALS:
            fields[k] = fields[k] or None
        fields["next_date"] = _date(self.w_next_date.value)
        fields["engage"] = [k for k, w in self.w_engage.items() if w.value]
        return fields

    def save_actor(self) -> bool:
        """Add the actor in the form, or save the changes to the actor being edited."""
        t = self._t
        if self._editing is None:
            ok = self._apply(self.model.add_actor, **self._actor_fields())
            msg = t("ws.actors.added", name=self.w_name.value.strip())
        else:
            ok = self._apply(self.model.update_actor, self._editing, **self._actor_fields())
            msg = t("ws.actors.updated", name=self.w_name.value.strip())
        if ok:
            self.cancel_edit()
            self._say(msg, "ok")
        return ok

    def edit_actor(self, index: int | None = None) -> None:
        """Load the selected actor (or the one at ``index``) into the form for editing."""
        index = self.w_actors.value if index is None else index
        if index is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        a = self.model.plan.actors[index]
        self._editing = index
        for k in self._ACTOR_TEXT + self._ACTOR_CHOICE:
            value = getattr(a, k)
            getattr(self, f"w_{k}").value = 0 if value is None and k in self._GOALS else value
        self.w_next_date.value = _from_date(a.next_date)
        for k, w in self.w_engage.items():
            w.value = k in a.engage
        self.w_add.description = self.w_add.tooltip = self._t("ws.actors.save")
        self.w_cancel.layout.display = ""
        self._say(self._t("ws.actors.editing", name=a.name))

    def cancel_edit(self) -> None:
        """Leave editing and empty the form."""
        self._editing = None
        for k in self._ACTOR_TEXT:
            getattr(self, f"w_{k}").value = ""
        for k in self._GOALS:
            getattr(self, f"w_{k}").value = 0
        self.w_sensitive.value = False
        self.w_next_date.value = None
        for w in self.w_engage.values():
            w.value = False
        self.w_add.description = self.w_add.tooltip = self._t("ws.actors.add")
        self.w_cancel.layout.display = "none"

    def remove_actor(self, index: int | None = None) -> None:
        """Remove the selected actor (or the one at ``index``)."""
        index = self.w_actors.value if index is None else index
        if index is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        name = self.model.plan.actors[index].name
        if self._apply(self.model.remove_actor, index):
            self.cancel_edit()
            self._say(self._t("ws.actors.removed", name=name), "ok")

    # -- members --------------------------------------------------------------------------------
    def _on_pick(self, change) -> None:
        if change["new"]:
            self.w_member_name.value = change["new"]

    def add_member(self) -> None:
        """Add the member in the form, or save the changes to the member being edited."""
        name, role = self.w_member_name.value, self.w_member_role.value
        if self._editing_member is None:
            ok = self._apply(self.model.add_member, name, role)
        else:
            ok = self._apply(self.model.update_member, self._editing_member, name, role)
        if ok:
            self._editing_member = None
            self.w_member_add.description = self._t("ws.members.add")
            self.w_member_name.value = ""
            self.w_status.value = ""

    def edit_member(self) -> None:
        """Load the selected member into the form."""
        i = self.w_members.value
        if i is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        m = self.model.plan.coalition.members[i]
        self._editing_member = i
        self.w_member_name.value, self.w_member_role.value = m.name, m.role
        self.w_member_add.description = self._t("ws.actors.save")

    def remove_member(self) -> None:
        """Remove the selected member."""
        if self.w_members.value is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        self._apply(self.model.remove_member, self.w_members.value)

    def move_member(self, step: int) -> None:
        """Move the selected member up (-1) or down (+1)."""
        i = self.w_members.value
        if i is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        new = self.model.move_member(i, step)
        self._changed()
        self.w_members.value = new

    # -- timeline -------------------------------------------------------------------------------
    def add_milestone(self) -> None:
        """Add the milestone in the form, or save the changes to the one being edited."""
        fields = dict(
            milestone=self.w_ms_text.value,
            when=self.w_ms_when.value,
            who=self.w_ms_who.value,
            date=_date(self.w_ms_date.value),
            stage=self.w_ms_stage.value or "",
        )
        if self._editing_ms is None:
            ok = self._apply(self.model.add_milestone, **fields)
        else:
            ok = self._apply(self.model.update_milestone, self._editing_ms, **fields)
        if ok:
            self._editing_ms = None
            self.w_ms_add.description = self._t("ws.timeline.add")
            self.w_ms_text.value = self.w_ms_when.value = self.w_ms_who.value = ""
            self.w_ms_date.value = None
            self.w_status.value = ""

    def edit_milestone(self) -> None:
        """Load the selected milestone into the form."""
        i = self.w_timeline.value
        if i is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        m = self.model.plan.coalition.timeline[i]
        self._editing_ms = i
        self.w_ms_text.value, self.w_ms_when.value, self.w_ms_who.value = m.milestone, m.when, m.who
        self.w_ms_date.value = _from_date(m.date)
        self.w_ms_stage.value = m.stage if m.stage in dict(self.w_ms_stage.options).values() else ""
        self.w_ms_add.description = self._t("ws.actors.save")

    def remove_milestone(self) -> None:
        """Remove the selected milestone."""
        if self.w_timeline.value is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        self._apply(self.model.remove_milestone, self.w_timeline.value)

    def move_milestone(self, step: int) -> None:
        """Move the selected (undated) milestone up or down."""
        i = self.w_timeline.value
        if i is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        try:
            new = self.model.move_milestone(i, step)
        except model.PlanError as exc:
            self._say(str(exc), "error")
            return
        self._changed()
        self.w_timeline.value = new

    def add_suggested_milestones(self) -> None:
        """Add the suggested milestones of the chosen stage."""
        try:
            n = self.model.add_suggested_milestones()
        except model.PlanError as exc:
            self._say(str(exc), "error")
            return
        self._changed()
        message = self._t("ws.timeline.added", n=n)
        if not self.model.plan.review.session_date:
            message += " " + self._t("ws.timeline.no_dates")
        self._say(message, "ok")

    # -- snapshots ------------------------------------------------------------------------------
    def take_snapshot(self) -> None:
        """Save the map as it is now under the name typed."""
        name = self.w_snap_name.value
        if self._apply(self.model.take_snapshot, name):
            self.w_snap_name.value = ""
            self._say(self._t("ws.snap.taken", name=name.strip()), "ok")

    def compare_snapshots(self) -> None:
        """Show who moved where between the two snapshots chosen (-1 is the map now)."""
        t = self._t
        plan = self.model.plan

        def actors(i):
            return plan.actors if i in (None, -1) else plan.snapshots[i].actors

        changes = model.compare(
            actors(self.w_snap_a.value), actors(self.w_snap_b.value), plan.map_view
        )
        if not changes:
            self.w_snap_result.value = f"<p>{escape(t('ws.snap.same'))}</p>"
            return
        items = "".join(
            f"<li>{escape(t('ws.snap.' + ch.kind, name=ch.name, before=ch.before, after=ch.after))}</li>"
            for ch in changes
        )
        self.w_snap_result.value = f"<ul class='course-ws-changes'>{items}</ul>"

    # -- whole plan -----------------------------------------------------------------------------
    def load_example(self) -> None:
        """Load the fictional example; asks for a second click if it would replace a plan."""
        self._load_start("example", self.model.load_example)

    def load_case(self) -> None:
        """Start from where the running case ended (page 05); asks first if it replaces a plan."""
        self._load_start("case", self.model.load_case_start)

    def _load_start(self, kind: str, load) -> None:
        t = self._t
        button = self.w_example if kind == "example" else self.w_case
        self._reset_confirm(kind)
        if not self.model.plan.is_empty() and self._confirm != kind:
            self._confirm = kind
            button.description = button.tooltip = t(f"ws.{kind}.confirm")
            self._say(t(f"ws.{kind}.ask"), "info")
            return
        self._confirm = None
        button.description = button.tooltip = t(f"ws.{kind}.button")
        load()
        self._sync()
        self._changed()
        self._say(t(f"ws.{kind}.done"), "ok")

    def clear(self) -> None:
        """Empty the plan and delete the saved copy; asks for a second click first."""
        t = self._t
        self._reset_confirm("clear")
        if self._confirm != "clear":
            self._confirm = "clear"
            self.w_clear.description = self.w_clear.tooltip = t("ws.clear.confirm")
            self._say(t("ws.clear.ask"), "info")
            return
        self._confirm = None
        self.w_clear.description = self.w_clear.tooltip = t("ws.clear.button")
        if self.learner:
            from ..store import StoreError

            try:
                self.store.delete_docs(self.learner, model.STORE_KIND)
            except StoreError as exc:
                self._say(t("ws.save.failed", problem=str(exc)), "error")
                return
        self._save_blocked = False
        self.w_save.value = _status(escape(t("ws.save.saved")), "info") if self.learner else ""
        self.model.load(model.Plan())
        self._sync()
        self.files = []
        self.w_downloads.value = ""
        self._say(t("ws.clear.done"), "ok")

    def _reset_confirm(self, keep: str) -> None:
        """Forget a pending confirmation of another action (restoring its button's label)."""
        if self._confirm and self._confirm != keep:
            b, key = {
                "example": (self.w_example, "ws.example.button"),
                "case": (self.w_case, "ws.case.button"),
                "clear": (self.w_clear, "ws.clear.button"),
            }[self._confirm]
            b.description = b.tooltip = self._t(key)
            self._confirm = None

    def import_plan(self, data: bytes | str, name: str = "plan.json") -> bool:
        """Replace the plan with a JSON file's content; on refusal the plan stays as it was."""
        try:
            self.model.import_json(data)
        except model.PlanError as exc:
            self._say(str(exc), "error")
            return False
        self._sync()
        self._changed()
        self._say(self._t("ws.import.done", name=name[:80]), "ok")
        return True

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        f = files[0]
        if f.get("size", 0) > model.MAX_IMPORT_BYTES:
            self._say(self._t("ws.import.too_large", limit=model.MAX_IMPORT_BYTES // 1000), "error")
        else:
            self.import_plan(bytes(f["content"]), str(f.get("name", "plan.json")))
        self.w_upload.value = ()

    def prepare_downloads(self) -> None:
        """Build every export and show them as download links (``data:`` URLs, nothing on disk).

        The button is disabled and a progress line shown while the files are made.
        """
        from . import export

        t = self._t
        self.w_prepare.disabled = True
        self.w_prepare.description = t("ws.export.busy")
        self.w_progress.value = _status(escape(t("ws.export.working")), "info")
        self.w_downloads.value = ""
        try:
            self.files = export.all_files(
                self.model.plan, keep_sensitive=self.w_keep_sensitive.value
            )
        except Exception as exc:  # a file that cannot be made is reported, never silent
            self.files = []
            self.w_progress.value = _status(
                escape(t("ws.export.failed", problem=type(exc).__name__)), "error"
            )
            return
        finally:
            self.w_prepare.disabled = False
            self.w_prepare.description = t("ws.export.prepare")
        self.w_progress.value = ""
        links = "".join(
            f'<li><a download="{escape(f.filename)}" class="course-ws-dl-{f.key}" '
            f'href="data:{f.mime};base64,{base64.b64encode(f.data).decode("ascii")}">'
            f"{escape(t('ws.export.' + f.key))}</a></li>"
            for f in self.files
        )
        self.w_downloads.value = (
            f'<div role="status" aria-live="polite"><p>{escape(t("ws.export.ready"))}</p>'
            f"<ul>{links}</ul></div>"
        )


class SharePlanSummary(W.VBox):
    """Share the plan's summary with a workshop the learner joined: shown once a plan exists.

    Only the course's own categories are shared (how many actors of each type, the coalition's
    form); nothing the learner typed. The confirmation says so in plain words.
    """

    def __init__(self, sheet: WorksheetView, code: str | None = None, **kwargs):
        super().__init__(**kwargs)
        t = content.load().text
        self._sheet = sheet
        self.code = session.query_params().get("workshop", "") if code is None else code
        self.w_intro = W.HTML(
            f"<h3>{escape(t('ws.share.title'))}</h3><p>{escape(t('ws.share.intro'))}</p>"
        )
        self.w_share = W.Button(description=t("ws.share.button"), button_style="primary")
        self.w_withdraw = W.Button(description=t("ws.share.withdraw"))
        for b in (self.w_share, self.w_withdraw):
            b.layout.width = "auto"
        self.w_status = W.HTML()
        self.w_share.on_click(lambda _: self.share())
        self.w_withdraw.on_click(lambda _: self.withdraw())
        self.add_class("course-ws-share")
        self.children = [
            self.w_intro,
            W.HBox([self.w_share, self.w_withdraw], layout=W.Layout(flex_flow="row wrap")),
            self.w_status,
        ]
        self.layout.display = "none"

    def refresh(self) -> None:
        """Show the control only when the learner is in a workshop and has a plan."""
        sheet = self._sheet
        ready = bool(self.code and sheet.learner and not sheet.model.plan.is_empty())
        self.layout.display = "" if ready else "none"

    def share(self) -> dict | None:
        """Share the summary; returns it, or None with a message saying why not."""
        from ..store import StoreError
        from ..workshop import model as workshop

        t = content.load().text
        try:
            summary = workshop.share_plan_summary(self._sheet.store, self.code, self._sheet.learner)
        except (workshop.WorkshopError, StoreError) as exc:
            self.w_status.value = _status(escape(str(exc)), "error")
            return None
        self.w_status.value = _status(
            escape(t("ws.share.done", summary=describe_shared(summary))), "ok"
        )
        return summary

    def withdraw(self) -> None:
        """Stop sharing."""
        from ..workshop import model as workshop

        if self.code:
            workshop.withdraw_plan_summary(self._sheet.store, self.code, self._sheet.learner)
        self.w_status.value = _status(escape(content.load().text("ws.share.withdrawn")), "ok")


def describe_shared(summary: dict) -> str:
    """A shared summary in plain words, with the course's labels (never ids)."""
    c = content.load()
    t, ws = c.text, c.worksheet
    forms = {f.id: f for f in c.forms}
    types = summary.get("actor_types") or {}
    parts = ", ".join(f"{n} {model.label(ws.actor_types, k)}" for k, n in types.items())
    form = summary.get("coalition") or {}
    shape = ", ".join(
        model.label(forms[k].options, form[k]).lower()
        for k in ("duration", "scope")
        if form.get(k) and k in forms
    )
    return t("ws.share.words", n=sum(types.values()), types=parts or "-", shape=shape or "-")


def _suggestion_li(s: model.Suggestion) -> str:
    t = content.load().text
    page = content.load().page(s.section)
    href = escape(session.with_query(page.notebook), quote=True)
    sources = "; ".join(s.source_titles)
    return (
        f"<li><p>{escape(s.text)}</p><p class='course-ws-why'><strong>{escape(t('ws.export.why'))}:"
        f"</strong> {escape(s.why)} <em>{escape(t('ws.suggestions.from'))} "
        f'<a href="{href}" target="_blank" rel="noopener">{escape(page.title)}</a>. '
        f"{escape(t('ws.export.sources'))}: {escape(sources)}</em></p></li>"
    )


def summary_html(plan: model.Plan) -> str:
    """The summary (review, counts, actors, timeline) and the ranked suggestions (escaped)."""
    c = content.load()
    t, ws = c.text, c.worksheet
    rows = "".join(
        f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>'
        for k, v in model.summary(plan)
    )
    counts = model.counts(plan)
    counted = escape(t("ws.summary.counts", **counts))
    actors = "".join(
        f"<li>{escape(a.name)}: {escape(model.placement_label(a, plan.map_view))}"
        + (f" · {escape(t('ws.field.priority'))}: {escape(model.label(ws.priorities, a.priority))}")
        + (f" · {escape(a.next_date)} {escape(a.next_action)}" if a.next_action else "")
        + "</li>"
        for a in plan.actors
    )
    timeline = "".join(
        f"<li>{escape(' · '.join(x for x in (m.date, m.milestone, m.who) if x))}</li>"
        for m in plan.coalition.timeline
    )
    items = model.suggestions(plan)
    top = "".join(_suggestion_li(s) for s in items[: model.TOP])
    rest = "".join(_suggestion_li(s) for s in items[model.TOP :])
    folded = (
        f"<details><summary>{escape(t('ws.suggestions.more', n=len(items) - model.TOP))}"
        f"</summary><ol start='{model.TOP + 1}' class='course-ws-suggestions'>{rest}</ol></details>"
        if rest
        else ""
    )
    return (
        f"<h3>{escape(t('ws.summary.title'))}</h3><p>{counted}</p>"
        + (f'<table class="course-table"><tbody>{rows}</tbody></table>' if rows else "")
        + (
            f"<h4>{escape(t('ws.map.title_' + plan.map_view))}</h4>"
            f'<div class="course-ws-mapbox">{chart.map_svg(plan, uid="ws-summary-map")}</div>'
            + chart.legend_html(plan.map_view)
            if plan.actors
            else ""
        )
        + (f"<h4>{escape(t('ws.export.actors'))}</h4><ul>{actors}</ul>" if actors else "")
        + (f"<h4>{escape(t('ws.export.timeline'))}</h4><ul>{timeline}</ul>" if timeline else "")
        + f'<h3>{escape(t("ws.suggestions.title"))}</h3><ol class="course-ws-suggestions">{top}</ol>'
        + folded
    )
