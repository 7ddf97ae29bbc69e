"""Quiz views: one question (:class:`QuestionView`) and a whole quiz (:class:`QuizView`).

Accessibility: every control is a native, labelled input (radio buttons, check boxes, menus with
a ``<label>``, buttons), so the quiz works with Tab, Space, Enter and the arrow keys. Feedback is
words plus a symbol (✓ ◐ ✗), never colour alone, in an element marked ``course-live`` that the
course template turns into a live region (``role="status"``) so screen readers announce it.
Every text is escaped before it reaches an HTML widget.
"""

from __future__ import annotations

import base64
from collections.abc import Callable
from functools import cache
from html import escape
from typing import Any

import ipywidgets as W
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

from .. import content, identity, session
from ..store import Store, StoreError, open_store
from . import bank as _bank
from . import certificate, model

#: Lets long option labels wrap and makes keyboard focus visible (quiz widgets only).
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


def _t(key: str, **values: object) -> str:
    return content.load().text(key, **values)


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


def _button(key: str, primary: bool = False) -> W.Button:
    return W.Button(
        description=_t(key),
        tooltip=_t(key),
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
        f"{escape(_t('quiz.read', title=page.title))}</a>"
    )


def feedback_html(
    question: model.Question, result: model.Result | None, reveal: bool, final: bool
) -> str:
    """The feedback block for a graded (or unanswered, when ``result`` is None) question."""
    parts = []
    if result is None:
        parts.append(f"<p><strong>{model.WRONG} {escape(_t('quiz.unanswered'))}</strong></p>")
    else:
        if result.correct:
            head = _t("quiz.right")
        elif result.score > 0:
            head = _t("quiz.partly")
        else:
            head = _t("quiz.wrong.final" if final or reveal else "quiz.wrong")
        tail = "" if result.correct or reveal or final else " " + _t("quiz.try_again")
        parts.append(f"<p><strong>{result.symbol} {escape(head)}</strong>{escape(tail)}</p>")
        items = []
        for line in result.lines:
            text = line.text
            if question.kind == "matching":
                text = f"{text}: {_t('quiz.row.right' if line.ok else 'quiz.row.wrong')}"
            elif question.kind == "ordering":
                text = (
                    f"{_t('quiz.position', n=text)}: "
                    f"{_t('quiz.place.right' if line.ok else 'quiz.place.wrong')}"
                )
            items.append(f"<li>{line.symbol} {escape(text)}</li>")
        if items:
            parts.append("<ul>" + "".join(items) + "</ul>")
        if result.missed:
            parts.append(f"<p>{escape(_t('quiz.missed', n=result.missed))}</p>")
    if reveal or final:
        parts.append(
            f"<p><strong>{escape(_t('quiz.answer'))}</strong> {escape(question.right_answer)}</p>"
            f"<p><strong>{escape(_t('quiz.why'))}</strong> {escape(question.explanation)}</p>"
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
            f"<p><strong>{escape(_t('quiz.situation'))}</strong> {escape(q.scenario)}</p>"
            if q.scenario
            else ""
        )
        self.w_prompt = _html(
            f"<h3>{escape(_t('quiz.question', n=number, total=total))}</h3>"
            f"{scenario}<p>{escape(q.prompt)}</p>"
        )
        self._controls: list[W.Widget] = []
        if q.kind in model.ONE_ANSWER:
            self.w_input = W.RadioButtons(
                options=[(o.text, o.id) for o in model.option_order(q, seed)],
                value=None,
                layout=_shared("auto"),
                style=_shared("description"),
            )
            self._controls = [self.w_input]
        elif q.kind == "multiple":
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
            self.w_input = _box(self._controls)
        elif q.kind == "matching":
            choose = [(_t("quiz.choose"), "")]
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
            self.w_input = _box(self._controls)
        else:  # ordering
            choose = [(_t("quiz.choose"), "")]
            items = model.shuffled(q.items, seed, q.id)
            self.w_places = [
                W.Dropdown(
                    options=choose + [(i.text, i.id) for i in items],
                    value="",
                    description=_t("quiz.position", n=n),
                    style=_shared("description"),
                    layout=_shared("auto"),
                )
                for n in range(1, len(q.items) + 1)
            ]
            self._controls = list(self.w_places)
            self.w_input = _box(self._controls)
        for c in self._controls:
            c.observe(self._on_change, names="value")
        # only the widgets this question needs: every widget costs the page a little time
        self.w_hint = self.w_hint_button = self.w_submit = None
        buttons = []
        if mode == "practice":
            self.w_submit = _button("quiz.submit", primary=True)
            self.w_submit.on_click(lambda _b: self.submit())
            buttons.append(self.w_submit)
        if q.hint:
            self.w_hint = _html()
            self.w_hint_button = _button("quiz.hint")
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
                f"<p><strong>{escape(_t('quiz.hint.label'))}</strong> "
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


class QuizView(W.VBox):
    """A quiz: its questions in the learner's order, a score summary, and progress that lasts.

    Answers are saved in the store under the learner's code: the quiz state as a document
    (``kind="quiz"``, key = quiz id) and every graded try with :meth:`Store.add_answer`.
    """

    def __init__(
        self,
        quiz_id: str,
        learner: identity.Learner | None = None,
        store: Store | None = None,
        bank: _bank.Bank | None = None,
    ):
        super().__init__(layout=_shared("box"))
        self.quiz_id = quiz_id
        self.bank = bank or _bank.load()
        self.learner = learner or identity.current()
        if self.learner.saves:
            self.store = store or open_store(fallback=True)
            self.code = self.learner.code
        else:  # nothing is saved: a private store that lives as long as this page
            self.store = Store("sqlite:///:memory:")
            self.code = "anonymous"
        self.workshop = session.query_params().get("workshop")
        self.seed = model.seed_for(self.code, quiz_id)
        self.mode = self.bank.mode(quiz_id)
        self.state = self._load_state()
        self.questions = {qid: self.bank.questions[qid] for qid in self.state.question_ids}

        page = content.load().page(quiz_id)
        title = _t("quiz.title.check") if self.mode == "check" else _t("quiz.title")
        self.w_title = _html(
            STYLE + f"<h2>{escape(title)}</h2><p>{escape(_t('quiz.mode.' + self.mode))}</p>"
        )
        self.w_notice = _html(self._notice_html())
        self.w_save_error = _html()
        self.w_save_error.add_class("course-live")
        total = len(self.state.question_ids)
        self.w_questions = [
            QuestionView(self.questions[qid], n, total, self.seed, self.mode)
            for n, qid in enumerate(self.state.question_ids, 1)
        ]
        for qv in self.w_questions:
            qv.on_submit = self._on_submit
            qv.on_change = self._on_change
        self.w_finish = _button("quiz.finish", primary=True)
        self.w_finish.on_click(lambda _b: self.finish())
        self.w_restart = _button("quiz.restart")
        self.w_restart.on_click(lambda _b: self.restart())
        self.w_summary = _html()
        self.w_summary.add_class("course-live")
        self.w_summary.add_class("course-quiz-summary")
        self.w_sections = _html()
        # the final check ends with a certificate to make; other quizzes do not need the widgets
        self.w_certificate = CertificatePanel(self) if self.mode == "check" else None
        buttons = [self.w_finish, self.w_restart] if self.mode == "check" else [self.w_restart]
        self.children = [
            self.w_title,
            self.w_notice,
            *self.w_questions,
            _box(buttons, vertical=False),
            self.w_save_error,
            self.w_summary,
            self.w_sections,
            *([self.w_certificate] if self.w_certificate is not None else []),
        ]
        self.add_class("course-quiz")
        self.add_class(f"course-quiz-{quiz_id}")
        self.page = page
        self._restore()

    # -- state and store -------------------------------------------------------------------------
    def _new_state(self) -> model.QuizState:
        return model.QuizState(
            quiz_id=self.quiz_id,
            mode=self.mode,
            question_ids=self.bank.question_ids(self.quiz_id, self.seed),
            pass_mark=self.bank.pass_mark,
        )

    def _load_state(self) -> model.QuizState:
        try:
            doc = self.store.get_doc(self.code, "quiz", self.quiz_id)
        except StoreError as exc:
            # saved progress cannot be read: never overwrite it; keep answers for this page only
            self.store = Store("sqlite:///:memory:")
            self.store.problem = f"{exc} " + _t("quiz.session_only")
            doc = None
        if doc:
            try:
                state = model.QuizState.from_doc(doc, set(self.bank.questions))
                if state.question_ids and state.mode == self.mode:
                    return state
            except (KeyError, TypeError, ValueError):
                pass  # an unreadable document is replaced by a fresh start
        return self._new_state()

    def _save(self, graded: list[tuple[str, Any, model.Result]] = ()) -> None:
        try:
            for qid, response, result in graded:
                self.store.add_answer(
                    self.code, qid, response, result.score, result.correct, workshop=self.workshop
                )
            self.store.put_doc(self.code, "quiz", self.quiz_id, self.state.to_doc())
            self.w_save_error.value = ""
        except StoreError as exc:
            self.w_save_error.value = f"<p>⚠ {escape(_t('quiz.save_failed', problem=str(exc)))}</p>"

    def _notice_html(self) -> str:
        home = content.load().outline.pages[0]
        link = (
            f'<a href="{escape(session.with_query(home.notebook), quote=True)}" '
            f'target="_self">{escape(_t("quiz.home_link"))}</a>'
        )
        if self.learner.status == "invalid":
            return f'<p class="course-notice">⚠ {escape(_t("quiz.bad_code", example=identity.EXAMPLE))} {link}</p>'
        if self.learner.status == "none":
            return f'<p class="course-notice">ⓘ {escape(_t("quiz.saved_nowhere"))} {link}</p>'
        if self.store.problem:
            return f'<p class="course-notice">⚠ {escape(self.store.problem)}</p>'
        return ""

    # -- showing ---------------------------------------------------------------------------------
    def _restore(self) -> None:
        for qv in self.w_questions:
            qid = qv.question.id
            qv.set_response(self.state.drafts.get(qid))
            tries = self.state.attempts.get(qid, [])
            last = _regrade(qv.question, tries[-1].response) if tries else None
            if self.mode == "practice" and last:
                qv.show(last, self.state.reveal(qid))
            elif self.mode == "check" and self.state.finished:
                qv.show(last, True, final=True)
            else:
                qv.w_feedback.value = ""
            qv.lock(self.state.locked(qid))
        self.w_finish.disabled = self.state.finished
        self._refresh_summary()

    def _refresh_summary(self) -> None:
        s, total = self.state, len(self.state.question_ids)
        lines = [_t("quiz.progress", answered=s.answered, total=total)]
        if (s.answered and self.mode == "practice") or s.finished:
            lines.append(
                _t(
                    "quiz.score",
                    points=f"{round(s.points, 1):g}",
                    total=total,
                    percent=round(s.score * 100),
                )
            )
        mark = round(s.pass_mark * 100)
        if s.complete:
            lines.append(_t("quiz.passed" if s.passed else "quiz.not_passed", mark=mark))
        symbol = (model.RIGHT if s.passed else model.WRONG) + " " if s.complete else ""
        self.w_summary.value = f"<p><strong>{escape(symbol + lines[0])}</strong></p>" + "".join(
            f"<p>{escape(x)}</p>" for x in lines[1:]
        )
        done = s.complete and len({q.section for q in self.questions.values()}) > 1
        self.w_sections.value = self.sections_html() if done else ""
        if self.w_certificate is not None:
            self.w_certificate.show(done)

    def sections_html(self) -> str:
        """A table: each section's score, and a link back to it when it needs reading again."""
        rows = []
        for sec, (pts, n) in self.state.section_scores(self.questions).items():
            ok = certificate.part_completed(pts, n, self.state.pass_mark)
            advice = (
                f"{model.RIGHT} {escape(_t('quiz.sections.ok'))}"
                if ok
                else f"{model.WRONG} {page_link(sec)}"
            )
            title = content.load().page(sec).title
            rows.append(
                f"<tr><td>{escape(title)}</td><td>{escape(f'{round(pts, 1):g} / {n}')}</td>"
                f"<td>{advice}</td></tr>"
            )
        head = "".join(
            f'<th scope="col">{escape(_t(k))}</th>'
            for k in ("quiz.sections.part", "quiz.sections.score", "quiz.sections.advice")
        )
        return (
            f'<table class="course-table"><caption>{escape(_t("quiz.sections.caption"))}'
            f"</caption><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
        )

    # -- actions ---------------------------------------------------------------------------------
    def _view(self, qid: str) -> QuestionView:
        for qv in self.w_questions:
            if qv.question.id == qid:
                return qv
        raise KeyError(qid)

    def _on_change(self, qv: QuestionView) -> None:
        if self.mode == "check" and not self.state.finished:
            self.state.set_draft(qv.question, qv.response)
            self._save()

    def _on_submit(self, qv: QuestionView) -> None:
        self.submit(qv.question.id)

    def submit(self, qid: str) -> model.Result | None:
        """Grade one question now (practice mode), show feedback, save the try."""
        qv = self._view(qid)
        if self.state.locked(qid):
            return None
        response = qv.response
        if not model.is_answered(qv.question, response):
            qv.say(f"{model.WRONG} {_t('quiz.none')}")
            return None
        result = self.state.submit(qv.question, response)
        qv.show(result, self.state.reveal(qid))
        qv.lock(self.state.locked(qid))
        self._save([(qid, response, result)])
        self._refresh_summary()
        return result

    def finish(self) -> dict[str, model.Result]:
        """Grade every answer at once (check mode) and show all feedback and the score."""
        if self.state.finished:
            return {}
        for qv in self.w_questions:
            self.state.drafts[qv.question.id] = qv.response
        results = self.state.finish(self.questions)
        self._save([(qid, self.state.drafts[qid], r) for qid, r in results.items()])
        self._restore()
        return results

    def restart(self) -> None:
        """Start this quiz again: clear its answers on this page (earlier tries stay recorded)."""
        self.state = self._new_state()
        self._save()
        self._restore()


class CertificatePanel(W.VBox):
    """The end of the final check: a name box and a button that makes a PDF certificate.

    The name is used for the file only: it is never stored (not in the store, not in the
    quiz's document), and the file never contains the learner code. See
    :mod:`widgets.quizzes.certificate` for what the certificate says.
    """

    def __init__(self, quiz: QuizView):
        super().__init__(layout=W.Layout(display="none"))
        self.quiz = quiz
        self._made_for: str | None = None
        self.w_intro = _html(
            f"<h3>{escape(_t('cert.panel.title'))}</h3><p>{escape(_t('cert.panel.intro'))}</p>"
        )
        self.w_name = W.Text(
            description=_t("cert.name.label"),
            placeholder=_t("cert.name.placeholder"),
            continuous_update=False,
            style={"description_width": "initial"},
            layout=W.Layout(width="100%", max_width="36em"),
        )
        self.w_name.observe(self._on_name, names="value")
        self.w_note = _html(f'<p class="course-cert-note">{escape(_t("cert.name.note"))}</p>')
        self.w_make = _button("cert.button", primary=True)
        self.w_make.on_click(lambda _b: self.make())
        self.w_status = _html()
        self.w_status.add_class("course-live")
        self.w_link = _html()
        self.w_link.add_class("course-live")
        self.children = [
            self.w_intro,
            self.w_name,
            self.w_note,
            _box([self.w_make], vertical=False),
            self.w_status,
            self.w_link,
        ]
        self.add_class("course-certificate")

    def show(self, visible: bool) -> None:
        """Show the panel (the check is finished) or hide it and forget any file made."""
        self.layout.display = None if visible else "none"
        if not visible:
            self.w_status.value = self.w_link.value = ""
            self._made_for = None

    def _on_name(self, change) -> None:
        if self._made_for is not None and change["new"] != self._made_for:
            self.w_link.value = ""
            self._made_for = None
            self.w_status.value = f"<p>{escape(_t('cert.stale'))}</p>"

    def make(self) -> bytes | None:
        """Build the PDF for the name in the box and offer it as a download (None on failure).

        Building takes about a second (fonts are read and subset), so the button shows that it
        is busy and cannot be pressed twice meanwhile."""
        raw = self.w_name.value
        name = certificate.clean_name(raw)
        self.w_make.disabled = True
        self.w_make.description = _t("cert.busy")
        self.w_status.value = f"<p>⏳ {escape(_t('cert.busy'))}</p>"
        self.w_link.value = ""
        try:
            cert = certificate.from_check(self.quiz.state, self.quiz.questions, name)
            data = certificate.pdf_bytes(cert)
            missing = certificate.missing_characters(name)
        except Exception as exc:  # shown to the learner, never swallowed
            problem = str(exc) or type(exc).__name__
            self.w_status.value = f"<p>⚠ {escape(_t('cert.failed', problem=problem))}</p>"
            return None
        finally:
            self.w_make.disabled = False
            self.w_make.description = _t("cert.button")
        notes = []
        if len(" ".join(raw.split())) > certificate.NAME_LIMIT:
            notes.append(_t("cert.shortened", limit=certificate.NAME_LIMIT))
        if missing:
            notes.append(_t("cert.missing", chars=" ".join(missing)))
        self.w_status.value = "".join(f"<p>⚠ {escape(n)}</p>" for n in notes)
        encoded = base64.b64encode(data).decode("ascii")
        self.w_link.value = (
            f"<p>{escape(_t('cert.ready'))} "
            f'<a class="course-download" download="{certificate.FILENAME}" '
            f'href="data:application/pdf;base64,{encoded}">'
            f"⤓ {escape(_t('cert.download'))}</a></p>"
        )
        self._made_for = raw
        return data
