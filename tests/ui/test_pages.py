"""Every course page renders in Voila with no error output and no JavaScript console error."""

from __future__ import annotations

import urllib.request

import pytest

from widgets import content

pytestmark = pytest.mark.ui
PAGES = [p.notebook for p in content.load().outline.pages]


@pytest.mark.parametrize("notebook", PAGES)
def test_page_renders_without_errors(voila_server, page, notebook):
    p = page.open(voila_server.page_url(notebook))
    p.wait_for_load_state("networkidle")
    assert page.error_outputs() == []
    assert page.errors == [], f"console errors on {notebook}: {page.errors}"
    title = content.load().outline.pages[PAGES.index(notebook)].title
    assert title in p.inner_text(".course-nav-bar")
    assert "import widgets" not in p.content()  # sources are stripped


def test_root_opens_home_page(voila_server, page):
    p = page.open(voila_server.url + "/")
    assert p.url.endswith("/voila/render/00_home.ipynb")


def test_next_link_goes_to_the_next_page_and_keeps_the_query(voila_server, page):
    p = page.open(voila_server.page_url("02_why_coalitions.ipynb", "theme=dark"))
    p.click(".course-nav-bar a.course-nav-next >> nth=0")
    p.wait_for_url("**/03_tbnet.ipynb?theme=dark", timeout=60_000)
    page.open(p.url)
    assert "TB-Net" in p.inner_text(".course-nav-bar")


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


def test_no_request_leaves_the_machine(voila_server):
    html = urllib.request.urlopen(
        voila_server.page_url("01_treaty_bodies.ipynb"), timeout=120
    ).read()
    assert b"cdn.jsdelivr" not in html and b"unpkg.com" not in html
