"""The running case view: one decision (situation, choices, consequence and reason), and the
summary of every decision at the end of the last one.

Choices are saved under the learner's code in the same store as quiz progress, so they survive
a reload (Voila with a learner code, or JupyterLab on the learner's own computer). Without a
code nothing is saved and the page says so. Every text is escaped.
"""

from __future__ import annotations

from html import escape

import ipywidgets as W

from .. import content, identity
from ..store import Store, StoreError, open_store
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

STATUS = {
    "best-first": "✓ The course's choice, first time",
    "best-later": "◐ The course's choice, after trying another",
    "other": "✗ Another choice than the course's",
    "open": "○ Not decided yet",
}


def _t(key: str, **values: object) -> str:
    return content.load().text(key, **values)


def outcome_html(outcome: model.Outcome) -> str:
    """The consequence of a choice and the course's reason (words and a symbol, not colour)."""
    head = _t("case.best") if outcome.best else _t("case.other")
    return (
        f"<p><strong>{'✓' if outcome.best else '✗'} {escape(head)}</strong></p>"
        f"<p><strong>{escape(_t('case.consequence'))}</strong> "
        f"{escape(outcome.option.consequence)}</p>"
        f"<p><strong>{escape(_t('case.reason'))}</strong> {escape(outcome.option.reason)}</p>"
    )


def summary_html(state: model.CaseState) -> str:
    """A table of every decision: the learner's first and last choice, the course's, and why."""
    case = content.load().case
    rows = []
    for r in model.summary(state):
        first = escape(r.first.text) if r.first else "–"
        last = escape(r.last.text) if r.last and r.last is not r.first else ""
        rows.append(
            f"<tr><td>{escape(r.step.title)}</td><td>{first}"
            + (f"<br><em>{escape(_t('case.then'))}</em> {last}" if last else "")
            + f"</td><td>{escape(STATUS[r.status])}</td>"
            + (  # the course's choice is shown once the learner has decided, never before
                f"<td>{escape(_t('case.decide_first'))}</td></tr>"
                if r.status == "open"
                else f"<td>{escape(r.best.text)} {escape(r.best.reason)}</td></tr>"
            )
        )
    head = "".join(
        f'<th scope="col">{escape(_t(k))}</th>'
        for k in ("case.col.decision", "case.col.yours", "case.col.status", "case.col.course")
    )
    return (
        f"<h3>{escape(_t('case.summary'))}</h3>"
        f'<table class="course-table course-case-summary"><caption>{escape(case.title)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        f"<p>{escape(case.ending)}</p>"
    )


class CaseView(W.VBox):
    """The decision(s) of the running case shown on one page; the last page adds the summary."""

    def __init__(
        self,
        page_id: str,
        learner: identity.Learner | None = None,
        store: Store | None = None,
    ):
        super().__init__()
        c = content.load()
        case = c.case
        self.page_id = page_id
        self.steps = case.steps_for(page_id)
        if not self.steps:
            raise KeyError(f"no case decision on page {page_id!r}")
        self.learner = learner or identity.current()
        self.problem = ""
        if self.learner.saves:
            self.store, self.code = store or open_store(fallback=True), self.learner.code
        else:
            self.store, self.code = Store("sqlite:///:memory:"), "anonymous"
        self.state = self._load()
        self.is_last = case.steps[-1] in self.steps
        intro = (
            f"<p>{escape(case.intro)}</p><p><em>{escape(case.fictional)}</em></p>"
            if self.steps[0] is case.steps[0]
            else f"<p><em>{escape(_t('case.continues'))}</em> {escape(case.fictional)}</p>"
        )
        self.w_head = W.HTML(f"{STYLE}<h3>{escape(case.title)}</h3>{intro}")
        self.w_notice = W.HTML(self._notice())
        self.w_notice.add_class("course-live")
        self.w_choice: dict[str, W.RadioButtons] = {}
        self.w_decide: dict[str, W.Button] = {}
        self.w_again: dict[str, W.Button] = {}
        self.w_outcome: dict[str, W.HTML] = {}
        children = [self.w_head, self.w_notice]
        for step in self.steps:
            radio = W.RadioButtons(
                options=[(o.text, o.id) for o in step.options],
                value=None,
                description=step.question,
                style={"description_width": "initial"},
                layout=W.Layout(width="auto"),
            )
            decide = W.Button(description=_t("case.decide"), button_style="primary")
            again = W.Button(description=_t("case.again"))
            again.layout.display = "none"
            out = W.HTML()
            out.add_class("course-live")
            decide.on_click(lambda _b, s=step.id: self.decide(s))
            again.on_click(lambda _b, s=step.id: self.try_again(s))
            self.w_choice[step.id], self.w_decide[step.id] = radio, decide
            self.w_again[step.id], self.w_outcome[step.id] = again, out
            children += [
                W.HTML(f"<h4>{escape(step.title)}</h4><p>{escape(step.situation)}</p>"),
                radio,
                W.HBox([decide, again]),
                out,
            ]
        self.w_summary = W.HTML()
        if self.is_last:
            children.append(self.w_summary)
        self.children = children
        self.add_class("course-case")
        self._show_all()

    # -- store ---------------------------------------------------------------------------------
    def _load(self) -> model.CaseState:
        try:
            return model.CaseState.from_doc(self.store.get_doc(self.code, model.KIND, model.KEY))
        except StoreError as exc:  # never overwrite what cannot be read: keep choices on this page
            self.problem = _t("case.not_read", problem=str(exc))
            self.store, self.code = Store("sqlite:///:memory:"), "anonymous"
            return model.CaseState()

    def _save(self) -> None:
        try:
            self.store.put_doc(self.code, model.KIND, model.KEY, self.state.to_doc())
        except StoreError as exc:
            self.problem = _t("case.save_failed", problem=str(exc))
        self.w_notice.value = self._notice()

    def _notice(self) -> str:
        if self.problem:
            return f'<p class="course-notice">⚠ {escape(self.problem)}</p>'
        if not self.learner.saves:
            return f'<p class="course-notice">ⓘ {escape(_t("case.not_saved"))}</p>'
        return ""

    # -- actions -------------------------------------------------------------------------------
    def decide(self, step_id: str) -> model.Outcome | None:
        """Take the chosen option at a step: show its consequence and reason, and save it."""
        value = self.w_choice[step_id].value
        if value is None:
            self.w_outcome[step_id].value = f"<p>{escape(_t('case.choose_first'))}</p>"
            return None
        outcome = self.state.choose(step_id, value)
        self._save()
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
