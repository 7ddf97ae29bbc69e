"""The review-cycle diagram: the simplified and the standard reporting procedure, drawn.

:func:`cycle_html` is a pure function (no ipywidgets) that renders one procedure, or both side
by side, from ``course_data/treaty_bodies.yaml`` as HTML and inline SVG: a drawn track of the
steps, then the same steps as an ordered list, which is the diagram's text alternative. The
moments when NGOs, coalitions and NHRIs can inform the committee are marked by a shape and a
word, never by colour alone. Colours come from JupyterLab's ``--jp-*`` CSS variables, so the
diagram follows the light and the dark theme. The worksheet can reuse it (``highlight`` marks
one step, such as the learner's next stage).

:class:`CycleView` adds a switch between the two procedures (native buttons: Tab, Space,
Enter) and nothing else.
"""

from __future__ import annotations

from html import escape

from . import content
from .ui import Markup, t

#: Scoped styles; --jp-* variables (with fallbacks outside JupyterLab and Voila).
STYLE = """<style>
.course-cycle {--cc-fg: var(--jp-content-font-color1, #1f1f1f);
  --cc-line: var(--jp-border-color1, #8a8a8a);
  --cc-card: var(--jp-layout-color1, #ffffff);
  --cc-step: var(--jp-brand-color1, #1a5fb4);
  --cc-ngo: var(--jp-warn-color0, #9a4f00);
  --cc-nhri: var(--jp-success-color0, #1d6b34);
  color: var(--cc-fg); margin: 0.5em 0; max-width: 80em}
.course-cycle-pair {display: flex; flex-wrap: wrap; gap: 1.5em}
.course-cycle-pair > .course-cycle-figure {flex: 1 1 24em; min-width: 0}
.course-cycle-figure {margin: 0}
.course-cycle-figure figcaption {font-weight: bold; margin-bottom: 0.25em}
.course-cycle-summary {margin: 0 0 0.5em 0; max-width: 75ch}
.course-cycle svg {width: 100%; height: auto; max-height: 12em; max-width: 46em; display: block}
.course-cycle svg .cc-track {stroke: var(--cc-line); stroke-width: 2; fill: none}
.course-cycle svg .cc-node {fill: var(--cc-card); stroke: var(--cc-step); stroke-width: 3}
.course-cycle svg .cc-node-hi {fill: var(--cc-step)}
.course-cycle svg .cc-num {fill: var(--cc-fg); font: bold 15px sans-serif}
.course-cycle svg .cc-node-hi + .cc-num {fill: var(--cc-card)}
.course-cycle svg .cc-ngo {fill: var(--cc-ngo)}
.course-cycle svg .cc-nhri {fill: var(--cc-nhri)}
.course-cycle svg .cc-label {fill: var(--cc-fg); font: 11px sans-serif}
.course-cycle ol.course-cycle-steps {list-style: none; padding: 0; margin: 0.5em 0;
  counter-reset: ccstep}
.course-cycle-steps > li {counter-increment: ccstep; border-left: 4px solid var(--cc-step);
  background: var(--cc-card); padding: 0.3em 0.6em; margin: 0 0 0.4em 0; max-width: 75ch}
.course-cycle-steps > li.cc-highlight {outline: 3px solid var(--cc-step)}
.course-cycle-steps > li > strong::before {content: counter(ccstep) ". "}
.course-cycle-steps p {margin: 0.2em 0}
.course-cycle-moments {list-style: none; padding: 0; margin: 0.2em 0 0 0}
.course-cycle-moments li {margin: 0.15em 0; padding-left: 1.4em; position: relative}
.course-cycle-moments li::before {position: absolute; left: 0; font-weight: bold}
.course-cycle-moments li.cc-m-ngo::before {content: "\\25C6"; color: var(--cc-ngo)}
.course-cycle-moments li.cc-m-nhri::before {content: "\\25B2"; color: var(--cc-nhri)}
.course-cycle-legend {font-size: 0.95em}
.course-cycle-legend .cc-key-ngo {color: var(--cc-ngo)}
.course-cycle-legend .cc-key-nhri {color: var(--cc-nhri)}
</style>"""

SHAPE = {"ngo": "\u25c6", "nhri": "\u25b2"}  # diamond, triangle: never colour alone


def _svg(proc: content.Procedure, id_prefix: str, highlight: str | None) -> str:
    """The drawn track: one numbered node per step, arrows, and moment markers above it."""
    n = len(proc.steps)
    gap, x0, y = 100, 48, 50
    width = x0 * 2 + gap * (n - 1)
    parts = [
        f'<svg viewBox="0 0 {width} 135" aria-hidden="true" focusable="false" '
        f'xmlns="http://www.w3.org/2000/svg">',
        f'<defs><marker id="{id_prefix}-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
        '<path d="M0,0 L10,5 L0,10 z" class="cc-num"/></marker></defs>',
    ]
    for i in range(n - 1):
        xa, xb = x0 + gap * i + 17, x0 + gap * (i + 1) - 19
        parts.append(
            f'<line class="cc-track" x1="{xa}" y1="{y}" x2="{xb}" y2="{y}" '
            f'marker-end="url(#{id_prefix}-arrow)"/>'
        )
    # the way back: follow-up leads to the next review
    xl, xf, yb = x0 + gap * (n - 1), x0, y + 72
    parts.append(
        f'<path class="cc-track" stroke-dasharray="5 4" d="M{xl + 16},{y} H{xl + 34} V{yb} '
        f'H{xf - 34} V{y} H{xf - 19}" marker-end="url(#{id_prefix}-arrow)"/>'
    )
    for i, step in enumerate(proc.steps):
        cx = x0 + gap * i
        hi = " cc-node-hi" if step.id == highlight else ""
        parts.append(f'<circle class="cc-node{hi}" cx="{cx}" cy="{y}" r="15"/>')
        parts.append(
            f'<text class="cc-num" x="{cx}" y="{y + 5}" text-anchor="middle">{i + 1}</text>'
        )
        whos = [w for w in ("ngo", "nhri") if any(m.who == w for m in step.moments)]
        for j, who in enumerate(whos):
            mx = cx - 9 + 18 * j if len(whos) == 2 else cx
            if who == "ngo":
                shape = f"M{mx},{y - 38} l7,8 l-7,8 l-7,-8 z"
            else:
                shape = f"M{mx},{y - 38} l8,15 l-16,0 z"
            parts.append(f'<path class="cc-{who}" d="{shape}"/>')
        short = escape(step.title.split(" (")[0].split(",")[0])
        words, lines, line = short.split(), [], ""
        for w in words:
            if len(line) + len(w) > 14 and line:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}".strip()
        lines.append(line)
        for k, text in enumerate(lines[:3]):
            parts.append(
                f'<text class="cc-label" x="{cx}" y="{y + 32 + 12 * k}" '
                f'text-anchor="middle">{text}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def _steps(proc: content.Procedure, highlight: str | None) -> str:
    items = []
    for step in proc.steps:
        moments = "".join(
            f'<li class="cc-m-{m.who}"><strong>{escape(t(f"cycle.who.{m.who}"))}:</strong> {escape(m.text)}</li>'
            for m in step.moments
        )
        hi = ' class="cc-highlight"' if step.id == highlight else ""
        current = ' aria-current="step"' if step.id == highlight else ""
        items.append(
            f"<li{hi}{current}><strong>{escape(step.title)}</strong>"
            f"<p>{escape(step.text)}</p>"
            + (f'<ul class="course-cycle-moments">{moments}</ul>' if moments else "")
            + "</li>"
        )
    return f'<ol class="course-cycle-steps">{"".join(items)}</ol>'


def _figure(proc: content.Procedure, id_prefix: str, highlight: str | None) -> str:
    fid = f"{id_prefix}-{proc.id}"
    return (
        f'<figure class="course-cycle-figure" aria-labelledby="{fid}-title">'
        f'<figcaption id="{fid}-title">{escape(proc.label)}</figcaption>'
        f'<p class="course-cycle-summary">{escape(proc.summary)}</p>'
        f"{_svg(proc, fid, highlight)}{_steps(proc, highlight)}"
        f'<p class="course-cycle-legend">{escape(t("cycle.again"))}</p></figure>'
    )


def legend_html() -> str:
    """The key to the markers (shape and words)."""
    key = Markup('<span class="cc-key-{0}">{1}</span> <strong>{2}</strong>')
    legend = Markup(escape(t("cycle.legend"))).format(
        ngo=key.format("ngo", SHAPE["ngo"], t("cycle.who.ngo")),
        nhri=key.format("nhri", SHAPE["nhri"], t("cycle.who.nhri")),
    )
    return str(Markup('<p class="course-cycle-legend">{}</p>').format(legend))


def cycle_html(
    procedure: str | None = None,
    *,
    highlight: str | None = None,
    id_prefix: str = "course-cycle",
    style: bool = True,
) -> str:
    """The diagram of one procedure (``"simplified"``, ``"standard"``), or both when ``None``.

    ``highlight`` marks one step id (for example the worksheet's current stage); ``id_prefix``
    keeps element ids unique when the diagram appears twice on a page.
    """
    c = content.load()
    procs = [c.procedure(procedure)] if procedure else list(c.procedures)
    figures = "".join(_figure(p, id_prefix, highlight) for p in procs)
    body = f'<div class="course-cycle-pair">{figures}</div>' if len(procs) > 1 else figures
    return (STYLE if style else "") + f'<div class="course-cycle">{legend_html()}{body}</div>'


def cycle_text(procedure: str | None = None) -> str:
    """The same content as plain text (for exports and plain-text output)."""
    c = content.load()
    procs = [c.procedure(procedure)] if procedure else list(c.procedures)
    out = []
    for p in procs:
        out.append(f"{p.label}\n{p.summary}")
        for i, s in enumerate(p.steps, 1):
            out.append(f"{i}. {s.title}: {s.text}")
            out += [f"   {SHAPE[m.who]} {t(f'cycle.who.{m.who}')}: {m.text}" for m in s.moments]
    return "\n".join(out)
