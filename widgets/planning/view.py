"""The worksheet view: four steps (review, actors, coalition, export) over one plan.

The view composes the steps (``steps``), the status lines and the actions on the whole plan
(start from the example or the running case, import a file, clear). Rules, checks and exports
live in the model modules; saving lives in ``saving``. Every accepted change is saved, redrawn,
and marks files prepared before as out of date.
"""

from __future__ import annotations

import ipywidgets as W

from .. import learner as learner_mod
from .. import ui
from . import fields as F
from .model import MAX_IMPORT_BYTES, Plan, PlanError
from .saving import PlanSaving
from .steps.actors import ActorsStep
from .steps.coalition import CoalitionStep
from .steps.export import ExportStep
from .steps.review import ReviewStep

#: The actions that ask for a second click before replacing or deleting a plan: their buttons.
CONFIRMED = ("example", "case", "clear")


class WorksheetView(W.VBox):
    """The coalition-planning worksheet, for the learner ``me`` (default: this page's learner)."""

    def __init__(self, me: learner_mod.Learner | None = None, **kwargs):
        self.me = me or learner_mod.current()
        self.saving = PlanSaving(self.me)
        self.editor = F.Editor()
        self.model = self.editor.model
        self._confirm: str | None = None  # the action waiting for a second click
        self.review = ReviewStep(self.editor)
        self.actors = ActorsStep(self.editor)
        self.coalition = CoalitionStep(self.editor)
        self.export = ExportStep(self.editor, self.me)
        self.steps = [self.review, self.actors, self.coalition, self.export]
        self.w_save, self.w_learner = self.saving.w_note, self.saving.w_learner
        self.w_status = self.editor.w_status
        super().__init__(self._make_header() + self.steps + [self._make_footer()], **kwargs)
        self.add_class("course-worksheet")
        self.editor.on_changed(self._on_changed)
        self.editor.on_loaded(self.refresh)
        plan = self.saving.load()
        if plan is not None:
            self.model.load(plan)
        self.editor.loaded()
        self.go(0)

    @property
    def learner(self) -> str | None:
        """The learner's code (None when nothing is saved)."""
        return self.me.code

    def _make_header(self) -> list[W.Widget]:
        self.w_example = ui.button("ws.example.button")
        self.w_case = ui.button("ws.case.button")
        self.w_clear = ui.button("ws.clear.button", "danger")
        self.w_upload = W.FileUpload(accept=".json,application/json", multiple=False)
        self.w_upload.description = self.w_upload.tooltip = ui.t("ws.import.label")
        self.w_upload.layout.width = "auto"
        self.w_upload.add_class("course-ws-upload")
        too_large = ui.t("ws.import.too_large", limit=MAX_IMPORT_BYTES // 1000)
        self.w_upload_note = W.HTML(
            ui.Markup('<div class="course-ws-upload-toolarge" hidden role="alert">{}</div>').format(
                too_large
            )
        )
        self.w_steps = F.toggles(
            "ws.steps.label",
            [
                (ui.t(f"ws.step.{s}"), i)
                for i, s in enumerate(("review", "actors", "coalition", "export"))
            ],
        )
        self.w_steps.add_class("course-ws-steps")
        self.w_example.on_click(lambda _: self.load_example())
        self.w_case.on_click(lambda _: self.load_case())
        self.w_clear.on_click(lambda _: self.clear())
        self.w_upload.observe(self._on_upload, names="value")
        self.w_steps.observe(self._on_step, names="value")
        row = F.row(self.w_case, self.w_example, self.w_upload, self.w_clear)
        notes = [self.saving.w_learner, self.saving.w_note]
        return [*notes, row, self.w_upload_note, self.w_steps, self.editor.w_status]

    def _make_footer(self) -> W.HBox:
        self.w_back = ui.button("ws.back")
        self.w_next = ui.button("ws.next", "primary")
        self.w_back.on_click(lambda _: self.go(self.w_steps.value - 1))
        self.w_next.on_click(lambda _: self.go(self.w_steps.value + 1))
        return F.row(self.w_back, self.w_next)

    # -- after each change ----------------------------------------------------------------------
    def _on_changed(self) -> None:
        self.saving.save(self.model.plan)
        self.refresh()
        self.export.forget_files()

    def refresh(self) -> None:
        """Redraw every step from the plan."""
        for step in self.steps:
            step.refresh()

    # -- navigation -----------------------------------------------------------------------------
    def go(self, step: int) -> None:
        """Show step ``step`` (0-3) and hide the others."""
        step = max(0, min(len(self.steps) - 1, step))
        if self.w_steps.value != step:
            self.w_steps.value = step  # comes back here through _on_step
            return
        for i, box in enumerate(self.steps):
            box.layout.display = "" if i == step else "none"
        self.w_back.disabled = step == 0
        self.w_next.disabled = step == len(self.steps) - 1

    def _on_step(self, change) -> None:
        self.go(change["new"])

    # -- the whole plan -------------------------------------------------------------------------
    def load_example(self) -> None:
        """Load the fictional example; asks for a second click if it would replace a plan."""
        self._load_start("example", self.model.load_example)

    def load_case(self) -> None:
        """Start from where the running case ended (page 05); asks first if it replaces a plan."""
        self._load_start("case", self.model.load_case_start)

    def _button(self, kind: str) -> W.Button:
        return {"example": self.w_example, "case": self.w_case, "clear": self.w_clear}[kind]

    def _ask_first(self, kind: str, needed: bool = True) -> bool:
        """True on the first click of an action that asks before it replaces a plan (when
        ``needed``): the button asks to click again."""
        self._reset_confirm(kind)
        button = self._button(kind)
        if needed and self._confirm != kind:
            self._confirm = kind
            button.description = button.tooltip = ui.t(f"ws.{kind}.confirm")
            self.editor.say(ui.t(f"ws.{kind}.ask"), "info")
            return True
        self._confirm = None
        button.description = button.tooltip = ui.t(f"ws.{kind}.button")
        return False

    def _load_start(self, kind: str, load) -> None:
        if self._ask_first(kind, needed=not self.model.plan.is_empty()):
            return
        load()
        self.editor.loaded()
        self.editor.changed()
        self.editor.say(ui.t(f"ws.{kind}.done"), "ok")

    def clear(self) -> None:
        """Empty the plan and delete the saved copy; asks for a second click first."""
        if self._ask_first("clear"):
            return
        problem = self.saving.delete()
        if problem is not None:
            self.editor.say(ui.t("ws.save.failed", problem=problem), "error")
            return
        self.model.load(Plan())
        self.editor.loaded()
        self.export.clear_files()
        self.editor.say(ui.t("ws.clear.done"), "ok")

    def _reset_confirm(self, keep: str) -> None:
        """Forget a pending confirmation of another action (restoring its button's label)."""
        if self._confirm and self._confirm != keep:
            button = self._button(self._confirm)
            button.description = button.tooltip = ui.t(f"ws.{self._confirm}.button")
            self._confirm = None

    def import_plan(self, data: bytes | str, name: str = "plan.json") -> bool:
        """Replace the plan with a JSON file's content; on refusal the plan stays as it was."""
        try:
            self.model.import_json(data)
        except PlanError as exc:
            self.editor.say(str(exc), "error")
            return False
        self.editor.loaded()
        self.editor.changed()
        self.editor.say(ui.t("ws.import.done", name=name[:80]), "ok")
        return True

    def _on_upload(self, change) -> None:
        files = change["new"]
        if not files:
            return
        f = files[0]
        if f.get("size", 0) > MAX_IMPORT_BYTES:
            self.editor.say(ui.t("ws.import.too_large", limit=MAX_IMPORT_BYTES // 1000), "error")
        else:
            self.import_plan(bytes(f["content"]), str(f.get("name", "plan.json")))
        self.w_upload.value = ()
