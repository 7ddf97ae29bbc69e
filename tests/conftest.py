"""Shared test set-up: never touch a learner's real data."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path, monkeypatch):
    """Every test gets its own store directory."""
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path / "store"))
    yield
