"""The coalition-planning worksheet: model (plan and suggestion rules), exports and view."""
