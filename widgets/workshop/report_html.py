"""The dashboard's report as HTML: who joined, scores per section, the questions to discuss, bars
per answer, and the item analysis. Pure functions of a :class:`Report`; every text a person typed
(display names, group names) is escaped by construction (:mod:`markupsafe`)."""

from __future__ import annotations

from .. import ui
from ..ui import Markup
from .exports import pct
from .report import Part, QuestionStats, Report


def table(head_keys: list[str], rows, css: str = "") -> Markup:
    """A table that scrolls sideways on a narrow screen; headers are string keys."""
    head = [ui.t(k) for k in head_keys]
    return Markup('<div class="course-table-wrap">{}</div>').format(
        ui.html_table("", head, rows, css)
    )


def para(text: str, css: str = "") -> Markup:
    """A paragraph of text."""
    if css:
        return Markup('<p class="{}">{}</p>').format(css, text)
    return Markup("<p>{}</p>").format(text)


def heading(text: str, level: int = 3) -> Markup:
    """A heading of the dashboard's tabs."""
    return Markup("<h{0}>{1}</h{0}>").format(level, text)


def bars_html(part: Part, caption: str = "", large: bool = False) -> Markup:
    """One part's answers as bars with the numbers written out; the right answer is marked with
    a tick and the words "right answer" (readable without colour)."""
    total = part.answered or 1
    items = []
    for bar in part.bars:
        share = round(100 * bar.count / total)
        mark = (
            Markup(' <strong class="course-right">✓ {}</strong>').format(ui.t("dashboard.right"))
            if bar.right
            else ""
        )
        items.append(
            Markup(
                '<li class="{}"><span class="course-bar-label">{}{}</span>'
                '<span class="course-bar-track" aria-hidden="true"><span class="course-bar" '
                'style="width:{}%"></span></span><span class="course-bar-value">{}</span></li>'
            ).format(
                "course-bar-right" if bar.right else "",
                bar.label,
                mark,
                share,
                ui.t("trainer.bar_value", n=bar.count, share=pct(bar.count / total)),
            )
        )
    title = Markup("<figcaption>{}</figcaption>").format(caption) if caption else ""
    cls = "course-chart course-chart-large" if large else "course-chart"
    return Markup('<figure class="{}">{}<ul>{}</ul></figure>').format(
        cls, title, Markup("").join(items)
    )


def _score(p) -> tuple[str, str]:
    return (pct(p.mean_first), pct(p.mean_final)) if p.answered else ("-", "-")


def participants_html(report: Report) -> Markup:
    """Who joined and how far they got, then progress per group."""
    h = [heading(ui.t("dashboard.joined", n=len(report.participants)))]
    if not report.participants:
        return Markup("").join([*h, para(ui.t("dashboard.nobody"))])
    cols = ["participant", "group", "answered", "first", "final", "mastered"]
    rows = [
        [p.label, p.group or "-", p.answered, *_score(p), p.sections_mastered]
        for p in report.participants
    ]
    h.append(table([f"dashboard.col.{c}" for c in cols], rows, "course-participants"))
    by_group: dict[str, list] = {}
    for p in report.participants:
        if p.group:
            by_group.setdefault(p.group, []).append(p)
    if by_group:
        rows = []
        for name, people in by_group.items():
            active = [p for p in people if p.answered]
            first = sum(p.mean_first for p in active) / len(active) if active else None
            final = sum(p.mean_final for p in active) / len(active) if active else None
            answered = sum(p.answered for p in people)
            rows.append(
                [name, len(people), answered] + [pct(x) if active else "-" for x in (first, final)]
            )
        cols = ["group", "people", "answered", "first", "final"]
        h += [
            heading(ui.t("dashboard.by_group")),
            table([f"dashboard.col.{c}" for c in cols], rows, "course-by-group"),
        ]
    return Markup("").join(h)


def sections_html(report: Report) -> Markup:
    """Scores per section, and how many reached the pass mark at their first tries."""
    h = [heading(ui.t("dashboard.sections"))]
    if not report.sections:
        return Markup("").join([*h, para(ui.t("dashboard.no_answers"))])
    rows = [
        [
            s.title,
            s.answers,
            pct(s.mean_first),
            pct(s.mean_final),
            ui.tn("trainer.mastery", s.participants, mastered=s.mastered),
        ]
        for s in report.sections
    ]
    cols = ["section", "answers", "first", "final", "mastery"]
    h += [
        para(ui.t("dashboard.sections_help", mark=pct(report.pass_mark))),
        table([f"dashboard.col.{c}" for c in cols], rows, "course-sections"),
    ]
    return Markup("").join(h)


def _prompts_for(objective: str) -> list[str]:
    """The facilitator guide's discussion prompts for an objective."""
    from ..facilitation import load

    return [p.text for p in load().prompts_for(objective)] if objective else []


def missed_html(report: Report, missed: int = 5) -> Markup:
    """The questions most often missed at the first try, with what to discuss."""
    h = [heading(ui.t("dashboard.missed"))]
    top = report.most_missed(missed)
    if not top:
        return Markup("").join([*h, para(ui.t("dashboard.no_answers"))])
    items = []
    for q in top:
        lines = [
            Markup("<strong>{}</strong> ({})").format(
                q.prompt, ui.tn("dashboard.missed_of", q.missed, answered=q.answered)
            ),
            Markup("{} {}").format(ui.t("dashboard.right_answer"), q.right_answer),
        ]
        if q.explanation:
            lines.append(q.explanation)
        lines += [
            Markup("<em>{}</em> {}").format(ui.t("dashboard.discuss"), p)
            for p in _prompts_for(q.objective)
        ]
        items.append(Markup("<li>{}</li>").format(Markup("<br>").join(lines)))
    h.append(Markup('<ol class="course-missed">{}</ol>').format(Markup("").join(items)))
    return Markup("").join(h)


def overview_html(report: Report, missed: int = 5) -> Markup:
    """Who joined and how far they got, mastery per section, and the questions to discuss."""
    return Markup("\n").join(
        [participants_html(report), sections_html(report), missed_html(report, missed)]
    )


def parts_html(q: QuestionStats, large: bool = False) -> Markup:
    """One question's answers: bars per option, per matching row or per ordering position."""
    summary = ui.tn(
        "dashboard.question_summary",
        q.answered,
        first=q.correct_first,
        final=q.correct_final,
        mean_first=pct(q.mean_first),
        mean_final=pct(q.mean_final),
    )
    parts = Markup("").join(bars_html(p, p.title, large) for p in q.parts)
    right = ""
    if q.right_answer:
        right = Markup("<p><strong>{}</strong> {}</p>").format(
            ui.t("dashboard.right_answer"), q.right_answer
        )
    hint = para(Markup("{} · {}").format(q.section_title, summary), "course-hint")
    return Markup("{}{}{}").format(hint, parts, right)


def question_html(q: QuestionStats, large: bool = False) -> Markup:
    """One question's answers (see :func:`parts_html`), under its prompt."""
    return Markup('<section class="course-question-result"><h3>{}</h3>{}</section>').format(
        q.prompt, parts_html(q, large)
    )


def questions_html(report: Report) -> Markup:
    """Every question answered so far, in the course's order."""
    if not report.questions:
        return para(ui.t("dashboard.no_answers"))
    return para(ui.t("dashboard.questions_help")) + Markup("").join(
        question_html(q) for q in report.questions
    )


def analysis_html(analysis) -> Markup:
    """The item analysis: flagged questions first, then every question and every objective."""
    from .analysis import analysis_tables
    from .exports import sheet_name

    flagged = analysis.flagged()
    h = [
        para(ui.t("dashboard.analysis_help")),
        heading(ui.t("dashboard.flagged", n=len(flagged))),
    ]
    if flagged:
        items = [Markup("<li><strong>{}</strong>: {}</li>").format(q, f) for q, f in flagged]
        h.append(Markup('<ul class="course-flagged">{}</ul>').format(Markup("").join(items)))
    else:
        h.append(para(ui.t("dashboard.flagged_none")))
    tables = analysis_tables(analysis)
    for name in ("items", "objectives"):
        rows = tables[name]
        h.append(heading(sheet_name(name)))
        h.append(
            Markup('<div class="course-table-wrap">{}</div>').format(
                ui.html_table("", rows[0], rows[1:], "course-analysis")
            )
        )
    return Markup("\n").join(h)
