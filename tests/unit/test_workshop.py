"""Workshops: codes, secrets, joining, privacy of the aggregation, exports; on both engines."""

from __future__ import annotations

import base64
import io
import re
from html import escape, unescape

import pytest

from widgets import content, learner, sheets, store, ui
from widgets.quizzes import model as quiz
from widgets.workshop import (
    controls,
    exports,
    maps_html,
    model,
    report_html,
    results,
    trainer_view,
    view,
)

XSS = "<img src=x onerror=alert(1)>"
A, B, C = "AAAA-BBBB-CCCC", "DDDD-EEEE-FFFF", "GGGG-HHHH-JJJJ"
QUESTIONS = {
    "q1": quiz.Question(
        id="q1",
        kind="single",
        prompt="Which committee?",
        explanation="Because.",
        section="tbnet",
        objective="tn-2",
        options=(quiz.Option("a", "CRC", True, "Yes"), quiz.Option("b", "CAT", False, "No")),
    ),
    "q2": quiz.Question(
        id="q2",
        kind="multiple",
        prompt="Second",
        explanation="E",
        section="coalitions",
        objective="co-1",
        options=(
            quiz.Option("x", "Ex", True, "Y"),
            quiz.Option("y", "Why", False, "N"),
            quiz.Option("z", "Zed", True, "Y"),
        ),
    ),
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
        assert not set(code) & set("IO01")  # easy to confuse (one alphabet: identity.ALPHABET)
    from widgets.session import CARRIED

    assert CARRIED["workshop"].match(model.new_code())
    assert re.fullmatch(r"([A-Z2-9]{4}-){3}[A-Z2-9]{4}", model.new_secret())
    assert model.normalise_code(" abcd efgh ") == "ABCD-EFGH"


def test_only_a_salted_hash_of_the_secret_is_stored(s, ws):
    stored = s.workshop(ws.code)["secret_hash"]
    assert ws.secret not in stored and stored.startswith("scrypt$")
    assert model.check_secret(ws.secret, stored)
    wrong = ws.secret[:-1] + ("X" if ws.secret[-1] != "X" else "Y")  # one letter differs
    assert not model.check_secret(wrong, stored)
    assert model.hash_secret(ws.secret) != model.hash_secret(ws.secret)  # salted
    assert not model.check_secret("x", "garbage")


def test_trainer_needs_the_secret(s, ws):
    with pytest.raises(model.WorkshopError) as wrong:
        model.Trainer(s, ws.code, model.new_secret())
    with pytest.raises(model.WorkshopError) as unknown:
        model.Trainer(s, "ZZZZ-ZZZZ", ws.secret)
    assert str(wrong.value) == str(unknown.value) == ui.t(model.SIGN_IN_REFUSED)
    assert model.Trainer(s, ws.code.lower(), ws.secret.lower()).name == "Coalitions day"


def test_failed_joins_say_why_and_a_pause_slows_guessing_without_misleading(s, ws, monkeypatch):
    other = model.create_workshop(s, "Closed one")
    model.Trainer(s, other.code, other.secret).close()
    with pytest.raises(model.WorkshopError, match=re.escape(ui.t(model.JOIN_CLOSED))):
        model.join(s, other.code, A, "x")
    assert model.workshop_state(s, other.code) == "closed"
    assert model.workshop_state(s, ws.code.lower()) == "open"
    assert model.workshop_state(s, "nonsense") == "unknown"
    for bad in ("nonsense", "ZZZZ-ZZZZ", "", "ZZZZ-ZZZY", "ZZZZ-ZZZX"):
        with pytest.raises(model.WorkshopError, match=re.escape(ui.t(model.JOIN_REFUSED))):
            model.join(s, bad, A, "x")
    # five wrong codes: tries are paused, and the message says so and for how long
    with pytest.raises(model.WorkshopError) as paused:
        model.join(s, ws.code, A)
    assert paused.value.key == model.JOIN_PAUSED
    assert str(paused.value) == ui.t(model.JOIN_PAUSED, minutes=ui.tn("workshop.minutes", 2))
    assert model.join(s, ws.code, B) == "Coalitions day"  # others are not affected
    # waiting while paused does not make the pause longer, and after it the right code works
    last = s.last_join_failure(A)
    assert s.join_failures_since(A, 0) == 5
    later = last + model.PAUSE + 1
    from widgets.workshop import joining

    monkeypatch.setattr(joining.time, "time", lambda: later)
    assert model.pause_left(s, A) == 0
    assert model.join(s, ws.code, A) == "Coalitions day"


def test_minutes_text_rounds_up_with_plural_forms():
    one, two = ui.tn("workshop.minutes", 1), ui.tn("workshop.minutes", 2)
    assert one != two
    assert model.minutes_text(1) == one
    assert model.minutes_text(61) == two
    assert model.minutes_text(120) == two


def label(n, name=""):
    """A participant's label as the dashboard shows it."""
    return ui.t("trainer.participant", n=n, name=name or ui.t("trainer.anonymous"))


def title(page_id):
    return content.load().page(page_id).title


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
    assert [p.label for p in r.participants] == [label(1, "Ana"), label(2)]
    q1, q2 = r.questions
    assert (q1.answered, q1.correct_first, q1.correct_final) == (2, 1, 0)
    assert [(b.label, b.count, b.right) for b in q1.parts[0].bars] == [
        ("CRC", 1, True),
        ("CAT", 1, False),
    ]
    assert (q2.answered, q2.correct_first) == (1, 0)
    assert [(b.label, b.count) for b in q2.parts[0].bars] == [("Ex", 1), ("Why", 1), ("Zed", 0)]
    assert [q.id for q in r.most_missed()] == ["q2", "q1"]
    assert [(x.title, x.answers, x.mean_first) for x in r.sections] == [
        (title("coalitions"), 1, 0.5),
        (title("tbnet"), 2, 0.5),
    ]
    assert len(r.answer_rows) == 4 and {row[0] for row in r.answer_rows} == {
        label(1, "Ana"),
        label(2),
    }
    no = ui.t("table.no")
    assert (label(2), "", title("coalitions"), "Second", 1, "Ex + Why", 0.5, no) in r.answer_rows
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
        "actors": [
            {"type": "nhri", "influence": 3, "interest": 3, "position": ""},
            {"type": "ngo", "influence": 3, "interest": 3, "position": ""},
            {"type": "ngo", "influence": 3, "interest": 3, "position": ""},
        ],
    }
    r = model.build_report(s, ws.code, {})
    types = {t.id: t.label for t in content.load().worksheet.actor_types}
    assert r.actor_types == ((types["ngo"], 2), (types["nhri"], 1))
    scope = next(d for d in content.load().forms if d.id == "scope")
    national = next(o.label for o in scope.options if o.id == "national")
    assert (scope.label, national, 1) in r.coalition_forms
    dumped = repr(r) + repr(exports.export_tables(r))
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
    model.join(s, ws.code, A, '=HYPERLINK("http://x")')
    model.join(s, ws.code, B, XSS)
    s.add_answer(A, "q1", "@SUM(1)", 0.0, False, workshop=ws.code)
    r = model.build_report(s, ws.code, QUESTIONS)
    tables = exports.export_tables(r)
    text = sheets.to_csv(tables["participants"]).decode("utf-8-sig")
    quoted = label(1, '=HYPERLINK("http://x")').replace('"', '""')
    assert text.splitlines()[1].startswith(f'"{quoted}"')  # does not start with =
    answers = sheets.to_csv(tables["answers"]).decode("utf-8-sig")
    assert "'@SUM(1)" in answers  # the answer cell starts with @: written as text
    assert not hasattr(model, "neutralise") and not hasattr(model, "to_xlsx")
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(exports.workbook(r)))
    assert wb.sheetnames == [exports.sheet_name(k) for k in exports.SHEETS]
    cells = [c.value for row in wb[exports.sheet_name("answers")].iter_rows() for c in row]
    assert "'@SUM(1)" in cells and "@SUM(1)" not in cells
    html = report_html.overview_html(r) + trainer_view.downloads_html(r)
    assert XSS not in html and "&lt;img src=x onerror=alert(1)&gt;" in html


def test_downloads_are_data_urls_with_every_table(s, ws):
    model.join(s, ws.code, A, "Ana")
    s.add_answer(A, "q1", "a", 1.0, True, workshop=ws.code)
    html = trainer_view.downloads_html(model.build_report(s, ws.code, QUESTIONS))
    found = dict(
        re.findall(r'download="([^"]+)" href="data:[^;]+;(?:charset=utf-8;)?base64,([^"]+)"', html)
    )
    assert f"workshop-{ws.code}-answers.csv" in found and f"workshop-{ws.code}.xlsx" in found
    csv_text = base64.b64decode(found[f"workshop-{ws.code}-answers.csv"]).decode("utf-8-sig")
    yes = ui.t("table.yes")
    assert csv_text.splitlines()[1] == (
        f"{label(1, 'Ana')},,{title('tbnet')},Which committee?,1,CRC,1.0,{yes}"
    )


def test_results_read_questions_through_the_quiz_bank():
    from widgets.quizzes import bank

    assert results.questions() is bank.load().questions
    import pathlib

    workshop = pathlib.Path(model.__file__).parent
    readers = [
        p.name
        for p in workshop.glob("*.py")
        if "questions.yaml" in p.read_text().replace("``questions.yaml``", "")
    ]
    assert readers == []  # no second reader of questions.yaml


def test_groups_join_and_choose(s, ws):
    assert model.groups(s, ws.code) == []
    trainer = model.Trainer(s, ws.code, ws.secret)
    assert trainer.add_group("Blue <b>") == {"id": "g1", "name": "Blue <b>"}
    trainer.add_group()
    assert model.groups(s, ws.code.lower()) == [
        {"id": "g1", "name": "Blue <b>"},
        {"id": "g2", "name": ui.t("workshop.group_name", n=2)},
    ]
    assert model.groups(s, "ZZZZ-ZZZZ") == [] and model.groups(s, "nonsense") == []
    with pytest.raises(model.WorkshopError, match=re.escape(ui.t(model.GROUP_REFUSED))):
        model.join(s, ws.code, A, "Ana", group="g9")
    assert s.participants(ws.code) == []  # nothing saved
    model.join(s, ws.code, A, "Ana", group="g2")
    assert model.membership(s, ws.code, A)["group_name"] == ui.t("workshop.group_name", n=2)
    model.join(s, ws.code, A, "Ana")  # joining again keeps the group
    assert s.participants(ws.code)[0]["group"] == "g2"
    model.choose_group(s, ws.code, A, "g1")
    assert s.participants(ws.code)[0]["group"] == "g1"
    with pytest.raises(model.WorkshopError):
        model.choose_group(s, ws.code, B, "g1")  # not a participant
    model.join(s, ws.code, B)
    model.join(s, ws.code, C)
    trainer.make_groups(2)  # B and C had no group: each goes to the smallest group (first on ties)
    assert [p["group"] for p in s.participants(ws.code)] == ["g1", "g2", "g1"]
    with pytest.raises(model.WorkshopError):
        trainer.make_groups(model.MAX_GROUPS + 1)
    with pytest.raises(model.WorkshopError) as nobody:
        trainer.assign(9, "g1")
    assert str(nobody.value) == ui.t("workshop.error.no_participant", n=9)
    html = maps_html.groups_html(trainer.report({}))
    assert "Blue &lt;b&gt;" in html and "Blue <b>" not in html
    model.Trainer(s, ws.code, ws.secret).close()
    assert model.groups(s, ws.code) == []  # a closed workshop offers no groups
    model.Trainer(s, ws.code, ws.secret).delete()
    assert s.groups(ws.code) == []


def test_summary_shares_only_course_categories_in_course_words(s, ws):
    plan = {
        "actors": [
            {"type": "nhri", "name": "N", "influence": 5, "interest": 1, "position": "ally"},
            {"type": "ngo", "influence": True, "interest": "9", "position": "<script>"},
            {"type": "PartnerXRX46", "name": "x"},
        ],
        "coalition": {"duration": "permanent", "scope": "global", "focus": "PartnerXRX46"},
    }
    summary = model.summarise_plan(plan)
    assert "PartnerXRX46" not in repr(summary) and "script" not in repr(summary)
    assert summary["coalition"] == {"duration": "permanent", "scope": "", "focus": ""}
    assert summary["actors"][1] == {"type": "ngo", "influence": 3, "interest": 3, "position": ""}
    assert model.summarise_plan({"coalition": {"focus": "thematic"}})["coalition"]["focus"] == (
        "thematic"
    )
    text = model.describe_summary(summary)
    c = content.load()
    types = {t.id: t.label for t in c.worksheet.actor_types}
    duration = next(d for d in c.forms if d.id == "duration")
    permanent = next(o.label for o in duration.options if o.id == "permanent")
    sep = ui.t("workshop.summary.separator")
    assert text == ui.t(
        "workshop.summary.text",
        actors=ui.tn("workshop.summary.actors", 2),
        types=sep.join(ui.t("workshop.summary.type", type=types[t], n=1) for t in ("ngo", "nhri")),
        form=permanent,
    )
    assert view.describe_summary(summary) == text
    nothing = model.describe_summary({"actor_types": {"free text": 3}, "coalition": {"x": "y"}})
    none = ui.t("workshop.summary.none")
    assert nothing == ui.t(
        "workshop.summary.text", actors=ui.tn("workshop.summary.actors", 0), types=none, form=none
    )


# -- widgets, without a browser ------------------------------------------------------------------
def test_share_button_shares_only_for_members(s, ws):
    s.put_doc(A, "worksheet", "plan", {"actors": [{"type": "ngo", "name": "N"}]})
    button = view.SharePlan(learner.Learner(A, workshop=ws.code, store=s))
    assert (
        button.share() is None
        and escape(ui.t("workshop.error.join_first_share")) in button.w_status.value
    )
    model.join(s, ws.code, A)
    assert button.share() == {
        "actor_types": {"ngo": 1},
        "coalition": {"duration": "", "scope": "", "focus": ""},
        "actors": [{"type": "ngo", "influence": 3, "interest": 3, "position": ""}],
    }
    assert escape(model.describe_summary(button.share())) in button.w_status.value
    button.withdraw()
    assert s.shared_summaries(ws.code) == {}
    nobody = view.SharePlan(learner.Learner(A, workshop=None, store=s))
    assert nobody.share() is None
    assert ui.t("workshop.share.not_joined") in unescape(nobody.w_status.value)


def test_dashboard_shows_only_the_sign_in_until_signed_in(s, ws, monkeypatch):
    monkeypatch.setattr(controls.time, "sleep", lambda _s: None)
    d = trainer_view.Dashboard(store=s, interval=0.05)
    assert d.w_main.layout.display == "none" and d.w_sign_in.layout.display is None
    assert d.w_auto.value  # automatic refresh is on by default
    assert d.w_intro.value == f"<p>{escape(ui.t('dashboard.intro'))}</p>"
    d.w_code.value, d.w_secret.value = ws.code, "WRONG-SECRET"
    assert not d.sign_in() and d.w_main.layout.display == "none" and d.w_overview.value == ""
    assert escape(ui.t(model.SIGN_IN_REFUSED)) in d.w_sign_in.w_status.value
    d.w_secret.value = ws.secret
    assert d.sign_in() and d.w_secret.value == ""
    assert d.w_main.layout.display is None and d.w_sign_in.layout.display == "none"
    updated = ui.t(
        "dashboard.updated",
        time="@@",
        participants=ui.tn("trainer.participants", 0),
        answers=ui.tn("trainer.answers", 0),
    )
    pattern = re.escape(escape(updated)).replace("@@", r"\d\d:\d\d:\d\d")
    assert re.search(f">{pattern}<", d.w_updated.value), d.w_updated.value
    model.join(s, ws.code, A, XSS)
    from widgets.quizzes import bank as quiz_bank

    q = next(q for q in quiz_bank.load().questions.values() if q.kind == "single")
    right = next(o for o in q.options if o.correct)
    s.add_answer(A, q.id, right.id, 1.0, True, workshop=ws.code)
    import time

    deadline = time.monotonic() + 5  # automatic refresh picks up the new participant
    while "onerror" not in d.w_overview.value and time.monotonic() < deadline:
        time.sleep(0.02)
    d.w_auto.value = False
    assert "&lt;img src=x onerror=alert(1)&gt;" in d.w_overview.value
    assert XSS not in d.w_overview.value + d.w_questions.value
    assert right.id not in re.findall(r">([^<]+)<", d.w_questions.value)  # words, not ids
    assert escape(right.text) in d.w_questions.value
    assert f"✓ {escape(ui.t('dashboard.right'))}" in d.w_questions.value
    assert escape(ui.t("trainer.col.facility")) in d.w_analysis.value
    d.prepare_downloads()
    assert ".xlsx" in d.w_downloads.value
    d.close_workshop()
    assert d.report.closed and d.w_close.disabled
    d.w_confirm.value = "ABCD-EFGH"
    assert not d.delete_workshop() and s.workshop(ws.code) is not None
    d.w_confirm.value = ws.code
    assert d.delete_workshop() and s.workshop(ws.code) is None and d.trainer is None
    assert d.w_main.layout.display == "none"


def test_dashboard_groups_tab_makes_and_moves(s, ws, monkeypatch):
    d = trainer_view.Dashboard(store=s)
    d.w_auto.value = False
    model.join(s, ws.code, A, "Ana")
    model.join(s, ws.code, B, "Bo")
    d.w_code.value, d.w_secret.value = ws.code, ws.secret
    assert d.sign_in()
    d.w_ngroups.value = 2
    d.make_groups()
    g1, g2 = (ui.t("workshop.group_name", n=n) for n in (1, 2))
    assert [p.group for p in d.report.participants] == [g1, g2]
    d.w_who.value, d.w_group.value = 2, "g1"
    d.move()
    assert [p.group for p in d.report.participants] == [g1, g1]
    assert f"{g1} (2)" in d.w_groups.value


def test_create_panel_shows_code_and_secret_once(s):
    panel = trainer_view.CreatePanel(store=s)
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

    def printed(key, name):
        return re.search(re.escape(ui.t(key, **{name: "@@"})).replace("@@", r"(\S+)"), out).group(1)

    code, secret = printed("cli.created.code", "code"), printed("cli.created.secret", "secret")
    link = printed("cli.created.link", "link")
    assert link == model.participant_link(code) and ui.t("cli.created.join") in out
    assert cli.main(["create", "On the hub", "--hub", "https://hub.example.org/"]) == 0
    out = capsys.readouterr().out
    link = printed("cli.created.link", "link")
    assert link.startswith("https://hub.example.org/hub/user-redirect/voila/render/notebooks/")
    assert link.endswith(f"?workshop={printed('cli.created.code', 'code')}")
    assert ui.t("cli.created.hub") in out and ui.t("cli.created.join") not in out
    monkeypatch.setenv("COURSE_TRAINER_SECRET", "AAAA-AAAA-AAAA-AAAA")
    assert cli.main(["close", code]) == 1
    monkeypatch.setenv("COURSE_TRAINER_SECRET", secret)
    assert cli.main(["close", code]) == 0
    monkeypatch.setattr(cli, "_interactive", lambda: True)
    monkeypatch.setattr("builtins.input", lambda _p: "no")
    assert cli.main(["delete", code]) == 1
    assert cli.main(["delete", code, "--yes"]) == 0
    assert store.Store().workshop(code) is None


def test_command_line_without_secret_or_terminal_says_what_is_missing(
    tmp_path, monkeypatch, capsys
):
    from widgets.workshop import cli

    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path))
    monkeypatch.delenv("COURSE_TRAINER_SECRET", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO(""))  # no terminal: nothing to read
    c = model.create_workshop(store.Store(), "No terminal")
    assert cli.main(["close", c.code]) == 2
    err = capsys.readouterr().err
    assert "COURSE_TRAINER_SECRET" in err and "Traceback" not in err
    monkeypatch.setenv("COURSE_TRAINER_SECRET", c.secret)
    assert cli.main(["delete", c.code]) == 2  # no terminal to confirm in
    assert "--yes" in capsys.readouterr().err
    assert store.Store().workshop(c.code) is not None  # nothing lost
    import subprocess
    import sys

    env = {k: v for k, v in __import__("os").environ.items() if k != "COURSE_TRAINER_SECRET"}
    env["COURSE_STORE_DIR"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "widgets.workshop", "close", c.code],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 2 and "COURSE_TRAINER_SECRET" in done.stderr
    assert "Traceback" not in done.stderr and "EOFError" not in done.stderr


def test_handouts_are_word_files_from_the_course(tmp_path):
    from docx import Document

    from widgets import content
    from widgets.quizzes import bank
    from widgets.workshop import cli, handouts

    assert cli.main(["handouts", "--out", str(tmp_path)]) == 0
    names = sorted(p.name for p in tmp_path.glob("*.docx"))
    lessons = [p for p in content.load().outline.pages if p.kind == "lesson"]
    assert names == sorted(
        ["answer-sheet.docx", "course-content.docx", "facilitator-guide.docx"]
        + [f"paper-quiz-{i}-{p.id}.docx" for i, p in enumerate(lessons, 1)]
    )

    def text(name):
        doc = Document(str(tmp_path / name))
        cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
        return "\n".join([p.text for p in doc.paragraphs] + cells)

    course = text("course-content.docx")
    for page in lessons:
        assert page.title in course
        for o in page.objectives:
            assert o.text in course
    assert content.load().treaty_bodies[0].name in course  # a table made by the reading blocks
    b = bank.load()
    first = lessons[0]
    quiz_text = text(f"paper-quiz-1-{first.id}.docx")
    answers = text("answer-sheet.docx")
    for q in b.questions.values():
        if q.section == first.id:
            assert q.prompt in quiz_text and q.explanation not in quiz_text
            assert q.right_answer in answers and q.explanation in answers
    guide = text("facilitator-guide.docx")
    from widgets import facilitation

    assert all(a.title in guide for a in facilitation.load().activities)
    assert handouts.all_handouts().keys() == set(names)


@pytest.mark.parametrize(
    "typed, kept",
    [
        ("می\u200cخواهم", "می\u200cخواهم"),  # Persian: the zero-width non-joiner stays
        ("क्\u200dष", "क्\u200dष"),  # Devanagari: the zero-width joiner stays
        ("\U0001f3f3\ufe0f\u200d\U0001f308", "\U0001f3f3\ufe0f\u200d\U0001f308"),  # a flag
        ("\u200fنور", "\u200fنور"),  # a right-to-left mark
        ("Ana\tMaria\nX", "Ana Maria X"),  # control characters separate words
        ("A\u202eB\u2066C", "ABC"),  # bidi overrides and isolates cannot reorder the page
    ],
)
def test_display_names_keep_joiners_and_direction_marks(typed, kept):
    assert model.clean_display_name(typed) == kept


def test_the_sign_in_says_why_when_the_store_cannot_be_opened(monkeypatch):
    from widgets.store import StoreError, memory_store

    fallback = memory_store()
    fallback.problem = str(StoreError("damaged", where="/x/course.sqlite"))
    panel = trainer_view.Dashboard(fallback)
    assert escape(fallback.problem) in panel.w_sign_in.w_status.value
    assert "course-status-error" in panel.w_sign_in.w_status.value
