"""Quizzes: the question bank (``bank``), grading rules (``model``), the final check's
certificate (``certificate``), progress (``progress``) and the widgets (``view``).

Notebooks call :func:`widgets.quiz`; submodules are imported only when a page needs them.
"""
