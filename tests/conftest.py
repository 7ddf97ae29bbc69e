"""Shared test set-up: never touch a learner's real data."""

from __future__ import annotations

import os
import secrets

import pytest


@pytest.fixture(autouse=True)
def _isolated_store(tmp_path, monkeypatch):
    """Every test gets its own store directory."""
    monkeypatch.setenv("COURSE_STORE_DIR", str(tmp_path / "store"))
    yield


# -- PostgreSQL: the same store tests run on both engines ---------------------------------------
# `bash .ci/run` starts a real server and sets COURSE_TEST_DATABASE_URL. Without it, tests marked
# `postgres` fail in CI (CI=true) and are deselected, with a notice, on a developer's machine.
PG_ENV = "COURSE_TEST_DATABASE_URL"


def pytest_collection_modifyitems(config, items):
    if os.environ.get(PG_ENV) or os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        return
    keep = [i for i in items if "postgres" not in i.keywords]
    dropped = [i for i in items if "postgres" in i.keywords]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = keep
        reporter = config.pluginmanager.get_plugin("terminalreporter")
        if reporter:
            reporter.write_line(
                f"NOTE: {len(dropped)} PostgreSQL tests deselected: set {PG_ENV} "
                '(eval "$(bash .ci/postgres.sh)") to run them.',
                yellow=True,
            )


@pytest.fixture
def pg_url():
    """A PostgreSQL URL whose tables live in a fresh schema, dropped after the test."""
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.fail(f"{PG_ENV} is not set: PostgreSQL tests cannot run (bash .ci/run sets it)")
    import psycopg

    schema = f"t_{secrets.token_hex(6)}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE SCHEMA {schema}")
    sep = "&" if "?" in base else "?"
    yield f"{base}{sep}options=-csearch_path%3D{schema}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP SCHEMA {schema} CASCADE")


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store_url(request, tmp_path):
    """A store URL for each engine: a SQLite file, then a PostgreSQL schema."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'course.sqlite3'}"
    return request.getfixturevalue("pg_url")


@pytest.fixture(scope="session")
def browser():
    """One Chromium for the whole session (Debian's, see tests/harness.py).

    One only: a second Playwright started in the same thread while the first runs fails
    ("Sync API inside the asyncio loop"), so the browser tests and the deployment tests share it.
    """
    from playwright.sync_api import sync_playwright

    from tests.harness import CHROMIUM_ARGS, chromium_path

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()
