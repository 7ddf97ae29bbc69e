"""Item analysis of a workshop's first tries, with pandas, in the trainer's process only.

Learner pages never import this module (pandas costs about 0.4 s and 45 MB per kernel).

For each question, from the participants' **first tries** (scores 0..1, partial credit for
multiple-choice, matching and ordering questions):

* **facility**: the mean first-try score (for right/wrong questions, the share who got it right);
* **discrimination** (upper-lower groups): participants are ranked by their mean first-try score
  over the questions they answered (ties by label); the upper and lower thirds are compared:
  ``D = facility in the upper third - facility in the lower third`` (only those who answered the
  question count). Empty when fewer than three participants answered anything;
* **distractors**: how often each wrong answer was chosen (per row for matching questions, per
  position for ordering questions), next to the right answer.

Questions are flagged for discussion (when at least :data:`MIN_FOR_FLAGS` answered) when they
are too easy (facility :data:`EASY` or more), too hard (below :data:`HARD`), discriminate
negatively (D below 0), or a wrong answer was chosen more often than the right one. The same
figures are given per learning objective.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from .. import ui

EASY = 0.9
HARD = 0.3
MIN_FOR_FLAGS = 5

#: Why a question is flagged (keys ``trainer.flag.<id>`` hold the words).
FLAGS = ("easy", "hard", "negative", "distractor")


@dataclass(frozen=True)
class Analysis:
    """The item analysis as pandas data frames (``items``, ``objectives``, ``distractors``)."""

    items: Any
    objectives: Any
    distractors: Any
    upper: tuple[str, ...]  # participants in the upper third
    lower: tuple[str, ...]

    def flagged(self) -> list[tuple[str, str]]:
        """(question, flags in words) for every flagged question, in the bank's order."""
        rows = self.items[self.items["flags"] != ""]
        return list(zip(rows["question"], rows["flags"], strict=True))


def rank_groups(report) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The upper and lower thirds of participants by mean first-try score (ties by label)."""
    import pandas as pd

    tries = pd.DataFrame(
        [(t.participant, t.score) for t in report.first_tries], columns=["participant", "score"]
    )
    if tries.empty:
        return (), ()
    means = tries.groupby("participant")["score"].mean().reset_index()
    if len(means) < 3:
        return (), ()
    k = len(means) // 3
    ordered = means.sort_values(["score", "participant"], ascending=[False, True])
    upper = tuple(ordered["participant"].head(k))
    lower = tuple(ordered.sort_values(["score", "participant"])["participant"].head(k))
    return upper, lower


def _flags(answered: int, facility: float, d: float, beaten: bool) -> list[str]:
    """Why a question is worth discussing (ids of :data:`FLAGS`); none below
    :data:`MIN_FOR_FLAGS` answers."""
    if answered < MIN_FOR_FLAGS:
        return []
    checks = (facility >= EASY, facility < HARD, not math.isnan(d) and d < 0, beaten)
    return [f for f, on in zip(FLAGS, checks, strict=True) if on]


def analyse(report) -> Analysis:  # long: one pass over the questions builds two tables
    """The item analysis of a report's first tries (see the module's doc for the figures)."""
    import pandas as pd

    tries = pd.DataFrame(
        [(t.participant, t.question, t.score) for t in report.first_tries],
        columns=["participant", "question_id", "score"],
    )
    upper, lower = rank_groups(report)
    item_rows, dist_rows = [], []
    for q in report.questions:
        mine = tries[tries["question_id"] == q.id]
        facility = float(mine["score"].mean()) if len(mine) else math.nan
        up = mine[mine["participant"].isin(upper)]["score"]
        low = mine[mine["participant"].isin(lower)]["score"]
        d = float(up.mean() - low.mean()) if len(up) and len(low) else math.nan
        beaten = False
        for part in q.parts:
            right = part.right_count
            for bar in part.bars:
                if not bar.right and bar.count > right:
                    beaten = True
                dist_rows.append(
                    {
                        "question": q.prompt,
                        "row or position": part.title,
                        "answer": bar.label,
                        "right answer": ui.t("table.yes") if bar.right else "",
                        "chosen by": bar.count,
                        "share": round(bar.count / part.answered, 4) if part.answered else 0.0,
                    }
                )
        flags = _flags(len(mine), facility, d, beaten)
        item_rows.append(
            {
                "question_id": q.id,
                "question": q.prompt,
                "section": q.section_title,
                "objective_id": q.objective,
                "objective": q.objective_text,
                "answered": len(mine),
                "facility": round(facility, 4),
                "discrimination": round(d, 4),
                "flags": "; ".join(ui.t(f"trainer.flag.{f}") for f in flags),
            }
        )
    items = pd.DataFrame(
        item_rows,
        columns=[
            "question_id",
            "question",
            "section",
            "objective_id",
            "objective",
            "answered",
            "facility",
            "discrimination",
            "flags",
        ],
    )
    objectives = _objectives(tries, items)
    distractors = pd.DataFrame(
        dist_rows,
        columns=["question", "row or position", "answer", "right answer", "chosen by", "share"],
    )
    return Analysis(items, objectives, distractors, upper, lower)


def _objectives(tries, items):
    """Per objective: facility over all first tries at its questions; mean discrimination."""
    joined = tries.merge(items[["question_id", "objective_id", "objective"]], on="question_id")
    obj = (
        joined.groupby(["objective_id", "objective"], sort=False)
        .agg(answers=("score", "size"), facility=("score", "mean"))
        .reset_index()
    )
    per_q = items.groupby("objective_id", sort=False).agg(
        questions=("question_id", "size"),
        discrimination=("discrimination", "mean"),
        flagged=("flags", lambda f: int((f != "").sum())),
    )
    objectives = obj.merge(per_q, on="objective_id", how="left").round(4)
    course_order = list(dict.fromkeys(items["objective_id"]))  # the bank's (course) order
    objectives = objectives.sort_values(
        "objective_id", key=lambda ids: ids.map(course_order.index)
    ).reset_index(drop=True)
    objectives = objectives[
        [
            "objective_id",
            "objective",
            "questions",
            "answers",
            "facility",
            "discrimination",
            "flagged",
        ]
    ]
    return objectives


def _rows(frame, headers: dict[str, str]) -> list[list[Any]]:
    """A data frame as a header row (in words) then rows; empty figures as blank cells."""
    frame = frame[list(headers)]
    out = [list(headers.values())]
    for rec in frame.itertuples(index=False):
        out.append(["" if isinstance(v, float) and math.isnan(v) else v for v in rec])
    return out


#: The columns of each analysis table: data frame column -> header key (``trainer.col.*``).
COLUMNS = {
    "items": {
        "section": "section",
        "question": "question",
        "objective": "objective",
        "answered": "answered",
        "facility": "facility",
        "discrimination": "discrimination",
        "flags": "to_discuss",
    },
    "objectives": {
        "objective": "objective",
        "questions": "questions",
        "answers": "first_tries",
        "facility": "facility_short",
        "discrimination": "mean_discrimination",
        "flagged": "questions_to_discuss",
    },
    "distractors": {
        "question": "question",
        "row or position": "part",
        "answer": "answer",
        "right answer": "right_answer",
        "chosen by": "chosen_by",
        "share": "share",
    },
}


def analysis_tables(analysis: Analysis) -> dict[str, list[list[Any]]]:
    """The analysis as readable tables (id -> header row then rows) for Excel, CSV or HTML."""
    return {
        name: _rows(
            getattr(analysis, name), {c: ui.t(f"trainer.col.{k}") for c, k in columns.items()}
        )
        for name, columns in COLUMNS.items()
    }
