"""Workshops in a real browser: a participant joins, the trainer's dashboard needs its token and
secret and shows the participant's answers; participants cannot reach the dashboard; the slides
render with Voila's reveal template."""

from __future__ import annotations

import urllib.error
import urllib.request
from html import escape

import pytest

from tests.harness import VoilaServer
from widgets import content, ui
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
        ready=".course-start-join",
    )
    assert "Browser workshop" in p.inner_text(".course-start-join")
    p.fill(".course-start .course-enter-form input", XSS)
    p.click(".course-start .course-enter-form button")
    p.wait_for_selector(".course-start a.course-button-primary", timeout=60_000)
    assert XSS in p.inner_text(".course-start")  # shown as text, not as an element
    assert p.query_selector(".course-start img") is None
    href = p.get_attribute(".course-start a.course-button-primary", "href")
    assert f"workshop={ws.code}" in href and f"code={LEARNER}" in href
    assert page.errors == [] and page.error_outputs() == []
    from widgets.quizzes import bank

    q = next(q for q in bank.load().questions.values() if q.kind == "single")
    right = next(o for o in q.options if o.correct)
    st.add_answer(LEARNER, q.id, right.id, 1.0, True, workshop=ws.code)

    # The course server does not serve the trainer's pages.
    for path in (
        "../trainer/dashboard.ipynb",
        "trainer/dashboard.ipynb",
        "../trainer/facilitator_guide.ipynb",
    ):
        assert _status(voila_server.url + "/voila/render/" + path) in (403, 404), path

    dash = VoilaServer(
        store_dir,
        env={"COURSE_DASHBOARD_TOKEN": "tok-ui-test-1"},
        command=["widgets.workshop", "serve-dashboard"],
    )
    try:
        # Without the token, or with a wrong one: refused (sent to the login page).
        for url in (
            "/",
            "/?token=wrong",
            "/voila/render/dashboard.ipynb",
            "/voila/render/facilitator_guide.ipynb",
        ):
            assert _status(dash.url + url) in (302, 403), url
        ctx = browser.new_context(viewport={"width": 1366, "height": 900})
        d = ctx.new_page()
        d.goto(dash.url + "/", wait_until="load", timeout=90_000)
        assert "/login" in d.url and d.query_selector(".course-dashboard") is None
        # With the token: the dashboard, showing nothing but the sign-in.
        d.goto(dash.url + "/?token=tok-ui-test-1", wait_until="load", timeout=90_000)
        d.wait_for_selector(".course-sign-in input", state="visible", timeout=90_000)
        assert d.url.endswith("/voila/render/dashboard.ipynb")
        visible = d.inner_text(".course-dashboard")
        assert ui.t("dashboard.close") not in visible and ui.t("dashboard.delete") not in visible
        assert "token" not in visible.lower()
        d.fill(".course-sign-in input >> nth=0", ws.code)
        d.fill(".course-sign-in input[type=password]", "AAAA-AAAA-AAAA-AAAA")
        d.click(".course-sign-in button")
        d.wait_for_function(
            "t => document.querySelector('.course-dashboard').innerText.includes(t)",
            arg=ui.t(model.SIGN_IN_REFUSED),
            timeout=60_000,
        )
        d.fill(".course-sign-in input[type=password]", ws.secret)
        d.click(".course-sign-in button")
        d.wait_for_selector(".course-dashboard-body .course-participants", timeout=60_000)
        assert ui.tn("trainer.participants", 1) in d.inner_text(".course-updated")
        body = d.inner_text(".course-dashboard-body")
        p01 = ui.t("trainer.participant", n=1, name=XSS)
        assert p01 in body
        assert d.query_selector(".course-dashboard img") is None
        d.get_by_role("tab", name=ui.t("dashboard.tab.questions")).click()
        answers = d.inner_text(".course-dashboard .widget-tab")
        assert q.prompt in answers, answers
        assert f"{right.text} ✓ {ui.t('dashboard.right')}" in answers
        d.get_by_role("tab", name=ui.t("dashboard.tab.files")).click()
        d.get_by_role("button", name=ui.t("dashboard.prepare")).click()
        d.wait_for_selector(f"a[download='workshop-{ws.code}-answers.csv']", timeout=60_000)
        with d.expect_download() as dl:
            d.click(f"a[download='workshop-{ws.code}-answers.csv']")
        csv_text = open(dl.value.path(), encoding="utf-8-sig").read()
        assert csv_text.splitlines()[1].startswith(f"{p01},,")
        import csv
        import io

        row = next(csv.reader(io.StringIO(csv_text.splitlines()[1])))
        assert row[-4:] == ["1", right.text, "1.0", ui.t("table.yes")]

        from tests.harness import Page

        assert Page(d).axe_violations() == [], "dashboard"

        # The projector view: join screen with the code and its QR code, then one question.
        d.click("a[href='projector.ipynb']")
        d.wait_for_selector(".course-sign-in input", state="visible", timeout=90_000)
        d.fill(".course-sign-in input >> nth=0", ws.code)
        d.fill(".course-sign-in input[type=password]", ws.secret)
        d.click(".course-sign-in button")
        d.wait_for_selector(".course-join-screen img.course-qr", timeout=60_000)
        assert ws.code in d.inner_text(".course-projector-code")
        assert ui.t("projector.joined", n=1) in d.inner_text(".course-join-screen")
        d.get_by_role("button", name=ui.t("projector.mode.question")).click()
        number = list(bank.load().questions).index(q.id) + 1
        option = ui.t("projector.question_option", n=number, prompt=q.prompt)
        d.select_option(".course-projector select >> nth=0", label=option)
        d.wait_for_function(
            "document.querySelector('.course-projector-count').innerText.includes('1')",
            timeout=30_000,
        )
        assert ui.t("dashboard.right") not in d.inner_text(".course-projector-screen")
        d.get_by_role("button", name=ui.t("projector.reveal")).click()
        d.wait_for_selector(".course-revealed", timeout=30_000)
        shown = d.inner_text(".course-projector-screen")
        assert f"✓ {ui.t('dashboard.right')}" in shown and q.explanation in shown
        assert Page(d).axe_violations() == [], "projector"

        # The facilitator guide is a trainer's page now, clean and accessible.
        d.click("a[href='facilitator_guide.ipynb']")
        d.wait_for_selector(".course-agenda", timeout=90_000)
        guide = Page(d)
        assert guide.error_outputs() == []
        assert guide.axe_violations() == []
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
        p.on(
            "request",
            lambda r: (
                None
                if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
                else outside.append(r.url)
            ),
        )
        p.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        p.goto(server.url + "/", wait_until="load", timeout=90_000)
        p.wait_for_selector(".reveal .slides section", state="attached", timeout=90_000)
        p.wait_for_selector(".reveal.ready", state="attached", timeout=60_000)  # reveal.js ran
        total = p.evaluate("document.querySelectorAll('.reveal .slides section').length")
        ctx.close()
    finally:
        server.stop()
    assert "There was an error" not in html and "Traceback" not in html
    assert escape(content.load().tbnet.aim) in html  # TB-Net's slide, from course_data
    assert "application/vnd.jupyter.stderr" not in html
    assert outside == [], f"slides fetched from outside the machine: {outside}"
    assert errors == [], errors
    assert total > 1
