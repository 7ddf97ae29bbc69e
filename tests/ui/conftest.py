"""Browser fixtures: the course served by Voila (``tests.harness``), driven by Debian's Chromium."""

from __future__ import annotations

import pytest

from tests.harness import (  # noqa: F401  (re-exported for the browser tests)
    CHROMIUM_ARGS,
    ROOT,
    Page,
    VoilaServer,
    chromium_path,
    free_port,
)


@pytest.fixture(scope="session")
def voila_server(tmp_path_factory):
    server = VoilaServer(tmp_path_factory.mktemp("ui-store"))
    yield server
    server.stop()


@pytest.fixture
def page(browser):
    context = browser.new_context()
    p = Page(context.new_page())
    yield p
    context.close()
