"""Quizzes: the question bank (``bank``), grading rules (``model``) and widgets (``view``).

The package itself is callable, so a notebook cell reads ``widgets.quiz("coalitions")``: it
returns the quiz of that page (a section's practice quiz, or the final check). Submodules are
imported only when needed, so ``import widgets`` stays light.
"""

from __future__ import annotations

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self, quiz_id: str):
        """The quiz of a page (its page id), as a widget."""
        from .view import QuizView

        return QuizView(quiz_id)


sys.modules[__name__].__class__ = _CallableModule
