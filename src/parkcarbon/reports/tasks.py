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
    finally:  # the build records its own errors; a limit it hit is named for the user
        failed = Report.objects.filter(pk=report_id, status__in=[State.FAILED, State.QUEUED, State.RUNNING])
        for pk, error in failed.values_list("pk", "error"):
            Report.objects.filter(pk=pk).update(status=State.FAILED, failure=jobs.failure_of(error),
                                                lease_until=None)
        Report.objects.filter(pk=report_id, status=State.DONE).update(lease_until=None)
    return report.status if report else State.FAILED
