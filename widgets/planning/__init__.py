"""The coalition-planning worksheet.

Rules (pure Python, no ipywidgets): the plan and its validation (``model``), editing it
(``worksheet``), reading files and saved plans (``loading``), validation errors in words
(``messages``), ranked advice (``suggestions``), the timeline's order (``timeline``), the map's
quadrants (``places``), snapshots compared (``snapshots``), the summary in words (``summary``).

Drawing and files: one map layout drawn as SVG (``chart``) and as a PNG (``chart_png``); the
tables every file shares (``tables``); the files (``export``, with ``export_docx`` and
``export_xlsx``).

Widgets: the view (``view``) composes the four steps (``steps``) with shared fields and the
editor (``fields``); the plan is saved through the learner context (``saving``).

Notebooks call :func:`widgets.worksheet`; submodules are imported only when the page needs them.
"""
