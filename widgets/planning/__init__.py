"""The coalition-planning worksheet: the plan and its rules (``model``), the stakeholder map
(``chart``), the files people take home (``export``) and the widgets (``view``).

Notebooks call :func:`widgets.worksheet`; submodules are imported only when the page needs them.
"""
