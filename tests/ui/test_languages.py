"""Every page in Voila under ``?lang=pseudo``: no English word that did not come through the
course's strings or content files (tests/pseudo_words.py), links keep the language, and the page
template speaks it too."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import pseudo_words
from widgets import content

pytestmark = pytest.mark.ui
ROOT = Path(__file__).resolve().parents[2]
OUTLINE = content.load("en").outline
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))

#: Each output of the page: its visible text, its accessible labels, and where it is (the CSS
#: classes of its first element, e.g. course-worksheet), for the allowlist's scopes.
VISIBLE = """() => {
  const out = [["template", document.title],
               ["template", document.getElementById("rendered_cells").getAttribute("aria-label")]];
  for (const o of document.querySelectorAll("#rendered_cells .jp-OutputArea-output")) {
    const first = o.querySelector("[class*=course-]");
    const where = first ? first.className : o.className;
    out.push([where, o.innerText]);
    for (const el of o.querySelectorAll("[aria-label], [title], [placeholder], [alt], option")) {
      for (const a of ["aria-label", "title", "placeholder", "alt"]) {
        if (el.getAttribute(a)) { out.push([where, el.getAttribute(a)]); }
      }
      if (el.tagName === "OPTION") { out.push([where, el.textContent]); }
    }
  }
  return out;
}"""


@pytest.mark.parametrize("notebook", NOTEBOOKS)
def test_every_page_speaks_the_pseudo_language(voila_server, page, notebook):
    in_outline = any(p.notebook == notebook for p in OUTLINE.pages)
    p = page.open(
        voila_server.page_url(notebook, "lang=pseudo"),
        ready=".course-nav-bar" if in_outline else ".course-table",
    )
    p.wait_for_load_state("networkidle")
    p.wait_for_timeout(500)  # widgets finish rendering
    assert page.error_outputs() == []
    texts = [(f"{notebook} {where}", text or "") for where, text in p.evaluate(VISIBLE)]
    leaks = pseudo_words.leaks(texts)
    assert leaks == [], "\n".join(leaks)
    assert p.get_attribute("html", "lang") == "en-XA"
    if in_outline and notebook != OUTLINE.pages[-1].notebook:
        assert "lang=pseudo" in p.get_attribute(".course-nav-top a.course-nav-next", "href")


def test_the_check_finds_the_english_of_a_page_without_lang(voila_server, page):
    p = page.open(voila_server.page_url(OUTLINE.pages[1].notebook))
    p.wait_for_load_state("networkidle")
    texts = p.evaluate(VISIBLE)
    found = {w for _, text in texts for w in pseudo_words.english_words(text or "")}
    assert OUTLINE.pages[1].title.split()[-1] in found  # the page's title, in English
    assert len(found) > 100, sorted(found)
    assert p.get_attribute("html", "lang") == "en"
