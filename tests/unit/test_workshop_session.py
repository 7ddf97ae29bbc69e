"""A whole workshop, simulated: 12 participants in 3 groups answer four questions and share
their maps, on SQLite and on PostgreSQL. Checks the readable results, the item analysis against
figures worked out by hand below, the groups' maps, the projector view and the exports."""

from __future__ import annotations

import io

import pytest

from widgets import content, store, ui
from widgets.quizzes import model as quiz
from widgets.workshop import (
    analysis,
    controls,
    exports,
    maps_html,
    model,
    projector_view,
    report_html,
    results,
)

# A small bank made for the test, so the figures below do not move when the course's questions
# change. Sections and objectives are the course's own ids.
SINGLE = quiz.Question(
    id="q-single",
    kind="single",
    section="treaty-bodies",
    objective="tb-1",
    prompt="Pick the first letter.",
    explanation="A is first.",
    options=(
        quiz.Option("a", "Alpha", True, "Yes."),
        quiz.Option("b", "Bravo", False, "No."),
        quiz.Option("c", "Charlie", False, "No."),
    ),
)
ORDER = quiz.Question(
    id="q-order",
    kind="ordering",
    section="treaty-bodies",
    objective="tb-2",
    prompt="Put them in order.",
    explanation="X, Y, Z.",
    items=(quiz.Item("x", "Ex"), quiz.Item("y", "Why"), quiz.Item("z", "Zed")),
)
MATCH = quiz.Question(
    id="q-match",
    kind="matching",
    section="treaty-bodies",
    objective="tb-2",
    prompt="Match the rows.",
    explanation="L1 goes with R1, L2 with R2.",
    pairs=(
        quiz.Pair("L1", "Left one", "R1", "Right one"),
        quiz.Pair("L2", "Left two", "R2", "Right two"),
    ),
    targets=(("R1", "Right one"), ("R2", "Right two"), ("R3", "Right three")),
)
TF = quiz.Question(
    id="q-tf",
    kind="truefalse",
    section="coalitions",
    objective="co-2",
    prompt="True or false?",
    explanation="It is true.",
    options=(
        quiz.Option("true", "True", True, "Yes."),
        quiz.Option("false", "False", False, "No."),
    ),
)
BANK = {q.id: q for q in (SINGLE, ORDER, MATCH, TF)}

# First tries of P01..P12 (P01-P04 in group 1, P05-P08 in group 2, P09-P12 in group 3).
M = {  # matching responses used below
    "both": {"L1": "R1", "L2": "R2"},
    "l2-r3": {"L1": "R1", "L2": "R3"},
    "swap": {"L1": "R2", "L2": "R1"},
    "r3r3": {"L1": "R3", "L2": "R3"},
    "r2r3": {"L1": "R2", "L2": "R3"},
    "r3r1": {"L1": "R3", "L2": "R1"},
}
ANSWERS = [  # single, ordering, matching, true/false
    ("a", "xyz", "both", "false"),  # P01: 1, 1, 1, 0
    ("a", "xyz", "both", "false"),  # P02: 1, 1, 1, 0
    ("a", "xyz", "l2-r3", "true"),  # P03: 1, 1, .5, 1
    ("a", "yxz", "both", "false"),  # P04: 1, 1/3, 1, 0
    ("a", "xyz", "swap", "true"),  # P05: 1, 1, 0, 1
    ("b", "xyz", "both", "true"),  # P06: 0, 1, 1, 1
    ("a", "yxz", "l2-r3", "false"),  # P07: 1, 1/3, .5, 0
    ("c", "zyx", "r3r3", "true"),  # P08: 0, 1/3, 0, 1
    ("b", "yzx", "l2-r3", "true"),  # P09: 0, 0, .5, 1
    ("b", "xyz", "r2r3", "true"),  # P10: 0, 1, 0, 1
    ("b", "yzx", "r3r1", "true"),  # P11: 0, 0, 0, 1
    ("a", "xzy", "l2-r3", "true"),  # P12: 1, 1/3, .5, 1
]
# Worked out by hand from the table above.
# Facility = mean first-try score: single 7/12; ordering (6 + 4 x 1/3)/12 = 7.3333/12;
# matching 6/12; true/false 8/12.
FACILITY = {"q-single": 0.5833, "q-order": 0.6111, "q-match": 0.5, "q-tf": 0.6667}
# Mean first-try score per participant (4 questions): P03 .875; P01, P02, P05, P06 .75;
# P12 .7083; P04 .5833; P10 .5; P07 .4583; P09 .375; P08 .3333; P11 .25.
# Thirds of 12 = 4. Upper: P03, P01, P02, P05 (ties by label). Lower: P11, P08, P09, P07.
UPPER = {"P03", "P01", "P02", "P05"}
LOWER = {"P11", "P08", "P09", "P07"}
# D = upper mean - lower mean on each question:
# single: 4/4 - 1/4 = .75; ordering: 4/4 - (1/3 + 1/3)/4 = .8333;
# matching: (.5+1+1+0)/4 - (0+0+.5+.5)/4 = .625 - .25 = .375; true/false: 2/4 - 3/4 = -.25.
DISCRIMINATION = {"q-single": 0.75, "q-order": 0.8333, "q-match": 0.375, "q-tf": -0.25}
# Per objective: tb-1 = the single question; tb-2 = ordering + matching over 24 first tries:
# (7.3333 + 6)/24 = .5556, mean D (.8333 + .375)/2 = .6042; co-2 = true/false.
OBJECTIVES = {
    "tb-1": (1, 12, 0.5833, 0.75),
    "tb-2": (2, 24, 0.5556, 0.6042),
    "co-2": (1, 12, 0.6667, -0.25),
}
# Mean first-try score in the treaty-bodies section (single, ordering, matching) per participant.
T = 1 / 3
SECTION_MEANS = [
    (1 + 1 + 1) / 3,
    (1 + 1 + 1) / 3,
    (1 + 1 + 0.5) / 3,
    (1 + T + 1) / 3,
    (1 + 1 + 0) / 3,
    (0 + 1 + 1) / 3,
    (1 + T + 0.5) / 3,
    (0 + T + 0) / 3,
    (0 + 0 + 0.5) / 3,
    (0 + 1 + 0) / 3,
    0.0,
    (1 + T + 0.5) / 3,
]


def group(n):
    return ui.t("workshop.group_name", n=n)


def label(n):
    return ui.t("trainer.participant", n=n, name=f"Name {n}")


TYPES = {t.id: t.label for t in content.load().worksheet.actor_types}
POSITIONS = {p.id: p.label for p in content.load().worksheet.positions}


def _response(q, raw):
    if q.kind == "ordering":
        return list(raw)
    if q.kind == "matching":
        return dict(M[raw])
    return raw


@pytest.fixture
def workshop(store_url):
    s = store.Store(store_url)
    c = model.create_workshop(s, "Simulated day")
    trainer = model.Trainer(s, c.code, c.secret)
    learners = [f"L{i:03d}-TEST-CODE" for i in range(1, 13)]
    for i, learner in enumerate(learners, 1):
        model.join(s, c.code, learner, f"Name {i}")
    assert [g["name"] for g in trainer.make_groups(3)] == [group(1), group(2), group(3)]
    # make_groups spreads in turn (1, 2, 3, 1, ...); the trainer then moves people so that
    # P01-P04 are in group 1, P05-P08 in group 2 and P09-P12 in group 3.
    for i in range(1, 13):
        trainer.assign(i, f"g{(i - 1) // 4 + 1}")
    for learner, row in zip(learners, ANSWERS, strict=True):
        for q, raw in zip((SINGLE, ORDER, MATCH, TF), row, strict=True):
            response = _response(q, raw)
            r = quiz.grade(q, response)
            s.add_answer(learner, q.id, response, r.score, r.correct, workshop=c.code)
    s.add_answer(learners[5], "q-single", "a", 1.0, True, workshop=c.code)  # P06 tries again
    plans = {
        0: [("nhri", 4, 4, "ally"), ("ngo", 2, 5, "ally"), ("media", 3, 2, "neutral")],
        1: [("nhri", 2, 4, "ally")],
        4: [("nhri", 5, 3, "neutral"), ("media", 3, 1, "opponent")],
        8: [("nhri", 1, 2, "opponent"), ("parliament", 4, 2, "neutral")],
    }
    for i, actors in plans.items():
        s.put_doc(
            learners[i],
            "worksheet",
            "plan",
            {
                "actors": [
                    {
                        "name": f"Secret name {i}-{t}",
                        "type": t,
                        "influence": a,
                        "interest": b,
                        "position": p,
                        "notes": "private note",
                    }
                    for t, a, b, p in actors
                ],
                "coalition": {"duration": "ad-hoc", "scope": "national", "focus": "PartnerXRX46"},
            },
        )
        model.share_plan_summary(s, c.code, learners[i])
    yield s, c, trainer
    s.close()


def test_readable_results_per_option_pair_and_position(workshop):
    s, c, trainer = workshop
    r = trainer.report(BANK)
    assert [p.label for p in r.participants][:2] == [label(1), label(2)]
    assert [p.group for p in r.participants] == [group(1)] * 4 + [group(2)] * 4 + [group(3)] * 4
    single = r.question("q-single")
    assert (single.answered, single.correct_first, single.correct_final) == (12, 7, 8)
    assert [(b.label, b.count, b.right) for b in single.parts[0].bars] == [
        ("Alpha", 7, True),
        ("Bravo", 4, False),
        ("Charlie", 1, False),
    ]
    order = r.question("q-order")
    assert [p.title for p in order.parts] == [ui.t("quiz.position", n=n) for n in (1, 2, 3)]
    assert [(b.label, b.count, b.right) for b in order.parts[0].bars] == [
        ("Ex", 7, True),
        ("Why", 4, False),
        ("Zed", 1, False),
    ]
    assert [p.right_count for p in order.parts] == [7, 7, 8]
    match = r.question("q-match")
    assert [p.title for p in match.parts] == ["Left one", "Left two"]
    assert {b.label: b.count for b in match.parts[1].bars} == {
        "Right one": 2,
        "Right two": 4,
        "Right three": 6,
    }
    assert [b.right for b in match.parts[1].bars] == [False, True, False]
    rows = {(row[0], row[3]): row[5] for row in r.answer_rows if row[4] == 1}
    assert rows[(label(3), "Match the rows.")] == "Left one → Right one; Left two → Right three"
    assert rows[(label(4), "Put them in order.")] == "Why → Ex → Zed"
    assert rows[(label(6), "Pick the first letter.")] == "Bravo"
    # sections: titles from the outline; mastery = participants at the pass mark at first try
    tb = next(x for x in r.sections if x.id == "treaty-bodies")
    assert tb.title == content.load().page("treaty-bodies").title
    assert tb.mastered == sum(m >= r.pass_mark - 1e-9 for m in SECTION_MEANS)
    assert next(x for x in r.sections if x.id == "coalitions").mastered == 8
    html = report_html.overview_html(r) + report_html.questions_html(r)
    # per group: group 1 = P01-P04, first-try means .75, .75, .875, (2 + 1/3)/4 = .5833;
    # their mean (.75 + .75 + .875 + .5833)/4 = .7396 -> 74%
    pct = ui.t("trainer.percent", n=74)
    assert f"<td>{group(1)}</td><td>4</td><td>16</td><td>{pct}</td>" in html
    assert label(1) in html and f"✓ {ui.t('dashboard.right')}" in html and "{" not in html


def test_item_analysis_matches_the_figures_worked_out_by_hand(workshop):
    s, c, trainer = workshop
    a = analysis.analyse(trainer.report(BANK))
    assert {x.split()[0] for x in a.upper} == UPPER and {x.split()[0] for x in a.lower} == LOWER
    items = a.items.set_index("question_id")
    for qid, value in FACILITY.items():
        assert items.loc[qid, "facility"] == pytest.approx(value, abs=1e-4), qid
    for qid, value in DISCRIMINATION.items():
        assert items.loc[qid, "discrimination"] == pytest.approx(value, abs=1e-4), qid
    assert items.loc["q-tf", "flags"] == ui.t("trainer.flag.negative")
    assert items.loc["q-match", "flags"] == ui.t("trainer.flag.distractor")  # "Right three" 6 > 4
    assert items.loc["q-single", "flags"] == items.loc["q-order", "flags"] == ""
    assert a.objectives["objective_id"].tolist() == ["tb-1", "tb-2", "co-2"]  # course order
    objectives = a.objectives.set_index("objective_id")
    for oid, (n_q, n_a, facility, d) in OBJECTIVES.items():
        row = objectives.loc[oid]
        assert (row["questions"], row["answers"]) == (n_q, n_a), oid
        assert row["facility"] == pytest.approx(facility, abs=1e-4), oid
        assert row["discrimination"] == pytest.approx(d, abs=1e-4), oid
    d = a.distractors
    bravo = d[(d["question"] == "Pick the first letter.") & (d["answer"] == "Bravo")]
    assert bravo["chosen by"].tolist() == [4] and bravo["share"].tolist() == [
        pytest.approx(4 / 12, abs=1e-4)
    ]


def test_group_maps_side_by_side_and_merged(workshop):
    s, c, trainer = workshop
    r = trainer.report(BANK)
    maps = {
        m.name: {a.label: (a.influence, a.interest, a.count, a.positions) for a in m.actors}
        for m in r.group_maps
    }
    nhri_, media, ally = TYPES["nhri"], TYPES["media"], POSITIONS["ally"]
    assert maps[group(1)][nhri_] == (3.0, 4.0, 2, ((ally, 2),))
    assert maps[group(2)] == {
        nhri_: (5.0, 3.0, 1, ((POSITIONS["neutral"], 1),)),
        media: (3.0, 1.0, 1, ((POSITIONS["opponent"], 1),)),
    }
    assert set(maps[group(3)]) == {nhri_, TYPES["parliament"]}
    merged = {m.type: m for m in r.merged_map}
    nhri = merged["nhri"]
    assert (
        nhri.groups,
        nhri.influence,
        nhri.influence_spread,
        nhri.interest,
        nhri.interest_spread,
    ) == (3, 3.0, 4.0, 3.0, 2.0)
    assert nhri.disagree and merged["media"].disagree  # neutral vs opponent
    assert merged["media"].interest == 1.5 and not merged["ngo"].disagree
    # only the course's categories reach the trainer: no names, notes or typed focus
    everything = repr(r) + repr(exports.export_tables(r)) + maps_html.groups_html(r)
    for secret in ("Secret name", "private note", "PartnerXRX46", "L001-TEST-CODE"):
        assert secret not in everything
    duration = next(d for d in content.load().forms if d.id == "duration")
    ad_hoc = next(o.label for o in duration.options if o.id == "ad-hoc")
    assert (duration.label, ad_hoc, 4) in r.coalition_forms


def test_projector_shows_join_screen_question_and_reveal(workshop, monkeypatch):
    import segno

    s, c, trainer = workshop
    monkeypatch.setattr(controls.time, "sleep", lambda _s: None)
    p = projector_view.Projector(store=s, questions=BANK, base_url="http://course.example:8866")
    assert p.w_main.layout.display == "none"
    p.w_sign_in.w_code.value, p.w_sign_in.w_secret.value = c.code, c.secret
    p.w_sign_in.sign_in()
    p.stop_loop()
    screen = p.w_screen.value
    home = next(p.notebook for p in content.load().outline.pages if p.kind == "home")
    link = f"http://course.example:8866/voila/render/{home}?workshop={c.code}"
    joined = ui.t("projector.joined", n=12)
    assert f">{c.code}<" in screen and joined in screen and link in screen
    assert (
        segno.make(link, error="m").svg_data_uri(scale=10, border=2).replace("&", "&amp;") in screen
    )
    p.w_mode.value = "question"
    p.w_question.value = "q-single"
    hidden = p.w_screen.value
    assert "Pick the first letter." in hidden and ui.t("projector.answers", n=12) in hidden
    assert "Alpha" in hidden and "✓" not in hidden and "A is first." not in hidden
    p.w_reveal.value = True
    shown = p.w_screen.value
    seven = ui.t("trainer.bar_value", n=7, share=ui.t("trainer.percent", n=58))
    assert seven in shown and f"✓ {ui.t('dashboard.right')}" in shown and "A is first." in shown
    p.step(1)
    assert p.w_question.value == "q-order" and not p.w_reveal.value


def test_excel_export_has_readable_sheets(workshop):
    from openpyxl import load_workbook

    s, c, trainer = workshop
    wb = load_workbook(io.BytesIO(exports.workbook(trainer.report(BANK))))
    assert wb.sheetnames == [exports.sheet_name(k) for k in exports.SHEETS]
    items = [[cell.value for cell in row] for row in wb[exports.sheet_name("items")].iter_rows()]
    assert items[0][:2] == [ui.t("trainer.col.section"), ui.t("trainer.col.question")]
    tf = next(row for row in items if row[1] == "True or false?")
    assert tf[5] == pytest.approx(-0.25) and tf[6] == ui.t("trainer.flag.negative")
    people = wb[exports.sheet_name("participants")]
    assert people["A2"].value == label(1)
    assert people.freeze_panes == "C2" and people.print_title_rows == "$1:$1"  # widgets.sheets


def test_timer_counts_down_and_pauses():
    t = projector_view.Timer(10)
    t.start(now=100.0)
    assert t.left(now=160.0) == 540.0
    t.pause(now=160.0)
    assert t.left(now=999.0) == 540.0
    t.start(now=1000.0)
    assert t.left(now=1600.0) == -60.0
    assert projector_view.clock(540) == "9:00" and projector_view.clock(-61) == "-1:01"


def test_results_fall_back_to_ids_for_questions_not_in_the_bank(store_url):
    s = store.Store(store_url)
    c = model.create_workshop(s, "W")
    model.join(s, c.code, "AAAA-BBBB-CCCC")
    s.add_answer("AAAA-BBBB-CCCC", "gone", {"k": "v"}, 0.0, False, workshop=c.code)
    r = results.build_report(s, c.code, {})
    assert r.questions[0].prompt == "gone" and r.answer_rows[0][5] == "k → v"
    s.close()
