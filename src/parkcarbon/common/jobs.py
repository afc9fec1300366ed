"""Background work that cannot wedge the platform.

A task owns a lease on its row (an upload, a report) while it runs: ``lease_until`` is pushed forward by a
heartbeat. A worker that dies (killed, out of memory, machine restarted) stops renewing it, and the reaper marks the
row failed with a reason the user sees; the user who started it can retry. The reaper runs when a worker starts
(``parkcarbon db_worker``), before every task, from the housekeeping task every few minutes, and when someone looks
at the row. Every task has a time and memory limit: the heavy pure part of an upload (reading the workbook and
computing it) runs in a forked child with ``RLIMIT_AS`` and a deadline, so a hostile file kills only that child; a
report build runs in the worker under the same limits (``SIGALRM`` and a temporary ``RLIMIT_AS``).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import multiprocessing
import os
import resource
import signal
import threading
import time
import traceback
from datetime import timedelta

from django.conf import settings
from django.db import DatabaseError, connection, models
from django.db.models import F
from django.tasks import task
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

log = logging.getLogger(__name__)


class Leased(models.Model):
    """Abstract: the lease and attempt count of a row a background task works on."""

    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    heartbeat_at = models.DateTimeField(_("last heartbeat"), null=True, blank=True)
    lease_until = models.DateTimeField(_("lease until"), null=True, blank=True)
    failure = models.CharField(_("reason of failure"), max_length=20, blank=True)

    class Meta:
        abstract = True

    @property
    def failure_message(self) -> str:
        return failure_message(self.failure)


FAILURES = {
    "worker_died": _("The background worker stopped while this was being processed (it was restarted or ran out of "
                     "memory). Nothing was saved; you can try again."),
    "timeout": _("Processing took longer than the %(minutes)s minutes allowed and was stopped. Nothing was saved."),
    "memory": _("Processing needed more than the %(mb)s MB of memory allowed and was stopped. Nothing was saved."),
    "crashed": _("The file could not be processed: the reader stopped unexpectedly. Nothing was saved. Save the file "
                 "again from the standard template."),
    "error": _("An unexpected error stopped the processing. Nothing was saved; you can try again."),
}


def failure_message(code: str) -> str:
    if not code:
        return ""
    return gettext(str(FAILURES.get(code, FAILURES["error"]))) % {
        "minutes": max(1, settings.PARKCARBON_TASK_TIMEOUT_SECONDS // 60), "mb": settings.PARKCARBON_TASK_MEMORY_MB}


class JobFailed(Exception):
    """The limited part of a task did not finish; ``failure`` is a key of FAILURES."""

    def __init__(self, failure: str, detail: str = ""):
        super().__init__(f"{failure}: {detail}" if detail else failure)
        self.failure, self.detail = failure, detail


# ------------------------------------------------------------------------------------------------------- leases

def lease_seconds() -> int:
    return settings.PARKCARBON_TASK_LEASE_SECONDS


def take_lease(queryset, pk: int, **changes) -> bool:
    """Start work on a row nobody holds (conditions in ``queryset``); False when another worker has it."""
    now = timezone.now()
    return bool(queryset.filter(pk=pk).update(attempts=F("attempts") + 1, heartbeat_at=now, failure="",
                                              lease_until=now + timedelta(seconds=lease_seconds()), **changes))


def renew(model, pk: int) -> None:
    now = timezone.now()
    model.objects.filter(pk=pk, lease_until__isnull=False).update(
        heartbeat_at=now, lease_until=now + timedelta(seconds=lease_seconds()))


class Heartbeat:
    """Renews a row's lease from a thread while the task runs in the main thread (a report build)."""

    def __init__(self, model, pk: int):
        self.model, self.pk, self.stop = model, pk, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True, name=f"heartbeat-{model.__name__}-{pk}")

    def _run(self):
        try:
            while not self.stop.wait(lease_seconds() / 4):
                try:
                    renew(self.model, self.pk)
                except Exception:  # a missed beat is not fatal; the lease allows several
                    log.warning("heartbeat of %s %s failed", self.model.__name__, self.pk, exc_info=True)
        finally:
            connection.close()  # this thread's own connection

    def __enter__(self):
        renew(self.model, self.pk)
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        self.thread.join()


def _leased():
    """(model, statuses a task holds, failed status) of every row kind a task works on."""
    from parkcarbon.inventory.models import ImportStatus, PendingImport
    from parkcarbon.releases.models import (  # releases (#23): a park's restatement
        SeriesRestatement,
        SeriesState,
    )
    from parkcarbon.reports.models import Report, State

    return [(PendingImport, [ImportStatus.VALIDATING, ImportStatus.APPLYING], ImportStatus.FAILED),
            (Report, [State.QUEUED, State.RUNNING], State.FAILED),
            (SeriesRestatement, [SeriesState.QUEUED, SeriesState.RUNNING], SeriesState.FAILED)]


def reap(queryset=None) -> int:
    """Mark failed every row whose task's lease expired (its worker died). Returns how many."""
    now, count = timezone.now(), 0
    for model, running, failed in _leased():
        if queryset is not None and queryset.model is not model:
            continue
        rows = (queryset if queryset is not None else model.objects).filter(status__in=running, lease_until__lt=now)
        extra = {"error": "the worker stopped while generating (lease expired)", "stage": "failed"} \
            if model.__name__ == "Report" else {}
        count += rows.update(status=failed, failure="worker_died", lease_until=None, **extra)
    if count:
        log.warning("reaped %s task(s) whose worker stopped", count)
    return count


# ------------------------------------------------------------------------------------------------------- limits

def _vm_bytes() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _limit_memory(budget_mb: int) -> None:
    """Allow ``budget_mb`` of address space beyond what the process maps now."""
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = _vm_bytes() + budget_mb * 2**20
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _die_with_parent(parent: int) -> None:
    """A worker killed mid-task takes its child along (Linux prctl PR_SET_PDEATHSIG = SIGKILL)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above
        os._exit(1)


def _child(send, fn, args, budget_mb: int, seconds: int, parent: int) -> None:
    try:
        _die_with_parent(parent)
        _limit_memory(budget_mb)
        hard = resource.getrlimit(resource.RLIMIT_CPU)[1]
        cpu = seconds + 5 if hard == resource.RLIM_INFINITY else min(seconds + 5, hard)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu, hard))  # a backstop beside the parent's deadline
        payload = ("ok", fn(*args))
    except MemoryError:
        payload = ("memory", "")
    except BaseException:  # sent to the parent, which records it
        payload = ("error", traceback.format_exc()[-4000:])
    try:
        send.send(payload)
    except MemoryError:
        send.send(("memory", ""))


def run_limited(fn, *args, model=None, pk: int | None = None):
    """``fn(*args)`` in a forked child with the task memory and time limits, renewing the lease of row ``pk`` of
    ``model`` while waiting. ``fn`` must be pure (no database): it sees the parent's memory at fork time and its
    return value is pickled back. Raises JobFailed when the child runs out of time or memory or dies."""
    seconds, budget = settings.PARKCARBON_TASK_TIMEOUT_SECONDS, settings.PARKCARBON_TASK_MEMORY_MB
    ctx = multiprocessing.get_context("fork")
    recv, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(send, fn, args, budget, seconds, os.getpid()), daemon=True)
    proc.start()
    send.close()
    deadline = time.monotonic() + seconds
    try:
        while not recv.poll(max(0.0, min(lease_seconds() / 4, deadline - time.monotonic()))):
            if time.monotonic() >= deadline:
                raise JobFailed("timeout")
            if model is not None:
                renew(model, pk)
        try:
            status, value = recv.recv()
        except (EOFError, OSError) as exc:  # the child died without answering: killed by a signal or a native abort
            proc.join(5)
            raise JobFailed("crashed", f"exit code {proc.exitcode}") from exc
    finally:
        recv.close()
        if proc.is_alive():
            proc.kill()
        proc.join(5)
    if status == "ok":
        return value
    raise JobFailed(status, value)


class TaskTimeout(Exception):
    pass


@contextlib.contextmanager
def limits():
    """The task time limit (SIGALRM, main thread only) and memory limit for work done in this process."""
    seconds, budget = settings.PARKCARBON_TASK_TIMEOUT_SECONDS, settings.PARKCARBON_TASK_MEMORY_MB
    main = threading.current_thread() is threading.main_thread()
    saved = resource.getrlimit(resource.RLIMIT_AS)

    def expire(signum, frame):
        raise TaskTimeout(f"stopped after {seconds} s")

    if main:
        previous = signal.signal(signal.SIGALRM, expire)
        signal.setitimer(signal.ITIMER_REAL, seconds)
        _limit_memory(budget)  # process-wide: only where this is the process's only work
    try:
        yield
    finally:
        if main:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            resource.setrlimit(resource.RLIMIT_AS, saved)


def failure_of(exc_text: str) -> str:
    """The failure key for an exception recorded as text ('TaskTimeout: ...', 'MemoryError')."""
    if exc_text.startswith("TaskTimeout"):
        return "timeout"
    if exc_text.startswith("MemoryError"):
        return "memory"
    return "error"


# -------------------------------------------------------------------------------------------------- housekeeping

def prune_uploads(days: int | None = None) -> int:
    """Delete uploads never saved (problems, not confirmed, failed, or stuck with no live lease) older than
    ``days``, with their files. Saved uploads stay: their file is the evidence of the version they created."""
    from parkcarbon.inventory.imports import forget_checked
    from parkcarbon.inventory.models import ImportStatus, PendingImport

    days = settings.PARKCARBON_PRUNE_UPLOADS_DAYS if days is None else days
    reap(PendingImport.objects.all())
    now = timezone.now()
    stale = (PendingImport.objects.filter(created_at__lt=now - timedelta(days=days))
             .exclude(status=ImportStatus.APPLIED)
             .exclude(status__in=[ImportStatus.VALIDATING, ImportStatus.APPLYING], lease_until__gte=now))
    count = 0
    for pending in stale.iterator():
        forget_checked(pending.pk)
        pending.file.delete(save=False)
        pending.delete()
        count += 1
    return count


@task()
def housekeeping() -> str:
    """Reap dead tasks and prune abandoned uploads, then schedule the next round (one chain per queue)."""
    reaped, pruned = reap(), prune_uploads()
    schedule_housekeeping(after=settings.PARKCARBON_HOUSEKEEPING_SECONDS)
    return f"reaped {reaped}, pruned {pruned}"


def schedule_housekeeping(after: int = 0, task=None) -> None:
    """Enqueue housekeeping unless a round is already waiting (database backend: it runs ``after`` seconds on)."""
    task = task or housekeeping
    if not task.get_backend().supports_defer:
        return  # the immediate backend (tests, development): the reaper still runs before tasks and on views
    from parkcarbon.ops.queue import waiting  # database backend or RQ (deploy, issue #22)

    if not waiting(housekeeping):
        task.using(run_after=timezone.now() + timedelta(seconds=after)).enqueue()


def worker_started(task=None) -> None:
    """On ``parkcarbon db_worker`` / ``parkcarbon worker``: fail what the previous worker left running and start
    housekeeping."""
    try:
        reap()
        schedule_housekeeping(task=task)
    except DatabaseError:  # not migrated yet: the worker still starts; the reaper runs before every task
        log.warning("housekeeping not started: the database is not ready", exc_info=True)


def on_task_started(sender, **kwargs) -> None:
    with contextlib.suppress(Exception):  # never stop a task because the reaper failed
        reap()
