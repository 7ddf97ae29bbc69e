"""What a quiz shows under its questions: the score lines and, after a quiz over several parts,
a table of each part's score with a link back to the parts to read again."""

from __future__ import annotations

from .. import content, ui
from . import certificate, model
from .question import page_link


def summary_html(state: model.QuizState) -> ui.Markup:
    """The progress and score lines of a quiz (the first one bold, with ✓ or ✗ when complete)."""
    s, total = state, len(state.question_ids)
    lines = [ui.tn("quiz.progress", total, answered=s.answered)]
    if (s.answered and s.mode == "practice") or s.finished:
        lines.append(
            ui.t(
                "quiz.score",
                points=f"{round(s.points, 1):g}",
                total=total,
                percent=round(s.score * 100),
            )
        )
    mark = round(s.pass_mark * 100)
    if s.complete:
        lines.append(ui.t("quiz.passed" if s.passed else "quiz.not_passed", mark=mark))
    symbol = (model.RIGHT if s.passed else model.WRONG) + " " if s.complete else ""
    first = ui.Markup("<p><strong>{}</strong></p>").format(symbol + lines[0])
    return first + ui.Markup("").join(ui.Markup("<p>{}</p>").format(x) for x in lines[1:])


def sections_html(state: model.QuizState, questions: dict[str, model.Question]) -> ui.Markup:
    """A table: each section's score, and a link back to it when it needs reading again."""
    rows = []
    for sec, (pts, n) in state.section_scores(questions).items():
        ok = certificate.part_completed(pts, n, state.pass_mark)
        advice = (
            ui.Markup("{} {}").format(model.RIGHT, ui.t("quiz.sections.ok"))
            if ok
            else ui.Markup("{} {}").format(model.WRONG, ui.Markup(page_link(sec)))
        )
        rows.append((content.load().page(sec).title, f"{round(pts, 1):g} / {n}", advice))
    headers = [
        ui.t(k) for k in ("quiz.sections.part", "quiz.sections.score", "quiz.sections.advice")
    ]
    return ui.html_table(ui.t("quiz.sections.caption"), headers, rows)
