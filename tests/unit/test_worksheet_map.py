"""The stakeholder map: one layout, drawn as SVG (page) and PNG (files); both draw the same."""

from __future__ import annotations

import re

import pytest

from widgets.planning import chart, chart_png, loading
from widgets.planning.worksheet import Worksheet

SCALE = 2.0
SVG_TEXT = re.compile(r'<text class="ws-(\w+)" x="([-\d.]+)" y="([-\d.]+)"[^>]*>([^<]*)</text>')


def crowded_plan():
    """The example plus nine actors in one cell and one with a desired position."""
    w = Worksheet(loading.example_plan())
    for i in range(9):
        w.add_actor(name=f"Crowd {i}", type="ngo", alignment=4, interest=2)
    w.add_actor(name="Moving", type="ngo", alignment=1, interest=1, goal_alignment=5)
    return w.plan


def svg_texts(svg: str) -> set[tuple[str, float, float, str]]:
    return {(k, round(float(x), 1), round(float(y), 1), t) for k, x, y, t in SVG_TEXT.findall(svg)}


def png_texts(plan, view, monkeypatch) -> list[tuple[float, float, str]]:
    """Every text the PNG draws straight on the image, at its place in SVG units."""
    from PIL import ImageDraw

    drawn = []
    real = ImageDraw.ImageDraw.text

    def record(self, xy, text, *args, **kwargs):
        drawn.append((round(xy[0] / SCALE, 1), round(xy[1] / SCALE, 1), text))
        return real(self, xy, text, *args, **kwargs)

    monkeypatch.setattr(ImageDraw.ImageDraw, "text", record)
    chart_png.map_png(plan, view, scale=SCALE)
    return drawn


@pytest.mark.parametrize("view", ["aiim", "power"])
def test_the_page_and_the_image_draw_the_same_labels_and_markers(view, monkeypatch):
    plan = crowded_plan()
    lay = chart.layout(plan, view)
    svg = svg_texts(chart.map_svg(plan, view))
    png = png_texts(plan, view, monkeypatch)
    flat = [lab for lab in lay.labels if not lab.rotate]
    assert flat and lay.markers
    for lab in flat:  # quadrant labels, ticks, the horizontal axis title, "+n"
        text = f"{lab.text} →" if lab.arrow else lab.text
        assert (lab.kind, round(lab.x, 1), round(lab.y, 1), text) in svg
        assert (round(lab.x, 1), round(lab.y, 1), lab.text) in png
    for m in lay.markers:  # each actor's number at its marker, in both
        assert ("num", round(m.x, 1), round(m.y, 1), str(m.n)) in svg
        assert (round(m.x, 1), round(m.y, 1), str(m.n)) in png
    drawn = {t for _, _, t in png}
    numbers = {str(m.n) for m in lay.markers}
    assert {t for k, _, _, t in svg if k == "num"} == numbers
    more = [lab.text for lab in lay.labels if lab.kind == "more"]
    assert more and set(more) <= drawn  # a crowded cell says how many more, in both


def test_a_crowded_cell_shows_as_many_markers_on_the_page_as_in_the_image(monkeypatch):
    plan = crowded_plan()
    lay = chart.layout(plan)
    crowd = [m for m in lay.markers if m.n > len(loading.example_plan().actors)]
    cell = [m for m in crowd if m.n <= len(plan.actors) - 1]  # the nine in one cell
    assert len(cell) == len(chart.SLOTS) - 1
    svg = chart.map_svg(plan)
    assert svg.count('class="ws-num"') == len(lay.markers)
    png = png_texts(plan, None, monkeypatch)
    assert sum(1 for *_, t in png if t in {str(m.n) for m in lay.markers}) >= len(lay.markers)


def test_the_legend_is_the_same_on_the_page_and_in_the_image(monkeypatch):
    from widgets import ui

    plan = loading.example_plan()
    items = chart.legend_items(plan.map_view)
    html = chart.legend_html(plan.map_view)
    assert html.count("<li") == len(items)
    drawn = " ".join(t for *_, t in png_texts(plan, None, monkeypatch))
    for _icon, key in items:
        words = ui.t(chart_png._SHORT.get(key, key)).split()
        assert words[0] in drawn and ui.t(key) in html
