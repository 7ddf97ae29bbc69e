"""Helpers for tests that break a copy of ``course_data`` on purpose."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of course_data to break on purpose."""
    dst = tmp_path / "course_data"
    shutil.copytree(ROOT / "course_data", dst)
    return dst


def edit_yaml(path: Path, change) -> None:
    """Load a YAML file, let ``change`` modify the data in place, and write it back."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")


@pytest.fixture
def fresh_session(monkeypatch):
    """No Voila, no cached query, page code or store between tests."""
    from widgets import identity, learner, session, store

    for var in ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_REQUEST_URL", "QUERY_STRING"):
        monkeypatch.delenv(var, raising=False)
    session.query_params.cache_clear()
    identity.page_code.cache_clear()
    learner.current.cache_clear()
    store.reset_store_cache()
    yield
    session.query_params.cache_clear()
    learner.current.cache_clear()
    store.reset_store_cache()


def as_voila_page(monkeypatch, query: str) -> None:
    """Make the kernel look like a Voila page opened with this query string."""
    from widgets import learner, session

    monkeypatch.setenv("VOILA_KERNEL_ID", "test-kernel")
    monkeypatch.setenv("QUERY_STRING", query)
    session.query_params.cache_clear()
    learner.current.cache_clear()
