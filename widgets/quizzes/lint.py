"""The question-bank lint: the rules of a fair bank that a program can check.

Validation (:mod:`widgets.quizzes.bank`) refuses a bank that cannot work; the lint refuses a bank
that works but can be gamed or does not measure the objectives. Each problem names the file, the
question and the rule, for example::

    questions.yaml: question 'tb-moments': rule 'multiple-ratio': 4 right of 5 options ...

Rules (ids in :data:`RULES`):

* ``multiple-ratio``: a multiple-select question has 2 or 3 right options out of 5 or more, so
  ticking everything plausible does not win;
* ``anchor``: every question links back to a heading that exists on its own page;
* ``acronym``: no right answer is given away by an acronym: the right option spells an acronym
  spelled out in the prompt, or the reverse, or repeats an acronym of the prompt that no wrong
  option repeats; no matching row whose answer spells or contains the row's acronym;
* ``longest``: the right option is not the longest by a clear margin (single, scenario), and the
  right options are not all longer than every wrong one (multiple);
* ``repeated-word``: the right option is not the only one that repeats a word of the prompt;
* ``absolute``: no true/false statement hinges on an absolute word (only, always, never...),
  and absolute words are not found in wrong options only;
* ``the-source``: questions never say "the source" (the learner never saw it named);
* ``duplicate``: no two prompts (with their situations) are nearly the same;
* ``count``: each part has 5 to 7 practice questions;
* ``coverage``: every objective is assessed by at least 2 questions, every "explain" or
  "describe" objective by at least one scenario;
* ``check``: the final check covers every objective, whatever the learner's seed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from .. import content
from . import bank as _bank

RULES = (
    "multiple-ratio",
    "anchor",
    "acronym",
    "longest",
    "repeated-word",
    "absolute",
    "the-source",
    "duplicate",
    "count",
    "coverage",
    "check",
)
ABSOLUTE = {"only", "always", "never", "all", "every", "none", "nothing", "any", "must"}
#: Words too common in this course to give anything away when repeated.
COMMON = {
    "about", "after", "before", "being", "bodies", "body", "choose", "coalition", "committee",
    "committees", "could", "country", "every", "first", "information", "national", "ngos",
    "other", "rights", "should", "state", "states", "their", "there", "these", "which",
    "while", "would", "review", "reviews", "human", "treaty", "treaties", "report", "reports",
    "members", "member", "organisations", "apply", "where", "under", "procedure", "course",
    "united", "nations",
}  # fmt: skip
SMALL = {"of", "the", "on", "and", "for", "against", "to", "in", "with", "all", "by", "a"}
MIN_RIGHT, MAX_RIGHT, MIN_OPTIONS = 2, 3, 5
MIN_PER_PART, MAX_PER_PART = 5, 7
LONGEST_MARGIN = 1.25
DUPLICATE_AT = 0.6
CHECK_SEEDS = range(40)


@dataclass(frozen=True)
class Problem:
    """One broken rule: where, which rule, and what is wrong."""

    question: str  # question id, or an objective / part id for bank-wide rules
    rule: str
    message: str
    filename: str = _bank.FILENAME

    def __str__(self) -> str:
        return f"{self.filename}: question '{self.question}': rule '{self.rule}': {self.message}"


# --- helpers -----------------------------------------------------------------------------------
def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'-]*", text)


def _plain_words(text: str) -> set[str]:
    """Words in lower case as written, plus the first word: "All" inside a name is no absolute."""
    words = _words(text)
    return {w for w in words if w.islower()} | ({words[0].lower()} if words else set())


def _acronyms(text: str) -> set[str]:
    return set(re.findall(r"\b[A-Z][A-Z-]{1,7}[A-Z]\b", text)) - {"A", "B"}


def _spelled_out(acronym: str, text: str) -> bool:
    """Whether ``acronym`` can be read from the initials of a name in ``text``.

    A name is a run of capitalised words and small linking words ("of", "the", "against"...);
    the acronym must be a subsequence of its initials that starts at the name's first word.
    """
    letters = acronym.replace("-", "")
    words = _words(text)
    runs, run = [], []
    for w in words:
        if w[0].isupper() or (run and w.lower() in SMALL):
            run.append(w)
        else:
            if run:
                runs.append(run)
            run = []
    if run:
        runs.append(run)
    for run in runs:
        initials = [w[0].upper() for w in run if w.lower() not in SMALL - {"against", "all"}]
        for start in range(len(initials)):
            if initials[start] != letters[0]:
                continue
            i = 0
            for ch in initials[start:]:
                if i < len(letters) and ch == letters[i]:
                    i += 1
            if i == len(letters) and len(letters) >= 2:
                return True
    return False


def _content_words(text: str) -> set[str]:
    return {
        w.lower().rstrip("s")
        for w in _words(text)
        if len(w) >= 5 and w.lower() not in COMMON and w.lower().rstrip("s") not in COMMON
    }


def _headings(notebook: Path) -> set[str]:
    """The anchors of a notebook's Markdown headings, as Jupyter builds them."""
    if not notebook.exists():
        return set()
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    ids = set()
    for cell in nb["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                m = re.match(r"^#{1,6}\s+(.*?)\s*#*\s*$", line)
                if m:
                    ids.add(m.group(1).strip().replace(" ", "-"))
    return ids


# --- the rules ---------------------------------------------------------------------------------
def _ratio_rules(q, rights, wrongs) -> list[Problem]:
    """How many options are right, and whether the right ones stand out by length."""
    out: list[Problem] = []
    if q.kind == "multiple":
        if not (MIN_RIGHT <= len(rights) <= MAX_RIGHT and len(q.options) >= MIN_OPTIONS):
            out.append(
                Problem(
                    q.id,
                    "multiple-ratio",
                    f"{len(rights)} right of {len(q.options)} options (needs {MIN_RIGHT}-"
                    f"{MAX_RIGHT} right of {MIN_OPTIONS} or more)",
                )
            )
        if wrongs and min(len(o.text) for o in rights) > max(len(o.text) for o in wrongs):
            out.append(Problem(q.id, "longest", "every right option is longer than every wrong"))
        return out
    if not wrongs:
        return out
    right, longest_wrong = rights[0], max(len(o.text) for o in wrongs)
    if len(right.text) > LONGEST_MARGIN * longest_wrong:
        out.append(
            Problem(
                q.id,
                "longest",
                f"the right option has {len(right.text)} characters, the longest wrong one "
                f"{longest_wrong}",
            )
        )
    stem_words = _content_words(f"{q.scenario or ''} {q.prompt}")
    if stem_words & _content_words(right.text) and not any(
        stem_words & _content_words(o.text) for o in wrongs
    ):
        shared = sorted(stem_words & _content_words(right.text))
        out.append(
            Problem(
                q.id,
                "repeated-word",
                f"only the right option repeats the prompt's word(s) {', '.join(shared)}",
            )
        )
    return out


def _acronym_rules(q, rights, wrongs) -> list[Problem]:
    """Acronyms that give the right option away (spelled out, or repeated from the prompt)."""
    out: list[Problem] = []
    stem = f"{q.scenario or ''} {q.prompt}"
    stem_acr = _acronyms(stem)
    for o in rights:
        for a in _acronyms(o.text):
            if _spelled_out(a, stem) and not any(
                _spelled_out(b, stem) for w in wrongs for b in _acronyms(w.text)
            ):
                out.append(Problem(q.id, "acronym", f"the prompt spells out '{a}', a right option"))
        for a in stem_acr:
            if _spelled_out(a, o.text) and not any(_spelled_out(a, w.text) for w in wrongs):
                out.append(
                    Problem(q.id, "acronym", f"a right option spells out the prompt's '{a}'")
                )
        repeated = stem_acr & _acronyms(o.text)
        if repeated and not any(stem_acr & _acronyms(w.text) for w in wrongs):
            out.append(
                Problem(
                    q.id,
                    "acronym",
                    f"only a right option repeats the prompt's {', '.join(sorted(repeated))}",
                )
            )
    return out


def _choice_rules(q) -> list[Problem]:
    rights = [o for o in q.options if o.correct]
    wrongs = [o for o in q.options if not o.correct]
    out = _ratio_rules(q, rights, wrongs) + _acronym_rules(q, rights, wrongs)
    absolute = [o for o in q.options if ABSOLUTE & _plain_words(o.text)]
    if absolute and all(not o.correct for o in absolute):
        out.append(
            Problem(q.id, "absolute", "absolute words (only, always...) are in wrong options only")
        )
    return out


def _matching_rules(q) -> list[Problem]:
    out = []
    for p in q.pairs:
        for a in _acronyms(p.left):
            if a in _acronyms(p.right) or _spelled_out(a, p.right):
                out.append(
                    Problem(q.id, "acronym", f"row '{p.left}': the answer '{p.right}' spells it")
                )
    return out


def _texts(q) -> list[str]:
    out = [q.prompt, q.explanation, q.scenario or "", q.hint or ""]
    out += [o.text for o in q.options] + [o.feedback for o in q.options]
    return out


def _question_rules(q, course: content.Course, headings: dict[str, set[str]], notebooks: Path):
    """The rules one question must pass on its own."""
    out: list[Problem] = []
    if q.kind in ("single", "multiple", "scenario"):
        out += _choice_rules(q)
    if q.kind == "matching":
        out += _matching_rules(q)
    if q.kind == "truefalse":
        found = ABSOLUTE & _plain_words(q.prompt)
        if found:
            out.append(
                Problem(q.id, "absolute", f"the statement hinges on {', '.join(sorted(found))}")
            )
    if any("the source" in t.lower() for t in _texts(q)):
        out.append(Problem(q.id, "the-source", 'says "the source", never named to learners'))
    page = course.page(q.section)
    if page.id not in headings:
        prose = {a for block in course.anchors.get(page.id, ()) for a in block}  # pages.yaml
        headings[page.id] = _headings(notebooks / page.notebook) | prose
    if not q.anchor:
        out.append(Problem(q.id, "anchor", "no anchor: link it to a heading on its page"))
    elif q.anchor not in headings[page.id]:
        out.append(Problem(q.id, "anchor", f"'{q.anchor}' is no heading of {page.notebook}"))
    return out


def _duplicate_rules(questions) -> list[Problem]:
    """Prompts that are nearly the same (the same task on two different sequences is fine)."""
    out: list[Problem] = []
    for i, a in enumerate(questions):
        wa = _content_words(f"{a.scenario or ''} {a.prompt}")
        for b in questions[i + 1 :]:
            if a.kind == b.kind == "ordering" and {x.id for x in a.items} != {
                x.id for x in b.items
            }:
                continue
            wb = _content_words(f"{b.scenario or ''} {b.prompt}")
            if wa and wb and len(wa & wb) / len(wa | wb) >= DUPLICATE_AT:
                out.append(Problem(a.id, "duplicate", f"nearly the same prompt as '{b.id}'"))
    return out


def _coverage_rules(page, questions) -> list[Problem]:
    """A part's number of questions, and the questions each of its objectives has."""
    out: list[Problem] = []
    n = sum(q.section == page.id for q in questions)
    if not MIN_PER_PART <= n <= MAX_PER_PART:
        out.append(
            Problem(
                page.id,
                "count",
                f"part '{page.id}' has {n} practice questions (needs {MIN_PER_PART}-"
                f"{MAX_PER_PART})",
            )
        )
    for obj in page.objectives:
        qs = [q for q in questions if q.objective == obj.id]
        if len(qs) < 2:
            out.append(
                Problem(obj.id, "coverage", f"objective '{obj.id}' has {len(qs)} question(s)")
            )
        verb = obj.text.split()[0].lower()
        if verb in ("explain", "describe") and not any(q.kind == "scenario" for q in qs):
            out.append(
                Problem(
                    obj.id,
                    "coverage",
                    f"objective '{obj.id}' ({verb}) is assessed by no scenario question",
                )
            )
    return out


def _check_rules(bank: _bank.Bank, lessons) -> list[Problem]:
    """The final check draws a question for every objective, whatever its seed."""
    wanted = {o.id for p in lessons for o in p.objectives}
    for seed in CHECK_SEEDS:
        drawn = {bank.questions[i].objective for i in bank.question_ids(bank.check.page, seed)}
        missing = sorted(wanted - drawn)
        if missing:
            return [
                Problem(
                    bank.check.page,
                    "check",
                    f"the final check (seed {seed}) leaves out objective(s) {', '.join(missing)}",
                )
            ]
    return []


def lint(
    bank: _bank.Bank | None = None,
    course: content.Course | None = None,
    notebooks: Path | None = None,
) -> list[Problem]:
    """Every broken rule in the bank (an empty list means the bank passes)."""
    bank = bank or _bank.load()
    course = course or content.load()
    notebooks = notebooks or Path(__file__).resolve().parents[2] / "notebooks"
    questions = list(bank.questions.values())
    headings: dict[str, set[str]] = {}
    out = [p for q in questions for p in _question_rules(q, course, headings, notebooks)]
    out += _duplicate_rules(questions)
    lessons = [p for p in course.outline.pages if p.kind == "lesson"]
    for page in lessons:
        out += _coverage_rules(page, questions)
    return out + _check_rules(bank, lessons)


def main() -> int:  # pragma: no cover - a convenience for authors
    """Print the problems; exit 1 if there are any."""
    problems = lint()
    for p in problems:
        print(p)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
