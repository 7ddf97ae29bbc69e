"""The coalition-planning worksheet.

The plan and its validation (``model``), editing it (``worksheet``), reading files and saved
plans (``loading``), ranked advice (``suggestions``), the timeline's order (``timeline``), the
map's quadrants (``places``), snapshots compared (``snapshots``), the summary in words
(``summary``), the stakeholder map (``chart``), the files people take home (``export``) and the
widgets (``view`` and ``steps``).

Notebooks call :func:`widgets.worksheet`; submodules are imported only when the page needs them.
"""
