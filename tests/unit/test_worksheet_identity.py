"""The learner code the worksheet saves under (what it relies on from ``widgets.identity``)."""

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
    assert identity.identify() == ("ABCD-EFGH-JKMN", "code")


@pytest.mark.parametrize("query", ["", "code=not-a-code", "code=<script>"])
def test_in_voila_without_a_valid_code_nothing_is_saved(monkeypatch, query):
    monkeypatch.setenv("VOILA_KERNEL_ID", "k1")
    monkeypatch.setenv("QUERY_STRING", query)
    assert identity.identify()[0] is None  # the worksheet then says nothing is saved


def test_outside_voila_the_learner_is_the_local_user(monkeypatch):
    import re

    for user in ("Ana María/../x y", "ñ", "root"):
        monkeypatch.setattr(identity.getpass, "getuser", lambda u=user: u)
        learner, _how = identity.identify()
        assert re.fullmatch(r"local-[A-Za-z0-9_.-]+", learner), learner
        assert "/" not in learner
