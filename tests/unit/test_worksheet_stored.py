"""Plans stored by earlier versions of the course (files in ``tests/unit/data``) still open.

``plan_v2.json`` was written by the worksheet before its code was split into steps and modules;
``plan_v1.json`` is a plan of format 1 (positions instead of alignment ratings). Both open from
a file and from the store, and a version 2 plan is written back exactly as it was stored.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.unit.test_worksheet_view import CODE, store  # noqa: F401 (the test store)
from widgets import content
from widgets.learner import Learner
from widgets.planning import export, loading
from widgets.planning.view import WorksheetView

DATA = Path(__file__).parent / "data"


def test_a_stored_version_2_plan_opens_and_is_written_back_unchanged():
    text = (DATA / "plan_v2.json").read_text(encoding="utf-8")
    plan = loading.plan_from_json(text)
    assert plan.snapshots and any(a.contact for a in plan.actors)
    assert json.loads(export.to_json(plan)) == json.loads(text)


def test_a_stored_version_1_plan_opens_with_alignment_from_its_positions():
    raw = json.loads((DATA / "plan_v1.json").read_text(encoding="utf-8"))
    plan = loading.plan_from_json(json.dumps(raw))
    ratings = {p.id: p.v1_alignment for p in content.load().worksheet.positions}
    for saved, actor in zip(raw["actors"], plan.actors, strict=True):
        expected = ratings[saved["position"]] if "position" in saved else 3
        assert actor.alignment == expected
        assert actor.position == saved.get("position", actor.position)


@pytest.mark.parametrize("name", ["plan_v1.json", "plan_v2.json"])
def test_a_plan_saved_in_the_store_by_an_earlier_version_opens_in_the_page(store, name):  # noqa: F811 (the fixture)
    raw = json.loads((DATA / name).read_text(encoding="utf-8"))
    store.put_doc(CODE, "worksheet", "plan", raw)
    v = WorksheetView(Learner(CODE, store=store))
    assert [a.name for a in v.model.plan.actors] == [a["name"] for a in raw["actors"]]
    assert not v.saving.blocked
    v.review.w_themes.value = "Education"  # the next change saves it in the current format
    saved = store.get_doc(CODE, "worksheet", "plan")
    assert saved["schema_version"] == 2 and saved["review"]["themes"] == "Education"
