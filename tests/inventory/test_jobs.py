"""Background tasks cannot wedge the platform: limits, leases and the reaper, retry, per-user limits, the park
storage quota and the pruning of abandoned uploads. (A real worker killed with SIGKILL: test_worker_kill.py.)"""

import os
import signal
import time
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import timezone, translation

from parkcarbon.common import jobs, quota
from parkcarbon.engine.template import SECTION_SHEETS
from parkcarbon.inventory import imports, services
from parkcarbon.inventory.models import ActivityLine, ImportStatus, PendingImport, ResultSnapshot
from parkcarbon.reports.models import Report, State
from tests.inventory.test_views import upload, workbook
from tests.workbooks import filled_template

ROWS = [{"activity": "bituminous_coal", "amount": 2000, "unit": "t", "month": 1},
        {"activity": "electricity_grid", "amount": 5000, "unit": "MWh"}]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _pending(inventory, user, status, data=b"x", **fields):
    return PendingImport.objects.create(inventory=inventory, file=ContentFile(data, name="data.xlsx"),
                                        file_name="data.xlsx", status=status, created_by=user, **fields)


# ------------------------------------------------------------------------------------- the limited child process

def _allocate(mb):
    return len(bytearray(mb * 2**20))


def _sleep(seconds):
    time.sleep(seconds)


def _kill_self():
    os.kill(os.getpid(), signal.SIGKILL)


def _raise():
    raise ValueError("boom")


def test_run_limited_returns_the_value_and_names_each_way_to_fail(settings):
    settings.PARKCARBON_TASK_MEMORY_MB = 200
    settings.PARKCARBON_TASK_TIMEOUT_SECONDS = 1
    assert jobs.run_limited(_allocate, 50) == 50 * 2**20
    for fn, args, failure in [(_allocate, (400,), "memory"), (_sleep, (10,), "timeout"), (_kill_self, (), "crashed"),
                              (_raise, (), "error")]:
        t0 = time.monotonic()
        with pytest.raises(jobs.JobFailed) as exc:
            jobs.run_limited(fn, *args)
        assert exc.value.failure == failure and time.monotonic() - t0 < 8
    assert "ValueError: boom" in exc.value.detail


def test_a_workbook_that_explodes_in_the_reader_fails_the_upload_not_the_worker(inventory, client_for, world, settings):
    """A far cell (XFD1048576) once made the reader allocate 512 GiB and abort the worker. The upload view's guard
    refuses it now; a task handed such a file anyway (e.g. stored before the guard) fails it, not the worker."""
    settings.PARKCARBON_TASK_MEMORY_MB = 400

    def far_cell(wb):
        wb[SECTION_SHEETS["energy"]]["XFD1048576"] = 1

    hostile = filled_template(ROWS, mutate=far_cell)
    c = client_for("enterprise_reporter")
    upload(c, inventory, hostile)
    assert not PendingImport.objects.exists()  # refused before anything was stored
    pending = _pending(inventory, world.users["enterprise_reporter"], ImportStatus.VALIDATING, data=hostile)
    imports.validate_import.enqueue(pending.pk)
    pending.refresh_from_db()
    assert pending.status in (ImportStatus.FAILED, ImportStatus.INVALID)  # refused by the limit, or by the reader
    if pending.status == ImportStatus.FAILED:
        assert pending.failure in ("memory", "crashed")
        page = c.get(reverse("inventory:import_detail", args=[inventory.pk, pending.pk]), HTTP_ACCEPT_LANGUAGE="en")
        assert "Nothing was saved" in page.content.decode()
    upload(c, inventory, workbook(ROWS))  # this process (the worker) is still there and works
    assert PendingImport.objects.latest("pk").status == ImportStatus.VALID


# -------------------------------------------------------------------------------------- leases, reaper, retry

def test_the_lease_is_renewed_while_a_task_works(inventory, world, settings):
    """Waiting for the child (an upload) and from a thread (a report build): the heartbeat moves the lease on."""
    settings.PARKCARBON_TASK_LEASE_SECONDS = 0.4  # a beat every 0.1 s
    pending = _pending(inventory, None, ImportStatus.VALIDATING)
    assert jobs.take_lease(PendingImport.objects.filter(lease_until__isnull=True), pending.pk)
    first = PendingImport.objects.get(pk=pending.pk).lease_until
    jobs.run_limited(_sleep, 0.6, model=PendingImport, pk=pending.pk)
    pending.refresh_from_db()
    assert pending.lease_until > first + timedelta(seconds=0.3) and pending.attempts == 1
    assert jobs.reap() == 0


@pytest.mark.django_db(transaction=True)
def test_a_heartbeat_thread_renews_the_lease_of_a_report(settings):
    from parkcarbon.parks.models import Park

    settings.PARKCARBON_TASK_LEASE_SECONDS = 0.4
    park = Park.objects.create(name="园区", code="hb", province="江苏", city="南通", level="industrial_park")
    report = Report.objects.create(park=park, year=2023, template="park_inventory", language="zh-hans")
    assert jobs.take_lease(Report.objects.all(), report.pk)
    first = Report.objects.get(pk=report.pk).heartbeat_at
    with jobs.Heartbeat(Report, report.pk):
        time.sleep(0.7)
    report.refresh_from_db()
    assert report.heartbeat_at > first + timedelta(seconds=0.3)


def test_an_upload_whose_worker_died_fails_with_a_reason_and_can_be_retried(inventory, world, client_for):
    user = world.users["enterprise_reporter"]
    data = workbook(ROWS)
    past = timezone.now() - timedelta(seconds=1)
    checking = _pending(inventory, user, ImportStatus.VALIDATING, data, lease_until=past, attempts=1)
    saving = _pending(inventory, user, ImportStatus.APPLYING, data, lease_until=past, attempts=1,
                      preview={"energy": {"lines": 2, "co2e": 1.0}})
    alive = _pending(inventory, user, ImportStatus.VALIDATING, data, lease_until=timezone.now() + timedelta(minutes=1))
    c = client_for("enterprise_reporter")
    for lang, reason in [("en", "background worker stopped"), ("zh-hans", "后台任务进程已停止")]:
        page = c.get(reverse("inventory:import_detail", args=[inventory.pk, saving.pk]), HTTP_ACCEPT_LANGUAGE=lang)
        assert reason in page.content.decode() and 'data-testid="import-retry"' in page.content.decode()
    assert jobs.reap() == 1  # the one still checking; the page already failed the other
    statuses = dict(PendingImport.objects.values_list("pk", "status"))
    assert statuses == {checking.pk: ImportStatus.FAILED, saving.pk: ImportStatus.FAILED, alive.pk: ImportStatus.VALIDATING}
    assert not ActivityLine.objects.filter(version__inventory=inventory, version__number=2).exists()  # no partial rows
    # Someone else may not retry it (the uploader's colleague) and another park's admin does not see it.
    assert client_for("enterprise_manager").post(reverse("inventory:import_retry", args=[inventory.pk, saving.pk])).status_code == 404
    assert client_for("other_park_admin").post(reverse("inventory:import_retry", args=[inventory.pk, saving.pk])).status_code == 404
    alive.delete()
    for pending in (checking, saving):
        c.post(reverse("inventory:import_retry", args=[inventory.pk, pending.pk]))
        pending.refresh_from_db()
        assert pending.status == ImportStatus.VALID and pending.failure == "" and pending.attempts == 2
    c.post(reverse("inventory:import_confirm", args=[inventory.pk, saving.pk]), {"confirm_replace": "1"})
    saving.refresh_from_db()
    assert saving.status == ImportStatus.APPLIED and saving.lease_until is None
    assert ActivityLine.objects.filter(version__inventory=inventory, version__number=2).count() == 2


def test_a_report_whose_worker_died_fails_with_a_reason_and_can_be_retried(inventory, world, client_for,
                                                                          django_capture_on_commit_callbacks):
    user = world.users["park_admin"]
    past = timezone.now() - timedelta(seconds=1)
    dead = Report.objects.create(park=world.park, enterprise=world.enterprise, inventory=inventory, year=2023,
                                 template="cn_enterprise", language="zh-hans", status=State.RUNNING, progress=40,
                                 created_by=user, lease_until=past)
    c = client_for("park_admin")
    page = c.get(reverse("reports:progress", args=[dead.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "background worker stopped" in page and 'data-testid="report-retry"' in page
    dead.refresh_from_db()
    assert dead.status == State.FAILED and dead.failure == "worker_died"
    assert client_for("park_viewer").post(reverse("reports:retry", args=[dead.pk])).status_code == 404
    assert client_for("other_park_admin").post(reverse("reports:retry", args=[dead.pk])).status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        response = c.post(reverse("reports:retry", args=[dead.pk]))
    new = Report.objects.exclude(pk=dead.pk).get()
    assert response.status_code == 302 and response["Location"] == new.get_absolute_url()
    assert new.status == State.DONE and new.docx and new.attempts == 1 and new.lease_until is None


def test_a_report_over_its_time_or_memory_limit_fails_with_the_reason(inventory, world, client_for, settings,
                                                                         monkeypatch, django_capture_on_commit_callbacks):
    from parkcarbon.reports import services as report_services

    settings.PARKCARBON_TASK_TIMEOUT_SECONDS = 1
    settings.PARKCARBON_TASK_MEMORY_MB = 300
    c = client_for("park_admin")
    for work, failure, text in [(lambda: time.sleep(5), "timeout", "1 minutes allowed"),
                                (lambda: bytearray(2**30), "memory", "300 MB of memory")]:
        monkeypatch.setattr(report_services, "collect_facts", lambda *a, work=work, **k: work())
        with django_capture_on_commit_callbacks(execute=True):
            c.post(reverse("reports:create") + f"?inventory={inventory.pk}", {"inventory": inventory.pk,
                                                                             "template": "cn_enterprise"})
        report = Report.objects.latest("pk")
        assert report.status == State.FAILED and report.failure == failure
        assert text in c.get(reverse("reports:detail", args=[report.pk]), HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_the_per_user_limits_say_why_nothing_starts(inventory, world, client_for):
    user = world.users["enterprise_reporter"]
    for _ in range(3):
        _pending(inventory, user, ImportStatus.VALIDATING, lease_until=timezone.now() + timedelta(minutes=5))
    c = client_for("enterprise_reporter")
    for lang, text in [("en", "You have 3 uploads being checked or saved"), ("zh-hans", "您有 3 个上传文件正在检查或保存")]:
        c.defaults["HTTP_ACCEPT_LANGUAGE"] = lang  # messages are stored in the language of the request
        response = upload(c, inventory, workbook(ROWS))
        assert text in c.get(response["Location"]).content.decode()
    assert PendingImport.objects.count() == 3
    PendingImport.objects.update(lease_until=timezone.now() - timedelta(seconds=1))  # their worker died
    upload(c, inventory, workbook(ROWS))
    assert PendingImport.objects.latest("pk").status == ImportStatus.VALID
    assert PendingImport.objects.filter(failure="worker_died").count() == 3
    admin = world.users["park_admin"]
    for _ in range(3):  # three reports stuck since their worker died are not counted once reaped
        Report.objects.create(park=world.park, enterprise=world.enterprise, inventory=inventory, year=2023,
                              template="cn_enterprise", language="zh-hans", status=State.QUEUED, created_by=admin,
                              lease_until=timezone.now() + timedelta(minutes=5))
    a = client_for("park_admin")
    url = reverse("reports:create") + f"?inventory={inventory.pk}"
    page = a.post(url, {"inventory": inventory.pk, "template": "cn_enterprise"}, HTTP_ACCEPT_LANGUAGE="en")
    assert page.status_code == 200 and "You have 3 reports being generated" in page.content.decode()
    Report.objects.update(lease_until=timezone.now() - timedelta(seconds=1))
    assert a.post(url, {"inventory": inventory.pk, "template": "cn_enterprise"}).status_code == 302
    assert Report.objects.filter(status=State.FAILED, failure="worker_died").count() == 3


# ------------------------------------------------------------------------------------------ quota, housekeeping

def test_the_park_storage_quota_refuses_uploads_evidence_and_reports_with_a_message(inventory, world, client_for,
                                                                                    settings):
    settings.PARKCARBON_PARK_STORAGE_QUOTA_MB = 1
    big = _pending(inventory, None, ImportStatus.INVALID, data=b"0" * (2**20 - 1000))
    assert quota.park_usage(world.park) == 2**20 - 1000
    assert quota.park_usage(world.other_park) == 0
    c = client_for("enterprise_reporter")
    for lang, text in [("en", "storage quota is full"), ("zh-hans", "园区存储空间已满")]:
        c.defaults["HTTP_ACCEPT_LANGUAGE"] = lang
        response = upload(c, inventory, workbook(ROWS))
        assert text in c.get(response["Location"]).content.decode()
    assert PendingImport.objects.count() == 1
    evidence = ContentFile(b"1" * 5000, name="meter.pdf")
    page = c.post(reverse("inventory:line_add", args=[inventory.pk]) + "?section=energy",
                  {"section": "energy", "activity": "diesel", "amount": "1", "unit": "t", "month": "0",
                   "evidence": evidence}, HTTP_ACCEPT_LANGUAGE="en")
    assert "storage quota is full" in page.content.decode()
    assert not ActivityLine.objects.filter(activity="diesel").exists()
    a = client_for("park_admin")
    big.file.storage.delete(big.file.name)  # freed: 0 of 1 MB used
    done = Report.objects.create(park=world.park, year=2023, template="park_inventory", language="zh-hans",
                                 status=State.DONE)
    done.docx.save("r.docx", ContentFile(b"2" * 2**20))
    page = a.post(reverse("reports:create") + f"?inventory={inventory.pk}",
                  {"inventory": inventory.pk, "template": "cn_enterprise"}, HTTP_ACCEPT_LANGUAGE="en")
    assert "storage quota is full" in page.content.decode() and Report.objects.count() == 1
    # Another park's quota is its own.
    assert quota.refusal(world.other_park, 1000) == ""


def test_housekeeping_prunes_abandoned_and_stuck_uploads_and_keeps_saved_and_live_ones(inventory, world, settings):
    old = timezone.now() - timedelta(days=settings.PARKCARBON_PRUNE_UPLOADS_DAYS + 1)
    rows = {}
    for name, status, lease in [("invalid", ImportStatus.INVALID, None), ("valid", ImportStatus.VALID, None),
                                ("failed", ImportStatus.FAILED, None), ("stuck", ImportStatus.VALIDATING, None),
                                ("dead", ImportStatus.APPLYING, timezone.now() - timedelta(hours=1)),
                                ("applied", ImportStatus.APPLIED, None),
                                ("live", ImportStatus.APPLYING, timezone.now() + timedelta(minutes=1))]:
        rows[name] = _pending(inventory, None, status, lease_until=lease)
    recent = _pending(inventory, None, ImportStatus.INVALID)
    PendingImport.objects.exclude(pk=recent.pk).update(created_at=old)
    files = {name: p.file.path for name, p in rows.items()}
    assert jobs.housekeeping.call() == "reaped 1, pruned 5"
    left = set(PendingImport.objects.values_list("pk", flat=True))
    assert left == {rows["applied"].pk, rows["live"].pk, recent.pk}
    assert [n for n, f in files.items() if os.path.exists(f)] == ["applied", "live"]


def test_housekeeping_schedules_itself_once_on_the_database_backend(db, settings):
    from django.tasks import TaskResultStatus
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {**settings.TASKS, "db": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
    backend = jobs.housekeeping.using(backend="db")
    jobs.worker_started(task=backend)
    jobs.schedule_housekeeping(after=600, task=backend)
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY, task_path=jobs.housekeeping.module_path)
    assert waiting.count() == 1 and waiting.get().run_after > timezone.now() - timedelta(seconds=5)


# ------------------------------------------------------------------------------------ the snapshot of an upload

@pytest.mark.parametrize("other_sections", [False, True])
def test_the_snapshot_of_a_saved_upload_equals_a_recomputation_from_the_stored_lines(inventory, world, client_for,
                                                                                     other_sections):
    from tests.inventory.conftest import add_lines

    if other_sections:  # the file leaves these alone; the totals include them
        add_lines(inventory, "ippu", [{"activity": "lime_high_calcium", "amount": 2000, "unit": "t"}])
    c = client_for("enterprise_reporter")
    upload(c, inventory, workbook([*ROWS, {"activity": "natural_gas", "amount": 30, "unit": "10^4 Nm3", "month": 3,
                                           "ncv": 389.31, "ncv_unit": "GJ/10^4 Nm3", "ad_uncertainty_pct": 5}]))
    pending = PendingImport.objects.get()
    c.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]), {"confirm_replace": "1"})
    pending.refresh_from_db()
    assert pending.status == ImportStatus.APPLIED
    stored = ResultSnapshot.objects.filter(inventory=inventory).values().get()
    services.refresh_snapshot(inventory)
    again = ResultSnapshot.objects.filter(inventory=inventory).values().get()
    for key in ("id", "computed_at"):
        stored.pop(key), again.pop(key)
    assert _close(stored, again)
    assert ("ippu" in stored["by_section"]) is other_sections
    measured = ActivityLine.objects.get(activity="natural_gas", version__number=2)
    assert measured.measured == {"ncv": {"value": 389.31, "unit": "GJ/10^4 Nm3"}} and measured.ad_uncertainty_pct == 5
    assert ActivityLine.objects.get(activity="bituminous_coal", version__number=2).measured == {}


def _close(a, b, path="") -> bool:
    if isinstance(a, dict):
        assert a.keys() == b.keys(), path
        return all(_close(a[k], b[k], f"{path}.{k}") for k in a)
    if isinstance(a, float):
        assert a == pytest.approx(b, rel=1e-12, abs=1e-12), path
        return True
    assert a == b, path
    return True


def test_the_workbook_is_read_once_per_upload_and_again_only_when_the_inventory_changed(
        inventory, world, client_for, monkeypatch, tmp_path):
    from parkcarbon.inventory.models import Inventory

    log = tmp_path / "reads"  # the reading happens in the task's child process: it counts through a file
    real = imports.read_workbook

    def counted(data, *args, **kwargs):
        with log.open("a") as fh:
            fh.write("read\n")
        return real(data, *args, **kwargs)

    monkeypatch.setattr(imports, "read_workbook", counted)
    c = client_for("enterprise_reporter")
    for change, reads, status in [(None, 1, ImportStatus.APPLIED), ("cn_power_generation", 2, ImportStatus.INVALID)]:
        log.write_text("")
        upload(c, inventory, workbook(ROWS))
        pending = PendingImport.objects.latest("pk")
        assert log.read_text().count("read") == 1 and pending.status == ImportStatus.VALID
        if change:  # the guideline now requires the coal NCV measured: saving checks the workbook again
            Inventory.objects.filter(pk=inventory.pk).update(methodologies=[change])
        c.post(reverse("inventory:import_confirm", args=[inventory.pk, pending.pk]), {"confirm_replace": "1"})
        pending.refresh_from_db()
        assert pending.status == status and log.read_text().count("read") == reads
    assert [(p["row"], "Net calorific value" in p["column"]) for p in pending.problems] == [("3", True)]
    assert not default_storage.exists(f"imports/checked/{PendingImport.objects.earliest('pk').pk}.json")


def test_the_checked_lines_kept_beside_an_upload_read_back_exactly_and_a_damaged_file_means_reading_again(
        inventory):
    import json

    import numpy as np
    import pandas as pd

    frame = imports.line_frame(pd.DataFrame({
        "activity": ["natural_gas", "diesel", "natural_gas"], "amount": [30.1, 2e-17, 1e12], "unit": ["10^4 Nm3", "t", "10^4 Nm3"],
        "month": [3, 0, 12], "ad_uncertainty_pct": [5.0, None, 0.1], "ncv": [389.31, None, None],
        "ncv_unit": ["GJ/10^4 Nm3", None, None], "note": ["甲", None, "x"]}), "energy")
    imports._keep_checked(7, {"energy": frame})
    back = imports._checked(7)["energy"]
    pd.testing.assert_frame_equal(back, frame)  # bit for bit: numbers as their bytes, NaN included
    assert back.at[0, "measured"] == {"ncv": {"value": 389.31, "unit": "GJ/10^4 Nm3"}} and back.at[1, "measured"] is None
    name = imports.checked_name(7)
    older = {"energy": {"activity": {"codes": [0, 1], "categories": ["diesel", "coke"]}, "amount": [1.0, 2.0]}}
    default_storage.delete(name)
    default_storage.save(name, ContentFile(json.dumps(older).encode()))  # lines kept before this format
    assert imports._checked(7)["energy"]["activity"].tolist() == ["diesel", "coke"]
    for damaged in (b"{", b'{"energy": {"amount": {"array": "!!", "type": "<f8"}}}',
                    b'{"energy": {"amount": {"array": "AAAA", "type": "|O"}}}'):
        default_storage.delete(name)
        default_storage.save(name, ContentFile(damaged))
        assert imports._checked(7) is None  # the workbook is then read and checked again
    assert np.isnan(frame["ad_uncertainty_pct"].iloc[1])


def test_failure_messages_exist_in_both_languages():
    for code in jobs.FAILURES:
        with translation.override("en"):
            en = jobs.failure_message(code)
        with translation.override("zh-hans"):
            zh = jobs.failure_message(code)
        assert en and zh and en != zh and "%(" not in en + zh
