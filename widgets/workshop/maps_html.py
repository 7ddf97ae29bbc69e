"""The dashboard's Groups tab as HTML: each group's influence/interest map side by side, then
all maps merged, showing where the groups disagree. Group names are escaped by construction."""

from __future__ import annotations

from .. import ui
from ..ui import Markup
from .report import Report
from .report_html import heading, para, table


def _number_boxes(points, where) -> list[tuple[float, float, float, float, float]]:
    """Where each dot and its number go: (x, y, number's left, right, baseline); a number moves
    right of any number already drawn that it would hide."""
    placed: list[tuple[float, float, float, float, float]] = []
    for n, p in enumerate(points, 1):
        x, y = where(p)
        width = 7 * len(str(n))
        x0, x1, ty = x + 6, x + 6 + width, y + 4
        while any(abs(ty - b[4]) < 11 and x0 < b[3] and b[2] < x1 for b in placed):
            x0, x1 = x1 + 2, x1 + 2 + width
        placed.append((x, y, x0, x1, ty))
    return placed


def map_svg(points, grid: int = 180, room: int = 40) -> Markup:
    """A small influence/interest grid (1-5) with each actor type as a dot numbered as in the
    table beside it (numbers stay readable where dots crowd; a number never hides another)."""
    left, top = 28, 10

    def where(p):
        return left + (p.interest - 1) / 4 * grid, top + grid - (p.influence - 1) / 4 * grid

    boxes = _number_boxes(points, where)
    width = max([left + grid + room] + [x1 + 4 for _x, _y, _x0, x1, _ty in boxes])
    height = top + grid + 30
    dots = Markup("").join(
        Markup(
            '<circle cx="{:.0f}" cy="{:.0f}" r="4"></circle><text x="{:.0f}" y="{:.0f}">{}</text>'
        ).format(x, y, x0, ty, n)
        for n, (x, y, x0, _x1, ty) in enumerate(boxes, 1)
    )
    mid_x, mid_y = left + grid / 2, top + grid / 2
    return Markup(
        '<svg class="course-group-map" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'aria-label="{label}"><rect x="{left}" y="{top}" width="{grid}" height="{grid}"></rect>'
        '<line x1="{mx}" y1="{top}" x2="{mx}" y2="{bottom}"></line>'
        '<line x1="{left}" y1="{my}" x2="{right}" y2="{my}"></line>'
        '<text x="{mx}" y="{ty}" text-anchor="middle">{interest} →</text>'
        '<text x="12" y="{my}" transform="rotate(-90 12 {my})" text-anchor="middle">'
        "{influence} →</text>{dots}</svg>"
    ).format(
        w=width,
        h=height,
        label=ui.t("dashboard.map_label"),
        left=left,
        top=top,
        grid=grid,
        mx=mid_x,
        my=mid_y,
        bottom=top + grid,
        right=left + grid,
        ty=height - 6,
        interest=ui.t("dashboard.interest"),
        influence=ui.t("dashboard.influence"),
        dots=dots,
    )


def _group_cards(report: Report) -> Markup:
    """One card per group: its map and the table of the actor types on it."""
    cards = []
    for m in report.group_maps:
        rows = [
            [
                f"{n}. {a.label}" + (f" ×{a.count}" if a.count > 1 else ""),
                f"{a.influence:.1f} / {a.interest:.1f}",
                ", ".join(p for p, _ in a.positions) or "-",
            ]
            for n, a in enumerate(m.actors, 1)
        ]
        cols = ["dashboard.col.type", "dashboard.col.placed", "dashboard.col.position"]
        cards.append(
            Markup('<section class="course-group-card"><h4>{}</h4>{}{}{}</section>').format(
                m.name,
                para(ui.tn("dashboard.plans_shared", m.plans), "course-hint"),
                map_svg(m.actors),
                table(cols, rows),
            )
        )
    return Markup('<div class="course-group-maps">{}</div>').format(Markup("").join(cards))


def _merged(report: Report) -> Markup:
    """All groups' maps merged: average placement, spread, positions, disagreement."""
    rows = [
        [
            a.label,
            a.groups,
            f"{a.influence:.1f}",
            f"{a.influence_spread:.1f}",
            f"{a.interest:.1f}",
            f"{a.interest_spread:.1f}",
            ", ".join(f"{p} ({n})" for p, n in a.positions) or "-",
            Markup("<strong>⚠ {}</strong>").format(ui.t("dashboard.disagree"))
            if a.disagree
            else "",
        ]
        for a in report.merged_map
    ]
    cols = ["col.type", "col.groups", "influence", "col.spread", "interest", "col.spread"]
    cols += ["col.position", "col.disagree"]
    return table([f"dashboard.{c}" for c in cols], rows, "course-merged-map")


def groups_html(report: Report) -> Markup:
    """Each group's map side by side, then all maps merged (where the groups disagree)."""
    h = []
    if report.groups:
        counts = {g: 0 for _, g in report.groups}
        for p in report.participants:
            if p.group in counts:
                counts[p.group] += 1
        listed = "; ".join(f"{name} ({n})" for name, n in counts.items())
        h.append(para(f"{ui.t('dashboard.groups_list')} {listed}"))
    else:
        h.append(para(ui.t("dashboard.groups_none")))
    h.append(heading(ui.t("dashboard.plans", n=report.shared_plans)))
    if not report.group_maps:
        return Markup("\n").join([*h, para(ui.t("dashboard.plans_none"))])
    h += [
        _group_cards(report),
        heading(ui.t("dashboard.merged")),
        para(ui.t("dashboard.merged_help")),
        _merged(report),
    ]
    if report.coalition_forms:
        cols = ["dashboard.col.what", "dashboard.col.choice", "dashboard.col.plans"]
        h += [heading(ui.t("dashboard.forms")), table(cols, report.coalition_forms)]
    return Markup("\n").join(h)
