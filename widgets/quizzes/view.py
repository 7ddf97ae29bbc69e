"""A whole quiz (:class:`QuizView`): its questions in the learner's order, the score, and
progress that lasts.

The quiz grades (:mod:`.model`), shows each question (:mod:`.question`) and the score lines and
table of parts (:mod:`.summary`), and ends the final check with the certificate
(:mod:`.certificate_panel`). Where the work is kept is the learner context's business
(:mod:`widgets.learner`): the quiz loads and saves through it and shows its status line.
"""

from __future__ import annotations

from html import escape
from typing import Any

import ipywidgets as W

from .. import content, ui
from .. import learner as learner_mod
from . import bank as _bank
from . import model
from .certificate_panel import CertificatePanel
from .question import STYLE, QuestionView, _box, _html, _regrade, _shared, _shared_button
from .summary import sections_html, summary_html

KIND = "quiz"  # the store's document kind of a quiz's state (key: the quiz id)


class QuizView(W.VBox):
    """A quiz: its questions in the learner's order, a score summary, and progress that lasts.

    The quiz state is saved as a document (``kind="quiz"``, key = quiz id) with every graded
    try, through the learner context.
    """

    def __init__(
        self,
        quiz_id: str,
        learner: learner_mod.Learner | None = None,
        bank: _bank.Bank | None = None,
    ):
        super().__init__(layout=_shared("box"))
        self.quiz_id = quiz_id
        self.bank = bank or _bank.load()
        self.learner = learner or learner_mod.current()
        self.seed = model.seed_for(self.learner.code or "", quiz_id)
        self.mode = self.bank.mode(quiz_id)
        self.state = self._load_state()
        self.questions = {qid: self.bank.questions[qid] for qid in self.state.question_ids}
        self.page = content.load().page(quiz_id)
        title = ui.t("quiz.title.check") if self.mode == "check" else ui.t("quiz.title")
        self.w_title = _html(
            STYLE + f"<h2>{escape(title)}</h2><p>{escape(ui.t('quiz.mode.' + self.mode))}</p>"
        )
        self.w_notice = self.learner.status_widget()
        total = len(self.state.question_ids)
        self.w_questions = [
            QuestionView(self.questions[qid], n, total, self.seed, self.mode)
            for n, qid in enumerate(self.state.question_ids, 1)
        ]
        for qv in self.w_questions:
            qv.on_submit = self._on_submit
            qv.on_change = self._on_change
        self.w_finish = _shared_button("quiz.finish", primary=True)
        self.w_finish.on_click(lambda _b: self.finish())
        self.w_restart = _shared_button("quiz.restart")
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
            self.w_summary,
            self.w_sections,
            *([self.w_certificate] if self.w_certificate is not None else []),
        ]
        self.add_class("course-quiz")
        self.add_class(f"course-quiz-{quiz_id}")
        self._restore()

    # -- state -----------------------------------------------------------------------------------
    def _new_state(self) -> model.QuizState:
        return model.QuizState(
            quiz_id=self.quiz_id,
            mode=self.mode,
            question_ids=self.bank.question_ids(self.quiz_id, self.seed),
            pass_mark=self.bank.pass_mark,
        )

    def _load_state(self) -> model.QuizState:
        doc = self.learner.load(KIND, self.quiz_id)
        if doc:
            try:
                state = model.QuizState.from_doc(doc, set(self.bank.questions))
                if state.question_ids and state.mode == self.mode:
                    return state
            except (KeyError, TypeError, ValueError):
                pass  # an unreadable document is replaced by a fresh start
        return self._new_state()

    def _save(self, tries: list[tuple[str, Any, float, bool]] = ()) -> learner_mod.SaveStatus:
        return self.learner.save(KIND, self.quiz_id, self.state.to_doc(), answers=tries)

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
        self.w_summary.value = summary_html(self.state)
        parts = len({q.section for q in self.questions.values()})
        done = self.state.complete and parts > 1
        self.w_sections.value = sections_html(self.state, self.questions) if done else ""
        if self.w_certificate is not None:
            self.w_certificate.show(done)

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
            qv.say(f"{model.WRONG} {ui.t('quiz.none')}")
            return None
        result = self.state.submit(qv.question, response)
        qv.show(result, self.state.reveal(qid))
        qv.lock(self.state.locked(qid))
        self._save([(qid, response, result.score, result.correct)])
        self._refresh_summary()
        return result

    def finish(self) -> dict[str, model.Result]:
        """Grade every answer at once (check mode) and show all feedback and the score."""
        if self.state.finished:
            return {}
        for qv in self.w_questions:
            self.state.drafts[qv.question.id] = qv.response
        results = self.state.finish(self.questions)
        self._save(
            [(qid, self.state.drafts[qid], r.score, r.correct) for qid, r in results.items()]
        )
        self._restore()
        return results

    def restart(self) -> None:
        """Start this quiz again: clear its answers on this page (earlier tries stay recorded)."""
        self.state = self._new_state()
        self._save()
        self._restore()
