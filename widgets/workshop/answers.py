"""Answers in the course's words: the option chosen, the pairs matched, the order given, and
how many chose each (bars per option, per matching row, per ordering position)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from .. import ui
from .report import Bar, Part


def no_answer() -> str:
    """How a missing answer reads."""
    return ui.t("trainer.no_answer")


def participant_labels(display_names: list[str]) -> list[str]:
    """How participants appear to the trainer: ``P01 Name`` or ``P02 (anonymous)``."""
    return [
        ui.t("trainer.participant", n=i, name=name or ui.t("trainer.anonymous"))
        for i, name in enumerate(display_names, 1)
    ]


def response_text(response: Any, question: Any | None = None) -> str:
    """One answer in the course's words: the option chosen, the pairs matched, the order given.

    Ids the question does not know are shown as they are (e.g. an answer to a question that
    has since left the bank).
    """
    if question is None:
        if isinstance(response, dict):
            return "; ".join(f"{k} → {v}" for k, v in response.items())
        if isinstance(response, list):
            return " + ".join(str(x) for x in response)
        return str(response)
    kind = question.kind
    if kind == "matching" and isinstance(response, dict):
        targets = dict(question.targets)
        return "; ".join(
            f"{p.left} → {targets.get(response.get(p.left_id), no_answer())}"
            if response.get(p.left_id)
            else f"{p.left} → {no_answer()}"
            for p in question.pairs
        )
    if kind == "ordering" and isinstance(response, list):
        texts = {i.id: i.text for i in question.items}
        return " → ".join(texts.get(str(x), str(x)) for x in response)
    texts = {o.id: o.text for o in question.options}
    if kind == "multiple" and isinstance(response, list):
        chosen = set(map(str, response))
        known = [o.text for o in question.options if o.id in chosen]
        return " + ".join(known + sorted(x for x in chosen if x not in texts)) or no_answer()
    return texts.get(str(response), str(response))


def _bars(counts: Counter, choices: list[tuple[str, str, bool]]) -> tuple[Bar, ...]:
    """Bars for every choice in the question's order, then any answer it does not know."""
    known = {cid for cid, _, _ in choices}
    bars = [Bar(text, counts.get(cid, 0), right) for cid, text, right in choices]
    bars += [
        Bar(no_answer() if k is None else str(k), n, False)
        for k, n in sorted(counts.items(), key=lambda kv: str(kv[0]))
        if k not in known
    ]
    return tuple(bars)


def question_parts(question: Any | None, responses: list[tuple[Any, bool]]) -> tuple[Part, ...]:
    """Bars of one question from its first-try responses ``(response, correct)``."""
    n = len(responses)
    if question is None:
        counts = Counter(response_text(r) for r, _ in responses)
        bars = tuple(Bar(k, v, False) for k, v in sorted(counts.items()))
        return (Part("", bars, "", sum(c for _, c in responses), n),)
    if question.kind == "matching":
        return _matching_parts(question, responses)
    if question.kind == "ordering":
        return _ordering_parts(question, responses)
    choices = [(o.id, o.text, o.correct) for o in question.options]
    if question.kind == "multiple":
        counts = Counter(str(x) for r, _ in responses if isinstance(r, list) for x in set(r))
    else:
        counts = Counter(str(r) for r, _ in responses)
    right = "; ".join(o.text for o in question.options if o.correct)
    return (Part("", _bars(counts, choices), right, sum(c for _, c in responses), n),)


def _matching_parts(question: Any, responses: list[tuple[Any, bool]]) -> tuple[Part, ...]:
    """One part per matching row: which target each row was matched with."""
    parts = []
    for p in question.pairs:
        counts = Counter(
            (r.get(p.left_id) or None) if isinstance(r, dict) else None for r, _ in responses
        )
        marked = [(tid, text, tid == p.right_id) for tid, text in question.targets]
        parts.append(
            Part(p.left, _bars(counts, marked), p.right, counts[p.right_id], len(responses))
        )
    return tuple(parts)


def _ordering_parts(question: Any, responses: list[tuple[Any, bool]]) -> tuple[Part, ...]:
    """One part per position of an ordering question: which item was put there."""
    parts = []
    for i, item in enumerate(question.items):
        counts = Counter(
            (r[i] if isinstance(r, list) and i < len(r) else None) for r, _ in responses
        )
        marked = [(it.id, it.text, it.id == item.id) for it in question.items]
        title = ui.t("quiz.position", n=i + 1)
        parts.append(Part(title, _bars(counts, marked), item.text, counts[item.id], len(responses)))
    return tuple(parts)
