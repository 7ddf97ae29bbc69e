"""The trainer's dashboard: sign in, then follow a workshop live; or create a workshop.

Views only: the figures come from :mod:`.results` (plain Python) and :mod:`.analysis` (pandas,
imported on the first refresh, never at start-up, so the page opens fast); the HTML from
:mod:`.report_html` and :mod:`.maps_html`.

Before signing in, the page shows nothing but the sign-in. After it: a refresh every 10 seconds
(with the time of the last update), and tabs for the overview, the questions, the item analysis,
the groups, the files to print or download, and ending the workshop.
"""

from __future__ import annotations

import os
import threading
import time

import ipywidgets as W

from .. import ui
from ..store import Store, StoreError, open_store
from ..ui import Markup
from . import exports
from .codes import WorkshopError, normalise_code
from .controls import CSV, DOCX, XLSX, Repeater, SignIn, data_link, hide, links_html, say
from .joining import DEFAULT_URL, Created, create_workshop
from .maps_html import groups_html
from .report import Report
from .report_html import analysis_html, overview_html, para, questions_html
from .trainer import MAX_GROUPS, Trainer

REFRESH_SECONDS = 10.0
WIDE = {"description_width": "initial"}
ROW = {"flex_flow": "row wrap"}
TABS = ("overview", "questions", "analysis", "groups", "files", "end")


def downloads_html(report: Report) -> Markup:
    """Links to the Excel workbook (results and item analysis) and to each table as CSV."""
    name = f"workshop-{report.code}.xlsx"
    links = [data_link(name, XLSX, exports.workbook(report), ui.t("trainer.excel", file=name))]
    for filename, (title, data) in exports.csv_files(report).items():
        links.append(data_link(filename, CSV, data, ui.t("trainer.csv", table=title)))
    return links_html(links)


def handouts_html() -> Markup:
    """Links to the printable Word files made from the course's content."""
    from . import handouts

    files = handouts.all_handouts()
    return links_html(data_link(name, DOCX, data, title) for name, (title, data) in files.items())


def busy_html() -> Markup:
    """What a files area shows while its files are made."""
    return para(ui.t("dashboard.preparing"), "course-busy")


class Dashboard(W.VBox):
    """The trainer's live view of one workshop, after signing in with its code and secret."""

    def __init__(self, store: Store | None = None, interval: float = REFRESH_SECONDS, **kwargs):
        super().__init__(**kwargs)
        self.store = store or open_store(fallback=True)
        self.interval = interval
        self.trainer: Trainer | None = None
        self.report: Report | None = None
        self.analysis = None
        self.on_sign_in: list = []  # called with the trainer after signing in
        self.last_refresh_seconds = 0.0
        self._repeat = Repeater(lambda: self.interval, self._auto_step, "dashboard-refresh")
        self._lock = threading.Lock()
        self.w_intro = W.HTML(para(ui.t("dashboard.intro")))
        self.w_sign_in = SignIn(self.store, self._signed_in)
        self.w_title = W.HTML("")
        self.w_refresh = ui.button("dashboard.refresh")
        self.w_auto = W.Checkbox(
            value=True, description=ui.t("dashboard.auto"), indent=False, layout={"width": "auto"}
        )
        self.w_updated = W.HTML("")
        self.w_updated.add_class("course-updated")
        self.w_status = ui.status()
        self.w_overview = W.HTML("")
        self.w_overview.add_class("course-dashboard-body")
        self.w_questions = W.HTML("")
        self.w_analysis = W.HTML("")
        self.w_tabs = W.Tab(
            children=[
                self.w_overview,
                self.w_questions,
                self.w_analysis,
                self._groups_tab(),
                self._files_tab(),
                self._end_tab(),
            ]
        )
        for i, key in enumerate(TABS):
            self.w_tabs.set_title(i, ui.t(f"dashboard.tab.{key}"))
        bar = W.HBox(
            [self.w_refresh, self.w_auto, self.w_updated],
            layout={**ROW, "align_items": "center"},
        )
        self.w_main = W.VBox([self.w_title, bar, self.w_status, self.w_tabs])
        self.w_main.add_class("course-dashboard-main")
        hide(self.w_main)
        self.w_refresh.on_click(lambda _b: self.refresh())
        self.w_auto.observe(self._on_auto, names="value")
        self.add_class("course-dashboard")
        self.children = (self.w_intro, self.w_sign_in, self.w_main)

    def _groups_tab(self) -> W.VBox:
        self.w_groups = W.HTML("")
        self.w_groups.add_class("course-groups")
        self.w_ngroups = W.BoundedIntText(
            value=3,
            min=1,
            max=MAX_GROUPS,
            description=ui.t("dashboard.groups_count"),
            style=WIDE,
            layout={"width": "16em"},
        )
        self.w_make_groups = ui.button("dashboard.groups_make")
        self.w_who = W.Dropdown(description=ui.t("dashboard.col.participant"), style=WIDE)
        self.w_group = W.Dropdown(description=ui.t("dashboard.col.group"), style=WIDE)
        self.w_move = ui.button("dashboard.groups_move")
        self.w_group_status = ui.status()
        self.w_make_groups.on_click(lambda _b: self.make_groups())
        self.w_move.on_click(lambda _b: self.move())
        return W.VBox(
            [
                W.HTML(para(ui.t("dashboard.groups_help"))),
                W.HBox([self.w_ngroups, self.w_make_groups], layout=ROW),
                W.HBox([self.w_who, self.w_group, self.w_move], layout=ROW),
                self.w_group_status,
                self.w_groups,
            ]
        )

    def _files_tab(self) -> W.VBox:
        self.w_prepare = ui.button("dashboard.prepare", "primary")
        self.w_downloads = W.HTML("")
        self.w_handouts_button = ui.button("dashboard.handouts_prepare")
        self.w_handouts = W.HTML("")
        self.w_prepare.on_click(lambda _b: self.prepare_downloads())
        self.w_handouts_button.on_click(lambda _b: self.prepare_handouts())
        return W.VBox(
            [
                W.HTML(para(ui.t("dashboard.files_help"))),
                self.w_prepare,
                self.w_downloads,
                W.HTML(para(ui.t("dashboard.handouts_help"))),
                self.w_handouts_button,
                self.w_handouts,
            ]
        )

    def _end_tab(self) -> W.VBox:
        self.w_close = ui.button("dashboard.close")
        self.w_confirm = W.Text(
            description=ui.t("dashboard.confirm"), style=WIDE, layout={"width": "32em"}
        )
        self.w_delete = ui.button("dashboard.delete", "danger")
        self.w_close.on_click(lambda _b: self.close_workshop())
        self.w_delete.on_click(lambda _b: self.delete_workshop())
        return W.VBox(
            [
                W.HTML(para(ui.t("dashboard.end_help"))),
                self.w_close,
                W.HBox([self.w_confirm, self.w_delete], layout=ROW),
            ]
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

    def _signed_in(self, trainer: Trainer) -> None:
        self.trainer = trainer
        self.w_title.value = Markup("<h2>{}</h2>").format(
            ui.t("dashboard.opened", name=trainer.name, code=trainer.code)
        )
        hide(self.w_sign_in, self.w_intro)
        hide(self.w_main, hidden=False)
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
        hide(self.w_main)
        hide(self.w_sign_in, self.w_intro, hidden=False)

    def refresh(self) -> Report | None:
        """Read the workshop's results again and redraw every tab."""
        if self.trainer is None:
            return None
        with self._lock:
            t0 = time.perf_counter()
            try:
                report = self.trainer.report()
            except (WorkshopError, StoreError) as exc:
                say(self.w_status, str(exc), "error")
                return None
            from .analysis import analyse

            self.report, self.analysis = report, analyse(report)
            self.w_overview.value = overview_html(report)
            self.w_questions.value = questions_html(report)
            self.w_analysis.value = analysis_html(self.analysis)
            self.w_groups.value = groups_html(report)
            self._fill_group_choices(report)
            self.w_close.disabled = report.closed
            self.last_refresh_seconds = time.perf_counter() - t0
            self.w_updated.value = para(self._updated_text(report), "course-hint")
            if report.closed:
                say(self.w_status, ui.t("dashboard.closed"))
            return report

    @staticmethod
    def _updated_text(report: Report) -> str:
        return ui.t(
            "dashboard.updated",
            time=time.strftime("%H:%M:%S"),
            participants=ui.tn("trainer.participants", len(report.participants)),
            answers=ui.tn("trainer.answers", report.answers_total),
        )

    def _fill_group_choices(self, report: Report) -> None:
        """The participants and groups to choose from, keeping the trainer's choice."""
        who, group = self.w_who.value, self.w_group.value
        self.w_who.options = [(p.label, i) for i, p in enumerate(report.participants, 1)]
        self.w_group.options = [(ui.t("dashboard.groups_no_group"), "")] + [
            (name, gid) for gid, name in report.groups
        ]
        if self.w_who.options:
            keep = who in [v for _, v in self.w_who.options]
            self.w_who.value = who if keep else self.w_who.options[0][1]
        keep = group in [v for _, v in self.w_group.options]
        self.w_group.value = group if keep else self.w_group.options[-1][1]

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
        except (WorkshopError, StoreError) as exc:
            say(self.w_group_status, str(exc), "error")
            return
        say(self.w_group_status, ui.tn("dashboard.groups_made", len(made)), "ok")
        self.refresh()

    def move(self) -> None:
        """Put the chosen participant in the chosen group."""
        if self.trainer is None or not self.w_who.value:
            say(self.w_group_status, ui.t("dashboard.groups_choose"), "error")
            return
        try:
            self.trainer.assign(int(self.w_who.value), self.w_group.value or None)
        except (WorkshopError, StoreError) as exc:
            say(self.w_group_status, str(exc), "error")
            return
        say(self.w_group_status, ui.t("dashboard.groups_moved"), "ok")
        self.refresh()

    # files
    def prepare_downloads(self) -> None:
        """Make the Excel workbook and the CSV tables from the latest results."""
        if self.report is None:
            return
        self.w_prepare.disabled = True
        self.w_downloads.value = busy_html()
        try:
            self.w_downloads.value = downloads_html(self.report)
        finally:
            self.w_prepare.disabled = False

    def prepare_handouts(self) -> None:
        """Make the printable Word files from the course's content."""
        self.w_handouts_button.disabled = True
        self.w_handouts.value = busy_html()
        try:
            self.w_handouts.value = handouts_html()
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
        if normalise_code(self.w_confirm.value) != self.trainer.code:
            say(self.w_status, ui.t("dashboard.confirm_wrong"), "error")
            return False
        self.trainer.delete()
        self._sign_out()
        self.w_confirm.value = ""
        say(self.w_sign_in.w_status, ui.t("dashboard.deleted"), "ok")
        return True


class CreatePanel(W.VBox):
    """Create a workshop: shows the code, secret and participant link once."""

    def __init__(self, store: Store | None = None, base_url: str | None = None, **kw):
        super().__init__(**kw)
        self.store = store or open_store(fallback=True)
        self.base_url = base_url or os.environ.get("COURSE_PUBLIC_URL", DEFAULT_URL)
        self.created: Created | None = None
        self.w_name = W.Text(description=ui.t("dashboard.create.name"), style=WIDE)
        self.w_url = W.Text(
            value=self.base_url,
            description=ui.t("dashboard.create.url"),
            style=WIDE,
            layout={"width": "32em"},
        )
        self.w_create = ui.button("dashboard.create.button", "info")
        self.w_create.on_click(lambda _b: self.create())
        self.w_status = ui.status()
        self.add_class("course-create-workshop")
        intro = Markup("<h2>{}</h2>{}").format(
            ui.t("dashboard.create.title"), para(ui.t("dashboard.create.help"))
        )
        self.children = (W.HTML(intro), self.w_name, self.w_url, self.w_create, self.w_status)

    def create(self) -> Created:
        """Create the workshop named in the text box."""
        c = create_workshop(self.store, self.w_name.value)
        self.created = c
        link = c.participant_link(self.w_url.value or self.base_url)
        text = ui.t("dashboard.create.done", name=c.name, code=c.code, secret=c.secret, link=link)
        say(self.w_status, text, "ok")
        return c


class TrainerPage(W.VBox):
    """The dashboard notebook's page: follow a workshop (sign in) or create a new one."""

    def __init__(self, store: Store | None = None, **kwargs):
        super().__init__(**kwargs)
        store = store or open_store(fallback=True)
        self.w_dashboard = Dashboard(store)
        self.w_create = CreatePanel(store)
        self.w_create_box = W.Accordion(children=[self.w_create])
        self.w_create_box.set_title(0, ui.t("dashboard.create.title"))
        self.w_create_box.selected_index = None
        self.w_dashboard.on_sign_in.append(lambda _t: hide(self.w_create_box))
        self.add_class("course-trainer-page")
        self.children = (self.w_dashboard, self.w_create_box)
