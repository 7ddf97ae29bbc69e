"""The stakeholder map as a PNG for the Word and Excel files (Pillow, imported when drawing).

It draws :func:`chart.layout`, the same layout as the page's SVG, on white for printing, with
the legend below the plot.
"""

from __future__ import annotations

import io
import math
from dataclasses import replace

from .. import ui
from . import model
from .chart import (
    HEIGHT,
    LEFT,
    PLOT_H,
    PLOT_W,
    WIDTH,
    Label,
    Layout,
    Marker,
    layout,
    legend_items,
    number_size,
    position,
    short_end,
)

PNG_COLOURS = {
    "bg": "#ffffff",
    "q": {"tr": "#e8f1fb", "tl": "#f6f8fa", "br": "#f6f8fa", "bl": "#ffffff"},
    "grid": "#d0d7de",
    "mid": "#24292f",
    "text": "#24292f",
    "move": "#0b4f9c",
}
LEGEND_H = 86
#: Pillow's anchors for a label's horizontal and vertical alignment.
_H = {"start": "l", "middle": "m", "end": "r"}
_V = {"top": "a", "middle": "m", "bottom": "d"}
#: Legend texts shortened to fit a column of the image.
_SHORT = {"ws.legend.arrow": "ws.legend.arrow_short"}


class _Canvas:
    """A Pillow drawing in SVG units: every coordinate is multiplied by ``scale``."""

    def __init__(self, scale: float):
        from PIL import Image, ImageDraw

        self.scale = scale
        self._fonts: dict[int, object] = {}
        size = (int(WIDTH * scale), int((HEIGHT + LEGEND_H) * scale))
        self.img = Image.new("RGB", size, PNG_COLOURS["bg"])
        self.d = ImageDraw.Draw(self.img)

    def font(self, size: float):
        """Pillow's own font at ``size`` (SVG units), loaded once per size."""
        from PIL import ImageFont

        px = max(8, int(size * self.scale))
        if px not in self._fonts:
            self._fonts[px] = ImageFont.load_default(size=px)
        return self._fonts[px]

    def S(self, v: float) -> float:
        return v * self.scale

    def text(self, lab: Label, fill: str = PNG_COLOURS["text"]) -> None:
        anchor = _H[lab.h] + _V[lab.v]
        self.d.text(
            (self.S(lab.x), self.S(lab.y)),
            lab.text,
            fill=fill,
            font=self.font(lab.size),
            anchor=anchor,
        )
        if lab.arrow:
            end = self.S(lab.x) + self.d.textlength(lab.text, font=self.font(lab.size)) / 2
            y = self.S(lab.y - lab.size / 2)
            arrow(self.d, end + self.S(4), y, end + self.S(16), y, self.scale)

    def rotated(self, lab: Label) -> None:
        """A label turned a quarter left (the vertical axis's title), with its arrow."""
        from PIL import Image, ImageDraw

        side = Image.new("RGBA", (int(self.S(PLOT_H)), int(self.S(20))), (0, 0, 0, 0))
        d = ImageDraw.Draw(side)
        font = self.font(lab.size)
        d.text(
            (side.width / 2, side.height / 2),
            lab.text,
            fill=PNG_COLOURS["text"],
            font=font,
            anchor="mm",
        )
        if lab.arrow:
            end = side.width / 2 + d.textlength(lab.text, font=font) / 2
            arrow(
                d, end + self.S(4), side.height / 2, end + self.S(16), side.height / 2, self.scale
            )
        side = side.rotate(90, expand=True)
        x, y = self.S(lab.x) - side.width / 2, self.S(lab.y) - side.height / 2
        self.img.paste(side, (int(x), int(y)), side)

    def shape(self, m: Marker, colour: str | None, outline: str | None = None) -> None:
        x, y, r = self.S(m.x), self.S(m.y), self.S(m.r)
        width = 3 if outline else 1
        fill = colour or "#ffffff"
        if m.shape == "circle":
            self.d.ellipse([x - r, y - r, x + r, y + r], fill=fill, outline=outline, width=width)
        elif m.shape == "triangle":
            points = [(x, y - r * 1.15), (x + r * 1.1, y + r * 0.8), (x - r * 1.1, y + r * 0.8)]
            self.d.polygon(points, fill=fill, outline=outline, width=width)
        else:
            s = r * 0.9
            self.d.rectangle([x - s, y - s, x + s, y + s], fill=fill, outline=outline, width=width)


def arrow(d, x0: float, y0: float, x1: float, y1: float, scale: float) -> None:
    """An arrow from (x0, y0) to (x1, y1), in pixels."""
    colour = PNG_COLOURS["move"]
    d.line([x0, y0, x1, y1], fill=colour, width=max(2, int(1.6 * scale)))
    angle = math.atan2(y1 - y0, x1 - x0)
    size = 7 * scale
    left = (x1 - size * math.cos(angle - 0.45), y1 - size * math.sin(angle - 0.45))
    right = (x1 - size * math.cos(angle + 0.45), y1 - size * math.sin(angle + 0.45))
    d.polygon([(x1, y1), left, right], fill=colour)


def _plot(c: _Canvas, lay: Layout) -> None:
    S = c.S
    for b in lay.boxes:
        c.d.rectangle([S(b.x0), S(b.y0), S(b.x1), S(b.y1)], fill=PNG_COLOURS["q"][b.corner])
    for x0, y0, x1, y1 in lay.grid:
        c.d.line([S(x0), S(y0), S(x1), S(y1)], fill=PNG_COLOURS["grid"])
    for x0, y0, x1, y1 in lay.middle:
        c.d.line([S(x0), S(y0), S(x1), S(y1)], fill=PNG_COLOURS["mid"], width=3)
    for lab in lay.labels:
        if lab.kind != "more":
            c.rotated(lab) if lab.rotate else c.text(lab)


def _markers(c: _Canvas, lay: Layout) -> None:
    S = c.S
    for m in lay.markers:
        if m.goal:
            gx, gy = m.goal
            ex, ey = short_end(m.x, m.y, gx, gy, m.r + 2)
            arrow(c.d, S(m.x), S(m.y), S(ex), S(ey), c.scale)
            c.shape(replace(m, x=gx, y=gy, goal=None), None, m.colour)
            c.text(Label(gx, gy, str(m.n), "goalnum", number_size(m)), m.colour)
    for m in lay.markers:
        c.shape(m, m.colour)
        c.text(Label(m.x, m.y, str(m.n), "num", number_size(m)), "#ffffff")
    for lab in lay.labels:
        if lab.kind == "more":
            c.text(lab)


def _legend(c: _Canvas, view: str) -> None:
    """The legend below the plot, in two columns."""
    S, font = c.S, c.font(10)
    col_w = PLOT_W / 2
    for i, (icon, key) in enumerate(legend_items(view)):
        x = LEFT + (i % 2) * col_w
        y = HEIGHT + 10 + (i // 2) * 26
        if icon == "arrow":
            arrow(c.d, S(x), S(y), S(x + 16), S(y), c.scale)
        elif icon:
            p = position(icon)
            c.shape(Marker(0, x + 8, y, 6, p.id, p.shape, p.colour, None), p.colour)
        tx = x + (22 if icon else 0)
        lines = _wrap(c.d, ui.t(_SHORT.get(key, key)), font, S(col_w - (tx - x) - 6))
        for k, line in enumerate(lines[:2]):
            c.d.text((S(tx), S(y + k * 11)), line, fill=PNG_COLOURS["text"], font=font, anchor="lm")


def _wrap(d, text: str, font, width: float) -> list[str]:
    """Words of ``text`` in lines no wider than ``width`` pixels."""
    lines: list[str] = []
    for word in text.split():
        if lines and d.textlength(lines[-1] + " " + word, font=font) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def map_png(plan: model.Plan, view: str | None = None, scale: float = 2.5) -> bytes:
    """The map as a PNG for printing, with its legend drawn in."""
    lay = layout(plan, view)
    c = _Canvas(scale)
    _plot(c, lay)
    _markers(c, lay)
    _legend(c, lay.view)
    buf = io.BytesIO()
    c.img.save(buf, format="PNG", optimize=False, compress_level=3)
    return buf.getvalue()
