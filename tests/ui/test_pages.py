"""Every course page in Voila: no error output, no console error, no request leaving the machine,
zero axe-core violations in the light and the dark theme; navigation keeps code and theme."""

from __future__ import annotations

import pytest

from widgets import content

pytestmark = pytest.mark.ui
OUTLINE = content.load().outline
PAGES = [p.notebook for p in OUTLINE.pages]
CODE = "ABCD-EFGH-JKLM"


@pytest.mark.parametrize("notebook", PAGES)
def test_page_is_clean_and_accessible_in_both_themes(voila_server, page, notebook):
    title = OUTLINE.pages[PAGES.index(notebook)].title
    p = page.open(voila_server.page_url(notebook, f"code={CODE}"))
    p.wait_for_load_state("networkidle")
    assert page.error_outputs() == []
    assert title in p.inner_text(".course-nav-top")
    assert p.title().startswith(title)
    assert "import widgets" not in p.content()  # sources are stripped
    assert p.get_attribute("html", "lang") == "en"
    assert "theme-light" in p.get_attribute("body", "class")
    assert page.axe_violations() == [], f"light theme, {notebook}"

    # The theme switch in the nav bar: same page, dark theme, learner code kept.
    p.click(".course-nav-top a.course-nav-theme")
    p.wait_for_url(f"**/{notebook}?code={CODE}&theme=dark", timeout=60_000)
    page.open(p.url)
    p.wait_for_load_state("networkidle")
    assert "theme-dark" in p.get_attribute("body", "class")
    assert "Light theme" in p.inner_text(".course-nav-top a.course-nav-theme")
    assert page.error_outputs() == []
    assert page.axe_violations() == [], f"dark theme, {notebook}"
    assert page.errors == [], f"console errors on {notebook}: {page.errors}"
    assert page.outside == [], f"requests leaving 127.0.0.1 on {notebook}: {page.outside}"


def test_root_and_tree_open_the_home_page(voila_server, page):
    p = page.open(voila_server.url + "/")
    assert p.url.endswith("/voila/render/00_home.ipynb")
    for path in ("/voila/tree", "/voila/tree/", "/voila/tree/notebooks"):
        p.goto(voila_server.url + path, wait_until="commit", timeout=60_000)
        p.wait_for_url("**/voila/render/00_home.ipynb", timeout=60_000)


def test_navigation_keeps_code_and_theme(voila_server, page):
    p = page.open(voila_server.page_url(PAGES[2], f"code={CODE}&theme=dark"))
    assert f"Page 3 of {len(PAGES)}" in p.inner_text(".course-nav-top")
    assert p.get_attribute(".course-nav-top progress", "value") == "3"
    p.click(".course-nav-top a.course-nav-next")
    p.wait_for_url(f"**/{PAGES[3]}?code={CODE}&theme=dark", timeout=60_000)
    page.open(p.url)
    assert "theme-dark" in p.get_attribute("body", "class")
    p.click(".course-nav-end a.course-nav-prev")
    p.wait_for_url(f"**/{PAGES[2]}?code={CODE}&theme=dark", timeout=60_000)
    page.open(p.url)
    p.click(".course-nav-top a.course-nav-home")
    p.wait_for_url(f"**/{PAGES[0]}?code={CODE}&theme=dark", timeout=60_000)
    page.open(p.url)
    # A plain relative link in a Markdown cell: course.js adds the carried parameters on click.
    p.evaluate(
        """() => { const a = document.createElement('a'); a.id = 'plain-link';
        a.href = '01_treaty_bodies.ipynb'; a.textContent = 'plain';
        document.querySelector('#rendered_cells').prepend(a); }"""
    )
    p.click("#plain-link")
    p.wait_for_url(f"**/01_treaty_bodies.ipynb?code={CODE}&theme=dark", timeout=60_000)
    page.open(p.url)
    assert page.errors == []


def test_icons_come_from_the_bundled_font(voila_server, page):
    p = page.open(voila_server.page_url(PAGES[0]))
    loaded = p.evaluate(
        """async () => { const i = document.createElement('i'); i.className = 'fa fa-check';
        document.querySelector('#rendered_cells').append(i);
        const faces = await document.fonts.load('900 16px "Font Awesome 5 Free"', '\\uf00c');
        return faces.length; }"""
    )
    assert loaded >= 1
    assert page.outside == []


def test_committee_explorer_shows_the_supporting_ngo(voila_server, page):
    p = page.open(voila_server.page_url("03_tbnet.ipynb"), ready=".course-explorer select")
    c = content.load()
    p.select_option(".course-explorer select", label=f"CESCR: {c.committee('CESCR').name}")
    p.wait_for_function(
        "document.querySelector('.course-explorer').innerText.includes('750 Chilean')"
    )
    p.select_option(".course-explorer select", label=f"CED: {c.committee('CED').name}")
    p.wait_for_function("document.querySelector('.course-explorer').innerText.includes('OHCHR')")
    assert page.errors == []
