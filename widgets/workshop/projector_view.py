"""The projector view: what the trainer shows the room on a big screen.

After signing in (the workshop code and the trainer secret), three things, in large type:

* the **join screen**: the workshop code in large letters, a QR code of the participant link
  (made with ``segno``, in pure Python, no request leaves the machine), the link itself, and
  how many have joined;
* **one question at a time** with the live number of answers; the trainer's click reveals the
  bars (first tries), the right answer marked, and the explanation;
* a **timer** for the current item of an agenda from the facilitator guide.

The figures come from :func:`widgets.workshop.results.build_report`, read again every few
seconds while the view is open.
"""

from __future__ import annotations

import os
import threading
import time

import ipywidgets as W

from .. import ui
from ..store import Store, StoreError, open_store
from ..ui import Markup
from .codes import WorkshopError
from .controls import Repeater, SignIn, hide, say
from .joining import DEFAULT_URL, participant_link
from .report import QuestionStats, Report
from .report_html import parts_html
from .results import questions as bank_questions
from .trainer import Trainer

TICK = 1.0  # the timer's step, in seconds
COUNT_EVERY = 5  # read the answers again every this many ticks
WIDE = {"description_width": "initial"}
ROW = {"flex_flow": "row wrap", "align_items": "center"}


def qr_svg(link: str) -> Markup:
    """The QR code of a link as an ``<img>`` holding an SVG (no outside request)."""
    import segno

    uri = segno.make(link, error="m").svg_data_uri(scale=10, border=2)
    return Markup('<img class="course-qr" src="{}" alt="{}" width="300" height="300">').format(
        uri, ui.t("projector.qr_alt")
    )


def join_screen_html(code: str, link: str, joined: int) -> Markup:
    """The join screen: code in large letters, QR code, the link, and how many joined."""
    return Markup(
        '<section class="course-join-screen"><p class="course-projector-lead">{}</p>'
        '<p class="course-projector-code" aria-label="{}">{}</p>{}'
        '<p class="course-projector-link">{}</p><p class="course-projector-count">{}</p></section>'
    ).format(
        ui.t("projector.join_lead"),
        ui.t("projector.code_label"),
        code,
        qr_svg(link),
        link,
        ui.t("projector.joined", n=joined),
    )


def _list(texts) -> Markup:
    items = Markup("").join(Markup("<li>{}</li>").format(t) for t in texts)
    return Markup('<ul class="course-projector-options">{}</ul>').format(items)


def options_html(question) -> Markup:
    """A question's options as participants see them, before the answers are revealed."""
    if question.kind == "matching":
        return Markup(
            '<div class="course-projector-matching">{}<div><p>{}</p>{}</div></div>'
        ).format(
            _list(p.left for p in question.pairs),
            ui.t("projector.choose_from"),
            _list(t for _, t in question.targets),
        )
    if question.kind == "ordering":
        return _list(i.text for i in sorted(question.items, key=lambda i: i.id))
    return _list(o.text for o in question.options)


def question_screen_html(question, stats: QuestionStats | None, reveal: bool) -> Markup:
    """One question in large type: prompt, live count, and, revealed, the bars and explanation."""
    head = Markup(
        '<h2 class="course-projector-prompt">{}</h2>'
        '<p class="course-projector-count" aria-live="polite">{}</p>'
    ).format(question.prompt, ui.t("projector.answers", n=stats.answered if stats else 0))
    if question.scenario:
        head = (
            Markup('<p class="course-projector-scenario">{}</p>').format(question.scenario) + head
        )
    if not reveal:
        return Markup('<section class="course-projector-question">{}{}</section>').format(
            head, options_html(question)
        )
    if stats:
        body = parts_html(stats, large=True)
    else:
        body = Markup("<p>{}</p><p><strong>{}</strong> {}</p>").format(
            ui.t("dashboard.no_answers"), ui.t("dashboard.right_answer"), question.right_answer
        )
    return Markup(
        '<section class="course-projector-question course-revealed">{}{}'
        '<p class="course-projector-why"><strong>{}</strong> {}</p></section>'
    ).format(head, body, ui.t("quiz.why"), question.explanation)


def clock(seconds: float) -> str:
    """Seconds as ``m:ss`` (negative: overtime, ``-m:ss``)."""
    sign = "-" if seconds < 0 else ""
    s = int(abs(seconds) + (0.999 if seconds > 0 else 0))
    return f"{sign}{s // 60}:{s % 60:02d}"


class Timer:
    """A countdown for one agenda item; plain Python (``now`` can be given for tests)."""

    def __init__(self, minutes: float = 0):
        self.total = minutes * 60
        self.started: float | None = None
        self.spent = 0.0

    def start(self, now: float | None = None) -> None:
        if self.started is None:
            self.started = time.monotonic() if now is None else now

    def pause(self, now: float | None = None) -> None:
        if self.started is not None:
            self.spent += (time.monotonic() if now is None else now) - self.started
            self.started = None

    def reset(self, minutes: float) -> None:
        self.total, self.started, self.spent = minutes * 60, None, 0.0

    @property
    def running(self) -> bool:
        return self.started is not None

    def left(self, now: float | None = None) -> float:
        """Seconds left (negative once the time is up)."""
        run = ((time.monotonic() if now is None else now) - self.started) if self.running else 0
        return self.total - self.spent - run


class Projector(W.VBox):
    """The projector view of a workshop (sign in first)."""

    def __init__(
        self,
        store: Store | None = None,
        base_url: str | None = None,
        questions: dict | None = None,
        **kwargs,
    ):
        super().__init__(**kwargs)
        from ..facilitation import load as load_guide

        self.store = store or open_store(fallback=True)
        self.trainer: Trainer | None = None
        self.report: Report | None = None
        self.questions = bank_questions() if questions is None else questions
        self.agendas = {a.id: a for a in load_guide().agendas}
        self.timer = Timer()
        self._repeat = Repeater(lambda: TICK, self.tick, "projector")
        self._ticks = 0
        self._lock = threading.Lock()
        self.w_intro = W.HTML(Markup("<p>{}</p>").format(ui.t("projector.intro")))
        self.w_sign_in = SignIn(self.store, self._signed_in)
        self.w_mode = W.ToggleButtons(
            options=[
                (ui.t("projector.mode.join"), "join"),
                (ui.t("projector.mode.question"), "question"),
            ],
            value="join",
        )
        self.w_url = W.Text(
            value=base_url or os.environ.get("COURSE_PUBLIC_URL", DEFAULT_URL),
            description=ui.t("dashboard.create.url"),
            style=WIDE,
            layout={"width": "30em"},
        )
        self.w_timer = W.HTML("")
        self.w_timer.add_class("course-projector-timer")
        self.w_screen = W.HTML("")
        self.w_screen.add_class("course-projector-screen")
        self.w_status = ui.status()
        self.w_question_bar = self._question_bar()
        self.w_settings = W.Accordion(
            children=[W.VBox([self.w_url, self._agenda_choice()])],
        )
        self.w_settings.set_title(0, ui.t("projector.settings"))
        self.w_settings.selected_index = None
        self.w_controls = W.VBox(
            [
                W.HBox([self.w_mode, self.w_start, self.w_reset], layout=ROW),
                self.w_question_bar,
                self.w_settings,
            ]
        )
        self.w_controls.add_class("course-projector-controls")
        self.w_main = W.VBox([self.w_controls, self.w_timer, self.w_status, self.w_screen])
        hide(self.w_main)
        self.w_mode.observe(lambda _c: self.show(), names="value")
        self.w_url.observe(lambda _c: self.show(), names="value")
        self._fill_items()
        self.add_class("course-projector")
        self.children = (self.w_intro, self.w_sign_in, self.w_main)

    def _question_bar(self) -> W.HBox:
        """The question shown, previous and next, and the button that reveals the answers."""
        labels = [
            (ui.t("projector.question_option", n=i, prompt=q.prompt), qid)
            for i, (qid, q) in enumerate(self.questions.items(), 1)
        ]
        self.w_question = W.Dropdown(
            options=labels,
            description=ui.t("projector.question"),
            style=WIDE,
            layout={"width": "40em", "max_width": "100%"},
        )
        self.w_prev = ui.button("projector.prev")
        self.w_next = ui.button("projector.next")
        self.w_reveal = W.ToggleButton(
            value=False,
            description=ui.t("projector.reveal"),
            button_style="primary",
            layout={"width": "auto"},
        )
        self.w_question.observe(self._on_question, names="value")
        self.w_reveal.observe(lambda _c: self.show(), names="value")
        self.w_prev.on_click(lambda _b: self.step(-1))
        self.w_next.on_click(lambda _b: self.step(1))
        return W.HBox([self.w_question, self.w_prev, self.w_next, self.w_reveal], layout=ROW)

    def _agenda_choice(self) -> W.HBox:
        """The agenda and its current item, and the timer's buttons."""
        self.w_agenda = W.Dropdown(
            options=[(a.title, a.id) for a in self.agendas.values()],
            description=ui.t("projector.agenda"),
            style=WIDE,
        )
        self.w_item = W.Dropdown(
            options=[],
            description=ui.t("projector.item"),
            style=WIDE,
            layout={"width": "30em", "max_width": "100%"},
        )
        self.w_start = ui.button("projector.start", "primary")
        self.w_reset = ui.button("projector.reset")
        self.w_agenda.observe(lambda _c: self._fill_items(), names="value")
        self.w_item.observe(lambda _c: self.reset_timer(), names="value")
        self.w_start.on_click(lambda _b: self.start_pause())
        self.w_reset.on_click(lambda _b: self.reset_timer())
        return W.HBox([self.w_agenda, self.w_item], layout={"flex_flow": "row wrap"})

    # sign-in and reading
    def _signed_in(self, trainer: Trainer) -> None:
        self.trainer = trainer
        hide(self.w_intro, self.w_sign_in)
        hide(self.w_main, hidden=False)
        self.read()
        self.show()
        self.start_loop()

    def read(self) -> Report | None:
        """Read the workshop's results again."""
        if self.trainer is None:
            return None
        try:
            self.report = self.trainer.report(self.questions)
            self.w_status.value = ""
        except (WorkshopError, StoreError) as exc:
            say(self.w_status, str(exc), "error")
        return self.report

    def link(self) -> str:
        """The participant link for the course address typed above."""
        code = self.trainer.code if self.trainer else ""
        return participant_link(code, self.w_url.value or DEFAULT_URL)

    def show(self) -> None:
        """Draw the screen for the current mode and question."""
        if self.trainer is None or self.report is None:
            return
        join = self.w_mode.value == "join"
        hide(self.w_question_bar, hidden=join)
        if join:
            self.w_screen.value = join_screen_html(
                self.trainer.code, self.link(), len(self.report.participants)
            )
            return
        qid = self.w_question.value
        self.w_screen.value = question_screen_html(
            self.questions[qid], self.report.question(qid), self.w_reveal.value
        )

    def _on_question(self, _change) -> None:
        self.w_reveal.value = False  # a new question starts hidden
        self.show()

    def step(self, by: int) -> None:
        """Go to the previous (-1) or next (+1) question."""
        ids = list(self.questions)
        i = ids.index(self.w_question.value) + by
        if 0 <= i < len(ids):
            self.w_question.value = ids[i]

    # the timer
    def _fill_items(self) -> None:
        agenda = self.agendas[self.w_agenda.value]
        self.w_item.options = [
            (ui.t("projector.item_option", title=item.title, minutes=item.minutes), i)
            for i, item in enumerate(agenda.items)
        ]
        self.w_item.value = 0
        self.reset_timer()

    def _item(self):
        return self.agendas[self.w_agenda.value].items[self.w_item.value or 0]

    def reset_timer(self) -> None:
        """Set the timer to the chosen agenda item's length, stopped."""
        if self.w_item.value is None:
            return
        self.timer.reset(self._item().minutes)
        self.w_start.description = ui.t("projector.start")
        self.draw_timer()

    def start_pause(self) -> None:
        """Start the timer, or pause it if it runs."""
        if self.timer.running:
            self.timer.pause()
            self.w_start.description = ui.t("projector.start")
        else:
            self.timer.start()
            self.w_start.description = ui.t("projector.pause")
        self.draw_timer()

    def draw_timer(self) -> None:
        """Show the time left for the current agenda item."""
        left = self.timer.left()
        item = self._item()
        if left <= 0:
            text = ui.t("projector.time_up", over=clock(-left))
        else:
            text = ui.t("projector.time_left", left=clock(left))
        cls = "course-time-up" if left <= 0 else ""
        self.w_timer.value = Markup(
            '<p class="{}"><span class="course-projector-clock">{}</span> {}</p>'
        ).format(cls, text, ui.t("projector.item_option", title=item.title, minutes=item.minutes))

    # the loop: the timer every second, the answers every few seconds
    def start_loop(self) -> None:
        """Tick every :data:`TICK` seconds until stopped."""
        self._repeat.start()

    def tick(self) -> bool:
        """One step of the loop: redraw the timer; now and then read the answers again."""
        if self.trainer is None:
            return False
        with self._lock:
            self._ticks += 1
            if self.timer.running:
                self.draw_timer()
            if self._ticks % COUNT_EVERY == 0:
                self.read()
                self.show()
        return True

    def stop_loop(self) -> None:
        """Stop ticking."""
        self._repeat.stop()
