"""The stakeholder map as SVG text, drawn without matplotlib so the page stays light.

Interest runs across, influence runs up, each on the 1-5 scale; the grid is split into the four
quadrants of ``course_data/actors.yaml`` (``mapping.grid``) at ``worksheet.yaml``'s ``high_from``.
Actors are numbered markers whose shape shows their position (not colour alone); every text is
escaped. The numbers match the text version of the map.
"""

from __future__ import annotations

from html import escape

from .. import content
from . import model

CELL_W, CELL_H = 120, 76
LEFT, TOP = 64, 34
PLOT_W, PLOT_H = CELL_W * 5, CELL_H * 5
WIDTH, HEIGHT = LEFT + PLOT_W + 16, TOP + PLOT_H + 70
PER_CELL = 3
LABEL_CHARS = 13
COLOURS = {"ally": "#1a7f37", "neutral": "#57606a", "opponent": "#b42318"}


def _short(name: str, n: int = LABEL_CHARS) -> str:
    return name if len(name) <= n else name[: n - 1] + "…"


def _marker(kind: str, x: float, y: float, colour: str) -> str:
    if kind == "ally":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="8" fill="{colour}"/>'
    if kind == "opponent":
        return (
            f'<polygon points="{x:.1f},{y - 9:.1f} {x + 9:.1f},{y + 7:.1f} {x - 9:.1f},{y + 7:.1f}"'
            f' fill="{colour}"/>'
        )
    return f'<rect x="{x - 7.5:.1f}" y="{y - 7.5:.1f}" width="15" height="15" fill="{colour}"/>'


def map_svg(plan: model.Plan) -> str:
    """The plan's stakeholder map as an accessible SVG string (deterministic)."""
    c = content.load()
    t = c.text
    high = c.worksheet.high_from
    quads = {q.id: q.label for q in c.mapping.grid.quadrants}
    qids = [q.id for q in c.mapping.grid.quadrants]
    split_x = LEFT + (high - 1) * CELL_W
    split_y = TOP + (5 - high + 1) * CELL_H  # influence high_from and above is above this line
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
        f'aria-labelledby="ws-map-title ws-map-desc" class="course-ws-svg" '
        f'style="max-width:{WIDTH}px;width:100%;height:auto;font-family:sans-serif">',
        f'<title id="ws-map-title">{escape(t("ws.map.title"))}</title>',
        f'<desc id="ws-map-desc">{escape(t("ws.map.desc"))}</desc>',
        f'<rect x="0" y="0" width="{WIDTH}" height="{HEIGHT}" fill="#ffffff"/>',
    ]
    # quadrant backgrounds: top-left keep-satisfied, top-right manage-closely, etc.
    boxes = [
        (qids[1], LEFT, TOP, split_x - LEFT, split_y - TOP, "#f6f8fa"),
        (qids[0], split_x, TOP, LEFT + PLOT_W - split_x, split_y - TOP, "#eef4fb"),
        (qids[3], LEFT, split_y, split_x - LEFT, TOP + PLOT_H - split_y, "#ffffff"),
        (qids[2], split_x, split_y, LEFT + PLOT_W - split_x, TOP + PLOT_H - split_y, "#f6f8fa"),
    ]
    for _qid, x, y, w, h, fill in boxes:
        parts.append(f'<rect x="{x}" y="{y}" width="{w}" height="{h}" fill="{fill}"/>')
    for i in range(6):
        parts.append(
            f'<line x1="{LEFT + i * CELL_W}" y1="{TOP}" x2="{LEFT + i * CELL_W}" '
            f'y2="{TOP + PLOT_H}" stroke="#d0d7de" stroke-width="1"/>'
            f'<line x1="{LEFT}" y1="{TOP + i * CELL_H}" x2="{LEFT + PLOT_W}" '
            f'y2="{TOP + i * CELL_H}" stroke="#d0d7de" stroke-width="1"/>'
        )
    parts.append(
        f'<line x1="{split_x}" y1="{TOP}" x2="{split_x}" y2="{TOP + PLOT_H}" stroke="#24292f" '
        f'stroke-width="2"/><line x1="{LEFT}" y1="{split_y}" x2="{LEFT + PLOT_W}" y2="{split_y}" '
        f'stroke="#24292f" stroke-width="2"/>'
    )
    # quadrant labels: above the plot for high influence, below the axis for low influence
    label_style = 'font-size="14" font-weight="bold" fill="#24292f" text-anchor="middle"'
    for qid, x, w, y in (
        (qids[1], LEFT, split_x - LEFT, TOP - 12),
        (qids[0], split_x, LEFT + PLOT_W - split_x, TOP - 12),
        (qids[3], LEFT, split_x - LEFT, HEIGHT - 10),
        (qids[2], split_x, LEFT + PLOT_W - split_x, HEIGHT - 10),
    ):
        parts.append(f'<text x="{x + w / 2:.0f}" y="{y}" {label_style}>{escape(quads[qid])}</text>')
    # axes: tick numbers and titles
    for v in range(1, 6):
        parts.append(
            f'<text x="{LEFT + (v - 0.5) * CELL_W:.0f}" y="{TOP + PLOT_H + 16}" font-size="12" '
            f'text-anchor="middle" fill="#24292f">{v}</text>'
            f'<text x="{LEFT - 8}" y="{TOP + (5 - v + 0.5) * CELL_H + 4:.0f}" font-size="12" '
            f'text-anchor="end" fill="#24292f">{v}</text>'
        )
    parts.append(
        f'<text x="{LEFT + PLOT_W / 2:.0f}" y="{TOP + PLOT_H + 34}" font-size="13" '
        f'text-anchor="middle" fill="#24292f">{escape(t("ws.map.x"))} →</text>'
        f'<text x="16" y="{TOP + PLOT_H / 2:.0f}" font-size="13" text-anchor="middle" '
        f'fill="#24292f" transform="rotate(-90 16 {TOP + PLOT_H / 2:.0f})">'
        f"{escape(t('ws.map.y'))} →</text>"
    )
    # actors, numbered in plan order, up to PER_CELL per cell
    cells: dict[tuple[int, int], list[tuple[int, model.Actor]]] = {}
    for n, a in enumerate(plan.actors, start=1):
        cells.setdefault((a.interest, a.influence), []).append((n, a))
    for (interest, influence), items in sorted(cells.items()):
        x0 = LEFT + (interest - 1) * CELL_W
        y0 = TOP + (5 - influence) * CELL_H
        shown = items[:PER_CELL] if len(items) <= PER_CELL else items[: PER_CELL - 1]
        for row, (n, a) in enumerate(shown):
            y = y0 + 14 + row * 23
            colour = COLOURS.get(a.position, COLOURS["neutral"])
            parts.append(_marker(a.position, x0 + 13, y, colour))
            parts.append(
                f'<text x="{x0 + 25}" y="{y + 4:.0f}" font-size="11" fill="#24292f">'
                f"{n}. {escape(_short(a.name))}</text>"
            )
        if len(items) > len(shown):
            more = t("ws.map.more", n=len(items) - len(shown))
            parts.append(
                f'<text x="{x0 + 6}" y="{y0 + 14 + len(shown) * 23 + 4}" font-size="11" '
                f'font-style="italic" fill="#24292f">{escape(more)}</text>'
            )
    parts.append("</svg>")
    return "".join(parts)


def map_text_html(plan: model.Plan) -> str:
    """The text version of the map: each quadrant with its numbered actors (escaped HTML)."""
    c = content.load()
    t = c.text
    ws = c.worksheet
    numbers = {id(a): n for n, a in enumerate(plan.actors, start=1)}
    out = [f"<h4>{escape(t('ws.map.text'))}</h4><ul>"]
    for q, actors in model.by_quadrant(plan):
        items = "".join(
            f"<li>{numbers[id(a)]}. {escape(a.name)} ({escape(model.label(ws.actor_types, a.type))}; "
            f"{escape(model.label(ws.positions, a.position))}; "
            f"{escape(t('ws.field.influence'))} {a.influence}, "
            f"{escape(t('ws.field.interest'))} {a.interest})</li>"
            for a in actors
        )
        body = f"<ul>{items}</ul>" if items else f" ({escape(t('ws.summary.none'))})"
        out.append(f"<li><strong>{escape(q.label)}</strong> ({escape(q.rule)}){body}</li>")
    out.append("</ul>")
    return "".join(out)
