"""The trainer's dashboard: sign in, then follow a workshop live.

Views only: the figures come from :mod:`.results` (plain Python) and :mod:`.analysis` (pandas,
imported on the first refresh, never at start-up, so the page opens fast). Everything a person
typed (display names, workshop and group names) is escaped before it reaches HTML.

Before signing in, the page shows nothing but the sign-in. After it: a refresh every 10 seconds
(with the time of the last update), and tabs for the overview, the questions, the item analysis,
the groups, the files to print or download, and ending the workshop.
"""

from __future__ import annotations

import base64
import threading
import time
from html import escape

import ipywidgets as W

from ..store import Store, StoreError, open_store
from . import model, results
from .view import _say, _status, _t  # the workshop's shared message helpers

REFRESH_SECONDS = 10.0


def _pct(x: float) -> str:
    return f"{round(100 * x)}%"


def _button(key: str, style: str = "") -> W.Button:
    return W.Button(description=_t(key), button_style=style, layout={"width": "auto"})


def _hide(*widgets: W.Widget, hidden: bool = True) -> None:
    for w in widgets:
        w.layout.display = "none" if hidden else None


# -- pure HTML of the report -------------------------------------------------------------------
def bars_html(part: results.Part, caption: str = "", large: bool = False) -> str:
    """One part's answers as bars with the numbers written out; the right answer is marked with
    a tick and the words "right answer" (readable without colour)."""
    total = part.answered or 1
    items = []
    for bar in part.bars:
        pct = round(100 * bar.count / total)
        mark = (
            f' <strong class="course-right">✓ {escape(_t("dashboard.right"))}</strong>'
            if bar.right
            else ""
        )
        items.append(
            f'<li class="{"course-bar-right" if bar.right else ""}">'
            f'<span class="course-bar-label">{escape(bar.label)}{mark}</span>'
            f'<span class="course-bar-track" aria-hidden="true"><span class="course-bar" '
            f'style="width:{pct}%"></span></span>'
            f'<span class="course-bar-value">{bar.count} ({pct}%)</span></li>'
        )
    title = f"<figcaption>{escape(caption)}</figcaption>" if caption else ""
    cls = "course-chart course-chart-large" if large else "course-chart"
    return f'<figure class="{cls}">{title}<ul>{"".join(items)}</ul></figure>'


def _table(head: list[str], rows: list[list[str]], cls: str = "") -> str:
    """A table; cells are already HTML (escape before)."""
    th = "".join(f'<th scope="col">{h}</th>' for h in head)
    body = "".join("<tr>" + "".join(f"<td>{c}</td>" for c in r) + "</tr>" for r in rows)
    return (
        f'<div class="course-table-wrap"><table class="course-table {cls}"><thead><tr>{th}'
        f"</tr></thead><tbody>{body}</tbody></table></div>"
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


def overview_html(report: results.Report, missed: int = 5) -> str:
    """Who joined and how far they got, mastery per section, and the questions to discuss."""
    h = [f"<h3>{escape(_t('dashboard.joined'))} ({len(report.participants)})</h3>"]
    if report.participants:
        h.append(
            _table(
                [
                    escape(_t(k))
                    for k in (
                        "dashboard.col.participant",
                        "dashboard.col.group",
                        "dashboard.col.answered",
                        "dashboard.col.first",
                        "dashboard.col.final",
                        "dashboard.col.mastered",
                    )
                ],
                [
                    [
                        escape(p.label),
                        escape(p.group or "-"),
                        str(p.answered),
                        _pct(p.mean_first) if p.answered else "-",
                        _pct(p.mean_final) if p.answered else "-",
                        str(p.sections_mastered),
                    ]
                    for p in report.participants
                ],
                "course-participants",
            )
        )
    else:
        h.append(f"<p>{escape(_t('dashboard.nobody'))}</p>")
    by_group: dict[str, list[results.ParticipantRow]] = {}
    for p in report.participants:
        if p.group:
            by_group.setdefault(p.group, []).append(p)
    if by_group:
        h.append(f"<h3>{escape(_t('dashboard.by_group'))}</h3>")
        rows = []
        for name, people in by_group.items():
            active = [p for p in people if p.answered]
            rows.append(
                [
                    escape(name),
                    str(len(people)),
                    str(sum(p.answered for p in people)),
                    _pct(sum(p.mean_first for p in active) / len(active)) if active else "-",
                    _pct(sum(p.mean_final for p in active) / len(active)) if active else "-",
                ]
            )
        h.append(
            _table(
                [
                    escape(_t(k))
                    for k in (
                        "dashboard.col.group",
                        "dashboard.col.people",
                        "dashboard.col.answered",
                        "dashboard.col.first",
                        "dashboard.col.final",
                    )
                ],
                rows,
                "course-by-group",
            )
        )
    h.append(f"<h3>{escape(_t('dashboard.sections'))}</h3>")
    if report.sections:
        h.append(f"<p>{escape(_t('dashboard.sections_help', mark=_pct(report.pass_mark)))}</p>")
        h.append(
            _table(
                [
                    escape(_t(k))
                    for k in (
                        "dashboard.col.section",
                        "dashboard.col.answers",
                        "dashboard.col.first",
                        "dashboard.col.final",
                        "dashboard.col.mastery",
                    )
                ],
                [
                    [
                        escape(s.title),
                        str(s.answers),
                        _pct(s.mean_first),
                        _pct(s.mean_final),
                        f"{s.mastered} of {s.participants}",
                    ]
                    for s in report.sections
                ],
                "course-sections",
            )
        )
    else:
        h.append(f"<p>{escape(_t('dashboard.no_answers'))}</p>")
    h.append(f"<h3>{escape(_t('dashboard.missed'))}</h3>")
    top = report.most_missed(missed)
    if not top:
        h.append(f"<p>{escape(_t('dashboard.no_answers'))}</p>")
    items = []
    for q in top:
        prompts = "".join(
            f"<br><em>{escape(_t('dashboard.discuss'))}</em> {escape(p)}"
            for p in _prompts_for(q.objective)
        )
        items.append(
            f"<li><strong>{escape(q.prompt)}</strong> "
            f"({escape(_t('dashboard.missed_of', missed=q.missed, answered=q.answered))})"
            f"<br>{escape(_t('dashboard.right_answer'))} {escape(q.right_answer)}"
            + (f"<br>{escape(q.explanation)}" if q.explanation else "")
            + prompts
            + "</li>"
        )
    if items:
        h.append(f'<ol class="course-missed">{"".join(items)}</ol>')
    return "\n".join(h)


def question_html(q: results.QuestionStats, large: bool = False) -> str:
    """One question's answers (see :func:`parts_html`), under its prompt."""
    return (
        f'<section class="course-question-result"><h3>{escape(q.prompt)}</h3>'
        f"{parts_html(q, large)}</section>"
    )


def parts_html(q: results.QuestionStats, large: bool = False) -> str:
    """One question's answers: bars per option, per matching row or per ordering position."""
    summary = _t(
        "dashboard.question_summary",
        first=q.correct_first,
        final=q.correct_final,
        answered=q.answered,
        mean_first=_pct(q.mean_first),
        mean_final=_pct(q.mean_final),
    )
    parts = "".join(bars_html(p, p.title, large) for p in q.parts)
    right = (
        f"<p><strong>{escape(_t('dashboard.right_answer'))}</strong> {escape(q.right_answer)}</p>"
        if q.right_answer
        else ""
    )
    return f'<p class="course-hint">{escape(q.section_title)} · {escape(summary)}</p>{parts}{right}'


def questions_html(report: results.Report) -> str:
    """Every question answered so far, in the course's order."""
    if not report.questions:
        return f"<p>{escape(_t('dashboard.no_answers'))}</p>"
    return f"<p>{escape(_t('dashboard.questions_help'))}</p>" + "".join(
        question_html(q) for q in report.questions
    )


def analysis_html(analysis) -> str:
    """The item analysis: flagged questions first, then every question and every objective."""
    from .analysis import analysis_tables

    h = [f"<p>{escape(_t('dashboard.analysis_help'))}</p>"]
    flagged = analysis.flagged()
    h.append(f"<h3>{escape(_t('dashboard.flagged'))} ({len(flagged)})</h3>")
    if flagged:
        h.append(
            '<ul class="course-flagged">'
            + "".join(f"<li><strong>{escape(q)}</strong>: {escape(f)}</li>" for q, f in flagged)
            + "</ul>"
        )
    else:
        h.append(f"<p>{escape(_t('dashboard.flagged_none'))}</p>")
    tables = analysis_tables(analysis)
    for name in ("Item analysis", "Objectives"):
        rows = tables[name]
        h.append(f"<h3>{escape(name)}</h3>")
        h.append(
            _table(
                [escape(str(c)) for c in rows[0]],
                [[escape(str(c)) for c in r] for r in rows[1:]],
                "course-analysis",
            )
        )
    return "\n".join(h)


def _map_svg(points, grid: int = 180, room: int = 40) -> str:
    """A small influence/interest grid (1-5) with each actor type as a dot numbered as in the
    table beside it (numbers stay readable where dots crowd; a number never hides another)."""
    left, top = 28, 10
    width, height = left + grid + room, top + grid + 30

    def where(p):
        return left + (p.interest - 1) / 4 * grid, top + grid - (p.influence - 1) / 4 * grid

    placed: list[tuple[float, float, float]] = []  # number boxes (x0, x1, baseline) drawn
    dots = []
    for n, p in enumerate(points, 1):
        x, y = where(p)
        x0, x1, ty = x + 6, x + 6 + 7 * len(str(n)), y + 4
        while any(abs(ty - py) < 11 and x0 < px1 and px0 < x1 for px0, px1, py in placed):
            x0, x1 = x1 + 2, x1 + 2 + 7 * len(str(n))  # move right of the number in the way
        placed.append((x0, x1, ty))
        dots.append(
            f'<circle cx="{x:.0f}" cy="{y:.0f}" r="4"></circle>'
            f'<text x="{x0:.0f}" y="{ty:.0f}">{n}</text>'
        )
        width = max(width, x1 + 4)
    mid_x, mid_y = left + grid / 2, top + grid / 2
    return (
        f'<svg class="course-group-map" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" role="img" aria-label="{escape(_t("dashboard.map_label"))}">'
        f'<rect x="{left}" y="{top}" width="{grid}" height="{grid}"></rect>'
        f'<line x1="{mid_x}" y1="{top}" x2="{mid_x}" y2="{top + grid}"></line>'
        f'<line x1="{left}" y1="{mid_y}" x2="{left + grid}" y2="{mid_y}"></line>'
        f'<text x="{mid_x}" y="{height - 6}" text-anchor="middle">'
        f"{escape(_t('dashboard.interest'))} →</text>"
        f'<text x="12" y="{mid_y}" transform="rotate(-90 12 {mid_y})" text-anchor="middle">'
        f"{escape(_t('dashboard.influence'))} →</text>" + "".join(dots) + "</svg>"
    )


def groups_html(report: results.Report) -> str:
    """Each group's map side by side, then all maps merged (where the groups disagree)."""
    h = []
    if report.groups:
        counts = {g: 0 for _, g in report.groups}
        for p in report.participants:
            if p.group in counts:
                counts[p.group] += 1
        h.append(
            "<p>"
            + escape(_t("dashboard.groups_list"))
            + " "
            + "; ".join(escape(f"{name} ({n})") for name, n in counts.items())
            + "</p>"
        )
    else:
        h.append(f"<p>{escape(_t('dashboard.groups_none'))}</p>")
    h.append(f"<h3>{escape(_t('dashboard.plans'))} ({report.shared_plans})</h3>")
    if not report.group_maps:
        h.append(f"<p>{escape(_t('dashboard.plans_none'))}</p>")
        return "\n".join(h)
    cards = []
    head = [
        escape(_t(k))
        for k in ("dashboard.col.type", "dashboard.col.placed", "dashboard.col.position")
    ]
    for m in report.group_maps:
        rows = [
            [
                f"{n}. " + escape(a.label) + (f" ×{a.count}" if a.count > 1 else ""),
                f"{a.influence:.1f} / {a.interest:.1f}",
                escape(", ".join(p for p, _ in a.positions) or "-"),
            ]
            for n, a in enumerate(m.actors, 1)
        ]
        cards.append(
            f'<section class="course-group-card"><h4>{escape(m.name)}</h4>'
            f'<p class="course-hint">{escape(_t("dashboard.plans_shared", n=m.plans))}</p>'
            f"{_map_svg(m.actors)}{_table(head, rows)}</section>"
        )
    h.append(f'<div class="course-group-maps">{"".join(cards)}</div>')
    h.append(f"<h3>{escape(_t('dashboard.merged'))}</h3>")
    h.append(f"<p>{escape(_t('dashboard.merged_help'))}</p>")
    rows = [
        [
            escape(a.label),
            str(a.groups),
            f"{a.influence:.1f}",
            f"{a.influence_spread:.1f}",
            f"{a.interest:.1f}",
            f"{a.interest_spread:.1f}",
            escape(", ".join(f"{p} ({n})" for p, n in a.positions) or "-"),
            f"<strong>⚠ {escape(_t('dashboard.disagree'))}</strong>" if a.disagree else "",
        ]
        for a in report.merged_map
    ]
    h.append(
        _table(
            [
                escape(_t(k))
                for k in (
                    "dashboard.col.type",
                    "dashboard.col.groups",
                    "dashboard.influence",
                    "dashboard.col.spread",
                    "dashboard.interest",
                    "dashboard.col.spread",
                    "dashboard.col.position",
                    "dashboard.col.disagree",
                )
            ],
            rows,
            "course-merged-map",
        )
    )
    if report.coalition_forms:
        h.append(f"<h3>{escape(_t('dashboard.forms'))}</h3>")
        h.append(
            _table(
                [
                    escape(_t("dashboard.col.what")),
                    escape(_t("dashboard.col.choice")),
                    escape(_t("dashboard.col.plans")),
                ],
                [[escape(d), escape(v), str(n)] for d, v, n in report.coalition_forms],
            )
        )
    return "\n".join(h)


def data_link(filename: str, mime: str, data: bytes, text: str) -> str:
    """A download link holding the file (no server round trip)."""
    b64 = base64.b64encode(data).decode()
    return (
        f'<a class="course-download" download="{escape(filename, quote=True)}" '
        f'href="data:{mime};base64,{b64}">{escape(text)}</a>'
    )


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def downloads_html(report: results.Report) -> str:
    """Links to the Excel workbook (results and item analysis) and to each table as CSV."""
    from .analysis import workbook

    base = f"workshop-{report.code}"
    links = [data_link(f"{base}.xlsx", XLSX, workbook(report), f"{base}.xlsx (Excel)")]
    for name, rows in model.export_tables(report).items():
        slug = name.lower().replace(" ", "-")
        links.append(
            data_link(
                f"{base}-{slug}.csv", "text/csv;charset=utf-8", model.to_csv(rows), f"{name} (.csv)"
            )
        )
    return '<ul class="course-downloads">' + "".join(f"<li>{x}</li>" for x in links) + "</ul>"


# -- widgets -----------------------------------------------------------------------------------
class Repeater:
    """Calls ``step()`` every ``interval()`` seconds in a daemon thread until stopped, or until
    ``step()`` returns False (e.g. after signing out)."""

    def __init__(self, interval, step, name: str):
        self.interval, self.step, self.name = interval, step, name
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Start calling (once: a running repeater is left as it is)."""
        if self._thread and self._thread.is_alive():
            return
        self._stop.clear()

        def loop():
            while not self._stop.wait(self.interval()) and self.step():
                pass

        self._thread = threading.Thread(target=loop, daemon=True, name=self.name)
        self._thread.start()

    def stop(self) -> None:
        """Stop calling."""
        self._stop.set()


class SignIn(W.VBox):
    """The workshop code and trainer secret; calls ``on_success(trainer)`` when they match."""

    def __init__(self, store: Store, on_success, **kwargs):
        super().__init__(**kwargs)
        self.store, self.on_success = store, on_success
        wide = {"description_width": "initial"}
        self.w_code = W.Text(description=_t("dashboard.code"), style=wide, placeholder="ABCD-EFGH")
        self.w_secret = W.Password(description=_t("dashboard.secret"), style=wide)
        self.w_open = _button("dashboard.open", "primary")
        self.w_open.on_click(lambda _b: self.sign_in())
        self.w_status = _status()
        self.add_class("course-sign-in")
        self.children = (
            W.HBox([self.w_code, self.w_secret, self.w_open], layout={"flex_flow": "row wrap"}),
            self.w_status,
        )
        _say(self.w_status, _t("dashboard.signed_out"))

    def sign_in(self) -> model.Trainer | None:
        """Check the typed code and secret; the trainer on success (the secret box is emptied)."""
        self.w_open.disabled = True
        try:
            trainer = model.Trainer(self.store, self.w_code.value, self.w_secret.value)
        except model.WorkshopError as exc:
            time.sleep(1.0)  # slow down guessing
            _say(self.w_status, str(exc), "error")
            return None
        finally:
            self.w_open.disabled = False
        self.w_secret.value = ""
        self.w_status.value = ""
        self.on_success(trainer)
        return trainer


class Dashboard(W.VBox):
    """The trainer's live view of one workshop, after signing in with its code and secret."""

    def __init__(self, store: Store | None = None, interval: float = REFRESH_SECONDS, **kwargs):
        super().__init__(**kwargs)
        self.store = store or open_store(fallback=True)
        self.interval = interval
        self.trainer: model.Trainer | None = None
        self.report: results.Report | None = None
        self.analysis = None
        self.on_sign_in: list = []  # called with the trainer after signing in
        self.last_refresh_seconds = 0.0
        self._repeat = Repeater(lambda: self.interval, self._auto_step, "dashboard-refresh")
        self._lock = threading.Lock()
        self.w_intro = W.HTML(f"<p>{escape(_t('dashboard.intro'))}</p>")
        self.w_sign_in = SignIn(self.store, self._signed_in)
        self.w_title = W.HTML("")
        self.w_refresh = _button("dashboard.refresh")
        self.w_auto = W.Checkbox(
            value=True, description=_t("dashboard.auto"), indent=False, layout={"width": "auto"}
        )
        self.w_updated = W.HTML("")
        self.w_updated.add_class("course-updated")
        self.w_status = _status()
        self.w_overview = W.HTML("")
        self.w_overview.add_class("course-dashboard-body")
        self.w_questions = W.HTML("")
        self.w_analysis = W.HTML("")
        self.w_groups = W.HTML("")
        self.w_groups.add_class("course-groups")
        # groups
        self.w_ngroups = W.BoundedIntText(
            value=3,
            min=1,
            max=model.MAX_GROUPS,
            description=_t("dashboard.groups_count"),
            style={"description_width": "initial"},
            layout={"width": "16em"},
        )
        self.w_make_groups = _button("dashboard.groups_make")
        self.w_who = W.Dropdown(
            description=_t("dashboard.col.participant"),
            options=[],
            style={"description_width": "initial"},
        )
        self.w_group = W.Dropdown(
            description=_t("dashboard.col.group"),
            options=[],
            style={"description_width": "initial"},
        )
        self.w_move = _button("dashboard.groups_move")
        self.w_group_status = _status()
        # files
        self.w_prepare = _button("dashboard.prepare", "primary")
        self.w_downloads = W.HTML("")
        self.w_handouts_button = _button("dashboard.handouts_prepare")
        self.w_handouts = W.HTML("")
        # ending
        self.w_close = _button("dashboard.close")
        self.w_confirm = W.Text(
            description=_t("dashboard.confirm"),
            style={"description_width": "initial"},
            layout={"width": "32em"},
        )
        self.w_delete = _button("dashboard.delete", "danger")
        self.w_tabs = W.Tab(
            children=[
                self.w_overview,
                self.w_questions,
                self.w_analysis,
                W.VBox(
                    [
                        W.HTML(f"<p>{escape(_t('dashboard.groups_help'))}</p>"),
                        W.HBox(
                            [self.w_ngroups, self.w_make_groups], layout={"flex_flow": "row wrap"}
                        ),
                        W.HBox(
                            [self.w_who, self.w_group, self.w_move],
                            layout={"flex_flow": "row wrap"},
                        ),
                        self.w_group_status,
                        self.w_groups,
                    ]
                ),
                W.VBox(
                    [
                        W.HTML(f"<p>{escape(_t('dashboard.files_help'))}</p>"),
                        self.w_prepare,
                        self.w_downloads,
                        W.HTML(f"<p>{escape(_t('dashboard.handouts_help'))}</p>"),
                        self.w_handouts_button,
                        self.w_handouts,
                    ]
                ),
                W.VBox(
                    [
                        W.HTML(f"<p>{escape(_t('dashboard.end_help'))}</p>"),
                        self.w_close,
                        W.HBox([self.w_confirm, self.w_delete], layout={"flex_flow": "row wrap"}),
                    ]
                ),
            ],
        )
        for i, key in enumerate(("overview", "questions", "analysis", "groups", "files", "end")):
            self.w_tabs.set_title(i, _t(f"dashboard.tab.{key}"))
        self.w_main = W.VBox(
            [
                self.w_title,
                W.HBox(
                    [self.w_refresh, self.w_auto, self.w_updated],
                    layout={"flex_flow": "row wrap", "align_items": "center"},
                ),
                self.w_status,
                self.w_tabs,
            ]
        )
        self.w_main.add_class("course-dashboard-main")
        _hide(self.w_main)
        self.w_refresh.on_click(lambda _b: self.refresh())
        self.w_auto.observe(self._on_auto, names="value")
        self.w_make_groups.on_click(lambda _b: self.make_groups())
        self.w_move.on_click(lambda _b: self.move())
        self.w_prepare.on_click(lambda _b: self.prepare_downloads())
        self.w_handouts_button.on_click(lambda _b: self.prepare_handouts())
        self.w_close.on_click(lambda _b: self.close_workshop())
        self.w_delete.on_click(lambda _b: self.delete_workshop())
        self.add_class("course-dashboard")
        self.children = (
            self.w_intro,
            self.w_sign_in,
            self.w_main,
        )

    # compatibility with the sign-in fields (tests and the projector use them)
    @property
    def w_code(self) -> W.Text:
        return self.w_sign_in.w_code

    @property
    def w_secret(self) -> W.Password:
        return self.w_sign_in.w_secret

    def sign_in(self) -> bool:
        """Sign in with the typed code and secret and show the workshop; True on success."""
        return self.w_sign_in.sign_in() is not None

    def _signed_in(self, trainer: model.Trainer) -> None:
        self.trainer = trainer
        self.w_title.value = (
            f"<h2>{escape(_t('dashboard.opened', name=trainer.name, code=trainer.code))}</h2>"
        )
        _hide(self.w_sign_in, self.w_intro)
        _hide(self.w_main, hidden=False)
        self.w_close.disabled = False
        self.refresh()
        if self.w_auto.value:
            self.start_auto()
        for callback in self.on_sign_in:
            callback(trainer)

    def _sign_out(self) -> None:
        self.stop_auto()
        self.trainer, self.report, self.analysis = None, None, None
        for w in (
            self.w_overview,
            self.w_questions,
            self.w_analysis,
            self.w_groups,
            self.w_downloads,
            self.w_handouts,
            self.w_title,
        ):
            w.value = ""
        _hide(self.w_main)
        _hide(self.w_sign_in, self.w_intro, hidden=False)

    def refresh(self) -> results.Report | None:
        """Read the workshop's results again and redraw every tab."""
        if self.trainer is None:
            return None
        with self._lock:
            t0 = time.perf_counter()
            try:
                report = self.trainer.report()
            except (model.WorkshopError, StoreError) as exc:
                _say(self.w_status, str(exc), "error")
                return None
            from .analysis import analyse

            self.report, self.analysis = report, analyse(report)
            self.w_overview.value = overview_html(report)
            self.w_questions.value = questions_html(report)
            self.w_analysis.value = analysis_html(self.analysis)
            self.w_groups.value = groups_html(report)
            who, group = self.w_who.value, self.w_group.value
            self.w_who.options = [(p.label, i) for i, p in enumerate(report.participants, 1)]
            self.w_group.options = [(_t("dashboard.groups_no_group"), "")] + [
                (name, gid) for gid, name in report.groups
            ]
            if self.w_who.options:  # keep the trainer's choice across refreshes
                keep = who in [v for _, v in self.w_who.options]
                self.w_who.value = who if keep else self.w_who.options[0][1]
            keep = group in [v for _, v in self.w_group.options]
            self.w_group.value = group if keep else self.w_group.options[-1][1]
            self.w_close.disabled = report.closed
            self.last_refresh_seconds = time.perf_counter() - t0
            self.w_updated.value = f'<span class="course-hint">{escape(_t("dashboard.updated", time=time.strftime("%H:%M:%S"), participants=len(report.participants), answers=report.answers_total))}</span>'
            if report.closed:
                _say(self.w_status, _t("dashboard.closed"))
            return report

    def _auto_step(self) -> bool:
        if self.trainer is None:
            return False
        self.refresh()
        return True

    def _on_auto(self, change) -> None:
        if change["new"]:
            self.start_auto()
        else:
            self.stop_auto()

    def start_auto(self) -> None:
        """Refresh every ``interval`` seconds in a background thread until stopped."""
        self._repeat.start()

    def stop_auto(self) -> None:
        """Stop the automatic refresh."""
        self._repeat.stop()

    # groups
    def make_groups(self) -> None:
        """Make the number of groups chosen and put everyone without a group into one."""
        if self.trainer is None:
            return
        try:
            made = self.trainer.make_groups(int(self.w_ngroups.value))
        except (model.WorkshopError, StoreError) as exc:
            _say(self.w_group_status, str(exc), "error")
            return
        _say(self.w_group_status, _t("dashboard.groups_made", n=len(made)), "ok")
        self.refresh()

    def move(self) -> None:
        """Put the chosen participant in the chosen group."""
        if self.trainer is None or not self.w_who.value:
            _say(self.w_group_status, _t("dashboard.groups_choose"), "error")
            return
        try:
            self.trainer.assign(int(self.w_who.value), self.w_group.value or None)
        except (model.WorkshopError, StoreError) as exc:
            _say(self.w_group_status, str(exc), "error")
            return
        _say(self.w_group_status, _t("dashboard.groups_moved"), "ok")
        self.refresh()

    # files
    def prepare_downloads(self) -> None:
        """Make the Excel workbook and the CSV tables from the latest results."""
        if self.report is None:
            return
        self.w_prepare.disabled = True
        self.w_downloads.value = f'<p class="course-busy">{escape(_t("dashboard.preparing"))}</p>'
        try:
            self.w_downloads.value = downloads_html(self.report)
        finally:
            self.w_prepare.disabled = False

    def prepare_handouts(self) -> None:
        """Make the printable Word files from the course's content."""
        from . import handouts

        self.w_handouts_button.disabled = True
        self.w_handouts.value = f'<p class="course-busy">{escape(_t("dashboard.preparing"))}</p>'
        try:
            files = handouts.all_handouts()
            self.w_handouts.value = (
                '<ul class="course-downloads">'
                + "".join(
                    f"<li>{data_link(name, DOCX, data, title)}</li>"
                    for name, (title, data) in files.items()
                )
                + "</ul>"
            )
        finally:
            self.w_handouts_button.disabled = False

    # ending
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
        _say(self.w_sign_in.w_status, _t("dashboard.deleted"), "ok")
        return True


class CreatePanel(W.VBox):
    """Create a workshop: shows the code, secret and participant link once."""

    def __init__(self, store: Store | None = None, base_url: str | None = None, **kw):
        super().__init__(**kw)
        import os

        self.store = store or open_store(fallback=True)
        self.base_url = base_url or os.environ.get("COURSE_PUBLIC_URL", "http://127.0.0.1:8866")
        self.created: model.Created | None = None
        wide = {"description_width": "initial"}
        self.w_name = W.Text(description=_t("dashboard.create.name"), style=wide)
        self.w_url = W.Text(
            value=self.base_url,
            description=_t("dashboard.create.url"),
            style=wide,
            layout={"width": "32em"},
        )
        self.w_create = _button("dashboard.create.button", "info")
        self.w_create.on_click(lambda _b: self.create())
        self.w_status = _status()
        self.add_class("course-create-workshop")
        self.children = (
            W.HTML(
                f"<h2>{escape(_t('dashboard.create.title'))}</h2>"
                f"<p>{escape(_t('dashboard.create.help'))}</p>"
            ),
            self.w_name,
            self.w_url,
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
                link=c.participant_link(self.w_url.value or self.base_url),
            ),
            "ok",
        )
        return c


class TrainerPage(W.VBox):
    """The dashboard notebook's page: follow a workshop (sign in) or create a new one."""

    def __init__(self, store: Store | None = None, **kwargs):
        super().__init__(**kwargs)
        store = store or open_store(fallback=True)
        self.w_dashboard = Dashboard(store)
        self.w_create = CreatePanel(store)
        self.w_create_box = W.Accordion(children=[self.w_create])
        self.w_create_box.set_title(0, _t("dashboard.create.title"))
        self.w_create_box.selected_index = None
        self.w_dashboard.on_sign_in.append(lambda _t: _hide(self.w_create_box))
        self.add_class("course-trainer-page")
        self.children = (self.w_dashboard, self.w_create_box)
