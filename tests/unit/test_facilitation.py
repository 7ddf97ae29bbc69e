"""The facilitator guide's content: validated, cross-checked, rendered deterministically."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from widgets import content, facilitation

ROOT = Path(__file__).resolve().parents[2]


def test_guide_loads_and_agendas_add_up():
    g = facilitation.load()
    assert {a.id for a in g.agendas} == {"short", "half-day"}
    for a in g.agendas:
        assert sum(i.minutes for i in a.items) == a.minutes
    assert {a.id for a in g.activities} == {"mapping", "coalition-meeting"}
    assert g.checklists.before and g.checklists.after
    assert "facilitator-guide" not in {p.id for p in content.load().outline.pages}
    assert (ROOT / "trainer" / "facilitator_guide.ipynb").exists()  # a trainer's page


def test_agenda_block_has_start_times_and_page_titles():
    text = repr(facilitation.agenda("short"))
    assert "0:00 | 10 min" in text and "1:20 | 10 min" in text
    assert content.load().page("coalitions").title in text


def test_every_prompt_points_to_a_course_objective():
    c = content.load()
    for p in facilitation.load().prompts:
        assert c.page_for_objective(p.objective)
    assert facilitation.load().prompts_for("nh-2")


def test_wrong_timings_are_reported_with_the_agenda(data_copy):
    d = data_copy
    data = yaml.safe_load((d / "facilitation.yaml").read_text(encoding="utf-8"))
    data["agendas"][0]["items"][0]["minutes"] = 11
    (d / "facilitation.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(content.ContentError, match="facilitation.yaml.*91 minutes"):
        facilitation.load_from(d, content.load())


def test_unknown_page_and_objective_are_reported(data_copy):
    d = data_copy
    data = yaml.safe_load((d / "facilitation.yaml").read_text(encoding="utf-8"))
    data["agendas"][0]["items"][1]["pages"] = ["nowhere"]
    data["prompts"][0]["objective"] = "zz-9"
    (d / "facilitation.yaml").write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(content.ContentError) as exc:
        facilitation.load_from(d, content.load())
    assert "unknown page 'nowhere'" in str(exc.value) and "'zz-9'" in str(exc.value)


def test_dashboard_shows_the_prompt_next_to_a_missed_question(tmp_path):
    from widgets.quiz import bank
    from widgets.store import Store
    from widgets.workshop import model, trainer_view

    s = Store(f"sqlite:///{tmp_path / 'x.sqlite3'}")
    ws = model.create_workshop(s, "W")
    model.join(s, ws.code, "AAAA-BBBB-CCCC")
    q = next(q for q in bank.load().questions.values() if q.objective == "nh-2")
    s.add_answer("AAAA-BBBB-CCCC", q.id, "zz", 0.0, False, workshop=ws.code)
    html = trainer_view.overview_html(model.build_report(s, ws.code))
    assert "Discuss:" in html and "Danish Institute" in html


def test_trainer_pages_link_to_each_other():
    block = facilitation.trainer_nav("guide")
    assert 'href="dashboard.ipynb"' in block.html and 'href="projector.ipynb"' in block.html
    assert 'aria-current="page">Facilitator guide' in block.html
    with pytest.raises(KeyError):
        facilitation.trainer_nav("nowhere")
