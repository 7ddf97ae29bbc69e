"""The end of the final check: a name box and a button that makes the certificate to download."""

from __future__ import annotations

import base64
from html import escape
from typing import TYPE_CHECKING

import ipywidgets as W

from .. import ui
from . import certificate
from .question import _box, _html, _shared_button

if TYPE_CHECKING:
    from .view import QuizView


class CertificatePanel(W.VBox):
    """The end of the final check: a name box and a button that makes a PDF certificate.

    The name is used for the file only: it is never stored (not in the store, not in the
    quiz's document), and the file never contains the learner code. See
    :mod:`widgets.quizzes.certificate` for what the certificate says.
    """

    def __init__(self, quiz: QuizView):
        super().__init__(layout=W.Layout(display="none"))
        self.quiz = quiz
        self._made_for: str | None = None
        self.w_intro = _html(
            f"<h3>{escape(ui.t('cert.panel.title'))}</h3><p>{escape(ui.t('cert.panel.intro'))}</p>"
        )
        self.w_name = W.Text(
            description=ui.t("cert.name.label"),
            placeholder=ui.t("cert.name.placeholder"),
            continuous_update=False,
            style={"description_width": "initial"},
            layout=W.Layout(width="100%", max_width="36em"),
        )
        self.w_name.observe(self._on_name, names="value")
        self.w_note = _html(f'<p class="course-cert-note">{escape(ui.t("cert.name.note"))}</p>')
        self.w_make = _shared_button("cert.button", primary=True)
        self.w_make.on_click(lambda _b: self.make())
        self.w_status = _html()
        self.w_status.add_class("course-live")
        self.w_link = _html()
        self.w_link.add_class("course-live")
        self.children = [
            self.w_intro,
            self.w_name,
            self.w_note,
            _box([self.w_make], vertical=False),
            self.w_status,
            self.w_link,
        ]
        self.add_class("course-certificate")

    def show(self, visible: bool) -> None:
        """Show the panel (the check is finished) or hide it and forget any file made."""
        self.layout.display = None if visible else "none"
        if not visible:
            self.w_status.value = self.w_link.value = ""
            self._made_for = None

    def _on_name(self, change) -> None:
        if self._made_for is not None and change["new"] != self._made_for:
            self.w_link.value = ""
            self._made_for = None
            self.w_status.value = f"<p>{escape(ui.t('cert.stale'))}</p>"

    def make(self) -> bytes | None:
        """Build the PDF for the name in the box and offer it as a download (None on failure).

        Building takes about a second (fonts are read and subset), so the button shows that it
        is busy and cannot be pressed twice meanwhile."""
        raw = self.w_name.value
        name = certificate.clean_name(raw)
        self.w_make.disabled = True
        self.w_make.description = ui.t("cert.busy")
        self.w_status.value = f"<p>⏳ {escape(ui.t('cert.busy'))}</p>"
        self.w_link.value = ""
        try:
            cert = certificate.from_check(self.quiz.state, self.quiz.questions, name)
            data = certificate.pdf_bytes(cert)
            missing = certificate.missing_characters(name)
        except Exception as exc:  # shown to the learner, never swallowed
            problem = str(exc) or type(exc).__name__
            self.w_status.value = f"<p>⚠ {escape(ui.t('cert.failed', problem=problem))}</p>"
            return None
        finally:
            self.w_make.disabled = False
            self.w_make.description = ui.t("cert.button")
        notes = []
        if len(" ".join(raw.split())) > certificate.NAME_LIMIT:
            notes.append(ui.t("cert.shortened", limit=certificate.NAME_LIMIT))
        if missing:
            notes.append(ui.t("cert.missing", chars=" ".join(missing)))
        self.w_status.value = "".join(f"<p>⚠ {escape(n)}</p>" for n in notes)
        encoded = base64.b64encode(data).decode("ascii")
        self.w_link.value = (
            f"<p>{escape(ui.t('cert.ready'))} "
            f'<a class="course-download" download="{certificate.FILENAME}" '
            f'href="data:application/pdf;base64,{encoded}">'
            f"⤓ {escape(ui.t('cert.download'))}</a></p>"
        )
        self._made_for = raw
        return data
