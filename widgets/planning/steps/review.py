"""Step 1: the review the plan prepares for (country, treaty body, procedure, stage, dates)."""

from __future__ import annotations

from ... import content, ui
from .. import fields as F
from ..model import has_procedures, stages_for

#: The review's fields that are typed or chosen in a list (the session date is a date field).
REVIEW_FIELDS = ("country", "committee", "procedure", "stage", "themes", "organisation")


def stage_options(plan) -> list[tuple[str, str]]:
    """The stages a plan can choose, in review order, after a "choose" entry."""
    ws = content.load().worksheet
    ids = stages_for(plan.review.committee, plan.review.procedure)
    return [(ui.t("ws.choose"), "")] + [(ws.stage(i).label, i) for i in ids]


def _notes(texts, css: str) -> str:
    return ui.Markup("").join(ui.Markup('<p class="{}">{}</p>').format(css, x) for x in texts)


class ReviewStep(F.Step):
    """The review: every change is checked by the model, a stage that no longer fits is cleared."""

    number = 1

    def __init__(self, editor: F.Editor):
        c = content.load()
        ws = c.worksheet
        none = [(ui.t("ws.choose"), "")]
        countries = ui.countries()
        bodies = [(f"{b.acronym}: {b.name}", b.acronym) for b in c.treaty_bodies]
        self.w_organisation = F.text("ws.field.organisation")
        self.w_country = F.dropdown("ws.field.country", none + countries, "")
        self.w_committee = F.dropdown(
            "ws.field.committee", none + [b for b in bodies if b[1] not in ws.no_review], ""
        )
        notes = [ws.committee_notes[k].text for k in ws.no_review if k in ws.committee_notes]
        self.w_committee_note = F.html(_notes(notes, "course-ws-note"))
        self.w_procedure = F.dropdown("ws.field.procedure", none + F.choices(ws.procedures), "")
        self.w_procedure_help = F.html()
        self.w_stage = F.dropdown("ws.field.stage", none, "")
        self.w_stage_help = F.html()
        self.w_session_date = F.date("ws.field.session_date")
        self.w_themes = F.text("ws.field.themes")
        super().__init__(
            editor,
            [
                F.heading(2, "ws.step.review", "ws.review.intro"),
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
            ],
        )
        for field in REVIEW_FIELDS:
            getattr(self, f"w_{field}").observe(self._on_field(field), names="value")
        self.w_session_date.observe(self._on_session_date, names="value")

    def _set(self, **fields) -> None:
        if not self.editor.syncing and self.editor.apply(self.editor.model.set_review, **fields):
            self.editor.quiet()

    def _on_field(self, field: str):
        def handler(change):
            self._set(**{field: change["new"] if change["new"] is not None else ""})

        return handler

    def _on_session_date(self, change) -> None:
        self._set(session_date=F.date_text(change["new"]))

    def sync(self) -> None:
        """Fill the fields from the plan's review."""
        r = self.plan.review
        self.editor.syncing = True
        try:
            for field in ("country", "committee", "procedure"):
                getattr(self, f"w_{field}").value = getattr(r, field)
            self.w_stage.options = stage_options(self.plan)
            self.w_stage.value = r.stage
            self.w_session_date.value = F.from_date_text(r.session_date)
            self.w_themes.value, self.w_organisation.value = r.themes, r.organisation
        finally:
            self.editor.syncing = False

    def refresh(self) -> None:
        """Offer the stages of this review, hide the procedure where there is none, explain."""
        ws, r = content.load().worksheet, self.plan.review
        self.editor.syncing = True
        try:
            stages = stage_options(self.plan)
            if list(self.w_stage.options) != stages:
                self.w_stage.options = stages
            self.w_stage.value = r.stage
            self.w_procedure.value = r.procedure
        finally:
            self.editor.syncing = False
        procedures = has_procedures(r.committee)
        self.w_procedure.layout.display = "" if procedures else "none"
        notes = []
        if r.committee in ws.committee_notes:
            notes.append(ws.committee_notes[r.committee].text)
        if r.procedure and procedures:
            notes.append(ws.procedure(r.procedure).text)
        self.w_procedure_help.value = _notes(notes, "course-ws-note")
        self.w_stage_help.value = _notes(
            [ws.stage(r.stage).text] if r.stage else [], "course-ws-hint"
        )
