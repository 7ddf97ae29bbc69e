"""Progress in every quiz of the course: the rows (:func:`overview`) and their table.

The home page's start panel (:mod:`widgets.start`) shows the table to a returning learner.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from .. import content, session
from ..store import Store
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


def overview_table(store: Store, code: str) -> str:
    """The learner's progress in every quiz, as an HTML table with a link to each part."""
    body = []
    for r in overview(store, code):
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
    return (
        f'<table class="course-table course-progress-table"><caption>'
        f"{escape(_t('progress.table.caption'))}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table>"
    )
