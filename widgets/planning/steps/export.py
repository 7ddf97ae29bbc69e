"""Step 4: the plan's summary and ranked suggestions, the files to download, and sharing."""

from __future__ import annotations

import base64

from ... import content, session, ui
from ...learner import Learner
from .. import chart
from .. import fields as F
from ..model import Plan, label
from ..places import Places
from ..suggestions import TOP, Suggestion, suggestions
from ..summary import counts, summary
from .share import SharePlanSummary

M = ui.Markup


class ExportStep(F.Step):
    """The summary and suggestions, and every export as a download link (nothing on disk)."""

    number = 4

    def __init__(self, editor: F.Editor, me: Learner):
        self.files: list = []  # the files last prepared for download
        self.w_summary = F.html()
        self.w_keep_sensitive = F.checkbox("ws.export.keep_sensitive")
        self.w_prepare = ui.button("ws.export.prepare", "primary")
        self.w_progress = F.html()
        self.w_downloads = F.html()
        self.w_downloads.add_class("course-ws-downloads")
        self.share = SharePlanSummary(editor, me)
        super().__init__(
            editor,
            [
                F.heading(2, "ws.step.export"),
                self.w_summary,
                F.heading(3, "ws.export.title"),
                self.w_keep_sensitive,
                self.w_prepare,
                self.w_progress,
                self.w_downloads,
                self.share,
            ],
        )
        self.w_prepare.on_click(lambda _: self.prepare_downloads())

    def prepare_downloads(self) -> None:
        """Build every export and show them as download links (``data:`` URLs, nothing on disk).

        The button is disabled and a progress line shown while the files are made.
        """
        from .. import export

        self.w_prepare.disabled = True
        self.w_prepare.description = ui.t("ws.export.busy")
        self.w_progress.value = ui.status_html("busy", ui.t("ws.export.working"))
        self.w_downloads.value = ""
        try:
            self.files = export.all_files(self.plan, keep_sensitive=self.w_keep_sensitive.value)
        except Exception as exc:  # a file that cannot be made is reported, never silent
            self.files = []
            problem = ui.t("ws.export.failed", problem=type(exc).__name__)
            self.w_progress.value = ui.status_html("error", problem)
            return
        finally:
            self.w_prepare.disabled = False
            self.w_prepare.description = ui.t("ws.export.prepare")
        self.w_progress.value = ""
        links = M("").join(
            M(
                '<li><a download="{}" class="course-ws-dl-{}" href="data:{};base64,{}">{}</a></li>'
            ).format(
                f.filename,
                f.key,
                f.mime,
                base64.b64encode(f.data).decode("ascii"),
                ui.t("ws.export." + f.key),
            )
            for f in self.files
        )
        self.w_downloads.value = M(
            '<div role="status" aria-live="polite"><p>{}</p><ul>{}</ul></div>'
        ).format(ui.t("ws.export.ready"), links)

    def forget_files(self) -> None:
        """After a change: the files prepared before are out of date."""
        if self.files:
            self.files = []
            self.w_downloads.value = ui.status_html("info", ui.t("ws.export.stale"))

    def clear_files(self) -> None:
        """Forget the files prepared (the plan was cleared)."""
        self.files = []
        self.w_downloads.value = ""

    def refresh(self) -> None:
        """Redraw the summary and suggestions; show sharing when it can be used."""
        self.w_summary.value = summary_html(self.plan)
        self.share.refresh()


def _suggestion_li(s: Suggestion) -> ui.Markup:
    page = content.load().page(s.section)
    return M(
        "<li><p>{}</p><p class='course-ws-why'><strong>{}:</strong> {} <em>{} "
        '<a href="{}" target="_blank" rel="noopener">{}</a>. {}: {}</em></p></li>'
    ).format(
        s.text,
        ui.t("ws.export.why"),
        s.why,
        ui.t("ws.suggestions.from"),
        session.with_query(page.notebook),
        page.title,
        ui.t("ws.export.sources"),
        "; ".join(s.source_titles),
    )


def _actor_li(a, where: Places, priority: str) -> ui.Markup:
    ws = content.load().worksheet
    text = f"{a.name}: {where.label(a)} · {priority}: {label(ws.priorities, a.priority)}"
    if a.next_action:
        text += f" · {a.next_date} {a.next_action}"
    return M("<li>{}</li>").format(text)


def _map(plan: Plan) -> ui.Markup:
    if not plan.actors:
        return M("")
    return M('<h4>{}</h4><div class="course-ws-mapbox">{}</div>{}').format(
        ui.t("ws.map.title_" + plan.map_view),
        M(chart.map_svg(plan, uid="ws-summary-map")),
        M(chart.legend_html(plan.map_view)),
    )


def _list(key: str, items: list) -> ui.Markup:
    if not items:
        return M("")
    return M("<h4>{}</h4><ul>{}</ul>").format(ui.t(key), M("").join(items))


def counts_text(plan: Plan) -> str:
    """How many actors, members, milestones and snapshots, in words (plural forms)."""
    words = {k: ui.tn(f"ws.count.{k}", n) for k, n in counts(plan).items()}
    return ui.t("ws.summary.counts", **words)


def summary_html(plan: Plan) -> ui.Markup:
    """The summary (review, counts, actors, timeline) and the ranked suggestions (escaped)."""
    rows = summary(plan)
    where, priority = Places(plan.map_view), ui.t("ws.field.priority")
    headers = [ui.t("ws.summary.item"), ui.t("ws.summary.answer")]
    table = ui.html_table(ui.t("ws.field.plan"), headers, rows, row_headers=True) if rows else ""
    timeline = [
        M("<li>{}</li>").format(" · ".join(x for x in (m.date, m.milestone, m.who) if x))
        for m in plan.coalition.timeline
    ]
    items = suggestions(plan)
    top = M("").join(_suggestion_li(s) for s in items[:TOP])
    rest = M("").join(_suggestion_li(s) for s in items[TOP:])
    folded = M("")
    if rest:
        folded = M(
            "<details><summary>{}</summary><ol start='{}' class='course-ws-suggestions'>{}</ol>"
            "</details>"
        ).format(ui.tn("ws.suggestions.more", len(items) - TOP), TOP + 1, rest)
    return (
        M("<h3>{}</h3><p>{}</p>").format(ui.t("ws.summary.title"), counts_text(plan))
        + table
        + _map(plan)
        + _list("ws.export.actors", [_actor_li(a, where, priority) for a in plan.actors])
        + _list("ws.export.timeline", timeline)
        + M('<h3>{}</h3><ol class="course-ws-suggestions">{}</ol>').format(
            ui.t("ws.suggestions.title"), top
        )
        + folded
    )
