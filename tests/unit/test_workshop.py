"""Workshops: codes, secrets, joining, privacy of the aggregation, exports; on both engines."""

from __future__ import annotations

import base64
import io
import re

import pytest

from widgets import store
from widgets.workshop import model, view

XSS = "<img src=x onerror=alert(1)>"
A, B, C = "AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF", "GGGG-HHHH-JJJJ"
QUESTIONS = {
    "q1": model.Question(
        id="q1", prompt="Which committee?", explanation="Because.", section="tbnet",
        objective="tn-2", choices={"a": "CRC", "b": "CAT"},
    ),
    "q2": model.Question(id="q2", prompt="Second", section="coalitions"),
}


@pytest.fixture
def s(store_url):
    st = store.Store(store_url)
    yield st
    st.close()


@pytest.fixture
def ws(s):
    return model.create_workshop(s, "Coalitions day")


def test_codes_and_secrets_have_the_right_form():
    codes = {model.new_code() for _ in range(200)}
    assert len(codes) == 200
    for code in codes:
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}", code)
        assert not set(code) & set("ILO01")
    from widgets.session import CARRIED

    assert CARRIED["workshop"].match(model.new_code())
    assert CARRIED["code"].match(model.new_learner_code())
    assert re.fullmatch(r"([A-Z2-9]{4}-){3}[A-Z2-9]{4}", model.new_secret())
    assert model.normalise_code(" abcd efgh ") == "ABCD-EFGH"


def test_only_a_salted_hash_of_the_secret_is_stored(s, ws):
    stored = s.workshop(ws.code)["secret_hash"]
    assert ws.secret not in stored and stored.startswith("scrypt$")
    assert model.check_secret(ws.secret, stored)
    assert not model.check_secret(ws.secret[:-1] + "X", stored)
    assert model.hash_secret(ws.secret) != model.hash_secret(ws.secret)  # salted
    assert not model.check_secret("x", "garbage")


def test_trainer_needs_the_secret(s, ws):
    with pytest.raises(model.WorkshopError) as wrong:
        model.Trainer(s, ws.code, model.new_secret())
    with pytest.raises(model.WorkshopError) as unknown:
        model.Trainer(s, "ZZZZ-ZZZZ", ws.secret)
    assert str(wrong.value) == str(unknown.value) == model.SIGN_IN_REFUSED
    assert model.Trainer(s, ws.code.lower(), ws.secret.lower()).name == "Coalitions day"


def test_every_failed_join_gives_the_same_message_and_repeats_are_refused(s, ws):
    other = model.create_workshop(s, "Closed one")
    model.Trainer(s, other.code, other.secret).close()
    messages = set()
    for bad in ("nonsense", "ZZZZ-ZZZZ", other.code, ""):
        with pytest.raises(model.WorkshopError) as exc:
            model.join(s, bad, A, "x")
        messages.add(str(exc.value))
    assert messages == {model.JOIN_REFUSED}
    with pytest.raises(model.WorkshopError):
        model.join(s, "ZZZZ-ZZZY", A)
    # five failures: now even the right code is refused, with the same message
    with pytest.raises(model.WorkshopError, match=re.escape(model.JOIN_REFUSED)):
        model.join(s, ws.code, A)
    assert model.join(s, ws.code, B) == "Coalitions day"  # others are not affected


def test_aggregation_counts_only_joined_learners_while_open(s, ws):
    model.join(s, ws.code, A, "Ana")
    model.join(s, ws.code, B, "")  # anonymous
    s.add_answer(A, "q1", "a", 1.0, True, workshop=ws.code)
    s.add_answer(A, "q1", "b", 0.0, False, workshop=ws.code)  # second attempt: not in stats
    s.add_answer(B, "q1", "b", 0.0, False, workshop=ws.code)
    s.add_answer(B, "q2", ["x", "y"], 0.5, False, workshop=ws.code)
    s.add_answer(C, "q1", "b", 0.0, False, workshop=ws.code)  # never joined
    s.add_answer(A, "q2", "z", 1.0, True)  # private answer, no workshop
    other = model.create_workshop(s, "Other")
    model.join(s, other.code, C, "Carl")
    s.add_answer(C, "q2", "x", 1.0, True, workshop=other.code)

    r = model.Trainer(s, ws.code, ws.secret).report(QUESTIONS)
    assert r.participants == ("Ana", "")
    q1, q2 = r.questions
    assert (q1.answered, q1.correct, q1.distribution) == (2, 1, (("CAT", 1), ("CRC", 1)))
    assert (q2.answered, q2.correct, q2.distribution) == (1, 0, (("x + y", 1),))
    assert [q.question.id for q in r.most_missed()] == ["q2", "q1"]
    assert r.sections == (("coalitions", 1, 0.5), ("tbnet", 2, 0.5))
    assert len(r.answer_rows) == 4 and {row[0] for row in r.answer_rows} == {
        "P01 Ana",
        "P02 (anonymous)",
    }
    # closing: later answers are not counted, and nobody can join
    model.Trainer(s, ws.code, ws.secret).close()
    s.add_answer(B, "q2", "late", 1.0, True, workshop=ws.code)
    r2 = model.build_report(s, ws.code, QUESTIONS)
    assert r2.closed and len(r2.answer_rows) == 4
    with pytest.raises(model.WorkshopError):
        model.join(s, ws.code, C)


def test_plan_summary_is_shared_only_on_request_and_without_names(s, ws):
    model.join(s, ws.code, A, "Ana")
    plan = {
        "actors": [
            {"type": "nhri", "name": "Secret NHRI contact"},
            {"type": "ngo", "name": "Secret NGO"},
            {"type": "ngo", "name": "Another", "notes": "private"},
            {"type": "free text with spaces", "name": "x"},
        ],
        "coalition": {"duration": "ad-hoc", "scope": "national", "focus": "=cmd"},
        "notes": "very private",
    }
    s.put_doc(A, "worksheet", "plan", plan)
    assert model.build_report(s, ws.code, {}).shared_plans == 0  # nothing until asked
    summary = model.share_plan_summary(s, ws.code, A)
    assert summary == {
        "actor_types": {"ngo": 2, "nhri": 1},
        "coalition": {"duration": "ad-hoc", "scope": "national", "focus": ""},
    }
    r = model.build_report(s, ws.code, {})
    assert r.actor_types == (("ngo", 2), ("nhri", 1))
    assert ("scope", "national", 1) in r.coalition_forms
    dumped = repr(r) + repr(model.export_tables(r))
    assert "Secret" not in dumped and "private" not in dumped and A not in dumped
    model.withdraw_plan_summary(s, ws.code, A)
    assert model.build_report(s, ws.code, {}).shared_plans == 0
    with pytest.raises(model.WorkshopError):
        model.share_plan_summary(s, ws.code, B)  # not a participant


def test_delete_removes_the_workshop_and_its_data_only(s, ws):
    model.join(s, ws.code, A, "Ana")
    s.add_answer(A, "q1", "a", 1.0, True, workshop=ws.code)
    s.add_answer(A, "q2", "a", 1.0, True)
    s.put_doc(A, "worksheet", "plan", {"actors": []})
    model.share_plan_summary(s, ws.code, A)
    model.Trainer(s, ws.code, ws.secret).delete()
    assert s.workshop(ws.code) is None
    assert s.participants(ws.code) == [] and s.shared_summaries(ws.code) == {}
    assert [a["question_id"] for a in s.answers(A)] == ["q2"]  # private answers stay
    with pytest.raises(model.WorkshopError):
        model.Trainer(s, ws.code, ws.secret)


def test_exports_neutralise_formulas_and_escape_names(s, ws):
    model.join(s, ws.code, A, "=HYPERLINK(\"http://x\")")
    model.join(s, ws.code, B, XSS)
    s.add_answer(A, "q1", "@SUM(1)", 0.0, False, workshop=ws.code)
    r = model.build_report(s, ws.code, QUESTIONS)
    tables = model.export_tables(r)
    text = model.to_csv(tables["participants"]).decode("utf-8-sig")
    assert "'=HYPERLINK" not in text  # it is "P01 =..." (does not start with =)
    assert model.to_csv([["=1+1", "-2", "ok"]]).decode("utf-8-sig") == "'=1+1,'-2,ok\r\n"
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(model.to_xlsx({"t": [["h"], ["=1+1"], ["@x"]]})))
    assert [c.value for c in wb["t"]["A"]] == ["h", "'=1+1", "'@x"]
    assert set(wb.sheetnames) >= set()
    wb2 = load_workbook(io.BytesIO(model.to_xlsx(tables)))
    assert wb2.sheetnames == list(tables)
    html = view.report_html(r) + view.downloads_html(r)
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_downloads_are_data_urls_with_every_table(s, ws):
    model.join(s, ws.code, A, "Ana")
    s.add_answer(A, "q1", "a", 1.0, True, workshop=ws.code)
    html = view.downloads_html(model.build_report(s, ws.code, QUESTIONS))
    found = dict(re.findall(r'download="([^"]+)" href="data:[^;]+;(?:charset=utf-8;)?base64,([^"]+)"', html))
    assert f"workshop-{ws.code}-answers.csv" in found and f"workshop-{ws.code}.xlsx" in found
    csv_text = base64.b64decode(found[f"workshop-{ws.code}-answers.csv"]).decode("utf-8-sig")
    assert csv_text.splitlines()[1] == "P01 Ana,q1,1,CRC,1.0,True"


def test_questions_are_read_defensively(tmp_path):
    assert model.load_questions(tmp_path / "missing.yaml") == {}
    bad = tmp_path / "bad.yaml"
    bad.write_text("questions: [", encoding="utf-8")
    assert model.load_questions(bad) == {}
    good = tmp_path / "q.yaml"
    good.write_text(
        "questions:\n- id: q1\n  text: T\n  explanation: E\n  section: s\n"
        "  choices: [{id: a, text: Sure}]\n- nonsense\n- {prompt: no id}\n",
        encoding="utf-8",
    )
    q = model.load_questions(good)
    assert list(q) == ["q1"] and q["q1"].prompt == "T" and q["q1"].choices == {"a": "Sure"}
    model.load_questions()  # the real bank, if present, loads without error


# -- widgets, without a browser ------------------------------------------------------------------
def test_join_panel_joins_and_links_with_the_workshop(s, ws):
    panel = view.JoinPanel(store=s, learner=A, params={"code": A})
    panel.w_code.value = "nope"
    assert not panel.join()
    assert model.JOIN_REFUSED in panel.w_status.value
    panel.w_code.value = ws.code.lower()
    panel.w_name.value = XSS
    assert panel.join()
    assert XSS not in panel.w_status.value and "&lt;img" in panel.w_status.value
    assert f"workshop={ws.code}" in panel.w_link.value and f"code={A}" in panel.w_link.value
    assert s.participants(ws.code)[0]["display_name"] == XSS
    # reopening the page with the workshop in the address shows the membership
    again = view.JoinPanel(store=s, learner=A, params={"code": A, "workshop": ws.code})
    assert again.joined == ws.code and again.w_share.layout.display is None
    # another participant's page shows nothing of the first one
    other = view.JoinPanel(store=s, learner=B, params={"code": B, "workshop": ws.code})
    assert other.joined is None
    shown = " ".join(str(getattr(w, "value", "")) for w in other.children)
    assert "img" not in shown and A not in shown


def test_share_button_shares_only_for_members(s, ws):
    s.put_doc(A, "worksheet", "plan", {"actors": [{"type": "ngo", "name": "N"}]})
    button = view.SharePlan(store=s, learner=A, code=ws.code)
    assert button.share() is None and "Join" in button.w_status.value
    model.join(s, ws.code, A)
    assert button.share() == {"actor_types": {"ngo": 1},
                              "coalition": {"duration": "", "scope": "", "focus": ""}}
    button.withdraw()
    assert s.shared_summaries(ws.code) == {}
    nobody = view.SharePlan(store=s, learner=A, code=None)
    assert nobody.share() is None


def test_dashboard_signs_in_refreshes_exports_and_deletes(s, ws, monkeypatch):
    monkeypatch.setattr(view.time, "sleep", lambda _s: None)
    d = view.Dashboard(store=s, interval=0.05)
    d.w_code.value, d.w_secret.value = ws.code, "WRONG-SECRET"
    assert not d.sign_in() and d.w_refresh.disabled and d.w_body.value == ""
    d.w_secret.value = ws.secret
    assert d.sign_in() and d.w_secret.value == ""
    model.join(s, ws.code, A, XSS)
    s.add_answer(A, "q1", "a", 1.0, True, workshop=ws.code)
    d.w_auto.value = True  # automatic refresh picks up the new participant
    import time

    deadline = time.monotonic() + 5
    while "onerror" not in d.w_body.value and time.monotonic() < deadline:
        time.sleep(0.02)
    d.w_auto.value = False
    assert "&lt;img src=x onerror=alert(1)&gt;" in d.w_body.value and XSS not in d.w_body.value
    assert ".xlsx" in d.w_downloads.value
    d.close_workshop()
    assert d.report.closed and d.w_close.disabled
    d.w_confirm.value = "ABCD-EFGH"
    assert not d.delete_workshop() and s.workshop(ws.code) is not None
    d.w_confirm.value = ws.code
    assert d.delete_workshop() and s.workshop(ws.code) is None and d.trainer is None


def test_create_panel_shows_code_and_secret_once(s):
    panel = view.CreatePanel(store=s)
    panel.w_name.value = XSS
    c = panel.create()
    assert c.code in panel.w_status.value and c.secret in panel.w_status.value
    assert XSS not in panel.w_status.value
    assert s.workshop(c.code)["name"] == XSS


def test_command_line_create_close_delete(tmp_path, monkeypatch, capsys):
    from widgets.workshop import cli

    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    assert cli.main(["create", "CLI workshop"]) == 0
    out = capsys.readouterr().out
    code = re.search(r"Participant code: (\S+)", out).group(1)
    secret = re.search(r"Trainer secret:\s+(\S+)", out).group(1)
    assert f"00_home.ipynb?workshop={code}" in out
    monkeypatch.setenv("COURSE_TRAINER_SECRET", "AAAA-AAAA-AAAA-AAAA")
    assert cli.main(["close", code]) == 1
    monkeypatch.setenv("COURSE_TRAINER_SECRET", secret)
    assert cli.main(["close", code]) == 0
    monkeypatch.setattr("builtins.input", lambda _p: "no")
    assert cli.main(["delete", code]) == 1
    assert cli.main(["delete", code, "--yes"]) == 0
    assert store.Store().workshop(code) is None
