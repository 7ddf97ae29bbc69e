"""The running case: a fictional coalition's decisions across the lesson pages (model and view)."""
