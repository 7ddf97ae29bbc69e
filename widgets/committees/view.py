"""The committee explorer view: choose a committee, read who supports NGOs there."""

from __future__ import annotations

from html import escape

import ipywidgets as W

from ..ui import t
from . import model


def support_html(s: model.Support) -> str:
    """HTML for one committee's support (everything escaped)."""
    parts = [f"<h3>{escape(s.committee.acronym)}: {escape(s.committee.name)}</h3>"]
    if s.committee.note:  # e.g. the CED's one report, the SPT's visits, the CESCR's elections
        parts.append(f"<p>{escape(s.committee.note)}</p>")
    if s.advice:
        parts.append(f"<p><strong>{escape(t('explorer.contact'))}:</strong> {escape(s.advice)}</p>")
    for m in s.members:
        examples = "".join(f"<li>{escape(e)}</li>" for e in m.examples)
        parts.append(
            f"<p><strong>{escape(t('explorer.contact'))}:</strong> {escape(m.name)}</p>"
            f"<p><strong>{escape(t('explorer.offers'))}:</strong> {escape(m.support)}</p>"
            f"<p><strong>{escape(t('explorer.examples'))}:</strong></p><ul>{examples}</ul>"
        )
    for o in s.others:
        items = "".join(f"<li>{escape(e)}</li>" for e in o.examples)
        parts.append(
            f"<p><strong>{escape(t('explorer.other'))}:</strong> {escape(o.name)}. "
            f"{escape(o.support)}</p><ul>{items}</ul>"
        )
    if not s.members and not s.advice and not s.others:
        parts.append(f"<p>{escape(t('explorer.none'))}</p>")
    return "".join(parts)


class CommitteeExplorer(W.VBox):
    """A committee dropdown and, below it, who supports NGOs at that committee."""

    def __init__(self, initial: str = "CRC", **kwargs):
        options = [(f"{tb.acronym}: {tb.name}", tb.acronym) for tb in model.committees()]
        self.w_committee = W.Dropdown(
            options=options,
            value=initial,
            description=t("explorer.label"),
            style={"description_width": "initial"},
            layout=W.Layout(width="max-content"),
        )
        self.w_details = W.HTML()
        self.w_details.add_class("course-live")
        super().__init__(**kwargs)
        self.children = [
            W.HTML(f"<h3>{escape(t('explorer.title'))}</h3>"),
            self.w_committee,
            self.w_details,
        ]
        self.add_class("course-explorer")
        self.w_committee.observe(self._on_change, names="value")
        self.show(initial)

    def show(self, acronym: str) -> None:
        """Show the support for a committee (also what choosing it in the dropdown does)."""
        if self.w_committee.value != acronym:
            self.w_committee.value = acronym  # triggers _on_change
            return
        self.w_details.value = (
            f'<div role="status" aria-live="polite">'
            f"{support_html(model.support_for(acronym))}</div>"
        )

    def _on_change(self, change) -> None:
        self.show(change["new"])
