"""Background jobs (Django Tasks): the queue behind them is the TASKS setting (database backend by default;
run ``parkcarbon db_worker``; tests use the immediate backend)."""

from django.tasks import task

from parkcarbon.reports.services import build_report


@task
def generate_report(report_id: int) -> str:
    report = build_report(report_id)
    return report.status if report else "skipped-or-failed"
