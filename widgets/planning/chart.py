"""The stakeholder map, drawn without matplotlib: SVG for the page, PNG (Pillow) for the files.

Two views share one layout (:func:`layout`). The alignment-interest-influence matrix puts
alignment across and interest up, and shows influence by the size of each marker; the classic
view puts interest across and influence up. Both scales run from 1 to 5 and are split at 3, the
middle, so the four quadrants are equal and an actor rated 3 sits on the line. Actors are
numbered markers whose shape also shows their alignment (not colour alone); names are never
drawn on the map but listed in a key beside it, so labels never collide or get cut. An arrow
points from where an actor is to where the coalition wants it to be.

The SVG takes its colours from the page's theme variables (light and dark); the PNG is drawn on
white for printing. No text the learner typed reaches either image except through the key.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from html import escape

from .. import content
from . import model, places

# SVG geometry (user units; the SVG scales to the width it is given)
LEFT, TOP, PLOT_W, PLOT_H = 46, 10, 380, 340
WIDTH, HEIGHT = LEFT + PLOT_W + 10, TOP + PLOT_H + 44
SLOTS = [(-21, -13), (0, -13), (21, -13), (-21, 13), (0, 13), (21, 13)]
GHOST_SLOTS = [(12, -14), (-12, -14), (12, 14), (-12, 14), (30, 0), (-30, 0)]
COLOURS = {"ally": "#1a7f37", "neutral": "#57606a", "opponent": "#b42318"}


@dataclass(frozen=True)
class Marker:
    """One actor on the map: its number, centre, radius, shape and desired point (if any)."""

    n: int
    x: float
    y: float
    r: float
    shape: str  # ally / neutral / opponent
    goal: tuple[float, float] | None


@dataclass(frozen=True)
class Layout:
    """Everything drawn on the map, in SVG units."""

    view: str
    markers: list[Marker]
    more: list[tuple[float, float, int]]  # (x, y, how many not drawn) per crowded cell


# The scale runs from LO to HI: the margins beyond 0.5 and 5.5 hold the quadrant labels, and 3
# stays exactly in the middle.
LO, HI = 0.1, 5.9


def _cx(v: float) -> float:
    return LEFT + (v - LO) / (HI - LO) * PLOT_W


def _cy(v: float) -> float:
    return TOP + (HI - v) / (HI - LO) * PLOT_H


def layout(plan: model.Plan, view: str | None = None) -> Layout:
    """Where each actor goes: up to six per cell, the rest counted as "+n" (deterministic)."""
    view = view or plan.map_view
    x_axis, y_axis = places.AXES[view]
    cells: dict[tuple[int, int], list[tuple[int, model.Actor]]] = {}
    for n, a in enumerate(plan.actors, start=1):
        cells.setdefault((getattr(a, x_axis), getattr(a, y_axis)), []).append((n, a))
    markers, more = [], []
    ghosts: dict[tuple[int, int], set] = {}  # places taken by desired positions, per cell
    for (xv, yv), items in sorted(cells.items()):
        cx, cy = _cx(xv), _cy(yv)
        shown = items if len(items) <= len(SLOTS) else items[: len(SLOTS) - 1]
        slots = _slots(len(items))
        for (n, a), (dx, dy) in zip(shown, slots, strict=False):
            r = 6 + a.influence if view == "aiim" else 10
            goal = None
            target = (a.goal(x_axis), a.goal(y_axis))
            if a.moves() and target != (xv, yv):  # a change on the third axis is in the key
                used = ghosts.setdefault(target, set())
                free = [g for g in GHOST_SLOTS if g not in used] or GHOST_SLOTS
                cx0, cy0 = _cx(target[0]), _cy(target[1])
                x0, y0 = cx + dx, cy + dy  # the nearest free place, so arrows do not cross
                gx, gy = min(free, key=lambda g: (cx0 + g[0] - x0) ** 2 + (cy0 + g[1] - y0) ** 2)
                used.add((gx, gy))
                goal = (cx0 + gx, cy0 + gy)
            markers.append(Marker(n, cx + dx, cy + dy, r, a.position, goal))
        if len(items) > len(shown):
            dx, dy = SLOTS[-1]
            more.append((cx + dx, cy + dy, len(items) - len(shown)))
    return Layout(view, markers, more)


def _slots(count: int) -> list[tuple[int, int]]:
    """Offsets from a cell's centre for ``count`` markers: one row when they fit."""
    if count == 1:
        return [(0, 0)]
    if count == 2:
        return [(-11, 0), (11, 0)]
    if count == 3:
        return [(-21, 0), (0, 0), (21, 0)]
    return SLOTS


def _axis_titles(view: str) -> tuple[str, str]:
    t = content.load().text
    x_axis, y_axis = places.AXES[view]
    return t(f"ws.field.{x_axis}"), t(f"ws.field.{y_axis}")


def _shape_svg(m: Marker, cls: str, x: float, y: float) -> str:
    r = m.r
    if m.shape == "ally":
        return f'<circle class="{cls}" cx="{x:.1f}" cy="{y:.1f}" r="{r:.1f}"/>'
    if m.shape == "opponent":
        pts = f"{x:.1f},{y - r * 1.15:.1f} {x + r * 1.1:.1f},{y + r * 0.8:.1f} "
        pts += f"{x - r * 1.1:.1f},{y + r * 0.8:.1f}"
        return f'<polygon class="{cls}" points="{pts}"/>'
    s = r * 0.9
    return f'<rect class="{cls}" x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}"/>'


def map_svg(plan: model.Plan, view: str | None = None, uid: str = "ws-map") -> str:
    """The plan's map as an accessible SVG string, themed by the page (deterministic).

    ``uid`` prefixes the element ids, so that two maps can share a page."""
    view = view or plan.map_view
    t = content.load().text
    lay = layout(plan, view)
    qs = places.quadrants(view)  # tr, tl, br, bl
    mid_x, mid_y = _cx(3), _cy(3)
    x_title, y_title = _axis_titles(view)
    desc = t(f"ws.map.desc_{view}")
    p = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="{uid}-title {uid}-desc" class="course-ws-svg course-ws-svg-{view}">',
        f'<title id="{uid}-title">{escape(t("ws.map.title_" + view))}</title>',
        f'<desc id="{uid}-desc">{escape(desc)}</desc>',
        f'<defs><marker id="{uid}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
        'markerHeight="7" orient="auto-start-reverse"><path class="ws-arrowhead" '
        'd="M0,0 L10,5 L0,10 z"/></marker></defs>',
        f'<rect class="ws-bg" x="0" y="0" width="{WIDTH}" height="{HEIGHT}"/>',
    ]
    boxes = [
        (mid_x, TOP, LEFT + PLOT_W - mid_x, mid_y - TOP, "tr"),
        (LEFT, TOP, mid_x - LEFT, mid_y - TOP, "tl"),
        (mid_x, mid_y, LEFT + PLOT_W - mid_x, TOP + PLOT_H - mid_y, "br"),
        (LEFT, mid_y, mid_x - LEFT, TOP + PLOT_H - mid_y, "bl"),
    ]
    for (x, y, w, h, corner), q in zip(boxes, qs, strict=True):
        p.append(
            f'<rect class="ws-q ws-q-{corner}" x="{x:.1f}" y="{y:.1f}" width="{w:.1f}" '
            f'height="{h:.1f}"/>'
        )
        anchor, tx = ("end", x + w - 6) if corner[1] == "r" else ("start", x + 6)
        ty = y + 16 if corner[0] == "t" else y + h - 7
        p.append(
            f'<text class="ws-qlabel" x="{tx:.1f}" y="{ty:.1f}" text-anchor="{anchor}">'
            f"{escape(q.label)}</text>"
        )
    for v in range(1, 6):
        p.append(
            f'<line class="ws-grid" x1="{_cx(v):.1f}" y1="{TOP}" x2="{_cx(v):.1f}" '
            f'y2="{TOP + PLOT_H}"/><line class="ws-grid" x1="{LEFT}" y1="{_cy(v):.1f}" '
            f'x2="{LEFT + PLOT_W}" y2="{_cy(v):.1f}"/>'
            f'<text class="ws-tick" x="{_cx(v):.1f}" y="{TOP + PLOT_H + 15}" '
            f'text-anchor="middle">{v}</text>'
            f'<text class="ws-tick" x="{LEFT - 7}" y="{_cy(v) + 4:.1f}" text-anchor="end">{v}</text>'
        )
    p.append(
        f'<line class="ws-mid" x1="{mid_x:.1f}" y1="{TOP}" x2="{mid_x:.1f}" y2="{TOP + PLOT_H}"/>'
        f'<line class="ws-mid" x1="{LEFT}" y1="{mid_y:.1f}" x2="{LEFT + PLOT_W}" y2="{mid_y:.1f}"/>'
        f'<text class="ws-axis" x="{LEFT + PLOT_W / 2:.0f}" y="{HEIGHT - 8}" '
        f'text-anchor="middle">{escape(x_title)} →</text>'
        f'<text class="ws-axis" x="14" y="{TOP + PLOT_H / 2:.0f}" text-anchor="middle" '
        f'transform="rotate(-90 14 {TOP + PLOT_H / 2:.0f})">{escape(y_title)} →</text>'
    )
    for m in lay.markers:
        if m.goal:
            gx, gy = m.goal
            x1, y1 = _short_end(m.x, m.y, gx, gy, m.r + 2)
            p.append(
                f'<line class="ws-move" x1="{m.x:.1f}" y1="{m.y:.1f}" x2="{x1:.1f}" '
                f'y2="{y1:.1f}" marker-end="url(#{uid}-arrow)"/>'
                f'<g class="ws-goal">{_shape_svg(m, "ws-ghost", gx, gy)}'
                f'<text class="ws-goalnum" x="{gx:.1f}" y="{gy + 3.6:.1f}" text-anchor="middle" '
                f'font-size="10">{m.n}</text></g>'
            )
    for m in lay.markers:
        p.append(f'<g class="ws-actor ws-{m.shape}">')
        p.append(_shape_svg(m, "ws-mark", m.x, m.y))
        size = 10 if m.n < 100 else 8
        p.append(
            f'<text class="ws-num" x="{m.x:.1f}" y="{m.y + size * 0.36:.1f}" '
            f'text-anchor="middle" font-size="{size}">{m.n}</text></g>'
        )
    for x, y, k in lay.more:
        p.append(
            f'<text class="ws-more" x="{x:.1f}" y="{y + 4:.1f}" text-anchor="middle">+{k}</text>'
        )
    p.append("</svg>")
    return "".join(p)


def _short_end(x0: float, y0: float, x1: float, y1: float, by: float) -> tuple[float, float]:
    """The end of a line from (x0, y0) to (x1, y1), stopped ``by`` units before it."""
    length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5
    if length <= by:
        return x1, y1
    k = (length - by) / length
    return x0 + (x1 - x0) * k, y0 + (y1 - y0) * k


def legend_html(view: str) -> str:
    """The map's legend (shapes, sizes, arrows, the line at 3) as HTML that wraps on a phone."""
    t = content.load().text
    ws = content.load().worksheet
    shapes = {"ally": "●", "neutral": "■", "opponent": "▲"}
    items = [
        f'<li><span class="ws-key-{p.id}" aria-hidden="true">{shapes[p.id]}</span> '
        f"{escape(t('ws.legend.' + p.id))}</li>"
        for p in ws.positions
    ]
    if view == "aiim":
        items.append(f"<li>{escape(t('ws.legend.size'))}</li>")
    items.append(f"<li>{escape(t('ws.legend.arrow'))}</li>")
    items.append(f"<li>{escape(t('ws.legend.line'))}</li>")
    return f'<ul class="course-ws-legend">{"".join(items)}</ul>'


def _goal_words(a: model.Actor) -> str:
    t = content.load().text
    parts = [
        t("ws.text.goal_part", axis=t(f"ws.field.{x}").lower(), now=getattr(a, x), goal=a.goal(x))
        for x in ("alignment", "interest", "influence")
        if a.goal(x) != getattr(a, x)
    ]
    return t("ws.text.goal", parts="; ".join(parts)) if parts else ""


def actor_sentence(n: int, a: model.Actor, view: str) -> str:
    """One actor in a plain sentence: where it is on the map and where the coalition wants it."""
    c = content.load()
    t, ws = c.text, c.worksheet
    s = t(
        "ws.text.actor",
        n=n,
        name=a.name,
        type=model.label(ws.actor_types, a.type),
        where=places.placement_label(a, view),
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
    out = [f'<h4>{escape(t("ws.map.text"))}</h4><div class="course-ws-key">']
    for q, actors in places.by_quadrant(plan, view):
        if not actors:
            continue
        title = f"{q.label}: {q.rule}" if q else t("ws.map.on_line")
        items = "".join(
            f"<li>{escape(actor_sentence(numbers[id(a)], a, view))}</li>" for a in actors
        )
        out.append(f"<h5>{escape(title)}</h5><ul>{items}</ul>")
    out.append("</div>")
    return "".join(out)


# --- PNG for the Word and Excel files ------------------------------------------------------------
PNG_COLOURS = {
    "bg": "#ffffff",
    "q": {"tr": "#e8f1fb", "tl": "#f6f8fa", "br": "#f6f8fa", "bl": "#ffffff"},
    "grid": "#d0d7de",
    "mid": "#24292f",
    "text": "#24292f",
    "move": "#0b4f9c",
}


def map_png(plan: model.Plan, view: str | None = None, scale: float = 2.5) -> bytes:
    """The map as a PNG for printing (Pillow, imported here), with its legend drawn in."""
    from PIL import Image, ImageDraw, ImageFont

    view = view or plan.map_view
    c = content.load()
    t, ws = c.text, c.worksheet
    lay = layout(plan, view)
    legend_h = 86
    w, h = int(WIDTH * scale), int((HEIGHT + legend_h) * scale)
    img = Image.new("RGB", (w, h), PNG_COLOURS["bg"])
    d = ImageDraw.Draw(img)

    def font(size: float):
        return ImageFont.load_default(size=max(8, int(size * scale)))

    def S(v: float) -> float:
        return v * scale

    f_label, f_tick, f_num, f_small = font(12), font(10.5), font(10), font(10)
    mid_x, mid_y = _cx(3), _cy(3)
    boxes = [
        (mid_x, TOP, LEFT + PLOT_W, mid_y, "tr"),
        (LEFT, TOP, mid_x, mid_y, "tl"),
        (mid_x, mid_y, LEFT + PLOT_W, TOP + PLOT_H, "br"),
        (LEFT, mid_y, mid_x, TOP + PLOT_H, "bl"),
    ]
    for (x0, y0, x1, y1, corner), q in zip(boxes, places.quadrants(view), strict=True):
        d.rectangle([S(x0), S(y0), S(x1), S(y1)], fill=PNG_COLOURS["q"][corner])
        anchor = ("r" if corner[1] == "r" else "l") + ("a" if corner[0] == "t" else "d")
        tx = x1 - 6 if corner[1] == "r" else x0 + 6
        ty = y0 + 5 if corner[0] == "t" else y1 - 5
        d.text((S(tx), S(ty)), q.label, fill=PNG_COLOURS["text"], font=f_label, anchor=anchor)
    for v in range(1, 6):
        d.line([S(_cx(v)), S(TOP), S(_cx(v)), S(TOP + PLOT_H)], fill=PNG_COLOURS["grid"])
        d.line([S(LEFT), S(_cy(v)), S(LEFT + PLOT_W), S(_cy(v))], fill=PNG_COLOURS["grid"])
        d.text((S(_cx(v)), S(TOP + PLOT_H + 4)), str(v), fill="#24292f", font=f_tick, anchor="ma")
        d.text((S(LEFT - 7), S(_cy(v))), str(v), fill="#24292f", font=f_tick, anchor="rm")
    d.line([S(mid_x), S(TOP), S(mid_x), S(TOP + PLOT_H)], fill=PNG_COLOURS["mid"], width=3)
    d.line([S(LEFT), S(mid_y), S(LEFT + PLOT_W), S(mid_y)], fill=PNG_COLOURS["mid"], width=3)
    x_title, y_title = _axis_titles(view)
    d.text(
        (S(LEFT + PLOT_W / 2), S(HEIGHT - 8)), x_title, fill="#24292f", font=f_label, anchor="md"
    )
    side = Image.new("RGBA", (int(S(PLOT_H)), int(S(20))), (0, 0, 0, 0))
    ImageDraw.Draw(side).text(
        (side.width / 2, side.height / 2), y_title, fill="#24292f", font=f_label, anchor="mm"
    )
    side = side.rotate(90, expand=True)
    img.paste(side, (int(S(4)), int(S(TOP))), side)
    for m in lay.markers:
        if m.goal:
            gx, gy = m.goal
            ex, ey = _short_end(m.x, m.y, gx, gy, m.r + 2)
            _arrow_png(d, S(m.x), S(m.y), S(ex), S(ey), scale)
            _shape_png(d, Marker(m.n, gx, gy, m.r, m.shape, None), S, None, COLOURS[m.shape])
            d.text((S(gx), S(gy)), str(m.n), fill=COLOURS[m.shape], font=f_num, anchor="mm")
    for m in lay.markers:
        _shape_png(d, m, S, COLOURS[m.shape])
        d.text((S(m.x), S(m.y)), str(m.n), fill="#ffffff", font=f_num, anchor="mm")
    for x, y, k in lay.more:
        d.text((S(x), S(y)), f"+{k}", fill="#24292f", font=f_small, anchor="mm")
    # legend below the plot, in two columns
    items: list[tuple[str | None, str]] = [(p.id, t("ws.legend." + p.id)) for p in ws.positions]
    items.append(("arrow", t("ws.legend.arrow_short")))
    if view == "aiim":
        items.append((None, t("ws.legend.size")))
    items.append((None, t("ws.legend.line")))
    col_w = PLOT_W / 2
    for i, (icon, text) in enumerate(items):
        x = LEFT + (i % 2) * col_w
        y = HEIGHT + 10 + (i // 2) * 26
        if icon == "arrow":
            _arrow_png(d, S(x), S(y), S(x + 16), S(y), scale)
        elif icon:
            _shape_png(d, Marker(0, x + 8, y, 6, icon, None), S, COLOURS[icon])
        tx = x + (22 if icon else 0)
        lines = _wrap(d, text, f_small, S(col_w - (tx - x) - 6))
        for k, line in enumerate(lines[:2]):
            d.text((S(tx), S(y + k * 11)), line, fill="#24292f", font=f_small, anchor="lm")
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=False, compress_level=3)
    return buf.getvalue()


def _shape_png(d, m: Marker, S, colour: str | None, outline: str | None = None) -> None:
    x, y, r = S(m.x), S(m.y), S(m.r)
    width = 3 if outline else 1
    fill = colour if colour else "#ffffff"
    if m.shape == "ally":
        d.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline=outline, width=width)
    elif m.shape == "opponent":
        points = [(x, y - r * 1.15), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
        d.polygon(points, fill=fill, outline=outline, width=width)
    else:
        s = r * 0.9
        d.rectangle([x - s, y - s, x + s, y + s], fill=fill, outline=outline, width=width)


def _wrap(d, text: str, font, width: float) -> list[str]:
    """Words of ``text`` in lines no wider than ``width`` pixels."""
    lines: list[str] = []
    for word in text.split():
        if lines and d.textlength(lines[-1] + " " + word, font=font) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def _arrow_png(d, x0: float, y0: float, x1: float, y1: float, scale: float) -> None:
    import math

    colour = PNG_COLOURS["move"]
    d.line([x0, y0, x1, y1], fill=colour, width=max(2, int(1.6 * scale)))
    angle = math.atan2(y1 - y0, x1 - x0)
    size = 7 * scale
    left = (x1 - size * math.cos(angle - 0.45), y1 - size * math.sin(angle - 0.45))
    right = (x1 - size * math.cos(angle + 0.45), y1 - size * math.sin(angle + 0.45))
    d.polygon([(x1, y1), left, right], fill=colour)
