"""A workshop's results as files: CSV tables and one Excel workbook, through :mod:`widgets.sheets`
(safe cells, readable sheets). Sheet names and headers come from ``course_data/strings``;
participants appear as ``P01 name``, never by learner code."""

from __future__ import annotations

from typing import Any

from .. import sheets, ui
from .report import Report

#: The tables of a report, in the order of the workbook's sheets (ids; names are strings).
SHEETS = (
    "participants",
    "questions",
    "items",
    "objectives",
    "distractors",
    "options",
    "sections",
    "group_maps",
    "plans",
    "answers",
)


def sheet_name(table: str) -> str:
    """The readable name of a table (a sheet of the workbook)."""
    return ui.t(f"trainer.sheet.{table}")


def header(*keys: str) -> list[str]:
    """A header row from ``trainer.col.*`` keys."""
    return [ui.t(f"trainer.col.{k}") for k in keys]


def pct(x: float) -> str:
    """A share (0..1) as a percentage in words."""
    return ui.t("trainer.percent", n=round(100 * x))


def export_tables(report: Report) -> dict[str, list[list[Any]]]:
    """Every table of the report (id -> header row then rows), without the item analysis."""
    yes = ui.t("table.yes")
    return {
        "participants": [
            header("participant", "group", "answered", "right_first", "first", "final", "mastered")
        ]
        + [
            [
                p.label,
                p.group,
                p.answered,
                p.correct_first,
                pct(p.mean_first),
                pct(p.mean_final),
                p.sections_mastered,
            ]
            for p in report.participants
        ],
        "questions": _questions(report),
        "options": [header("question", "part", "answer", "chosen_by", "right_answer")]
        + [
            [q.prompt, part.title, bar.label, bar.count, yes if bar.right else ""]
            for q in report.questions
            for part in q.parts
            for bar in part.bars
        ],
        "sections": [
            header("section", "answers", "first", "final", "participants")
            + [ui.t("trainer.col.mastered_at", mark=pct(report.pass_mark))]
        ]
        + [
            [s.title, s.answers, pct(s.mean_first), pct(s.mean_final), s.participants, s.mastered]
            for s in report.sections
        ],
        "answers": [
            header("participant", "group", "section", "question", "try", "answer", "score", "right")
        ]
        + [list(r) for r in report.answer_rows],
        "group_maps": _group_maps(report),
        "plans": [header("what", "value", "count")]
        + [[ui.t("trainer.col.type"), t, n] for t, n in report.actor_types]
        + [[d, v, n] for d, v, n in report.coalition_forms],
    }


def _questions(report: Report) -> list[list[Any]]:
    head = header(
        "section", "question", "right_answer", "answered", "right_first", "right_final"
    ) + header("first", "final", "objective")
    return [head] + [
        [
            q.section_title,
            q.prompt,
            q.right_answer,
            q.answered,
            q.correct_first,
            q.correct_final,
            pct(q.mean_first),
            pct(q.mean_final),
            q.objective_text,
        ]
        for q in report.questions
    ]


def _group_maps(report: Report) -> list[list[Any]]:
    rows = [header("group", "type", "actors", "influence", "interest", "position")]
    for m in report.group_maps:
        for a in m.actors:
            positions = ", ".join(f"{p} {n}" for p, n in a.positions)
            rows.append([m.name, a.label, a.count, a.influence, a.interest, positions])
    return rows


def csv_files(report: Report) -> dict[str, tuple[str, bytes]]:
    """Each table as a CSV file: file name -> (table's name, bytes)."""
    base = f"workshop-{report.code}"
    return {
        f"{base}-{table.replace('_', '-')}.csv": (sheet_name(table), sheets.to_csv(rows))
        for table, rows in export_tables(report).items()
    }


def workbook(report: Report) -> bytes:
    """The whole report and its item analysis as one Excel workbook with readable sheets."""
    from .analysis import analyse, analysis_tables

    tables = export_tables(report)
    tables.update(analysis_tables(analyse(report)))
    return sheets.to_xlsx({sheet_name(k): tables[k] for k in SHEETS if k in tables})
