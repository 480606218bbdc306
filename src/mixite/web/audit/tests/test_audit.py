"""The audit hash chains (platform §11, example E-13, AUD-01 to AUD-03)."""

from __future__ import annotations

import contextlib
import datetime as dt
import threading
from io import StringIO
from typing import TYPE_CHECKING

import pytest
from django.core.management import call_command
from django.db import connection

from mixite.web.audit.models import AuditEntry, ChainHead
from mixite.web.audit.services import (
    GENESIS,
    canonical_json,
    entry_fields,
    entry_hash,
    record,
    verify_chain,
)

if TYPE_CHECKING:
    from collections.abc import Iterator

    from time_machine import TimeMachineFixture

# Example E-13.
ACTOR = "user:3b0c8f5e-0000-4000-8000-000000000001"
TENANT = "org:9d2e4a10-0000-4000-8000-000000000010"
OBJECT = "diagnostic:5a7f0c22-0000-4000-8000-000000000100"
HASH_1 = "dd9f2eed1b412b5fd55350c5904b4bc6f40eb127fa9e4905f3ec2a059edfb28e"
HASH_2 = "9c6a2d954cb4098d10ff03f05f78a2966e13759ddfc6d4b8d0f1074234e3e1d1"
CANONICAL_1 = (
    '{"action":"diagnostic.uploaded","actor":"user:3b0c8f5e-0000-4000-8000-000000000001",'
    '"at":"2026-03-02T09:00:00Z","data":{"format":"xlsx","rows":412},'
    '"object":"diagnostic:5a7f0c22-0000-4000-8000-000000000100",'
    '"prev":"0000000000000000000000000000000000000000000000000000000000000000","seq":1,'
    '"tenant":"org:9d2e4a10-0000-4000-8000-000000000010"}'
)
AT_1 = dt.datetime(2026, 3, 2, 9, 0, 0, tzinfo=dt.UTC)
AT_2 = dt.datetime(
    2026, 3, 2, 9, 5, 12, 345678, tzinfo=dt.UTC
)  # microseconds are dropped


def write_e13(time_machine: TimeMachineFixture) -> tuple[AuditEntry, AuditEntry]:
    time_machine.move_to(AT_1, tick=False)
    first = record(
        tenant=TENANT,
        actor=ACTOR,
        action="diagnostic.uploaded",
        object=OBJECT,
        data={"format": "xlsx", "rows": 412},
    )
    time_machine.move_to(AT_2, tick=False)
    second = record(
        tenant=TENANT,
        actor=ACTOR,
        action="diagnostic.downloaded",
        object=OBJECT,
        data={"format": "pdf", "view": "analyst"},
    )
    return first, second


def verify(*args: str) -> tuple[int, str, str]:
    """Run ``verify_audit_chain``: exit code, stdout, stderr."""
    out, err = StringIO(), StringIO()
    try:
        call_command("verify_audit_chain", *args, stdout=out, stderr=err)
    except SystemExit as exit_:
        return int(str(exit_.code)), out.getvalue(), err.getvalue()
    return 0, out.getvalue(), err.getvalue()


@contextlib.contextmanager
def tampering() -> Iterator[None]:
    """As a database superuser could: the append-only trigger is off meanwhile (AUD-02)."""
    postgres = connection.vendor == "postgresql"
    if postgres:
        with connection.cursor() as cursor:
            cursor.execute(
                "ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only"
            )
    try:
        yield
    finally:
        if postgres:
            with connection.cursor() as cursor:
                cursor.execute(
                    "ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only"
                )


def test_AUD_01_e13_entries_have_the_published_hashes() -> None:
    first = AuditEntry(
        tenant=TENANT,
        seq=1,
        at=AT_1,
        actor=ACTOR,
        action="diagnostic.uploaded",
        object=OBJECT,
        data={"format": "xlsx", "rows": 412},
        prev=GENESIS,
    )
    assert canonical_json(entry_fields(first)) == CANONICAL_1
    assert entry_hash(entry_fields(first)) == HASH_1
    second = AuditEntry(
        tenant=TENANT,
        seq=2,
        at=dt.datetime(
            2026, 3, 2, 10, 5, 12, tzinfo=dt.timezone(dt.timedelta(hours=1))
        ),
        actor=ACTOR,
        action="diagnostic.downloaded",
        object=OBJECT,
        data={"view": "analyst", "format": "pdf"},
        prev=HASH_1,
    )
    assert entry_hash(entry_fields(second)) == HASH_2


@pytest.mark.django_db
def test_AUD_01_recorded_entries_have_the_published_hashes(
    time_machine: TimeMachineFixture,
) -> None:
    first, second = write_e13(time_machine)
    assert (first.seq, first.prev, first.hash) == (1, GENESIS, HASH_1)
    assert (second.seq, second.prev, second.hash) == (2, HASH_1, HASH_2)
    stored = list(AuditEntry.objects.filter(tenant=TENANT).order_by("seq"))
    assert [entry_hash(entry_fields(entry)) for entry in stored] == [HASH_1, HASH_2]
    head = ChainHead.objects.get(tenant=TENANT)
    assert (head.seq, head.hash) == (2, HASH_2)


@pytest.mark.django_db
def test_non_ascii_is_hashed_as_utf8() -> None:
    entry = record(
        tenant="instance", actor="system", action="réseau.créé", data={"code": "é"}
    )
    assert '"réseau.créé"' in canonical_json(entry_fields(entry))
    assert verify_chain("instance") is None


@pytest.mark.django_db
def test_chains_are_per_tenant() -> None:
    record(tenant="org:a", actor="system", action="x.done")
    record(tenant="org:b", actor="system", action="x.done")
    entry = record(tenant="org:a", actor="system", action="x.done")
    assert entry.seq == 2
    assert list(
        AuditEntry.objects.filter(tenant="org:b").values_list("seq", flat=True)
    ) == [1]


@pytest.mark.django_db
def test_AUD_02_intact_chains_exit_0(time_machine: TimeMachineFixture) -> None:
    write_e13(time_machine)
    record(tenant="instance", actor="system", action="auth.locked", data={"kind": "ip"})
    code, out, _err = verify()
    assert code == 0
    assert "2 chain(s) intact" in out
    assert verify("--tenant", TENANT)[0] == 0


@pytest.mark.django_db
def test_AUD_02_changed_data_exits_2_naming_seq_2(
    time_machine: TimeMachineFixture,
) -> None:
    write_e13(time_machine)
    record(tenant="instance", actor="system", action="auth.locked", data={"kind": "ip"})
    with tampering():
        AuditEntry.objects.filter(tenant=TENANT, seq=2).update(
            data={"format": "pdf", "view": "shared"}
        )
    code, _out, err = verify()
    assert code == 2
    assert f"{TENANT}, seq 2" in err
    assert verify("--tenant", "instance")[0] == 0


@pytest.mark.django_db
def test_AUD_02_a_rewritten_first_entry_is_found(
    time_machine: TimeMachineFixture,
) -> None:
    write_e13(time_machine)
    first = AuditEntry.objects.get(tenant=TENANT, seq=1)
    first.data = {"format": "csv", "rows": 412}
    first.hash = entry_hash(
        entry_fields(first)
    )  # consistent in itself, but entry 2 points back
    with tampering():
        first.save()
    assert verify_chain(TENANT) is not None
    assert verify_chain(TENANT).seq == 2  # type: ignore[union-attr]


@pytest.mark.django_db
def test_AUD_02_a_forged_genesis_link_is_found(
    time_machine: TimeMachineFixture,
) -> None:
    write_e13(time_machine)
    first = AuditEntry.objects.get(tenant=TENANT, seq=1)
    first.prev = "1" * 64
    first.hash = entry_hash(entry_fields(first))
    with tampering():
        AuditEntry.objects.filter(tenant=TENANT, seq=2).delete()
        first.save()
    ChainHead.objects.filter(tenant=TENANT).update(seq=1, hash=first.hash)
    broken = verify_chain(TENANT)
    assert broken is not None
    assert broken.seq == 1


@pytest.mark.django_db
def test_AUD_02_missing_entries_are_found(time_machine: TimeMachineFixture) -> None:
    first, second = write_e13(time_machine)
    third = record(
        tenant=TENANT, actor=ACTOR, action="diagnostic.deleted", object=OBJECT
    )
    with tampering():
        AuditEntry.objects.filter(pk=second.pk).delete()  # a hole
    broken = verify_chain(TENANT)
    assert broken is not None
    assert broken.seq == 2

    with tampering():
        AuditEntry.objects.filter(pk=third.pk).delete()  # now the tail is missing
    broken = verify_chain(TENANT)
    assert broken is not None
    assert broken.seq == 2
    assert first.seq == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_AUD_03_concurrent_writers_never_fork_the_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("AUD-03 needs row locks across connections: run it on PostgreSQL")
    n_threads = 20
    tenant = "org:00000000-0000-4000-8000-0000000000aa"
    barrier = threading.Barrier(n_threads)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            barrier.wait(timeout=30)
            record(
                tenant=tenant,
                actor="system",
                action="diagnostic.computed",
                data={"n": n},
            )
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(n_threads)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    seqs = list(
        AuditEntry.objects.filter(tenant=tenant)
        .order_by("seq")
        .values_list("seq", flat=True)
    )
    assert seqs == list(range(1, n_threads + 1))
    assert sorted(
        AuditEntry.objects.filter(tenant=tenant).values_list("data__n", flat=True)
    ) == list(range(n_threads))
    assert verify_chain(tenant) is None
    assert ChainHead.objects.get(tenant=tenant).seq == n_threads


@pytest.mark.postgres
@pytest.mark.django_db
def test_entries_cannot_be_changed_or_deleted_on_postgresql() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("the append-only trigger exists on PostgreSQL only")
    from django.db import ProgrammingError, transaction  # noqa: PLC0415

    entry = record(tenant=TENANT, actor=ACTOR, action="org.settings_changed")
    with pytest.raises(ProgrammingError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).update(action="x.y")
    with pytest.raises(ProgrammingError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).action == "org.settings_changed"
