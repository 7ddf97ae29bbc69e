"""The course on a real JupyterHub (deploy/jupyterhub), end to end.

Three hub users sign in through Chromium, open the course (each on their own server, as their
own Unix account), join one workshop and answer a question; the trainer's role sees all three;
one server is stopped and started again and the progress is still there; and code run inside
one user's server can read and change nothing of another user's.

Needs root (local accounts), Node's configurable-http-proxy and PostgreSQL: skipped with a
message on a developer's machine without them, a failure in CI (``.ci/run`` installs them).
"""

from __future__ import annotations

import json
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.harness import VoilaServer
from widgets import content, hubdb
from widgets.quizzes import bank
from widgets.quizzes import model as quiz_model
from widgets.store import Store, StoreError
from widgets.workshop import model

from . import hub as H
from .conftest import Page

pytestmark = [pytest.mark.ui, pytest.mark.timeout(600)]
USERS = ["tbc-ana", "tbc-ben", "tbc-cleo"]
PAGE, QUIZ = "02_why_coalitions.ipynb", "coalitions"
HOME = "voila/render/notebooks/00_home.ipynb"


@pytest.fixture(scope="module")
def hub(tmp_path_factory):
    H.check_requirements()
    pg = H.Postgres()
    for user in USERS:
        H.ensure_user(user)
    opened = H.open_path_for_users(H.ROOT, Path(sys.prefix), Path(sys.base_prefix))
    started = time.monotonic()
    try:
        h = H.Hub(pg, USERS, tmp_path_factory.mktemp("hub"))
        h.pg = pg
        h.started = started
        yield h
        h.stop()
    finally:
        pg.stop()
        H.restore_modes(opened)
        for user in USERS:
            H.remove_user(user)


def first_question(user: str) -> quiz_model.Question:
    """The first one-answer question this learner sees on the page (the page's seeded order)."""
    b = bank.load()
    code = f"hub-{user}"
    ids = b.question_ids(QUIZ, quiz_model.seed_for(code, QUIZ))
    return next(b.questions[q] for q in ids if b.questions[q].kind in quiz_model.ONE_ANSWER)


def sign_in(browser, hub, user: str) -> Page:
    context = browser.new_context()
    page = Page(context.new_page())
    p = page.page
    p.goto(f"{hub.url}/hub/login", wait_until="load")
    p.fill("#username_input", user)
    p.fill("#password_input", hub.password)
    p.click("#login_submit")
    # The hub starts the server and sends the learner to the course's home page.
    p.wait_for_url(f"**/user/{user}/{HOME}*", timeout=120_000)
    p.wait_for_selector(".course-nav-top", state="visible", timeout=120_000)
    return page


def answer_right(page: Page, hub, user: str, workshop: str) -> quiz_model.Question:
    q = first_question(user)
    right = next(o for o in q.options if o.correct)
    box = f".course-q-{q.id}"
    page.open(f"{hub.url}/user/{user}/voila/render/notebooks/{PAGE}?workshop={workshop}", box)
    p = page.page
    p.click(f"{box} label:text-is('{right.text}')")
    p.click(f"{box} button:has-text('Check my answer')")
    p.locator(f"{box} .course-live").get_by_text("✓ Right.", exact=True).wait_for(timeout=60_000)
    return q


def test_three_learners_one_workshop_restart_and_isolation(hub, browser, tmp_path):
    trainer_url = hubdb.trainer_url(hub.pg.owner_url, hub.trainer_password)
    trainer_store = Store(trainer_url)
    ws = model.create_workshop(trainer_store, "Hub workshop")

    pages, asked = {}, {}
    for user in USERS:
        page = sign_in(browser, hub, user)
        p = page.page
        # Signed in by the hub: no learner code to keep, the home page says so.
        p.wait_for_selector(".course-start-returning", timeout=60_000)
        assert content.load().text("start.hub.intro") in p.inner_text(".course-start")
        # The workshop link: the join step, then a question answered in the workshop.
        # The one link a trainer hands out: the hub sends each person to their own server.
        page.open(f"{hub.url}/hub/user-redirect/{HOME}?workshop={ws.code}", ".course-start-join")
        assert f"/user/{user}/" in p.url
        join = p.locator(".course-start")
        join.get_by_label(content.load().text("start.join.name")).fill(f"Learner {user[-3:]}")
        join.get_by_role("button", name=content.load().text("start.join.button")).click()
        join.get_by_text(content.load().text("start.hub.intro")).wait_for(timeout=60_000)
        assert "hub-" not in join.inner_text()  # no learner code under a hub
        asked[user] = answer_right(page, hub, user, ws.code)
        assert page.error_outputs() == [], (user, page.error_outputs())
        assert page.outside == [], (user, page.outside)
        assert page.errors == [], (user, page.errors)
        pages[user] = page

    # The trainer's role sees all three participants and their answers.
    report = model.Trainer(trainer_store, ws.code, ws.secret).report()
    assert sorted(p.label.split(" ", 1)[1] for p in report.participants) == sorted(
        f"Learner {u[-3:]}" for u in USERS
    )
    assert sum(q.answered for q in report.questions) == 3, report.questions
    assert {q.id for q in report.questions} == {q.id for q in asked.values()}
    # ... but not their private documents (plans, progress).
    with pytest.raises(StoreError):
        trainer_store.query("SELECT COUNT(*) FROM documents")

    # The trainer's dashboard, on the hub machine with the trainer role, shows all three.
    dash = VoilaServer(
        tmp_path / "dashboard",
        env={"COURSE_DATABASE_URL": trainer_url, "COURSE_DASHBOARD_TOKEN": "hub-dash-token"},
        command=["widgets.workshop", "serve-dashboard"],
    )
    try:
        d = Page(browser.new_context().new_page())
        d.open(f"{dash.url}/?token=hub-dash-token", ".course-dashboard input")
        d.page.fill(".course-dashboard input >> nth=0", ws.code)
        d.page.fill(".course-dashboard input[type=password]", ws.secret)
        d.page.click(".course-dashboard button >> nth=0")
        d.page.wait_for_selector(".course-dashboard-body .course-participants", timeout=60_000)
        body = d.page.inner_text(".course-dashboard-body")
        for i, user in enumerate(USERS, 1):
            assert f"P{i:02d} Learner {user[-3:]}" in body, body[:2000]
        assert d.errors == [] and d.error_outputs() == [], (d.errors, d.error_outputs())
        d.page.context.close()
    finally:
        dash.stop()

    # One server stopped and started again: the progress is still there.
    ana = USERS[0]
    hub.stop_server(ana)
    deadline = time.monotonic() + 20  # no kernel left behind, holding a database connection
    while (left := [p.name for p in Path("/proc").glob("[0-9]*") if _owner(p) == ana]) and (
        time.monotonic() < deadline
    ):
        time.sleep(0.5)
    assert left == [], f"processes of {ana} left after the server stopped: {left}"
    hub.start_server(ana)
    q = asked[ana]
    box = f".course-q-{q.id}"
    page = pages[ana]
    page.open(f"{hub.url}/user/{ana}/voila/render/notebooks/{PAGE}?workshop={ws.code}", box)
    page.page.wait_for_selector(f"{box} .course-feedback", timeout=90_000)
    assert "✓ Right." in page.page.inner_text(f"{box} .course-feedback")

    # Another user's server is not reachable with ana's login.
    token = hub.user_token(ana)
    for path in (f"/user/{USERS[1]}/api/contents", f"/user/{USERS[1]}/{HOME}"):
        req = urllib.request.Request(hub.url + path, headers={"Authorization": f"token {token}"})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req, timeout=60)
        assert err.value.code in (403, 404), path

    # Code run in ana's server (as a learner could, in a notebook) reads and changes nothing of
    # the others', through the course's store or the database directly.
    owner = Store(hub.pg.owner_url)
    before = {u: owner.export_learner(f"hub-{u}") for u in USERS}
    assert all(before[u]["answers"] for u in USERS)
    probe = PROBE.replace("OTHER", f"hub-{USERS[1]}")
    out = H.run_in_server(hub, ana, token, probe)
    found = json.loads(out.strip().splitlines()[-1]) if out.strip() else {}
    assert found.get("uid_is_user") is True, out
    assert found["learners_seen"] == [f"hub-{ana}"], found
    assert found["other_export"] == {"documents": [], "answers": [], "workshops": []}, found
    assert found["changed"] == 0, found
    assert found["insert_as_other"] == "refused", found
    assert found["secret_hash"] == "refused", found
    assert found["workshop_seen_by_learner"] == ["Hub workshop"], found
    assert found["readable_secrets"] == [], found
    after = {u: owner.export_learner(f"hub-{u}") for u in USERS}
    assert after[USERS[1]] == before[USERS[1]] and after[USERS[2]] == before[USERS[2]]
    print(f"hub test: {time.monotonic() - hub.started:.0f} s from the database's start")


def _owner(proc: Path) -> str | None:
    import pwd

    try:
        return pwd.getpwuid(proc.stat().st_uid).pw_name
    except (OSError, KeyError):
        return None


# Run inside ana's server. Everything it finds is printed as one JSON line.
PROBE = r"""
import glob, json, os
import psycopg
from widgets.store import open_store
url = os.environ["COURSE_DATABASE_URL"]
import pwd
out = {"uid_is_user": pwd.getpwuid(os.getuid()).pw_name == os.environ["JUPYTERHUB_USER"]}
store = open_store()
e = store.export_learner("OTHER")
out["other_export"] = {k: e[k] for k in ("documents", "answers", "workshops")}
with psycopg.connect(url, autocommit=True) as c:
    seen = set()
    for table, col in [("learners", "code"), ("documents", "learner"), ("answers", "learner"),
                       ("participants", "learner"), ("shared_summaries", "learner"),
                       ("join_failures", "learner")]:
        seen |= {r[0] for r in c.execute(f"SELECT {col} FROM {table}")}
    out["learners_seen"] = sorted(seen)
    changed = 0
    for sql in ["UPDATE answers SET score = 0 WHERE learner = 'OTHER'",
                "DELETE FROM answers WHERE learner = 'OTHER'",
                "UPDATE documents SET body = '{}' WHERE learner = 'OTHER'",
                "DELETE FROM participants WHERE learner = 'OTHER'"]:
        changed += c.execute(sql).rowcount
    out["changed"] = changed
    try:
        c.execute("INSERT INTO answers (learner, question_id, attempt, response, score, correct, created_at) VALUES ('OTHER', 'x', 99, '1', 1, 1, 0)")
        out["insert_as_other"] = "allowed"
    except psycopg.Error:
        out["insert_as_other"] = "refused"
    try:
        c.execute("SELECT secret_hash FROM workshops").fetchall()
        out["secret_hash"] = "readable"
    except psycopg.Error:
        out["secret_hash"] = "refused"
    out["workshop_seen_by_learner"] = [r[0] for r in c.execute("SELECT name FROM workshops")]
import re
my_role = url.split("://", 1)[1].split(":", 1)[0]
found = []
for path in glob.glob("/proc/[0-9]*/environ") + glob.glob("/proc/[0-9]*/cmdline"):
    try:
        data = open(path, "rb").read().decode("utf-8", "replace")
    except OSError:
        continue
    for role in re.findall(r"postgres(?:ql)?://([^:@/]+)", data):
        if role != my_role:  # another role's address (another learner, the trainer, the owner)
            found.append(f"{path}: {role}")
out["readable_secrets"] = found
print(json.dumps(out))
"""
