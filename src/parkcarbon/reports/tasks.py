"""Background jobs (Django Tasks): the queue behind them is the TASKS setting (database backend by default;
run ``parkcarbon db_worker``; tests use the immediate backend).

A report build holds a lease renewed by a heartbeat thread and runs under the task time and memory limits
(common/jobs.py): a build that runs out of either fails with a reason, and one whose worker dies is failed by
the reaper."""

from django.tasks import task

from parkcarbon.common import jobs
from parkcarbon.reports.models import Report, State
from parkcarbon.reports.services import build_report


@task
def generate_report(report_id: int) -> str:
    if not jobs.take_lease(Report.objects.filter(status=State.QUEUED, lease_until__isnull=True), report_id):
        return "skipped"  # taken by another worker, reaped, or deleted
    try:
        with jobs.Heartbeat(Report, report_id), jobs.limits():
            report = build_report(report_id)
    except BaseException as exc:  # stopped outside the build's own error handling (e.g. the time limit)
        _finish(report_id, f"{type(exc).__name__}: {exc}")
        raise
    _finish(report_id)
    return report.status if report else State.FAILED


def _finish(report_id: int, error: str = "") -> None:
    """Release the lease; a failed build is named for the user (the limit it hit, or an error)."""
    Report.objects.filter(pk=report_id, status=State.DONE).update(lease_until=None)
    for pk, recorded in Report.objects.filter(pk=report_id).exclude(status=State.DONE).values_list("pk", "error"):
        Report.objects.filter(pk=pk).update(status=State.FAILED, failure=jobs.failure_of(recorded or error),
                                            error=(recorded or error)[:2000], lease_until=None)
