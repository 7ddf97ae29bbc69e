"""The learner identity the worksheet saves under (minimal ``widgets.identity``)."""

from __future__ import annotations

import pytest

from widgets import identity, session


@pytest.fixture(autouse=True)
def _fresh_query(monkeypatch):
    for key in ("VOILA_KERNEL_ID", "VOILA_PREHEAT", "VOILA_REQUEST_URL", "QUERY_STRING"):
        monkeypatch.delenv(key, raising=False)
    session.query_params.cache_clear()
    yield
    session.query_params.cache_clear()


def test_in_voila_the_learner_is_the_code_from_the_address(monkeypatch):
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setenv("QUERY_STRING", "code=abcd-efgh-jkmn&theme=dark")
    assert identity.current_learner() == "ABCD-EFGH-JKMN"


@pytest.mark.parametrize("query", ["", "code=not-a-code", "code=<script>"])
def test_in_voila_without_a_valid_code_nothing_is_saved(monkeypatch, query):
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setenv("QUERY_STRING", query)
    assert identity.current_learner() == ""


def test_outside_voila_the_learner_is_the_local_user(monkeypatch):
    monkeypatch.setattr(identity.getpass, "getuser", lambda: "Ana María/../x y")
    assert identity.current_learner() == "local-AnaMara..xy"
    monkeypatch.setattr(identity.getpass, "getuser", lambda: "ñ")
    assert identity.current_learner() == "local-user"
