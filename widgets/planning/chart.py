"""The stakeholder map: one layout (:func:`layout`), drawn as SVG for the page and as a PNG for
the files (:mod:`.chart_png`), without matplotlib.

The layout computes everything once: the quadrants and their labels, the grid, the ticks and
axis titles, each actor's numbered marker and desired point, and the "+n" of a crowded cell.
The renderers only draw it, so the page and the files always agree. The alignment-interest-
influence matrix puts alignment across and interest up, and shows influence by the size of each
marker; the classic view puts interest across and influence up. Both scales run from 1 to 5 and
are split at 3, the middle, so an actor rated 3 sits on the line. Markers are numbered and their
shape also shows alignment (not colour alone); names are never drawn on the map but listed in a
key beside it, so labels never collide or get cut. No text the learner typed reaches either
image.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import content, ui
from . import model, places, summary

# Geometry (SVG user units; the PNG multiplies them by its scale)
LEFT, TOP, PLOT_W, PLOT_H = 46, 10, 380, 340
WIDTH, HEIGHT = LEFT + PLOT_W + 10, TOP + PLOT_H + 44
SLOTS = [(-21, -13), (0, -13), (21, -13), (-21, 13), (0, 13), (21, 13)]
GHOST_SLOTS = [(12, -14), (-12, -14), (12, 14), (-12, 14), (30, 0), (-30, 0)]
SYMBOLS = {"circle": "●", "square": "■", "triangle": "▲"}  # the shapes in the page's legend
CORNERS = ("tr", "tl", "br", "bl")  # the order of :func:`places.quadrants`
# The scale runs from LO to HI: the margins beyond 0.5 and 5.5 hold the quadrant labels, and 3
# stays exactly in the middle.
LO, HI = 0.1, 5.9


@dataclass(frozen=True)
class Marker:
    """One actor on the map: its number, centre, radius, shape and desired point (if any)."""

    n: int
    x: float
    y: float
    r: float
    position: str  # a position id of worksheet.yaml (ally, neutral, opponent)
    shape: str  # circle, square or triangle (worksheet.yaml positions)
    colour: str
    goal: tuple[float, float] | None


@dataclass(frozen=True)
class Label:
    """A text drawn on the map: ``x``/``y`` is the point named by ``h`` (start, middle, end)
    and ``v`` (top, middle, bottom); ``rotate`` turns it a quarter left (the vertical axis)."""

    x: float
    y: float
    text: str
    kind: str  # qlabel, tick, axis, more
    size: float
    h: str = "middle"
    v: str = "middle"
    rotate: bool = False
    arrow: bool = False  # an arrow follows the text (the axis titles)


@dataclass(frozen=True)
class Box:
    """A quadrant's rectangle, from (x0, y0) to (x1, y1)."""

    corner: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass
class Layout:
    """Everything drawn on the map, in SVG units."""

    view: str
    boxes: list[Box] = field(default_factory=list)
    grid: list[tuple[float, float, float, float]] = field(default_factory=list)
    middle: list[tuple[float, float, float, float]] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    markers: list[Marker] = field(default_factory=list)


def _cx(v: float) -> float:
    return LEFT + (v - LO) / (HI - LO) * PLOT_W


def _cy(v: float) -> float:
    return TOP + (HI - v) / (HI - LO) * PLOT_H


def layout(plan: model.Plan, view: str | None = None) -> Layout:
    """The whole map of a plan in one view (deterministic)."""
    view = view or plan.map_view
    lay = Layout(view)
    _frame(lay)
    _place_actors(lay, plan)
    return lay


def _frame(lay: Layout) -> None:
    """The quadrants and their labels, the grid, the middle lines, the ticks, the axis titles."""
    mid_x, mid_y, right, bottom = (
        _cx(places.MIDDLE),
        _cy(places.MIDDLE),
        LEFT + PLOT_W,
        TOP + PLOT_H,
    )
    spans = {"l": (LEFT, mid_x), "r": (mid_x, right), "t": (TOP, mid_y), "b": (mid_y, bottom)}
    for corner, q in zip(CORNERS, places.quadrants(lay.view), strict=True):
        (y0, y1), (x0, x1) = spans[corner[0]], spans[corner[1]]
        lay.boxes.append(Box(corner, x0, y0, x1, y1))
        h, x = ("end", x1 - 6) if corner[1] == "r" else ("start", x0 + 6)
        v, y = ("top", y0 + 5) if corner[0] == "t" else ("bottom", y1 - 5)
        lay.labels.append(Label(x, y, q.label, "qlabel", 12, h, v))
    for n in range(1, 6):
        lay.grid += [(_cx(n), TOP, _cx(n), bottom), (LEFT, _cy(n), right, _cy(n))]
        lay.labels.append(Label(_cx(n), bottom + 4, str(n), "tick", 11, "middle", "top"))
        lay.labels.append(Label(LEFT - 7, _cy(n), str(n), "tick", 11, "end", "middle"))
    lay.middle = [(mid_x, TOP, mid_x, bottom), (LEFT, mid_y, right, mid_y)]
    x_axis, y_axis = places.AXES[lay.view]
    lay.labels.append(
        Label(
            LEFT + PLOT_W / 2,
            HEIGHT - 6,
            ui.t(f"ws.field.{x_axis}"),
            "axis",
            13,
            v="bottom",
            arrow=True,
        )
    )
    lay.labels.append(
        Label(14, TOP + PLOT_H / 2, ui.t(f"ws.field.{y_axis}"), "axis", 13, rotate=True, arrow=True)
    )


def _place_actors(lay: Layout, plan: model.Plan) -> None:
    """Up to six markers per cell, the rest counted as "+n"; an arrow to each desired point."""
    x_axis, y_axis = places.AXES[lay.view]
    cells: dict[tuple[int, int], list[tuple[int, model.Actor]]] = {}
    for n, a in enumerate(plan.actors, start=1):
        cells.setdefault((getattr(a, x_axis), getattr(a, y_axis)), []).append((n, a))
    ghosts: dict[tuple[int, int], set] = {}  # places taken by desired points, per cell
    for (xv, yv), items in sorted(cells.items()):
        cx, cy = _cx(xv), _cy(yv)
        shown = items if len(items) <= len(SLOTS) else items[: len(SLOTS) - 1]
        for (n, a), (dx, dy) in zip(shown, _slots(len(items)), strict=False):
            r = 6 + a.influence if lay.view == "aiim" else 10
            goal = None
            target = (a.goal(x_axis), a.goal(y_axis))
            if a.moves() and target != (xv, yv):  # a change on the third axis is in the key
                goal = _ghost(ghosts.setdefault(target, set()), target, cx + dx, cy + dy)
            p = position(a.position)
            lay.markers.append(Marker(n, cx + dx, cy + dy, r, p.id, p.shape, p.colour, goal))
        if len(items) > len(shown):
            dx, dy = SLOTS[-1]
            more = f"+{len(items) - len(shown)}"
            lay.labels.append(Label(cx + dx, cy + dy, more, "more", 11))


def _ghost(used: set, target: tuple[int, int], x0: float, y0: float) -> tuple[float, float]:
    """The free place near a desired cell that is nearest the marker, so arrows do not cross."""
    free = [g for g in GHOST_SLOTS if g not in used] or GHOST_SLOTS
    cx, cy = _cx(target[0]), _cy(target[1])
    gx, gy = min(free, key=lambda g: (cx + g[0] - x0) ** 2 + (cy + g[1] - y0) ** 2)
    used.add((gx, gy))
    return cx + gx, cy + gy


def _slots(count: int) -> list[tuple[int, int]]:
    """Offsets from a cell's centre for ``count`` markers: one row when they fit."""
    if count == 1:
        return [(0, 0)]
    if count == 2:
        return [(-11, 0), (11, 0)]
    if count == 3:
        return [(-21, 0), (0, 0), (21, 0)]
    return SLOTS


def short_end(x0: float, y0: float, x1: float, y1: float, by: float) -> tuple[float, float]:
    """The end of a line from (x0, y0) to (x1, y1), stopped ``by`` units before it."""
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    if length <= by:
        return x1, y1
    k = (length - by) / length
    return x0 + (x1 - x0) * k, y0 + (y1 - y0) * k


def position(position_id: str):
    """The position (ally, neutral, opponent) of worksheet.yaml with this id."""
    return next(p for p in content.load().worksheet.positions if p.id == position_id)


def number_size(m: Marker) -> float:
    """The size of a marker's number (smaller from 100 on, to fit)."""
    return 10 if m.n < 100 else 8


def legend_items(view: str) -> list[tuple[str, str]]:
    """The legend, in order, as (icon, strings key): the shapes, the size (matrix view only),
    the arrow and the line at 3. The page and the image draw the same items."""
    ws = content.load().worksheet
    items = [(p.id, f"ws.legend.{p.id}") for p in ws.positions]
    if view == "aiim":
        items.append(("", "ws.legend.size"))
    return items + [("arrow", "ws.legend.arrow"), ("", "ws.legend.line")]


# --- SVG for the page ------------------------------------------------------------------------
_ANCHOR = {"start": "start", "middle": "middle", "end": "end"}
_BASELINE = {"top": "hanging", "middle": "central", "bottom": "text-after-edge"}


def _shape_svg(m: Marker, cls: str, x: float, y: float) -> str:
    r = m.r
    if m.shape == "circle":
        return f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
    if m.shape == "triangle":
        pts = f"{x:.1f},{y - r * 1.15:.1f} {x + r * 1.1:.1f},{y + r * 0.8:.1f} "
        pts += f"{x - r * 1.1:.1f},{y + r * 0.8:.1f}"
        return f'<polygon class="{cls}" points="{pts}"/>'
    s = r * 0.9
    return (
        f'<rect class="{cls}" x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" '
        f'height="{2 * s:.1f}"/>'
    )


def _text_svg(
    x: float, y: float, text: str, cls: str, size: float, h="middle", v="middle", extra=""
) -> str:
    return (
        f'<text class="{cls}" x="{x:.1f}" y="{y:.1f}" text-anchor="{_ANCHOR[h]}" '
        f'dominant-baseline="{_BASELINE[v]}" font-size="{size:g}"{extra}>{ui.escape(text)}</text>'
    )


def _label_svg(lab: Label) -> str:
    text = f"{lab.text} →" if lab.arrow else lab.text
    extra = f' transform="rotate(-90 {lab.x:.1f} {lab.y:.1f})"' if lab.rotate else ""
    return _text_svg(lab.x, lab.y, text, f"ws-{lab.kind}", lab.size, lab.h, lab.v, extra)


def _markers_svg(lay: Layout, uid: str) -> list[str]:
    out = []
    for m in lay.markers:
        if m.goal:
            gx, gy = m.goal
            x1, y1 = short_end(m.x, m.y, gx, gy, m.r + 2)
            out.append(
                f'<line class="ws-move" x1="{m.x:.1f}" y1="{m.y:.1f}" x2="{x1:.1f}" '
                f'y2="{y1:.1f}" marker-end="url(#{uid}-arrow)"/><g class="ws-goal">'
                + _shape_svg(m, "ws-ghost", gx, gy)
                + _text_svg(gx, gy, str(m.n), "ws-goalnum", number_size(m))
                + "</g>"
            )
    for m in lay.markers:
        out.append(
            f'<g class="ws-actor ws-{m.position}">{_shape_svg(m, "ws-mark", m.x, m.y)}'
            + _text_svg(m.x, m.y, str(m.n), "ws-num", number_size(m))
            + "</g>"
        )
    return out


def map_svg(plan: model.Plan, view: str | None = None, uid: str = "ws-map") -> str:
    """The plan's map as an accessible SVG string, themed by the page (deterministic).

    ``uid`` prefixes the element ids, so that two maps can share a page."""
    view = view or plan.map_view
    lay = layout(plan, view)
    p = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" class="course-ws-svg course-ws-svg-{view}">',
        f'<title id="{uid}-title">{ui.escape(ui.t("ws.map.title_" + view))}</title>',
        f'<desc id="{uid}-desc">{ui.escape(ui.t(f"ws.map.desc_{view}"))}</desc>',
        f'<defs><marker id="{uid}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path class="ws-arrowhead" '
        'd="M0,0 L10,5 L0,10 z"/></marker></defs>',
        f'<rect class="ws-bg" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>',
    ]
    p += [
        f'<rect class="ws-q ws-q-{b.corner}" x="{b.x0:.1f}" y="{b.y0:.1f}" '
        f'width="{b.x1 - b.x0:.1f}" height="{b.y1 - b.y0:.1f}"/>'
        for b in lay.boxes
    ]
    for cls, lines in (("ws-grid", lay.grid), ("ws-mid", lay.middle)):
        p += [
            f'<line class="{cls}" x1="{x0:.1f}" y1="{y0:.1f}" x2="{x1:.1f}" y2="{y1:.1f}"/>'
            for x0, y0, x1, y1 in lines
        ]
    p += [_label_svg(lab) for lab in lay.labels if lab.kind != "more"]
    p += _markers_svg(lay, uid)
    p += [_label_svg(lab) for lab in lay.labels if lab.kind == "more"]
    p.append("</svg>")
    return "".join(p)


def legend_html(view: str) -> str:
    """The map's legend (shapes, sizes, arrows, the line at 3) as HTML that wraps on a phone."""
    items = ui.Markup("").join(
        ui.Markup('<li><span class="ws-key-{0}" aria-hidden="true">{1}</span> {2}</li>').format(
            icon, SYMBOLS[position(icon).shape], ui.t(key)
        )
        if icon not in ("", "arrow")
        else ui.Markup("<li>{}</li>").format(ui.t(key))
        for icon, key in legend_items(view)
    )
    return ui.Markup('<ul class="course-ws-legend">{}</ul>').format(items)


def _goal_words(a: model.Actor) -> str:
    parts = summary.goal_text(a)
    return ui.t("ws.text.goal", parts=parts) if parts else ""


def actor_sentence(n: int, a: model.Actor, view: str, where: places.Places | None = None) -> str:
    """One actor in a plain sentence: where it is on the map and where the coalition wants it
    (``where``: the view's quadrants, when called for every actor)."""
    c = content.load()
    t, ws = c.text, c.worksheet
    s = t(
        "ws.text.actor",
        n=n,
        name=a.name,
        type=model.label(ws.actor_types, a.type),
        where=(where or places.Places(view)).label(a),
        alignment=a.alignment,
        interest=a.interest,
        influence=a.influence,
    )
    goal = _goal_words(a)
    return f"{s} {goal}".strip()


def map_text_html(plan: model.Plan, view: str | None = None) -> str:
    """The key and text version of the map: one plain sentence per actor, grouped (escaped)."""
    view = view or plan.map_view
    t = content.load().text
    numbers = {id(a): n for n, a in enumerate(plan.actors, start=1)}
    where = places.Places(view)
    out = [f'<h4>{ui.escape(t("ws.map.text"))}</h4><div class="course-ws-key">']
    for q, actors in places.by_quadrant(plan, view):
        if not actors:
            continue
        title = f"{q.label}: {q.rule}" if q else t("ws.map.on_line")
        items = "".join(
            f"<li>{ui.escape(actor_sentence(numbers[id(a)], a, view, where))}</li>" for a in actors
        )
        out.append(f"<h5>{ui.escape(title)}</h5><ul>{items}</ul>")
    out.append("</div>")
    return "".join(out)
