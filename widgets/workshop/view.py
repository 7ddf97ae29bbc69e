"""Workshop widgets: the participant's join panel and share button, the trainer's dashboard.

Views only: every rule lives in :mod:`widgets.workshop.model`. Everything a person typed (display
names, workshop names) is escaped before it reaches HTML.
"""

from __future__ import annotations

import base64
import threading
import time
from html import escape

import ipywidgets as W

from .. import content, session
from ..store import Store, StoreError, open_store
from . import model


def _t(key: str, **values) -> str:
    return content.load().text(key, **values)


def _status() -> W.HTML:
    """A polite live region for feedback (read out by screen readers)."""
    w = W.HTML(value="")
    w.add_class("course-live")
    return w


def _say(widget: W.HTML, text: str, kind: str = "info") -> None:
    prefix = {"error": "⚠ ", "ok": "✓ "}.get(kind, "")
    widget.value = (
        f'<p role="status" aria-live="polite" class="course-msg course-msg-{kind}">'
        f"{escape(prefix + text)}</p>"
    )


# -- participants ----------------------------------------------------------------------------------
class JoinPanel(W.VBox):
    """Type (or confirm) a workshop code and a display name, then join."""

    def __init__(
        self,
        store: Store | None = None,
        learner: str | None = None,
        params: dict[str, str] | None = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        from ..identity import current_learner

        self.store = store or open_store()
        self.params = dict(session.query_params() if params is None else params)
        # In Voila without a learner code, the participant gets a new one with the join link.
        if learner is None and session.in_voila() and "code" not in self.params:
            from ..identity import page_code  # the code the home page also offers

            self.params["code"] = page_code()
            learner = self.params["code"]
        self.learner = learner or current_learner()
        self.joined: str | None = None
        self.w_title = W.HTML(f"<h2>{escape(_t('workshop.join.title'))}</h2>")
        self.w_intro = W.HTML(f"<p>{escape(_t('workshop.join.intro'))}</p>")
        self.w_code = W.Text(
            value=self.params.get("workshop", ""),
            description=_t("workshop.join.code"),
            placeholder=_t("workshop.join.code_hint"),
            style={"description_width": "initial"},
        )
        self.w_name = W.Text(
            description=_t("workshop.join.name"),
            placeholder=_t("workshop.join.name_hint"),
            style={"description_width": "initial"},
        )
        self.w_hint = W.HTML(
            f'<p class="course-hint">{escape(_t("workshop.join.name_hint"))}</p>'
        )
        self.w_join = W.Button(
            description=_t("workshop.join.button"), button_style="primary",
            layout={"width": "fit-content"},
        )
        self.w_join.on_click(self._on_join)
        self.w_status = _status()
        self.w_link = W.HTML("")
        self.w_share = SharePlan(store=self.store, learner=self.learner, code=None)
        self.w_share.layout.display = "none"
        self.add_class("course-join")
        self.children = (
            self.w_title,
            self.w_intro,
            self.w_code,
            self.w_name,
            self.w_hint,
            self.w_join,
            self.w_status,
            self.w_link,
            self.w_share,
        )
        mine = model.membership(self.store, self.params.get("workshop"), self.learner)
        if mine:
            self._show_joined(self.params["workshop"], mine["workshop"], mine["display_name"])

    def _on_join(self, _button=None) -> None:
        self.join()

    def join(self) -> bool:
        """Join with the typed code and name; True on success."""
        try:
            name = model.join(self.store, self.w_code.value, self.learner, self.w_name.value)
        except model.WorkshopError as exc:
            time.sleep(0.5)  # a little friction against guessing
            _say(self.w_status, str(exc), "error")
            return False
        except StoreError as exc:
            _say(self.w_status, str(exc), "error")
            return False
        code = model.normalise_code(self.w_code.value)
        self._show_joined(code, name, model.clean_display_name(self.w_name.value))
        return True

    def _show_joined(self, code: str, workshop_name: str, display_name: str) -> None:
        self.joined = code
        self.w_code.value = code
        self.w_name.value = display_name
        who = display_name or _t("workshop.join.anonymous")
        _say(self.w_status, _t("workshop.join.joined", name=workshop_name, who=who), "ok")
        params = dict(self.params, workshop=code)
        href = session.with_query("00_home.ipynb", params)
        self.w_link.value = (
            f'<p><a class="course-workshop-link" href="{escape(href, quote=True)}" '
            f'target="_self" style="text-decoration:underline;font-weight:bold">{escape(_t("workshop.join.continue"))}</a></p>'
            f"<p>{escape(_t('workshop.join.keep_link'))}</p>"
            f"<p>{escape(_t('workshop.join.what_shared'))}</p>"
        )
        self.w_share.code = code
        self.w_share.layout.display = None


class SharePlan(W.VBox):
    """A button to share (or stop sharing) the learner's plan summary with their workshop."""

    def __init__(
        self,
        store: Store | None = None,
        learner: str | None = None,
        code: str | None = "",
        **kwargs,
    ):
        super().__init__(**kwargs)
        from ..identity import current_learner

        self.store = store or open_store()
        self.learner = learner or current_learner()
        self.code = session.query_params().get("workshop") if code == "" else code
        self.w_intro = W.HTML(f"<p>{escape(_t('workshop.share.intro'))}</p>")
        self.w_share = W.Button(
            description=_t("workshop.share.button"), layout={"width": "fit-content"}
        )
        self.w_withdraw = W.Button(description=_t("workshop.share.withdraw"))
        self.w_share.on_click(lambda _b: self.share())
        self.w_withdraw.on_click(lambda _b: self.withdraw())
        self.w_status = _status()
        self.add_class("course-share-plan")
        self.children = (
            self.w_intro,
            W.HBox([self.w_share, self.w_withdraw]),
            self.w_status,
        )

    def share(self) -> dict | None:
        """Share the plan summary; returns it, or None with a message saying why not."""
        if not self.code:
            _say(self.w_status, _t("workshop.share.not_joined"), "error")
            return None
        try:
            summary = model.share_plan_summary(self.store, self.code, self.learner)
        except (model.WorkshopError, StoreError) as exc:
            _say(self.w_status, str(exc), "error")
            return None
        _say(self.w_status, _t("workshop.share.done", summary=describe_summary(summary)), "ok")
        return summary

    def withdraw(self) -> None:
        """Stop sharing."""
        if self.code:
            model.withdraw_plan_summary(self.store, self.code, self.learner)
        _say(self.w_status, _t("workshop.share.withdrawn"), "ok")


def describe_summary(summary: dict) -> str:
    """A plan summary in words: ``3 actors (ngo 2, nhri 1); coalition: ad-hoc, national``."""
    types = summary.get("actor_types") or {}
    n = sum(types.values())
    parts = ", ".join(f"{t} {c}" for t, c in types.items())
    form = ", ".join(v for v in (summary.get("coalition") or {}).values() if v) or "-"
    return f"{n} actors ({parts or '-'}); coalition: {form}"


# -- the trainer's dashboard -------------------------------------------------------------------------
def bar_chart(
    title: str, rows: list[tuple[str, int]], correct: str | None = None, total: int = 0
) -> str:
    """A horizontal bar chart in HTML with the numbers written out (readable without colour).

    Percentages are of ``total`` (default: the sum of the rows).
    """
    total = total or sum(n for _, n in rows) or 1
    items = []
    for label, n in rows:
        pct = round(100 * n / total)
        mark = " ✓" if correct is not None and label == correct else ""
        items.append(
            f'<li><span class="course-bar-label">{escape(label)}{mark}</span> '
            f'<span class="course-bar" style="display:inline-block;width:{pct * 2}px;'
            f'height:0.9em;background:#3b6ea5" aria-hidden="true"></span> '
            f'<span class="course-bar-value">{n} ({pct}%)</span></li>'
        )
    return (
        f'<figure class="course-chart"><figcaption>{escape(title)}</figcaption>'
        f'<ul style="list-style:none;padding-left:0">{"".join(items)}</ul></figure>'
    )


def _prompts_for(objective: str) -> list[str]:
    """The facilitator guide's discussion prompts for an objective (none if unavailable)."""
    if not objective:
        return []
    try:
        from ..facilitation import load

        return [p.text for p in load().prompts_for(objective)]
    except Exception:  # the guide is optional for the dashboard
        return []


def report_html(report: model.Report, missed: int = 5) -> str:
    """The whole dashboard body for a report (pure function; every text escaped)."""
    h = []
    labels = model.participant_labels(list(report.participants))
    h.append(f"<h3>{escape(_t('dashboard.joined'))} ({len(labels)})</h3>")
    h.append(
        "<ul class=\"course-participants\">"
        + "".join(f"<li>{escape(x)}</li>" for x in labels)
        + "</ul>"
        if labels
        else f"<p>{escape(_t('dashboard.nobody'))}</p>"
    )
    h.append(f"<h3>{escape(_t('dashboard.missed'))}</h3>")
    top = report.most_missed(missed)
    if top:
        items = []
        for q in top:
            qq = q.question
            items.append(
                f"<li><strong>{escape(qq.prompt or qq.id)}</strong> "
                f"({q.missed} of {q.answered} missed"
                + (f"; objective {escape(qq.objective)}" if qq.objective else "")
                + ")"
                + (f"<br>{escape(qq.explanation)}" if qq.explanation else "")
                + "".join(
                    f"<br><em>Discuss:</em> {escape(p)}" for p in _prompts_for(qq.objective)
                )
                + "</li>"
            )
        h.append(f"<ol class=\"course-missed\">{''.join(items)}</ol>")
    else:
        h.append(f"<p>{escape(_t('dashboard.no_answers'))}</p>")
    h.append(f"<h3>{escape(_t('dashboard.distribution'))}</h3>")
    for q in report.questions:
        title = f"{q.question.id}: {q.question.prompt}" if q.question.prompt else q.question.id
        title += f" ({q.correct} of {q.answered} right at first try)"
        h.append(bar_chart(title, list(q.distribution)))
    if not report.questions:
        h.append(f"<p>{escape(_t('dashboard.no_answers'))}</p>")
    h.append(f"<h3>{escape(_t('dashboard.sections'))}</h3>")
    if report.sections:
        rows = "".join(
            f"<tr><th scope=\"row\">{escape(s)}</th><td>{n}</td><td>{round(100 * m)}%</td></tr>"
            for s, n, m in report.sections
        )
        h.append(
            "<table class=\"course-table\"><thead><tr><th scope=\"col\">Section</th>"
            "<th scope=\"col\">Answers</th><th scope=\"col\">Mean score</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    else:
        h.append(f"<p>{escape(_t('dashboard.no_answers'))}</p>")
    h.append(f"<h3>{escape(_t('dashboard.plans'))} ({report.shared_plans})</h3>")
    if report.shared_plans:
        h.append(bar_chart(_t("dashboard.actor_types"), list(report.actor_types)))
        h.append(
            bar_chart(
                _t("dashboard.forms"),
                [(f"{d}: {v}", n) for d, v, n in report.coalition_forms],
                total=report.shared_plans,
            )
        )
    else:
        h.append(f"<p>{escape(_t('dashboard.plans_none'))}</p>")
    return "\n".join(h)


def downloads_html(report: model.Report) -> str:
    """``data:`` links to every table as CSV and to one Excel workbook."""
    tables = model.export_tables(report)
    base = f"workshop-{report.code}"
    links = []
    for name, rows in tables.items():
        data = base64.b64encode(model.to_csv(rows)).decode()
        links.append(
            f'<a download="{base}-{name}.csv" href="data:text/csv;charset=utf-8;base64,{data}">'
            f"{name}.csv</a>"
        )
    xlsx = base64.b64encode(model.to_xlsx(tables)).decode()
    mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    links.append(f'<a download="{base}.xlsx" href="data:{mime};base64,{xlsx}">{base}.xlsx</a>')
    return (
        f"<h3>{escape(_t('dashboard.export'))}</h3><p class=\"course-downloads\">"
        + " · ".join(links)
        + "</p>"
    )


class CreatePanel(W.VBox):
    """Create a workshop from the trainer notebook: shows the code, secret and link once."""

    def __init__(self, store: Store | None = None, base_url: str = "http://127.0.0.1:8866", **kw):
        super().__init__(**kw)
        self.store = store or open_store()
        self.base_url = base_url
        self.created: model.Created | None = None
        self.w_name = W.Text(
            description=_t("dashboard.create.name"), style={"description_width": "initial"}
        )
        self.w_create = W.Button(description=_t("dashboard.create.button"), button_style="info")
        self.w_create.on_click(lambda _b: self.create())
        self.w_status = _status()
        self.add_class("course-create-workshop")
        self.children = (
            W.HTML(f"<h2>{escape(_t('dashboard.create.title'))}</h2>"),
            self.w_name,
            self.w_create,
            self.w_status,
        )

    def create(self) -> model.Created:
        """Create the workshop named in the text box."""
        c = model.create_workshop(self.store, self.w_name.value)
        self.created = c
        _say(
            self.w_status,
            _t(
                "dashboard.create.done",
                name=c.name,
                code=c.code,
                secret=c.secret,
                link=c.participant_link(self.base_url),
            ),
            "ok",
        )
        return c


class Dashboard(W.VBox):
    """The trainer's live view of one workshop, after signing in with its code and secret."""

    def __init__(self, store: Store | None = None, interval: float = 10.0, **kwargs):
        super().__init__(**kwargs)
        self.store = store or open_store()
        self.interval = interval
        self.trainer: model.Trainer | None = None
        self.report: model.Report | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        wide = {"description_width": "initial"}
        self.w_code = W.Text(description=_t("dashboard.code"), style=wide)
        self.w_secret = W.Password(description=_t("dashboard.secret"), style=wide)
        self.w_open = W.Button(
            description=_t("dashboard.open"), button_style="primary", layout={"width": "auto"}
        )
        self.w_refresh = W.Button(
            description=_t("dashboard.refresh"), disabled=True, layout={"width": "auto"}
        )
        self.w_auto = W.Checkbox(
            value=False, description=_t("dashboard.auto"), disabled=True, indent=False
        )
        self.w_status = _status()
        self.w_body = W.HTML("")
        self.w_body.add_class("course-dashboard-body")
        self.w_downloads = W.HTML("")
        self.w_close = W.Button(
            description=_t("dashboard.close"), disabled=True, layout={"width": "auto"}
        )
        self.w_confirm = W.Text(
            description=_t("dashboard.confirm"), disabled=True, style=wide,
            layout={"width": "32em"},
        )
        self.w_delete = W.Button(
            description=_t("dashboard.delete"), button_style="danger", disabled=True,
            layout={"width": "auto"},
        )
        self.w_open.on_click(lambda _b: self.sign_in())
        self.w_refresh.on_click(lambda _b: self.refresh())
        self.w_auto.observe(self._on_auto, names="value")
        self.w_close.on_click(lambda _b: self.close_workshop())
        self.w_delete.on_click(lambda _b: self.delete_workshop())
        self.add_class("course-dashboard")
        self.children = (
            W.HTML(f"<h2>{escape(_t('dashboard.title'))}</h2>"),
            W.HBox([self.w_code, self.w_secret, self.w_open]),
            W.HBox([self.w_refresh, self.w_auto]),
            self.w_status,
            self.w_body,
            self.w_downloads,
            self.w_close,
            W.HBox([self.w_confirm, self.w_delete]),
        )
        _say(self.w_status, _t("dashboard.signed_out"))

    def sign_in(self) -> bool:
        """Sign in with the typed code and secret and show the workshop; True on success."""
        try:
            self.trainer = model.Trainer(self.store, self.w_code.value, self.w_secret.value)
        except model.WorkshopError as exc:
            time.sleep(1.0)  # slow down guessing
            self._sign_out()
            _say(self.w_status, str(exc), "error")
            return False
        self.w_secret.value = ""
        for w in (self.w_refresh, self.w_auto, self.w_close, self.w_confirm, self.w_delete):
            w.disabled = False
        self.refresh()
        _say(self.w_status, _t("dashboard.opened", name=self.trainer.name,
                               code=self.trainer.code), "ok")
        return True

    def _sign_out(self) -> None:
        self.stop_auto()
        self.trainer, self.report = None, None
        self.w_body.value = self.w_downloads.value = ""
        for w in (self.w_refresh, self.w_auto, self.w_close, self.w_confirm, self.w_delete):
            w.disabled = True

    def refresh(self) -> model.Report | None:
        """Read the workshop's results again and redraw."""
        if self.trainer is None:
            return None
        with self._lock:
            try:
                report = self.trainer.report()
            except (model.WorkshopError, StoreError) as exc:
                _say(self.w_status, str(exc), "error")
                return None
            self.report = report
            self.w_body.value = report_html(report)
            self.w_downloads.value = downloads_html(report)
            if report.closed:
                self.w_close.disabled = True
            _say(
                self.w_status,
                _t(
                    "dashboard.refreshed",
                    participants=len(report.participants),
                    answers=len(report.answer_rows),
                )
                + (" " + _t("dashboard.closed") if report.closed else ""),
            )
            return report

    def _on_auto(self, change) -> None:
        if change["new"]:
            self.start_auto()
        else:
            self.stop_auto()

    def start_auto(self) -> None:
        """Refresh every ``interval`` seconds in a background thread until stopped."""
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()

        def loop():
            while not self._stop.wait(self.interval):
                if self.trainer is None:
                    return
                self.refresh()

        self._thread = threading.Thread(target=loop, daemon=True, name="dashboard-refresh")
        self._thread.start()

    def stop_auto(self) -> None:
        """Stop the automatic refresh."""
        self._stop.set()

    def close_workshop(self) -> None:
        """Close the workshop (nobody can join; later answers are not counted)."""
        if self.trainer is None:
            return
        self.trainer.close()
        self.refresh()

    def delete_workshop(self) -> bool:
        """Delete the workshop and its data, if the code was typed again to confirm."""
        if self.trainer is None:
            return False
        if model.normalise_code(self.w_confirm.value) != self.trainer.code:
            _say(self.w_status, _t("dashboard.confirm_wrong"), "error")
            return False
        self.trainer.delete()
        self._sign_out()
        self.w_confirm.value = ""
        _say(self.w_status, _t("dashboard.deleted"), "ok")
        return True


class TrainerPage(W.VBox):
    """The trainer notebook's page: create a workshop, then follow it on the dashboard."""

    def __init__(self, store: Store | None = None, **kwargs):
        super().__init__(**kwargs)
        store = store or open_store()
        self.w_create = CreatePanel(store)
        self.w_dashboard = Dashboard(store)
        self.children = (self.w_create, self.w_dashboard)
