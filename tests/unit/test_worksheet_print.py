"""The Kenya plan of issue 12, rendered to PDF by LibreOffice as a reader would print it.

Needs LibreOffice (``soffice``) and poppler (``pdfinfo``, ``pdftotext``): ``.ci/run`` installs
them from Debian. The plan has eight actors with full per-actor fields; the Word file must stay
a few landscape pages and no word may be broken across lines inside a table cell.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from widgets import ui
from widgets.planning import export, model, worksheet

ORGANISATION = "Example Kenyan Child Rights Network (fictional)"
THEMES = "Violence against children in schools; access to education"
REASON = "Spoke at the last national consultation on the State's replies"
ASK = "Raise corporal punishment in schools in its own submission to the committee"
NEXT = "Meet to share the draft alternative report"
#: (name, type, influence, interest, alignment, desired interest): the eight actors of issue 12.
KENYA_ACTORS = [
    ("Kenya National Commission on Human Rights (example)", "nhri", 4, 4, 4, 5),
    ("UNICEF and the UN country team in Kenya (example)", "unct", 4, 3, 5, None),
    ("Child Rights Connect", "tbnet-member", 3, 5, 5, None),
    ("Kenya Nation Daily newspaper (example)", "media", 4, 2, 3, 4),
    ("Kenya National Assembly committee on education (example)", "parliament", 4, 2, 3, 4),
    ("Kenya National Mechanism for Reporting and Follow-up (example)", "nmrf", 5, 3, 3, None),
    ("Kenya teachers' union (example)", "trade-union", 3, 4, 4, None),
    ("Example council opposing the coalition (fictional)", "other", 3, 4, 1, None),
]


def kenya_plan() -> model.Plan:
    """The plan an NGO preparing a CRC review in Kenya described in issue 12 (fictional)."""
    w = worksheet.Worksheet()
    w.set_review(
        country="KE",
        committee="CRC",
        procedure="simplified",
        stage="srp-replies",
        session_date="2027-09-13",
        themes=THEMES,
        organisation=ORGANISATION,
    )
    for name, type_, inf, intr, al, goal in KENYA_ACTORS:
        w.add_actor(
            name=name,
            type=type_,
            influence=inf,
            interest=intr,
            alignment=al,
            goal_interest=goal,
            reason=REASON,
            ask=ASK,
            responsible=ORGANISATION,
            next_action=NEXT,
            next_date="2027-03-15",
            priority="high" if inf >= 4 else "medium",
            sensitive=al == 1,
            contact="Programme officer for children's rights",
        )
    w.add_member(ORGANISATION, "lead")
    w.add_member("Kenya teachers' union (example)", "outreach")
    w.add_suggested_milestones()
    return w.plan


TOOLS = ("soffice", "pdfinfo", "pdftotext")


def pdf(path: Path, out: Path) -> Path:
    """``path`` converted to PDF by LibreOffice, in ``out``."""
    subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path)],
        check=True,
        capture_output=True,
        timeout=240,
    )
    return out / (path.stem + ".pdf")


def pages(path: Path) -> int:
    """The number of pages of a PDF."""
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return int(re.search(r"Pages:\s+(\d+)", info.stdout).group(1))


def test_the_kenya_plan_prints_cleanly_in_word_and_excel(tmp_path):
    missing = [t for t in TOOLS if not shutil.which(t)]
    assert not missing, f"install libreoffice-writer, libreoffice-calc, poppler-utils: {missing}"
    plan = kenya_plan()
    files = {f.key: f for f in export.all_files(plan)}
    docx = tmp_path / "kenya-plan.docx"
    xlsx = tmp_path / "kenya-plan-sheets.xlsx"
    docx.write_bytes(files["docx"].data)
    xlsx.write_bytes(files["xlsx"].data)
    word_pdf, excel_pdf = pdf(docx, tmp_path), pdf(xlsx, tmp_path)
    word_pages, excel_pages = pages(word_pdf), pages(excel_pdf)
    print(f"Kenya plan: Word {word_pages} pages, Excel {excel_pages} pages")
    assert 2 <= word_pages <= 8
    assert 3 <= excel_pages <= 12
    assert_no_broken_words(word_pdf, plan)
    header, _ = export.actor_rows(plan)
    sheet_text = subprocess.run(
        ["pdftotext", "-layout", str(excel_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    actors_page = next(
        page for page in sheet_text.split("\f") if ui.t("ws.field.responsible").split()[0] in page
    )
    found = set(re.findall(r"[A-Za-z']+", actors_page))  # the Actors sheet's page only
    broken = sorted({w for h in header[:12] for w in re.findall(r"[A-Za-z']+", h)} - found)
    assert not broken, f"column titles broken across lines in the Excel file: {broken}"


def assert_no_broken_words(word_pdf: Path, plan: model.Plan) -> None:
    """Every long word the learner typed appears whole in the PDF's text."""
    text = subprocess.run(
        ["pdftotext", "-layout", str(word_pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    words = set(re.findall(r"[A-Za-z']+", " ".join(a.name for a in plan.actors)))
    words |= set(re.findall(r"[A-Za-z']+", plan.actors[0].reason + " " + plan.actors[0].ask))
    long_words = {w for w in words if len(w) >= 6}
    found = set(re.findall(r"[A-Za-z']+", text))
    missing = sorted(long_words - found)
    assert not missing, f"words broken across lines in the Word file: {missing}"
