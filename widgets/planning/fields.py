"""The worksheet's form fields and the :class:`Editor` its steps share.

Every field takes its label from ``course_data/strings`` (a key) and a layout of its own, so that
hiding one never hides another. The editor holds the plan being edited, the status line, and
what happens after each accepted change (save, redraw, mark prepared files out of date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import ipywidgets as W

from .. import ui
from .model import PlanError
from .worksheet import Worksheet

WIDE = {"description_width": "initial"}


def full() -> W.Layout:
    """A layout of its own for each field (a shared one would hide them all together)."""
    return W.Layout(width="100%", max_width="44rem")


def _field(w: W.Widget) -> W.Widget:
    w.add_class("course-ws-field")
    return w


def text(key: str, long: bool = False) -> W.Text:
    """A one-line (or, with ``long``, a multi-line) text field."""
    cls = W.Textarea if long else W.Text
    return _field(cls(description=ui.t(key), style=WIDE, layout=full(), continuous_update=False))


def dropdown(key: str, options, value=None) -> W.Dropdown:
    """A drop-down list of (label, value) pairs."""
    return _field(
        W.Dropdown(options=options, value=value, description=ui.t(key), style=WIDE, layout=full())
    )


def date(key: str) -> W.DatePicker:
    """A date field (its value is a ``datetime.date`` or None)."""
    return _field(W.DatePicker(description=ui.t(key), style=WIDE, layout=full()))


def member_name(key: str) -> W.Combobox:
    """A member picked from the coalition, or any name typed."""
    w = W.Combobox(
        options=[],
        description=ui.t(key),
        style=WIDE,
        layout=full(),
        ensure_option=False,
        continuous_update=False,
    )
    return _field(w)


def select(key: str, rows: int) -> W.Select:
    """A list to pick one entry from (actors, members, milestones)."""
    return W.Select(options=[], rows=rows, description=ui.t(key), style=WIDE, layout=full())


def checkbox(key: str) -> W.Checkbox:
    """A checkbox labelled with the text of ``key``."""
    return W.Checkbox(value=False, description=ui.t(key), indent=False, layout=full())


def html(value: str = "") -> W.HTML:
    """An HTML area as wide as the fields."""
    return W.HTML(value, layout=full())


def heading(level: int, key: str, intro: str = "") -> W.HTML:
    """A heading (and an introduction paragraph, if ``intro`` names one)."""
    tag = ui.Markup(f"h{level}")
    out = ui.Markup("<{0}>{1}</{0}>").format(tag, ui.t(key))
    if intro:
        out += ui.Markup("<p>{}</p>").format(ui.t(intro))
    return W.HTML(out)


def row(*items: W.Widget) -> W.HBox:
    """Widgets side by side, wrapping on a narrow screen."""
    return W.HBox(list(items), layout=W.Layout(flex_flow="row wrap"))


def toggles(key: str, options) -> W.ToggleButtons:
    """A row of toggle buttons (steps, map views)."""
    return W.ToggleButtons(
        options=options,
        value=options[0][1],
        description=ui.t(key),
        style={"description_width": "initial", "button_width": "auto"},
    )


def choices(items) -> list[tuple[str, str]]:
    """A catalogue of ``course_data`` (ids and labels) as drop-down options."""
    return [(c.label, c.id) for c in items]


def date_text(value: dt.date | None) -> str:
    """A date field's value as the plan keeps it (``YYYY-MM-DD`` or "")."""
    return value.isoformat() if value else ""


def from_date_text(text: str) -> dt.date | None:
    """A plan's date for a date field."""
    return dt.date.fromisoformat(text) if text else None


class Editor:
    """The plan being edited, the status line, and what follows each accepted change.

    Steps call :meth:`apply` with a model action; ``changed`` listeners (save, redraw) run after
    every accepted change, ``loaded`` listeners (fill every field) after the plan is replaced.
    ``syncing`` is True while fields are filled from the plan, so their handlers stay quiet.
    """

    def __init__(self, sheet: Worksheet | None = None):
        self.model = sheet or Worksheet()
        self.w_status = ui.status()
        self.syncing = False
        self._changed: list[Callable[[], None]] = []
        self._loaded: list[Callable[[], None]] = []

    def on_changed(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after every accepted change."""
        self._changed.append(listener)

    def on_loaded(self, listener: Callable[[], None]) -> None:
        """Call ``listener`` after the whole plan was replaced (to fill the fields again)."""
        self._loaded.append(listener)

    def say(self, text: str, kind: str = "info") -> None:
        """Show a message in the status line."""
        self.w_status.value = ui.status_html(kind, text)

    def quiet(self) -> None:
        """Empty the status line."""
        self.w_status.value = ""

    def changed(self) -> None:
        """After every accepted change: save, redraw, mark prepared files out of date."""
        for listener in self._changed:
            listener()

    def loaded(self) -> None:
        """After the plan was replaced: fill every field from it."""
        for listener in self._loaded:
            listener()

    def apply(self, action, *args, **kwargs) -> bool:
        """Run a model action; on refusal show why and return False."""
        try:
            action(*args, **kwargs)
        except PlanError as exc:
            self.say(str(exc), "error")
            return False
        self.changed()
        return True

    def selected(self, w: W.Select) -> int | None:
        """The index selected in a list, or None with a message asking to select one."""
        if w.value is None:
            self.say(ui.t("ws.error.no_selection"), "error")
        return w.value


class Step(W.VBox):
    """One of the worksheet's four steps: fields drawn from the plan, changes sent to the model."""

    number = 0

    def __init__(self, editor: Editor, children: list[W.Widget]):
        super().__init__(children)
        self.editor = editor
        self.add_class(f"course-ws-step-{self.number}")
        editor.on_loaded(self.sync)

    @property
    def plan(self):
        """The plan being edited."""
        return self.editor.model.plan

    def sync(self) -> None:
        """Fill the fields from the plan (after loading, importing or the example)."""

    def refresh(self) -> None:
        """Redraw what depends on the plan (lists, the map, the summary)."""
