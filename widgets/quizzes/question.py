"""One quiz question on the page (:class:`QuestionView`) and its feedback (:func:`feedback_html`).

Accessibility: every control is a native, labelled input (radio buttons, check boxes, menus with
a ``<label>``, buttons), so the quiz works with Tab, Space, Enter and the arrow keys. Feedback is
words plus a symbol (✓ ◐ ✗), never colour alone, in an element marked ``course-live`` that the
course template turns into a live region (``role="status"``) so screen readers announce it.
Every text is escaped before it reaches an HTML widget.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape
from typing import Any

import ipywidgets as W
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from .. import content, session, ui
from . import model

STYLE = """<style>
.course-quiz .widget-radio-box label, .course-quiz .jupyter-widget-radio-box label,
.course-quiz .widget-checkbox, .course-quiz .jupyter-widget-checkbox,
.course-quiz .widget-label-basic {height:auto; line-height:1.4; white-space:normal; padding:2px 0}
.course-quiz .widget-label-basic span {white-space:normal}
.course-quiz input:focus-visible, .course-quiz select:focus-visible,
.course-quiz button:focus-visible {outline:3px solid #1a5fb4; outline-offset:2px}
.course-quiz .widget-dropdown > select {max-width:32em}
.course-question {border-top:1px solid #999; padding-top:0.5em; margin-top:0.5em}
</style>"""


@cache
def _shared(name: str):
    """Layout and style models shared by all quiz widgets of a kernel (never changed).

    Each ipywidget otherwise brings its own layout and style models; sharing them halves the
    number of models the page has to create, which makes a quiz page appear sooner.
    """
    factories = {
        "box": lambda: W.Layout(),
        "auto": lambda: W.Layout(width="auto"),
        "html": lambda: HTMLStyle(),
        "description": lambda: DescriptionStyle(description_width="initial"),
        "checkbox": lambda: CheckboxStyle(),
        "button": lambda: W.ButtonStyle(),
    }
    return factories[name]()


def _html(value: str = "") -> W.HTML:
    return W.HTML(value, layout=_shared("box"), style=_shared("html"))


# not ui.button: a quiz page has many buttons, and sharing their layout and style models (see
# _shared) makes it appear sooner
def _shared_button(key: str, primary: bool = False) -> W.Button:
    """A button labelled with the text of ``key``, with the shared layout and style."""
    return W.Button(
        description=ui.t(key),
        tooltip=ui.t(key),
        button_style="primary" if primary else "",
        layout=_shared("auto"),
        style=_shared("button"),
    )


def _box(children, vertical: bool = True) -> W.Box:
    return (W.VBox if vertical else W.HBox)(children, layout=_shared("box"))


def page_link(page_id: str, anchor: str | None = None, params: dict | None = None) -> str:
    """``<a>`` to a course page (keeping the learner code), with its title."""
    page = content.load().page(page_id)
    href = session.with_query(page.notebook, params) + (f"#{anchor}" if anchor else "")
    return (
        f'<a href="{escape(href, quote=True)}" target="_self">'
        f"{escape(ui.t('quiz.read', title=page.title))}</a>"
    )


def feedback_html(
    question: model.Question, result: model.Result | None, reveal: bool, final: bool
) -> str:
    """The feedback block for a graded (or unanswered, when ``result`` is None) question."""
    parts = []
    if result is None:
        parts.append(f"<p><strong>{model.WRONG} {escape(ui.t('quiz.unanswered'))}</strong></p>")
    else:
        if result.correct:
            head = ui.t("quiz.right")
        elif result.score > 0:
            head = ui.t("quiz.partly")
        else:
            head = ui.t("quiz.wrong.final" if final or reveal else "quiz.wrong")
        tail = "" if result.correct or reveal or final else " " + ui.t("quiz.try_again")
        parts.append(f"<p><strong>{result.symbol} {escape(head)}</strong>{escape(tail)}</p>")
        items = []
        for line in result.lines:
            text = line.text
            if question.kind == "matching":
                text = f"{text}: {ui.t('quiz.row.right' if line.ok else 'quiz.row.wrong')}"
            elif question.kind == "ordering":
                text = (
                    f"{ui.t('quiz.position', n=text)}: "
                    f"{ui.t('quiz.place.right' if line.ok else 'quiz.place.wrong')}"
                )
            items.append(f"<li>{line.symbol} {escape(text)}</li>")
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
        if result.missed:
            parts.append(f"<p>{escape(ui.tn('quiz.missed', result.missed))}</p>")
    if reveal or final:
        parts.append(
            f"<p><strong>{escape(ui.t('quiz.answer'))}</strong> {escape(question.right_answer)}</p>"
            f"<p><strong>{escape(ui.t('quiz.why'))}</strong> {escape(question.explanation)}</p>"
        )
    if not (result and result.correct):
        parts.append(f"<p>{page_link(question.section, question.anchor)}</p>")
    return '<div class="course-feedback">' + "".join(parts) + "</div>"


def _regrade(question: model.Question, response: Any) -> model.Result | None:
    """Grade a saved response again (None if it no longer fits the question)."""
    try:
        return model.grade(question, response)
    except (KeyError, model.ResponseError):
        return None


class QuestionView(W.VBox):
    """One question: prompt, labelled inputs, optional hint, a check button and feedback.

    ``on_submit(view)`` and ``on_change(view)`` are called by :meth:`submit` and when the learner
    changes the answer; the quiz sets them.
    """

    def __init__(self, question: model.Question, number: int, total: int, seed: int, mode: str):
        super().__init__(layout=_shared("box"))
        self.question = question
        self.mode = mode
        self.on_submit: Callable[[QuestionView], None] | None = None
        self.on_change: Callable[[QuestionView], None] | None = None
        self._quiet = False
        q = question
        scenario = (
            f"<p><strong>{escape(ui.t('quiz.situation'))}</strong> {escape(q.scenario)}</p>"
            if q.scenario
            else ""
        )
        self.w_prompt = _html(
            f"<h3>{escape(ui.t('quiz.question', n=number, total=total))}</h3>"
            f"{scenario}<p>{escape(q.prompt)}</p>"
        )
        self._controls: list[W.Widget] = []
        self.w_input = self._inputs(seed)
        for c in self._controls:
            c.observe(self._on_change, names="value")
        # only the widgets this question needs: every widget costs the page a little time
        self.w_hint = self.w_hint_button = self.w_submit = None
        buttons = []
        if mode == "practice":
            self.w_submit = _shared_button("quiz.submit", primary=True)
            self.w_submit.on_click(lambda _b: self.submit())
            buttons.append(self.w_submit)
        if q.hint:
            self.w_hint = _html()
            self.w_hint_button = _shared_button("quiz.hint")
            self.w_hint_button.on_click(lambda _b: self.show_hint())
            buttons.append(self.w_hint_button)
        self.w_feedback = _html()
        self.w_feedback.add_class("course-live")
        self.children = [
            self.w_prompt,
            self.w_input,
            *([_box(buttons, vertical=False)] if buttons else []),
            *([self.w_hint] if self.w_hint is not None else []),
            self.w_feedback,
        ]
        self.add_class("course-question")
        self.add_class(f"course-q-{q.id}")

    def _inputs(self, seed: int) -> W.Widget:
        """The answer's inputs, by kind of question (their controls go in ``_controls``)."""
        q = self.question
        if q.kind in model.ONE_ANSWER:
            radio = W.RadioButtons(
                options=[(o.text, o.id) for o in model.option_order(q, seed)],
                value=None,
                layout=_shared("auto"),
                style=_shared("description"),
            )
            self._controls = [radio]
            return radio
        if q.kind == "multiple":
            self.w_boxes = {
                o.id: W.Checkbox(
                    value=False,
                    description=o.text,
                    indent=False,
                    layout=_shared("auto"),
                    style=_shared("checkbox"),
                )
                for o in model.option_order(q, seed)
            }
            self._controls = list(self.w_boxes.values())
            return _box(self._controls)
        if q.kind == "matching":
            choose = [(ui.t("quiz.choose"), "")]
            targets = model.shuffled(q.targets, seed, q.id)
            rows = model.shuffled(q.pairs, seed, q.id + ":rows")
            self.w_rows = {
                p.left_id: W.Dropdown(
                    options=choose + [(text, tid) for tid, text in targets],
                    value="",
                    description=p.left,
                    style=_shared("description"),
                    layout=_shared("auto"),
                )
                for p in rows
            }
            self._controls = list(self.w_rows.values())
            return _box(self._controls)
        # ordering
        choose = [(ui.t("quiz.choose"), "")]
        items = model.shuffled(q.items, seed, q.id)
        self.w_places = [
            W.Dropdown(
                options=choose + [(i.text, i.id) for i in items],
                value="",
                description=ui.t("quiz.position", n=n),
                style=_shared("description"),
                layout=_shared("auto"),
            )
            for n in range(1, len(q.items) + 1)
        ]
        self._controls = list(self.w_places)
        return _box(self._controls)

    # -- the learner's answer ----------------------------------------------------------------
    @property
    def response(self) -> Any:
        """The answer as the model expects it (see :mod:`widgets.quizzes.model`)."""
        k = self.question.kind
        if k in model.ONE_ANSWER:
            return self.w_input.value
        if k == "multiple":
            return sorted(oid for oid, box in self.w_boxes.items() if box.value)
        if k == "matching":
            return {left: w.value for left, w in self.w_rows.items()}
        return [w.value for w in self.w_places]

    def set_response(self, response: Any) -> None:
        """Put a saved answer back into the inputs (without calling ``on_change``)."""
        self._quiet = True
        try:
            k = self.question.kind
            if response is None:
                return
            if k in model.ONE_ANSWER:
                if response in {o.id for o in self.question.options}:
                    self.w_input.value = response
            elif k == "multiple":
                for oid, box in self.w_boxes.items():
                    box.value = oid in response
            elif k == "matching":
                for left, w in self.w_rows.items():
                    value = response.get(left, "")
                    w.value = value if value in {v for _, v in w.options} else ""
            else:
                for w, value in zip(self.w_places, response, strict=False):
                    w.value = value if value in {v for _, v in w.options} else ""
        finally:
            self._quiet = False

    def _on_change(self, _change) -> None:
        if not self._quiet and self.on_change:
            self.on_change(self)

    # -- actions --------------------------------------------------------------------------------
    def submit(self) -> None:
        """Check the current answer (practice mode): the quiz grades it and shows feedback."""
        if self.on_submit:
            self.on_submit(self)

    def show_hint(self) -> None:
        """Show the hint under the question."""
        if self.w_hint is not None:
            self.w_hint.value = (
                f"<p><strong>{escape(ui.t('quiz.hint.label'))}</strong> "
                f"{escape(self.question.hint)}</p>"
            )

    def show(self, result: model.Result | None, reveal: bool, final: bool = False) -> None:
        """Show feedback for a graded answer."""
        self.w_feedback.value = feedback_html(self.question, result, reveal, final)

    def say(self, text: str) -> None:
        """Show a short message in the feedback area (e.g. "choose an answer first")."""
        self.w_feedback.value = f"<p>{escape(text)}</p>"

    def lock(self, locked: bool) -> None:
        """Stop (or allow) changes to the answer."""
        for c in self._controls:
            c.disabled = locked
        if self.w_submit is not None:
            self.w_submit.disabled = locked
