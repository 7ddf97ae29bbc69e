"""Workshops in a real browser: a participant joins, the trainer's dashboard needs its token and
secret and shows the participant's answers; participants cannot reach the dashboard; the slides
render with Voila's reveal template."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from tests.ui.conftest import VoilaServer
from widgets.store import FILENAME, Store
from widgets.workshop import model

pytestmark = pytest.mark.ui
XSS = "<img src=x onerror=alert(1)>"
LEARNER = "WKSH-PTST-2345"


def _status(url: str) -> int:
    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        return urllib.request.build_opener(NoRedirect).open(url, timeout=120).status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_participant_joins_and_trainer_follows_on_the_protected_dashboard(
    voila_server, browser, page
):
    store_dir = voila_server.log_path.parent
    st = Store(f"sqlite:///{store_dir / FILENAME}")
    ws = model.create_workshop(st, "Browser workshop")

    # The participant opens the link with the code, picks a hostile display name, joins.
    p = page.open(
        voila_server.page_url("00_home.ipynb", f"workshop={ws.code}&code={LEARNER}"),
        ready=".course-join button",
    )
    assert p.input_value(".course-join input >> nth=0") == ws.code
    p.fill(".course-join input >> nth=1", XSS)
    p.click(".course-join button >> nth=0")
    p.wait_for_selector(".course-workshop-link", timeout=60_000)
    assert XSS in p.inner_text(".course-join")  # shown as text, not as an element
    assert p.query_selector(".course-join img") is None
    assert f"workshop={ws.code}" in p.get_attribute(".course-workshop-link", "href")
    assert page.errors == [] and page.error_outputs() == []
    st.add_answer(LEARNER, "q-browser", ["b"], 0.0, False, workshop=ws.code)

    # The course server does not serve the trainer's notebook.
    assert _status(voila_server.url + "/voila/render/../trainer/dashboard.ipynb") in (403, 404)
    assert _status(voila_server.url + "/voila/render/trainer/dashboard.ipynb") in (403, 404)

    dash = VoilaServer(store_dir, env={"COURSE_DASHBOARD_TOKEN": "tok-ui-test-1"},
                       command=["widgets.workshop", "serve-dashboard"])
    try:
        # Without the token, or with a wrong one: refused (sent to the login page).
        for url in ("/", "/?token=wrong", "/voila/render/dashboard.ipynb"):
            assert _status(dash.url + url) in (302, 403), url
        ctx = browser.new_context()
        d = ctx.new_page()
        d.goto(dash.url + "/", wait_until="load", timeout=90_000)
        assert "/login" in d.url and d.query_selector(".course-dashboard") is None
        # With the token: the dashboard, which still needs the secret.
        d.goto(dash.url + "/?token=tok-ui-test-1", wait_until="load", timeout=90_000)
        d.wait_for_selector(".course-dashboard input", timeout=90_000)
        d.fill(".course-dashboard input >> nth=0", ws.code)
        d.fill(".course-dashboard input[type=password]", "AAAA-AAAA-AAAA-AAAA")
        d.click(".course-dashboard button >> nth=0")
        d.wait_for_function(
            "document.querySelector('.course-dashboard').innerText.includes('do not match')",
            timeout=60_000,
        )
        assert "q-browser" not in d.inner_text(".course-dashboard")
        d.fill(".course-dashboard input[type=password]", ws.secret)
        d.click(".course-dashboard button >> nth=0")
        d.wait_for_selector(".course-dashboard-body .course-participants", timeout=60_000)
        body = d.inner_text(".course-dashboard-body")
        assert f"P01 {XSS}" in body and "q-browser" in body and "1 (100%)" in body
        assert d.query_selector(".course-dashboard-body img") is None
        with d.expect_download() as dl:
            d.click(f"a[download='workshop-{ws.code}-answers.csv']")
        csv_text = open(dl.value.path(), encoding="utf-8-sig").read()
        assert csv_text.splitlines()[1] == f"P01 {XSS},q-browser,1,b,0.0,False"
        ctx.close()
    finally:
        dash.stop()
        model.Trainer(st, ws.code, ws.secret).delete()
        st.close()


def test_slides_render_with_the_reveal_template(tmp_path, browser):
    server = VoilaServer(tmp_path, command=["widgets.workshop", "slides"])
    try:
        html = urllib.request.urlopen(server.url + "/", timeout=120).read().decode()
        ctx = browser.new_context()
        p = ctx.new_page()
        outside, errors = [], []
        p.on("request", lambda r: None if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
             else outside.append(r.url))
        p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        p.goto(server.url + "/", wait_until="load", timeout=90_000)
        p.wait_for_selector(".reveal .slides section", state="attached", timeout=90_000)
        p.wait_for_selector(".reveal.ready", state="attached", timeout=60_000)  # reveal.js ran
        total = p.evaluate("document.querySelectorAll('.reveal .slides section').length")
        ctx.close()
    finally:
        server.stop()
    assert "There was an error" not in html and "Traceback" not in html
    assert "an informal group" in html  # TB-Net's slide, from course_data
    assert "application/vnd.jupyter.stderr" not in html
    assert outside == [], f"slides fetched from outside the machine: {outside}"
    assert errors == [], errors
    assert total > 1
