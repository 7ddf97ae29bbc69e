"""The running case view: one decision (situation, choices, consequence and reason), and the
summary of every decision at the end of the last one.

Choices are saved through the learner context (:mod:`widgets.learner`) with quiz progress, so
they survive a reload (Voila with a learner code, or JupyterLab on the learner's own computer).
Without a code nothing is saved and the context's status line says so. Every text is escaped.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from .. import content, ui
from .. import learner as learner_mod
from . import model

#: Long option labels wrap instead of overlapping (phones); focus stays visible.
STYLE = """<style>
.course-case .widget-radio-box label, .course-case .jupyter-widget-radio-box label
  {height: auto; line-height: 1.4; white-space: normal; padding: 2px 0; display: flex;
   flex-direction: row-reverse; justify-content: flex-end; align-items: flex-start; gap: 0.3em}
.course-case .widget-radio-box, .course-case .jupyter-widget-radio-box {height: auto}
.course-case input:focus-visible, .course-case button:focus-visible
  {outline: 3px solid var(--jp-brand-color1, #1a5fb4); outline-offset: 2px}
.course-case-summary td {vertical-align: top}
</style>"""

#: The mark of each status of a decision in the summary (its words: ``case.status.<status>``).
MARK = {"best-first": "✓", "best-later": "◐", "other": "✗", "open": "○"}


def outcome_html(outcome: model.Outcome) -> str:
    """The consequence of a choice and the course's reason (words and a symbol, not colour)."""
    head = ui.t("case.best") if outcome.best else ui.t("case.other")
    return (
        f"<p><strong>{'✓' if outcome.best else '✗'} {escape(head)}</strong></p>"
        f"<p><strong>{escape(ui.t('case.consequence'))}</strong> "
        f"{escape(outcome.option.consequence)}</p>"
        f"<p><strong>{escape(ui.t('case.reason'))}</strong> {escape(outcome.option.reason)}</p>"
    )


def summary_html(state: model.CaseState) -> ui.Markup:
    """A table of every decision: the learner's first and last choice, the course's, and why."""
    case = content.load().case
    rows = []
    for r in model.summary(state):
        yours = ui.Markup("{}").format(r.first.text if r.first else "–")
        if r.last and r.last is not r.first:
            yours += ui.Markup("<br><em>{}</em> {}").format(ui.t("case.then"), r.last.text)
        status = f"{MARK[r.status]} {ui.t('case.status.' + r.status)}"
        # the course's choice is shown once the learner has decided, never before
        course = (
            ui.t("case.decide_first") if r.status == "open" else f"{r.best.text} {r.best.reason}"
        )
        rows.append((r.step.title, yours, status, course))
    headers = [
        ui.t(k)
        for k in ("case.col.decision", "case.col.yours", "case.col.status", "case.col.course")
    ]
    return (
        ui.Markup("<h3>{}</h3>").format(ui.t("case.summary"))
        + ui.html_table(case.title, headers, rows, css="course-case-summary")
        + ui.Markup("<p>{}</p>").format(case.ending)
    )


class CaseView(W.VBox):
    """The decision(s) of the running case shown on one page; the last page adds the summary."""

    def __init__(
        self,
        page_id: str,
        learner: learner_mod.Learner | None = None,
    ):
        super().__init__()
        c = content.load()
        case = c.case
        self.page_id = page_id
        self.steps = case.steps_for(page_id)
        if not self.steps:
            raise KeyError(f"no case decision on page {page_id!r}")
        self.learner = learner or learner_mod.current()
        self.state = model.CaseState.from_doc(self.learner.load(model.KIND, model.KEY))
        self.is_last = case.steps[-1] in self.steps
        intro = (
            f"<p>{escape(case.intro)}</p><p><em>{escape(case.fictional)}</em></p>"
            if self.steps[0] is case.steps[0]
            else f"<p><em>{escape(ui.t('case.continues'))}</em> {escape(case.fictional)}</p>"
        )
        self.w_head = W.HTML(f"{STYLE}<h3>{escape(case.title)}</h3>{intro}")
        self.w_notice = self.learner.status_widget()
        self.w_choice: dict[str, W.RadioButtons] = {}
        self.w_decide: dict[str, W.Button] = {}
        self.w_again: dict[str, W.Button] = {}
        self.w_outcome: dict[str, W.HTML] = {}
        children = [self.w_head, self.w_notice]
        for step in self.steps:
            children += self._step_widgets(step)
        self.w_summary = W.HTML()
        if self.is_last:
            children.append(self.w_summary)
        self.children = children
        self.add_class("course-case")
        self._show_all()

    def _step_widgets(self, step) -> list[W.Widget]:
        """One decision: its situation, the options, the buttons and the outcome."""
        radio = W.RadioButtons(
            options=[(o.text, o.id) for o in step.options],
            value=None,
            description=step.question,
            style={"description_width": "initial"},
            layout=W.Layout(width="auto"),
        )
        decide = ui.button("case.decide", "primary")
        again = ui.button("case.again")
        again.layout.display = "none"
        out = W.HTML()
        out.add_class("course-live")
        decide.on_click(lambda _b, s=step.id: self.decide(s))
        again.on_click(lambda _b, s=step.id: self.try_again(s))
        self.w_choice[step.id], self.w_decide[step.id] = radio, decide
        self.w_again[step.id], self.w_outcome[step.id] = again, out
        situation = W.HTML(f"<h4>{escape(step.title)}</h4><p>{escape(step.situation)}</p>")
        return [situation, radio, W.HBox([decide, again]), out]

    # -- actions -------------------------------------------------------------------------------
    def decide(self, step_id: str) -> model.Outcome | None:
        """Take the chosen option at a step: show its consequence and reason, and save it."""
        value = self.w_choice[step_id].value
        if value is None:
            self.w_outcome[step_id].value = f"<p>{escape(ui.t('case.choose_first'))}</p>"
            return None
        outcome = self.state.choose(step_id, value)
        self.learner.save(model.KIND, model.KEY, self.state.to_doc())
        self._show(step_id)
        return outcome

    def try_again(self, step_id: str) -> None:
        """Clear the choice so that the learner can try another (earlier tries stay recorded)."""
        self.w_choice[step_id].value = None
        self.w_choice[step_id].disabled = False
        self.w_decide[step_id].disabled = False
        self.w_again[step_id].layout.display = "none"
        self.w_outcome[step_id].value = ""

    # -- showing -------------------------------------------------------------------------------
    def _show(self, step_id: str) -> None:
        last = self.state.last(step_id)
        if last:
            self.w_choice[step_id].value = last.option.id
            self.w_outcome[step_id].value = outcome_html(last)
        self.w_choice[step_id].disabled = last is not None
        self.w_decide[step_id].disabled = last is not None
        self.w_again[step_id].layout.display = "" if last else "none"
        if self.is_last:
            self.w_summary.value = summary_html(self.state)

    def _show_all(self) -> None:
        for step in self.steps:
            self._show(step.id)
        if self.is_last:
            self.w_summary.value = summary_html(self.state)
