"""The facilitator guide's content: validated, cross-checked, rendered deterministically."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from widgets import content, facilitation, ui

ROOT = Path(__file__).resolve().parents[2]


def _yaml():
    return yaml.safe_load((ROOT / "course_data" / "facilitation.yaml").read_text(encoding="utf-8"))


def test_guide_loads_and_agendas_add_up():
    g = facilitation.load()
    data = _yaml()
    assert [a.id for a in g.agendas] == [a["id"] for a in data["agendas"]]
    assert {90, 120} <= {a.minutes for a in g.agendas}  # a 90-minute and a 2-hour agenda
    for a in g.agendas:
        assert sum(i.minutes for i in a.items) == a.minutes
    assert [a.id for a in g.activities] == [a["id"] for a in data["activities"]]
    assert g.checklists.before and g.checklists.after
    assert "facilitator-guide" not in {p.id for p in content.load().outline.pages}
    assert (ROOT / "trainer" / "facilitator_guide.ipynb").exists()  # a trainer's page


def test_agenda_block_has_start_times_and_page_titles():
    c = content.load()
    for a in facilitation.load().agendas:
        text = repr(facilitation.agenda(a.id))
        first, last = a.items[0], a.items[-1]
        start = a.minutes - last.minutes
        first_length, last_length = (ui.t("guide.minutes", n=i.minutes) for i in (first, last))
        assert f"0:00 | {first_length}" in text
        assert f"{start // 60}:{start % 60:02d} | {last_length} | {last.title}" in text
        assert ui.tn("guide.agenda_caption", a.minutes, title=a.title) in text
        for item in a.items:
            for p in item.pages:
                assert c.page(p).title in text
            for s in item.case:
                assert c.case.step(s).title in text
        assert facilitation.load().planning.note in text


def _reading_minutes(pages) -> float:
    """Planning minutes to read these pages and answer their practice questions."""
    import json

    from widgets import readability
    from widgets.quizzes import bank

    plan = facilitation.load().planning
    c, questions = content.load(), bank.load().questions.values()
    total = 0.0
    for p in pages:
        nb = json.loads((ROOT / "notebooks" / c.page(p).notebook).read_text(encoding="utf-8"))
        words = len(readability.reading_text(nb).split())
        asked = sum(q.section == p for q in questions)
        assert words and asked, p
        total += words / plan.words_per_minute + asked * plan.minutes_per_question
    return total


def test_every_agenda_item_gives_reading_and_questions_their_time():
    for a in facilitation.load().agendas:
        for item in a.items:
            assert item.minutes >= _reading_minutes(item.pages), (a.id, item.title)
        if a.pre_reading:
            assert a.pre_reading.minutes >= _reading_minutes(a.pre_reading.pages), a.id


def test_the_90_minute_agenda_names_its_pre_reading():
    c = content.load()
    a = next(a for a in facilitation.load().agendas if a.minutes == 90)
    assert a.pre_reading and a.pre_reading.pages
    text = repr(facilitation.agenda(a.id))
    pages = "; ".join(c.page(p).title for p in a.pre_reading.pages)
    pre = a.pre_reading
    assert ui.t("guide.pre_reading", n=pre.minutes, what=pre.what, pages=pages) in text
    for p in a.pre_reading.pages:
        assert c.page(p).title in text
        assert all(p not in item.pages for item in a.items)  # not read again in the session
    lessons = [p.id for p in c.outline.pages if p.kind == "lesson"]
    read = set(a.pre_reading.pages) | {p for i in a.items for p in i.pages}
    assert read < set(lessons)  # the rest is named in the agenda as after the session
    assert "after the session" in a.items[-1].what


def test_the_review_cycle_prompt_teaches_both_procedures():
    (p,) = facilitation.load().prompts_for("tb-2")
    text = " ".join(p.text.split())
    assert "Simplified procedure" in text and "Standard procedure" in text
    simplified, standard = text.split("Standard procedure")
    assert (
        "list of issues prior to reporting" in simplified
        and "no later list of issues" in simplified
    )
    order = [
        "report",
        "list of issues",
        "replies",
        "dialogue",
        "concluding observations",
        "follow-up",
    ]
    assert [standard.index(w) for w in order] == sorted(standard.index(w) for w in order)


def test_activities_use_the_running_case():
    case = content.load().case
    g = facilitation.load()
    mapping = " ".join(next(a for a in g.activities if a.id == "mapping").steps)
    for actor in ("parliamentary committee on education", "teachers' union"):
        assert actor in case.step("map").situation and actor in mapping
    assert any(i.case for a in g.agendas for i in a.items)


def test_every_prompt_points_to_a_course_objective():
    c = content.load()
    for p in facilitation.load().prompts:
        assert c.page_for_objective(p.objective)
    assert facilitation.load().prompts_for("nh-2")


def test_wrong_timings_are_reported_with_the_agenda(data_copy):
    d = data_copy
    data = yaml.safe_load((d / "facilitation.yaml").read_text(encoding="utf-8"))
    data["agendas"][0]["items"][0]["minutes"] += 1
    (d / "facilitation.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    wrong = data["agendas"][0]["minutes"] + 1
    with pytest.raises(content.ContentError, match=f"facilitation.yaml.*{wrong} minutes"):
        facilitation.load_from(d, content.load())


def test_unknown_page_and_objective_are_reported(data_copy):
    d = data_copy
    data = yaml.safe_load((d / "facilitation.yaml").read_text(encoding="utf-8"))
    data["agendas"][0]["items"][1]["pages"] = ["nowhere"]
    data["agendas"][0]["items"][1]["case"] = ["no-such-step"]
    data["agendas"][0]["pre_reading"]["pages"] = ["elsewhere"]
    data["prompts"][0]["objective"] = "zz-9"
    (d / "facilitation.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(content.ContentError) as exc:
        facilitation.load_from(d, content.load())
    assert "unknown page 'nowhere'" in str(exc.value) and "'zz-9'" in str(exc.value)
    assert "unknown case decision 'no-such-step'" in str(exc.value)
    assert "pre-reading: unknown page 'elsewhere'" in str(exc.value)


def test_dashboard_shows_the_prompt_next_to_a_missed_question(tmp_path):
    from widgets import ui
    from widgets.quizzes import bank
    from widgets.store import Store
    from widgets.ui import escape
    from widgets.workshop import model, report_html

    s = Store(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    ws = model.create_workshop(s, "W")
    model.join(s, ws.code, "AAAA-BBBB-CCCC")
    q = next(q for q in bank.load().questions.values() if q.objective == "nh-2")
    s.add_answer("AAAA-BBBB-CCCC", q.id, "zz", 0.0, False, workshop=ws.code)
    html = report_html.overview_html(model.build_report(s, ws.code))
    prompt = facilitation.load().prompts_for("nh-2")[0].text
    assert escape(ui.t("dashboard.discuss")) in html and escape(prompt) in html


def test_trainer_pages_link_to_each_other():
    block = facilitation.trainer_nav("guide")
    assert 'href="dashboard.ipynb"' in block.html and 'href="projector.ipynb"' in block.html
    from widgets import ui

    assert f'aria-current="page">{ui.t("guide.page.guide")}' in block.html
    with pytest.raises(KeyError):
        facilitation.trainer_nav("nowhere")
