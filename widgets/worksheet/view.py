"""The worksheet view: four steps (review, actors, coalition, export) over a :class:`Worksheet`.

Widgets only turn clicks into model calls and show the model; rules, checks and exports live in
``model``, ``chart`` and ``export``. Every change is saved to the store under the learner's code
(``kind="worksheet", key="plan"``). Downloads are ``data:`` links in an HTML widget, so no file is
left on the server. Heavy libraries are imported only when the files are prepared.
"""

from __future__ import annotations

import base64
from html import escape

import ipywidgets as W

from .. import content, identity, session
from . import chart, model

WIDE = {"description_width": "12rem"}
FULL = W.Layout(width="100%", max_width="44rem")


def _choices(items) -> list[tuple[str, str]]:
    return [(c.label, c.id) for c in items]


def _status(html: str, kind: str = "info") -> str:
    icon = {"info": "ℹ", "ok": "✓", "error": "⚠"}[kind]
    return (
        f'<div class="course-ws-msg course-ws-{kind}" role="status" aria-live="polite">'
        f'<span aria-hidden="true">{icon}</span> {html}</div>'
    )


class WorksheetView(W.VBox):
    """The coalition-planning worksheet. ``learner=""`` means nothing is saved."""

    def __init__(self, learner: str | None = None, store=None, **kwargs):
        c = content.load()
        t, ws = c.text, c.worksheet
        self._t = t
        self.learner = identity.current_learner() if learner is None else learner
        self._store = store
        self.model = model.Worksheet()
        self.files: list = []  # the files last prepared for download
        self._syncing = False
        self._confirm: str | None = None  # the action waiting for a second click
        forms = {f.id: f for f in c.forms}

        def text(key, long=False, placeholder=""):
            cls = W.Textarea if long else W.Text
            w = cls(description=t(key), style=WIDE, layout=FULL, continuous_update=False)
            w.placeholder = placeholder
            return w

        def dropdown(key, options, value=None):
            return W.Dropdown(
                options=options, value=value, description=t(key), style=WIDE, layout=FULL
            )

        def button(key, style=""):
            b = W.Button(description=t(key), button_style=style, tooltip=t(key))
            b.layout.width = "auto"
            return b

        ratings = [(str(n), n) for n in range(1, 6)]
        ratings[0], ratings[-1] = (t("ws.rating.low"), 1), (t("ws.rating.high"), 5)

        # header, save state, example and import --------------------------------------------
        self.w_save = W.HTML()
        self.w_example = button("ws.example.button")
        self.w_upload = W.FileUpload(accept=".json,application/json", multiple=False)
        self.w_upload.description = t("ws.import.label")
        self.w_upload.tooltip = t("ws.import.label")
        self.w_upload.layout.width = "auto"
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

        # step 1: the review ------------------------------------------------------------------
        import pycountry

        countries = sorted((co.name, co.alpha_2) for co in pycountry.countries)
        none = [(t("ws.choose"), "")]
        self.w_country = dropdown("ws.field.country", none + countries, "")
        self.w_committee = dropdown(
            "ws.field.committee",
            none + [(f"{tb.acronym}: {tb.name}", tb.acronym) for tb in c.treaty_bodies],
            "",
        )
        self.w_stage = dropdown("ws.field.stage", none + _choices(ws.stages), "")
        self.w_stage_help = W.HTML()
        self.w_themes = text("ws.field.themes")
        self.w_organisation = text("ws.field.organisation")
        step_review = W.VBox(
            [
                W.HTML(
                    f"<h2>{escape(t('ws.step.review'))}</h2><p>{escape(t('ws.review.intro'))}</p>"
                ),
                self.w_country,
                self.w_committee,
                self.w_stage,
                self.w_stage_help,
                self.w_themes,
                self.w_organisation,
            ]
        )

        # step 2: the actors ---------------------------------------------------------------------
        self.w_name = text("ws.field.name")
        self.w_type = dropdown("ws.field.type", _choices(ws.actor_types), ws.actor_types[0].id)
        self.w_influence = dropdown("ws.field.influence", ratings, 3)
        self.w_interest = dropdown("ws.field.interest", ratings, 3)
        self.w_position = dropdown("ws.field.position", _choices(ws.positions), "neutral")
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
        self.w_map = W.HTML()
        self.w_map.add_class("course-ws-map")
        step_actors = W.VBox(
            [
                W.HTML(
                    f"<h2>{escape(t('ws.step.actors'))}</h2><p>{escape(t('ws.actors.intro'))}</p>"
                ),
                self.w_name,
                self.w_type,
                self.w_influence,
                self.w_interest,
                self.w_position,
                self.w_relationship,
                W.HBox(
                    [
                        W.HTML(
                            f"<strong>{escape(t('ws.field.engage'))}</strong>",
                            layout=W.Layout(width="12rem"),
                        ),
                        W.VBox(list(self.w_engage.values())),
                    ]
                ),
                self.w_notes,
                W.HBox([self.w_add, self.w_cancel]),
                self.w_actors,
                W.HBox([self.w_edit, self.w_remove]),
                self.w_map,
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
        self.w_member_name = text("ws.field.name")
        self.w_member_role = dropdown("ws.field.role", _choices(ws.roles), ws.roles[0].id)
        self.w_member_add = button("ws.members.add", "primary")
        self.w_members = W.Select(options=[], rows=5, description=t("ws.members.list"), style=WIDE)
        self.w_members.layout = W.Layout(width="100%", max_width="44rem")
        self.w_member_remove = button("ws.members.remove", "")
        self.w_covers = text("ws.field.covers", long=True)
        self.w_decisions = text("ws.field.decisions", long=True)
        self.w_suggest = button("ws.timeline.suggest")
        self.w_ms_text = text("ws.field.milestone")
        self.w_ms_when = text("ws.field.when")
        self.w_ms_who = text("ws.field.who")
        self.w_ms_add = button("ws.timeline.add", "primary")
        self.w_timeline = W.Select(
            options=[], rows=6, description=t("ws.timeline.list"), style=WIDE
        )
        self.w_timeline.layout = W.Layout(width="100%", max_width="44rem")
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
                self.w_member_name,
                self.w_member_role,
                self.w_member_add,
                self.w_members,
                self.w_member_remove,
                self.w_covers,
                self.w_decisions,
                W.HTML(f"<h3>{escape(t('ws.field.timeline'))}</h3>"),
                self.w_suggest,
                self.w_ms_text,
                self.w_ms_when,
                self.w_ms_who,
                self.w_ms_add,
                self.w_timeline,
                self.w_ms_remove,
            ]
        )

        # step 4: summary, suggestions and export ----------------------------------------------
        self.w_summary = W.HTML()
        self.w_prepare = button("ws.export.prepare", "primary")
        self.w_downloads = W.HTML()
        self.w_downloads.add_class("course-ws-downloads")
        step_export = W.VBox(
            [
                W.HTML(f"<h2>{escape(t('ws.step.export'))}</h2>"),
                self.w_summary,
                W.HTML(f"<h3>{escape(t('ws.export.title'))}</h3>"),
                self.w_prepare,
                self.w_downloads,
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
            W.HBox(
                [self.w_example, self.w_upload, self.w_clear],
                layout=W.Layout(flex_flow="row wrap"),
            ),
            self.w_steps,
            self.w_status,
            *self._steps,
            W.HBox([self.w_back, self.w_next]),
        ]
        self.add_class("course-worksheet")

        # wiring -----------------------------------------------------------------------------------
        for w, field in (
            (self.w_country, "country"),
            (self.w_committee, "committee"),
            (self.w_stage, "stage"),
            (self.w_themes, "themes"),
            (self.w_organisation, "organisation"),
        ):
            w.observe(self._on_review(field), names="value")
        for w, field in (
            (self.w_duration, "duration"),
            (self.w_scope, "scope"),
            (self.w_focus, "focus"),
            (self.w_covers, "covers"),
            (self.w_decisions, "decisions"),
        ):
            w.observe(self._on_coalition(field), names="value")
        self.w_steps.observe(self._on_step, names="value")
        self.w_back.on_click(lambda _: self.go(self.w_steps.value - 1))
        self.w_next.on_click(lambda _: self.go(self.w_steps.value + 1))
        self.w_add.on_click(lambda _: self.save_actor())
        self.w_cancel.on_click(lambda _: self.cancel_edit())
        self.w_edit.on_click(lambda _: self.edit_actor())
        self.w_remove.on_click(lambda _: self.remove_actor())
        self.w_member_add.on_click(lambda _: self.add_member())
        self.w_member_remove.on_click(lambda _: self.remove_member())
        self.w_suggest.on_click(lambda _: self.add_suggested_milestones())
        self.w_ms_add.on_click(lambda _: self.add_milestone())
        self.w_ms_remove.on_click(lambda _: self.remove_milestone())
        self.w_prepare.on_click(lambda _: self.prepare_downloads())
        self.w_example.on_click(lambda _: self.load_example())
        self.w_clear.on_click(lambda _: self.clear())
        self.w_upload.observe(self._on_upload, names="value")

        self._editing: int | None = None
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

            self._store = open_store()
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
                self.model.load(model.Plan.model_validate(saved))
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

    def _refresh(self) -> None:
        plan, ws = self.model.plan, content.load().worksheet
        t = self._t
        self.w_actors.options = [
            (f"{n}. {a.name} ({model.label(ws.actor_types, a.type)})", n - 1)
            for n, a in enumerate(plan.actors, start=1)
        ]
        self.w_members.options = [
            (f"{m.name} ({model.label(ws.roles, m.role)})", i)
            for i, m in enumerate(plan.coalition.members)
        ]
        self.w_timeline.options = [
            (f"{i + 1}. " + " · ".join(x for x in (m.milestone, m.when, m.who) if x), i)
            for i, m in enumerate(plan.coalition.timeline)
        ]
        if plan.actors:
            self.w_map.value = (
                f"<h3>{escape(t('ws.map.title'))}</h3>"
                + chart.map_svg(plan)
                + chart.map_text_html(plan)
            )
        else:
            self.w_map.value = (
                f"<h3>{escape(t('ws.map.title'))}</h3><p>{escape(t('ws.map.empty'))}</p>"
            )
        stage = plan.review.stage
        self.w_stage_help.value = f"<p>{escape(ws.stage(stage).text)}</p>" if stage else ""
        self.w_summary.value = summary_html(plan)

    def _sync(self) -> None:
        """Show the model's plan in every field (after loading, importing or the example)."""
        plan = self.model.plan
        self._syncing = True
        try:
            r, co = plan.review, plan.coalition
            self.w_country.value = r.country
            self.w_committee.value = r.committee
            self.w_stage.value = r.stage
            self.w_themes.value = r.themes
            self.w_organisation.value = r.organisation
            self.w_duration.value = co.duration
            self.w_scope.value = co.scope
            self.w_focus.value = co.focus
            self.w_covers.value = co.covers
            self.w_decisions.value = co.decisions
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
            if not self._syncing and self._apply(self.model.set_review, **{field: change["new"]}):
                self.w_status.value = ""

        return handler

    def _on_coalition(self, field: str):
        def handler(change):
            if not self._syncing and self._apply(
                self.model.set_coalition, **{field: change["new"]}
            ):
                self.w_status.value = ""

        return handler

    # -- actors ---------------------------------------------------------------------------------
    def _actor_fields(self) -> dict:
        return dict(
            name=self.w_name.value,
            type=self.w_type.value,
            influence=self.w_influence.value,
            interest=self.w_interest.value,
            position=self.w_position.value,
            relationship=self.w_relationship.value,
            engage=[k for k, w in self.w_engage.items() if w.value],
            notes=self.w_notes.value,
        )

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
        self.w_name.value, self.w_type.value = a.name, a.type
        self.w_influence.value, self.w_interest.value = a.influence, a.interest
        self.w_position.value, self.w_relationship.value = a.position, a.relationship
        for k, w in self.w_engage.items():
            w.value = k in a.engage
        self.w_notes.value = a.notes
        self.w_add.description = self.w_add.tooltip = self._t("ws.actors.save")
        self.w_cancel.layout.display = ""
        self._say(self._t("ws.actors.editing", name=a.name))

    def cancel_edit(self) -> None:
        """Leave editing and empty the form."""
        self._editing = None
        self.w_name.value = ""
        self.w_notes.value = ""
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

    # -- members and timeline -------------------------------------------------------------------
    def add_member(self) -> None:
        """Add the member typed in the form."""
        if self._apply(self.model.add_member, self.w_member_name.value, self.w_member_role.value):
            self.w_member_name.value = ""
            self.w_status.value = ""

    def remove_member(self) -> None:
        """Remove the selected member."""
        if self.w_members.value is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        self._apply(self.model.remove_member, self.w_members.value)

    def add_milestone(self) -> None:
        """Add the milestone typed in the form."""
        if self._apply(
            self.model.add_milestone,
            self.w_ms_text.value,
            self.w_ms_when.value,
            self.w_ms_who.value,
        ):
            self.w_ms_text.value = self.w_ms_when.value = self.w_ms_who.value = ""
            self.w_status.value = ""

    def remove_milestone(self) -> None:
        """Remove the selected milestone."""
        if self.w_timeline.value is None:
            self._say(self._t("ws.error.no_selection"), "error")
            return
        self._apply(self.model.remove_milestone, self.w_timeline.value)

    def add_suggested_milestones(self) -> None:
        """Add the suggested milestones of the chosen stage."""
        try:
            n = self.model.add_suggested_milestones()
        except model.PlanError as exc:
            self._say(str(exc), "error")
            return
        self._changed()
        self._say(self._t("ws.timeline.added", n=n), "ok")

    # -- whole plan -----------------------------------------------------------------------------
    def load_example(self) -> None:
        """Load the fictional example; asks for a second click if it would replace a plan."""
        t = self._t
        self._reset_confirm("example")
        if not self.model.plan.is_empty() and self._confirm != "example":
            self._confirm = "example"
            self.w_example.description = self.w_example.tooltip = t("ws.example.confirm")
            self._say(t("ws.example.ask"), "info")
            return
        self._confirm = None
        self.w_example.description = self.w_example.tooltip = t("ws.example.button")
        self.model.load_example()
        self._sync()
        self._changed()
        self._say(t("ws.example.done"), "ok")

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
        """Build every export and show them as download links (``data:`` URLs, nothing on disk)."""
        from . import export

        t = self._t
        self.files = export.all_files(self.model.plan)
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


def summary_html(plan: model.Plan) -> str:
    """The summary table and the suggestions, each citing its course section (escaped HTML)."""
    t = content.load().text
    rows = "".join(
        f'<tr><th scope="row">{escape(k)}</th><td>{escape(v)}</td></tr>'
        for k, v in model.summary(plan)
    )
    items = []
    for s in model.suggestions(plan):
        page = content.load().page(s.section)
        href = escape(session.with_query(page.notebook), quote=True)
        items.append(
            f"<li>{escape(s.text)} <em>{escape(t('ws.suggestions.from'))} "
            f'<a href="{href}" target="_blank" rel="noopener">{escape(page.title)}</a></em></li>'
        )
    return (
        f"<h3>{escape(t('ws.summary.title'))}</h3>"
        f'<table class="course-table"><tbody>{rows}</tbody></table>'
        f'<h3>{escape(t("ws.suggestions.title"))}</h3><ul class="course-ws-suggestions">'
        + "".join(items)
        + "</ul>"
    )
