"""Printable handouts as Word files, made from the course's own content (python-docx).

For a room without screens, or with a poor connection:

* ``course-content.docx``: parts 1 to 5, each with its key points (the part's learning
  objectives) and its text, tables and lists, without the quizzes;
* ``facilitator-guide.docx``: the facilitator guide (agendas, activities, prompts, checklists);
* ``answer-sheet.docx``: for the trainer, every question with its right answer and why;
* ``paper-quiz-<part>.docx``: a paper version of each part's practice quiz, without answers.

Text comes from ``course_data/`` and the lesson notebooks' prose; the tables and lists are made
by the same :mod:`widgets.reading` functions the pages call, so nothing is typed twice.
"""

from __future__ import annotations

import ast
import io
import json
import re
from pathlib import Path

from .. import content

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = ROOT / "notebooks"
#: Code cells whose output belongs on the screen only (navigation, widgets).
SKIP_CALLS = {"nav", "quiz", "explorer", "progress", "join", "share_plan", "worksheet"}
BOX = "☐"


def _doc(title: str):
    from docx import Document
    from docx.shared import Pt

    doc = Document()
    doc.core_properties.title = title
    style = doc.styles["Normal"]
    style.font.name = "DejaVu Sans"
    style.font.size = Pt(11)
    doc.add_heading(title, level=0)
    return doc


def _bytes(doc) -> bytes:
    buf = io.BytesIO()
    doc.save(buf)
    return buf.getvalue()


def _inline(paragraph, text: str) -> None:
    """Add Markdown text with **bold**, *italic*, `code` and [links](url) as plain runs."""
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    for piece in re.split(r"(\*\*[^*]+\*\*|\*[^*]+\*|`[^`]+`)", text):
        if not piece:
            continue
        if piece.startswith("**"):
            paragraph.add_run(piece[2:-2]).bold = True
        elif piece.startswith("`"):
            paragraph.add_run(piece[1:-1])
        elif piece.startswith("*") and len(piece) > 2:
            paragraph.add_run(piece[1:-1]).italic = True
        else:
            paragraph.add_run(piece)


def _table(doc, header: list[str], rows: list[list[str]]) -> None:
    table = doc.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    for cell, value in zip(table.rows[0].cells, header, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(str(value)).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, list(row) + [""] * (len(header) - len(row)), strict=False):
            cell.text = str(value)
    _widths(table, [header, *rows])
    doc.add_paragraph()


def _widths(table, rows: list[list[str]], total_cm: float = 16.0) -> None:
    """Column widths in proportion to their longest words and text (a short column stays
    narrow, a column of sentences gets the room)."""
    from docx.shared import Cm

    n = len(rows[0])
    need = []
    for i in range(n):
        texts = [str(r[i]) for r in rows if i < len(r)]
        longest_word = max((len(w) for t in texts for w in t.split()), default=4)
        longest = max((len(t) for t in texts), default=4)
        need.append(max(longest_word, min(longest, 40) / 2, 4))
    table.autofit = False
    for i, column in enumerate(table.columns):
        width = Cm(total_cm * need[i] / sum(need))
        column.width = width
        for cell in column.cells:
            cell.width = width


def _markdown(doc, text: str, top: int = 1) -> None:
    """Headings, paragraphs and lists of a Markdown cell (the part's title is skipped)."""
    para: list[str] = []
    item: list = []  # the list item being written (continuation lines join it)

    def flush():
        if para:
            _inline(doc.add_paragraph(), " ".join(para))
            para.clear()
        if item:
            _inline(doc.add_paragraph(style=item[0]), " ".join(item[1:]))
            item.clear()

    for line in text.splitlines():
        stripped = line.strip()
        heading = re.match(r"^(#+)\s+(.*)", stripped)
        bullet = re.match(r"^[-*]\s+(.*)", stripped)
        number = re.match(r"^\d+\.\s+(.*)", stripped)
        if not stripped:
            flush()
        elif heading:
            flush()
            level = len(heading.group(1))
            if level > 1:
                doc.add_heading(
                    re.sub(r"[*`]", "", heading.group(2)), level=min(top + level - 1, 4)
                )
        elif bullet or number:
            flush()
            item.extend(["List Bullet" if bullet else "List Number", (bullet or number).group(1)])
        elif item:
            item.append(stripped)
        else:
            para.append(stripped)
    flush()


def _block_text(doc, text: str) -> None:
    """A reading block's plain text: lists, ``a | b`` tables with a caption, paragraphs."""
    lines = [x for x in text.splitlines()]
    i = 0
    while i < len(lines):
        line = lines[i]
        if " | " in line:
            rows = []
            while i < len(lines) and " | " in lines[i]:
                rows.append([c.strip() for c in lines[i].split(" | ")])
                i += 1
            _table(doc, rows[0], rows[1:])
            continue
        if line.startswith("- "):
            _inline(doc.add_paragraph(style="List Bullet"), line[2:])
        elif line.strip():
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            p = doc.add_paragraph()
            run = p.add_run(line.strip())
            run.bold = " | " in nxt or nxt.startswith("- ")  # a caption
        i += 1


def _reading_output(source: str):
    """The reading block a thin code cell makes (``widgets.table("partners")``), or None."""
    import widgets
    from widgets.reading import Block

    lines = [x for x in source.splitlines() if x.strip() and not x.startswith(("import", "from"))]
    if len(lines) != 1:
        return None
    try:
        call = ast.parse(lines[0], mode="eval").body
    except SyntaxError:
        return None
    if not isinstance(call, ast.Call) or call.keywords:
        return None
    names = []
    node = call.func
    while isinstance(node, ast.Attribute):
        names.insert(0, node.attr)
        node = node.value
    if not (isinstance(node, ast.Name) and node.id == "widgets") or not names:
        return None
    if names[-1] in SKIP_CALLS or names[0] in SKIP_CALLS:
        return None
    try:
        args = [ast.literal_eval(a) for a in call.args]
    except ValueError:
        return None
    target = widgets
    for name in names:
        target = getattr(target, name)
    result = target(*args)
    return result if isinstance(result, Block) else None


def course_content() -> bytes:
    """Parts 1 to 5 with their key points, text, tables and lists (no quizzes)."""
    course = content.load()
    doc = _doc(course.outline.title)
    lessons = [p for p in course.outline.pages if p.kind == "lesson"]
    for n, page in enumerate(lessons, 1):
        if n > 1:
            doc.add_page_break()
        doc.add_heading(f"{n}. {page.title}", level=1)
        doc.add_heading(course.text("handouts.key_points"), level=2)
        for o in page.objectives:
            doc.add_paragraph(o.text, style="List Bullet")
        nb = json.loads((NOTEBOOKS / page.notebook).read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            source = "".join(cell["source"])
            if cell["cell_type"] == "markdown":
                _markdown(doc, source, top=1)
            elif cell["cell_type"] == "code" and "objectives(" not in source:
                block = _reading_output(source)
                if block is not None:
                    _block_text(doc, repr(block))
    return _bytes(doc)


def facilitator_guide() -> bytes:
    """The facilitator guide: objectives, agendas, activities, prompts and checklists."""
    from .. import facilitation

    guide = facilitation.load()
    course = content.load()
    doc = _doc(course.text("handouts.guide_title"))
    doc.add_heading(course.text("objectives.title"), level=1)
    for o in guide.objectives:
        doc.add_paragraph(o.text, style="List Bullet")
    doc.add_heading(course.text("handouts.agendas"), level=1)
    for a in guide.agendas:
        _block_text(doc, repr(facilitation.agenda(a.id)))
    doc.add_heading(course.text("handouts.activities"), level=1)
    for a in guide.activities:
        doc.add_heading(course.text("guide.activity_title", title=a.title, n=a.minutes), level=2)
        _inline(doc.add_paragraph(), f"**{course.text('guide.goal')}** {a.goal}")
        for step in a.steps:
            doc.add_paragraph(step, style="List Number")
        _inline(doc.add_paragraph(), f"**{course.text('guide.debrief')}** {a.debrief}")
    doc.add_heading(course.text("handouts.prompts"), level=1)
    for p in guide.prompts:
        page = course.page_for_objective(p.objective)
        obj = next(o for o in page.objectives if o.id == p.objective)
        _inline(doc.add_paragraph(style="List Bullet"), f"**{obj.text}** {p.text}")
    for which in ("before", "after"):
        doc.add_heading(course.text(f"handouts.checklist_{which}"), level=1)
        for item in getattr(guide.checklists, which):
            doc.add_paragraph(f"{BOX} {item}")
    return _bytes(doc)


def _sections():
    from ..quizzes import bank

    b = bank.load()
    course = content.load()
    for page in course.outline.pages:
        qs = [q for q in b.questions.values() if q.section == page.id]
        if qs:
            yield page, qs


def answer_sheet() -> bytes:
    """For the trainer: every practice question with the right answer and why."""
    course = content.load()
    doc = _doc(course.text("handouts.answers_title"))
    doc.add_paragraph(course.text("handouts.answers_note"))
    for n, (page, qs) in enumerate(_sections(), 1):
        doc.add_heading(f"{n}. {page.title}", level=1)
        for i, q in enumerate(qs, 1):
            _inline(doc.add_paragraph(), f"**{i}. {q.prompt}**")
            _inline(doc.add_paragraph(), f"**{course.text('quiz.answer')}** {q.right_answer}")
            _inline(doc.add_paragraph(), f"**{course.text('quiz.why')}** {q.explanation}")
    return _bytes(doc)


def paper_quiz(page_id: str) -> bytes:
    """A paper version of one part's practice quiz: questions and boxes, no answers."""
    from ..quizzes import model as quiz

    course = content.load()
    page, qs = next((p, q) for p, q in _sections() if p.id == page_id)
    doc = _doc(f"{course.text('handouts.quiz_title')}: {page.title}")
    doc.add_paragraph(course.text("handouts.quiz_note"))
    _inline(doc.add_paragraph(), f"**{course.text('handouts.name')}** ____________________")
    seed = quiz.seed_for("paper", page_id)
    for i, q in enumerate(qs, 1):
        if q.scenario:
            doc.add_paragraph(q.scenario).runs[0].italic = True
        _inline(doc.add_paragraph(), f"**{i}. {q.prompt}**")
        if q.kind == "matching":
            targets = [t for _, t in quiz.shuffled(list(q.targets), seed, q.id)]
            _table(
                doc,
                [course.text("handouts.row"), course.text("handouts.your_match")],
                [[p.left, ""] for p in q.pairs],
            )
            doc.add_paragraph(course.text("handouts.choose_from"))
            for letter, target in zip("ABCDEFGHIJ", targets, strict=False):
                doc.add_paragraph(f"{letter}. {target}")
        elif q.kind == "ordering":
            doc.add_paragraph(course.text("handouts.order_note"))
            for item in quiz.shuffled(list(q.items), seed, q.id):
                doc.add_paragraph(f"____  {item.text}")
        else:
            said = course.text("handouts.all_that_apply_said").lower() in q.prompt.lower()
            if q.kind == "multiple" and not said:  # the prompt does not say it already
                doc.add_paragraph(course.text("handouts.all_that_apply"))
            for o in quiz.option_order(q, seed):
                doc.add_paragraph(f"{BOX}  {o.text}")
    return _bytes(doc)


def all_handouts() -> dict[str, tuple[str, bytes]]:
    """Every handout: file name -> (title, Word file)."""
    course = content.load()
    files = {
        "course-content.docx": (course.text("handouts.content"), course_content()),
        "facilitator-guide.docx": (course.text("handouts.guide_title"), facilitator_guide()),
        "answer-sheet.docx": (course.text("handouts.answers_title"), answer_sheet()),
    }
    for n, (page, _qs) in enumerate(_sections(), 1):
        if page.kind != "lesson":
            continue
        files[f"paper-quiz-{n}-{page.id}.docx"] = (
            f"{course.text('handouts.quiz_title')}: {page.title}",
            paper_quiz(page.id),
        )
    return files
