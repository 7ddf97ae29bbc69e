"""The completion certificate: what it says (plain data) and the PDF file.

What it says comes from the learner's finished final check (a :class:`~.model.QuizState` in
check mode) and the outline:

- each part of the course that the check covers, in the course's order, is **completed** when
  the learner's score for that part in the check reaches the pass mark (the same rule as the
  check's table of parts); otherwise it says **read again**, never "passed";
- a part's learning objectives (``course_data/outline.yaml``) are **met** when the part is
  completed: the check draws its questions from every part, so it judges the objectives part by
  part, and the certificate says so in a footnote;
- the heading is "Certificate of completion" when the whole check reached the pass mark, and
  "Record of progress" otherwise;
- the name the learner typed (never stored anywhere), the course title and the date. It never
  contains the learner code.

The PDF is made with fpdf2 (pure Python, imported only in :func:`pdf_bytes`) and DejaVu Sans,
bundled in ``widgets/fonts`` (Bitstream Vera licence, see ``widgets/fonts/LICENSE``), so a name
in Latin, Greek, Cyrillic, Armenian, Georgian, Hebrew or Arabic letters prints. Characters the
font lacks (Devanagari, emoji...) never make it fail: :func:`missing_characters` lists them so
the page can tell the learner, and they print as empty boxes. Arabic and Hebrew letters are joined
and put right to left by fpdf2's text shaping, with the ``uharfbuzz`` package (pinned for
Python 3.11 and later, where it has wheels for every platform); without it (Python 3.10) they
print unjoined, in the order typed.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .. import content, ui
from . import model

FONTS = Path(__file__).resolve().parent.parent / "fonts"
REGULAR = FONTS / "DejaVuSans.ttf"
BOLD = FONTS / "DejaVuSans-Bold.ttf"
NAME_LIMIT = 80  # characters: a long name still fits on one line, in a smaller size
FILENAME = "certificate.pdf"
MONTHS = (
    "January February March April May June July August September October November December"
).split()


@dataclass(frozen=True)
class PartResult:
    """One part of the course as the final check judged it."""

    page_id: str
    title: str
    completed: bool
    objectives: tuple[str, ...]  # the part's objectives, met when the part is completed


@dataclass(frozen=True)
class Certificate:
    """Everything the certificate prints (no learner code: it has no field for one)."""

    name: str
    course: str
    date: _dt.date
    passed: bool
    score: float
    pass_mark: float
    parts: tuple[PartResult, ...]

    @property
    def objectives_met(self) -> list[str]:
        """The objectives met, part by part, in the course's order."""
        return [o for p in self.parts if p.completed for o in p.objectives]


def clean_name(raw: str) -> str:
    """The name as printed: control characters and surrounding space removed, at most
    ``NAME_LIMIT`` characters. Joiners (ZWJ, ZWNJ) and direction marks are kept: they belong to
    how names are written in some scripts."""
    kept = "".join(" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in raw)
    kept = " ".join(kept.split())
    return kept[:NAME_LIMIT].strip()


def part_completed(points: float, n: int, pass_mark: float) -> bool:
    """A part is completed when its share of points reaches the pass mark."""
    return n > 0 and points / n + 1e-9 >= pass_mark


def from_check(
    state: model.QuizState,
    questions: dict[str, model.Question],
    name: str,
    today: _dt.date | None = None,
) -> Certificate:
    """The certificate for a finished final check."""
    if not state.complete:
        raise ValueError("the certificate is made from a finished check")
    course = content.load()
    scores = state.section_scores(questions)
    parts = []
    for page in course.outline.pages:
        if page.id not in scores:
            continue
        points, n = scores[page.id]
        parts.append(
            PartResult(
                page_id=page.id,
                title=page.title,
                completed=part_completed(points, n, state.pass_mark),
                objectives=tuple(o.text for o in page.objectives),
            )
        )
    return Certificate(
        name=clean_name(name),
        course=course.outline.title,
        date=today or _dt.date.today(),
        passed=state.passed,
        score=state.score,
        pass_mark=state.pass_mark,
        parts=tuple(parts),
    )


def long_date(day: _dt.date) -> str:
    """``28 November 2026``: no number-only date that reads differently across countries."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


@cache
def _font_characters() -> frozenset[int]:
    from fontTools.ttLib import TTFont  # installed with fpdf2

    with TTFont(str(REGULAR), lazy=True) as font:
        regular = set(font.getBestCmap())
    with TTFont(str(BOLD), lazy=True) as font:
        return frozenset(regular & set(font.getBestCmap()))


def missing_characters(text: str) -> str:
    """The characters of ``text`` the certificate's font cannot draw (each once, in order).

    Spaces, joiners and direction marks draw nothing anyway and are never reported."""
    have = _font_characters()
    out: list[str] = []
    for c in text:
        if c.isspace() or unicodedata.category(c) == "Cf":
            continue
        if ord(c) not in have and c not in out:
            out.append(c)
    return "".join(out)


# --- the PDF ------------------------------------------------------------------------------------
INK = (33, 37, 41)
ACCENT = (26, 95, 180)  # the course's link blue
MUTED = (90, 96, 104)


def pdf_bytes(cert: Certificate) -> bytes:
    """The certificate as an A4 portrait PDF on one page (smaller type if the list is long)."""
    import logging

    logging.getLogger("fpdf").setLevel(logging.ERROR)  # missing glyphs are reported on the page
    for scale in (1.0, 0.9, 0.8, 0.7):
        pdf, fits = _draw(cert, scale)
        if fits:
            break
    return bytes(pdf.output())


def needs_shaping(text: str) -> bool:
    """Whether ``text`` has letters that must be joined or reordered (Hebrew, Arabic and later
    blocks of Unicode); Latin, Greek and Cyrillic names print as typed."""
    return any(ord(c) >= 0x0590 and unicodedata.category(c)[0] in "LM" for c in text)


def _shape(pdf, text: str) -> bool:
    """Turn on fpdf2's text shaping for ``text`` when it needs it and ``uharfbuzz`` is there.

    Only for the name: shaping every line would make the file several times slower to build."""
    if not needs_shaping(text):
        return False
    try:
        import uharfbuzz  # noqa: F401  (installed on Python 3.11+, see pyproject.toml)
    except ImportError:
        return False
    pdf.set_text_shaping(True)
    return True


# long: the page drawn top to bottom, block after block, in the order the reader sees them
def _draw(cert: Certificate, scale: float):
    """Lay the certificate out with the list's type ``scale``d; (pdf, whether it fits)."""
    from fpdf import FPDF

    heading = ui.t("cert.heading.passed" if cert.passed else "cert.heading.progress")
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_title(heading)
    pdf.set_subject(cert.course)
    pdf.set_creator(cert.course)
    pdf.set_auto_page_break(False)
    pdf.set_margins(25, 20, 25)
    pdf.add_font("DejaVu", "", str(REGULAR))
    pdf.add_font("DejaVu", "B", str(BOLD))
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin

    # frame: a thick line and a thin one inside it
    pdf.set_draw_color(*ACCENT)
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, pdf.w - 20, pdf.h - 20)
    pdf.set_line_width(0.3)
    pdf.rect(13, 13, pdf.w - 26, pdf.h - 26)

    def centred(text: str, size: float, style: str = "", color=INK, height: float | None = None):
        pdf.set_font("DejaVu", style, size)
        pdf.set_text_color(*color)
        pdf.multi_cell(width, height or size * 0.5, text, align="C", new_x="LMARGIN", new_y="NEXT")

    pdf.set_y(28)
    centred(heading, 28, "B", ACCENT)
    pdf.ln(7)
    centred(ui.t("cert.certifies" if cert.passed else "cert.records"), 12, color=MUTED)
    pdf.ln(3)

    # the name: as large as fits on one line; a line to write it by hand when left empty
    if cert.name:
        size = 30.0
        pdf.set_font("DejaVu", "B", size)
        _shape(pdf, cert.name)  # measure the name as it will be drawn
        while size > 12 and pdf.get_string_width(cert.name) > width:
            size -= 1
            pdf.set_font("DejaVu", "B", size)
        pdf.set_text_color(*INK)
        shaped = _shape(pdf, cert.name)
        pdf.cell(width, 15, cert.name, align="C", new_x="LMARGIN", new_y="NEXT")
        if shaped:
            pdf.set_text_shaping(False)
    else:
        pdf.ln(15)
    y = pdf.get_y() + 1
    pdf.set_draw_color(*MUTED)
    pdf.set_line_width(0.3)
    pdf.line(pdf.w / 2 - 60, y, pdf.w / 2 + 60, y)
    pdf.set_y(y + 4)
    centred(ui.t("cert.completed" if cert.passed else "cert.took_check"), 12, color=MUTED)
    pdf.ln(2)
    centred(cert.course, 16, "B", height=7.5)
    pdf.ln(4)
    mark = round(cert.pass_mark * 100)
    centred(ui.t("cert.score", percent=round(cert.score * 100), mark=mark), 11, color=MUTED)
    pdf.ln(1)
    centred(long_date(cert.date), 11, color=MUTED)

    # parts and objectives
    pdf.ln(8)
    pdf.set_font("DejaVu", "B", 13)
    pdf.set_text_color(*INK)
    pdf.cell(width, 8, ui.t("cert.parts"), new_x="LMARGIN", new_y="NEXT")
    pdf.set_draw_color(*ACCENT)
    pdf.line(pdf.l_margin, pdf.get_y(), pdf.l_margin + width, pdf.get_y())
    pdf.ln(3 * scale)
    status_width = 30
    for part in cert.parts:
        status = ui.t("cert.part.completed" if part.completed else "cert.part.read_again")
        top = pdf.get_y()
        pdf.set_font("DejaVu", "B", 11 * scale)
        pdf.set_text_color(*INK)
        pdf.cell(7, 6 * scale, model.RIGHT if part.completed else "○")
        pdf.multi_cell(
            width - 7 - status_width,
            6 * scale,
            part.title,
            align="L",
            new_x="LMARGIN",
            new_y="NEXT",
        )
        bottom = pdf.get_y()
        pdf.set_xy(pdf.l_margin + width - status_width, top)
        pdf.set_font("DejaVu", "B" if not part.completed else "", 10 * scale)
        pdf.set_text_color(*(ACCENT if part.completed else INK))
        pdf.cell(status_width, 6 * scale, status, align="R")
        pdf.set_xy(pdf.l_margin, bottom)
        if part.completed:
            pdf.set_font("DejaVu", "", 9.5 * scale)
            pdf.set_text_color(*MUTED)
            for objective in part.objectives:
                pdf.set_x(pdf.l_margin + 7)
                pdf.cell(4, 4.8 * scale, "•")
                pdf.multi_cell(
                    width - 11, 4.8 * scale, objective, align="L", new_x="LMARGIN", new_y="NEXT"
                )
        pdf.ln(3 * scale)
    fits = pdf.get_y() <= pdf.h - 34

    # footnote: what "completed" and "met" mean, and who made this
    pdf.set_y(pdf.h - 31)
    centred(ui.t("cert.rule", mark=mark), 8, color=MUTED, height=4)
    pdf.ln(1)
    centred(ui.t("cert.made_by"), 8, color=MUTED, height=4)
    return pdf, fits
