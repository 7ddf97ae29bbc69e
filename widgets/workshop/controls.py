"""Pieces the trainer's pages share: the sign-in, a repeating background step, showing and
hiding widgets, and download links that hold their file."""

from __future__ import annotations

import base64
import threading
import time

import ipywidgets as W

from .. import ui
from ..store import Store
from ..ui import Markup
from .codes import EXAMPLE, WorkshopError
from .trainer import Trainer

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
CSV = "text/csv;charset=utf-8"


def hide(*widgets: W.Widget, hidden: bool = True) -> None:
    """Hide widgets (or show them again with ``hidden=False``)."""
    for w in widgets:
        w.layout.display = "none" if hidden else None


def say(widget: W.HTML, text: str, kind: str = "info") -> None:
    """Show a status line in a widget made by :func:`widgets.ui.status`."""
    widget.value = ui.status_html(kind, text)


def data_link(filename: str, mime: str, data: bytes, text: str) -> Markup:
    """A download link holding the file (no server round trip)."""
    b64 = base64.b64encode(data).decode()
    return Markup(
        '<a class="course-download" download="{}" href="data:{};base64,{}">{}</a>'
    ).format(filename, mime, b64, text)


def links_html(links) -> Markup:
    """A list of download links."""
    items = Markup("").join(Markup("<li>{}</li>").format(x) for x in links)
    return Markup('<ul class="course-downloads">{}</ul>').format(items)


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
        self.w_code = W.Text(
            description=ui.t("dashboard.code"),
            style=wide,
            placeholder=EXAMPLE,
        )
        self.w_secret = W.Password(description=ui.t("dashboard.secret"), style=wide)
        self.w_open = ui.button("dashboard.open", "primary")
        self.w_open.on_click(lambda _b: self.sign_in())
        problem = getattr(store, "problem", None)  # the store could not be opened: say why
        self.w_status = ui.status(
            *(("error", problem) if problem else ("info", ui.t("dashboard.signed_out")))
        )
        self.add_class("course-sign-in")
        self.children = (
            W.HBox([self.w_code, self.w_secret, self.w_open], layout={"flex_flow": "row wrap"}),
            self.w_status,
        )

    def sign_in(self) -> Trainer | None:
        """Check the typed code and secret; the trainer on success (the secret box is emptied)."""
        self.w_open.disabled = True
        try:
            trainer = Trainer(self.store, self.w_code.value, self.w_secret.value)
        except WorkshopError as exc:
            time.sleep(1.0)  # slow down guessing
            say(self.w_status, str(exc), "error")
            return None
        finally:
            self.w_open.disabled = False
        self.w_secret.value = ""
        self.w_status.value = ""
        self.on_success(trainer)
        return trainer
