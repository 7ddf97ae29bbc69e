"""The course under JupyterHub: the learner is the hub user, and one PostgreSQL keeps every
user's rows to their own role (widgets/hubdb.py). The whole deployment runs in
tests/deploy/test_hub.py."""

from __future__ import annotations

import pytest

from widgets import hubdb, identity, learner
from widgets.store import Store, StoreError
from widgets.workshop import model


def test_the_hub_user_is_the_learner_everywhere(monkeypatch):
    monkeypatch.setenv("JUPYTERHUB_USER", "ana.lopez")
    monkeypatch.setenv("VOILA_KERNEL_ID", "k")  # in Voila too, and a code in the address...
    monkeypatch.setenv("QUERY_STRING", "code=ABCD-EFGH-JKLM")
    identity.session.query_params.cache_clear()
    learner.current.cache_clear()
    me = learner.current()
    assert (me.code, me.status) == ("hub-ana.lopez", "hub")  # ...is ignored
    monkeypatch.delenv("JUPYTERHUB_USER")
    assert identity.identify() == ("ABCD-EFGH-JKLM", "code")  # codes still work
    identity.session.query_params.cache_clear()
    learner.current.cache_clear()


@pytest.mark.parametrize("name", ["", "Ana", "a b", "x" * 65, "ana/../ben", "-ana"])
def test_odd_hub_names_save_nothing(monkeypatch, name):
    assert identity.hub_code(name) is None
    if name:
        monkeypatch.setenv("JUPYTERHUB_USER", name)
        assert identity.identify() == (None, "invalid")


def test_distinct_hub_names_never_share_a_key_or_a_role():
    names = ["ana-b", "ana.b", "ana_b", "anab", "ana@b"]
    assert len({identity.hub_code(n) for n in names}) == len(names)
    assert len({hubdb.role_for(n) for n in names}) == len(names)
    assert all(len(hubdb.role_for(n)) <= 63 for n in names)


def test_every_table_of_the_store_is_covered_by_the_isolation():
    """A new table must be listed (with its learner column, if any) before it can ship."""
    covered = set(hubdb.LEARNER_TABLES) | set(hubdb.OTHER_TABLES)
    assert hubdb.tables_in_migrations() | {"schema_version"} == covered


@pytest.mark.postgres
def test_roles_see_and_change_only_their_own_rows(pg_url):
    # The test server trusts local logins, so the superuser stands in for the hub's owner role.
    user_part = pg_url.split("://", 1)[1].split("@", 1)[0]
    owner = pg_url.replace(f"://{user_part}@", "://postgres@", 1)
    hubdb.prepare(owner, trainer_password="trainer-pw")
    hubdb.prepare(owner, trainer_password="trainer-pw")  # idempotent: every hub start
    ana, ben = Store(hubdb.learner_url(owner, "ana")), Store(hubdb.learner_url(owner, "ben"))
    trainer = Store(hubdb.trainer_url(owner, "trainer-pw"))
    ws = model.create_workshop(trainer, "W")
    for st, me in ((ana, "hub-ana"), (ben, "hub-ben")):
        st.put_doc(me, "worksheet", "plan", {"actors": [{"name": f"secret of {me}"}]})
        model.join(st, ws.code, me, me)
        st.add_answer(me, "q1", ["a"], 1.0, True, workshop=ws.code)

    # ana reads nothing of ben's, and her writes under his key are refused or touch nothing.
    assert ana.get_doc("hub-ben", "worksheet", "plan") is None
    assert ana.export_learner("hub-ben")["answers"] == []
    assert {r[0] for r in ana.query("SELECT learner FROM documents")} == {"hub-ana"}
    with pytest.raises(StoreError):
        ana.put_doc("hub-ben", "worksheet", "plan", {})
    with pytest.raises(StoreError):
        ana.add_answer("hub-ben", "q1", ["b"], 0.0, False)
    ana.delete_learner("hub-ben")
    with pytest.raises(StoreError):
        ana.delete_workshop(ws.code)
    assert ben.get_doc("hub-ben", "worksheet", "plan") is not None
    # Joining works without the trainer secret's hash, which a learner cannot read.
    assert ana.workshop(ws.code)["secret_hash"] == ""
    assert model.membership(ana, ws.code, "hub-ana") is not None
    with pytest.raises(StoreError):
        ana.query("SELECT secret_hash FROM workshops")

    # The trainer sees both participants and their workshop answers, not their documents.
    report = model.Trainer(trainer, ws.code, ws.secret).report()
    assert sorted(p.label for p in report.participants) == ["P01 hub-ana", "P02 hub-ben"]
    assert sum(q.answered for q in report.questions) == 2
    with pytest.raises(StoreError):
        trainer.query("SELECT body FROM documents")
    for st in (ana, ben, trainer):
        st.close()
