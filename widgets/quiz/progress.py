"""The learner's panel on the home page: the learner code, progress, and their data.

Shows the code (so a learner can continue on another device), a box to continue with another
code, a progress overview of every quiz, where the data is kept, and "reset my answers" /
"delete my data" actions, each asking for confirmation first.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

import ipywidgets as W

from .. import content, identity, session
from ..store import Store, StoreError, open_store
from . import bank as _bank


@dataclass(frozen=True)
class QuizProgress:
    """One row of the overview."""

    page_id: str
    title: str
    answered: int
    total: int
    score: float
    complete: bool


def overview(store: Store, code: str, bank: _bank.Bank | None = None) -> list[QuizProgress]:
    """Progress in every quiz of the course, in outline order (pure: no widgets)."""
    bank = bank or _bank.load()
    docs = store.docs(code, "quiz")
    rows = []
    for page in content.load().outline.pages:
        if page.id not in bank.sections and page.id != bank.check.page:
            continue
        doc = docs.get(page.id) or {}
        total = len(doc.get("questions", [])) or (
            len(bank.question_ids(bank.check.page, 0))
            if page.id == bank.check.page
            else sum(q.section == page.id for q in bank.questions.values())
        )
        rows.append(
            QuizProgress(
                page.id,
                page.title,
                int(doc.get("answered", 0)),
                total,
                float(doc.get("score", 0.0)),
                bool(doc.get("complete", False)),
            )
        )
    return rows


def _t(key: str, **values: object) -> str:
    return content.load().text(key, **values)


class ProgressView(W.VBox):
    """The home page's learner panel (see the module doc)."""

    def __init__(self, learner: identity.Learner | None = None, store: Store | None = None):
        super().__init__()
        self.learner = learner or identity.current()
        self.store = store or (open_store() if self.learner.saves else None)
        self.new_code = None if self.learner.saves else identity.page_code()
        self._pending: str | None = None

        self.w_identity = W.HTML(self._identity_html())
        self.w_code = W.Text(
            description=_t("progress.resume.label"),
            placeholder=_t("progress.resume.placeholder", example=identity.EXAMPLE),
            continuous_update=False,
            style={"description_width": "initial"},
        )
        self.w_resume = W.Button(
            description=_t("progress.resume.button"),
            tooltip=_t("progress.resume.button"),
            layout=W.Layout(width="auto"),
        )
        self.w_resume.on_click(lambda _b: self.resume())
        self.w_resume_result = W.HTML("")
        self.w_resume_result.add_class("course-live")
        self.w_overview = W.HTML("")
        self.w_where = W.HTML(self._where_html())
        self.w_reset = W.Button(
            description=_t("progress.reset"),
            tooltip=_t("progress.reset"),
            layout=W.Layout(width="auto"),
        )
        self.w_reset.on_click(lambda _b: self.ask("reset"))
        self.w_delete = W.Button(
            description=_t("progress.delete"),
            button_style="danger",
            tooltip=_t("progress.delete"),
            layout=W.Layout(width="auto"),
        )
        self.w_delete.on_click(lambda _b: self.ask("delete"))
        self.w_yes = W.Button(
            description=_t("progress.confirm.yes"),
            button_style="danger",
            layout=W.Layout(width="auto"),
        )
        self.w_yes.on_click(lambda _b: self.confirm())
        self.w_no = W.Button(description=_t("progress.confirm.no"), layout=W.Layout(width="auto"))
        self.w_no.on_click(lambda _b: self.cancel())
        self.w_confirm = W.HBox([self.w_yes, self.w_no], layout=W.Layout(display="none"))
        self.w_message = W.HTML("")
        self.w_message.add_class("course-live")
        actions = [self.w_reset, self.w_delete] if self.store else []
        self.children = [
            W.HTML(f"<h2>{escape(_t('progress.title'))}</h2>"),
            self.w_identity,
            # continuing with a code is for the web app; in JupyterLab the code is the account
            *(
                [W.HBox([self.w_code, self.w_resume]), self.w_resume_result]
                if self.learner.status != "local"
                else []
            ),
            self.w_overview,
            self.w_where,
            W.HBox(actions),
            self.w_message,
            self.w_confirm,
        ]
        self.add_class("course-progress")
        self.refresh()

    # -- showing ---------------------------------------------------------------------------------
    def _home_href(self, code: str) -> str:
        params = dict(session.query_params(), code=code)
        home = content.load().outline.pages[0].notebook
        return session.with_query(home, params)

    def _identity_html(self) -> str:
        ln = self.learner
        if ln.status == "local":
            return f"<p>{escape(_t('progress.code.local', code=ln.code))}</p>"
        if ln.status == "code":
            return (
                f"<p><strong>{escape(_t('progress.code', code=ln.code))}</strong></p>"
                f"<p>{escape(_t('progress.code.keep'))}</p>"
            )
        bad = (
            f"<p>⚠ {escape(_t('quiz.bad_code', example=identity.EXAMPLE))}</p>"
            if ln.status == "invalid"
            else ""
        )
        href = escape(self._home_href(self.new_code), quote=True)
        return (
            f"{bad}<p>{escape(_t('progress.new_code', code=self.new_code))}</p>"
            f'<p><a class="course-start-link" href="{href}" target="_self"><strong>'
            f"{escape(_t('progress.start_link', code=self.new_code))} →</strong></a></p>"
            f"<p>{escape(_t('progress.code.keep'))}</p>"
        )

    def _where_html(self) -> str:
        if not self.store:
            return f"<p>{escape(_t('progress.where.none'))}</p>"
        problem = f"<p>⚠ {escape(self.store.problem)}</p>" if self.store.problem else ""
        return problem + f"<p>{escape(_t('progress.where', where=self.store.where))}</p>"

    def refresh(self) -> None:
        """Rebuild the progress overview from the store."""
        if not self.store:
            self.w_overview.value = ""
            return
        try:
            rows = overview(self.store, self.learner.code)
        except StoreError as exc:
            self.w_overview.value = f"<p>⚠ {escape(str(exc))}</p>"
            return
        body = []
        for r in rows:
            if r.complete:
                status = f"✓ {_t('progress.status.done')}"
            elif r.answered:
                status = f"◐ {_t('progress.status.started')}"
            else:
                status = f"○ {_t('progress.status.todo')}"
            href = escape(session.with_query(content.load().page(r.page_id).notebook), quote=True)
            score = f"{round(r.score * 100)}%" if r.answered else "–"
            body.append(
                f'<tr><td><a href="{href}" target="_self">{escape(r.title)}</a></td>'
                f"<td>{r.answered} / {r.total}</td><td>{escape(score)}</td>"
                f"<td>{escape(status)}</td></tr>"
            )
        head = "".join(
            f'<th scope="col">{escape(_t("progress.table." + k))}</th>'
            for k in ("part", "answered", "score", "status")
        )
        self.w_overview.value = (
            f'<table class="course-table course-progress-table"><caption>'
            f"{escape(_t('progress.table.caption'))}</caption><thead><tr>{head}</tr></thead>"
            f"<tbody>{''.join(body)}</tbody></table>"
        )

    # -- actions ---------------------------------------------------------------------------------
    def resume(self) -> str | None:
        """Check the typed code; show a link that continues with it (or say what is wrong)."""
        try:
            code = identity.parse_code(self.w_code.value)
        except ValueError:
            self.w_resume_result.value = (
                f"<p>✗ {escape(_t('progress.resume.bad', example=identity.EXAMPLE))}</p>"
            )
            return None
        href = escape(self._home_href(code), quote=True)
        self.w_resume_result.value = (
            f'<p><a class="course-resume-link" href="{href}" target="_self">'
            f"{escape(_t('progress.resume.link', code=code))} →</a></p>"
        )
        return code

    def ask(self, action: str) -> None:
        """Ask to confirm ``reset`` (quiz answers) or ``delete`` (everything stored)."""
        self._pending = action
        self.w_message.value = f"<p>⚠ {escape(_t('progress.confirm.' + action))}</p>"
        self.w_confirm.layout.display = "flex"

    def cancel(self) -> None:
        """Do nothing after all."""
        self._pending = None
        self.w_confirm.layout.display = "none"
        self.w_message.value = f"<p>{escape(_t('progress.cancelled'))}</p>"

    def confirm(self) -> None:
        """Carry out the action asked for."""
        action, self._pending = self._pending, None
        self.w_confirm.layout.display = "none"
        if not action or not self.store:
            return
        try:
            if action == "reset":
                self.store.delete_answers(self.learner.code)
                self.store.delete_docs(self.learner.code, "quiz")
            else:
                self.store.delete_learner(self.learner.code)
        except StoreError as exc:
            self.w_message.value = f"<p>✗ {escape(_t('progress.failed', problem=str(exc)))}</p>"
            return
        self.w_message.value = f"<p>✓ {escape(_t('progress.done.' + action))}</p>"
        self.refresh()
