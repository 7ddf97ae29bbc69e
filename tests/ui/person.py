"""Drive a page only the way a person can: the mouse wheel or a finger to scroll, then a click or
a tap on what is visible in the window, and the keyboard.

Playwright's own ``click()`` scrolls an element into view first, which hides pages that cannot
be scrolled at all; nothing here does that. Every action first scrolls with the wheel until
the element is inside the viewport (and fails if the wheel cannot get it there), then clicks
or taps at its centre.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

SIZES = {"laptop": (1366, 900), "phone": (390, 844)}
SHOTS = Path(__file__).resolve().parents[2] / "test-results"


@dataclass
class Person:
    """A page in a browser context of a given size, driven like a person would."""

    page: object
    touch: bool
    name: str = "person"
    _shot: int = 0

    # -- looking -------------------------------------------------------------------------------
    def scroll_y(self) -> float:
        return self.page.evaluate("() => window.scrollY")

    def box(self, selector: str, nth: int = 0) -> dict | None:
        """The element's box relative to the viewport (None if absent or not rendered)."""
        return self.page.evaluate(
            """([sel, nth]) => {
                const els = [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length);
                const el = els[nth]; if (!el) return null;
                const r = el.getBoundingClientRect();
                return {x: r.x, y: r.y, width: r.width, height: r.height,
                        vw: innerWidth, vh: innerHeight};
            }""",
            [selector, nth],
        )

    def in_view(self, b: dict | None) -> bool:
        return bool(
            b
            and b["width"] > 0
            and b["height"] > 0
            and b["y"] >= 0
            and b["y"] + min(b["height"], b["vh"]) <= b["vh"]
            and b["x"] >= 0
            and b["x"] + b["width"] <= b["vw"] + 1
        )

    def shot(self, label: str) -> Path:
        """A screenshot of what the person sees now, under ``test-results/``."""
        SHOTS.mkdir(exist_ok=True)
        self._shot += 1
        path = SHOTS / f"{self.name}-{self._shot:02d}-{label}.png"
        self.page.screenshot(path=str(path))
        return path

    # -- scrolling -----------------------------------------------------------------------------
    def wheel(self, dy: float) -> None:
        """Scroll by ``dy`` pixels: the mouse wheel on a laptop, a finger swipe on a phone."""
        vw, vh = self.page.evaluate("() => [innerWidth, innerHeight]")
        if self.touch:
            # A finger swipe: touch start, moves and end, as the screen reports them.
            cdp = self.page.context.new_cdp_session(self.page)
            x = vw * 0.5
            left = dy
            while abs(left) > 1:
                step = max(-vh * 0.6, min(vh * 0.6, left))
                y0 = vh * 0.5 + step / 2
                cdp.send(
                    "Input.dispatchTouchEvent",
                    {"type": "touchStart", "touchPoints": [{"x": x, "y": y0}]},
                )
                for i in range(1, 7):
                    y = y0 - step * i / 6
                    cdp.send(
                        "Input.dispatchTouchEvent",
                        {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]},
                    )
                # the finger rests before it lifts, so the page stops where the swipe ends (no fling)
                time.sleep(0.12)
                cdp.send(
                    "Input.dispatchTouchEvent",
                    {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]},
                )
                cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
                left -= step
            cdp.detach()
        else:
            self.page.mouse.move(vw * 0.5, vh * 0.5)
            self.page.mouse.wheel(0, dy)
        self.settle()

    def settle(self, timeout: float = 5) -> None:
        """Wait until the page stops moving (a swipe keeps scrolling for a moment)."""
        deadline = time.monotonic() + timeout
        last = None
        while time.monotonic() < deadline:
            time.sleep(0.12)
            y = self.scroll_y()
            if y == last:
                return
            last = y

    def scroll_to_bottom(self, limit: int = 80) -> None:
        """Scroll down until the page stops moving; fail if its end cannot be reached."""
        last = -1.0
        for _ in range(limit):
            self.wheel(700)
            y = self.scroll_y()
            if y == last:
                break
            last = y
        at_end = self.page.evaluate(
            "() => Math.ceil(scrollY + innerHeight) >= document.documentElement.scrollHeight - 2"
        )
        assert at_end, f"{self.name}: the wheel stopped at {last}px before the end of the page"

    def scroll_to_top(self) -> None:
        for _ in range(80):
            if self.scroll_y() <= 0:
                return
            self.wheel(-900)
        assert self.scroll_y() <= 0

    def bring_into_view(self, selector: str, nth: int = 0, limit: int = 80) -> dict:
        """Scroll (wheel or swipe) until the element is on screen; return its box."""
        for _ in range(limit):
            b = self.box(selector, nth)
            assert b is not None, f"{self.name}: nothing matches {selector!r} (#{nth})"
            if self.in_view(b):
                return b
            before = self.scroll_y()
            if b["y"] < 0:
                self.wheel(max(b["y"] - b["vh"] * 0.3, -b["vh"] * 0.8))
            else:
                self.wheel(min(b["y"] - b["vh"] * 0.3, b["vh"] * 0.8))
            if self.scroll_y() == before:
                b = self.box(selector, nth)
                if self.in_view(b):
                    return b
                raise AssertionError(
                    f"{self.name}: {selector!r} cannot be scrolled into view (box {b})"
                )
        raise AssertionError(f"{self.name}: {selector!r} never came into view")

    # -- acting --------------------------------------------------------------------------------
    def press(self, selector: str, nth: int = 0) -> None:
        """Click (laptop) or tap (phone) the centre of a visible element."""
        b = self.bring_into_view(selector, nth)
        assert b["width"] >= 24 and b["height"] >= 24 or selector.startswith("label"), (
            f"{self.name}: {selector!r} is a target of {b['width']:.0f}x{b['height']:.0f} px"
        )
        x = b["x"] + b["width"] / 2
        y = b["y"] + min(b["height"], b["vh"] - b["y"]) / 2
        if self.touch:
            self.page.touchscreen.tap(x, y)
        else:
            self.page.mouse.click(x, y)

    def type_into(self, selector: str, text: str, nth: int = 0) -> None:
        """Tap or click a text box, then type on the keyboard."""
        self.press(selector, nth)
        self.page.keyboard.type(text, delay=5)

    def choose(self, selector: str, steps: int, nth: int = 0) -> None:
        """Pick an entry of a drop-down menu with the keyboard, after focusing it by a click."""
        self.press(selector, nth)
        self.page.keyboard.press("Escape")  # close the list the click opened; focus stays
        for _ in range(steps):
            self.page.keyboard.press("ArrowDown")
        time.sleep(0.1)

    def wait_text(self, selector: str, text: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        last = ""
        while time.monotonic() < deadline:
            last = self.page.evaluate(
                "(sel) => [...document.querySelectorAll(sel)].map(e => e.innerText).join('\\n')",
                selector,
            )
            if text in last:
                return last
            time.sleep(0.2)
        raise AssertionError(f"{self.name}: {text!r} did not appear in {selector!r}: {last!r}")

    # -- checking ------------------------------------------------------------------------------
    def overflowing(self) -> list[str]:
        """Visible elements that stick out of the window sideways (outside a scrolling box)."""
        return self.page.evaluate(
            """() => {
                const vw = document.documentElement.clientWidth, out = [];
                // only a table may be wider than the screen, scrolling sideways in its own box
                const scrolls = el => { for (let p = el; p; p = p.parentElement) {
                    if (p.tagName === 'TABLE' && /(auto|scroll)/.test(getComputedStyle(p).overflowX) &&
                        p.getBoundingClientRect().right <= vw + 1) return true; } return false; };
                for (const el of document.querySelectorAll('#rendered_cells *')) {
                    const r = el.getBoundingClientRect();
                    if (!r.width || !r.height) continue;
                    if ((r.right > vw + 1 || r.left < -1) && !scrolls(el)) {
                        out.push(el.tagName + '.' + String(el.className).slice(0, 50) + ' "' +
                                 (el.innerText || '').slice(0, 40) + '" ' +
                                 Math.round(r.left) + '..' + Math.round(r.right));
                    }
                }
                if (document.documentElement.scrollWidth > vw + 1) out.unshift('page ' + document.documentElement.scrollWidth);
                return out.slice(0, 10);
            }"""
        )

    def small_targets(self) -> list[str]:
        """Buttons, menus, boxes and check boxes smaller than 24 x 24 px (WCAG 2.5.8)."""
        return self.page.evaluate(
            """() => [...document.querySelectorAll(
                    '#rendered_cells button, #rendered_cells select, #rendered_cells input:not([type=hidden]), #rendered_cells summary')]
                .filter(e => e.getClientRects().length)
                .map(e => [e, e.getBoundingClientRect()])
                .filter(([e, r]) => {
                    if (r.width >= 24 && r.height >= 24) return false;
                    const label = e.closest('label');  // a check box's label is part of its target
                    if (label) { const l = label.getBoundingClientRect(); return l.width < 24 || l.height < 24; }
                    return true; })
                .map(([e, r]) => e.tagName + '.' + String(e.className).slice(0, 40) + ' ' +
                     Math.round(r.width) + 'x' + Math.round(r.height))
                .slice(0, 10)"""
        )


def new_person(browser, size: str, theme: str = "light", name: str = "person") -> Person:
    """A fresh browser context (no cookies) at a laptop or phone size."""
    w, h = SIZES[size]
    phone = size == "phone"
    context = browser.new_context(
        viewport={"width": w, "height": h},
        has_touch=phone,
        is_mobile=phone,
        device_scale_factor=1,
        color_scheme=theme,
    )
    return Person(context.new_page(), touch=phone, name=name)
