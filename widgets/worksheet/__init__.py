"""The coalition-planning worksheet: model (plan and suggestion rules), exports and view.

``widgets.worksheet()`` is the notebooks' call. Importing this subpackage (for instance
``widgets.worksheet.model``) makes ``widgets.worksheet`` name the subpackage instead of the
function of the same name, so the subpackage is callable too and returns the same view.
"""

from __future__ import annotations

import sys
import types


class _CallableModule(types.ModuleType):
    def __call__(self):
        """The coalition-planning worksheet (a new view for the current learner)."""
        from .view import WorksheetView

        return WorksheetView()


sys.modules[__name__].__class__ = _CallableModule
