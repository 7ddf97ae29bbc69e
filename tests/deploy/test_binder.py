"""The Binder path: ``postBuild``, then ``jupyter server`` with the repository's
``jupyter_config.json`` (Voila as a server extension, no preheated kernels), every page of the
outline at ``/voila/render/notebooks/<page>`` in Chromium, and the worksheet's downloads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from widgets import content

from .conftest import ROOT, BinderServer, Page

pytestmark = pytest.mark.ui
CODE = "BNDR-2345-6789"


@pytest.fixture(scope="module")
def binder(tmp_path_factory):
    work = tmp_path_factory.mktemp("binder")
    # Binder runs postBuild once after building the environment: run the real script, with this
    # environment's python first on PATH (it installs the course and copies the template).
    bindir = str(Path(sys.executable).parent)
    env = dict(os.environ, PATH=bindir + os.pathsep + os.environ.get("PATH", ""))
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    done = subprocess.run(
        ["bash", "postBuild"], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stdout + done.stderr
    server = BinderServer(work)
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context(accept_downloads=True)
    p = Page(context.new_page())
    p.styles = []  # stylesheets that loaded
    p.failed = []  # responses with an error status
    p.page.on(
        "response", lambda r: p.failed.append(f"{r.status} {r.url}") if r.status >= 400 else None
    )
    p.page.on(
        "response",
        lambda r: p.styles.append(r.url) if r.request.resource_type == "stylesheet" else None,
    )
    yield p
    context.close()


def test_every_page_renders_with_the_course_template(binder, page):
    pages = [p.notebook for p in content.load().outline.pages]
    assert pages and pages[0] == "00_home.ipynb"  # the outline is read, not an empty list
    for nb in pages:
        page.styles.clear()
        p = page.open(binder.page_url(nb, f"code={CODE}"), ".course-nav-top")
        p.wait_for_load_state("networkidle")
        assert any(u.split("?")[0].endswith("/course/static/course.css") for u in page.styles), (
            nb,
            page.styles,
        )
        assert p.locator(".course-nav-top").is_visible(), nb
        assert p.evaluate("document.body.dataset.voila") == "voila", nb
        assert page.error_outputs() == [], (nb, page.error_outputs())
        assert page.outside == [], (nb, page.outside)
        assert page.errors == [], (nb, page.errors, page.failed)
    assert not (binder.log_path.read_text(errors="replace").count("Traceback"))


def test_worksheet_downloads_work(binder, page, tmp_path):
    p = page.open(binder.page_url("07_worksheet.ipynb", f"code={CODE}"), ".course-worksheet")
    step1 = p.locator(".course-ws-step-1")
    step1.get_by_label("Country").select_option(label="Senegal")
    step1.get_by_label("Treaty body").select_option(label="CAT: Committee against Torture")
    p.locator(".course-worksheet").get_by_role("button", name="4. Review and export").click()
    p.locator(".course-ws-step-4").get_by_role("button", name="Prepare the files").click()
    p.wait_for_selector("a.course-ws-dl-docx", timeout=60_000)

    with p.expect_download() as dl:
        p.click("a.course-ws-dl-docx")
    docx_path = tmp_path / dl.value.suggested_filename
    dl.value.save_as(docx_path)
    from docx import Document

    cells = {c.text for t in Document(str(docx_path)).tables for r in t.rows for c in r.cells}
    assert "CAT: Committee against Torture" in cells

    with p.expect_download() as dl:
        p.click("a.course-ws-dl-json")
    plan = json.loads(Path(dl.value.path()).read_text())
    assert plan["review"]["committee"] == "CAT" and plan["review"]["country"] == "SN"
    assert page.errors == [] and page.error_outputs() == [] and page.outside == []
