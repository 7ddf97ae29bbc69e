"""Progress in every quiz of the course: the rows (:func:`overview`) and their table.

The home page's start panel (:mod:`widgets.start_panel`) shows the table to a returning learner.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .. import content, session, ui
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


def overview(docs: dict[str, Any], bank: _bank.Bank | None = None) -> list[QuizProgress]:
    """Progress in every quiz of the course, in outline order, from the learner's quiz
    documents by quiz id (pure: no widgets, no store)."""
    bank = bank or _bank.load()
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


def _status(row: QuizProgress) -> str:
    if row.complete:
        return f"✓ {ui.t('progress.status.done')}"
    if row.answered:
        return f"◐ {ui.t('progress.status.started')}"
    return f"○ {ui.t('progress.status.todo')}"


def overview_table(docs: dict[str, Any]) -> ui.Markup:
    """The learner's progress in every quiz, as an HTML table with a link to each part."""
    rows = []
    for r in overview(docs):
        href = session.with_query(content.load().page(r.page_id).notebook)
        link = ui.Markup('<a href="{}" target="_self">{}</a>').format(href, r.title)
        score = f"{round(r.score * 100)}%" if r.answered else "–"
        rows.append((link, f"{r.answered} / {r.total}", score, _status(r)))
    headers = [ui.t(f"progress.table.{k}") for k in ("part", "answered", "score", "status")]
    return ui.html_table(ui.t("progress.table.caption"), headers, rows, css="course-progress-table")
